"""News-like running prose for the benchmark corpus: the statistics a tokenizer feels.

spaCy's tokenizer caches each whitespace-separated string it has split once, so its
speed depends on how often a string is new: a small, repetitive vocabulary flatters it
(the first generator ran at several times its speed on real news). This module writes
sentences whose statistics follow news text (measured on the raw text of the UD GUM and
EWT treebanks, see ``benchmarks/README.md``):

* sentence lengths from a log-normal distribution, mean about 22 words, long tail;
* about 45 % function words from a fixed list in English frequency order;
* content words drawn from a Zipf law (exponent 1) over a very large made-up vocabulary
  with English inflections, so new word types keep appearing as the corpus grows, as in
  Heaps' law (about 20,000 whitespace types per 100,000 words, two thirds of them hapaxes);
* capitalised names, numbers in news formats (1,250; 3.5%; $4.2bn; 1990s; 2024), and the
  punctuation glued to words: commas, quotes, parentheses, possessives, contractions,
  hyphenated compounds, dashes, colons.

Everything comes from the caller's seeded ``random.Random``: deterministic, no data files.
"""
from __future__ import annotations

import math
import random

# English function words, roughly in frequency order (the first is the most frequent)
FUNCTION = ("the of and to a in that is for on was with he it as at by said his be from are have has "
            "but not this they an who had were their which will its or been would one after more also "
            "new about than there when up out two into can over all last year we could some first other "
            "against other if her she what only most being them people over under while before because "
            "between since during through where may now those three both like any so such these many "
            "against very just even still then well should might must each much our where how told").split()
_ONSETS = ("b c d f g h j k l m n p r s t v w y z bl br ch cl cr dr fl fr gl gr pl pr sc sh sk sl sm sn sp "
           "st sw th tr tw wh str spr").split()
_VOWELS = "a e i o u a e i o ea ee ai ou oo ie".split()
_CODAS = ("", "", "", "n", "r", "l", "s", "t", "d", "m", "nd", "nt", "st", "rt", "ck", "ng", "sh", "ll", "x", "mp")
_SUFFIXES = ("", "", "", "", "s", "s", "ed", "ing", "ly", "er", "ers", "tion", "ment", "al", "ity", "ness", "ive")
_CONTRACTIONS = ("n't", "'s", "'re", "'ll", "'ve", "'d")
_CURRENCY = ("$", "£", "€")
_SCALES = ("m", "bn", " million", " billion", "", "")


class Prose:
    """Writes news-like sentences from ``rng``; one instance keeps its made-up vocabulary."""

    def __init__(self, rng: random.Random, vocabulary: int = 30_000, names: int = 12_000) -> None:
        self.rng = rng
        self.log_vocab = math.log(vocabulary)
        self.log_names = math.log(names)
        self._stems: dict[int, str] = {}

    # --- words
    def _stem(self, rank: int) -> str:
        """The made-up stem of a given frequency rank: the same rank always gives the same stem."""
        s = self._stems.get(rank)
        if s is None:
            r = random.Random(rank * 7919 + 17)  # per-rank, so a stem never depends on draw order
            s = "".join(r.choice(_ONSETS) + r.choice(_VOWELS) for _ in range(r.choice((1, 1, 2, 2, 2, 3))))
            s += r.choice(_CODAS) + (r.choice(_SUFFIXES) if rank > 30 else "")
            self._stems[rank] = s
            if len(self._stems) > 500_000:  # bound memory on huge corpora; stems are recomputed alike
                self._stems.clear()
        return s

    def _zipf(self, log_n: float) -> int:
        # Zipf with exponent 1 over n ranks: the CDF is about ln(rank) / ln(n)
        return int(math.exp(self.rng.random() * log_n))

    def content_word(self) -> str:
        r = self.rng
        rank = self._zipf(self.log_vocab)
        word = self._stem(rank)
        if rank > 30 and r.random() < 0.15:
            word += "s"  # inflection: the same stem takes a second form, as plurals and verbs do
        return word

    def name(self) -> str:
        return self._stem(1_000_000_000 + self._zipf(self.log_names)).capitalize()

    def number(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.25:
            return str(r.randint(2, 99))
        if k < 0.40:
            return f"{r.randint(1, 999)},{r.randint(0, 999):03d}"
        if k < 0.55:
            return f"{r.randint(1, 99)}.{r.randint(0, 9)}%"
        if k < 0.70:
            return f"{r.choice(_CURRENCY)}{r.randint(1, 999)}{'.' + str(r.randint(1, 9)) if r.random() < 0.5 else ''}{r.choice(_SCALES)}"
        if k < 0.80:
            return f"{r.randint(190, 202)}0s"
        return str(r.randint(1950, 2026))

    def word(self) -> str:
        """One whitespace token: a function word, content word, name or number, maybe with punctuation."""
        r = self.rng
        k = r.random()
        if k < 0.47:
            w = FUNCTION[min(int(len(FUNCTION) * r.random() ** 2.5), len(FUNCTION) - 1)]
        elif k < 0.84:
            w = self.content_word()
        elif k < 0.965:
            w = self.name()
        else:
            w = self.number()
        k = r.random()
        if k < 0.055:
            w += ","
        elif k < 0.07:
            w += "'s" if r.random() < 0.6 else r.choice(_CONTRACTIONS)
        elif k < 0.08:
            w += "-" + self.content_word()
        elif k < 0.097:
            w = f"({w})"
        elif k < 0.103:
            w = "\u201c" + w
        elif k < 0.109:
            w += ",\u201d" if r.random() < 0.5 else "\u201d"
        elif k < 0.113:
            w += ":"
        elif k < 0.116:
            w += ";"
        elif k < 0.121:
            w += " \u2014" if r.random() < 0.5 else " --"
        return w

    def sentence(self) -> str:
        """A sentence of news-like length (log-normal, median about 19 words), capitalised, ending in a stop."""
        r = self.rng
        n = max(3, min(120, int(r.lognormvariate(2.95, 0.55))))
        words = [self.word() for _ in range(n)]
        first = words[0]
        words[0] = first[0].upper() + first[1:] if first[0].isalpha() else first
        end = r.choice((".", ".", ".", ".", ".", ".", ".", ".", "?", ".\u201d"))
        return " ".join(words).rstrip(",:;\u2014- ") + end
