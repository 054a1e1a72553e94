"""Stance model options (window block, feature weight, named recipes): round trips, format, contract, CLI."""

import json

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, GroupKFold

from framing.errors import ModelError
from framing.lexicon import Lexicon, LexiconEntry
from framing.models import StanceClassifier
from framing.models.bundle import Bundle, train_bundle
from framing.models.estimators import RECIPES
from framing.models.features import ParagraphView, stance_features
from framing.models.linear import FORMAT, FORMAT_1_1, load_models, save_models

LEX = Lexicon((LexiconEntry("disgrace", "loaded_language", 3, "word", "en"),), {"test": "1"})
X = [
    ("The senator praised Acme's plan as bold and fair.", "Acme"),
    ("Critics slammed Acme's plan as a disgrace, and Beta agreed.", "Acme"),
    ("Acme published its plan on Monday.", "Acme"),
    ("Voters welcomed Beta's offer warmly.", "Beta"),
    ("Beta's offer is a disgrace, rivals said.", "Beta"),
    ("Beta filed its offer on Tuesday.", "Beta"),
] * 3
Y = ["FAVOR", "AGAINST", "NONE"] * 6
OPTIONS = [{}, {"window_block": True}, {"window_block": True, "window": 10, "feature_weight": 0.25},
           {"window": 3}, {"feature_weight": 0.5}, *RECIPES.values()]


def test_window_block_moves_window_words_to_their_own_block():
    view = ParagraphView.build("Critics slammed Acme's plan as a disgrace.", "en", _extractor())
    spans = [(16, 20)]
    plain = stance_features(view, spans)
    block = stance_features(view, spans, window_block=True, window=2)
    assert "t" not in plain and any(k.startswith("f:L:") for k in plain["f"])
    assert not any(k.startswith(("f:L:", "f:R:", "f:B1:", "f:A1:")) for k in block["f"])
    assert {"t:B1:slammed", "t:A1:s", "t:LN:critics", "t:L2:critics slammed"} <= set(block["t"])
    assert not any(k.startswith("t:R:") and k.endswith("as") for k in block["t"])  # outside the 2-token window
    assert plain["w"] == block["w"] and plain["c"] == block["c"]


def _extractor():
    from framing.cues import CueExtractor

    return CueExtractor(LEX)


@pytest.mark.parametrize("params", OPTIONS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()) or "default")
def test_round_trip_gives_identical_predictions(tmp_path, params):
    est = StanceClassifier(lexicon=LEX, min_df=1, **params).fit(X, Y)
    path = tmp_path / "m.npz"
    records = _records()
    bundle = train_bundle(records, ("stance",), lexicon=LEX, params=dict(min_df=1, **params))
    bundle.save(str(path))
    loaded = Bundle.load(str(path)).get("stance", "en")
    trained = bundle.get("stance", "en")
    again = Bundle.load(str(path)).get("stance", "en")
    np.testing.assert_array_equal(loaded.predict_proba(X), again.predict_proba(X))  # loads are identical
    # weights are stored as float32: the loaded model agrees with the trained one to float32 precision
    np.testing.assert_allclose(loaded.predict_proba(X), trained.predict_proba(X), rtol=1e-6, atol=1e-7)
    assert list(loaded.predict(X)) == list(trained.predict(X))
    # the estimator alone, saved as arrays and read back, predicts the same
    save_models(tmp_path / "e.npz", {"stance-en": est.model_})
    models, meta = load_models(tmp_path / "e.npz", expect_task="stance")
    assert meta["format"] == (FORMAT_1_1 if params.get("window_block") or params.get("window", 6) != 6 else FORMAT)
    from framing.models.predictor import StancePredictor

    pred = StancePredictor(models["stance-en"], params={k: getattr(est, k) for k in ("use_words", "use_chars",
                                                                                     "use_cues", "use_target",
                                                                                     "C", "min_df")},
                           lexicon=LEX, frequent_targets=est.frequent_targets_)
    np.testing.assert_allclose(pred.predict_proba(X), est.predict_proba(X), rtol=1e-6, atol=1e-7)


def _records():
    from framing.datasets.records import Record, TargetLabel

    return [Record(text=t, id=f"r{i}", lang="en", doc_id=f"d{i % 6}", targets=(TargetLabel(g, s),))
            for i, ((t, g), s) in enumerate(zip(X, Y))]


def test_contract_and_grid_search_over_the_new_parameters():
    clf = StanceClassifier(lexicon=LEX, min_df=1, window_block=True, feature_weight=0.25)
    assert clone(clf).get_params() == clf.get_params()
    assert {"window", "window_block", "feature_weight"} <= set(clf.get_params())
    groups = [i % 6 // 3 for i in range(len(X))]
    grid = GridSearchCV(StanceClassifier(lexicon=LEX, min_df=1),
                        {"window_block": [False, True], "feature_weight": [1.0, 0.25]},
                        cv=GroupKFold(n_splits=2), scoring="f1_macro")
    grid.fit(X, Y, groups=groups)
    assert grid.best_params_["window_block"] in (False, True)


@pytest.mark.parametrize("params, message", [({"window": 0}, "window=0"), ({"window": 2.5}, "window=2.5"),
                                             ({"feature_weight": 0}, "feature_weight=0"),
                                             ({"feature_weight": float("nan")}, "feature_weight=nan")])
def test_bad_new_parameters_are_refused_in_fit(params, message):
    with pytest.raises(ValueError, match=message):
        StanceClassifier(lexicon=LEX, **params).fit(X, Y)


def test_a_1_1_file_with_bad_feature_settings_is_refused(tmp_path):
    est = StanceClassifier(lexicon=LEX, min_df=1, window_block=True).fit(X, Y)
    est.model_.features = {"window": [1, 2]}
    save_models(tmp_path / "m.npz", {"stance-en": est.model_})
    with pytest.raises(ModelError, match="feature settings"):
        load_models(tmp_path / "m.npz")


def test_train_cli_recipe_and_params(tmp_path, capsys):
    from framing.cli import main

    rows = [{"id": r.id, "doc_id": r.doc_id, "text": r.text, "lang": "en", "target": r.targets[0].target,
             "stance": r.targets[0].stance} for r in _records()]
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "m.npz"
    assert main(["train", "--task", "stance", "--data", str(data), "--out", str(out), "--recipe", "newsmtsc",
                 "--param", "min_df=1"]) == 0
    models, meta = load_models(out)
    assert meta["params"] == dict(RECIPES["newsmtsc"], min_df=1)
    assert models["stance-en"].features.get("window_block") == RECIPES["newsmtsc"].get("window_block", None) or \
        not RECIPES["newsmtsc"].get("window_block")
    capsys.readouterr()
    assert main(["train", "--task", "stance", "--data", str(data), "--out", str(out), "--recipe", "nope"]) == 2
    assert "unknown recipe 'nope'" in capsys.readouterr().err
    assert main(["train", "--task", "stance", "--data", str(data), "--out", str(out), "--param", "colour=red"]) == 2
    assert "not a stance model parameter" in capsys.readouterr().err
    assert main(["train", "--task", "stance", "--data", str(data), "--out", str(out), "--param", "window=0"]) == 2
    assert "window=0" in capsys.readouterr().err
