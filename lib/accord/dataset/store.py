"""A restartable Parquet dataset of accord's six tables.

Layout of a dataset folder::

    OUT/_accord_dataset.json              what this is: format, lexicon version, partitioning
    OUT/_manifest.sqlite                  the commit log: batches, and the documents they hold
    OUT/documents/month=2024-06/part-<batch>.parquet
    OUT/mentions/month=2024-06/part-<batch>.parquet
    OUT/relations/month=.../...           (likewise claims; month=unknown for undated documents)
    OUT/errors/part-<batch>.parquet
    OUT/actors/actors.parquet             rebuilt from the others at the end of each run
    OUT/corrections.yaml, lexicon.yaml    the analyst's corrections and lexicon, when given

Every Parquet file has the columns of the in-memory table (``accord.tables``) with
a fixed Arrow schema; ``month`` is a hive partition key, so pandas, Dask, DuckDB and
pyarrow read each table folder directly (they add ``month`` as a column).
:func:`read_dataset` returns exactly the tables :func:`accord.annotate` returns, in a
canonical row order (see :func:`canonical`).

Commit protocol (one writer at a time, held by a lock file). A batch of documents
is committed by

1. writing each of its part files under a hidden name (``.pending-part-….parquet``,
   which pandas, Dask, DuckDB and pyarrow ignore), flushed to disk;
2. one SQLite transaction that records the batch, its files, and the key of every
   document and error it holds. This transaction is the commit point;
3. renaming the hidden files to their visible names (atomic on POSIX).

So a reader never sees the rows of an uncommitted batch. A run killed at any
moment leaves committed batches plus hidden files: :meth:`Dataset.open` finishes
step 3 for committed batches and deletes every other hidden file and any part file
no committed batch lists, so the next run starts from committed state and
annotates every document whose key is not in the manifest. A document's key is a
hash of its documents-table row (id, path, metadata, text) and of the lexicon
version; an unchanged document is skipped, a changed one is annotated again and
its old rows are removed from the batch that held them (``_prune``, idempotent).
"""
from __future__ import annotations
import datetime as _dt
import errno
import json
import os
import sqlite3
from collections import Counter
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Mapping
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from .. import tables
from ..io import TMP_PREFIX, fsync_dir, write_file_atomic
from ..annotation import ACTOR_COLUMNS, actor_rows, count_actors
from ..errors import DatasetError, is_no_space
from .layout import (FORMAT, LOCK, MANIFEST, MARKER, PARTITION, PARTITIONED, PENDING, UNDATED, arrow_schema, month_of,
                     parquet_bytes, pending_name, row_key, superseded, to_arrow)
from .read import count_rows
from .version import mismatch


_TMP = TMP_PREFIX


def item_key(item: Any, lexicon_version: str) -> str:
    """Key of a Document (its documents-table row) or ReadError (its errors row) under a lexicon.

    A document's path enters the key resolved (absolute, symlinks followed), so the
    same corpus given as ``corpus/`` or ``/data/corpus`` is the same documents. A read
    error's key is its row as stored, so that :meth:`Dataset.prune` can find the row again.
    """
    kind = "D" if hasattr(item, "text") else "E"
    row = item.as_row()
    if kind == "D" and row["path"] and not row["path"].startswith("<"):
        row["path"] = os.path.realpath(row["path"])
    return row_key(row, kind, lexicon_version)


def batch_parts(frames: Mapping[str, pd.DataFrame]) -> list[tuple[str, str | None, bytes]]:
    """Split a batch's validated tables by month: ``[(table, month or None, parquet bytes)]``."""
    docs = frames["documents"]
    month = dict(zip(docs["doc_id"], (month_of(d) for d in docs["date"].tolist())))
    parts = []
    for name in (*PARTITIONED, "errors"):
        df = frames[name]
        if not len(df):
            continue
        if name not in PARTITIONED:
            parts.append((name, None, parquet_bytes(to_arrow(name, df))))
            continue
        months = df["doc_id"].map(month)
        for m in sorted(set(months)):
            part = df[months == m].reset_index(drop=True)
            parts.append((name, m, parquet_bytes(to_arrow(name, part))))
    return parts


# --------------------------------------------------------------------------- files


def _write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a new hidden temporary file (:func:`accord.io.write_file_atomic`)."""
    write_file_atomic(path, lambda fh: fh.write(data), durable)


# errno values that mean "not yours to write": permissions, or a read-only file system
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextmanager
def _disk_errors(root: Path, what: str) -> Iterator[None]:
    """Say a full disk or an unwritable manifest in accord's words, naming the file."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        path = root / MANIFEST if isinstance(exc, sqlite3.Error) else getattr(exc, "filename", None) or root
        if (isinstance(exc, OSError) and exc.errno in _DENIED) or \
                str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
            reason = exc.strerror if isinstance(exc, OSError) else "read-only"
            raise DatasetError(f"{path}: cannot be written ({reason}) while {what}: this user may not write "
                               "this dataset; annotate into a folder you may write") from None
        if is_no_space(exc):
            problem = "the disk is full"
        elif str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_IOERR"):  # SQLite hides the OS's reason
            problem = "the disk is full or cannot be written"
        else:
            problem = "cannot be written"
        raise DatasetError(f"{path}: {problem} ({exc}) while {what}; the dataset keeps every batch "
                           "committed before, and the next run goes on from there") from None


def _part_path(name: str, month: str | None, batch_id: str) -> str:
    if month is None:
        return f"{name}/part-{batch_id}.parquet"
    return f"{name}/{PARTITION}={month}/part-{batch_id}.parquet"


# --------------------------------------------------------------------------- dataset


class Dataset:
    """A dataset folder open for writing by this process (see the module docstring)."""

    def __init__(self, root: Path, lexicon_version: str, durable: bool = True, lexicon_file: str | None = None) -> None:
        self.root = root
        self.lexicon_version = lexicon_version
        self.lexicon_file = lexicon_file
        self.durable = durable
        self._lock_fh = None
        self.db: sqlite3.Connection | None = None

    # --- opening
    @classmethod
    def open(cls, root: str | Path, lexicon_version: str, overwrite: bool = False, durable: bool = True,
             lexicon_file: str | None = None) -> "Dataset":
        """Open (creating it if needed) the dataset at ``root`` for a run with this lexicon.

        Takes the writer's lock, deletes what an interrupted run left uncommitted, and
        finishes removing superseded rows. A folder that is not empty and not an accord
        dataset is refused; so is a dataset made with another lexicon version unless
        ``overwrite`` (which empties it first). ``lexicon_file``, the analyst's lexicon file
        of this run as given (None: the packaged lexicon alone), is recorded in the dataset,
        and a refusal names the file the dataset was made with.
        """
        root = Path(root)
        marker = root / MARKER
        if root.exists() and not root.is_dir():
            raise DatasetError(f"{root}: not a folder")
        if root.exists() and any(root.iterdir()) and not marker.exists():
            raise DatasetError(f"{root}: folder is not empty and holds no accord dataset ({MARKER}); "
                               "choose an empty or new folder")
        self = cls(root, lexicon_version, durable, lexicon_file)
        with _disk_errors(root, "opening the dataset"):
            root.mkdir(parents=True, exist_ok=True)
            self._lock()
        try:
            if marker.exists():
                meta = json.loads(marker.read_text())
                if meta.get("format") != FORMAT:
                    raise DatasetError(f"{root}: unknown dataset format {meta.get('format')!r} (expected {FORMAT})")
                if meta.get("lexicon_version") != lexicon_version:
                    if not overwrite:
                        raise DatasetError(f"{root}: {mismatch(meta, lexicon_version, lexicon_file)}")
                if overwrite:
                    self._empty()
            if not marker.exists():
                with _disk_errors(root, "creating the dataset"):
                    self._ensure_tables()  # readable from the first commit on, even if the run is killed
                    self._write_marker({})
            with _disk_errors(root, "opening the dataset"):
                self._connect()
                self.recover()
                self.prune()
        except BaseException:
            self.close()
            raise
        return self

    def _connect(self) -> None:
        """Open the manifest (creating its tables if needed)."""
        self.db = sqlite3.connect(self.root / MANIFEST, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL" if self.durable else "PRAGMA synchronous=OFF")
        self.db.executescript("""
                CREATE TABLE IF NOT EXISTS batches(batch_id TEXT PRIMARY KEY, files TEXT NOT NULL,
                    n_docs INTEGER NOT NULL, n_words INTEGER NOT NULL, committed TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS items(key TEXT PRIMARY KEY, doc_id TEXT, batch_id TEXT NOT NULL,
                    kind TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS items_doc ON items(doc_id);
                CREATE TABLE IF NOT EXISTS stale(batch_id TEXT NOT NULL, doc_id TEXT NOT NULL,
                    PRIMARY KEY(batch_id, doc_id));
                CREATE TABLE IF NOT EXISTS stale_errors(batch_id TEXT NOT NULL, key TEXT NOT NULL,
                    PRIMARY KEY(batch_id, key));
                CREATE TEMP TABLE seen(key TEXT PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS batch_actors(batch_id TEXT PRIMARY KEY, counts TEXT NOT NULL);
            """)

    def _lock(self) -> None:
        import fcntl

        fh = open(self.root / LOCK, "a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise DatasetError(f"{self.root}: another accord run is writing this dataset") from None
        self._lock_fh = fh

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _empty(self) -> None:
        import shutil

        for p in self.root.iterdir():
            if p.name == LOCK:
                continue
            shutil.rmtree(p) if p.is_dir() else p.unlink()

    def _write_marker(self, extra: dict[str, Any]) -> None:
        meta = {
            "format": FORMAT,
            "lexicon_version": self.lexicon_version,
            "lexicon_file": self.lexicon_file,
            "tables": list(tables.TABLE_NAMES),
            "partitioning": {"tables": list(PARTITIONED), "key": PARTITION,
                             "value": "published month YYYY-MM of the document, or 'unknown'"},
            "read_with": "accord.read_tables(path)",
            **extra,
        }
        _write_atomic(self.root / MARKER, (json.dumps(meta, indent=2) + "\n").encode(), self.durable)

    # --- state
    def committed_files(self) -> set[str]:
        files: set[str] = set()
        for (listed,) in self.db.execute("SELECT files FROM batches"):
            files.update(json.loads(listed))
        return files

    def _publish(self, files: Iterable[str]) -> None:
        """Rename a committed batch's hidden files to their visible names (idempotent)."""
        for rel in files:
            pending = self.root / pending_name(rel)
            if pending.exists():
                os.replace(pending, self.root / rel)
                if self.durable:
                    fsync_dir(pending.parent)

    def recover(self) -> list[str]:
        """Finish publishing committed batches; delete temporary files and files of uncommitted batches.

        Returns the files deleted.
        """
        keep = self.committed_files()
        self._publish(keep)
        removed = []
        for name in tables.TABLE_NAMES:
            base = self.root / name
            if not base.is_dir():
                continue
            for dirpath, _dirs, files in os.walk(base):
                for f in files:
                    p = Path(dirpath) / f
                    rel = p.relative_to(self.root).as_posix()
                    if f.startswith((_TMP, PENDING)) or (f.startswith("part-") and f != "part-empty.parquet"
                                              and name != "actors" and rel not in keep):
                        p.unlink()
                        removed.append(rel)
        for f in self.root.iterdir():
            if f.name.startswith(_TMP):
                f.unlink()
                removed.append(f.name)
        return removed

    def is_done(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM items WHERE key=?", (key,)).fetchone() is not None

    # --- writing
    def commit(self, batch_id: str, parts: Iterable[tuple[str, str | None, bytes]],
               items: Iterable[tuple[str, str | None, str]], n_docs: int = 0, n_words: int = 0,
               actors: Mapping[str, int] | None = None) -> None:
        """Commit a batch: write its files hidden, record it and its items (the commit point), then show its files.

        ``items`` are ``(key, doc_id, kind)`` with kind ``doc``, ``failed`` or ``read_error``.
        A full disk raises :class:`DatasetError` naming the file; the batch is then not committed.
        ``actors`` are the batch's actor counts (:func:`accord.annotation.count_actors` over its
        mentions, relations and claims), counted where the batch was annotated so that
        :meth:`finish` need not read the batch's files again; without them it does.
        """
        with _disk_errors(self.root, f"committing batch {batch_id}"):
            self._commit(batch_id, parts, list(items), n_docs, n_words, actors)

    def _commit(self, batch_id: str, parts: Iterable[tuple[str, str | None, bytes]],
                items: list[tuple[str, str | None, str]], n_docs: int, n_words: int,
                actors: Mapping[str, int] | None) -> None:
        files = []
        for name, month, data in parts:
            rel = _part_path(name, month, batch_id)
            _write_atomic(self.root / pending_name(rel), data, self.durable)
            files.append(rel)
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for key, doc_id, kind in items:
                if doc_id is not None and kind != "read_error":
                    # the same document, changed since (or annotated with another lexicon): supersede it
                    for (old_batch,) in db.execute(
                            "SELECT batch_id FROM items WHERE doc_id=? AND key!=? AND kind!='read_error'",
                            (doc_id, key)).fetchall():
                        db.execute("INSERT OR IGNORE INTO stale VALUES (?, ?)", (old_batch, doc_id))
                    db.execute("DELETE FROM items WHERE doc_id=? AND key!=? AND kind!='read_error'", (doc_id, key))
                db.execute("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?)", (key, doc_id, batch_id, kind))
            db.execute("INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?)",
                       (batch_id, json.dumps(files), n_docs, n_words,
                        _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")))
            db.execute("DELETE FROM batch_actors WHERE batch_id=?", (batch_id,))
            if actors is not None:
                db.execute("INSERT INTO batch_actors VALUES (?, ?)", (batch_id, json.dumps(dict(actors))))
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self._publish(files)
        if db.execute("SELECT 1 FROM stale LIMIT 1").fetchone():
            self.prune()

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already (it does so itself on a full disk)."""
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the error that brought us here says more

    def see(self, key: str) -> None:
        """Note that this run's corpus holds the item ``key`` (see :meth:`forget_unseen`)."""
        self.db.execute("INSERT OR IGNORE INTO temp.seen VALUES (?)", (key,))

    def forget_unseen(self, documents: bool = False) -> int:
        """Remove what this run did not see: the error rows of earlier runs, and with ``documents``
        the rows of documents no longer in the corpus. Call only after a whole corpus was seen.

        Errors belong to the run that found them: a file fixed since, or given by another
        path, no longer has its old error row. Returns the number of documents removed.
        """
        kinds = ("read_error", "failed", "doc") if documents else ("read_error", "failed")
        db = self.db
        with _disk_errors(self.root, "removing rows this run did not see"):
            unseen = db.execute(
                f"SELECT key, doc_id, batch_id, kind FROM items WHERE kind IN ({','.join('?' * len(kinds))}) "
                "AND key NOT IN (SELECT key FROM temp.seen)", kinds).fetchall()
            db.execute("BEGIN IMMEDIATE")
            try:
                for key, doc_id, batch_id, kind in unseen:
                    if kind == "read_error":
                        db.execute("INSERT OR IGNORE INTO stale_errors VALUES (?, ?)", (batch_id, key))
                    else:
                        db.execute("INSERT OR IGNORE INTO stale VALUES (?, ?)", (batch_id, doc_id))
                    db.execute("DELETE FROM items WHERE key=?", (key,))
                db.execute("COMMIT")  # what to remove is recorded; prune() removes it, now or at the next open
            except BaseException:
                self._rollback()
                raise
            self.prune()
        return sum(1 for *_, kind in unseen if kind == "doc")

    def prune(self) -> None:
        """Remove superseded documents' rows, and forgotten error rows, from the batches that held them (idempotent)."""
        stale: dict[str, set[str]] = {}
        for batch_id, doc_id in self.db.execute("SELECT batch_id, doc_id FROM stale").fetchall():
            stale.setdefault(batch_id, set()).add(doc_id)
        errors: dict[str, set[str]] = {}
        for batch_id, key in self.db.execute("SELECT batch_id, key FROM stale_errors").fetchall():
            errors.setdefault(batch_id, set()).add(key)
        for batch_id in sorted(set(stale) | set(errors)):
            doc_ids, keys = stale.get(batch_id, set()), errors.get(batch_id, set())
            row = self.db.execute("SELECT files FROM batches WHERE batch_id=?", (batch_id,)).fetchone()
            for rel in json.loads(row[0]) if row else []:
                path = self.root / rel
                if not path.exists():
                    continue
                table = pq.read_table(path)
                drop = superseded(rel, table, doc_ids, keys, self.lexicon_version)
                if any(drop):
                    kept = table.filter(pa.array([not x for x in drop]))
                    _write_atomic(path, parquet_bytes(kept), self.durable)
            # its rows changed: its stored actor counts no longer hold, finish() counts its files
            self.db.execute("DELETE FROM batch_actors WHERE batch_id=?", (batch_id,))
            self.db.execute("DELETE FROM stale WHERE batch_id=?", (batch_id,))
            self.db.execute("DELETE FROM stale_errors WHERE batch_id=?", (batch_id,))

    def _ensure_tables(self) -> None:
        """Give every table a file (an empty one where it has no rows), so that the dataset reads at any moment."""
        for name in tables.TABLE_NAMES:
            if name == "actors":
                if not (self.root / "actors" / "actors.parquet").exists():
                    empty = pa.Table.from_pylist([], schema=arrow_schema(name))
                    _write_atomic(self.root / "actors" / "actors.parquet", parquet_bytes(empty), self.durable)
                continue
            base = self.root / name
            placeholder = base / f"{PARTITION}={UNDATED}" / "part-empty.parquet" if name in PARTITIONED \
                else base / "part-empty.parquet"
            if base.exists() and any(p.name != placeholder.name for p in base.rglob("part-*.parquet")):
                if placeholder.exists():  # rows have come: the placeholder (and its folder, if empty) goes
                    placeholder.unlink()
                    if placeholder.parent != base and not any(placeholder.parent.iterdir()):
                        placeholder.parent.rmdir()
            elif not placeholder.exists():
                empty = pa.Table.from_pylist([], schema=arrow_schema(name))
                _write_atomic(placeholder, parquet_bytes(empty), self.durable)

    def actor_counts(self) -> Counter:
        """The actor counts of every committed batch: stored at commit, else read from its files.

        Reading every file of three tables at the end of a run was a serial step that grew
        with the dataset (issue 12); a batch's counts now come with the batch.
        """
        counts: Counter = Counter()
        stored = dict(self.db.execute("SELECT batch_id, counts FROM batch_actors").fetchall())
        for batch_id, listed in self.db.execute("SELECT batch_id, files FROM batches").fetchall():
            if batch_id in stored:
                for code, n in json.loads(stored[batch_id]).items():
                    counts[code] += n
                continue
            for rel in json.loads(listed):  # file by file: memory does not grow with the dataset
                name = rel.split("/", 1)[0]
                if name in ACTOR_COLUMNS and (self.root / rel).exists():
                    table = pq.read_table(self.root / rel, columns=list(ACTOR_COLUMNS[name]))
                    count_actors(name, table.to_pandas(), counts)
        return counts

    def finish(self, lexicon: Any) -> dict[str, int]:
        """Rebuild the actors table from the committed rows, give every table a file; returns row counts."""
        with _disk_errors(self.root, "rebuilding the actors table"):
            return self._finish(lexicon)

    def _finish(self, lexicon: Any) -> dict[str, int]:
        self._ensure_tables()
        counts = self.actor_counts()
        actors = tables.frame("actors", actor_rows(counts, lexicon))
        _write_atomic(self.root / "actors" / "actors.parquet", parquet_bytes(to_arrow("actors", actors)), self.durable)
        rows = {name: count_rows(self.root, name) for name in tables.TABLE_NAMES}
        self._write_marker({"rows": rows})
        return rows
