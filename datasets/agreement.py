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
LABELS = ("FAVOR", "AGAINST", "NONE")


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


def read_pass(path: Path) -> dict:
    rows = {}
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows[(row["id"], row["target"])] = row
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
        missing = [k for k in second if k not in first]
        a = [first[k].stance for k in keys]
        b = [second[k]["stance"] for k in keys]
        table = {x: {y: sum(1 for p, q in zip(a, b) if p == x and q == y) for y in LABELS} for x in LABELS}
        res = {
            "paragraphs": len({k[0] for k in keys}),
            "pairs": len(keys),
            "unmatched_pairs": len(missing),
            "observed_agreement": round(sum(1 for p, q in zip(a, b) if p == q) / len(keys), 3) if keys else None,
            "cohen_kappa": round(cohen_kappa(a, b), 3) if keys else None,
            "confusion_first_rows_second_cols": table,
            "second_annotator": sorted({second[k].get("annotator", "") for k in keys}),
        }
        adj_path = AGREEMENT / f"{key}-adjudication.tsv"
        if adj_path.exists():
            adj = read_pass(adj_path)
            dis = [k for k in keys if first[k].stance != second[k]["stance"]]
            res["disagreements"] = len(dis)
            res["adjudicated"] = sum(1 for k in dis if k in adj)
            res["adjudicated_to_first"] = sum(1 for k in dis if k in adj and adj[k]["stance"] == first[k].stance)
            res["adjudicated_to_second"] = sum(1 for k in dis if k in adj and adj[k]["stance"] == second[k]["stance"])
            res["adjudicated_to_other"] = res["adjudicated"] - res["adjudicated_to_first"] - res["adjudicated_to_second"]
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
    args = ap.parse_args(argv)
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
