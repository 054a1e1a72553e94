"""The command line: output formats, collections, and one-line errors with exit codes."""

import gzip
import json
import os
import subprocess
import sys

import pytest

from framing import __version__
from framing.cli import main

from conftest import validate_article

ARTICLE = "عنوان الخبر\n\nقال الوزير إن الاجتماع انتهى دون اتفاق.\n\nSource link\n"


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err, *needles):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"framing {__version__}"


def test_help_teaches_with_an_example(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "framing score --example ar" in out and "exit codes" in out
    code, out, _ = run(["score", "--help"], capsys)
    assert code == 0 and "--format" in out and ".jsonl" in out


def test_no_command_prints_help_and_exits_2(capsys):
    code, out, _ = run([], capsys)
    assert code == 2 and "COMMAND" in out


def test_score_table_and_json(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["score", str(path)], capsys)
    assert code == 0 and "قال الوزير" in out and "removed" in out
    code, out, err = run(["score", str(path), "--format", "json"], capsys)
    assert code == 0
    doc = validate_article(json.loads(out))
    assert doc["schema_version"] == 1
    assert doc["title"] == "عنوان الخبر"
    assert [p["text"] for p in doc["paragraphs"]] == ["قال الوزير إن الاجتماع انتهى دون اتفاق."]
    for p in doc["paragraphs"]:
        assert doc["text"][p["start"] : p["end"]] == p["text"]
    assert doc["removed"][0]["text"] == "Source link"


def test_output_file_is_written(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    dst = tmp_path / "out.json"
    code, out, _ = run(["score", str(src), "--format", "json", "-o", str(dst)], capsys)
    assert code == 0 and out == ""
    assert json.loads(dst.read_text(encoding="utf-8"))["lang"] == "ar"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("name", ["ar", "ar2", "en"])
def test_builtin_examples(name, capsys):
    code, out, err = run(["score", "--example", name, "--format", "json"], capsys)
    assert code == 0, err
    doc = validate_article(json.loads(out))
    assert doc["id"] == f"example:{name}"
    assert doc["lang"] == ("en" if name == "en" else "ar")
    assert doc["title"] and doc["dateline"]
    assert len(doc["paragraphs"]) >= 6
    assert doc["related"] and doc["removed"]


def test_unknown_example(capsys):
    code, _, err = run(["score", "--example", "fr"], capsys)
    assert code == 2
    assert_one_line_error(err, "unknown example 'fr'", "ar")


def test_bad_inputs_one_line_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    gz = tmp_path / "article.txt.gz"
    gz.write_bytes(gzip.compress(ARTICLE.encode()))
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes((i * 37 + 11) % 255 + 1 for i in range(3000)))
    emptydir = tmp_path / "emptydir"
    emptydir.mkdir()
    cases = [
        (tmp_path / "missing.txt", "no such file"),
        (empty, "is empty"),
        (binary, "PNG"),
        (gz, "gzip"),
        (garbage, "cannot be decoded"),
        (emptydir, "empty directory"),
    ]
    for path, problem in cases:
        code, out, err = run(["score", str(path)], capsys)
        assert code == 2, (path, err)
        assert_one_line_error(err, str(path), problem)


def test_usage_errors_exit_2(capsys):
    code, _, err = run(["score", "--format", "xml", "x.txt"], capsys)
    assert code == 2
    assert_one_line_error(err, "invalid choice", "--help")
    code, _, err = run(["score"], capsys)
    assert code == 2
    assert_one_line_error(err, "no input")
    code, _, err = run(["score", "x.txt", "--max-bytes", "-3"], capsys)
    assert code == 2
    assert_one_line_error(err, "above 0")


def test_directory_collection_keeps_going_and_exits_1(tmp_path, capsys):
    d = tmp_path / "articles"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b.txt").write_bytes(b"")
    (d / "sub" / "c.md").write_text("The minister said talks ended.", encoding="utf-8")
    (d / "ignored.csv").write_text("x,y", encoding="utf-8")
    code, out, err = run(["score", str(d)], capsys)
    assert code == 1
    records = [validate_article(json.loads(line)) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a.txt", "b.txt", os.path.join("sub", "c.md")]
    assert "error" in records[1] and "is empty" in records[1]["error"]
    assert records[2]["lang"] == "en"
    assert "b.txt" in err


def test_jsonl_collection(tmp_path, capsys):
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": "one", "text": ARTICLE, "source": "Example News", "url": "http://x"}, ensure_ascii=False),
        "{broken json",
        json.dumps({"id": "three", "html": "<html><body><p>The minister said talks ended.</p></body></html>"}),
        json.dumps({"id": "four"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["score", str(path)], capsys)
    assert code == 1
    records = [validate_article(json.loads(line)) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["one", "line-2", "three", "four"]
    assert records[0]["source"] == "Example News" and records[0]["url"] == "http://x"
    assert "line 2" in records[1]["error"] and "invalid JSON" in records[1]["error"]
    assert records[2]["encoding"] == "html"
    assert "'text'" in records[3]["error"]


def test_collection_where_nothing_scores_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text("{nope\n[1]\n", encoding="utf-8")
    code, out, err = run(["score", str(path)], capsys)
    assert code == 2
    assert "none of the 2 article(s) could be scored" in err


def test_json_format_refused_for_collections(tmp_path, capsys):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(["score", str(d), "--format", "json"], capsys)
    assert code == 2
    assert_one_line_error(err, "--format jsonl")


def test_lone_surrogates_do_not_crash_output(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "s", "text": "قال \ud800 الوزير إن الاجتماع انتهى"}) + "\n", encoding="utf-8")
    code, out, err = run(["score", str(path)], capsys)
    assert code == 0
    assert json.loads(out)["paragraphs"]


def test_console_script_stdin_and_warning(tmp_path):
    data = ARTICLE.encode("utf-16-le")  # no BOM
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "score", "-", "--format", "json"],
        input=data,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout.decode("utf-8"))
    assert doc["encoding"] == "utf-16-le"
    assert "byte-order mark" in proc.stderr.decode()


def test_missing_file_via_subprocess_has_no_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "score", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr, "nope.txt", "no such file")


def test_evaluate_refuses_labels_the_model_does_not_know(tmp_path, capsys):
    import json

    from framing.cli import main

    rows = [{"id": f"r{i}", "text": t, "lang": "en", "target": "Acme", "stance": s}
            for i, (t, s) in enumerate([("Acme's plan is a disgrace, critics said.", "AGAINST"),
                                        ("The senator praised Acme's fine plan.", "FAVOR")] * 6)]
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    model = tmp_path / "m.npz"
    assert main(["train", "--task", "stance", "--data", str(train), "--out", str(model)]) == 0
    test = tmp_path / "test.jsonl"
    test.write_text(json.dumps({"id": "x", "text": "Acme met on Monday.", "lang": "en", "target": "Acme",
                                "stance": "NONE"}) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", "--task", "stance", "--model", str(model), "--data", str(test)]) == 2
    err = capsys.readouterr().err
    assert "['NONE'] that the model does not know" in err and "AGAINST, FAVOR" in err
    assert len(err.strip().splitlines()) <= 2
