"""Model bundles: the stance and persuasion models ``score`` and ``report`` use.

A bundle is one model file (see :mod:`framing.models.linear`) holding models
keyed ``<task>-<lang>`` (``stance-ar``, ``persuasion-en``, ...), the settings
needed to rebuild their features, and the lexicon they were trained with
(so that user lexicons change what is shown, never what a model sees).

The default bundle is trained from our own corpus the first time it is
needed (no network, seconds) and cached in the user's cache folder
(``$FRAMING_CACHE``, else ``$XDG_CACHE_HOME/framing``, else ``~/.cache/framing``);
it is rebuilt when the package version, the corpus or the lexicon changes.
Only the few most recently used default bundles are kept there
(:data:`KEEP_DEFAULT_BUNDLES`): each upgrade would otherwise leave its old
file behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict
from importlib import resources

from .. import __version__
from ..errors import ModelError
from ..lexicon import Lexicon, LexiconEntry
from .linear import load_models, save_models
from .predictor import PersuasionPredictor, StancePredictor

__all__ = ["Bundle", "apply_none_bias", "build_default_bundle", "cache_dir", "default_bundle", "default_recipe",
           "train_bundle"]

STANCE_PARAMS = ("C", "min_df", "max_char_features", "use_words", "use_chars", "use_cues", "use_target",
                 "target_min_count", "class_weight", "window", "window_block", "feature_weight", "none_bias",
                 "svm_weight", "random_state")
#: Stance parameters that act on training only (the fitted weights carry them): recorded in a model's
#: info only when they differ from these defaults, so that default models' files stay as they were.
TRAINING_ONLY_DEFAULTS = {"none_bias": 0.0, "svm_weight": 0.0}
PERSUASION_PARAMS = ("C", "min_df", "max_char_features", "use_words", "use_chars", "use_cues", "class_weight",
                     "random_state")


def cache_dir() -> str:
    env = os.environ.get("FRAMING_CACHE")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "framing")


def _lexicon_to_json(lex: Lexicon) -> dict:
    return {"versions": lex.versions, "entries": [asdict(e) for e in lex.entries]}


def _lexicon_from_json(d: dict) -> Lexicon:
    entries = []
    for e in d.get("entries", []):
        e = dict(e)
        e["forms"] = tuple(e.get("forms", ()))
        entries.append(LexiconEntry(**e))
    return Lexicon(tuple(entries), dict(d.get("versions", {})))


class Bundle:
    """Loaded models ready to predict, with the lexicon and settings they were trained with."""

    def __init__(self, estimators: dict, meta: dict, path: str | None = None):
        self.estimators = estimators  # key -> fitted StanceClassifier / PersuasionClassifier
        self.meta = meta
        self.path = path

    def get(self, task: str, lang: str):
        return self.estimators.get(f"{task}-{lang}")

    @property
    def tasks(self) -> set:
        return {k.split("-", 1)[0] for k in self.estimators}

    def save(self, path: str) -> None:
        models = {k: est.model_ for k, est in self.estimators.items()}
        save_models(path, models, self.meta)

    @classmethod
    def load(cls, path: str, *, expect_task: str | None = None, targets=None) -> "Bundle":
        """Read a bundle file; its stance models find the mentions of ``targets``.

        ``targets`` (a :class:`~framing.targets.TargetSet`) defaults to the
        built-in targets file, as ``framing score`` uses it: without known
        targets, a stance model would find a target's mentions by its name
        alone and mask no other target, and predict differently.
        """
        models, meta = load_models(path, expect_task=expect_task)
        if targets is None:
            from ..targets import load_targets

            targets = load_targets()
        try:
            return cls._build(models, meta, path, targets)
        except ModelError:
            raise
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise ModelError(f"its settings do not fit this version of framing ({type(exc).__name__}: {exc})",
                             source=path, hint="retrain it with 'framing train'") from None

    @classmethod
    def _build(cls, models, meta, path, targets) -> "Bundle":
        lex = _lexicon_from_json(meta.get("lexicon") or {})
        estimators = {}
        for key, m in models.items():
            info = m.info or {}
            params = info.get("params") or {}
            if m.task == "stance":
                est = StancePredictor(m, params={k: v for k, v in params.items() if k in STANCE_PARAMS}, lexicon=lex,
                                      targets=targets, frequent_targets=info.get("frequent_targets", ()))
            elif m.task == "persuasion":
                est = PersuasionPredictor(m, params={k: v for k, v in params.items() if k in PERSUASION_PARAMS},
                                          lexicon=lex, targets=targets)
            else:
                raise ModelError(f"model {key!r} has an unknown task {m.task!r}", source=path)
            estimators[key] = est
        return cls(estimators, meta, path)


def _sha_records(records) -> str:
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps([r.text, [(t.target, t.stance) for t in r.targets], r.label], ensure_ascii=False).encode())
    return h.hexdigest()


def train_bundle(records, tasks=("stance", "persuasion"), *, lexicon=None, targets=None, seed=0, params=None,
                 progress=None, label_field=None, lang_params=None) -> Bundle:
    """Train a bundle (one model per task and language present in ``records``).

    When a language gets both models, its persuasion model reads the paragraph
    as its stance model reads it for a target the paragraph does not mention
    (every known target masked: ``mask_targets``) with the stance model's word
    and character vocabularies and IDF, stored once in the file: ``score``
    computes those blocks once for both models. ``lang_params`` (``{"en": {...}}``)
    are parameters of one language's stance model, over ``params``.
    """
    from ..datasets.records import stance_pairs
    from ..lexicon import load_lexicon
    from .estimators import PersuasionClassifier, StanceClassifier

    lex = lexicon if lexicon is not None else load_lexicon()
    base_params = dict(params or {})
    estimators = {}
    for task in tasks:
        for lang in ("ar", "en"):
            rs = [r for r in records if r.lang == lang]
            params = dict(base_params, **((lang_params or {}).get(lang) or {})) if task == "stance" else base_params
            if task == "stance":
                pairs = stance_pairs(rs)
                if len({t.stance for _, t in pairs}) < 2:
                    continue
                if progress:
                    progress(f"training stance-{lang} on {len(pairs)} (paragraph, target) pairs")
                est = StanceClassifier(lexicon=lex, targets=targets, random_state=seed,
                                       **{k: v for k, v in params.items() if k in STANCE_PARAMS})
                est.fit(pairs, [t.stance for _, t in pairs])
                est.model_.info = {"params": {k: getattr(est, k) for k in STANCE_PARAMS
                                              if k not in TRAINING_ONLY_DEFAULTS
                                              or getattr(est, k) != TRAINING_ONLY_DEFAULTS[k]},
                                   "frequent_targets": sorted(est.frequent_targets_), "lang": lang,
                                   "train_pairs": len(pairs)}
            else:
                if label_field:
                    labelled = [(r, r.extra.get(label_field)) for r in rs if r.extra.get(label_field) is not None]
                else:
                    labelled = [(r, r.label) for r in rs if r.label is not None]
                if len({bool(v) for _, v in labelled}) < 2:
                    continue
                if progress:
                    progress(f"training persuasion-{lang} on {len(labelled)} paragraphs")
                stance = estimators.get(f"stance-{lang}")
                est = PersuasionClassifier(lexicon=lex, random_state=seed, mask_targets=stance is not None,
                                           targets=targets if stance is not None else None,
                                           **{k: v for k, v in params.items() if k in PERSUASION_PARAMS})
                est.fit([r for r, _ in labelled], [v for _, v in labelled], vocabulary_from=stance)
                est.model_.info = {"params": {k: getattr(est, k) for k in PERSUASION_PARAMS}, "lang": lang,
                                   "train_paragraphs": len(labelled), "label_field": label_field or "label"}
            estimators[f"{task}-{lang}"] = est
    if not estimators:
        raise ModelError("nothing to train: the data has no stance pairs or labels with at least two classes")
    import sklearn

    meta = {
        "framing_version": __version__,
        "sklearn_version": sklearn.__version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seed": seed,
        "training_data_sha256": _sha_records(records),
        "training_records": len(records),
        "lexicon_version": lex.version,
        "lexicon": _lexicon_to_json(lex),
    }
    return Bundle(estimators, meta)


#: How :func:`train_bundle` lays out the default models; a new layout rebuilds cached default bundles
#: (2: the persuasion model reads the masked paragraph with the stance model's word and character blocks).
BUNDLE_LAYOUT = 2


def _corpus_fingerprint() -> str:
    """What the default models are trained from: package version, layout, corpus, cue and polarity lexicons."""
    h = hashlib.sha256(__version__.encode())
    if BUNDLE_LAYOUT != 1:
        h.update(f"layout {BUNDLE_LAYOUT}".encode())
    root = resources.files("framing").joinpath("data/corpus")
    for p in sorted(root.iterdir(), key=lambda p: p.name):
        if p.name.endswith(".txt"):
            h.update(p.read_bytes())
    for name in ("lexicons/ar.tsv", "lexicons/en.tsv", "lexicons/polarity-ar.tsv", "lexicons/polarity-en.tsv"):
        h.update(resources.files("framing").joinpath(name).read_bytes())
    return h.hexdigest()[:16]


RECIPE_FILE = "data/default_recipe.json"


def default_recipe() -> dict:
    """Decision settings of the default bundle (``framing/data/default_recipe.json``).

    ``feature_weight`` per language weighs the stance model's cue, polarity and
    window block against its n-gram blocks (1, the estimator's default, or less).
    ``none_bias`` per language is added to the NONE logit of the stance model:
    our corpus is roughly balanced and trained with balanced class weights, so
    the model's implicit prior is uniform, while in real news most (paragraph,
    target) pairs are NONE. Both are chosen by ``experiments/tune_default.py``
    on our *tuning* annotations of real paragraphs (other documents than the
    evaluation annotations), never on the evaluation labels.
    """
    try:
        text = resources.files("framing").joinpath(RECIPE_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def apply_none_bias(est, bias: float) -> None:
    """Shift a stance model's NONE logit by ``bias`` (a prior correction, exact for softmax models)."""
    m = est.model_
    if "NONE" not in m.classes or not bias:
        return
    i = list(m.classes).index("NONE")
    if len(m.classes) == 2 and m.intercept.shape[0] == 1:  # binary: one logit for classes[1]
        m.intercept[0] += bias if i == 1 else -bias
    else:
        m.intercept[i] += bias
    m.info = dict(m.info or {}, none_bias=float(bias))


def build_default_bundle(path: str, *, progress=None, apply_recipe: bool = True, stance_params=None) -> Bundle:
    """Train the default bundle on the train split of our corpus and save it.

    With ``apply_recipe``, the stance models get the recipe's per-language
    ``feature_weight`` and NONE bias (:func:`default_recipe`); ``stance_params``
    (``{"en": {"feature_weight": 0.25}}``) are used instead of the recipe's
    parameters (what ``experiments/tune_default.py`` compares).
    """
    from ..datasets.corpus import load_corpus
    from ..targets import load_targets

    recipe = default_recipe() if apply_recipe else {}
    if stance_params is None:
        stance_params = {lang: {"feature_weight": float(w)} for lang, w in (recipe.get("feature_weight") or {}).items()
                         if float(w) != 1.0}
    records = [r.record for r in load_corpus(split="train")]
    bundle = train_bundle(records, targets=load_targets(), progress=progress,
                          lang_params={lang: {k: v for k, v in p.items() if k in STANCE_PARAMS}
                                       for lang, p in stance_params.items()})
    bundle.meta["recipe"] = "default: our corpus (train split), stance + persuasion, ar + en"
    bundle.meta["corpus_fingerprint"] = _corpus_fingerprint()
    if apply_recipe:
        for lang, bias in (recipe.get("none_bias") or {}).items():
            est = bundle.get("stance", lang)
            if est is not None:
                apply_none_bias(est, float(bias))
        bundle.meta["none_bias"] = recipe.get("none_bias") or {}
        bundle.meta["feature_weight"] = recipe.get("feature_weight") or {}
        bundle.meta["recipe_tuned_on"] = recipe.get("tuned_on")
    bundle.save(path)
    return bundle


#: How many default bundles (the most recently used) the cache folder keeps; older ones are removed.
KEEP_DEFAULT_BUNDLES = 3


def prune_default_bundles(folder: str, keep: str, *, count: int = KEEP_DEFAULT_BUNDLES) -> list[str]:
    """Remove all but the ``count`` most recently used ``default-*.npz`` files of ``folder``; never ``keep``.

    "Used" is the file's modification time, which :func:`default_bundle` renews
    (at most daily) when it loads a bundle. A file that cannot be removed (another
    user's, a read-only folder) is left alone. Returns the removed paths.
    """
    try:
        names = [n for n in os.listdir(folder) if n.startswith("default-") and n.endswith(".npz")]
    except OSError:
        return []
    found = []
    for n in names:
        p = os.path.join(folder, n)
        try:
            found.append((os.stat(p).st_mtime, p))
        except OSError:
            continue
    found.sort(reverse=True)
    kept = {os.path.abspath(keep)}
    removed = []
    for _, p in found:
        if os.path.abspath(p) in kept:
            continue
        if len(kept) < count:
            kept.add(os.path.abspath(p))
            continue
        try:
            os.remove(p)
            removed.append(p)
        except OSError:
            pass
    return removed


def _mark_used(path: str) -> None:
    """Renew ``path``'s modification time when it is a day old or more (what pruning keeps by)."""
    try:
        if time.time() - os.stat(path).st_mtime >= 86400:
            os.utime(path)
    except OSError:
        pass


def default_bundle(*, progress=None, targets=None) -> Bundle:
    """The cached default bundle, built first if missing or stale (older default bundles are pruned)."""
    h = hashlib.sha256(_corpus_fingerprint().encode())
    h.update(json.dumps(default_recipe(), sort_keys=True).encode())
    fp = h.hexdigest()[:16]
    path = os.path.join(cache_dir(), f"default-{__version__}-{fp}.npz")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if progress:
            progress(f"building the default model from our corpus (once; cached in {os.path.dirname(path)})")
        build_default_bundle(path, progress=progress)
        prune_default_bundles(os.path.dirname(path), path)
    else:
        _mark_used(path)
    return Bundle.load(path, targets=targets)
