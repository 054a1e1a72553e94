"""The record format that every command reads: JSON Lines or CSV.

One record per paragraph::

    {"text": "...", "id": "...", "lang": "ar", "doc_id": "...", "pair_id": "...",
     "topic": "...", "source": "...", "date": "...",
     "target": "روسيا", "stance": "AGAINST"                       # flat stance, or
     "targets": [{"target": "روسيا", "stance": "AGAINST", "confidence": "high",
                  "mentions": [{"start": 0, "end": 5}]}],
     "label": true, "techniques": ["Loaded_Language"],             # persuasion / bias
     "spans": [{"start": 10, "end": 18, "label": "Loaded_Language"}]}  # cues

CSV files use the same column names; list and object cells are JSON-encoded.
Errors name the file, the line and the field, and say what is allowed.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field

from ..errors import DataFormatError
from ..text.lang import detect_language

__all__ = [
    "STANCES",
    "Record",
    "TargetLabel",
    "parse_record",
    "read_records",
    "record_to_dict",
    "stance_pairs",
    "write_records",
]

STANCES = ("FAVOR", "AGAINST", "NONE")
CONFIDENCES = ("high", "low")
_TRUE = {"true", "1", "yes", "y", "t", "biased", "propagandistic"}
_FALSE = {"false", "0", "no", "n", "f", "non-biased", "unbiased"}


@dataclass(frozen=True)
class TargetLabel:
    target: str
    stance: str
    confidence: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Record:
    """One paragraph with its labels."""

    text: str
    id: str | None = None
    lang: str | None = None
    doc_id: str | None = None
    pair_id: str | None = None
    topic: str | None = None
    source: str | None = None
    date: str | None = None
    targets: tuple[TargetLabel, ...] = ()
    label: bool | None = None
    techniques: tuple[str, ...] | None = None
    spans: tuple[tuple[int, int, str], ...] = ()
    extra: dict = field(default_factory=dict)


def _bool(value, where) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    where(f"label {value!r} is not true/false, 1/0 or \"true\"/\"false\"", "label")


def _json_cell(value, name, where):
    """CSV cells hold JSON for lists and objects."""
    if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            where(f"{name} is not valid JSON ({exc.msg})", name)
        except RecursionError:
            where(f"{name} is JSON nested too deeply", name)
    return value


def parse_record(obj: dict, *, source: str = "<records>", line: int | None = None) -> Record:
    """Validate one record object (from JSONL or a CSV row).

    Raises
    ------
    DataFormatError
        Naming the file, the line and the field.

    Examples
    --------
    >>> parse_record({"text": "x", "target": "Russia", "stance": "against"}).targets[0].stance
    'AGAINST'
    >>> parse_record({"text": "x", "stance": "FOR", "target": "t"}, source="a.jsonl", line=17)
    Traceback (most recent call last):
    ...
    framing.errors.DataFormatError: a.jsonl: line 17: stance 'FOR' is not one of FAVOR, AGAINST, NONE
    """

    def where(problem, fld=None):
        raise DataFormatError(problem, source=source, line=line, field=fld)

    if not isinstance(obj, dict):
        where("expected an object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        where("missing or empty 'text'", "text")
    n = len(text)
    lang = obj.get("lang") or None
    if lang is not None and lang not in ("ar", "en", "other"):
        where(f"lang {lang!r} is not one of ar, en, other", "lang")
    if lang is None:
        lang = detect_language(text)

    targets = []
    raw_targets = _json_cell(obj.get("targets"), "targets", where)
    if raw_targets not in (None, ""):
        if not isinstance(raw_targets, list):
            where("'targets' must be a list of {target, stance, ...} objects", "targets")
        for t in raw_targets:
            if not isinstance(t, dict):
                where("each item of 'targets' must be an object", "targets")
            targets.append(_target(t, n, where))
    if obj.get("stance") not in (None, "") or obj.get("target") not in (None, ""):
        targets.append(_target({"target": obj.get("target"), "stance": obj.get("stance"),
                                "confidence": obj.get("confidence"),
                                "mentions": _json_cell(obj.get("mentions"), "mentions", where)}, n, where))

    techniques = _json_cell(obj.get("techniques"), "techniques", where)
    if techniques in ("", None):
        techniques = None
    elif isinstance(techniques, str):
        techniques = [t.strip() for t in techniques.split(",") if t.strip()]
    elif not isinstance(techniques, list) or not all(isinstance(t, str) for t in techniques):
        where("'techniques' must be a list of technique names", "techniques")

    spans = []
    raw_spans = _json_cell(obj.get("spans"), "spans", where)
    if raw_spans not in (None, ""):
        if not isinstance(raw_spans, list):
            where("'spans' must be a list of {start, end, label} objects", "spans")
        for s in raw_spans:
            if not isinstance(s, dict) or not isinstance(s.get("start"), int) or not isinstance(s.get("end"), int):
                where("each span needs integer 'start' and 'end'", "spans")
            if not 0 <= s["start"] < s["end"] <= n:
                where(f"span ({s['start']}, {s['end']}) is out of range for a text of {n} characters", "spans")
            spans.append((s["start"], s["end"], str(s.get("label", ""))))

    known = {"text", "id", "lang", "doc_id", "pair_id", "topic", "source", "date", "target", "stance",
             "confidence", "mentions", "targets", "label", "techniques", "spans"}
    extra = {k: v for k, v in obj.items() if k not in known}
    as_str = lambda v: None if v in (None, "") else str(v)  # noqa: E731
    return Record(
        text=text,
        id=as_str(obj.get("id")),
        lang=lang,
        doc_id=as_str(obj.get("doc_id")),
        pair_id=as_str(obj.get("pair_id")),
        topic=as_str(obj.get("topic")),
        source=as_str(obj.get("source")),
        date=as_str(obj.get("date")),
        targets=tuple(targets),
        label=_bool(obj.get("label"), where),
        techniques=tuple(techniques) if techniques is not None else None,
        spans=tuple(spans),
        extra=extra,
    )


def _target(t: dict, n: int, where) -> TargetLabel:
    name = t.get("target")
    if not isinstance(name, str) or not name.strip():
        where("a stance needs a non-empty 'target'", "target")
    stance = t.get("stance")
    if not isinstance(stance, str) or stance.strip().upper() not in STANCES:
        where(f"stance {stance!r} is not one of FAVOR, AGAINST, NONE", "stance")
    conf = t.get("confidence")
    if conf in ("", None):
        conf = None
    elif str(conf).lower() not in CONFIDENCES:
        where(f"confidence {conf!r} is not one of high, low", "confidence")
    else:
        conf = str(conf).lower()
    mentions = []
    raw_mentions = t.get("mentions")
    if raw_mentions not in (None, "") and not isinstance(raw_mentions, list):
        where("'mentions' must be a list of {start, end} objects", "mentions")
    for m in raw_mentions or []:
        if not isinstance(m, dict) or not isinstance(m.get("start"), int) or not isinstance(m.get("end"), int):
            where("each mention needs integer 'start' and 'end'", "mentions")
        if not 0 <= m["start"] < m["end"] <= n:
            where(f"mention ({m['start']}, {m['end']}) is out of range for a text of {n} characters", "mentions")
        mentions.append((m["start"], m["end"]))
    return TargetLabel(name.strip(), stance.strip().upper(), conf, tuple(mentions))


def _open_text(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise DataFormatError("no such file", source=path) from None
    except IsADirectoryError:
        raise DataFormatError("is a directory, not a record file", source=path) from None
    except OSError as exc:
        raise DataFormatError(f"cannot be read ({exc.strerror or exc})", source=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"is not UTF-8 (bad byte at offset {exc.start})", source=path) from None


def read_records(path: str | os.PathLike, *, skip_invalid: bool = False, errors: list | None = None) -> list[Record]:
    """Read a JSONL or CSV record file.

    Parameters
    ----------
    path : str
        ``*.jsonl``/``*.json`` (one object a line) or ``*.csv``.
    skip_invalid : bool, default=False
        Skip bad records (collecting their errors in ``errors``) instead of
        stopping at the first.

    Raises
    ------
    DataFormatError
        A malformed record (file, line, field), or a file with no usable records.
    """
    path = os.fspath(path)
    text = _open_text(path)
    records: list[Record] = []
    problems = errors if errors is not None else []
    lower = path.lower()
    if lower.endswith(".csv"):
        rows = _csv_rows(text, path)
    else:
        rows = _jsonl_rows(text, path)
    for lineno, obj in rows:
        try:
            if isinstance(obj, DataFormatError):
                raise obj
            records.append(parse_record(obj, source=path, line=lineno))
        except DataFormatError as exc:
            if not skip_invalid:
                raise
            problems.append(exc)
    if not records:
        detail = f" ({len(problems)} invalid; first: {problems[0].problem})" if problems else ""
        raise DataFormatError(f"has no usable records{detail}", source=path)
    return records


def _jsonl_rows(text: str, path: str):
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, DataFormatError(f"invalid JSON ({exc.msg} at column {exc.colno})", source=path, line=lineno)
        except RecursionError:
            yield lineno, DataFormatError("invalid JSON (nested too deeply)", source=path, line=lineno)


def _csv_error(exc: csv.Error, path: str, line: int) -> DataFormatError:
    return DataFormatError(f"is not valid CSV ({exc})", source=path, line=line,
                           hint="check the quoting; cells are limited to 128 KiB")


def _csv_rows(text: str, path: str):
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise _csv_error(exc, path, 1) from None
    if not fieldnames or "text" not in fieldnames:
        found = ", ".join(fieldnames or []) or "nothing"
        hint = " (is the delimiter a comma?)" if fieldnames and len(fieldnames) == 1 else ""
        raise DataFormatError(f"the CSV header has no 'text' column; found {found[:80]}{hint}", source=path, line=1)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a cell over the csv module's field limit
            line = reader.reader.line_num  # DictReader.line_num lags behind on errors
            yield line, _csv_error(exc, path, line)
            continue
        if None in row:
            yield reader.line_num, DataFormatError("more cells than header columns", source=path, line=reader.line_num)
            continue
        yield reader.line_num, {k: v for k, v in row.items() if v not in (None, "")}


def record_to_dict(r: Record) -> dict:
    """The JSON object of a record (fields that are set)."""
    out = {"id": r.id, "text": r.text, "lang": r.lang}
    for key in ("doc_id", "pair_id", "topic", "source", "date"):
        if getattr(r, key) is not None:
            out[key] = getattr(r, key)
    if r.targets:
        out["targets"] = [
            {"target": t.target, "stance": t.stance, **({"confidence": t.confidence} if t.confidence else {}),
             **({"mentions": [{"start": a, "end": b} for a, b in t.mentions]} if t.mentions else {})}
            for t in r.targets
        ]
    if r.label is not None:
        out["label"] = r.label
    if r.techniques is not None:
        out["techniques"] = list(r.techniques)
    if r.spans:
        out["spans"] = [{"start": a, "end": b, "label": lab} for a, b, lab in r.spans]
    out.update(r.extra)
    return {k: v for k, v in out.items() if v is not None}


def write_records(records, path: str | os.PathLike) -> int:
    """Write records as JSON Lines, atomically. Returns the number written."""
    from ..fileio import atomic_write

    count = 0
    with atomic_write(path) as fh:
        for r in records:
            obj = record_to_dict(r) if isinstance(r, Record) else r
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
            count += 1
    return count


def stance_pairs(records) -> list[tuple[Record, TargetLabel]]:
    """Flatten records to (paragraph, target) pairs."""
    return [(r, t) for r in records for t in r.targets]
