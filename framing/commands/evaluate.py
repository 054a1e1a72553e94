"""``framing evaluate``: measure a model or the cue matcher on labelled records."""

from __future__ import annotations

from ..errors import UsageError
from ..fileio import Output


def _records(args):
    from ..datasets import read_records
    from ..datasets.loaders import CORPORA, load
    import os

    out = []
    for path in args.data:
        if path in CORPORA and not os.path.exists(path):
            out.extend(load(path))
        else:
            out.extend(read_records(path))
    return out


def run(args) -> int:
    from ..output import dumps

    if args.task != "cues":
        raise UsageError(f"--task {args.task} needs a trained model, which this version cannot evaluate yet")
    from ..cues import CueExtractor
    from ..evaluation import evaluate_cues
    from ..lexicon import load_lexicon

    records = _records(args)  # records without spans are negatives: cues found there are false positives
    if not any(r.spans for r in records):
        raise UsageError("no record in --data has 'spans' to compare with", hint="cue evaluation needs human spans")
    labels = [x.strip() for x in args.labels.split(",")] if args.labels else None
    result = evaluate_cues(records, CueExtractor(load_lexicon(args.lexicon)), labels=labels)
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
