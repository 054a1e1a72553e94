"""Speed and size: training time, prediction throughput, model load time and file size.

What it measures (on one core: BLAS/OpenMP threads are limited to 1 before NumPy loads)
    * **training time for 5,000 items**: the stance model on 5,000 (paragraph, target)
      pairs per language — our corpus's pairs topped up with real ones (Mawqif for Arabic,
      NewsMTSC for English) when available, else our corpus's pairs repeated (said so in
      the results) — and the persuasion model on every labelled paragraph available
      (our corpus, ArAIEval 2023 1A and ArMPro for Arabic; our corpus and BABE for English);
    * **the default recipe**: time to build it (what ``framing score`` does on first use),
      its file size, and its load time (median of 5 loads of the ``.npz``);
    * **prediction throughput** of the default models in paragraphs per second, cold
      (a freshly loaded model, so no paragraph analysis is cached): persuasion per
      paragraph, and stance for one target per paragraph, on real news paragraphs
      (ArMPro for Arabic, BASIL for English; our corpus's test split when absent).

Data
    Our corpus always; real corpora from ``$FRAMING_DATA`` when present.

What it writes
    Section ``speed_size`` of ``reports/results.json``. Timings depend on the machine;
    the results name its CPU count.

    python experiments/speed_size.py [--quick] [--data DIR] [--out DIR]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

from common import (builtin_targets, context_from, make_estimator, make_parser, persuasion_items,  # noqa: E402
                    stance_items, timed, update_results)

TRAIN_SIZE = 5000
QUICK_TRAIN_SIZE = 400
THROUGHPUT_SIZE = 600
QUICK_THROUGHPUT_SIZE = 60
EXTRA_STANCE = {"ar": "mawqif", "en": "newsmtsc"}
EXTRA_PERSUASION = {"ar": ("araieval23-1a", "armpro"), "en": ("babe",)}
THROUGHPUT_DATA = {"ar": "armpro", "en": "basil"}


def _take(items, labels, n):
    """The first ``n`` (item, label) pairs, repeating the list when it is shorter; and whether it was repeated."""
    if not items:
        return [], [], False
    reps = -(-n // len(items))
    return (items * reps)[:n], (labels * reps)[:n], reps > 1


def training_times(ctx) -> dict:
    n = QUICK_TRAIN_SIZE if ctx.quick else TRAIN_SIZE
    out = {}
    for lang in ("ar", "en"):
        own = ctx.corpus(lang, "train") + ctx.corpus(lang, "test")
        X, y, _ = stance_items(own)
        source = ["our corpus"]
        extra = ctx.load(EXTRA_STANCE[lang]) if len(X) < n else None
        if extra:
            Xe, ye, _ = stance_items(extra)
            X, y = X + Xe, y + ye
            source.append(EXTRA_STANCE[lang])
        X, y, repeated = _take(X, y, n)
        est = make_estimator("stance", {"random_state": ctx.seed})
        with timed() as t:
            est.fit(X, y)
        out[f"stance-{lang}"] = {"items": len(X), "unit": "(paragraph, target) pairs", "seconds": round(t.seconds, 2),
                                 "sources": source, "repeated": repeated,
                                 "features": int(est.model_.vectorizer.n_features)}
        print(f"train stance-{lang}: {len(X)} pairs in {t.seconds:.1f}s ({'+'.join(source)}"
              f"{', repeated' if repeated else ''})", flush=True)
        Xp, yp = persuasion_items(own)
        source = ["our corpus"]
        for name in EXTRA_PERSUASION[lang]:
            extra = ctx.load(name)
            if extra:
                Xe, ye = persuasion_items(extra)
                Xp, yp = Xp + Xe, yp + ye
                source.append(name)
        Xp, yp = Xp[:n], yp[:n]
        est = make_estimator("persuasion", {"random_state": ctx.seed})
        with timed() as t:
            est.fit(Xp, yp)
        out[f"persuasion-{lang}"] = {"items": len(Xp), "unit": "paragraphs", "seconds": round(t.seconds, 2),
                                     "sources": source, "features": int(est.model_.vectorizer.n_features)}
        print(f"train persuasion-{lang}: {len(Xp)} paragraphs in {t.seconds:.1f}s ({'+'.join(source)})", flush=True)
    return out


def _paragraphs(ctx, lang: str, n: int):
    """Up to ``n`` real news paragraphs of ``lang`` (distinct texts) with a target each."""
    records = ctx.load(THROUGHPUT_DATA[lang]) or []
    source = THROUGHPUT_DATA[lang] if records else "our corpus (test split)"
    if not records:
        records = ctx.corpus(lang, "test")
    ts = builtin_targets()
    seen, out = set(), []
    for r in records:
        if r.text in seen or len(r.text) < 40:
            continue
        seen.add(r.text)
        found = ts.mentions(r.text, lang)
        target = found[0].target if found else (r.targets[0].target if r.targets else
                                                ("الغرب" if lang == "ar" else "the West"))
        out.append((r.text, target, (), lang))
        if len(out) >= n:
            break
    return out, source


def default_recipe(ctx, folder: str) -> dict:
    from framing.models.bundle import Bundle, build_default_bundle, train_bundle

    path = os.path.join(folder, "default.npz")
    with timed() as t:
        if ctx.quick:
            bundle = train_bundle(ctx.corpus("ar", "train") + ctx.corpus("en", "train"), targets=builtin_targets())
            bundle.save(path)
        else:
            build_default_bundle(path)
    loads = []
    for _ in range(5):
        with timed() as tl:
            Bundle.load(path, targets=builtin_targets())
        loads.append(tl.seconds)
    out = {"build_seconds": round(t.seconds, 2), "file_bytes": os.path.getsize(path),
           "load_seconds_median": round(statistics.median(loads), 4), "load_seconds_all": [round(x, 4) for x in loads],
           "quick_subsample": ctx.quick}
    print(f"default recipe: built in {t.seconds:.1f}s, {out['file_bytes'] / 1e6:.2f} MB, "
          f"loads in {out['load_seconds_median'] * 1000:.0f} ms", flush=True)
    n = QUICK_THROUGHPUT_SIZE if ctx.quick else THROUGHPUT_SIZE
    tp = {}
    for lang in ("ar", "en"):
        items, source = _paragraphs(ctx, lang, n)
        if not items:
            continue
        bundle = Bundle.load(path, targets=builtin_targets())  # cold: nothing cached
        with timed() as tpers:
            bundle.get("persuasion", lang).predict_proba([it[0] for it in items])
        bundle = Bundle.load(path, targets=builtin_targets())
        with timed() as tst:
            bundle.get("stance", lang).predict_proba(items)
        chars = sum(len(it[0]) for it in items) / len(items)
        tp[lang] = {"paragraphs": len(items), "source": source, "mean_chars": round(chars),
                    "persuasion_paragraphs_per_second": round(len(items) / tpers.seconds, 1),
                    "stance_paragraphs_per_second": round(len(items) / tst.seconds, 1)}
        print(f"throughput {lang}: persuasion {tp[lang]['persuasion_paragraphs_per_second']:.0f}/s, stance "
              f"{tp[lang]['stance_paragraphs_per_second']:.0f}/s (one target each; {len(items)} {source} paragraphs, "
              f"{chars:.0f} characters on average)", flush=True)
    out["throughput"] = tp
    return out


def main(argv=None) -> int:
    args = make_parser(__doc__).parse_args(argv)
    args.no_cache = True  # timings are never cached
    ctx = context_from(args)
    with timed() as t, tempfile.TemporaryDirectory(prefix="framing-speed-") as tmp:
        section = {"machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(),
                               "python": platform.python_version(), "threads": 1},
                   "training": training_times(ctx), "default_recipe": default_recipe(ctx, tmp)}
    section["seconds"] = round(t.seconds, 1)
    update_results(ctx, "speed_size", section)
    print(f"speed_size: {t.seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
