"""scikit-learn estimators: target-aware stance and paragraph persuasion.

Both follow the scikit-learn contract (parameters stored unchanged in
``__init__``, validated in ``fit``, fitted state ending in ``_``), so they work
with ``clone``, ``GridSearchCV`` and ``GroupKFold``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .features import WINDOW
from .linear import LinearModel
from .predictor import STANCE_CLASSES, _PersuasionMethods, _StanceMethods, as_stance_items

__all__ = ["STANCE_CLASSES", "PersuasionClassifier", "StanceClassifier", "as_stance_items"]


class StanceClassifier(_StanceMethods, ClassifierMixin, BaseEstimator):
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
    window : int, default=6
        Tokens on each side of a target mention whose words are window features.
    window_block : bool, default=False
        Put the window features in their own TF-IDF block (``t:…``: window words,
        words within three tokens, window bigrams, the words right before and
        after) instead of raw counts among the other ``f:…`` features. Models
        trained with it are saved as ``framing-model/1.1``.
    none_bias : float, default=0.0
        Added to the NONE class's intercept after fitting (a prior shift: negative values predict
        NONE less often). Mawqif's F_avg counts only FAVOR and AGAINST; the shift is chosen by
        grouped cross-validation. The saved model is the same format, with its intercept shifted.
    svm_weight : float, default=0.0
        From 0 to 1: blend a linear SVM's decision values with the logistic regression's
        (:func:`framing.models.linear.blend_svm`), folded into one linear model (same file format).
    feature_weight : float, default=1.0
        Weight of the ``f:…`` block (cues, polarity words, mention flags and,
        without ``window_block``, window counts) relative to the l2-normalized
        word, character and window blocks.
    lexicon : Lexicon or None
        Cue lexicon (default: the built-in one).
    targets : TargetSet or None
        Known targets, to find mentions of the target and of the others.
    random_state : int, default=0

    See Also
    --------
    RECIPES : named parameter sets (``framing train --recipe NAME``), chosen by
        document-grouped cross-validation on the train part of each corpus
        (``experiments/stance_recipe_cv.py``).

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
                 use_cues=True, use_target=True, target_min_count=50, class_weight="balanced", window=6,
                 window_block=False, feature_weight=1.0, none_bias=0.0, svm_weight=0.0, lexicon=None, targets=None,
                 random_state=0):
        self.C = C
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.use_words = use_words
        self.use_chars = use_chars
        self.use_cues = use_cues
        self.use_target = use_target
        self.target_min_count = target_min_count
        self.class_weight = class_weight
        self.window = window
        self.window_block = window_block
        self.feature_weight = feature_weight
        self.none_bias = none_bias
        self.svm_weight = svm_weight
        self.lexicon = lexicon
        self.targets = targets
        self.random_state = random_state

    def _setup(self):
        super()._setup()
        nb = self.none_bias
        if not (isinstance(nb, (int, float)) and not isinstance(nb, bool) and abs(nb) < float("inf")):
            raise ValueError(f"none_bias={nb!r} must be a finite number")
        sw = self.svm_weight
        if not (isinstance(sw, (int, float)) and not isinstance(sw, bool) and 0 <= sw <= 1):
            raise ValueError(f"svm_weight={sw!r} must be a number from 0 to 1")

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
        features = {"window": self.window, "window_block": True} if self.window_block else (
            {"window": self.window} if self.window != WINDOW else {})
        self.model_ = LinearModel.fit("stance", docs, y, C=self.C, class_weight=self.class_weight,
                                      min_df=self.min_df, max_features={"c": self.max_char_features},
                                      random_state=self.random_state, features=features,
                                      block_weights=None if self.feature_weight == 1.0
                                      else {"f": float(self.feature_weight)},
                                      svm_weight=float(self.svm_weight))
        shift_none(self.model_, self.none_bias)
        self.classes_ = np.asarray(self.model_.classes)
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        return super().predict_proba(X)

    def explain(self, item, cls=None, top=8):
        """Top contributing features of one (text, target) pair for ``cls`` (default: the prediction)."""
        check_is_fitted(self, "model_")
        return super().explain(item, cls, top)

def shift_none(model: LinearModel, bias: float) -> None:
    """Add ``bias`` to the NONE logit of a fitted stance model (nothing when 0 or without NONE)."""
    if not bias or "NONE" not in model.classes:
        return
    i = model.classes.index("NONE")
    if model.coef.shape[0] == 1:  # two classes: one logit, for classes[1]
        model.intercept[0] += bias if i == 1 else -bias
    else:
        model.intercept[i] += bias


class PersuasionClassifier(_PersuasionMethods, ClassifierMixin, BaseEstimator):
    """Does a paragraph use persuasion techniques? (binary; also for BABE's biased / non-biased).

    Parameters are those of :class:`StanceClassifier` without the target ones, and:

    mask_targets : bool, default=False
        Read every mention of a known target (``targets``) as one placeholder,
        ``xotherx``, as the stance model reads the targets it is not asked about:
        who is named is not a persuasion technique. The default bundle's models
        use it, with the stance model's word and character vocabularies
        (``fit(..., vocabulary_from=stance)``), so that ``score`` computes those
        blocks once for both models.
    targets : TargetSet or None
        Known targets for ``mask_targets`` (default: the built-in targets file).
    """

    def __init__(self, *, C=1.0, min_df=2, max_char_features=150_000, use_words=True, use_chars=True,
                 use_cues=True, class_weight="balanced", mask_targets=False, targets=None, lexicon=None,
                 random_state=0):
        self.C = C
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.use_words = use_words
        self.use_chars = use_chars
        self.use_cues = use_cues
        self.class_weight = class_weight
        self.mask_targets = mask_targets
        self.targets = targets
        self.lexicon = lexicon
        self.random_state = random_state

    def fit(self, X, y, *, vocabulary_from=None):
        """Fit on paragraphs ``X`` (texts or records) and labels ``y`` (true/false).

        ``vocabulary_from``: a fitted model (an estimator or its ``model_``) whose
        word and character blocks (vocabulary and IDF) this model uses as they
        are, instead of learning its own.
        """
        self._setup()
        if not isinstance(self.mask_targets, bool):
            raise ValueError(f"mask_targets={self.mask_targets!r} must be True or False")
        fixed = None
        if vocabulary_from is not None:
            vec = getattr(getattr(vocabulary_from, "model_", vocabulary_from), "vectorizer", None)
            if vec is None:
                raise ValueError("vocabulary_from must be a fitted model")
            fixed = {b: (vec.vocab[b], vec.idf[b]) for b in ("w", "c")
                     if b in vec.vocab and (self.use_words if b == "w" else self.use_chars)}
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
                                      random_state=self.random_state, fixed=fixed,
                                      features={"mask_targets": True} if self.mask_targets else None)
        self.classes_ = np.asarray(self.model_.classes)
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        return super().predict_proba(X)


#: Named stance recipes (``framing train --recipe NAME``; ``experiments/stance_eval.py`` uses the one named
#: after each corpus). Each was chosen by 3-fold document-grouped cross-validation on the *train* part of
#: its corpus only (``experiments/stance_recipe_cv.py``); the dev split was not used to choose. Stage 1
#: (C in {1, 3}, feature_weight in {1, 0.25}, window 6 in the f block or 10 as the t block): both corpora
#: chose C=1, feature_weight=0.25, the window-10 t block (Mawqif F_avg 0.737 against 0.714 for the
#: defaults; NewsMTSC macro-F1 0.644 against 0.627). Stage 2 around it (min_df in {2, 1}, none_bias in
#: {0, -0.5, -1}, svm_weight in {0, 0.5}): Mawqif chose min_df=1 and none_bias=-1 (F_avg 0.747; its
#: F_avg ignores NONE, so predicting NONE less pays); NewsMTSC chose min_df=1 and svm_weight=0.5
#: (macro-F1 0.650).
RECIPES = {
    "default": {},
    "mawqif": {"C": 1.0, "feature_weight": 0.25, "window": 10, "window_block": True, "min_df": 1, "none_bias": -1.0},
    "newsmtsc": {"C": 1.0, "feature_weight": 0.25, "window": 10, "window_block": True, "min_df": 1,
                 "svm_weight": 0.5},
}
