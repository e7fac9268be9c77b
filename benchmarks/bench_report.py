#!/usr/bin/env python3
"""Benchmarks of the reports and notebooks (``make bench-report``): wall times, not tests.

* ``make report`` on the seed, after setup (venv and chromium installed, the pipeline cache
  filled by a first run) -- target <= 6 s (issue 12);
* nbval of all notebooks (``pytest --nbval notebooks/``) -- target <= 15 s;
* start-up cost: a fresh ``python -c "import X"`` for the parts of the Jupyter stack (minus bare
  python's start-up), a kernel's start-up, and chromium's through kaleido.

Each wall time is the median of ``--repeat`` runs (default 3), with the CPU time beside the first
two (the figure to compare on a loaded machine). Prints a Markdown table for the README.
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

IMPORTS = [
    ("pandas", "import pandas"),
    ("plotly.graph_objects", "import plotly.graph_objects"),
    ("spacy", "import spacy"),
    ("accord (lazy: public names load on first use)", "import accord"),
    ("accord.annotation (engine, spaCy, pandas)", "import accord.annotation"),
    ("accord.analysis.charts", "import accord.analysis.charts"),
    ("jsonschema (with rfc3987_syntax)", "import jsonschema"),
    ("nbformat", "import nbformat"),
    ("nbformat, rfc3987_syntax skipped", "import sys; sys.modules['rfc3987_syntax'] = None; import nbformat"),
    ("papermill", "import papermill"),
    ("papermill, rfc3987_syntax skipped", "import sys; sys.modules['rfc3987_syntax'] = None; import papermill"),
    ("nbconvert", "import nbconvert"),
    ("jupyter_client", "import jupyter_client"),
    ("ipykernel.kernelapp", "import ipykernel.kernelapp"),
    ("kaleido", "import kaleido"),
    ("playwright.sync_api", "import playwright.sync_api"),
    ("jupyterlab", "import jupyterlab"),
    ("plotly.io renderers (imports nbformat)", "import plotly.io as pio; pio.renderers.default"),
]


def wall(cmd: list[str], repeat: int, cwd: Path = ROOT, env: dict | None = None) -> tuple[float, list[float]]:
    """Median wall time of ``cmd`` over ``repeat`` runs, and the runs' times (see :data:`CPU` for CPU time)."""
    times = []
    cpus = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if res.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    CPU[" ".join(cmd)] = statistics.median(cpus)
    return statistics.median(times), times


# command -> median CPU seconds (user + system of every process it waited for: kernel, chromium)
CPU: dict[str, float] = {}


KERNEL = """
import time
from jupyter_client.manager import start_new_kernel
t = time.perf_counter()
km, kc = start_new_kernel(kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
kc.execute_interactive("1", output_hook=lambda msg: None)
print("T", time.perf_counter() - t)
kc.stop_channels(); km.shutdown_kernel(now=True)
"""

CHROMIUM = """
import asyncio, time, kaleido
t = time.perf_counter()
async def main():
    async with kaleido.Kaleido(path="/usr/bin/chromium", mathjax=False, n=1) as k:
        print("T", time.perf_counter() - t)
asyncio.run(main())
"""


def inner(code: str, repeat: int) -> float:
    """Median of a time the snippet prints itself."""
    out = []
    for _ in range(repeat):
        res = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT)
        if res.returncode != 0:
            sys.exit(res.stderr[-2000:])
        out.append(float(next(ln for ln in res.stdout.splitlines() if ln.startswith("T "))[2:]))
    return statistics.median(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.repeat
    rows: list[tuple[str, str, str]] = []

    out = ROOT / "build" / "bench-report"
    subprocess.run(["make", "-s", "install", "system-deps"], cwd=ROOT, check=True)  # setup, not timed
    cmd = ["make", "-s", "report", f"OUT={out}"]
    wall(cmd, 1)  # the first run fills the pipeline cache (~/.cache/accord), as `make report` after setup does
    t, _ = wall(cmd, n)
    rows.append(("`make report` on the seed (HTML + 6 PNG)", f"{t:.1f} s (CPU {CPU[' '.join(cmd)]:.1f} s)", "≤ 6 s"))
    # nbval on fresh copies of the notebooks, re-executed first, so that a drift of the committed
    # outputs (engine changed, `make notebooks` not yet run) does not shorten the timing
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "notebooks", Path(tmp) / "notebooks")
        shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
        subprocess.run([PY, str(ROOT / "scripts" / "run_notebooks.py")]
                       + [str(p) for p in sorted((Path(tmp) / "notebooks").glob("*.ipynb"))],
                       check=True, capture_output=True)
        cmd = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--rootdir", tmp,
               "--nbval", "--nbval-current-env", "notebooks"]
        t, _ = wall(cmd, n, cwd=Path(tmp))
    rows.append(("nbval of all notebooks", f"{t:.1f} s (CPU {CPU[' '.join(cmd)]:.1f} s)", "≤ 15 s"))

    base, _ = wall([PY, "-c", "pass"], n)
    rows.append(("python start-up (`python -c pass`)", f"{base:.2f} s", ""))
    for label, code in IMPORTS:
        t, _ = wall([PY, "-c", code], n)
        rows.append((f"import {label}", f"{t - base:.2f} s", ""))
    rows.append(("kernel start-up to first result", f"{inner(KERNEL, n):.2f} s", ""))
    rows.append(("chromium start-up through kaleido (loads plotly.js)", f"{inner(CHROMIUM, n):.2f} s", ""))

    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | median of {n} | target |")
    print(f"|{'-' * (width + 2)}|{'-' * 14}|--------|")
    for what, value, target in rows:
        print(f"| {what:<{width}} | {value:>12} | {target:<6} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
