"""The actor probe (``tests/probes/actors.yaml``): dated one-line sentences, each naming one person,
group, past state, company or non-actor, with the code expected for that name at that date.

A probe passes when a mention overlapping the name's last occurrence carries the expected code
(one of them, when the probe lists several acceptable codes), or, for a name expected not to be
an actor (``expect: null``), when no mention overlaps it. Scores: the share passed, overall and by
kind. The baseline codes nothing, so it passes exactly the names that are not actors.
"""
from __future__ import annotations
from pathlib import Path
from typing import Any, Mapping
from ..errors import InputError
from .codes import records_of
from .common import annotate_texts, document_row, documents_frame, metric, gold_list
from .metrics import safe_div

PROBE_DEFAULT = Path("tests") / "probes" / "actors.yaml"


def load_probes(path: str | Path) -> list[dict[str, Any]]:
    """The probes of ``path``, each with ``id``, ``kind``, ``text``, ``date``, ``name`` and ``expect``."""
    path = Path(path)
    probes = gold_list(path, "probes")
    for p in probes:
        for key in ("id", "kind", "text", "date", "name"):
            if key not in p:
                raise InputError(path, f"probe {p.get('id', '?')}: no {key!r}")
        if p["name"] not in p["text"]:
            raise InputError(path, f"probe {p['id']}: name {p['name']!r} not in its text")
    return probes


def _expected(p: Mapping[str, Any]) -> set[str]:
    value = p.get("expect")
    if value is None:
        return set()
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def score_probes(probes: list[dict[str, Any]], mentions: list[Mapping[str, Any]]) -> tuple[dict[str, Any], list]:
    """Metrics by kind and the failed probes, from the engine's mentions rows."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for m in mentions:
        by_doc.setdefault(str(m["doc_id"]), []).append(m)
    passed: dict[str, list[bool]] = {}
    base: dict[str, list[bool]] = {}
    failures = []
    for p in probes:
        lo = p["text"].rindex(p["name"])
        hi = lo + len(p["name"])
        found = [str(m["actor_id"]) for m in by_doc.get(str(p["id"]), []) if m["start"] < hi and lo < m["end"]]
        want = _expected(p)
        ok = bool(set(found) & want) if want else not found
        passed.setdefault(p["kind"], []).append(ok)
        base.setdefault(p["kind"], []).append(not want)
        if not ok:
            failures.append({"id": p["id"], "kind": p["kind"], "name": p["name"], "date": str(p["date"]),
                             "expect": sorted(want) or None, "found": found})
    every = [ok for oks in passed.values() for ok in oks]
    every_base = [ok for oks in base.values() for ok in oks]
    metrics = {"accuracy": metric(safe_div(sum(every), len(every)), safe_div(sum(every_base), len(every_base)), len(every))}
    for kind in sorted(passed):
        oks = passed[kind]
        metrics[f"accuracy_{kind}"] = metric(safe_div(sum(oks), len(oks)), safe_div(sum(base[kind]), len(oks)), len(oks))
    return metrics, failures


def evaluate_probe(path: Path) -> dict[str, Any]:
    """Annotate every probe as a document of its date and score the names."""
    probes = load_probes(path)
    rows = [document_row(str(p["id"]), f"{path}#{p['id']}", p["text"], str(p["date"]), "actor probe") for p in probes]
    tables = annotate_texts(documents_frame(rows))
    metrics, failures = score_probes(probes, records_of(tables["mentions"]))
    return {"path": str(path), "n": len(probes), "metrics": metrics, "details": {"failures": failures}}
