"""Run every experiment, then write ``reports/RESULTS.md``: one command reruns all.

What it runs (each as its own process, in this order; a failure is reported and the rest still run)
    tune_default (full runs into reports/ with armpro and basil present: it rewrites
    framing/data/default_recipe.json, the NONE bias of the default bundle, from the
    tuning annotations), stance_eval, persuasion_eval, ablations, learning_curves, transfer, tuning_diagnostics, speed_size,
    cue_categories, and the older cue_evaluation and lexicon_coverage (these two only
    when the corpora they need are present: they do not skip absent data themselves);
    then results_report. Fitted folds are shared between scripts through the
    joblib cache (``--cache``), so the full model of ``stance_eval`` is not refitted
    by ``ablations`` or ``learning_curves``.

Data
    Real corpora from ``$FRAMING_DATA`` (or ``--data DIR``); absent ones are skipped
    with a message. Our own corpus always runs.

What it writes
    ``reports/results.json`` (every number, with this run's timing under ``run_all``),
    ``reports/RESULTS.md``, ``reports/figures/*.{png,svg}``, ``reports/cues.{json,md}``,
    ``reports/lexicon_coverage.json`` and, on full runs, ``framing/data/model_card.json``.
    With ``--out DIR`` everything goes to DIR instead (the model card too).

    FRAMING_DATA=/path/to/data python experiments/run_all.py            # full (about 12 minutes on 2 cores)
    python experiments/run_all.py --quick --out /tmp/r                  # smoke test (about a minute)
    python experiments/run_all.py --figures-only                        # redraw figures + RESULTS.md only
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, context_from, make_parser, update_results

HERE = Path(__file__).resolve().parent
SCRIPTS = ("stance_eval", "persuasion_eval", "ablations", "learning_curves", "transfer", "tuning_diagnostics",
           "speed_size", "cue_categories")
#: Older scripts that fail on absent data: run only when every corpus they read is present.
LEGACY = {"cue_evaluation": ("armpro", "babe"), "lexicon_coverage": ("armpro", "basil")}


def _data_home(args) -> str | None:
    return args.data or os.environ.get("FRAMING_DATA") or None


def _present(home: str | None, corpora) -> bool:
    from framing.datasets.loaders import CORPORA

    return bool(home) and all(os.path.isdir(os.path.join(home, CORPORA[c].folder)) for c in corpora)


def _command(name: str, args, out: Path) -> list[str]:
    cmd = [sys.executable, str(HERE / f"{name}.py")]
    if name in LEGACY:
        if args.data:
            cmd += ["--data", args.data]
        cmd += ["--out", str(out / "lexicon_coverage.json") if name == "lexicon_coverage" else str(out)]
        return cmd
    cmd += ["--out", str(out), "--seed", str(args.seed)]
    if args.quick:
        cmd.append("--quick")
    if args.data:
        cmd += ["--data", args.data]
    if name != "speed_size":
        cmd += ["--no-cache"] if args.no_cache else ["--cache", args.cache]
    if name == "transfer" and args.model_card:
        cmd += ["--model-card", args.model_card]
    return cmd


def redraw(args, out: Path) -> int:
    """Figures and RESULTS.md from results.json alone."""
    import importlib

    from common import read_results
    from results_report import write

    results = read_results(out)
    ctx = context_from(args)
    for name in SCRIPTS:
        if name in results and hasattr(importlib.import_module(name), "figures"):
            for path in importlib.import_module(name).figures(results[name], ctx):
                print("wrote", path)
    print("wrote", write(out))
    return 0


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--only", metavar="NAMES", help="comma-separated scripts to run (default: all)")
    ap.add_argument("--model-card", metavar="PATH", help="passed to transfer.py")
    ap.add_argument("--figures-only", action="store_true",
                    help="redraw the figures and RESULTS.md from the existing results.json (no experiments)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.figures_only:
        return redraw(args, out)
    only = set(args.only.split(",")) if args.only else None
    home = _data_home(args)
    timings, failed = {}, []
    start = time.perf_counter()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if not args.quick and (not only or "tune_default" in only) and out.resolve() == (ROOT / "reports").resolve():
        if _present(home, ("armpro", "basil")):
            print("== tune_default", flush=True)
            t0 = time.perf_counter()
            cmd = [sys.executable, str(HERE / "tune_default.py")] + (["--data", args.data] if args.data else [])
            rc = subprocess.run(cmd, cwd=ROOT, env=env).returncode
            timings["tune_default"] = {"seconds": round(time.perf_counter() - t0, 1), "returncode": rc}
            if rc != 0:
                failed.append("tune_default")
        else:
            print("== tune_default: skipped (needs armpro and basil in FRAMING_DATA)", flush=True)
    for name in SCRIPTS + tuple(LEGACY):
        if only and name not in only:
            continue
        if name in LEGACY and not _present(home, LEGACY[name]):
            print(f"== {name}: skipped (needs {', '.join(LEGACY[name])} in FRAMING_DATA)", flush=True)
            timings[name] = {"seconds": 0.0, "returncode": None, "skipped": True}
            continue
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run(_command(name, args, out), cwd=ROOT, env=env).returncode
        timings[name] = {"seconds": round(time.perf_counter() - t0, 1), "returncode": rc}
        if rc != 0:
            failed.append(name)
            print(f"== {name} FAILED (exit {rc})", flush=True)
    total = time.perf_counter() - start
    ctx = context_from(args)
    for name, fname in (("cue_evaluation", "cues.json"), ("lexicon_coverage", "lexicon_coverage.json")):
        path = out / fname
        if timings.get(name, {}).get("returncode") == 0 and path.exists():
            update_results(ctx, name, json.loads(path.read_text(encoding="utf-8")))
    update_results(ctx, "run_all", {"seconds": round(total, 1), "scripts": timings, "failed": failed,
                                    "cpus": os.cpu_count()})
    from results_report import write

    print("wrote", write(out))
    print(f"run_all: {total:.0f}s ({total / 60:.1f} min){'; FAILED: ' + ', '.join(failed) if failed else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
