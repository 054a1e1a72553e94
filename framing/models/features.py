"""Feature extraction for the stance and persuasion models.

Every feature has a readable, namespaced name so that a prediction can be
explained in words:

* ``w:…`` word 1–2-grams over normalized text (Arabic also adds ``s:…``,
  the word without its proclitics), with the target's mentions replaced by
  the placeholder ``xtargetx`` and other known targets by ``xotherx``;
* ``c:…`` character 2–5-grams inside word boundaries (Arabic morphology);
* ``f:…`` everything else: cue categories by voice (``f:cue:loaded_language:outlet``),
  cues in the target's sentence and window (``f:tsent:…``, ``f:twin:…``), words
  right before and after the target (``f:B1:…``, ``f:A1:…``), window words
  (``f:L:…``, ``f:R:…``; or, as their own TF-IDF block, ``t:…``: see
  :func:`stance_features`), negation near the target, the target as a speaker,
  whether it is mentioned at all, and praise and blame words (``f:pol:…``, see
  :mod:`framing.polarity`) in the paragraph, the target's sentences, near its
  mentions, in its own words and in reported speech about it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..matcher import arabic_prefix_analyses
from ..text.normalize import normalize_text
from ..text.tokenize import TOKEN_RE

__all__ = [
    "PLACE_OTHER",
    "PLACE_TARGET",
    "ParagraphView",
    "char_counts",
    "char_ngrams",
    "mask_spans",
    "masked_key",
    "masked_paragraph_features",
    "paragraph_features",
    "stance_features",
    "stance_features_many",
    "word_ngrams",
]

PLACE_TARGET = "xtargetx"
PLACE_OTHER = "xotherx"
WINDOW = 6
#: Window words within this many tokens of a mention also count as near (``t:LN:``, ``t:RN:``).
NEAR = 3
CHAR_RANGE = (2, 5)
_NEGATORS = frozenset(normalize_text(w) for w in "لا لم لن ليس ليست غير ما not no never without".split()) | {"n't"}
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")


def _kept_marks(target_spans, other_spans=()) -> list[tuple[int, int, str]]:
    """The marks :func:`mask_spans` replaces, in text order (of overlapping mentions the first wins)."""
    marks = sorted([(a, b, PLACE_TARGET) for a, b in target_spans] + [(a, b, PLACE_OTHER) for a, b in other_spans])
    kept = []
    pos = 0
    for a, b, tok in marks:
        if a < pos:
            continue  # overlapping mention: the first wins
        kept.append((a, b, tok))
        pos = b
    return kept


def mask_spans(text: str, target_spans, other_spans=()) -> str:
    """Replace target mentions by ``xtargetx`` and other targets by ``xotherx``.

    >>> mask_spans("روسيا وإيران", [(0, 5)], [(7, 12)])
    ' xtargetx  و xotherx '
    """
    out = []
    pos = 0
    for a, b, tok in _kept_marks(target_spans, other_spans):
        out.append(text[pos:a])
        out.append(f" {tok} ")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _tokens(norm_text: str) -> list[str]:
    toks = TOKEN_RE.findall(norm_text)
    return ["0" if _NUMBER_RE.match(t) else t for t in toks]


#: Per-token results shared by every paragraph and target (news repeats its words);
#: cleared when they grow past this many tokens, so memory stays bounded.
_TOKEN_CACHE_SIZE = 20_000
_stems: dict[str, str | None] = {}
_UNSEEN = object()
_grams: dict[str, tuple[str, ...]] = {}


def _arabic_stem(t: str) -> str | None:
    """The clitic-stripped stem of an Arabic token (None when it has none)."""
    try:
        return _stems[t]
    except KeyError:
        pass
    stripped = [k for k, p, _ in arabic_prefix_analyses(t) if p > 0]  # (stripping a suffix never makes a stem)
    stem = stripped[-1] if stripped else (t[2:] if t.startswith("ال") and len(t) > 4 else None)
    if len(_stems) >= _TOKEN_CACHE_SIZE:
        _stems.clear()
    _stems[t] = stem
    return stem


def word_ngrams(tokens: list[str], lang: str) -> Counter:
    """Word unigrams and bigrams (``w:``) and, for Arabic, clitic-stripped stems (``s:``)."""
    # Keys in the order of their first occurrence, token by token (unigram, bigram, stem): the crossed
    # ``x:`` block keeps, of a word and a stem with the same letters, the one that comes later.
    grams = []
    add = grams.append
    n = len(tokens)
    arabic = lang == "ar"
    stems = _stems
    for i, t in enumerate(tokens):
        add("w:" + t)
        if i + 1 < n:
            add("w:" + t + " " + tokens[i + 1])
        if arabic and len(t) > 3 and t != PLACE_TARGET and t != PLACE_OTHER:
            stem = stems.get(t, _UNSEEN)
            if stem is _UNSEEN:
                stem = _arabic_stem(t)
            if stem:
                add("s:" + stem)
    return Counter(grams)


def _token_grams(t: str) -> tuple[str, ...]:
    """The ``c:`` features of one token, in the order :func:`char_ngrams` counts them."""
    try:
        return _grams[t]
    except KeyError:
        pass
    grams = tuple("c:" + g for g in _token_subgrams(t))
    if len(_grams) >= _TOKEN_CACHE_SIZE:
        _grams.clear()
    _grams[t] = grams
    return grams


#: Distinct tokens whose character n-gram columns a vectorizer keeps (then it starts again).
_TOKEN_COLUMNS_SIZE = 50_000
#: The slices that cut a word of each length (up to 64 characters) into its n-grams, made once per length.
_SLICES: dict[int, list[slice]] = {}


def _token_subgrams(t: str) -> list[str]:
    """A token's character n-grams (2–5 inside word boundaries, the placeholders whole).

    :func:`_token_grams` names them with the ``c:`` prefix (and caches them);
    :class:`_SharedCharLookups` looks them up as they are, once per new token.
    """
    if t in (PLACE_TARGET, PLACE_OTHER):
        return [t]
    w = f" {t} "
    n = len(w)
    cut = _SLICES.get(n)
    if cut is None:  # 2-grams left to right, then 3-grams ...
        lo, hi = CHAR_RANGE
        cut = [slice(i, i + k) for k in range(lo, hi + 1) for i in range(0, n - k + 1)]
        if n <= 64:
            _SLICES[n] = cut
    return list(map(w.__getitem__, cut))


class _SharedCharLookups:
    """One table of the character n-gram columns of one to three vectorizers, keyed without ``c:``.

    The models of one language (persuasion and stance) meet the same new
    words: one probe per n-gram finds its column in each of them (packed in
    one integer, ``63 // len(vectorizers)`` bits a vectorizer, 0 for absent)
    and fills every vectorizer's per-token cache at once.
    """

    def __init__(self, vectorizers):
        if not 1 <= len(vectorizers) <= 3:
            raise ValueError(f"shared lookups take one to three vectorizers, not {len(vectorizers)}")
        self.bits = 63 // len(vectorizers)  # 21 bits (two million columns) at least
        if any(len(v.vocab.get("c", {})) >= (1 << self.bits) - 1 for v in vectorizers):
            raise ValueError(f"a vectorizer has {1 << self.bits} character n-grams or more")
        self.vectorizers = list(vectorizers)
        self._table = None

    def table(self) -> dict:
        if self._table is None:
            table: dict[str, int] = {}
            get = table.get
            for i, v in enumerate(self.vectorizers):
                shift = self.bits * i
                for k, j in v.vocab.get("c", {}).items():
                    key = k[2:]
                    table[key] = get(key, 0) | ((j + 1) << shift)
            self._table = table
        return self._table

    def fill(self, token: str) -> None:
        import numpy as np

        packed = [p for p in map(self.table().get, _token_subgrams(token)) if p]  # n-grams some vectorizer has
        mask = (1 << self.bits) - 1
        for i, v in enumerate(self.vectorizers):  # a few dozen numbers: plain Python is faster than NumPy here
            shift = self.bits * i
            cols = np.array([q - 1 for q in [(p >> shift) & mask for p in packed] if q], dtype=np.int64)
            cache = v.__dict__.setdefault("_token_columns", {})
            if len(cache) >= _TOKEN_COLUMNS_SIZE:
                cache.clear()
            cache[token] = cols


def crossed_columns(vectorizer, key: str) -> dict:
    """``{word-feature name without its prefix: x block column}`` of the target ``key`` in ``vectorizer``.

    The ``x`` block crosses word features with a frequent target
    (``x:KEY|foo`` from ``w:foo`` or ``s:foo``); made once per vectorizer.
    """
    table = vectorizer.__dict__.get("_crossed")
    if table is None:
        table = {}
        for name, j in vectorizer.vocab.get("x", {}).items():
            k, _, rest = name[2:].partition("|")
            table.setdefault(k, {})[rest] = j
        vectorizer._crossed = table
    return table.get(key, {})


def crossed_word_columns(vectorizer, key: str) -> dict:
    """:func:`crossed_columns` keyed by the word features that cross to them (``w:foo`` and ``s:foo``).

    What prediction looks a paragraph's word features up in as they are (their
    hashes already made), without cutting the prefix off each; made once per
    vectorizer and target.
    """
    tables = vectorizer.__dict__.setdefault("_crossed_words", {})
    table = tables.get(key)
    if table is None:
        table = tables[key] = {}
        for rest, j in crossed_columns(vectorizer, key).items():
            table["w:" + rest] = j
            table["s:" + rest] = j
    return table


def share_char_lookups(vectorizers) -> None:
    """Let ``vectorizers`` (the models of one language) look up a new word's character n-grams together.

    The columns are the same as each would find alone (:func:`token_char_columns`).
    Vectorizers with the same vocabulary object for a block also share its
    per-token columns and its computed values (:meth:`~framing.models.linear.Vectorizer.share_blocks`).
    """
    import numpy as np

    vectorizers = [v for v in vectorizers if "c" in v.vocab]
    if len(vectorizers) < 2:
        return
    # vectorizers with the very same character vocabulary (a persuasion model trained with its stance
    # model's, see PersuasionClassifier) share one set of per-token columns and work arrays
    first: dict[int, object] = {}
    for v in vectorizers:
        got = first.setdefault(id(v.vocab["c"]), v)
        if got is not v:
            v._token_columns = got.__dict__.setdefault("_token_columns", {})
            if "_count_work" not in got.__dict__:
                n = len(got.vocab["c"])
                got._count_work = (np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64))
            v._count_work = got._count_work
    group = _SharedCharLookups(list(first.values()))
    for v in vectorizers:
        v._char_lookups = group
    for v in vectorizers:  # and blocks of the same objects are computed once for all of them
        if any(v.vocab.get(b) is u.vocab.get(b) is not None for u in vectorizers if u is not v for b in ("w", "c")):
            v.share_blocks([u for u in vectorizers if u is not v])


def token_char_columns(token: str, vectorizer):
    """The ``c`` block columns of ``token``'s character n-grams in ``vectorizer`` (repeats kept), cached."""
    cache = vectorizer.__dict__.setdefault("_token_columns", {})
    cols = cache.get(token)
    if cols is None:
        group = vectorizer.__dict__.get("_char_lookups")
        if group is None:  # a model on its own (not linked by share_char_lookups): a table of its own
            group = vectorizer._char_lookups = _SharedCharLookups([vectorizer])
        group.fill(token)
        cols = cache[token]
    return cols


def char_counts(tokens: list[str], vectorizer):
    """:func:`char_ngrams` of ``tokens`` as column counts of ``vectorizer``'s ``c`` block (prediction).

    Each token's in-vocabulary n-gram columns are looked up once per vectorizer
    and cached; the block is their counts (:class:`~framing.models.linear.Counts`,
    columns in order of first occurrence), the same values the vectorizer gives
    the ``{name: count}`` dictionary.
    """
    import numpy as np

    from .linear import Counts

    cache = vectorizer.__dict__.get("_token_columns") or {}
    arrays = [cache.get(t) for t in tokens]
    for i, got in enumerate(arrays):
        if got is None:
            arrays[i] = token_char_columns(tokens[i], vectorizer)
    if not arrays:
        return Counts(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
    cols = np.concatenate(arrays)
    # distinct columns in order of first occurrence and their counts, with two work arrays over
    # the block's columns (left zeroed) instead of sorting
    work = vectorizer.__dict__.get("_count_work")
    if work is None:
        n = len(vectorizer.vocab.get("c", {}))
        work = vectorizer._count_work = (np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64))
    counts, first = work
    np.add.at(counts, cols, 1)
    at = np.arange(len(cols))
    first[cols[::-1]] = at[::-1]  # the last write wins: each column's first position
    distinct = cols[first[cols] == at]
    got = counts[distinct].astype(np.float64)
    counts[distinct] = 0
    return Counts(distinct, got)


def char_ngrams(tokens: list[str]) -> Counter:
    """Character 2–5-grams inside word boundaries, like scikit-learn's ``char_wb``.

    >>> char_ngrams(["ab"])
    Counter({'c: a': 1, 'c:ab': 1, 'c:b ': 1, 'c: ab': 1, 'c:ab ': 1, 'c: ab ': 1})
    """
    c = Counter()
    for t in tokens:
        c.update(_token_grams(t))
    return c


@dataclass
class ParagraphView:
    """Per-paragraph analysis shared by every target of the paragraph (computed once)."""

    text: str
    lang: str
    cues: list
    attributions: list
    #: Work shared by the targets of the paragraph: its sentences, its target mentions.
    _shared: dict = field(default_factory=dict, repr=False, compare=False)

    def sentences(self) -> list:
        if "sentences" not in self._shared:
            from ..text.segment import split_sentences

            self._shared["sentences"] = split_sentences(self.text)
        return self._shared["sentences"]

    def tokens(self) -> list[str]:
        """The paragraph's normalized tokens (numbers as ``0``), computed once."""
        got = self._shared.get("tokens")
        if got is None:
            from ..matcher import normalized_tokens  # the matchers' tokens of the same normalized text (cached)

            match = _NUMBER_RE.match
            got = self._shared["tokens"] = ["0" if match(t) else t for t, _, _ in normalized_tokens(self.text)[1]]
        return got

    def masked(self, key: tuple) -> list:
        """The paragraph with the spans ``key`` masked as ``xotherx``: ``[tokens, placeholder positions, ok, words]``.

        Computed once per view and set of spans: the persuasion model (every known
        target masked) and the stance targets of a paragraph share it. ``ok``: the
        k-th placeholder is the k-th span (the text itself holds no placeholder
        words); ``words`` are :func:`word_ngrams` of the tokens, made on first use
        (:meth:`masked_words`). Callers must not change any of it.
        """
        groups = self._shared.get("masked")
        if groups is None:
            groups = self._shared["masked"] = {}
        got = groups.get(key)
        if got is None:
            toks = _tokens(normalize_text(mask_spans(self.text, (), key))) if key else self.tokens()
            places = [i for i, t in enumerate(toks) if t == PLACE_OTHER]
            ok = len(places) == len(key) and PLACE_TARGET not in toks
            got = groups[key] = [toks, places, ok, None]
        return got

    def masked_words(self, key: tuple) -> Counter:
        """:func:`word_ngrams` of the :meth:`masked` tokens (computed once)."""
        got = self.masked(key)
        if got[3] is None:
            got[3] = word_ngrams(got[0], self.lang)
        return got[3]

    def masked_chars(self, key: tuple, vectorizer=None):
        """:func:`char_ngrams` of the :meth:`masked` tokens, or with ``vectorizer`` its column counts
        (:func:`char_counts`), computed once per vocabulary of character n-grams."""
        chars = self._shared.get("masked_chars")
        if chars is None:
            chars = self._shared["masked_chars"] = {}
        vocab = None if vectorizer is None else vectorizer.vocab.get("c")
        ck = (key, id(vocab))
        got = chars.get(ck)
        if got is None:
            toks = self.masked(key)[0]
            got = char_ngrams(toks) if vectorizer is None else char_counts(toks, vectorizer)
            chars[ck] = (got, vocab)  # (the vocabulary kept alive with its id)
            return got
        return got[0]

    def mentions(self, targets) -> list:
        """``targets.mentions`` of the paragraph (the same targets set: computed once)."""
        got = self._shared.get("mentions")
        if got is None or got[0] is not targets:
            got = self._shared["mentions"] = (targets, targets.mentions(self.text, self.lang))
        return got[1]

    @classmethod
    def build(cls, text: str, lang: str, extractor) -> "ParagraphView":
        from ..cues import find_attributions

        lang2 = lang if lang in ("ar", "en") else None
        cues = extractor.find(text, lang2)
        atts = find_attributions(text, lang2) if lang2 else []
        return cls(text, lang, cues, atts)


def _cue_features(view: ParagraphView) -> Counter:
    c = Counter()
    for cue in view.cues:
        if cue.repeated:
            continue
        c[f"f:cue:{cue.category}"] += cue.weight
        c[f"f:cue:{cue.category}:{cue.voice}"] += cue.weight
    return Counter({k: math.log1p(v) for k, v in c.items()})


def paragraph_features(view: ParagraphView, vectorizer=None) -> dict[str, Counter]:
    """Target-free features of a paragraph (the persuasion model's input).

    With ``vectorizer`` (prediction), the ``c`` block is its column counts (:func:`char_counts`).
    """
    toks = view.tokens()
    c = char_ngrams(toks) if vectorizer is None else char_counts(toks, vectorizer)
    return {"w": word_ngrams(toks, view.lang), "c": c, "f": _cue_features(view)}


def masked_key(view: ParagraphView, targets) -> tuple:
    """The spans :func:`masked_paragraph_features` masks: every mention of a known target (overlaps: the first)."""
    spans = sorted({(m.start, m.end) for m in view.mentions(targets)})
    return tuple((a, b) for a, b, _ in _kept_marks((), spans))


def masked_paragraph_features(view: ParagraphView, targets, vectorizer=None) -> dict:
    """:func:`paragraph_features` of the paragraph with every mention of a known target replaced by ``xotherx``.

    Who is named is not a persuasion technique: a persuasion model trained with
    ``mask_targets`` reads names of known targets as one placeholder, as the
    stance model reads the targets it is not asked about. These are the very
    word and character blocks that :func:`stance_features_many` gives a target
    the paragraph does not mention (the same objects): computed once for both.
    """
    key = masked_key(view, targets)
    return {"w": view.masked_words(key), "c": view.masked_chars(key, vectorizer), "f": _cue_features(view)}


def stance_features(view: ParagraphView, target_spans, other_spans=(), *, window: int = WINDOW,
                    window_block: bool = False) -> dict[str, Counter]:
    """Features of a paragraph toward one target whose mentions are ``target_spans``.

    ``window`` is the number of tokens on each side of a mention whose words
    are window features. With ``window_block=False`` they are ``f:L:``/``f:R:``/
    ``f:B1:``/``f:A1:`` counts in the ``f`` block; with ``window_block=True``
    they form their own TF-IDF block ``t`` (``t:L:``/``t:R:`` words, ``t:LN:``/
    ``t:RN:`` words within :data:`NEAR` tokens, ``t:L2:``/``t:R2:`` bigrams
    inside the window, ``t:B1:``/``t:A1:``), so that their scale no longer
    depends on how often and how long the target is mentioned.
    """
    masked = mask_spans(view.text, target_spans, other_spans)
    toks = _tokens(normalize_text(masked))
    positions = [i for i, t in enumerate(toks) if t == PLACE_TARGET]
    return _assemble(view, toks, positions, target_spans, other_spans, _cue_features(view),
                     word_ngrams(toks, view.lang), char_ngrams(toks), window, window_block)


def stance_features_many(view: ParagraphView, items, *, window: int = WINDOW, window_block: bool = False,
                         plain_words=None, vectorizer=None) -> list[dict]:
    """:func:`stance_features` of one paragraph toward several targets, sharing the work.

    ``items`` are ``(target_spans, other_spans)`` pairs. The targets of a
    paragraph mask the same mentions and differ only in which of them is
    "the target": the text is masked, normalized, tokenized and turned into
    n-grams once per set of masked mentions, and each target changes only its
    placeholders. Every block holds the same features and values as
    :func:`stance_features` gives (the order of a block's keys may differ).
    ``plain_words``, the word n-grams of the unmasked paragraph when the
    caller has them (the persuasion model's), saves computing them again;
    blocks of targets that are not mentioned may be that very object. Targets
    with the same mentions and other mentions (those the paragraph does not
    name) get the same result object: callers must not change it. With
    ``vectorizer`` (prediction), ``c`` blocks are its column counts (:func:`char_counts`).
    """
    chars = char_ngrams if vectorizer is None else (lambda toks: char_counts(toks, vectorizer))
    cue_f = _cue_features(view)
    alike: dict[tuple, dict] = {}  # features by (target spans, other spans): the same for targets with the same ones
    out = []
    for target_spans, other_spans in items:
        same = alike.get((tuple(target_spans), tuple(other_spans)))
        if same is not None:  # (two targets the paragraph does not name: one result, the same object)
            out.append(same)
            continue
        marks = _kept_marks(target_spans, other_spans)
        key = tuple((a, b) for a, b, _ in marks)
        # the paragraph with every mark masked as xotherx (shared by the view's callers): the k-th placeholder
        # is the k-th mark, unless the text itself holds the placeholder words (then the plain path)
        toks, places, ok, _ = view.masked(key)
        if not ok:
            out.append(stance_features(view, target_spans, other_spans, window=window, window_block=window_block))
            continue
        positions = [places[k] for k, (_, _, tok) in enumerate(marks) if tok == PLACE_TARGET]
        if positions:
            toks = list(toks)
            for i in positions:
                toks[i] = PLACE_TARGET
            w = word_ngrams(toks, view.lang)
            c = chars(toks)
        else:  # shared, never changed
            w = plain_words if not key and plain_words is not None else view.masked_words(key)
            c = view.masked_chars(key, vectorizer)
        out.append(_assemble(view, toks, positions, target_spans, other_spans, Counter(cue_f), w, c,
                             window, window_block))
        alike[(tuple(target_spans), tuple(other_spans))] = out[-1]
    return out


def _assemble(view, toks, positions, target_spans, other_spans, f, w, c, window, window_block) -> dict:
    """The blocks of :func:`stance_features` from the masked tokens and the target's positions among them."""
    if not target_spans:
        f["f:no_mention"] = 1.0
    else:
        f["f:mentioned"] = 1.0
        f["f:mentions"] = math.log1p(len(target_spans))
    if other_spans:
        f["f:other_mentioned"] = 1.0
    if window_block:
        t = _window_block(toks, positions, window)
    for i in positions:
        for j in range(max(0, i - window), i):
            if not window_block:
                f[f"f:L:{toks[j]}"] += 1.0
            if toks[j] in _NEGATORS:
                f["f:neg_near"] = 1.0
        for j in range(i + 1, min(len(toks), i + 1 + window)):
            if not window_block:
                f[f"f:R:{toks[j]}"] += 1.0
            if toks[j] in _NEGATORS:
                f["f:neg_near"] = 1.0
        if window_block:
            continue
        if i > 0:
            f[f"f:B1:{toks[i - 1]}"] = 1.0
        if i + 1 < len(toks):
            f[f"f:A1:{toks[i + 1]}"] = 1.0
    # cues in the target's sentence and near its mentions, by voice
    if target_spans:
        sents = [s for s in view.sentences() if any(s.start <= a < s.end for a, _ in target_spans)]
        for cue in view.cues:
            if cue.repeated:
                continue
            if any(s.start <= cue.start < s.end for s in sents):
                f[f"f:tsent:{cue.category}:{cue.voice}"] += 1.0
            if any(abs(cue.start - a) <= 60 or abs(cue.end - b) <= 60 for a, b in target_spans):
                f[f"f:twin:{cue.category}"] += 1.0
        for att in view.attributions:
            if att.speaker_start is None:
                continue
            if any(a < att.speaker_end and att.speaker_start < b for a, b in target_spans):
                f["f:t_is_speaker"] = 1.0
            elif any(att.scope_start <= a < att.scope_end for a, _ in target_spans):
                f["f:t_in_reported_speech"] = 1.0
    # praise and blame words (framing/lexicons/polarity-*.tsv) about the target
    from ..polarity import polarity_features

    f.update(polarity_features(view, target_spans))
    out = {"w": w, "c": c, "f": f}
    if window_block:
        out["t"] = t
    return out


def _window_block(toks: list[str], positions: list[int], window: int) -> Counter:
    """The ``t`` block: words and bigrams around each mention of the target (see :func:`stance_features`)."""
    t = Counter()
    n = len(toks)
    for i in positions:
        lo, hi = max(0, i - window), min(n, i + 1 + window)
        for j in range(lo, i):
            t["t:L:" + toks[j]] += 1
            if i - j <= NEAR:
                t["t:LN:" + toks[j]] += 1
            if j + 1 < i:
                t["t:L2:" + toks[j] + " " + toks[j + 1]] += 1
        for j in range(i + 1, hi):
            t["t:R:" + toks[j]] += 1
            if j - i <= NEAR:
                t["t:RN:" + toks[j]] += 1
            if j + 1 < hi:
                t["t:R2:" + toks[j] + " " + toks[j + 1]] += 1
        if i > 0:
            t["t:B1:" + toks[i - 1]] = 1
        if i + 1 < n:
            t["t:A1:" + toks[i + 1]] = 1
    return t


def find_mentions(text: str, lang: str, target: str, targets=None, given=(), *, found=None) -> tuple[list, list]:
    """Spans of ``target`` (from ``given`` mentions, the targets set and the name itself) and of other targets.

    ``found`` are ``targets.mentions(text, lang)`` when the caller has them already.
    """
    spans = list(given)
    others = []
    if targets is not None:
        for m in targets.mentions(text, lang) if found is None else found:
            if m.target == target:
                spans.append((m.start, m.end))
            else:
                others.append((m.start, m.end))
    if not spans:
        # the name itself and its short forms (a surname, an acronym), clitic-aware
        from ..targets import name_mentions

        spans.extend((m.start, m.end) for m in name_mentions(text, lang, target))
    if not spans:
        # a short reference the article uses once it has named the target («المنظمة», "F.B.I.")
        from ..references import reference_mentions

        spans.extend((m.start, m.end) for m in reference_mentions(text, lang, target))
    spans = sorted(set(spans))
    others = [o for o in sorted(set(others)) if not any(a < o[1] and o[0] < b for a, b in spans)]
    return spans, others
