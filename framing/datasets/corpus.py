"""Our own corpus: hand-written source files compiled into records.

The sources are plain text files under ``framing/data/corpus/`` (format in
``datasets/CORPUS_FORMAT.md``): blocks of ``key: value`` lines, with cue spans
marked inline as ``[[words|category]]``. :func:`compile_markup` turns a
marked-up text into plain text plus span offsets, and :func:`render_markup`
does the reverse (the round trip is tested). Splits are made by ``doc``:
a story and every paragraph of its pairs fall on one side.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataFormatError
from ..lexicon import CATEGORIES
from .records import Record, TargetLabel

__all__ = [
    "CorpusRecord",
    "compile_markup",
    "load_corpus",
    "parse_corpus_source",
    "render_markup",
    "split_of",
]

_SPAN_RE = re.compile(r"\[\[([^\[\]|]+)\|([a-z_]+)\]\]")
SPAN_CATEGORIES = tuple(c for c, cat in CATEGORIES.items() if cat.device and c not in ("rhetorical_question", "generalisation", "repetition", "scare_quote"))
PAIR_KINDS = ("minimal", "target_swap", "attribution")
CARRIERS = ("lexical", "selection", "attribution", "agency", "mixed", "none")
REQUIRED = ("id", "doc", "topic", "targets", "persuasion", "carrier", "text")
KEYS = REQUIRED + ("pair", "pair_kind", "techniques")
#: Share of stories in the test split (by a hash of the story id).
TEST_SHARE = 0.2


def compile_markup(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Strip ``[[words|category]]`` markup; return the text and its spans.

    >>> compile_markup("قال إن [[الهستيريا|loaded_language]] مفتعلة")
    ('قال إن الهستيريا مفتعلة', [(7, 16, 'loaded_language')])
    """
    out = []
    spans = []
    pos = 0
    length = 0
    for m in _SPAN_RE.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        words, label = m.group(1), m.group(2)
        spans.append((length, length + len(words), label))
        out.append(words)
        length += len(words)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def render_markup(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Inverse of :func:`compile_markup`.

    >>> render_markup("a bad b", [(2, 5, "loaded_language")])
    'a [[bad|loaded_language]] b'
    """
    out = []
    pos = 0
    for a, b, label in sorted(spans):
        out.append(text[pos:a])
        out.append(f"[[{text[a:b]}|{label}]]")
        pos = b
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True)
class CorpusRecord:
    """A source record with its corpus-only fields (pair kind, carrier, split)."""

    record: Record
    pair_kind: str | None
    carrier: str
    split: str
    marked: str
    source_file: str
    line: int


def split_of(doc_id: str) -> str:
    """``train`` or ``test`` for a story id, by a stable hash (20% test).

    >>> split_of("ar-a-d001") in ("train", "test")
    True
    """
    h = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if h < TEST_SHARE else "train"


def _parse_targets(value: str, where) -> list[TargetLabel]:
    out = []
    for item in value.split("|"):
        item = item.strip()
        if not item:
            continue
        m = re.fullmatch(r"(.+?)\s*=\s*(FAVOR|AGAINST|NONE)\s*/\s*(high|low)", item)
        if not m:
            where(f"target item {item!r} is not TARGET=STANCE/CONFIDENCE (FAVOR|AGAINST|NONE, high|low)", "targets")
        out.append(TargetLabel(m.group(1).strip(), m.group(2), m.group(3)))
    if not 1 <= len(out) <= 3:
        where(f"{len(out)} targets; a record has 1 to 3", "targets")
    if len({t.target for t in out}) != len(out):
        where("the same target is labelled twice", "targets")
    return out


def parse_corpus_source(text: str, source: str, lang: str) -> list[CorpusRecord]:
    """Parse one corpus source file. Errors name the file, line and field."""
    records = []
    block: dict[str, tuple[str, int]] = {}

    def flush():
        if not block:
            return
        first_line = min(line for _, line in block.values())

        def where(problem, fld=None):
            line = block[fld][1] if fld in block else first_line
            raise DataFormatError(problem, source=source, line=line, field=fld)

        for key in REQUIRED:
            if key not in block:
                where(f"record has no '{key}:' line", key)
        marked = block["text"][0]
        if "[[" in _SPAN_RE.sub("", marked) or "]]" in _SPAN_RE.sub("", marked):
            where("unbalanced or malformed [[words|category]] markup", "text")
        plain, spans = compile_markup(marked)
        for a, b, label in spans:
            if label not in SPAN_CATEGORIES:
                where(f"span category {label!r} is not one of {', '.join(SPAN_CATEGORIES)}", "text")
        targets = _parse_targets(block["targets"][0], where)
        persuasion = block["persuasion"][0].strip().lower()
        if persuasion not in ("yes", "no"):
            where(f"persuasion {persuasion!r} is not yes or no", "persuasion")
        carrier = block["carrier"][0].strip().lower()
        if carrier not in CARRIERS:
            where(f"carrier {carrier!r} is not one of {', '.join(CARRIERS)}", "carrier")
        pair = block.get("pair", ("", 0))[0].strip() or None
        pair_kind = block.get("pair_kind", ("", 0))[0].strip() or None
        if pair and pair_kind not in PAIR_KINDS:
            where(f"pair_kind {pair_kind!r} is not one of {', '.join(PAIR_KINDS)}", "pair_kind")
        techniques = tuple(t.strip() for t in block.get("techniques", ("", 0))[0].split(",") if t.strip())
        doc = block["doc"][0].strip()
        rec = Record(
            text=plain,
            id=block["id"][0].strip(),
            lang=lang,
            doc_id=doc,
            pair_id=pair,
            topic=block["topic"][0].strip(),
            source="framing-corpus",
            targets=tuple(targets),
            label=persuasion == "yes",
            techniques=techniques,
            spans=tuple(spans),
        )
        records.append(CorpusRecord(rec, pair_kind, carrier, split_of(doc), marked, source, first_line))
        block.clear()

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in KEYS:
            raise DataFormatError(
                f"expected 'key: value' with key one of {', '.join(KEYS)}", source=source, line=lineno
            )
        if key in block:
            raise DataFormatError(f"'{key}:' given twice in one record (missing blank line?)", source=source, line=lineno)
        block[key] = (value.strip(), lineno)
    flush()
    return records


def corpus_targets() -> list:
    """Targets of our corpus with the aliases its paragraphs use (from the ``*.targets.tsv`` sidecars)."""
    import csv

    from ..targets import KINDS, Target

    root = resources.files("framing").joinpath("data/corpus")
    out = {}
    for p in sorted(root.iterdir(), key=lambda p: p.name):
        if not p.name.endswith(".targets.tsv"):
            continue
        for i, row in enumerate(csv.DictReader(p.read_text(encoding="utf-8").splitlines(), delimiter="\t"), 2):
            name = (row.get("target") or "").strip()
            lang = (row.get("lang") or p.name[:2]).strip()
            if not name:
                raise DataFormatError("empty target", source=f"framing/data/corpus/{p.name}", line=i)
            kind = (row.get("kind") or "other").strip()
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            key = (lang, name)
            if key in out:
                aliases = tuple(dict.fromkeys(out[key].aliases + aliases))
            out[key] = Target(name, lang, kind if kind in KINDS else "other", "", aliases, (), "", p.name)
    return list(out.values())


def _with_mentions(records: list[CorpusRecord]) -> list[CorpusRecord]:
    """Add each target's mention offsets, found with the sidecar aliases (clitic-aware)."""
    from dataclasses import replace

    from ..targets import TargetSet

    by_lang: dict[str, TargetSet] = {}
    for t in corpus_targets():
        by_lang.setdefault(t.lang, []).append(t)
    sets = {lang: TargetSet(ts) for lang, ts in by_lang.items()}
    out = []
    for cr in records:
        r = cr.record
        ts = sets.get(r.lang)
        if ts is None:
            out.append(cr)
            continue
        names = {t.target for t in r.targets}
        found = ts.mentions(r.text, r.lang, only=names)
        labels = tuple(
            replace(t, mentions=tuple(sorted({(m.start, m.end) for m in found if m.target == t.target})))
            for t in r.targets
        )
        out.append(replace(cr, record=replace(r, targets=labels)))
    return out


@lru_cache(maxsize=1)
def _load_all() -> tuple[CorpusRecord, ...]:
    root = resources.files("framing").joinpath("data/corpus")
    out: list[CorpusRecord] = []
    names = sorted(p.name for p in root.iterdir() if p.name.endswith(".txt"))
    for name in names:
        lang = name.split("-", 1)[0]
        text = root.joinpath(name).read_text(encoding="utf-8")
        out.extend(parse_corpus_source(text, f"framing/data/corpus/{name}", lang))
    out = _with_mentions(out)
    ids = [r.record.id for r in out]
    dupes = {i for i in ids if ids.count(i) > 1} if len(set(ids)) != len(ids) else set()
    if dupes:
        raise DataFormatError(f"duplicate record ids in our corpus: {', '.join(sorted(dupes)[:5])}")
    return tuple(out)


def load_corpus(*, lang: str | None = None, split: str | None = None) -> list[CorpusRecord]:
    """Our corpus, optionally one language and one split (``train``/``test``)."""
    return [
        r
        for r in _load_all()
        if (lang is None or r.record.lang == lang) and (split is None or r.split == split)
    ]
