"""Issue 10 benchmark: the speed of engine v2 (trained parser + rule components) against the blank tokenizer.

Real text, not generated: the raw sentences of the UD GUM news/wiki test split and the EWT test
split in ``../shared/treebanks`` (Wikinews, Wikipedia, web text), grouped into documents of 20
sentences. In one process, on the same documents, each timed over the whole set:

* ``tokenizer``: a fresh ``spacy.blank("en")`` each run (the reference of the issue's ratio);
* ``parser``: the shipped tagger + parser + lemmatizer alone (``accord.paths.PARSER_MODEL``);
* ``engine v1``: accord's pipeline on word order (``build_pipeline(syntax=False)``);
* ``engine v2``: accord's pipeline with the parser, rules only (``build_pipeline(events=False)``);
* ``engine v3, no argument model``: the same with the learned event model only;
* ``engine v3``: with the event and argument models (``build_pipeline()``, the default).

Wall time and CPU time of the process are both reported: on a machine shared with other jobs the
CPU time is the steadier measure of the engine's own cost.

Words are whitespace-separated tokens. Threads are left as the machine sets them; pass
``OMP_NUM_THREADS=1`` for one core.

    .venv/bin/python benchmarks/bench_engine.py [--repeat 2]
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace

import spacy

from accord import build_pipeline
from accord.paths import PARSER_MODEL, REPO_DIR

TREEBANKS = REPO_DIR.parent / "shared" / "treebanks"
FILES = ("en_gum-news-wiki-test.conllu", "en_ewt-test.conllu")


def documents(per_doc: int = 20) -> list[str]:
    """The raw text of the test splits, ``per_doc`` sentences a document."""
    sents: list[str] = []
    for name in FILES:
        for line in (TREEBANKS / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sents.append(line[len("# text = "):])
    return [" ".join(sents[i:i + per_doc]) for i in range(0, len(sents), per_doc)]


def rate(name: str, run, docs: list[str], words: int, repeat: int) -> dict:
    best = cpu = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        run(docs)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        best = dt if best is None else min(best, dt)
        cpu = dc if cpu is None else min(cpu, dc)
    return {"what": name, "seconds": round(best, 2), "words_per_s": round(words / best),
            "cpu_seconds": round(cpu, 2), "words_per_cpu_s": round(words / cpu)}


def accord_run(nlp):
    def go(docs: list[str]) -> None:
        for text in docs:
            doc = nlp.make_doc(text)
            doc._.date = "2024-06-18"
            nlp(doc)
    return go


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs per setting; the fastest counts")
    args = ap.parse_args()
    docs = documents()
    words = sum(len(d.split()) for d in docs)
    parser = spacy.load(PARSER_MODEL)
    v1, v2, v3 = build_pipeline(syntax=False), build_pipeline(events=False), build_pipeline()
    v3_events = build_pipeline()
    relations = v3_events.get_pipe("accord_relations")
    relations.learned = replace(relations.learned, arguments=1.0)
    rows = [
        # a fresh tokenizer each run: its cache of known words would otherwise make the second pass free
        rate("tokenizer", lambda ds: [nlp(d) for nlp in [spacy.blank("en")] for d in ds], docs, words, args.repeat),
        rate("parser", lambda ds: list(parser.pipe(ds)), docs, words, args.repeat),
        rate("engine v1", accord_run(v1), docs, words, args.repeat),
        rate("engine v2", accord_run(v2), docs, words, args.repeat),
        rate("engine v3, no argument model", accord_run(v3_events), docs, words, args.repeat),
        rate("engine v3", accord_run(v3), docs, words, args.repeat),
    ]
    tok = rows[0]["words_per_s"]
    for r in rows:
        r["ratio_to_tokenizer"] = round(r["words_per_s"] / tok, 3)
    print(json.dumps({"documents": len(docs), "words": words, "results": rows}, indent=2))


if __name__ == "__main__":
    main()
