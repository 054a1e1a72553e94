"""The built-in lexicons and rules on the article that motivated the project and on our own examples."""

import json

import pytest

from framing.cli import main
from framing.cues import CueExtractor
from framing.lexicon import CATEGORIES, load_lexicon
from framing.text import parse_document, read_document

from conftest import validate_article


@pytest.fixture(scope="module")
def extractor():
    return CueExtractor()


def all_cues(doc, extractor):
    out = []
    for cues in extractor.find_in_document(doc).values():
        out.extend(cues)
    return out


def find(cues, text, category):
    return [c for c in cues if c.text == text and c.category == category]


def test_the_example_article(example_article, extractor):
    doc = read_document(example_article)
    cues = all_cues(doc, extractor)
    for c in cues:
        assert doc.text[c.start : c.end] == c.text
    (hysteria,) = find(cues, "الهستيريا", "loaded_language")
    assert hysteria.voice == "outlet" and hysteria.neutral
    (domination,) = find(cues, "الهيمنة على العالم", "exaggeration")
    assert domination.voice == "attributed" and domination.speaker == "رئيسي"
    (alarm,) = find(cues, "أجراس الإنذار", "fear_threat")
    assert alarm.voice == "attributed"
    (zionists,) = find(cues, "“الصهاينة”", "scare_quote")
    assert zionists.voice == "outlet"
    assert find(cues, "الصهاينة", "name_calling")
    (related,) = doc.related
    (rbo,) = find(cues, "“النظام القائم على القواعد”", "scare_quote")
    assert related.start <= rbo.start < rbo.end <= related.end
    # the repeated sentence is flagged once, and its cues are not counted twice
    reps = [c for c in cues if c.category == "repetition"]
    assert len(reps) == 1 and reps[0].text.startswith("العلاقة مع روسيا تقوم")


ARABIC = (
    "الوزير يرد على منتقديه\n\n"
    "شنّ المتحدث باسم الحكومة هجوما على ما سماه «حملات التضليل»، وقال إن المعارضة تثير الهلع بلا دليل.\n\n"
    "وبحسب بيان للمعارضة، فإن الحكومة ارتكبت «مجزرة» بحق الحريات، في حين نفت الوزارة ذلك."
)
ENGLISH = (
    "Senator slams rival's plan\n\n"
    "Senator Jane Doe slammed the so-called reform as a disaster, and critics claimed it would cost billions.\n\n"
    '"This is a catastrophe for working families," said Mark Lee, the union leader.'
)


def test_our_arabic_example(extractor):
    doc = parse_document(ARABIC)
    cues = all_cues(doc, extractor)
    cats = {(c.text, c.category, c.voice) for c in cues if c.device}
    assert any(t == "«مجزرة»" and cat == "scare_quote" for t, cat, v in cats) or any(
        "مجزرة" in t and cat == "loaded_language" for t, cat, v in cats
    )
    assert any(cat == "attribution" for c in cues for cat in [c.category])
    for c in cues:
        assert doc.text[c.start : c.end] == c.text


def test_our_english_example(extractor):
    doc = parse_document(ENGLISH)
    cues = all_cues(doc, extractor)
    slammed = [c for c in cues if c.text == "slammed"]
    assert slammed and slammed[0].category == "loaded_language" and slammed[0].neutral
    assert any(c.text == "so-called" and c.category == "doubt_distancing" for c in cues)
    assert any(c.text == "claimed" and c.category == "doubt_distancing" for c in cues)
    cat = [c for c in cues if c.text.lower().startswith("catastrophe")]
    assert cat and cat[0].voice == "quote" and cat[0].speaker and "Mark Lee" in cat[0].speaker
    said = [c for c in cues if c.text == "said"]
    assert said and not said[0].device  # a signal, not highlighted


def test_lexicon_sizes_and_categories():
    lex = load_lexicon()
    for lang in ("ar", "en"):
        entries = lex.for_lang(lang)
        assert len(entries) >= 400
        assert {e.category for e in entries} >= {
            "loaded_language", "name_calling", "exaggeration", "fear_threat", "doubt_distancing",
            "certainty", "victimhood", "values_flag", "hedge", "group_reference", "neutral_report"}
        neutrals = {e.neutral for e in entries if e.neutral}
        terms = {e.term for e in entries}
        assert not neutrals & terms, "a neutral alternative is never itself an entry"
    assert all(c in CATEGORIES for c in {e.category for e in lex.entries})


def test_lexicon_commands(capsys):
    assert main(["lexicon", "stats", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["languages"]["ar"]["entries"] >= 400 and stats["languages"]["en"]["entries"] >= 400
    assert main(["lexicon", "explain", "هستيريا"]) == 0
    out = capsys.readouterr().out
    assert "loaded_language" in out and "neutral" in out
    assert main(["lexicon", "explain", "claimed", "--lang", "en"]) == 0
    assert "doubt_distancing" in capsys.readouterr().out
    assert main(["lexicon", "explain", "zzzz"]) == 2


def test_user_lexicon_changes_shown_cues(tmp_path, capsys):
    path = tmp_path / "mine-en.tsv"
    path.write_text("term\tcategory\tweight\tmatch\tneutral\tnote\nboondoggle\tloaded_language\t3\tstem\tproject\tmine\n",
                    encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("The council approved the boondoggle on Monday, officials said.", encoding="utf-8")
    assert main(["score", str(art), "--no-model", "--format", "json", "--lexicon", str(path)]) == 0
    doc = validate_article(json.loads(capsys.readouterr().out))
    cues = doc["paragraphs"][0]["cues"]
    assert any(c["text"] == "boondoggle" and c["category"] == "loaded_language" for c in cues)
    assert "mine-en.tsv@" in doc["lexicon_version"]
