"""The tables as one Excel workbook, one sheet per table, safe to open: no cell runs as a formula.

Excel's limits are kept with a trace: a cell longer than 32,767 characters is cut
and says so, a table longer than a sheet continues on the next sheet
(``mentions``, ``mentions (2)``), and control characters that the file format
cannot hold become U+FFFD.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from .. import tables
from ..io import write_file_atomic
from ..errors import InputError, OutputError, is_no_space
from .source import open_tables

MAX_CELL = 32_767
MAX_ROWS = 1_048_576 - 1  # one row is the header
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = _ILLEGAL.sub("\ufffd", value)
        if len(value) > MAX_CELL:
            note = f" [cut: {len(value):,} characters, Excel holds {MAX_CELL:,}]"
            value = value[:MAX_CELL - len(note)] + note
    return value


def export_xlsx(source: str | Path | Mapping[str, pd.DataFrame], out: str | Path,
                max_rows: int = MAX_ROWS, lexicon: Any = None) -> Path:
    """Write the six tables of ``source`` to the Excel workbook ``out``; returns its path.

    ``out`` is replaced whole, through a temporary file no one else can name; a folder
    there, a full disk or a file-size limit raise :class:`~accord.errors.OutputError`
    and leave nothing behind (an earlier workbook stays as it was).

    ``source`` is any source of tables :func:`accord.open_tables` opens: a dict of tables (as
    :func:`accord.annotate` returns), a Parquet dataset, a folder of CSV/Parquet tables, or a
    corpus, annotated now with ``lexicon`` (a file, a Lexicon or the run's
    :class:`~accord.engine.Engine`). Text cells are neutralised
    (:func:`accord.tables.neutralise_frame`) and lists of codes ";"-joined.
    """
    from openpyxl import Workbook  # imported here: only this command needs it

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InputError(out, "the Excel workbook must end in .xlsx")
    if out.is_dir():
        raise OutputError(out, "is a folder; give the workbook's file name, e.g. tables.xlsx")
    data = open_tables(source, lexicon)
    wb = Workbook(write_only=True)
    for name in tables.TABLE_NAMES:
        df = tables.neutralise_frame(data[name])
        chunks = [df.iloc[i:i + max_rows] for i in range(0, len(df), max_rows)] or [df]
        for n, chunk in enumerate(chunks, start=1):
            ws = wb.create_sheet(name if n == 1 else f"{name} ({n})")
            ws.append(list(chunk.columns))
            for row in chunk.itertuples(index=False, name=None):
                ws.append([None if _missing(v) else _cell(v) for v in row])
    # built in memory (compressed, smaller than the tables already held): a write that fails
    # midway would leave openpyxl's writers half-closed, to complain at exit
    buf = io.BytesIO()
    wb.save(buf)
    try:  # a reader never sees half a workbook, and a full disk leaves no part of one
        write_file_atomic(out, lambda fh: fh.write(buf.getbuffer()))
    except OSError as exc:
        problem = "the disk is full" if is_no_space(exc) else "cannot be written"
        raise OutputError(out, f"{problem} ({exc.strerror or exc}); nothing was written") from None
    return out


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
