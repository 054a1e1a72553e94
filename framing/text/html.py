"""HTML pages to article text.

With the ``html`` extra installed, trafilatura extracts the article (it drops
navigation, comments and most page furniture). Without it, a small
standard-library extractor keeps paragraph, line-break and heading breaks and
drops script, style, navigation, header, footer, aside and form content.
Either way the result is plain text whose blocks are separated by blank
lines; all offsets of the analysis index into that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["ExtractedHTML", "extract_html", "looks_like_html"]

_HTML_START_RE = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_TAG_RE = re.compile(r"</?(?:p|div|br|body|head|title|span|a|h[1-6]|article|section|li|ul|table|meta|script|style)\b[^>]*>", re.I)

_SKIP = frozenset(
    "script style noscript nav header footer aside form iframe svg template button select "
    "textarea object embed canvas menu dialog".split()
)
_BLOCK = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol article section blockquote tr table dd dt dl pre "
    "figure figcaption main hr address".split()
)
_VOID = frozenset("br hr img meta link input area base col embed source track wbr param".split())


@dataclass(frozen=True)
class ExtractedHTML:
    """Article text from a page, with the metadata the page gave."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    extractor: str = "stdlib"


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document or fragment, judged by content.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>hi</p></body></html>")
    True
    >>> looks_like_html("Use <p> tags for paragraphs, the guide says.")
    False
    """
    head = text[:4096]
    if _HTML_START_RE.match(head):
        return True
    tags = len(_TAG_RE.findall(head))
    return tags >= 3 and head.lstrip().startswith("<")


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_h1 = False
        self.meta: dict[str, str] = {}

    def _flush(self):
        text = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            d = {k.lower(): (v or "") for k, v in attrs}
            key = (d.get("property") or d.get("name") or "").lower()
            if key and d.get("content"):
                self.meta.setdefault(key, d["content"])
            return
        if tag == "link":
            d = {k.lower(): (v or "") for k, v in attrs}
            if d.get("rel", "").lower() == "canonical" and d.get("href"):
                self.meta.setdefault("canonical", d["href"])
            return
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self._flush()
        if tag == "h1":
            self.in_h1 = True

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self._flush()
        elif tag in ("meta", "link"):
            self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def _stdlib_extract(page: str) -> ExtractedHTML:
    parser = _Extractor()
    try:
        parser.feed(page)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - HTMLParser is lenient
        pass
    title = " ".join("".join(parser.title_parts).split()) or None
    h1 = " ".join("".join(parser.h1_parts).split()) or None
    meta = parser.meta
    title = meta.get("og:title") or h1 or title
    date = meta.get("article:published_time") or meta.get("date") or meta.get("pubdate")
    url = meta.get("og:url") or meta.get("canonical")
    blocks = parser.blocks
    if title and (not blocks or blocks[0] != title):
        blocks = [title] + blocks
    return ExtractedHTML("\n\n".join(blocks), title, date, url, "stdlib")


def _trafilatura_extract(page: str) -> ExtractedHTML | None:
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        body = trafilatura.extract(
            page,
            include_comments=False,
            include_tables=False,
            include_links=False,
            favor_precision=False,
            deduplicate=False,
        )
        meta = trafilatura.extract_metadata(page)
    except Exception:  # noqa: BLE001 - a third-party parser failing falls back to ours
        return None
    if not body or not body.strip():
        return None
    title = getattr(meta, "title", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    url = getattr(meta, "url", None) if meta else None
    # trafilatura separates paragraphs by single newlines: make them blank lines.
    blocks = [" ".join(line.split()) for line in body.splitlines()]
    blocks = [b for b in blocks if b]
    if title and blocks and blocks[0] != title:
        blocks.insert(0, title)
    return ExtractedHTML("\n\n".join(blocks), title, date, url, "trafilatura")


def extract_html(page: str, *, use_trafilatura: bool | None = None) -> ExtractedHTML:
    """Extract article text and metadata from an HTML page.

    Parameters
    ----------
    page : str
        The decoded HTML.
    use_trafilatura : bool or None, default=None
        None uses trafilatura when it is installed (``pip install
        'framing[html]'``); False forces the standard-library extractor.

    Examples
    --------
    >>> page = "<html><head><title>T</title><script>x=1</script></head>"
    >>> page += "<body><nav>Home</nav><h1>Title</h1><p>One.</p><p>Two<br>lines.</p></body></html>"
    >>> extract_html(page, use_trafilatura=False).text.split("\\n\\n")
    ['Title', 'One.', 'Two', 'lines.']
    """
    if use_trafilatura is not False:
        got = _trafilatura_extract(page)
        if got is not None:
            return got
    return _stdlib_extract(page)
