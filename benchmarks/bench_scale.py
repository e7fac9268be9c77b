"""Issue 4 benchmark: Dask throughput with 1 and 2 workers, memory per worker, a 200 MB file streamed.

All on corpora from ``make_corpus.py`` (seeded), through ``accord.dataset.scale.annotate_dataset``
into a fresh Parquet dataset each time, on a local cluster of single-threaded worker
processes, each run in a fresh client process. Resident memory is sampled every 20 ms for the client process and for
every worker process (nanny excluded); the pipeline is built on each worker before
the clock starts (the worker plugin), so throughput is annotation alone.

1. throughput (words/s) with 1 and 2 workers on the same corpus, and the speedup
   (target >= 1.8x on 2 cores), and the fixed cost of a whole run (target < 5 s);
2. peak memory per worker (target <= 500 MB) on a corpus and on one 10x larger
   (target: flat);
3. one single JSONL file of ``--big-mb`` MB (default 20; engine v2 annotates about 15,000 words/s
   on 2 workers, so 200 MB takes over half an hour) annotated end to end: peak memory of the
   client and of each worker (bounded: it does not grow with the file).

Every run uses the default engine (v2, with the trained parser).

    .venv/bin/python benchmarks/bench_scale.py                      # the issue's sizes: long
    .venv/bin/python benchmarks/bench_scale.py --words 300000 --small 50000 --big-mb 0
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_throughput import RssSampler  # noqa: E402
from make_corpus import write_corpus  # noqa: E402


def run(corpus: Path, workers: int) -> dict:
    """Measure one run in a fresh process, so no run inherits another's memory."""
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(workers)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(corpus: Path, workers: int, batch_words: int = 20_000) -> dict:
    """Annotate ``corpus`` on a fresh local cluster of ``workers`` processes; times and peak memory.

    The cluster is the one ``accord annotate`` starts (``accord.dataset.scale.local_cluster``).
    Every phase of the run is timed (wall clock) so the fixed cost can be found: starting the
    cluster, building the pipeline on every worker, annotating (the throughput), the final
    actors table, closing the cluster. ``seconds``/``words_per_s`` are annotation alone,
    ``total_s`` the whole run as ``accord annotate`` pays it. CPU seconds of the client
    process and of each worker are given too: the machine may be shared.
    """
    t_start = time.perf_counter()
    from accord.dataset.scale import annotate_dataset, local_cluster
    from accord.dataset.worker import LexiconSpec, PipelinePlugin

    phases: dict = {"import": time.perf_counter() - t_start}
    cpu0 = time.process_time()
    with tempfile.TemporaryDirectory(prefix="accord-scale-") as tmp:
        t = time.perf_counter()
        with local_cluster(workers) as client:
            phases["cluster_start"] = time.perf_counter() - t
            t = time.perf_counter()
            spec, _ = LexiconSpec.from_path(None)
            client.register_plugin(PipelinePlugin(spec), name=PipelinePlugin.name)  # build before timing
            phases["pipeline_build"] = time.perf_counter() - t
            pids = client.run(os.getpid)
            worker_cpu0 = client.run(time.process_time)
            samplers = [RssSampler(pid) for pid in pids.values()]
            client_rss = RssSampler()
            for s in (*samplers, client_rss):
                s.__enter__()
            annotating: dict = {}

            def log(msg: str) -> None:  # the last message comes when annotation ends and the actors table starts
                if "rebuilding the actors table" in msg:
                    annotating["client_peak_mb"] = client_rss.peak
                    annotating["t"] = time.perf_counter()

            t = time.perf_counter()
            stats = annotate_dataset(corpus, Path(tmp) / "ds", client=client, batch_words=batch_words,
                                     progress=False, log=log, durable=True)
            t_end = time.perf_counter()
            seconds = annotating["t"] - t
            phases["annotate"] = seconds
            phases["actors_table"] = t_end - annotating["t"]
            worker_cpu = client.run(time.process_time)
            for s in (*samplers, client_rss):
                s.__exit__()
            t = time.perf_counter()
        phases["cluster_close"] = time.perf_counter() - t
    total = time.perf_counter() - t_start
    return {"workers": workers, "docs": stats.annotated, "words": stats.words, "seconds": seconds,
            "words_per_s": stats.words / seconds, "docs_per_s": stats.annotated / seconds,
            "total_s": total, "phases_s": {k: round(v, 2) for k, v in phases.items()},
            "client_cpu_s": round(time.process_time() - cpu0, 1),
            "worker_cpu_s": [round(worker_cpu[k] - worker_cpu0[k], 1) for k in worker_cpu],
            "worker_peak_mb": [round(s.peak, 1) for s in samplers], "client_peak_mb": round(client_rss.peak, 1),
            "client_peak_annotating_mb": round(annotating["client_peak_mb"], 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--words", type=int, default=1_000_000, help="corpus for 1 vs 2 workers (default 1M words)")
    p.add_argument("--docs", type=int, default=2_000, help="documents in that corpus (default 2,000)")
    p.add_argument("--small", type=int, default=None, help="the 1/10 corpus for the memory test (default words/10)")
    p.add_argument("--big-mb", type=float, default=20.0, help="size of the single big file (default 20 MB; 0: skip)")
    p.add_argument("--json", default=None, help="also write the results to this JSON file")
    p.add_argument("--child", nargs=2, metavar=("CORPUS", "WORKERS"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        print(json.dumps(child(Path(a.child[0]), int(a.child[1]))))
        return 0
    results: dict = {"cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        big_corpus = Path(tmp) / "corpus.jsonl"
        n, w = write_corpus(big_corpus, docs=a.docs, words=a.words, seed=11)
        small_words = a.small or a.words // 10
        small_corpus = Path(tmp) / "small.jsonl"
        ns, ws = write_corpus(small_corpus, docs=max(1, a.docs * small_words // a.words), words=small_words, seed=11)
        print(f"corpus: {n:,} documents, {w:,} words; 1/10 corpus: {ns:,} documents, {ws:,} words", flush=True)
        rows = []
        for label, corpus, workers in (("1/10 corpus", small_corpus, 2), ("corpus", big_corpus, 1),
                                       ("corpus", big_corpus, 2)):
            r = run(corpus, workers)
            r["corpus"] = label
            rows.append(r)
            print(f"  {label:12s} {workers} worker(s): {r['words_per_s']:>9,.0f} words/s  {r['docs_per_s']:6.1f} docs/s  "
                  f"{r['seconds']:7.1f} s  worker peak {max(r['worker_peak_mb']):6.1f} MB  "
                  f"client peak {r['client_peak_annotating_mb']:6.1f} MB annotating, {r['client_peak_mb']:6.1f} MB with the "
                  "actors table", flush=True)
        results["runs"] = rows
        one, two = rows[1], rows[2]
        results["speedup"] = two["words_per_s"] / one["words_per_s"]
        # whole runs: t1 = F + W and t2 = F + W/2 give the fixed cost F of a run
        results["speedup_end_to_end"] = one["total_s"] / two["total_s"]
        results["fixed_cost_s"] = 2 * two["total_s"] - one["total_s"]
        if a.big_mb:
            big = Path(tmp) / "big.jsonl"
            nb, wb = write_corpus(big, megabytes=a.big_mb, seed=12)
            size = big.stat().st_size / 1e6
            r = run(big, 2)
            r["corpus"] = f"one {size:.0f} MB file"
            results["big_file"] = r
            print(f"  one {size:.0f} MB file ({nb:,} docs, {wb:,} words), 2 workers: {r['words_per_s']:,.0f} words/s, "
                  f"{r['seconds']:.0f} s, worker peak {max(r['worker_peak_mb']):.1f} MB, "
                  f"client peak {r['client_peak_annotating_mb']:.1f} MB annotating, {r['client_peak_mb']:.1f} MB with "
                  "the actors table", flush=True)
    print()
    print("| run | workers | words | words/s | worker peak MB | client peak MB, annotating | with the actors table |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in results["runs"] + ([results["big_file"]] if "big_file" in results else []):
        print(f"| {r['corpus']} | {r['workers']} | {r['words']:,} | {r['words_per_s']:,.0f} | "
              f"{max(r['worker_peak_mb']):.0f} | {r['client_peak_annotating_mb']:.0f} | {r['client_peak_mb']:.0f} |")
    print(f"\nspeedup 1 -> 2 workers: {results['speedup']:.2f}x annotating, {results['speedup_end_to_end']:.2f}x "
          f"end to end (target >= 1.8x); fixed cost of a run (2 t2 - t1): {results['fixed_cost_s']:.1f} s (target < 5 s)")
    for r in results["runs"]:
        print(f"  {r['corpus']}, {r['workers']} worker(s): total {r['total_s']:.1f} s = {r['phases_s']}; "
              f"CPU s: client {r['client_cpu_s']}, workers {r['worker_cpu_s']}")
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
