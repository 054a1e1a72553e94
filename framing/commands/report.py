"""``framing report``: a self-contained HTML media-literacy report for one article."""

from __future__ import annotations

import os
import sys

from ..errors import FramingError, InputError, UsageError


def _check_output(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist", hint="create it first")
    if os.path.isdir(path):
        raise UsageError(f"cannot write {path}: it is a folder", hint="give a file name such as report.html")


def _chart_dir(path: str) -> str:
    if os.path.exists(path) and not os.path.isdir(path):
        raise UsageError(f"--charts {path}: is a file, not a folder", hint="give a folder for the chart images")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--charts {path}: cannot create the folder ({exc.strerror})",
                         hint="choose a folder you can write to") from None
    return path


def _read_one(args):
    """The one article of PATH, '-' or --example, read as ``framing score`` reads it."""
    from ..collection import example_path, is_collection, iter_inputs

    if args.example:
        from dataclasses import replace
        from importlib.resources import as_file

        with as_file(example_path(args.example)) as p:
            items = list(iter_inputs(str(p)))
        items[0].id = f"example:{args.example}"
        if items[0].document is not None:
            items[0].document = replace(items[0].document, id=items[0].id)
    elif args.path is None:
        raise UsageError("no input: give a PATH, '-' for standard input, or --example ar")
    elif is_collection(args.path):
        raise InputError("is a collection; a report is for one article", source=args.path,
                         hint="give one text or HTML file (run 'framing score' for collections)")
    else:
        items = list(iter_inputs(args.path))
    item = items[0]
    if item.error is not None:
        raise item.error
    return item.document


def run(args) -> int:
    from ..analysis import Analyzer
    from ..fileio import Output, atomic_write
    from ..models.bundle import Bundle
    from ..report import build_charts, render_report, write_charts
    from ..targets import load_targets, parse_target_option
    from .model import model_card

    to_stdout = args.output == "-"
    if not to_stdout:
        _check_output(args.output)
    charts_dir = _chart_dir(args.charts) if args.charts else None
    document = _read_one(args)
    for w in document.warnings:
        print(f"framing: warning: {document.id}: {w}", file=sys.stderr)

    extra = [t for spec in args.target for t in parse_target_option(spec)]
    requested = list(dict.fromkeys(t.name for t in extra))
    targets = load_targets(extra_targets=extra)
    progress = lambda m: print(f"framing: {m}", file=sys.stderr, flush=True)  # noqa: E731
    bundle = Bundle.load(args.model, targets=targets) if args.model else None
    analyzer = Analyzer(bundle, lexicon_files=args.lexicon, targets=targets, progress=progress)
    article = analyzer.analyze_document(document, requested, add_detected=args.add_detected).data

    # The card measures the default recipe: it says nothing about a model given with --model.
    card = None if args.model else model_card()
    charts = build_charts(article, png=charts_dir is not None)
    page = render_report(article, card=card, charts=charts)
    if charts_dir is not None:
        try:
            written = write_charts(charts, charts_dir)
        except OSError as exc:
            raise FramingError(f"--charts {charts_dir}: cannot write the charts ({exc.strerror})",
                               hint="check the folder's permissions") from None
        print(f"framing: wrote {len(written)} chart files to {charts_dir}", file=sys.stderr)
    if to_stdout:
        with Output(None) as out:
            out.write(page)
    else:
        try:
            with atomic_write(args.output) as fh:
                fh.write(page)
        except OSError as exc:
            raise FramingError(f"cannot write {args.output} ({exc.strerror})",
                               hint="check the folder's permissions") from None
        print(f"framing: wrote {args.output}", file=sys.stderr)
    return 0
