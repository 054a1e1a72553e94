"""Inputs of ``framing score``: one article, a directory, or a JSONL file of articles.

A collection is read in two steps, so that it can be scored in worker
processes with memory that does not grow with its size:

* :func:`open_collection` checks the whole collection now (a missing path, an
  empty directory, an unreadable JSONL file are whole-run errors), counts its
  articles, and gives its :class:`Task` objects one at a time, in a stable order;
* :func:`load` turns a task into an :class:`Item`: a loaded
  :class:`~framing.text.Document`, or the error that stopped it, so that one bad
  article never stops a collection.

:func:`iter_inputs` does both for any path (a single file too).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

from .errors import FramingError, InputError
from .text import Document, parse_document, read_document
from .text.decode import (
    _MAGIC,
    MAX_CONTROL_ABS,
    MAX_CONTROL_SHARE,
    _control_count,
    _max_bytes,
    decode_bytes,
    read_bytes,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "EXAMPLES",
    "Collection",
    "Item",
    "Task",
    "example_path",
    "is_collection",
    "iter_inputs",
    "load",
    "open_collection",
]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")
#: Built-in example articles (our own writing), by the name ``--example`` takes.
EXAMPLES = {"ar": "ar-1.txt", "ar2": "ar-2.txt", "en": "en-1.txt"}


@dataclass
class Item:
    """One article of a run: its id and either a document or an error."""

    id: str
    document: Document | None = None
    error: FramingError | None = None


@dataclass(frozen=True)
class Task:
    """One article of a collection, not read yet (small: it goes to a worker process).

    ``id`` is the article's id as far as it is known before reading: the file's
    path relative to the directory, or ``line-N`` (a JSONL object may name its own).
    """

    id: str
    path: str
    line: int | None = None  # JSONL: 1-based line number
    text: str | None = None  # JSONL: the line


@dataclass
class Collection:
    """The articles of a directory or JSONL file: how many, and their tasks in order."""

    path: str
    total: int
    tasks: Iterator[Task]

    def __iter__(self):
        return self.tasks


def example_path(name: str):
    """Path-like resource of a built-in example article (``ar``, ``ar2``, ``en``)."""
    if name not in EXAMPLES:
        raise InputError(
            f"unknown example {name!r}", hint=f"choose one of {', '.join(sorted(EXAMPLES))}"
        )
    return resources.files("framing").joinpath("data/examples").joinpath(EXAMPLES[name])


def is_collection(path: str) -> bool:
    """True for a directory or a ``.jsonl`` file (a collection of articles)."""
    return path != "-" and (os.path.isdir(path) or path.lower().endswith(".jsonl"))


def _walk(directory: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(root, name))
    return found


def _load_file(path: str, rel: str, **kwargs) -> Item:
    try:
        with contextlib.suppress(OSError):  # a dangling link is reported by read_document
            if not stat.S_ISREG(os.stat(path).st_mode):
                # A named pipe would block the whole run, a device would never end.
                raise InputError("is not a regular file (a pipe, socket or device)", source=path)
        return Item(rel, read_document(path, id=rel, **kwargs))
    except FramingError as exc:
        return Item(rel, error=exc)


def _load_line(task: Task, html=None, **kwargs) -> Item:
    path, lineno, art_id = task.path, task.line, task.id
    try:
        try:
            obj = json.loads(task.text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg})", source=path, line=lineno) from None
        except RecursionError:
            raise InputError("invalid JSON (nested too deeply)", source=path, line=lineno) from None
        if not isinstance(obj, dict):
            raise InputError("expected a JSON object per line", source=path, line=lineno)
        art_id = str(obj.get("id", art_id))
        body = obj.get("text")
        is_html = html
        if body is None and obj.get("html") is not None:
            body, is_html = obj["html"], True
        if not isinstance(body, str):
            raise InputError("has no 'text' or 'html' string", source=path, line=lineno, field="text")
        meta = {k: obj.get(k) for k in ("title", "source", "date", "url")}
        for k, v in meta.items():
            if v is not None and not isinstance(v, str):
                meta[k] = str(v)
        doc = parse_document(body, id=art_id, html=is_html, origin=f"{path}: line {lineno}", **meta, **kwargs)
        return Item(art_id, doc)
    except FramingError as exc:
        return Item(art_id, error=exc)


def load(task: Task, *, max_bytes: int | None = None, **kwargs) -> Item:
    """Read and clean the article of ``task``; an article that cannot be read is an item with its error.

    ``kwargs`` go to :func:`~framing.text.parse_document` (``html``,
    ``max_paragraph_chars``, ``lang``); ``max_bytes`` limits a file's size.
    """
    if task.line is None:
        return _load_file(task.path, task.id, max_bytes=max_bytes, **kwargs)
    return _load_line(task, **kwargs)


# -- JSONL files ------------------------------------------------------------------------------

#: Characters whose number decides whether text is UTF-8 read as Windows-1252 (see repair_mojibake).
_MOJIBAKE_MARKERS = ("Ø", "Ù", "Ã", "Â")


def _plain_utf8_lines(path: str, limit: int) -> int | None:
    """The number of non-blank lines of ``path`` when it decodes as plain UTF-8 with nothing to repair or refuse.

    Such a file can be read line by line. For anything else (UTF-16,
    Windows-1256, mojibake, binary, empty, over the size limit, not a regular
    file) this returns None: the file is then read whole and decoded as a single
    article is (:func:`~framing.text.decode.decode_bytes`), which gives the same
    text or the same error.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        return None
    chars = markers = controls = lines = 0
    with open(path, "rb") as fh:
        if any(fh.read(16).startswith(magic) for magic, _ in _MAGIC):
            return None
        fh.seek(0)
        for i, raw in enumerate(fh):
            if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\x00" in raw:
                return None
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                return None
            chars += len(line)
            markers += sum(line.count(m) for m in _MOJIBAKE_MARKERS)
            controls += _control_count(line)
            lines += bool(line.strip())
    if not lines or controls > max(MAX_CONTROL_ABS, MAX_CONTROL_SHARE * chars):
        return None
    # Too few markers for repair_mojibake to try a repair (its own test, on the whole text).
    return lines if markers < 2 or markers < chars / 200 else None


def _lines_streamed(path: str) -> Iterator[tuple[int, str]]:
    with open(path, "rb") as fh:
        for i, raw in enumerate(fh, 1):
            if i == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            yield i, raw.decode("utf-8").rstrip("\n")


def _lines_whole(path: str, max_bytes: int) -> Iterator[tuple[int, str]]:
    text = decode_bytes(read_bytes(path, max_bytes=max_bytes), path).text
    return enumerate(text.split("\n"), 1)


def _jsonl_collection(path: str, max_bytes: int | None) -> Collection:
    limit = _max_bytes(max_bytes)
    total = _plain_utf8_lines(path, limit)
    if total is not None:
        lines = _lines_streamed(path)
    else:
        lines = list(_lines_whole(path, limit))  # raises for what cannot be read at all
        total = sum(1 for _, line in lines if line.strip())
        lines = iter(lines)
    tasks = (Task(f"line-{i}", path, i, line) for i, line in lines if line.strip())
    return Collection(path, total, tasks)


def open_collection(path: str, *, max_bytes: int | None = None) -> Collection:
    """The articles of a directory (recursively: *.txt, *.html, *.htm, *.md) or of a JSONL file.

    JSONL lines are separated by ``\\n`` (a ``\\r`` before it is ignored, as JSON
    allows); blank lines are skipped. A plain UTF-8 file is read line by line.

    Raises
    ------
    InputError
        For whole-run problems: a missing path, an empty directory, a JSONL
        file that cannot be read or decoded.
    """
    if not os.path.exists(path):
        raise InputError("no such file or directory", source=path, hint="check the path")
    if os.path.isdir(path):
        files = _walk(path)
        if not files:
            raise InputError(
                "is an empty directory: no *.txt, *.html, *.htm or *.md files in it", source=path
            )
        return Collection(path, len(files), (Task(os.path.relpath(f, path), f) for f in files))
    return _jsonl_collection(path, max_bytes)


def iter_inputs(path: str, **kwargs):
    """Yield the articles of ``path`` (a file, ``-``, a directory or a JSONL file) as items.

    Raises
    ------
    InputError
        For whole-run problems: a missing path, an empty directory, an
        unreadable JSONL file. Problems of single articles are yielded as
        items with an ``error``.
    """
    if path != "-" and not os.path.exists(path):
        raise InputError("no such file or directory", source=path, hint="check the path")
    if is_collection(path):
        for task in open_collection(path, max_bytes=kwargs.get("max_bytes")):
            yield load(task, **kwargs)
        return
    doc = read_document(path, **kwargs)
    yield Item(doc.id or "<stdin>", doc)
