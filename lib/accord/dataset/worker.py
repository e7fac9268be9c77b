"""A batch of documents annotated on a Dask worker (or in this process): what a worker needs to
rebuild the client's engine (:class:`LexiconSpec`), and the batch's Parquet parts and manifest items.

The client makes the run's :class:`~accord.engine.Engine` once. In this process a batch runs on that
engine's own pipeline. A Dask worker is another process, often on another machine, and an Engine
(a spaCy pipeline) is not sent there: the worker rebuilds the same engine from a small picklable
description of it (:meth:`LexiconSpec.of`: the analyst file's bytes, the engine, the event model's
folder and identity) through the on-disk pipeline cache the client filled, once per worker process
(:func:`worker_engine`), and checks its lexicon version and event model against the client's.

The driver that cuts the corpus into batches and commits them is :mod:`accord.dataset.scale`.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from .. import tables
from ..annotation import ACTOR_COLUMNS, DOC_TABLES, annotate_item, collect, count_actors, failure_row
from ..engine import Engine
from ..errors import AccordError, LexiconError
from ..lexicon import Lexicon
from ..lexicon.load import read_lexicon_file
from ..paths import DATA_DIR
from ..pipeline.cache import lexicon_of, load_or_build
from ..pipeline.eventmodel import model_id
from ..readers import Document, ReadError
from .store import batch_parts
from .version import annotation_version


# --------------------------------------------------------------------------- the lexicon, shipped to workers


@dataclass(frozen=True)
class LexiconSpec:
    """What a worker needs to rebuild the client's engine: the analyst file's name and bytes, the engine
    (v2 or v1) and the event model; picklable, made from the run's Engine by :meth:`of`."""

    version: str
    name: str | None = None
    data: bytes | None = None
    syntax: bool = True  # engine v2 (the trained parser); False: v1
    events_model: str | None = None  # an event model folder in place of the packaged one (on this machine)
    events_id: str | None = None  # its identity (the sha256 of its card), recorded in the dataset

    @classmethod
    def of(cls, engine: Engine) -> "LexiconSpec":
        """The description of ``engine`` a worker rebuilds it from. A dataset keeps its lexicon as a
        file (read back with it, and sent to workers as bytes), so an engine over a Lexicon value,
        or over several files, raises :class:`~accord.errors.AccordError` saying so."""
        if engine.in_memory or not (engine.source is None or isinstance(engine.source, (str, os.PathLike))):
            raise AccordError(f"{engine!r}: a dataset keeps its lexicon as a file (to read its corrections with "
                              "and to send to workers); make the engine from one lexicon file, "
                              "Engine.load(PATH), or pass the file")
        model = None if engine.events_model is None else str(Path(engine.events_model).resolve())
        if engine.source is None:
            return cls(engine.version, syntax=engine.syntax, events_model=model, events_id=model_id(model))
        return cls(engine.version, Path(engine.source).name, read_lexicon_file(engine.source), engine.syntax,
                   model, model_id(model))

    @property
    def annotation_version(self) -> str:
        """The lexicon version, the engine and the event model when it is not the packaged one: a dataset's
        documents are annotated again when any changes, and a dataset is never a mixture of models."""
        return annotation_version(self.version, self.syntax, self.events_id)

    def path(self) -> Path | None:
        """The analyst file on this machine (written to a temporary folder), or None for the packaged lexicon."""
        if self.data is None:
            return None
        folder = Path(tempfile.gettempdir()) / f"accord-lexicon-{self.version}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.name
        if not path.exists() or path.read_bytes() != self.data:
            tmp = folder / f".tmp-{os.getpid()}-{self.name}"
            tmp.write_bytes(self.data)
            os.replace(tmp, path)
        return path

    def check(self, lex: Lexicon) -> Lexicon:
        """``lex``, if it is the client's lexicon; else a LexiconError."""
        if lex.version != self.version:
            where = DATA_DIR if self.data is None else self.path()
            raise LexiconError(where, f"lexicon {lex.version} on this worker differs from the client's "
                                      f"{self.version}: install the same accord version on every worker")
        return lex

    def load(self) -> Lexicon:
        """The client's lexicon, loaded on this machine."""
        return self.check(Engine.load(self.path(), self.syntax, pipeline=False).lexicon)

    def engine(self) -> Engine:
        """The client's engine, rebuilt on this machine: its pipeline from the pipeline cache (built
        there by the client; kept once loaded, so a worker loads it once), the lexicon version and the
        event model checked against the client's."""
        if self.events_model is not None and model_id(self.events_model) != self.events_id:
            raise AccordError(f"{self.events_model}: the event model on this worker differs from the client's "
                              f"({self.events_id}); give every worker the same model folder")
        path = self.path()
        nlp = load_or_build(path, self.syntax, events_model=self.events_model)
        return Engine(self.check(lexicon_of(nlp)), path, self.syntax, nlp, events_model=self.events_model)


def worker_engine(spec: LexiconSpec) -> Engine:
    """The engine ``spec`` describes, rebuilt on this worker (:meth:`LexiconSpec.engine`)."""
    return spec.engine()


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin that rebuilds the engine when a worker starts, before its first batch."""

    name = "accord-pipeline"

    def __init__(self, spec: LexiconSpec) -> None:
        self.spec = spec

    def setup(self, worker: Any) -> None:
        worker_engine(self.spec)


# --------------------------------------------------------------------------- one batch, on a worker


@dataclass
class BatchResult:
    batch_id: str
    parts: list[tuple[str, str | None, bytes]]
    items: list[tuple[str, str | None, str]]
    n_docs: int = 0
    n_words: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    actors: dict[str, int] = field(default_factory=dict)  # counted here, in parallel, not by the client at the end


def annotate_batch(batch_id: str, batch: list[tuple[str, Document | ReadError]],
                   engine: Engine | LexiconSpec) -> BatchResult:
    """Annotate one batch of ``(key, document or read error)``: its Parquet parts and manifest items.

    ``engine``: the run's Engine (in this process), or its description (on a Dask worker, which
    rebuilds it: :func:`worker_engine`)."""
    nlp = (engine if isinstance(engine, Engine) else worker_engine(engine)).nlp
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("documents", "errors", *DOC_TABLES)}
    items: list[tuple[str, str | None, str]] = []
    messages: list[str] = []
    n_docs = n_words = 0
    for key, item in batch:
        outcome = annotate_item(nlp, item)
        collect(outcome, rows)
        items.append((key, item.doc_id, outcome.kind))
        if outcome.message:
            messages.append(outcome.message + ("\n" + outcome.trace if outcome.trace else ""))
        if outcome.kind == "doc":
            n_docs += 1
            n_words += len(item.text.split())
    frames = {name: tables.frame(name, rows[name]) for name in rows}
    actors: Counter = Counter()
    for name in ACTOR_COLUMNS:
        count_actors(name, frames[name], actors)
    return BatchResult(batch_id, batch_parts(frames), items, n_docs, n_words,
                       {name: len(df) for name, df in frames.items()}, messages, dict(actors))


def killed_batch(batch_id: str, batch: list[tuple[str, Document | ReadError]], reason: str) -> BatchResult:
    """The result of a one-document batch whose worker died on it every time: an error row."""
    rows, items = [], []
    for key, item in batch:
        if isinstance(item, ReadError):
            rows.append(item.as_row())
            items.append((key, item.doc_id, "read_error"))
        else:
            rows.append(failure_row(item, f"worker died while annotating this document: {reason}"))
            items.append((key, item.doc_id, "failed"))
    frames = {name: tables.frame(name, []) for name in ("documents", "mentions", "relations", "claims")}
    frames["errors"] = tables.frame("errors", rows)
    return BatchResult(batch_id, batch_parts(frames), items, 0, 0, {"errors": len(rows)},
                       [f"accord: {batch_id}: {reason}"])
