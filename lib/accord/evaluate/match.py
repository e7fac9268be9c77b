"""Matching gold items to predicted ones, one to one, by actors, type and distance."""
from __future__ import annotations
import math
from typing import Any, Callable, Iterable, Mapping, Sequence
from .codes import is_missing, as_list, countries
from .metrics import prf


# ------------------------------------------------------------- matching (seed)


def match(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]],
          compatible: Callable[[Mapping[str, Any], Mapping[str, Any]], bool],
          distance: Callable[[Mapping[str, Any], Mapping[str, Any]], float] | None = None) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: (gold index, pred index) pairs, required gold first, nearest first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if compatible(g, p):
                d = distance(g, p) if distance else 0.0
                cands.append((bool(g.get("optional")), d, gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def match_counts(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]],
                 pairs: Sequence[tuple[int, int]]) -> dict[str, float]:
    """P/R/F1 of a matching: optional gold is not missed, and a match with it is not a false positive."""
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    tp = sum(1 for gi, _ in pairs if not gold[gi].get("optional"))
    fn = sum(1 for gi, g in enumerate(gold) if not g.get("optional") and gi not in matched_g)
    fp = sum(1 for pi in range(len(pred)) if pi not in matched_p)
    out = prf(tp, fp, fn)
    out["optional_matched"] = len(pairs) - tp
    return out


def overlaps(gold_codes: Iterable[Any], pred_codes: Iterable[Any]) -> bool:
    """True when the country sets overlap, or the gold set is empty (unspecified)."""
    g = countries(gold_codes)
    return not g or bool(g & countries(pred_codes))


def relation_compatible(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    types = {g["event_type"], *g.get("alt_event_types", [])}
    return (
        g.get("sent") == p.get("sent")
        and p.get("event_type") in types
        and overlaps(g.get("source", []), as_list(p.get("source")))
        and overlaps(g.get("target", []), as_list(p.get("target")))
    )


def claim_compatible(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    stances = {g["stance"], *g.get("alt_stances", [])}
    return g.get("sent") == p.get("sent") and p.get("stance") in stances and overlaps(g.get("source", []), as_list(p.get("source")))


def offset_distance(g: Mapping[str, Any], p: Mapping[str, Any]) -> float:
    gs, ps = g.get("start"), p.get("pos", p.get("start"))
    if is_missing(gs) or is_missing(ps):
        return math.inf
    return abs(int(gs) - int(ps))


def status_ok(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    return p.get("status") in {g.get("status"), *g.get("alt_status", [])}


def sentence_of(offset: Any, spans: Sequence[Sequence[int]]) -> int | None:
    """The index of the span holding ``offset`` (None when outside every span)."""
    if is_missing(offset) or offset == math.inf:
        return None
    off = int(offset)
    for i, (a, b) in enumerate(spans):
        if a <= off < b:
            return i
    return None
