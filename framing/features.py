"""scikit-learn transformers over raw texts.

:class:`CueFeaturizer` turns paragraphs into cue features with readable names
(``cue__loaded_language``, ``cue__loaded_language__outlet``,
``cue__loadedness``), so that what a model weighs can be shown as evidence.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .lexicon import CATEGORIES

__all__ = ["CueFeaturizer"]

VOICES = ("outlet", "quote", "attributed")


class CueFeaturizer(TransformerMixin, BaseEstimator):
    """Cue counts by category (and voice) for raw paragraphs.

    Parameters
    ----------
    lexicon : Lexicon or None, default=None
        Entries to match; None uses the built-in lexicons.
    lang : {"auto", "ar", "en"}, default="auto"
        Language of the texts; "auto" detects it per text.
    by_voice : bool, default=True
        Also count each category separately for outlet, quote and attributed voice.
    scale : {"log", "density", "raw"}, default="log"
        ``log``: log(1 + weighted count); ``density``: weight per 100 tokens;
        ``raw``: weighted count.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        Names of the output columns.
    lexicon_version_ : str
        Version of the lexicon used at fit time.

    Examples
    --------
    >>> from framing.lexicon import Lexicon, LexiconEntry
    >>> lex = Lexicon((LexiconEntry("slam", "loaded_language", 2, "stem", "en"),), {"t": "1"})
    >>> f = CueFeaturizer(lexicon=lex, lang="en", scale="raw").fit(["x"])
    >>> X = f.transform(["Critics slammed the plan.", "The plan passed."])
    >>> names = list(f.get_feature_names_out())
    >>> float(X[0, names.index("cue__loaded_language")]), float(X[1, names.index("cue__loaded_language")])
    (2.0, 0.0)
    """

    def __init__(self, *, lexicon=None, lang="auto", by_voice=True, scale="log"):
        self.lexicon = lexicon
        self.lang = lang
        self.by_voice = by_voice
        self.scale = scale

    def fit(self, X, y=None):
        if self.lang not in ("auto", "ar", "en"):
            raise ValueError(f"lang={self.lang!r} is not one of 'auto', 'ar', 'en'")
        if self.scale not in ("log", "density", "raw"):
            raise ValueError(f"scale={self.scale!r} is not one of 'log', 'density', 'raw'")
        from .cues import CueExtractor

        self._extractor = CueExtractor(self.lexicon)
        names = []
        for cat in CATEGORIES:
            names.append(f"cue__{cat}")
            if self.by_voice:
                names.extend(f"cue__{cat}__{v}" for v in VOICES)
        names.append("cue__loadedness")
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self._index = {n: i for i, n in enumerate(names)}
        self.lexicon_version_ = self._extractor.lexicon.version
        self.n_features_in_ = 1
        return self

    def _row(self, text: str):
        from .scores import loadedness
        from .text.tokenize import TOKEN_RE
        from .text.normalize import normalize_text

        lang = None if self.lang == "auto" else self.lang
        cues = self._extractor.find(text, lang)
        n_tokens = len(TOKEN_RE.findall(normalize_text(text)))
        values: dict[int, float] = {}
        for c in cues:
            if c.repeated:
                continue
            for name in (f"cue__{c.category}", f"cue__{c.category}__{c.voice}" if self.by_voice else None):
                if name is None:
                    continue
                j = self._index[name]
                values[j] = values.get(j, 0.0) + c.weight
        if self.scale == "log":
            values = {j: float(np.log1p(v)) for j, v in values.items()}
        elif self.scale == "density":
            values = {j: 100.0 * v / max(n_tokens, 1) for j, v in values.items()}
        load = loadedness(cues, n_tokens)
        if load:
            values[self._index["cue__loadedness"]] = float(np.log1p(load)) if self.scale == "log" else load
        return values

    def transform(self, X):
        check_is_fitted(self, "feature_names_out_")
        if isinstance(X, str):
            raise ValueError("CueFeaturizer expects a list of texts, not a single string")
        rows, cols, vals = [], [], []
        n = 0
        for i, text in enumerate(X):
            n += 1
            if not isinstance(text, str):
                raise ValueError(f"CueFeaturizer expects texts; item {i} is {type(text).__name__}")
            for j, v in self._row(text).items():
                rows.append(i)
                cols.append(j)
                vals.append(v)
        return sp.csr_matrix((vals, (rows, cols)), shape=(n, len(self.feature_names_out_)), dtype=np.float64)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_extractor", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        if "feature_names_out_" in state:
            from .cues import CueExtractor

            self._extractor = CueExtractor(self.lexicon)
