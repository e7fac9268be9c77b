"""The open corpus's test split (``training/corpus/test.jsonl``), scored end to end.

Every test item (a sentence or two, labelled exhaustively; whole writing batches and treebank
documents never trained on) is annotated at its date. A gold event and a relation *meet* when
the relation's trigger starts inside the gold trigger's span (PLOVER's trigger words, see
``training/corpus/ANNOTATION.md``). Reported:

- ``event_*``: detection, any category (a relation meeting no gold event is a false positive);
- ``typed_*``: the same with the category required; ``typed_macro_f1`` over the 16 categories;
- ``source_country_f1`` / ``target_country_f1``: over the typed matches, the countries of the
  arguments (an IGO counts by its code), as the PLOVER benchmark counts them;
- ``status_accuracy``: over the typed matches;
- ``location_f1``: over the typed matches, the place where the event happened (the relation's
  ``location`` against the gold span's words: equal, or one inside the other).

The trivial baseline codes nothing: its recall, precision and F1 are 0.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .codes import CATEGORIES, countries, records_of, trigger_offset
from .common import annotate_texts, document_row, documents_frame, metric
from .metrics import prf, safe_div

CORPUS_TEST_DEFAULT = Path("training") / "corpus" / "test.jsonl"


def _spans(trigger: list) -> list[tuple[int, int]]:
    return [tuple(trigger)] if isinstance(trigger[0], int) else [tuple(p) for p in trigger]


def _codes(args: list[dict]) -> list[str]:
    return [a["code"] for a in args or () if a.get("code")]


def _location_words(event: dict, text: str) -> str | None:
    span = event.get("location")
    return text[span[0]:span[1]].strip() or None if isinstance(span, list) and len(span) == 2 else None


def _agreement(event: dict, relation: dict) -> int:
    """How many of a gold event's source and target countries a relation has."""
    return (len(countries(_codes(event["source"])) & countries(relation["source"]))
            + len(countries(_codes(event["target"])) & countries(relation["target"])))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    d = prf(tp, n_pred - tp, n_gold - tp)
    return d["precision"], d["recall"], d["f1"]


def load_test_items(path: Path) -> list[dict[str, Any]]:
    """The items of a corpus split file (JSON lines)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_corpus(path: Path) -> dict[str, Any]:
    """Annotate each item and score its relations against its labelled events."""
    items = load_test_items(path)
    docs = [document_row(it["id"], str(path), it["text"], it.get("date"), "open corpus") for it in items]
    rels: dict[str, list] = {}
    for r in records_of(annotate_texts(documents_frame(docs))["relations"]):
        rels.setdefault(str(r["doc_id"]), []).append(r)
    text = {it["id"]: it["text"] for it in items}
    n_gold = n_pred = hit = typed = 0
    per_cat = {c: [0, 0, 0] for c in CATEGORIES}  # tp, predicted, gold
    src = [0, 0, 0]
    tgt = [0, 0, 0]
    status_ok = 0
    loc = [0, 0, 0]  # tp, predicted, gold
    for it in items:
        gold = it["events"]
        pred = rels.get(it["id"], [])
        n_gold += len(gold)
        n_pred += len(pred)
        for g in gold:
            per_cat.setdefault(g["category"], [0, 0, 0])[2] += 1
        for r in pred:
            per_cat.setdefault(str(r["event_type"]), [0, 0, 0])[1] += 1
        met: set[int] = set()
        for r in pred:
            at = trigger_offset(r, text[it["id"]])
            inside = [k for k, g in enumerate(gold) if any(s <= at < e for s, e in _spans(g["trigger"]))]
            if not inside:
                continue
            hit += 1
            same = [k for k in inside if gold[k]["category"] == r["event_type"] and k not in met]
            if not same:
                continue
            # a joint act is labelled once per direction (A -> B and B -> A): the relation meets the
            # one its own arguments agree with, not merely the first
            k = max(same, key=lambda k: (_agreement(gold[k], r), -k))
            met.add(k)
            typed += 1
            per_cat[gold[k]["category"]][0] += 1
            status_ok += gold[k]["status"] == r["status"]
            want = _location_words(gold[k], text[it["id"]])
            got = r.get("location") if isinstance(r.get("location"), str) else None
            loc[0] += bool(want and got and (want in got or got in want))
            loc[1] += bool(got)
            loc[2] += bool(want)
            for counts, want, got in ((src, _codes(gold[k]["source"]), r["source"]),
                                      (tgt, _codes(gold[k]["target"]), r["target"])):
                w, p = countries(want), countries(got)
                counts[0] += len(w & p)
                counts[1] += len(p)
                counts[2] += len(w)
    detected = _prf(hit, n_pred, n_gold)
    typed_prf = _prf(typed, n_pred, n_gold)
    f1s = [_prf(*per_cat[c])[2] for c in CATEGORIES if per_cat[c][2]]
    metrics = {
        "event_precision": metric(detected[0], 0.0, n_pred), "event_recall": metric(detected[1], 0.0, n_gold),
        "event_f1": metric(detected[2], 0.0, n_gold),
        "typed_precision": metric(typed_prf[0], 0.0, n_pred), "typed_recall": metric(typed_prf[1], 0.0, n_gold),
        "typed_f1": metric(typed_prf[2], 0.0, n_gold),
        "typed_macro_f1": metric(safe_div(sum(f1s), len(f1s)), 0.0, len(f1s)),
        "source_country_f1": metric(_prf(*src)[2], 0.0, src[2]),
        "target_country_f1": metric(_prf(*tgt)[2], 0.0, tgt[2]),
        "status_accuracy": metric(safe_div(status_ok, typed), 0.0, typed),
        "location_f1": metric(_prf(*loc)[2], 0.0, loc[2]),
    }
    by_category = {c: dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in _prf(*per_cat[c]))))
                   for c in CATEGORIES if per_cat[c][1] or per_cat[c][2]}
    return {"path": str(path), "n": len(items), "metrics": metrics, "details": {"by_category": by_category}}
