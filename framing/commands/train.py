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


def _value(text: str):
    """A ``--param`` value: true/false/none, a whole number, a number, else the text."""
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("none", "null"):
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _params(args) -> dict:
    """Estimator parameters from --recipe, then --param KEY=VALUE, then --C (later ones win)."""
    from ..models.estimators import RECIPES, PersuasionClassifier, StanceClassifier

    params = {}
    recipe = getattr(args, "recipe", None)
    if recipe is not None:
        if args.task != "stance":
            raise UsageError("--recipe is for --task stance", hint="use --param KEY=VALUE for persuasion")
        if recipe not in RECIPES:
            raise UsageError(f"unknown recipe {recipe!r}", hint="choose one of " + ", ".join(sorted(RECIPES)))
        params.update(RECIPES[recipe])
    est = StanceClassifier if args.task == "stance" else PersuasionClassifier
    allowed = {k for k, v in est().get_params().items() if v is None or isinstance(v, (str, int, float, bool))}
    allowed -= {"random_state"}  # --seed sets it
    for item in getattr(args, "param", None) or []:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--param {item!r} is not KEY=VALUE", hint="e.g. --param window_block=true")
        if key not in allowed:
            raise UsageError(f"--param {key!r} is not a {args.task} model parameter",
                             hint="one of " + ", ".join(sorted(allowed)))
        params[key] = _value(text)
    if args.C is not None:
        params["C"] = args.C
    try:
        est(**params)._setup()
    except (TypeError, ValueError) as exc:
        raise UsageError(f"bad model parameters: {exc}") from None
    return params


def _check_args(args) -> None:
    """Refuse bad options before reading data or training (not after minutes of work)."""
    if args.C is not None and not (math.isfinite(args.C) and args.C > 0):
        raise UsageError(f"--C must be a positive number, not {args.C}", hint="try --C 1.0")
    if args.cv and args.cv < 2:
        raise UsageError(f"--cv needs at least 2 folds, not {args.cv}", hint="try --cv 5, or leave it out")
    if not 0 <= args.seed < 2**32:
        raise UsageError(f"--seed must be between 0 and {2**32 - 1}, not {args.seed}")
    args.params = _params(args)
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
    params = args.params
    bundle = train_bundle(records, (args.task,), lexicon=load_lexicon(args.lexicon), targets=load_targets(),
                          seed=args.seed, params=params, progress=_progress, label_field=args.label_field)
    bundle.meta["recipe"] = f"framing train --task {args.task} on {', '.join(args.data)}"
    if getattr(args, "recipe", None):
        bundle.meta["recipe"] += f" --recipe {args.recipe}"
    if params:
        bundle.meta["params"] = params
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
