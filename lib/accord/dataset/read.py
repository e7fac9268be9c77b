"""Reading tables back: a Parquet dataset, or a folder of CSV or Parquet files."""
from __future__ import annotations
from pathlib import Path
from typing import Iterable, Mapping
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from .. import tables
from ..errors import DatasetError, InputError
from .layout import MARKER, SORT_KEYS, arrow_schema


# --------------------------------------------------------------------------- reading


def _files(root: Path, name: str) -> list[Path]:
    base = root / name
    if not base.is_dir():
        raise DatasetError(f"{root}: no {name}/ table in this dataset")
    return sorted(p for p in base.rglob("*.parquet") if not p.name.startswith((".", "_")))


def _read_table(root: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    schema = arrow_schema(name)
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    parts = [pq.read_table(p, columns=columns, schema=schema) for p in _files(root, name)]
    table = pa.concat_tables(parts) if parts else schema.empty_table()
    return table.to_pandas()


def _count_rows(root: Path, name: str) -> int:
    return sum(pq.ParquetFile(p).metadata.num_rows for p in _files(root, name))


def is_dataset(path: str | Path) -> bool:
    """Whether ``path`` is a dataset folder written by accord."""
    return (Path(path) / MARKER).is_file()


def canonical(result: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables in a canonical row order: by doc_id (rows of one document in engine order).

    The order of documents in a dataset depends on which batch finished first, so
    a dataset and an in-memory result are compared in this order.
    """
    out = {}
    for name, df in result.items():
        keys = [k for k in SORT_KEYS.get(name, []) if k in df.columns]
        if keys:
            df = df.sort_values(keys, kind="stable", na_position="first")
        out[name] = df.reset_index(drop=True)
    return out


def read_dataset(path: str | Path, names: Iterable[str] = tables.TABLE_NAMES) -> dict[str, pd.DataFrame]:
    """The tables of a dataset as :func:`accord.annotate` returns them (validated, canonical order)."""
    root = Path(path)
    if not is_dataset(root):
        raise DatasetError(f"{root}: not an accord dataset (no {MARKER})")
    out = {}
    for name in names:
        df = _read_table(root, name)
        for col in tables.LIST_COLUMNS.get(name, ()):
            df[col] = [list(v) if v is not None else [] for v in df[col]]
        df = canonical({name: df})[name]
        out[name] = tables.frame(name, df.to_dict("records"))
    return out

def read_tables(in_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read tables written by :func:`write_tables` (CSV or Parquet files), or a Parquet dataset
    written by ``accord annotate --format parquet``, back into validated frames."""
    if is_dataset(in_dir):
        return read_dataset(in_dir)
    base = Path(in_dir)
    out = {}
    for name in tables.TABLE_NAMES:
        parquet, csv = base / f"{name}.parquet", base / f"{name}.csv"
        if parquet.exists():
            df = pd.read_parquet(parquet)
            for col in tables.LIST_COLUMNS.get(name, ()):
                df[col] = df[col].map(list)
        elif csv.exists():
            df = tables.from_csv_frame(name, pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""]))
        else:
            raise InputError(base, f"no {name}.csv or {name}.parquet")
        out[name] = tables.frame(name, df.to_dict("records"))
    return out
