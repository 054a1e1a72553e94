"""``framing evaluate``: measure a model or the cue matcher on labelled records."""

from __future__ import annotations

from ..errors import UsageError
from ..fileio import Output


ANNOTATION_SETS = {
    "armpro-annotations": ("armpro", "eval"),
    "basil-annotations": ("basil", "eval"),
    "armpro-annotations-tune": ("armpro", "tune"),
    "basil-annotations-tune": ("basil", "tune"),
}


def _records(args):
    from ..datasets import read_records
    from ..datasets.loaders import CORPORA, load
    import os

    out = []
    for path in args.data:
        if os.path.isfile(path):
            out.extend(read_records(path))
        elif path in CORPORA:
            out.extend(load(path))
        elif path in ANNOTATION_SETS:
            from ..datasets.annotations import load_annotations

            corpus, split = ANNOTATION_SETS[path]
            out.extend(load_annotations(corpus, split=split))
        else:
            out.extend(read_records(path))
    return out


def _check_known(gold, est, what):
    """Refuse gold labels the model cannot predict (a clear error, not a silent zero)."""
    known = {str(c) for c in est.classes_}
    unknown = sorted(set(gold) - known)
    if unknown:
        raise UsageError(f"the data has {what} label(s) {unknown} that the model does not know "
                         f"(it predicts {', '.join(sorted(known))})",
                         hint="evaluate on data with the model's labels, or retrain on data that has them")


def run(args) -> int:
    from ..output import dumps

    if args.task != "cues":
        return _evaluate_model(args)
    from ..cues import CueExtractor
    from ..evaluation import evaluate_cues
    from ..lexicon import load_lexicon

    records = _records(args)  # records without spans are negatives: cues found there are false positives
    if not any(r.spans for r in records):
        raise UsageError("no record in --data has 'spans' to compare with", hint="cue evaluation needs human spans")
    labels = [x.strip() for x in args.labels.split(",")] if args.labels else None
    result = evaluate_cues(records, CueExtractor(load_lexicon(args.lexicon)), labels=labels, merge=args.merge_labels)
    with Output(args.output) as out:
        if args.format == "json":
            out.write(dumps(result, indent=2) + "\n")
        else:
            m = result["metrics"]
            out.write(f"cue evaluation on {result['records']} records, labels: {', '.join(result['labels'])}\n")
            out.write(f"  token  P {m['token_precision']:.3f}  R {m['token_recall']:.3f}  F1 {m['token_f1']:.3f}\n")
            out.write(f"  span   P {m['span_precision']:.3f}  R {m['span_recall']:.3f}  F1 {m['span_f1']:.3f}"
                      f"  (partial overlap; {result['predicted_spans']} predicted, {result['gold_spans']} gold)\n")
            for lab, d in result["per_label"].items():
                t, s = d["token"], d["span"]
                out.write(f"  {lab:<32} token F1 {t['f1']:.3f}  span F1 {s['f1']:.3f}\n")
    return 0


def _load_bundle(args, task):
    from ..models.bundle import Bundle, default_bundle
    from ..targets import load_targets

    targets = load_targets()
    if args.model:
        return Bundle.load(args.model, expect_task=task, targets=targets)
    import sys

    return default_bundle(progress=lambda m: print(f"framing: {m}", file=sys.stderr), targets=targets)


def _evaluate_model(args) -> int:
    import json

    from ..datasets.records import stance_pairs
    from ..evaluation import persuasion_metrics, stance_metrics
    from ..output import dumps

    task = args.task
    bundle = _load_bundle(args, task)
    records = _records(args)
    preds_out = []
    if task == "stance":
        pairs = stance_pairs(records)
        if not pairs:
            raise UsageError("--data has no stance pairs ('target'/'stance' or 'targets')")
        unknown = sorted({t.stance for _, t in pairs} - {"FAVOR", "AGAINST", "NONE"})
        if unknown:
            raise UsageError(f"the data has stance labels the model does not know: {unknown}")
        y_true, y_pred, tg, mentioned = [], [], [], []
        for lang in sorted({r.lang for r, _ in pairs}):
            sub = [(r, t) for r, t in pairs if r.lang == lang]
            est = bundle.get("stance", lang)
            if est is None:
                raise UsageError(f"the model has no stance model for language {lang!r}",
                                 hint=f"it has: {', '.join(sorted(bundle.estimators))}")
            _check_known({t.stance for _, t in sub}, est, "stance")
            proba = est.predict_proba(sub)
            for (r, t), p in zip(sub, proba):
                label = str(est.classes_[p.argmax()])
                spans, _ = __import__("framing.models.features", fromlist=["find_mentions"]).find_mentions(
                    r.text, lang, t.target, est.targets, t.mentions)
                y_true.append(t.stance)
                y_pred.append(label)
                tg.append(t.target)
                mentioned.append(bool(spans))
                preds_out.append({"id": r.id, "target": t.target, "gold": t.stance, "pred": label,
                                  "probabilities": {c: round(float(x), 4) for c, x in zip(est.classes_, p)},
                                  "mentioned": bool(spans)})
        result = stance_metrics(y_true, y_pred, tg, mentioned, seed=0)
    else:
        items = [r for r in records if r.label is not None]
        if not items:
            raise UsageError("--data has no 'label' for persuasion")
        y_true, y_pred = [], []
        for lang in sorted({r.lang for r in items}):
            sub = [r for r in items if r.lang == lang]
            est = bundle.get("persuasion", lang)
            if est is None:
                raise UsageError(f"the model has no persuasion model for language {lang!r}")
            _check_known({"true" if r.label else "false" for r in sub}, est, "persuasion")
            proba = est.predict_proba(sub)
            for r, p in zip(sub, proba):
                label = str(est.classes_[p.argmax()])
                y_true.append("true" if r.label else "false")
                y_pred.append(label)
                preds_out.append({"id": r.id, "gold": y_true[-1], "pred": label,
                                  "probability_true": round(float(p[list(est.classes_).index("true")]), 4)})
        result = persuasion_metrics(y_true, y_pred, seed=0)
    result["model"] = bundle.path or "default"
    result["lexicon_version"] = bundle.meta.get("lexicon_version")
    if args.predictions:
        from ..fileio import atomic_write

        with atomic_write(args.predictions) as fh:
            for row in preds_out:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with Output(args.output) as out:
        if args.format == "json":
            out.write(dumps(result, indent=2) + "\n")
        else:
            m, ci = result["metrics"], result.get("intervals_95", {})
            out.write(f"{task} evaluation, model {result['model']}\n")
            for k, v in m.items():
                lo_hi = ci.get(k)
                out.write(f"  {k:<18} {v:.3f}" + (f"  [{lo_hi[0]:.3f}, {lo_hi[1]:.3f}]" if lo_hi else "") + "\n")
            for lab, d in result["per_class"].items():
                out.write(f"  {lab:<10} P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f} (n={d['support']})\n")
    return 0
