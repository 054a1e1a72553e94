"""The experiment scripts: figures from small synthetic results, splits, and a quick end-to-end run.

The end-to-end test runs ``experiments/run_all.py --quick`` on our own corpus alone
(``FRAMING_DATA`` points to an empty folder, so every real corpus is skipped) into a
temporary folder; it takes about a minute.
"""

import ast
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXPERIMENTS = REPO / "experiments"
sys.path.insert(0, str(EXPERIMENTS))

import plotting  # noqa: E402
from common import dev_split, doc_hash, grouped_folds, subsample_docs  # noqa: E402

from framing.datasets.records import Record  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STANCE = ["FAVOR", "AGAINST", "NONE"]
PER_CLASS = {c: {"precision": 0.6, "recall": 0.5, "f1": 0.55, "support": 40} for c in STANCE}
CURVE = {"precision": [1.0, 0.8, 0.6, 0.4], "recall": [0.0, 0.3, 0.6, 1.0], "ap": 0.66, "prevalence": 0.4}
RELIABILITY = {"confidence": [0.35, None, 0.75, 0.95], "accuracy": [0.3, None, 0.7, 0.9], "count": [5, 0, 30, 60],
               "ece": 0.05}
POINT = {"value": 0.5, "interval": [0.45, 0.55]}

# (function, synthetic input, keyword arguments): one row per figure kind the experiments draw.
FIGURES = [
    (plotting.confusion_matrices,
     {"Mawqif (ar)": {"labels": STANCE, "matrix": [[50, 10, 5], [8, 40, 12], [0, 0, 0]]},
      "BABE": {"labels": ["true", "false"], "matrix": [[30, 10], [5, 40]]}}, {}),
    (plotting.per_class_bars,
     {"Mawqif (ar)": {"per_class": PER_CLASS, "headline": {"metric": "f_avg", "value": 0.6, "interval": [0.55, 0.65]},
                      "references": [{"metric": "f_avg", "value": 0.72, "system": "TF-IDF + SVM"}]},
      "our corpus": {"per_class": PER_CLASS, "headline": {"metric": "macro_f1", "value": 0.5, "interval": None}}}, {}),
    (plotting.per_target_bars, {"Mawqif (ar)": {"لقاح كورونا": {"f_avg": 0.6, "pairs": 20},
                                                "تمكين المرأة": {"f_avg": 0.4, "pairs": 12}}}, {}),
    (plotting.pr_curves, {"Mawqif": {c: CURVE for c in STANCE}, "BABE": {"true": CURVE}}, {}),
    (plotting.reliability_diagrams, {"stance": {"Mawqif": RELIABILITY}, "persuasion": {"BABE": RELIABILITY}}, {}),
    (plotting.learning_curves,
     {"stance": {"metric": "macro_f1", "curves": {"Mawqif": {"sizes": [100, 300, 1000], "mean": [0.3, 0.4, 0.5],
                                                             "std": [0.05, 0.02, 0.0]}}}}, {}),
    (plotting.ablation_bars,
     {"Stance": {"metric": "macro_f1", "variants": ["n-grams only", "cues only"],
                 "datasets": {"Mawqif": {"n-grams only": POINT, "cues only": POINT}, "NewsMTSC": {"cues only": POINT}}}},
     {}),
    (plotting.top_features,
     {"AGAINST": [("f:B1:جرائم", 1.3), ("w:xtargetx قال", 0.8), ("s:هستيريا", 0.7), ("c: ستي", 0.6),
                  ("x:لقاح_كورونا|اللقاح", 0.5), ("f:cue:loaded_language:outlet", 0.4)],
      "FAVOR": [("f:t_is_speaker", 1.0)], "NONE": [("f:A1:ان", 0.9)]}, {"rtl": True}),
    (plotting.top_features, {"true": [("f:cue:name_calling", 1.6), ("w:regime", 0.7)], "false": [("w:said", 0.5)]}, {}),
    (plotting.cue_category_bars,
     {"ArMPro": {"loaded_language": {"precision": 0.7, "recall": 0.07, "predicted": 131},
                 "name_calling": {"precision": 0.77, "recall": 0.04, "predicted": 57}}}, {}),
]


@pytest.mark.parametrize("fn, data, kwargs", FIGURES, ids=[f"{row[0].__name__}-{i}" for i, row in enumerate(FIGURES)])
def test_figures_are_valid_png_and_svg(tmp_path, fn, data, kwargs):
    paths = fn(data, "figure", title="A test figure", out_dir=tmp_path, **kwargs)
    png, svg = (Path(p) for p in paths)
    assert png.suffix == ".png" and svg.suffix == ".svg"
    assert png.read_bytes()[:8] == PNG_MAGIC
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert b"Date" not in svg.read_bytes() and b"<dc:date>" not in svg.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.png", "figure.svg"]  # no temporary files left


def test_figures_are_deterministic(tmp_path):
    fn, data, kwargs = FIGURES[7]
    first = [Path(p).read_bytes() for p in fn(data, "a", title="same", out_dir=tmp_path / "1", **kwargs)]
    second = [Path(p).read_bytes() for p in fn(data, "a", title="same", out_dir=tmp_path / "2", **kwargs)]
    assert first == second


@pytest.mark.parametrize("name, label, kind", [
    ("f:B1:جرائم", "جرائم \u25c6", "context"),
    ("f:A1:said", "\u25c6 said", "context"),
    ("f:L:ان", "ان \u2026 \u25c6", "context"),
    ("w:xtargetx قال", "\u25c6 قال", "word"),
    ("w:xotherx", "\u25c7", "word"),
    ("s:هستيريا", "هستيريا", "stem"),
    ("c: ستي", '"_ستي"', "char"),
    ("x:the_West|hysteria", "hysteria [the West]", "cross"),
    ("f:cue:loaded_language:outlet", "cue: loaded language (outlet)", "cue"),
    ("f:twin:name_calling", "cue near the target: name calling", "cue"),
    ("f:t_is_speaker", "the target speaks", "context"),
])
def test_feature_labels(name, label, kind):
    assert plotting.feature_label(name) == (label, kind)


RECORDS = [Record(text=f"paragraph {i}", id=f"p{i}", doc_id=f"doc{i // 3}") for i in range(300)]


def test_dev_split_keeps_documents_whole_and_is_stable():
    train, dev = dev_split(RECORDS, seed=0)
    assert len(train) + len(dev) == len(RECORDS)
    assert not {r.doc_id for r in train} & {r.doc_id for r in dev}
    assert 0.1 < len(dev) / len(RECORDS) < 0.3
    assert dev_split(RECORDS, seed=0) == (train, dev)
    assert dev_split(RECORDS, seed=1) != (train, dev)
    assert doc_hash("doc1", 0) == doc_hash("doc1", 0) != doc_hash("doc1", 1)


def test_grouped_folds_cover_every_record_once_by_document():
    folds = grouped_folds(RECORDS, 5, seed=0)
    tested = sorted(i for _, te in folds for i in te)
    assert tested == list(range(len(RECORDS)))
    for tr, te in folds:
        assert not {RECORDS[i].doc_id for i in tr} & {RECORDS[i].doc_id for i in te}


def test_subsample_keeps_whole_documents():
    sub = subsample_docs(RECORDS, 50, seed=0)
    assert 50 <= len(sub) < 53
    docs = {r.doc_id for r in sub}
    assert all(sum(1 for r in RECORDS if r.doc_id == d) == sum(1 for r in sub if r.doc_id == d) for d in docs)


SCRIPTS = sorted(p for p in EXPERIMENTS.glob("*.py"))


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_every_script_opens_with_a_docstring(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and len(doc.splitlines()[0]) > 10


def test_run_all_quick_on_our_corpus_alone(tmp_path):
    empty = tmp_path / "no-data"
    empty.mkdir()
    out = tmp_path / "reports"
    card = REPO / "framing" / "data" / "model_card.json"
    card_before = card.stat().st_mtime_ns if card.exists() else None
    env = dict(os.environ, FRAMING_DATA=str(empty), PYTHONWARNINGS="error")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, str(EXPERIMENTS / "run_all.py"), "--quick", "--out", str(out),
                           "--cache", str(tmp_path / "cache")], env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert elapsed < 300, f"run_all --quick took {elapsed:.0f}s (about 45 s on an idle 2-core machine)"
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    for section in ("stance_eval", "persuasion_eval", "ablations", "learning_curves", "transfer", "speed_size",
                    "cue_categories", "run_all"):
        assert section in results, section
    assert set(results["stance_eval"]["datasets"]) == {"framing-ar", "framing-en"}
    assert {"mawqif", "newsmtsc", "fignews"} <= set(results["stance_eval"]["skipped"])
    assert results["run_all"]["failed"] == []
    m = results["stance_eval"]["datasets"]["framing-ar"]
    assert 0.0 <= m["intervals_95"]["macro_f1"][0] <= m["metrics"]["macro_f1"] <= m["intervals_95"]["macro_f1"][1]
    assert "skipped" in proc.stdout
    text = (out / "RESULTS.md").read_text(encoding="utf-8")
    assert "## Stance" in text and "--quick" in text and "figures/stance_confusion.png" in text
    figures = {p.name for p in (out / "figures").iterdir()}
    for stem in ("stance_confusion", "persuasion_per_class", "ablations", "learning_curves", "top_features_stance_ar"):
        assert {f"{stem}.png", f"{stem}.svg"} <= figures
    assert not (out / "model_card.json").exists()  # --quick never writes a model card
    assert (card.stat().st_mtime_ns if card.exists() else None) == card_before
