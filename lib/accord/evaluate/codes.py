"""Gold and engine labels made comparable: PLOVER labels, actor codes, countries and sectors, the main relation."""
from __future__ import annotations
import math
from typing import Any, Iterable, Mapping, Sequence
from ..labels import plover_categories


# ------------------------------------------------------------------------ labels

#: The 16 PLOVER categories, from plover.yaml.
CATEGORIES = plover_categories()
#: PLOVER 0.5b1 labels -> (current category, mode or None to keep the record's mode).
LABEL_MAP: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
#: CAMEO country codes that differ from ISO 3166 alpha-3.
CODE_ALIASES = {"JAP": "JPN"}
NONE = "NONE"
MAIN_STATUSES = ("reported", "planned")


def map_label(event: str, mode: str | None = None) -> tuple[str, str | None]:
    """A PLOVER 0.5b1 (event, mode) in the current categories; empty modes become None."""
    event = (event or "").strip().upper()
    mode = (mode or "").strip() or None
    if event in LABEL_MAP:
        new, new_mode = LABEL_MAP[event]
        return new, new_mode if new_mode is not None else mode
    return event, mode


# ------------------------------------------------------------------------- codes


def is_missing(value: Any) -> bool:
    """None, NaN, pd.NA or NaT."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def norm_code(code: Any) -> str:
    """An actor code upper-cased, trimmed to country + sector (6 letters), CAMEO aliases fixed."""
    if is_missing(code):
        return ""
    c = str(code).strip().split(":", 1)[0].upper()  # "UNK:Name" (an unresolved name) -> UNK
    return CODE_ALIASES.get(c[:3], c[:3]) + c[3:6]


def country(code: Any) -> str:
    """The country part of a code: its first three letters (``RUSGOV`` -> ``RUS``)."""
    return norm_code(code)[:3]


def sector(code: Any) -> str | None:
    """The sector part of a code (letters 4-6), or None."""
    s = norm_code(code)[3:6]
    return s or None


def countries(codes: Any) -> set[str]:
    """The set of country parts of ``codes`` (a compound actor counts once per member)."""
    return {c for c in (country(x) for x in as_list(codes)) if c}


def as_list(value: Any) -> list:
    """A list from a list-like cell, a scalar, or a missing value."""
    if value is None or isinstance(value, str):
        return [value] if isinstance(value, str) and value.strip() else []
    if isinstance(value, (list, tuple)):
        return list(value)
    if hasattr(value, "tolist"):
        return list(value.tolist())
    return [] if is_missing(value) else [value]


# ---------------------------------------------------------------- engine output


def trigger_offset(r: Mapping[str, Any], text: str | None = None) -> float:
    """Where a relation's trigger starts in the document: the first occurrence of ``trigger``
    inside the relation's [start, end) span (the span runs from its first argument or trigger
    to its last), else after ``start``; ``start`` when the text is not given or the trigger is
    not found; infinity when there is no offset."""
    start = r.get("start")
    if is_missing(start):
        return math.inf
    start = int(start)
    trig = r.get("trigger")
    if text and isinstance(trig, str) and trig.strip():
        end = r.get("end")
        end = len(text) if is_missing(end) else int(end)
        i = text.find(trig, start, end)
        if i < 0:
            i = text.find(trig, start)
        if i >= 0:
            return i
    return start


def main_relation(relations: Sequence[Mapping[str, Any]], text: str | None = None) -> Mapping[str, Any] | None:
    """The main relation of a sentence: earliest trigger (see :func:`trigger_offset`) among
    reported/planned relations (among all when none is reported or planned); ties go to the
    earlier relation_id; None when there is no relation."""
    rows = list(relations)
    if not rows:
        return None
    preferred = [r for r in rows if r.get("status") in MAIN_STATUSES] or rows
    main = min(preferred, key=lambda r: (trigger_offset(r, text), str(r.get("relation_id", ""))))
    return joint_form(main, rows)


def joint_form(rel: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """A joint act as PLOVER codes it: accord writes "A and B met" as A -> B and B -> A
    (coding rule ``joint_acts``), PLOVER as one event with both in the source and no target."""
    src, tgt = set(as_list(rel.get("source"))), set(as_list(rel.get("target")))
    for r in rows:
        if (r is not rel and r.get("event_type") == rel.get("event_type") and r.get("start") == rel.get("start")
                and r.get("end") == rel.get("end") and set(as_list(r.get("source"))) == tgt
                and set(as_list(r.get("target"))) == src):
            return {**rel, "source": as_list(rel.get("source")) + as_list(rel.get("target")), "target": []}
    return rel


def records_of(df: Any) -> list[dict[str, Any]]:
    """The rows of a table as dicts (none for a missing or empty table)."""
    if df is None or len(df) == 0:
        return []
    return df.to_dict("records")


def by_doc(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(str(r["doc_id"]), []).append(r)
    return out


def actor_codes(tables: Mapping[str, Any]) -> dict[str, str]:
    """actor_id -> code (country + sector) from the actors table; unresolved actors -> UNK."""
    out = {}
    for a in records_of(tables.get("actors")):
        ctry = a.get("country")
        if is_missing(ctry) or not str(ctry).strip():
            if a.get("kind") != "unresolved":
                continue
            ctry = "UNK"  # a name the lexicon does not know (the records code it UNK)
        sec = a.get("sector")
        code = str(ctry).strip() + ("" if is_missing(sec) else str(sec).strip())
        out[str(a["actor_id"])] = norm_code(code)
    return out


def mentioned_codes(tables: Mapping[str, Any]) -> dict[str, list[tuple[int, str]]]:
    """doc_id -> [(start, code)] of the engine's resolved mentions, in text order."""
    codes = actor_codes(tables)
    out: dict[str, list[tuple[int, str]]] = {}
    for m in records_of(tables.get("mentions")):
        code = codes.get(str(m.get("actor_id")))
        if code:
            start = m.get("start")
            out.setdefault(str(m["doc_id"]), []).append((-1 if is_missing(start) else int(start), code))
    for v in out.values():
        v.sort()
    return out
