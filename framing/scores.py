"""Per-paragraph category scores and one overall "loadedness" score.

For each category: ``count`` (cues), ``weight`` (sum of their weights) and
``density`` (weight per 100 tokens). Cues inside a repeated sentence are
not counted twice.

**Loadedness** is the weight of *device* cues per 100 tokens, where the
outlet's own words count fully and quoted or attributed words count half
(an article that quotes loaded language is less loaded than one that uses
it). Short paragraphs are smoothed by counting at least
``MIN_TOKENS`` tokens. Because Arabic keeps clitics attached (about 20%
fewer tokens for the same content), densities are not comparable across
languages: the ``percentile`` places a paragraph's loadedness among real
news paragraphs of its own language (a reference table computed by
``experiments/loadedness_reference.py`` from corpora in ``FRAMING_DATA``;
only the table ships).
"""

from __future__ import annotations

import bisect
import json
from functools import lru_cache
from importlib import resources

from .lexicon import CATEGORIES

__all__ = ["MIN_TOKENS", "VOICE_FACTOR", "loadedness", "paragraph_scores", "percentile", "reference_table"]

MIN_TOKENS = 20
VOICE_FACTOR = {"outlet": 1.0, "quote": 0.5, "attributed": 0.5}


def loadedness(cues, n_tokens: int) -> float:
    """Device weight per 100 tokens, outlet voice counting fully, others half.

    >>> from framing.cues import Cue
    >>> c = Cue(0, 5, "x", "loaded_language", True, 3)
    >>> loadedness([c], 30)
    10.0
    """
    total = sum(c.weight * VOICE_FACTOR.get(c.voice, 1.0) for c in cues if c.device and not c.repeated)
    return round(100.0 * total / max(n_tokens, MIN_TOKENS), 3)


@lru_cache(maxsize=1)
def reference_table() -> dict:
    """The shipped percentile table ({lang: {"quantiles": [...], "source": ...}}), or {}."""
    try:
        text = resources.files("framing").joinpath("data/loadedness_reference.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def percentile(value: float, lang: str) -> float | None:
    """Share (0–100) of reference paragraphs of ``lang`` with loadedness below ``value``."""
    table = reference_table().get(lang)
    if not table:
        return None
    q = table["quantiles"]  # 101 values: the 0th..100th percentiles
    lo = bisect.bisect_left(q, value)
    hi = bisect.bisect_right(q, value)
    return round(100.0 * ((lo + hi) / 2) / (len(q) - 1), 1) if len(q) > 1 else None


def paragraph_scores(cues, n_tokens: int, lang: str) -> dict:
    """Category scores, loadedness and its percentile for one paragraph."""
    cats: dict[str, dict] = {}
    for c in cues:
        if c.repeated:
            continue
        d = cats.setdefault(c.category, {"count": 0, "weight": 0})
        d["count"] += 1
        d["weight"] += c.weight
    for name, d in cats.items():
        d["density"] = round(100.0 * d["weight"] / max(n_tokens, 1), 3)
        d["device"] = CATEGORIES[name].device
    value = loadedness(cues, n_tokens)
    return {
        "tokens": n_tokens,
        "categories": dict(sorted(cats.items())),
        "loadedness": value,
        "loadedness_percentile": percentile(value, lang),
    }
