"""Stance evaluation: how well the stance model learns each stance corpus (in domain).

What it measures
    The StanceClassifier (word and character n-grams, cues, target-relative
    features) trained and tested on each corpus separately. Our corpus and
    FIGNEWS use the default parameters; Mawqif and NewsMTSC use their named
    recipe (:data:`framing.models.estimators.RECIPES`, the same as
    ``framing train --recipe mawqif|newsmtsc``), chosen by document-grouped
    cross-validation on the train part only (``experiments/stance_recipe_cv.py``:
    stage 1 over C, feature_weight and the window features, stage 2 over
    min_df, none_bias and svm_weight; Mawqif chose min_df=1 with a NONE shift
    of -1, NewsMTSC min_df=1 with a 0.5 soft vote of a linear SVM); the dev
    split was read only to evaluate the chosen recipes. The recipe's name and
    parameters are written with each result.
    Metrics from :func:`framing.evaluation.stance_metrics` — macro-F1, F_avg
    (mean F1 of FAVOR and AGAINST), F_avg per target, accuracy — with 95%
    bootstrap intervals (1,000 resamples of the test pairs), per class, per
    target, mentioned vs not mentioned; precision–recall and reliability curves.

Data (absent corpora are skipped with a message)
    * our corpus (package data), Arabic and English: its fixed train → test split (by story);
    * Mawqif (``$FRAMING_DATA/mawqif``; its official test split is withheld):
      train on 80% of tweets, evaluate on a 20% dev split chosen by a hash of the tweet id;
    * NewsMTSC (``newsmtsc``; both test sets withheld): the same, grouped by article;
    * FIGNEWS 2024 (``fignews2024``), Arabic and English posts: the same, by post.

What it writes
    Section ``stance_eval`` of ``reports/results.json``; figures
    ``reports/figures/stance_{confusion,per_class,pr,reliability,per_target}.{png,svg}``.

    python experiments/stance_eval.py [--quick] [--data DIR] [--out DIR] [--cache DIR | --no-cache]

The published figures quoted beside ours (Mawqif, NewsMTSC) are on official
test sets; ours are on dev splits made here, so the comparison is indicative.
"""

from __future__ import annotations

import sys

from common import REFERENCES, dev_split, fmt, headline_of, script_main, stance_result, timed

#: Display names of the datasets (also used by the other scripts and the report).
NAMES = {
    "framing-ar": "our corpus (ar), test split",
    "framing-en": "our corpus (en), test split",
    "mawqif": "Mawqif (ar), dev split",
    "newsmtsc": "NewsMTSC (en), dev split",
    "fignews-ar": "FIGNEWS 2024 (ar), dev split",
    "fignews-en": "FIGNEWS 2024 (en), dev split",
}
SPLIT_NOTE = "20% of documents by SHA-256 of seed:doc_id; trained on the other 80%"


def datasets(ctx):
    """Yield (key, lang, train records, test records, split description) for every available corpus."""
    for lang in ("ar", "en"):
        yield f"framing-{lang}", lang, ctx.corpus(lang, "train"), ctx.corpus(lang, "test"), \
            "our corpus's fixed split (20% of stories by hash)"
    for name, lang in (("mawqif", "ar"), ("newsmtsc", "en")):
        records = ctx.load(name)
        if records:
            train, dev = dev_split(records, seed=ctx.seed)
            yield name, lang, train, dev, SPLIT_NOTE
    fig = ctx.load("fignews", langs=("ar", "en"))
    if fig:
        for lang in ("ar", "en"):
            rs = [r for r in fig if r.lang == lang]
            train, dev = dev_split(rs, seed=ctx.seed)
            yield f"fignews-{lang}", lang, train, dev, SPLIT_NOTE


def run(ctx) -> dict:
    from framing.models.estimators import RECIPES

    results = {}
    for key, lang, train, test, split in datasets(ctx):
        recipe = key if key in RECIPES else "default"
        with timed() as t:
            res = stance_result(key, train, test, ctx, split=split, lang=lang, params=RECIPES[recipe])
        res["name"] = NAMES[key]
        res["recipe"] = recipe
        res["params"] = dict(RECIPES[recipe])
        res["seconds"] = round(t.seconds, 2)
        results[key] = res
        k, v, ci = headline_of(res)
        print(f"{NAMES[key]:<34} pairs {res['test']['pairs']:>5}  {k} {fmt(v, ci)}  macro-F1 "
              f"{fmt(res['metrics']['macro_f1'], res['intervals_95'].get('macro_f1'))}  ({t.seconds:.1f}s)", flush=True)
    return {"datasets": results}


def panels_for(results: dict, names: dict | None = None) -> dict:
    """Figure inputs (confusion, per class, PR, reliability, per target) from stance/persuasion results."""
    names = names or {}
    conf, per, pr, rel, targets = {}, {}, {}, {}, {}
    for key, r in results.items():
        title = names.get(key, r.get("name", key))
        cm = r["confusion_matrix"]
        conf[title] = {"labels": cm["labels"], "matrix": cm["rows_true_cols_pred"]}
        k, v, ci = headline_of(r)
        refs = list(REFERENCES.get(key.split(":")[-1], []))
        per[title] = {"per_class": r["per_class"], "headline": {"metric": k, "value": v, "interval": ci},
                      "references": refs}
        if r.get("pr_curves"):
            pr[title] = r["pr_curves"]
        if r.get("reliability") and r["reliability"].get("count"):
            rel[title] = {"predicted label": r["reliability"]}
        pt = r.get("per_target") or {}
        top = sorted((t for t in pt if pt[t]["pairs"] >= 5), key=lambda t: (-pt[t]["pairs"], t))[:10]
        if top:
            targets[title] = {t: pt[t] for t in top}
    return {"confusion": conf, "per_class": per, "pr": pr, "reliability": rel, "per_target": targets}


def figures(section: dict, ctx, prefix: str = "stance", label: str = "Stance") -> list[str]:
    import plotting

    results = section.get("datasets", {})
    if not results:
        return []
    p = panels_for(results)
    out = ctx.figures
    paths = []
    paths += plotting.confusion_matrices(p["confusion"], f"{prefix}_confusion", out_dir=out,
                                         title=f"{label}: confusion matrices (rows: gold; share of the row and count)")
    paths += plotting.per_class_bars(p["per_class"], f"{prefix}_per_class", out_dir=out,
                                     title=f"{label}: precision, recall and F1 per class, with published reference points")
    if p["pr"]:
        what = "per class" if prefix == "stance" else "of the label 'true' (persuasive / biased)"
        paths += plotting.pr_curves(p["pr"], f"{prefix}_pr", out_dir=out,
                                    title=f"{label}: precision–recall {what} (dotted: prevalence)")
    if p["reliability"]:
        paths += plotting.reliability_diagrams(p["reliability"], f"{prefix}_reliability", out_dir=out,
                                               title=f"{label}: reliability of the predicted label's probability "
                                                     "(marker area: share of items)")
    if p["per_target"]:
        paths += plotting.per_target_bars(p["per_target"], f"{prefix}_per_target", out_dir=out,
                                          title=f"{label}: F_avg per target (the ten most frequent targets with ≥5 pairs)")
    return paths


def main(argv=None) -> int:
    return script_main("stance_eval", __doc__, run, figures, argv)


if __name__ == "__main__":
    sys.exit(main())
