"""Read an article from a path or stdin and decode it.

Accepted: UTF-8, UTF-8 with BOM, UTF-16 (with BOM, or recognised by its zero
bytes), UTF-32 with BOM, and Windows-1256. Windows-1256 decodes any byte
sequence, so it is accepted only when the result is plausible text. Binary
content (NUL bytes, control characters, gzip, zip, PDF, images) is refused
with a message that says what it looks like. UTF-8 that was read as
Windows-1252 somewhere upstream ("Ø§Ù„…") is repaired, with a warning.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass, field

from ..errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Decoded",
    "decode_bytes",
    "read_bytes",
    "read_text",
    "repair_mojibake",
]

#: Largest input accepted by default (bytes); override with ``max_bytes`` or
#: the ``FRAMING_MAX_BYTES`` environment variable.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Share of characters that must be letters, digits, spaces or punctuation
# for a Windows-1256 decoding to count as text.
PLAUSIBLE_SHARE = 0.93
# Control characters tolerated in otherwise fine text (stray bytes in scraped pages).
MAX_CONTROL_SHARE = 0.001
MAX_CONTROL_ABS = 3
# UTF-8 text with at most this share of invalid sequences is kept, with U+FFFD.
MAX_REPLACEMENT_SHARE = 0.001

_MAGIC = [
    (b"\x1f\x8b", "gzip-compressed data; decompress it first (gunzip)"),
    (b"PK\x03\x04", "a zip archive (or a Word/Excel file); extract the text first"),
    (b"%PDF", "a PDF file; extract its text first (e.g. pdftotext)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "bzip2-compressed data; decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data; decompress it first"),
    (b"\x7fELF", "an executable program"),
    (b"\x80\x04\x95", "a Python pickle"),
    (b"\x93NUMPY", "a NumPy array file"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_WHITESPACE_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass
class Decoded:
    """Decoded input: the text (BOM removed), how it was decoded, and warnings."""

    text: str
    encoding: str
    source: str
    warnings: list[str] = field(default_factory=list)


def _control_count(text: str) -> int:
    return sum(
        1
        for ch in text
        if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _WHITESPACE_CONTROLS
    )


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    good = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LNPZ" or ch in "\n\r\t" or cat in ("Mn", "Sc", "Sm", "So"):
            good += 1
    return good / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 LE/BE from the pattern of zero bytes, or None."""
    if len(data) < 4:
        return None
    sample = data[:4096]
    even = sample[0::2]
    odd = sample[1::2]
    zero_even = even.count(0) / max(len(even), 1)
    zero_odd = odd.count(0) / max(len(odd), 1)
    # ASCII in UTF-16: every other byte is zero. Arabic in UTF-16: every other
    # byte is 0x06, spaces and digits give zeros.
    six_even = even.count(6) / max(len(even), 1)
    six_odd = odd.count(6) / max(len(odd), 1)
    if zero_odd > 0.3 and zero_even < 0.05 or six_odd > 0.3 and zero_even < 0.05 and zero_odd > 0.02:
        return "utf-16-le"
    if zero_even > 0.3 and zero_odd < 0.05 or six_even > 0.3 and zero_odd < 0.05 and zero_even > 0.02:
        return "utf-16-be"
    return None


def _cp1252_byte(ch: str) -> int | None:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        o = ord(ch)
        return o if o < 256 else None


def repair_mojibake(text: str) -> str | None:
    """Undo UTF-8 that was decoded as Windows-1252 or Latin-1 ("Ø§Ù„" for "ال").

    Returns the repaired text, or None when ``text`` does not look like such
    mojibake or cannot be repaired losslessly.

    >>> repair_mojibake("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©")
    'العربية'
    >>> repair_mojibake("plain text") is None
    True
    """
    markers = sum(text.count(m) for m in ("Ø", "Ù", "Ã", "Â"))
    if markers < 2 or markers < len(text) / 200:
        return None
    out = bytearray()
    for ch in text:
        b = _cp1252_byte(ch)
        if b is None:
            return None
        out.append(b)
    try:
        fixed = out.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != text else None


def decode_bytes(data: bytes, source: str = "<input>") -> Decoded:
    """Decode raw bytes of an article into text.

    Raises
    ------
    InputError
        When the input is empty, binary, or not text in a supported encoding.

    Examples
    --------
    >>> decode_bytes("مرحبا".encode("cp1256")).text
    'مرحبا'
    >>> decode_bytes(b"\\xef\\xbb\\xbfhi").encoding
    'utf-8-sig'
    """
    if not data.strip():
        raise InputError("is empty", source=source, hint="give a file with article text")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"is not text: it looks like {what}", source=source)

    warnings: list[str] = []
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None:
        encoding = _utf16_without_bom(data)
        if encoding:
            warnings.append(f"no byte-order mark: read as {encoding.upper()} from its zero bytes")

    if encoding is not None:
        # No repair here, unlike UTF-8: a UTF-16 file of odd length may have lost a byte anywhere,
        # and the rest, read one byte out of step, still looks like Arabic letters.
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"is not valid {encoding.upper()} (bad bytes at offset {exc.start})",
                source=source,
                hint="save it again as UTF-8",
            ) from None
        if text.startswith("\ufeff"):
            text = text[1:]
    elif b"\x00" in data:
        raise InputError(
            "is not text: it contains NUL bytes (a binary file?)",
            source=source,
            hint="give a UTF-8, UTF-16 or Windows-1256 text or HTML file",
        )
    else:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _decode_not_utf8(data, source, exc, warnings)

    if encoding in ("utf-8", "utf-8-sig"):
        fixed = repair_mojibake(text)
        if fixed is not None:
            warnings.append(
                "the text was UTF-8 read as Windows-1252 somewhere upstream ('Ø§Ù„'); repaired"
            )
            text = fixed

    controls = _control_count(text)
    if controls > max(MAX_CONTROL_ABS, MAX_CONTROL_SHARE * len(text)):
        raise InputError(
            f"is not text: it contains {controls} control characters (a binary file?)",
            source=source,
        )
    if not text.strip():
        raise InputError("is empty", source=source, hint="give a file with article text")
    return Decoded(text, encoding, source, warnings)


def _decode_not_utf8(data: bytes, source: str, exc: UnicodeDecodeError, warnings: list[str]):
    # A file cut in the middle of its last character.
    if exc.end >= len(data) - 3 and exc.start >= len(data) - 3:
        try:
            text = data[: exc.start].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(
                f"the file ends in a truncated UTF-8 character; dropped its last {len(data) - exc.start} byte(s)"
            )
            return text, "utf-8"
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for b in data if b >= 0xC2)
    # Mostly valid UTF-8 with a few broken bytes: keep it, with U+FFFD.
    if multibyte and bad <= MAX_REPLACEMENT_SHARE * len(replaced) and bad < multibyte / 50:
        warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
        return replaced, "utf-8"
    text = data.decode("cp1256", errors="replace")
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    letters = sum(1 for ch in text if ch.isalpha())
    if (
        "\ufffd" not in text
        and _plausible_share(text) >= PLAUSIBLE_SHARE
        and letters
        and arabic >= 0.5 * letters
        and _control_count(text) <= MAX_CONTROL_ABS
    ):
        warnings.append("not UTF-8: read as Windows-1256 (Arabic)")
        return text, "cp1256"
    raise InputError(
        f"cannot be decoded: not UTF-8, UTF-16 or plausible Windows-1256 text "
        f"(invalid UTF-8 at byte {exc.start})",
        source=source,
        hint="save it as UTF-8",
    )


def _max_bytes(max_bytes: int | None) -> int:
    if max_bytes is not None:
        if max_bytes <= 0:
            raise InputError(f"the input limit must be above 0 bytes, not {max_bytes}")
        return max_bytes
    env = os.environ.get("FRAMING_MAX_BYTES", "").strip()
    if env:
        try:
            limit = int(env)
        except ValueError:
            limit = 0
        if limit <= 0:
            raise InputError(
                f"FRAMING_MAX_BYTES must be a whole number of bytes above 0, not {env!r}",
                hint="unset it to use the default of 64 MiB",
            ) from None
        return limit
    return DEFAULT_MAX_BYTES


def read_bytes(path: str | os.PathLike, *, max_bytes: int | None = None) -> bytes:
    """Read a file (``"-"`` is stdin) with a size limit and clear errors."""
    limit = _max_bytes(max_bytes)
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            stream = sys.stdin.buffer
            data = stream.read(limit + 1)
        else:
            if os.path.isdir(path):
                raise InputError("is a directory, not a file", source=name)
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", source=name, hint="check the path") from None
    except PermissionError:
        raise InputError("permission denied", source=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", source=name) from None
    if len(data) > limit:
        raise InputError(
            f"is larger than the input limit of {limit:,} bytes",
            source=name,
            hint="split it, or raise the limit with --max-bytes or FRAMING_MAX_BYTES",
        )
    return data


def read_text(path: str | os.PathLike, *, max_bytes: int | None = None) -> Decoded:
    """Read and decode an article from a path, or from stdin when ``path`` is ``"-"``."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return decode_bytes(read_bytes(path, max_bytes=max_bytes), name)
