"""Quality gates of our own corpus (framing/data/corpus): sizes, balance, pairs, duplicates, spans."""

import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest

from framing.datasets.corpus import compile_markup, corpus_targets, load_corpus, render_markup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "datasets"))
from check_corpus import near_duplicates  # noqa: E402

RECORDS = load_corpus()
MINIMUM = {"ar": 1200, "en": 950}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_size_balance_persons_and_length(lang):
    rs = [r for r in RECORDS if r.record.lang == lang]
    assert len(rs) >= MINIMUM[lang]
    labels = [t for r in rs for t in r.record.targets]
    shares = {k: v / len(labels) for k, v in Counter(t.stance for t in labels).items()}
    assert set(shares) == {"FAVOR", "AGAINST", "NONE"}
    # Polar classes stay well represented; the later batches follow real news, where NONE leads.
    assert min(shares["FAVOR"], shares["AGAINST"]) >= 0.20, shares
    assert 0.33 <= shares["NONE"] <= 0.55, shares
    kinds = {t.name: t.kind for t in corpus_targets() if t.lang == lang}
    assert all(t.target in kinds for t in labels), "every target has a kind in its batch's targets file"
    assert sum(1 for t in labels if kinds[t.target] == "person") / len(labels) >= 0.30
    median = statistics.median(len(r.record.text) for r in rs)
    assert 150 <= median <= 400
    assert all(1 <= len(r.record.targets) <= 3 for r in rs)


def test_markup_round_trip_and_offsets():
    for r in RECORDS:
        text, spans = compile_markup(r.marked)
        assert text == r.record.text
        assert render_markup(text, spans) == r.marked
        for a, b, label in r.record.spans:
            assert 0 <= a < b <= len(text) and text[a:b].strip() == text[a:b]
        for t in r.record.targets:
            for a, b in t.mentions:
                assert 0 <= a < b <= len(text)


def test_pairs_stay_on_one_side_of_the_split():
    sides = {}
    for r in RECORDS:
        if r.record.pair_id:
            sides.setdefault(r.record.pair_id, set()).add(r.split)
    assert sides and all(len(s) == 1 for s in sides.values())
    kinds = Counter(r.pair_kind for r in RECORDS if r.pair_kind)
    assert set(kinds) == {"minimal", "target_swap", "attribution"}


def test_no_near_duplicates():
    dups = near_duplicates(RECORDS)
    ids = {a for a, _, _ in dups} | {b for _, b, _ in dups}
    assert len(ids) / len(RECORDS) <= 0.01, dups[:5]


def test_ids_unique_and_splits_present():
    ids = [r.record.id for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert Counter(r.split for r in RECORDS).keys() == {"train", "test"}


def test_default_recipe_was_tuned_for_this_corpus():
    """The NONE bias of the default bundle is chosen for the corpus and lexicons it is trained on.

    When this fails, rerun ``FRAMING_DATA=../shared/data python experiments/tune_default.py``.
    """
    from framing.models.bundle import _corpus_fingerprint, default_recipe

    recipe = default_recipe()
    assert set(recipe["none_bias"]) == {"ar", "en"}
    assert all(0 <= b <= 3 for b in recipe["none_bias"].values())
    assert recipe["corpus_fingerprint"] == _corpus_fingerprint(), "corpus or lexicons changed: rerun tune_default.py"
