"""What every gold set's scorer shares: default paths, annotating gold texts, the metric record."""
from __future__ import annotations
from contextvars import ContextVar
from pathlib import Path
from typing import Any
import yaml
from .. import tables
from ..annotation import annotate
from ..errors import InputError
from ..lexicon import load_lexicon
from ..paths import REPO_DIR


# --------------------------------------------------------------------------- paths

PLOVER_DEFAULT = Path("..") / "shared" / "benchmarks" / "plover_gsr_dev.jsonl"
RECORDS_DEFAULT = Path("tests") / "records"
SEED_GOLD_DEFAULT = Path("tests") / "gold" / "seed.yaml"
BENCHMARKS = ("plover", "records", "seed", "attribution", "probe", "articles", "corpus", "cameo")


#: whether the gold sets are annotated with the trained parser (set by :func:`accord.evaluate.run.evaluate_all`)
SYNTAX: ContextVar[bool] = ContextVar("accord_evaluate_syntax", default=True)
#: the event model folder the gold sets are annotated with (None: the packaged one)
EVENTS_MODEL: ContextVar[str | Path | None] = ContextVar("accord_evaluate_events_model", default=None)


def annotate_texts(documents: Any) -> dict[str, Any]:
    """The tables of a gold set's documents, by the engine and event model the evaluation runs
    (``SYNTAX``, ``EVENTS_MODEL``). Another event model's pipeline is built in this process, not
    cached on disk: ``accord learn`` scores models that live for one run, and a shared cache keeps
    only a few entries."""
    events = EVENTS_MODEL.get()
    if events is not None:
        return annotate(documents, lexicon=load_lexicon(), syntax=SYNTAX.get(), events_model=events)
    return annotate(documents, syntax=SYNTAX.get())


def documents_frame(rows: list[dict[str, Any]]) -> Any:
    """The documents table of ``rows`` (each made by :func:`document_row`)."""
    return tables.frame("documents", rows)


def document_row(doc_id: str, path: str, text: str, date: str | None, source: str) -> dict[str, Any]:
    """One gold text as a row of the documents table."""
    return {
        "doc_id": doc_id, "path": path, "title": None, "date": date, "source": source,
        "url": None, "n_chars": len(text), "text": text,
    }


# ------------------------------------------------------------------------- paths


def resolve(path: str | Path | None, default: Path, what: str, required: bool = True) -> Path | None:
    """``path`` when given (must exist), else ``default`` relative to the repository or the cwd."""
    if path is not None:
        p = Path(path)
        if not p.exists():
            raise InputError(p, f"{what} not found")
        return p
    for base in (REPO_DIR, Path.cwd()):
        p = (base / default).resolve()
        if p.exists():
            return p
    if required:
        raise InputError(default, f"{what} not found (looked beside {REPO_DIR} and in {Path.cwd()}); give its path")
    return None


def gold_list(path: str | Path, key: str) -> list[dict[str, Any]]:
    """The list under ``key`` of the YAML gold file ``path``; InputError when it is not YAML or has none."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(path, f"not YAML: {exc}") from exc
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(path, f"no {key!r} list")
    return items


def metric(engine: float | None, baseline: float | None, n: int) -> dict[str, Any]:
    """One score as every scorer reports it: the engine's, the trivial baseline's, and n."""
    return {"engine": engine, "baseline": baseline, "n": n}
