"""What every gold set's scorer shares: default paths, annotating gold texts, the metric record."""
from __future__ import annotations
from contextvars import ContextVar
from pathlib import Path
from typing import Any
import yaml
from .. import tables
from ..annotation import annotate
from ..errors import InputError
from ..paths import REPO_DIR


# --------------------------------------------------------------------------- paths

PLOVER_DEFAULT = Path("..") / "shared" / "benchmarks" / "plover_gsr_dev.jsonl"
RECORDS_DEFAULT = Path("tests") / "records"
SEED_GOLD_DEFAULT = Path("tests") / "gold" / "seed.yaml"
BENCHMARKS = ("plover", "records", "seed", "attribution", "probe", "articles")


#: whether the gold sets are annotated with the trained parser (set by :func:`accord.evaluate.run.evaluate_all`)
SYNTAX: ContextVar[bool] = ContextVar("accord_evaluate_syntax", default=True)


def _annotate(documents: Any) -> dict[str, Any]:
    return annotate(documents, syntax=SYNTAX.get())


def _documents(rows: list[dict[str, Any]]) -> Any:
    return tables.frame("documents", rows)


def _doc_row(doc_id: str, path: str, text: str, date: str | None, source: str) -> dict[str, Any]:
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


def _m(engine: float | None, baseline: float | None, n: int) -> dict[str, Any]:
    return {"engine": engine, "baseline": baseline, "n": n}
