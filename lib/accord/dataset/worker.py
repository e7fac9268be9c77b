"""A batch of documents annotated on a Dask worker (or in this process): what the worker needs to
rebuild the client's pipeline (:class:`LexiconSpec`), and the batch's Parquet parts and manifest items.

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
from ..engine import Engine, check_events_model
from ..errors import AccordError, LexiconError
from ..lexicon import Lexicon
from ..lexicon.load import check_lexicon_files, read_lexicon_file
from ..paths import DATA_DIR
from ..pipeline.cache import lexicon_of, load_or_build
from ..pipeline.eventmodel import model_id
from ..readers import Document, ReadError
from .store import batch_parts
from .version import annotation_version


# --------------------------------------------------------------------------- the lexicon, shipped to workers


@dataclass(frozen=True)
class LexiconSpec:
    """What a worker needs to rebuild the client's pipeline: the analyst file's name and bytes, and the engine."""

    version: str
    name: str | None = None
    data: bytes | None = None
    syntax: bool = True  # engine v2 (the trained parser); False: v1
    events_model: str | None = None  # an event model folder in place of the packaged one (on this machine)
    events_id: str | None = None  # its identity (the sha256 of its card), recorded in the dataset

    @classmethod
    def from_path(cls, path: str | Path | None, syntax: bool = True,
                  events_model: str | Path | None = None) -> tuple["LexiconSpec", Lexicon]:
        check_lexicon_files(path)  # the cache reads the file itself: a FIFO or a huge file is refused first
        check_events_model(events_model, syntax)
        model = None if events_model is None else str(Path(events_model).resolve())
        # through the pipeline cache: the client builds (or loads) the entry the workers then load
        lex = lexicon_of(load_or_build(path, syntax, events_model=model))
        if path is None:
            return cls(lex.version, syntax=syntax, events_model=model, events_id=model_id(model)), lex
        return cls(lex.version, Path(path).name, read_lexicon_file(path), syntax, model, model_id(model)), lex

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


def worker_pipeline(spec: LexiconSpec):
    """The pipeline for ``spec``, loaded from the pipeline cache (built there by the client) and kept."""
    if spec.events_model is not None and model_id(spec.events_model) != spec.events_id:
        raise AccordError(f"{spec.events_model}: the event model on this worker differs from the client's "
                          f"({spec.events_id}); give every worker the same model folder")
    nlp = load_or_build(spec.path(), spec.syntax, events_model=spec.events_model)
    spec.check(lexicon_of(nlp))
    return nlp


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin that builds the pipeline when a worker starts, before its first batch."""

    name = "accord-pipeline"

    def __init__(self, spec: LexiconSpec) -> None:
        self.spec = spec

    def setup(self, worker: Any) -> None:
        worker_pipeline(self.spec)


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


def annotate_batch(batch_id: str, batch: list[tuple[str, Document | ReadError]], spec: LexiconSpec) -> BatchResult:
    """Annotate one batch of ``(key, document or read error)``: its Parquet parts and manifest items."""
    nlp = worker_pipeline(spec)
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
