#!/usr/bin/env python3
"""Re-execute the notebooks in place, reproducibly (``make notebooks``).

    python scripts/run_notebooks.py [NOTEBOOK...]   # default: notebooks/*.ipynb

Each notebook runs top to bottom with its default parameters in a fresh kernel
of this Python (the notebook's folder as working directory), then is written
back with nothing that depends on the clock or the machine: no execution
timings, no papermill metadata, no widget state; and as JupyterLab would save it
(the kernel's language_info, its Python version included; whole floats as ints),
so that opening it there does not mark it modified. Running it
twice gives identical files; ``--check`` exits 1 when a notebook would change
(outputs that drifted from the code).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from accord.analysis.notebook import js_numbers  # the one rule, shared with the notebooks' outputs

ROOT = Path(__file__).resolve().parents[1]


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what varies between runs and machines; write what JupyterLab would save back unchanged
    (so that opening a notebook there does not mark it modified)."""
    for key in ("papermill", "widgets", "execution"):
        nb.metadata.pop(key, None)
    # language_info stays whole, as the kernel reports it (its Python version too): JupyterLab
    # writes the kernel's into the notebook on opening, and would otherwise mark it modified
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for cell in nb.cells:
        for key in ("execution", "papermill", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "display_data" and "transient" in out:
                del out["transient"]
            for key in ("data", "metadata"):
                if key in out:
                    out[key] = nbformat.from_dict(js_numbers(out[key]))
    return nb


def execute(path: Path, timeout: int = 600) -> str:
    """The notebook at ``path`` executed and cleaned, as the text to write."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False, allow_errors=False,
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # no kernel start-up or shutdown noise
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb = clean(nb)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when a notebook would change")
    parser.add_argument("--timeout", type=int, default=600, help="time limit of one cell, seconds")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    changed = []
    for path in paths:
        text = execute(path, args.timeout)
        old = path.read_text(encoding="utf-8")
        if text != old:
            changed.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
        print(f"{path}: {'changed' if text != old else 'unchanged'}", file=sys.stderr)
    if args.check and changed:
        print(f"{len(changed)} notebook(s) out of date: run `make notebooks`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
