"""Analyst articles (``tests/articles/<partnership>/``): whole news-style articles with the
checks an analyst would make of their tables, written before any engine was run on them.

A folder holds the articles (``NAME.txt`` with ``NAME.meta.yaml`` giving the date) and
``checks.yaml``. A check names one relation (source, target, event type, status) or one claim
(source, stance) that must be among the article's rows; a country of three letters matches any
code of that country, a list any of its values, an absent key anything. Score: the share of
checks that hold, overall and per kind; the baseline holds none.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import InputError
from .codes import records_of, as_list
from .common import annotate_texts, document_row, documents_frame, metric, gold_list
from .metrics import safe_div

ARTICLES_DEFAULT = Path("tests") / "articles"
_RELATION_KEYS = {"source", "target", "event_type", "status"}
_CLAIM_KEYS = {"source", "stance"}


def load_articles(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The documents and checks of every partnership folder under ``folder`` (or of ``folder``)."""
    folders = sorted(p.parent for p in folder.rglob("checks.yaml"))
    if not folders:
        raise InputError(folder, "no checks.yaml under this folder")
    docs, checks = [], []
    for sub in folders:
        for txt in sorted(sub.glob("*.txt")):
            meta_path = txt.with_suffix(".meta.yaml")
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            docs.append(document_row(txt.stem, str(txt), txt.read_text(encoding="utf-8"), str(meta.get("date") or "") or None,
                                 "analyst article"))
        names = {txt.stem for txt in sub.glob("*.txt")}
        for c in gold_list(sub / "checks.yaml", "checks"):
            kind = "relation" if "relation" in c else "claim" if "claim" in c else None
            want = c.get(kind) if kind else None
            allowed = _RELATION_KEYS if kind == "relation" else _CLAIM_KEYS
            if kind is None or not isinstance(want, dict) or set(want) - allowed or c.get("doc") not in names:
                raise InputError(sub / "checks.yaml", f"check {c.get('id', '?')}: needs doc (an article here) and "
                                                      f"relation {{{', '.join(sorted(_RELATION_KEYS))}}} or "
                                                      f"claim {{{', '.join(sorted(_CLAIM_KEYS))}}}")
            checks.append({**c, "kind": kind, "want": want, "folder": sub.name})
    return docs, checks


def _options(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _codes_match(want: Any, codes: list[str]) -> bool:
    options = _options(want)
    if options is None:
        return True
    return any(c == o or (len(o) == 3 and c.startswith(o)) for o in options for c in codes)


def _value_match(want: Any, value: Any) -> bool:
    options = _options(want)
    return options is None or str(value) in options


def holds(check: Mapping[str, Any], rows: list[Mapping[str, Any]]) -> bool:
    """Whether one of ``rows`` (the article's relations or claims) matches the check."""
    want = check["want"]
    for r in rows:
        if not _codes_match(want.get("source"), as_list(r.get("source"))):
            continue
        if check["kind"] == "relation":
            if (_codes_match(want.get("target"), as_list(r.get("target")))
                    and _value_match(want.get("event_type"), r.get("event_type"))
                    and _value_match(want.get("status"), r.get("status"))):
                return True
        elif _value_match(want.get("stance"), r.get("stance")):
            return True
    return False


def evaluate_articles(folder: Path) -> dict[str, Any]:
    """Annotate every article at its date and count the checks that hold."""
    docs, checks = load_articles(folder)
    tables = annotate_texts(documents_frame(docs))
    rows = {"relation": records_of(tables["relations"]), "claim": records_of(tables["claims"])}
    by_doc: dict[tuple[str, str], list] = {}
    for kind, recs in rows.items():
        for r in recs:
            by_doc.setdefault((kind, str(r["doc_id"])), []).append(r)
    # check ids are unique within a partnership's folder, not across folders
    results = {(c["folder"], c["id"]): holds(c, by_doc.get((c["kind"], c["doc"]), [])) for c in checks}
    held = list(results.values())
    metrics = {"checks_held": metric(safe_div(sum(held), len(held)), 0.0, len(held))}
    for kind in ("relation", "claim"):
        oks = [results[c["folder"], c["id"]] for c in checks if c["kind"] == kind]
        if oks:
            metrics[f"checks_held_{kind}"] = metric(safe_div(sum(oks), len(oks)), 0.0, len(oks))
    failures = [{"id": c["id"], "doc": c["doc"], "want": c["want"], "note": c.get("note", "")}
                for c in checks if not results[c["folder"], c["id"]]]
    return {"path": str(folder), "n": len(checks), "metrics": metrics,
            "details": {"held": sum(held), "failures": failures}}
