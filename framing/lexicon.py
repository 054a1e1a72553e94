"""Cue lexicons: versioned TSV files of loaded terms and framing cues.

Each language has one file under ``framing/lexicons/`` (``ar.tsv``,
``en.tsv``): a comment block (version, category definitions), a header line,
and one entry a line::

    term  forms  category  weight  match  neutral  note

Users add or override entries with files of their own (``--lexicon FILE``);
the language is a ``lang`` column or part of the file name (``my-ar.tsv``).
A user entry with the same term, language and category replaces the built-in
one.

The categories, whether each is a *device* (highlighted in reports) or a
*signal* (a model feature only), and their mapping to the SemEval-2023 /
ArAIEval persuasion techniques are defined here once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .errors import DataFormatError

__all__ = [
    "CATEGORIES",
    "DEVICE_CATEGORIES",
    "SIGNAL_CATEGORIES",
    "TECHNIQUE_MAP",
    "Category",
    "Lexicon",
    "LexiconEntry",
    "load_lexicon",
    "read_lexicon_file",
]


@dataclass(frozen=True)
class Category:
    name: str
    device: bool
    definition: str
    techniques: tuple[str, ...] = ()


_CATEGORY_LIST = [
    # Lexicon categories (devices)
    Category("loaded_language", True, "emotionally charged words that judge while they describe",
             ("Loaded_Language",)),
    Category("name_calling", True, "labels that brand a person or group",
             ("Name_Calling-Labeling",)),
    Category("exaggeration", True, "inflating or minimising what happened",
             ("Exaggeration-Minimisation",)),
    Category("fear_threat", True, "appeals to danger, alarm and threat",
             ("Appeal_to_Fear-Prejudice",)),
    Category("doubt_distancing", True, "words that cast doubt on a claim or distance the writer from it",
             ("Doubt", "Questioning_the_Reputation")),
    Category("certainty", True, "assertions that close debate",
             ("Conversation_Killer", "Appeal_to_Authority")),
    Category("victimhood", True, "framing a side as the wronged target",
             ("Appeal_to_Values", "Loaded_Language")),
    Category("values_flag", True, "appeals to nation, faith, honour and shared values",
             ("Flag_Waving", "Appeal_to_Values")),
    # Rule-based devices
    Category("scare_quote", True, "a short term put in quotation marks to distance the writer from it",
             ("Doubt", "Name_Calling-Labeling", "Loaded_Language")),
    Category("rhetorical_question", True, "a question in the outlet's own voice that is not asked to be answered",
             ("Doubt", "Loaded_Language")),
    Category("generalisation", True, "a whole group spoken of as one block (\"Western experts\")",
             ("Causal_Oversimplification", "Guilt_by_Association")),
    Category("repetition", True, "a sentence the article repeats word for word", ("Repetition",)),
    # Signals
    Category("hedge", False, "softeners that mark uncertainty"),
    Category("group_reference", False, "references to groups, blocs and nations"),
    Category("neutral_report", False, "plain reporting verbs (said, announced)"),
    Category("attribution", False, "reported speech: who is quoted or cited"),
    Category("passive_agent", False, "an agent named after a passive verb (\"by the West\")"),
    Category("intensifier", False, "intensifiers and superlatives"),
    Category("exclamation", False, "an exclamation mark in the text"),
    Category("first_person_plural", False, "we / our in the outlet's or a speaker's voice"),
]

CATEGORIES: dict[str, Category] = {c.name: c for c in _CATEGORY_LIST}
DEVICE_CATEGORIES = tuple(c.name for c in _CATEGORY_LIST if c.device)
SIGNAL_CATEGORIES = tuple(c.name for c in _CATEGORY_LIST if not c.device)
#: Categories a lexicon entry may have (the rest come from rules).
LEXICON_CATEGORIES = (
    "loaded_language", "name_calling", "exaggeration", "fear_threat", "doubt_distancing",
    "certainty", "victimhood", "values_flag", "hedge", "group_reference", "neutral_report",
    "intensifier",
)
#: Our categories -> SemEval-2023 / ArAIEval persuasion techniques (used by evaluation).
TECHNIQUE_MAP: dict[str, tuple[str, ...]] = {c.name: c.techniques for c in _CATEGORY_LIST if c.techniques}

MATCH_MODES = ("word", "stem", "phrase")
COLUMNS = ("term", "forms", "category", "weight", "match", "neutral", "note")


@dataclass(frozen=True)
class LexiconEntry:
    """One lemma or fixed phrase of a lexicon."""

    term: str
    category: str
    weight: int
    match: str
    lang: str
    forms: tuple[str, ...] = ()
    neutral: str = ""
    note: str = ""
    source: str = "builtin"

    @property
    def device(self) -> bool:
        return CATEGORIES[self.category].device

    @property
    def key(self) -> tuple[str, str, str]:
        from .text.normalize import normalize_text

        return (self.lang, normalize_text(self.term), self.category)


@dataclass(frozen=True)
class Lexicon:
    """Entries of one or more languages, with the versions of their files."""

    entries: tuple[LexiconEntry, ...]
    versions: dict = field(default_factory=dict)  # source -> version

    def for_lang(self, lang: str) -> list[LexiconEntry]:
        return [e for e in self.entries if e.lang == lang]

    @property
    def version(self) -> str:
        """One string naming every file and version, stamped on outputs and models."""
        return "+".join(f"{k}@{v}" for k, v in sorted(self.versions.items()))

    def lookup(self, term: str, lang: str | None = None) -> list[LexiconEntry]:
        """Entries whose term or one of whose forms equals ``term`` (normalized)."""
        from .text.normalize import normalize_text

        key = " ".join(normalize_text(term).split())
        out = []
        for e in self.entries:
            if lang and e.lang != lang:
                continue
            names = [e.term, *e.forms]
            if any(" ".join(normalize_text(n).split()) == key for n in names):
                out.append(e)
        return out

    def merged(self, other: "Lexicon") -> "Lexicon":
        """This lexicon with ``other``'s entries added; same (lang, term, category) replaced."""
        index = {e.key: i for i, e in enumerate(self.entries)}
        entries = list(self.entries)
        for e in other.entries:
            if e.key in index:
                entries[index[e.key]] = e
            else:
                index[e.key] = len(entries)
                entries.append(e)
        return Lexicon(tuple(entries), {**self.versions, **other.versions})


_VERSION_RE = re.compile(r"^#\s*version\s*:\s*(\S+)", re.I)
_LANG_RE = re.compile(r"^#\s*language\s*:\s*(\S+)", re.I)


def _lang_from_name(name: str) -> str | None:
    base = os.path.basename(name).lower()
    m = re.search(r"(?:^|[-_.])(ar|en)(?:[-_.]|$)", base)
    return m.group(1) if m else None


def parse_lexicon(text: str, source: str, *, lang: str | None = None, origin: str = "builtin",
                  categories: tuple[str, ...] = LEXICON_CATEGORIES) -> Lexicon:
    """Parse lexicon TSV text. Errors name the file, the line and the problem.

    ``categories`` are the categories an entry may have (the cue categories;
    :mod:`framing.polarity` reads its files with ``positive`` and ``negative``).
    """
    version = "unversioned"
    file_lang = lang
    header = None
    entries = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            m = _VERSION_RE.match(line)
            if m:
                version = m.group(1)
            m = _LANG_RE.match(line)
            if m and file_lang is None:
                file_lang = m.group(1).lower()
            continue
        cols = line.split("\t")
        if header is None:
            names = [c.strip().lower() for c in cols]
            if "term" not in names or "category" not in names:
                raise DataFormatError(
                    "the first non-comment line must be a header naming the columns "
                    f"({', '.join(COLUMNS)}[, lang])",
                    source=source,
                    line=lineno,
                )
            header = names
            continue
        row = dict(zip(header, (c.strip() for c in cols)))
        if len(cols) > len(header):
            raise DataFormatError(
                f"{len(cols)} columns but the header has {len(header)} (a stray tab?)",
                source=source,
                line=lineno,
            )
        entries.append(_entry(row, source, lineno, file_lang, origin, categories))
    if header is None:
        raise DataFormatError("has no header line and no entries", source=source)
    if not entries:
        raise DataFormatError("has no entries", source=source)
    return Lexicon(tuple(entries), {os.path.basename(source): version})


def _entry(row: dict, source: str, lineno: int, file_lang: str | None, origin: str,
           categories: tuple[str, ...] = LEXICON_CATEGORIES) -> LexiconEntry:
    def fail(problem, field=None):
        raise DataFormatError(problem, source=source, line=lineno, field=field)

    term = row.get("term", "")
    if not term:
        fail("empty term", "term")
    category = row.get("category", "")
    if category not in categories:
        fail(f"category {category!r} is not one of {', '.join(categories)}", "category")
    weight_text = row.get("weight") or "1"
    try:
        weight = int(weight_text)
    except ValueError:
        fail(f"weight {weight_text!r} is not 1, 2 or 3", "weight")
    if weight not in (1, 2, 3):
        fail(f"weight {weight} is not 1, 2 or 3", "weight")
    match = (row.get("match") or ("phrase" if " " in term else "word")).lower()
    if match not in MATCH_MODES:
        fail(f"match {match!r} is not one of word, stem, phrase", "match")
    lang = (row.get("lang") or file_lang or "").lower()
    if lang not in ("ar", "en"):
        fail(
            "no language: add a 'lang' column (ar or en), a '# language: ar' line, "
            "or put ar/en in the file name",
            "lang",
        )
    forms = tuple(f.strip() for f in (row.get("forms") or "").split("|") if f.strip())
    return LexiconEntry(
        term=term,
        category=category,
        weight=weight,
        match=match,
        lang=lang,
        forms=forms,
        neutral=row.get("neutral", "") or "",
        note=row.get("note", "") or "",
        source=origin,
    )


def read_lexicon_file(path: str | os.PathLike) -> Lexicon:
    """Read a user lexicon file (TSV as above; language from a column, a comment or the name)."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise DataFormatError("no such lexicon file", source=path) from None
    except UnicodeDecodeError:
        raise DataFormatError("is not UTF-8 text", source=path, hint="save the lexicon as UTF-8") from None
    except OSError as exc:
        raise DataFormatError(f"cannot be read ({exc.strerror or exc})", source=path) from None
    return parse_lexicon(text, path, lang=_lang_from_name(path), origin=path)


@lru_cache(maxsize=4)
def _builtin(langs: tuple[str, ...]) -> Lexicon:
    lex = Lexicon((), {})
    for lang in langs:
        res = resources.files("framing").joinpath(f"lexicons/{lang}.tsv")
        lex = lex.merged(parse_lexicon(res.read_text(encoding="utf-8"), f"framing/lexicons/{lang}.tsv", lang=lang))
    return lex


def load_lexicon(extra: list | tuple = (), *, langs: tuple[str, ...] = ("ar", "en")) -> Lexicon:
    """The built-in lexicons, with user files in ``extra`` merged on top (in order)."""
    lex = _builtin(tuple(langs))
    for path in extra:
        lex = lex.merged(read_lexicon_file(path))
    return lex
