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
  "title", "source", "date", "url".

output:
  table   a readable view for the terminal (default for one article)
  json    one article document (schema_version 1)
  jsonl   one article document per line (default for collections)
  All offsets are code-point indices into the document's "text" field.

examples:
  framing score --example ar
  framing score article.txt --format json -o article.json
  framing score corpus/ --format jsonl -o scored.jsonl
"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message):
        raise _UsageExit(f"{self.prog}: error: {message} (see '{self.prog} --help')")


class _UsageExit(Exception):
    pass


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
        choices=("table", "json", "jsonl"),
        help="output format (default: table for one article, jsonl for collections)",
    )
    score.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
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
    score.set_defaults(func=_cmd_score)
    return parser


class _Out:
    """stdout or an atomically written file; lone surrogates never crash a write."""

    def __init__(self, path):
        self.path = path
        self._cm = None
        self.fh = None

    def __enter__(self):
        if self.path and self.path != "-":
            from .fileio import atomic_write

            self._cm = atomic_write(self.path)
            self.fh = self._cm.__enter__()
        else:
            self.fh = sys.stdout
        return self

    def write(self, text: str):
        try:
            self.fh.write(text)
        except UnicodeEncodeError:
            self.fh.write(text.encode("utf-8", "replace").decode("utf-8"))

    def __exit__(self, *exc):
        if self._cm is not None:
            return self._cm.__exit__(*exc)
        self.fh.flush()
        return False


def _cmd_score(args) -> int:
    from .collection import example_path, is_collection, iter_inputs
    from .cues import CueExtractor
    from .lexicon import load_lexicon
    from .output import article_dict, dumps, error_dict, render_table

    extractor = CueExtractor(load_lexicon(args.lexicon))
    lexicon_version = extractor.lexicon.version

    html = {"auto": None, "yes": True, "no": False}[args.html]
    opts = dict(html=html, max_bytes=args.max_bytes, max_paragraph_chars=args.max_paragraph_chars)
    if args.example:
        from importlib.resources import as_file

        with as_file(example_path(args.example)) as p:
            path = str(p)
            items = list(iter_inputs(path, **opts))
        items[0].id = f"example:{args.example}"
        if items[0].document is not None:
            from dataclasses import replace

            items[0].document = replace(items[0].document, id=items[0].id)
        collection = False
    elif args.path is None:
        raise FramingError("no input: give a PATH, '-' for standard input, or --example ar")
    else:
        collection = is_collection(args.path)
        items = iter_inputs(args.path, **opts)
        if not collection:
            items = list(items)
    fmt = args.format or ("jsonl" if collection else "table")
    if fmt == "json" and collection:
        raise FramingError(
            "--format json writes one article; use --format jsonl for a directory or .jsonl collection"
        )
    done = failed = 0
    with _Out(args.output) as out:
        for item in items:
            if item.error is not None:
                failed += 1
                record = error_dict(item.id, item.error)
                print(f"framing: {item.error}", file=sys.stderr)
                if not collection:
                    raise item.error
            else:
                done += 1
                record = article_dict(
                    item.document, extractor.find_in_document(item.document), lexicon_version=lexicon_version
                )
                for w in item.document.warnings:
                    print(f"framing: warning: {item.id}: {w}", file=sys.stderr)
            if fmt == "table":
                out.write(render_table(record))
            elif fmt == "json":
                out.write(dumps(record, indent=2) + "\n")
            else:
                out.write(dumps(record) + "\n")
        if done == 0 and failed:
            raise _NothingScored(f"none of the {failed} article(s) could be scored")
    if failed:
        return EXIT_PARTIAL
    return EXIT_OK


class _NothingScored(FramingError):
    pass


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
