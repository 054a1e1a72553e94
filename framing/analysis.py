"""Whole-article analysis: cues, persuasion and stance per paragraph, with reasons.

:func:`analyze` is the researcher's entry point::

    >>> import framing
    >>> result = framing.analyze("...article text...", targets=["روسيا"])  # doctest: +SKIP

:class:`Analyzer` keeps the models, lexicon and targets loaded between
articles (what ``framing score`` uses for collections).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .cues import CueExtractor
from .text.normalize import normalize
from .text.tokenize import TOKEN_RE

__all__ = ["Analyzer", "ArticleResult", "analyze", "describe_feature"]

TOP_REASONS = 5

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


def _word_spans(text: str):
    n = normalize(text)
    for m in TOKEN_RE.finditer(n.text):
        a, b = n.to_original(m.start(), m.end())
        yield m.group(), a, b


def _char_features(tok: str) -> tuple[str, ...]:
    """The ``c:`` names of the substrings of ``f" {tok} "`` that are character n-grams (maybe repeated)."""
    from .models.features import CHAR_RANGE, PLACE_OTHER, PLACE_TARGET, _token_grams

    if tok not in (PLACE_TARGET, PLACE_OTHER):
        return _token_grams(tok)  # cached per token, shared with the featurizer
    lo, hi = CHAR_RANGE
    padded = f" {tok} "
    return tuple("c:" + padded[j : j + k] for k in range(lo, hi + 1) for j in range(len(padded) - k + 1))


class _Words:
    """The words of a paragraph, indexed so that reasons find a feature's words without a scan.

    ``with_gram(g)`` are the words ``w`` with ``g in f" {w} "`` (character n-grams);
    ``equal_to(k)`` those equal to ``k``; ``ending_with(k)`` those that end with ``k``.
    Each is a list of word indices in order, the same as scanning every word would give.
    """

    def __init__(self, text: str):
        from .models.features import CHAR_RANGE

        self.spans = list(_word_spans(text))
        self._lo, self._hi = CHAR_RANGE
        self._grams: dict[str, list[int]] = {}  # by feature name ("c:...")
        self._tokens: dict[str, list[int]] = {}
        self._suffixes: dict[str, list[int]] = {}
        self._routes: dict[str, list[int] | None] = {}
        for i, (tok, _, _) in enumerate(self.spans):
            self._tokens.setdefault(tok, []).append(i)
            for j in range(len(tok)):
                self._suffixes.setdefault(tok[j:], []).append(i)
            for name in _char_features(tok):
                at = self._grams.setdefault(name, [])
                if not at or at[-1] != i:  # a word counts once however often it holds the n-gram
                    at.append(i)

    def _scan(self, keep) -> list[int]:
        return [i for i, (tok, _, _) in enumerate(self.spans) if keep(tok)]

    def with_gram(self, gram: str) -> list[int]:
        if self._lo <= len(gram) <= self._hi:
            return self._grams.get("c:" + gram, [])
        return self._scan(lambda tok: gram in f" {tok} ")

    def equal_to(self, key: str) -> list[int]:
        return self._tokens.get(key, [])

    def ending_with(self, key: str) -> list[int]:
        return self._suffixes.get(key, []) if key else self._scan(lambda tok: True)

    def route(self, name: str):
        """Where a feature's contribution goes: a list of words (maybe empty: dropped), or None (a feature reason).

        Character n-grams go to the words that contain them (nowhere when none
        does); word and stem features to their words, else they stay features.
        """
        got = self._routes.get(name, self)
        if got is self:
            if name.startswith("c:"):
                got = self.with_gram(name[2:])
            elif name.startswith(("w:", "s:", "x:")) and " " not in name:
                key = name.split("|", 1)[1] if name.startswith("x:") else name[2:]
                got = (self.ending_with(key) if name.startswith("s:") else self.equal_to(key)) or None
            else:
                got = None
            self._routes[name] = got
        return got


def reasons(est, doc: dict, label: str, text: str, offset: int, top: int = TOP_REASONS, *, words=None,
            x=None) -> list[dict]:
    """Top contributions to ``label``, in human terms; word features point at their words.

    Character n-gram contributions are summed onto the words that contain them,
    so a reason is a word a reader can see, not ``c:ستير``. ``words`` (the
    paragraph's ``_Words``) and ``x`` (``doc`` already vectorized) save work
    done once per paragraph or per prediction.
    """
    contribs = est.model_.contributions(doc, label, x=x)
    if words is None:
        words = _Words(text)
    spans = words.spans
    by_word: dict[int, float] = defaultdict(float)
    others: dict[str, float] = defaultdict(float)
    route = words.route
    for name, w in contribs:
        hits = route(name)
        if hits is None:
            others[name] += w
        else:
            for i in hits:
                by_word[i] += w / len(hits)
    items = []
    merged: dict[str, dict] = {}
    for i, w in by_word.items():
        tok, a, b = spans[i]
        key = tok
        if key in merged:
            merged[key]["weight"] += w
            continue
        merged[key] = {"kind": "word", "text": text[a:b], "start": a + offset, "end": b + offset, "weight": w}
    items.extend(merged.values())
    for name, w in others.items():
        items.append({"kind": "feature", "feature": name, "weight": w})
    items = [it for it in items if it["weight"] > 0]
    items.sort(key=lambda it: -it["weight"])
    items = items[:top]
    for i, it in enumerate(items):
        if it["kind"] == "feature":  # described only when shown
            items[i] = it = {"kind": "feature", "feature": it["feature"], "text": describe_feature(it["feature"]),
                             "weight": it["weight"]}
        it["weight"] = round(it["weight"], 4)
    return items


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
        self.extractor = CueExtractor(load_lexicon(lexicon_files))

    def auto_targets(self, doc) -> list[str]:
        """Targets of the targets file that the article mentions, most mentioned first."""
        counts = Counter()
        for b in doc.blocks:
            if b.kind in ("title", "body"):
                lang = b.lang if b.lang in ("ar", "en") else doc.lang
                for m in self.targets.mentions(b.text, lang):
                    counts[m.target] += 1
        return [t for t, _ in counts.most_common()]

    def analyze_document(self, doc, requested=()) -> ArticleResult:
        from .models.predictor import as_stance_items
        from .output import article_dict
        from .summary import stance_summary

        cues = self.extractor.find_in_document(doc)
        data = article_dict(doc, cues, lexicon_version=self.extractor.lexicon.version)
        requested = list(dict.fromkeys(requested))
        auto = [t for t in self.auto_targets(doc) if t not in requested]
        data["targets"] = {"requested": requested, "detected": auto}
        data["model"] = {"path": self.bundle.path, "recipe": self.bundle.meta.get("recipe"),
                         "lexicon_version": self.bundle.meta.get("lexicon_version")}
        for p in data["paragraphs"]:
            lang = p["lang"] if p["lang"] in ("ar", "en") else doc.lang
            pers = self.bundle.get("persuasion", lang)
            if pers is not None:
                # The paragraph's own language (detected, or forced with --lang), as the stance model gets it.
                feats = pers.features(p["text"], p["lang"])
                prob = float(pers.model_.predict_proba([feats])[0][list(pers.classes_).index("true")])
                p["persuasion"] = {"probability": round(prob, 4), "model": f"persuasion-{lang}"}
            est = self.bundle.get("stance", lang)
            p["stance"] = []
            if est is None:
                continue
            mentioned = {m.target for m in est.view(p["text"], lang).mentions(self.targets)}
            names = requested + [t for t in auto if t in mentioned]
            if not names:
                continue
            # Features once per (paragraph, target): the same ones give the probabilities and the reasons.
            docs = [est.features(it) for it in as_stance_items([(p["text"], t, (), lang) for t in names])]
            X = est.model_.vectorizer.transform(docs)
            probs = est.model_.predict_proba_matrix(X)
            words = _Words(p["text"])
            for row, (feats, name, pr) in enumerate(zip(docs, names, probs)):
                label = str(est.classes_[pr.argmax()])
                p["stance"].append({
                    "target": name,
                    "label": label,
                    "probabilities": {str(c): round(float(x), 4) for c, x in zip(est.classes_, pr)},
                    "mentioned": name in mentioned,
                    "reasons": reasons(est, feats, label, p["text"], p["start"], words=words, x=X[row]),
                })
        data["summary"]["stance"] = stance_summary(data["paragraphs"])
        # Views serve the paragraphs of one article (its targets and models): memory stays flat over many.
        for est in self.bundle.estimators.values():
            if hasattr(est, "forget_views"):
                est.forget_views()
        return ArticleResult(doc, data)


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
