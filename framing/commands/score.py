"""``framing score``: clean and analyse articles.

One article is scored in this process. A collection (a directory or a JSONL
file) is scored by ``--jobs`` worker processes, each of which loads the models
once; results are written in input order as they come, with a bounded number
of articles in flight, so that memory stays flat however many articles there
are. ``--jobs 1`` scores in this process, with no workers.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from ..errors import FramingError
from ..fileio import Output

EXIT_OK, EXIT_PARTIAL = 0, 1
#: Articles in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
IN_FLIGHT_PER_JOB = 4
#: Modules the worker processes import before they start (once, in the process they are forked from).
WORKER_MODULES = ["framing.commands.score", "framing.analysis", "framing.models.bundle", "framing.collection"]


def default_jobs() -> int:
    """The number of CPU cores this process may run on (all of them unless restricted, e.g. by taskset)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Setup:
    """What a scorer needs, in plain values (it is sent to worker processes)."""

    fmt: str
    model: str | None = None
    no_model: bool = False
    lexicons: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    add_detected: bool = False
    read: dict = field(default_factory=dict)  # options of framing.collection.load


#: Container allocations between two runs of the cyclic garbage collector's youngest generation while scoring.
GC_YOUNG_THRESHOLD = 50_000


def _calm_collector() -> tuple[int, int, int]:
    """Let the cyclic garbage collector run less often while scoring; returns the thresholds it had.

    Scoring allocates many short-lived containers that reference counting
    frees and makes almost no reference cycles; with the default threshold
    (700) the collector ran about every paragraph and took 3-4% of the time,
    scanning the loaded models and the word caches again and again. What is
    loaded so far (the models) leaves its scans (``gc.freeze``) and it runs
    about a seventieth as often; cycles, if any, are still collected.
    """
    import gc

    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], GC_YOUNG_THRESHOLD), *before[1:])
    return before


@contextmanager
def calm_collector():
    """:func:`_calm_collector` for a block; the collector's settings are restored after it."""
    import gc

    before = _calm_collector()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


class Scorer:
    """Models, lexicon and targets loaded once; scores items into formatted output."""

    def __init__(self, setup: Setup, progress=None):
        self.setup = setup
        self.analyzer = self.extractor = None
        self.requested = []
        if setup.no_model:
            from ..cues import CueExtractor
            from ..lexicon import load_lexicon

            self.extractor = CueExtractor(load_lexicon(list(setup.lexicons)))
            return
        from ..analysis import Analyzer
        from ..models.bundle import Bundle
        from ..targets import load_targets, parse_target_option

        extra = [t for spec in setup.targets for t in parse_target_option(spec)]
        self.requested = list(dict.fromkeys(t.name for t in extra))
        targets = load_targets(extra_targets=extra)
        bundle = Bundle.load(setup.model, targets=targets) if setup.model else None
        self.analyzer = Analyzer(bundle, lexicon_files=list(setup.lexicons), targets=targets, progress=progress)

    @property
    def model_path(self) -> str | None:
        return os.path.abspath(self.analyzer.bundle.path) if self.analyzer and self.analyzer.bundle.path else None

    def record(self, document) -> dict:
        if self.analyzer is not None:
            return self.analyzer.analyze_document(document, self.requested, add_detected=self.setup.add_detected).data
        from ..output import article_dict

        return article_dict(document, self.extractor.find_in_document(document),
                            lexicon_version=self.extractor.lexicon.version)

    def format(self, record: dict) -> str:
        from ..output import csv_rows, dumps, render_table

        fmt = self.setup.fmt
        if fmt == "table":
            return render_table(record)
        if fmt == "json":
            return dumps(record, indent=2) + "\n"
        if fmt == "csv":
            return csv_rows(record)
        return dumps(record) + "\n"

    def score(self, item, *, collection: bool = True) -> tuple[bool, str, tuple[str, ...]]:
        """(failed, output text, stderr lines) of one item.

        In a collection an article that fails, even by a fault of ours, becomes
        an error record and the run goes on; a single article raises.
        """
        from ..output import error_dict

        if item.error is not None:
            if not collection:
                raise item.error
            return True, self.format(error_dict(item.id, item.error)), (f"framing: {item.error}",)
        try:
            record = self.record(item.document)
        except Exception as exc:  # noqa: BLE001 - one article must not stop a collection
            if not collection:
                raise
            if isinstance(exc, FramingError):
                message = str(exc)
            else:
                message = f"{item.id}: could not be scored: {type(exc).__name__}: {exc} (a bug in framing; please report it)"
            return True, self.format(error_dict(item.id, message)), (f"framing: {message}",)
        warnings = tuple(f"framing: warning: {item.id}: {w}" for w in item.document.warnings)
        return False, self.format(record), warnings


# -- worker processes ---------------------------------------------------------------------------

_worker: Scorer | None = None


def _start_worker(setup: Setup) -> None:
    """Initializer of a worker process: its own models, loaded once."""
    global _worker
    # Ctrl-C reaches every process of the terminal: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker = Scorer(setup)
    _calm_collector()  # for the life of the worker


def _score_in_worker(task):
    from ..collection import load

    return _worker.score(load(task, **_worker.setup.read))


def _context():
    """Worker processes start from a clean process (forkserver; spawn where there is none), never a fork of this one.

    A fork copies this process's threads' state (NumPy's math library runs
    threads) and is unsafe; the fork server imports our modules once, so that
    each worker starts in a fraction of a second.
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(WORKER_MODULES)
        return ctx
    return multiprocessing.get_context("spawn")


#: How long the articles being scored may take to finish when the workers are stopped.
STOP_GRACE_SECONDS = 10


class Workers:
    """``jobs`` worker processes scoring tasks; results in input order, a bounded number in flight."""

    def __init__(self, setup: Setup, jobs: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.jobs = jobs
        self._children_before = set(multiprocessing.active_children())  # not ours to stop
        self.pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker, initargs=(setup,))

    def results(self, tasks):
        """Yield the result of every task, in order, while at most ``IN_FLIGHT_PER_JOB * jobs`` are submitted."""
        from concurrent.futures.process import BrokenProcessPool

        pending = self._pending = deque()
        try:
            for task in tasks:
                pending.append(self.pool.submit(_score_in_worker, task))
                if len(pending) >= IN_FLIGHT_PER_JOB * self.jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:
            raise FramingError(
                "a worker process stopped unexpectedly (out of memory, or killed)",
                hint="run again with --jobs 1 to find the article, or with fewer jobs",
            ) from None

    def close(self) -> None:
        """Let the workers finish and exit (after the last result)."""
        self.pool.shutdown(wait=True)

    def stop(self) -> None:
        """Stop the workers: articles not started are dropped, those being scored may finish for a moment.

        A worker stopped while it sends its result leaves half a message in the result pipe, and the
        pool's manager thread then waits for the rest forever, holding up the interpreter's exit (seen
        in CI after an interrupt). So the articles in progress get :data:`STOP_GRACE_SECONDS` to finish;
        only workers still busy after that are terminated.
        """
        import multiprocessing
        from concurrent.futures import wait

        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        wait([f for f in getattr(self, "_pending", ()) if not f.done()], timeout=STOP_GRACE_SECONDS)
        # concurrent.futures stops running workers only from Python 3.14 (terminate_workers). An interrupt
        # can also land while the pool is starting a worker, before the pool lists it; a child left running
        # would hold up the interpreter's exit (it joins its children), so every child process started
        # since the pool was made is stopped too.
        processes += [p for p in multiprocessing.active_children()
                      if p not in processes and p not in self._children_before]
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=10)


# -- the command --------------------------------------------------------------------------------


def run(args) -> int:
    from ..collection import example_path, is_collection, iter_inputs, open_collection
    from ..text.decode import _max_bytes

    html = {"auto": None, "yes": True, "no": False}[args.html]
    lang = None if args.lang == "auto" else args.lang
    opts = dict(html=html, max_bytes=args.max_bytes, max_paragraph_chars=args.max_paragraph_chars, lang=lang)
    collection = None
    if args.example:
        from importlib.resources import as_file

        with as_file(example_path(args.example)) as p:
            items = list(iter_inputs(str(p), **opts))
        items[0].id = f"example:{args.example}"
        if items[0].document is not None:
            items[0].document = replace(items[0].document, id=items[0].id)
    elif args.path is None:
        raise FramingError("no input: give a PATH, '-' for standard input, or --example ar")
    elif is_collection(args.path):
        # Whole-run problems (a missing path, an empty directory, an unreadable JSONL file) now,
        # before minutes of model building.
        collection = open_collection(args.path, max_bytes=args.max_bytes)
    else:
        items = list(iter_inputs(args.path, **opts))
    fmt = args.format or ("jsonl" if collection is not None else "table")
    if fmt == "json" and collection is not None:
        raise FramingError(
            "--format json writes one article; use --format jsonl (or csv) for a directory or .jsonl collection"
        )
    # The limit as this process reads it (FRAMING_MAX_BYTES), the same for every worker.
    opts["max_bytes"] = _max_bytes(args.max_bytes)
    setup = Setup(fmt=fmt, model=args.model, no_model=args.no_model, lexicons=tuple(args.lexicon),
                  targets=tuple(args.target), add_detected=args.add_detected, read=opts)
    scorer = Scorer(setup, progress=lambda m: print(f"framing: {m}", file=sys.stderr, flush=True))
    jobs = 1
    if collection is not None:
        jobs = min(args.jobs or default_jobs(), max(collection.total, 1))
        if jobs > 1:
            # Built (the default model) and checked here; each worker loads it again from its file.
            setup = replace(setup, model=scorer.model_path)
            scorer = None
    with Output(args.output) as out, calm_collector():
        if fmt == "csv":
            from ..output import csv_header

            out.write(csv_header())
        if collection is None:
            for item in items:
                _, text, messages = scorer.score(item, collection=False)
                for m in messages:
                    print(m, file=sys.stderr)
                out.write(text)
            return EXIT_OK
        show = sys.stderr.isatty() if args.progress is None else args.progress
        done, failed = _score_collection(collection, scorer or setup, jobs, out, progress=show)
        if done == 0 and failed:
            raise _NothingScored(f"none of the {failed} article(s) could be scored")
    return EXIT_PARTIAL if failed else EXIT_OK


def _score_collection(collection, scorer, jobs: int, out, *, progress: bool) -> tuple[int, int]:
    """Score every article of ``collection`` into ``out``; return (scored, failed).

    ``scorer`` is a :class:`Scorer` (``jobs`` 1: in this process) or the
    :class:`Setup` that ``jobs`` worker processes build theirs from.
    """
    from ..collection import load
    from ..progress import Progress

    bar = Progress(collection.total, enabled=progress)
    done = failed = 0
    workers = None
    if jobs > 1:
        workers = Workers(scorer, jobs)
        results = workers.results(collection)
    else:
        results = (scorer.score(load(task, **scorer.setup.read)) for task in collection)
    try:
        bar.start()
        for bad, text, messages in results:
            for m in messages:
                bar.message(m)
            out.write(text)
            failed += bad
            done += not bad
            bar.update(failed=bad)
        if workers is not None:
            workers.close()
    except BaseException:
        if workers is not None:
            workers.stop()
        raise
    finally:
        bar.close()
    return done, failed


class _NothingScored(FramingError):
    pass
