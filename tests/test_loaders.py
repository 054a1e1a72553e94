"""Loaders of the real corpora in ../shared/data (slow; skipped when the data is absent)."""

import json

import pytest

from conftest import shared_data_dir
from framing.cli import main
from framing.datasets.loaders import load

DATA = shared_data_dir()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(DATA is None, reason="real corpora not found (set FRAMING_DATA)")]

# Record counts of the copies in ../shared/data (its README: official test splits withheld).
EXPECTED = {
    "mawqif": 3502,
    "newsmtsc": 7752,
    "araieval23-1a": 2418,   # 2,190 train + 228 dev
    "araieval23-1b": 2418,
    "armpro": 640,
    "babe": 2792,            # SG2 with the withheld sentences removed, "No agreement" dropped
    "basil": 3168,           # paragraphs of the 210 articles of 2010-2016
}


@pytest.mark.parametrize("name, count", sorted(EXPECTED.items()))
def test_record_counts(name, count):
    records = load(name, str(DATA / {"araieval23-1a": "araieval23", "araieval23-1b": "araieval23"}.get(name, name)))
    assert len(records) == count
    for r in records[:200]:
        for a, b, _ in r.spans:
            assert 0 <= a < b <= len(r.text)
        for t in r.targets:
            for a, b in t.mentions:
                assert 0 <= a < b <= len(r.text)


def test_mawqif_targets_are_the_same_strings_everywhere():
    records = load("mawqif", str(DATA / "mawqif"))
    assert {t.target for r in records for t in r.targets} == {"لقاح كورونا", "التحول الرقمي", "تمكين المرأة"}


def test_newsmtsc_polarity_mapping_and_mentions():
    records = load("newsmtsc", str(DATA / "newsmtsc"))
    stances = {t.stance for r in records for t in r.targets}
    assert stances == {"FAVOR", "AGAINST", "NONE"}
    r = next(r for r in records if r.targets[0].mentions)
    a, b = r.targets[0].mentions[0]
    assert r.text[a:b].strip()


def test_fignews_majority_votes():
    records = load("fignews", str(DATA / "fignews2024"))
    assert records and all(t.stance in ("AGAINST", "NONE") for r in records for t in r.targets)
    assert {r.lang for r in records} >= {"ar", "en"}


def test_convert_mawqif_through_the_cli(tmp_path, capsys):
    out = tmp_path / "mawqif.jsonl"
    assert main(["datasets", "convert", "mawqif", str(DATA / "mawqif"), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3502
    assert json.loads(lines[0])["targets"][0]["stance"] in ("FAVOR", "AGAINST", "NONE")
    assert main(["datasets", "stats", str(out), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["records"] == 3502 and stats["stance"]["FAVOR"] == 2148
