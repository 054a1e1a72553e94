"""Blocks, paragraphs, quotations and sentences, all with offsets.

A document's text is cut into blocks (blank lines; single newlines when the
text has no blank line). Each block is classified as ``title``,
``dateline``, ``body``, ``related`` (a related-link line such as
"المزيد عن هذا الموضوع – …" or "Read more: …") or ``boilerplate``
(share/comment widgets, "Source link", ...). The patterns live in the data
file ``framing/data/boilerplate.tsv``; users can pass their own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataFormatError
from .lang import detect_language
from ..memo import cached_list
from .normalize import normalize_text

__all__ = [
    "BLOCK_KINDS",
    "Block",
    "Span",
    "BlockRules",
    "classify_blocks",
    "find_quotes",
    "load_block_rules",
    "split_blocks",
    "split_sentences",
]

BLOCK_KINDS = ("title", "dateline", "body", "related", "boilerplate")

#: A title is at most this long (characters) and this many words.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
#: A dateline is at most this long.
DATELINE_MAX_CHARS = 100
#: Related-link and ``contains`` boilerplate rules apply to blocks up to this long.
SHORT_BLOCK_CHARS = 300
CONTAINS_MAX_CHARS = 120

FINAL_PUNCTUATION = ".!?\u061F\u2026:;\u061B"


@dataclass(frozen=True)
class Span:
    """A stretch of a document: ``document[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """A classified block of a document.

    ``rule`` says why a block is ``related`` or ``boilerplate`` (the pattern
    that matched), so that removals can be checked.
    """

    kind: str
    start: int
    end: int
    text: str
    lang: str
    rule: str | None = None


@dataclass(frozen=True)
class BlockRules:
    """Compiled boilerplate and related-link patterns."""

    rules: tuple  # (kind, how, normalized pattern or compiled regex, original pattern)

    def match(self, block_text: str) -> tuple[str, str] | None:
        norm = " ".join(normalize_text(block_text).split())
        bare = norm.strip(" -\u2013\u2014|:>\u00bb\u00ab")
        for kind, how, pattern, original in self.rules:
            if kind == "related" and len(block_text) > SHORT_BLOCK_CHARS:
                continue
            if how == "exact":
                hit = bare == pattern
            elif how == "prefix":
                hit = norm.startswith(pattern) and len(block_text) <= SHORT_BLOCK_CHARS
            elif how == "contains":
                hit = pattern in norm and len(block_text) <= CONTAINS_MAX_CHARS
            else:
                hit = pattern.search(norm) is not None
            if hit:
                return kind, original
        return None


def load_block_rules(path=None) -> BlockRules:
    """Load boilerplate/related patterns from a TSV file (default: the built-in one).

    Raises
    ------
    DataFormatError
        Naming the file and line of a malformed rule.
    """
    if path is None:
        return _default_rules()
    with open(path, encoding="utf-8") as fh:
        return _parse_rules(fh.read(), str(path))


@lru_cache(maxsize=1)
def _default_rules() -> BlockRules:
    text = resources.files("framing").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    return _parse_rules(text, "framing/data/boilerplate.tsv")


def _parse_rules(text: str, source: str) -> BlockRules:
    rules = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[:3] == ["kind", "how", "pattern"]:
                continue
        if len(cols) < 3:
            raise DataFormatError(
                "expected kind<TAB>how<TAB>pattern[<TAB>note]", source=source, line=lineno
            )
        kind, how, pattern = cols[0].strip(), cols[1].strip(), cols[2]
        if kind not in ("boilerplate", "related"):
            raise DataFormatError(
                f"kind {kind!r} is not one of boilerplate, related", source=source, line=lineno
            )
        if how not in ("exact", "prefix", "contains", "regex"):
            raise DataFormatError(
                f"how {how!r} is not one of exact, prefix, contains, regex", source=source, line=lineno
            )
        if how == "regex":
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise DataFormatError(f"bad regular expression: {exc}", source=source, line=lineno) from None
            rules.append((kind, how, compiled, pattern))
        else:
            rules.append((kind, how, " ".join(normalize_text(pattern).split()), pattern))
    return BlockRules(tuple(rules))


_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def split_blocks(text: str) -> list[Span]:
    """Cut ``text`` into blocks with offsets.

    Blocks are separated by blank lines; when the text has none, by single
    newlines (as trafilatura and many scrapers write). Surrounding whitespace
    is left out of each block.

    >>> [b.text for b in split_blocks("Title\\n\\nOne\\ntwo.\\n\\n\\nThree.")]
    ['Title', 'One\\ntwo.', 'Three.']
    >>> [b.text for b in split_blocks("a\\r\\nb")]
    ['a', 'b']
    """
    if _BLANK_LINE_RE.search(text):
        cuts = [(m.start(), m.end()) for m in _BLANK_LINE_RE.finditer(text)]
    else:
        cuts = [(m.start(), m.end()) for m in re.finditer(r"\n", text)]
    spans = []
    pos = 0
    for a, b in cuts + [(len(text), len(text))]:
        spans.append(_trim(text, pos, a))
        pos = b
    return [s for s in spans if s is not None]


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Span(start, end, text[start:end])


# -- datelines ---------------------------------------------------------------

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر "
    "كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين جانفي فيفري افريل ماي جوان جويليه اوت "
    "يونيه يوليه نونبر دجنبر غشت شتنبر"
).split()
_DATE_WORDS = set(_MONTHS) | set(
    "am pm gmt utc est edt bst mon tue wed thu fri sat sun monday tuesday wednesday thursday "
    "friday saturday sunday published updated posted last update at on by "
    "صباحا مساء مساءا ظهرا الساعه نشر بتاريخ تحديث اخر تم في الاحد الاثنين الثلاثاء الاربعاء "
    "الخميس الجمعه السبت يوم بتوقيت غرينتش مكه".split()
)
_DATE_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def _is_dateline(text: str) -> bool:
    if len(text) > DATELINE_MAX_CHARS:
        return False
    norm = normalize_text(text)
    words = re.findall(r"[^\W\d_]+", norm)
    has_month = any(w in _MONTHS or w.startswith(("ال",)) and w[2:] in _MONTHS for w in words)
    has_date = bool(_DATE_RE.search(norm)) or (has_month and bool(re.search(r"\d", norm)))
    if not has_date and not (_YEAR_RE.search(norm) and has_month):
        return False
    other = [w for w in words if w not in _DATE_WORDS and not (w.startswith("ال") and w[2:] in _DATE_WORDS)]
    return len(other) <= 4


def _is_title(text: str) -> bool:
    if len(text) > TITLE_MAX_CHARS or len(text.split()) > TITLE_MAX_WORDS or "\n" in text.strip():
        return False
    return text.rstrip()[-1:] not in FINAL_PUNCTUATION


def classify_blocks(
    text: str,
    spans: list[Span] | None = None,
    *,
    title: str | None = None,
    rules: BlockRules | None = None,
) -> list[Block]:
    """Classify the blocks of a document.

    Parameters
    ----------
    text : str
        The document text.
    spans : list of Span, optional
        Blocks from :func:`split_blocks` (computed when omitted).
    title : str, optional
        A title given by the input (HTML metadata, a JSONL field). The first
        block is the title when it equals this one.
    rules : BlockRules, optional
        Boilerplate and related-link patterns (default: the built-in file).

    Returns
    -------
    list of Block

    Notes
    -----
    A title is recognised only when the document has at least two blocks and
    the first is short with no final punctuation (or equals the given title):
    a one-paragraph input is one body paragraph. A dateline is a short block
    made of a date, a time and a few date words, among the first blocks.
    """
    if spans is None:
        spans = split_blocks(text)
    rules = rules or load_block_rules()
    blocks: list[Block] = []
    seen_body = False
    given = " ".join(normalize_text(title).split()) if title else None
    for i, sp in enumerate(spans):
        kind, rule = "body", None
        matched = rules.match(sp.text)
        if matched:
            kind, rule = matched
        elif i == 0 and given and " ".join(normalize_text(sp.text).split()) == given:
            kind = "title"
        elif i == 0 and len(spans) >= 2 and _is_title(sp.text):
            kind = "title"
        elif not seen_body and i <= 3 and _is_dateline(sp.text):
            kind = "dateline"
        if kind == "body":
            seen_body = True
        blocks.append(Block(kind, sp.start, sp.end, sp.text, detect_language(sp.text), rule))
    return blocks


# -- quotations and sentences -------------------------------------------------

# Quotation marks by family; within a family any mark opens and the next closes,
# so both orientations (and Arabic texts typed with reversed guillemets) work.
QUOTE_FAMILIES = ("\u201c\u201d\u201e\u201f", "\u00ab\u00bb", '"', "\u2018\u2019\u201a\u201b", "\u2039\u203a")
_QUOTE_FAMILY_OF = {ch: i for i, fam in enumerate(QUOTE_FAMILIES) for ch in fam}
_QUOTE_MARK_RE = re.compile("[" + re.escape("".join(QUOTE_FAMILIES)) + "]")
#: A quotation longer than this is treated as unbalanced marks, not a quotation.
MAX_QUOTE_CHARS = 2000


@cached_list()
def find_quotes(text: str, *, include_single: bool = False) -> list[Span]:
    """Find quotations (marks included) in either orientation.

    Single quotes are skipped by default: they double as apostrophes.
    Unclosed marks are ignored.

    >>> [q.text for q in find_quotes("قال إن “الصهاينة” و«الغرب» هنا")]
    ['“الصهاينة”', '«الغرب»']
    >>> [q.text for q in find_quotes("He said »yes« and \\"no\\".")]
    ['»yes«', '"no"']
    """
    out: list[Span] = []
    open_family = None
    open_at = -1
    for m in _QUOTE_MARK_RE.finditer(text):  # only the marks: the same as a scan of every character
        i, ch = m.start(), m.group()
        fam = _QUOTE_FAMILY_OF[ch]
        if fam == 3 and not include_single:
            continue
        if open_family is None:
            open_family, open_at = fam, i
        elif fam == open_family:
            if i - open_at <= MAX_QUOTE_CHARS:
                out.append(Span(open_at, i + 1, text[open_at : i + 1]))
            open_family = None
        # a mark of another family inside an open quotation is nested: ignore it
    return out


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen sen rep gov lt col sgt capt cmdr adm prof inc ltd co corp vs etc "
    "e.g i.e u.s u.k u.n a.m p.m no fig jan feb mar apr jun jul aug sep sept oct nov dec "
    "dept est approx mt ft pres".split()
)
_TERMINAL_RE = re.compile(r"[.!?\u061F\u061B\u2026]+[\u201d\u201c\u00bb\u00ab\"'\u2019)\]]*(?=\s|$)|\n+")


@cached_list()
def split_sentences(text: str, *, offset: int = 0) -> list[Span]:
    """Split a paragraph into sentences with offsets.

    Knows Arabic (؟ ؛) and Latin sentence punctuation, keeps closing quotes
    with their sentence, does not split inside a quotation (unless the marks
    are unbalanced), and skips common English abbreviations and initials.

    >>> [s.text for s in split_sentences("قال: “لن نتراجع. أبدا”. ثم غادر؟ نعم")]
    ['قال: “لن نتراجع. أبدا”.', 'ثم غادر؟', 'نعم']
    >>> [s.text for s in split_sentences("Dr. Smith met Mr. J. Doe in the U.S. on Monday. Then he left.")]
    ['Dr. Smith met Mr. J. Doe in the U.S. on Monday.', 'Then he left.']
    """
    quotes = find_quotes(text)
    # Quotations come sorted and never overlap: a binary search keeps this linear-time.
    starts = [q.start + 1 for q in quotes]
    ends = [q.end - 1 for q in quotes]

    def inside_quote(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    cuts = []
    for m in _TERMINAL_RE.finditer(text):
        end = m.end()
        if m.group().startswith("\n"):
            cuts.append((m.start(), end))
            continue
        dot = m.start()
        if text[dot] == "." and m.group().rstrip("\u201d\u201c\u00bb\u00ab\"'\u2019)]") == ".":
            word = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[max(0, dot - 20) : dot])
            if word:
                w = word.group(1)
                if w.lower() in _ABBREVIATIONS or (len(w) == 1 and w.isupper()):
                    continue
        if inside_quote(dot) and inside_quote(end - 1):
            continue
        cuts.append((end, end))
    spans = []
    pos = 0
    for a, b in cuts + [(len(text), len(text))]:
        sp = _trim(text, pos, a)
        if sp is not None:
            spans.append(Span(sp.start + offset, sp.end + offset, sp.text))
        pos = b
    return spans
