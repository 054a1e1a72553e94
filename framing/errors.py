"""Typed errors that the command line turns into one-line messages.

Every error says what went wrong, where (file, line, field when known), and
what to do about it. They subclass :class:`ValueError` so that callers that
already catch ``ValueError`` keep working.
"""

from __future__ import annotations

__all__ = ["FramingError", "InputError", "DataFormatError", "ModelError", "UsageError"]


class FramingError(ValueError):
    """Base class of the errors framing raises for a user's input or data.

    Parameters
    ----------
    problem : str
        What went wrong, in plain words.
    source : str, optional
        The file (or ``<stdin>``) concerned.
    line : int, optional
        1-based line number in ``source``.
    field : str, optional
        The record field concerned.
    hint : str, optional
        What the user can do about it.
    """

    exit_code = 2

    def __init__(self, problem, *, source=None, line=None, field=None, hint=None):
        self.problem = problem
        self.source = source
        self.line = line
        self.field = field
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.source is not None:
            where.append(str(self.source))
        if self.line is not None:
            where.append(f"line {self.line}")
        text = ": ".join(where + [self.problem]) if where else self.problem
        if self.field is not None and self.field not in self.problem:
            text = f"{text} (field '{self.field}')"
        if self.hint:
            text = f"{text}; {self.hint}"
        return text

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class InputError(FramingError):
    """An article or collection that cannot be read: missing, empty, binary, undecodable."""


class DataFormatError(FramingError):
    """A record file (JSONL/CSV) or a lexicon/targets file that breaks its format."""


class ModelError(FramingError):
    """A model file that is damaged, of the wrong task, or of an unknown format version."""


class UsageError(FramingError):
    """Command-line arguments that do not fit together."""
