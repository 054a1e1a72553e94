"""``framing score``: clean and analyse articles."""

from __future__ import annotations

import itertools
import sys

from ..errors import FramingError
from ..fileio import Output

EXIT_OK, EXIT_PARTIAL = 0, 1


def run(args) -> int:
    from ..collection import example_path, is_collection, iter_inputs
    from ..cues import CueExtractor
    from ..lexicon import load_lexicon
    from ..output import article_dict, dumps, error_dict, render_table

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
        else:
            # Whole-run problems (a missing path, an empty directory) before minutes of model building.
            items = _peeked(items)
    fmt = args.format or ("jsonl" if collection else "table")
    if fmt == "json" and collection:
        raise FramingError(
            "--format json writes one article; use --format jsonl for a directory or .jsonl collection"
        )
    extractor = CueExtractor(load_lexicon(args.lexicon))
    lexicon_version = extractor.lexicon.version
    analyzer = None
    requested = []
    if not args.no_model:
        from ..analysis import Analyzer
        from ..models.bundle import Bundle
        from ..targets import load_targets, parse_target_option

        extra = [t for spec in args.target for t in parse_target_option(spec)]
        requested = list(dict.fromkeys(t.name for t in extra))
        targets = load_targets(extra_targets=extra)
        progress = lambda m: print(f"framing: {m}", file=sys.stderr, flush=True)  # noqa: E731
        bundle = Bundle.load(args.model, targets=targets) if args.model else None
        analyzer = Analyzer(bundle, lexicon_files=args.lexicon, targets=targets, progress=progress)

    done = failed = 0
    with Output(args.output) as out:
        for item in items:
            if item.error is not None:
                failed += 1
                record = error_dict(item.id, item.error)
                print(f"framing: {item.error}", file=sys.stderr)
                if not collection:
                    raise item.error
            else:
                done += 1
                if analyzer is not None:
                    record = analyzer.analyze_document(item.document, requested).data
                else:
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


def _peeked(items):
    """The same items, the first one read now."""
    items = iter(items)
    first = next(items, None)
    return itertools.chain([] if first is None else [first], items)


class _NothingScored(FramingError):
    pass


