"""The Makefile's commands as a newcomer meets them (issue 23 items 1 and 8), read with ``make -n``: nothing runs."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str) -> str:
    """The commands ``make TARGET`` would run, without running them."""
    # under `make test` the outer make's flags would add "Entering directory" lines: run it alone
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=ROOT, capture_output=True, text=True,
                          check=True, env=env)
    return done.stdout


def test_lab_passes_allow_root_only_as_root():
    # containers run as root, where JupyterLab refuses to start without --allow-root
    lab = next(line for line in planned("lab").splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in lab) == (os.geteuid() == 0), lab


def test_report_says_how_to_get_accord_on_the_path():
    # the README's loop calls `accord`, which `make report` installs in .venv/bin, off the PATH
    report = planned("report")
    assert report.count("source .venv/bin/activate") == 1, report
    assert report.rstrip().splitlines()[-1].startswith("echo"), report  # said last, after the report
