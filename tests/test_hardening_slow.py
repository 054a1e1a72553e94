"""Hostile input at scale (slow): 1 MB paragraphs, a 50 MB single-line file, 10,000 files, signals.

Every public text function meets a 1 MB paragraph of mixed scripts, bidi marks, zero-width
joiners, combining marks, lone surrogates and NUL, and must keep every span exact. The command
line meets a 50 MB single-line file (refused with a size message, in bounded memory: the peak
RSS of the process is measured with ``resource.getrusage(RUSAGE_CHILDREN)`` in a wrapper process
so that no other child counts) and a directory of 10,000 tiny files. ``framing train`` and
``framing score DIR -o out.jsonl`` are interrupted with SIGINT and SIGTERM: nothing may be left
under the output name, no ``*.part`` file either, and a rerun gives the bytes of an
uninterrupted run.
"""

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from framing.cues import CueExtractor
from framing.datasets.records import parse_record
from framing.errors import InputError
from framing.targets import load_targets
from framing.text import (
    classify_blocks,
    decode_bytes,
    detect_language,
    find_quotes,
    normalize,
    parse_document,
    split_blocks,
    split_sentences,
    tokenize,
)
from framing.text.lang import LANGUAGES

from test_hardening import FRAGMENTS, assert_exact

pytestmark = pytest.mark.slow

MB = 1_000_000
#: Peak memory allowed to a command refusing a 50 MB file.
MAX_RSS_BYTES = 1.5e9
#: Words of plain prose between the tricky fragments, so that sentences and quotations are news-like.
PROSE = ("the talks ended without agreement on monday . \u0627\u0646\u062a\u0647\u0649 "
         "\u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639 \u062f\u0648\u0646 \u0627\u062a\u0641\u0627\u0642 . ").split(" ")


def hostile_paragraph(size: int, seed: int = 0) -> str:
    """A one-paragraph text of ``size`` characters (no blank line), seeded."""
    rnd = random.Random(seed)
    pool = [f for f in FRAGMENTS if "\n" not in f] + [w + " " for w in PROSE if w] * 3
    parts, n = [], 0
    while n < size:
        piece = rnd.choice(pool)
        parts.append(piece)
        n += len(piece)
    return "".join(parts)[:size]


@pytest.fixture(scope="module")
def paragraph():
    text = hostile_paragraph(MB)
    assert "\n\n" not in text and "\x00" in text and "\ud800" in text and "\u200d" in text
    return text


# -- a 1 MB paragraph through every text function ---------------------------------------------


def test_normalize_1mb(paragraph):
    n = normalize(paragraph)
    assert len(n.starts) == len(n.text)
    assert all(a <= b for a, b in zip(n.starts, n.ends))
    assert all(a <= b for a, b in zip(n.starts, n.starts[1:]))
    assert n.ends[-1] <= len(paragraph)


@pytest.mark.parametrize("name, spans_of", [
    ("tokenize", tokenize),
    ("split_sentences", split_sentences),
    ("find_quotes", find_quotes),
    ("split_blocks", split_blocks),
    ("classify_blocks", classify_blocks),
    ("mentions ar", lambda text: load_targets().mentions(text, "ar")),
    ("mentions en", lambda text: load_targets().mentions(text, "en")),
    ("cues", lambda text: CueExtractor().find(text)),
])
def test_spans_of_a_1mb_paragraph_are_exact(paragraph, name, spans_of):
    spans = spans_of(paragraph)
    assert spans
    assert_exact(paragraph, spans)


def test_parse_document_1mb(paragraph):
    chars = len(paragraph.strip())  # a block leaves out its surrounding whitespace
    with pytest.raises(InputError, match=f"paragraph of {chars:,} characters, over the limit of 200,000"):
        parse_document(paragraph)
    doc = parse_document(paragraph, max_paragraph_chars=None)
    assert [b.kind for b in doc.blocks] == ["body"]
    assert doc.lang in LANGUAGES
    for cues in CueExtractor().find_in_document(doc).values():
        assert_exact(doc.text, cues)


def test_detect_language_decode_and_records_1mb(paragraph):
    assert detect_language(paragraph) in LANGUAGES
    record = parse_record({"text": paragraph, "target": "\u0627\u0644\u063a\u0631\u0628", "stance": "AGAINST",
                           "spans": [{"start": 0, "end": MB, "label": "x"}]})
    assert record.text == paragraph
    with pytest.raises(InputError, match="NUL"):
        decode_bytes(paragraph.encode("utf-8", "surrogatepass"))
    clean = paragraph.replace("\x00", " ")
    decoded = decode_bytes(clean.encode("utf-8", "replace"))
    assert len(decoded.text) == len(clean)


def test_thousands_of_empty_lines_between_paragraphs():
    text = ("\n" * 5000).join(hostile_paragraph(2000, seed) for seed in range(50))
    doc = parse_document(text)
    assert len(doc.blocks) == 50
    assert_exact(doc.text, doc.blocks)
    for cues in CueExtractor().find_in_document(doc).values():
        assert_exact(doc.text, cues)


# -- quadratic time on hostile paragraphs ---------------------------------------------------------


def seconds(call, *args):
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def test_sentences_of_many_quotations_take_linear_time():
    """Each sentence end was checked against every quotation: 200,000 characters took 72 s."""
    text = '"a." ' * 40_000
    assert seconds(split_sentences, text) < 10


def test_cues_of_many_quotations_take_linear_time():
    """20,000 characters of short quotations with no sentence end: 11 s today, 18 minutes at 200,000."""
    assert seconds(CueExtractor().find, "\u201ca\u201d " * 5000) < 3


# -- the command line at scale ---------------------------------------------------------------------

#: Runs a command and reports its exit code, stderr and peak RSS (of that command only).
MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys
    proc = subprocess.run(sys.argv[1:], capture_output=True, stdin=subprocess.DEVNULL)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak *= 1 if sys.platform == "darwin" else 1024
    print(json.dumps({"code": proc.returncode, "stderr": proc.stderr.decode("utf-8", "replace"),
                      "stdout_bytes": len(proc.stdout), "peak": peak}))
""")


def measured(*argv, env=None):
    """Exit code, stderr and peak RSS (bytes) of ``framing ARGV``."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "framing", *map(str, argv)],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def assert_clean_failure(result, *needles):
    err = result["stderr"]
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip() and "building" not in line and "training" not in line]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    """50 MB on one line, Arabic and English."""
    path = tmp_path_factory.mktemp("big") / "one-line.txt"
    unit = "the West \u0627\u0644\u063a\u0631\u0628 \u0647\u0633\u062a\u064a\u0631\u064a\u0627 ".encode("utf-8")
    with open(path, "wb") as fh:
        for _ in range(50 * MB // len(unit)):
            fh.write(unit)
    assert 49 * MB < path.stat().st_size <= 50 * MB
    return path


@pytest.mark.parametrize("model", [["--no-model"], []], ids=["no model", "default model"])
def test_a_50mb_single_line_is_refused_in_bounded_memory(big_file, model):
    result = measured("score", big_file, *model, "-o", big_file.with_suffix(".json"))
    assert result["code"] == 2
    assert_clean_failure(result, str(big_file), "over the limit of 200,000", "--max-paragraph-chars")
    assert result["peak"] < MAX_RSS_BYTES, f"peak RSS {result['peak'] / 1e6:.0f} MB"
    assert not big_file.with_suffix(".json").exists()


def test_a_50mb_file_over_the_byte_limit(big_file):
    result = measured("score", big_file, "--no-model", env={"FRAMING_MAX_BYTES": str(10 * MB)})
    assert result["code"] == 2
    assert_clean_failure(result, str(big_file), "larger than the input limit of 10,000,000 bytes", "FRAMING_MAX_BYTES")
    assert result["peak"] < MAX_RSS_BYTES
    result = measured("score", big_file, "--no-model", "--max-bytes", 49 * MB)
    assert result["code"] == 2
    assert_clean_failure(result, "larger than the input limit of 49,000,000 bytes")


def test_a_50mb_jsonl_article_is_refused_in_bounded_memory(big_file, tmp_path):
    collection = tmp_path / "big.jsonl"
    with open(collection, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "small", "text": "Talks ended."}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": big_file.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    result = measured("score", collection, "--no-model", "-o", tmp_path / "out.jsonl")
    assert result["code"] == 1
    assert "line 2: has a paragraph of" in result["stderr"] and "Traceback" not in result["stderr"]
    assert result["peak"] < MAX_RSS_BYTES, f"peak RSS {result['peak'] / 1e6:.0f} MB"
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["small", "huge"] and "error" in records[1]


def test_a_directory_of_10000_tiny_files(tmp_path):
    d = tmp_path / "many"
    bad = set(range(0, 10_000, 997))
    for i in range(10_000):
        sub = d / f"{i // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_bytes(b"\x00" if i in bad else f"Article {i} said hi.".encode())
    out = tmp_path / "out.jsonl"
    result = measured("score", d, "--no-model", "-o", out)
    assert result["code"] == 1
    assert "Traceback" not in result["stderr"]
    assert len(result["stderr"].splitlines()) == len(bad)
    assert result["peak"] < MAX_RSS_BYTES
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [os.path.join(f"{i // 1000:02d}", f"{i:05d}.txt") for i in range(10_000)]
    assert [i for i, r in enumerate(records) if "error" in r] == sorted(bad)


# -- interrupted work ---------------------------------------------------------------------------


def start(*argv, env=None):
    """Start ``framing ARGV`` with SIGINT at its default (a background shell would ignore it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "framing", *map(str, argv)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, env={**os.environ, **(env or {})},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def finish(*argv, env=None):
    proc = subprocess.run([sys.executable, "-m", "framing", *map(str, argv)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return proc


def assert_interrupted_cleanly(proc, folder, name):
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted; no partial output was left behind" in err
    assert "Traceback" not in err
    assert not (folder / name).exists()
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


@pytest.fixture(scope="module")
def default_model():
    """Build the default model now, so that no run below is interrupted while building it."""
    from framing.models.bundle import default_bundle

    return default_bundle()


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    d = tmp_path_factory.mktemp("articles")
    for i in range(40):
        (d / f"{i:03d}.txt").write_text(
            f"Title {i}\n\n" + hostile_paragraph(3000, seed=i).replace("\x00", " ") + "\n\nSource link\n",
            encoding="utf-8", errors="replace")
    return d


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_score_leaves_nothing_and_a_rerun_is_identical(default_model, articles, tmp_path, sig):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = start("score", articles, "-o", out_dir / "out.jsonl")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        parts = [p for p in out_dir.iterdir() if p.name.endswith(".part")]
        if parts and parts[0].stat().st_size > 0:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(sig)
    assert_interrupted_cleanly(proc, out_dir, "out.jsonl")
    finish("score", articles, "-o", out_dir / "out.jsonl")
    finish("score", articles, "-o", tmp_path / "uninterrupted.jsonl")
    assert (out_dir / "out.jsonl").read_bytes() == (tmp_path / "uninterrupted.jsonl").read_bytes()
    assert len((out_dir / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 40


@pytest.fixture(scope="module")
def training_data(tmp_path_factory):
    path = tmp_path_factory.mktemp("train") / "framing.jsonl"
    finish("datasets", "convert", "framing", "-o", path)
    return path


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_train_leaves_nothing_and_a_rerun_is_identical(training_data, tmp_path, sig):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}  # the model records when it was made
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    argv = ["train", "--task", "persuasion", "--data", training_data, "--out"]
    proc = start(*argv, out_dir / "m.npz", env=env)
    for line in proc.stderr:
        if "training persuasion-" in line:
            break
    proc.send_signal(sig)
    assert_interrupted_cleanly(proc, out_dir, "m.npz")
    finish(*argv, out_dir / "m.npz", env=env)
    finish(*argv, tmp_path / "uninterrupted.npz", env=env)
    assert (out_dir / "m.npz").read_bytes() == (tmp_path / "uninterrupted.npz").read_bytes()

