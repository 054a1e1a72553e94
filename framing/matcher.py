"""Clitic-aware lexicon matching over a token trie.

Entries are compiled once into a trie keyed by normalized words; a paragraph
is matched in one left-to-right pass, trying for each token a few candidate
analyses (the token itself, the token without its proclitics, and, for
``stem`` entries, without a suffix). Nothing is ever scanned entry by entry.

Arabic proclitics: the conjunctions و ف, the prepositions ب ك ل, the
article ال and their combinations (وال، بال، وبال، فبال، كال), لل for ل + ال
(للغرب), and the future prefix س before a verb (سيزعم). Guards against
over-stripping: a stripped remainder must keep at least three letters (two
after ال), and tokens on the guard list (``framing/lexicons/ar-guards.tsv``)
are only ever matched whole (ذل must not match بذل; وهم is also "and they").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lexicon import Lexicon, LexiconEntry
from .text.normalize import normalize, normalize_text
from .text.tokenize import TOKEN_RE

__all__ = ["LexiconMatch", "LexiconMatcher", "arabic_analyses", "english_analyses", "load_guards", "normalized_tokens",
           "token_analyses"]

#: Shortest remainder after stripping clitics (letters), and after stripping ال.
MIN_STEM = 3
MIN_STEM_AFTER_ARTICLE = 2
#: Longest phrase, in tokens.
MAX_PHRASE_TOKENS = 8

AR_CONJ = ("", "و", "ف")
AR_PREP = ("", "ب", "ك", "ل")
AR_SUFFIXES = tuple(
    sorted(
        "ه ات ين ون ان ي يه يين يون يات ها هم هن هما كم كن نا وا تم ته تها تهم اته اتها اتهم".split(),
        key=len,
        reverse=True,
    )
)
EN_POSSESSIVE = ("'s", "\u2019s")
#: Token analyses kept (one cache shared by every matcher: cues, targets, polarity), bounded.
ANALYSES_CACHE_SIZE = 100_000
_ANALYSES: dict[frozenset, dict] = {}
#: Per language, the first words of every matcher's entries: the only analysis keys a text is indexed by.
_START_KEYS: dict[str, set] = {}


def _register_start_keys(lang: str, keys) -> None:
    """Add a matcher's first words; cached token keys and text indexes start again when any is new."""
    known = _START_KEYS.setdefault(lang, set())
    if not known.issuperset(keys):
        known.update(keys)
        _ANALYSES.clear()
        _text_analyses.cache_clear()


@lru_cache(maxsize=64)
def _text_analyses(text: str, lang: str, guards: frozenset) -> tuple[tuple, dict]:
    """The analyses of every token of ``text`` (in order), and where each analysis key occurs.

    Shared by every matcher: an entry can only match from a token one of whose
    analyses is the entry's first word, so a matcher looks up its first words
    among the text's keys (``{key: [token positions]}``) instead of walking every token.
    Only keys that are some matcher's first word are indexed (most tokens have none).
    """
    cache = _ANALYSES.setdefault(guards, {})
    per_token = []
    where: dict[str, list[int]] = {}
    for i, (tok, _, _) in enumerate(normalized_tokens(text)[1]):
        got = cache.get((lang, tok))
        if got is None:
            token_analyses(tok, lang, guards)
            got = cache[(lang, tok)]
        per_token.append(got[0])
        for k in got[1]:
            at = where.get(k)
            if at is None:
                where[k] = [i]
            else:
                at.append(i)
    return tuple(per_token), where


def token_analyses(token: str, lang: str, guards: frozenset) -> list:
    """The analyses of one token (:func:`arabic_analyses`, :func:`english_analyses`), cached for every matcher."""
    cache = _ANALYSES.setdefault(guards, {})
    got = cache.get((lang, token))
    if got is None:
        if lang == "ar":
            analyses = arabic_analyses(token, guards)
        elif lang == "en":
            analyses = english_analyses(token)
        else:
            analyses = [(token, 0, False)]
        if len(cache) > ANALYSES_CACHE_SIZE:
            cache.clear()
        starts = _START_KEYS.get(lang, ())
        got = cache[(lang, token)] = (analyses, tuple(dict.fromkeys(k for k, _, _ in analyses if k in starts)))
    return got[0]


@lru_cache(maxsize=64)
def normalized_tokens(text: str):
    """The normalized text and its tokens (token, start, end), shared by every matcher."""
    n = normalize(text)
    return n, tuple((m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(n.text))


@lru_cache(maxsize=1)
def load_guards() -> frozenset:
    """Normalized Arabic tokens that are never analysed as clitic + word."""
    try:
        text = resources.files("framing").joinpath("lexicons/ar-guards.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    out = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        token = line.split("\t", 1)[0].strip()
        if token and token != "token":
            out.add(normalize_text(token))
    return frozenset(out)


def arabic_analyses(token: str, guards: frozenset = frozenset()) -> list[tuple[str, int, bool]]:
    """Candidate analyses of a normalized Arabic token.

    Returns (key, prefix length, suffix stripped) triples: the key to look up,
    how many normalized characters of conjunction/preposition proclitics to
    leave out of a reported span (the article ال stays in it), and whether a
    suffix was removed (only ``stem`` entries accept those).

    >>> [k for k, p, s in arabic_analyses("للغرب") if not s]
    ['للغرب', 'الغرب', 'غرب']
    >>> ("هيمنه", 1, False) in arabic_analyses("بالهيمنه")
    True
    >>> [k for k, p, s in arabic_analyses("بذل") if not s]
    ['بذل']
    """
    out = arabic_prefix_analyses(token, guards)
    seen = {(k, p) for k, p, _ in out}
    stems = []
    for key, p, _ in out:
        if key in guards or not key.endswith(AR_SUFFIXES):  # (one test for all the suffixes first)
            continue
        for suf in AR_SUFFIXES:
            if key.endswith(suf) and len(key) - len(suf) >= MIN_STEM:
                base = key[: -len(suf)]
                stems.append((base, p, True))
                if base.endswith("ت"):
                    stems.append((base[:-1] + "ه", p, True))  # مؤامرتهم -> مؤامره
                if suf in ("ات", "ان", "ين", "ون"):
                    stems.append((base + "ه", p, True))  # مؤامرات -> مؤامره
    for s in stems:
        if (s[0], s[1]) not in seen:
            seen.add((s[0], s[1]))
            out.append(s)
    return out


def arabic_prefix_analyses(token: str, guards: frozenset = frozenset()) -> list[tuple[str, int, bool]]:
    """The analyses of :func:`arabic_analyses` that strip no suffix (the token itself first)."""
    out: list[tuple[str, int, bool]] = [(token, 0, False)]
    seen = {(token, 0)}

    def add(key, p):
        if (key, p) not in seen:
            seen.add((key, p))
            out.append((key, p, False))

    if token not in guards:
        for conj in AR_CONJ:
            if conj and not token.startswith(conj):
                continue
            r1 = token[len(conj):]
            for prep in AR_PREP:
                if prep and not r1.startswith(prep):
                    continue
                p = len(conj) + len(prep)
                rest = token[p:]
                if prep == "ل" and rest.startswith("ل") and len(rest) - 1 >= MIN_STEM_AFTER_ARTICLE:
                    # لل = ل + ال with the alef dropped; the span keeps the whole word
                    add("ال" + rest[1:], len(conj))
                    add(rest[1:], len(conj))
                    continue
                if p and len(rest) >= MIN_STEM:
                    add(rest, p)
                if rest.startswith("ال") and len(rest) - 2 >= MIN_STEM_AFTER_ARTICLE:
                    add(rest[2:], p)  # the span keeps the article: الهستيريا, not هستيريا
                if not prep and rest[:1] == "س" and rest[1:2] in ("ي", "ت", "ن", "ا") and len(rest) - 1 >= MIN_STEM + 1:
                    add(rest[1:], p + 1)  # future prefix: سيزعم -> يزعم
    return out


def english_analyses(token: str) -> list[tuple[str, int, bool]]:
    """Candidate analyses of a lower-cased English token.

    >>> sorted({k for k, p, s in english_analyses("claimed")})
    ['claim', 'claime', 'claimed']
    >>> ("slam", 0, True) in english_analyses("slammed")
    True
    """
    out = [(token, 0, False)]
    for pos in EN_POSSESSIVE:
        if token.endswith(pos) and len(token) > len(pos) + 1:
            token = token[: -len(pos)]
            out.append((token, 0, False))
    cands = set()
    t = token
    if len(t) > 3:
        if t.endswith("ies") or t.endswith("ied"):
            cands.add(t[:-3] + "y")
        if t.endswith("s") and not t.endswith("ss"):
            cands.add(t[:-1])
        if t.endswith("es"):
            cands.add(t[:-2])
        if t.endswith("ed"):
            cands.add(t[:-2])
            cands.add(t[:-1])
            if len(t) > 4 and t[-3] == t[-4]:
                cands.add(t[:-3])
        if t.endswith("ing") and len(t) > 5:
            cands.add(t[:-3])
            cands.add(t[:-3] + "e")
            if t[-4] == t[-5]:
                cands.add(t[:-4])
        if t.endswith("ly"):
            cands.add(t[:-2])
            if t.endswith("ily"):
                cands.add(t[:-3] + "y")
        if t.endswith("ers"):
            cands.add(t[:-3])
            cands.add(t[:-2])
        elif t.endswith("er"):
            cands.add(t[:-2])
            cands.add(t[:-1])
    for c in sorted(cands):
        if len(c) >= 3 and c != token:
            out.append((c, 0, True))
    return out


@dataclass(frozen=True)
class LexiconMatch:
    """A lexicon entry found in a text: ``text[start:end]`` is what matched."""

    start: int
    end: int
    entry: LexiconEntry


class _Node:
    __slots__ = ("next", "entries")

    def __init__(self):
        self.next: dict[str, _Node] = {}
        self.entries: list[LexiconEntry] = []


class LexiconMatcher:
    """A lexicon compiled into one token trie per language.

    Parameters
    ----------
    lexicon : Lexicon
        The entries to match.

    Examples
    --------
    >>> from framing.lexicon import Lexicon, LexiconEntry
    >>> lex = Lexicon((LexiconEntry("الهيمنة على العالم", "exaggeration", 3, "phrase", "ar"),
    ...                LexiconEntry("claim", "doubt_distancing", 2, "stem", "en")), {})
    >>> m = LexiconMatcher(lex)
    >>> text = "لديها «مطالبات بالهيمنة على العالم»"
    >>> [(text[x.start:x.end], x.entry.category) for x in m.find(text, "ar")]
    [('الهيمنة على العالم', 'exaggeration')]
    >>> [("She claimed it"[x.start:x.end]) for x in m.find("She claimed it", "en")]
    ['claimed']
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.guards = load_guards()
        self._roots: dict[str, _Node] = {}
        for entry in lexicon.entries:
            root = self._roots.setdefault(entry.lang, _Node())
            for name in (entry.term, *entry.forms):
                words = TOKEN_RE.findall(normalize_text(name))
                if not words:
                    continue
                node = root
                for w in words:
                    node = node.next.setdefault(w, _Node())
                if entry not in node.entries:
                    node.entries.append(entry)
        self._first = {lang: frozenset(root.next) for lang, root in self._roots.items()}
        for lang, keys in self._first.items():
            _register_start_keys(lang, keys)

    def find(self, text: str, lang: str, accept=None) -> list[LexiconMatch]:
        """All non-overlapping matches in ``text`` (leftmost, then longest).

        ``lang`` picks the trie ("ar" or "en"); for other text both are tried
        on tokens of their own script. ``accept``, a predicate on entries,
        restricts which entries may match.
        """
        if lang not in ("ar", "en"):
            return sorted(
                [m for lg in ("ar", "en") for m in self.find(text, lg, accept)], key=lambda m: (m.start, -m.end)
            )
        root = self._roots.get(lang)
        if root is None:
            return []
        analyses, where = _text_analyses(text, lang, self.guards)
        starts = self._first[lang].intersection(where)
        if not starts:
            return []  # no token of the text can start an entry
        if len(starts) == 1:
            candidates = where[next(iter(starts))]
        else:
            candidates = sorted({i for k in starts for i in where[k]})
        n, toks = normalized_tokens(text)
        out: list[LexiconMatch] = []
        nxt = 0  # matches do not overlap: the next one starts after the last one's end
        next_of = root.next
        for i in candidates:  # only tokens where an entry can start (at any other, nothing matches)
            if i < nxt:
                continue
            best = None  # (n_tokens, exactness, weight, start_norm, end_tok_index, entry)
            for key, p, stemmed in analyses[i]:
                node = next_of.get(key)
                if node is None:
                    continue
                best = self._walk(node, analyses, i, i, p, stemmed, lang, best, accept)
            if best is None:
                continue
            _, _, _, p, j, entry = best
            a, _ = n.to_original(toks[i][1] + p, toks[i][2])
            _, b = n.to_original(toks[j][1], toks[j][2])
            out.append(LexiconMatch(a, b, entry))
            nxt = j + 1
        return out

    def _walk(self, node, analyses, i, j, p, stemmed_any, lang, best, accept=None):
        for entry in node.entries:
            if stemmed_any and entry.match != "stem":
                continue
            if accept is not None and not accept(entry):
                continue
            score = (j - i + 1, 0 if stemmed_any else (1 if p == 0 else 0.5), entry.weight, p, j, entry)
            if best is None or score[:3] > best[:3]:
                best = score
        if j + 1 < len(analyses) and j + 1 - i < MAX_PHRASE_TOKENS and node.next:
            for key, _p, stemmed in analyses[j + 1]:
                child = node.next.get(key)
                if child is not None:
                    best = self._walk(child, analyses, i, j + 1, p, stemmed_any or stemmed, lang, best, accept)
        return best
