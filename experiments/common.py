"""Shared helpers for the experiment scripts: data, splits, cached fitting, metrics, results.

Every experiment script in this folder imports this module. It holds what they
share, so that each script reads as a plain sequence of steps:

* **data** — :func:`load_dataset` loads one corpus with explicit parameters
  (name, data folder, quick subsample, seed) and returns ``None`` with a printed
  message when the corpus is absent; our own corpus always loads;
* **splits** — document-grouped: :func:`dev_split` (a fixed share of documents,
  chosen by a SHA-256 hash of ``seed:doc_id``) and :func:`grouped_folds`;
  paragraphs of one document never fall on both sides;
* **fitting** — :meth:`Context.fit_predict` fits a :class:`~framing.models.StanceClassifier`
  or :class:`~framing.models.PersuasionClassifier` on one fold and predicts the
  other, cached on disk with :class:`joblib.Memory` (keyed by the data, the
  parameters and a fingerprint of the framing source, lexicons and corpus), so
  that a fold shared by several scripts (the full model of ``stance_eval``, the
  "plus target" ablation, the last learning-curve point) is fitted once;
* **metrics** — :func:`stance_result` and :func:`persuasion_result` wrap
  :func:`framing.evaluation.stance_metrics` / ``persuasion_metrics`` (95%
  bootstrap intervals) and add precision–recall and reliability curves;
* **results** — :func:`update_results` merges one script's section into
  ``reports/results.json``; :func:`git_commit` names the code.

The published reference points quoted beside our figures live here too
(:data:`REFERENCES`), with their citations (:data:`CITATIONS`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

__all__ = [
    "BOOTSTRAP_ROUNDS", "CITATIONS", "Context", "DEV_SHARE", "HEADLINE", "QUICK_LIMIT", "REFERENCES", "ROOT", "SEED",
    "Text", "builtin_targets", "code_fingerprint", "context_from", "corpus_split", "dev_split", "doc_hash", "doc_of",
    "fmt", "git_commit", "grouped_folds", "headline_of", "load_dataset", "make_estimator", "make_parser",
    "mentioned_flags", "persuasion_items", "persuasion_result", "pr_curve", "read_results", "reliability",
    "stance_items", "stance_result", "subsample_docs", "timed", "top_features", "update_results",
]

#: Default seed of every random step (splits, subsamples, models, bootstrap).
SEED = 0
#: Share of documents in a dev split made here (by a hash of the document id).
DEV_SHARE = 0.2
#: Bootstrap resamples for 95% intervals (full run / ``--quick``).
BOOTSTRAP_ROUNDS = 1000
QUICK_ROUNDS = 100
#: Most paragraphs kept per corpus in ``--quick`` mode (whole documents, by hash).
QUICK_LIMIT = 150

#: Headline metric per dataset key (the one the literature reports); default macro-F1. FIGNEWS has
#: no FAVOR labels, so its macro-F1 over three classes counts a class that cannot be right: its
#: headline is macro-F1 over the classes present in the gold labels.
HEADLINE = {"mawqif": "f_avg", "araieval23-1a": "micro_f1", "fignews-ar": "macro_f1_present",
            "fignews-en": "macro_f1_present"}

#: Published reference points. All are on the official *test* sets, which are
#: withheld here; ours are on document-grouped dev splits, so the comparison is indicative.
REFERENCES = {
    "mawqif": [
        {"metric": "f_avg", "value": 0.72, "system": "TF-IDF + SVM", "cite": "alturayeif"},
        {"metric": "f_avg", "value": 0.84, "system": "fine-tuned transformers", "cite": "alturayeif"},
    ],
    "newsmtsc": [
        {"metric": "macro_f1", "value": 0.817, "system": "prior state of the art (devtest-rw)", "cite": "hamborg"},
        {"metric": "macro_f1", "value": 0.831, "system": "GRU-TSC (devtest-rw)", "cite": "hamborg"},
    ],
    "araieval23-1a": [
        {"metric": "micro_f1", "value": 0.76, "system": "AraBERT, fine-tuned", "cite": "hasanain"},
    ],
    "babe": [
        {"metric": "macro_f1", "value": 0.57, "system": "bias lexicon + XGBoost", "cite": "spinde"},
        {"metric": "macro_f1", "value": 0.80, "system": "fine-tuned BERT", "cite": "spinde"},
    ],
}
CITATIONS = {
    "alturayeif": "Alturayeif, Luqman & Ahmed (2022). Mawqif: A Multi-label Arabic Dataset for Target-specific "
                  "Stance Detection. WANLP 2022, pp. 174–184 (https://aclanthology.org/2022.wanlp-1.16), and "
                  "their 2023 follow-up work on Mawqif.",
    "hamborg": "Hamborg & Donnay (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment Classification "
               "in Political News Articles. EACL 2021, pp. 1663–1675 (https://aclanthology.org/2021.eacl-main.142).",
    "hasanain": "Hasanain et al. (2023). ArAIEval Shared Task: Persuasion Techniques and Disinformation Detection "
                "in Arabic Text. ArabicNLP 2023.",
    "spinde": "Spinde et al. (2021). Neural Media Bias Detection Using Distant Supervision With BABE. "
              "Findings of EMNLP 2021.",
}

Text = namedtuple("Text", "text lang")
Text.__doc__ = "A paragraph for the persuasion model: text and language (hashable, cheap to cache)."


# -- small utilities --------------------------------------------------------------------

@contextlib.contextmanager
def timed():
    """``with timed() as t: ...`` then ``t.seconds``."""

    class _T:
        seconds = 0.0

    t = _T()
    start = time.perf_counter()
    try:
        yield t
    finally:
        t.seconds = time.perf_counter() - start


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)


def git_commit() -> str | None:
    """The commit of the code (``git rev-parse HEAD``), or None outside a git checkout."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def code_fingerprint() -> str:
    """SHA-256 over framing's source, lexicons, targets and corpus: cached fits are redone when they change."""
    h = hashlib.sha256()
    base = ROOT / "framing"
    for p in sorted(base.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".tsv", ".txt") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(base)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def doc_of(record) -> str:
    return record.doc_id or record.id or record.text[:64]


def doc_hash(doc_id: str, seed: int = SEED, salt: str = "") -> float:
    """A stable number in [0, 1) for a document id (the same on every machine)."""
    digest = hashlib.sha256(f"{seed}:{salt}:{doc_id}".encode("utf-8")).hexdigest()
    return int(digest[:13], 16) / float(16 ** 13)


def dev_split(records, *, share: float = DEV_SHARE, seed: int = SEED):
    """(train, dev) by document: documents whose hash is below ``share`` go to dev."""
    train, dev = [], []
    for r in records:
        (dev if doc_hash(doc_of(r), seed, "dev") < share else train).append(r)
    return train, dev


def grouped_folds(records, k: int = 5, *, seed: int = SEED) -> list[tuple[list[int], list[int]]]:
    """``k`` (train indices, test indices) folds; every document in exactly one test fold."""
    fold = [int(doc_hash(doc_of(r), seed, "fold") * k) for r in records]
    return [([i for i, f in enumerate(fold) if f != j], [i for i, f in enumerate(fold) if f == j]) for j in range(k)]


def subsample_docs(records, limit: int | None, *, seed: int = SEED):
    """At most about ``limit`` records, whole documents chosen by hash (order kept)."""
    if limit is None or len(records) <= limit:
        return list(records)
    by_doc: dict[str, int] = Counter(doc_of(r) for r in records)
    keep, n = set(), 0
    for d in sorted(by_doc, key=lambda d: doc_hash(d, seed, "sub")):
        if n >= limit:
            break
        keep.add(d)
        n += by_doc[d]
    return [r for r in records if doc_of(r) in keep]


# -- data -------------------------------------------------------------------------------

def load_dataset(name: str, *, data_dir: str | None = None, limit: int | None = None, seed: int = SEED,
                 langs: tuple[str, ...] | None = None, skipped: dict | None = None):
    """Records of corpus ``name`` (see :func:`framing.datasets.loaders.load`), or None if absent.

    Parameters
    ----------
    name : str
        A corpus name of :data:`framing.datasets.loaders.CORPORA`.
    data_dir : str, optional
        Folder holding the corpora (default: ``$FRAMING_DATA``).
    limit : int, optional
        Keep about this many records, as whole documents (``--quick``).
    langs : tuple of str, optional
        Keep only records in these languages.
    skipped : dict, optional
        Receives ``name -> reason`` when the corpus is absent.
    """
    from framing.datasets.loaders import CORPORA, load
    from framing.errors import FramingError

    path = os.path.join(data_dir, CORPORA[name].folder) if data_dir and name != "framing" else None
    try:
        records = load(name, path)
    except (FramingError, OSError) as exc:
        print(f"skipped {name}: {exc}", flush=True)
        if skipped is not None:
            skipped[name] = str(exc)
        return None
    if langs is not None:
        records = [r for r in records if r.lang in langs]
    return subsample_docs(records, limit, seed=seed)


def corpus_split(lang: str, split: str, *, limit: int | None = None, seed: int = SEED):
    """Records of our own corpus: one language, its fixed ``train``/``test`` split (by story)."""
    from framing.datasets.corpus import load_corpus

    return subsample_docs([c.record for c in load_corpus(lang=lang, split=split)], limit, seed=seed)


def stance_items(records):
    """(items, labels, targets) of every (paragraph, target) pair; items are (text, target, mentions, lang)."""
    items, y, targets = [], [], []
    for r in records:
        for t in r.targets:
            items.append((r.text, t.target, tuple(t.mentions), r.lang))
            y.append(t.stance)
            targets.append(t.target)
    return items, y, targets


def persuasion_items(records):
    """(texts, labels) of records with a persuasion/bias label."""
    rs = [r for r in records if r.label is not None]
    return [Text(r.text, r.lang) for r in rs], [bool(r.label) for r in rs]


_TARGETS = None


def builtin_targets():
    global _TARGETS
    if _TARGETS is None:
        from framing.targets import load_targets

        _TARGETS = load_targets()
    return _TARGETS


def mentioned_flags(items) -> list[bool]:
    """Whether each pair's target is mentioned in its paragraph (the model's own mention finder)."""
    return list(_mentioned(tuple(items)))


@functools.lru_cache(maxsize=32)
def _mentioned(items: tuple) -> tuple:
    from framing.models.features import find_mentions

    ts = builtin_targets()
    return tuple(bool(find_mentions(text, lang, target, ts, mentions)[0]) for text, target, mentions, lang in items)


# -- fitting ------------------------------------------------------------------------------

def make_estimator(task: str, params: dict):
    """A fresh StanceClassifier (with the built-in targets) or PersuasionClassifier."""
    from framing.models import PersuasionClassifier, StanceClassifier

    if task == "stance":
        return StanceClassifier(targets=builtin_targets(), **params)
    if task == "persuasion":
        return PersuasionClassifier(**params)
    raise ValueError(f"task={task!r}; expected 'stance' or 'persuasion'")


def top_features(model, k: int = 20) -> dict[str, list[tuple[str, float]]]:
    """The ``k`` features with the largest weight for each class (against the mean of the others)."""
    names = model.vectorizer.feature_names()
    coef = np.asarray(model.coef)
    out = {}
    for i, cls in enumerate(model.classes):
        if coef.shape[0] == 1:
            w = coef[0] if i == 1 else -coef[0]
        else:
            w = coef[i] - np.delete(coef, i, axis=0).mean(axis=0)
        idx = np.argsort(-w, kind="stable")[:k]
        out[str(cls)] = [(names[j], round(float(w[j]), 4)) for j in idx]
    return out


def _defaults(task: str) -> dict:
    """Plain (str/number/bool/None) default parameters of ``task``'s estimator."""
    from framing.models import PersuasionClassifier, StanceClassifier

    cls = StanceClassifier if task == "stance" else PersuasionClassifier
    return {k: v for k, v in cls().get_params().items() if v is None or isinstance(v, (str, int, float, bool))}


def _fit_predict(task, train_X, train_y, test_X, params, fingerprint):
    """Fit on one fold, predict the other (the unit that joblib caches)."""
    del fingerprint  # part of the cache key only
    est = make_estimator(task, params)
    with timed() as t_fit:
        est.fit(train_X, train_y)
    with timed() as t_pred:
        proba = est.predict_proba(test_X) if len(test_X) else np.zeros((0, len(est.classes_)))
    classes = [str(c) for c in est.classes_]
    return {
        "classes": classes,
        "proba": np.asarray(proba, dtype=np.float64),
        "pred": [classes[i] for i in np.asarray(proba).argmax(axis=1)] if len(test_X) else [],
        "fit_seconds": round(t_fit.seconds, 3),
        "predict_seconds": round(t_pred.seconds, 3),
        "n_features": int(est.model_.vectorizer.n_features),
        "top_features": top_features(est.model_),
    }


@dataclass
class Context:
    """What every script needs: options, the cache, and where to write."""

    quick: bool = False
    data_dir: str | None = None
    out: Path = ROOT / "reports"
    seed: int = SEED
    rounds: int = BOOTSTRAP_ROUNDS
    cache: str | None = None
    skipped: dict = field(default_factory=dict)

    def __post_init__(self):
        from joblib import Memory

        self.out = Path(self.out)
        self.figures = self.out / "figures"
        self.memory = Memory(self.cache, verbose=0) if self.cache else None
        self._fp = code_fingerprint()
        self._fit = self.memory.cache(_fit_predict) if self.memory is not None else _fit_predict
        seed_everything(self.seed)

    @property
    def limit(self) -> int | None:
        return QUICK_LIMIT if self.quick else None

    def load(self, name: str, **kw):
        return load_dataset(name, data_dir=self.data_dir, limit=self.limit, seed=self.seed, skipped=self.skipped, **kw)

    def corpus(self, lang: str, split: str):
        return corpus_split(lang, split, limit=(QUICK_LIMIT if split == "train" else QUICK_LIMIT // 2) if self.quick
                            else None, seed=self.seed)

    def fit_predict(self, task: str, train_X, train_y, test_X, **params) -> dict:
        """Fit ``task``'s model on (train_X, train_y) and predict test_X (cached per fold)."""
        params = {"random_state": self.seed, **params}
        # parameters left at their defaults are dropped, so that equal models share one cache entry
        defaults = _defaults(task)
        params = {k: v for k, v in sorted(params.items()) if k not in defaults or defaults[k] != v or k == "random_state"}
        return self._fit(task, list(train_X), list(train_y), list(test_X), params, self._fp)


def make_parser(doc: str) -> argparse.ArgumentParser:
    """The options every script shares: --quick, --data, --out, --cache, --no-cache, --seed."""
    first = (doc or "").strip().splitlines()[0] if doc else ""
    ap = argparse.ArgumentParser(description=first, epilog="See the module docstring for details.")
    ap.add_argument("--quick", action="store_true", help="a small subsample of every corpus (fast; for tests)")
    ap.add_argument("--data", metavar="DIR", default=None,
                    help="folder holding the real corpora (default: $FRAMING_DATA); absent corpora are skipped")
    ap.add_argument("--out", metavar="DIR", default=str(ROOT / "reports"),
                    help="where results.json and figures/ go (default: reports/)")
    ap.add_argument("--cache", metavar="DIR", default=os.path.join(tempfile.gettempdir(), "framing-experiments-cache"),
                    help="joblib cache of fitted folds (default: a folder in the system temp dir)")
    ap.add_argument("--no-cache", action="store_true", help="fit every fold afresh")
    ap.add_argument("--seed", type=int, default=SEED, help=f"seed of splits, subsamples and models (default {SEED})")
    return ap


def script_main(name: str, doc: str, run, figures=None, argv=None) -> int:
    """The ``main`` of an experiment script: parse the common options, run, record the section, draw.

    ``run(ctx)`` returns the section written under ``name`` in ``reports/results.json``;
    ``figures(section, ctx)``, when given, yields the paths of the figures it wrote.
    """
    ctx = context_from(make_parser(doc).parse_args(argv))
    with timed() as t:
        section = run(ctx)
    section["seconds"] = round(t.seconds, 1)
    update_results(ctx, name, section)
    for path in figures(section, ctx) if figures is not None else ():
        print("wrote", path)
    print(f"{name}: {t.seconds:.1f}s")
    return 0


def context_from(args) -> Context:
    return Context(quick=args.quick, data_dir=args.data, out=Path(args.out), seed=args.seed,
                   rounds=QUICK_ROUNDS if args.quick else BOOTSTRAP_ROUNDS,
                   cache=None if args.no_cache else args.cache)


# -- metrics and curves ------------------------------------------------------------------

def pr_curve(y_true_bin, scores, *, points: int = 60) -> dict:
    """A precision–recall curve thinned to about ``points`` points, with average precision."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    y = np.asarray(y_true_bin, dtype=bool)
    s = np.asarray(scores, dtype=float)
    if len(y) == 0 or y.sum() == 0:
        return {"precision": [], "recall": [], "ap": None, "prevalence": 0.0, "n": int(len(y))}
    p, r, _ = precision_recall_curve(y, s)
    idx = np.unique(np.linspace(0, len(p) - 1, min(points, len(p))).round().astype(int))
    return {"precision": [round(float(v), 4) for v in p[idx]], "recall": [round(float(v), 4) for v in r[idx]],
            "ap": round(float(average_precision_score(y, s)), 4), "prevalence": round(float(y.mean()), 4),
            "n": int(len(y))}


def reliability(correct, confidence, *, bins: int = 10) -> dict:
    """Top-label reliability: mean confidence and accuracy per confidence bin, and the ECE."""
    c = np.asarray(correct, dtype=float)
    p = np.asarray(confidence, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    conf, acc, count = [], [], []
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p > lo) & (p <= hi) if lo > 0 else (p >= lo) & (p <= hi)
        n = int(m.sum())
        count.append(n)
        if n:
            conf.append(round(float(p[m].mean()), 4))
            acc.append(round(float(c[m].mean()), 4))
            ece += n / len(p) * abs(float(p[m].mean()) - float(c[m].mean()))
        else:
            conf.append(None)
            acc.append(None)
    return {"edges": [round(float(e), 2) for e in edges], "confidence": conf, "accuracy": acc, "count": count,
            "ece": round(ece, 4) if len(p) else None}


def _sizes(records, items=None) -> dict:
    out = {"paragraphs": len(records), "documents": len({doc_of(r) for r in records})}
    if items is not None:
        out["pairs"] = len(items)
    return out


def _macro_f1_over(y_true, y_pred, labels, rounds: int, seed: int):
    """Macro-F1 over ``labels`` only, with its 95% bootstrap interval (as stance_metrics computes its own)."""
    from sklearn.metrics import f1_score

    from framing.evaluation import bootstrap_intervals

    yt, yp = np.asarray(y_true), np.asarray(y_pred)

    def fn(idx):
        return {"v": f1_score(yt[idx], yp[idx], labels=labels, average="macro", zero_division=0)}

    value = round(float(fn(np.arange(len(yt)))["v"]), 4)
    interval = bootstrap_intervals(fn, len(yt), rounds=rounds, seed=seed).get("v") if rounds else None
    return value, interval


def stance_result(name: str, train_records, test_records, ctx: Context, *, split: str, lang: str | None = None,
                  params: dict | None = None, fitted: dict | None = None, rounds: int | None = None) -> dict:
    """Fit the stance model on ``train_records``, evaluate on ``test_records``: metrics, intervals, curves."""
    from framing.evaluation import stance_metrics

    Xtr, ytr, _ = stance_items(train_records)
    Xte, yte, tte = stance_items(test_records)
    res = fitted if fitted is not None else ctx.fit_predict("stance", Xtr, ytr, Xte, **(params or {}))
    rounds = ctx.rounds if rounds is None else rounds
    m = stance_metrics(yte, res["pred"], tte, mentioned_flags(Xte), rounds=rounds, seed=ctx.seed)
    present = [c for c in ("FAVOR", "AGAINST", "NONE") if c in set(yte)]
    if len(yte) and len(present) < 3:
        value, interval = _macro_f1_over(yte, res["pred"], present, rounds, ctx.seed)
        m["metrics"]["macro_f1_present"] = value
        if interval:
            m["intervals_95"]["macro_f1_present"] = interval
    proba = np.asarray(res["proba"])
    classes = res["classes"]
    out = {
        "dataset": name,
        "lang": lang,
        "task": "stance",
        "split": split,
        "headline": HEADLINE.get(name.split(":")[0], "macro_f1"),
        "train": _sizes(train_records, Xtr),
        "test": _sizes(test_records, Xte),
        "label_counts": dict(sorted(Counter(yte).items())),
        "majority_share": round(max(Counter(yte).values()) / len(yte), 4) if yte else None,
        **{k: m[k] for k in ("metrics", "intervals_95", "per_class", "confusion_matrix", "per_target")},
        "by_mention": m.get("by_mention", {}),
        "fit_seconds": res.get("fit_seconds"),
        "predict_seconds": res.get("predict_seconds"),
        "n_features": res.get("n_features"),
        "pr_curves": {c: pr_curve([y == c for y in yte], proba[:, i]) for i, c in enumerate(classes)} if len(yte) else {},
        "reliability": reliability([p == y for p, y in zip(res["pred"], yte)], proba.max(axis=1)) if len(yte) else {},
        "top_features": res.get("top_features", {}),
    }
    return out


def persuasion_result(name: str, y_true, pred, proba_true, ctx: Context, *, split: str, lang: str | None = None,
                      sizes: dict | None = None, extra: dict | None = None, rounds: int | None = None) -> dict:
    """Persuasion (or bias) metrics with intervals, confusion matrix and curves, from predictions."""
    from framing.evaluation import persuasion_metrics

    yt = ["true" if v else "false" for v in y_true]
    m = persuasion_metrics(yt, pred, rounds=ctx.rounds if rounds is None else rounds, seed=ctx.seed)
    labels = ["true", "false"]
    confusion = [[sum(1 for t, p in zip(yt, pred) if t == a and p == b) for b in labels] for a in labels]
    pt = np.asarray(proba_true, dtype=float)
    conf = np.where(pt >= 0.5, pt, 1.0 - pt)
    return {
        "dataset": name,
        "lang": lang,
        "task": "persuasion",
        "split": split,
        "headline": HEADLINE.get(name, "macro_f1"),
        **(sizes or {}),
        "label_counts": dict(sorted(Counter(yt).items())),
        "majority_share": round(max(Counter(yt).values()) / len(yt), 4) if yt else None,
        "metrics": m["metrics"],
        "intervals_95": m["intervals_95"],
        "per_class": m["per_class"],
        "confusion_matrix": {"labels": labels, "rows_true_cols_pred": confusion},
        "pr_curves": {"true": pr_curve([v == "true" for v in yt], pt)},
        "reliability": reliability([p == t for p, t in zip(pred, yt)], conf),
        **(extra or {}),
    }


def headline_of(result: dict) -> tuple[str, float, list | None]:
    """(metric name, value, 95% interval) of a result's headline metric."""
    k = result.get("headline", "macro_f1")
    return k, result["metrics"].get(k), result.get("intervals_95", {}).get(k)


# -- results -----------------------------------------------------------------------------

def _clean(obj):
    """JSON-ready: numpy scalars and arrays to Python, tuples to lists."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _clean(obj.tolist())
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    return obj


def update_results(ctx: Context, section: str, data: dict) -> Path:
    """Replace ``section`` of ``<out>/results.json`` with ``data`` (other sections kept), atomically."""
    from framing import __version__
    from framing.fileio import atomic_write

    ctx.out.mkdir(parents=True, exist_ok=True)
    path = ctx.out / "results.json"
    doc = {}
    if path.exists():
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            doc = {}
    doc.setdefault("about", {})
    doc["about"].update({"framing_version": __version__, "commit": git_commit(),
                         "note": "ours: document-grouped dev splits (or our corpus's test split); published "
                                 "references: official test sets (withheld here)"})
    doc[section] = _clean({"quick": ctx.quick, "seed": ctx.seed, "bootstrap_rounds": ctx.rounds,
                           "skipped": dict(ctx.skipped), **data})
    with atomic_write(path) as fh:
        fh.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return path


def read_results(out: Path) -> dict:
    path = Path(out) / "results.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def fmt(value, interval=None, digits: int = 3) -> str:
    """``0.712 [0.680, 0.741]`` (or ``–`` for a missing value)."""
    if value is None:
        return "–"
    s = f"{value:.{digits}f}"
    if interval:
        s += f" [{interval[0]:.{digits}f}, {interval[1]:.{digits}f}]"
    return s
