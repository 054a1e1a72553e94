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
from framing.models.estimators import RECIPES, as_stance_items
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
           {"window": 3}, {"feature_weight": 0.5}, {"none_bias": -1.0}, {"svm_weight": 0.5},
           {"min_df": 1, "none_bias": 0.5, "svm_weight": 1.0, "window_block": True}, *RECIPES.values()]


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
    params = dict({"min_df": 1}, **params)
    est = StanceClassifier(lexicon=LEX, **params).fit(X, Y)
    path = tmp_path / "m.npz"
    records = _records()
    bundle = train_bundle(records, ("stance",), lexicon=LEX, params=params)
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
                                             ({"feature_weight": float("nan")}, "feature_weight=nan"),
                                             ({"none_bias": float("nan")}, "none_bias=nan"),
                                             ({"none_bias": "1"}, "none_bias='1'"),
                                             ({"svm_weight": 1.5}, "svm_weight=1.5"),
                                             ({"svm_weight": -0.1}, "svm_weight=-0.1"),
                                             ({"svm_weight": True}, "svm_weight=True")])
def test_bad_new_parameters_are_refused_in_fit(params, message):
    with pytest.raises(ValueError, match=message):
        StanceClassifier(lexicon=LEX, **params).fit(X, Y)


def test_a_1_1_file_with_bad_feature_settings_is_refused(tmp_path):
    est = StanceClassifier(lexicon=LEX, min_df=1, window_block=True).fit(X, Y)
    est.model_.features = {"window": [1, 2]}
    save_models(tmp_path / "m.npz", {"stance-en": est.model_})
    with pytest.raises(ModelError, match="feature settings"):
        load_models(tmp_path / "m.npz")


def _train_file(tmp_path):
    """The records of :func:`_records` as a JSONL file of (paragraph, target) rows for ``framing train``."""
    rows = [{"id": r.id, "doc_id": r.doc_id, "text": r.text, "lang": "en", "target": r.targets[0].target,
             "stance": r.targets[0].stance} for r in _records()]
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return data


def test_train_cli_recipe_and_params(tmp_path, capsys):
    from framing.cli import main

    data = _train_file(tmp_path)
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


def test_new_training_options_default_to_the_plain_logistic_regression():
    plain = StanceClassifier(lexicon=LEX, min_df=1).fit(X, Y)
    assert plain.get_params()["none_bias"] == 0.0 and plain.get_params()["svm_weight"] == 0.0
    from framing.models.linear import LinearModel

    docs = [plain.features(it) for it in as_stance_items(X)]
    ref = LinearModel.fit("stance", docs, Y, C=1.0, class_weight="balanced", min_df=1,
                          max_features={"c": 150_000}, random_state=0)
    np.testing.assert_array_equal(plain.model_.coef, ref.coef)
    np.testing.assert_array_equal(plain.model_.intercept, ref.intercept)


def test_none_bias_shifts_only_the_none_intercept():
    plain = StanceClassifier(lexicon=LEX, min_df=1).fit(X, Y)
    shifted = StanceClassifier(lexicon=LEX, min_df=1, none_bias=-0.75).fit(X, Y)
    np.testing.assert_array_equal(plain.model_.coef, shifted.model_.coef)
    k = list(plain.classes_).index("NONE")
    np.testing.assert_allclose(shifted.model_.intercept - plain.model_.intercept,
                               [-0.75 if i == k else 0.0 for i in range(3)], atol=1e-12)
    p, q = plain.predict_proba(X), shifted.predict_proba(X)
    assert (q[:, k] <= p[:, k] + 1e-12).all()


def test_svm_blend_is_one_linear_model_between_its_two_parts():
    from framing.models.linear import SVM_C_SHARE
    from sklearn.svm import LinearSVC

    lr = StanceClassifier(lexicon=LEX, min_df=1).fit(X, Y)
    half = StanceClassifier(lexicon=LEX, min_df=1, svm_weight=0.5).fit(X, Y)
    full = StanceClassifier(lexicon=LEX, min_df=1, svm_weight=1.0).fit(X, Y)
    # the blend is the average of the two weight matrices (the SVM's rescaled)
    np.testing.assert_allclose(half.model_.coef, (lr.model_.coef + full.model_.coef) / 2, atol=1e-10)
    np.testing.assert_allclose(half.model_.intercept, (lr.model_.intercept + full.model_.intercept) / 2, atol=1e-10)
    # svm_weight=1 is the SVM alone, up to one positive scale: the same decisions
    Xm = lr.model_.vectorizer.transform([lr.features(it) for it in as_stance_items(X)])
    svm = LinearSVC(C=SVM_C_SHARE, class_weight="balanced", random_state=0, max_iter=10000).fit(Xm, Y)
    assert list(svm.predict(Xm)) == list(full.predict(X))
    # the saved file holds plain arrays: same predictions after a round trip, format unchanged
    assert half.model_.features == {}


def test_default_bundle_info_does_not_list_the_training_only_options():
    bundle = train_bundle(_records(), ("stance",), lexicon=LEX, params={"min_df": 1})
    params = bundle.get("stance", "en").model_.info["params"]
    assert "none_bias" not in params and "svm_weight" not in params
    bundle = train_bundle(_records(), ("stance",), lexicon=LEX, params={"min_df": 1, "none_bias": -1.0})
    assert bundle.get("stance", "en").model_.info["params"]["none_bias"] == -1.0


def test_train_cli_accepts_the_training_only_options(tmp_path):
    from framing.cli import main

    data = _train_file(tmp_path)
    out = tmp_path / "m.npz"
    assert main(["train", "--task", "stance", "--data", str(data), "--out", str(out), "--param", "min_df=1",
                 "--param", "none_bias=-0.5", "--param", "svm_weight=0.5"]) == 0
    models, meta = load_models(out)
    assert meta["format"] == FORMAT
    assert models["stance-en"].info["params"]["svm_weight"] == 0.5
    assert main(["train", "--task", "stance", "--data", str(data), "--out", str(out), "--param",
                 "svm_weight=2"]) == 2


def test_the_cache_keeps_only_the_most_recently_used_default_bundles(tmp_path):
    import os

    from framing.models.bundle import KEEP_DEFAULT_BUNDLES, prune_default_bundles

    paths = []
    for i in range(6):
        p = tmp_path / f"default-0.0.{i}-{i:016x}.npz"
        p.write_bytes(b"x")
        os.utime(p, (1_000_000 + i, 1_000_000 + i))  # default-0.0.5 is the most recently used
        paths.append(p)
    other = tmp_path / "mine.npz"  # a user's own model in the same folder is never touched
    other.write_bytes(b"x")
    current = paths[0]  # the one just built or loaded is kept even when it is the oldest
    removed = prune_default_bundles(str(tmp_path), str(current))
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(removed) == 6 - KEEP_DEFAULT_BUNDLES
    assert left == sorted([current.name, other.name] + [p.name for p in paths[-(KEEP_DEFAULT_BUNDLES - 1):]])
    assert prune_default_bundles(str(tmp_path / "missing"), str(current)) == []


# -- persuasion sharing the stance model's blocks (the default bundle's layout) -------------------

def _both_records():
    from framing.datasets.records import Record, TargetLabel

    return [Record(text=t, id=f"r{i}", lang="en", doc_id=f"d{i % 6}", targets=(TargetLabel(g, s),),
                   label=s != "NONE")
            for i, ((t, g), s) in enumerate(zip(X, Y))]


def _targets():
    from framing.targets import load_targets, parse_target_option

    return load_targets(extra_targets=[t for s in ("Acme", "Beta") for t in parse_target_option(s)])


def test_a_bundle_with_both_tasks_stores_the_shared_blocks_once(tmp_path):
    from framing.models.linear import FORMAT_1_2

    targets = _targets()
    bundle = train_bundle(_both_records(), lexicon=LEX, targets=targets, params={"min_df": 1})
    pers, stance = bundle.get("persuasion", "en"), bundle.get("stance", "en")
    assert pers.mask_targets and pers.model_.features == {"mask_targets": True}
    for b in ("w", "c"):  # the stance model's vocabulary and IDF, the very objects
        assert pers.model_.vectorizer.vocab[b] is stance.model_.vectorizer.vocab[b]
        assert pers.model_.vectorizer.idf[b] is stance.model_.vectorizer.idf[b]
    path = tmp_path / "b.npz"
    bundle.save(str(path))
    models, meta = load_models(path)
    assert meta["format"] == FORMAT_1_2
    assert meta["models"]["persuasion-en"]["shared_blocks"] == {"c": "stance-en", "w": "stance-en"}
    assert set(meta["models"]["persuasion-en"]["vocab"]) == {"f"}  # stored once, in the stance model
    assert models["persuasion-en"].vectorizer.vocab["w"] is models["stance-en"].vectorizer.vocab["w"]
    loaded = Bundle.load(str(path), targets=targets)
    texts = [t for t, _ in X[:6]]
    np.testing.assert_allclose(loaded.get("persuasion", "en").predict_proba(texts), pers.predict_proba(texts),
                               rtol=1e-6, atol=1e-7)
    # a bundle of one task keeps the persuasion model as it was: its own blocks, the paragraph unmasked
    alone = train_bundle(_both_records(), ("persuasion",), lexicon=LEX, params={"min_df": 1})
    assert not alone.get("persuasion", "en").mask_targets
    alone.save(str(tmp_path / "p.npz"))
    assert load_models(tmp_path / "p.npz")[1]["format"] == FORMAT


def test_masked_persuasion_reads_every_known_target_as_the_placeholder():
    from framing.models import PersuasionClassifier
    from framing.models.features import masked_paragraph_features, paragraph_features

    targets = _targets()
    text = "Critics slammed Acme's plan as a disgrace, and Beta agreed."
    view = ParagraphView.build(text, "en", _extractor())
    got = masked_paragraph_features(view, targets)
    assert "w:xotherx" in got["w"] and not any("acme" in k or "beta" in k for k in got["w"])
    plain = paragraph_features(view)
    assert "w:beta" in plain["w"]
    assert got["f"] == plain["f"]  # the cue features do not change
    # the estimator with mask_targets: the same features, and the parameter in the scikit-learn contract
    clf = PersuasionClassifier(lexicon=LEX, min_df=1, mask_targets=True, targets=targets)
    plain_params = lambda c: {k: v for k, v in c.get_params().items() if k != "targets"}  # noqa: E731 (cloned: a copy)
    assert plain_params(clone(clf)) == plain_params(clf) and clf.get_params()["mask_targets"] is True
    clf.fit([t for t, _ in X], [y != "NONE" for y in Y])
    assert clf.features(text, "en")["w"] == got["w"]
    with pytest.raises(ValueError, match="mask_targets='yes'"):
        PersuasionClassifier(lexicon=LEX, mask_targets="yes").fit([t for t, _ in X], [y != "NONE" for y in Y])
    with pytest.raises(ValueError, match="fitted model"):
        PersuasionClassifier(lexicon=LEX).fit([t for t, _ in X], [y != "NONE" for y in Y], vocabulary_from=object())


def test_a_file_whose_shared_blocks_do_not_fit_is_refused(tmp_path):
    bundle = train_bundle(_both_records(), lexicon=LEX, targets=_targets(), params={"min_df": 1})
    path = tmp_path / "b.npz"
    bundle.save(str(path))
    for bad in ({"w": "stance-xx"}, {"w": "stance-en", "f": "stance-en"}, {"t": "stance-en"}, ["w"]):
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(bytes(arrays.pop("__meta__")).decode("utf-8"))
        meta["models"]["persuasion-en"]["shared_blocks"] = bad
        from framing.models.linear import META_SHA_KEY, _meta_sha

        meta[META_SHA_KEY] = _meta_sha(meta)
        arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        np.savez(tmp_path / "bad.npz", **arrays)
        with pytest.raises(ModelError, match="shared"):
            load_models(tmp_path / "bad.npz")


def test_a_fixed_block_must_be_a_tfidf_block_with_its_idf():
    from framing.models.linear import Vectorizer

    with pytest.raises(ValueError, match="fixed block"):
        Vectorizer().fit([{"f": {"f:x": 1.0}}], fixed={"f": ({"f:x": 0}, np.ones(1))})
    with pytest.raises(ValueError, match="fixed block"):
        Vectorizer().fit([{"w": {"w:x": 1}}], fixed={"w": ({"w:x": 0}, np.ones(2))})
    vocab, idf = {"w:x": 0, "w:y": 1}, np.ones(2)
    vec = Vectorizer().fit([{"w": {"w:z": 1}, "f": {"f:a": 1.0}}], min_df=1, fixed={"w": (vocab, idf)})
    assert vec.vocab["w"] is vocab and vec.idf["w"] is idf and vec.vocab["f"] == {"f:a": 0}


def test_parameters_of_one_language_go_to_its_stance_model_only():
    bundle = train_bundle(_both_records(), lexicon=LEX, targets=_targets(), params={"min_df": 1},
                          lang_params={"en": {"feature_weight": 0.25}, "ar": {"feature_weight": 0.5}})
    stance, pers = bundle.get("stance", "en"), bundle.get("persuasion", "en")
    assert stance.model_.vectorizer.block_weights["f"] == 0.25 and stance.model_.info["params"]["feature_weight"] == 0.25
    assert pers.model_.vectorizer.block_weights.get("f", 1.0) == 1.0  # the persuasion model keeps its own


def test_the_default_recipe_names_a_feature_weight_and_a_bias_per_language():
    from framing.models.bundle import default_recipe

    recipe = default_recipe()
    assert set(recipe["feature_weight"]) == set(recipe["none_bias"]) == {"ar", "en"}
    assert all(w in recipe["feature_weights"] for w in recipe["feature_weight"].values())


def test_model_info_shows_the_blocks_a_bundle_shares(tmp_path, capsys):
    from framing.cli import main

    bundle = train_bundle(_both_records(), lexicon=LEX, targets=_targets(), params={"min_df": 1})
    path = tmp_path / "b.npz"
    bundle.save(str(path))
    assert main(["model", "info", "--model", str(path)]) == 0
    out = capsys.readouterr().out
    assert "persuasion-en" in out and "shares its word and character features with stance-en" in out
    assert "reads the paragraph with every known target masked" in out
    assert main(["model", "info", "--model", str(path), "--format", "json"]) == 0
    models = json.loads(capsys.readouterr().out)["models"]
    assert models["persuasion-en"]["shares_blocks_with"] == {"stance-en": ["w", "c"]}
    assert models["persuasion-en"]["features_settings"] == {"mask_targets": True}
    assert models["stance-en"]["shares_blocks_with"] == {"persuasion-en": ["w", "c"]}


def test_a_loaded_bundle_knows_the_builtin_targets_by_default(tmp_path):
    from framing.targets import load_targets

    path = tmp_path / "b.npz"
    train_bundle(_both_records(), lexicon=LEX, targets=_targets(), params={"min_df": 1}).save(str(path))
    plain = Bundle.load(str(path))  # as framing score loads it: the built-in targets file
    given = Bundle.load(str(path), targets=load_targets())
    for key, est in plain.estimators.items():
        assert est.targets is not None and len(est.targets.targets) == len(given.get(*key.split("-")).targets.targets)
    pairs = [("Russia and Iran signed a deal, the West said.", "Russia"), ("Acme praised Iran's offer.", "Acme")]
    np.testing.assert_array_equal(plain.get("stance", "en").predict_proba(pairs),
                                  given.get("stance", "en").predict_proba(pairs))
