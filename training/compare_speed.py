"""Words/s of several trained pipelines on the same raw text, interleaved so that they see the
same machine load (one thread): best of ``--rounds`` rounds each; the blank English tokenizer
(fresh instance each round = cold tokenizer cache, and warm) as the reference.

    OMP_NUM_THREADS=1 python training/compare_speed.py training/runs/*/model-best
"""
from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convert  # noqa: E402


CLOCK = time.perf_counter


def _run(nlp, texts):
    t0 = CLOCK()
    n = sum(len(d) for d in nlp.pipe(texts))
    return n, n / (CLOCK() - t0)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+")
    ap.add_argument("--text", default="/work/shared/treebanks/en_gum-news-wiki-dev.conllu")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="cpu = this process's CPU time (time.process_time): on a shared, busy machine it "
                         "estimates the speed the process would have alone on one core")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if a.clock == "cpu" else time.perf_counter
    texts = convert.raw_texts(a.text)
    nlps = {m: spacy.load(m) for m in a.models}
    for nlp in nlps.values():
        list(nlp.pipe(texts[:3]))
    best = {k: 0.0 for k in [*a.models, "blank_cold", "blank_warm"]}
    words = 0
    warm = spacy.blank("en")
    for _ in range(a.rounds):
        for m, nlp in nlps.items():
            words, wps = _run(nlp, texts)
            best[m] = max(best[m], wps)
        best["blank_cold"] = max(best["blank_cold"], _run(spacy.blank("en"), texts)[1])
        best["blank_warm"] = max(best["blank_warm"], _run(warm, texts)[1])
    res = {"clock": a.clock, "words": words, "docs": len(texts), "words_per_sec": {k: round(v) for k, v in best.items()},
           "ratio_to_blank_cold": {m: round(best[m] / best["blank_cold"], 3) for m in a.models}}
    print(json.dumps(res, indent=2))
    if a.out:
        Path(a.out).write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
