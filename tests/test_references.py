"""Short references to a target (framing/references.py): used only when a paragraph does not name it."""

import pytest

from framing.models.features import find_mentions
from framing.references import reference_forms, reference_mentions
from framing.targets import load_targets

TS = load_targets()


@pytest.mark.parametrize(
    "name, lang, form",
    [
        ("منظمة الصحة العالمية", "ar", "المنظمة"),
        ("الاتحاد الأوروبي", "ar", "الاتحاد"),
        ("مفوضية الأمم المتحدة لشؤون اللاجئين", "ar", "المفوضية"),
        ("نادي الهلال", "ar", "الهلال"),
        ("الملكة إليزابيث الثانية", "ar", "الملكة"),
        ("الأطفال السوريون", "ar", "الأطفال السوريين"),
        ("عبد الماجد أبو قرون", "ar", "عبدالماجد أبوقرون"),
        ("FBI", "en", "F.B.I."),
        ("Arizona SB 1062", "en", "SB 1062"),
    ],
)
def test_reference_forms(name, lang, form):
    assert form in reference_forms(name, lang)


@pytest.mark.parametrize("name, lang", [("روسيا", "ar"), ("إيران", "ar"), ("Nancy Pelosi", "en"), ("the West", "en"),
                                        ("Barack Obama", "en"), ("war", "en")])
def test_no_references_for_plain_names(name, lang):
    assert reference_forms(name, lang) == ()


def test_reference_mentions_are_clitic_aware():
    text = "وأكدت المنظمة أن التحديث محصور، فيما رحب وزير الصحة بقرار للمنظمة."
    assert [m.text for m in reference_mentions(text, "ar", "منظمة الصحة العالمية")] == ["المنظمة", "للمنظمة"]


def test_references_only_when_the_target_is_not_named():
    named = "رحبت منظمة الصحة العالمية بالقرار، وقالت المنظمة إنه خطوة مهمة."
    spans, _ = find_mentions(named, "ar", "منظمة الصحة العالمية", TS)
    assert [named[a:b] for a, b in spans] == ["منظمة الصحة العالمية"]
    unnamed = "وقالت المنظمة إن القرار خطوة مهمة."
    spans, _ = find_mentions(unnamed, "ar", "منظمة الصحة العالمية", TS)
    assert [unnamed[a:b] for a, b in spans] == ["المنظمة"]
    text = "The F.B.I. opened an inquiry."
    spans, _ = find_mentions(text, "en", "FBI", TS)
    assert spans and text[spans[0][0]:spans[0][1]].startswith("F.B.I")
