"""Models: target-aware stance and paragraph persuasion classifiers, and their safe file format."""

from .estimators import PersuasionClassifier, StanceClassifier
from .linear import FORMAT, LinearModel, Vectorizer, load_models, save_models

__all__ = ["FORMAT", "LinearModel", "PersuasionClassifier", "StanceClassifier", "Vectorizer", "load_models", "save_models"]
