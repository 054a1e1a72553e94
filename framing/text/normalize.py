"""Normalization for matching, with an offset map back to the original text.

Matching works on a folded form of the text (no diacritics, one alef, ...),
but every span we report must point at the exact original characters. The
:func:`normalize` function therefore returns a :class:`Normalized` object
holding the folded text and, for every folded character, the range of
original characters it came from. The map handles one-to-many changes (NFKC
turns U+FDFA into 18 characters, U+FEFB into two) and deletions (diacritics,
tatweel, format characters).

Each step is a small named table over explicit code points, switchable with
keyword arguments.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

__all__ = [
    "ARABIC_DIACRITICS",
    "Normalized",
    "normalize",
    "normalize_text",
    "strip_diacritics",
]

# Harakat, tanween, shadda, sukun, maddah/hamza above/below marks, dagger alef,
# Quranic annotation marks. Written as escapes on purpose (see STYLE.md).
ARABIC_DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
# Invisible format characters that change nothing a reader sees: Arabic letter
# mark, ZWSP/ZWNJ/ZWJ, LRM/RLM, bidi embeddings and isolates, word joiner,
# BOM, soft hyphen.
FORMAT_CHARS = frozenset(
    ["\u061C", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u00AD", "\u2060", "\uFEFF"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
ALEF_FORMS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
ALEF_MAQSURA = {"\u0649": "\u064A"}
TEH_MARBUTA = {"\u0629": "\u0647"}
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

_ASCII_RE = re.compile(r"[\x00-\x7f]*\Z")


@dataclass(frozen=True, eq=False)
class Normalized:
    """A folded text and the map from its characters to the original.

    Attributes
    ----------
    text : str
        The normalized text.
    original : str
        The text that was normalized.
    starts, ends : array
        ``original[starts[i]:ends[i]]`` is what produced ``text[i]``.
    """

    text: str
    original: str
    starts: array
    ends: array

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span ``[start, end)`` to original offsets.

        An empty span maps to an empty span at the matching position.

        Examples
        --------
        >>> n = normalize("\u0647\u064E\u0633\u0652\u062A\u0650\u064A\u0631\u0650\u064A\u0627")
        >>> n.text
        'هستيريا'
        >>> n.to_original(0, len(n.text))
        (0, 11)
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span ({start}, {end}) is outside the normalized text of length {n}")
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The original characters behind the normalized span ``[start, end)``."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


def _fold_table(fold_alef: bool, fold_yeh: bool, fold_teh_marbuta: bool, digits: bool) -> dict:
    table: dict[str, str] = {}
    for ch in ARABIC_DIACRITICS | FORMAT_CHARS | {TATWEEL}:
        table[ch] = ""
    if fold_alef:
        table.update(ALEF_FORMS)
    if fold_yeh:
        table.update(ALEF_MAQSURA)
    if fold_teh_marbuta:
        table.update(TEH_MARBUTA)
    if digits:
        table.update(DIGITS)
    return table


_TABLES: dict[tuple, dict] = {}


def _nfkc_casefold(chunk: str, casefold: bool) -> str:
    out = unicodedata.normalize("NFKC", chunk)
    if not casefold:
        return out
    for _ in range(4):  # casefold and NFKC can feed each other; stop at a fixed point
        nxt = unicodedata.normalize("NFKC", out.casefold())
        if nxt == out:
            break
        out = nxt
    return out


def _chunks(text: str):
    """Yield (start, end) of base-character + combining-marks clusters."""
    n = len(text)
    i = 0
    combining = unicodedata.combining
    while i < n:
        j = i + 1
        while j < n and combining(text[j]):
            j += 1
        yield i, j
        i = j


#: Per-character results of step 1 (NFKC and casefold of a one-character cluster), by casefold setting.
_CHAR_STAGE: dict[bool, dict[str, str]] = {True: {}, False: {}}
#: Whether a character is a combining mark (``unicodedata.combining``), memoized.
_COMBINING: dict[str, bool] = {}
#: Step 2 as ``str.translate`` tables and the deleted characters as a pattern, by fold settings.
_TRANSLATE: dict[tuple, tuple[dict, re.Pattern]] = {}
_EXTENDING = ARABIC_DIACRITICS | {TATWEEL}


def _stage_chars(text: str, casefold: bool) -> dict[str, str] | None:
    """Step 1 character by character, when ``text`` has no combining marks (else None).

    Without combining marks every cluster is one character, so step 1 is a
    per-character map: the same result as the cluster loop, found once per
    distinct character.
    """
    memo = _CHAR_STAGE[casefold]
    out = {}
    for ch in set(text):
        comb = _COMBINING.get(ch)
        if comb is None:
            comb = _COMBINING[ch] = bool(unicodedata.combining(ch))
            if len(_COMBINING) > 100_000:  # bounded: open-ended input cannot grow it for ever
                _COMBINING.clear()
        if comb:
            return None
        got = memo.get(ch)
        if got is None:
            got = memo[ch] = _nfkc_casefold(ch, casefold)
            if len(memo) > 100_000:
                memo.clear()
        out[ch] = got
    return out


def _step2(key: tuple) -> tuple[dict, re.Pattern]:
    got = _TRANSLATE.get(key)
    if got is None:
        table = _TABLES.get(key)
        if table is None:
            table = _TABLES[key] = _fold_table(*key)
        deleted = sorted(ch for ch, rep in table.items() if not rep)
        got = _TRANSLATE[key] = (str.maketrans(table), re.compile("[" + "".join(map(re.escape, deleted)) + "]+"))
    return got


def normalize(
    text: str,
    *,
    fold_alef: bool = True,
    fold_yeh: bool = True,
    fold_teh_marbuta: bool = True,
    casefold: bool = True,
    digits: bool = True,
) -> Normalized:
    """Normalize ``text`` for matching and keep a map back to it.

    Steps, in order: NFKC (per character cluster, so that offsets stay exact)
    and casefolding; removal of Arabic diacritics, tatweel and invisible
    format characters (ALM, ZWJ, ZWNJ, soft hyphen, bidi controls); folding of
    أ إ آ ٱ to ا, ى to ي and ة to ه; Arabic-Indic and Persian digits to
    ASCII. Each fold can be switched off.

    Parameters
    ----------
    text : str
        Any string, including lone surrogates and control characters.
    fold_alef, fold_yeh, fold_teh_marbuta, casefold, digits : bool, default=True
        Switch the corresponding fold on or off.

    Returns
    -------
    Normalized
        The normalized text and its offset map.

    Examples
    --------
    >>> normalize("إثارة الهستيريا").text
    'اثاره الهستيريا'
    >>> normalize("Claimed").text
    'claimed'
    """
    stage_text, starts, ends = _stage(text, casefold)
    identity = starts is None
    key = (fold_alef, fold_yeh, fold_teh_marbuta, digits)
    trans, deleted_re = _step2(key)
    n = len(stage_text)
    out_text = stage_text.translate(trans)  # every fold is one character to one (or none)
    if len(out_text) == n:  # nothing deleted: the map is the stage's
        if identity:
            return Normalized(out_text, text, array("q", range(n)), array("q", range(1, n + 1)))
        return Normalized(out_text, text, starts, ends)
    # Deleted characters: a diacritic or tatweel belongs to the letter before it,
    # so that letter's source range extends over it (spans keep their marks).
    kept: list[int] = []
    extend: dict[int, int] = {}  # output index -> stage index of the last mark it absorbs
    pos = 0
    for m in deleted_re.finditer(stage_text):
        a, b = m.span()
        kept.extend(range(pos, a))
        if kept:
            for i in range(b - 1, a - 1, -1):
                if stage_text[i] in _EXTENDING:
                    extend[len(kept) - 1] = i
                    break
        pos = b
    kept.extend(range(pos, n))
    if identity:
        out_starts = array("q", kept)
        out_ends = array("q", [i + 1 for i in kept])
        for k, i in extend.items():
            out_ends[k] = i + 1
    else:
        out_starts = array("q", [starts[i] for i in kept])
        out_ends = array("q", [ends[i] for i in kept])
        for k, i in extend.items():
            out_ends[k] = ends[i]
    return Normalized(out_text, text, out_starts, out_ends)


def _stage(text: str, casefold: bool) -> tuple[str, array | None, array | None]:
    """Step 1 (NFKC + casefold): the staged text and its map (None, None: one to one, in place)."""
    simple = _ASCII_RE.match(text) is not None or (
        unicodedata.is_normalized("NFKC", text) and (not casefold or text.casefold() == text)
    )
    if simple:
        return (text.lower() if casefold and _ASCII_RE.match(text) else text), None, None
    per_char = _stage_chars(text, casefold)
    if per_char is not None and all(len(v) == 1 for v in per_char.values()):
        return text.translate(str.maketrans(per_char)), None, None
    stage: list[str] = []
    starts = array("q")
    ends = array("q")
    for a, b in _chunks(text):
        chunk = text[a:b]
        out = per_char[chunk] if per_char is not None else _nfkc_casefold(chunk, casefold)
        if out == chunk and b - a == 1:
            stage.append(chunk)
            starts.append(a)
            ends.append(b)
            continue
        if b - a > 1 and out == chunk:
            # Keep per-character granularity when nothing changed.
            for k in range(a, b):
                stage.append(text[k])
                starts.append(k)
                ends.append(k + 1)
            continue
        for ch in out:
            stage.append(ch)
            starts.append(a)
            ends.append(b)
    return "".join(stage), starts, ends


def normalize_text(text: str, *, fold_alef: bool = True, fold_yeh: bool = True, fold_teh_marbuta: bool = True,
                   casefold: bool = True, digits: bool = True) -> str:
    """Return only the normalized string (see :func:`normalize`), without building the offset map.

    >>> normalize_text("الكـــرامة")
    'الكرامه'
    """
    return _stage(text, casefold)[0].translate(_step2((fold_alef, fold_yeh, fold_teh_marbuta, digits))[0])


def strip_diacritics(text: str) -> str:
    """Remove Arabic diacritics and tatweel only, leaving letters untouched.

    >>> strip_diacritics("هَدَفًا")
    'هدفا'
    """
    return "".join(ch for ch in text if ch not in ARABIC_DIACRITICS and ch != TATWEEL)
