"""Blocks, titles, datelines, related links, boilerplate, quotes and sentences."""

import pytest

from framing.errors import DataFormatError, InputError
from framing.text import (
    classify_blocks,
    find_quotes,
    load_block_rules,
    parse_document,
    split_blocks,
    split_sentences,
)

ARTICLE_AR = """\
وزير الخارجية يلتقي نظيره في الرباط

3 مارس 2024، 10:15 صباحا

قال وزير الخارجية إن المحادثات «مثمرة». وأضاف أن الجانبين اتفقا على لجنة مشتركة.

وردت المعارضة بأن الزيارة “استعراض إعلامي” لا أكثر، على حد تعبير المتحدث باسمها.

اقرأ أيضاً: الرباط تستضيف مؤتمرا إقليميا للطاقة

شارك هذا المقال

Source link
"""


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_arabic_article_blocks():
    doc = parse_document(ARTICLE_AR)
    assert kinds(doc) == ["title", "dateline", "body", "body", "related", "boilerplate", "boilerplate"]
    assert doc.title == "وزير الخارجية يلتقي نظيره في الرباط"
    assert doc.lang == "ar"
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text


def test_english_article_with_single_newlines():
    text = (
        "Senate passes budget bill after late-night vote\n"
        "March 3, 2024, 9:15 AM\n"
        "The Senate passed the bill 51-49 on Tuesday, sending it to the House.\n"
        "Critics called the measure reckless.\n"
        "Read more: What the bill means for you\n"
        "Share this article"
    )
    doc = parse_document(text)
    assert kinds(doc) == ["title", "dateline", "body", "body", "related", "boilerplate"]
    assert doc.lang == "en"


def test_one_paragraph_input_is_a_body_paragraph():
    doc = parse_document("قال الوزير إن الاجتماع انتهى دون اتفاق")
    assert kinds(doc) == ["body"]
    assert doc.title is None


def test_first_block_with_final_punctuation_is_not_a_title():
    doc = parse_document("The talks ended.\n\nBoth sides left.")
    assert kinds(doc) == ["body", "body"]


def test_given_title_is_recognised_even_when_long():
    title = "A very long headline " * 12
    doc = parse_document(title + "\n\nBody text here.", title=title)
    assert kinds(doc) == ["title", "body"]


def test_a_dateline_needs_a_date():
    doc = parse_document("Headline here\n\nBy Jane Doe\n\nBody text.")
    assert kinds(doc) == ["title", "body", "body"]


def test_empty_after_cleaning_is_an_error():
    with pytest.raises(InputError, match="is empty"):
        parse_document("  \n \n")


def test_paragraph_length_limit():
    with pytest.raises(InputError, match="over the limit"):
        parse_document("x" * 50, max_paragraph_chars=10)


def test_custom_rules_file(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("kind\thow\tpattern\tnote\nboilerplate\tprefix\tsponsored by\tads\n", encoding="utf-8")
    rules = load_block_rules(path)
    blocks = classify_blocks("Body text.\n\nSponsored by ACME", rules=rules)
    assert [b.kind for b in blocks] == ["body", "boilerplate"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("kind\thow\tpattern\nnoise\texact\tx\n", "kind 'noise'"),
        ("kind\thow\tpattern\nboilerplate\tfuzzy\tx\n", "how 'fuzzy'"),
        ("kind\thow\tpattern\nboilerplate\tregex\t(\n", "bad regular expression"),
        ("kind\thow\tpattern\nboilerplate\n", "expected kind"),
    ],
)
def test_malformed_rules_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "rules.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFormatError, match=message) as info:
        load_block_rules(path)
    assert "line 2" in str(info.value) and "rules.tsv" in str(info.value)


def test_split_blocks_offsets():
    text = "\n\n  a b \n\n\n c\n"
    spans = split_blocks(text)
    assert [(s.text, text[s.start : s.end]) for s in spans] == [("a b", "a b"), ("c", "c")]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("قال إن “الصهاينة” هنا", ["“الصهاينة”"]),
        ("النظام «القائم على القواعد» و»المقلوب«", ["«القائم على القواعد»", "»المقلوب«"]),
        ('He said "so-called" experts', ['"so-called"']),
        ("unbalanced “quote here", []),
        ("it's the writers' view", []),
    ],
)
def test_find_quotes(text, quotes):
    assert [q.text for q in find_quotes(text)] == quotes


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("جملة أولى. جملة ثانية؟ جملة ثالثة! رابعة", ["جملة أولى.", "جملة ثانية؟", "جملة ثالثة!", "رابعة"]),
        ("قال: «لن نتراجع. أبدا». ثم غادر.", ["قال: «لن نتراجع. أبدا».", "ثم غادر."]),
        ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
        ("Sen. Smith of the U.S. spoke at 3.5 p.m. today. Yes.", ["Sen. Smith of the U.S. spoke at 3.5 p.m. today.", "Yes."]),
        ("أولا؛ ثانيا، ثالثا", ["أولا؛", "ثانيا، ثالثا"]),
        ("line one\nline two", ["line one", "line two"]),
    ],
)
def test_split_sentences(text, sentences):
    got = split_sentences(text)
    assert [s.text for s in got] == sentences
    for s in got:
        assert text[s.start : s.end] == s.text


def test_split_sentences_offset():
    got = split_sentences("A b. C d.", offset=100)
    assert [(s.start, s.end) for s in got] == [(100, 104), (105, 109)]
