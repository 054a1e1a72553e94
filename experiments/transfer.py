"""Transfer: the default recipe (trained on our corpus) on real news, and across languages.

What it measures
    1. **The default recipe's accuracy on real news.** The model bundle that
       ``framing score`` uses is built exactly as the package builds it
       (:func:`framing.models.bundle.build_default_bundle`: our corpus's train split,
       stance and persuasion, Arabic and English, the built-in targets), saved and
       loaded back from its ``.npz`` file, then evaluated without any retraining on

       * real stance corpora: Mawqif (ar), NewsMTSC (en), FIGNEWS 2024 (ar, en) — the same
         document-grouped dev splits as ``stance_eval.py``, so that in-domain and transfer
         scores compare directly;
       * **our stance annotations of real news paragraphs** (ArMPro, ar; BASIL, en; the
         labels in ``datasets/annotations/``, used only here, never for training);
       * real persuasion/bias corpora: ArAIEval 2023 1A dev, all ArMPro dev paragraphs, the
         BABE dev split.

       These figures are the model card (``framing/data/model_card.json``); our own
       corpus's test split is reported alongside for contrast but never in the card.
    2. **Across languages**: trained on our Arabic corpus, tested on our English test
       split, and back — with all features and with cue and target features only (the
       language-independent part).

Data
    Our corpus always; real corpora from ``$FRAMING_DATA`` (absent ones skipped with a
    message); the annotations need the ArMPro and BASIL text.

What it writes
    Section ``transfer`` of ``reports/results.json``; ``framing/data/model_card.json``
    (full runs into ``reports/``; ``OUT/model_card.json`` with another ``--out``; none with
    ``--quick`` unless ``--model-card PATH``); figures
    ``reports/figures/transfer_{confusion,per_class,reliability}[_persuasion]``, ``transfer_vs_in_domain`` and
    ``top_features_{stance,persuasion}_{ar,en}`` (.png and .svg).

    python experiments/transfer.py [--quick] [--data DIR] [--out DIR] [--model-card PATH]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

from common import (ROOT, builtin_targets, context_from, dev_split, doc_of, fmt, git_commit, headline_of, make_parser,
                    persuasion_items, persuasion_result, read_results, stance_items, stance_result, subsample_docs,
                    timed, top_features, update_results)

NAMES = {
    "framing-ar": "our corpus (ar), test split",
    "framing-en": "our corpus (en), test split",
    "mawqif": "Mawqif (ar), dev split",
    "newsmtsc": "NewsMTSC (en), dev split",
    "fignews-ar": "FIGNEWS 2024 (ar), dev split",
    "fignews-en": "FIGNEWS 2024 (en), dev split",
    "annotations-armpro": "our annotations of ArMPro paragraphs (ar)",
    "annotations-basil": "our annotations of BASIL paragraphs (en)",
    "araieval23-1a": "ArAIEval 2023 1A (ar), official dev",
    "armpro": "ArMPro V2 dev (ar), all paragraphs",
    "babe": "BABE SG2 (en), dev split",
}
RECIPE = "default: our corpus (train split), stance + persuasion, ar + en"
MODEL_CARD = ROOT / "framing" / "data" / "model_card.json"
#: Metrics of the model card, per task (the first is the headline).
CARD_METRICS = {"stance": ("macro_f1", "accuracy"), "persuasion": ("macro_f1", "accuracy")}


def build_recipe(ctx, folder: str):
    """The default bundle, built as the package builds it (quick: on a subsample), saved and loaded back."""
    from framing.models.bundle import Bundle, apply_none_bias, build_default_bundle, default_recipe, train_bundle

    path = os.path.join(folder, "default.npz")
    with timed() as t:
        if ctx.quick:
            records = ctx.corpus("ar", "train") + ctx.corpus("en", "train")
            weights = default_recipe().get("feature_weight") or {}
            bundle = train_bundle(records, targets=builtin_targets(),
                                  lang_params={lang: {"feature_weight": float(w)} for lang, w in weights.items()})
            for lang, bias in (default_recipe().get("none_bias") or {}).items():
                if bundle.get("stance", lang) is not None:
                    apply_none_bias(bundle.get("stance", lang), float(bias))
            bundle.meta["recipe"] = RECIPE + " (quick subsample)"
            bundle.save(path)
        else:
            build_default_bundle(path)
    bundle = Bundle.load(path, targets=builtin_targets())
    info = {"recipe": bundle.meta.get("recipe"), "build_seconds": round(t.seconds, 2),
            "file_bytes": os.path.getsize(path), "lexicon_version": bundle.meta.get("lexicon_version"),
            "models": {k: {"features": int(e.model_.vectorizer.n_features), **{kk: vv for kk, vv in (e.model_.info or {}).items()
                                                                           if kk in ("train_pairs", "train_paragraphs")}}
                       for k, e in sorted(bundle.estimators.items())}}
    return bundle, info


def _predict(est, X) -> dict:
    proba = np.asarray(est.predict_proba(X)) if len(X) else np.zeros((0, len(est.classes_)))
    classes = [str(c) for c in est.classes_]
    return {"classes": classes, "proba": proba, "pred": [classes[i] for i in proba.argmax(axis=1)] if len(X) else []}


def stance_sets(ctx):
    """Yield (key, lang, test records, split description) of every real stance evaluation set."""
    from framing.datasets.annotations import load_annotations
    from framing.errors import FramingError

    for lang in ("ar", "en"):
        yield f"framing-{lang}", lang, ctx.corpus(lang, "test"), "our corpus's test split (contrast only)"
    for name, lang in (("mawqif", "ar"), ("newsmtsc", "en")):
        records = ctx.load(name)
        if records:
            yield name, lang, dev_split(records, seed=ctx.seed)[1], "the dev split of stance_eval.py"
    fig = ctx.load("fignews", langs=("ar", "en"))
    if fig:
        for lang in ("ar", "en"):
            yield f"fignews-{lang}", lang, dev_split([r for r in fig if r.lang == lang], seed=ctx.seed)[1], \
                "the dev split of stance_eval.py"
    for corpus, lang in (("armpro", "ar"), ("basil", "en")):
        path = os.path.join(ctx.data_dir, corpus) if ctx.data_dir else None
        try:
            records = load_annotations(corpus, path)
        except (FramingError, OSError) as exc:
            print(f"skipped annotations of {corpus}: {exc}", flush=True)
            ctx.skipped[f"annotations-{corpus}"] = str(exc)
            continue
        if ctx.quick:
            records = subsample_docs(records, ctx.limit, seed=ctx.seed)
        yield f"annotations-{corpus}", lang, records, "all our annotations (never used for training)"


def persuasion_sets(ctx):
    ara = ctx.load("araieval23-1a")
    if ara:
        yield "araieval23-1a", "ar", [r for r in ara if r.extra.get("split") == "dev"], "official dev"
    arm = ctx.load("armpro")
    if arm:
        yield "armpro", "ar", arm, "all ArMPro V2 dev paragraphs"
    babe = ctx.load("babe")
    if babe:
        yield "babe", "en", dev_split(babe, seed=ctx.seed)[1], "the dev split of persuasion_eval.py"


def evaluate_recipe(ctx, bundle) -> dict:
    train = {lang: ctx.corpus(lang, "train") for lang in ("ar", "en")}
    out = {}
    for key, lang, test, split in stance_sets(ctx):
        est = bundle.get("stance", lang)
        Xte, _, _ = stance_items(test)
        with timed() as t:
            fitted = _predict(est, Xte)
        res = stance_result(key, train[lang], test, ctx, split=split, lang=lang, fitted=fitted)
        res.update(name=NAMES[key], predict_seconds=round(t.seconds, 3), own_corpus=key.startswith("framing"))
        res.pop("top_features", None)
        out[f"stance:{key}"] = res
        k, v, ci = headline_of(res)
        print(f"default recipe, stance  {NAMES[key]:<42} n {res['test']['pairs']:>5}  {k} {fmt(v, ci)}  "
              f"accuracy {fmt(res['metrics']['accuracy'], res['intervals_95'].get('accuracy'))}", flush=True)
    for key, lang, test, split in persuasion_sets(ctx):
        est = bundle.get("persuasion", lang)
        X, y = persuasion_items(test)
        fitted = _predict(est, X)
        p_true = fitted["proba"][:, fitted["classes"].index("true")]
        res = persuasion_result(key, y, fitted["pred"], p_true, ctx, split=split, lang=lang,
                                sizes={"train": {"paragraphs": len(train[lang])},
                                       "test": {"paragraphs": len(X), "documents": len({doc_of(r) for r in test})}})
        res.update(name=NAMES[key], own_corpus=False)
        out[f"persuasion:{key}"] = res
        k, v, ci = headline_of(res)
        print(f"default recipe, persuasion {NAMES[key]:<39} n {len(X):>5}  {k} {fmt(v, ci)}", flush=True)
    return out


def first_pass_labels(ctx, bundle) -> dict:
    """The default model against our real-paragraph labels as they were before adjudication, beside the agreement.

    ``datasets/annotations/agreement/`` holds each evaluation file's frozen first pass and a blind second pass;
    the evaluation files themselves carry the adjudicated labels (``datasets/agreement.py real-apply``).
    """
    from framing.datasets.annotations import load_annotations
    from framing.errors import FramingError
    from framing.evaluation import stance_metrics

    agreement_dir = ROOT / "datasets" / "annotations" / "agreement"
    summary = json.loads((agreement_dir / "summary.json").read_text(encoding="utf-8")) \
        if (agreement_dir / "summary.json").exists() else {}
    out = {}
    for corpus, lang, key in (("armpro", "ar", "armpro-dev"), ("basil", "en", "basil")):
        p1 = agreement_dir / f"{key}-pass1.tsv"
        if not p1.exists():
            continue
        path = os.path.join(ctx.data_dir, corpus) if ctx.data_dir else None
        try:
            records = load_annotations(corpus, path, files=[p1])
        except (FramingError, OSError):
            continue  # already reported as skipped by stance_sets
        if ctx.quick:
            records = subsample_docs(records, ctx.limit, seed=ctx.seed)
        X, y, t = stance_items(records)
        pred = _predict(bundle.get("stance", lang), X)["pred"]
        m = stance_metrics(y, pred, t, rounds=ctx.rounds, seed=ctx.seed)
        agree = summary.get(key) or {}
        out[f"annotations-{corpus}"] = {
            "name": NAMES[f"annotations-{corpus}"], "pairs": len(y), "macro_f1": m["metrics"]["macro_f1"],
            "interval_95": m["intervals_95"].get("macro_f1"), "label_counts": dict(sorted(Counter(y).items())),
            "agreement": {k: agree.get(k) for k in ("pairs", "observed_agreement", "cohen_kappa", "both_high",
                                                    "disagreements", "adjudicated_to_first", "adjudicated_to_second",
                                                    "adjudicated_to_other")} if agree else None,
        }
        print(f"default recipe, stance  {NAMES[f'annotations-{corpus}']:<42} first-pass labels: macro-F1 "
              f"{fmt(m['metrics']['macro_f1'], m['intervals_95'].get('macro_f1'))}", flush=True)
    return out


DEFAULT_ABLATIONS = {
    "n-grams only": dict(use_words=True, use_chars=True, use_cues=False, use_target=False),
    "cues only": dict(use_words=False, use_chars=False, use_cues=True, use_target=False),
    "n-grams + cues": dict(use_words=True, use_chars=True, use_cues=True, use_target=False),
    "+ target features": {},
    "+ target features, no NONE bias": {},
}


def default_ablations(ctx) -> dict:
    """The default recipe's feature groups on our annotations of real news (trained on our corpus).

    Every variant gets the recipe's stance feature weight and NONE bias
    (``framing/data/default_recipe.json``) except the last, which shows what the
    prior correction adds.
    """
    from framing.datasets.annotations import load_annotations
    from framing.errors import FramingError
    from framing.evaluation import stance_metrics
    from framing.models.bundle import default_recipe
    from framing.models.estimators import StanceClassifier

    bias = default_recipe().get("none_bias") or {}
    weight = default_recipe().get("feature_weight") or {}
    out = {}
    for corpus, lang in (("armpro", "ar"), ("basil", "en")):
        path = os.path.join(ctx.data_dir, corpus) if ctx.data_dir else None
        try:
            test = load_annotations(corpus, path)
        except (FramingError, OSError) as exc:
            print(f"default ablations: skipped {corpus}: {exc}", flush=True)
            continue
        if ctx.quick:
            test = subsample_docs(test, ctx.limit, seed=ctx.seed)
        Xtr, ytr, _ = stance_items(ctx.corpus(lang, "train"))
        Xte, yte, tte = stance_items(test)
        key = f"annotations-{corpus}"
        out[key] = {"name": NAMES[key], "none_bias": bias.get(lang, 0.0), "variants": {}}
        for variant, params in DEFAULT_ABLATIONS.items():
            est = StanceClassifier(targets=builtin_targets(), random_state=ctx.seed,
                                   **dict({"feature_weight": float(weight.get(lang, 1.0))}, **params)).fit(Xtr, ytr)
            proba = np.asarray(est.predict_proba(Xte))
            classes = [str(c) for c in est.classes_]
            z = np.log(np.clip(proba, 1e-12, None))
            if not variant.endswith("no NONE bias"):
                z[:, classes.index("NONE")] += float(bias.get(lang, 0.0))
            pred = [classes[i] for i in z.argmax(axis=1)]
            m = stance_metrics(yte, pred, tte, rounds=ctx.rounds, seed=ctx.seed)
            out[key]["variants"][variant] = {"macro_f1": m["metrics"]["macro_f1"],
                                             "interval_95": m["intervals_95"].get("macro_f1"),
                                             "accuracy": m["metrics"]["accuracy"], "n": len(yte)}
            print(f"default ablation {NAMES[key]:<42} {variant:<32} macro-F1 "
                  f"{fmt(m['metrics']['macro_f1'], m['intervals_95'].get('macro_f1'))}", flush=True)
    return out


CROSS_VARIANTS = {
    "all features": {},
    "cues + target features only": {"use_words": False, "use_chars": False},
}


def cross_lingual(ctx) -> dict:
    """Train on one language of our corpus, test on the other's test split (stance and persuasion)."""
    from persuasion_eval import evaluate_split

    out = {}
    for src, dst in (("ar", "en"), ("en", "ar")):
        train, test = ctx.corpus(src, "train"), ctx.corpus(dst, "test")
        for variant, params in CROSS_VARIANTS.items():
            key = f"{src}→{dst}"
            s = stance_result(f"framing-{dst}", train, test, ctx, split=f"our corpus: {src} train → {dst} test",
                              lang=dst, params=params)
            p_params = {k: v for k, v in params.items() if k != "use_target"}
            p = evaluate_split(f"framing-{dst}", train, test, ctx, split=f"our corpus: {src} train → {dst} test",
                               lang=dst, params=p_params)
            out.setdefault(key, {})[variant] = {
                "stance": {k: s[k] for k in ("metrics", "intervals_95", "per_class", "test")},
                "persuasion": {k: p[k] for k in ("metrics", "intervals_95", "per_class", "test")},
            }
            print(f"cross-lingual {key} {variant:<28} stance macro-F1 "
                  f"{fmt(s['metrics']['macro_f1'], s['intervals_95'].get('macro_f1'))}  persuasion macro-F1 "
                  f"{fmt(p['metrics']['macro_f1'], p['intervals_95'].get('macro_f1'))}", flush=True)
    return out


def model_card(section: dict) -> dict:
    """The model card: the default recipe on real news only (never our own corpus)."""
    rows = []
    for key, res in section["default_recipe"].items():
        if res.get("own_corpus"):
            continue
        task = res["task"]
        n = res["test"].get("pairs", res["test"].get("paragraphs"))
        metrics = list(CARD_METRICS[task])
        if res.get("headline") not in metrics:
            metrics.insert(0, res["headline"])
        if res.get("headline") == "micro_f1":
            metrics.remove("accuracy")  # the same number for one label per item
        for metric in metrics:
            rows.append({"dataset": res["name"], "task": task, "metric": metric, "value": res["metrics"][metric],
                         "interval_95": res["intervals_95"].get(metric), "n": n})
    return {
        "recipe": section["bundle"]["recipe"],
        "generated_by": "experiments/transfer.py",
        "commit": git_commit(),
        "framing_version": section.get("framing_version"),
        "lexicon_version": section["bundle"].get("lexicon_version"),
        "note": ("Accuracy of the default model (trained on our own corpus only) on real news: real corpora "
                 "(document-grouped dev splits; official test splits are withheld) and our stance annotations of "
                 "real ArMPro and BASIL paragraphs (never used for training). n = pairs (stance) or paragraphs "
                 "(persuasion); interval_95 = bootstrap percentile interval."),
        "results": rows,
    }


def figures(section, ctx) -> list[str]:
    import plotting
    from stance_eval import panels_for

    paths = []
    results = section.get("default_recipe") or {}
    for task, suffix, label in (("stance", "", "Stance"), ("persuasion", "_persuasion", "Persuasion / bias")):
        rs = {k: r for k, r in results.items() if r["task"] == task}
        if not rs:
            continue
        p = panels_for(rs)
        paths += plotting.confusion_matrices(p["confusion"], f"transfer_confusion{suffix}", out_dir=ctx.figures,
                                             title=f"Default recipe (trained on our corpus) on real news — {label}: "
                                                   "confusion matrices")
        paths += plotting.per_class_bars(p["per_class"], f"transfer_per_class{suffix}", out_dir=ctx.figures,
                                         ncols=3 if len(rs) > 4 else None,
                                         title=f"Default recipe on real news — {label}: per class "
                                               "(references: in-domain models, official test sets)")
        if p["reliability"]:
            paths += plotting.reliability_diagrams(p["reliability"], f"transfer_reliability{suffix}",
                                                   out_dir=ctx.figures,
                                                   title=f"Default recipe on real news — {label}: reliability")
    if results:
        vs = _vs_in_domain(results, read_results(ctx.out))
        if vs:
            paths += plotting.ablation_bars(vs, "transfer_vs_in_domain", out_dir=ctx.figures,
                                            title="Trained in domain vs the default recipe (trained on our corpus)")
    titles = {"true": "persuasive (true)", "false": "not persuasive (false)"}
    for name, feats in (section.get("top_features") or {}).items():
        task, lang = name.split("-")
        if task == "persuasion":
            feats = {c: feats[c] for c in ("true", "false") if c in feats}
        paths += plotting.top_features(feats, f"top_features_{task}_{lang}", out_dir=ctx.figures, rtl=lang == "ar",
                                       note=plotting.TARGET_NOTE if task == "stance" else "# a number",
                                       titles=titles if task == "persuasion" else None,
                                       title=f"Default {task} model ({'Arabic' if lang == 'ar' else 'English'}): "
                                             "most heavily weighted features per class")
    return paths


def _vs_in_domain(recipe: dict, results: dict) -> dict:
    panels = {}
    for task, section in (("stance", "stance_eval"), ("persuasion", "persuasion_eval")):
        in_domain = (results.get(section) or {}).get("datasets") or {}
        rows = {}
        for key, res in in_domain.items():
            other = recipe.get(f"{task}:{key}")
            if other is None or key.startswith("framing"):
                continue
            rows[res["name"].split(",")[0]] = {
                "trained in domain": {"value": res["metrics"]["macro_f1"], "interval": res["intervals_95"].get("macro_f1")},
                "default recipe": {"value": other["metrics"]["macro_f1"], "interval": other["intervals_95"].get("macro_f1")},
            }
        if rows:
            panels[f"{task.capitalize()}: macro-F1 on the same dev data"] = {
                "metric": "macro_f1", "variants": ["trained in domain", "default recipe"], "datasets": rows}
    return panels


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--model-card", metavar="PATH", default=None,
                    help=f"where to write the model card (default: {MODEL_CARD.relative_to(ROOT)} on full runs "
                         "into reports/, else OUT/model_card.json; none with --quick)")
    args = ap.parse_args(argv)
    ctx = context_from(args)
    from framing import __version__

    with timed() as t, tempfile.TemporaryDirectory(prefix="framing-transfer-") as tmp:
        bundle, info = build_recipe(ctx, tmp)
        print(f"default recipe built in {info['build_seconds']:.1f}s ({info['file_bytes'] / 1e6:.1f} MB)", flush=True)
        section = {"bundle": info, "framing_version": __version__, "default_recipe": evaluate_recipe(ctx, bundle),
                   "first_pass_labels": first_pass_labels(ctx, bundle),
                   "cross_lingual": cross_lingual(ctx), "default_ablations": default_ablations(ctx),
                   "top_features": {k: top_features(e.model_, 12) for k, e in sorted(bundle.estimators.items())}}
    section["seconds"] = round(t.seconds, 1)
    update_results(ctx, "transfer", section)
    default_out = ctx.out.resolve() == (ROOT / "reports").resolve()
    card_path = args.model_card or (None if ctx.quick else str(MODEL_CARD if default_out else ctx.out / "model_card.json"))
    if card_path:
        from framing.fileio import atomic_write

        card = model_card(section)
        Path(card_path).parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(card_path) as fh:
            fh.write(json.dumps(card, ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {card_path} ({len(card['results'])} results)")
    for path in figures(section, ctx):
        print("wrote", path)
    print(f"transfer: {t.seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
