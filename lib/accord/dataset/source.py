"""A source of tables, decided once by what is on disk; and writing tables to a folder.

* :func:`open_tables` -- the tables of any source: a dict of tables as it is; a Parquet dataset
  (``accord annotate --format parquet``) or a folder of CSV or Parquet tables, read back; anything
  else is a corpus (a file, folder, glob or JSONL file), annotated now. The command line
  (``accord actors``, ``search``, ``export``) and the notebooks all open their source here;
* :func:`source_kind` -- which of those a path is;
* :func:`read_tables` and :func:`write_tables` -- a folder of tables (or a dataset) read back as
  validated frames, and written at once (:mod:`accord.io`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, Mapping

import pandas as pd

from .. import tables
from ..errors import InputError, OutputError, ParameterError, is_no_space
from ..io import locked, replace_folder, staging_folder
from ..readers.files import nearest_sibling
from ..tables import TABLE_NAMES
from .read import being_created, is_dataset, read_dataset

__all__ = ["TABLE_FILES", "SourceKind", "source_kind", "open_tables", "read_tables", "write_tables"]

SourceKind = Literal["dataset", "tables", "corpus"]


#: the files a folder of tables holds (``NAME.csv`` or ``NAME.parquet`` for each of the six tables)
TABLE_FILES = frozenset(f"{name}.{fmt}" for name in TABLE_NAMES for fmt in ("csv", "parquet"))


def source_kind(source: str | os.PathLike) -> SourceKind:
    """What ``source`` is on disk: a Parquet dataset (its marker, or one being created), a folder of
    tables (one of the six tables' files in it, e.g. ``documents.csv``; :func:`read_tables` then
    names any table missing), or else a corpus to annotate."""
    path = Path(source)
    if is_dataset(path) or being_created(path):
        return "dataset"
    if path.is_dir() and any((path / name).is_file() for name in TABLE_FILES):
        return "tables"
    return "corpus"


def open_tables(source: Any, lexicon: Any = None, progress: bool = False) -> dict[str, pd.DataFrame]:
    """The six tables of ``source``, whatever it is (see :func:`source_kind`).

    A dict of tables is returned as it is; a dataset or a folder of tables is read back
    (:func:`read_tables`); a corpus (a path, a documents table, Documents) is annotated with
    ``lexicon`` (a file, a Lexicon or the run's :class:`~accord.engine.Engine`). A path that does
    not exist raises :class:`~accord.errors.InputError` naming it (and the nearest name beside it).
    """
    from ..annotation import annotate

    if isinstance(source, Mapping):
        return dict(source)
    if isinstance(source, (str, os.PathLike)) and source_kind(source) != "corpus":
        return read_tables(source)
    return annotate(source, lexicon=lexicon, progress=progress)


def read_tables(in_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read tables written by :func:`write_tables` (CSV or Parquet files), or a Parquet dataset
    written by ``accord annotate --format parquet``, back into validated frames."""
    if source_kind(in_dir) == "dataset":
        return read_dataset(in_dir)
    base = Path(in_dir)
    if not base.exists():  # a misspelt path, not a folder that lacks a table
        near = nearest_sibling(base)
        raise InputError(base, "does not exist" + (f" (did you mean {near}?)" if near else ""))
    out = {}
    for name in TABLE_NAMES:
        parquet, csv = base / f"{name}.parquet", base / f"{name}.csv"
        if parquet.exists():
            df = pd.read_parquet(parquet)
            for col in tables.LIST_COLUMNS.get(name, ()):
                df[col] = df[col].map(list)
        elif csv.exists():
            df = tables.from_csv_frame(name, pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""]))
        else:
            raise InputError(base, f"no {name}.csv or {name}.parquet")
        out[name] = tables.conform(name, df)
    return out



def _write_file(path: Path, name: str, df: pd.DataFrame, fmt: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") if fmt == "csv" else open(path, "wb") as fh:
        if fmt == "csv":
            # RFC 4180 line ends: the csv module then quotes a cell holding a lone CR, which would
            # otherwise end the row early for pandas and spreadsheets
            tables.to_csv_frame(name, df).to_csv(fh, index=False, lineterminator="\r\n")
        else:
            df.to_parquet(fh, index=False)
        fh.flush()
        os.fsync(fh.fileno())


def write_tables(result: Mapping[str, pd.DataFrame], out_dir: str | Path, fmt: str = "csv") -> list[Path]:
    """Write each table to ``out_dir/NAME.csv`` (or ``.parquet``); returns the paths written.

    The run's tables are written to a temporary folder beside ``out_dir`` and swapped
    in at once, so ``out_dir`` holds either the previous run's tables or this run's,
    never a mix; a full disk raises :class:`~accord.errors.OutputError` and leaves the
    previous tables whole. One writer at a time (a lock file ``.NAME.lock`` beside the
    folder). CSV text cells are neutralised for spreadsheets (:func:`accord.tables.neutralise_cell`).

    Raises :class:`~accord.errors.ParameterError` for a format other than csv or parquet,
    :class:`~accord.errors.OutputError` for a folder holding other files than tables.
    """
    if fmt not in ("csv", "parquet"):
        raise ParameterError(f"{out_dir}: unknown table format {fmt!r}: use 'csv' or 'parquet'")
    out = Path(out_dir)
    with locked(out):
        if out.exists():
            if not out.is_dir():
                raise OutputError(out, "not a folder")
            foreign = sorted(p.name for p in out.iterdir() if p.name not in TABLE_FILES)
            if foreign:
                raise OutputError(out, f"holds other files than accord's tables ({', '.join(foreign[:3])}"
                                       f"{', ...' if len(foreign) > 3 else ''}); choose an empty or new folder")
        with staging_folder(out) as stage:
            for name in TABLE_NAMES:
                try:
                    _write_file(stage / f"{name}.{fmt}", name, result[name], fmt)
                except OSError as exc:
                    if not is_no_space(exc):
                        raise
                    raise OutputError(out, f"the disk is full: writing {name}.{fmt} failed ({exc.strerror or exc}); "
                                           "the previous tables are unchanged") from None
            replace_folder(stage, out)
    return [out / f"{name}.{fmt}" for name in TABLE_NAMES]
