"""Stance recipe selection: document-grouped cross-validation on the TRAIN part of each corpus only.

What it measures
    For Mawqif and NewsMTSC, the train part of :func:`common.dev_split` (the
    same 80% that ``stance_eval.py`` trains on; the dev 20% is never read) is
    split into ``--folds`` GroupKFold folds by document. Each candidate
    parameter set of :class:`framing.models.StanceClassifier` is fitted on each
    training fold and scored on its held-out fold with the corpus's headline
    metric (Mawqif: F_avg; NewsMTSC: macro-F1), in two stages:

    1. ``GRID``: ``C``, ``feature_weight`` and the window features (8 candidates);
    2. ``GRID2``, around the stage-1 winner of the corpus: ``min_df`` (2 or 1),
       ``none_bias`` (0, -0.5, -1: a shift of the NONE logit) and
       ``svm_weight`` (0 or 0.5: a soft vote with a linear SVM), 11 more
       candidates (``--stage1-only`` skips them).

    The best mean over both stages wins (ties: the earlier candidate) and is
    the recipe that ``stance_eval.py`` uses for that corpus
    (:data:`framing.models.estimators.RECIPES`).

    Features are computed once per window setting for all train pairs (the
    features of a pair do not depend on the other pairs, except which targets
    count as frequent, taken from the whole train part); vocabulary, IDF and
    weights are fitted inside each fold.

What it writes
    Section ``stance_recipe_cv`` of ``reports/results.json`` (every candidate's
    fold scores and mean, and the winner per corpus).

    python experiments/stance_recipe_cv.py [--quick] [--data DIR] [--out DIR] [--folds K] [--only NAME]
                                           [--stage1-only]
"""

from __future__ import annotations

import itertools
import sys

import numpy as np

from common import context_from, dev_split, doc_of, make_parser, read_results, stance_items, timed, update_results

CORPORA = {"mawqif": "f_avg", "newsmtsc": "macro_f1"}
#: Stage 1: regularisation, the weight of the f block and the window features.
GRID = {"C": (1.0, 3.0), "feature_weight": (1.0, 0.25), "window": ((6, False), (10, True))}
#: Stage 2, around each corpus's stage-1 winner: rare n-grams kept or not, a shift of the NONE
#: logit (a prior correction), and a soft vote with a linear SVM (both folded into one linear model).
GRID2 = {"min_df": (2, 1), "none_bias": (0.0, -0.5, -1.0), "svm_weight": (0.0, 0.5)}
DEFAULTS2 = {"min_df": 2, "none_bias": 0.0, "svm_weight": 0.0}


def candidates():
    for C, fw, (window, block) in itertools.product(GRID["C"], GRID["feature_weight"], GRID["window"]):
        yield {"C": C, "feature_weight": fw, "window": window, "window_block": block}


def candidates2(base):
    """Stage-2 candidates: ``base`` (the stage-1 winner) with every GRID2 combination but its own."""
    for md, nb, sw in itertools.product(GRID2["min_df"], GRID2["none_bias"], GRID2["svm_weight"]):
        extra = {"min_df": md, "none_bias": nb, "svm_weight": sw}
        if extra != DEFAULTS2:
            yield dict(base, **{k: v for k, v in extra.items() if v != DEFAULTS2[k]})


def cv_corpus(name, records, folds, seed, stage2=True):
    from sklearn.model_selection import GroupKFold

    from framing.evaluation import stance_metrics
    from framing.models import StanceClassifier
    from framing.models.estimators import shift_none
    from framing.models.linear import LinearModel

    from common import builtin_targets

    metric = CORPORA[name]
    train, _dev = dev_split(records, seed=seed)  # the dev part is not used here
    X, y, T = stance_items(train)
    groups = [doc_of(r) for r in train for _ in r.targets]
    splits = list(GroupKFold(n_splits=folds).split(X, y, groups))
    feats = {}
    rows = []

    def evaluate(params, stage):
        wkey = (params["window"], params["window_block"])
        if wkey not in feats:
            est = StanceClassifier(targets=builtin_targets(), random_state=seed, window=wkey[0], window_block=wkey[1])
            est._setup()
            counts = {}
            for t in T:
                counts[t] = counts.get(t, 0) + 1
            est.frequent_targets_ = frozenset(t for t, n in counts.items() if n >= est.target_min_count)
            feats[wkey] = [est.features(it) for it in X]
        docs = feats[wkey]
        scores = []
        with timed() as t:
            for a, b in splits:
                # what StanceClassifier.fit does with these parameters, on precomputed features
                m = LinearModel.fit("stance", [docs[i] for i in a], [y[i] for i in a], C=params["C"],
                                    class_weight="balanced", min_df=params.get("min_df", 2),
                                    max_features={"c": 150_000}, random_state=seed,
                                    block_weights=None if params["feature_weight"] == 1.0
                                    else {"f": params["feature_weight"]},
                                    svm_weight=params.get("svm_weight", 0.0))
                shift_none(m, params.get("none_bias", 0.0))
                proba = m.predict_proba([docs[i] for i in b])
                pred = [m.classes[k] for k in np.asarray(proba).argmax(axis=1)]
                res = stance_metrics([y[i] for i in b], pred, [T[i] for i in b], rounds=0)["metrics"]
                scores.append(round(float(res[metric]), 4))
        row = {"stage": stage, "params": params, "folds": scores, "mean": round(float(np.mean(scores)), 4)}
        rows.append(row)
        print(f"{name:<9} {params}  {metric} {row['mean']:.4f}  folds {scores}  ({t.seconds:.0f}s)", flush=True)
        return row

    for params in candidates():
        evaluate(params, 1)
    best1 = max(rows, key=lambda r: r["mean"])  # ties: the first (simpler) candidate
    print(f"{name:<9} stage-1 best {best1['params']}  {metric} {best1['mean']:.4f}", flush=True)
    if stage2:
        for params in candidates2(best1["params"]):
            evaluate(params, 2)
    best = max(rows, key=lambda r: r["mean"])  # ties: the first (earlier, simpler) candidate
    print(f"{name:<9} best {best['params']}  {metric} {best['mean']:.4f}", flush=True)
    return {"metric": metric, "folds": folds, "train_pairs": len(X), "candidates": rows, "stage1_best": best1,
            "best": best}


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--folds", type=int, default=3, help="GroupKFold folds inside the train part (default 3)")
    ap.add_argument("--only", choices=sorted(CORPORA), action="append", help="only this corpus (repeatable)")
    ap.add_argument("--stage1-only", action="store_true", help="skip the stage-2 grid (GRID2)")
    args = ap.parse_args(argv)
    ctx = context_from(args)
    out = {}
    with timed() as t:
        for name in CORPORA:
            if args.only and name not in args.only:
                continue
            records = ctx.load(name)
            if records:
                out[name] = cv_corpus(name, records, args.folds, ctx.seed, stage2=not args.stage1_only)
    if args.only:  # keep the other corpora's results from an earlier run
        earlier = (read_results(ctx.out).get("stance_recipe_cv") or {}).get("datasets") or {}
        out = {**{k: v for k, v in earlier.items() if k not in out}, **out}
    update_results(ctx, "stance_recipe_cv", {"grid": {k: [list(v) if isinstance(v, tuple) else v for v in vs]
                                                      for k, vs in GRID.items()},
                                             "grid2": {k: list(vs) for k, vs in GRID2.items()}, "datasets": out,
                                             "seconds": round(t.seconds, 1)})
    print(f"stance_recipe_cv: {t.seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
