"""``framing train``: train a stance or persuasion model on records of the shared format."""

from __future__ import annotations

import math
import os
import sys
import time

from ..errors import UsageError
from ..fileio import check_writable


def _progress(msg: str) -> None:
    print(f"framing: {msg}", file=sys.stderr, flush=True)


def _check_args(args) -> None:
    """Refuse bad options before reading data or training (not after minutes of work)."""
    if args.C is not None and not (math.isfinite(args.C) and args.C > 0):
        raise UsageError(f"--C must be a positive number, not {args.C}", hint="try --C 1.0")
    if args.cv and args.cv < 2:
        raise UsageError(f"--cv needs at least 2 folds, not {args.cv}", hint="try --cv 5, or leave it out")
    if not 0 <= args.seed < 2**32:
        raise UsageError(f"--seed must be between 0 and {2**32 - 1}, not {args.seed}")
    check_writable(args.out)


def run(args) -> int:
    from ..commands.evaluate import _records
    from ..lexicon import load_lexicon
    from ..models.bundle import train_bundle
    from ..targets import load_targets

    _check_args(args)
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
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():  # reproducible builds: the same data and seed give the same bytes
        bundle.meta["created"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))
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
