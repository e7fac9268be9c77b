"""``accord export``: a dataset or a folder of tables to an Excel workbook, one sheet per table."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``accord export``."""
    parser.add_argument("source", help="a Parquet dataset or a folder of CSV/Parquet tables (accord annotate --out)")
    parser.add_argument("--xlsx", required=True, metavar="FILE",
                        help="the Excel workbook to write (one sheet per table; no cell runs as a formula)")


def run(args: argparse.Namespace) -> int:
    """Write the workbook; prints where."""
    from ..dataset.export import export_xlsx
    from ..terminal import printable

    path = export_xlsx(args.source, args.xlsx)
    print(f"wrote {printable(path)}")
    return 0
