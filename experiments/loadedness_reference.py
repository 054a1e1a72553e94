"""Reference percentiles of paragraph loadedness in real news, per language.

Loadedness densities are not comparable across Arabic and English (Arabic
keeps clitics attached, so the same content has about 20% fewer tokens). The
report and the score output therefore also give each paragraph's loadedness
as a percentile among real news paragraphs of its language. This script
computes that table from real corpora read in place and writes only the
101 quantiles (no text) to ``framing/data/loadedness_reference.json``, which
ships with the package.

Data: ArMPro dev paragraphs (Arabic) and BASIL 2010-2016 paragraphs (English)
from ``$FRAMING_DATA`` (or ``--data DIR``).

    python experiments/loadedness_reference.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.cues import CueExtractor  # noqa: E402
from framing.datasets.loaders import load  # noqa: E402
from framing.scores import loadedness  # noqa: E402
from framing.text.normalize import normalize_text  # noqa: E402
from framing.text.tokenize import TOKEN_RE  # noqa: E402

SAMPLES = {"ar": ("armpro", "ArMPro V2 dev paragraphs"), "en": ("basil", "BASIL 2010-2016 paragraphs")}


def table(data_dir=None) -> dict:
    ex = CueExtractor()
    out = {"lexicon_version": ex.lexicon.version, "method": "framing.scores.loadedness; quantiles 0..100"}
    for lang, (corpus, desc) in SAMPLES.items():
        records = load(corpus, os.path.join(data_dir, corpus) if data_dir else None)
        values = []
        for r in records:
            cues = ex.find(r.text, lang)
            values.append(loadedness(cues, len(TOKEN_RE.findall(normalize_text(r.text)))))
        q = np.percentile(np.asarray(values), np.arange(101)).round(3).tolist()
        out[lang] = {"source": desc, "paragraphs": len(values), "quantiles": q,
                     "share_zero": round(float(np.mean(np.asarray(values) == 0)), 3)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write the loadedness percentile table.")
    ap.add_argument("--data", metavar="DIR")
    ap.add_argument("--out", default=str(ROOT / "framing" / "data" / "loadedness_reference.json"))
    args = ap.parse_args(argv)
    res = table(args.data)
    Path(args.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang in SAMPLES:
        q = res[lang]["quantiles"]
        print(f"{lang}: {res[lang]['paragraphs']} paragraphs; median {q[50]}, p75 {q[75]}, p90 {q[90]}, "
              f"{100 * res[lang]['share_zero']:.0f}% with no device cue")
    return 0


if __name__ == "__main__":
    sys.exit(main())
