"""Issue 12 benchmark: does the generated corpus run the blank tokenizer as fast as real news does?

spaCy's ``spacy.blank("en")`` tokenizer caches every whitespace-separated string it has
split, so its speed depends on the text's vocabulary. No news corpus can be installed
here; the real-text reference is the raw text of every UD treebank in
``../shared/treebanks`` (GUM news/wiki and EWT, about 310,000 words; the GUM news
documents alone are 14,000 words), documents shuffled with a fixed seed. The generated
text is ``make_corpus.generate`` (seed 0). For each size, the first documents up to that
many words of each; a fresh tokenizer per run, best of ``--repeat`` runs, CPU time
(``time.process_time``) so that other jobs on the machine count less. Also printed: word
types and hapaxes per 100,000 words, and sentence lengths.

    .venv/bin/python benchmarks/bench_tokenizer.py [--sizes 15000,100000,300000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import generate  # noqa: E402

TREEBANKS = HERE.parents[1] / "shared" / "treebanks"
_SENT_END = re.compile(r'(?<=[.!?"\u201d])\s+(?=[A-Z\u201c"])')


def real_documents(folder: Path = TREEBANKS) -> list[str]:
    """The raw text of every document of every ``.conllu`` file in ``folder``, shuffled (seed 0)."""
    docs, cur = [], []
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc id = ") and cur:
                docs.append(" ".join(cur))
                cur = []
            elif line.startswith("# text = "):
                cur.append(line[len("# text = "):])
        if cur:
            docs.append(" ".join(cur))
            cur = []
    random.Random(0).shuffle(docs)
    return docs


def first_words(docs: list[str], n: int) -> list[str]:
    """The first documents of ``docs`` up to ``n`` whitespace-separated words."""
    out, words = [], 0
    for d in docs:
        if words >= n:
            break
        out.append(d)
        words += len(d.split())
    return out


def tokenizer_rate(docs: list[str], repeat: int = 3) -> float:
    """Words per CPU second of a fresh blank-English tokenizer over ``docs``, best of ``repeat``."""
    words = sum(len(d.split()) for d in docs)
    best = float("inf")
    for _ in range(repeat):
        tok = spacy.blank("en")
        t = time.process_time()
        for d in docs:
            tok(d)
        best = min(best, time.process_time() - t)
    return words / best


def text_stats(docs: list[str]) -> dict:
    """Types and hapaxes per 100,000 whitespace words, and sentence lengths (mean, sd, median)."""
    counts = collections.Counter(w for d in docs for w in d.split())
    n = sum(counts.values())
    lengths = [len(s.split()) for d in docs for s in _SENT_END.split(d)]
    return {"words": n, "types_per_100k": round(len(counts) * 100_000 / n),
            "hapaxes_per_100k": round(sum(1 for c in counts.values() if c == 1) * 100_000 / n),
            "sentence_mean": round(statistics.mean(lengths), 1), "sentence_sd": round(statistics.pstdev(lengths), 1),
            "sentence_median": statistics.median(lengths)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="15000,100000,300000", help="corpus sizes in words (comma-separated)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--json", default=None, help="also write the results to this JSON file")
    a = p.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    real = real_documents()
    gen = [d["text"] for d in generate(words=max(sizes), seed=0)]
    rows = []
    for n in sizes:
        r, g = first_words(real, n), first_words(gen, n)
        rr, gr = tokenizer_rate(r, a.repeat), tokenizer_rate(g, a.repeat)
        rows.append({"size": n, "real_words": sum(len(d.split()) for d in r), "real_wps": round(rr),
                     "generated_wps": round(gr), "ratio": round(gr / rr, 2)})
    stats = {"real": text_stats(first_words(real, 100_000)), "generated": text_stats(first_words(gen, 100_000))}
    print("| words | real text (treebanks) words/s | generated words/s | generated / real |")
    print("|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['real_words']:,} | {row['real_wps']:,} | {row['generated_wps']:,} | {row['ratio']:.2f} |")
    print()
    for name, s in stats.items():
        print(f"{name}: {s['types_per_100k']:,} types and {s['hapaxes_per_100k']:,} hapaxes per 100k words; "
              f"sentences {s['sentence_mean']} ± {s['sentence_sd']} words (median {s['sentence_median']})")
    if a.json:
        Path(a.json).write_text(json.dumps({"rows": rows, "stats": stats}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
