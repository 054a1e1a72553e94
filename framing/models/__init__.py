"""Models: target-aware stance and paragraph persuasion classifiers, and their safe file format.

``StanceClassifier`` and ``PersuasionClassifier`` (scikit-learn estimators) are
imported on first use, so that predicting with a saved model never imports
scikit-learn.
"""

from .linear import FORMAT, LinearModel, Vectorizer, load_models, save_models
from .predictor import PersuasionPredictor, StancePredictor

__all__ = [
    "FORMAT",
    "LinearModel",
    "PersuasionClassifier",
    "PersuasionPredictor",
    "StanceClassifier",
    "StancePredictor",
    "Vectorizer",
    "load_models",
    "save_models",
]


def __getattr__(name):
    if name in ("StanceClassifier", "PersuasionClassifier"):
        from . import estimators

        return getattr(estimators, name)
    raise AttributeError(f"module 'framing.models' has no attribute {name!r}")
