"""scikit-learn contract of the raw-text transformers and estimators (check_estimator skips raw text)."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, GroupKFold
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.features import CueFeaturizer
from framing.lexicon import Lexicon, LexiconEntry
from framing.models import PersuasionClassifier, StanceClassifier
from framing.text import token_strings

LEX = Lexicon(
    (
        LexiconEntry("slam", "loaded_language", 2, "stem", "en"),
        LexiconEntry("disgrace", "loaded_language", 3, "word", "en"),
        LexiconEntry("so-called", "doubt_distancing", 2, "word", "en"),
        LexiconEntry("هستيريا", "loaded_language", 3, "stem", "ar"),
    ),
    {"test": "1"},
)
TEXTS = [
    "Critics slammed the so-called reform as a disgrace.",
    "The ministry published the reform on Monday.",
    "أثارت الصحف الهستيريا حول الاتفاق.",
    "وقع الوزيران الاتفاق يوم الأحد.",
]


def test_cue_featurizer_contract():
    f = CueFeaturizer(lexicon=LEX)
    assert f.get_params()["lexicon"] is LEX  # stored unchanged
    with pytest.raises(NotFittedError):
        f.transform(TEXTS)
    X1 = f.fit(TEXTS).transform(TEXTS)
    X2 = clone(f).fit(TEXTS).transform(TEXTS)
    assert (X1 != X2).nnz == 0  # same output twice, and after clone
    names = f.get_feature_names_out()
    assert X1.shape == (len(TEXTS), len(names))
    assert "cue__loaded_language" in names and "cue__loaded_language__outlet" in names
    assert X1[0, list(names).index("cue__loaded_language")] > 0
    assert X1[1].nnz == 0
    again = pickle.loads(pickle.dumps(f))
    assert (again.transform(TEXTS) != X1).nnz == 0


@pytest.mark.parametrize("params, message", [({"lang": "fr"}, "lang='fr'"), ({"scale": "z"}, "scale='z'")])
def test_cue_featurizer_checks_params_in_fit(params, message):
    f = CueFeaturizer(lexicon=LEX, **params)  # no error at construction
    with pytest.raises(ValueError, match=message):
        f.fit(TEXTS)


def test_cue_featurizer_rejects_a_single_string():
    f = CueFeaturizer(lexicon=LEX).fit(TEXTS)
    with pytest.raises(ValueError, match="list of texts"):
        f.transform("one text")


def test_cue_featurizer_in_a_pipeline():
    union = FeatureUnion([("words", TfidfVectorizer(analyzer=token_strings)), ("cues", CueFeaturizer(lexicon=LEX))])
    pipe = make_pipeline(union, LogisticRegression())
    pipe.fit(TEXTS * 3, [1, 0, 1, 0] * 3)
    assert list(pipe.predict(TEXTS)) == [1, 0, 1, 0]


STANCE_X = [
    ("The senator praised Acme's plan as bold.", "Acme"),
    ("Critics slammed Acme's plan as a disgrace.", "Acme"),
    ("Acme published its plan on Monday.", "Acme"),
    ("Voters welcomed Beta's offer warmly.", "Beta"),
    ("Beta's offer is a disgrace, rivals said.", "Beta"),
    ("Beta filed its offer on Tuesday.", "Beta"),
]
STANCE_Y = ["FAVOR", "AGAINST", "NONE"] * 2


def test_stance_classifier_contract_and_grid_search():
    clf = StanceClassifier(lexicon=LEX, min_df=1)
    assert clone(clf).get_params() == clf.get_params()
    with pytest.raises(NotFittedError):
        clf.predict(STANCE_X)
    X = STANCE_X * 3
    y = STANCE_Y * 3
    groups = [i % 6 // 3 for i in range(len(X))]  # two groups: Acme and Beta
    grid = GridSearchCV(StanceClassifier(lexicon=LEX, min_df=1), {"C": [0.5, 2.0]}, cv=GroupKFold(n_splits=2), scoring="f1_macro")
    grid.fit(X, y, groups=groups)
    assert grid.best_params_["C"] in (0.5, 2.0)
    fitted = StanceClassifier(lexicon=LEX, min_df=1).fit(X, y)
    p1 = fitted.predict_proba(STANCE_X)
    p2 = StanceClassifier(lexicon=LEX, min_df=1).fit(X, y).predict_proba(STANCE_X)
    np.testing.assert_allclose(p1, p2)  # deterministic
    assert set(fitted.classes_) == {"AGAINST", "FAVOR", "NONE"}
    reasons = fitted.explain(("Critics slammed Acme's plan as a disgrace.", "Acme"))
    assert reasons and all(w > 0 for _, w in reasons)


def test_stance_classifier_errors():
    with pytest.raises(ValueError, match="unknown stance label"):
        StanceClassifier(lexicon=LEX).fit(STANCE_X, ["FOR"] * 6)
    with pytest.raises(ValueError, match="C=-1"):
        StanceClassifier(lexicon=LEX, C=-1).fit(STANCE_X, STANCE_Y)
    with pytest.raises(ValueError, match="expects \\(text, target\\) pairs"):
        StanceClassifier(lexicon=LEX).fit(["just text"] * 6, STANCE_Y)


def test_persuasion_classifier():
    clf = PersuasionClassifier(lexicon=LEX, min_df=1).fit(TEXTS * 3, [True, False, True, False] * 3)
    assert list(clf.predict(TEXTS)) == ["true", "false", "true", "false"]
    with pytest.raises(ValueError, match="one class only"):
        PersuasionClassifier(lexicon=LEX).fit(TEXTS, [True] * 4)
