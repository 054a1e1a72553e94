"""Throughput of cue extraction on one core, in paragraphs per second.

Distinct paragraphs (real news when ``$FRAMING_DATA`` has ArMPro and BASIL,
else the paragraphs of our own corpus), each run through
``CueExtractor.find`` (lexicon matching, attribution, quotes, sentence rules).
Reports the median of ``--repeats`` timed passes after one warm-up pass.

    taskset -c 0 python benchmarks/cue_throughput.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.cues import CueExtractor  # noqa: E402


def paragraphs(lang: str) -> list[str]:
    from framing.datasets.loaders import load

    try:
        return list(dict.fromkeys(r.text for r in load("armpro" if lang == "ar" else "basil")))
    except Exception:  # noqa: BLE001 - fall back to our own corpus when real data is absent
        from framing.datasets.corpus import load_corpus

        return list(dict.fromkeys(r.record.text for r in load_corpus(lang=lang)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    ex = CueExtractor()
    print(f"lexicon load + trie compile: {1000 * (time.perf_counter() - t0):.0f} ms")
    for lang in ("ar", "en"):
        paras = paragraphs(lang)
        for p in paras:
            ex.find(p, lang)
        rates = []
        for _ in range(args.repeats):
            ex.matcher._cache.clear()
            t = time.perf_counter()
            for p in paras:
                ex.find(p, lang)
            rates.append(len(paras) / (time.perf_counter() - t))
        print(f"{lang}: {len(paras)} paragraphs, median {statistics.median(rates):,.0f} paragraphs/s "
              f"(min {min(rates):,.0f}, max {max(rates):,.0f}, {args.repeats} passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
