"""Targets: canonical names with aliases, and finding their mentions in text.

The targets file (``framing/data/targets.tsv``) lists, for each target, its
canonical name, language, kind (person, country, government, ...), a
language-independent ``group`` id, its aliases (nisba and plural forms,
capitals used as metonyms, spelling variants, pejorative names, surnames),
and phrases in which an alias must not count (الضفة الغربية for الغرب,
"West Bank" for "the West"). Users extend it with files of their own or with
``--target 'NAME=ALIAS|ALIAS'`` on the command line.

Mentions are found with the same clitic-aware token trie as the cue lexicon
(للغرب and والغرب mention الغرب), so a target's mention is exact to the
character.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DataFormatError, UsageError
from .matcher import LexiconMatcher

__all__ = ["Mention", "Target", "TargetSet", "load_targets", "parse_target_option"]

KINDS = ("person", "country", "government", "army", "party", "organisation", "group", "policy", "idea", "other")


@dataclass(frozen=True)
class Target:
    """A target and the names it goes by (``term``/``forms`` so the lexicon trie can compile it)."""

    name: str
    lang: str
    kind: str = "other"
    group: str = ""
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    note: str = ""
    source: str = "builtin"
    match: str = "word"
    weight: int = 1

    @property
    def term(self) -> str:
        return self.name

    @property
    def forms(self) -> tuple[str, ...]:
        return self.aliases


@dataclass(frozen=True)
class _Exclusion:
    target: Target
    term: str
    lang: str
    forms: tuple = ()
    match: str = "phrase"
    weight: int = 1


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    target: str


class TargetSet:
    """A set of targets compiled for mention finding.

    Examples
    --------
    >>> ts = TargetSet([Target("الغرب", "ar", "group", "west", ("الغربي", "الغربية", "الدول الغربية"),
    ...                        ("الضفة الغربية", "الصحراء الغربية"))])
    >>> [m.text for m in ts.mentions("هاجم الإعلام الغربي للغرب في الضفة الغربية", "ar")]
    ['الغربي', 'للغرب']
    """

    def __init__(self, targets):
        self.targets = list(targets)
        self.by_name = {}
        for t in self.targets:
            self.by_name.setdefault((t.lang, t.name), t)
        self._matcher = _GenericMatcher(self.targets)
        excl = [_Exclusion(t, x, t.lang) for t in self.targets for x in t.exclude]
        self._excluder = _GenericMatcher(excl) if excl else None

    def names(self, lang: str | None = None) -> list[str]:
        return [t.name for t in self.targets if lang is None or t.lang == lang]

    def get(self, name: str, lang: str | None = None) -> Target | None:
        for t in self.targets:
            if t.name == name and (lang is None or t.lang == lang):
                return t
        return None

    def mentions(self, text: str, lang: str, *, only: set | None = None) -> list[Mention]:
        """Mentions of targets in ``text`` (exclusions removed), sorted by position."""
        found = self._matcher.find(text, lang, None if only is None else (lambda e: e.name in only))
        blocked = []
        if self._excluder is not None:
            blocked = [(m.start, m.end, m.entry.target.name) for m in self._excluder.find(text, lang)]
        out = []
        for m in found:
            name = m.entry.name
            if only is not None and name not in only:
                continue
            if any(a <= m.start and m.end <= b and t == name for a, b, t in blocked):
                continue  # an exclusion phrase of this target ("الضفة الغربية" for الغرب)
            out.append(Mention(m.start, m.end, text[m.start : m.end], name))
        return out

    def with_targets(self, extra) -> "TargetSet":
        """A new set with ``extra`` targets added (same name and language replaced)."""
        keys = {(t.lang, t.name) for t in extra}
        return TargetSet([t for t in self.targets if (t.lang, t.name) not in keys] + list(extra))


class _GenericMatcher(LexiconMatcher):
    """The lexicon trie over any objects with term/forms/lang/match/weight."""

    def __init__(self, items):
        from .lexicon import Lexicon

        super().__init__(Lexicon(tuple(items), {}))


def _parse(text: str, source: str, origin: str) -> list[Target]:
    header = None
    out = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if header is None:
            header = [c.lower() for c in cols]
            if "target" not in header:
                raise DataFormatError("the header must name a 'target' column", source=source, line=lineno)
            continue
        row = dict(zip(header, cols))
        name = row.get("target", "")
        if not name:
            raise DataFormatError("empty target name", source=source, line=lineno, field="target")
        lang = (row.get("lang") or "").lower()
        if lang not in ("ar", "en"):
            raise DataFormatError(f"lang {lang!r} is not ar or en", source=source, line=lineno, field="lang")
        kind = (row.get("kind") or "other").lower()
        if kind not in KINDS:
            raise DataFormatError(f"kind {kind!r} is not one of {', '.join(KINDS)}", source=source, line=lineno, field="kind")
        split = lambda v: tuple(x.strip() for x in (v or "").split("|") if x.strip())  # noqa: E731
        out.append(Target(name, lang, kind, row.get("group", ""), split(row.get("aliases")), split(row.get("exclude")),
                          row.get("note", ""), origin))
    if header is None or not out:
        raise DataFormatError("has no targets", source=source)
    return out


@lru_cache(maxsize=1)
def _builtin() -> tuple[Target, ...]:
    res = resources.files("framing").joinpath("data/targets.tsv")
    return tuple(_parse(res.read_text(encoding="utf-8"), "framing/data/targets.tsv", "builtin"))


def load_targets(extra_files=(), extra_targets=()) -> TargetSet:
    """The built-in targets plus user files and ``--target`` definitions."""
    targets = list(_builtin())
    ts = TargetSet(targets)
    for path in extra_files:
        path = os.fspath(path)
        try:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as exc:
            raise DataFormatError(f"cannot be read ({exc.strerror or exc})", source=path) from None
        ts = ts.with_targets(_parse(text, path, path))
    if extra_targets:
        ts = ts.with_targets(extra_targets)
    return ts


def parse_target_option(value: str, lang: str | None = None) -> list[Target]:
    """Parse ``--target 'NAME[=ALIAS|ALIAS…]'`` into targets (both languages unless given).

    >>> t, = parse_target_option("the West=West|Western", "en")
    >>> t.name, t.aliases
    ('the West', ('West', 'Western'))
    >>> parse_target_option("=x")
    Traceback (most recent call last):
    ...
    framing.errors.UsageError: --target needs a name before '=' (got '=x'); write --target 'NAME=ALIAS|ALIAS'
    """
    name, sep, aliases = value.partition("=")
    name = name.strip()
    if not name:
        raise UsageError(f"--target needs a name before '=' (got {value!r}); write --target 'NAME=ALIAS|ALIAS'")
    alias_list = tuple(a.strip() for a in aliases.split("|") if a.strip()) if sep else ()
    langs = [lang] if lang in ("ar", "en") else ["ar", "en"]
    return [Target(name, lg, "other", "", alias_list, (), "", "command line") for lg in langs]


# -- names that are not in the targets file ---------------------------------------

_EN_ORG_WORDS = frozenset(
    "house senate congress party committee commission department ministry agency bureau office court council "
    "union association institute university college school church company corporation inc corp co ltd group "
    "bank fund board service services administration authority federation league club network news times post "
    "press journal foundation campaign coalition caucus police army navy force forces county city state states "
    "republic kingdom nations organization organisation center centre trust democrats republicans "
    # laws, deals and programmes: "the Affordable Care Act" is never "Act" (nor the verb "act"); its acronym stands
    "act bill law deal agreement accord treaty pact plan program programme initiative amendment resolution "
    "order policy reform pipeline project summit crisis war scandal".split()
)
_EN_NAME_STOP = frozenset("of the for and on in at to de la del van von da al bin jr jr. sr sr. ii iii iv".split())
_AR_ORG_HEADS = frozenset(
    "صندوق وزارة وزير مجلس حزب جامعة شركة نادي منظمة هيئة بنك مصرف حكومة جيش حركة جماعة اتحاد محكمة وكالة رئاسة "
    "مكتب لجنة جبهة قوات مؤسسة برنامج مركز دار جمعية منتخب رابطة سلطة سلطات مجموعة تحالف ائتلاف نقابة قناة صحيفة "
    "موقع مستشفى بلدية محافظة ولاية إدارة دائرة معهد أكاديمية مفوضية بعثة".split()
)


@lru_cache(maxsize=4096)
def name_variants(name: str, lang: str) -> tuple[str, ...]:
    """Shorter ways a text refers to a target that the targets file does not list.

    A person is usually named in full once and then by the surname; an
    organisation by its acronym. The variants are conservative: only the
    surname of a name that looks like a person's (two to four words, no
    organisation word, not a definite noun phrase in Arabic), and the acronym
    of an English organisation of three or more capitalised words.

    >>> name_variants("Nancy Pelosi", "en")
    ('Pelosi',)
    >>> name_variants("Bill Kristol", "en"), name_variants("Farm Bill", "en")
    (('Kristol',), ())
    >>> name_variants("Federal Election Commission", "en")
    ('FEC',)
    >>> name_variants("Affordable Care Act", "en")
    ('ACA',)
    >>> name_variants("the West", "en")
    ('West',)
    >>> name_variants("هالة السعيد", "ar")
    ('السعيد',)
    >>> name_variants("صندوق النقد الدولي", "ar")
    ()
    """
    words = name.split()
    out: list[str] = []
    if lang == "en":
        if words and words[0].lower() == "the" and len(words) > 1:
            out.append(" ".join(words[1:]))
            words = words[1:]
        caps = [w for w in words if w[:1].isupper()]
        lower = [w.lower().strip(".,") for w in words]
        # "Bill" first is a given name ("Bill Kristol"); a bill is named after its subject ("Farm Bill")
        is_org = any(w in _EN_ORG_WORDS for w in (lower[1:] if lower[:1] == ["bill"] else lower))
        if 2 <= len(words) <= 4 and not is_org and len(caps) == len(words):
            last = [w for w in words if w.lower().strip(".,") not in _EN_NAME_STOP]
            if last and len(last[-1]) >= 3 and last[-1].isalpha():
                out.append(last[-1])
        elif is_org:
            initials = [w for w in words if w[:1].isupper() and w.lower() not in _EN_NAME_STOP]
            if len(initials) >= 3 and len(initials) == len([w for w in words if w.lower() not in _EN_NAME_STOP]):
                out.append("".join(w[0] for w in initials))
    elif lang == "ar":
        if 2 <= len(words) <= 4 and not words[0].startswith("ال") and words[0] not in _AR_ORG_HEADS:
            last = words[-1]
            if len(last) >= 4 and last not in _AR_ORG_HEADS:
                out.append(last)
    return tuple(v for v in dict.fromkeys(out) if v and v != name)


def name_mentions(text: str, lang: str, name: str) -> list[Mention]:
    """Mentions of a target by its own name and :func:`name_variants` (clitic-aware)."""
    found = _name_set(name, lang).mentions(text, lang)
    acronyms = {v.lower() for v in name_variants(name, lang) if v.isupper()}
    if acronyms:  # an acronym counts in capitals only ("WAR", never "war")
        found = [m for m in found if m.text.lower().split("'")[0] not in acronyms or m.text.split("'")[0].isupper()]
    return found


@lru_cache(maxsize=1024)
def _name_set(name: str, lang: str) -> TargetSet:
    return TargetSet([Target(name, lang, "other", "", name_variants(name, lang), (), "", "name")])
