"""Any frame made safe for spreadsheets: article text is data and must never run as a formula.

OWASP's rule for CSV injection: a cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a
formula (or the start of one); a leading apostrophe makes it plain text.
"""
from __future__ import annotations

import pandas as pd

from .tables import neutralise_cell  # the one rule, shared with the CSV tables


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of any frame (a table, search hits) whose text cells cannot run as formulas.

    Numbers are left as they are. Lists (columns of actor codes) are joined with ";"
    first, as in the CSV form, so that the joined text is what gets checked. For the six
    tables by name, :func:`accord.tables.neutralise_frame` does the same from their schemas.
    """
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype.kind in "biufcmM":  # numbers, booleans and dates cannot hold a formula
            continue
        out[col] = series.map(lambda v: neutralise_cell(";".join(map(str, v)) if isinstance(v, list) else v))
    return out
