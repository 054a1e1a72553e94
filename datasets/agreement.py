"""Inter-annotator agreement on our corpus: the blind second labelling pass.

Two steps:

``python datasets/agreement.py batch --lang ar --n 220 --out /tmp/blind-ar.tsv``
    writes a fixed, hash-ordered sample of our paragraphs with their targets
    but WITHOUT their labels, for a second annotator who has not seen them.

``python datasets/agreement.py disagreements --lang ar --out /tmp/dis-ar.tsv``
    writes the pairs where the passes differ, with the text, for adjudication.

``python datasets/agreement.py kappa``
    reads the second pass (``datasets/agreement/<lang>-pass2.tsv``: id, target,
    stance, confidence, annotator) and reports Cohen's kappa against the first
    labels as they were before adjudication (``<lang>-pass1.tsv``), per language, with the confusion table; and, where
    ``datasets/agreement/<lang>-adjudication.tsv`` exists, how many
    disagreements were adjudicated and which way. Writes
    ``datasets/agreement/summary.json``.

The same for our stance annotations of REAL paragraphs (``datasets/annotations/``;
the text is read from ``FRAMING_DATA`` and never written into the repository).
A file is named by its key: ``armpro-dev`` and ``basil`` (the evaluation
labels), ``tune-armpro`` and ``tune-basil`` (the tuning labels).

``python datasets/agreement.py real-freeze --file basil``
    copies the first labels to ``datasets/annotations/agreement/basil-pass1.tsv``
    before the blind second pass (``basil-pass2.tsv``, same columns) is compared.

``python datasets/agreement.py real-disagreements --file basil --out /tmp/dis.jsonl``
    writes the pairs where the passes differ, the two labels in an order that
    does not tell which pass gave which, with the paragraph and up to two
    earlier paragraphs of its article, for an adjudicator (outside the repository).

``python datasets/agreement.py real-apply --file basil``
    writes the adjudicated labels (``basil-adjudication.tsv``) into the
    annotation file; every other label stays the first pass's.

``python datasets/agreement.py real-kappa``
    Cohen's kappa of the two passes per file, on all pairs and on the pairs both
    passes marked ``high``, and which way the disagreements were adjudicated.
    Writes ``datasets/annotations/agreement/summary.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.datasets.corpus import load_corpus  # noqa: E402

AGREEMENT = ROOT / "datasets" / "agreement"
ANNOTATIONS = ROOT / "datasets" / "annotations"
REAL_AGREEMENT = ANNOTATIONS / "agreement"
LABELS = ("FAVOR", "AGAINST", "NONE")
REAL_FILES = {"armpro-dev": ANNOTATIONS / "armpro-dev.tsv", "basil": ANNOTATIONS / "basil.tsv",
              "tune-armpro": ANNOTATIONS / "tune" / "armpro.tsv", "tune-basil": ANNOTATIONS / "tune" / "basil.tsv"}


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label sequences.

    >>> round(cohen_kappa(["F", "A", "N", "N"], ["F", "A", "N", "A"]), 3)
    0.636
    """
    n = len(a)
    if n == 0:
        return float("nan")
    po = sum(1 for x, y in zip(a, b) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def batch(lang: str, n: int, out: str, batches=None, freeze: str | None = None) -> int:
    """Write a blind sample (no labels); with ``freeze``, also freeze its first labels to that pass-1 file."""
    recs = load_corpus(lang=lang)
    if batches:
        recs = [r for r in recs if any(r.record.id.startswith(b + "-") for b in batches)]
    recs.sort(key=lambda r: hashlib.sha256(f"blind:{r.record.id}".encode()).hexdigest())
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["id", "targets", "text"])
        for r in recs[:n]:
            w.writerow([r.record.id, " | ".join(t.target for t in r.record.targets), r.record.text])
    if freeze:
        with open(freeze, "w", encoding="utf-8", newline="") as fh:
            fh.write(f"# first labels of the blind sample, frozen before the second pass ({', '.join(batches or [lang])})\n")
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["id", "target", "stance", "confidence", "annotator"])
            for r in recs[:n]:
                for t in r.record.targets:
                    w.writerow([r.record.id, t.target, t.stance, t.confidence, "first"])
    return min(n, len(recs))


def read_pass(path: Path, id_column: str = "id") -> dict:
    """Rows of a pass or adjudication file, keyed by (id, target); real-annotation files use ``paragraph_id``."""
    rows = {}
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows[(row[id_column], row["target"])] = row
    return rows


class _Label:
    def __init__(self, row):
        self.stance, self.confidence = row["stance"], row["confidence"]


def kappa_report() -> dict:
    """Kappa of the first labels (``<lang>-pass1.tsv``, frozen before adjudication) against the blind pass."""
    corpus = {(r.record.id, t.target): t for r in load_corpus() for t in r.record.targets}
    out = {}
    for path in sorted(AGREEMENT.glob("*-pass2.tsv")):
        key = path.name[: -len("-pass2.tsv")]  # "ar" (round 1) or "ar-round2"
        second = read_pass(path)
        p1 = AGREEMENT / f"{key}-pass1.tsv"
        first = {k: _Label(v) for k, v in read_pass(p1).items()} if p1.exists() else corpus
        keys = [k for k in second if k in first]
        fs, ss = {k: first[k].stance for k in keys}, {k: second[k]["stance"] for k in keys}
        res = _agreement_stats(keys, fs, ss, unmatched=sum(1 for k in second if k not in first))
        res["second_annotator"] = sorted({second[k].get("annotator", "") for k in keys})
        adj_path = AGREEMENT / f"{key}-adjudication.tsv"
        if adj_path.exists():
            adj = read_pass(adj_path)
            res.update(_adjudication_stats(keys, fs, ss, adj))
            res["corpus_agrees_with_adjudication"] = sum(
                1 for k in adj if k in corpus and corpus[k].stance == adj[k]["stance"]
            )
        out[key] = res
    return out


def disagreements(lang: str, out: str, key: str | None = None) -> int:
    """Write the pairs where the two passes differ (text, both labels) for adjudication, outside the repo."""
    recs = {r.record.id: r.record for r in load_corpus(lang=lang)}
    first = {(r.id, t.target): t for r in recs.values() for t in r.targets}
    second = read_pass(AGREEMENT / f"{key or lang}-pass2.tsv")
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["id", "target", "first", "second", "text"])
        for k, row in second.items():
            if k in first and first[k].stance != row["stance"]:
                t = first[k]
                w.writerow([k[0], k[1], f"{t.stance}/{t.confidence}", f"{row['stance']}/{row['confidence']}", recs[k[0]].text])
                n += 1
    return n


def _agreement_stats(keys, first: dict, second: dict, *, unmatched: int) -> dict:
    """Counts, observed agreement, kappa and the confusion table of two passes' stances over ``keys``."""
    a = [first[k] for k in keys]
    b = [second[k] for k in keys]
    return {
        "paragraphs": len({k[0] for k in keys}),
        "pairs": len(keys),
        "unmatched_pairs": unmatched,
        "observed_agreement": round(sum(1 for p, q in zip(a, b) if p == q) / len(keys), 3) if keys else None,
        "cohen_kappa": round(cohen_kappa(a, b), 3) if keys else None,
        "confusion_first_rows_second_cols": {x: {y: sum(1 for p, q in zip(a, b) if p == x and q == y) for y in LABELS}
                                             for x in LABELS},
    }


def _adjudication_stats(keys, first: dict, second: dict, adj: dict) -> dict:
    """How many disagreements of two passes' stances (over ``keys``) were adjudicated, and which way."""
    dis = [k for k in keys if first[k] != second[k]]
    done = [k for k in dis if k in adj]
    to_first = sum(1 for k in done if adj[k]["stance"] == first[k])
    to_second = sum(1 for k in done if adj[k]["stance"] == second[k])
    return {"disagreements": len(dis), "adjudicated": len(done), "adjudicated_to_first": to_first,
            "adjudicated_to_second": to_second, "adjudicated_to_other": len(done) - to_first - to_second}


def read_real(path: Path) -> dict:
    """Rows of a real-annotation file (pass or adjudication), keyed by (paragraph id, target)."""
    return read_pass(path, "paragraph_id")


def _show(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _real_key(key: str) -> Path:
    if key not in REAL_FILES:
        raise SystemExit(f"agreement.py: --file must be one of {', '.join(REAL_FILES)}, not {key!r}")
    return REAL_FILES[key]


def real_freeze(key: str) -> int:
    """Copy an annotation file's first labels to ``<key>-pass1.tsv`` (refuses to overwrite a frozen pass)."""
    src, dst = _real_key(key), REAL_AGREEMENT / f"{key}-pass1.tsv"
    if dst.exists():
        raise SystemExit(f"agreement.py: {_show(dst)} exists; the first pass is frozen once")
    REAL_AGREEMENT.mkdir(parents=True, exist_ok=True)
    dst.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return len(read_real(dst))


def _article_context(corpus: str, data: str | None) -> dict:
    """paragraph id -> (text, up to two earlier paragraphs of its article, article title) from the real corpus."""
    from framing.datasets.loaders import load

    docs: dict[str, list] = {}
    for r in load(corpus, data):
        docs.setdefault(r.doc_id, []).append(r)
    out = {}
    for rs in docs.values():
        for i, r in enumerate(rs):
            pid = str(r.extra.get("paragraph_id", r.id)) if corpus == "armpro" else r.id
            out[pid] = (r.text, [x.text for x in rs[max(0, i - 2):i]], r.extra.get("title") or "")
    return out


def real_disagreements(key: str, out: str, data: str | None = None) -> int:
    """Write the pairs where the two passes differ (JSON Lines, labels unordered) for adjudication."""
    if Path(out).resolve().is_relative_to(ROOT):
        raise SystemExit("agreement.py: refusing to write corpus text inside the repository")
    _real_key(key)
    first = read_real(REAL_AGREEMENT / f"{key}-pass1.tsv")
    second = read_real(REAL_AGREEMENT / f"{key}-pass2.tsv")
    corpus = next(iter(first.values()))["corpus"]
    ctx = _article_context(corpus, data)
    targets: dict[str, list] = {}
    for pid, target in first:
        targets.setdefault(pid, []).append(target)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for k, row in first.items():
            if k not in second or second[k]["stance"] == row["stance"]:
                continue
            a = f"{row['stance']}/{row['confidence']}"
            b = f"{second[k]['stance']}/{second[k]['confidence']}"
            if hashlib.sha256("\t".join(k).encode()).digest()[0] % 2:  # the order does not tell which pass is which
                a, b = b, a
            text, earlier, title = ctx[k[0]]
            item = {"paragraph_id": k[0], "target": k[1], "label_a": a, "label_b": b, "article_title": title,
                    "earlier_paragraphs_of_the_article": earlier, "all_targets_of_paragraph": targets[k[0]], "text": text}
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    return n


def real_apply(key: str) -> int:
    """Write the adjudicated labels into the annotation file (the other rows stay as they are); returns rows changed."""
    path = _real_key(key)
    adj = read_real(REAL_AGREEMENT / f"{key}-adjudication.tsv")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    header_at = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    columns = lines[header_at].split("\t")
    col = {c: columns.index(c) for c in ("paragraph_id", "target", "stance", "confidence", "annotator", "note")}
    changed, seen = 0, set()
    for i in range(header_at + 1, len(lines)):
        cells = lines[i].split("\t")
        if not lines[i].strip() or lines[i].startswith("#"):
            continue
        k = (cells[col["paragraph_id"]], cells[col["target"]])
        if k not in adj:
            continue
        seen.add(k)
        new = adj[k]
        if (cells[col["stance"]], cells[col["confidence"]]) != (new["stance"], new["confidence"]):
            changed += 1
        cells[col["stance"]], cells[col["confidence"]] = new["stance"], new["confidence"]
        cells[col["annotator"]], cells[col["note"]] = new["annotator"], "adjudicated: " + new["reason"]
        lines[i] = "\t".join(cells)
    if set(adj) - seen:
        raise SystemExit(f"agreement.py: {len(set(adj) - seen)} adjudicated pairs are not in {_show(path)}")
    note = "# adjudicated: the disagreements with a blind second pass are decided by an adjudicator (datasets/annotations/agreement/)"
    if note not in lines[:header_at]:
        lines.insert(header_at, note)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def real_kappa_report() -> dict:
    """Kappa of each real-annotation file's frozen first pass against its blind second pass."""
    out = {}
    for key, path in REAL_FILES.items():
        p1, p2 = REAL_AGREEMENT / f"{key}-pass1.tsv", REAL_AGREEMENT / f"{key}-pass2.tsv"
        if not (p1.exists() and p2.exists()):
            continue
        first, second = read_real(p1), read_real(p2)
        keys = [k for k in first if k in second]
        fs, ss = {k: first[k]["stance"] for k in keys}, {k: second[k]["stance"] for k in keys}
        res = _agreement_stats(keys, fs, ss, unmatched=len(set(first) ^ set(second)))
        both_high = [k for k in keys if first[k]["confidence"] == second[k]["confidence"] == "high"]
        res["both_high"] = {k: v for k, v in _agreement_stats(both_high, fs, ss, unmatched=0).items()
                            if k in ("pairs", "observed_agreement", "cohen_kappa")}
        res["second_annotator"] = sorted({second[k].get("annotator", "") for k in keys})
        adj_path = REAL_AGREEMENT / f"{key}-adjudication.tsv"
        if adj_path.exists():
            adj = read_real(adj_path)
            current = read_real(path)
            res.update(_adjudication_stats(keys, fs, ss, adj))
            res["file_agrees_with_adjudication"] = sum(1 for k in adj if k in current and current[k]["stance"] == adj[k]["stance"])
        out[key] = res
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("batch")
    b.add_argument("--lang", required=True, choices=("ar", "en"))
    b.add_argument("--n", type=int, default=220)
    b.add_argument("--out", required=True)
    b.add_argument("--batches", metavar="B1,B2", help="sample only these batches (e.g. ar-d,ar-e)")
    b.add_argument("--freeze", metavar="FILE", help="also write the sample's first labels (the pass-1 file)")
    sub.add_parser("kappa")
    d = sub.add_parser("disagreements")
    d.add_argument("--lang", required=True, choices=("ar", "en"))
    d.add_argument("--round", metavar="KEY", help="agreement round key (default: the language, round 1; e.g. ar-round2)")
    d.add_argument("--out", required=True)
    for name in ("real-freeze", "real-disagreements", "real-apply"):
        r = sub.add_parser(name)
        r.add_argument("--file", required=True, choices=tuple(REAL_FILES), help="which annotation file")
        if name == "real-disagreements":
            r.add_argument("--out", required=True, help="JSON Lines file outside the repository")
            r.add_argument("--data", metavar="DIR", help="folder of the real corpora (default: $FRAMING_DATA)")
    sub.add_parser("real-kappa")
    args = ap.parse_args(argv)
    if args.cmd == "real-freeze":
        print(real_freeze(args.file))
        return 0
    if args.cmd == "real-disagreements":
        print(real_disagreements(args.file, args.out, args.data))
        return 0
    if args.cmd == "real-apply":
        print(real_apply(args.file))
        return 0
    if args.cmd == "real-kappa":
        rep = real_kappa_report()
        (REAL_AGREEMENT / "summary.json").write_text(json.dumps(rep, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(rep, ensure_ascii=False, indent=2))
        return 0
    if args.cmd == "batch":
        batches = args.batches.split(",") if args.batches else None
        print(batch(args.lang, args.n, args.out, batches, args.freeze))
        return 0
    if args.cmd == "disagreements":
        print(disagreements(args.lang, args.out, args.round))
        return 0
    rep = kappa_report()
    AGREEMENT.mkdir(parents=True, exist_ok=True)
    (AGREEMENT / "summary.json").write_text(json.dumps(rep, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(rep, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
