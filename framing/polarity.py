"""Polarity words: evaluative words that show an actor in a good or bad light.

The stance model looks at them *near a target's mention* (``praised``,
``أشاد``; ``condemned``, ``ندد``, ``فشل``): they are evidence of FAVOR or
AGAINST toward whoever they are about. They are not framing devices and are
never reported as cues; the cue lexicons (:mod:`framing.lexicon`) hold those.

The lists are our own (``framing/lexicons/polarity-ar.tsv``,
``polarity-en.tsv``, the cue lexicon's TSV format with the categories
``positive`` and ``negative``) and are matched with the same clitic-aware
trie as the cues.

>>> [(w.text, w.polarity) for w in find_polarity("Critics condemned the plan, but the mayor praised it.", "en")]
[('condemned', 'negative'), ('praised', 'positive')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lexicon import Lexicon, parse_lexicon

__all__ = ["POLARITIES", "PolarityWord", "find_polarity", "load_polarity"]

POLARITIES = ("positive", "negative")


@dataclass(frozen=True)
class PolarityWord:
    start: int
    end: int
    text: str
    polarity: str
    weight: int


@lru_cache(maxsize=2)
def load_polarity(langs: tuple[str, ...] = ("ar", "en")) -> Lexicon:
    """The built-in polarity lexicons."""
    lex = Lexicon((), {})
    for lang in langs:
        name = f"lexicons/polarity-{lang}.tsv"
        text = resources.files("framing").joinpath(name).read_text(encoding="utf-8")
        lex = lex.merged(parse_lexicon(text, f"framing/{name}", lang=lang, categories=POLARITIES))
    return lex


@lru_cache(maxsize=1)
def _matcher():
    from .matcher import LexiconMatcher

    return LexiconMatcher(load_polarity())


def find_polarity(text: str, lang: str | None) -> list[PolarityWord]:
    """Polarity words of ``text`` (``lang`` is ar or en; other languages have none), in order."""
    if lang not in ("ar", "en"):
        return []
    return [PolarityWord(m.start, m.end, text[m.start : m.end], m.entry.category, m.entry.weight)
            for m in _matcher().find(text, lang)]


WINDOW_CHARS = 60


def polarity_features(view, target_spans) -> dict[str, float]:
    """Polarity evidence about a target, for the stance model (``f:pol:…`` features).

    ``view`` is a :class:`framing.models.features.ParagraphView`; ``target_spans``
    the target's mentions. Weighted counts (log-scaled) of positive and negative
    words in the target's sentences, within ``WINDOW_CHARS`` of a mention, in
    reported speech that mentions the target, and in the target's own words;
    plus ``f:pol:quiet`` when a mentioned target's sentences hold no polarity
    word and no device cue (evidence for NONE that a linear model cannot otherwise see).
    """
    import math

    shared = getattr(view, "_shared", None)
    words = shared.get("polarity") if shared is not None else None
    if words is None:
        words = find_polarity(view.text, view.lang)
        if shared is not None:
            shared["polarity"] = words  # computed once per paragraph, shared by its targets
    out: dict[str, float] = {}

    def add(key, w):
        out[key] = out.get(key, 0.0) + w

    if not target_spans:  # the same for every target the paragraph does not name: made once
        got = shared.get("polarity_plain") if shared is not None else None
        if got is None:
            for w in words:
                add(f"f:pol:{w.polarity}", w.weight)
            got = {k: math.log1p(v) for k, v in out.items()}
            if shared is not None:
                shared["polarity_plain"] = got
        return dict(got)
    for w in words:
        add(f"f:pol:{w.polarity}", w.weight)
    sents = [s for s in view.sentences() if any(s.start <= a < s.end for a, _ in target_spans)]
    spoken_by_target = [a for a in view.attributions if a.speaker_start is not None
                        and any(x < a.speaker_end and a.speaker_start < y for x, y in target_spans)]
    about_target = [a for a in view.attributions if a not in spoken_by_target
                    and any(a.scope_start <= x < a.scope_end for x, _ in target_spans)]
    for w in words:
        p = w.polarity
        if any(s.start <= w.start < s.end for s in sents):
            add(f"f:pol:{p}:tsent", w.weight)
        if any(abs(w.start - b) <= WINDOW_CHARS or abs(a - w.end) <= WINDOW_CHARS for a, b in target_spans):
            add(f"f:pol:{p}:twin", w.weight)
        if any(a.scope_start <= w.start < a.scope_end for a in spoken_by_target):
            add(f"f:pol:{p}:t_speaks", w.weight)
        if any(a.scope_start <= w.start < a.scope_end for a in about_target):
            add(f"f:pol:{p}:quoted_about_t", w.weight)
    out = {k: math.log1p(v) for k, v in out.items()}
    cue_near = any(any(s.start <= c.start < s.end for s in sents) for c in view.cues if c.device and not c.repeated)
    if not any(k.endswith(":tsent") for k in out) and not cue_near:
        out["f:pol:quiet"] = 1.0
    return out
