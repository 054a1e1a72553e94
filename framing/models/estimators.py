"""scikit-learn estimators: target-aware stance and paragraph persuasion.

Both follow the scikit-learn contract (parameters stored unchanged in
``__init__``, validated in ``fit``, fitted state ending in ``_``), so they work
with ``clone``, ``GridSearchCV`` and ``GroupKFold``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..text.lang import detect_language
from .features import ParagraphView, find_mentions, paragraph_features, stance_features
from .linear import LinearModel

__all__ = ["PersuasionClassifier", "StanceClassifier", "as_stance_items"]

STANCE_CLASSES = ("AGAINST", "FAVOR", "NONE")


def as_stance_items(X):
    """Normalize inputs to (text, target, mentions, lang) tuples.

    Accepts (text, target), (text, target, mentions) and (text, target,
    mentions, lang) tuples, or (Record, TargetLabel) pairs.
    """
    items = []
    for i, x in enumerate(X):
        if hasattr(x, "__len__") and len(x) == 2 and hasattr(x[0], "text") and hasattr(x[1], "target"):
            r, t = x
            items.append((r.text, t.target, tuple(t.mentions), r.lang))
            continue
        if isinstance(x, str) or not hasattr(x, "__len__") or not 2 <= len(x) <= 4:
            raise ValueError(
                f"StanceClassifier expects (text, target) pairs; item {i} is {type(x).__name__}"
            )
        text, target = x[0], x[1]
        mentions = tuple(x[2]) if len(x) > 2 and x[2] is not None else ()
        lang = x[3] if len(x) > 3 and x[3] else None
        if not isinstance(text, str) or not isinstance(target, str) or not target.strip():
            raise ValueError(f"item {i}: text and a non-empty target name must be strings")
        items.append((text, target, mentions, lang))
    return items


class _Base(ClassifierMixin, BaseEstimator):
    def _setup(self):
        from ..cues import CueExtractor
        from ..lexicon import load_lexicon

        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise ValueError(f"C={self.C!r} must be a positive number")
        if not (isinstance(self.min_df, int) and self.min_df >= 1):
            raise ValueError(f"min_df={self.min_df!r} must be a whole number >= 1")
        if not (self.use_words or self.use_chars or self.use_cues):
            raise ValueError("at least one of use_words, use_chars, use_cues must be True")
        self._extractor = CueExtractor(self.lexicon if self.lexicon is not None else load_lexicon())
        self._views = {}

    def _view(self, text, lang):
        key = (text, lang)
        v = self._views.get(key)
        if v is None:
            if len(self._views) > 50_000:
                self._views.clear()
            v = self._views[key] = ParagraphView.build(text, lang or detect_language(text), self._extractor)
        return v

    def _select(self, feats):
        out = {}
        if self.use_words:
            out["w"] = feats["w"]
        if self.use_chars:
            out["c"] = feats["c"]
        f = feats["f"]
        if not self.use_cues:
            f = {k: v for k, v in f.items() if not (k.startswith("f:cue:") or k.startswith("f:tsent:") or k.startswith("f:twin:"))}
        out["f"] = f
        return out

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_extractor", None)
        state.pop("_views", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        if "model_" in state:
            self._setup()

    def predict(self, X):
        proba = self.predict_proba(X)
        return np.asarray(self.classes_)[proba.argmax(axis=1)]


class StanceClassifier(_Base):
    """Stance (FAVOR / AGAINST / NONE) of a paragraph toward a target.

    One model serves every target: the target's mentions are replaced by a
    placeholder so that it learns how a text treats "the target", and window,
    cue and agency features are computed relative to those mentions.

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression.
    min_df : int, default=2
        Drop word and character n-grams seen in fewer training paragraphs.
    max_char_features : int, default=150000
        Keep at most this many character n-grams (by document frequency).
    use_words, use_chars, use_cues, use_target : bool, default=True
        Feature groups (for ablations). ``use_target=False`` gives every target
        of a paragraph the same features.
    target_min_count : int, default=50
        Targets with at least this many training pairs also get words crossed
        with their identity (corpora with a few fixed targets); 0 turns it off.
    class_weight : "balanced" or None, default="balanced"
    lexicon : Lexicon or None
        Cue lexicon (default: the built-in one).
    targets : TargetSet or None
        Known targets, to find mentions of the target and of the others.
    random_state : int, default=0

    Examples
    --------
    >>> X = [("The senator praised Acme's plan.", "Acme"), ("Acme's plan is a disgrace, critics said.", "Acme"),
    ...      ("Acme published its plan on Monday.", "Acme")] * 4
    >>> y = ["FAVOR", "AGAINST", "NONE"] * 4
    >>> clf = StanceClassifier(min_df=1).fit(X, y)
    >>> str(clf.predict([("Acme's plan is a disgrace, critics said.", "Acme")])[0])
    'AGAINST'
    """

    def __init__(self, *, C=1.0, min_df=2, max_char_features=150_000, use_words=True, use_chars=True,
                 use_cues=True, use_target=True, target_min_count=50, class_weight="balanced", lexicon=None,
                 targets=None, random_state=0):
        self.C = C
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.use_words = use_words
        self.use_chars = use_chars
        self.use_cues = use_cues
        self.use_target = use_target
        self.target_min_count = target_min_count
        self.class_weight = class_weight
        self.lexicon = lexicon
        self.targets = targets
        self.random_state = random_state

    def features(self, item) -> dict:
        text, target, mentions, lang = item
        view = self._view(text, lang)
        if not self.use_target:
            return self._select(paragraph_features(view))
        spans, others = find_mentions(text, view.lang, target, self.targets, mentions)
        feats = self._select(stance_features(view, spans, others))
        if target in getattr(self, "frequent_targets_", ()):
            # closed-target regime: words crossed with a target seen often in training
            key = target.replace(" ", "_")
            feats["x"] = {f"x:{key}|{k[2:]}": v for k, v in feats.get("w", {}).items()}
            feats["f"] = dict(feats["f"], **{f"f:target:{key}": 1.0})
        return feats

    def fit(self, X, y):
        self._setup()
        items = as_stance_items(X)
        y = [str(v).upper() for v in y]
        if len(items) != len(y):
            raise ValueError(f"X has {len(items)} items but y has {len(y)} labels")
        bad = sorted(set(y) - set(STANCE_CLASSES))
        if bad:
            raise ValueError(f"unknown stance label(s) {bad}; expected FAVOR, AGAINST, NONE")
        counts = {}
        for it in items:
            counts[it[1]] = counts.get(it[1], 0) + 1
        self.frequent_targets_ = frozenset(
            t for t, n in counts.items() if self.target_min_count and n >= self.target_min_count
        )
        docs = [self.features(it) for it in items]
        self.model_ = LinearModel.fit("stance", docs, y, C=self.C, class_weight=self.class_weight,
                                      min_df=self.min_df, max_features={"c": self.max_char_features},
                                      random_state=self.random_state)
        self.classes_ = np.asarray(self.model_.classes)
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        docs = [self.features(it) for it in as_stance_items(X)]
        return self.model_.predict_proba(docs)

    def explain(self, item, cls=None, top=8):
        """Top contributing features of one (text, target) pair for ``cls`` (default: the prediction)."""
        check_is_fitted(self, "model_")
        (it,) = as_stance_items([item])
        doc = self.features(it)
        if cls is None:
            cls = str(self.classes_[self.model_.predict_proba([doc]).argmax()])
        return [c for c in self.model_.contributions(doc, cls) if c[1] > 0][:top]


class PersuasionClassifier(_Base):
    """Does a paragraph use persuasion techniques? (binary; also for BABE's biased / non-biased).

    Parameters are those of :class:`StanceClassifier` without the target ones.
    """

    def __init__(self, *, C=1.0, min_df=2, max_char_features=150_000, use_words=True, use_chars=True,
                 use_cues=True, class_weight="balanced", lexicon=None, random_state=0):
        self.C = C
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.use_words = use_words
        self.use_chars = use_chars
        self.use_cues = use_cues
        self.class_weight = class_weight
        self.lexicon = lexicon
        self.random_state = random_state

    def _texts(self, X):
        out = []
        for i, x in enumerate(X):
            if isinstance(x, str):
                out.append((x, None))
            elif hasattr(x, "text"):
                out.append((x.text, getattr(x, "lang", None)))
            else:
                raise ValueError(f"PersuasionClassifier expects texts; item {i} is {type(x).__name__}")
        return out

    def features(self, text, lang=None) -> dict:
        return self._select(paragraph_features(self._view(text, lang)))

    def fit(self, X, y):
        self._setup()
        texts = self._texts(X)
        y = [bool(v) if not isinstance(v, str) else v.lower() in ("true", "1", "yes") for v in y]
        if len(texts) != len(y):
            raise ValueError(f"X has {len(texts)} items but y has {len(y)} labels")
        if len(set(y)) < 2:
            raise ValueError("the training labels hold one class only; persuasion needs both true and false")
        docs = [self.features(t, lg) for t, lg in texts]
        labels = ["true" if v else "false" for v in y]
        self.model_ = LinearModel.fit("persuasion", docs, labels, C=self.C, class_weight=self.class_weight,
                                      min_df=self.min_df, max_features={"c": self.max_char_features},
                                      random_state=self.random_state)
        self.classes_ = np.asarray(self.model_.classes)
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        return self.model_.predict_proba([self.features(t, lg) for t, lg in self._texts(X)])
