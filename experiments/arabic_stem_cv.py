"""Arabic ``s:`` stems: the current clitic stripper against stricter candidates, on three measures.

What it measures
    ``framing.models.features._arabic_stem`` makes the ``s:`` features (the
    word without its proclitics) of Arabic tokens. It takes the most-stripped
    prefix analysis of :func:`framing.matcher.arabic_prefix_analyses`, which
    strips a bare و ف ب ك ل even when no article follows, so words that merely
    begin with those letters get nonsense stems (لقاحات -> قاحات, كورونا -> ورونا,
    لبنان -> بنان, وزير -> زير). Each candidate replaces the function (with the
    same per-token cache), everything else unchanged:

    * ``current``: the stemmer as it is;
    * ``A``: proclitics only before the article ((و|ف)?(ب|ك|ل)?ال…, (و|ف)?لل…),
      else a bare و/ف when at least four letters remain, else no stem;
    * ``B``: A plus the future prefix س (سيزعم -> يزعم) as now;
    * ``C``: the article rule of A; otherwise a bare-proclitic or future-س
      analysis only when what remains is a frequent word form (seen at least
      :data:`VOCAB_MIN` times in the Arabic train split of our corpus, package
      data: a set lookup at scoring time), the most stripped such one;
    * ``D``: the article rule only;
    * ``none``: no ``s:`` features at all (a reference point for the size of the
      stems' effect, not a candidate).

    A candidate is adopted when it beats ``current`` on Mawqif by at least
    :data:`BAR_MAWQIF` and loses at most :data:`BAR_TUNE` on the tuning set and
    :data:`BAR_TEST` on the test split (or is better on all three); ``verdict``
    in the output says which did.

    Scored on
    * Mawqif: 3-fold GroupKFold over the train part (the recipe baseline of
      ``mawqif_ideas_cv.py``, 0.7473 F_avg; the dev 20% is never read), F_avg per fold;
    * our tuning annotations of real news (``datasets/annotations/tune/armpro.tsv``):
      the Arabic default stance model trained as ``build_default_bundle`` does
      (our corpus's train split, default parameters), best macro-F1 over the
      NONE-bias grid of ``tune_default.py`` (the recipe file is not written);
    * our corpus's Arabic test split: macro-F1 of the same model without a bias
      (as ``stance_eval.py`` reports it).

What it writes
    ``reports/arabic_stem_cv.json`` (per candidate: rules, Mawqif folds and mean,
    tuning grid best, test macro-F1; a few example stems).

    FRAMING_DATA=../shared/data python experiments/arabic_stem_cv.py [--only NAME ...] [--words]
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import numpy as np

from common import ROOT, context_from, make_parser, timed

CANDIDATES = ("current", "A", "B", "C", "D", "none")
RULES = {
    "current": "most-stripped analysis of arabic_prefix_analyses (bare proclitics, future s), else bare al- (>=3 left)",
    "A": "(w|f)?(b|k|l)?al- / (w|f)?ll- stripped; else bare w/f when >=4 letters remain; else no stem",
    "B": "A plus the future prefix s (as now)",
    "C": "article rule of A; else bare-proclitic / future-s analyses only when the remainder is a frequent form",
    "D": "article rule of A only",
    "none": "no stems (reference)",
}
BAR_MAWQIF, BAR_TUNE, BAR_TEST = 0.003, 0.005, 0.01
#: A remainder is a known word form for ``C`` when it occurs this many times in our corpus's Arabic train split.
VOCAB_MIN = 3
PATH = ROOT / "reports" / "arabic_stem_cv.json"
#: Words whose stems are printed (``--words``) and recorded.
WORDS = ("لقاحات كورونا بريطانيا لبنان فلسطين وزير وزاره واشنطن فرنسا فيروس سياسه سنوات بالهيمنه والغرب للغرب "
         "وللغرب سيزعم وسيزعم الغرب الاحتلال بالاحتلال وبالتالي كالعاده فالحكومه وبريطانيا ولبنان والله لقاح "
         "وقال فقال بلاده ولكن لكن كان بين التطعيم والتطعيم للتطعيم باللقاح تمكين المراه للمراه وللمراه وستعمل "
         "ستكون سيكون سنعمل الاسرائيلي لاسرائيل واسرائيل وحماس لحماس بحماس كحل").split()


def article_stem(t: str) -> str | None:
    """(و|ف)?(ب|ك|ل)?ال + stem, (و|ف)?لل + stem; a bare ال needs three letters left, after a proclitic two."""
    i = 1 if t[:1] in ("و", "ف") else 0
    rest = t[i:]
    if rest.startswith("لل") and len(rest) - 2 >= 2:
        return rest[2:]
    j = 1 if rest[:1] in ("ب", "ك", "ل") else 0
    r2 = rest[j:]
    if r2.startswith("ال") and len(r2) - 2 >= (2 if i + j else 3):
        return r2[2:]
    return None


def future_stem(t: str) -> str | None:
    """(و|ف)?س + ي/ت/ن/ا… with at least four letters left (the matcher's rule)."""
    rest = t[1:] if t[:1] in ("و", "ف") else t
    if rest[:1] == "س" and rest[1:2] in ("ي", "ت", "ن", "ا") and len(rest) - 1 >= 4:
        return rest[1:]
    return None


def stem_a(t):
    s = article_stem(t)
    if s is None and t[:1] in ("و", "ف") and len(t) - 1 >= 4:
        s = t[1:]
    return s


def stem_b(t):
    s = article_stem(t)
    if s is None:
        s = future_stem(t)
    if s is None and t[:1] in ("و", "ف") and len(t) - 1 >= 4:
        s = t[1:]
    return s


def stem_d(t):
    return article_stem(t)


def make_stem_c(vocab: frozenset):
    from framing.matcher import arabic_prefix_analyses

    def stem_c(t):
        s = article_stem(t)
        if s is not None:
            return s
        known = [k for k, p, _ in arabic_prefix_analyses(t) if p > 0 and k in vocab]
        return known[-1] if known else None

    return stem_c


def corpus_vocab(min_count: int = VOCAB_MIN) -> frozenset:
    """Normalized word forms seen ``min_count`` times or more in our corpus's Arabic train split."""
    from framing.datasets.corpus import load_corpus
    from framing.matcher import normalized_tokens

    c = Counter()
    for r in load_corpus(lang="ar", split="train"):
        c.update(t for t, _, _ in normalized_tokens(r.record.text)[1])
    return frozenset(w for w, n in c.items() if n >= min_count)


def cached(fn):
    """``fn`` as ``_arabic_stem``: results kept in ``features._stems`` (the dict word_ngrams reads first)."""
    import framing.models.features as F

    def _arabic_stem(t):
        try:
            return F._stems[t]
        except KeyError:
            pass
        stem = fn(t)
        if len(F._stems) >= F._TOKEN_CACHE_SIZE:
            F._stems.clear()
        F._stems[t] = stem
        return stem

    return _arabic_stem


def install(name, stems):
    """Make ``stems[name]`` (None: the original) the stemmer word_ngrams uses; clear the token caches."""
    import framing.models.features as F

    F._arabic_stem = stems[name]
    F._stems.clear()
    F._grams.clear()
    got, want = F.word_ngrams(["لقاحات"], "ar"), stems[name]("لقاحات")
    assert ("s:" + want in got) if want else not any(k.startswith("s:") for k in got), \
        "word_ngrams does not use the patched stemmer"


def mawqif_cv(lab, name) -> dict:
    row = lab.plain("stem", f"{name}: RECIPES['mawqif']", lab.features())
    return {"folds": row["folds"], "mean": row["mean"]}


def default_model_scores(data_dir) -> dict:
    """The Arabic default stance model (as build_default_bundle trains it): tuning grid best, test macro-F1."""
    import tune_default

    from framing.datasets.annotations import load_annotations
    from framing.datasets.corpus import load_corpus
    from framing.datasets.records import stance_pairs
    from framing.evaluation import stance_metrics
    from framing.lexicon import load_lexicon
    from framing.models import StanceClassifier
    from framing.targets import load_targets

    train = [c.record for c in load_corpus(lang="ar", split="train")]
    test = [c.record for c in load_corpus(lang="ar", split="test")]
    pairs = stance_pairs(train)
    est = StanceClassifier(lexicon=load_lexicon(), targets=load_targets(), random_state=0)
    est.fit(pairs, [t.stance for _, t in pairs])
    classes = [str(c) for c in est.classes_]
    none = classes.index("NONE")

    test_pairs = stance_pairs(test)
    pred = [classes[i] for i in np.asarray(est.predict_proba(test_pairs)).argmax(axis=1)]
    m = stance_metrics([t.stance for _, t in test_pairs], pred, [t.target for _, t in test_pairs], rounds=0)["metrics"]

    tune_pairs = stance_pairs(load_annotations("armpro", os.path.join(data_dir, "armpro"), split="tune"))
    logits = np.log(np.clip(np.asarray(est.predict_proba(tune_pairs)), 1e-12, None))
    gold, targets = [t.stance for _, t in tune_pairs], [t.target for _, t in tune_pairs]
    grid = []
    for b in tune_default.GRID:
        z = logits.copy()
        z[:, none] += b
        p = [classes[i] for i in z.argmax(axis=1)]
        grid.append({"bias": b, "macro_f1": stance_metrics(gold, p, targets, rounds=0)["metrics"]["macro_f1"]})
    best = max(grid, key=lambda g: (g["macro_f1"], -g["bias"]))
    return {"test_macro_f1": m["macro_f1"], "test_f_avg": m["f_avg"], "tune_best": best,
            "tune_no_bias": grid[0]["macro_f1"], "tune_pairs": len(tune_pairs), "test_pairs": len(test_pairs)}


def verdict(rows: dict) -> None:
    """Each row's differences from ``current`` and whether it clears the adoption bars (in place)."""
    base = rows.get("current")
    if not base or "mawqif" not in base:
        return
    for name, r in rows.items():
        if name == "current" or "mawqif" not in r:
            continue
        d = {"mawqif": round(r["mawqif"]["mean"] - base["mawqif"]["mean"], 4),
             "tune": round(r["tune_best"]["macro_f1"] - base["tune_best"]["macro_f1"], 4),
             "test": round(r["test_macro_f1"] - base["test_macro_f1"], 4)}
        r["vs_current"] = d
        r["adopt"] = name != "none" and ((d["mawqif"] >= BAR_MAWQIF and d["tune"] >= -BAR_TUNE
                                          and d["test"] >= -BAR_TEST) or min(d.values()) > 0)
        print(f"{name:<8} vs current: mawqif {d['mawqif']:+.4f}  tune {d['tune']:+.4f}  test {d['test']:+.4f}  "
              f"adopt {r['adopt']}")


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--only", choices=CANDIDATES, action="append", help="only this candidate (repeatable)")
    ap.add_argument("--words", action="store_true", help="print the example stems of every candidate and stop")
    args = ap.parse_args(argv)
    ctx = context_from(args)
    import framing.models.features as F

    vocab = corpus_vocab()
    stems = {"current": F._arabic_stem, "A": cached(stem_a), "B": cached(stem_b), "C": cached(make_stem_c(vocab)),
             "D": cached(stem_d), "none": cached(lambda t: None)}
    names = [c for c in CANDIDATES if not args.only or c in args.only]
    examples = {}
    for name in CANDIDATES:
        install(name, stems)
        examples[name] = {w: stems[name](w) for w in WORDS}
    install("current", stems)
    if args.words:
        print("word".ljust(12) + "".join(n.ljust(12) for n in CANDIDATES))
        for w in WORDS:
            print(w.ljust(12) + "".join(str(examples[n][w]).ljust(12) for n in CANDIDATES))
        return 0

    from mawqif_ideas_cv import Lab

    records = ctx.load("mawqif")
    lab = Lab(records, ctx.seed) if records else None
    data_dir = args.data or os.environ.get("FRAMING_DATA")
    out = {}
    with timed() as total:
        for name in names:
            install(name, stems)
            with timed() as t:
                row = {"rule": RULES[name]}
                if lab is not None:
                    row["mawqif"] = mawqif_cv(lab, name)
                row.update(default_model_scores(data_dir))
            row["seconds"] = round(t.seconds, 1)
            out[name] = row
            print(f"{name:<8} mawqif {row.get('mawqif', {}).get('mean')}  tune {row['tune_best']['macro_f1']:.4f} "
                  f"(bias {row['tune_best']['bias']})  test {row['test_macro_f1']:.4f}  ({t.seconds:.0f}s)", flush=True)
    install("current", stems)
    doc_rows = out
    if args.only:
        old = json.loads(PATH.read_text(encoding="utf-8")) if PATH.exists() else {}
        doc_rows = {**old.get("candidates", {}), **out}  # a partial run keeps the other candidates' rows
    verdict(doc_rows)
    doc = {"metric": {"mawqif": "f_avg, 3-fold GroupKFold on the train part", "tune": "macro_f1, best NONE bias",
                      "test": "macro_f1 of our corpus's Arabic test split"},
           "vocab_min": VOCAB_MIN, "vocab_size": len(vocab),
           "bars": {"mawqif": BAR_MAWQIF, "tune": -BAR_TUNE, "test": -BAR_TEST}, "candidates": doc_rows,
           "examples": {w: {n: examples[n][w] for n in CANDIDATES} for w in WORDS},
           "seconds": round(total.seconds, 1)}
    PATH.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PATH}; {total.seconds:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
