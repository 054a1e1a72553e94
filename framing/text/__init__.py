"""The text pipeline: raw input -> clean paragraphs with offsets.

Public API::

    read_document(path) / parse_document(text)   -> Document
    decode_bytes(data) / read_text(path)         -> Decoded
    normalize(text)                              -> Normalized (text + offset map)
    tokenize(text)                               -> list[Token]
    split_sentences(text) / find_quotes(text)    -> list[Span]
    detect_language(text)                        -> "ar" | "en" | "other"
"""

from .decode import Decoded, decode_bytes, read_bytes, read_text, repair_mojibake
from .document import Document, parse_document, read_document
from .html import ExtractedHTML, extract_html, looks_like_html
from .lang import detect_language
from .normalize import Normalized, normalize, normalize_text, strip_diacritics
from .segment import (
    Block,
    BlockRules,
    Span,
    classify_blocks,
    find_quotes,
    load_block_rules,
    split_blocks,
    split_sentences,
)
from .tokenize import Token, tokenize, token_strings

__all__ = [
    "Block",
    "BlockRules",
    "Decoded",
    "Document",
    "ExtractedHTML",
    "Normalized",
    "Span",
    "Token",
    "classify_blocks",
    "decode_bytes",
    "detect_language",
    "extract_html",
    "find_quotes",
    "load_block_rules",
    "looks_like_html",
    "normalize",
    "normalize_text",
    "parse_document",
    "read_bytes",
    "read_document",
    "read_text",
    "repair_mojibake",
    "split_blocks",
    "split_sentences",
    "strip_diacritics",
    "token_strings",
    "tokenize",
]
