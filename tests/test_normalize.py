"""Normalization: hand-written expectations and properties of the offset map."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.text import normalize, normalize_text, strip_diacritics

CASES = [
    # (input, expected normalized text)
    ("هَسْتِيرِيَا", "هستيريا"),                      # diacritics
    ("الكـــرامة", "الكرامه"),                        # tatweel, ta marbuta
    ("أإآٱ", "اااا"),                                # alef forms
    ("على", "علي"),                                  # alef maqsura
    ("٢٠٢٢ و۱۹", "2022 و19"),                         # Arabic-Indic and Persian digits
    ("ﻻ", "لا"),                                     # NFKC ligature, one to two
    ("Claimed SO-CALLED", "claimed so-called"),       # casefold
    ("a\u00adb\u200cc\u200dd\u061ce\u200ff", "abcdef"),  # soft hyphen, ZWNJ, ZWJ, ALM, RLM
    ("ﷺ", "صلي الله عليه وسلم"),                      # one character to eighteen
    ("Straße", "strasse"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_normalize_expectations(raw, expected):
    assert normalize_text(raw) == expected


def test_folds_can_be_switched_off():
    assert normalize_text("أمة على", fold_alef=False, fold_yeh=False, fold_teh_marbuta=False) == "أمة على"
    assert normalize_text("ABC", casefold=False) == "ABC"
    assert normalize_text("٣", digits=False) == "٣"


def test_span_maps_back_to_original_words():
    original = "تعمد الخبراءُ الغربيون إثارةَ الهستيريا"
    n = normalize(original)
    i = n.text.index("الهستيريا")
    a, b = n.to_original(i, i + len("الهستيريا"))
    assert original[a:b] == "الهستيريا"
    j = n.text.index("اثاره")
    a, b = n.to_original(j, j + len("اثاره"))
    assert original[a:b] == "إثارةَ"  # the diacritic travels with its letter


def test_one_to_many_span_maps_to_the_whole_source_character():
    original = "قال ﷺ اليوم"
    n = normalize(original)
    i = n.text.index("الله")
    assert n.original_text(i, i + 4) == "ﷺ"


def test_to_original_rejects_spans_outside_the_text():
    n = normalize("abc")
    with pytest.raises(IndexError, match="outside the normalized text"):
        n.to_original(0, 9)


def test_strip_diacritics_keeps_letters():
    assert strip_diacritics("إيرانُ") == "إيران"


# Text that mixes the scripts and marks that cause trouble.
tricky = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(list("أإآٱىةـًٌٍَُِّْٰﻻﷺ\u200c\u200d\u200e\u200f\u061c\u00ad٣۴ßİ\u0301\ufeff")),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    ),
    max_size=60,
)


@given(tricky)
def test_normalize_never_crashes_and_is_idempotent(text):
    n = normalize(text)
    assert normalize_text(n.text) == n.text


@given(tricky)
def test_offset_map_is_monotone_and_in_range(text):
    n = normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    prev_start = 0
    for s, e in zip(n.starts, n.ends):
        assert 0 <= s < e <= len(text)
        assert s >= prev_start
        prev_start = s


@given(tricky, st.data())
def test_every_normalized_span_maps_back_to_its_source(text, data):
    n = normalize(text)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    # Only spans that do not cut through the output of one source cluster.
    if a > 0 and n.starts[a] == n.starts[a - 1]:
        return
    if b < len(n.text) and n.ends[b] == n.ends[b - 1]:
        return
    oa, ob = n.to_original(a, b)
    assert normalize_text(text[oa:ob]) == n.text[a:b]
