"""Framing cues of a paragraph: lexicon matches and rule-based devices, each with its voice.

Every cue carries document offsets (``document[start:end] == text``), its
category, whether it is a *device* (highlighted) or a *signal* (a model
feature), its weight, and its ``voice``:

* ``outlet`` — the article's own words;
* ``quote`` — inside quotation marks of direct speech (or a quotation with
  no speaker found);
* ``attributed`` — inside reported speech ("قال رئيسي إن …", "according
  to …", "X said that …"); a partial quote inside reported speech stays
  attributed. ``speaker`` names who, when it can be found.

Rules, each a small named step: scare quotes, attribution (reported speech
with its speaker), passive agents, rhetorical questions, exclamations,
intensifiers, sweeping generalisations, first-person plural, and (at
article level) repetition.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, fields, replace

from .lexicon import CATEGORIES, Lexicon, load_lexicon
from .matcher import LexiconMatcher, normalized_tokens
from .memo import cached_list
from .text.lang import detect_language
from .text.normalize import normalize_text
from .text.segment import Span, find_quotes, split_sentences
from .text.tokenize import TOKEN_RE

__all__ = ["Attribution", "Cue", "CueExtractor", "find_attributions"]

# -- weights of rule-based cues (named constants, as VADER does) ---------------
SCARE_QUOTE_WEIGHT = 2
RHETORICAL_QUESTION_WEIGHT = 2
GENERALISATION_WEIGHT = 2
REPETITION_WEIGHT = 2
SIGNAL_WEIGHT = 1
#: A quotation is a scare quote only when this short.
SCARE_QUOTE_MAX_WORDS = 5
SCARE_QUOTE_MAX_CHARS = 60
#: Tokens between a speech verb and إن/أن/that in which the speaker is looked for.
MAX_SPEAKER_TOKENS = 10
#: How far back (characters) a speech verb introducing a quotation is looked for.
SPEECH_LOOKBACK_CHARS = 300
#: Shortest sentence (tokens) that counts as repeated.
REPETITION_MIN_TOKENS = 6


@dataclass(frozen=True)
class Cue:
    """One framing cue found in a text."""

    start: int
    end: int
    text: str
    category: str
    device: bool
    weight: int
    voice: str = "outlet"
    speaker: str | None = None
    rule: str = "lexicon"
    entry: str | None = None
    neutral: str | None = None
    note: str | None = None
    repeated: bool = False

    def to_dict(self) -> dict:
        # every field is a plain value: what dataclasses.asdict gives, without its deep copies
        return {f: getattr(self, f) for f in _CUE_FIELDS}


_CUE_FIELDS = tuple(f.name for f in fields(Cue))


@dataclass(frozen=True)
class Attribution:
    """Reported speech: who speaks, the verb, and the stretch of text attributed."""

    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    verb: str
    verb_start: int
    verb_end: int
    scope_start: int
    scope_end: int
    direct: bool = False  # a quotation in speech marks, rather than indirect speech


# -- attribution -----------------------------------------------------------------

_AR_SPEECH_VERBS = frozenset(
    normalize_text(v)
    for v in (
        "قال أضاف أكد أوضح صرح أعلن اعتبر رأى زعم ادعى أشار لفت شدد حذر نفى تابع ذكر أفاد كشف "
        "أردف اتهم وصف طالب دعا رد علق استطرد أعرب يقول يضيف يؤكد يرى يزعم يدعي يعتبر"
    ).split()
)
_AR_COMPLEMENTIZERS = frozenset(["ان", "بان", "انه", "انها", "انهم", "بانه", "بانها", "بانهم"])
_AR_SPEAKER_STOP = frozenset(
    normalize_text(w) for w in "في خلال لدى عبر أمام ل لـ مع عقب أثناء بعد قبل اليوم أمس يوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت".split()
)
_AR_ACCORDING = ("بحسب", "حسب", "وبحسب", "وحسب", "وفقا", "ووفقا", "نقلا", "ونقلا")
_AR_AS_HE_SAID = re.compile(r"على حد (?:تعبيره|تعبيرها|تعبيرهم|قوله|قولها|وصفه|وصفها)")
_EN_SPEECH_VERBS = frozenset(
    "said says told added stated claimed claims argued argues insisted insists alleged alleges "
    "warned warns noted explained announced asserted contended maintained declared charged "
    "accused wrote tweeted suggested acknowledged admitted denied".split()
)
_PRONOUNS = frozenset("he she they it we i you him her them".split())
_EN_SPEAKER_STOP = frozenset("that the a an and but in on of for to as at by with from it this".split())


#: Every form a speech verb takes (a conjunction و/ف before it, the endings ت/وا after it) -> the verb.
#: Where a form could be read two ways, the reading with less stripped wins: the token itself, then an
#: ending, then a conjunction.
_AR_VERB_OF: dict[str, str] = {}
for _p in ("", "و", "ف"):
    for _s in ("", "ت", "وا"):
        for _v in sorted(_AR_SPEECH_VERBS):
            _AR_VERB_OF.setdefault(_p + _v + _s, _v)
del _p, _s, _v


def _ar_verb(token: str) -> str | None:
    """The speech verb ``token`` is a form of, or None (one lookup in :data:`_AR_VERB_OF`)."""
    return _AR_VERB_OF.get(token)


def _shifted(cue: "Cue", offset: int) -> "Cue":
    """``replace(cue, start=cue.start + offset, end=cue.end + offset)``, without its per-call field checks."""
    new = object.__new__(Cue)
    d = new.__dict__
    d.update(cue.__dict__)
    d["start"] += offset
    d["end"] += offset
    return new


class _SentenceSlice:
    """A sentence's part of its paragraph's :class:`~framing.text.normalize.Normalized`, in sentence offsets.

    What ``normalize(sentence.text)`` gives (the text and its map back to the
    sentence), without normalizing the sentence again: normalization is
    character by character, and sentences end and start at whitespace.
    """

    __slots__ = ("text", "at", "_n", "_base")

    def __init__(self, n, sent):
        self._n, self._base = n, sent.start
        self.at = bisect.bisect_left(n.starts, sent.start)
        self.text = n.text[self.at : bisect.bisect_left(n.starts, sent.end)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        s, e = self._n.to_original(self.at + start, self.at + end)
        return s - self._base, e - self._base


def _sentences_and_tokens(text: str):
    """Each sentence of ``text`` with its :class:`_SentenceSlice` and tokens (in the slice's offsets).

    The tokens are the paragraph's normalized tokens (shared with the matchers) that fall in the sentence.
    """
    par, par_toks = normalized_tokens(text)
    tok_starts = [a for _, a, _ in par_toks]
    for sent in split_sentences(text):
        n = _SentenceSlice(par, sent)
        lo = bisect.bisect_left(tok_starts, n.at)
        hi = bisect.bisect_left(tok_starts, n.at + len(n.text))
        yield sent, n, [(t, a - n.at, b - n.at) for t, a, b in par_toks[lo:hi]]


@cached_list()
def find_attributions(text: str, lang: str, *, offset: int = 0) -> list[Attribution]:
    """Reported speech in a paragraph, with speakers where they can be found.

    >>> a, = find_attributions("وقال الرئيس الإيراني إن العلاقات تتطور.", "ar")
    >>> a.speaker, a.verb
    ('الرئيس الإيراني', 'قال')
    >>> a, = find_attributions("The minister said the talks failed.", "en")
    >>> a.speaker
    'The minister'
    """
    out: list[Attribution] = []
    for sent, n, toks in _sentences_and_tokens(text):
        base = sent.start

        def orig(a, b):
            s, e = n.to_original(a, b)
            return base + s, base + e

        if lang == "ar":
            out.extend(_ar_attributions(sent, n, toks, orig, base))
        else:
            out.extend(_en_attributions(sent, n, toks, orig, base))
    quotes = find_quotes(text)
    # "وأضاف أن …" / "He added that …": a continuation keeps the previous speaker.
    resolved = []
    last = None
    for a in out:
        if a.speaker is None or (a.speaker or "").lower() in _PRONOUNS:
            if last is not None:
                a = replace(a, speaker=last.speaker, speaker_start=None, speaker_end=None)
            elif a.speaker is not None:
                a = replace(a, speaker=None, speaker_start=None, speaker_end=None)
        else:
            last = a
        resolved.append(a)
    out = resolved
    # Direct speech: a quotation that opens after "قال:" / "said:" or is followed by "، قال" / ", he said".
    return [
        _moved(a, offset, a.direct or any(q.start >= a.scope_start - 3 and q.start <= a.scope_start + 2 for q in quotes))
        for a in out
    ]


def _moved(a: Attribution, offset: int, direct: bool) -> Attribution:
    """``a`` with its offsets moved by ``offset`` and ``direct`` set (``replace`` without its per-call checks)."""
    new = object.__new__(Attribution)
    d = new.__dict__
    d.update(a.__dict__)
    for k in ("speaker_start", "speaker_end"):
        if d[k] is not None:
            d[k] += offset
    for k in ("verb_start", "verb_end", "scope_start", "scope_end"):
        d[k] += offset
    d["direct"] = direct
    return new


def _ar_attributions(sent: Span, n, toks, orig, base) -> list[Attribution]:
    out = []
    sent_end = sent.end
    for i, (tok, a, b) in enumerate(toks):
        verb = _AR_VERB_OF.get(tok)
        if verb is not None:
            # speaker: tokens up to a complementizer or a colon
            j = i + 1
            while j < len(toks) and j - i <= MAX_SPEAKER_TOKENS and toks[j][0] not in _AR_COMPLEMENTIZERS:
                if ":" in n.text[toks[j - 1][2] : toks[j][1]]:
                    break
                j += 1
            colon = j < len(toks) and ":" in n.text[toks[j - 1][2] : toks[j][1]]
            if j < len(toks) and (toks[j][0] in _AR_COMPLEMENTIZERS or colon):
                spk = None
                sa = sb = None
                # the speaker ends before "في مقابلة", "خلال", "لـ" ...
                k = i + 1
                while k < j and toks[k][0] not in _AR_SPEAKER_STOP:
                    k += 1
                if k > i + 1:
                    sa, sb = orig(toks[i + 1][1], toks[k - 1][2])
                    spk = sent.text[sa - base : sb - base].strip(" ،,")
                scope_from = orig(toks[j][1], toks[j][2])[0] if colon else orig(toks[j][1], toks[j][2])[1]
                va, vb = orig(a, b)
                out.append(Attribution(spk, sa, sb, verb, va, vb, scope_from, sent_end, direct=colon))
            continue
        if tok in _AR_ACCORDING:
            k = i + 1
            if k < len(toks) and toks[k][0] in ("ل", "عن"):
                k += 1
            # speaker: up to the next comma or the end of a short noun phrase
            end_k = k
            while end_k < len(toks) and end_k - k < 5:
                between = n.text[toks[end_k - 1][2] : toks[end_k][1]] if end_k > k else ""
                if "،" in between or "," in between:
                    break
                end_k += 1
            if end_k > k:
                sa, sb = orig(toks[k][1], toks[end_k - 1][2])
                va, vb = orig(a, b)
                out.append(
                    Attribution(sent.text[sa - base : sb - base], sa, sb, tok, va, vb, sent.start, sent_end)
                )
    m = _AR_AS_HE_SAID.search(n.text)
    if m:
        va, vb = orig(m.start(), m.end())
        out.append(Attribution(None, None, None, "على حد تعبيره", va, vb, sent.start, va))
    return out


_EN_DETERMINERS = frozenset("the a an his her their its our this that these those".split())


def _en_speaker_before(sent_text, toks, i, n, orig, base):
    """Speaker: a name (capitalised words) or a noun phrase opened by a determiner, right before the verb."""
    words = []
    anchored = False
    j = i - 1
    while j >= 0 and len(words) < 6:
        a, b = orig(toks[j][1], toks[j][2])
        raw = sent_text[a - base : b - base]
        gap = n.text[toks[j][2] : toks[j + 1][1]]
        if any(c in gap for c in ",;:\"“”"):
            break
        low = raw.lower()
        if low in _EN_DETERMINERS:
            words.insert(0, j)
            anchored = True
            break
        if low in _EN_SPEAKER_STOP:
            break
        if raw[:1].isupper():
            anchored = True
        words.insert(0, j)
        j -= 1
    if not anchored or not words:
        return None
    # drop leading lowercase words that come before the anchor
    while words and toks[words[0]][0] in _EN_SPEAKER_STOP and toks[words[0]][0] not in _EN_DETERMINERS:
        words.pop(0)
    return (words[0], words[-1]) if words else None


def _en_attributions(sent: Span, n, toks, orig, base) -> list[Attribution]:
    out = []
    text = sent.text
    for i, (tok, a, b) in enumerate(toks):
        if tok in _EN_SPEECH_VERBS:
            va, vb = orig(a, b)
            before = _en_speaker_before(text, toks, i, n, orig, base)
            after_gap = n.text[toks[i - 1][2] : a] if i else ""
            if before is not None and not any(c in after_gap for c in ",\"“”"):
                sa, sb = orig(toks[before[0]][1], toks[before[1]][2])
                # "X said (that) ..." -> the rest of the sentence
                scope_from = vb
                if i + 1 < len(toks) and toks[i + 1][0] == "that":
                    scope_from = orig(toks[i + 1][1], toks[i + 1][2])[1]
                # "..., X said." at the end -> the part before the speaker
                if i + 1 >= len(toks) or "." in n.text[b : b + 2]:
                    out.append(Attribution(text[sa - base : sb - base], sa, sb, tok, va, vb, sent.start, sa))
                else:
                    out.append(Attribution(text[sa - base : sb - base], sa, sb, tok, va, vb, scope_from, sent.end))
                continue
            # ", said the minister." -> speaker after the verb, scope before it
            if i + 1 < len(toks) and any(c in after_gap for c in ",\"“”"):
                k = i + 1
                end_k = k
                while end_k < len(toks) and end_k - k < 6:
                    gap = n.text[toks[end_k - 1][2] : toks[end_k][1]] if end_k > k else ""
                    if any(c in gap for c in ",.;"):
                        break
                    end_k += 1
                sa, sb = orig(toks[k][1], toks[end_k - 1][2])
                out.append(Attribution(text[sa - base : sb - base], sa, sb, tok, va, vb, sent.start, va, direct=True))
        elif tok == "according" and i + 1 < len(toks) and toks[i + 1][0] == "to":
            k = i + 2
            end_k = k
            while end_k < len(toks) and end_k - k < 6:
                gap = n.text[toks[end_k - 1][2] : toks[end_k][1]] if end_k > k else ""
                if any(c in gap for c in ",.;"):
                    break
                end_k += 1
            if end_k > k:
                va, vb = orig(a, toks[i + 1][2])
                sa, sb = orig(toks[k][1], toks[end_k - 1][2])
                out.append(Attribution(text[sa - base : sb - base], sa, sb, "according to", va, vb, sent.start, sent.end))
    return out


# -- the extractor -----------------------------------------------------------------

_AR_INTENSIFIERS = frozenset(normalize_text(w) for w in "جدا للغاية تماما بشدة أشد أعظم أخطر أسوأ أفظع أبشع أكثر".split())
_EN_INTENSIFIERS = frozenset(
    "very extremely utterly totally absolutely deeply highly incredibly truly hugely massively "
    "enormously most worst best greatest biggest".split()
)
_AR_WE = frozenset(
    normalize_text(w)
    for w in "نحن لنا علينا بلادنا شعبنا أمتنا وطننا أرضنا قضيتنا أبناءنا أبنائنا جيشنا قيادتنا دولتنا".split()
)
_EN_WE = frozenset("we us our ours ourselves".split())
_AR_GROUP_NOUNS = frozenset(
    normalize_text(w)
    for w in (
        "الخبراء المسؤولون المسؤولين السياسيون السياسيين الساسة المحللون المحللين القادة النخب "
        "المراقبون المراقبين الإعلاميون الإعلاميين الصحفيون الصحفيين الباحثون الباحثين"
    ).split()
)
_EN_GROUP_NOUNS = frozenset(
    "experts officials politicians analysts leaders elites media journalists pundits "
    "liberals conservatives democrats republicans globalists activists".split()
)
_EN_QUANTIFIERS = frozenset("some many several few certain two three four five most other".split())
_AR_QUANTIFIERS = frozenset(normalize_text(w) for w in "بعض عدد أحد عدة كثير من".split())
_PASSIVE_AR = re.compile(r"\bمن قبل\b")
_PASSIVE_EN = re.compile(r"\b(?:was|were|been|being|is|are)\s+\w+(?:ed|en)\s+by\b", re.I)


#: Paragraphs whose cues a :class:`CueExtractor` keeps.
RECENT_PARAGRAPHS = 64


class CueExtractor:
    """Finds cues in paragraphs and articles.

    Parameters
    ----------
    lexicon : Lexicon, optional
        Entries to match (default: the built-in lexicons).

    Examples
    --------
    >>> ex = CueExtractor()
    >>> cues = ex.find("تعمد الخبراء الغربيون إثارة الهستيريا بشأن الشراكة.", "ar")
    >>> [(c.text, c.category, c.voice) for c in cues if c.device]  # doctest: +NORMALIZE_WHITESPACE
    [('الخبراء الغربيون', 'generalisation', 'outlet'), ('الهستيريا', 'loaded_language', 'outlet')]
    """

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.matcher = LexiconMatcher(self.lexicon)
        self._recent: dict[tuple[str, str], tuple[Cue, ...]] = {}

    # one paragraph ----------------------------------------------------------
    def find(self, text: str, lang: str | None = None, *, offset: int = 0) -> list[Cue]:
        """Cues of one paragraph, sorted by position; offsets shifted by ``offset``.

        The cues of the last few paragraphs are kept: the article's cues and the
        models' features ask for the same paragraph's.
        """
        lang = lang or detect_language(text)
        key = (text, lang)
        cues = self._recent.get(key)
        if cues is None:
            cues = self._recent[key] = tuple(self._find(text, lang))
            if len(self._recent) > RECENT_PARAGRAPHS:
                del self._recent[next(iter(self._recent))]  # the oldest
        if not offset:
            return list(cues)
        return [_shifted(c, offset) for c in cues]

    def _find(self, text: str, lang: str) -> list[Cue]:
        offset = 0
        attributions = find_attributions(text, lang) if lang in ("ar", "en") else []
        quotes = find_quotes(text)
        cues: list[Cue] = []

        def voice_of(a: int, b: int) -> tuple[str, str | None]:
            for att in attributions:
                if att.scope_start <= a and b <= att.scope_end and not att.direct:
                    return "attributed", att.speaker
            for q in quotes:
                if q.start <= a and b <= q.end:
                    for att in attributions:
                        if att.direct and att.scope_start - 3 <= q.start <= att.scope_end:
                            return "quote", att.speaker
                    for att in attributions:
                        if att.scope_start <= a and b <= att.scope_end:
                            return "quote", att.speaker
                    # no speaker: a short quotation is the outlet's own (scare) quote
                    inner = q.text[1:-1].split()
                    return ("outlet" if len(inner) <= SCARE_QUOTE_MAX_WORDS else "quote"), None
            for att in attributions:
                if att.scope_start <= a and b <= att.scope_end:
                    return "attributed", att.speaker
            return "outlet", None

        def add(a, b, category, weight, rule, **extra):
            voice, speaker = voice_of(a, b)
            cat = CATEGORIES[category]
            cues.append(
                Cue(a + offset, b + offset, text[a:b], category, cat.device, weight, voice, speaker, rule, **extra)
            )

        for m in self.matcher.find(text, lang):
            e = m.entry
            add(m.start, m.end, e.category, e.weight, "lexicon", entry=e.term, neutral=e.neutral or None, note=e.note or None)

        # scare quotes: short quotations that are not reported speech
        for q in quotes:
            inner = q.text[1:-1].strip()
            words = inner.split()
            if not words or len(words) > SCARE_QUOTE_MAX_WORDS or len(inner) > SCARE_QUOTE_MAX_CHARS:
                continue
            if any(att.direct and att.scope_start - 3 <= q.start <= att.scope_start + 2 for att in attributions):
                continue  # direct speech opening right after "said:"
            if any(att.scope_start <= q.start and q.end <= att.scope_end for att in attributions):
                continue  # a partial quote inside reported speech
            if inner[-1:] in ".!?؟":
                continue  # a full quoted sentence
            if _speech_verb_before(text, q.start, lang):
                continue  # "ودعت … إلى «…»", "urged … to “…”": a partial quote of reported speech
            add(q.start, q.end, "scare_quote", SCARE_QUOTE_WEIGHT, "scare_quote")

        for att in attributions:
            a, b = (att.speaker_start, att.speaker_end) if att.speaker_start is not None else (att.verb_start, att.verb_end)
            cat = CATEGORIES["attribution"]
            cues.append(Cue(a + offset, b + offset, text[a:b], "attribution", cat.device, SIGNAL_WEIGHT,
                            "outlet", att.speaker, "attribution"))

        self._sentence_rules(text, lang, add, voice_of)
        self._token_rules(text, lang, add)
        cues.sort(key=lambda c: (c.start, -c.end, c.category))
        return cues

    def _sentence_rules(self, text, lang, add, voice_of):
        for sent in split_sentences(text):
            stripped = sent.text.rstrip("\"”»'’) ")
            if stripped.endswith(("?", "\u061f")):
                voice, _ = voice_of(sent.start, sent.end)
                if voice == "outlet":
                    add(sent.start, sent.end, "rhetorical_question", RHETORICAL_QUESTION_WEIGHT, "rhetorical_question")
            for m in re.finditer("!", sent.text):
                add(sent.start + m.start(), sent.start + m.end(), "exclamation", SIGNAL_WEIGHT, "exclamation")
        pattern = _PASSIVE_AR if lang == "ar" else _PASSIVE_EN
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "passive_agent", SIGNAL_WEIGHT, "passive_agent")

    def _token_rules(self, text, lang, add):
        n, toks = normalized_tokens(text)  # the matchers' normalized tokens (cached per text)
        intens = _AR_INTENSIFIERS if lang == "ar" else _EN_INTENSIFIERS
        we = _AR_WE if lang == "ar" else _EN_WE
        groups = _AR_GROUP_NOUNS if lang == "ar" else _EN_GROUP_NOUNS
        quants = _AR_QUANTIFIERS if lang == "ar" else _EN_QUANTIFIERS
        for i, (tok, a, b) in enumerate(toks):
            bare = tok[1:] if lang == "ar" and tok[:1] in ("و", "ف") and len(tok) > 3 else tok
            if tok in intens or bare in intens or (lang == "en" and _is_superlative(tok)):
                oa, ob = n.to_original(a, b)
                add(oa, ob, "intensifier", SIGNAL_WEIGHT, "intensifier")
            if tok in we or bare in we:
                oa, ob = n.to_original(a, b)
                add(oa, ob, "first_person_plural", SIGNAL_WEIGHT, "first_person_plural")
            # sweeping generalisation: a group noun with a nationality/bloc adjective, unquantified
            if lang == "ar" and bare in groups and i + 1 < len(toks):
                adj = toks[i + 1][0]
                if adj.startswith("ال") and adj.endswith(("يون", "يين", "يه")) and len(adj) > 5:
                    if i == 0 or toks[i - 1][0] not in quants:
                        oa, _ = n.to_original(a, b)
                        _, ob = n.to_original(toks[i + 1][1], toks[i + 1][2])
                        add(oa, ob, "generalisation", GENERALISATION_WEIGHT, "generalisation")
            if lang == "en" and tok in groups and i > 0:
                prev = toks[i - 1]
                raw_prev = text[slice(*n.to_original(prev[1], prev[2]))]
                if raw_prev[:1].isupper() and prev[0].endswith(("ern", "an", "ese", "ish", "i", "ic")):
                    if i < 2 or toks[i - 2][0] not in quants:
                        oa, _ = n.to_original(prev[1], prev[2])
                        _, ob = n.to_original(a, b)
                        add(oa, ob, "generalisation", GENERALISATION_WEIGHT, "generalisation")

    # an article ---------------------------------------------------------------
    def find_in_document(self, document) -> dict[int, list[Cue]]:
        """Cues of every body paragraph and related block of a document.

        Returns a dict from block start offset to its cues (document offsets).
        A sentence that the article repeats word for word is flagged once as
        ``repetition`` at its later occurrence, and the cues inside that
        repetition are marked ``repeated`` (not counted twice by scores).
        """
        seen: dict[str, Span] = {}
        out: dict[int, list[Cue]] = {}
        for block in document.blocks:
            if block.kind not in ("body", "related"):
                continue
            cues = self.find(block.text, block.lang, offset=block.start)
            repeats = []
            for sent, _, toks in _sentences_and_tokens(block.text):
                if len(toks) < REPETITION_MIN_TOKENS:
                    continue
                key = " ".join(t for t, _, _ in toks)
                sent = Span(sent.start + block.start, sent.end + block.start, sent.text)
                if key in seen:
                    repeats.append(sent)
                else:
                    seen[key] = sent
            for sent in repeats:
                cues = [
                    replace(c, repeated=True) if sent.start <= c.start and c.end <= sent.end else c for c in cues
                ]
                cues.append(
                    Cue(sent.start, sent.end, sent.text, "repetition", True, REPETITION_WEIGHT, "outlet", None, "repetition")
                )
            cues.sort(key=lambda c: (c.start, -c.end, c.category))
            out[block.start] = cues
        return out


_AR_SPEECH_EXTRA = frozenset(normalize_text(w) for w in "دعت طالبت وصفت اعتبرت رأت قالت أكدت حذرت ناشدت".split())


_AR_LINKERS = frozenset(normalize_text(w) for w in "إلى الى عن بأن بان أن ان إن بأنه بأنها بأنهم ب".split())
_EN_LINKERS = frozenset("to that it them as of".split())


def _speech_verb_before(text: str, pos: int, lang: str) -> bool:
    """Is the quotation at ``pos`` introduced by a speech verb and a linker earlier in its sentence?

    "ودعت الدول الغربية إلى «…»" and "urged them to “…”" quote reported speech;
    "أشار الغرب و“الصهاينة”" does not (no linker between the verb and the quote).
    """
    start = max(text.rfind(ch, 0, pos) for ch in ".!?\u061f\n")
    start = max(start, pos - SPEECH_LOOKBACK_CHARS)  # bounded: linear time on pathological input
    toks = TOKEN_RE.findall(normalize_text(text[start + 1 : pos]))
    verb_at = None
    for i, t in enumerate(toks):
        if lang == "ar":
            is_verb = bool(_ar_verb(t)) or t in _AR_SPEECH_EXTRA or (t[:1] in "وف" and t[1:] in _AR_SPEECH_EXTRA)
        else:
            is_verb = t in _EN_SPEECH_VERBS or t in ("urged", "called", "asked", "vowed", "promised")
        if is_verb and verb_at is None:
            verb_at = i
    if verb_at is None:
        return False
    linkers = _AR_LINKERS if lang == "ar" else _EN_LINKERS
    between = toks[verb_at + 1 :]
    tail = text[start + 1 : pos].rstrip()
    return any(t in linkers for t in between) or tail.endswith(":")


def _is_superlative(tok: str) -> bool:
    return (
        len(tok) > 5
        and tok.endswith("est")
        and tok not in _NOT_SUPERLATIVE
    )


_NOT_SUPERLATIVE = frozenset(
    "interest protest request arrest contest suggest digest harvest honest modest forest invest "
    "manifest conquest inquest midwest southwest northwest latest".split()
)
