"""Persuasion evaluation: does a paragraph use persuasion techniques (or, for BABE, is it biased)?

What it measures
    The PersuasionClassifier (word and character n-grams plus cue features, a
    logistic regression with balanced class weights) trained and tested on each
    corpus. Metrics from :func:`framing.evaluation.persuasion_metrics` — accuracy
    (= micro-F1 for one label per item), macro-F1 — with 95% bootstrap intervals,
    per class; precision–recall and reliability curves of P(persuasive).

Data (absent corpora are skipped with a message)
    * our corpus (package data), Arabic and English: its fixed train → test split;
    * ArAIEval 2023 task 1A (``$FRAMING_DATA/araieval23``): official train → official dev
      (the test split is withheld);
    * ArMPro V2 dev paragraphs (``armpro``; no train split is available here): 5-fold
      cross-validation grouped by page (the folds' predictions pooled);
    * BABE SG2 (``babe``): biased vs non-biased sentences, 20% dev split grouped by article URL.

What it writes
    Section ``persuasion_eval`` of ``reports/results.json``; figures
    ``reports/figures/persuasion_{confusion,per_class,pr,reliability}.{png,svg}``.

    python experiments/persuasion_eval.py [--quick] [--data DIR] [--out DIR] [--cache DIR | --no-cache]

Published references (ArAIEval 1A, BABE) are on official test sets; ours on dev
data, so the comparison is indicative.
"""

from __future__ import annotations

import sys

import numpy as np

from common import (dev_split, doc_of, fmt, grouped_folds, headline_of, persuasion_items, persuasion_result,
                    script_main, timed)

NAMES = {
    "framing-ar": "our corpus (ar), test split",
    "framing-en": "our corpus (en), test split",
    "araieval23-1a": "ArAIEval 2023 1A (ar), official dev",
    "armpro": "ArMPro V2 dev (ar), 5-fold CV by page",
    "babe": "BABE SG2 (en), dev split",
}
#: Feature groups of the persuasion model (all by default; ablations.py varies them).
FULL = {}


def _sizes(records) -> dict:
    return {"paragraphs": len(records), "documents": len({doc_of(r) for r in records})}


def evaluate_split(key, train, test, ctx, *, split, lang, params=None, rounds=None) -> dict:
    """Fit on ``train``, evaluate on ``test`` (records with labels)."""
    Xtr, ytr = persuasion_items(train)
    Xte, yte = persuasion_items(test)
    res = ctx.fit_predict("persuasion", Xtr, ytr, Xte, **(params or FULL))
    proba_true = np.asarray(res["proba"])[:, res["classes"].index("true")]
    out = persuasion_result(key, yte, res["pred"], proba_true, ctx, split=split, lang=lang,
                            sizes={"train": _sizes(train), "test": _sizes(test)},
                            extra={"fit_seconds": res["fit_seconds"], "n_features": res["n_features"],
                                   "top_features": res["top_features"]}, rounds=rounds)
    return out


def evaluate_cv(key, records, ctx, *, k=5, lang, params=None) -> dict:
    """Grouped k-fold cross-validation; the folds' predictions pooled into one evaluation."""
    records = [r for r in records if r.label is not None]
    pred = [None] * len(records)
    proba_true = np.zeros(len(records))
    fit_seconds = 0.0
    for tr, te in grouped_folds(records, k, seed=ctx.seed):
        Xtr, ytr = persuasion_items([records[i] for i in tr])
        Xte, _ = persuasion_items([records[i] for i in te])
        res = ctx.fit_predict("persuasion", Xtr, ytr, Xte, **(params or FULL))
        col = res["classes"].index("true")
        for j, i in enumerate(te):
            pred[i] = res["pred"][j]
            proba_true[i] = res["proba"][j][col]
        fit_seconds += res["fit_seconds"]
    y = [bool(r.label) for r in records]
    return persuasion_result(key, y, pred, proba_true, ctx, split=f"{k}-fold cross-validation grouped by page",
                             lang=lang, sizes={"test": _sizes(records)}, extra={"fit_seconds": round(fit_seconds, 3)})


def datasets(ctx):
    """Yield (key, lang, kind, payload) for every available corpus."""
    for lang in ("ar", "en"):
        yield f"framing-{lang}", lang, "split", (ctx.corpus(lang, "train"), ctx.corpus(lang, "test"),
                                                 "our corpus's fixed split (20% of stories by hash)")
    ara = ctx.load("araieval23-1a")
    if ara:
        yield "araieval23-1a", "ar", "split", ([r for r in ara if r.extra.get("split") == "train"],
                                               [r for r in ara if r.extra.get("split") == "dev"], "official train → dev")
    arm = ctx.load("armpro")
    if arm:
        yield "armpro", "ar", "cv", arm
    babe = ctx.load("babe")
    if babe:
        train, dev = dev_split(babe, seed=ctx.seed)
        yield "babe", "en", "split", (train, dev, "20% of articles (news_link) by SHA-256 of seed:doc_id")


def run(ctx, params=None) -> dict:
    results = {}
    for key, lang, kind, payload in datasets(ctx):
        with timed() as t:
            if kind == "split":
                train, test, split = payload
                res = evaluate_split(key, train, test, ctx, split=split, lang=lang, params=params)
            else:
                res = evaluate_cv(key, payload, ctx, lang=lang, params=params)
        res["name"] = NAMES[key]
        res["seconds"] = round(t.seconds, 2)
        results[key] = res
        k, v, ci = headline_of(res)
        print(f"{NAMES[key]:<40} items {res['test']['paragraphs']:>5}  {k} {fmt(v, ci)}  macro-F1 "
              f"{fmt(res['metrics']['macro_f1'], res['intervals_95'].get('macro_f1'))}  ({t.seconds:.1f}s)", flush=True)
    return {"datasets": results}


def figures(section, ctx) -> list[str]:
    from stance_eval import figures as stance_figures

    return stance_figures(section, ctx, prefix="persuasion", label="Persuasion / bias")


def main(argv=None) -> int:
    return script_main("persuasion_eval", __doc__, run, figures, argv)


if __name__ == "__main__":
    sys.exit(main())
