"""HTML input: detection by content, stdlib extraction, and trafilatura when installed."""

import importlib.util

import pytest

from framing.errors import InputError
from framing.text import extract_html, looks_like_html, parse_document, read_document

PAGE = """<!DOCTYPE html>
<html lang="ar"><head><title>عنوان الصفحة | الموقع</title>
<meta property="og:title" content="روسيا وإيران توقعان اتفاقا للطاقة">
<meta property="article:published_time" content="2024-03-03T10:15:00Z">
<style>p { color: red }</style><script>var tracking = "قال شيء";</script></head>
<body>
<nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a></nav>
<header>شعار الموقع</header>
<article>
<h1>روسيا وإيران توقعان اتفاقا للطاقة</h1>
<p>وقّع وزيرا الطاقة في البلدين اتفاقا لمدة عشرين عاما، بحسب بيان رسمي صدر الأحد في موسكو.</p>
<p>وقال المتحدث باسم الوزارة إن الاتفاق «يعزز الشراكة الاستراتيجية»<br>بين البلدين.</p>
<p>ووصفت صحف غربية الخطوة بأنها تحد للعقوبات المفروضة على طهران منذ سنوات.</p>
</article>
<aside>الأكثر قراءة</aside>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"""


def test_detection_by_content():
    assert looks_like_html(PAGE)
    assert looks_like_html("<html><body><p>x</p></body></html>")
    assert not looks_like_html("A sentence mentioning <p> tags in passing.")
    assert not looks_like_html("قال الوزير إن <الاتفاق> مهم")


def test_stdlib_extractor_keeps_breaks_and_drops_furniture():
    got = extract_html(PAGE, use_trafilatura=False)
    blocks = got.text.split("\n\n")
    assert blocks[0] == "روسيا وإيران توقعان اتفاقا للطاقة"
    assert got.title == "روسيا وإيران توقعان اتفاقا للطاقة"
    assert got.date == "2024-03-03T10:15:00Z"
    joined = got.text
    for dropped in ("tracking", "color", "الرئيسية", "شعار الموقع", "الأكثر قراءة", "جميع الحقوق"):
        assert dropped not in joined
    assert "بين البلدين." in blocks  # <br> breaks the paragraph
    assert got.extractor == "stdlib"


def test_html_document_offsets_index_the_extracted_text():
    doc = parse_document(PAGE)
    assert doc.encoding == "html"
    assert doc.title == "روسيا وإيران توقعان اتفاقا للطاقة"
    assert doc.paragraphs, "the article paragraphs are found"
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
    assert "<p>" not in doc.text


def test_html_file_by_extension_and_content(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.encoding.startswith("html")
    assert any("الاتفاق" in p.text for p in doc.paragraphs)


def test_html_with_no_body_text_is_an_error():
    with pytest.raises(InputError, match="no article text"):
        parse_document("<html><head><script>x()</script></head><body></body></html>", origin="empty.html")


@pytest.mark.skipif(importlib.util.find_spec("trafilatura") is None, reason="the html extra is not installed")
def test_trafilatura_when_installed():
    got = extract_html(PAGE)
    assert got.extractor == "trafilatura"
    assert "وقّع وزيرا الطاقة" in got.text
    assert "tracking" not in got.text
