"""Issue 2 benchmark: accord's annotation speed against spaCy's blank-English tokenizer, and its memory.

On one generated news-like corpus of 1M+ words (``make_corpus.py``; no real news
text ships as a PyPI package, see the README), in the same run and on the same
text:

* the tokenizer alone: ``spacy.blank("en")`` on every document (words/s);
* accord: ``accord.annotate(corpus)`` end to end through the library, in this one
  process: reading, the pipeline, the six validated tables (words/s);
  plus the engine alone (``annotate_document`` per document, no reading, no tables);
* the ratio accord / tokenizer (the issue's target: >= 0.5);
* peak resident memory, each in a fresh process, as the corpus grows
  (0.25M, 0.5M, 1M words), sampled while annotating: ``accord.annotate`` (in memory: it returns the tables,
  which hold every document's text) and the streamed path,
  ``accord.dataset.scale.annotate_dataset(workers=0)``, which keeps no table in memory.

Words are whitespace-separated tokens. Reading the corpus is excluded from the
tokenizer's time and from the engine's time, included in ``accord.annotate``'s.

    .venv/bin/python benchmarks/bench_throughput.py            # ~5 minutes
    .venv/bin/python benchmarks/bench_throughput.py --words 200000 --sizes 50000,100000,200000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """The highest resident memory of a process seen while sampling (every 20 ms), in MB."""

    def __init__(self, pid: int | None = None, every: float = 0.02) -> None:
        import threading

        import psutil

        self.proc = psutil.Process(pid)
        self.every = every
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.proc.memory_info().rss / 2**20)
            except Exception:
                return
            self._stop.wait(self.every)

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def child(mode: str, corpus: str) -> None:
    """Run one memory measurement in this (fresh) process and print it as JSON."""
    import accord
    from accord.pipeline import build_pipeline

    import gc

    build_pipeline()  # the baseline includes the pipeline (cached lexicon)
    gc.collect()
    import psutil

    base = psutil.Process().memory_info().rss / 2**20
    t = time.perf_counter()
    with RssSampler() as rss:
        if mode == "annotate":
            result = accord.annotate(corpus)
            n = len(result["documents"])
        else:
            from accord.dataset.scale import annotate_dataset

            with tempfile.TemporaryDirectory() as out:
                n = annotate_dataset(corpus, Path(out) / "ds", workers=0, progress=False, log=lambda m: None).annotated
    print(json.dumps({"mode": mode, "docs": n, "baseline_mb": base, "peak_mb": rss.peak,
                      "maxrss_mb": _peak_rss_mb(), "seconds": time.perf_counter() - t}))


def measure_speed(corpus: Path) -> dict:
    import spacy

    import accord
    from accord.annotation import annotate_document
    from accord.pipeline import build_pipeline
    from accord.readers import Document, iter_corpus

    docs = [d for d in iter_corpus(corpus) if isinstance(d, Document)]
    words = sum(len(d.text.split()) for d in docs)
    tok = spacy.blank("en")
    t = time.perf_counter()
    for d in docs:
        tok(d.text)
    t_tok = time.perf_counter() - t

    nlp = build_pipeline()
    annotate_document(nlp, docs[0])  # warm up
    t = time.perf_counter()
    for d in docs:
        annotate_document(nlp, d)
    t_engine = time.perf_counter() - t
    del docs

    t = time.perf_counter()
    result = accord.annotate(corpus)
    t_lib = time.perf_counter() - t
    return {
        "documents": len(result["documents"]), "words": words,
        "rows": {k: len(v) for k, v in result.items()},
        "tokenizer_wps": words / t_tok, "engine_wps": words / t_engine, "accord_wps": words / t_lib,
        "ratio": (words / t_lib) / (words / t_tok), "engine_ratio": (words / t_engine) / (words / t_tok),
        "seconds": {"tokenizer": t_tok, "engine": t_engine, "accord.annotate": t_lib},
    }


def measure_memory(corpora: dict[int, Path]) -> list[dict]:
    rows = []
    for size, path in corpora.items():
        for mode in ("annotate", "stream"):
            out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], check=True,
                                 capture_output=True, text=True).stdout
            rec = json.loads(out.strip().splitlines()[-1])
            rec["words"] = size
            rows.append(rec)
            print(f"  {mode:9s} {size:>9,} words: peak RSS {rec['peak_mb']:7.1f} MB "
                  f"(after building the pipeline {rec['baseline_mb']:.1f} MB; process maxrss {rec['maxrss_mb']:.1f} MB)", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--words", type=int, default=1_000_000, help="corpus size for the speed test")
    p.add_argument("--sizes", default="250000,500000,1000000", help="corpus sizes for the memory test")
    p.add_argument("--corpus", default=None, help="use this JSONL corpus for the speed test instead")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", default=None, help="also write the results to this JSON file")
    p.add_argument("--child", nargs=2, metavar=("MODE", "CORPUS"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        child(*a.child)
        return 0
    from make_corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        corpus = Path(a.corpus) if a.corpus else Path(tmp) / f"corpus-{a.words}.jsonl"
        if not a.corpus:
            n, w = write_corpus(corpus, words=a.words, seed=a.seed)
            print(f"corpus: {n:,} generated documents, {w:,} words ({corpus.stat().st_size / 1e6:.1f} MB)", flush=True)
        speed = measure_speed(corpus)
        print(f"spaCy blank-English tokenizer: {speed['tokenizer_wps']:>10,.0f} words/s")
        print(f"accord engine (per document):  {speed['engine_wps']:>10,.0f} words/s")
        print(f"accord.annotate (end to end):  {speed['accord_wps']:>10,.0f} words/s")
        print(f"ratio accord / tokenizer:      {speed['ratio']:>10.3f}   (engine alone {speed['engine_ratio']:.3f}; "
              f"target >= 0.5)", flush=True)
        sizes = [int(s) for s in a.sizes.split(",")]
        corpora = {}
        for s in sizes:
            path = Path(tmp) / f"mem-{s}.jsonl"
            write_corpus(path, words=s, seed=a.seed)
            corpora[s] = path
        print("peak memory (fresh process each):", flush=True)
        memory = measure_memory(corpora)
    results = {"speed": speed, "memory": memory, "cpu_count": os.cpu_count(), "python": sys.version.split()[0]}
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
