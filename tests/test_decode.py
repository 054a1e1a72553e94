"""Reading input: every supported encoding, and clear refusals of the rest."""

import gzip
import os
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.errors import InputError
from framing.text import decode_bytes, read_document, read_text, repair_mojibake

ARABIC = "قال الرئيس الإيراني إن العلاقات مع روسيا تتطور على أساس المصالح المشتركة.\n\nفقرة ثانية هنا."
ENGLISH = "The minister said on Monday that talks would resume.\n\nA second paragraph."


ENCODINGS = [
    # (encoding written, encoding we must report)
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),          # with BOM
    ("utf-16-le", "utf-16-le"),    # no BOM: recognised by its zero bytes
    ("utf-16-be", "utf-16-be"),
    ("utf-32", "utf-32"),
]
ROUND_TRIPS = (
    [(enc, exp, ARABIC) for enc, exp in ENCODINGS]
    + [(enc, exp, ENGLISH + " Café ünïcode.") for enc, exp in ENCODINGS]
    + [("cp1256", "cp1256", ARABIC)]  # an Arabic code page: Arabic text only
)


@pytest.mark.parametrize("encoding, expected, text", ROUND_TRIPS)
def test_each_encoding_round_trips_through_a_file(tmp_path, encoding, expected, text):
    path = tmp_path / f"article.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    decoded = read_text(path)
    assert decoded.text == text
    assert decoded.encoding == expected
    assert not decoded.text.startswith("\ufeff")


def test_mojibake_is_repaired_with_a_warning():
    # UTF-8 bytes shown as Windows-1252 (bytes it leaves undefined come out as Latin-1)
    broken = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in ARABIC.encode("utf-8")
    )
    assert "Ø§Ù„" in broken
    decoded = decode_bytes(broken.encode("utf-8"), "scraped.txt")
    assert decoded.text == ARABIC
    assert any("Windows-1252" in w for w in decoded.warnings)


def test_repair_mojibake_leaves_clean_text_alone():
    assert repair_mojibake(ARABIC) is None
    assert repair_mojibake("Ørsted and Ångström met in Ærø.") is None


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"  \n\n\t ", "is empty"),
        (gzip.compress(ENGLISH.encode()), "gzip"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"PK\x03\x04rest", "zip"),
        (b"abc\x00\x01\x02def" * 3, "NUL"),
        (b"text" + b"\x01\x02\x03\x04\x05\x06\x07" * 5, "control characters"),
    ],
)
def test_refusals_name_the_problem(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(info.value)


def test_random_bytes_are_refused():
    rng = random.Random(0)
    for _ in range(20):
        data = bytes(rng.randrange(256) for _ in range(2048))
        with pytest.raises(InputError, match="bad.bin"):
            decode_bytes(data, "bad.bin")


def test_truncated_utf8_keeps_the_text_and_warns():
    data = ARABIC[:-1].encode("utf-8")[:-1]  # cut inside the last letter (2 bytes)
    decoded = decode_bytes(data, "cut.txt")
    assert decoded.text == ARABIC[:-2]
    assert any("truncated" in w for w in decoded.warnings)


def test_a_few_bad_bytes_in_long_utf8_are_replaced():
    data = (ARABIC * 40).encode("utf-8")
    data = data[:500] + b"\xff" + data[500:]
    decoded = decode_bytes(data, "one-bad-byte.txt")
    assert decoded.text.count("\ufffd") == 1
    assert any("U+FFFD" in w for w in decoded.warnings)


@given(st.binary(min_size=1, max_size=512))
def test_arbitrary_bytes_give_text_or_our_error(data):
    try:
        decoded = decode_bytes(data, "fuzz.bin")
    except InputError as exc:
        assert "fuzz.bin" in str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.text.strip()


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError, match="larger than the input limit"):
        read_text(path, max_bytes=100)


def test_size_limit_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    monkeypatch.setenv("FRAMING_MAX_BYTES", "100")
    with pytest.raises(InputError, match="100 bytes"):
        read_text(path)
    monkeypatch.setenv("FRAMING_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="FRAMING_MAX_BYTES must be a whole number"):
        read_text(path)


def test_cp1256_document_keeps_offsets(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(("عنوان\r\n\r\n" + ARABIC).encode("cp1256"))
    doc = read_document(path)
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end] == p.text
    assert doc.encoding == "cp1256"
    assert doc.title == "عنوان"
