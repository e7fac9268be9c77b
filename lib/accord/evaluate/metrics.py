"""Precision, recall, F1, accuracy and majority baselines."""
from __future__ import annotations
from collections import Counter
from typing import Any, Iterable, Sequence
from .codes import CATEGORIES, countries, country, sector


# ----------------------------------------------------------------------- metrics


def safe_div(num: float, den: float) -> float:
    return num / den if den else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 when undefined)."""
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    return {"precision": p, "recall": r, "f1": safe_div(2 * p * r, p + r), "tp": tp, "fp": fp, "fn": fn}


def accuracy(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    """Fraction of positions where ``pred`` equals ``gold``."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    return safe_div(sum(g == p for g, p in zip(gold, pred)), len(gold))


def per_label_prf(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> dict[str, dict[str, float]]:
    """P/R/F1 of each label (single-label classification)."""
    out = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        out[lab] = prf(tp, fp, fn)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], categories: Sequence[str] = CATEGORIES) -> float:
    """Mean F1 over the ``categories`` present in ``gold`` or ``pred`` (others, e.g. NONE, are not averaged)."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    present = [c for c in categories if c in set(gold) | set(pred)]
    if not present:
        return 0.0
    scores = per_label_prf(gold, pred, present)
    return sum(s["f1"] for s in scores.values()) / len(present)


def set_prf(pairs: Iterable[tuple[Iterable[Any], Iterable[Any]]]) -> dict[str, float]:
    """Micro-averaged P/R/F1 of per-item country sets: ``pairs`` of (gold codes, predicted codes)."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        g, p = countries(gold), countries(pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return prf(tp, fp, fn)


def sector_hits(gold_actors: Iterable[tuple[str, str]], pred_codes: Iterable[Any],
                found_only: bool = False) -> tuple[int, int]:
    """(correct, total) over gold (code, sector) pairs: correct when a predicted code has that
    country and sector. With ``found_only``, only gold actors whose country was predicted count."""
    pred = {(country(c), sector(c)) for c in pred_codes}
    found = {c for c, _ in pred}
    total = correct = 0
    for code, sec in gold_actors:
        if found_only and country(code) not in found:
            continue
        total += 1
        correct += (country(code), sec) in pred
    return correct, total


def majority(values: Iterable[Any]) -> Any:
    """Most frequent value; ties broken by sort order (deterministic)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return sorted(k for k, v in counts.items() if v == best)[0]
