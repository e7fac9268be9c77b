"""Cells made safe for spreadsheets: article text is data and must never run as a formula.

OWASP's rule for CSV injection: a cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a
formula (or the start of one); a leading apostrophe makes it plain text.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot run as formulas (numbers are left as they are).

    Lists (columns of actor codes) are joined with ";" first, as in the CSV form,
    so that the joined text is what gets checked.
    """
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype.kind in "biufcmM":  # numbers, booleans and dates cannot hold a formula
            continue
        out[col] = series.map(lambda v: neutralise(";".join(map(str, v)) if isinstance(v, list) else v))
    return out
