"""The record format: parsing, errors with file/line/field, CSV and JSONL, writing."""

import json

import pytest

from framing.cli import main
from framing.datasets import parse_record, read_records, record_to_dict, stance_pairs, write_records
from framing.errors import DataFormatError

GOOD = [
    {"id": "a", "text": "قال الوزير إن روسيا تهدد المنطقة", "target": "روسيا", "stance": "against"},
    {"id": "b", "text": "The senator praised the bill.", "targets": [
        {"target": "the bill", "stance": "FAVOR", "confidence": "high", "mentions": [{"start": 19, "end": 27}]}],
     "label": "true", "techniques": ["Loaded_Language"], "spans": [{"start": 12, "end": 19, "label": "Loaded_Language"}]},
]


def write_jsonl(path, objs, extra_lines=()):
    lines = [json.dumps(o, ensure_ascii=False) for o in objs] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_read_jsonl_and_flatten(tmp_path):
    path = tmp_path / "r.jsonl"
    write_jsonl(path, GOOD)
    records = read_records(path)
    assert [r.id for r in records] == ["a", "b"]
    assert records[0].lang == "ar" and records[1].lang == "en"
    pairs = stance_pairs(records)
    assert [(r.id, t.target, t.stance) for r, t in pairs] == [("a", "روسيا", "AGAINST"), ("b", "the bill", "FAVOR")]
    assert records[1].label is True and records[1].techniques == ("Loaded_Language",)
    assert records[1].targets[0].mentions == ((19, 27),)


def test_csv_with_json_cells(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        'id,text,targets,label\n'
        'x,"Critics slammed the plan.","[{""target"": ""the plan"", ""stance"": ""AGAINST""}]",1\n',
        encoding="utf-8",
    )
    (r,) = read_records(path)
    assert r.targets[0].stance == "AGAINST" and r.label is True


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "x", "stance": "FOR", "target": "t"}', "line 2: stance 'FOR' is not one of FAVOR, AGAINST, NONE"),
        ('{"id": "no text"}', "line 2: missing or empty 'text'"),
        ('{"text": "abc", "spans": [{"start": 1, "end": 9, "label": "L"}]}', "line 2: span (1, 9) is out of range"),
        ('{bad json', "line 2: invalid JSON"),
        ('{"text": "x", "label": "maybe"}', "line 2: label 'maybe' is not true/false"),
        ('{"text": "x", "stance": "NONE"}', "line 2: a stance needs a non-empty 'target'"),
        ('{"text": "x", "targets": [{"target": "t", "stance": "NONE", "confidence": "mid"}]}', "confidence 'mid'"),
    ],
)
def test_malformed_records_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD[0], ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        read_records(path)
    assert "bad.jsonl" in str(info.value)


def test_empty_file_is_an_error_not_an_empty_success(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="has no usable records"):
        read_records(path)


def test_skip_invalid_collects_errors(tmp_path):
    path = tmp_path / "mixed.jsonl"
    write_jsonl(path, GOOD, ["{broken"])
    errors = []
    records = read_records(path, skip_invalid=True, errors=errors)
    assert len(records) == 2 and len(errors) == 1 and "line 3" in str(errors[0])


def test_csv_with_wrong_delimiter(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("id;text;stance\n1;hello;NONE\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="no 'text' column.*delimiter"):
        read_records(path)


def test_write_and_read_back(tmp_path):
    records = [parse_record(o) for o in GOOD]
    path = tmp_path / "out.jsonl"
    assert write_records(records, path) == 2
    again = read_records(path)
    assert [record_to_dict(r) for r in again] == [record_to_dict(r) for r in records]


def test_cli_errors_for_malformed_files(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "stance": "FOR", "target": "t"}\n', encoding="utf-8")
    assert main(["datasets", "stats", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.jsonl: line 1: stance 'FOR'" in err[0]


def test_dataset_name_wins_over_a_directory_of_the_same_name(tmp_path, capsys, monkeypatch):
    (tmp_path / "framing").mkdir()  # as in the repository root, where ./framing is the package
    monkeypatch.chdir(tmp_path)
    assert main(["datasets", "stats", "framing", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["languages"]["ar"] >= 800 and stats["languages"]["en"] >= 500
