"""``framing datasets list|convert|stats``."""

from __future__ import annotations

import os
from collections import Counter

from ..errors import InputError
from ..fileio import Output


def run(args) -> int:
    return {"list": _list, "convert": _convert, "stats": _stats, "fetch": _fetch}[args.datasets_command](args)


def _fetch(args) -> int:
    from ..datasets.fetch import fetch

    dest = args.dest or os.environ.get("FRAMING_DATA") or "framing-data"
    fetch(args.name, dest, accept_licence=args.accept_licence, mirror=args.mirror, timeout=args.timeout)
    return 0


def _list(args) -> int:
    from ..datasets.loaders import CORPORA, data_home

    home = data_home()
    with Output(None) as out:
        out.write(f"FRAMING_DATA = {home or '(not set)'}\n")
        for c in CORPORA.values():
            if c.name == "framing":
                where = "built in"
            elif home and os.path.isdir(os.path.join(home, c.folder)):
                where = os.path.join(home, c.folder)
            else:
                where = "not found"
            out.write(f"{c.name:<14} {c.task:<24} {c.lang:<18} {c.licence:<28} {where}\n")
            out.write(f"{'':<14} {c.description}\n")
    return 0


def _convert(args) -> int:
    import sys

    from ..datasets import write_records
    from ..datasets.loaders import load

    records = load(args.name, args.path)
    n = write_records(records, args.output)
    print(f"framing: wrote {n} records of {args.name} to {args.output}", file=sys.stderr)
    return 0


def stats_of(records) -> dict:
    """Counts by language, task, label and target."""
    langs = Counter(r.lang for r in records)
    stance = Counter()
    stance_by_lang = {}
    targets = Counter()
    for r in records:
        for t in r.targets:
            stance[t.stance] += 1
            stance_by_lang.setdefault(r.lang, Counter())[t.stance] += 1
            targets[t.target] += 1
    labels = Counter(str(r.label).lower() for r in records if r.label is not None)
    techniques = Counter(t for r in records for t in (r.techniques or ()))
    spans = Counter(lab for r in records for _, _, lab in r.spans)
    lengths = sorted(len(r.text) for r in records)
    tasks = []
    if stance:
        tasks.append("stance")
    if labels:
        tasks.append("persuasion")
    if spans:
        tasks.append("cues")
    return {
        "records": len(records),
        "languages": dict(langs),
        "tasks": tasks,
        "median_chars": lengths[len(lengths) // 2] if lengths else 0,
        "stance_pairs": sum(stance.values()),
        "stance": dict(stance),
        "stance_by_lang": {k: dict(v) for k, v in stance_by_lang.items()},
        "targets": len(targets),
        "top_targets": dict(targets.most_common(15)),
        "label": dict(labels),
        "techniques": dict(techniques.most_common()),
        "spans": dict(spans.most_common()),
        "documents": len({r.doc_id for r in records if r.doc_id}),
        "splits": dict(Counter(str(r.extra.get("split")) for r in records if r.extra.get("split"))),
    }


def _stats(args) -> int:
    from ..datasets import read_records
    from ..datasets.loaders import CORPORA, load
    from ..output import dumps

    if args.file in CORPORA and not os.path.isfile(args.file):
        records = load(args.file)
    elif os.path.exists(args.file):
        records = read_records(args.file)
    else:
        raise InputError("no such file (nor a dataset name)", source=args.file,
                         hint="give a JSONL/CSV record file or one of: " + ", ".join(CORPORA))
    s = stats_of(records)
    with Output(None) as out:
        if args.format == "json":
            out.write(dumps(s, indent=2) + "\n")
            return 0
        out.write(f"records {s['records']}   documents {s['documents']}   median length {s['median_chars']} chars\n")
        out.write(f"languages {s['languages']}   tasks {', '.join(s['tasks']) or '-'}\n")
        if s["stance"]:
            total = s["stance_pairs"]
            shares = ", ".join(f"{k} {v} ({100 * v / total:.0f}%)" for k, v in sorted(s["stance"].items()))
            out.write(f"stance pairs {total}: {shares}; {s['targets']} targets\n")
            for lang, c in sorted(s["stance_by_lang"].items()):
                out.write(f"  {lang}: {dict(sorted(c.items()))}\n")
            out.write("  top targets: " + ", ".join(f"{k} {v}" for k, v in s["top_targets"].items()) + "\n")
        if s["label"]:
            out.write(f"label {s['label']}\n")
        if s["techniques"]:
            out.write(f"techniques {s['techniques']}\n")
        if s["spans"]:
            out.write(f"spans {s['spans']}\n")
        if s["splits"]:
            out.write(f"splits {s['splits']}\n")
    return 0
