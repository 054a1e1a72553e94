"""Our stance annotations of real news paragraphs, kept as stand-off labels.

The repository holds labels only (``datasets/annotations/*.tsv``: corpus,
paragraph id, target, stance, confidence, annotator, note) and never the
paragraphs' text. :func:`load_annotations` joins the labels with the text
read at run time from the corpus folder (``FRAMING_DATA``). These records
measure the default model on real news; the default model is never trained
on them.

Paragraph ids: ArMPro's ``paragraph_id``; BASIL ``basil-<article file>-<paragraph index>``.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from ..errors import DataFormatError
from .records import STANCES, Record, TargetLabel

__all__ = ["ANNOTATION_COLUMNS", "annotation_files", "load_annotations", "read_annotation_file", "candidate_paragraphs"]

ANNOTATION_COLUMNS = ("corpus", "paragraph_id", "target", "stance", "confidence", "annotator", "note")
SUPPORTED = ("armpro", "basil")


def annotations_dir() -> Path:
    """``datasets/annotations`` of a source checkout (the labels do not ship in the wheel)."""
    return Path(__file__).resolve().parents[2] / "datasets" / "annotations"


SPLITS = ("eval", "tune")


def annotation_files(corpus: str | None = None, split: str = "eval") -> list[Path]:
    """Annotation files of ``corpus``: the evaluation labels, or (``split="tune"``) the tuning labels.

    The tuning labels (``datasets/annotations/tune/``) are paragraphs of other
    documents than the evaluation ones; they choose decision settings (such as
    the NONE threshold of the default model) and are never used for training or
    for the reported accuracy.
    """
    if split not in SPLITS:
        raise ValueError(f"split {split!r} is not one of {', '.join(SPLITS)}")
    d = annotations_dir() / "tune" if split == "tune" else annotations_dir()
    if not d.is_dir():
        return []
    return sorted(p for p in d.glob("*.tsv") if corpus is None or p.name.startswith(corpus))


def read_annotation_file(path) -> list[dict]:
    """Rows of one annotation file, validated (errors name file, line, field)."""
    path = str(path)
    rows = []
    with open(path, encoding="utf-8") as fh:
        lines = [(i, line) for i, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise DataFormatError("has no annotations", source=path)
    header = lines[0][1].rstrip("\n").split("\t")
    missing = [c for c in ANNOTATION_COLUMNS[:5] if c not in header]
    if missing:
        raise DataFormatError(f"header lacks {', '.join(missing)}", source=path, line=lines[0][0])
    for lineno, line in lines[1:]:
        row = dict(zip(header, line.rstrip("\n").split("\t")))
        if row.get("corpus") not in SUPPORTED:
            raise DataFormatError(f"corpus {row.get('corpus')!r} is not one of {', '.join(SUPPORTED)}",
                                  source=path, line=lineno, field="corpus")
        if row.get("stance") not in STANCES:
            raise DataFormatError(f"stance {row.get('stance')!r} is not one of FAVOR, AGAINST, NONE",
                                  source=path, line=lineno, field="stance")
        if row.get("confidence") not in ("high", "low"):
            raise DataFormatError(f"confidence {row.get('confidence')!r} is not high or low",
                                  source=path, line=lineno, field="confidence")
        if not row.get("target") or not row.get("paragraph_id"):
            raise DataFormatError("empty target or paragraph_id", source=path, line=lineno)
        row["_line"] = lineno
        rows.append(row)
    return rows


def _texts(corpus: str, data_path: str | None) -> dict[str, tuple[str, str, str]]:
    """paragraph id -> (text, doc id, lang) from the real corpus."""
    from .loaders import load

    out = {}
    for r in load(corpus, data_path):
        pid = r.extra.get("paragraph_id", r.id) if corpus == "armpro" else r.id
        out[str(pid)] = (r.text, r.doc_id, r.lang)
    return out


def load_annotations(corpus: str, data_path: str | None = None, *, files=None, split: str = "eval") -> list[Record]:
    """Our labels for ``corpus`` joined with its text: one record per paragraph.

    ``split`` is ``"eval"`` (the labels accuracy is reported on) or ``"tune"``
    (the labels decision settings are chosen on; other documents).

    Raises
    ------
    DataFormatError
        When a label names a paragraph that the corpus does not have.
    """
    files = files if files is not None else annotation_files(corpus, split)
    if not files:
        where = annotations_dir() / "tune" if split == "tune" else annotations_dir()
        raise DataFormatError(f"no annotation files for {corpus} in {where}")
    texts = _texts(corpus, data_path)
    grouped: dict[str, list[TargetLabel]] = {}
    for path in files:
        for row in read_annotation_file(path):
            if row["corpus"] != corpus:
                continue
            pid = row["paragraph_id"]
            if pid not in texts:
                raise DataFormatError(f"paragraph {pid!r} is not in the {corpus} corpus", source=str(path), line=row["_line"])
            labels = grouped.setdefault(pid, [])
            if any(t.target == row["target"] for t in labels):
                continue  # first file wins (the adjudicated pass is listed first)
            labels.append(TargetLabel(row["target"], row["stance"], row["confidence"]))
    out = []
    for pid, labels in grouped.items():
        text, doc, lang = texts[pid]
        out.append(Record(text=text, id=f"{corpus}-{pid}" if not pid.startswith(corpus) else pid, lang=lang,
                          doc_id=doc, source=corpus, targets=tuple(labels), extra={"annotation": True, "annotation_split": split}))
    return out


def candidate_paragraphs(corpus: str, n: int, data_path: str | None = None, *, min_chars: int = 120):
    """A fixed, hash-ordered sample of paragraph ids to annotate (stable across machines)."""
    texts = _texts(corpus, data_path)
    ids = [pid for pid, (t, _, _) in texts.items() if len(t) >= min_chars]
    ids.sort(key=lambda p: hashlib.sha256(f"{corpus}:{p}".encode()).hexdigest())
    return [(pid, texts[pid][0]) for pid in ids[:n]]


def write_batch(corpus: str, n: int, out_path: str, data_path: str | None = None) -> int:
    """Write paragraphs to annotate (id and text) to a scratch file OUTSIDE the repository."""
    if Path(out_path).resolve().is_relative_to(Path(__file__).resolve().parents[2]):
        raise DataFormatError("refusing to write corpus text inside the repository", source=out_path)
    rows = candidate_paragraphs(corpus, n, data_path)
    with open(out_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["paragraph_id", "text"])
        for pid, text in rows:
            w.writerow([pid, " ".join(text.split())])
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - a helper for annotators
    import sys

    corpus, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    print(write_batch(corpus, n, out))
