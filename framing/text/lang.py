"""Language of a paragraph by Unicode script ratio: fast, no model files."""

from __future__ import annotations

import re

__all__ = ["LANGUAGES", "detect_language", "script_counts"]

LANGUAGES = ("ar", "en", "other")

_ARABIC_RE = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_RE = re.compile("[A-Za-z\u00C0-\u024F]")
_ARABIC_RUNS = re.compile(_ARABIC_RE.pattern + "+")
_LATIN_RUNS = re.compile(_LATIN_RE.pattern + "+")
_WORD_RE = re.compile(r"[^\W\d_]+")
# Short function words: a Latin-script paragraph with none of them is not English.
_EN_FUNCTION_WORDS = frozenset(
    "the an of to in and or is are was were be been for at by with from that this it as "
    "he she they we you his her their our not but has have had will would said".split()
)


def script_counts(text: str) -> tuple[int, int, int]:
    """Return (Arabic letters, Latin letters, other letters) in ``text``."""
    arabic = sum(map(len, _ARABIC_RUNS.findall(text)))  # runs, not letters one by one: fewer objects
    latin = sum(map(len, _LATIN_RUNS.findall(text)))
    other = sum(map(str.isalpha, text)) - arabic - latin
    return arabic, latin, max(other, 0)


def detect_language(text: str) -> str:
    """Return ``"ar"``, ``"en"`` or ``"other"`` for a piece of text.

    Arabic when Arabic letters are the majority of letters; English when Latin
    letters are, unless a longer Latin text has no common English function
    word (French, Spanish, ... are "other"). Text with no letters is "other".

    Examples
    --------
    >>> detect_language("قال الرئيس إن RT نقلت الخبر")
    'ar'
    >>> detect_language("The minister said on Monday.")
    'en'
    >>> detect_language("Le ministre a déclaré lundi que la réunion aura lieu demain à Paris.")
    'other'
    >>> detect_language("12345")
    'other'
    """
    arabic, latin, other = script_counts(text)
    total = arabic + latin + other
    if total == 0:
        return "other"
    if arabic * 2 > total:
        return "ar"
    if latin * 2 > total:
        words = [w.lower() for w in _WORD_RE.findall(text)]
        if len(words) >= 8 and not any(w in _EN_FUNCTION_WORDS for w in words):
            return "other"
        return "en"
    return "other"
