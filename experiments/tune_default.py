"""Choose the default bundle's NONE bias on our tuning annotations of real news.

Our corpus is roughly balanced (about a third NONE) and the stance model is
trained with balanced class weights, so its implicit prior is uniform. In real
news most (paragraph, target) pairs are NONE, and the uncorrected model
over-predicts FAVOR and AGAINST. The default bundle therefore adds a bias ``b``
to the NONE logit (multiplying the NONE odds by ``e**b``: a prior correction).

This script trains the default stance models exactly as the package does
(``framing.models.bundle.build_default_bundle`` without the recipe), once per
weight of the stance model's cue/polarity/window block (:data:`FEATURE_WEIGHTS`),
predicts the **tuning** annotations (``datasets/annotations/tune/``: ArMPro and
BASIL paragraphs of other documents than the evaluation annotations), and picks,
per language, the feature weight and the bias in a fixed grid with the best
macro-F1 (ties: the weight 1, then the smaller bias). It writes the choice to
``framing/data/default_recipe.json``, which ``build_default_bundle`` reads. The evaluation annotations are never read here:
``experiments/transfer.py`` measures the result on them.

Rerun it whenever the corpus, the lexicons or the stance features change
(``tests/test_models.py`` checks that the recipe file matches the corpus):

    FRAMING_DATA=../shared/data python experiments/tune_default.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RECIPE = ROOT / "framing" / "data" / "default_recipe.json"
GRID = tuple(float(round(x, 2)) for x in np.arange(0.0, 3.01, 0.25))
#: Weights of the stance model's ``f`` block (cues, polarity, window counts) against its n-gram blocks:
#: 1 (the estimator's default) and 0.25 (what cross-validation chose on Mawqif and NewsMTSC).
FEATURE_WEIGHTS = (1.0, 0.25)
SETS = {"ar": "armpro", "en": "basil"}


def tune(bundle, data_dir: str | None) -> dict:
    from framing.datasets.annotations import load_annotations
    from framing.datasets.records import stance_pairs
    from framing.evaluation import stance_metrics

    out = {}
    for lang, corpus in SETS.items():
        path = os.path.join(data_dir, corpus) if data_dir else None
        pairs = stance_pairs(load_annotations(corpus, path, split="tune"))
        est = bundle.get("stance", lang)
        proba = np.asarray(est.predict_proba(pairs))
        classes = [str(c) for c in est.classes_]
        gold = [t.stance for _, t in pairs]
        targets = [t.target for _, t in pairs]
        logits = np.log(np.clip(proba, 1e-12, None))
        none = classes.index("NONE")
        grid = []
        for b in GRID:
            z = logits.copy()
            z[:, none] += b
            pred = [classes[i] for i in z.argmax(axis=1)]
            m = stance_metrics(gold, pred, targets, rounds=0)["metrics"]
            grid.append({"bias": b, "macro_f1": m["macro_f1"], "accuracy": m["accuracy"],
                         "none_share_predicted": round(pred.count("NONE") / len(pred), 3)})
        best = max(grid, key=lambda g: (g["macro_f1"], -g["bias"]))
        shares = Counter(gold)
        out[lang] = {"corpus": corpus, "pairs": len(pairs), "paragraphs": len({r.id for r, _ in pairs}),
                     "gold_shares": {k: round(shares[k] / len(gold), 3) for k in ("AGAINST", "FAVOR", "NONE")},
                     "best": best, "grid": grid}
        print(f"{lang} ({corpus} tuning annotations, {len(pairs)} pairs): macro-F1 {grid[0]['macro_f1']:.3f} "
              f"without bias -> {best['macro_f1']:.3f} with NONE bias {best['bias']}", flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", metavar="DIR", default=os.environ.get("FRAMING_DATA"),
                    help="folder of the real corpora (default: $FRAMING_DATA)")
    ap.add_argument("--out", metavar="FILE", default=str(RECIPE), help=f"recipe file (default: {RECIPE.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from framing.errors import FramingError
    from framing.fileio import atomic_write
    from framing.models.bundle import _corpus_fingerprint, build_default_bundle

    by_weight = {}
    with tempfile.TemporaryDirectory(prefix="framing-tune-") as tmp:
        for fw in FEATURE_WEIGHTS:
            print(f"stance models with feature_weight {fw}:", flush=True)
            bundle = build_default_bundle(os.path.join(tmp, f"default-{fw}.npz"), apply_recipe=False,
                                          stance_params={lang: {"feature_weight": fw} for lang in SETS})
            try:
                by_weight[fw] = tune(bundle, args.data)
            except FramingError as exc:
                print(f"tune_default: {exc} (set FRAMING_DATA to the folder holding armpro/ and basil/)",
                      file=sys.stderr)
                return 2
    # per language: the feature weight and bias with the best macro-F1 (ties: the plain weight 1, then the smaller bias)
    chosen = {lang: max(FEATURE_WEIGHTS, key=lambda fw: (by_weight[fw][lang]["best"]["macro_f1"], fw == 1.0))
              for lang in SETS}
    result = {lang: dict(by_weight[fw][lang], feature_weight=fw) for lang, fw in chosen.items()}
    recipe = {
        "none_bias": {lang: r["best"]["bias"] for lang, r in result.items()},
        "feature_weight": {lang: float(fw) for lang, fw in chosen.items()},
        "tuned_on": "our tuning annotations of real paragraphs (datasets/annotations/tune/: ArMPro for ar, "
                    "BASIL for en; other documents than the evaluation annotations); best macro-F1 over the "
                    "stance feature weights and the NONE bias grid",
        "corpus_fingerprint": _corpus_fingerprint(),
        "grid": list(GRID),
        "feature_weights": list(FEATURE_WEIGHTS),
        "tuning": result,
        "tuning_by_feature_weight": {str(fw): {lang: r["best"] for lang, r in res.items()}
                                     for fw, res in by_weight.items()},
    }
    with atomic_write(args.out) as fh:
        fh.write(json.dumps(recipe, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {args.out}: feature_weight {recipe['feature_weight']}, none_bias {recipe['none_bias']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
