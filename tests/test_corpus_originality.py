"""Our corpus contains no sentence from the real corpora or the example article (slow; skipped without data)."""

import pytest

from conftest import EXAMPLE_ARTICLE, shared_data_dir
from framing.datasets.corpus import load_corpus
from framing.datasets.loaders import load
from framing.text.normalize import normalize_text
from framing.text.tokenize import TOKEN_RE

DATA = shared_data_dir()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(DATA is None, reason="real corpora not found")]
# Ten words in a row in common would be a copied sentence fragment. (Eight-word runs occur only in
# stock formulas: "did not immediately respond to requests for comment".)
N = 10


def grams(text: str) -> set:
    toks = TOKEN_RE.findall(normalize_text(text))
    return {" ".join(toks[i : i + N]) for i in range(len(toks) - N + 1)}


def test_no_ten_word_run_in_common_with_real_text():
    ours = {}
    for r in load_corpus():
        for g in grams(r.record.text):
            ours.setdefault(g, r.record.id)
    hits = []
    real_texts = []
    for name in ("armpro", "basil", "babe", "newsmtsc", "mawqif", "araieval23-1a", "fignews"):
        folder = {"araieval23-1a": "araieval23", "fignews": "fignews2024"}.get(name, name)
        real_texts.extend(r.text for r in load(name, str(DATA / folder)))
    if EXAMPLE_ARTICLE.is_file():
        real_texts.append(EXAMPLE_ARTICLE.read_text(encoding="utf-8"))
    for text in real_texts:
        for g in grams(text):
            if g in ours:
                hits.append((ours[g], g))
    assert not hits, hits[:5]
