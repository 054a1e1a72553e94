"""The targets file: aliases, metonyms, spelling variants, pejorative names, and the traps."""

import pytest

from framing.errors import DataFormatError, UsageError
from framing.targets import load_targets, parse_target_option

TS = load_targets()


def mentioned(text, lang):
    return [(m.text, m.target) for m in TS.mentions(text, lang)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("انتقد المسؤول الروسي والصحف الروسية موقف الروس", "ar", {"روسيا"}),
        ("قال إن الغرب والدول الغربية والخبراء الغربيين يتحملون المسؤولية", "ar", {"الغرب"}),
        ("وصل الوفد إلى موسكو ثم طهران قبل أن يتوجه إلى واشنطن", "ar", {"روسيا", "إيران", "الولايات المتحدة"}),
        ("قالت أمريكا إن أميركا لن تتراجع", "ar", {"الولايات المتحدة"}),
        ("The Kremlin and Moscow denied it, while Washington objected.", "en", {"Russia", "United States"}),
        ("Western governments and the West reacted.", "en", {"the West"}),
    ],
)
def test_aliases_and_metonyms(text, lang, expected):
    assert {t for _, t in mentioned(text, lang)} >= expected


def test_spelling_variants_of_one_person():
    a = {t for _, t in mentioned("قال ترامب إن ترمب سيعود", "ar")}
    assert len(a) == 1 and "ترامب" in next(iter(a))


def test_pejorative_name_counts_as_the_target():
    got = {t for _, t in mentioned("هاجم الكيان الصهيوني القطاع", "ar")}
    assert "إسرائيل" in got


@pytest.mark.parametrize(
    "text, lang, absent",
    [
        ("اعتقل جنود في الضفة الغربية عددا من الشبان", "ar", "الغرب"),
        ("تعد الصحراء الغربية نزاعا قديما", "ar", "الغرب"),
        ("زار الوزير المغرب أمس", "ar", "الغرب"),
        ("Settlers attacked a village in the West Bank.", "en", "the West"),
        ("The senator from West Virginia voted no.", "en", "the West"),
    ],
)
def test_negative_contexts_do_not_count(text, lang, absent):
    assert absent not in {t for _, t in mentioned(text, lang)}


def test_offsets_are_exact():
    text = "وقال إن للغرب أطماعا في المنطقة"
    for m in TS.mentions(text, "ar"):
        assert text[m.start : m.end] == m.text


def test_command_line_targets_and_user_files(tmp_path):
    (t,) = parse_target_option("Acme Corp=Acme|the company", "en")
    ts = load_targets(extra_targets=[t])
    assert [m.target for m in ts.mentions("Acme said the company would appeal.", "en")] == ["Acme Corp", "Acme Corp"]
    with pytest.raises(UsageError, match="needs a name"):
        parse_target_option("=x")
    bad = tmp_path / "t.tsv"
    bad.write_text("target\tlang\tkind\nX\tfr\tperson\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="lang 'fr'"):
        load_targets([bad])
