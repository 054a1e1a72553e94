"""Clitic-aware lexicon matching and rule-based cues, on a small lexicon written here."""

import pytest

from framing.cues import CueExtractor, find_attributions
from framing.errors import DataFormatError
from framing.lexicon import Lexicon, LexiconEntry, parse_lexicon, read_lexicon_file
from framing.matcher import LexiconMatcher, arabic_analyses, english_analyses

ENTRIES = (
    LexiconEntry("هستيريا", "loaded_language", 3, "stem", "ar", neutral="قلق"),
    LexiconEntry("الهيمنة على العالم", "exaggeration", 3, "phrase", "ar"),
    LexiconEntry("أجراس الإنذار", "fear_threat", 2, "phrase", "ar"),
    LexiconEntry("صهيوني", "name_calling", 3, "stem", "ar", forms=("الصهاينة",), neutral="إسرائيلي"),
    LexiconEntry("ذل", "loaded_language", 2, "word", "ar"),
    LexiconEntry("مؤامرة", "loaded_language", 2, "stem", "ar"),
    LexiconEntry("زعم", "doubt_distancing", 2, "word", "ar", forms=("يزعم", "تزعم", "زعموا")),
    LexiconEntry("claim", "doubt_distancing", 2, "stem", "en", neutral="say"),
    LexiconEntry("so-called", "doubt_distancing", 2, "word", "en"),
    LexiconEntry("regime", "name_calling", 2, "word", "en", neutral="government"),
    LexiconEntry("slam", "loaded_language", 2, "stem", "en", neutral="criticise"),
    LexiconEntry("said", "neutral_report", 1, "word", "en"),
)
LEX = Lexicon(ENTRIES, {"test": "1"})


def found(text, lang):
    return [(text[m.start:m.end], m.entry.term) for m in LexiconMatcher(LEX).find(text, lang)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("إثارة الهستيريا", [("الهستيريا", "هستيريا")]),                   # article kept in the span
        ("وبالهستيريا", [("الهستيريا", "هستيريا")]),                        # و + ب + ال
        ("هَسْتِيرِيا", [("هَسْتِيرِيا", "هستيريا")]),                       # diacritics, span keeps them
        ("مطالبات بالهيمنة على العالم", [("الهيمنة على العالم", "الهيمنة على العالم")]),
        ("ستدق أجراسُ الإنذار", [("أجراسُ الإنذار", "أجراس الإنذار")]),
        ("و“الصهاينة”", [("الصهاينة", "صهيوني")]),
        ("للصهاينة", [("للصهاينة", "صهيوني")]),                             # لل keeps the whole word
        ("بذل جهدا كبيرا", []),                                              # ذل must not match بذل
        ("عاش في ذل", [("ذل", "ذل")]),
        ("مؤامرات الأعداء", [("مؤامرات", "مؤامرة")]),                        # stem + plural
        ("مؤامرتهم", [("مؤامرتهم", "مؤامرة")]),                              # ta marbuta + pronoun
        ("وسيزعم الوزير", [("يزعم", "زعم")]),                                # و + future س
        ("زعمهم", []),                                                       # word entries take no suffix
    ],
)
def test_arabic_matching(text, expected):
    assert found(text, "ar") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("She claimed, he claims, they are claiming", [("claimed", "claim"), ("claims", "claim"), ("claiming", "claim")]),
        ("the so-called experts", [("so-called", "so-called")]),
        ("The Regime's army", [("Regime's", "regime")]),
        ("Critics slammed it", [("slammed", "slam")]),
        ("he said", [("said", "said")]),
        ("regimes", []),                                                     # word entry: no inflection
    ],
)
def test_english_matching(text, expected):
    assert found(text, "en") == expected


def test_analyses_guard_short_stems():
    assert [k for k, _, s in arabic_analyses("وهم") if not s] == ["وهم"]
    assert ("claim", 0, True) in english_analyses("claims")


def test_attribution_arabic_verb_first():
    (a,) = find_attributions("وأضاف وزير الخارجية في مؤتمر صحفي أن المحادثات فشلت.", "ar")
    assert a.speaker == "وزير الخارجية" and a.verb == "اضاف"
    text = "بحسب وكالة الأنباء الرسمية، فإن الاجتماع تأجل."
    (b,) = find_attributions(text, "ar")
    assert b.speaker == "وكالة الأنباء الرسمية"


def test_attribution_english_both_orders():
    (a,) = find_attributions("Senator Jane Doe said that the bill was a disaster.", "en")
    assert a.speaker == "Senator Jane Doe"
    text = '"The bill is a disaster," said Senator Jane Doe.'
    (b,) = find_attributions(text, "en")
    assert b.speaker == "Senator Jane Doe" and b.direct


def cues_of(text, lang):
    return [(c.text, c.category, c.voice, c.speaker) for c in CueExtractor(LEX).find(text, lang) if c.device]


def test_voice_outlet_attributed_and_scare_quote():
    text = "تعمد الخبراء الغربيون إثارة الهستيريا. وقال الرئيس إن الدول الغربية لديها “مطالبات بالهيمنة على العالم”."
    got = cues_of(text, "ar")
    assert ("الهستيريا", "loaded_language", "outlet", None) in got
    assert ("الخبراء الغربيون", "generalisation", "outlet", None) in got
    assert ("الهيمنة على العالم", "exaggeration", "attributed", "الرئيس") in got
    # a partial quote inside reported speech is not a scare quote
    assert not any(cat == "scare_quote" for _, cat, _, _ in got)


def test_scare_quote_in_outlet_voice():
    text = "وأشار الغرب و“الصهاينة” أنفسهم إلى تورطهم."
    got = cues_of(text, "ar")
    assert ("“الصهاينة”", "scare_quote", "outlet", None) in got
    assert ("الصهاينة", "name_calling", "outlet", None) in got


def test_english_claimed_versus_said_and_direct_quote():
    text = 'The minister claimed the regime fell. "We slammed them," said Jane Doe.'
    got = cues_of(text, "en")
    assert ("claimed", "doubt_distancing", "outlet", None) in got
    assert ("slammed", "loaded_language", "quote", "Jane Doe") in got
    signals = [c for c in CueExtractor(LEX).find(text, "en") if not c.device]
    assert any(c.category == "neutral_report" and c.text == "said" for c in signals)


def test_rhetorical_question_and_signals():
    got = [(c.text, c.category) for c in CueExtractor(LEX).find("Who benefits from this? We must act!", "en")]
    assert ("Who benefits from this?", "rhetorical_question") in got
    assert ("!", "exclamation") in got
    assert ("We", "first_person_plural") in got


def test_offsets_are_exact_with_diacritics_and_offset():
    text = "قال إنّ الهَسْتِيرِيا مُفتعلة"
    for c in CueExtractor(LEX).find(text, "ar", offset=100):
        assert text[c.start - 100 : c.end - 100] == c.text


def test_repetition_is_flagged_once_and_not_counted_twice():
    from framing.text import parse_document

    sentence = "تعمد الخبراء إثارة الهستيريا حول الشراكة بين البلدين الجارين."
    doc = parse_document(f"{sentence}\n\nفقرة أخرى هنا.\n\n{sentence}")
    by_block = CueExtractor(LEX).find_in_document(doc)
    first, _, last = (by_block[b.start] for b in doc.paragraphs)
    assert not any(c.category == "repetition" for c in first)
    assert [c.category for c in last if c.category == "repetition"] == ["repetition"]
    assert all(c.repeated for c in last if c.category == "loaded_language")


def test_lexicon_file_errors(tmp_path):
    bad = tmp_path / "my-ar.tsv"
    bad.write_text("term\tforms\tcategory\tweight\tmatch\tneutral\tnote\nكلمة\t\tshouting\t2\tword\t\t\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"my-ar.tsv: line 2: category 'shouting'"):
        read_lexicon_file(bad)
    bad.write_text("term\tforms\tcategory\tweight\tmatch\tneutral\tnote\nكلمة\t\tloaded_language\t7\tword\t\t\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="weight 7 is not 1, 2 or 3"):
        read_lexicon_file(bad)
    nolang = tmp_path / "mine.tsv"
    nolang.write_text("term\tcategory\nword\tloaded_language\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="no language"):
        read_lexicon_file(nolang)


def test_user_lexicon_overrides_and_adds(tmp_path):
    user = parse_lexicon("# version: u1\nterm\tcategory\tweight\tlang\nclaim\tdoubt_distancing\t3\ten\nhoax\tloaded_language\t2\ten\n",
                         "user.tsv", origin="user.tsv")
    merged = LEX.merged(user)
    assert [e.weight for e in merged.lookup("claim", "en")] == [3]
    assert merged.lookup("hoax", "en")[0].source == "user.tsv"
    assert "user.tsv@u1" in merged.version
