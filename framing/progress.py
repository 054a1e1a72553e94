"""A one-line progress bar on standard error, without dependencies.

It shows articles done (of how many, when known), the rate, failures and the
time left, redrawn in place at most a few times a second. Messages printed
through :meth:`Progress.message` appear above it, so that warnings and the bar
never mix. A disabled bar prints messages only.
"""

from __future__ import annotations

import shutil
import sys
import time

__all__ = ["Progress"]


def _duration(seconds: float) -> str:
    """A short duration.

    >>> _duration(75), _duration(3725)
    ('1:15', '1:02:05')
    """
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Progress of a run over ``total`` articles (None when unknown).

    Parameters
    ----------
    total : int or None
    enabled : bool
        Draw the bar (messages are printed either way).
    stream : file, optional
        Where to draw (default: ``sys.stderr`` at each write).
    interval : float
        Least number of seconds between two redraws.

    >>> import io
    >>> out = io.StringIO()
    >>> bar = Progress(3, enabled=True, stream=out, interval=0)
    >>> bar.update(); bar.update(failed=True); bar.update(); bar.close()
    >>> out.getvalue().rsplit("\\r", 1)[-1].split("  ")[0]
    '[####################] 3/3 articles'
    >>> "1 failed" in out.getvalue()
    True
    """

    WIDTH = 20

    def __init__(self, total: int | None = None, *, enabled: bool = True, stream=None, interval: float = 0.2):
        self.total = total
        self.enabled = enabled
        self._stream = stream
        self.interval = interval
        self.done = 0
        self.failed = 0
        self._start = time.monotonic()
        self._last = float("-inf")
        self._shown = False

    @property
    def stream(self):
        return self._stream if self._stream is not None else sys.stderr

    def line(self) -> str:
        """The bar as text: ``[####----] 120/400 articles  12.3/s  2 failed  0:23 left``."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            filled = min(self.WIDTH, self.WIDTH * self.done // self.total)
            parts = [f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done:,}/{self.total:,} articles"]
        else:
            parts = [f"{self.done:,} articles"]
        parts.append(f"{rate:.1f}/s")
        parts.append(f"{self.failed:,} failed")
        if self.total and 0 < self.done < self.total and rate > 0:
            parts.append(f"{_duration((self.total - self.done) / rate)} left")
        elif self.done:
            parts.append(f"{_duration(elapsed)} elapsed")
        return "  ".join(parts)

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        width = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r" + self.line()[: max(width - 1, 10)] + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False

    def start(self) -> None:
        """Show the bar at 0 now (before the first article, which may take a while)."""
        self._draw(force=True)

    def update(self, failed: bool = False) -> None:
        """One more article done (``failed``: it could not be scored)."""
        self.done += 1
        self.failed += bool(failed)
        self._draw(force=self.done == self.total)

    def message(self, text: str) -> None:
        """Print a line of text above the bar."""
        self._clear()
        print(text, file=self.stream, flush=True)
        self._draw(force=True)

    def close(self) -> None:
        """Leave the final bar on its own line."""
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
