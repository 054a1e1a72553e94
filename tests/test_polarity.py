"""Polarity words and the stance features built on them."""

from framing.analysis import describe_feature
from framing.lexicon import parse_lexicon
from framing.models.features import ParagraphView, stance_features
from framing.polarity import POLARITIES, find_polarity, load_polarity


class _NoCues:
    def find(self, text, lang):
        return []


def _view(text, lang):
    return ParagraphView.build(text, lang, _NoCues())


def test_lexicons_load_with_both_polarities_and_versions():
    lex = load_polarity()
    for lang in ("ar", "en"):
        entries = [e for e in lex.entries if e.lang == lang]
        assert len(entries) > 300
        assert {e.category for e in entries} == set(POLARITIES)
    assert all(v != "unversioned" for v in lex.versions.values())


def test_arabic_clitics_and_traps():
    words = find_polarity("وأشاد الوزير بالإنجاز، فيما ندد المتظاهرون بالفساد.", "ar")
    assert [(w.text, w.polarity) for w in words] == [
        ("أشاد", "positive"), ("الإنجاز", "positive"), ("ندد", "negative"), ("الفساد", "negative")]  # proclitics left out
    # a name and a price are not praise
    assert find_polarity("قال شكري إن ثمن الخبز ثابت.", "ar") == []
    assert find_polarity("Unknown language text", "fr") == []


def test_polarity_is_not_a_cue_category():
    import pytest

    from framing.errors import DataFormatError

    text = "# language: en\nterm\tforms\tcategory\tweight\tmatch\tneutral\tnote\npraise\t\tpositive\t1\tstem\t\t\n"
    with pytest.raises(DataFormatError, match="category 'positive' is not one of"):
        parse_lexicon(text, "user.tsv")


def test_stance_features_see_who_is_praised_and_blamed():
    text = "Critics condemned Acme on Monday. The mayor praised Bolt for the new bridge."
    view = _view(text, "en")
    acme = stance_features(view, [(18, 22)])["f"]
    bolt = stance_features(view, [(52, 56)])["f"]
    assert "f:pol:negative:tsent" in acme and "f:pol:positive:tsent" not in acme
    assert "f:pol:positive:tsent" in bolt and "f:pol:negative:tsent" not in bolt
    quiet = stance_features(_view("Acme opened an office in Leeds on Monday.", "en"), [(0, 4)])["f"]
    assert quiet.get("f:pol:quiet") == 1.0


def test_polarity_features_have_plain_words():
    assert describe_feature("f:pol:negative:tsent") == "blame or failure words in the target's sentence"
    assert describe_feature("f:pol:positive:t_speaks") == "praise or success words in the target's own words"
    assert describe_feature("f:pol:quiet") == "no praise, blame or loaded words in the target's sentence"
