"""Word and number tokens with offsets into the original text.

Tokens are found on the normalized text (so a word carrying diacritics or a
tatweel stays one token, unlike scikit-learn's default ``token_pattern``) and
mapped back to exact original offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import normalize

__all__ = ["Token", "TOKEN_RE", "tokenize", "token_strings"]

# Numbers (with decimal or thousands separators, Arabic ones included), then
# words: runs of letters/digits joined by an inner hyphen or apostrophe.
TOKEN_RE = re.compile(
    r"\d+(?:[.,\u066B\u066C]\d+)*"
    r"|[^\W_]+(?:['\u2019\-][^\W_]+)*"
)


@dataclass(frozen=True)
class Token:
    """One token: ``original[start:end] == text``; ``norm`` is its folded form."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.norm[:1].isdigit()


def tokenize(text: str, *, offset: int = 0, **normalize_options) -> list[Token]:
    """Split ``text`` into tokens with offsets.

    Parameters
    ----------
    text : str
        The text to split.
    offset : int, default=0
        Added to every offset (the paragraph's start in the document).
    **normalize_options
        Passed to :func:`framing.text.normalize`.

    Examples
    --------
    >>> [t.text for t in tokenize("إثارةُ الهستيريا، 20 عامًا")]
    ['إثارةُ', 'الهستيريا', '20', 'عامًا']
    >>> tokenize("so-called experts")[0].norm
    'so-called'
    """
    n = normalize(text, **normalize_options)
    tokens = []
    for m in TOKEN_RE.finditer(n.text):
        a, b = n.to_original(m.start(), m.end())
        tokens.append(Token(text[a:b], m.group(), a + offset, b + offset))
    return tokens


def token_strings(text: str, **normalize_options) -> list[str]:
    """Normalized token strings only: a drop-in ``analyzer`` for scikit-learn.

    >>> token_strings("قالَ إنّ")
    ['قال', 'ان']
    """
    return TOKEN_RE.findall(normalize(text, **normalize_options).text)
