#!/usr/bin/env python3
"""Start-up benchmarks (issue 12): cold processes, each case in a fresh subprocess; timings, not tests.

* ``import accord`` (target <= 0.5 s) and ``import accord.annotation``;
* ``accord.annotate('seeds')``, and ``accord annotate`` of the one seed article with ``--format csv``
  and ``--format parquet`` (target <= 2 s), each as the first run (an empty pipeline cache: the
  pipeline is built and stored) and as a later run (the pipeline loaded from the cache);
* the cache's parts in one process: building the pipeline, writing the entry, loading it.

Each case reports the median wall time and the median CPU time (user + system of the child) over
``--repeat`` runs (default 3); on a loaded machine the CPU time is the figure to compare. Every run
uses a private cache folder (``ACCORD_CACHE_DIR``), so the user's cache is neither used nor touched.
Prints a Markdown table for the README.

    .venv/bin/python benchmarks/bench_startup.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SEED = str(ROOT / "seeds")

PARTS = """
import time, shutil, sys
from accord.lexicon import load_lexicon
from accord.pipeline import build_pipeline, cache
t = time.process_time(); lex = load_lexicon(); a = time.process_time() - t
t = time.process_time(); nlp = build_pipeline(lex); b = time.process_time() - t
t = time.process_time(); cache.load_or_build(); c = time.process_time() - t   # builds again and writes
cache._LOADED.clear()
t = time.process_time(); cache.load_or_build(); d = time.process_time() - t   # reads the entry
print(f"{a:.2f} {b:.2f} {c:.2f} {d:.2f}")
"""


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds (the child's user + system) of one run of ``cmd``; its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, res.stdout


def case(cmd: list[str], repeat: int, cached: bool, work: Path) -> tuple[float, float]:
    """Median wall and CPU over ``repeat`` runs; ``cached``: the cache is filled first, else emptied each run."""
    walls, cpus = [], []
    cache = work / "cache"
    env = {**os.environ, "ACCORD_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    shutil.rmtree(cache, ignore_errors=True)
    if cached:  # a first run of the same command builds the entry (and warms the page cache)
        shutil.rmtree(work / "warm", ignore_errors=True)
        run([arg.replace("{out}", str(work / "warm")) for arg in cmd], env, work)
    for _ in range(repeat):
        if not cached:
            shutil.rmtree(cache, ignore_errors=True)
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        w, c, _ = run([arg.replace("{out}", str(out)) for arg in cmd], env, work)
        walls.append(w)
        cpus.append(c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cli = [PY, "-m", "accord.cli", "annotate", SEED, "--out", "{out}"]
    cases = [
        ("`import accord`", [PY, "-c", "import accord"], True, "≤ 0.5 s"),
        ("`import accord.annotation` (spaCy, pandas, the engine)", [PY, "-c", "import accord.annotation"], True, ""),
        ("`accord.annotate('seeds')`, first run (builds the cache)", [PY, "-c", f"import accord; accord.annotate({SEED!r})"],
         False, ""),
        ("`accord.annotate('seeds')`, cached", [PY, "-c", f"import accord; accord.annotate({SEED!r})"], True, ""),
        ("`accord annotate` seed `--format csv`, first run", cli + ["--format", "csv"], False, ""),
        ("`accord annotate` seed `--format csv`, cached", cli + ["--format", "csv"], True, "≤ 2 s"),
        ("`accord annotate` seed `--format parquet`, first run", cli + ["--format", "parquet"], False, ""),
        ("`accord annotate` seed `--format parquet`, cached (no cluster)", cli + ["--format", "parquet"], True, "≤ 2 s"),
        ("`accord annotate` seed `--format csv --engine v1`, cached", cli + ["--format", "csv", "--engine", "v1"],
         True, "≤ 2 s"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"| what (fresh process, median of {args.repeat}) | wall | CPU | target |")
        print("|---|---:|---:|---:|")
        for label, cmd, cached, target in cases:
            w, c = case(cmd, args.repeat, cached, work)
            print(f"| {label} | {w:.2f} s | {c:.2f} s | {target} |", flush=True)
        env = {**os.environ, "ACCORD_CACHE_DIR": str(work / "parts")}
        _, _, out = run([PY, "-c", PARTS], env, ROOT)
        lex, build, write, load = out.split()
        print(f"\nin one process (CPU s): load the lexicon {lex}, build the pipeline {build}, "
              f"build + write the cache entry {write}, load the entry (pipeline and lexicon) {load}")


if __name__ == "__main__":
    main()
