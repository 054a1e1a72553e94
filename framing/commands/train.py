"""``framing train``: train a stance or persuasion model on records of the shared format."""

from __future__ import annotations

import sys
import time

from ..errors import UsageError


def _progress(msg: str) -> None:
    print(f"framing: {msg}", file=sys.stderr, flush=True)


def run(args) -> int:
    from ..commands.evaluate import _records
    from ..lexicon import load_lexicon
    from ..models.bundle import train_bundle
    from ..targets import load_targets

    records = _records(args)
    if args.task == "stance" and not any(r.targets for r in records):
        raise UsageError("--task stance needs records with 'target'/'stance' or 'targets'")
    if args.task == "persuasion" and not args.label_field and not any(r.label is not None for r in records):
        raise UsageError("--task persuasion needs records with 'label' (or --label-field NAME)")
    t0 = time.perf_counter()
    params = {"C": args.C} if args.C is not None else {}
    bundle = train_bundle(records, (args.task,), lexicon=load_lexicon(args.lexicon), targets=load_targets(),
                          seed=args.seed, params=params, progress=_progress, label_field=args.label_field)
    bundle.meta["recipe"] = f"framing train --task {args.task} on {', '.join(args.data)}"
    if args.cv:
        from ..models.crossval import grouped_cv

        for key, est in bundle.estimators.items():
            summary = grouped_cv(est, records, key, folds=args.cv, seed=args.seed, progress=_progress)
            bundle.meta.setdefault("cv", {})[key] = summary
            m = summary["metrics"]
            _progress(f"{key}: {args.cv}-fold grouped CV " + ", ".join(f"{k} {v:.3f}" for k, v in m.items()))
    bundle.save(args.out)
    _progress(f"wrote {args.out} ({', '.join(sorted(bundle.estimators))}) in {time.perf_counter() - t0:.1f} s")
    return 0
