"""Atomic file writes: a file appears under its final name complete, or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile

from .errors import FramingError, UsageError

__all__ = ["Output", "atomic_write", "check_writable"]


#: Errors of writing itself (not of the caller's code run inside ``atomic_write``).
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


def _cannot_write(path: str, exc: OSError) -> FramingError:
    return UsageError(
        f"cannot be written ({exc.strerror or exc})",
        source=path,
        hint="check that its folder exists, is writable and has free space",
    )


def check_writable(path: str | os.PathLike) -> None:
    """Raise :class:`~framing.errors.UsageError` now if ``path`` cannot be an output file.

    Lets a long command (training) fail before its work rather than after it.
    """
    path = os.fspath(path)
    if not path:
        raise UsageError("no output file name given")
    if os.path.isdir(path):
        raise UsageError("is a directory; give a file name to write", source=path)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError(f"cannot be written: the folder {directory} does not exist", source=path)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise UsageError(f"cannot be written: the folder {directory} is not writable", source=path)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8", errors: str = "replace"):
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    On any exception (including KeyboardInterrupt and SystemExit raised by a
    signal handler) the temporary file is removed and ``path`` is untouched.
    An existing pipe or device (``/dev/stdout``, a FIFO) is written directly:
    it cannot be replaced, and must not be. A path that cannot be written
    raises :class:`~framing.errors.UsageError`.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with atomic_write(os.path.join(d, "out.txt")) as fh:
    ...     _ = fh.write("done")
    >>> with open(os.path.join(d, "out.txt")) as fh:
    ...     fh.read()
    'done'
    """
    path = os.fspath(path)
    check_writable(path)
    text_args = {} if "b" in mode else {"encoding": encoding, "errors": errors, "newline": ""}
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False  # not there yet (the usual case)
    if special:
        try:
            fh = open(path, mode, **text_args)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        with fh:
            yield fh
        return
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    in_body = False
    try:
        fh = os.fdopen(fd, mode, **text_args)
        with fh:
            in_body = True
            yield fh
            in_body = False
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the usual permissions for new files.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and (not in_body or exc.errno in _WRITE_ERRNOS):
            raise _cannot_write(path, exc) from None
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
