"""Cue precision and recall per category, against human-marked spans in real news.

What it measures
    ``cue_evaluation.py`` scores all our device cues together; this script splits
    them by our category (loaded language, name calling, fear/threat, ...) to show
    which categories find what annotators marked and which mostly add noise. For
    each category only its cues are scored (with :func:`framing.evaluation.evaluate_cues`,
    token and span scores with partial-overlap credit):

    * precision — the share of the category's cue tokens inside a human span;
    * recall — the share of human-marked tokens that the category's cues cover
      (recalls of the categories add up to at most the recall of all cues).

Data (absent corpora are skipped with a message)
    ArMPro V2 dev (ar): Loaded_Language and Name_Calling-Labeling spans as one class;
    BABE SG2 (en): the words annotators marked as biased.

What it writes
    Section ``cue_categories`` of ``reports/results.json``; figure
    ``reports/figures/cue_categories.{png,svg}``.

    python experiments/cue_categories.py [--quick] [--data DIR] [--out DIR]
"""

from __future__ import annotations

import sys

from common import script_main

RUNS = {
    "armpro": ("ArMPro V2 dev (ar): Loaded_Language + Name_Calling-Labeling",
               dict(labels=["Loaded_Language", "Name_Calling-Labeling"], merge=True)),
    "babe": ("BABE SG2 (en): words marked as biased", dict()),
}


class _Only:
    """A cue extractor that returns one category's cues (the full extraction done once per text)."""

    def __init__(self, base, cache: dict, category: str | None):
        self.base, self.cache, self.category = base, cache, category
        self.lexicon = base.lexicon

    def find(self, text, lang=None):
        key = (text, lang)
        if key not in self.cache:
            self.cache[key] = self.base.find(text, lang)
        cues = self.cache[key]
        return cues if self.category is None else [c for c in cues if c.category == self.category]


def run(ctx) -> dict:
    from framing.cues import CueExtractor
    from framing.evaluation import SENTENCE_LEVEL, evaluate_cues
    from framing.lexicon import DEVICE_CATEGORIES

    base = CueExtractor()
    out = {}
    for corpus, (title, kwargs) in RUNS.items():
        records = ctx.load(corpus)
        if not records:
            continue
        cache: dict = {}
        overall = evaluate_cues(records, _Only(base, cache, None), **kwargs)
        cats = {}
        for cat in DEVICE_CATEGORIES:
            if kwargs.get("merge") and cat in SENTENCE_LEVEL:
                continue  # sentence-level devices are left out of merged word-level scoring
            res = evaluate_cues(records, _Only(base, cache, cat), **kwargs)
            if res["predicted_spans"] == 0:
                continue
            m = res["metrics"]
            cats[cat] = {"precision": m["token_precision"], "recall": m["token_recall"], "f1": m["token_f1"],
                         "span_precision": m["span_precision"], "span_recall": m["span_recall"],
                         "predicted": res["predicted_spans"]}
        out[corpus] = {"title": title, "records": len(records), "gold_spans": overall["gold_spans"],
                       "overall": overall["metrics"], "predicted_spans": overall["predicted_spans"], "categories": cats}
        print(f"{title}: all device cues token P {overall['metrics']['token_precision']:.3f} "
              f"R {overall['metrics']['token_recall']:.3f}", flush=True)
        for cat, d in sorted(cats.items(), key=lambda kv: -kv[1]["predicted"]):
            print(f"   {cat:<20} n={d['predicted']:<5} P {d['precision']:.3f}  R {d['recall']:.3f}")
    return {"lexicon_version": base.lexicon.version, "corpora": out}


def figures(section, ctx) -> list[str]:
    import plotting

    panels = {d["title"] + f" — all cues: P {d['overall']['token_precision']:.2f}, R {d['overall']['token_recall']:.2f}":
              d["categories"] for d in (section.get("corpora") or {}).values() if d["categories"]}
    if not panels:
        return []
    return plotting.cue_category_bars(panels, "cue_categories", out_dir=ctx.figures,
                                      title="Cues against human spans: token precision and recall per category "
                                            "(n = cue spans)")


def main(argv=None) -> int:
    return script_main("cue_categories", __doc__, run, figures, argv)


if __name__ == "__main__":
    sys.exit(main())
