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
                        ("f:target:", "the target is {}")):
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


def reasons(est, doc: dict, label: str, text: str, offset: int, top: int = TOP_REASONS) -> list[dict]:
    """Top contributions to ``label``, in human terms; word features point at their words.

    Character n-gram contributions are summed onto the words that contain them,
    so a reason is a word a reader can see, not ``c:ستير``.
    """
    contribs = est.model_.contributions(doc, label)
    words = list(_word_spans(text))
    by_word: dict[int, float] = defaultdict(float)
    others: dict[str, float] = defaultdict(float)
    for name, w in contribs:
        if name.startswith("c:"):
            gram = name[2:]
            hits = [i for i, (tok, _, _) in enumerate(words) if gram.strip() in f" {tok} " and gram in f" {tok} "]
            for i in hits:
                by_word[i] += w / len(hits)
        elif name.startswith(("w:", "s:", "x:")) and " " not in name:
            key = name.split("|", 1)[1] if name.startswith("x:") else name[2:]
            hits = [i for i, (tok, _, _) in enumerate(words) if tok == key or (name.startswith("s:") and tok.endswith(key))]
            if hits:
                for i in hits:
                    by_word[i] += w / len(hits)
            else:
                others[name] += w
        else:
            others[name] += w
    items = []
    merged: dict[str, dict] = {}
    for i, w in by_word.items():
        tok, a, b = words[i]
        key = tok
        if key in merged:
            merged[key]["weight"] += w
            continue
        merged[key] = {"kind": "word", "text": text[a:b], "start": a + offset, "end": b + offset, "weight": w}
    items.extend(merged.values())
    for name, w in others.items():
        items.append({"kind": "feature", "feature": name, "text": describe_feature(name), "weight": w})
    items = [it for it in items if it["weight"] > 0]
    items.sort(key=lambda it: -it["weight"])
    for it in items:
        it["weight"] = round(it["weight"], 4)
    return items[:top]


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
                prob = float(pers.predict_proba([(p["text"])])[0][list(pers.classes_).index("true")])
                p["persuasion"] = {"probability": round(prob, 4), "model": f"persuasion-{lang}"}
            est = self.bundle.get("stance", lang)
            p["stance"] = []
            if est is None:
                continue
            mentioned = {m.target for m in self.targets.mentions(p["text"], lang)}
            names = requested + [t for t in auto if t in mentioned]
            if not names:
                continue
            items = [(p["text"], t, (), lang) for t in names]
            probs = est.predict_proba(items)
            for item, name, pr in zip(items, names, probs):
                label = str(est.classes_[pr.argmax()])
                from .models.predictor import as_stance_items

                (it,) = as_stance_items([item])
                feats = est.features(it)
                p["stance"].append({
                    "target": name,
                    "label": label,
                    "probabilities": {str(c): round(float(x), 4) for c, x in zip(est.classes_, pr)},
                    "mentioned": name in mentioned,
                    "reasons": reasons(est, feats, label, p["text"], p["start"]),
                })
        data["summary"]["stance"] = stance_summary(data["paragraphs"])
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
