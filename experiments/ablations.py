"""Ablations: which feature groups carry stance and persuasion?

What it measures
    The same models, splits and metrics as ``stance_eval.py`` and
    ``persuasion_eval.py``, with feature groups switched off through the
    estimators' flags:

    ==================  =======================================================================
    n-grams only        word + character n-grams (``use_cues=False``, ``use_target=False``)
    cues only           cue-category counts by voice (``use_words=False``, ``use_chars=False``)
    n-grams + cues      both, still target-blind (``use_target=False``)
    + target features   stance only: the full model (target masking, window, agency, mentions)
    ==================  =======================================================================

    ``use_target=False`` gives every target of a paragraph the same features.
    Macro-F1 with 95% bootstrap intervals (and every other metric in results.json).

Data (absent corpora are skipped with a message)
    Stance: our corpus (ar, en; train → test), Mawqif and NewsMTSC (20% document-grouped
    dev splits). Persuasion: our corpus, ArAIEval 2023 1A (train → dev), ArMPro (5-fold CV
    by page), BABE (20% dev split by article).

What it writes
    Section ``ablations`` of ``reports/results.json``; figure
    ``reports/figures/ablations.{png,svg}``.

    python experiments/ablations.py [--quick] [--data DIR] [--out DIR] [--cache DIR | --no-cache]
"""

from __future__ import annotations

import sys

import persuasion_eval
import stance_eval
from common import fmt, script_main, stance_result, timed

STANCE_VARIANTS = {
    "n-grams only": dict(use_words=True, use_chars=True, use_cues=False, use_target=False),
    "cues only": dict(use_words=False, use_chars=False, use_cues=True, use_target=False),
    "n-grams + cues": dict(use_words=True, use_chars=True, use_cues=True, use_target=False),
    "+ target features": dict(use_words=True, use_chars=True, use_cues=True, use_target=True),
}
PERSUASION_VARIANTS = {
    "n-grams only": dict(use_words=True, use_chars=True, use_cues=False),
    "cues only": dict(use_words=False, use_chars=False, use_cues=True),
    "n-grams + cues": dict(use_words=True, use_chars=True, use_cues=True),
}
STANCE_DATASETS = ("framing-ar", "framing-en", "mawqif", "newsmtsc")
METRIC = "macro_f1"


def _cell(res: dict) -> dict:
    return {"metrics": res["metrics"], "intervals_95": res["intervals_95"], "per_class": res["per_class"],
            "n": res["test"].get("pairs", res["test"].get("paragraphs")), "fit_seconds": res.get("fit_seconds"),
            "n_features": res.get("n_features")}


def run(ctx) -> dict:
    stance = {}
    for key, lang, train, test, split in stance_eval.datasets(ctx):
        if key not in STANCE_DATASETS:
            continue
        stance[key] = {"name": stance_eval.NAMES[key], "split": split, "variants": {}}
        for variant, params in STANCE_VARIANTS.items():
            with timed() as t:
                res = stance_result(key, train, test, ctx, split=split, lang=lang, params=params)
            stance[key]["variants"][variant] = _cell(res)
            print(f"stance {key:<12} {variant:<18} {METRIC} {fmt(res['metrics'][METRIC], res['intervals_95'].get(METRIC))}"
                  f"  ({t.seconds:.1f}s)", flush=True)
    persuasion = {}
    for key, lang, kind, payload in persuasion_eval.datasets(ctx):
        persuasion[key] = {"name": persuasion_eval.NAMES[key], "variants": {}}
        for variant, params in PERSUASION_VARIANTS.items():
            with timed() as t:
                if kind == "split":
                    train, test, split = payload
                    res = persuasion_eval.evaluate_split(key, train, test, ctx, split=split, lang=lang, params=params)
                else:
                    res = persuasion_eval.evaluate_cv(key, payload, ctx, lang=lang, params=params)
            persuasion[key]["split"] = res["split"]
            persuasion[key]["variants"][variant] = _cell(res)
            print(f"persuasion {key:<14} {variant:<16} {METRIC} "
                  f"{fmt(res['metrics'][METRIC], res['intervals_95'].get(METRIC))}  ({t.seconds:.1f}s)", flush=True)
    return {"metric": METRIC, "stance": stance, "persuasion": persuasion,
            "variants": {"stance": STANCE_VARIANTS, "persuasion": PERSUASION_VARIANTS}}


def figures(section, ctx) -> list[str]:
    import plotting

    panels = {}
    for task, variants, title in (("stance", STANCE_VARIANTS, "Stance (FAVOR / AGAINST / NONE)"),
                                  ("persuasion", PERSUASION_VARIANTS, "Persuasion / bias (yes / no)")):
        data = section.get(task) or {}
        if not data:
            continue
        panels[title] = {
            "metric": section.get("metric", METRIC),
            "variants": list(variants),
            "datasets": {d["name"].split(",")[0]: {v: {"value": c["metrics"][METRIC], "interval": c["intervals_95"].get(METRIC)}
                                                   for v, c in d["variants"].items()} for d in data.values()},
        }
    if not panels:
        return []
    return plotting.ablation_bars(panels, "ablations", out_dir=ctx.figures,
                                  title="Ablations: macro-F1 by feature group (error bars: 95% bootstrap intervals)")


def main(argv=None) -> int:
    return script_main("ablations", __doc__, run, figures, argv)


if __name__ == "__main__":
    sys.exit(main())
