"""The real scraped Arabic article that motivated the project (../shared/examples; skipped when absent)."""

import json

from framing.cli import main
from framing.text import read_document

from conftest import validate_article


def test_example_article_structure(example_article):
    doc = read_document(example_article)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["title", "dateline"] + ["body"] * 8 + ["related", "boilerplate", "boilerplate"]
    assert doc.title.startswith("التقارب الروسي الإيراني يدق أجراس الإنذار في الغرب")
    assert doc.dateline.text.startswith("20 يناير 2022")
    paragraphs = doc.paragraphs
    assert paragraphs[0].text.startswith("العلاقة مع روسيا")
    assert paragraphs[4].text.startswith("تعمد الخبراء الغربيون إثارة الهستيريا")
    assert paragraphs[-1].text.startswith("كثيرًا ما تتهم")
    assert all(p.lang == "ar" for p in paragraphs)
    (related,) = doc.related
    assert related.text.startswith("المزيد عن هذا الموضوع –")
    assert [b.text for b in doc.removed] == ["Source link", "Facebook Comments Box"]
    raw = example_article.read_text(encoding="utf-8")
    assert doc.text == raw
    for b in doc.blocks:
        assert raw[b.start : b.end] == b.text


def test_example_article_through_the_cli(example_article, capsys):
    assert main(["score", str(example_article), "--format", "json"]) == 0
    doc = validate_article(json.loads(capsys.readouterr().out))
    assert len(doc["paragraphs"]) == 8
    assert [p["index"] for p in doc["paragraphs"]] == list(range(8))
    assert len(doc["related"]) == 1
    assert [r["text"] for r in doc["removed"]] == ["Source link", "Facebook Comments Box"]
    assert doc["dateline"] == "20 يناير 2022 ، 5:02 مساءً"
