"""Tokens with offsets, and language by script."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.text import detect_language, tokenize, token_strings


def test_words_with_diacritics_stay_whole():
    text = "إنّ الهَسْتِيرِيا مُفتعَلة"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["إنّ", "الهَسْتِيرِيا", "مُفتعَلة"]
    assert [t.norm for t in toks] == ["ان", "الهستيريا", "مفتعله"]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_tatweel_and_numbers():
    toks = tokenize("الغـــرب 2,500 ٢٠٢٢ COVID-19")
    assert [t.norm for t in toks] == ["الغرب", "2,500", "2022", "covid-19"]
    assert toks[1].is_number and not toks[0].is_number


def test_offset_argument_shifts_spans():
    toks = tokenize("قال", offset=10)
    assert (toks[0].start, toks[0].end) == (10, 13)


def test_token_strings_is_an_analyzer():
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(analyzer=token_strings).fit(["هَسْتِيرِيا الغرب", "الهستيريا"])
    assert "هستيريا" in cv.vocabulary_


@given(st.text(max_size=80))
def test_token_offsets_are_exact(text):
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
        assert t.start < t.end


@pytest.mark.parametrize(
    "text, lang",
    [
        ("قال الرئيس الإيراني إن العلاقات تتطور", "ar"),
        ("The president said relations are improving.", "en"),
        ("مقابلة حصرية لـ RT مع الرئيس", "ar"),
        ("Der Präsident sagte am Montag, die Beziehungen würden sich verbessern und vertiefen.", "other"),
        ("Президент заявил", "other"),
        ("2022 - 5:02", "other"),
        ("", "other"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang
