"""Whole-article analysis: cues, persuasion and stance per paragraph, with reasons.

:func:`analyze` is the researcher's entry point::

    >>> import framing
    >>> result = framing.analyze("...article text...", targets=["روسيا"])  # doctest: +SKIP

:class:`Analyzer` keeps the models, lexicon and targets loaded between
articles (what ``framing score`` uses for collections).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .cues import CueExtractor

__all__ = ["Analyzer", "ArticleResult", "analyze", "describe_feature"]

TOP_REASONS = 5
#: The reason given when no feature of the paragraph speaks for the label (it comes from the intercepts).
BASE_RATE = "f:base_rate"

_CATEGORY_WORDS = {
    "loaded_language": "loaded language", "name_calling": "name calling", "exaggeration": "exaggeration",
    "fear_threat": "appeal to fear", "doubt_distancing": "doubt or distancing", "certainty": "certainty",
    "victimhood": "victimhood", "values_flag": "flag-waving", "scare_quote": "scare quotes",
    "rhetorical_question": "a rhetorical question", "generalisation": "a sweeping generalisation",
    "repetition": "repetition", "hedge": "hedging", "group_reference": "group references",
    "neutral_report": "plain reporting verbs", "attribution": "reported speech", "passive_agent": "a passive agent",
    "intensifier": "intensifiers", "exclamation": "an exclamation", "first_person_plural": "'we/our'",
}
_VOICE_WORDS = {"outlet": "in the outlet's own words", "quote": "in a quotation", "attributed": "in reported speech"}


@lru_cache(maxsize=8192)
def describe_feature(name: str) -> str:
    """A feature name in plain words.

    >>> describe_feature("f:cue:loaded_language:outlet")
    "loaded language in the outlet's own words"
    >>> describe_feature("f:B1:جرائم")
    "'جرائم' right before the target"
    """
    if name.startswith("f:cue:") or name.startswith("f:tsent:"):
        parts = name.split(":")[2:]
        where = " in the target's sentence" if name.startswith("f:tsent:") else ""
        text = _CATEGORY_WORDS.get(parts[0], parts[0].replace("_", " "))
        if len(parts) > 1:
            text += " " + _VOICE_WORDS.get(parts[1], parts[1])
        return text + where
    if name.startswith("f:twin:"):
        return _CATEGORY_WORDS.get(name[7:], name[7:]) + " near the target"
    if name.startswith("f:pol:"):
        parts = name.split(":")[2:]
        if parts == ["quiet"]:
            return "no praise, blame or loaded words in the target's sentence"
        where = {"tsent": " in the target's sentence", "twin": " near the target", "t_speaks": " in the target's own words",
                 "quoted_about_t": " in reported speech about the target"}.get(parts[1] if len(parts) > 1 else "", "")
        return ("praise or success words" if parts[0] == "positive" else "blame or failure words") + where
    simple = {
        "f:no_mention": "the target is not named in the paragraph",
        BASE_RATE: "no evidence for this label in the paragraph: the model's base rate",
        "f:mentioned": "the target is named", "f:mentions": "how often the target is named",
        "f:other_mentioned": "other actors are named", "f:neg_near": "a negation near the target",
        "f:t_is_speaker": "the target speaks (its own words)", "f:t_in_reported_speech": "the target appears in reported speech",
    }
    if name in simple:
        return simple[name]
    for prefix, fmt in (("f:B1:", "'{}' right before the target"), ("f:A1:", "'{}' right after the target"),
                        ("f:L:", "'{}' before the target"), ("f:R:", "'{}' after the target"),
                        ("f:target:", "the target is {}"),
                        ("t:B1:", "'{}' right before the target"), ("t:A1:", "'{}' right after the target"),
                        ("t:LN:", "'{}' just before the target"), ("t:RN:", "'{}' just after the target"),
                        ("t:L2:", "'{}' before the target"), ("t:R2:", "'{}' after the target"),
                        ("t:L:", "'{}' before the target"), ("t:R:", "'{}' after the target")):
        if name.startswith(prefix):
            return fmt.format(name[len(prefix):].replace("xtargetx", "the target").replace("xotherx", "another actor"))
    if name.startswith("x:"):
        return "'" + name.split("|", 1)[1] + "' (for this target)"
    if name[:2] in ("w:", "s:"):
        return "'" + name[2:].replace("xtargetx", "⟨target⟩").replace("xotherx", "⟨other⟩") + "'"
    return name


class _Scratch:
    """Work arrays over a model's columns, reused by every paragraph (left zeroed/False after each use)."""

    def __init__(self, n_features: int):
        self.values = np.zeros(n_features)
        self.holders = np.zeros(n_features, dtype=np.int64)
        self.routed = np.zeros(n_features, dtype=bool)


def _scratch(model) -> _Scratch:
    got = model.__dict__.get("_scratch")
    if got is None:
        got = model._scratch = _Scratch(model.vectorizer.n_features)
    return got


class _Words:
    """The words of a paragraph and where each feature column of a model sends its contribution.

    A reason is a word a reader can see, not ``c:ستير``: the contribution of a
    character n-gram is shared by the words that contain it (dropped when none
    does), a word or stem feature (``w:``, ``s:``, ``x:``) goes to its words
    (those equal to it; for a stem, those with that stem), and every other
    feature, or a word feature with no such word, stays a feature reason.
    Built once per paragraph and model, from the words' side (each word's
    columns, cached per word), as entries (word occurrence, column) with the
    share of the column's contribution each gets: a row's word weights are
    one weighted count (:func:`reasons_many`).
    """

    def __init__(self, text: str, model, cross_keys=()):
        from .matcher import normalized_tokens  # the normalized tokens the matchers use (cached per text)

        n, toks = normalized_tokens(text)
        self.n = n
        self._toks = toks  # (word, start, end) in the normalized text
        vec = model.vectorizer
        ids: dict[str, int] = {}  # each distinct word's number, in order of first occurrence
        token_id = [ids.setdefault(tok, len(ids)) for tok, _, _ in toks]
        self.n_tokens = len(ids)
        token_ids = np.array(token_id, dtype=np.int64)
        #: each distinct word's first position (of the writes to one place, the last one stays)
        self.first = np.empty(len(ids), dtype=np.int64)
        self.first[token_ids[::-1]] = np.arange(len(token_id) - 1, -1, -1, dtype=np.int64)
        # each word's columns, cached per model and set of crossed targets (x: words crossed with a frequent target)
        caches = model.__dict__.setdefault("_word_columns", {})
        cache = caches.get(tuple(cross_keys))
        if cache is None:
            if len(caches) >= WORD_COLUMNS_SETS:
                caches.clear()
            cache = caches[tuple(cross_keys)] = {}
        get = cache.get
        distinct = [cols if (cols := get(tok)) is not None else _cached_word_columns(cache, vec, tok, cross_keys)
                    for tok in ids]
        lens = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))[token_ids]
        #: one entry per (word occurrence, routed column): the column, and the distinct word it goes to
        self.entry_cols = (np.concatenate([distinct[k] for k in token_id]) if token_id
                           else np.zeros(0, dtype=np.int64))
        self.entry_token = np.repeat(token_ids, lens)
        # share of a routed column's contribution that each entry gets: 1 / the entries holding the column
        holders = _scratch(model).holders
        np.add.at(holders, self.entry_cols, 1)
        self.entry_share = 1.0 / holders[self.entry_cols]
        holders[self.entry_cols] = 0
        c_off = vec.offsets.get("c")
        self.c_range = (c_off, c_off + len(vec.vocab["c"])) if c_off is not None else (0, 0)

    def span(self, position: int) -> tuple[int, int]:
        """The original offsets of the word at ``position``."""
        _, a, b = self._toks[position]
        return self.n.to_original(a, b)


#: Distinct words whose feature columns a model keeps (then the cache starts again), so memory stays bounded.
WORD_COLUMNS_CACHE = 20_000
#: Sets of crossed targets with a word cache of their own (then they all start again).
WORD_COLUMNS_SETS = 8


def _cached_word_columns(cache: dict, vec, tok: str, cross_keys) -> np.ndarray:
    """:func:`_word_columns` of a word not in ``cache`` yet, kept there (a full cache starts again)."""
    if len(cache) >= WORD_COLUMNS_CACHE:
        cache.clear()
    cols = cache[tok] = _word_columns(vec, tok, cross_keys)
    return cols


def _word_columns(vec, tok: str, cross_keys=()) -> np.ndarray:
    """The columns a word sends its contributions to: its character n-grams, itself, its stem (the ``s:``
    feature the word itself makes), and itself crossed with each of ``cross_keys`` (frequent targets)
    where the model has that feature."""
    from .models.features import PLACE_OTHER, PLACE_TARGET, _arabic_stem, crossed_columns, token_char_columns

    out = []
    if "c" in vec.vocab:
        off = vec.offsets["c"]
        out.extend(off + j for j in dict.fromkeys(token_char_columns(tok, vec).tolist()))  # each n-gram once
    vocab = vec.vocab.get("w")
    if vocab is not None:
        off = vec.offsets["w"]
        j = vocab.get("w:" + tok)
        if j is not None:
            out.append(off + j)
        stems = vec.__dict__.get("_stem_columns")
        if stems is None:  # {stem: column} (English models have none)
            stems = vec._stem_columns = {k[2:]: j for k, j in vocab.items() if k.startswith("s:")}
        if stems and len(tok) > 3 and tok != PLACE_TARGET and tok != PLACE_OTHER:  # as word_ngrams makes stems
            j = stems.get(_arabic_stem(tok))
            if j is not None:
                out.append(off + j)
    for key in cross_keys:
        j = crossed_columns(vec, key).get(tok)
        if j is not None:
            out.append(vec.offsets.get("x", 0) + j)
    return np.array(out, dtype=np.int64)


def reasons_many(est, labels, text: str, offset: int, words: _Words, rows, top: int = TOP_REASONS) -> list[list[dict]]:
    """Top contributions to each row's label (rows of ``Vectorizer.rows``), in human terms; words where they can be.

    Contributions are the weights of the label minus the mean of the other
    classes' times the feature values (see :meth:`LinearModel.contributions`),
    routed as :class:`_Words` says. Reasons with a positive weight, largest
    first (ties: words before features, then by position or column); when
    none is positive, the one reason :data:`BASE_RATE` (the label comes from
    the model's intercepts, not from the paragraph).
    """
    model = est.model_
    names = model.vectorizer.feature_names() if not hasattr(model, "_names") else model._names
    model._names = names
    lo, hi = words.c_range
    n_tok = words.n_tokens
    scratch = _scratch(model)
    values, routed_cols = scratch.values, scratch.routed
    entries = words.entry_cols
    routed_cols[entries] = True
    entry_values = np.empty((len(rows), len(entries)))
    features = []
    for r, (x, label) in enumerate(zip(rows, labels)):
        cols, vals = x.indices, x.data * model._class_weights(label)[x.indices]
        values[cols] = vals  # a row holds each column once
        entry_values[r] = values[entries]
        values[cols] = 0.0
        feature = ~routed_cols[cols] & ~((cols >= lo) & (cols < hi))  # unrouted character n-grams are dropped
        features.append((cols[feature], vals[feature]))
    routed_cols[entries] = False
    # each row's contributions summed per word: one weighted count over (row, entry)
    at = (np.arange(len(rows))[:, None] * n_tok + words.entry_token).ravel()
    by_token = np.bincount(at, weights=(entry_values * words.entry_share).ravel(),
                           minlength=len(rows) * n_tok).reshape(len(rows), n_tok)
    out = []
    for r in range(len(rows)):
        toks = np.flatnonzero(by_token[r] > 0)
        fcols, fvals = features[r]
        pos_f = fvals > 0
        weight = np.concatenate([by_token[r, toks], fvals[pos_f]])
        kind = np.zeros(len(weight), dtype=np.int64)
        kind[len(toks):] = 1
        where = np.concatenate([words.first[toks], fcols[pos_f]])
        keep = np.lexsort((where, kind, -weight))[:top]  # largest first; ties: words first, then position or column
        items = []
        for k in keep.tolist():
            j = int(where[k])
            if kind[k] == 0:
                a, b = words.span(j)
                item = {"kind": "word", "text": text[a:b], "start": a + offset, "end": b + offset}
            else:  # described only when shown
                item = {"kind": "feature", "feature": names[j], "text": describe_feature(names[j])}
            item["weight"] = round(float(weight[k]), 4)
            items.append(item)
        if not items:  # nothing in the paragraph speaks for the label: say so rather than show nothing
            items.append({"kind": "feature", "feature": BASE_RATE, "text": describe_feature(BASE_RATE), "weight": 0.0})
        out.append(items)
    return out


@dataclass
class ArticleResult:
    """The analysis of one article: the JSON-ready document and the cleaned :class:`Document`."""

    document: object
    data: dict

    @property
    def paragraphs(self) -> list[dict]:
        return self.data["paragraphs"]

    def stance(self, target: str) -> list[str]:
        """Labels toward ``target``, paragraph by paragraph (None where it was not scored)."""
        out = []
        for p in self.paragraphs:
            got = [s["label"] for s in p.get("stance", []) if s["target"] == target]
            out.append(got[0] if got else None)
        return out


class Analyzer:
    """Models, lexicon and targets loaded once, applied to many articles.

    Parameters
    ----------
    bundle : Bundle, optional
        Models (default: the cached default bundle, built on first use).
    lexicon_files : list of str
        User lexicons: change which cues are shown, not what the models see.
    targets : TargetSet, optional
    """

    def __init__(self, bundle=None, *, lexicon_files=(), targets=None, progress=None):
        from .lexicon import load_lexicon
        from .models.bundle import default_bundle
        from .targets import load_targets

        self.targets = targets if targets is not None else load_targets()
        self.bundle = bundle if bundle is not None else default_bundle(progress=progress, targets=self.targets)
        for est in self.bundle.estimators.values():
            if hasattr(est, "targets"):
                est.targets = self.targets
        views = list(self.bundle.estimators.values())
        for est in views[1:]:
            if hasattr(est, "share_views"):
                est.share_views(views[0])
        from .models.features import share_char_lookups

        for lang in ("ar", "en"):  # the models of a language meet the same new words: look them up once
            # (and blocks they share, the same vocabulary and the same paragraph's words, are computed once)
            share_char_lookups([est.model_.vectorizer for est in (self.bundle.get("persuasion", lang),
                                                                   self.bundle.get("stance", lang))
                                if est is not None and hasattr(est, "model_")])
        self.extractor = CueExtractor(load_lexicon(lexicon_files))
        for est in views:
            mine = getattr(est, "_extractor", None)
            if mine is not None and mine.lexicon == self.extractor.lexicon:
                self.extractor = mine  # the same lexicon: a paragraph's cues are found once for both
                break

    def auto_targets(self, doc) -> list[str]:
        """Targets of the targets file that the article mentions, most mentioned first."""
        counts = Counter()
        for b in doc.blocks:
            if b.kind in ("title", "body"):
                lang = b.lang if b.lang in ("ar", "en") else doc.lang
                for m in self.targets.mentions(b.text, lang):
                    counts[m.target] += 1
        return [t for t, _ in counts.most_common()]

    def analyze_document(self, doc, requested=(), *, add_detected: bool = False) -> ArticleResult:
        """Analyse one cleaned :class:`Document`.

        Stance is scored toward the ``requested`` targets in every paragraph;
        without any (or with ``add_detected``), also toward each target of the
        targets file that the article mentions, in the paragraphs that mention it.
        """
        from .output import article_dict
        from .summary import stance_summary

        cues = self.extractor.find_in_document(doc)
        data = article_dict(doc, cues, lexicon_version=self.extractor.lexicon.version)
        requested = list(dict.fromkeys(requested))
        auto = [t for t in self.auto_targets(doc) if t not in requested] if add_detected or not requested else []
        data["targets"] = {"requested": requested, "detected": auto}
        data["model"] = {"path": self.bundle.path, "recipe": self.bundle.meta.get("recipe"),
                         "lexicon_version": self.bundle.meta.get("lexicon_version")}
        for p in data["paragraphs"]:
            lang = p["lang"] if p["lang"] in ("ar", "en") else doc.lang
            pers = self.bundle.get("persuasion", lang)
            plain = None
            if pers is not None:
                # The paragraph's own language (detected, or forced with --lang), as the stance model gets it.
                feats = pers.features(p["text"], p["lang"], for_prediction=True)
                prob = float(pers.model_.predict_proba([feats])[0][list(pers.classes_).index("true")])
                p["persuasion"] = {"probability": round(prob, 4), "model": f"persuasion-{lang}"}
                if ("w" in feats and not pers.mask_targets
                        and pers.view(p["text"], p["lang"]) is self._stance_view(p, lang)):
                    plain = feats["w"]  # the unmasked paragraph's word n-grams, shared with stance
                # (with mask_targets, the masked paragraph's blocks are shared through the paragraph's view)
            est = self.bundle.get("stance", lang)
            p["stance"] = []
            if est is None:
                continue
            mentioned = {m.target for m in est.view(p["text"], lang).mentions(self.targets)}
            names = requested + [t for t in auto if t in mentioned]
            if not names:
                continue
            # Features once per (paragraph, target): the same ones give the probabilities and the reasons.
            docs = est.features_many(p["text"], lang, names, plain_words=plain)
            # Targets with the very same features (none of them named here, none with features of its
            # own) get the same prediction and reasons: computed once.
            first: dict[tuple, int] = {}
            which = [first.setdefault(tuple((b, id(v)) for b, v in d.items()), len(first)) for d in docs]
            alike = {}
            for d, j in zip(docs, which):
                alike.setdefault(j, d)  # (numbered in order of first occurrence)
            docs = list(alike.values())
            X = est.model_.vectorizer.rows(docs)
            probs = est.model_.predict_proba_rows(X)
            frequent = getattr(est, "frequent_targets_", ())
            words = _Words(p["text"], est.model_, [t.replace(" ", "_") for t in names if t in frequent])
            labels = [str(est.classes_[pr.argmax()]) for pr in probs]
            why = reasons_many(est, labels, p["text"], p["start"], words, X)
            given = set()
            for name, j in zip(names, which):
                because = why[j] if j not in given else [dict(r) for r in why[j]]  # each target its own objects
                given.add(j)
                p["stance"].append({
                    "target": name,
                    "label": labels[j],
                    "probabilities": {str(c): round(float(x), 4) for c, x in zip(est.classes_, probs[j])},
                    "mentioned": name in mentioned,
                    "reasons": because,
                })
        data["summary"]["stance"] = stance_summary(data["paragraphs"])
        # Views serve the paragraphs of one article (its targets and models): memory stays flat over many.
        for est in self.bundle.estimators.values():
            if hasattr(est, "forget_views"):
                est.forget_views()
        return ArticleResult(doc, data)

    def _stance_view(self, p, lang):
        est = self.bundle.get("stance", lang)
        return est.view(p["text"], lang) if est is not None else None


def analyze(text: str, targets=None, *, bundle=None, lexicon_files=()) -> ArticleResult:
    """Analyse one article held in a string (text or HTML).

    Parameters
    ----------
    text : str
    targets : list of str, optional
        Targets to score in every paragraph; by default the targets the article mentions.
    """
    from .text import parse_document

    doc = parse_document(text)
    return Analyzer(bundle, lexicon_files=lexicon_files).analyze_document(doc, targets or ())
