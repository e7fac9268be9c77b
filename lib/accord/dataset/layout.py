"""The dataset's layout on disk: format marker, manifest, partitions, and the Arrow schema of each table."""
from __future__ import annotations
import io
from typing import Any
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from .. import tables


FORMAT = "accord-dataset/1"
MARKER = "_accord_dataset.json"
MANIFEST = "_manifest.sqlite"
LOCK = "_lock"
CORRECTIONS = "corrections.yaml"  # the analyst's corrections, applied whenever the dataset is read
PARTITION = "month"
UNDATED = "unknown"
PARTITIONED = ("documents", "mentions", "relations", "claims")
SORT_KEYS = {
    "documents": ["doc_id"],
    "mentions": ["doc_id"],
    "relations": ["doc_id"],
    "claims": ["doc_id"],
    "errors": ["path", "line", "doc_id", "stage", "error"],
    "actors": ["actor_id"],
}


# --------------------------------------------------------------------------- schemas


def _arrow_type(spec: Any, name: str, col: str) -> pa.DataType:
    if col in tables.LIST_COLUMNS.get(name, ()):
        return pa.list_(pa.string())
    dtype = str(spec.dtype)
    if dtype == "Int64":
        return pa.int64()
    if dtype.startswith("float"):
        return pa.float64()
    return pa.string()


def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of table ``name`` (same columns and order as ``tables.SCHEMAS``)."""
    schema = tables.SCHEMAS[name]
    return pa.schema([pa.field(col, _arrow_type(spec, name, col), nullable=True)
                      for col, spec in schema.columns.items()])


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """A validated in-memory table as an Arrow table with the fixed schema."""
    return pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)


def parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def month_of(date: str | None) -> str:
    """The partition of a document published on ``date`` (ISO): ``YYYY-MM`` or ``unknown``."""
    if isinstance(date, str) and len(date) >= 7 and date[4] == "-":
        return date[:7]
    return UNDATED
