"""From raw input to a clean, classified document.

:func:`read_document` reads a path or stdin, decodes it, extracts article
text from HTML, and classifies its blocks. :func:`parse_document` does the
same for a string already in memory. All offsets index into
``Document.text``: the decoded input (BOM removed, newlines as in the file)
or, for HTML, the extracted text.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace

from ..errors import InputError
from .decode import Decoded, read_text
from .html import extract_html, looks_like_html
from .segment import Block, BlockRules, classify_blocks, split_blocks

__all__ = ["Document", "parse_document", "read_document", "DEFAULT_MAX_PARAGRAPH_CHARS"]

#: Paragraphs longer than this (characters) are refused by default: a 1 MB
#: "paragraph" is a broken file, not an article. Override per call.
DEFAULT_MAX_PARAGRAPH_CHARS = 200_000


@dataclass(frozen=True)
class Document:
    """A cleaned article.

    Attributes
    ----------
    text : str
        The document text that every offset indexes.
    blocks : tuple of Block
        Every block in order, with its kind.
    id, title, source, date, url : str or None
        Metadata, from the input where it gave them.
    lang : str
        "ar", "en" or "other": the language of most body text.
    encoding : str
        How the input was decoded ("utf-8", "cp1256", "html+utf-8", ...).
    warnings : tuple of str
        Repairs and guesses made while reading.
    """

    text: str
    blocks: tuple[Block, ...]
    id: str | None = None
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str = "other"
    encoding: str = "str"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def paragraphs(self) -> list[Block]:
        """Body paragraphs, in order."""
        return [b for b in self.blocks if b.kind == "body"]

    @property
    def related(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "related"]

    @property
    def removed(self) -> list[Block]:
        """Boilerplate blocks that were dropped."""
        return [b for b in self.blocks if b.kind == "boilerplate"]

    @property
    def title_block(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == "title"), None)

    @property
    def dateline(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == "dateline"), None)


def _majority_language(blocks) -> str:
    weights = Counter()
    for b in blocks:
        weights[b.lang] += len(b.text)
    if not weights:
        return "other"
    return weights.most_common(1)[0][0]


def parse_document(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    date: str | None = None,
    url: str | None = None,
    html: bool | None = None,
    rules: BlockRules | None = None,
    max_paragraph_chars: int | None = DEFAULT_MAX_PARAGRAPH_CHARS,
    encoding: str = "str",
    warnings: tuple[str, ...] = (),
    origin: str | None = None,
    lang: str | None = None,
) -> Document:
    """Clean and classify an article held in a string.

    Parameters
    ----------
    text : str
        Article text or an HTML page.
    id, title, source, date, url : str, optional
        Metadata to carry (a given ``title`` also helps recognise the title block).
    html : bool or None, default=None
        None detects HTML by content; True/False forces it.
    rules : BlockRules, optional
        Boilerplate/related patterns (default: the built-in file).
    max_paragraph_chars : int or None
        Refuse paragraphs longer than this (None: no limit).
    origin : str, optional
        Name of the input for error messages.
    lang : {"ar", "en"}, optional
        Read every block as this language instead of detecting it block by
        block (blocks in neither language are otherwise "other").

    Raises
    ------
    InputError
        When nothing is left to analyse, or a paragraph is over the limit.

    Examples
    --------
    >>> doc = parse_document("عنوان الخبر\\n\\nقال الوزير إن الاجتماع انتهى.\\n\\nSource link")
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('title', 'عنوان الخبر'), ('body', 'قال الوزير إن الاجتماع انتهى.'), ('boilerplate', 'Source link')]
    >>> doc.lang
    'ar'
    >>> [b.lang for b in parse_document("Short title\\n\\nقال الوزير إن الاجتماع انتهى.", lang="en").blocks]
    ['en', 'en']
    """
    if lang not in (None, "ar", "en"):
        raise ValueError(f"lang must be 'ar', 'en' or None, not {lang!r}")
    origin = origin or id or "<text>"
    extracted = None
    if html is None:
        html = looks_like_html(text)
    if html:
        extracted = extract_html(text)
        text = extracted.text
        title = title or extracted.title
        date = date or extracted.date
        url = url or extracted.url
        encoding = f"html+{encoding}" if encoding != "str" else "html"
        if not text.strip():
            raise InputError("is an HTML page with no article text", source=origin)
    if not text.strip():
        raise InputError("is empty", source=origin, hint="give a file with article text")
    spans = split_blocks(text)
    # Checked before classifying: classification normalizes every block, which
    # for a 50 MB "paragraph" would take gigabytes of memory.
    if max_paragraph_chars is not None:
        for b in spans:
            if len(b.text) > max_paragraph_chars:
                raise InputError(
                    f"has a paragraph of {len(b.text):,} characters, over the limit of "
                    f"{max_paragraph_chars:,}",
                    source=origin,
                    hint="check that the file is an article, or raise --max-paragraph-chars",
                )
    blocks = classify_blocks(text, spans, title=title, rules=rules)
    if lang is not None:
        blocks = [replace(b, lang=lang) for b in blocks]
    if html and not any(b.kind in ("body", "related") for b in blocks):
        raise InputError("is an HTML page with no article text (only a title or page furniture)", source=origin)
    tb = next((b for b in blocks if b.kind == "title"), None)
    if title is None and tb is not None:
        title = tb.text
    body = [b for b in blocks if b.kind == "body"]
    lang = _majority_language(body or blocks)
    return Document(
        text=text,
        blocks=tuple(blocks),
        id=id,
        title=title,
        source=source,
        date=date,
        url=url,
        lang=lang,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def read_document(
    path: str | os.PathLike,
    *,
    html: bool | None = None,
    max_bytes: int | None = None,
    **kwargs,
) -> Document:
    """Read, decode and clean an article from a path (``"-"`` for stdin).

    HTML is detected by content (and by a .html/.htm extension).
    """
    decoded: Decoded = read_text(path, max_bytes=max_bytes)
    if html is None and str(path).lower().endswith((".html", ".htm", ".xhtml")):
        html = True
    name = decoded.source
    kwargs.setdefault("id", None if name == "<stdin>" else os.path.basename(str(path)))
    return parse_document(
        decoded.text,
        html=html,
        encoding=decoded.encoding,
        warnings=tuple(decoded.warnings),
        origin=name,
        **kwargs,
    )
