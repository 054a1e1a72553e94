"""Atomic file writes: a file appears under its final name complete, or not at all."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

__all__ = ["Output", "atomic_write"]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8", errors: str = "replace"):
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    On any exception (including KeyboardInterrupt and SystemExit raised by a
    signal handler) the temporary file is removed and ``path`` is untouched.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with atomic_write(os.path.join(d, "out.txt")) as fh:
    ...     _ = fh.write("done")
    >>> with open(os.path.join(d, "out.txt")) as fh:
    ...     fh.read()
    'done'
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=directory)
    try:
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding=encoding, errors=errors, newline="")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the usual permissions for new files.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Output:
    """stdout or an atomically written file; lone surrogates never crash a write."""

    def __init__(self, path):
        self.path = path
        self._cm = None
        self.fh = None

    def __enter__(self):
        if self.path and self.path != "-":
            self._cm = atomic_write(self.path)
            self.fh = self._cm.__enter__()
        else:
            self.fh = sys.stdout
        return self

    def write(self, text: str):
        try:
            self.fh.write(text)
        except UnicodeEncodeError:
            self.fh.write(text.encode("utf-8", "replace").decode("utf-8"))

    def __exit__(self, *exc):
        if self._cm is not None:
            return self._cm.__exit__(*exc)
        self.fh.flush()
        return False
