"""framing: show how a news article tries to move its reader.

Arabic first, English second. The package is laid out as the data flows::

    framing.text      raw bytes or HTML -> clean paragraphs with offsets
    framing.cli       the ``framing`` command

Later stages (cues, features, models, scoring, reports) build on
:mod:`framing.text`. Nothing is imported eagerly here: ``import framing`` is
cheap and never touches the network or the disk.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "analyze", "Analyzer", "ArticleResult", "StanceClassifier", "PersuasionClassifier"]


def __getattr__(name):
    # Lazy: ``import framing`` stays cheap; the models load only when asked for.
    if name in ("analyze", "Analyzer", "ArticleResult"):
        from . import analysis

        return getattr(analysis, name)
    if name in ("StanceClassifier", "PersuasionClassifier"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
