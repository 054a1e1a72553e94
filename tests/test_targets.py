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


def test_unlisted_names_are_found_by_surname_and_acronym():
    from framing.models.features import find_mentions
    from framing.targets import load_targets, name_variants

    ts = load_targets()
    text = "Pelosi defeated her lone challenger. Later, Ms. Pelosi thanked the FEC staff."
    spans, _ = find_mentions(text, "en", "Nancy Pelosi", ts)
    assert [text[a:b] for a, b in spans] == ["Pelosi", "Pelosi"]
    spans, _ = find_mentions(text, "en", "Federal Election Commission", ts)
    assert [text[a:b] for a, b in spans] == ["FEC"]
    ar = "وأكدت السعيد أن الخطة تسير، فيما شارك وفد برئاسة للسعيد."
    spans, _ = find_mentions(ar, "ar", "هالة السعيد", ts)
    assert [ar[a:b] for a, b in spans] == ["السعيد", "للسعيد"]
    # organisations are not cut down to their last word
    assert name_variants("صندوق النقد الدولي", "ar") == ()
    assert name_variants("House Democrats", "en") == ()
    assert name_variants("Senate Judiciary Committee", "en") == ("SJC",)
    # nor are laws, deals and projects: "Act" is not a surname, and the verb "act" is not the law
    assert name_variants("Affordable Care Act", "en") == ("ACA",)
    assert name_variants("Keystone XL Pipeline", "en") == ("KXP",)  # (its acronym, in capitals only)
    text = "Senators must act now, before the ACA deadline."
    spans, _ = find_mentions(text, "en", "Utility Rate Stabilization Act", ts)
    assert spans == []
    spans, _ = find_mentions(text, "en", "Affordable Care Act", ts)
    assert [text[a:b] for a, b in spans] == ["ACA"]


def test_acronyms_count_in_capitals_only():
    from framing.targets import name_mentions

    text = "The war ended; WAR said so."
    assert [m.text for m in name_mentions(text, "en", "Women Against Repression")] == []  # not an org name
    assert [m.text for m in name_mentions(text, "en", "Workers Action Reform Association")] == []
    assert [m.text for m in name_mentions("The WARA said so; a wara.", "en", "Workers Action Reform Association")] == ["WARA"]
