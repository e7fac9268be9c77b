"""``accord export``: any source of tables (a corpus is annotated now) to an Excel workbook, one sheet per table."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``accord export``."""
    parser.add_argument("source", help="a Parquet dataset or a folder of CSV/Parquet tables (accord annotate --out), "
                                       "or a corpus (file, folder, glob, JSONL), annotated now")
    parser.add_argument("--lexicon", default=None, help="an analyst's lexicon to annotate a corpus with")
    parser.add_argument("--xlsx", required=True, metavar="FILE",
                        help="the Excel workbook to write (one sheet per table; no cell runs as a formula)")


def run(args: argparse.Namespace) -> int:
    """Write the workbook; prints where."""
    from ..dataset.export import export_xlsx
    from ..terminal import printable

    path = export_xlsx(args.source, args.xlsx, lexicon=args.lexicon)
    print(f"wrote {printable(path)}")
    return 0
