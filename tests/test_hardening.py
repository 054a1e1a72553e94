"""Hostile input: every entry point fails only with our documented errors, and every span is exact.

Property-based tests throw arbitrary Unicode (mixed scripts, bidi marks, zero-width joiners,
combining marks, lone surrogates, NUL, thousands of empty lines) at every public function that
takes text, and assert that nothing but a :class:`~framing.errors.FramingError` escapes and that
every reported span satisfies ``original[start:end] == span_text``. Table-driven tests throw
broken files at the command line (through ``framing.cli.main`` and as real subprocesses) and
damaged, foreign or hostile files at the model loader. Large inputs, many files and signals are
in ``test_hardening_slow.py``.
"""

import gzip
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import threading
import zipfile

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.cli import main
from framing.cues import CueExtractor
from framing.datasets.records import parse_record, read_records
from framing.errors import DataFormatError, FramingError, InputError, ModelError, UsageError
from framing.models.bundle import Bundle
from framing.models.linear import META_SHA_KEY, _meta_sha, load_models
from framing.targets import load_targets
from framing.text import (
    classify_blocks,
    decode_bytes,
    detect_language,
    find_quotes,
    normalize,
    normalize_text,
    parse_document,
    split_blocks,
    split_sentences,
    tokenize,
)
from framing.text.lang import LANGUAGES

EXTRACTOR = CueExtractor()
TARGETS = load_targets()

# -- hostile text ---------------------------------------------------------------

#: Characters that have broken text pipelines: Arabic letters, diacritics and tatweel; bidi marks,
#: embeddings and isolates; zero-width (non-)joiners; combining marks; lone surrogates; NUL and
#: other controls; every quotation-mark family; one-to-many NFKC/casefold characters (U+FDFA
#: becomes 18 characters, U+FEFB two, ß two, İ two); Arabic-Indic digits; line and paragraph
#: separators.
TRICKY = (
    "abc XYZ 09 \n\n\r\t\f\v.!?\u061f\u061b\u060c:;-'\u2019"
    "\u0627\u0644\u063a\u0631\u0628\u0647\u0633\u062a\u064a\u0631\u0648\u0633\u0629\u0649\u0623\u0625\u0622\u0671"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u0300\u0301\u0327\u0345\u20dd"
    "\ud800\udbff\udc00\udfff"
    "\x00\x01\x1b\x7f\x85\u2028\u2029"
    "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a"
    "\ufdfa\ufefb\u00df\u0130\u1e9e\u2126\u212a\u03a3\u0663\u06f5"
)
#: Pieces that trigger the cue rules, targets and block classes, so that random strings reach them.
FRAGMENTS = [
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 ",  # قال الوزير إن
    "\u0648\u0642\u0627\u0644\u062a \u0627\u0644\u062e\u0627\u0631\u062c\u064a\u0629: ",  # وقالت الخارجية:
    "\u0627\u0644\u063a\u0631\u0628 ", "\u0644\u0644\u063a\u0631\u0628 ",  # الغرب للغرب
    "\u0627\u0644\u0636\u0641\u0629 \u0627\u0644\u063a\u0631\u0628\u064a\u0629 ",  # الضفة الغربية
    "\u0647\u0633\u062a\u064a\u0631\u064a\u0627 ",  # هستيريا
    "\u0627\u0644\u062e\u0628\u0631\u0627\u0621 \u0627\u0644\u063a\u0631\u0628\u064a\u0648\u0646 ",  # الخبراء الغربيون
    "\u0631\u0648\u0633\u064a\u0627 ", "\u0646\u062d\u0646 ", "\u0644\u0645\u0627\u0630\u0627\u061f ",  # روسيا نحن لماذا؟
    "the West ", "West Bank ", "Russia ", "claimed that ", "He said: ", "according to experts ",
    "was attacked by them ", "the most brutal ", "Western experts ", "we ", "Dr. ", "U.S. ",
    "\u00ab", "\u00bb", "\u201c", "\u201d", '"', "'", "\u2018", "\u2019",
    ". ", "! ", "? ", "\u061f ", "\n", "\n\n", "\r\n", " \u00a0 ",
    "Source link", "\u0627\u0642\u0631\u0623 \u0623\u064a\u0636\u0627: ",  # اقرأ أيضا:
    "2022-01-20 10:30 ", "\u0661\u0662 \u064a\u0646\u0627\u064a\u0631 \u0662\u0660\u0662\u0662 ",  # ١٢ يناير ٢٠٢٢
    "<p>", "</p>", "<html>", "<body>", "<script>x</script>", "<title>T</title>",
    "\u0640\u0640", "\u0651\u064e", "\u200d", "\u200f", "\u202e", "\x00", "\ud800", "\udfff", "\ufdfa",
]

hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=())),  # any code point, surrogates included
    st.text(alphabet=TRICKY, max_size=300),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(alphabet=TRICKY, max_size=3), max_size=60).map("".join),
)

#: Inputs every text function must survive, whatever hypothesis draws.
EXAMPLES = [
    "",
    "\x00",
    "\x00" * 50 + "\u0627\u0644\u063a\u0631\u0628",
    "\n" * 5000 + "x",
    "a" + "\n\n" * 3000 + "b",
    "\ud800\udc00\udfff\ud800",
    "\u0627\u0644\u063a\u0631\u0628\u200d\u200c\u200f \u202bthe West\u202c \u0301\u0651",
    "\u201c\u00ab\"\u201d\u00bb\u2039 \u061f?!",
    "\ufdfa" * 20,
]


def with_examples(**others):
    """Run a property test on every one of EXAMPLES too (``others``: values of its other arguments)."""

    def decorate(test):
        for text in EXAMPLES:
            test = example(text=text, **others)(test)
        return test

    return decorate


def documented(call, *args, **kwargs):
    """Call; a FramingError is an allowed outcome (None), anything else fails the test."""
    try:
        return call(*args, **kwargs)
    except FramingError:
        return None


def assert_exact(original, spans):
    for sp in spans:
        assert 0 <= sp.start <= sp.end <= len(original), sp
        assert original[sp.start : sp.end] == sp.text, (sp, original[sp.start : sp.end])


# -- 1. property-based tests of the text functions --------------------------------


@with_examples()
@given(hostile_text)
def test_normalize_maps_every_character_back(text):
    n = normalize(text)
    assert normalize_text(text) == n.text
    assert len(n.starts) == len(n.ends) == len(n.text)
    previous = 0
    for i in range(len(n.text)):
        a, b = n.to_original(i, i + 1)
        assert previous <= a <= b <= len(text)
        previous = a
    assert n.to_original(0, len(n.text))[1] <= len(text)


@with_examples(offset=7)
@given(hostile_text, st.integers(0, 10_000))
def test_tokens_are_exact_and_in_order(text, offset):
    tokens = tokenize(text)
    assert_exact(text, tokens)
    assert all(t.start < t.end for t in tokens)
    # in order; tokens share a span only when one character folds into several words (U+FDFA)
    assert all(a.start <= b.start and a.end <= b.end for a, b in zip(tokens, tokens[1:]))
    shifted = tokenize(text, offset=offset)
    assert [(t.start - offset, t.end - offset) for t in shifted] == [(t.start, t.end) for t in tokens]


@with_examples(offset=7)
@given(hostile_text, st.integers(0, 10_000))
def test_sentences_are_exact(text, offset):
    assert_exact(text, split_sentences(text))
    padded = "#" * offset + text
    assert_exact(padded, split_sentences(text, offset=offset))


@with_examples()
@given(hostile_text)
def test_quotes_are_exact(text):
    for include_single in (False, True):
        quotes = find_quotes(text, include_single=include_single)
        assert_exact(text, quotes)
        assert all(a.end <= b.start for a, b in zip(quotes, quotes[1:]))


@with_examples(title="\u0639\u0646\u0648\u0627\u0646")
@given(hostile_text, st.one_of(st.none(), hostile_text))
def test_blocks_are_exact_and_classified(text, title):
    spans = split_blocks(text)
    assert_exact(text, spans)
    blocks = classify_blocks(text, spans, title=title)
    assert_exact(text, blocks)
    assert [(b.start, b.end) for b in blocks] == [(s.start, s.end) for s in spans]
    assert {b.kind for b in blocks} <= {"title", "dateline", "body", "related", "boilerplate"}
    assert {b.lang for b in blocks} <= set(LANGUAGES)


@with_examples()
@given(hostile_text)
def test_language_is_always_one_of_three(text):
    assert detect_language(text) in LANGUAGES


@with_examples(html=None)
@given(hostile_text, st.sampled_from([None, True, False]))
def test_parse_document_and_cues_in_document(text, html):
    doc = documented(parse_document, text, html=html, max_paragraph_chars=5000)
    if doc is None:
        return
    assert_exact(doc.text, doc.blocks)
    assert doc.lang in LANGUAGES
    for start, cues in EXTRACTOR.find_in_document(doc).items():
        assert start in {b.start for b in doc.blocks}
        assert_exact(doc.text, cues)


@with_examples(lang=None, offset=3)
@given(hostile_text, st.sampled_from([None, "ar", "en", "other"]), st.integers(0, 50))
def test_cues_are_exact(text, lang, offset):
    cues = EXTRACTOR.find(text, lang)
    assert_exact(text, cues)
    assert all(c.voice in ("outlet", "quote", "attributed") for c in cues)
    shifted = EXTRACTOR.find(text, lang, offset=offset)
    assert_exact("#" * offset + text, shifted)


@with_examples()
@given(hostile_text)
def test_target_mentions_are_exact(text):
    for lang in ("ar", "en", "other"):
        assert_exact(text, TARGETS.mentions(text, lang))


@given(st.binary(max_size=600))
@example(b"\xff\xfe")
@example(b"\x00\x00\xfe\xff\x00")
@example("\u0645\u0631\u062d\u0628\u0627".encode("utf-16-le")[:-1])
@example("\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645".encode("utf-8")[:-1])
@example(b"\xed\xa0\x80 lone surrogate in UTF-8")
def test_decode_bytes_refuses_only_with_input_errors(data):
    try:
        decoded = decode_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert "fuzz.txt" in str(exc) and "\n" not in str(exc)
        return
    assert decoded.text.strip() and not decoded.text.startswith("\ufeff")


@with_examples(encoding="utf-16-le")
@given(hostile_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1256"]))
def test_decode_bytes_of_hostile_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    documented(decode_bytes, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)
record_fields = st.sampled_from(
    ["text", "id", "lang", "doc_id", "target", "stance", "confidence", "mentions", "targets", "label",
     "techniques", "spans", "topic", "extra"]
)
#: Values that look right but are not: JSON cells in strings, deep nesting, wrong types.
TRICKY_VALUES = [5, True, -1, 1e308, float("nan"), "", " ", "[", "[" * 5000, "{}", "[{\"start\": 0}]",
                 "[{\"start\": 0, \"end\": 1}]", [{"start": 0, "end": 10**9}], [{"start": True, "end": 1}],
                 {"start": 0, "end": 1}, ["FAVOR"], "favor", "AGAINST", "high", "Loaded_Language,Doubt"]


@given(st.dictionaries(record_fields, json_values | st.sampled_from(TRICKY_VALUES), max_size=8), hostile_text)
@example({"target": "t", "stance": "FAVOR", "mentions": 5}, "x")
@example({"targets": [{"target": "t", "stance": "FAVOR", "mentions": True}]}, "x")
@example({"spans": "[" * 100_000}, "x")
@example({"targets": "[" * 100_000 + "]" * 100_000}, "x")
def test_parse_record_refuses_only_with_data_format_errors(obj, text):
    if "text" not in obj:
        obj = dict(obj, text=text)
    try:
        record = parse_record(obj, source="fuzz.jsonl", line=3)
    except DataFormatError as exc:
        assert "fuzz.jsonl: line 3" in str(exc)
        return
    n = len(record.text)
    assert all(0 <= a < b <= n for a, b, _ in record.spans)
    assert all(0 <= a < b <= n for t in record.targets for a, b in t.mentions)
    assert all(t.stance in ("FAVOR", "AGAINST", "NONE") for t in record.targets)


# -- 2. the command line against bad files ---------------------------------------------

ARTICLE = (
    "\u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u062e\u0628\u0631\n\n"  # عنوان الخبر
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u063a\u0631\u0628 "
    "\u064a\u062b\u064a\u0631 \u0647\u0633\u062a\u064a\u0631\u064a\u0627 \u0636\u062f \u0631\u0648\u0633\u064a\u0627.\n\n"
    "Source link\n"
)
EN_ARTICLE = "Talks ended\n\nThe minister claimed that Western experts spread hysteria about Russia.\n"


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err):
    """stderr lines that are not progress or warnings."""
    return [
        line for line in err.splitlines()
        if line.strip() and not line.startswith(("framing: warning:", "framing: training", "framing: building",
                                                  "framing: wrote"))
    ]


def assert_no_traceback(err):
    assert "Traceback" not in err and 'File "' not in err, err


def assert_one_line_error(err, *needles):
    assert_no_traceback(err)
    lines = error_lines(err)
    assert len(lines) == 1, err
    assert lines[0].startswith("framing"), lines[0]  # "framing: error: ..." or argparse's "framing score: error: ..."
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


#: (name, file name, content, exit code, what stderr says). Content is bytes.
BAD_ARTICLES = [
    ("truncated UTF-8", "trunc.txt", ARTICLE.encode()[:-2] + "\u0631".encode()[:1], 0, "truncated UTF-8"),
    ("UTF-8 with a bad byte mid-file", "badbyte.txt", ARTICLE.encode()[:40] + b"\xff" + ARTICLE.encode()[40:] * 30,
     0, "replaced by U+FFFD"),
    ("UTF-16-LE without BOM", "u16le.txt", ARTICLE.encode("utf-16-le"), 0, "no byte-order mark"),
    ("UTF-16-BE without BOM", "u16be.txt", ARTICLE.encode("utf-16-be"), 0, "no byte-order mark"),
    ("English UTF-16-LE without BOM", "en16.txt", EN_ARTICLE.encode("utf-16-le"), 0, "no byte-order mark"),
    ("truncated UTF-16 without BOM", "u16cut.txt", ARTICLE.encode("utf-16-le")[:-1], 2, "not valid UTF-16-LE"),
    ("UTF-16 with BOM", "u16.txt", ARTICLE.encode("utf-16"), 0, None),
    ("UTF-32 with BOM", "u32.txt", ARTICLE.encode("utf-32"), 0, None),
    ("Windows-1256", "cp1256.txt", ARTICLE.replace("Source link", "").encode("cp1256"), 0, "Windows-1256"),
    ("mojibake", "moji.txt", ARTICLE.encode("utf-8").decode("cp1252", "replace").encode("utf-8"), 0, None),
    ("thousands of empty lines", "lines.txt", b"\n" * 20_000 + ARTICLE.encode() + b"\r\n" * 20_000, 0, None),
    ("bidi and zero-width only", "zw.txt", "\u200d\u200c\u200e\u200f\u2066\u2069".encode() * 200, 0, None),
    ("Markdown", "a.md", b"# Title\n\nSome *markdown* text with a [link](http://x).", 0, None),
    ("HTML with no body", "nobody.html", b"<html><head><title></title></head></html>", 2, "no article text"),
    ("HTML with only a title", "title.html", b"<html><head><title>Only a title</title></head><body></body></html>",
     2, "no article text"),
    ("HTML with only scripts", "script.html", b"<!doctype html><html><body><script>for(;;){}</script></body></html>",
     2, "no article text"),
    ("HTML, unclosed tags", "unclosed.html", b"<html><body><p>One paragraph <b>bold<p>Two <script>x", 0, None),
    ("HTML by content in a .txt", "page.txt", b"<!DOCTYPE html><html><body><p>Words here.</p></body></html>", 0, None),
    ("empty", "empty.txt", b"", 2, "is empty"),
    ("whitespace only", "ws.txt", b" \n\n\t \r\n \xc2\xa0", 2, "is empty"),
    ("a UTF-8 BOM only", "bom.txt", b"\xef\xbb\xbf", 2, "is empty"),
    ("a UTF-16 BOM only", "bom16.txt", b"\xff\xfe", 2, "is empty"),
    ("NUL bytes", "nul.txt", b"\x00" * 64, 2, "NUL"),
    ("control characters", "ctl.txt", b"hello\x01\x02\x03\x04\x05 world", 2, "control characters"),
    ("random binary", "random.txt", bytes((i * 7919 + 13) % 256 for i in range(4096)), 2, "not text"),
    ("high bytes only", "high.txt", bytes((i * 37 + 11) % 127 + 129 for i in range(3000)), 2, "cannot be decoded"),
    ("gzip'd text", "article.txt", gzip.compress(ARTICLE.encode()), 2, "gzip"),
    ("a zip archive", "doc.txt", b"PK\x03\x04" + bytes(100), 2, "zip"),
    ("a PDF", "doc2.txt", b"%PDF-1.7\n" + bytes(range(256)), 2, "PDF"),
    ("a PNG", "img.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), 2, "PNG"),
    ("a Python pickle", "p.txt", pickle.dumps({"a": 1}, protocol=4), 2, "pickle"),
    ("UTF-16 with a byte lost mid-way", "u16mid.txt",
     ARTICLE.encode("utf-16-le")[:21] + ARTICLE.encode("utf-16-le")[22:], 2, "not valid UTF-16"),
]


@pytest.mark.parametrize("name, filename, content, code, needle", BAD_ARTICLES, ids=[c[0] for c in BAD_ARTICLES])
def test_score_bad_articles(tmp_path, capsys, name, filename, content, code, needle):
    path = tmp_path / filename
    path.write_bytes(content)
    got, out, err = run(["score", path, "--no-model", "--format", "json"], capsys)
    assert got == code, err
    assert_no_traceback(err)
    if code == 2:
        assert out == ""
        assert_one_line_error(err, str(path), needle)
    else:
        doc = json.loads(out)
        assert_exact_document(doc)
        if needle:
            assert needle in err or any(needle in w for w in doc["warnings"]), err


def assert_exact_document(doc):
    for group in ("paragraphs", "related", "removed"):
        for b in doc[group]:
            assert doc["text"][b["start"] : b["end"]] == b["text"]
            for c in b.get("cues", []):
                assert doc["text"][c["start"] : c["end"]] == c["text"]


@pytest.mark.parametrize("name, filename, content, code, needle",
                         [c for c in BAD_ARTICLES if c[0] in ("truncated UTF-8", "Windows-1256", "gzip'd text",
                                                              "HTML with only a title", "random binary")],
                         ids=lambda v: v if isinstance(v, str) and " " in v else None)
def test_score_bad_articles_with_the_default_model(tmp_path, capsys, name, filename, content, code, needle):
    path = tmp_path / filename
    path.write_bytes(content)
    got, out, err = run(["score", path, "--format", "json"], capsys)
    assert got == code, err
    assert_no_traceback(err)
    if code == 0:
        doc = json.loads(out)
        assert_exact_document(doc)
        assert all("stance" in p for p in doc["paragraphs"])
    else:
        assert_one_line_error(err, str(path), needle)


@settings(max_examples=25)
@given(st.binary(min_size=1, max_size=2000))
def test_score_random_bytes_exits_as_documented(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("random") / "random.txt"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stdout(out), redirect_stderr(err):
        code = main(["score", str(path), "--no-model", "--format", "jsonl"])
    assert_no_traceback(err.getvalue())
    assert code in (0, 2)
    if code == 2:
        assert_one_line_error(err.getvalue(), str(path))
    else:
        assert_exact_document(json.loads(out.getvalue()))


GOOD_LINES = [
    {"id": "first", "text": ARTICLE},
    {"id": "second", "html": "<html><body><h1>Title</h1><p>One paragraph about Russia.</p></body></html>"},
    {"id": "third", "text": EN_ARTICLE, "title": "Talks ended", "date": 20220120, "source": ["x"]},
    {"id": "fourth", "text": "\u0627\u0644\u063a\u0631\u0628 \ud800 \x00 \u200f\u0647\u0633\u062a\u064a\u0631\u064a\u0627"},
]
#: (name, raw JSONL line, what the error says)
BAD_LINES = [
    ("broken JSON", '{"id": "b", "text": broken', "invalid JSON"),
    ("deeply nested JSON", "[" * 100_000, "nested too deeply"),
    ("a list", "[1, 2]", "JSON object"),
    ("a string", '"just text"', "JSON object"),
    ("no text", '{"id": "x"}', "no 'text' or 'html'"),
    ("text is a number", '{"id": "n", "text": 5}', "no 'text' or 'html'"),
    ("html is a list", '{"id": "h", "html": ["<p>"]}', "no 'text' or 'html'"),
    ("empty text", '{"id": "e", "text": "  "}', "is empty"),
    ("HTML with no body", '{"id": "nb", "html": "<html></html>"}', "no article text"),
    ("a paragraph over the limit", json.dumps({"id": "long", "text": "x" * 250_000}), "over the limit"),
]


def test_jsonl_collection_scores_every_good_article_in_order(tmp_path, capsys):
    lines = []
    for i, good in enumerate(GOOD_LINES):
        lines.append(json.dumps(good))  # lone surrogates and NUL as JSON escapes
        lines.extend(raw for _, raw, _ in BAD_LINES[i::len(GOOD_LINES)])
        lines.append("")
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["score", path, "--no-model", "-o", tmp_path / "out.jsonl"], capsys)
    assert code == 1, err
    assert out == ""
    assert_no_traceback(err)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    scored = [r for r in records if "error" not in r]
    failed = [r for r in records if "error" in r]
    assert [r["id"] for r in scored] == [g["id"] for g in GOOD_LINES]
    assert len(failed) == len(BAD_LINES)
    for r in scored:
        assert_exact_document(r)
    messages = error_lines(err)
    assert len(messages) == len(BAD_LINES)
    for (_, _, needle), record in zip(sorted(BAD_LINES, key=lambda b: lines.index(b[1])), failed):
        assert needle in record["error"], (needle, record)
        assert str(path) in record["error"] and "line " in record["error"]


def test_jsonl_collection_of_bad_lines_only_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(raw for _, raw, _ in BAD_LINES) + "\n", encoding="utf-8")
    code, out, err = run(["score", path, "--no-model"], capsys)
    assert code == 2
    assert_no_traceback(err)
    assert error_lines(err)[-1] == f"framing: error: none of the {len(BAD_LINES)} article(s) could be scored"
    assert len(out.splitlines()) == len(BAD_LINES)


@pytest.mark.parametrize("content, needle", [(b"", "is empty"), (b"\x00\x01" * 40, "not text"),
                                             (gzip.compress(b'{"text": "x"}'), "gzip")])
def test_unreadable_jsonl_collection_exits_2(tmp_path, capsys, content, needle):
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    code, out, err = run(["score", path, "--no-model"], capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, str(path), needle)


def test_directory_of_tiny_files(tmp_path, capsys):
    d = tmp_path / "tiny"
    contents = [b"a", b"", b"\x00", "\u0628".encode(), b"x\n", b"\xff\xfe", b" ", b"<p>", b"?", b"\xef\xbb\xbf"]
    for i, data in enumerate(contents * 3):
        (d / f"sub{i % 2}").mkdir(parents=True, exist_ok=True)
        (d / f"sub{i % 2}" / f"{i:03d}.txt").write_bytes(data)
    (d / ".hidden.txt").write_bytes(b"hidden")
    (d / "notes.csv").write_bytes(b"ignored")
    code, out, err = run(["score", d, "--no-model"], capsys)
    assert code == 1
    assert_no_traceback(err)
    records = [json.loads(line) for line in out.splitlines()]
    expected = sorted(os.path.join(f"sub{i % 2}", f"{i:03d}.txt") for i in range(len(contents) * 3))
    assert [r["id"] for r in records] == expected
    good = [r for r in records if "error" not in r]
    bad = [r for r in records if "error" in r]
    assert good and bad
    assert len(error_lines(err)) == len(bad)
    for r in good:
        assert_exact_document(r)


def test_empty_directory_exits_2(tmp_path, capsys):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "empty" / "sub" / "data.csv").write_text("x")
    code, out, err = run(["score", tmp_path / "empty", "--no-model"], capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, "empty directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_in_a_directory_does_not_block_the_run(tmp_path, capsys):
    d = tmp_path / "with-pipe"
    d.mkdir()
    (d / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    os.mkfifo(d / "b.txt")  # nobody ever writes to it: opening it would block forever
    (d / "c.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(d / "missing.txt", d / "d.txt")
    code, out, err = run(["score", d, "--no-model"], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert "not a regular file" in records[1]["error"]
    assert "no such file" in records[3]["error"]
    assert_no_traceback(err)


# -- output paths ----------------------------------------------------------------------


@pytest.mark.parametrize("where, needle", [("missing/dir/out.json", "does not exist"), (".", "is a directory")])
def test_unwritable_output_is_a_one_line_error(tmp_path, capsys, where, needle):
    src = tmp_path / "a.txt"
    src.write_text(EN_ARTICLE, encoding="utf-8")
    out_path = tmp_path / where
    for argv in (["score", src, "--no-model", "-o", out_path],
                 ["datasets", "convert", "framing", "-o", out_path],
                 ["train", "--task", "persuasion", "--data", "framing", "--out", out_path]):
        code, _, err = run(argv, capsys)
        assert code == 2, (argv, err)
        assert_one_line_error(err, needle)
    assert [p.name for p in tmp_path.rglob("*.part")] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_output_to_a_pipe_is_written_through_not_replaced(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(EN_ARTICLE, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []

    def read_all():
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    code, _, err = run(["score", src, "--no-model", "--format", "json", "-o", fifo], capsys)
    reader.join(10)  # it ends once the writer has closed the pipe (it may still be finishing its read)
    if reader.is_alive():  # the fix is missing: release a reader still waiting for a writer, then fail
        try:  # without blocking: if no reader waits, opening for writing would wait forever
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        reader.join(10)
    assert code == 0, err
    assert os.path.exists(fifo) and not os.path.isfile(fifo), "the pipe was replaced by a file"
    assert json.loads(got[0])["lang"] == "en"


# -- records: train, evaluate, datasets --------------------------------------------------

PERSUASION_RECORDS = [
    {"text": f"\u0627\u0644\u063a\u0631\u0628 \u064a\u062b\u064a\u0631 \u0647\u0633\u062a\u064a\u0631\u064a\u0627 "
             f"\u0645\u0641\u062a\u0639\u0644\u0629 \u0631\u0642\u0645 {i}", "label": True, "doc_id": f"d{i}"}
    for i in range(12)
] + [
    {"text": f"\u0639\u0642\u062f \u0627\u0644\u0648\u0632\u064a\u0631 \u0627\u062c\u062a\u0645\u0627\u0639\u0627 "
             f"\u0639\u0627\u062f\u064a\u0627 \u0631\u0642\u0645 {i}", "label": False, "doc_id": f"e{i}"}
    for i in range(12)
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


#: (name, file name, content, what the error says)
BAD_RECORD_FILES = [
    ("CSV with a semicolon delimiter", "recs.csv", "text;label\nx;1\ny;0\n", "delimiter"),
    ("CSV with a cell over 128 KiB", "big.csv", 'text,label\n"' + "x" * 200_000 + '",1\n', "line 2: is not valid CSV"),
    ("CSV with more cells than columns", "wide.csv", "text,label\nx,1,extra\n", "more cells"),
    ("CSV mentions that are not JSON", "m.csv", 'text,target,stance,mentions\nab,t,FAVOR,"[{bad"\n', "mentions"),
    ("an empty CSV", "empty.csv", "", "no 'text' column"),
    ("JSONL with one broken line", "broken.jsonl",
     json.dumps(PERSUASION_RECORDS[0]) + "\n{broken\n", "line 2: invalid JSON"),
    ("JSONL nested too deeply", "deep.jsonl", json.dumps(PERSUASION_RECORDS[0]) + "\n" + "[" * 100_000, "nested too deeply"),
    ("mentions that are a number", "mnum.jsonl", '{"text": "x", "target": "t", "stance": "FAVOR", "mentions": 5}\n',
     "'mentions' must be a list"),
    ("a span out of range", "span.jsonl", '{"text": "abc", "spans": [{"start": 0, "end": 9}]}\n', "out of range"),
    ("a stance that is not one", "stance.jsonl", '{"text": "abc", "target": "t", "stance": "FOR"}\n', "stance 'FOR'"),
    ("not UTF-8", "latin.jsonl", "\u00e9t\u00e9".encode("latin-1"), "not UTF-8"),
    ("gzip'd records", "gz.jsonl", gzip.compress(b'{"text": "x"}\n'), "not UTF-8"),
    ("blank lines only", "blank.jsonl", "\n\n\n", "no usable records"),
]


@pytest.mark.parametrize("name, filename, content, needle", BAD_RECORD_FILES, ids=[c[0] for c in BAD_RECORD_FILES])
@pytest.mark.parametrize("command", ["train", "evaluate", "stats"])
def test_bad_record_files(tmp_path, capsys, name, filename, content, needle, command):
    path = tmp_path / filename
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    argv = {
        "train": ["train", "--task", "persuasion", "--data", path, "--out", tmp_path / "m.npz"],
        "evaluate": ["evaluate", "--task", "cues", "--data", path],
        "stats": ["datasets", "stats", path],
    }[command]
    code, out, err = run(argv, capsys)
    assert code == 2, err
    assert_one_line_error(err, needle)
    assert not (tmp_path / "m.npz").exists()


def test_csv_mentions_are_json_cells(tmp_path):
    path = tmp_path / "recs.csv"
    path.write_text('text,target,stance,mentions\n"\u0627\u0644\u063a\u0631\u0628 \u0647\u0646\u0627",'
                    '\u0627\u0644\u063a\u0631\u0628,AGAINST,"[{""start"": 0, ""end"": 5}]"\n', encoding="utf-8")
    (record,) = read_records(path)
    assert record.targets[0].mentions == ((0, 5),)


@pytest.mark.parametrize("option, needle", [
    (["--C", "-1"], "--C must be a positive number"),
    (["--C", "0"], "--C must be a positive number"),
    (["--C", "nan"], "--C must be a positive number"),
    (["--C", "inf"], "--C must be a positive number"),
    (["--cv", "1"], "--cv needs at least 2 folds"),
    (["--cv", "-3"], "--cv needs at least 2 folds"),
    (["--seed", "-1"], "--seed must be between"),
    (["--seed", str(2**40)], "--seed must be between"),
    (["--C", "x"], "invalid float value"),
    (["--task", "sentiment"], "invalid choice"),
])
def test_train_refuses_bad_options_before_training(tmp_path, capsys, option, needle):
    data = write_jsonl(tmp_path / "recs.jsonl", PERSUASION_RECORDS)
    argv = ["train", "--task", "persuasion", "--data", data, "--out", tmp_path / "m.npz", *option]
    code, _, err = run(argv, capsys)
    assert code == 2
    assert_one_line_error(err, needle)
    assert "training" not in err
    assert not (tmp_path / "m.npz").exists()


def test_train_with_an_undecodable_file_name(tmp_path, capsys):
    name = os.fsdecode(b"recs-\xff.jsonl")  # a lone surrogate in the path, and so in the model's recipe
    data = write_jsonl(tmp_path / name, PERSUASION_RECORDS)
    code, _, err = run(["train", "--task", "persuasion", "--data", data, "--out", tmp_path / "m.npz"], capsys)
    assert code == 0, err
    models, meta = load_models(tmp_path / "m.npz")
    assert name in meta["recipe"]


@pytest.mark.parametrize("argv, needle", [
    (["datasets", "convert", "nope", "-o", "{tmp}/x.jsonl"], "unknown dataset 'nope'"),
    (["datasets", "convert", "mawqif", "{tmp}/missing", "-o", "{tmp}/x.jsonl"], "no such file or directory"),
    (["datasets", "convert", "mawqif", "{tmp}", "-o", "{tmp}/x.jsonl"], "unexpected format"),
    (["datasets", "stats", "{tmp}/missing.jsonl"], "no such file"),
    (["datasets", "stats", "{tmp}"], "is a directory"),
    (["evaluate", "--task", "cues", "--data", "{tmp}/missing.jsonl"], "no such file"),
])
def test_datasets_and_evaluate_usage_errors(tmp_path, capsys, argv, needle):
    code, _, err = run([a.format(tmp=tmp_path) for a in argv], capsys)
    assert code == 2
    assert_one_line_error(err, needle)
    assert not (tmp_path / "x.jsonl").exists()


def test_datasets_convert_and_stats_round_trip(tmp_path, capsys):
    out_path = tmp_path / "framing.jsonl"
    code, _, err = run(["datasets", "convert", "framing", "-o", out_path], capsys)
    assert code == 0, err
    code, out, err = run(["datasets", "stats", out_path, "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["records"] == len(out_path.read_text(encoding="utf-8").splitlines())


# -- a few real subprocesses ---------------------------------------------------------------


def framing_process(*argv, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "framing", *map(str, argv)], input=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=300)


@pytest.mark.parametrize("argv, stdin, code, needle", [
    (["score", "-", "--no-model"], bytes(range(256)) * 4, 2, "<stdin>: is not text"),
    (["score", "-", "--no-model"], b"", 2, "<stdin>: is empty"),
    (["score", "-", "--no-model", "--format", "json"], ARTICLE.encode("utf-16-le"), 0, "no byte-order mark"),
    (["score", "-", "--no-model"], ARTICLE.encode("utf-16-le")[:-1], 2, "<stdin>: is not valid UTF-16-LE"),
    (["score", "{tmp}/c.jsonl", "--no-model"], None, 1, "line 2: invalid JSON"),
    (["score", "{tmp}/missing.txt"], None, 2, "no such file"),
    (["train", "--task", "persuasion", "--data", "{tmp}/recs.csv", "--out", "{tmp}/m.npz"], None, 2, "delimiter"),
    (["score", "{tmp}/a.txt", "--no-model", "-o", "{tmp}/no/such/dir/out.json"], None, 2, "does not exist"),
])
def test_real_processes(tmp_path, argv, stdin, code, needle):
    (tmp_path / "c.jsonl").write_text('{"text": "One."}\n{broken\n{"text": "Two."}\n', encoding="utf-8")
    (tmp_path / "recs.csv").write_text("text;label\nx;1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    proc = framing_process(*[a.format(tmp=tmp_path) for a in argv], stdin=stdin)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, err
    assert_no_traceback(err)
    if needle:
        assert needle in err
    if code == 2:
        assert len(error_lines(err)) == 1, err


# -- 3. models ------------------------------------------------------------------------------


class Marker:
    """Unpickling this creates a file: proof that a pickle was loaded."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A persuasion model trained through the command line on a tiny JSONL file."""
    d = tmp_path_factory.mktemp("model")
    data = write_jsonl(d / "recs.jsonl", PERSUASION_RECORDS)
    code = main(["train", "--task", "persuasion", "--data", str(data), "--out", str(d / "m.npz")])
    assert code == 0
    return d / "m.npz"


def rewrite(src, dst, edit_meta=None, edit_arrays=None, *, fresh_checksum=False, drop_checksum=False):
    """Rewrite a model file with edited metadata or arrays (as a careless or hostile editor would)."""
    with np.load(src, allow_pickle=False) as z:
        meta = json.loads(bytes(z["__meta__"]).decode("utf-8"))
        arrays = {k: z[k] for k in z.files if k != "__meta__"}
    if edit_meta:
        edit_meta(meta)
    if edit_arrays:
        edit_arrays(arrays)
        meta["sha256"] = {k: hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest() for k, a in arrays.items()}
    if drop_checksum:
        meta.pop(META_SHA_KEY, None)
    elif fresh_checksum:
        meta[META_SHA_KEY] = _meta_sha(meta)
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(dst, **arrays)
    return dst


def first_model(meta):
    return next(iter(meta["models"].values()))


def first_key(arrays, part):
    return next(k for k in arrays if k.endswith(f"/{part}"))


#: (name, how the file is damaged, what the error says). Each editor gets (source model, destination).
DAMAGED_MODELS = [
    ("truncated to half", lambda src, dst: dst.write_bytes(src.read_bytes()[: src.stat().st_size // 2]),
     "damaged or truncated"),
    ("truncated to 10 bytes", lambda src, dst: dst.write_bytes(src.read_bytes()[:10]), "damaged or truncated"),
    ("empty", lambda src, dst: dst.write_bytes(b""), "not a framing model"),
    ("a flipped byte in the middle",
     lambda src, dst: dst.write_bytes(flip(src.read_bytes(), src.stat().st_size // 2)), "damaged"),
    ("a flipped byte near the start", lambda src, dst: dst.write_bytes(flip(src.read_bytes(), 45)), "damaged"),
    ("a text file", lambda src, dst: dst.write_text(EN_ARTICLE), "not a framing model"),
    ("a NumPy array", lambda src, dst: dst.write_bytes(npy_bytes(np.zeros(3))), "not a framing model"),
    ("an npz of someone else", lambda src, dst: write_zip(dst, {"weights.npy": npy_bytes(np.zeros(3))}),
     "no framing metadata"),
    ("an unknown format version",
     lambda src, dst: rewrite(src, dst, lambda m: m.update(format="framing-model/2"), fresh_checksum=True),
     "model format 'framing-model/2'"),
    ("no format version", lambda src, dst: rewrite(src, dst, lambda m: m.pop("format")), "model format None"),
    ("metadata edited: fewer words than weights",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m)["vocab"]["w"].pop()), "fails its checksum"),
    ("metadata edited: classes swapped",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m).update(classes=["true", "false"])),
     "fails its checksum"),
    ("metadata edited: fewer words, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m)["vocab"]["w"].pop(), fresh_checksum=True),
     "do not fit"),
    ("metadata edited: fewer words, no checksum (an older file)",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m)["vocab"]["w"].pop(), drop_checksum=True),
     "do not fit"),
    ("metadata edited: classes swapped, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m).update(classes=["true", "false"]),
                              fresh_checksum=True), "are not two or more distinct names in order"),
    ("metadata edited: three classes, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m).update(classes=["false", "maybe", "true"]),
                              fresh_checksum=True), "are not persuasion labels"),
    ("metadata edited: no classes, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m).pop("classes"), fresh_checksum=True), "classes None"),
    ("metadata edited: models is a list, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: m.update(models=[]), fresh_checksum=True), "no 'models' object"),
    ("metadata edited: block weights are text, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m).update(block_weights={"w": "x"}),
                              fresh_checksum=True), "block weights"),
    ("metadata edited: vocabulary of numbers, fresh checksum",
     lambda src, dst: rewrite(src, dst, lambda m: first_model(m)["vocab"].update(
         w=list(range(len(first_model(m)["vocab"]["w"])))), fresh_checksum=True), "vocabulary"),
    ("metadata edited: array checksums removed",
     lambda src, dst: rewrite(src, dst, lambda m: m.pop("sha256"), fresh_checksum=True), "arrays do not match"),
    ("weights replaced by NaN, checksums recomputed",
     lambda src, dst: rewrite(src, dst, edit_arrays=lambda a: a.update(
         {first_key(a, "coef"): np.full_like(a[first_key(a, "coef")], np.nan)}), fresh_checksum=True), "not finite"),
    ("weights replaced by text, checksums recomputed",
     lambda src, dst: rewrite(src, dst, edit_arrays=lambda a: a.update(
         {first_key(a, "coef"): np.array([["x"] * a[first_key(a, "coef")].shape[1]])}), fresh_checksum=True),
     "not finite floating-point"),
    ("intercept of the wrong shape, checksums recomputed",
     lambda src, dst: rewrite(src, dst, edit_arrays=lambda a: a.update(
         {first_key(a, "intercept"): np.float64(0.0)}), fresh_checksum=True), "do not fit"),
    ("an IDF array removed, checksums recomputed",
     lambda src, dst: rewrite(src, dst, edit_arrays=lambda a: a.pop(first_key(a, "idf_w")), fresh_checksum=True),
     "is incomplete"),
    ("a weight array changed, old checksums",
     lambda src, dst: rewrite_array_keep_sums(src, dst), "fails its checksum"),
    ("an object array (pickled) inside",
     lambda src, dst: write_zip(dst, {"__meta__.npy": npy_bytes(np.array([{"a": 1}], dtype=object))}), "damaged"),
]


def flip(data, offset):
    b = bytearray(data)
    b[offset] ^= 0xFF
    return bytes(b)


def npy_bytes(arr):
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=True)
    return buf.getvalue()


def write_zip(dst, members):
    with zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def rewrite_array_keep_sums(src, dst):
    with np.load(src, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    key = first_key(arrays, "coef")
    arrays[key] = arrays[key] * 2
    np.savez_compressed(dst, **arrays)


@pytest.mark.parametrize("name, damage, needle", DAMAGED_MODELS, ids=[c[0] for c in DAMAGED_MODELS])
def test_damaged_models_are_refused(tiny_model, tmp_path, capsys, name, damage, needle):
    bad = tmp_path / "bad.npz"
    damage(tiny_model, bad)
    with pytest.raises(ModelError, match=needle):
        load_models(bad)
    with pytest.raises(ModelError, match="bad.npz"):
        Bundle.load(str(bad))
    records = write_jsonl(tmp_path / "recs.jsonl", PERSUASION_RECORDS)
    for argv in (["evaluate", "--task", "persuasion", "--model", bad, "--data", records],
                 ["score", records.with_suffix(".txt"), "--model", bad],
                 ["model", "info", "--model", bad]):
        records.with_suffix(".txt").write_text(EN_ARTICLE, encoding="utf-8")
        code, out, err = run(argv, capsys)
        assert code == 2, (argv, err)
        assert_one_line_error(err, str(bad), needle)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tiny_model, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("framing.models.linear.MAX_MODEL_BYTES", 1 << 20)  # the real limit is 1 GiB
    assert load_models(tiny_model)  # a real model fits
    bomb = tmp_path / "bomb.npz"
    write_zip(bomb, {"__meta__.npy": b"0" * (2 << 20)})
    with pytest.raises(ModelError, match="unpacks to 2,097,152 bytes"):
        load_models(bomb)
    code, _, err = run(["model", "info", "--model", bomb], capsys)
    assert code == 2
    assert_one_line_error(err, str(bomb), "unpacks to")


@pytest.mark.parametrize("protocol", [0, 2, 4, 5])
@pytest.mark.parametrize("wrapped", [False, True], ids=["bare pickle", "pickle inside an npz"])
def test_a_pickle_is_never_loaded(tiny_model, tmp_path, capsys, protocol, wrapped):
    marker = tmp_path / "PWNED"
    bad = tmp_path / "model.npz"
    payload = pickle.dumps(Marker(str(marker)), protocol=protocol)
    if wrapped:
        write_zip(bad, {"__meta__.npy": payload, "coef.npy": npy_bytes(np.array([Marker(str(marker))], dtype=object))})
    else:
        bad.write_bytes(payload)
    with pytest.raises(ModelError, match="model.npz"):
        load_models(bad)
    with pytest.raises(ModelError, match="model.npz"):
        Bundle.load(str(bad))
    code, _, err = run(["evaluate", "--task", "persuasion", "--model", bad, "--data", "framing"], capsys)
    assert code == 2
    assert_one_line_error(err, str(bad))
    assert not marker.exists(), "a pickle was unpickled"


def test_a_model_of_the_other_task_is_refused(tiny_model, tmp_path, capsys):
    data = write_jsonl(tmp_path / "stance.jsonl", [{"text": "\u0627\u0644\u063a\u0631\u0628 \u0647\u0646\u0627",
                                                     "target": "\u0627\u0644\u063a\u0631\u0628", "stance": "AGAINST"}])
    code, out, err = run(["evaluate", "--task", "stance", "--model", tiny_model, "--data", data], capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, str(tiny_model), "is a persuasion model, not a stance model")
    with pytest.raises(ModelError, match="is a persuasion model, not a stance model"):
        load_models(tiny_model, expect_task="stance")
    with pytest.raises(ModelError, match="not a stance model"):
        Bundle.load(str(tiny_model), expect_task="stance")


def test_a_model_without_a_metadata_checksum_still_loads(tiny_model, tmp_path):
    older = rewrite(tiny_model, tmp_path / "older.npz", drop_checksum=True)
    models, meta = load_models(older)
    assert META_SHA_KEY not in meta
    assert Bundle.load(str(older)).tasks == {"persuasion"}


def test_saving_a_model_twice_gives_the_same_bytes(tiny_model, tmp_path):
    bundle = Bundle.load(str(tiny_model))
    bundle.save(str(tmp_path / "a.npz"))
    bundle.save(str(tmp_path / "b.npz"))
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    assert load_models(tmp_path / "a.npz")[1]["sha256"] == load_models(tiny_model)[1]["sha256"]


@pytest.mark.parametrize("edit", [
    lambda m: first_model(m)["info"]["params"].update(C="abc"),
    lambda m: m["lexicon"]["entries"].append({"not_a_field": 1}),
], ids=["bad estimator parameter", "bad lexicon entry"])
def test_bundle_settings_that_do_not_fit_are_refused(tiny_model, tmp_path, edit):
    bad = rewrite(tiny_model, tmp_path / "bad.npz", edit, fresh_checksum=True)
    with pytest.raises(ModelError, match="bad.npz"):
        Bundle.load(str(bad))


# -- 5. resource bounds ---------------------------------------------------------------------


def test_max_bytes_option_and_environment(tmp_path, capsys, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    size = path.stat().st_size
    code, out, err = run(["score", path, "--no-model", "--max-bytes", size - 1], capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, str(path), f"larger than the input limit of {size - 1:,} bytes", "--max-bytes")
    code, _, err = run(["score", path, "--no-model", "--max-bytes", size], capsys)
    assert code == 0, err
    monkeypatch.setenv("FRAMING_MAX_BYTES", str(size - 1))
    code, _, err = run(["score", path, "--no-model"], capsys)
    assert code == 2
    assert_one_line_error(err, f"input limit of {size - 1:,} bytes", "FRAMING_MAX_BYTES")
    code, _, err = run(["score", path, "--no-model", "--max-bytes", size], capsys)
    assert code == 0, "--max-bytes wins over FRAMING_MAX_BYTES"


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e6", " "])
def test_bad_framing_max_bytes_is_a_one_line_error(tmp_path, capsys, monkeypatch, value):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("FRAMING_MAX_BYTES", value)
    code, _, err = run(["score", path, "--no-model"], capsys)
    if not value.strip():
        assert code == 0, "a blank variable means the default"
        return
    assert code == 2
    assert_one_line_error(err, "FRAMING_MAX_BYTES must be a whole number of bytes above 0", repr(value))


@pytest.mark.parametrize("value", ["0", "-1", "ten"])
def test_bad_limit_options_are_usage_errors(tmp_path, capsys, value):
    for option in ("--max-bytes", "--max-paragraph-chars"):
        code, _, err = run(["score", tmp_path / "a.txt", "--no-model", option, value], capsys)
        assert code == 2
        assert_one_line_error(err, option)


def test_max_bytes_applies_to_stdin_and_collections(tmp_path):
    proc = framing_process("score", "-", "--no-model", "--max-bytes", "100", stdin=b"x" * 101)
    assert proc.returncode == 2
    assert "<stdin>: is larger than the input limit of 100 bytes" in proc.stderr.decode()
    collection = tmp_path / "c.jsonl"
    collection.write_text('{"text": "' + "x" * 200 + '"}\n', encoding="utf-8")
    proc = framing_process("score", collection, "--no-model", env={"FRAMING_MAX_BYTES": "100"})
    assert proc.returncode == 2
    assert f"{collection}: is larger than the input limit of 100 bytes" in proc.stderr.decode()


def test_max_paragraph_chars(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Short title\n\n" + "word " * 100 + "\n\nShort end.", encoding="utf-8")
    code, out, err = run(["score", path, "--no-model", "--max-paragraph-chars", "400"], capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, str(path), "paragraph of 499 characters, over the limit of 400",
                          "--max-paragraph-chars")
    code, _, err = run(["score", path, "--no-model", "--max-paragraph-chars", "499"], capsys)
    assert code == 0, err
    d = tmp_path / "dir"
    d.mkdir()
    (d / "long.txt").write_text("y" * 300, encoding="utf-8")
    (d / "short.txt").write_text("Fine.", encoding="utf-8")
    code, out, err = run(["score", d, "--no-model", "--max-paragraph-chars", "200"], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert "over the limit of 200" in records[0]["error"] and "error" not in records[1]


def test_paragraph_limit_is_checked_before_the_work(monkeypatch):
    """A paragraph over the limit is refused before it is normalized (which costs memory per character)."""
    import framing.text.segment as segment

    def refuse(*args, **kwargs):
        raise AssertionError("classified a paragraph over the limit")

    monkeypatch.setattr(segment, "classify_blocks", refuse)
    monkeypatch.setattr("framing.text.document.classify_blocks", refuse)
    with pytest.raises(InputError, match="over the limit of 1,000"):
        parse_document("x" * 5000, max_paragraph_chars=1000)


def test_library_max_bytes_must_be_positive(tmp_path):
    from framing.text import read_text

    path = tmp_path / "a.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="input limit must be above 0 bytes"):
        read_text(path, max_bytes=0)


def test_train_checks_the_output_before_training(tmp_path, capsys):
    data = write_jsonl(tmp_path / "recs.jsonl", PERSUASION_RECORDS)
    code, _, err = run(["train", "--task", "persuasion", "--data", data, "--out", ""], capsys)
    assert code == 2
    assert_one_line_error(err, "no output file name")
    with pytest.raises(UsageError, match="is a directory"):
        from framing.fileio import check_writable

        check_writable(tmp_path)


def test_a_bad_input_is_refused_before_the_model_is_built(tmp_path, capsys, monkeypatch):
    cache = tmp_path / "empty-cache"
    monkeypatch.setenv("FRAMING_CACHE", str(cache))
    for argv in (["score", tmp_path / "missing.txt"], ["score", tmp_path / "missing-dir/"],
                 ["score", tmp_path / "c.jsonl", "--format", "json"]):
        (tmp_path / "c.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
        code, _, err = run(argv, capsys)
        assert code == 2
        assert "building" not in err
        assert_one_line_error(err)
    assert not cache.exists() or not any(cache.iterdir())
