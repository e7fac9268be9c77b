"""The tables accord produces, their pandera schemas, and their CSV form.

Six tables: documents, mentions, actors, relations, claims and errors. Every
annotation row carries ``doc_id``, ``sent_id``, character offsets ``start``/``end``
into the document text and the ``evidence`` sentence, so it points back to the
exact words of its source. Columns that hold several actor codes are Python
lists in pandas and ";"-joined in CSV. Writing them to a folder and reading them
back is :mod:`accord.dataset.source`.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd
import pandera.pandas as pa

from .labels import STATUSES

TABLE_NAMES = ("documents", "mentions", "actors", "relations", "claims", "errors")
RELATION_STATUSES = STATUSES  # defined once, from the data (accord.labels)


def _is_code_list(series: pd.Series) -> pd.Series:
    return series.map(lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))


def _list_col() -> pa.Column:
    return pa.Column(object, pa.Check(_is_code_list, error="must be a list of str"))


def _str(nullable: bool = False, **kw: Any) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


def _int(nullable: bool = False) -> pa.Column:
    return pa.Column("Int64", nullable=nullable)


def _table(name: str, columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    """A table's schema: exactly these columns, in this order."""
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=name)


def _offsets() -> dict[str, pa.Column]:
    return {
        "doc_id": _str(),
        "sent_id": pa.Column("Int64", pa.Check.ge(0)),
        "start": pa.Column("Int64", pa.Check.ge(0)),
        "end": pa.Column("Int64", pa.Check.ge(0)),
    }


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "documents": _table("documents", {
        "doc_id": _str(unique=True),
        "path": _str(),
        "title": _str(nullable=True),
        "date": _str(nullable=True),  # ISO date, YYYY-MM-DD
        "source": _str(nullable=True),
        "url": _str(nullable=True),
        "n_chars": _int(),
        "text": _str(),
    }),
    "mentions": _table("mentions", {
        **_offsets(),
        "text": _str(),
        "actor_id": _str(),
        "entity": _str(nullable=True),  # lexicon entry, e.g. the person named
        "kind": _str(),
    }),
    "actors": _table("actors", {
        "actor_id": _str(unique=True),
        "name": _str(),
        "kind": pa.Column(
            str, pa.Check.isin(["state", "igo", "bloc", "org", "person", "group", "unresolved"])
        ),
        "country": _str(nullable=True),
        "sector": _str(nullable=True),
        "n_mentions": pa.Column("Int64", pa.Check.ge(0)),
    }),
    "relations": _table("relations", {
        "relation_id": _str(unique=True),
        **_offsets(),
        "source": _list_col(),
        "target": _list_col(),
        "event_type": _str(),
        "mode": _str(nullable=True),
        "context": _str(nullable=True),
        "quad_class": pa.Column("Int64", pa.Check.isin([1, 2, 3, 4]), nullable=True),
        "score": pa.Column(float, nullable=True),
        "cameo": _str(nullable=True),
        "goldstein": pa.Column(float, nullable=True),
        "status": pa.Column(
            str,
            pa.Check.isin(list(RELATION_STATUSES)),
        ),
        "claim_id": _str(nullable=True),
        "date": _str(nullable=True),  # ISO date or YYYY-MM / YYYY when that is all the text gives
        "location": _str(nullable=True),  # the place where it happened, as written ("met in Bamako")
        "location_country": _str(nullable=True),  # that place's country code
        "trigger": _str(),
        "evidence": _str(),
        "corrected": _str(nullable=True),  # the analyst's correction that changed the row (accord.corrections)
    }),
    "claims": _table("claims", {
        "claim_id": _str(unique=True),
        **_offsets(),
        "source": _list_col(),
        "source_text": _str(nullable=True),
        "cue": _str(),
        "stance": _str(),
        "content": _str(),
        "quote": _str(nullable=True),
        "about": _list_col(),
        "relations": _list_col(),
        "contests": _str(nullable=True),
        "evidence": _str(),
        "corrected": _str(nullable=True),  # the analyst's correction that changed the row (accord.corrections)
    }),
    "errors": _table("errors", {
        "path": _str(),
        "line": _int(nullable=True),
        "doc_id": _str(nullable=True),
        "stage": pa.Column(str, pa.Check.isin(["read", "annotate", "correct"])),
        "error": _str(),
    }),
}

LIST_COLUMNS = {
    "relations": ("source", "target"),
    "claims": ("source", "about", "relations"),
}


def frame(name: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build table ``name`` from dict rows, with the schema's column order and dtypes, validated."""
    return conform(name, pd.DataFrame(list(rows), columns=list(SCHEMAS[name].columns)))


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Table ``name`` from a frame (one read back from CSV, Parquet or a dataset): the schema's columns
    in its order (a missing one empty), its dtypes, validated; the frame is not rebuilt row by row."""
    schema = SCHEMAS[name]
    df = df.reindex(columns=list(schema.columns)).reset_index(drop=True)
    for col, spec in schema.columns.items():
        dtype = str(spec.dtype)
        if dtype == "Int64":
            df[col] = pd.to_numeric(df[col]).astype("Int64")
        elif dtype.startswith("float"):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
        elif dtype.startswith(("str", "string")):
            df[col] = df[col].astype("str")  # None stays missing
        elif dtype == "object" and df[col].dtype != object:  # an empty list column read back
            df[col] = df[col].astype(object)
    return validate(name, df)


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate ``df`` against the schema of table ``name``; raises pandera's SchemaError."""
    return SCHEMAS[name].validate(df)


# -- spreadsheet safety (OWASP "CSV injection") --------------------------------------------
# A cell opening with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"  # the prefix OWASP recommends: the spreadsheet shows the text, never evaluates it


def neutralise_cell(value: Any) -> Any:
    """A text cell made safe to open in a spreadsheet: ``'`` before a formula-like start.

    Text opening with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    single quote, as OWASP recommends; so does text already opening with a single quote,
    so that :func:`restore_cell` gives back the exact text. Other values are unchanged.
    """
    if isinstance(value, str) and value[:1] in (*FORMULA_STARTS, _QUOTE) and value:
        return _QUOTE + value
    return value


def restore_cell(value: Any) -> Any:
    """Inverse of :func:`neutralise_cell`."""
    if isinstance(value, str) and value.startswith(_QUOTE):
        return value[1:]
    return value


def text_columns(name: str) -> list[str]:
    """The columns of table ``name`` that hold text (list columns included, once joined)."""
    return [col for col, spec in SCHEMAS[name].columns.items()
            if col in LIST_COLUMNS.get(name, ()) or str(spec.dtype).startswith(("str", "string"))]


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of any frame (one of the six tables, search hits) whose text cells cannot run as formulas.

    OWASP's rule for CSV injection (:func:`neutralise_cell`): article text is data and must never run
    in a spreadsheet. Numbers (a negative Goldstein score), booleans and dates stay as they are; lists
    (columns of actor codes) are ";"-joined first, as in the CSV form, so that the joined text is
    what gets checked. pandas and Parquet keep the exact text.
    """
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype.kind in "biufcmM":  # numbers, booleans and dates cannot hold a formula
            continue
        out[col] = series.map(lambda v: neutralise_cell(";".join(map(str, v)) if isinstance(v, list) else v))
    return out


def to_csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` as written to CSV: list columns ";"-joined, text cells neutralised."""
    out = df.copy()
    for col in LIST_COLUMNS.get(name, ()):
        out[col] = out[col].map(";".join)
    return neutralise_frame(out)


def from_csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Inverse of :func:`to_csv_frame`: text cells restored, ";"-joined list columns split back into lists."""
    out = df.copy()
    for col in text_columns(name):
        if col in out.columns:
            out[col] = out[col].map(restore_cell)
    for col in LIST_COLUMNS.get(name, ()):
        out[col] = out[col].map(lambda v: [] if pd.isna(v) or v == "" else str(v).split(";"))
    return out
