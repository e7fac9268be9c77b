"""Reading a Parquet dataset back (a folder of CSV or Parquet tables: :mod:`accord.dataset.source`)."""
from __future__ import annotations
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from .. import tables
from ..annotation import actor_rows, count_actors
from ..corrections import apply_corrections, parse_corrections
from ..errors import DatasetError
from ..engine import Engine
from .layout import CORRECTIONS, LEXICON, MARKER, SORT_KEYS, arrow_schema
from .snapshot import Snapshot, being_created, consistent_read
from .stored import read_stored


# --------------------------------------------------------------------------- reading


def _files(root: Path, name: str) -> list[Path]:
    base = root / name
    if not base.is_dir():
        raise DatasetError(f"{root}: no {name}/ table in this dataset")
    return sorted(p for p in base.rglob("*.parquet") if not p.name.startswith((".", "_")))


def column_values(root: Path, name: str, column: str) -> set:
    """The distinct values of one column of table ``name`` in the dataset at ``root`` (read alone, file by file)."""
    out: set = set()
    for p in _files(root, name):
        out.update(pq.read_table(p, columns=[column]).column(column).to_pylist())
    return out


def count_rows(root: Path, name: str) -> int:
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


def _arrow_tables(snap: Snapshot, names: Iterable[str]) -> dict[str, pa.Table]:
    """Tables ``names`` as state ``snap`` holds them; the actors table is the last finished run's."""
    out = {}
    for name in names:
        if name == "actors":  # rebuilt at the end of each run, not a batch's
            out[name] = pq.read_table(snap.root / "actors" / "actors.parquet", schema=arrow_schema(name))
        else:
            out[name] = snap.read(name, arrow_schema(name))
    return out


def _frame(name: str, table: pa.Table) -> pd.DataFrame:
    df = table.to_pandas()
    for col in tables.LIST_COLUMNS.get(name, ()):
        df[col] = [list(v) if v is not None else [] for v in df[col]]
    return tables.conform(name, canonical({name: df})[name])


def read_dataset(path: str | Path, names: Iterable[str] = tables.TABLE_NAMES,
                 report: list | None = None) -> dict[str, pd.DataFrame]:
    """The tables of a dataset as :func:`accord.annotate` returns them (validated, canonical order).

    The tables are those of one committed state of the manifest, even while a run writes
    the dataset (:mod:`accord.dataset.snapshot`); the actors table is that of the last run
    that finished. The dataset's stored corrections (``corrections.yaml``, see
    :func:`accord.dataset.scale.annotate_dataset`) are applied to its relations and
    claims; the report of each correction is appended to ``report`` when given.
    """
    root = Path(path)
    if not is_dataset(root) and not being_created(root):  # a dataset being created: the snapshot says so
        raise DatasetError(f"{root}: not an accord dataset (no {MARKER})")
    names = list(names)
    corrected = (root / CORRECTIONS).is_file() and bool({"relations", "claims", "errors", "actors"} & set(names))
    needed = [*names, *(n for n in ("documents", "relations", "claims", "errors") if corrected and n not in names)]
    raw = consistent_read(root, lambda snap: _arrow_tables(snap, needed))
    out = {name: _frame(name, table) for name, table in raw.items()}
    if corrected:
        out = _corrected(root, out, names, report)
    return out


def dataset_engine(path: str | Path) -> Engine:
    """The engine (its lexicon; the pipeline waits for first use) a dataset was annotated with: the
    analyst's lexicon it keeps (``lexicon.yaml``) over the packaged one, or the packaged one alone."""
    kept = Path(path) / LEXICON
    return Engine.load(kept if kept.is_file() else None, pipeline=False)


def _corrected(root: Path, out: dict[str, pd.DataFrame], names: list[str], report: list | None) -> dict:
    """``out`` with the stored corrections applied; codes they bring are added to the actors table."""
    # the lexicon the dataset was annotated with (the analyst's, kept in the dataset, over the packaged one)
    # gives PLOVER classes and actor names; codes were checked with it when the file was stored
    lex = dataset_engine(root).lexicon
    stored = read_stored(root)
    if stored is None:  # removed since the check above
        return {name: out[name] for name in names}
    # named as the analyst's file while it is unchanged; names take the codes they resolved to when stored
    fixes = parse_corrections(stored.data, stored.label(root), lex, check_codes=False, names=stored.names)
    full, rep = apply_corrections(dict(out), fixes, lex)
    if report is not None:
        report.append(rep)
    if "actors" in full:
        counts = Counter()
        for name in ("relations", "claims"):
            count_actors(name, full[name], counts)
        new = {code: 0 for code in counts if code not in set(full["actors"]["actor_id"])}
        if new:
            rows = [*full["actors"].to_dict("records"), *actor_rows(Counter(new), lex)]
            full["actors"] = tables.frame("actors", sorted(rows, key=lambda r: r["actor_id"]))
    return {name: full[name] for name in names}
