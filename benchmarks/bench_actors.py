"""Issue 22 item 4 benchmark: the actor recognizer's speed, and what name normalisation costs it.

The recognizer alone (sentencizer run before the clock), CPU time, best of ``--repeat``, on:

* ``ud``: the raw text of the UD test splits, as ``bench_engine.py`` groups it (real text: 17 % of
  the documents hold a non-ASCII character, almost none needs normalising);
* ``ud-dirty``: the same with the defects normalisation repairs planted in every document
  (non-breaking spaces inside names, NFD accents, a soft hyphen), so every document takes the slow path;
* ``generated`` (``--corpus corpus.jsonl`` from ``make_corpus.py``): curly quotes and dashes make
  nearly every document non-ASCII, though NFC and clean.

Run it on two checkouts (``PYTHONPATH=<checkout>/lib``) to compare before and after a change.

    .venv/bin/python benchmarks/bench_actors.py [--corpus corpus.jsonl] [--repeat 10]
"""
from __future__ import annotations

import argparse
import json
import time
import unicodedata
from pathlib import Path

import spacy

import accord.pipeline  # noqa: F401 -- registers the factories
from bench_engine import documents


def dirty(text: str) -> str:
    """``text`` with the spellings of one name that normalisation must see through."""
    text = text.replace(" Korea", "\u00a0Korea").replace(" States", "\u00a0States")
    return unicodedata.normalize("NFD", text) + " Vladimir Pu\u00adtin met Zed\u00a0Bloggs."


def rate(texts: list[str], repeat: int) -> dict:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("accord_actors")
    sentencizer, actors = nlp.get_pipe("sentencizer"), nlp.get_pipe("accord_actors")
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.date = "2024-06-18"
        docs.append(sentencizer(doc))
    words = sum(len(t.split()) for t in texts)
    best = None
    for _ in range(repeat):
        t0 = time.process_time()
        for doc in docs:
            actors(doc)
        dt = time.process_time() - t0
        best = dt if best is None else min(best, dt)
    return {"documents": len(docs), "words": words, "cpu_s": round(best, 3), "words_per_s": round(words / best)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="a generated corpus (JSON lines with a text field)")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    ud = documents()
    sets = {"ud": ud, "ud-dirty": [dirty(t) for t in ud]}
    if args.corpus:
        sets["generated"] = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    print(json.dumps({name: rate(texts, args.repeat) for name, texts in sets.items()}, indent=2))


if __name__ == "__main__":
    main()
