"""The ``accord`` command line: annotate, evaluate, report, actors, search, export, learn.

Each subcommand lives in its own module, which provides ``add_arguments(parser)``
and ``run(args) -> int``; this module only wires them together, importing a
module when its subcommand is used (the Jupyter stack costs seconds at import).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from ..errors import AccordError
from ..terminal import printable

__all__ = ["COMMANDS", "build_parser", "main"]

# what `accord --help` says: plain text, as a terminal shows it (the module docstring is reStructuredText)
DESCRIPTION = "accord: annotate news articles into tables of actors, claims and relations, and report on them."
EPILOG = "Run 'accord COMMAND --help' for the options of one command."

# subcommand -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "annotate": ("accord.cli.annotate", "annotate a corpus and write its tables"),
    "evaluate": ("accord.cli.evaluate", "score the annotator against gold standards"),
    "report": ("accord.cli.report", "run a notebook with papermill and write an HTML report"),
    "actors": ("accord.cli.actors", "list the names the lexicon does not know and write a lexicon stub"),
    "search": ("accord.cli.search", "find relations and claims by words in their evidence, actor and date"),
    "export": ("accord.cli.export", "write the tables to an Excel workbook, one sheet per table"),
    "learn": ("accord.cli.learn", "train the event model on the open corpus plus an analyst's corrections, "
                                  "measured before it is written"),
}


def build_parser(argv: Sequence[str]) -> tuple[argparse.ArgumentParser, object | None]:
    """The parser; only the module of the chosen subcommand is imported."""
    parser = argparse.ArgumentParser(prog="accord", description=DESCRIPTION, epilog=EPILOG)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    module = None
    for name, (mod_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            module = importlib.import_module(mod_name)
            module.add_arguments(p)
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``accord`` script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, module = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(module.run(args) or 0)
    except AccordError as exc:
        print(f"accord {args.command}: error: {printable(exc, newlines=True)}", file=sys.stderr)
        return 2

