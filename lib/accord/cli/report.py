"""``accord report``: the arguments; the run itself is :func:`accord.report.run.run`."""
from __future__ import annotations
import argparse
from ..report.parameters import DEFAULT_NOTEBOOK
from ..report.run import run  # noqa: F401 -- the subcommand's entry point


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", nargs="?", default=None,
                        help=f"notebook to run (default: {DEFAULT_NOTEBOOK})")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter; VALUE is read as YAML (e.g. -p focus '[RUS, PRK]'); "
                             "a path (corpus, lexicon) is relative to the folder where accord runs")
    parser.add_argument("-f", "--parameters-file", action="append", default=[], metavar="PARAMS.yaml",
                        help="YAML mapping of parameters (several allowed; -p wins; paths in it are relative "
                             "to the folder where accord runs)")
    parser.add_argument("--out", required=True, metavar="DIR", help="report folder (replaced only on success)")
    parser.add_argument("--no-png", action="store_true", help="skip the PNG files (no chromium needed)")
    parser.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                        help="time limit of one notebook cell (default 600)")
