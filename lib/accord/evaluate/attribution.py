"""The attribution development set (``tests/gold/attributions_dev.yaml``): who said what, span by span.

Written by the project to guide work on claims (it does not judge: hidden sets do). Each item is a
short text with its attributions: the cue, the source phrase and the content, as verbatim spans.

Scores
------
* Cue precision, recall and F1: an engine claim matches a gold attribution when their cue spans
  overlap (one-to-one, in text order).
* Over the matched pairs (the cue scores count the misses): exact match of the source and content
  spans (after trimming spaces and punctuation at the ends), overlap token-F1 of each (tokens are
  words, case-folded), and stance accuracy.
* The baseline takes every form of *say* and *tell* as a cue, the words before it in the sentence
  as the source and the words after it as the content.
"""
from __future__ import annotations
import re
from pathlib import Path
from typing import Any, Mapping
from ..errors import InputError
from .codes import records_of
from .common import annotate_texts, document_row, documents_frame, metric, gold_list
from .metrics import prf, safe_div

ATTRIBUTION_DEFAULT = Path("tests") / "gold" / "attributions_dev.yaml"
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_EDGE = " \t\n,.;:!?\"'“”‘’«»"
_SAY = re.compile(r"\b(?:say|says|said|saying|tell|tells|told|telling)\b", re.IGNORECASE)


def _find(text: str, span: str, occurrence: int = 1, near: int = 0) -> tuple[int, int] | None:
    """Character offsets of ``span`` in ``text``: its ``occurrence``-th whole-word match, or the one nearest ``near``."""
    hits = [m.start() for m in re.finditer(re.escape(span), text)
            if not (m.start() > 0 and text[m.start()].isalnum() and text[m.start() - 1].isalnum())
            and not (m.end() < len(text) and text[m.end() - 1].isalnum() and text[m.end()].isalnum())]
    if not hits:
        return None
    start = hits[occurrence - 1] if occurrence and len(hits) >= occurrence and near == 0 else min(hits, key=lambda h: abs(h - near))
    return start, start + len(span)


def load_attributions(path: str | Path) -> list[dict[str, Any]]:
    """The items of ``path`` with each attribution's character spans (``cue_span``, ``source_span``, ``content_span``)."""
    path = Path(path)
    items = gold_list(path, "items")
    for item in items:
        for a in item.get("attributions") or []:
            for key in ("cue", "source", "content"):
                if a.get(key) is None:
                    a[f"{key}_span"] = None
                    continue
                span = _find(item["text"], a[key], a.get(f"{key}_occurrence", 1))
                if span is None:
                    raise InputError(path, f"item {item['id']}: {key} {a[key]!r} not in its text")
                a[f"{key}_span"] = span
    return items


def _tokens(text: str | None) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def token_f1(gold: str | None, pred: str | None) -> float:
    """Overlap F1 of two spans' word multisets (1.0 when both are empty)."""
    g, p = _tokens(gold), _tokens(pred)
    if not g and not p:
        return 1.0
    common = sum(min(g.count(w), p.count(w)) for w in set(g))
    return safe_div(2 * common, len(g) + len(p))


def _same(gold: str | None, pred: str | None) -> bool:
    return (gold or "").strip(_EDGE) == (pred or "").strip(_EDGE)


def matched_pairs(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        gs, ge = g["cue_span"]
        for pi, p in enumerate(pred):
            if pi not in used and p["cue_span"] and p["cue_span"][0] < ge and gs < p["cue_span"][1]:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def engine_claims_of(item: Mapping[str, Any], rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    text = item["text"]
    out = []
    for r in rows:
        lo, hi = int(r["start"]), int(r["end"])
        cue = _find(text[lo:hi], str(r["cue"]))
        source = r.get("source_text")  # a claim without a named source has none (a missing value in the table)
        out.append({"cue_span": (lo + cue[0], lo + cue[1]) if cue else None,
                    "source": source if isinstance(source, str) else None,
                    "content": r.get("content"), "stance": r.get("stance")})
    return out


def _baseline_claims(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    text = item["text"]
    out = []
    for m in _SAY.finditer(text):
        lo = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        hi = text.find(".", m.end())
        out.append({"cue_span": (m.start(), m.end()), "source": text[lo:m.start()], "stance": "assert",
                    "content": text[m.end():hi if hi >= 0 else len(text)]})
    return out


def score_attributions(items: list[Mapping[str, Any]], predicted: Mapping[str, list[dict[str, Any]]]) -> dict[str, float]:
    """Cue P/R/F1 and, over the matched pairs, source/content exact and token-F1, stance accuracy."""
    tp = fp = fn = 0
    src_exact = con_exact = src_f1 = con_f1 = stance = 0.0
    for item in items:
        gold = item.get("attributions") or []
        pred = [p for p in predicted.get(str(item["id"]), []) if p["cue_span"]]
        pairs = matched_pairs(gold, pred)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            src_exact += _same(g["source"], p["source"])
            con_exact += _same(g["content"], p["content"])
            src_f1 += token_f1(g["source"], p["source"])
            con_f1 += token_f1(g["content"], p["content"])
            stance += g.get("stance") == p.get("stance")
    cue = prf(tp, fp, fn)
    return {"cue_precision": cue["precision"], "cue_recall": cue["recall"], "cue_f1": cue["f1"],
            "source_exact": safe_div(src_exact, tp), "source_token_f1": safe_div(src_f1, tp),
            "content_exact": safe_div(con_exact, tp), "content_token_f1": safe_div(con_f1, tp),
            "stance_accuracy": safe_div(stance, tp), "n": {"gold": tp + fn, "pred": tp + fp, "matched": tp}}


def evaluate_attributions(path: Path) -> dict[str, Any]:
    """Annotate every item as a document and score the engine's claims (and the baseline's)."""
    items = load_attributions(path)
    rows = [document_row(str(i["id"]), f"{path}#{i['id']}", i["text"], None, "attribution dev set") for i in items]
    tables = annotate_texts(documents_frame(rows))
    claims: dict[str, list[Mapping[str, Any]]] = {}
    for r in records_of(tables["claims"]):
        claims.setdefault(str(r["doc_id"]), []).append(r)
    engine = score_attributions(items, {str(i["id"]): engine_claims_of(i, claims.get(str(i["id"]), [])) for i in items})
    base = score_attributions(items, {str(i["id"]): _baseline_claims(i) for i in items})
    n = engine.pop("n")
    base.pop("n")
    counts = {"cue_precision": n["pred"], "cue_recall": n["gold"], "cue_f1": n["gold"]}
    metrics = {name: metric(engine[name], base[name], counts.get(name, n["matched"])) for name in engine}
    return {"path": str(path), "n": len(items), "metrics": metrics, "details": {}}
