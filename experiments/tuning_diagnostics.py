"""Diagnostics of the default stance model on our TUNING annotations: would more corpus, or real data, help?

What it measures
    * ``learning_curve``: the default stance models (the recipe of
      ``framing/data/default_recipe.json``: feature weight and NONE bias per
      language) trained on a fraction (0.25, 0.5, 0.75, 1) of our corpus's
      train-split stories, chosen by a seeded hash of the story id, two seeds;
      macro-F1 on the tuning annotations.
    * ``in_domain``: five-fold cross-validation over the tuning annotations,
      grouped by article: a model trained on the other folds' real pairs alone,
      on our corpus plus them, and our corpus alone (all without the NONE bias,
      so that the three are compared alike).

    Only the tuning annotations (``datasets/annotations/tune/``) are read: the
    evaluation annotations stay for ``transfer.py``. ``--exclude ar-m,en-l``
    leaves batches out, to measure the corpus as it was before them.

What it writes
    Section ``tuning_diagnostics`` of ``reports/results.json`` (or ``--out``).

    FRAMING_DATA=../shared/data python experiments/tuning_diagnostics.py [--exclude B1,B2]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys

import numpy as np

from common import ROOT, builtin_targets, context_from, make_parser, timed, update_results

SETS = {"ar": "armpro", "en": "basil"}
FRACTIONS = (0.25, 0.5, 0.75, 1.0)
SEEDS = (0, 1)


def _batch(record_id: str) -> str:
    return record_id.rsplit("-", 1)[0]


def _macro_f1(est, pairs, bias: float) -> float:
    """Macro-F1 of ``est`` on ``pairs`` with the NONE bias applied as the default bundle applies it."""
    from framing.evaluation import stance_metrics
    from framing.models.bundle import apply_none_bias

    apply_none_bias(est, bias)
    pred = [str(p) for p in est.predict(pairs)]
    return round(stance_metrics([t.stance for _, t in pairs], pred, [t.target for _, t in pairs], rounds=0)
                 ["metrics"]["macro_f1"], 4)


def _fit(pairs, feature_weight: float, seed: int):
    from framing.models import StanceClassifier

    return StanceClassifier(targets=builtin_targets(), feature_weight=feature_weight, random_state=seed).fit(
        pairs, [t.stance for _, t in pairs])


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--exclude", metavar="B1,B2", default="", help="corpus batches to leave out (e.g. ar-m,en-l)")
    args = ap.parse_args(argv)
    ctx = context_from(args)
    from sklearn.model_selection import GroupKFold

    from framing.datasets.annotations import load_annotations
    from framing.datasets.corpus import load_corpus
    from framing.datasets.records import stance_pairs
    from framing.errors import FramingError
    from framing.evaluation import stance_metrics

    recipe = json.loads((ROOT / "framing" / "data" / "default_recipe.json").read_text(encoding="utf-8"))
    exclude = {b for b in args.exclude.split(",") if b}
    train = [c.record for c in load_corpus(split="train") if _batch(c.record.id) not in exclude]
    out = {"exclude": sorted(exclude), "fractions": list(FRACTIONS), "seeds": list(SEEDS), "languages": {}}
    with timed() as t:
        for lang, corpus in SETS.items():
            path = os.path.join(ctx.data_dir, corpus) if ctx.data_dir else None
            try:
                tune = stance_pairs(load_annotations(corpus, path, split="tune"))
            except (FramingError, OSError) as exc:
                print(f"skipped {lang}: {exc}", flush=True)
                ctx.skipped[lang] = str(exc)
                continue
            fw, bias = recipe["feature_weight"][lang], recipe["none_bias"][lang]
            own = [r for r in train if r.lang == lang]
            curve = []
            for frac in FRACTIONS:
                scores, sizes = [], []
                for seed in SEEDS if frac < 1 else SEEDS[:1]:
                    keep = [r for r in own if int(hashlib.sha256(f"{seed}:{r.doc_id}".encode()).hexdigest(), 16)
                            % 1000 < frac * 1000]
                    pairs = stance_pairs(keep)
                    scores.append(_macro_f1(_fit(pairs, fw, ctx.seed), tune, bias))
                    sizes.append(len(keep))
                curve.append({"fraction": frac, "paragraphs": int(np.mean(sizes)), "macro_f1": scores,
                              "mean": round(float(np.mean(scores)), 4)})
                print(f"{lang} learning curve: {frac:.2f} of the stories ({int(np.mean(sizes))} paragraphs): "
                      f"tuning macro-F1 {np.mean(scores):.3f}", flush=True)
            own_pairs = stance_pairs(own)
            y = [t.stance for _, t in tune]
            groups = [r.doc_id for r, _ in tune]
            preds = {"real tuning pairs only": [None] * len(tune), "our corpus + real tuning pairs": [None] * len(tune)}
            for trn, tst in GroupKFold(n_splits=5).split(tune, y, groups):
                real = [tune[i] for i in trn]
                for name, pairs in (("real tuning pairs only", real), ("our corpus + real tuning pairs", own_pairs + real)):
                    est = _fit(pairs, fw, ctx.seed)
                    for i, p in zip(tst, est.predict([tune[i] for i in tst])):
                        preds[name][i] = str(p)
            targets = [t.target for _, t in tune]
            in_domain = {name: round(stance_metrics(y, p, targets, rounds=0)["metrics"]["macro_f1"], 4)
                         for name, p in preds.items()}
            in_domain["our corpus only"] = _macro_f1(_fit(own_pairs, fw, ctx.seed), tune, 0.0)
            for name, v in in_domain.items():
                print(f"{lang} five-fold by article, no NONE bias: {name}: macro-F1 {v:.3f}", flush=True)
            out["languages"][lang] = {"tuning_pairs": len(tune), "feature_weight": fw, "none_bias": bias,
                                      "learning_curve": curve, "in_domain_cv": in_domain}
    out["seconds"] = round(t.seconds, 1)
    update_results(ctx, "tuning_diagnostics" + ("_excluding" if exclude else ""), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
