"""The dataset's layout on disk: format marker, manifest, partitions, and the Arrow schema of each table."""
from __future__ import annotations
import hashlib
import io
import json
from typing import Any, Collection, Mapping
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from .. import tables


FORMAT = "accord-dataset/1"
MARKER = "_accord_dataset.json"
MANIFEST = "_manifest.sqlite"
LOCK = "_lock"
PENDING = ".pending-"  # a part file's name prefix until its batch's files are published
CORRECTIONS = "corrections.yaml"  # the analyst's corrections, applied whenever the dataset is read
CORRECTIONS_META = "corrections.json"  # where they came from, and the codes of the names they give
LEXICON = "lexicon.yaml"  # the analyst's lexicon the dataset was annotated with: the corrections are applied with it
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


def pending_name(rel: str) -> str:
    """The hidden name part file ``rel`` has from its writing until its batch is published."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/{PENDING}{name}"


def row_key(row: Mapping[str, Any], kind: str, lexicon_version: str) -> str:
    """The key of a documents row (kind ``D``) or errors row (``E``) under a lexicon version."""
    payload = json.dumps(dict(row), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{lexicon_version}\0{kind}\0{payload}".encode()).hexdigest()[:32]


def superseded(rel: str, table: pa.Table, doc_ids: Collection[str], error_keys: Collection[str],
               lexicon_version: str) -> list[bool]:
    """Which rows of part file ``rel`` (read as ``table``) the manifest marks for removal: those of
    documents ``doc_ids`` annotated again since, and the read errors of keys ``error_keys``."""
    drop = [d in doc_ids for d in table.column("doc_id").to_pylist()]
    if rel.startswith("errors/"):
        drop = [(x and r["stage"] == "annotate") or (r["stage"] == "read" and row_key(r, "E", lexicon_version)
                                                     in error_keys)
                for x, r in zip(drop, table.to_pylist())]
    return drop
