"""The agreement tool for our annotations of real paragraphs (datasets/agreement.py real-*), on small files."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "datasets"))
import agreement  # noqa: E402

from framing.datasets.annotations import read_annotation_file  # noqa: E402

HEADER = "corpus\tparagraph_id\ttarget\tstance\tconfidence\tannotator\tnote\n"
FIRST = [("p1", "Ann", "FAVOR", "low"), ("p1", "Bob", "NONE", "high"), ("p2", "Ann", "AGAINST", "high"),
         ("p2", "Cy", "NONE", "low")]
SECOND = [("p1", "Ann", "NONE", "low"), ("p1", "Bob", "NONE", "high"), ("p2", "Ann", "AGAINST", "high"),
          ("p2", "Cy", "FAVOR", "low")]


def _write(path, rows, who, extra=""):
    path.write_text("# a test file\n" + HEADER + "".join(
        f"basil\t{p}\t{t}\t{s}\t{c}\t{who}\t{extra or 'a note'}\n" for p, t, s, c in rows), encoding="utf-8")


@pytest.fixture
def files(tmp_path, monkeypatch):
    ann = tmp_path / "basil.tsv"
    _write(ann, FIRST, "annotator-1")
    monkeypatch.setattr(agreement, "REAL_FILES", {"basil": ann})
    monkeypatch.setattr(agreement, "REAL_AGREEMENT", tmp_path / "agreement")
    return tmp_path, ann


def test_freeze_kappa_disagreements_and_apply(files, monkeypatch):
    tmp, ann = files
    assert agreement.real_freeze("basil") == 4
    with pytest.raises(SystemExit, match="frozen once"):
        agreement.real_freeze("basil")
    _write(tmp / "agreement" / "basil-pass2.tsv", SECOND, "annotator-2")

    rep = agreement.real_kappa_report()["basil"]
    assert rep["pairs"] == 4 and rep["observed_agreement"] == 0.5 and rep["unmatched_pairs"] == 0
    assert rep["cohen_kappa"] == round(agreement.cohen_kappa([r[2] for r in FIRST], [r[2] for r in SECOND]), 3)
    assert rep["both_high"] == {"pairs": 2, "observed_agreement": 1.0, "cohen_kappa": 1.0}
    assert rep["confusion_first_rows_second_cols"]["FAVOR"]["NONE"] == 1
    assert "disagreements" not in rep  # not adjudicated yet

    # the adjudicator gets the two disagreements with the text, the labels in an order that hides the passes
    monkeypatch.setattr(agreement, "_article_context",
                        lambda corpus, data: {"p1": ("text one", [], "title"), "p2": ("text two", ["before"], "")})
    with pytest.raises(SystemExit, match="inside the repository"):
        agreement.real_disagreements("basil", str(agreement.ROOT / "dis.jsonl"))
    out = tmp / "dis.jsonl"
    assert agreement.real_disagreements("basil", str(out)) == 2
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(i["paragraph_id"], i["target"]) for i in items] == [("p1", "Ann"), ("p2", "Cy")]
    assert {items[0]["label_a"], items[0]["label_b"]} == {"FAVOR/low", "NONE/low"}
    assert items[1]["earlier_paragraphs_of_the_article"] == ["before"] and items[1]["all_targets_of_paragraph"] == ["Ann", "Cy"]

    (tmp / "agreement" / "basil-adjudication.tsv").write_text(
        "# adjudication\ncorpus\tparagraph_id\ttarget\tstance\tconfidence\tannotator\treason\n"
        "basil\tp1\tAnn\tNONE\thigh\tadjudicator-1\tno evaluation of her\n"
        "basil\tp2\tCy\tNONE\tlow\tadjudicator-1\tmentioned in passing\n", encoding="utf-8")
    assert agreement.real_apply("basil") == 1  # p1/Ann FAVOR -> NONE; p2/Cy stays NONE/low (the first label won)
    rows = {(r["paragraph_id"], r["target"]): r for r in read_annotation_file(ann)}
    assert rows[("p1", "Ann")]["stance"] == "NONE" and rows[("p1", "Ann")]["annotator"] == "adjudicator-1"
    assert rows[("p1", "Ann")]["note"] == "adjudicated: no evaluation of her"
    assert rows[("p1", "Bob")]["annotator"] == "annotator-1"  # agreed labels stay the first pass's
    assert len(rows) == 4
    rep = agreement.real_kappa_report()["basil"]
    assert (rep["disagreements"], rep["adjudicated"], rep["adjudicated_to_first"], rep["adjudicated_to_second"],
            rep["adjudicated_to_other"], rep["file_agrees_with_adjudication"]) == (2, 2, 1, 1, 0, 2)
    assert agreement.real_apply("basil") == 0  # applying twice changes nothing more
    assert ann.read_text(encoding="utf-8").count("# adjudicated:") == 1


def test_adjudication_of_an_unknown_pair_is_refused(files):
    tmp, _ann = files
    (tmp / "agreement").mkdir()
    (tmp / "agreement" / "basil-adjudication.tsv").write_text(
        "corpus\tparagraph_id\ttarget\tstance\tconfidence\tannotator\treason\n"
        "basil\tp9\tAnn\tNONE\thigh\tadjudicator-1\tr\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="not in"):
        agreement.real_apply("basil")


def test_unknown_file_key_is_refused():
    with pytest.raises(SystemExit, match="must be one of"):
        agreement.real_freeze("nope")


def test_the_repository_annotation_files_are_consistent():
    """Each file parses; its pairs are its frozen first pass's; every adjudicated label is the file's label."""
    seen = {}
    for key, path in agreement.REAL_FILES.items():
        rows = {(r["paragraph_id"], r["target"]): r for r in read_annotation_file(path)}
        seen[key] = {pid.rsplit("_", 1)[0] for pid, _ in rows}  # the article (ArMPro doc_NNN, BASIL <article>_<n>-<i>)
        p1, p2 = agreement.REAL_AGREEMENT / f"{key}-pass1.tsv", agreement.REAL_AGREEMENT / f"{key}-pass2.tsv"
        if not p1.exists():
            continue
        assert set(agreement.read_real(p1)) == set(rows) == set(agreement.read_real(p2))
        for row in read_annotation_file(p2):
            assert row["stance"] in ("FAVOR", "AGAINST", "NONE") and row["confidence"] in ("high", "low")
        adj = agreement.REAL_AGREEMENT / f"{key}-adjudication.tsv"
        if adj.exists():
            for k, row in agreement.read_real(adj).items():
                assert rows[k]["stance"] == row["stance"], k
    # the tuning labels come from other articles than the evaluation labels
    assert not seen["tune-armpro"] & seen["armpro-dev"] and not seen["tune-basil"] & seen["basil"]
