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
``OMP_NUM_THREADS=1`` for one core. ``--memory``: instead, each engine in a fresh process, its peak
resident memory (``ru_maxrss``) after building the pipeline and after one pass over the documents.

    .venv/bin/python benchmarks/bench_engine.py [--repeat 2] [--memory]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
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


ENGINES = ("engine v2", "engine v3, no argument model", "engine v3")


def engine(name: str):
    """The pipeline of one of :data:`ENGINES`."""
    if name == "engine v2":
        return build_pipeline(events=False)
    nlp = build_pipeline()
    if name == "engine v3, no argument model":
        relations = nlp.get_pipe("accord_relations")
        relations.learned = replace(relations.learned, arguments=1.0)
    return nlp


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory_child(name: str) -> None:
    """One engine's memory, in this (fresh) process, printed as JSON."""
    nlp = engine(name)
    built = peak_mb()
    accord_run(nlp)(documents())
    print(json.dumps({"what": name, "after_build_mb": round(built), "peak_mb": round(peak_mb())}))


def memory() -> None:
    rows = [json.loads(subprocess.run([sys.executable, __file__, "--memory-child", name], check=True,
                                      capture_output=True, text=True).stdout.strip().splitlines()[-1])
            for name in ENGINES]
    print(json.dumps({"words": sum(len(d.split()) for d in documents()), "results": rows}, indent=2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs per setting; the fastest counts")
    ap.add_argument("--memory", action="store_true", help="peak memory of each engine, not speed")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        return memory_child(args.memory_child)
    if args.memory:
        return memory()
    docs = documents()
    words = sum(len(d.split()) for d in docs)
    parser = spacy.load(PARSER_MODEL)
    v1 = build_pipeline(syntax=False)
    v2, v3_events, v3 = (engine(name) for name in ENGINES)
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
