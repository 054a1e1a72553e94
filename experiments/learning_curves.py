"""Learning curves: how the scores grow with the amount of training data.

What it measures
    Each model is trained on a growing share of its training documents (10%, 25%,
    50%, 100%; whole documents drawn by hash, three seeds below 100%) and scored on
    the same fixed test/dev split as ``stance_eval.py`` / ``persuasion_eval.py``.
    Macro-F1, mean ± standard deviation over the seeds. A curve still rising at
    100% says that more data of that kind would help.

Data (absent corpora are skipped with a message)
    Stance: our corpus (ar, en), Mawqif, NewsMTSC. Persuasion: our corpus (ar, en),
    ArAIEval 2023 1A, BABE (ArMPro has too little to split further).

What it writes
    Section ``learning_curves`` of ``reports/results.json``; figure
    ``reports/figures/learning_curves.{png,svg}``.

    python experiments/learning_curves.py [--quick] [--data DIR] [--out DIR] [--cache DIR | --no-cache]
"""

from __future__ import annotations

import sys

import numpy as np

import persuasion_eval
import stance_eval
from common import script_main, stance_result, subsample_docs, timed

FRACTIONS = (0.1, 0.25, 0.5, 1.0)
SEEDS = (0, 1, 2)
QUICK_FRACTIONS = (0.25, 1.0)
QUICK_SEEDS = (0,)
METRIC = "macro_f1"
STANCE_DATASETS = ("framing-ar", "framing-en", "mawqif", "newsmtsc")
PERSUASION_DATASETS = ("framing-ar", "framing-en", "araieval23-1a", "babe")


def _curve(evaluate, train, ctx) -> dict:
    """Scores at every fraction of ``train`` (mean and std over seeds)."""
    fractions, seeds = (QUICK_FRACTIONS, QUICK_SEEDS) if ctx.quick else (FRACTIONS, SEEDS)
    points = []
    for frac in fractions:
        scores, sizes = [], []
        for seed in (seeds if frac < 1.0 else (seeds[0],)):
            sub = subsample_docs(train, max(1, int(round(frac * len(train)))), seed=1000 + seed)
            n_items, score = evaluate(sub)
            scores.append(score)
            sizes.append(n_items)
        points.append({"fraction": frac, "items": float(np.mean(sizes)), "mean": float(np.mean(scores)),
                       "std": float(np.std(scores)), "scores": scores})
    return {"metric": METRIC, "points": points}


def run(ctx) -> dict:
    stance, persuasion = {}, {}
    for key, lang, train, test, split in stance_eval.datasets(ctx):
        if key not in STANCE_DATASETS:
            continue

        def evaluate(sub, key=key, lang=lang, test=test, split=split):
            res = stance_result(key, sub, test, ctx, split=split, lang=lang, rounds=0)
            return res["train"]["pairs"], res["metrics"][METRIC]

        with timed() as t:
            stance[key] = {"name": stance_eval.NAMES[key], **_curve(evaluate, train, ctx)}
        print(f"stance {key:<12} " + "  ".join(f"{p['items']:.0f}: {p['mean']:.3f}±{p['std']:.3f}"
                                                for p in stance[key]["points"]) + f"  ({t.seconds:.1f}s)", flush=True)
    for key, lang, kind, payload in persuasion_eval.datasets(ctx):
        if key not in PERSUASION_DATASETS or kind != "split":
            continue
        train, test, split = payload

        def evaluate(sub, key=key, lang=lang, test=test, split=split):
            res = persuasion_eval.evaluate_split(key, sub, test, ctx, split=split, lang=lang, rounds=0)
            return res["train"]["paragraphs"], res["metrics"][METRIC]

        with timed() as t:
            persuasion[key] = {"name": persuasion_eval.NAMES[key], **_curve(evaluate, train, ctx)}
        print(f"persuasion {key:<14} " + "  ".join(f"{p['items']:.0f}: {p['mean']:.3f}±{p['std']:.3f}"
                                                   for p in persuasion[key]["points"]) + f"  ({t.seconds:.1f}s)",
              flush=True)
    fractions, seeds = (QUICK_FRACTIONS, QUICK_SEEDS) if ctx.quick else (FRACTIONS, SEEDS)
    return {"metric": METRIC, "fractions": list(fractions), "seeds": list(seeds), "stance": stance,
            "persuasion": persuasion}


def figures(section, ctx) -> list[str]:
    import plotting

    panels = {}
    for task, title in (("stance", "Stance (training pairs)"), ("persuasion", "Persuasion / bias (training paragraphs)")):
        data = section.get(task) or {}
        if data:
            panels[title] = {"metric": section.get("metric", METRIC), "curves": {
                d["name"].split(",")[0]: {"sizes": [p["items"] for p in d["points"]], "mean": [p["mean"] for p in d["points"]],
                                          "std": [p["std"] for p in d["points"]]} for d in data.values()}}
    if not panels:
        return []
    return plotting.learning_curves(panels, "learning_curves", out_dir=ctx.figures,
                                    title="Learning curves: macro-F1 on the fixed dev/test split (band: ±1 std over seeds)")


def main(argv=None) -> int:
    return script_main("learning_curves", __doc__, run, figures, argv)


if __name__ == "__main__":
    sys.exit(main())
