"""The benchmark corpus generator: deterministic, and with a vocabulary like news (issue 12).

A repetitive vocabulary flattered spaCy's tokenizer (it caches every string it has split) ten
times over; the bounds below are those of the raw UD treebank text (``benchmarks/bench_tokenizer.py``:
about 20,750 whitespace types and 13,400 hapaxes per 100,000 words, sentences 18 words on average).
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def make_corpus():
    sys.path.insert(0, str(BENCH))
    try:
        import make_corpus
        yield make_corpus
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def texts(make_corpus) -> list[str]:
    return [d["text"] for d in make_corpus.generate(words=40_000, seed=5)]


def test_same_seed_same_corpus_other_seed_another(make_corpus, texts):
    assert [d["text"] for d in make_corpus.generate(words=40_000, seed=5)] == texts
    assert [d["text"] for d in make_corpus.generate(words=5_000, seed=6)][0] != texts[0]


def test_vocabulary_and_sentences_are_news_like(texts):
    words = [w for t in texts for w in t.split()]
    counts = collections.Counter(words)
    per_100k = 100_000 / len(words)
    # per 100,000 words, at 40,000 words: the old generator had 17,051 types and 11,559 hapaxes, sentences
    # of 15 words and none over 31; the treebanks' raw text has more types at this size than at 100k
    types = len(counts) * per_100k
    hapaxes = sum(1 for c in counts.values() if c == 1) * per_100k
    assert 20_000 <= types <= 45_000, types
    assert 13_000 <= hapaxes <= 40_000, hapaxes
    sentences = [len(s.split()) for t in texts for s in re.split(r'(?<=[.!?"\u201d])\s+(?=[A-Z\u201c"])', t)]
    mean = sum(sentences) / len(sentences)
    assert 15 <= mean <= 25 and max(sentences) >= 50, (mean, max(sentences))
    assert sum(1 for w in words if "," in w) / len(words) >= 0.04  # commas glued to words, as in news
