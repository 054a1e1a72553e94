"""The ``framing`` command.

``main(argv) -> int`` is what the console script and the tests call. Errors a
user can fix are one line on stderr with a documented exit code, never a
traceback:

* 0 — everything went well;
* 1 — some articles of a collection failed (reported in the output, the rest done);
* 2 — a usage error, or nothing that could be scored.

Heavy imports happen inside the command that needs them.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from . import __version__
from .errors import FramingError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
framing shows how a news article tries to move its reader: for every
paragraph, the loaded terms and framing cues it uses and the stance it takes
toward the targets it talks about. Arabic first, English second.
"""

EPILOG = """\
examples:
  framing score --example ar              analyse the built-in Arabic example
  framing score article.txt               a text file (UTF-8, UTF-16 or Windows-1256)
  framing score page.html --format json   an HTML page, as a JSON document
  cat article.txt | framing score -       read from standard input
  framing score articles/ -o out.jsonl    every *.txt/*.html/*.md file in a folder

exit codes: 0 success; 1 some articles of a collection failed; 2 usage error
or nothing that could be scored. Run 'framing COMMAND --help' for details.
"""

SCORE_EPILOG = """\
input:
  PATH is a text or HTML file, '-' for standard input, a directory (scored
  recursively: *.txt, *.html, *.htm, *.md), or a .jsonl file with one article
  per line: {"id": ..., "text": ...} or {"id": ..., "html": ...}, optional
  "title", "source", "date", "url" (passed through to the output).

output (--format):
  table   a readable view for the terminal (default for one article)
  json    one article document (schema_version 1; one article only)
  jsonl   one article document per line (default for collections)
  csv     one row per paragraph and target: id, paragraph (its index, from 0),
          start, end, lang, target, mentioned, label, p_favor, p_against,
          p_none, reasons (joined by "; "), persuasion, loadedness,
          loadedness_percentile, device_cues, error, text (last). A paragraph
          with no target has one row with empty target fields; an article
          that failed, one row with its id and error. UTF-8 without a
          byte-order mark (in Excel, import it as UTF-8: Data > From Text/CSV).
  All offsets are code-point indices into the document's "text" field.

collections:
  A directory or .jsonl file is scored by --jobs worker processes (default:
  every CPU core this process may use), each loading the model once. Results
  are written as they come, in input order, with memory that does not grow
  with the number of articles. --jobs 1 scores in this process. A progress bar
  (articles done of all, rate, failures, time left) is drawn on standard error
  when it is a terminal (--progress / --no-progress to choose); it never goes
  into the output. An article that fails is reported in the output and on
  standard error, and the run goes on: exit code 1 if any failed, 2 if none
  could be scored. Ctrl-C leaves no partial -o file behind.

language (--lang):
  auto detects the language of every paragraph (Arabic or English by script
  and common words; other languages are "other": cues that apply, no stance
  model of their own). ar or en reads every paragraph as that language: its
  lexicon, rules, targets and models.

examples:
  framing score --example ar
  framing score article.txt --target 'the West=West|Western' --target Russia
  framing score article.txt --format json -o article.json
  framing score corpus/ -o scored.jsonl                  all cores, progress bar
  framing score articles.jsonl --jobs 2 --format csv -o scored.csv
  framing score mixed.txt --lang ar                      read it all as Arabic
"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message):
        raise _UsageExit(f"{self.prog}: error: {message} (see '{self.prog} --help')")


class _UsageExit(Exception):
    pass


def _lazy(name: str):
    """A command function imported only when its command runs (keeps start-up fast)."""

    def run(args):
        import importlib

        return importlib.import_module(f"framing.commands.{name}").run(args)

    return run


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="framing",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    score = sub.add_parser(
        "score",
        help="analyse an article or a collection of articles",
        description="Clean an article (or many) and analyse it paragraph by paragraph.",
        epilog=SCORE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    src = score.add_mutually_exclusive_group()
    src.add_argument("path", nargs="?", metavar="PATH", help="file, '-', directory or .jsonl")
    src.add_argument(
        "--example",
        metavar="NAME",
        help="score a built-in example article: ar, ar2 or en",
    )
    score.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv"),
        help="output format (default: table for one article, jsonl for collections; see below)",
    )
    score.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    score.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME[=ALIAS|ALIAS]",
        help="score this target in every paragraph (repeatable); quote it: --target 'the West=West|Western'. "
        "Default: every target of the targets file that the article mentions, where it is mentioned",
    )
    score.add_argument(
        "--add-detected",
        action="store_true",
        help="with --target: also score the targets of the targets file that the article mentions, "
        "where they are mentioned (without --target they are scored anyway)",
    )
    score.add_argument("--model", metavar="BUNDLE", help="a model file (default: the default model, built on first use)")
    score.add_argument("--no-model", action="store_true", help="cues and scores only: no stance or persuasion")
    score.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="FILE",
        help="add or override cue lexicon entries from a TSV file (repeatable; see 'framing lexicon --help')",
    )
    score.add_argument(
        "--html",
        choices=("auto", "yes", "no"),
        default="auto",
        help="treat input as HTML: auto (by content and extension), yes, no",
    )
    score.add_argument(
        "--max-bytes",
        type=_positive_int,
        metavar="N",
        help="refuse inputs larger than N bytes (default 64 MiB, or FRAMING_MAX_BYTES)",
    )
    score.add_argument(
        "--max-paragraph-chars",
        type=_positive_int,
        default=200_000,
        metavar="N",
        help="refuse paragraphs longer than N characters (default 200000)",
    )
    score.add_argument(
        "--lang",
        choices=("auto", "ar", "en"),
        default="auto",
        help="language of the paragraphs: auto (detected per paragraph, the default), or ar / en for all of them",
    )
    score.add_argument(
        "--jobs",
        type=_positive_int,
        metavar="N",
        help="worker processes for a collection (default: all CPU cores; 1: none, score in this process); "
        "ignored for one article",
    )
    score.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw a progress bar on standard error for a collection (default: when it is a terminal)",
    )
    score.set_defaults(func=_lazy("score"))
    lexicon = sub.add_parser(
        "lexicon",
        help="statistics of the cue lexicons, or what one term does",
        description="Look inside the cue lexicons (framing/lexicons/*.tsv plus any --lexicon files).",
        epilog="examples:\n  framing lexicon stats --format json\n  framing lexicon explain هستيريا\n"
        "  framing lexicon explain claimed --lang en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lsub = lexicon.add_subparsers(dest="lexicon_command", metavar="ACTION", parser_class=_Parser, required=True)
    ls = lsub.add_parser("stats", help="entries per language and category")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    le = lsub.add_parser("explain", help="category, weight, note and neutral alternative of a term")
    le.add_argument("term", metavar="TERM")
    le.add_argument("--lang", choices=("ar", "en"))
    le.add_argument("--format", choices=("text", "json"), default="text")
    for p in (ls, le):
        p.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="extra lexicon TSV (repeatable)")
        p.set_defaults(func=_lazy("lexicon"))

    datasets = sub.add_parser(
        "datasets",
        help="list, convert and count labelled corpora",
        description="Corpora in the shared record format. Real corpora are read in place from a PATH "
        "or from the folder named by FRAMING_DATA; our own corpus ('framing') ships with the package.",
        epilog="examples:\n  framing datasets list\n  framing datasets convert framing -o framing.jsonl\n"
        "  framing datasets convert mawqif $FRAMING_DATA/mawqif -o mawqif.jsonl\n  framing datasets stats framing.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dsub = datasets.add_subparsers(dest="datasets_command", metavar="ACTION", parser_class=_Parser, required=True)
    dl = dsub.add_parser("list", help="known corpora, where they are found, licences")
    dc = dsub.add_parser("convert", help="convert a corpus to JSONL records")
    dc.add_argument("name", metavar="NAME", help="dataset name (see 'framing datasets list')")
    dc.add_argument("path", nargs="?", metavar="PATH", help="corpus folder (default: $FRAMING_DATA/<folder>)")
    dc.add_argument("-o", "--output", required=True, metavar="FILE.jsonl")
    dst = dsub.add_parser("stats", help="counts by language, task, label and target")
    dst.add_argument("file", metavar="FILE", help="a JSONL/CSV record file, or a dataset name")
    dst.add_argument("--format", choices=("text", "json"), default="text")
    df = dsub.add_parser(
        "fetch",
        help="download a corpus from its public source (needs internet)",
        description="Download a corpus from its public source, pinned to a commit; check its format and "
        "record count; record the SHA-256 of every file and warn when it changes on a later fetch.",
    )
    df.add_argument("name", metavar="NAME")
    df.add_argument("--dest", metavar="DIR", help="data folder (default: $FRAMING_DATA, else ./framing-data)")
    df.add_argument("--accept-licence", action="store_true",
                    help="accept a non-commercial, copyleft or unstated licence (read it first)")
    df.add_argument("--mirror", metavar="URL", help="base URL standing in for raw.githubusercontent.com")
    df.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS")
    for p in (dl, dc, dst, df):
        p.set_defaults(func=_lazy("datasets"))

    evaluate = sub.add_parser(
        "evaluate",
        help="measure cue matching, stance or persuasion models on labelled records",
        description="Compare framing's output with human labels in the record format.",
        epilog="cues: compares device cues with human 'spans' through the category -> technique mapping\n"
        "(see framing/lexicon.py), reporting token and partial-overlap span precision, recall and F1.\n"
        "stance: macro_f1, f_avg (FAVOR/AGAINST F1 pooled, SemEval-2016), f_avg_by_target (StanceEval 2024),\n"
        "accuracy, per class, confusion matrix, per target, mentioned vs not; 95% bootstrap intervals.\n"
        "persuasion: accuracy, micro_f1, macro_f1, per class; 95% bootstrap intervals.\n\n"
        "--data takes a record file (JSONL/CSV), a dataset name (see 'framing datasets list'; read from\n"
        "$FRAMING_DATA), or our annotations of real news paragraphs: armpro-annotations, basil-annotations\n"
        "(the evaluation labels) and armpro-annotations-tune, basil-annotations-tune (the tuning labels).\n\n"
        "examples:\n  framing evaluate --task cues --data armpro --labels Loaded_Language,Name_Calling-Labeling\n"
        "  framing evaluate --task cues --data babe.jsonl --format json\n"
        "  framing evaluate --task stance --data armpro-annotations     # the default model on real news\n"
        "  framing evaluate --task stance --model mawqif.npz --data mawqif-dev.jsonl --predictions errors.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("--task", choices=("cues", "stance", "persuasion"), required=True)
    evaluate.add_argument("--model", metavar="MODEL", help="a model file from 'framing train' (default: the default model)")
    evaluate.add_argument("--predictions", metavar="FILE", help="write every prediction (JSONL) for error analysis")
    evaluate.add_argument("--data", action="append", required=True, metavar="FILE",
                          help="record file (JSONL/CSV) or dataset name; repeatable")
    evaluate.add_argument("--labels", metavar="L1,L2", help="gold span labels to evaluate (default: all that map)")
    evaluate.add_argument("--merge-labels", action="store_true",
                          help="cues: score the --labels together as one class, every word-level device cue predicting it")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument("-o", "--output", metavar="FILE")
    evaluate.add_argument("--lexicon", action="append", default=[], metavar="FILE")
    evaluate.set_defaults(func=_lazy("evaluate"))

    train = sub.add_parser(
        "train",
        help="train a stance or persuasion model on labelled records",
        description="Train a model on records of the shared format (JSONL/CSV, or dataset names). One model "
        "per language found in the data; the file holds arrays and JSON only (no pickle).",
        epilog="examples:\n  framing datasets convert mawqif -o mawqif.jsonl\n"
        "  framing train --task stance --data mawqif.jsonl --out mawqif.npz --cv 5\n"
        "  framing evaluate --task stance --model mawqif.npz --data mawqif-dev.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_argument("--task", choices=("stance", "persuasion"), required=True)
    train.add_argument("--data", action="append", required=True, metavar="FILE", help="record file or dataset name; repeatable")
    train.add_argument("--out", required=True, metavar="MODEL", help="where to write the model (.npz)")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--C", type=float, default=None, help="inverse regularisation strength (default 1.0)")
    train.add_argument("--recipe", metavar="NAME", default=None,
                       help="stance: a named parameter set chosen by grouped CV (default, mawqif, newsmtsc)")
    train.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                       help="stance/persuasion: set one estimator parameter, e.g. --param window_block=true; repeatable")
    train.add_argument("--cv", type=int, default=0, metavar="K", help="also print a K-fold cross-validation by document")
    train.add_argument("--label-field", metavar="NAME", help="persuasion: train on this record field instead of 'label'")
    train.add_argument("--lexicon", action="append", default=[], metavar="FILE")
    train.set_defaults(func=_lazy("train"))

    report = sub.add_parser(
        "report",
        help="a media-literacy report for one article, as a self-contained web page",
        description="Write one self-contained HTML page (inline CSS and charts, no scripts, nothing fetched) that "
        "shows the article with its framing devices highlighted, stance per target, sources, charts, questions "
        "to ask, and the method's limits. Arabic articles are laid out right-to-left.",
        epilog="examples:\n  framing report --example ar -o report.html\n"
        "  framing report article.txt -o report.html --charts charts/\n"
        "  framing report page.html -o report.html --target 'the West=West|Western'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rsrc = report.add_mutually_exclusive_group()
    rsrc.add_argument("path", nargs="?", metavar="PATH", help="a text or HTML file, or '-' for standard input")
    rsrc.add_argument("--example", metavar="NAME", help="a built-in example article: ar, ar2 or en")
    report.add_argument("-o", "--output", required=True, metavar="REPORT.html")
    report.add_argument("--target", action="append", default=[], metavar="NAME[=ALIAS|ALIAS]",
                        help="score this target in every paragraph (repeatable); default: the targets the article "
                        "mentions, where it mentions them")
    report.add_argument("--add-detected", action="store_true",
                        help="with --target: also score the targets the article mentions, where it mentions them")
    report.add_argument("--model", metavar="BUNDLE")
    report.add_argument("--lexicon", action="append", default=[], metavar="FILE")
    report.add_argument("--charts", metavar="DIR", help="also write every chart as PNG and SVG into DIR")
    report.set_defaults(func=_lazy("report"))

    model = sub.add_parser("model", help="the model bundle in use and its card",
                           description="Show the model bundle in use (the default one is built from our corpus on "
                           "first use and cached) and its card: accuracy measured on real news.")
    msub = model.add_subparsers(dest="model_command", metavar="ACTION", parser_class=_Parser, required=True)
    mi = msub.add_parser("info", help="what the bundle holds, how it was trained, how accurate it is")
    mi.add_argument("--model", metavar="BUNDLE")
    mi.add_argument("--format", choices=("text", "json"), default="text")
    mi.set_defaults(func=_lazy("model"))
    return parser


def _on_sigterm(signum, frame):  # pragma: no cover - exercised in subprocess tests
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the ``framing`` command with ``argv`` (default: ``sys.argv[1:]``)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageExit as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _in_main_thread() else None
    try:
        return args.func(args)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("framing: interrupted; no partial output was left behind", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout closed early (e.g. piped into head): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
