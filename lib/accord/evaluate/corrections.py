"""An analyst's corrections as a gold set: the sentences they touch, coded as the analyst says, score the engine.

Each sentence with a correction that applies becomes a sentence record in the format
of ``tests/records`` (text, date, relations, claims): its relations and claims are
the corrected rows of that sentence (rows the analyst left alone count as checked
and right). :func:`evaluate_corrections` writes them to a folder, scores the engine
on them as :func:`accord.evaluate.records.evaluate_records` does, and says how many
corrections the engine now gets right by itself (a drop whose row is gone, a set
whose rows already hold the values). Written once with ``--write-records``, the
records stay fixed while the engine changes: the analyst's work measures it.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..annotation import annotate
from ..corrections import apply_corrections, load_corrections
from ..errors import InputError
from ..lexicon import load_lexicon
from .common import metric
from .plover import valid_modes_of, load_quad_classes
from .records import evaluate_records


def _already_right(plain: dict[str, pd.DataFrame], report_row: Any, fix: Any) -> bool:
    """Whether the uncorrected engine already does what the correction asks."""
    if report_row.outcome == "absent":
        return False
    df = plain[fix.table]
    hit = df[(df.doc_id == report_row.doc_id) & (df.start >= fix.start) & (df.end <= fix.end)]
    for key, value in fix.where.items():
        hit = hit[hit[key].map(lambda v: (set(v) == set(value)) if isinstance(value, list) else v == value)]
    if fix.drop:
        return hit.empty
    return not hit.empty and all(
        (set(v) == set(want)) if isinstance(want, list) else v == want
        for key, want in fix.set.items() for v in hit[key])


def correction_records(plain: dict[str, pd.DataFrame], corrected: dict[str, pd.DataFrame],
                       fixes: list, report: pd.DataFrame) -> list[dict[str, Any]]:
    """Sentence records (tests/records format) of the sentences the applied corrections touch."""
    docs = plain["documents"].set_index("doc_id")
    keys: dict[tuple[str, int], list[str]] = {}
    for fix, r in zip(fixes, report.itertuples()):
        if r.outcome != "applied":
            continue
        df = plain[fix.table]
        ids = set(docs.index[(docs.index == fix.doc) | (docs["path"] == fix.doc)])
        hit = df[df.doc_id.isin(ids) & (df.start >= fix.start) & (df.end <= fix.end)]
        for doc_id, sent in zip(hit.doc_id, hit.sent_id):
            keys.setdefault((doc_id, int(sent)), []).append(fix.label)
    out = []
    for (doc_id, sent), labels in keys.items():
        ev = [t[(t.doc_id == doc_id) & (t.sent_id == sent)] for t in (plain["relations"], plain["claims"])]
        text = next(e.evidence.iloc[0] for e in ev if len(e))
        rel = corrected["relations"]
        rel = rel[(rel.doc_id == doc_id) & (rel.sent_id == sent)]
        cl = corrected["claims"]
        cl = cl[(cl.doc_id == doc_id) & (cl.sent_id == sent)]
        date = docs.at[doc_id, "date"]
        out.append({
            "id": f"{doc_id}#{sent}", "text": text, "date": date if isinstance(date, str) else None,
            "note": "; ".join(dict.fromkeys(labels)),
            "relations": [{"source": list(r.source), "target": list(r.target), "event_type": r.event_type,
                           "status": r.status} for r in rel.itertuples()],
            "claims": [{"source": list(c.source), "stance": c.stance} for c in cl.itertuples()],
        })
    return out


def evaluate_corrections(corpus: Any, corrections: str | Path, lexicon: str | Path | None = None,
                         write_records: str | Path | None = None) -> dict[str, Any]:
    """Score the engine on ``corpus`` against the analyst's ``corrections`` (see the module's docstring).

    Returns ``{path, n, metrics, details}`` like the other gold sets; ``details`` holds
    the per-correction report. ``write_records`` also writes the records as YAML.
    """
    lex = load_lexicon(lexicon)
    fixes = load_corrections(corrections, lex)
    plain = annotate(corpus, lexicon=lex)
    corrected, report = apply_corrections(plain, fixes, lex)
    docs = plain["documents"]
    report["doc_id"] = [next(iter(sorted(docs.doc_id[(docs.doc_id == f.doc) | (docs.path == f.doc)])), None)
                        for f in fixes]
    right = [_already_right(plain, r, f) for f, r in zip(fixes, report.itertuples())]
    report["engine_right"] = right
    present = report.outcome != "absent"
    records = correction_records(plain, corrected, fixes, report)
    metrics = {"corrections_engine_right": metric(float(pd.Series(right)[present].mean()) if present.any() else None,
                                              None, int(present.sum()))}
    if write_records:
        if not records:
            raise InputError(corrections, f"no correction applies to {corpus}: no records to write")
        Path(write_records).parent.mkdir(parents=True, exist_ok=True)
        Path(write_records).write_text(_records_yaml(records, corrections), encoding="utf-8")
    if records:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "corrections.yaml").write_text(_records_yaml(records, corrections), encoding="utf-8")
            quads, _ = load_quad_classes()
            scored = evaluate_records(Path(tmp), quads, valid_modes_of())
        for key in ("relation_precision", "relation_recall", "relation_f1", "relation_status_accuracy",
                    "event_accuracy", "claim_f1"):
            if key in scored["metrics"]:
                metrics[key] = scored["metrics"][key]
    return {"path": str(corrections), "n": len(records), "metrics": metrics,
            "details": {"report": report}}


def _records_yaml(records: list[dict[str, Any]], corrections: str | Path) -> str:
    return (f"# Gold sentence records from the analyst's corrections in {corrections}\n"
            + yaml.safe_dump({"records": records}, allow_unicode=True, sort_keys=False))


def format_corrections(result: dict[str, Any]) -> str:
    """The scores and each correction's outcome, as text for ``accord evaluate --corrections``."""
    lines = [f"corrections {result['path']}: {result['n']} sentence record(s)",
             f"{'metric':<28} {'n':>5} {'engine':>7}"]
    for name, m in result["metrics"].items():
        value = "-" if m["engine"] is None else f"{m['engine']:.3f}"
        lines.append(f"{name:<28} {m['n']:>5} {value:>7}")
    for r in result["details"]["report"].itertuples():
        verdict = "engine right" if r.engine_right else ("engine wrong" if r.outcome != "absent" else "")
        lines.append(f"  line {r.line}: {r.outcome:<9} {r.doc} {r.span} {r.action}  {verdict}")
    return "\n".join(lines)
