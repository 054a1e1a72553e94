"""Lexicon coverage: how many of our lexicon entries real news actually uses.

An entry nobody writes is padding. This script matches every entry of the
built-in lexicons (with our clitic-aware matcher) against real news paragraphs
and reports the share of entries found at least once, per language and
category.

Data (read in place, never copied): ArMPro dev paragraphs (Arabic) and BASIL
2010-2016 articles (English), from ``$FRAMING_DATA`` (or ``--data DIR``).
Writes ``reports/lexicon_coverage.json`` and prints a table.

    python experiments/lexicon_coverage.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.datasets.loaders import load  # noqa: E402
from framing.lexicon import load_lexicon  # noqa: E402
from framing.matcher import LexiconMatcher  # noqa: E402

SAMPLES = {"ar": "armpro", "en": "basil"}


def coverage(data_dir: str | None = None) -> dict:
    lex = load_lexicon()
    matcher = LexiconMatcher(lex)
    out = {"lexicon_version": lex.version, "languages": {}}
    for lang, corpus in SAMPLES.items():
        path = os.path.join(data_dir, {"armpro": "armpro", "basil": "basil"}[corpus]) if data_dir else None
        records = load(corpus, path)
        hits = Counter()
        for r in records:
            for m in matcher.find(r.text, lang):
                hits[(m.entry.term, m.entry.category)] += 1
        entries = lex.for_lang(lang)
        by_cat = defaultdict(lambda: [0, 0])
        for e in entries:
            found = hits[(e.term, e.category)] > 0
            by_cat[e.category][0] += found
            by_cat[e.category][1] += 1
        n_found = sum(v[0] for v in by_cat.values())
        out["languages"][lang] = {
            "sample": corpus,
            "paragraphs": len(records),
            "entries": len(entries),
            "entries_found": n_found,
            "coverage": round(n_found / len(entries), 3) if entries else 0.0,
            "by_category": {c: {"found": f, "entries": n, "coverage": round(f / n, 3)} for c, (f, n) in sorted(by_cat.items())},
            "unused_examples": sorted(e.term for e in entries if not hits[(e.term, e.category)])[:25],
        }
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Share of lexicon entries that occur in real news.")
    ap.add_argument("--data", metavar="DIR", help="folder holding armpro/ and basil/ (default: $FRAMING_DATA)")
    ap.add_argument("--out", default=str(ROOT / "reports" / "lexicon_coverage.json"))
    args = ap.parse_args(argv)
    res = coverage(args.data)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for lang, d in res["languages"].items():
        print(f"{lang}: {d['entries_found']}/{d['entries']} entries occur in {d['paragraphs']} {d['sample']} paragraphs "
              f"({100 * d['coverage']:.1f}%)")
        for c, v in d["by_category"].items():
            print(f"   {c:<18} {v['found']:>4}/{v['entries']:<4} {100 * v['coverage']:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
