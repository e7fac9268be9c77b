"""The tables accord produces, their pandera schemas, and their writers.

Six tables: documents, mentions, actors, relations, claims and errors. Every
annotation row carries ``doc_id``, ``sent_id``, character offsets ``start``/``end``
into the document text and the ``evidence`` sentence, so it points back to the
exact words of its source. Columns that hold several actor codes are Python
lists in pandas and ";"-joined in CSV.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd
import pandera.pandas as pa

from .errors import ParameterError

TABLE_NAMES = ("documents", "mentions", "actors", "relations", "claims", "errors")
RELATION_STATUSES = ("reported", "alleged", "denied", "negated", "planned", "hypothetical")


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
    schema = SCHEMAS[name]
    cols = list(schema.columns)
    df = pd.DataFrame(list(rows), columns=cols)
    for col, spec in schema.columns.items():
        dtype = str(spec.dtype)
        if dtype == "Int64":
            df[col] = pd.to_numeric(df[col]).astype("Int64")
        elif dtype.startswith("float"):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
        elif dtype.startswith(("str", "string")):
            df[col] = df[col].astype("str")  # None stays missing
    return validate(name, df)


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate ``df`` against the schema of table ``name``; raises pandera's SchemaError."""
    return SCHEMAS[name].validate(df)


def to_csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with list columns ";"-joined, as written to CSV."""
    out = df.copy()
    for col in LIST_COLUMNS.get(name, ()):
        out[col] = out[col].map(";".join)
    return out


def from_csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Inverse of :func:`to_csv_frame`: split ";"-joined list columns back into lists."""
    out = df.copy()
    for col in LIST_COLUMNS.get(name, ()):
        out[col] = out[col].map(lambda v: [] if pd.isna(v) or v == "" else str(v).split(";"))
    return out


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | Path, fmt: str = "csv") -> list[Path]:
    """Write each table to ``out_dir/NAME.csv`` (or ``.parquet``); returns the paths written.

    Raises :class:`~accord.errors.ParameterError` for a format other than csv or parquet.
    """
    if fmt not in ("csv", "parquet"):
        raise ParameterError(f"{out_dir}: unknown table format {fmt!r}: use 'csv' or 'parquet'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLE_NAMES:
        df = tables[name]
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            to_csv_frame(name, df).to_csv(path, index=False, lineterminator="\n")
        else:
            df.to_parquet(path, index=False)
        written.append(path)
    return written

