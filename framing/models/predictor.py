"""Prediction without scikit-learn: what ``score`` and ``report`` use.

The stance and persuasion estimators (:mod:`framing.models.estimators`) train
with scikit-learn; their features and predictions live here, so that a saved
model predicts with NumPy alone and ``framing score`` never imports
scikit-learn (a second of start-up saved).
"""

from __future__ import annotations

import numpy as np

from ..text.lang import detect_language
from .features import (WINDOW, ParagraphView, crossed_word_columns, find_mentions, masked_paragraph_features,
                       paragraph_features, stance_features, stance_features_many)

__all__ = ["PersuasionPredictor", "StancePredictor", "as_stance_items"]

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


def _crossed_counts(words: dict, columns: dict):
    """The ``x`` block of word features ``words`` for one target, as column counts (:func:`crossed_word_columns`).

    The same values as ``{f"x:{key}|{k[2:]}": v for k, v in words.items()}``
    gives the vectorizer: where ``w:foo`` and ``s:foo`` both cross to ``x:KEY|foo``,
    the later one's value.
    """
    from .linear import Counts

    got: dict[int, float] = {}
    get = columns.get
    for k, v in words.items():
        j = get(k)
        if j is not None:
            got[j] = v
    return Counts(np.fromiter(got.keys(), dtype=np.int64, count=len(got)),
                  np.fromiter(got.values(), dtype=np.float64, count=len(got)))


class _FeatureBase:
    """Feature extraction and prediction shared by estimators and predictors (no scikit-learn)."""

    def _setup(self):
        from ..cues import CueExtractor
        from ..lexicon import load_lexicon

        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise ValueError(f"C={self.C!r} must be a positive number")
        if not (isinstance(self.min_df, int) and self.min_df >= 1):
            raise ValueError(f"min_df={self.min_df!r} must be a whole number >= 1")
        if not (self.use_words or self.use_chars or self.use_cues):
            raise ValueError("at least one of use_words, use_chars, use_cues must be True")
        window = getattr(self, "window", WINDOW)
        if not (isinstance(window, int) and not isinstance(window, bool) and 1 <= window <= 100):
            raise ValueError(f"window={window!r} must be a whole number from 1 to 100")
        fw = getattr(self, "feature_weight", 1.0)
        if not (isinstance(fw, (int, float)) and not isinstance(fw, bool) and 0 < fw < float("inf")):
            raise ValueError(f"feature_weight={fw!r} must be a positive number")
        self._extractor = CueExtractor(self.lexicon if self.lexicon is not None else load_lexicon())
        self._views = {}

    def share_views(self, other) -> None:
        """Use ``other``'s paragraph views when both models have the same lexicon (cues found once)."""
        if self.lexicon is other.lexicon and hasattr(other, "_views"):
            self._extractor, self._views = other._extractor, other._views

    def forget_views(self) -> None:
        """Drop the cached paragraph views (scoring: an article's views are not needed after it)."""
        self._views.clear()

    def view(self, text, lang=None):
        """The paragraph's :class:`~framing.models.features.ParagraphView` (cues, attributions, mentions), cached."""
        return self._view(text, lang)

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
            f = {k: v for k, v in f.items() if not k.startswith(("f:cue:", "f:tsent:", "f:twin:", "f:pol:"))}
        out["f"] = f
        if "t" in feats:  # the window block (window_block=True)
            out["t"] = feats["t"]
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

    def _check_fitted(self):
        if not hasattr(self, "model_"):
            raise AttributeError(f"this {type(self).__name__} is not fitted yet; call fit first")

    def predict(self, X):
        proba = self.predict_proba(X)
        return np.asarray(self.classes_)[proba.argmax(axis=1)]



class _StanceMethods(_FeatureBase):
    def features(self, item) -> dict:
        text, target, mentions, lang = item
        view = self._view(text, lang)
        if not self.use_target:
            return self._select(paragraph_features(view))
        found = view.mentions(self.targets) if self.targets is not None else None
        spans, others = find_mentions(text, view.lang, target, self.targets, mentions, found=found)
        feats = self._select(stance_features(view, spans, others, window=getattr(self, "window", WINDOW),
                                             window_block=bool(getattr(self, "window_block", False))))
        return self._cross(feats, target)

    def _cross(self, feats: dict, target: str, vectorizer=None) -> dict:
        if target in getattr(self, "frequent_targets_", ()):
            # closed-target regime: words crossed with a target seen often in training
            key = target.replace(" ", "_")
            if vectorizer is None:
                feats["x"] = {f"x:{key}|{k[2:]}": v for k, v in feats.get("w", {}).items()}
            else:  # prediction: the crossed features' columns, without naming those the model never saw
                feats["x"] = _crossed_counts(feats.get("w", {}), crossed_word_columns(vectorizer, key))
            feats["f"] = dict(feats["f"], **{f"f:target:{key}": 1.0})
        return feats

    def features_many(self, text: str, lang: str | None, names, *, plain_words=None) -> list[dict]:
        """``[self.features((text, name, (), lang)) for name in names]`` for prediction, sharing the paragraph's work.

        The same features and values (see :func:`~framing.models.features.stance_features_many`),
        character n-grams as column counts of this model; ``plain_words`` are the unmasked
        paragraph's word n-grams when the caller has them.
        """
        if not self.use_target:
            return [self.features((text, name, (), lang)) for name in names]
        view = self._view(text, lang)
        found = view.mentions(self.targets) if self.targets is not None else None
        items = [find_mentions(text, view.lang, name, self.targets, (), found=found) for name in names]
        many = stance_features_many(view, items, window=getattr(self, "window", WINDOW),
                                    window_block=bool(getattr(self, "window_block", False)), plain_words=plain_words,
                                    vectorizer=self.model_.vectorizer)
        vec = self.model_.vectorizer
        return [self._cross(self._select(feats), name, vec) for feats, name in zip(many, names)]

    def predict_proba(self, X):
        self._check_fitted()
        docs = [self.features(it) for it in as_stance_items(X)]
        return self.model_.predict_proba(docs)

    def explain(self, item, cls=None, top=8):
        """Top contributing features of one (text, target) pair for ``cls`` (default: the prediction)."""
        self._check_fitted()
        (it,) = as_stance_items([item])
        doc = self.features(it)
        if cls is None:
            cls = str(self.classes_[self.model_.predict_proba([doc]).argmax()])
        return [c for c in self.model_.contributions(doc, cls) if c[1] > 0][:top]


class _PersuasionMethods(_FeatureBase):
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

    def features(self, text, lang=None, *, for_prediction: bool = False) -> dict:
        """The paragraph's features; ``for_prediction``: character n-grams as this model's column counts.

        With ``mask_targets``, the paragraph as the stance model reads it for a
        target it does not mention: every known target masked (:func:`masked_paragraph_features`).
        """
        vec = self.model_.vectorizer if for_prediction else None
        view = self._view(text, lang)
        if getattr(self, "mask_targets", False):
            return self._select(masked_paragraph_features(view, self._known_targets(), vec))
        return self._select(paragraph_features(view, vec))

    def _known_targets(self):
        if self.targets is not None:
            return self.targets
        got = self.__dict__.get("_builtin_targets")
        if got is None:
            from ..targets import load_targets

            got = self._builtin_targets = load_targets()
        return got

    def predict_proba(self, X):
        self._check_fitted()
        return self.model_.predict_proba([self.features(t, lg) for t, lg in self._texts(X)])


class StancePredictor(_StanceMethods):
    """A trained stance model ready to predict (built by :meth:`framing.models.bundle.Bundle.load`)."""

    def __init__(self, model, *, params=None, lexicon=None, targets=None, frequent_targets=()):
        for k, v in (params or {}).items():
            setattr(self, k, v)
        self.lexicon = lexicon
        self.targets = targets
        self.frequent_targets_ = frozenset(frequent_targets)
        for k, v in (getattr(model, "features", None) or {}).items():  # settings saved with the model win
            if k in ("window", "window_block"):
                setattr(self, k, v)
        self.model_ = model
        self.classes_ = np.asarray(model.classes)
        self._setup()


class PersuasionPredictor(_PersuasionMethods):
    """A trained persuasion model ready to predict."""

    def __init__(self, model, *, params=None, lexicon=None, targets=None):
        for k, v in (params or {}).items():
            setattr(self, k, v)
        self.lexicon = lexicon
        self.targets = targets
        self.mask_targets = bool((getattr(model, "features", None) or {}).get("mask_targets", False))
        self.model_ = model
        self.classes_ = np.asarray(model.classes)
        self._setup()
