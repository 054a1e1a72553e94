"""Mawqif: word meaning from unlabeled Arabic text (PPMI-SVD vectors, LSA, k-means word clusters), by grouped CV.

What it measures
    Whether distributional word meaning, built here with NumPy/SciPy/scikit-learn
    from unlabeled Arabic text (no pretrained vectors, no network), lifts the
    Mawqif recipe. Same protocol, folds and baseline as ``mawqif_ideas_cv.py``
    (3-fold GroupKFold over the train part of :func:`common.dev_split`; the dev
    20% is read only by ``--dev``), scored by F_avg against the same-run baseline.

    Unlabeled pool, per CV fold: the text (never the labels) of the fold's
    training tweets plus Arabic text from other corpora under ``$FRAMING_DATA``:
    ArAIEval-23 task 1A train/dev, ArAIEval-24 task 1 dev, ArMPro dev paragraphs, ANS (claim and stance
    sentences), PTC translated to Arabic (fragments and the COVID-19 articles),
    FIGNEWS-2024 (Arabic posts and the Arabic MT of the others). The fold's
    held-out tweets are in the pool only in the candidates marked
    "transductive". Text is normalized and tokenized as the features do
    (:func:`framing.matcher.normalized_tokens`, numbers as ``0``).

    Vectors: symmetric ±``window`` word–context counts (weighted 1/distance),
    PPMI with context-distribution smoothing 0.75, truncated SVD, rows
    ``U·S^0.5`` L2-normalized; or LSA (TF-IDF of pool documents -> truncated SVD).
    Features appended to the recipe's feature dictionaries:

    * ``v`` block (plain values): the tweet's TF-IDF-weighted mean word vector,
      L2-normalized, times a weight; optionally also crossed with the target
      (``v:<target>|<dim>``);
    * ``k`` block (TF-IDF like ``w``): k-means cluster ids of the tweet's words
      (one or several granularities), optionally crossed with the target.

What it writes
    ``reports/mawqif_vectors_cv.json`` (fold scores and mean per candidate; the
    dev evaluation of the best candidate when it beats the baseline by 0.01, or
    when ``--dev`` forces it). No vectors, vocabularies or text are written
    anywhere but memory.

Result (seed 0; 29 rows in the JSON)
    Baseline 0.7473 (reproduces ``mawqif_ideas_cv``). No candidate reaches the
    +0.01 bar: best light-stem PPMI-SVD mean vector at weight 0.5, 0.7504
    (+0.003, fold range 0.728-0.762); 24 of 28 candidates score below the
    baseline, up to -0.012. The pool is ~340k tokens (260k external + 77k
    tweets, 16k words kept): neighbours of topical words are sensible
    (لقاح: تطعيم، فايزر، الجرعه), those of evaluative words are noise. No dev
    evaluation was earned, so none was run.

How long
    About 31 minutes (1,843 s) on one shared core under ``nice``: vectors are
    rebuilt per fold and configuration (5-30 s each); each candidate fits three
    logistic regressions.

    python experiments/mawqif_vectors_cv.py [--data DIR] [--out DIR] [--dev] [--only N ...]

    ``--only`` runs the listed candidates (0-based) and writes nothing; ``--dev``
    forces the dev evaluation of the best candidate even under the bar.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import re
import sys
from collections import Counter

import numpy as np

from common import context_from, make_parser, timed
from mawqif_ideas_cv import Lab

BAR = 0.01


# -- the unlabeled pool ------------------------------------------------------------------

def external_texts(data_dir: str) -> dict[str, list[str]]:
    """Arabic text of other corpora (labels unused), by source."""
    out: dict[str, list[str]] = {}

    def add(src, text):
        text = (text or "").strip()
        if text:
            out.setdefault(src, []).append(text)

    for p in sorted(glob.glob(os.path.join(data_dir, "araieval23", "**", "task1A_*.jsonl"), recursive=True)):
        for line in open(p, encoding="utf-8"):
            if line.strip():
                add("araieval23", json.loads(line)["text"])
    for p in sorted(glob.glob(os.path.join(data_dir, "araieval24", "**", "*.jsonl"), recursive=True)):
        for line in open(p, encoding="utf-8"):
            if line.strip():
                add("araieval24", json.loads(line)["text"])
    for p in sorted(glob.glob(os.path.join(data_dir, "armpro", "dataset", "text", "V2", "span", "*.jsonl"))):
        for line in open(p, encoding="utf-8"):
            if line.strip():
                add("armpro", json.loads(line)["paragraph"])
    seen = set()
    for p in sorted(glob.glob(os.path.join(data_dir, "ans", "data", "*", "*.csv"))):
        with open(p, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for k in ("s1", "s2", "claim", "fake_flag_claim", "text"):
                    v = row.get(k)
                    if v and v not in seen:
                        seen.add(v)
                        add("ans", v)
    for p in sorted(glob.glob(os.path.join(data_dir, "ptc-arabic-translated", "Data", "*.txt"))):
        with open(p, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                v = row.get("Arabic")
                if v and v not in seen:
                    seen.add(v)
                    add("ptc", v)
    for p in sorted(glob.glob(os.path.join(data_dir, "ptc-arabic-translated", "COVID-19 Dataset", "*", "*.txt"))):
        for para in open(p, encoding="utf-8", errors="replace").read().split("\n"):
            add("ptc-covid", para)
    p = os.path.join(data_dir, "fignews2024", "data", "FIGNEWS-2024-TEXT-IAA.tsv")
    if os.path.exists(p):
        with open(p, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                v = row.get("Text") if row.get("Source Language") == "Arabic" else row.get("Arabic MT")
                if v and v not in seen:
                    seen.add(v)
                    add("fignews", v)
    return out


def toks(text: str) -> list[str]:
    from framing.matcher import normalized_tokens
    from framing.models.features import _NUMBER_RE

    return ["0" if _NUMBER_RE.match(t) else t for t, _, _ in normalized_tokens(text)[1]]


ARTICLE_RE = re.compile(r"^(?:[وف]?(?:ال|بال|كال|لل))(?=\w{3})")


def light_stem(t: str) -> str:
    """The word without a leading article and its attached conjunction or preposition (وال، بال، لل ...).

    Only this: the package's clitic analysis (the ``s:`` block) also strips a bare ب/ك/ل, which in
    a small pool cuts too many words (لقاحات -> قاحات, كورونا -> ورونا).
    """
    return ARTICLE_RE.sub("", t)


class Pool:
    """Token ids of every text (external corpora and the train part's tweets), one global index."""

    def __init__(self, external: list[list[str]], tweets: list[list[str]]):
        self.index: dict[str, int] = {}
        get = self.index.setdefault
        self.ext = [np.array([get(t, len(self.index)) for t in d], dtype=np.int64) for d in external]
        self.tw = [np.array([get(t, len(self.index)) for t in d], dtype=np.int64) for d in tweets]
        self.words = np.array(sorted(self.index, key=self.index.get), dtype=object)
        self.n = len(self.index)

    def cooc(self, docs, window: int):
        """Symmetric co-occurrence counts (1/distance) of the documents' tokens, a CSR n x n matrix."""
        import scipy.sparse as sp

        ids = np.concatenate(docs) if docs else np.zeros(0, np.int64)
        doc = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
        rows, cols, vals = [], [], []
        for dist in range(1, window + 1):
            same = doc[:-dist] == doc[dist:]
            rows.append(ids[:-dist][same])
            cols.append(ids[dist:][same])
            vals.append(np.full(int(same.sum()), 1.0 / dist))
        r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
        m = sp.coo_matrix((v, (r, c)), shape=(self.n, self.n)).tocsr()
        return m + m.T

    def counts(self, docs):
        return np.bincount(np.concatenate(docs), minlength=self.n) if docs else np.zeros(self.n)


def ppmi_svd(C, freq, *, min_count=3, dims=200, alpha=0.75, seed=0):
    """Unit word vectors of the index words counted ``min_count`` times (rows of ``keep``) from counts ``C``."""
    import scipy.sparse as sp
    from sklearn.utils.extmath import randomized_svd

    keep = np.flatnonzero(freq >= min_count)
    M = C[keep][:, keep].tocoo()
    total = M.sum()
    row = np.asarray(M.sum(1)).ravel()
    col = np.asarray(M.sum(0)).ravel() ** alpha
    col /= col.sum()
    pmi = np.log(M.data * 1.0 / (row[M.row] / total) / col[M.col] / total)
    pos = pmi > 0
    P = sp.csr_matrix((pmi[pos], (M.row[pos], M.col[pos])), shape=M.shape)
    U, S, _ = randomized_svd(P, n_components=dims, n_iter=5, random_state=seed)
    V = U * np.sqrt(S)
    V /= np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    return V, keep


def lsa(pool: Pool, docs, freq, *, min_count=3, dims=200, seed=0):
    """Word vectors from LSA on documents: TF-IDF (sublinear) term x doc -> truncated SVD (U·S^0.5)."""
    import scipy.sparse as sp
    from sklearn.utils.extmath import randomized_svd

    keep = np.flatnonzero(freq >= min_count)
    pos = -np.ones(pool.n, np.int64)
    pos[keep] = np.arange(len(keep))
    r, c = [], []
    for j, d in enumerate(docs):
        p = pos[d]
        p = p[p >= 0]
        r.append(p)
        c.append(np.full(len(p), j))
    A = sp.coo_matrix((np.ones(sum(len(x) for x in r)), (np.concatenate(r), np.concatenate(c))),
                      shape=(len(keep), len(docs))).tocsr()
    A.data = 1 + np.log(A.data)
    df = np.diff(A.indptr)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    A = sp.diags(idf) @ A
    U, S, _ = randomized_svd(A, n_components=dims, n_iter=5, random_state=seed)
    V = U * np.sqrt(S)
    V /= np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    return V, keep


def kmeans_ids(V, keep, n, k, seed=0):
    """Cluster id per index word (-1 outside ``keep``): MiniBatch k-means on the unit vectors."""
    from sklearn.cluster import MiniBatchKMeans

    km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
    ids = -np.ones(n, np.int64)
    ids[keep] = km.fit_predict(V)
    return ids


# -- features from the vectors ------------------------------------------------------------

def mean_vectors(pool: Pool, V, pos, tweet_idx, idf):
    """TF-IDF-weighted mean vector per tweet (L2-normalized; zero when no word has a vector)."""
    out = np.zeros((len(tweet_idx), V.shape[1]))
    for j, i in enumerate(tweet_idx):
        u, cnt = np.unique(pool.tw[i], return_counts=True)
        r = pos[u]
        ok = r >= 0
        if not ok.any():
            continue
        m = ((1 + np.log(cnt[ok])) * idf[u[ok]]) @ V[r[ok]]
        n = np.linalg.norm(m)
        if n > 0:
            out[j] = m / n
    return out


def with_dense(docs, M, T, cross=False, plain=True):
    out = []
    for d, m, t in zip(docs, M, T):
        d = dict(d)
        v = {}
        if plain:
            v.update({f"v:{j}": float(x) for j, x in enumerate(m) if x})
        if cross:
            key = t.replace(" ", "_")
            v.update({f"v:{key}|{j}": float(x) for j, x in enumerate(m) if x})
        d["v"] = v
        out.append(d)
    return out


def with_clusters(docs, pool: Pool, tweet_idx, idss, T, cross=False, bigrams=False):
    out = []
    for d, i, t in zip(docs, tweet_idx, T):
        d = dict(d)
        c = Counter()
        key = t.replace(" ", "_")
        for g, ids in enumerate(idss):
            seq = ids[pool.tw[i]]
            grams = [f"k:{g}:{x}" for x in seq if x >= 0]
            if bigrams:
                grams += [f"k:{g}:{a}_{b}" for a, b in zip(seq[:-1], seq[1:]) if a >= 0 and b >= 0]
            c.update(grams)
            if cross:
                c.update(f"k:{key}|{x[2:]}" for x in grams)
        d["k"] = c
        out.append(d)
    return out


# -- the experiment ------------------------------------------------------------------------

class VecLab(Lab):
    """``Lab`` plus, per fold, word vectors from the fold's pool; candidates add blocks to the docs."""

    def __init__(self, records, seed, external):
        super().__init__(records, seed)
        import framing.models.linear as L

        if "k" not in L.TFIDF_BLOCKS:
            L.TFIDF_BLOCKS = tuple(L.TFIDF_BLOCKS) + ("k",)  # cluster ids: TF-IDF like words (this process only)
        self.set_pool(external, [it[0] for it in self.X])
        self._cache = {}

    def set_pool(self, external, tweets):
        """Token ids of the pool as words and as light stems (``unit="stem"``: see :func:`light_stem`)."""
        ext, tw = [toks(t) for t in external], [toks(t) for t in tweets]
        self.pools = {"word": Pool(ext, tw)}
        stem = {}

        def st(d):
            return [stem.setdefault(t, light_stem(t)) for t in d]

        self.pools["stem"] = Pool([st(d) for d in ext], [st(d) for d in tw])
        self.pool = self.pools["word"]

    def fold_vectors(self, a, b, kind="ppmi", window=4, dims=200, min_count=3, transductive=False, sources="all",
                     unit="word"):
        """(unit vectors, index word -> row or -1, IDF over the fold's training tweets, cluster-id cache)."""
        key = (tuple(a[:5]), len(a), kind, window, dims, min_count, transductive, sources, unit)
        if key in self._cache:
            return self._cache[key]
        self.pool = self.pools[unit]
        tw = sorted(set(a) | (set(b) if transductive else set()))
        docs = ([] if sources == "mawqif" else list(self.pool.ext)) + \
               ([] if sources == "external" else [self.pool.tw[i] for i in tw])
        freq = self.pool.counts(docs)
        with timed() as t:
            if kind == "ppmi":
                V, keep = ppmi_svd(self.pool.cooc(docs, window), freq, min_count=min_count, dims=dims, seed=self.seed)
            else:
                V, keep = lsa(self.pool, docs, freq, min_count=min_count, dims=dims, seed=self.seed)
        pos = -np.ones(self.pool.n, np.int64)
        pos[keep] = np.arange(len(keep))
        df = np.zeros(self.pool.n)
        for i in a:
            df[np.unique(self.pool.tw[i])] += 1
        idf = np.log((1 + len(a)) / (1 + df)) + 1
        got = self._cache[key] = (V, keep, pos, idf, {})
        print(f"    vectors {kind} w{window} {dims}d {sources} {unit}{' transductive' if transductive else ''}: "
              f"{len(keep)} words ({t.seconds:.0f}s)", flush=True)
        return got

    def candidate(self, label, *, dense=None, clusters=None, vec=None, bw=None, none_bias=None):
        """dense: dict(cross=, plain=); clusters: dict(ks=, cross=, bigrams=); vec: fold_vectors options."""
        vec = vec or {}
        base = self._base

        def run(a, b):
            V, keep, pos, idf, idcache = self.fold_vectors(a, b, **vec)
            self.pool = self.pools[vec.get("unit", "word")]
            idx = a + b
            docs = {i: base[i] for i in idx}
            T = [self.T[i] for i in idx]
            sub = [docs[i] for i in idx]
            if dense is not None:
                sub = with_dense(sub, mean_vectors(self.pool, V, pos, idx, idf), T, **dense)
            if clusters is not None:
                ks = clusters.get("ks", (500,))
                for k in ks:
                    if k not in idcache:
                        idcache[k] = kmeans_ids(V, keep, self.pool.n, k, self.seed)
                idss = [idcache[k] for k in ks]
                sub = with_clusters(sub, self.pool, idx, idss, T, cross=clusters.get("cross", False),
                                    bigrams=clusters.get("bigrams", False))
            aug = dict(zip(idx, sub))
            _vec, Xa, Xb = self.matrices(aug, a, b, bw=bw)
            clf = self.lr().fit(Xa, [self.y[i] for i in a])
            return list(clf.classes_), clf.decision_function(Xb)

        return self.score("vectors", label, run, none_bias)


def candidates(lab: VecLab):
    """(label, kwargs) in run order."""
    out = []
    for w in (0.5, 1.0, 2.0):
        out.append((f"ppmi-svd 200d w4: mean vector, weight {w}", dict(dense={}, bw={"v": w})))
    out.append(("ppmi-svd 200d w4: mean vector x target (+plain), weight 1",
                dict(dense={"cross": True}, bw={"v": 1.0})))
    out.append(("ppmi-svd 200d w4: mean vector x target only, weight 1",
                dict(dense={"cross": True, "plain": False}, bw={"v": 1.0})))
    for k in (100, 500, 1500):
        out.append((f"ppmi-svd clusters k={k}, weight 0.5", dict(clusters={"ks": (k,)}, bw={"k": 0.5})))
    out.append(("ppmi-svd clusters k=100+500+1500, weight 0.5",
                dict(clusters={"ks": (100, 500, 1500)}, bw={"k": 0.5})))
    out.append(("ppmi-svd clusters k=500, weight 1", dict(clusters={"ks": (500,)}, bw={"k": 1.0})))
    out.append(("ppmi-svd clusters k=500 x target (+plain), weight 0.5",
                dict(clusters={"ks": (500,), "cross": True}, bw={"k": 0.5})))
    out.append(("ppmi-svd clusters k=500 +bigrams, weight 0.5",
                dict(clusters={"ks": (500,), "bigrams": True}, bw={"k": 0.5})))
    out.append(("ppmi-svd: mean vector w1 + clusters k=500 w0.5", dict(dense={}, clusters={"ks": (500,)},
                                                                      bw={"v": 1.0, "k": 0.5})))
    out.append(("ppmi-svd 300d w2: mean vector, weight 1",
                dict(dense={}, bw={"v": 1.0}, vec={"window": 2, "dims": 300})))
    out.append(("ppmi-svd 100d w4: mean vector, weight 1", dict(dense={}, bw={"v": 1.0}, vec={"dims": 100})))
    out.append(("LSA 200d: mean vector, weight 1", dict(dense={}, bw={"v": 1.0}, vec={"kind": "lsa"})))
    out.append(("LSA 200d: clusters k=500, weight 0.5",
                dict(clusters={"ks": (500,)}, bw={"k": 0.5}, vec={"kind": "lsa"})))
    out.append(("ppmi-svd mawqif text only: mean vector, weight 1",
                dict(dense={}, bw={"v": 1.0}, vec={"sources": "mawqif"})))
    out.append(("ppmi-svd external text only: mean vector, weight 1",
                dict(dense={}, bw={"v": 1.0}, vec={"sources": "external"})))
    out.append(("ppmi-svd 200d w4: mean vector, weight 0.25", dict(dense={}, bw={"v": 0.25})))
    out.append(("ppmi-svd clusters k=100, weight 0.25", dict(clusters={"ks": (100,)}, bw={"k": 0.25})))
    out.append(("ppmi-svd 100d min_count 5: mean vector, weight 0.5",
                dict(dense={}, bw={"v": 0.5}, vec={"dims": 100, "min_count": 5})))
    out.append(("stem ppmi-svd 200d w4: mean vector, weight 0.5", dict(dense={}, bw={"v": 0.5}, vec={"unit": "stem"})))
    out.append(("stem ppmi-svd 200d w4: mean vector, weight 1", dict(dense={}, bw={"v": 1.0}, vec={"unit": "stem"})))
    out.append(("stem ppmi-svd clusters k=100, weight 0.5", dict(clusters={"ks": (100,)}, bw={"k": 0.5},
                                                                 vec={"unit": "stem"})))
    out.append(("stem ppmi-svd clusters k=500, weight 0.5", dict(clusters={"ks": (500,)}, bw={"k": 0.5},
                                                                 vec={"unit": "stem"})))
    out.append(("transductive ppmi-svd: mean vector, weight 1",
                dict(dense={}, bw={"v": 1.0}, vec={"transductive": True})))
    out.append(("transductive ppmi-svd: mean + clusters k=500",
                dict(dense={}, clusters={"ks": (500,)}, bw={"v": 1.0, "k": 0.5}, vec={"transductive": True})))
    return out


def dev_eval(records, seed, external, label, kw, rounds):
    """Fit on the whole train part (vectors from its text + the external pool), score the dev part once."""
    from common import dev_split, doc_of, stance_items
    from framing.evaluation import stance_metrics

    lab = VecLab(records, seed, [])
    train, dev = dev_split(records, seed=seed)
    X, y, T = stance_items(train + dev)
    lab.X, lab.y, lab.T = X, y, T
    lab.groups = [doc_of(r) for r in train + dev for _ in r.targets]
    n = sum(len(r.targets) for r in train)
    lab.splits = [(np.arange(n), np.arange(n, len(X)))]
    lab.set_pool(external, [it[0] for it in X])
    lab._base = lab.features()
    out = {}
    for name, args in (("baseline", None), (label, kw)):
        classes, z = run_one(lab, list(range(n)), list(range(n, len(X))), args)
        z = np.array(z, dtype=float)
        z[:, list(classes).index("NONE")] += lab.recipe["none_bias"]
        pred = [classes[j] for j in z.argmax(axis=1)]
        res = stance_metrics(y[n:], pred, T[n:], rounds=rounds, seed=seed)
        out[name] = {"f_avg": res["metrics"]["f_avg"], "interval_95": res["intervals_95"].get("f_avg"),
                     "macro_f1": res["metrics"].get("macro_f1"), "pairs": res["pairs"]}
        print(f"dev  {name:<56} f_avg {out[name]['f_avg']:.4f}  95% {out[name]['interval_95']}", flush=True)
    return out


def run_one(lab, a, b, kw):
    """Decision values of one (train, test) split for candidate kwargs (None: the recipe)."""
    if kw is None:
        _vec, Xa, Xb = lab.matrices(lab._base, a, b)
        clf = lab.lr().fit(Xa, [lab.y[i] for i in a])
        return list(clf.classes_), clf.decision_function(Xb)
    captured = {}
    score = lab.score
    lab.score = lambda group, label, fn, nb=None: captured.setdefault("r", fn(a, b))
    try:
        lab.candidate("dev", **kw)
    finally:
        lab.score = score
    return captured["r"]


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--dev", action="store_true", help="evaluate the best candidate on dev even under the bar")
    ap.add_argument("--only", type=int, nargs="*", help="run only these candidate numbers (0-based)")
    args = ap.parse_args(argv)
    ctx = context_from(args)
    records = ctx.load("mawqif")
    if not records:
        return 0
    data_dir = args.data or os.environ.get("FRAMING_DATA") or ""
    with timed() as t_pool:
        ext = external_texts(data_dir)
    external = [x for v in ext.values() for x in v]
    with timed() as t:
        lab = VecLab(records, ctx.seed, external)
        lab._base = lab.features()
        print(f"pool: {len(external)} external texts ({ {k: len(v) for k, v in ext.items()} }), "
              f"{sum(len(d) for d in lab.pool.ext)} tokens; {len(lab.X)} tweets, "
              f"{sum(len(d) for d in lab.pool.tw)} tokens; {lab.pool.n} types ({t_pool.seconds:.0f}s)", flush=True)
        lab.plain("baseline", "RECIPES['mawqif']", lab._base)
        cands = candidates(lab)
        for j, (label, kw) in enumerate(cands):
            if args.only is None or j in args.only:
                lab.candidate(label, **kw)
    base = lab.rows[0]["mean"]
    best = max(lab.rows[1:], key=lambda r: r["mean"]) if len(lab.rows) > 1 else lab.rows[0]
    print(f"baseline {base:.4f}; best {best['candidate']!r} {best['mean']:.4f} ({best['mean'] - base:+.4f}; "
          f"the bar for a dev evaluation is +{BAR})", flush=True)
    result = {"metric": "f_avg", "folds": 3, "train_pairs": len(lab.X), "recipe": lab.recipe,
              "pool": {"external_texts": {k: len(v) for k, v in ext.items()},
                       "external_tokens": int(sum(len(d) for d in lab.pool.ext)),
                       "tweet_tokens": int(sum(len(d) for d in lab.pool.tw)), "types": lab.pool.n},
              "candidates": lab.rows, "baseline": base, "best": best, "bar": BAR, "cv_seconds": round(t.seconds, 1)}
    from common import git_commit

    result["commit"] = git_commit()
    ctx.out.mkdir(parents=True, exist_ok=True)
    path = ctx.out / "mawqif_vectors_cv.json"

    def write():
        if args.only is None:
            path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"wrote {path}", flush=True)

    write()
    if best["mean"] - base >= BAR or args.dev:
        kw = dict(cands)[best["candidate"]]
        with timed() as td:
            result["dev"] = dev_eval(records, ctx.seed, external, best["candidate"], kw, ctx.rounds)
        result["dev"]["earned"] = best["mean"] - base >= BAR
        result["dev_seconds"] = round(td.seconds, 1)
        write()
    print(f"mawqif_vectors_cv: {t.seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
