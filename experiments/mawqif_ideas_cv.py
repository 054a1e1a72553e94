"""Mawqif: feature and training ideas beyond the recipe, by grouped CV on the TRAIN part only.

What it measures
    The same protocol as ``stance_recipe_cv.py`` (3-fold GroupKFold over the
    train part of :func:`common.dev_split`; the dev 20% is never read), with
    the Mawqif recipe (:data:`framing.models.estimators.RECIPES` ``["mawqif"]``)
    as the baseline and one change per candidate, scored by F_avg:

    * ``params``: C, none_bias, feature_weight, class_weight around the recipe;
    * ``cross``: the target-crossed ``x`` block (off, weighted, also crossing
      the ``t`` or ``c`` block, or a separate crossed ``t`` block);
    * ``tweet``: emoji and whole hashtags as extra word tokens (the tokenizer
      drops both: emoji are not word characters, ``#`` is not, and ``_``
      already splits a hashtag into its words), letters repeated 3+ times cut to 2;
    * ``chars``: other character n-gram ranges than 2–5;
    * ``nb``: NB-LR (log-count ratios per class against the rest, one binary
      logistic regression per class, folded back into one linear model) and a
      multinomial model on ``max_c |r_c|``-scaled columns;
    * ``cells``: class weights balanced per (target, class) cell instead of per class;
    * ``sentiment``: Mawqif's sentiment labels as a stacked model (out-of-fold
      sentiment probabilities, crossed with the target, in the ``f`` block);
    * ``nbblend``: a soft vote of the logistic regression and a (complement)
      naive Bayes, folded into one linear model like ``svm_weight``;
    * ``combo``: emoji and hashtag tokens with 2–4 character n-grams.

    Each candidate is fitted here from feature dictionaries the way
    ``LinearModel.fit`` fits them (the baseline reproduces
    ``stance_recipe_cv.py``'s 0.7473). None of these is in ``framing``: a
    candidate would have to beat the recipe's CV mean by 0.01 to be built in.

What it writes
    Section ``mawqif_ideas_cv`` of ``reports/results.json`` (fold scores and mean per candidate).

    python experiments/mawqif_ideas_cv.py [--data DIR] [--out DIR] [--group NAME ...]
"""

from __future__ import annotations

import re
import sys
from collections import Counter

import numpy as np

from common import builtin_targets, context_from, dev_split, doc_of, make_parser, stance_items, timed, update_results

GROUPS = ("params", "cross", "tweet", "chars", "nb", "cells", "sentiment", "nbblend", "combo")
EMOJI_RE = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u3030\u303D\u3297\u3299"
                      "\u00A9\u00AE\u203C\u2049\u2122\u2139\u2194-\u2199\u21A9\u21AA\u24C2\u25AA-\u25FE\u2934\u2935]")
HASH_RE = re.compile(r"#([^\s#]+)")
REPEAT_RE = re.compile(r"(\w)\1{2,}")


class Lab:
    """The train part's pairs, folds and helpers that fit and score one candidate."""

    def __init__(self, records, seed):
        from sklearn.model_selection import GroupKFold

        from framing.models.estimators import RECIPES

        train, _dev = dev_split(records, seed=seed)  # the dev part is not used here
        self.seed = seed
        self.recipe = dict(RECIPES["mawqif"])
        self.X, self.y, self.T = stance_items(train)
        self.S = [r.extra.get("sentiment") for r in train for _ in r.targets]
        self.groups = [doc_of(r) for r in train for _ in r.targets]
        self.splits = list(GroupKFold(n_splits=3).split(self.X, self.y, self.groups))
        self.rows = []

    def features(self, pre=None):
        from framing.models import StanceClassifier

        est = StanceClassifier(targets=builtin_targets(), random_state=self.seed, window=self.recipe["window"],
                               window_block=self.recipe["window_block"])
        est._setup()
        est.frequent_targets_ = frozenset(t for t, n in Counter(self.T).items() if n >= est.target_min_count)
        items = self.X if pre is None else [(pre(it[0]),) + tuple(it[1:]) for it in self.X]
        return [est.features(it) for it in items]

    def matrices(self, docs, a, b, fw=None, min_df=None, bw=None):
        from framing.models.linear import Vectorizer

        fw = self.recipe["feature_weight"] if fw is None else fw
        vec = Vectorizer(block_weights={"f": fw, **(bw or {})}).fit(
            [docs[i] for i in a], min_df=self.recipe["min_df"] if min_df is None else min_df,
            max_features={"c": 150_000})
        return vec, vec.transform([docs[i] for i in a]), vec.transform([docs[i] for i in b])

    def lr(self, C=None, class_weight="balanced"):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.recipe["C"] if C is None else C, class_weight=class_weight, max_iter=3000,
                                  random_state=self.seed)

    def score(self, group, label, fold_decisions, none_bias=None):
        """``fold_decisions(a, b)`` -> (classes, decision values of fold b); F_avg per fold, recorded."""
        from framing.evaluation import stance_metrics

        nb = self.recipe["none_bias"] if none_bias is None else none_bias
        scores = []
        with timed() as t:
            for a, b in self.splits:
                classes, z = fold_decisions(list(a), list(b))
                z = np.array(z, dtype=float)
                z[:, list(classes).index("NONE")] += nb
                pred = [classes[j] for j in z.argmax(axis=1)]
                res = stance_metrics([self.y[i] for i in b], pred, [self.T[i] for i in b], rounds=0)["metrics"]
                scores.append(round(float(res["f_avg"]), 4))
        row = {"group": group, "candidate": label, "folds": scores, "mean": round(float(np.mean(scores)), 4)}
        self.rows.append(row)
        print(f"{group:<9} {label:<52} f_avg {row['mean']:.4f}  folds {scores}  ({t.seconds:.0f}s)", flush=True)
        return row

    def plain(self, group, label, docs, C=None, fw=None, none_bias=None, class_weight="balanced", bw=None,
              min_df=None):
        def run(a, b):
            _vec, Xa, Xb = self.matrices(docs, a, b, fw=fw, bw=bw, min_df=min_df)
            clf = self.lr(C, class_weight).fit(Xa, [self.y[i] for i in a])
            return list(clf.classes_), clf.decision_function(Xb)

        return self.score(group, label, run, none_bias)


def _target_key(d):
    keys = [k for k in d["f"] if k.startswith("f:target:")]
    return keys[0][len("f:target:"):] if keys else None


def cross_more(docs, blocks):
    """The ``x`` block also crossing ``blocks`` with the target."""
    out = []
    for d in docs:
        d = dict(d)
        tk = _target_key(d)
        if tk:
            x = dict(d.get("x", {}))
            for b in blocks:
                x.update({f"x:{tk}|{k}": v for k, v in d.get(b, {}).items()})
            d["x"] = x
        out.append(d)
    return out


def tweet_tokens(text, emoji=True, hashtags=True):
    from framing.text.normalize import normalize_text

    c = Counter()
    if emoji:
        c.update("w:" + e for e in EMOJI_RE.findall(text))
    if hashtags:
        for h in HASH_RE.findall(text):
            h = normalize_text(h).strip("_.,!?:;")
            if h:
                c["w:#" + h] += 1
    return c


def add_tweet_tokens(docs, X, **kw):
    out = []
    for d, it in zip(docs, X):
        e = tweet_tokens(it[0], **kw)
        d = dict(d)
        d["w"] = Counter(d["w"]) + e
        tk = _target_key(d)
        if tk and "x" in d:
            x = dict(d["x"])
            for k, v in e.items():
                x[f"x:{tk}|{k[2:]}"] = x.get(f"x:{tk}|{k[2:]}", 0) + v
            d["x"] = x
        out.append(d)
    return out


def with_chars(lab, rng, pre=None):
    import framing.models.features as F

    old = F.CHAR_RANGE
    F.CHAR_RANGE = rng
    F._grams.clear()
    try:
        return lab.features(pre)
    finally:
        F.CHAR_RANGE = old
        F._grams.clear()


def nb_ratios(vec, Xa, ya, alpha=1.0, blocks=("w", "c", "x", "t")):
    """Log-count ratios of binarized features per class against the rest (1 outside the n-gram blocks)."""
    B = Xa.copy()
    B.data = (B.data != 0).astype(float)
    mask = np.zeros(Xa.shape[1], bool)
    for b in blocks:
        if b in vec.vocab:
            mask[vec.offsets[b]:vec.offsets[b] + len(vec.vocab[b])] = True
    out = {}
    for c in sorted(set(ya)):
        p = alpha + np.asarray(B[ya == c].sum(0)).ravel()
        q = alpha + np.asarray(B[ya != c].sum(0)).ravel()
        out[c] = np.where(mask, np.log((p / p.sum()) / (q / q.sum())), 1.0)
    return out


def nb_lr(lab, docs, label, mode="ovr", C=None, alpha=1.0, min_df=None, beta=None, none_bias=None):
    def run(a, b):
        vec, Xa, Xb = lab.matrices(docs, a, b, min_df=min_df)
        ya = np.asarray([lab.y[i] for i in a])
        R = nb_ratios(vec, Xa, ya, alpha)
        classes = sorted(R)
        if mode == "max":
            s = np.max([np.abs(R[c]) for c in classes], axis=0)
            clf = lab.lr(C).fit(Xa.multiply(s).tocsr(), ya)
            return list(clf.classes_), np.asarray(Xb.multiply(s).tocsr() @ clf.coef_.T) + clf.intercept_
        Z = np.zeros((Xb.shape[0], len(classes)))
        for k, c in enumerate(classes):  # X·(r ⊙ w): one linear model again
            clf = lab.lr(C).fit(Xa.multiply(R[c]).tocsr(), (ya == c).astype(int))
            w = clf.coef_[0]
            if beta is not None:
                w = (1 - beta) * np.abs(w).mean() + beta * w
            Z[:, k] = Xb @ (R[c] * w) + clf.intercept_[0]
        return classes, Z

    return lab.score("nb", label, run, none_bias)


def cell_weights(lab, docs, label, power=1.0, none_bias=None):
    def run(a, b):
        _vec, Xa, Xb = lab.matrices(docs, a, b)
        ya, ta = [lab.y[i] for i in a], [lab.T[i] for i in a]
        cell = Counter(zip(ta, ya))
        sw = np.array([(len(ya) / (len(cell) * cell[k])) ** power for k in zip(ta, ya)])
        clf = lab.lr(class_weight=None).fit(Xa, ya, sample_weight=sw * len(ya) / sw.sum())
        return list(clf.classes_), clf.decision_function(Xb)

    return lab.score("cells", label, run, none_bias)


def stacked_sentiment(lab, docs, label, weight=1.0):
    from sklearn.model_selection import GroupKFold

    def sentiment(fit_idx, apply_idx, oof):
        out = {}
        parts = ([([fit_idx[j] for j in ia], [fit_idx[j] for j in ib]) for ia, ib in
                  GroupKFold(n_splits=3).split(fit_idx, groups=[lab.groups[i] for i in fit_idx])]
                 if oof else [(fit_idx, apply_idx)])
        for A, Bx in parts:
            vec, Xa, Xb = lab.matrices(docs, A, Bx)
            clf = lab.lr().fit(Xa, [lab.S[i] for i in A])
            for i, p in zip(Bx, clf.predict_proba(Xb)):
                out[i] = dict(zip(clf.classes_, p))
        return out

    def add(i, probs):
        d = dict(docs[i])
        f = dict(d["f"])
        key = lab.T[i].replace(" ", "_")
        for c, p in probs[i].items():
            f[f"f:sent:{c}"] = weight * p
            f[f"f:sent:{c}:{key}"] = weight * p
        d["f"] = f
        return d

    def run(a, b):
        pa, pb = sentiment(a, a, True), sentiment(a, b, False)
        aug = {i: add(i, pa) for i in a} | {i: add(i, pb) for i in b}
        _vec, Xa, Xb = lab.matrices(aug, a, b)
        clf = lab.lr().fit(Xa, [lab.y[i] for i in a])
        return list(clf.classes_), clf.decision_function(Xb)

    return lab.score("sentiment", label, run)


def nb_blend(lab, docs, label, weight, kind="mnb", alpha=0.1):
    from sklearn.naive_bayes import ComplementNB, MultinomialNB

    def run(a, b):
        _vec, Xa, Xb = lab.matrices(docs, a, b)
        ya = [lab.y[i] for i in a]
        clf = lab.lr().fit(Xa, ya)
        pos = Xa.copy()
        pos.data = np.maximum(pos.data, 0)
        m = (MultinomialNB if kind == "mnb" else ComplementNB)(alpha=alpha, fit_prior=False).fit(pos, ya)
        W = m.feature_log_prob_ - m.feature_log_prob_.mean(0)
        k = np.std(clf.decision_function(Xa)) / max(float(np.std(Xa @ W.T)), 1e-12)
        coef = (1 - weight) * clf.coef_ + weight * k * W
        return list(clf.classes_), np.asarray(Xb @ coef.T) + (1 - weight) * clf.intercept_

    return lab.score("nbblend", label, run)


def run_groups(lab, groups):
    base = lab.features()
    lab.plain("baseline", "RECIPES['mawqif']", base)
    if "params" in groups:
        for C in (0.5, 0.7, 1.5, 2.0):
            lab.plain("params", f"C={C}", base, C=C)
        for nb in (-0.75, -1.25, -1.5, -2.0):
            lab.plain("params", f"none_bias={nb}", base, none_bias=nb)
        for fw in (0.15, 0.35):
            lab.plain("params", f"feature_weight={fw}", base, fw=fw)
        lab.plain("params", "class_weight=None", base, class_weight=None)
    if "cross" in groups:
        lab.plain("cross", "no x block", [{k: v for k, v in d.items() if k != "x"} for d in base])
        for w in (0.5, 1.5, 2.0):
            lab.plain("cross", f"x block weight {w}", base, bw={"x": w})
        lab.plain("cross", "x also crosses the t block", cross_more(base, ["t"]))
        lab.plain("cross", "x also crosses the c block", cross_more(base, ["c"]))
    if "tweet" in groups:
        lab.plain("tweet", "+ emoji tokens", add_tweet_tokens(base, lab.X, hashtags=False))
        lab.plain("tweet", "+ hashtag tokens", add_tweet_tokens(base, lab.X, emoji=False))
        lab.plain("tweet", "+ emoji and hashtag tokens", add_tweet_tokens(base, lab.X))
        rep = lab.features(pre=lambda s: REPEAT_RE.sub(r"\1\1", s))
        lab.plain("tweet", "letters repeated 3+ times -> 2", rep)
        lab.plain("tweet", "repeated letters, emoji and hashtag tokens", add_tweet_tokens(rep, lab.X))
    if "chars" in groups:
        for rng in ((1, 5), (2, 6), (3, 6), (2, 4)):
            lab.plain("chars", f"character n-grams {rng[0]}-{rng[1]}", with_chars(lab, rng))
    if "nb" in groups:
        nb_lr(lab, base, "NB-LR one-vs-rest, alpha=1")
        nb_lr(lab, base, "NB-LR one-vs-rest, alpha=1, none_bias=0", none_bias=0.0)
        nb_lr(lab, base, "NB-LR one-vs-rest, C=3", C=3.0)
        nb_lr(lab, base, "NB-LR one-vs-rest, C=0.3", C=0.3)
        nb_lr(lab, base, "NB-LR one-vs-rest, alpha=0.5", alpha=0.5)
        nb_lr(lab, base, "NB-LR one-vs-rest, min_df=2, beta=0.25", min_df=2, beta=0.25)
        nb_lr(lab, base, "multinomial LR on max|r|-scaled columns", mode="max")
        nb_lr(lab, base, "multinomial LR on max|r|-scaled columns, min_df=2", mode="max", min_df=2)
    if "cells" in groups:
        cell_weights(lab, base, "balanced per (target, class)")
        cell_weights(lab, base, "balanced per (target, class), power 0.5", power=0.5)
        cell_weights(lab, base, "balanced per (target, class), none_bias=-0.5", none_bias=-0.5)
        cell_weights(lab, base, "balanced per (target, class), none_bias=0", none_bias=0.0)
    if "sentiment" in groups:
        for w in (1.0, 4.0):
            stacked_sentiment(lab, base, f"stacked sentiment x target, weight {w}", w)
    if "nbblend" in groups:
        for kind, w, alpha in (("mnb", 0.3, 0.1), ("mnb", 0.5, 0.1), ("cnb", 0.3, 0.1), ("mnb", 0.3, 1.0)):
            nb_blend(lab, base, f"LR + {kind} soft vote, weight {w}, alpha {alpha}", w, kind, alpha)
    if "combo" in groups:
        docs = add_tweet_tokens(with_chars(lab, (2, 4)), lab.X)
        lab.plain("combo", "emoji + hashtag tokens, character n-grams 2-4", docs)
        lab.plain("combo", "emoji + hashtag tokens, character n-grams 2-4, none_bias=-0.5", docs, none_bias=-0.5)


def main(argv=None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--group", choices=GROUPS, action="append", help="only this group of candidates (repeatable)")
    args = ap.parse_args(argv)
    ctx = context_from(args)
    records = ctx.load("mawqif")
    if not records:
        return 0
    lab = Lab(records, ctx.seed)
    with timed() as t:
        run_groups(lab, set(args.group or GROUPS))
    base = lab.rows[0]["mean"]
    best = max(lab.rows, key=lambda r: r["mean"])
    print(f"baseline {base:.4f}; best {best['candidate']!r} {best['mean']:.4f} "
          f"({best['mean'] - base:+.4f}; the bar for a dev evaluation is +0.01)")
    update_results(ctx, "mawqif_ideas_cv", {"metric": "f_avg", "folds": 3, "train_pairs": len(lab.X),
                                            "recipe": lab.recipe, "candidates": lab.rows,
                                            "seconds": round(t.seconds, 1)})
    print(f"mawqif_ideas_cv: {t.seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
