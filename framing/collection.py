"""Inputs of ``framing score``: one article, a directory, or a JSONL file of articles.

:func:`iter_inputs` yields :class:`Item` objects in a stable order, each
either with a loaded :class:`~framing.text.Document` or with the error that
stopped it, so that one bad article never stops a collection.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from importlib import resources

from .errors import FramingError, InputError
from .text import Document, parse_document, read_document
from .text.decode import decode_bytes, read_bytes

__all__ = [
    "ARTICLE_SUFFIXES",
    "EXAMPLES",
    "Item",
    "example_path",
    "is_collection",
    "iter_inputs",
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


def _jsonl_items(path: str, **kwargs):
    data = read_bytes(path, max_bytes=kwargs.pop("max_bytes", None))
    forced_html = kwargs.pop("html", None)
    text = decode_bytes(data, path).text
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        art_id = f"line-{lineno}"
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON ({exc.msg})", source=path, line=lineno) from None
            except RecursionError:
                raise InputError("invalid JSON (nested too deeply)", source=path, line=lineno) from None
            if not isinstance(obj, dict):
                raise InputError("expected a JSON object per line", source=path, line=lineno)
            art_id = str(obj.get("id", art_id))
            body = obj.get("text")
            is_html = forced_html
            if body is None and obj.get("html") is not None:
                body, is_html = obj["html"], True
            if not isinstance(body, str):
                raise InputError(
                    "has no 'text' or 'html' string", source=path, line=lineno, field="text"
                )
            meta = {k: obj.get(k) for k in ("title", "source", "date", "url")}
            for k, v in meta.items():
                if v is not None and not isinstance(v, str):
                    meta[k] = str(v)
            doc = parse_document(body, id=art_id, html=is_html, origin=f"{path}: line {lineno}", **meta, **kwargs)
            yield Item(art_id, doc)
        except FramingError as exc:
            yield Item(art_id, error=exc)


def iter_inputs(path: str, **kwargs):
    """Yield the articles of ``path`` (a file, ``-``, a directory or a JSONL file).

    Raises
    ------
    InputError
        For whole-run problems: a missing path, an empty directory, an
        unreadable JSONL file. Problems of single articles are yielded as
        items with an ``error``.
    """
    if path != "-" and not os.path.exists(path):
        raise InputError("no such file or directory", source=path, hint="check the path")
    if path != "-" and os.path.isdir(path):
        files = _walk(path)
        if not files:
            raise InputError(
                "is an empty directory: no *.txt, *.html, *.htm or *.md files in it", source=path
            )
        for f in files:
            yield _load_file(f, os.path.relpath(f, path), **kwargs)
        return
    if path.lower().endswith(".jsonl"):
        yield from _jsonl_items(path, **kwargs)
        return
    doc = read_document(path, **kwargs)
    yield Item(doc.id or "<stdin>", doc)
