"""Implementations of the ``framing`` subcommands (imported lazily by :mod:`framing.cli`)."""
