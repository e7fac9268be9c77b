"""What a reader of a dataset reads: the state one commit of the manifest describes, even while a run writes.

A run commits batch after batch (see :mod:`accord.dataset.store`): it writes a batch's part
files under hidden names, records them in the manifest (the commit point), then renames
them one by one; a document annotated again has its old rows removed from the batch that
held them afterwards. A reader that listed the visible files of each table in turn saw
batches committed between two tables, and half-renamed ones (issue 22, item 9).

So a reader takes the manifest's state in one read transaction: the committed batches'
files, and the rows still to be pruned. It reads only those files (a file not renamed
yet under its hidden name), leaves out the rows to be pruned, and checks at the end that
the manifest did not change meanwhile (a prune rewrites a file in place); if it did, it
reads again.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import DatasetError
from .layout import LOCK, MANIFEST, MARKER, pending_name, superseded

#: How many times a read is tried again when a run commits while it reads.
ATTEMPTS = 8

T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """A committed state of a dataset: its part files, and the rows a prune has yet to remove."""

    root: Path
    lexicon_version: str
    files: dict[str, str]  # part file (relative to the root) -> its batch
    stale: dict[str, frozenset[str]]  # batch -> documents annotated again since
    stale_errors: dict[str, frozenset[str]]  # batch -> keys of read errors no longer seen

    def read(self, name: str, schema: pa.Schema) -> pa.Table:
        """Table ``name`` as this state holds it (columns of ``schema``)."""
        parts = []
        for rel, batch in sorted(self.files.items()):
            if rel.split("/", 1)[0] != name:
                continue
            table = _read_part(self.root, rel, schema)
            doc_ids, keys = self.stale.get(batch, frozenset()), self.stale_errors.get(batch, frozenset())
            if doc_ids or keys:
                table = table.filter(pa.array([not x for x in superseded(rel, table, doc_ids, keys,
                                                                          self.lexicon_version)], pa.bool_()))
            parts.append(table)
        return pa.concat_tables(parts) if parts else schema.empty_table()


def _read_part(root: Path, rel: str, schema: pa.Schema) -> pa.Table:
    """A committed part file, under its visible name or, until its batch is published, its hidden one."""
    for candidate in (rel, pending_name(rel), rel):  # the rename may fall between the first two tries
        try:
            return pq.read_table(root / candidate, columns=schema.names, schema=schema)
        except FileNotFoundError:
            continue
    raise DatasetError(f"{root / rel}: the manifest lists this file, which is missing; the dataset is damaged")


def _connect(root: Path) -> sqlite3.Connection:
    manifest = root / MANIFEST
    if not (root / MARKER).is_file() or not manifest.is_file():
        raise DatasetError(f"{root}: this dataset is being created: no batch is committed yet; "
                           "read it once its run has committed a batch")
    error = None
    # read-only; a WAL database on a read-only folder needs its -shm file, which a writer that
    # closed took away: such a folder has no writer, and is read as immutable
    for mode in ("mode=ro", "immutable=1"):
        db = sqlite3.connect(f"{manifest.resolve().as_uri()}?{mode}", uri=True, isolation_level=None)
        try:
            _version(db)
            return db
        except sqlite3.Error as exc:
            db.close()
            error = exc
    raise DatasetError(f"{manifest}: cannot be read ({error})")


def _state(db: sqlite3.Connection, root: Path, lexicon_version: str) -> Snapshot:
    """The manifest's committed state, read in one transaction."""
    db.execute("BEGIN")
    try:
        files = {rel: batch for batch, listed in db.execute("SELECT batch_id, files FROM batches")
                 for rel in json.loads(listed)}
        stale: dict[str, set[str]] = {}
        for batch, doc_id in db.execute("SELECT batch_id, doc_id FROM stale"):
            stale.setdefault(batch, set()).add(doc_id)
        errors: dict[str, set[str]] = {}
        for batch, key in db.execute("SELECT batch_id, key FROM stale_errors"):
            errors.setdefault(batch, set()).add(key)
    finally:
        db.execute("COMMIT")
    return Snapshot(root, lexicon_version, files, {b: frozenset(d) for b, d in stale.items()},
                    {b: frozenset(k) for b, k in errors.items()})


def _version(db: sqlite3.Connection) -> int:
    """Changes whenever another connection (the writer) commits to the manifest."""
    return db.execute("PRAGMA data_version").fetchone()[0]


def consistent_read(root: str | Path, read: Callable[[Snapshot], T]) -> T:
    """``read(snapshot)`` of a committed state of the dataset at ``root``, taken again if a run
    commits or prunes while it reads (at most :data:`ATTEMPTS` times, else DatasetError)."""
    root = Path(root)
    with closing(_connect(root)) as db:
        lexicon_version = json.loads((root / MARKER).read_text()).get("lexicon_version", "")
        try:
            for _ in range(ATTEMPTS):
                before = _version(db)
                out = read(_state(db, root, lexicon_version))
                if _version(db) == before:
                    return out
        except sqlite3.Error as exc:
            raise DatasetError(f"{root / MANIFEST}: cannot be read ({exc})") from None
    raise DatasetError(f"{root}: a run committed batches all the time this dataset was read ({ATTEMPTS} tries); "
                       "read it again, or once the run has finished")


def being_created(root: str | Path) -> bool:
    """Whether ``root`` is a dataset folder a run has started to create (its lock, no marker yet)."""
    root = Path(root)
    return (root / LOCK).exists() and not (root / MARKER).exists()
