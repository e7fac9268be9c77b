"""What the corrections did, in words: the lines a run prints on stderr and in its summary."""
from __future__ import annotations

import pandas as pd

from ..errors import shorten


def row_ids_text(values: list[str], limit: int = 3) -> str:
    """Row ids for a message: the first few, and how many more."""
    shown = ", ".join(shorten(v, 60, quote=False) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def summary(report: pd.DataFrame) -> str:
    """Lines for stderr: how many corrections were applied, unmatched or for absent documents; each
    correction that went wrong (unmatched, dropped before, in conflict, a mistyped document) and each row dropped."""
    counts = report["outcome"].value_counts() if len(report) else {}
    parts = [f"{counts.get(k, 0)} {k}" for k in ("applied", "unmatched", "absent")]
    if counts.get("dropped", 0):
        parts.append(f"{counts['dropped']} on rows dropped before")
    conflicts = sum(1 for o, n in zip(report["outcome"], report["notes"]) if o == "applied" and n) if len(report) else 0
    if conflicts:
        parts.append(f"{conflicts} in conflict with an earlier one")
    lines = [f"accord: corrections: {', '.join(parts)}"]
    for r in report.itertuples():
        where = f"in {shorten(r.doc, 80, quote=False)}: " if r.outcome == "unmatched" else ""
        lines += [f"accord: {r.path}, line {r.line}: {where}{note}" for note in r.notes]
        if r.outcome == "applied" and r.action == "drop":  # a dropped row leaves a trace here
            lines.append(f"accord: {r.path}, line {r.line}: dropped {row_ids_text(r.row_ids, 10)}: "
                         f"{shorten(r.reason, 200, quote=False)}")
    return "\n".join(lines)


def counts_line(report: pd.DataFrame) -> str:
    """The line of a run's summary about its corrections: how many were applied, how many went wrong."""
    applied = int((report["outcome"] == "applied").sum()) if len(report) else 0
    wrong = int(sum(1 for notes in report["notes"] if notes)) if len(report) else 0
    absent = int((report["outcome"] == "absent").sum()) if len(report) else 0
    text = f"corrections: {applied} applied, {wrong} with errors (stage correct in the errors table)"
    return text + (f", {absent} for documents not in these tables" if absent else "")
