"""Bounded caches for per-paragraph work that several steps of the analysis repeat.

A paragraph's sentences, quotations, reported speech and tokens are needed by
the cue finder, the target finder, the polarity words and the stance
features alike; each is a pure function of the text, so it is computed once
and kept for the next few paragraphs (least recently used first out, so
memory stays bounded however many articles are scored).
"""

from __future__ import annotations

from functools import lru_cache, wraps

__all__ = ["cached_list"]


def cached_list(maxsize: int = 256):
    """Cache a function that returns a list of immutable items; every call gets its own list.

    >>> calls = []
    >>> @cached_list(maxsize=2)
    ... def words(text):
    ...     calls.append(text)
    ...     return text.split()
    >>> words("a b"), words("a b"), len(calls)
    (['a', 'b'], ['a', 'b'], 1)
    >>> got = words("a b"); got.append("c"); words("a b")
    ['a', 'b']
    """

    def decorate(fn):
        @lru_cache(maxsize=maxsize)
        def as_tuple(*args, **kwargs):
            return tuple(fn(*args, **kwargs))

        @wraps(fn)
        def wrapper(*args, **kwargs):
            return list(as_tuple(*args, **kwargs))

        wrapper.cache_clear = as_tuple.cache_clear
        wrapper.uncached = fn
        return wrapper

    return decorate
