"""``framing score``: parallel collections (--jobs), the progress bar, CSV output, --lang, and the speed benchmark."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.cli import main
from framing.collection import open_collection
from framing.output import CSV_COLUMNS

from conftest import REPO, validate_article

AR = [
    "قال وزير الخارجية إن المحادثات مع روسيا انتهت دون اتفاق على جدول زمني.",
    "واتهم المتحدث الغرب بإثارة الهستيريا حول المناورات العسكرية.",
    "وأضاف أن إيران مستعدة لمواصلة الحوار مع جميع الأطراف.",
]
EN = [
    "The minister said talks with Russia ended without agreement on a timetable.",
    "A spokesman accused the West of whipping up hysteria about the exercises.",
]


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err, *needles):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def article(i: int) -> str:
    paras = AR if i % 2 == 0 else EN
    return f"Article {i}\n\n" + "\n\n".join(f"{p} ({i})" for p in paras) + "\n"


@pytest.fixture
def directory(tmp_path):
    """Six articles, the fourth one binary (it fails), in two folders."""
    d = tmp_path / "articles"
    for i in range(6):
        sub = d / f"part{i // 3}"
        sub.mkdir(parents=True, exist_ok=True)
        data = b"\x00\x01binary" if i == 3 else article(i).encode("utf-8")
        (sub / f"{i:02d}.txt").write_bytes(data)
    return d


@pytest.fixture
def jsonl(tmp_path):
    """Six articles, the fourth line not JSON (it fails)."""
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps({"id": f"art-{i}", "text": article(i), "source": "test"}, ensure_ascii=False) for i in range(6)]
    lines[3] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def model():
    """The default model's file, built once: both runs of a comparison use the same model."""
    from framing.models.bundle import default_bundle

    return default_bundle().path


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("which", ["directory", "jsonl"])
def test_jobs_2_writes_the_bytes_of_jobs_1_in_input_order(which, request, model, tmp_path, capsys):
    source = request.getfixturevalue(which)
    outputs, errors = {}, {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.jsonl"
        code, stdout, err = run(["score", source, "--jobs", jobs, "-o", out, "--target", "روسيا", "--model", model],
                                capsys)
        assert code == 1, err
        assert stdout == "" and "Traceback" not in err
        outputs[jobs], errors[jobs] = out.read_bytes(), err
    assert outputs[1] == outputs[2]
    assert errors[1] == errors[2]
    got = records(tmp_path / "jobs2.jsonl")
    ids = [r["id"] for r in got]
    if which == "directory":
        assert ids == [os.path.join(f"part{i // 3}", f"{i:02d}.txt") for i in range(6)]
    else:
        assert ids == ["art-0", "art-1", "art-2", "line-4", "art-4", "art-5"]
    assert [i for i, r in enumerate(got) if "error" in r] == [3]
    assert len([line for line in errors[2].splitlines() if line.strip()]) == 1
    for r in got:
        if "error" not in r:
            validate_article(r)
            assert r["targets"]["requested"] == ["روسيا"]
            assert all(any(s["target"] == "روسيا" for s in p["stance"]) for p in r["paragraphs"])


def test_jobs_2_when_no_article_can_be_scored_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a"}\nnot json\n{"id": "c", "text": "  "}\n', encoding="utf-8")
    code, out, err = run(["score", path, "--jobs", "2", "--no-model"], capsys)
    assert code == 2
    assert len(out.splitlines()) == 3 and all("error" in json.loads(line) for line in out.splitlines())
    assert err.splitlines()[-1] == "framing: error: none of the 3 article(s) could be scored"
    assert "Traceback" not in err
    dst = tmp_path / "out.jsonl"
    code, _, _ = run(["score", path, "--jobs", "2", "--no-model", "-o", dst], capsys)
    assert code == 2 and not dst.exists()


def test_jobs_is_ignored_for_one_article(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(article(0), encoding="utf-8")
    code, out, err = run(["score", path, "--jobs", "2", "--no-model", "--format", "json"], capsys)
    assert code == 0, err
    validate_article(json.loads(out))


@pytest.mark.parametrize("value, needle", [("0", "above 0, got 0"), ("-2", "above 0, got -2"),
                                           ("two", "whole number, got 'two'"), ("1.5", "whole number")])
def test_bad_jobs_is_a_one_line_usage_error(tmp_path, capsys, value, needle):
    code, out, err = run(["score", tmp_path, "--jobs", value], capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, "--jobs", needle)


# -- progress bar ---------------------------------------------------------------------------------

def test_progress_bar_goes_to_stderr_only_and_when_asked(directory, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code, stdout, err = run(["score", directory, "--no-model", "--progress", "-o", out], capsys)
    assert code == 1
    assert "6/6 articles" in err and "1 failed" in err and "/s" in err
    assert "6/6" not in out.read_text(encoding="utf-8") and "\r" not in out.read_text(encoding="utf-8")
    assert stdout == ""
    # the failure's message is on a line of its own, not inside the bar
    shown = err.replace("\x1b[K", "").replace("\r", "\n").splitlines()
    assert any(line.startswith("framing: ") and "NUL" in line for line in shown)
    code, stdout, err = run(["score", directory, "--no-model", "--progress", "--jobs", "2"], capsys)
    assert "6/6 articles" in err and "6/6" not in stdout
    assert len(stdout.splitlines()) == 6
    # not a terminal (captured): no bar unless asked
    for flags in ([], ["--no-progress"]):
        code, _, err = run(["score", directory, "--no-model", "-o", out, *flags], capsys)
        assert "6/6" not in err and len(err.splitlines()) == 1


def test_progress_line():
    from framing.progress import Progress

    stream = io.StringIO()
    bar = Progress(None, stream=stream, interval=0)
    bar.update()
    bar.message("framing: a warning")
    bar.close()
    text = stream.getvalue()
    assert "1 articles" in text and "framing: a warning\n" in text and text.endswith("\n")
    silent = io.StringIO()
    off = Progress(10, enabled=False, stream=silent)
    off.update()
    off.message("only this")
    off.close()
    assert silent.getvalue() == "only this\n"


# -- CSV ------------------------------------------------------------------------------------------

def test_csv_rows_per_paragraph_and_target(jsonl, model, tmp_path, capsys):
    out = tmp_path / "out.csv"
    code, _, err = run(["score", jsonl, "--format", "csv", "-o", out, "--target", "روسيا", "--jobs", "2",
                        "--model", model], capsys)
    assert code == 1, err
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert raw.decode("utf-8").count("id,paragraph,") == 1
    assert list(rows[0]) == list(CSV_COLUMNS)
    # the same run as JSON: one row per paragraph and target, paragraphs without targets one row
    code, _, _ = run(["score", jsonl, "-o", tmp_path / "out.jsonl", "--target", "روسيا", "--jobs", "1",
                      "--model", model], capsys)
    docs = records(tmp_path / "out.jsonl")
    expected = []
    for d in docs:
        if "error" in d:
            expected.append((d["id"], "", "", d["error"]))
            continue
        validate_article(d)
        for p in d["paragraphs"]:
            for s in p["stance"] or [None]:
                expected.append((d["id"], str(p["index"]), s["target"] if s else "", ""))
    assert [(r["id"], r["paragraph"], r["target"], r["error"]) for r in rows] == expected
    by_id = {d["id"]: d for d in docs}
    for r in rows:
        if r["error"]:
            assert r["id"] == "line-4" and "invalid JSON" in r["error"] and r["text"] == ""
            continue
        d = by_id[r["id"]]
        p = d["paragraphs"][int(r["paragraph"])]
        assert r["text"] == p["text"] == d["text"][int(r["start"]):int(r["end"])]
        assert r["lang"] == p["lang"]
        st = next(s for s in p["stance"] if s["target"] == r["target"])
        assert r["label"] == st["label"] and float(r["p_none"]) == st["probabilities"]["NONE"]
        assert r["reasons"] == "; ".join(x["text"] for x in st["reasons"])
        assert float(r["persuasion"]) == p["persuasion"]["probability"]
        assert float(r["loadedness"]) == p["scores"]["loadedness"]
        assert int(r["device_cues"]) == sum(1 for c in p["cues"] if c["device"] and not c["repeated"])
    # Arabic text comes back intact
    assert {r["text"] for r in rows if r["id"] == "art-0"} == {f"{p} (0)" for p in AR}


def test_csv_of_one_article_quotes_what_needs_quoting(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text('Title\n\nHe said, "the West", twice;\nthen left.\n\nقال الوزير، "الغرب".\n', encoding="utf-8")
    code, out, err = run(["score", path, "--format", "csv", "--no-model"], capsys)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert [r[-1] for r in rows[1:]] == ['He said, "the West", twice;\nthen left.', 'قال الوزير، "الغرب".']
    assert all(r[5] == "" and r[7] == "" for r in rows[1:])  # no model: no target, no label
    assert all(len(r) == len(CSV_COLUMNS) for r in rows)


# -- --lang ---------------------------------------------------------------------------------------

def test_lang_forces_every_paragraph(model, tmp_path, capsys):
    path = tmp_path / "ar.txt"
    path.write_text("عنوان الخبر\n\n" + "\n\n".join(AR) + "\n", encoding="utf-8")
    code, out, _ = run(["score", path, "--format", "json", "--model", model], capsys)
    auto = validate_article(json.loads(out))
    assert auto["lang"] == "ar" and {p["lang"] for p in auto["paragraphs"]} == {"ar"}
    code, out, err = run(["score", path, "--format", "json", "--lang", "en", "--model", model], capsys)
    assert code == 0, err
    forced = validate_article(json.loads(out))
    assert forced["lang"] == "en" and {p["lang"] for p in forced["paragraphs"]} == {"en"}
    assert {p["persuasion"]["model"] for p in forced["paragraphs"]} == {"persuasion-en"}
    # Arabic cues (الهستيريا) are not found by the English lexicon
    assert any(c["category"] == "loaded_language" for p in auto["paragraphs"] for c in p["cues"])
    assert not any(c["category"] == "loaded_language" for p in forced["paragraphs"] for c in p["cues"])


def test_lang_ar_on_other_script_text(model, tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text("Le ministre a déclaré lundi que la réunion aura lieu demain à Paris avec les partenaires.\n",
                    encoding="utf-8")
    code, out, _ = run(["score", path, "--format", "json", "--model", model], capsys)
    auto = validate_article(json.loads(out))
    assert [p["lang"] for p in auto["paragraphs"]] == ["other"]
    assert "persuasion" not in auto["paragraphs"][0] and auto["paragraphs"][0]["stance"] == []
    code, out, _ = run(["score", path, "--format", "json", "--lang", "ar", "--target", "روسيا", "--model", model],
                       capsys)
    forced = validate_article(json.loads(out))
    assert [p["lang"] for p in forced["paragraphs"]] == ["ar"]
    assert forced["paragraphs"][0]["persuasion"]["model"] == "persuasion-ar"
    assert [s["target"] for s in forced["paragraphs"][0]["stance"]] == ["روسيا"]


def test_lang_applies_to_collections(jsonl, capsys):
    code, out, _ = run(["score", jsonl, "--no-model", "--lang", "en", "--jobs", "2"], capsys)
    docs = [json.loads(line) for line in out.splitlines()]
    assert {p["lang"] for d in docs if "error" not in d for p in d["paragraphs"]} == {"en"}


def test_bad_lang_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(["score", tmp_path, "--lang", "fr"], capsys)
    assert code == 2
    assert_one_line_error(err, "--lang", "invalid choice")


# -- JSONL reading --------------------------------------------------------------------------------

def test_jsonl_lines_are_split_on_newlines_only(tmp_path, capsys):
    text = "أول فقرة\u2028سطر ثان\x85 والنهاية."
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\r\n\n").encode())
    collection = open_collection(str(path))
    assert collection.total == 1
    code, out, err = run(["score", path, "--no-model"], capsys)
    assert code == 0, err
    (doc,) = [json.loads(line) for line in out.splitlines()]  # escaped in the output: one line for any reader
    assert validate_article(doc)["text"] == text


def test_jsonl_in_windows_1256_is_read_whole(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": AR[i]}, ensure_ascii=False) for i in range(3)]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1256"))
    assert open_collection(str(path)).total == 3
    code, out, err = run(["score", path, "--no-model", "--jobs", "2"], capsys)
    assert code == 0, err
    assert [json.loads(line)["text"] for line in out.splitlines()] == AR


def test_help_teaches_formats_jobs_and_examples(capsys):
    code, out, _ = run(["score", "--help"], capsys)
    assert code == 0
    for needle in ("csv", "--jobs", "--lang", "--progress", "byte-order mark", "framing score --example ar",
                   "--jobs 2 --format csv"):
        assert needle in out, needle


# -- slow: interrupting parallel work, the benchmark ----------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupting_jobs_2_stops_every_process_and_leaves_nothing(tmp_path, sig):
    from framing.models.bundle import default_bundle

    default_bundle()
    path = tmp_path / "many.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": f"a{i}", "text": article(i).replace("(", f"({i} ")}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "framing", "score", str(path), "--jobs", "2", "-o", str(out)],
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        parts = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        if parts and parts[0].stat().st_size > 0:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, sig)  # as Ctrl-C does: every process of the group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted; no partial output was left behind" in err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        left = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
        if not left:
            break
        time.sleep(0.2)
    assert not left, f"processes left running: {left}"


@pytest.mark.slow
def test_benchmark_quick_run_writes_every_measure(tmp_path):
    out = tmp_path / "score_speed.json"
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "score_speed.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    cold = result["cold_start"]
    assert cold["runs"] == 2 and cold["framing_median_seconds"] > 0 and cold["bare_import_median_seconds"] > 0
    assert {"ratio", "aim", "met"} <= set(cold)
    for lang in ("ar", "en"):
        t = result["throughput"][lang]
        assert t["framing_paragraphs_per_second"] > 0 and t["bare_paragraphs_per_second"] > 0
        assert t["stance_pairs_per_paragraph"] >= 3 and {"ratio_bare_over_framing", "ratio_steady_cpu", "met"} <= set(t)
        assert t["framing_steady_paragraphs_per_cpu_second"] > 0 and t["bare_paragraphs_per_cpu_second"] > 0
    memory = result["memory"]["by_articles"]
    assert set(memory) == {"20", "60"}
    assert all(m["peak_rss_largest_process_mb"] > 0 for m in memory.values())
    assert result["parallel"]["same_output"] is True
    assert {"jobs1_median_seconds", "jobs2_median_seconds", "speedup"} <= set(result["parallel"])
    assert result["model_bundle"]["built_before_timing"] is True
    assert "cold start" in proc.stdout and "throughput ar" in proc.stdout


def test_stopping_the_workers_stops_a_child_the_pool_had_not_listed_yet_and_no_other():
    # An interrupt can land while the pool starts a worker, before it lists it; such a child would hold up
    # the interpreter's exit. Children that were running before the pool was made are left alone.
    import multiprocessing
    import time

    from framing.commands.score import Workers

    ctx = multiprocessing.get_context("spawn")
    before = ctx.Process(target=time.sleep, args=(30,))
    before.start()
    try:
        workers = Workers(None, 2)
        unlisted = ctx.Process(target=time.sleep, args=(30,))
        unlisted.start()
        workers.stop()
        unlisted.join(timeout=10)
        assert not unlisted.is_alive()
        assert before.is_alive()
    finally:
        before.terminate()
        before.join(timeout=10)
