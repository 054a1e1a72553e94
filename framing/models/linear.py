"""A sparse linear text model that predicts with NumPy alone, and its safe file format.

Training uses scikit-learn's :class:`~sklearn.linear_model.LogisticRegression`;
what is kept is plain arrays (vocabularies, IDF, coefficients), so that a
saved model loads without pickle, without scikit-learn, in milliseconds, and
keeps working across scikit-learn upgrades.

File format (``framing-model/1``, or ``framing-model/1.1`` for models with a
``t`` block or feature settings, or ``framing-model/1.2`` for files whose models
share blocks: see :data:`FORMATS`): one ``.npz`` archive read with
``allow_pickle=False``. Array ``__meta__`` holds UTF-8 JSON (format version,
models, vocabularies, classes, versions, SHA-256 of every array); the other
arrays are named ``<model>/<part>``. Loading checks the format version, every
checksum and every shape, and refuses anything else with a clear message.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import zipfile
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..errors import ModelError

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = ["FORMAT", "Counts", "LinearModel", "Row", "Vectorizer", "blend_svm", "load_models", "save_models"]

FORMAT = "framing-model/1"
#: ``framing-model/1.1`` adds the TF-IDF window block ``t`` and per-model feature settings
#: (``"features"``: e.g. the window size); it is written only for models that use them, so that
#: files that need neither stay ``framing-model/1``, and an older framing refuses 1.1 files
#: instead of predicting from features it would build differently.
FORMAT_1_1 = "framing-model/1.1"
#: ``framing-model/1.2`` adds blocks shared between the models of one file (``"shared_blocks":
#: {"w": "stance-ar", ...}``: that model's vocabulary and IDF, stored once) and the persuasion
#: setting ``mask_targets``; written only for files that use them.
FORMAT_1_2 = "framing-model/1.2"
#: Formats this version reads.
FORMATS = (FORMAT, FORMAT_1_1, FORMAT_1_2)
TFIDF_BLOCKS = ("w", "c", "x", "t")
#: Metadata key holding the SHA-256 of the rest of the metadata (files written before it existed lack it).
META_SHA_KEY = "meta_sha256"
#: A model file whose arrays unpack to more than this is refused (a zip bomb, not a model).
MAX_MODEL_BYTES = 1 << 30
#: Class labels each task's models predict (sorted, as scikit-learn keeps them).
TASK_CLASSES = {"stance": frozenset({"FAVOR", "AGAINST", "NONE"}), "persuasion": frozenset({"false", "true"})}


#: ``1 + log(n)`` for the counts n that n-gram features have, computed with ``math.log``.
_LOG_TABLE = np.array([0.0] + [1.0 + math.log(i) for i in range(1, 1024)])


def _sublinear_tf(counts: np.ndarray) -> np.ndarray:
    """``1 + log(count)`` of each value, exactly as ``math.log`` gives it."""
    small = counts.astype(np.int64)
    if len(small) and 0 < small.min() and small.max() < len(_LOG_TABLE) and (small == counts).all():
        return _LOG_TABLE[small]
    return np.array([1.0 + math.log(v) for v in counts.tolist()], dtype=np.float64)


class Row(NamedTuple):
    """One document's features: column indices and values (as a CSR matrix row holds them)."""

    indices: np.ndarray
    data: np.ndarray


class Counts(NamedTuple):
    """A block given as counts of its columns in one vectorizer's vocabulary (distinct, in-vocabulary columns).

    What :func:`framing.models.features.char_counts` makes for prediction: the
    same values as the block's ``{name: count}`` dictionary, without the names.
    """

    cols: np.ndarray
    counts: np.ndarray


class Vectorizer:
    """Feature dictionaries -> a CSR matrix, block by block.

    ``w`` and ``c`` blocks are TF-IDF weighted (sublinear tf, smooth idf,
    l2-normalized per block); the ``f`` block keeps its values.
    """

    def __init__(self, vocab=None, idf=None, block_weights=None):
        self.vocab: dict[str, dict[str, int]] = vocab or {}
        self.idf: dict[str, np.ndarray] = idf or {}
        self.block_weights = block_weights or {"w": 1.0, "c": 1.0, "x": 1.0, "f": 1.0}
        self._offsets()

    def _offsets(self):
        self.offsets = {}
        pos = 0
        for b in sorted(self.vocab):
            self.offsets[b] = pos
            pos += len(self.vocab[b])
        self.n_features = pos
        self._plan = None

    def _blocks(self):
        """(block, vocabulary, offset, IDF or None, weight) in column order, made once."""
        if self._plan is None:
            self._plan = [(b, self.vocab[b], self.offsets[b],
                           np.asarray(self.idf[b], dtype=np.float64) if b in TFIDF_BLOCKS else None,
                           self.block_weights.get(b, 1.0))
                          for b in sorted(self.vocab)]
        return self._plan

    def fit(self, docs: list[dict], *, min_df: int = 2, max_features: dict | None = None, fixed: dict | None = None):
        """Learn each block's vocabulary (and IDF) from ``docs``.

        ``fixed`` maps blocks to ``(vocabulary, IDF)`` taken as they are (another
        model's: see :class:`~framing.models.estimators.PersuasionClassifier`);
        those blocks are not learned, and their objects are shared, not copied.
        """
        max_features = max_features or {}
        fixed = fixed or {}
        blocks = sorted({b for d in docs for b in d} - set(fixed))
        n = len(docs)
        for b, (vocab, idf) in fixed.items():
            if b not in TFIDF_BLOCKS or len(idf) != len(vocab):
                raise ValueError(f"a fixed block must be a TF-IDF block with one IDF per feature, not {b!r}")
            self.vocab[b], self.idf[b] = vocab, idf
        for b in blocks:
            df = {}
            for d in docs:
                for k in d.get(b, ()):
                    df[k] = df.get(k, 0) + 1
            keep = [(k, v) for k, v in df.items() if v >= (min_df if b in TFIDF_BLOCKS else 1)]
            cap = max_features.get(b)
            if cap and len(keep) > cap:
                keep.sort(key=lambda kv: (-kv[1], kv[0]))
                keep = keep[:cap]
            names = sorted(k for k, _ in keep)
            self.vocab[b] = {k: i for i, k in enumerate(names)}
            if b in TFIDF_BLOCKS:
                self.idf[b] = np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in names], dtype=np.float64)
        self._offsets()
        return self

    def transform(self, docs: list[dict]) -> "sp.csr_matrix":
        """The documents as a CSR matrix (one row each): what training and :meth:`LinearModel.decision` use."""
        import scipy.sparse as sp  # only here: scoring predicts from rows and never imports SciPy

        rows = self.rows(docs)
        indptr = np.concatenate([[0], np.cumsum([len(r.indices) for r in rows])]).astype(np.int64)
        return sp.csr_matrix(
            (np.concatenate([r.data for r in rows]) if rows else np.zeros(0, dtype=np.float64),
             np.concatenate([r.indices for r in rows]) if rows else np.zeros(0, dtype=np.int64), indptr),
            shape=(len(docs), self.n_features),
        )

    def share_blocks(self, others) -> None:
        """Remember computed blocks together with ``others`` (prediction).

        Models that share a block's vocabulary and IDF (see ``fixed`` in
        :meth:`fit`) and get the very same feature object for it (a paragraph's
        words, shared by its persuasion and stance features) compute its values
        once: the last few such blocks are kept, by object, vocabulary and weight.
        """
        memo = self.__dict__.setdefault("_memo", {})
        for v in others:
            v._memo = memo

    def rows(self, docs: list[dict]) -> list["Row"]:
        """The documents' rows as (columns, values) arrays, without building a matrix (prediction).

        A block that is the same object in several documents is computed once
        (and in other models' rows too: :meth:`share_blocks`).
        """
        out = []
        done: dict[tuple[str, int], tuple] = {}
        memo = self.__dict__.get("_memo")
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        for d in docs:
            indices, data = [], []
            for b, vocab, off, idf, w in self._blocks():
                feats = d.get(b)
                if not feats:
                    continue
                got = done.get((b, id(feats)))
                if got is None:
                    if memo is not None and b in ("w", "c"):
                        key = (id(feats), id(vocab), id(idf), w)
                        kept = memo.get(key)
                        if kept is None:
                            if len(memo) >= 64:
                                memo.clear()
                            kept = memo[key] = (feats, vocab, idf, self._block(feats, vocab, 0, idf, w))  # kept alive
                        cols, vals = kept[3]
                        got = (feats, (cols if cols is None or not off else cols + off, vals))
                    else:
                        got = (feats, self._block(feats, vocab, off, idf, w))  # feats kept alive
                    done[(b, id(feats))] = got
                cols, vals = got[1]
                if cols is not None:
                    indices.append(cols)
                    data.append(vals)
            if len(indices) > 1:
                out.append(Row(np.concatenate(indices), np.concatenate(data)))
            else:
                out.append(Row(*(indices[0], data[0]) if indices else empty))
        return out

    @staticmethod
    def _block(feats, vocab, off, idf, w):
        if isinstance(feats, Counts):  # already columns of this vocabulary
            cols, vals = feats.cols, feats.counts
            if not len(cols):
                return None, None
        else:
            cols = np.fromiter(map(vocab.get, feats, repeat(-1)), dtype=np.int64, count=len(feats))
            vals = np.fromiter(feats.values(), dtype=np.float64, count=len(feats))
            keep = (cols >= 0) & (vals != 0)
            if not keep.all():
                if not keep.any():
                    return None, None
                cols, vals = cols[keep], vals[keep]
        if idf is not None:
            if isinstance(feats, Counts) and len(vals) and vals.max() < len(_LOG_TABLE):
                vals = _LOG_TABLE[vals.astype(np.int64)] * idf[cols]  # counts: whole numbers from 1
            else:
                vals = _sublinear_tf(vals) * idf[cols]
            norm = math.sqrt(float(vals @ vals)) or 1.0
            vals = w * vals / norm
        elif w != 1.0:
            vals = w * vals
        return cols + off, vals

    def feature_names(self) -> list[str]:
        names = [""] * self.n_features
        for b, vocab in self.vocab.items():
            off = self.offsets[b]
            for k, i in vocab.items():
                names[off + i] = k
        return names


class LinearModel:
    """Classes, a vectorizer and linear weights: predicts with NumPy only."""

    def __init__(self, task: str, classes, vectorizer: Vectorizer, coef: np.ndarray, intercept: np.ndarray, info=None,
                 features=None):
        self.task = task
        self.classes = list(classes)
        self.vectorizer = vectorizer
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.info = dict(info or {})
        #: Feature settings the predictor must use (e.g. ``{"window": 10, "window_block": true}``).
        self.features = dict(features or {})

    def decision(self, X: "sp.csr_matrix") -> np.ndarray:
        return np.asarray(X @ self.coef.T) + self.intercept

    def predict_proba_rows(self, rows: list["Row"]) -> np.ndarray:
        """Probabilities of rows made by :meth:`Vectorizer.rows` (the same as :meth:`predict_proba`)."""
        coef_t = self.__dict__.get("_coef_t")
        if coef_t is None:  # one row of weights per feature: a row's weights are one contiguous gather
            coef_t = self._coef_t = np.ascontiguousarray(self.coef.T)
        take = coef_t.take  # (a row gather with take: a few times faster than fancy indexing, the same values)
        z = np.array([r.data @ take(r.indices, axis=0) for r in rows]).reshape(len(rows), -1) + self.intercept
        return self._proba(z)

    def predict_proba_matrix(self, X: "sp.csr_matrix") -> np.ndarray:
        return self._proba(self.decision(X))

    def _proba(self, z: np.ndarray) -> np.ndarray:
        if self.coef.shape[0] == 1:  # binary logistic regression
            p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict_proba(self, docs: list[dict]) -> np.ndarray:
        return self.predict_proba_rows(self.vectorizer.rows(docs))

    def contributions(self, doc: dict, cls: str, *, x: "sp.csr_matrix | None" = None) -> list[tuple[str, float]]:
        """Per-feature contribution to ``cls`` against the average of the others.

        ``x`` is ``doc`` already transformed (a one-row matrix), when the caller has it.
        """
        if x is None:
            x = self.vectorizer.transform([doc])
        w = self._class_weights(cls)
        names = self.vectorizer.feature_names() if not hasattr(self, "_names") else self._names
        self._names = names
        values = x.data * w[x.indices]
        order = np.lexsort((x.indices, -values))  # by descending value, ties by column: independent of key order
        columns = x.indices[order].tolist()
        return [(names[j], v) for j, v in zip(columns, values[order].tolist())]

    def _class_weights(self, cls: str) -> np.ndarray:
        """The weights of ``cls`` minus the mean weights of the other classes (made once per class)."""
        cache = self.__dict__.setdefault("_weights_of", {})
        if cls not in cache:
            k = self.classes.index(cls)
            if self.coef.shape[0] == 1:
                cache[cls] = self.coef[0] if k == 1 else -self.coef[0]
            else:
                others = [i for i in range(len(self.classes)) if i != k]
                cache[cls] = self.coef[k] - self.coef[others].mean(axis=0)
        return cache[cls]

    @classmethod
    def fit(cls, task, docs, y, *, C=1.0, class_weight="balanced", min_df=2, max_features=None, random_state=0,
            block_weights=None, info=None, features=None, svm_weight=0.0, fixed=None):
        """Fit a logistic regression on ``docs`` (feature dictionaries).

        ``svm_weight`` > 0 blends in a linear SVM (:func:`blend_svm`): still one linear model.
        ``fixed``: blocks whose vocabulary and IDF are given (see :meth:`Vectorizer.fit`).
        """
        from sklearn.linear_model import LogisticRegression

        vec = Vectorizer(block_weights=block_weights).fit(docs, min_df=min_df, max_features=max_features, fixed=fixed)
        X = vec.transform(docs)
        clf = LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, random_state=random_state)
        clf.fit(X, y)
        coef, intercept = clf.coef_, clf.intercept_
        if svm_weight:
            coef, intercept = blend_svm(X, y, clf, svm_weight, C=C, class_weight=class_weight,
                                        random_state=random_state)
        return cls(task, [str(c) for c in clf.classes_], vec, coef, intercept, info, features)


#: The linear SVM of :func:`blend_svm` uses ``C`` times this (a stronger regularisation than the
#: logistic regression's: hinge-loss weights grow faster with C).
SVM_C_SHARE = 1.0 / 3.0


def blend_svm(X, y, clf, weight: float, *, C=1.0, class_weight="balanced", random_state=0):
    """Weights of ``(1 - weight) * logistic + weight * k * SVM`` decision values, as one linear model.

    A one-vs-rest :class:`~sklearn.svm.LinearSVC` (``C * SVM_C_SHARE``) is fitted on the same
    matrix; ``k`` rescales its decision values to the spread of the logistic regression's on the
    training matrix, so that the blend is a soft vote of the two on one scale. Decision values
    are linear in the features, so the vote folds into one coefficient matrix and intercept: the
    saved model, its explanations and the predictor stay those of a single linear model.
    """
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=C * SVM_C_SHARE, class_weight=class_weight, random_state=random_state, max_iter=10000)
    svm.fit(X, y)
    if list(svm.classes_) != list(clf.classes_):
        raise ValueError("the SVM and the logistic regression disagree on the classes")
    spread_lr = float(np.std(clf.decision_function(X)))
    spread_svm = float(np.std(svm.decision_function(X)))
    k = spread_lr / spread_svm if spread_svm > 0 else 1.0
    w = float(weight)
    return (1.0 - w) * clf.coef_ + w * k * svm.coef_, (1.0 - w) * clf.intercept_ + w * k * svm.intercept_


# -- file format ---------------------------------------------------------------

def _sha(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def save_models(path, models: dict[str, LinearModel], meta: dict | None = None) -> None:
    """Write models to one ``.npz`` file atomically (temporary file, then rename)."""
    from ..fileio import atomic_write

    arrays: dict[str, np.ndarray] = {}
    entries = {}
    owners: dict[tuple[int, int], str] = {}  # (vocabulary, IDF) objects -> the model that stores them
    for key, m in models.items():
        vec = m.vectorizer
        shared = {b: owners[(id(v), id(vec.idf.get(b)))] for b, v in vec.vocab.items()
                  if (id(v), id(vec.idf.get(b))) in owners and b in TFIDF_BLOCKS}
        for b, v in vec.vocab.items():
            if b not in shared:
                owners.setdefault((id(v), id(vec.idf.get(b))), key)
        parts = {"coef": m.coef.astype(np.float32), "intercept": m.intercept.astype(np.float64)}
        for b, idf in vec.idf.items():
            if b not in shared:
                parts[f"idf_{b}"] = idf.astype(np.float64)
        for name, arr in parts.items():
            arrays[f"{key}/{name}"] = arr
        entries[key] = {
            "task": m.task,
            "classes": m.classes,
            "vocab": {b: sorted(v, key=v.get) for b, v in vec.vocab.items() if b not in shared},
            "block_weights": vec.block_weights,
            "info": m.info,
            "shapes": {name: list(arr.shape) for name, arr in parts.items()},
        }
        if shared:
            entries[key]["shared_blocks"] = shared
        if m.features:
            entries[key]["features"] = m.features
    newest = any("shared_blocks" in e or (e.get("features") or {}).get("mask_targets") for e in entries.values())
    newer = any(m.features or "t" in m.vectorizer.vocab for m in models.values())
    doc = {**(meta or {}), "format": FORMAT_1_2 if newest else FORMAT_1_1 if newer else FORMAT, "models": entries}
    doc.pop(META_SHA_KEY, None)
    doc["sha256"] = {k: _sha(a) for k, a in arrays.items()}
    doc = json.loads(json.dumps(doc))  # as it will read back (string keys, lists for tuples)
    doc[META_SHA_KEY] = _meta_sha(doc)
    raw = json.dumps(doc, ensure_ascii=False)
    try:
        data = raw.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (e.g. an undecodable file name in the recipe)
        data = json.dumps(doc).encode("ascii")
    arrays["__meta__"] = np.frombuffer(data, dtype=np.uint8)
    buf = io.BytesIO()
    # What np.savez_compressed writes, minus the clock: the same models give the same bytes.
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for key, arr in arrays.items():
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fid:
                np.lib.format.write_array(fid, np.asanyarray(arr), allow_pickle=False)
    with atomic_write(path, "wb", encoding=None) as fh:
        fh.write(buf.getvalue())


def _meta_sha(doc: dict) -> str:
    rest = {k: v for k, v in doc.items() if k != META_SHA_KEY}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, ensure_ascii=True).encode("ascii")).hexdigest()


def load_models(path, *, expect_task: str | None = None) -> tuple[dict[str, LinearModel], dict]:
    """Read a model file, checking format, checksums and shapes; never runs code from it.

    Raises
    ------
    ModelError
        For anything that is not an intact framing model file of a known format.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            head = fh.read(4)
    except FileNotFoundError:
        raise ModelError("no such model file", source=name) from None
    except OSError as exc:
        raise ModelError(f"cannot be read ({exc.strerror or exc})", source=name) from None
    if head[:2] == b"\x80\x04" or head[:1] == b"\x80":
        raise ModelError("is a Python pickle, not a framing model; pickles are never loaded (they can run code)",
                         source=name)
    if head != b"PK\x03\x04":
        raise ModelError("is not a framing model file (expected a .npz archive)", source=name)
    damaged = dict(source=name, hint="rebuild it with 'framing train' or remove it")
    try:
        with zipfile.ZipFile(name) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
        if unpacked > MAX_MODEL_BYTES:
            raise ModelError(f"unpacks to {unpacked:,} bytes, more than any framing model", **damaged)
        with np.load(name, allow_pickle=False) as z:
            files = set(z.files)
            if "__meta__" not in files:
                raise ModelError("has no framing metadata (not a framing model)", source=name)
            meta = json.loads(bytes(z["__meta__"]).decode("utf-8"))
            arrays = {k: z[k] for k in files if k != "__meta__"}
    except ModelError:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, KeyError, UnicodeDecodeError, json.JSONDecodeError,
            RecursionError) as exc:
        raise ModelError(f"is damaged or truncated ({type(exc).__name__})", **damaged) from None
    if not isinstance(meta, dict) or meta.get("format") not in FORMATS:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ModelError(f"has model format {found!r}; this framing reads {' or '.join(map(repr, FORMATS))}",
                         source=name,
                         hint="retrain the model with this version of framing")
    if META_SHA_KEY in meta and meta[META_SHA_KEY] != _meta_sha(meta):
        raise ModelError("its metadata fails its checksum (the file was edited or damaged)", **damaged)
    sums = meta.get("sha256")
    if not isinstance(sums, dict) or set(sums) != set(arrays):
        raise ModelError("its arrays do not match its metadata", **damaged)
    for k, a in arrays.items():
        if _sha(a) != sums[k]:
            raise ModelError(f"array {k!r} fails its checksum (the file was changed or damaged)", **damaged)
    entries = meta.get("models")
    if not isinstance(entries, dict):
        raise ModelError("its metadata has no 'models' object", **damaged)
    # models whose blocks are all their own first, then those sharing one's blocks (stored once: the same objects)
    sharing = {k for k, e in entries.items() if isinstance(e, dict) and "shared_blocks" in e}
    own = {k: _model_from(k, e, arrays, damaged) for k, e in entries.items() if k not in sharing}
    models = {k: own[k] if k in own else _model_from(k, e, arrays, damaged, own) for k, e in entries.items()}
    if not models:
        raise ModelError("holds no models", source=name)
    if expect_task is not None and not any(m.task == expect_task for m in models.values()):
        tasks = sorted({m.task for m in models.values()})
        raise ModelError(f"is a {'/'.join(tasks)} model, not a {expect_task} model", source=name)
    return models, meta


def _model_from(key, e, arrays: dict, damaged: dict, loaded: dict | None = None) -> LinearModel:
    """One model of a file, after checking that its metadata fits its arrays.

    ``loaded``: the file's models whose blocks are all their own, which ``shared_blocks`` may name.
    """

    def bad(problem):
        raise ModelError(f"model {key!r}: {problem}", **damaged)

    def strings(v):
        return isinstance(v, list) and all(isinstance(x, str) for x in v) and len(set(v)) == len(v)

    if not isinstance(e, dict):
        bad("its metadata is not an object")
    task, classes, vocab_lists = e.get("task"), e.get("classes"), e.get("vocab")
    if not isinstance(task, str):
        bad("has no task name")
    if not strings(classes) or len(classes) < 2 or classes != sorted(classes):
        bad(f"classes {classes!r} are not two or more distinct names in order")
    if task in TASK_CLASSES and not set(classes) <= TASK_CLASSES[task]:
        bad(f"classes {classes!r} are not {task} labels")
    if not isinstance(vocab_lists, dict) or not all(strings(v) for v in vocab_lists.values()):
        bad("its vocabulary is not lists of distinct feature names")
    weights = e.get("block_weights")
    if weights is not None and not (
        isinstance(weights, dict)
        and all(isinstance(w, (int, float)) and not isinstance(w, bool) and math.isfinite(w) for w in weights.values())
    ):
        bad("its block weights are not numbers")
    if not isinstance(e.get("info"), (dict, type(None))):
        bad("its info is not an object")
    features = e.get("features")
    if features is not None and not (
        isinstance(features, dict)
        and all(isinstance(v, (int, float, str, bool)) and not (isinstance(v, float) and not math.isfinite(v))
                for v in features.values())
    ):
        bad("its feature settings are not an object of plain values")
    shared = e.get("shared_blocks") or {}
    if not isinstance(shared, dict) or set(shared) & set(vocab_lists) or not set(shared) <= set(TFIDF_BLOCKS):
        bad("its shared blocks must be TF-IDF blocks that it does not also store itself")
    vocab = {b: {t: i for i, t in enumerate(names)} for b, names in vocab_lists.items()}
    try:
        coef, intercept = arrays[f"{key}/coef"], arrays[f"{key}/intercept"]
        idf = {b: arrays[f"{key}/idf_{b}"] for b in vocab if b in TFIDF_BLOCKS}
    except KeyError as exc:
        bad(f"is incomplete (no array {exc})")
    for b, owner in shared.items():
        other = (loaded or {}).get(owner) if isinstance(owner, str) else None
        if other is None or b not in other.vectorizer.vocab:
            bad(f"its block {b!r} is shared with {owner!r}, which is not a model of this file with that block")
        vocab[b], idf[b] = other.vectorizer.vocab[b], other.vectorizer.idf[b]  # the same objects
    for part, a in [("coef", coef), ("intercept", intercept)] + [(f"idf_{b}", a) for b, a in idf.items()]:
        if a.dtype.kind != "f" or not np.isfinite(a).all():
            bad(f"array {part!r} is not finite floating-point numbers")
    vec = Vectorizer(vocab, idf, weights)
    n_cls = len(classes)
    rows = coef.shape[0] if coef.ndim == 2 else -1
    # binary logistic regression keeps one row of weights; otherwise one row per class
    if rows not in ((1, 2) if n_cls == 2 else (n_cls,)) or coef.shape[1] != vec.n_features or intercept.shape != (rows,):
        bad(f"weights of shape {coef.shape} and {intercept.shape} do not fit {vec.n_features} features "
            f"and {n_cls} classes")
    for b, a in idf.items():
        if a.shape != (len(vocab[b]),):
            bad(f"IDF of block {b!r} does not match its vocabulary")
    return LinearModel(task, classes, vec, coef, intercept, e.get("info"), features)
