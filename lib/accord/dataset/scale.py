"""Annotate a corpus of any size on Dask into a restartable Parquet dataset.

:func:`annotate_dataset` streams the corpus (a file, folder, glob or JSONL file is
never read whole), cuts it into batches of about ``batch_words`` words, skips every
document the dataset already holds (same content, same lexicon), and annotates the
rest on dask.distributed: a local cluster of one single-threaded worker *process*
per core by default (:func:`local_cluster`), or an existing cluster
(``scheduler="tcp://HOST:PORT"``). The run's :class:`~accord.engine.Engine` is made once, on
the client; each worker rebuilds it once from a picklable description and keeps it
(:func:`accord.dataset.worker.worker_engine`). At most a few batches per worker are in flight
and Dask's logs of recent messages are kept short (``LOG_LENGTH``), so memory stays
bounded on the client and on the workers whatever the corpus size. Finished
batches are committed to the dataset as they arrive (see :mod:`accord.dataset.store`).

``workers=0`` annotates in this process, without Dask, into the same dataset; so does
the default (``workers=None``, no scheduler) when the new documents fit in one batch,
since one batch runs on one worker anyway and a cluster would only add its start-up.

A worker that dies (killed, out of memory) costs nothing: the scheduler runs its
batch again elsewhere. A batch that kills workers again and again is split and
its documents retried one by one; a document that still kills its worker goes to
the errors table, and the run carries on.
"""
from __future__ import annotations

import itertools
import os
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..annotation import iter_documents, unmatched_actors
from ..corrections import summary as corrections_summary
from ..engine import Engine, LexiconSource
from ..io import write_file_atomic
from ..readers import Document, ReadError
from ..terminal import printable
from . import store
from .layout import CORRECTIONS, LEXICON
from .read import column_values, read_dataset
from .stored import corrections_to_store, settle_corrections
from .worker import BatchResult, LexiconSpec, PipelinePlugin, annotate_batch, killed_batch

DEFAULT_BATCH_WORDS = 20_000
MAX_BATCH_DOCS = 500
# dask.distributed keeps its last ``low-level-log-length`` messages per stream (default 1000)
# for debugging; ours carry whole batches of text, so that log alone held about a gigabyte
# on a 200 MB corpus. A short log keeps the client, scheduler and workers bounded.
LOG_LENGTH = 20


# --------------------------------------------------------------------------- batching, on the client


def _batch_id(batch: list[tuple[str, Any]]) -> str:
    import hashlib

    h = hashlib.sha256()
    for key, _ in batch:
        h.update(key.encode())
    return h.hexdigest()[:20]


@dataclass
class Stats:
    seen: int = 0          # documents read from the corpus
    skipped: int = 0       # already in the dataset
    annotated: int = 0     # annotated in this run
    failed: int = 0        # documents that went to the errors table in this run
    read_errors: int = 0   # read errors new in this run
    words: int = 0         # words annotated in this run
    batches: int = 0
    retried: int = 0       # batches split after their worker died
    dropped: int = 0       # documents no longer in the corpus, removed (drop_missing)
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    where: str = ""        # what ran the batches: this process, or the Dask cluster and its workers
    corrections: Any = None  # the report of the stored corrections, applied to the dataset (or None)


def batches(items: Iterable[Document | ReadError], dataset: store.Dataset, stats: Stats,
            batch_words: int = DEFAULT_BATCH_WORDS, on_skip=None) -> Iterator[list[tuple[str, Any]]]:
    """Batches of ``(key, item)`` not yet in ``dataset``, of about ``batch_words`` words each."""
    batch: list[tuple[str, Any]] = []
    words = 0
    for item in items:
        key = store.item_key(item, dataset.lexicon_version)
        dataset.see(key)
        if isinstance(item, Document):
            stats.seen += 1
        if dataset.is_done(key):
            if isinstance(item, Document):
                stats.skipped += 1
                if on_skip:
                    on_skip(item)
            continue
        batch.append((key, item))
        words += len(item.text.split()) if isinstance(item, Document) else 0
        if words >= batch_words or len(batch) >= MAX_BATCH_DOCS:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


# --------------------------------------------------------------------------- progress


class Progress:
    """Documents and words per second on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bars = None
        if self.enabled:
            from tqdm.auto import tqdm

            self.bars = (tqdm(desc="documents", unit="doc", position=0, dynamic_ncols=True),
                         tqdm(desc="words", unit="word", unit_scale=True, position=1, dynamic_ncols=True))

    def update(self, docs: int, words: int) -> None:
        if self.bars:
            self.bars[0].update(docs)
            self.bars[1].update(words)

    def skip(self, n: int = 1) -> None:
        if self.bars:
            self.bars[0].set_postfix(skipped=n, refresh=False)

    def close(self) -> None:
        if self.bars:
            for b in self.bars:
                b.close()


# --------------------------------------------------------------------------- executors


def short_logs():
    """A dask config context that keeps Dask's message logs short (see ``LOG_LENGTH``)."""
    import dask

    return dask.config.set({"distributed.admin.low-level-log-length": LOG_LENGTH})


@contextmanager
def local_cluster(workers: int | None = None) -> Iterator[Any]:
    """A client on a local cluster of ``workers`` single-threaded processes (default: one per core).

    Dask's message logs are kept short while the cluster lives (see ``LOG_LENGTH``),
    for the client, the scheduler (in this process) and the workers it starts or restarts.
    """
    import logging

    from distributed import Client, LocalCluster

    n = workers or os.cpu_count() or 1
    with short_logs(), \
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


class _Local:
    """Runs batches in this process, one at a time (``workers=0``), on the run's engine."""

    max_inflight = 1
    where = "this process, without Dask (--workers 0)"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        """Nothing to release: batches run in this process."""


class _Dask:
    """Runs batches on a dask.distributed cluster, at most ``max_inflight`` at a time."""

    def __init__(self, spec: LexiconSpec, workers: int | None, scheduler: str | None, client=None) -> None:
        from distributed import Client, as_completed

        self.spec = spec
        self.stack = ExitStack()
        try:
            if client is not None:
                self.client = client
            elif scheduler:
                with short_logs():
                    self.client = self.stack.enter_context(Client(scheduler))
            else:
                self.client = self.stack.enter_context(local_cluster(workers))
            self.client.register_plugin(PipelinePlugin(spec), name=PipelinePlugin.name)
            n_workers = len(self.client.scheduler_info(n_workers=-1).get("workers", {})) or workers or 1
        except BaseException:
            self.stack.close()
            raise
        self.max_inflight = 2 * n_workers + 1
        self.ac = as_completed()
        kind = f"the Dask cluster at {scheduler}" if scheduler else (
            "a local Dask cluster" if client is None else "the Dask cluster of the given client")
        self.where = f"{kind}, {n_workers} worker{'s' if n_workers != 1 else ''}"

    def submit(self, batch_id, batch):
        fut = self.client.submit(annotate_batch, batch_id, batch, self.spec, key=f"accord-batch-{batch_id}",
                                 pure=False)
        self.ac.add(fut)
        return fut

    def next_done(self):
        return next(self.ac)

    def result(self, fut):
        return fut.result()

    def close(self) -> None:
        self.stack.close()


# --------------------------------------------------------------------------- the run


def annotate_dataset(
    corpus: Any,
    out: str | Path,
    lexicon: LexiconSource | Engine = None,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    batch_words: int = DEFAULT_BATCH_WORDS,
    progress: bool | None = None,
    overwrite: bool = False,
    durable: bool = True,
    log=None,
    syntax: bool = True,
    drop_missing: bool = False,
    corrections: str | Path | None = None,
    drop_corrections: bool = False,
    events_model: str | Path | None = None,
) -> Stats:
    """Annotate ``corpus`` into the Parquet dataset at ``out``; returns the run's counts.

    ``corpus`` is a path (file, folder, glob, JSONL), a documents table or an iterable
    of Documents (see :func:`accord.annotation.iter_documents`). ``workers`` is the
    number of local worker processes (default: every core, or this process when the new
    documents fit in one batch; 0: no Dask, this process);
    ``scheduler`` the address of an existing cluster, or pass a ``client`` (create it
    under :func:`short_logs`, or with :func:`local_cluster`, to keep memory bounded).
    Read it back with :func:`accord.read_tables` (or :func:`accord.dataset.read.read_dataset`).
    ``lexicon``: an analyst's lexicon file, None for the packaged lexicon alone, or the run's
    :class:`~accord.engine.Engine` over one of those (then ``syntax`` and ``events_model`` are the
    engine's), made once and used for every batch run in this process; Dask workers rebuild it
    from its description (:class:`~accord.dataset.worker.LexiconSpec`). ``syntax``: engine v2 (the
    default) or v1 (False); the dataset records which, and a change of engine, like a
    change of lexicon, needs a new folder or ``overwrite``.

    Errors belong to the run that found them: at the end of a run, error rows of
    earlier runs that this run did not find again are removed. ``drop_missing``
    also removes the rows of documents that are no longer in ``corpus`` (without
    it a dataset only grows, so that several corpora can be added to one dataset).
    ``corrections``, an analyst's corrections file, is checked and stored in the
    dataset (replacing the one stored before; without it the stored file stays, also
    through ``overwrite``, checked again against this run's lexicon), and applied
    whenever the dataset is read; ``drop_corrections`` removes the stored file. An actor
    entry of the ``lexicon`` file that matches nothing in the dataset is reported. ``events_model``: an
    event model folder (``accord learn``) in place of the packaged one; the dataset records which model
    made it, and a dataset made with another model is refused unless ``overwrite``.
    """
    log = log or (lambda msg: print(printable(msg, newlines=True), file=sys.stderr))
    started = time.perf_counter()
    if not isinstance(lexicon, Engine):
        # the model's resolved path: the cache entry the client fills is the one the workers look up
        model = None if events_model is None else str(Path(events_model).resolve())
        lexicon = Engine.load(lexicon, syntax, events_model=model)  # the client loads (or builds) the pipeline
    engine = lexicon
    spec, lex, lexicon_file = LexiconSpec.of(engine), engine.lexicon, engine.source
    # checked before any work: the analyst's file read once, or what the dataset stores when --overwrite keeps it
    keep = corrections_to_store(Path(out), lex, corrections, overwrite, drop_corrections)
    stats = Stats()
    items = iter_documents(corpus)  # raises InputError at once for a missing path
    with store.Dataset.open(out, spec.annotation_version, overwrite=overwrite, durable=durable,
                            lexicon_file=None if lexicon_file is None else str(lexicon_file)) as ds:
        if spec.data is not None:  # kept, so that a read applies the corrections with this lexicon
            write_file_atomic(Path(out) / LEXICON, lambda fh: fh.write(spec.data), durable)
        bar = Progress(progress)
        todo = batches(items, ds, stats, batch_words, on_skip=lambda _doc: bar.skip(stats.skipped))
        local = workers == 0 and scheduler is None and client is None
        small = False
        if workers is None and scheduler is None and client is None:
            # a batch goes to one worker whole: a corpus of one batch would pay a cluster's start-up for nothing
            head = list(itertools.islice(todo, 2))
            todo = itertools.chain(head, todo)
            small = local = len(head) < 2
        ex = _Local(engine) if local else _Dask(spec, workers, scheduler, client)
        stats.where = f"this process, without Dask (one batch, under {batch_words:,} words)" if small else ex.where
        try:
            _drive(ex, ds, todo, stats, bar, log, local)
        finally:
            ex.close()
            bar.close()
        stats.dropped = ds.forget_unseen(documents=drop_missing)
        log(f"accord: {stats.annotated} documents annotated; rebuilding the actors table of the dataset")
        stats.rows = ds.finish(lex)
        settle_corrections(Path(out), keep, corrections is None, drop_corrections, durable, log)
    if (Path(out) / CORRECTIONS).is_file():
        report: list = []
        read_dataset(out, ("documents", "relations", "claims"), report=report)
        log(corrections_summary(report[0]))
        stats.corrections = report[0]
    unmatched = (unmatched_actors(lexicon_file, column_values(Path(out), "mentions", "entity"))
                 if lexicon_file else None)
    if unmatched:
        log(unmatched)
    stats.seconds = time.perf_counter() - started
    return stats


def _commit(ds: store.Dataset, res: BatchResult, stats: Stats, bar: Progress, log) -> None:
    for msg in res.messages:
        log(msg)
    ds.commit(res.batch_id, res.parts, res.items, res.n_docs, res.n_words, actors=res.actors)
    stats.batches += 1
    stats.annotated += res.n_docs
    stats.words += res.n_words
    stats.failed += sum(1 for _, _, kind in res.items if kind == "failed")
    stats.read_errors += sum(1 for _, _, kind in res.items if kind == "read_error")
    bar.update(res.n_docs + sum(1 for _, _, kind in res.items if kind == "failed"), res.n_words)


def _drive(ex, ds: store.Dataset, todo: Iterator[list], stats: Stats, bar: Progress, log, local: bool) -> None:
    if local:
        for batch in todo:
            _commit(ds, annotate_batch(_batch_id(batch), batch, ex.engine), stats, bar, log)
        return
    from distributed.scheduler import KilledWorker

    pending: dict[str, tuple[Any, list]] = {}  # future key -> (future, batch)

    def submit(batch: list) -> None:
        bid = _batch_id(batch)
        fut = ex.submit(bid, batch)
        pending[fut.key] = (fut, batch)

    def collect_one() -> None:
        fut = ex.next_done()
        _, batch = pending.pop(fut.key)
        try:
            res = ex.result(fut)
        except KilledWorker as exc:
            # the batch killed workers: retry its documents one by one; one that kills alone is an error
            stats.retried += 1
            if len(batch) > 1:
                log(f"accord: a worker died on a batch of {len(batch)} documents; retrying them one by one")
                for one in batch:
                    submit([one])
                return
            res = killed_batch(_batch_id(batch), batch, f"{type(exc).__name__}: {exc}")
        finally:
            fut.release()
        _commit(ds, res, stats, bar, log)

    for batch in todo:
        submit(batch)
        while len(pending) >= ex.max_inflight:
            collect_one()
    while pending:
        collect_one()
