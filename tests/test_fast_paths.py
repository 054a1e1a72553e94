"""The speed-ups of ``framing score`` give what the plain code gives.

Every fast path is checked against a straightforward reference on our corpus
and on generated edge cases: normalization (the per-cluster loop), lexicon
matching (a walk from every token), stance features of many targets at once
(one target at a time), column counts of character n-grams (the names), rows
(the sparse matrix), the bounded caches (each caller gets its own list), and
``--target`` naming exactly the targets that are scored.
"""
import json
import random
import unicodedata
from array import array
from functools import lru_cache

import numpy as np
import pytest

from framing.cli import main
from framing.datasets.corpus import load_corpus
from framing.matcher import LexiconMatch, normalized_tokens, token_analyses
from framing.text import parse_document
from framing.text.normalize import (ARABIC_DIACRITICS, ALEF_FORMS, ALEF_MAQSURA, DIGITS, FORMAT_CHARS, TATWEEL,
                                    TEH_MARBUTA, normalize, normalize_text)


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[str, ...]:
    return tuple(r.record.text for r in load_corpus())


# -- normalization ----------------------------------------------------------------------------

def reference_normalize(text, *, fold_alef=True, fold_yeh=True, fold_teh_marbuta=True, casefold=True, digits=True):
    """The definition: NFKC (+ casefold to a fixed point) per character cluster, then one-to-one folds."""
    table = {ch: "" for ch in ARABIC_DIACRITICS | FORMAT_CHARS | {TATWEEL}}
    for on, fold in ((fold_alef, ALEF_FORMS), (fold_yeh, ALEF_MAQSURA), (fold_teh_marbuta, TEH_MARBUTA),
                     (digits, DIGITS)):
        if on:
            table.update(fold)
    stage, starts, ends = [], [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        out = unicodedata.normalize("NFKC", chunk)
        if casefold:
            for _ in range(4):
                nxt = unicodedata.normalize("NFKC", out.casefold())
                if nxt == out:
                    break
                out = nxt
        if out == chunk:
            for k in range(i, j):
                stage.append(text[k])
                starts.append(k)
                ends.append(k + 1)
        else:
            for ch in out:
                stage.append(ch)
                starts.append(i)
                ends.append(j)
        i = j
    chars, o_starts, o_ends = [], [], []
    for k, ch in enumerate(stage):
        rep = table.get(ch, ch)
        if not rep:
            if o_ends and (ch == TATWEEL or ch in ARABIC_DIACRITICS):
                o_ends[-1] = ends[k]
            continue
        chars.append(rep)
        o_starts.append(starts[k])
        o_ends.append(ends[k])
    return "".join(chars), o_starts, o_ends


EDGE = ("\u064e\u0650\u0651\u0640\u200c\u200f\ufdfa\ufefb\u0130\u00df\ufb01\u1e9e\u0301e\u0308\u01c4\u01c5\u0345"
        "\u03a3\u00ad\u0131\u0670\u0622\u0623\u0649\u0629\u0663\u06f5 AZaz09\"\u00ab\u00bb\u201c\u201d.,")


def generated_texts(count=3000, seed=0):
    rng = random.Random(seed)
    texts = list(corpus_texts()[:300])
    for _ in range(count):
        texts.append("".join(rng.choice(EDGE) for _ in range(rng.randint(0, 14))))
        base = rng.choice(corpus_texts())
        at = rng.randrange(len(base) + 1)
        texts.append(base[:at] + rng.choice(EDGE) + base[at:])
    return texts


@pytest.mark.parametrize("options", [{}, {"casefold": False}, {"fold_alef": False, "digits": False},
                                     {"fold_yeh": False, "fold_teh_marbuta": False}])
def test_normalize_equals_the_cluster_by_cluster_definition(options):
    for text in generated_texts():
        want_text, want_starts, want_ends = reference_normalize(text, **options)
        got = normalize(text, **options)
        assert (got.text, list(got.starts), list(got.ends)) == (want_text, want_starts, want_ends), repr(text)
        assert normalize_text(text, **options) == want_text
        assert isinstance(got.starts, array)


def test_normalize_text_refuses_unknown_options():
    with pytest.raises(TypeError, match="fold_hamza"):
        normalize_text("x", fold_hamza=True)


# -- lexicon matching ---------------------------------------------------------------------------

def reference_find(matcher, text, lang):
    """Leftmost-longest matches, trying an entry from every token (no shortcut)."""
    root = matcher._roots.get(lang)
    if root is None:
        return []
    n, toks = normalized_tokens(text)
    analyses = [token_analyses(t, lang, matcher.guards) for t, _, _ in toks]
    out, i = [], 0
    while i < len(toks):
        best = None
        for key, p, stemmed in analyses[i]:
            node = root.next.get(key)
            if node is not None:
                best = matcher._walk(node, analyses, i, i, p, stemmed, lang, best)
        if best is None:
            i += 1
            continue
        _, _, _, p, j, entry = best
        out.append(LexiconMatch(n.to_original(toks[i][1] + p, toks[i][2])[0], n.to_original(toks[j][1], toks[j][2])[1],
                                entry))
        i = j + 1
    return out


def test_matchers_find_what_a_walk_from_every_token_finds():
    from framing.cues import CueExtractor
    from framing.polarity import _matcher
    from framing.targets import load_targets

    targets = load_targets()
    matchers = [CueExtractor().matcher, _matcher(), targets._matcher, targets._excluder]
    for text in corpus_texts()[::3]:
        for lang in ("ar", "en"):
            for m in matchers:
                got = [(x.start, x.end, id(x.entry)) for x in m.find(text, lang)]
                assert got == [(x.start, x.end, id(x.entry)) for x in reference_find(m, text, lang)], text


# -- stance features of many targets -------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle():
    from framing.models.bundle import default_bundle

    return default_bundle()


def rows_by_name(vec, feats):
    row = vec.rows([feats])[0]
    names = vec.feature_names()
    return {names[j]: v for j, v in zip(row.indices.tolist(), row.data.tolist())}


def test_features_many_equal_features_one_target_at_a_time(bundle):
    from framing.targets import load_targets

    targets = load_targets()
    by_lang = {}
    for r in load_corpus():
        by_lang.setdefault(r.record.lang, []).append(r.record)
    for lang, records in by_lang.items():
        est = bundle.get("stance", lang)
        est.targets = targets
        vec = est.model_.vectorizer
        names_pool = [t.target for r in records for t in r.targets]
        for k, rec in enumerate(records[::40]):
            text = rec.text
            if k % 5 == 0:  # the placeholder words in the text itself: the slow path must serve it
                text = text + " xtargetx xotherx"
            names = list(dict.fromkeys([t.target for t in rec.targets] + names_pool[k:k + 3]))
            many = est.features_many(text, lang, names)
            for name, got in zip(names, many):
                want = est.features((text, name, (), lang))
                # c and x (a frequent target's crossed words) come as column counts: compared through the rows
                assert {b: v for b, v in got.items() if b not in ("c", "x")} == \
                    {b: v for b, v in want.items() if b not in ("c", "x")}
                assert ("x" in got) == ("x" in want)
                assert rows_by_name(vec, got) == pytest.approx(rows_by_name(vec, want), rel=1e-12, abs=1e-15)
            est.forget_views()


def test_char_counts_are_the_named_counts_in_columns(bundle):
    from framing.models.features import _tokens, char_counts, char_ngrams

    vec = bundle.get("stance", "ar").model_.vectorizer
    for text in corpus_texts()[::50]:
        toks = _tokens(normalize_text(text))
        got = char_counts(toks, vec)
        vocab = vec.vocab["c"]
        want = {vocab[k]: v for k, v in char_ngrams(toks).items() if k in vocab}
        assert dict(zip(got.cols.tolist(), got.counts.tolist())) == want
        assert len(set(got.cols.tolist())) == len(got.cols)  # distinct columns
    counts, first = vec._count_work
    assert not counts.any()  # the work array is left zeroed for the next paragraph


def test_reasons_leave_their_work_arrays_clean(bundle):
    from framing.analysis import Analyzer

    an = Analyzer(bundle)
    an.analyze_document(parse_document(" ".join(corpus_texts()[:3])), ["Russia"])
    for est in bundle.estimators.values():
        work = est.model_.__dict__.get("_scratch")
        if work is not None:
            assert not work.values.any() and not work.holders.any() and not work.routed.any()


def test_rows_and_their_probabilities_equal_the_matrix(bundle):
    est = bundle.get("stance", "en")
    docs = [est.features((t, "Russia", (), "en")) for t in corpus_texts()[:40]]
    model = est.model_
    X = model.vectorizer.transform(docs)
    rows = model.vectorizer.rows(docs)
    for i, r in enumerate(rows):
        assert sorted(zip(r.indices.tolist(), r.data.tolist())) == sorted(zip(X[i].indices.tolist(), X[i].data.tolist()))
    np.testing.assert_allclose(model.predict_proba_rows(rows), model.predict_proba_matrix(X), rtol=1e-12, atol=1e-15)


def test_a_block_shared_by_documents_is_one_block_in_each_row(bundle):
    model = bundle.get("stance", "en").model_
    doc = bundle.get("stance", "en").features(("Russia denied the claims.", "Russia", (), "en"))
    twin = dict(doc)  # the same block objects
    a, b = model.vectorizer.rows([doc, twin])
    assert a.indices.tolist() == b.indices.tolist() and a.data.tolist() == b.data.tolist()


# -- bounded caches ------------------------------------------------------------------------------

def test_cached_results_are_copies_callers_may_change():
    from framing.cues import CueExtractor, find_attributions
    from framing.text.segment import find_quotes, split_sentences

    text = "قال الوزير إن «الغرب» يثير الهستيريا. وأضاف أن روسيا مستعدة."
    for fn in (lambda: split_sentences(text), lambda: find_quotes(text), lambda: find_attributions(text, "ar"),
               lambda: CueExtractor().find(text, "ar")):
        first = fn()
        first.append("changed")
        assert fn() == first[:-1]


def test_cues_with_an_offset_are_the_paragraph_cues_shifted():
    from framing.cues import CueExtractor

    ex = CueExtractor()
    text = "The minister claimed the so-called \u201creforms\u201d were a disaster."
    here = ex.find(text, "en")
    there = ex.find(text, "en", offset=100)
    assert here and [(c.start + 100, c.end + 100) for c in here] == [(c.start, c.end) for c in there]
    assert [c.to_dict() | {"start": 0, "end": 0} for c in here] == [c.to_dict() | {"start": 0, "end": 0} for c in there]


# -- which targets are scored --------------------------------------------------------------------

def scored_targets(tmp_path, capsys, *extra):
    path = tmp_path / "a.txt"
    path.write_text("قال وزير الخارجية الإيراني إن إيران لن تقبل ضغوط الغرب.\n\nوأضاف أن روسيا شريك موثوق.\n",
                    encoding="utf-8")
    assert main(["score", str(path), "--format", "json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    return doc["targets"], [sorted(s["target"] for s in p["stance"]) for p in doc["paragraphs"]]


def test_named_targets_are_the_only_ones_scored(tmp_path, capsys):
    targets, per_paragraph = scored_targets(tmp_path, capsys, "--target", "الصين")
    assert targets == {"requested": ["الصين"], "detected": []}
    assert per_paragraph == [["الصين"], ["الصين"]]


def test_add_detected_also_scores_the_mentioned_targets(tmp_path, capsys):
    targets, per_paragraph = scored_targets(tmp_path, capsys, "--target", "الصين", "--add-detected")
    assert targets["requested"] == ["الصين"] and {"إيران", "روسيا", "الغرب"} <= set(targets["detected"])
    assert "روسيا" in per_paragraph[1] and "الصين" in per_paragraph[1] and "روسيا" not in per_paragraph[0]


def test_without_targets_the_mentioned_ones_are_scored(tmp_path, capsys):
    targets, per_paragraph = scored_targets(tmp_path, capsys)
    assert targets["requested"] == [] and "إيران" in targets["detected"]
    assert "إيران" in per_paragraph[0] and per_paragraph[1] == ["روسيا"]


def test_a_label_with_no_evidence_says_it_comes_from_the_base_rate(tmp_path, capsys):
    path = tmp_path / "a.txt"
    # a paragraph of dots has no feature at all (no word, and no cue: "؟؟؟" would be a rhetorical question,
    # which a retrained model may weigh), so its label can only come from the base rate
    path.write_text("عنوان\n\n... ... ...\n\nقال الوزير إن روسيا شريك موثوق.\n", encoding="utf-8")
    # a target name the corpus never uses (a frequent one would bring its own "the target is ..." feature)
    assert main(["score", str(path), "--format", "json", "--target", "طرف تجريبي=روسيا"]) == 0
    doc = json.loads(capsys.readouterr().out)
    empty, real = (p["stance"][0] for p in doc["paragraphs"])
    assert empty["reasons"] == [{"kind": "feature", "feature": "f:base_rate", "weight": 0.0,
                                 "text": "no evidence for this label in the paragraph: the model's base rate"}]
    assert real["reasons"] and all(r["weight"] > 0 for r in real["reasons"])


def test_shared_char_lookups_give_each_vectorizer_its_own_columns(bundle):
    from framing.models.features import _SharedCharLookups, _token_grams, token_char_columns

    vecs = [bundle.get("persuasion", "ar").model_.vectorizer, bundle.get("stance", "ar").model_.vectorizer]
    group = _SharedCharLookups(vecs)
    toks = {t for text in corpus_texts()[::20] for t, _, _ in normalized_tokens(text)[1]} | {"xtargetx", "xotherx"}
    for t in sorted(toks):
        group.fill(t)
        for v in vecs:
            vocab = v.vocab["c"]
            want = [j for j in map(vocab.get, _token_grams(t)) if j is not None]
            assert v._token_columns[t].tolist() == want
            assert token_char_columns(t, v).tolist() == want  # the cached columns the scorer uses



def test_scoring_leaves_the_garbage_collector_as_it_found_it(tmp_path, capsys):
    import gc

    from framing.commands.score import GC_YOUNG_THRESHOLD, calm_collector

    before = gc.get_threshold()
    with calm_collector():
        assert gc.get_threshold()[0] == max(before[0], GC_YOUNG_THRESHOLD)
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    path = tmp_path / "a.txt"
    path.write_text("قال الوزير إن روسيا شريك موثوق.\n", encoding="utf-8")
    assert main(["score", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["paragraphs"]
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_targets_a_paragraph_does_not_name_share_one_prediction(bundle):
    from framing.analysis import Analyzer

    an = Analyzer(bundle)
    doc = parse_document("The minister praised the reform.\n\nRussia denied the claims and blamed the West.")
    names = ["France", "Brazil", "Russia"]
    res = an.analyze_document(doc, names)
    first, second = res.paragraphs[0]["stance"], res.paragraphs[1]["stance"]
    a, b, _ = first
    assert a["probabilities"] == b["probabilities"] and a["reasons"] == b["reasons"]
    assert a["reasons"] is not b["reasons"] and a["reasons"][0] is not b["reasons"][0]  # each its own objects
    for k, name in enumerate(names):  # the same as scoring the target alone
        alone = an.analyze_document(doc, [name])
        assert alone.paragraphs[0]["stance"] == [first[k]] and alone.paragraphs[1]["stance"] == [second[k]]


def test_a_stem_feature_is_credited_to_the_words_with_that_stem_only():
    # s:غرب comes from الغرب ("the West"); المغرب (Morocco) merely ends with those letters and gets none of it
    from framing.analysis import _word_columns
    from framing.models.linear import Vectorizer

    vec = Vectorizer(vocab={"w": {"s:غرب": 0, "w:الغرب": 1, "w:المغرب": 2}}, idf={"w": np.ones(3)})
    assert sorted(_word_columns(vec, "الغرب").tolist()) == [0, 1]
    assert sorted(_word_columns(vec, "والغرب").tolist()) == [0]
    assert _word_columns(vec, "المغرب").tolist() == [2]
    assert _word_columns(vec, "غرب").tolist() == []  # a word is not its own stem


def test_persuasion_and_stance_compute_the_masked_paragraph_once(bundle):
    # The default persuasion model reads the paragraph as the stance model reads it for a target it does not
    # mention (known targets masked), with the stance model's vocabularies: one set of blocks serves both.
    from framing.analysis import Analyzer
    from framing.models.linear import Vectorizer

    an = Analyzer(bundle)
    for lang in ("ar", "en"):
        pers, stance = bundle.get("persuasion", lang), bundle.get("stance", lang)
        assert pers.mask_targets
        pv, sv = pers.model_.vectorizer, stance.model_.vectorizer
        assert pv.vocab["w"] is sv.vocab["w"] and pv.vocab["c"] is sv.vocab["c"]
        assert pv._token_columns is sv._token_columns and pv._memo is sv._memo
    texts = [t for t in corpus_texts()[::60]]
    for text in texts:
        res = an.analyze_document(parse_document(text), ["France"])  # (a target the corpus rarely names)
        p = res.paragraphs[0]
        lang = p["lang"] if p["lang"] in ("ar", "en") else res.data["lang"]
        pers, stance = bundle.get("persuasion", lang), bundle.get("stance", lang)
        # the same probability as the persuasion model alone, on its own plain rows
        feats = pers.features(p["text"], p["lang"], for_prediction=True)
        plain = Vectorizer(pers.model_.vectorizer.vocab, pers.model_.vectorizer.idf,
                           pers.model_.vectorizer.block_weights)  # (no memo: computes every block itself)
        alone = pers.model_.predict_proba_rows(plain.rows([feats]))[0][list(pers.classes_).index("true")]
        assert p["persuasion"]["probability"] == round(float(alone), 4)
        (mine,) = stance.features_many(p["text"], lang, ["France"])
        if "France" not in {m.target for m in stance.view(p["text"], lang).mentions(an.targets)}:
            assert mine["w"] is feats["w"] and mine["c"] is feats["c"]  # the very objects: computed once
        for est in (pers, stance):
            est.forget_views()
