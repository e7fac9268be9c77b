"""``accord evaluate``: score the annotator against gold standards.

Three gold sets, each scored for the engine and for a trivial baseline beside it:

1. **PLOVER gold standard, development half** (``--plover``; default
   ``../shared/benchmarks/plover_gsr_dev.jsonl`` beside the repository). Every
   sentence is annotated as one document dated from its record. The gold codes one
   event per sentence, so the engine's *main relation* of the sentence is scored
   against it (see :func:`main_relation`): event type (accuracy, macro-F1 over the
   PLOVER categories), mode where the gold gives one that the current PLOVER
   scheme has, quad class, source and target country F1 and sector accuracy. The
   PLOVER 0.5b1 labels are mapped first (:data:`LABEL_MAP`).
2. **The project's sentence records** (``tests/records/*.yaml``): the same
   scores against each record's first relation, plus precision and recall of
   relations, claims and actors.
3. **The seed gold** (``tests/gold/seed.yaml``, written by hand): precision and
   recall of relations, claims and actors, status/mode/date accuracy of matched
   relations, and whether the denial is linked to the accusation it denies.

Definitions
-----------
* Main relation: among the sentence's relations whose status is ``reported`` or
  ``planned`` (all of them when none is), the one whose trigger comes first;
  ties go to the earlier ``relation_id``. The CAMEO manual's examples code the
  event of the main clause, which precedes the events of subordinate clauses in
  nearly every sentence; the engine's ``score`` column is the PLOVER
  conflict-cooperation score, not a confidence, so it is not used. A sentence
  without relations is a miss (predicted label ``NONE``).
* Country of a code: its first three letters (``RUSGOV`` -> ``RUS``, ``IGOUNO``
  -> ``IGO``, so the gold's bare ``IGO`` matches any ``IGO...`` code); sector:
  letters 4-6. CAMEO's ``JAP`` is read as ``JPN``.
* Country F1: per sentence the gold and predicted country *sets* of a role (a
  compound actor counts once per member), micro-averaged: TP = |G & P|,
  FP = |P - G|, FN = |G - P| summed over sentences.
* Macro-F1: the mean F1 over the PLOVER categories that occur in the gold or in
  the predictions (``NONE`` is not a category, but a miss counts against recall).
* Sector accuracy: over gold actors with a sector (``***`` means unknown and is
  skipped), correct when the main relation has, in the same role, a code of the
  same country with that sector (``sector_accuracy_found``: only over gold actors
  whose country the main relation has in that role, so it isolates sector coding).
* Trigger position: the relations table gives the span of the whole relation
  (from its first argument or trigger to its last), so the trigger's offset is
  found by looking for the ``trigger`` words inside that span.
* Matching (seed and records): greedy one-to-one, required gold before optional,
  nearer trigger first. A relation matches when the event type is the gold's (or
  one of its ``alt_event_types``), source and target country sets overlap (an
  empty gold set accepts anything) and the engine row lies in the same gold
  sentence (the sentence holding its ``start`` offset). A claim matches on stance
  (or ``alt_stances``), overlapping source countries and sentence. Optional gold
  entries are neither missed nor, when matched, false positives.
* Baselines: the most frequent gold category / quad class / sector; for countries,
  every actor the engine mentions in the sentence as source and as target (so the
  difference is what argument attachment adds); for the seed, one relation per
  sentence between the first two countries mentioned with the most frequent gold
  type, and one claim per sentence by the first actor mentioned with the most
  frequent gold stance; bare country codes for the actors.

The output is deterministic: the same engine gives the same table and JSON.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import yaml

from .errors import AccordError, InputError

# --------------------------------------------------------------------------- paths

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parents[1]
PLOVER_DEFAULT = Path("..") / "shared" / "benchmarks" / "plover_gsr_dev.jsonl"
RECORDS_DEFAULT = Path("tests") / "records"
SEED_GOLD_DEFAULT = Path("tests") / "gold" / "seed.yaml"
QUAD_YAML = PACKAGE_DIR / "data" / "plover.yaml"
QUAD_CSV_DEFAULT = Path("..") / "shared" / "reference" / "plover_categories.csv"

BENCHMARKS = ("plover", "records", "seed")

# ------------------------------------------------------------------------ labels

#: The 16 PLOVER categories.
CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)
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


def _missing(value: Any) -> bool:
    """None, NaN, pd.NA or NaT."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def norm_code(code: Any) -> str:
    """An actor code upper-cased, trimmed to country + sector (6 letters), CAMEO aliases fixed."""
    if _missing(code):
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
    return [] if _missing(value) else [value]


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


# ------------------------------------------------------------------ quad classes


def _quads_from_yaml(data: Any) -> dict[str, int]:
    """category -> quad class from the lexicon's plover.yaml, whatever its exact shape."""
    out: dict[str, int] = {}

    def take(name: Any, entry: Any) -> None:
        if not isinstance(entry, Mapping):
            return
        for key in ("event_type", "category", "name", "event"):
            if isinstance(entry.get(key), str):
                name = entry[key]
                break
        quad = entry.get("quad_class", entry.get("quad"))
        if isinstance(name, str) and name.upper() in CATEGORIES and isinstance(quad, int) and not entry.get("mode"):
            out.setdefault(name.upper(), quad)

    if isinstance(data, Mapping):
        for key in ("categories", "plover", "events"):
            if key in data:
                data = data[key]
                break
    if isinstance(data, Mapping):
        for name, entry in data.items():
            take(name, entry)
    elif isinstance(data, list):
        for entry in data:
            take(None, entry)
    return out


def _quads_from_csv(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not (row.get("mode") or "").strip():
                out[row["category"].strip().upper()] = int(row["quad_class"])
    return out


def load_quad_classes(yaml_path: Path | None = None, csv_path: Path | None = None) -> tuple[dict[str, int], str]:
    """category -> quad class, and where it came from: the package's plover.yaml when it covers
    every category, else ../shared/reference/plover_categories.csv."""
    yaml_path = QUAD_YAML if yaml_path is None else yaml_path
    if yaml_path.exists():
        try:
            quads = _quads_from_yaml(yaml.safe_load(yaml_path.read_text(encoding="utf-8")))
        except yaml.YAMLError:
            quads = {}
        if all(c in quads for c in CATEGORIES):
            return quads, str(yaml_path.name)
    for cand in ([csv_path] if csv_path else [REPO_DIR / QUAD_CSV_DEFAULT, Path.cwd() / QUAD_CSV_DEFAULT]):
        if cand is not None and cand.exists():
            return _quads_from_csv(cand), str(cand.name)
    raise InputError(csv_path or QUAD_CSV_DEFAULT, "no quad classes: neither lib/accord/data/plover.yaml nor plover_categories.csv found")


def _valid_modes(csv_path: Path | None = None) -> dict[str, set[str]]:
    """category -> modes of the current PLOVER scheme (the package's plover.yaml, else plover_categories.csv)."""
    if csv_path is None and QUAD_YAML.exists():
        try:
            data = yaml.safe_load(QUAD_YAML.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            data = None
        rows = data.get("plover") if isinstance(data, Mapping) else None
        if isinstance(rows, list):
            out: dict[str, set[str]] = {}
            for row in rows:
                if isinstance(row, Mapping) and row.get("mode") and isinstance(row.get("event_type"), str):
                    out.setdefault(row["event_type"].upper(), set()).add(str(row["mode"]))
            if out:
                return out
    for cand in ([csv_path] if csv_path else [REPO_DIR / QUAD_CSV_DEFAULT, Path.cwd() / QUAD_CSV_DEFAULT]):
        if cand is not None and cand.exists():
            out: dict[str, set[str]] = {}
            with cand.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    if (row.get("mode") or "").strip():
                        out.setdefault(row["category"].strip().upper(), set()).add(row["mode"].strip())
            return out
    return {}


# ---------------------------------------------------------------- engine output


def trigger_offset(r: Mapping[str, Any], text: str | None = None) -> float:
    """Where a relation's trigger starts in the document: the first occurrence of ``trigger``
    inside the relation's [start, end) span (the span runs from its first argument or trigger
    to its last), else after ``start``; ``start`` when the text is not given or the trigger is
    not found; infinity when there is no offset."""
    start = r.get("start")
    if _missing(start):
        return math.inf
    start = int(start)
    trig = r.get("trigger")
    if text and isinstance(trig, str) and trig.strip():
        end = r.get("end")
        end = len(text) if _missing(end) else int(end)
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
    return min(preferred, key=lambda r: (trigger_offset(r, text), str(r.get("relation_id", ""))))


def _records(df: Any) -> list[dict[str, Any]]:
    if df is None or len(df) == 0:
        return []
    return df.to_dict("records")


def _by_doc(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(str(r["doc_id"]), []).append(r)
    return out


def actor_codes(tables: Mapping[str, Any]) -> dict[str, str]:
    """actor_id -> code (country + sector) from the actors table; unresolved actors -> UNK."""
    out = {}
    for a in _records(tables.get("actors")):
        ctry = a.get("country")
        if _missing(ctry) or not str(ctry).strip():
            if a.get("kind") != "unresolved":
                continue
            ctry = "UNK"  # a name the lexicon does not know (the records code it UNK)
        sec = a.get("sector")
        code = str(ctry).strip() + ("" if _missing(sec) else str(sec).strip())
        out[str(a["actor_id"])] = norm_code(code)
    return out


def mentioned_codes(tables: Mapping[str, Any]) -> dict[str, list[tuple[int, str]]]:
    """doc_id -> [(start, code)] of the engine's resolved mentions, in text order."""
    codes = actor_codes(tables)
    out: dict[str, list[tuple[int, str]]] = {}
    for m in _records(tables.get("mentions")):
        code = codes.get(str(m.get("actor_id")))
        if code:
            start = m.get("start")
            out.setdefault(str(m["doc_id"]), []).append((-1 if _missing(start) else int(start), code))
    for v in out.values():
        v.sort()
    return out


def _annotate(documents: Any) -> dict[str, Any]:
    try:
        from accord import annotate
    except ImportError as exc:  # the engine is not there
        raise AccordError(f"accord.annotate is not available ({exc}); the engine is needed to evaluate") from exc
    return annotate(documents)


def _documents(rows: list[dict[str, Any]]) -> Any:
    from accord import tables

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


# ------------------------------------------------------------------ PLOVER gold


def _gold_actors(value: Any) -> list[dict[str, Any]]:
    """The actors of a gold role: a list of {code, sector}; '' / None / stray strings -> []."""
    if not isinstance(value, list):
        return []
    out = []
    for a in value:
        if isinstance(a, Mapping) and a.get("code"):
            sec = str(a.get("sector") or "").strip()[:3].upper()
            out.append({"code": norm_code(a["code"]), "sector": sec if sec.isalpha() and len(sec) == 3 else None})
    return out


def load_plover(path: str | Path) -> list[dict[str, Any]]:
    """The PLOVER gold records, labels mapped: id, text, date, event, mode, source, target."""
    path = Path(path)
    out = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"not JSON: {exc.msg}", line=lineno) from exc
            event, mode = map_label(rec.get("event", ""), rec.get("mode"))
            out.append({
                "id": str(rec.get("id") or f"line{lineno}"),
                "line": lineno,
                "text": rec["text"],
                "date": rec.get("date") or None,
                "event": event,
                "mode": mode,
                "source": _gold_actors(rec.get("source")),
                "target": _gold_actors(rec.get("target")),
            })
    if not out:
        raise InputError(path, "no records")
    seen = Counter(g["id"] for g in out)
    for g in out:  # the gold file repeats some ids (two different COERCE-0004 records)
        if seen[g["id"]] > 1:
            g["id"] = f"{g['id']}@{g['line']}"
    return out


def score_main(gold: list[dict[str, Any]], tables: Mapping[str, Any], quads: Mapping[str, int],
               valid_modes: Mapping[str, set[str]]) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """PLOVER-style scores of the main relation of each gold item (``doc_id`` = gold ``id``).

    Each gold item: id, event, mode, source/target as [{code, sector}]. Returns the
    metrics {name: {engine, baseline, n}} and details for error analysis."""
    rels = _by_doc(_records(tables.get("relations")))
    mentions = mentioned_codes(tables)
    g_ev, p_ev, g_quad, p_quad = [], [], [], []
    src_pairs, tgt_pairs, base_src, base_tgt = [], [], [], []
    mode_hits = mode_n = 0
    sec_hits = sec_n = fsec_hits = fsec_n = 0
    found_sectors: list[str] = []
    any_hits = covered = 0
    quad_mismatch = 0
    gold_sectors: list[str] = []
    for g in gold:
        doc_rels = rels.get(g["id"], [])
        m = main_relation(doc_rels, g.get("text"))
        covered += bool(doc_rels)
        any_hits += any(r.get("event_type") == g["event"] for r in doc_rels)
        pe = str(m["event_type"]) if m is not None else NONE
        g_ev.append(g["event"])
        p_ev.append(pe)
        gq = quads.get(g["event"])
        g_quad.append(gq)
        if m is None:
            pq = None
        else:
            mq = quads.get(pe)
            pq = mq if _missing(m.get("quad_class")) else int(m["quad_class"])
            quad_mismatch += mq is not None and pq != mq
        p_quad.append(pq)
        if g["mode"] and g["mode"] in valid_modes.get(g["event"], set()):
            mode_n += 1
            mode_hits += m is not None and pe == g["event"] and m.get("mode") == g["mode"]
        psrc = as_list(m.get("source")) if m is not None else []
        ptgt = as_list(m.get("target")) if m is not None else []
        gsrc = [a["code"] for a in g["source"]]
        gtgt = [a["code"] for a in g["target"]]
        src_pairs.append((gsrc, psrc))
        tgt_pairs.append((gtgt, ptgt))
        seen = [c for _, c in mentions.get(g["id"], [])]
        base_src.append((gsrc, seen))
        base_tgt.append((gtgt, seen))
        for role, pred in (("source", psrc), ("target", ptgt)):
            pairs = [(a["code"], a["sector"]) for a in g[role] if a["sector"]]
            gold_sectors += [s for _, s in pairs]
            c, n = sector_hits(pairs, pred)
            sec_hits += c
            sec_n += n
            c, n = sector_hits(pairs, pred, found_only=True)
            fsec_hits += c
            fsec_n += n
            found = countries(pred)
            found_sectors += [s for code, s in pairs if country(code) in found]
    maj_ev = majority(g_ev)
    maj_quad = majority(g_quad)
    maj_sec = majority(gold_sectors)
    n = len(gold)
    src, tgt = set_prf(src_pairs), set_prf(tgt_pairs)
    bsrc, btgt = set_prf(base_src), set_prf(base_tgt)
    metrics = {
        "event_accuracy": _m(accuracy(g_ev, p_ev), accuracy(g_ev, [maj_ev] * n), n),
        "event_macro_f1": _m(macro_f1(g_ev, p_ev), macro_f1(g_ev, [maj_ev] * n), n),
        "event_any_relation": _m(safe_div(any_hits, n), accuracy(g_ev, [maj_ev] * n), n),
        "coverage": _m(safe_div(covered, n), None, n),
        "mode_accuracy": _m(safe_div(mode_hits, mode_n), 0.0, mode_n),
        "quad_accuracy": _m(accuracy(g_quad, p_quad), accuracy(g_quad, [maj_quad] * n), n),
        "source_country_precision": _m(src["precision"], bsrc["precision"], src["tp"] + src["fn"]),
        "source_country_recall": _m(src["recall"], bsrc["recall"], src["tp"] + src["fn"]),
        "source_country_f1": _m(src["f1"], bsrc["f1"], src["tp"] + src["fn"]),
        "target_country_precision": _m(tgt["precision"], btgt["precision"], tgt["tp"] + tgt["fn"]),
        "target_country_recall": _m(tgt["recall"], btgt["recall"], tgt["tp"] + tgt["fn"]),
        "target_country_f1": _m(tgt["f1"], btgt["f1"], tgt["tp"] + tgt["fn"]),
        "sector_accuracy": _m(safe_div(sec_hits, sec_n), safe_div(sum(s == maj_sec for s in gold_sectors), sec_n), sec_n),
        "sector_accuracy_found": _m(safe_div(fsec_hits, fsec_n), safe_div(sum(s == maj_sec for s in found_sectors), fsec_n), fsec_n),
    }
    details = {
        "confusions": Counter((g, p) for g, p in zip(g_ev, p_ev) if g != p),
        "per_category": per_label_prf(g_ev, p_ev, [c for c in CATEGORIES if c in set(g_ev) | set(p_ev)]),
        "predicted": Counter(p_ev),
        "source_missed": Counter(c for gs, ps in src_pairs for c in countries(gs) - countries(ps)),
        "source_spurious": Counter(c for gs, ps in src_pairs for c in countries(ps) - countries(gs)),
        "target_missed": Counter(c for gs, ps in tgt_pairs for c in countries(gs) - countries(ps)),
        "target_spurious": Counter(c for gs, ps in tgt_pairs for c in countries(ps) - countries(gs)),
        "source_empty": sum(bool(countries(gs)) and not countries(ps) for gs, ps in src_pairs),
        "target_empty": sum(bool(countries(gs)) and not countries(ps) for gs, ps in tgt_pairs),
        "source_target_swapped": sum(
            bool(countries(gs)) and countries(gs) == countries(pt) and countries(gt) == countries(ps) and countries(gs) != countries(gt)
            for (gs, ps), (gt, pt) in zip(src_pairs, tgt_pairs)
        ),
        "quad_inconsistent": quad_mismatch,
        "baseline_event": maj_ev,
        "baseline_quad": maj_quad,
        "baseline_sector": maj_sec,
    }
    return metrics, details


def _m(engine: float | None, baseline: float | None, n: int) -> dict[str, Any]:
    return {"engine": engine, "baseline": baseline, "n": n}


def evaluate_plover(path: Path, quads: Mapping[str, int], valid_modes: Mapping[str, set[str]]) -> dict[str, Any]:
    gold = load_plover(path)
    docs = _documents([_doc_row(g["id"], f"{path.name}:{g['line']}", g["text"], g["date"], "PLOVER GSR") for g in gold])
    tables = _annotate(docs)
    metrics, details = score_main(gold, tables, quads, valid_modes)
    return {"path": str(path), "n": len(gold), "metrics": metrics, "details": details}


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


def _distance(g: Mapping[str, Any], p: Mapping[str, Any]) -> float:
    gs, ps = g.get("start"), p.get("pos", p.get("start"))
    if _missing(gs) or _missing(ps):
        return math.inf
    return abs(int(gs) - int(ps))


def status_ok(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    return p.get("status") in {g.get("status"), *g.get("alt_status", [])}


def sentence_of(offset: Any, spans: Sequence[Sequence[int]]) -> int | None:
    """The index of the span holding ``offset`` (None when outside every span)."""
    if _missing(offset) or offset == math.inf:
        return None
    off = int(offset)
    for i, (a, b) in enumerate(spans):
        if a <= off < b:
            return i
    return None


def load_seed_gold(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(path, f"not YAML: {exc}") from exc
    for key in ("document", "sentences", "actors", "relations", "claims"):
        if key not in gold:
            raise InputError(path, f"no {key!r}")
    return gold


def _seed_text_path(gold_path: Path, document: str) -> Path:
    for base in (gold_path.resolve().parents[2], REPO_DIR, Path.cwd()):
        p = base / document
        if p.exists():
            return p
    raise InputError(document, "seed document of the gold file not found")


def score_seed(gold: Mapping[str, Any], tables: Mapping[str, Any], doc_id: str,
               text: str | None = None) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Scores of the engine's tables for document ``doc_id`` (text ``text``) against the seed gold,
    with the baseline. Engine rows are placed by their trigger (relations) or cue (claims)."""
    spans = gold["sentences"]
    pred_rels = []
    for r in _records(tables.get("relations")):
        if str(r["doc_id"]) == doc_id:
            pos = trigger_offset(r, text)
            pred_rels.append(dict(r, pos=pos, sent=sentence_of(pos, spans)))
    pred_claims = []
    for c in _records(tables.get("claims")):
        if str(c["doc_id"]) == doc_id:
            pos = trigger_offset({**c, "trigger": c.get("cue")}, text)
            pred_claims.append(dict(c, pos=pos, sent=sentence_of(pos, spans)))
    g_rels, g_claims = gold["relations"], gold["claims"]

    rel_pairs = match(g_rels, pred_rels, relation_compatible, _distance)
    rel = match_counts(g_rels, pred_rels, rel_pairs)
    claim_pairs = match(g_claims, pred_claims, claim_compatible, _distance)
    cl = match_counts(g_claims, pred_claims, claim_pairs)

    def attr_acc(pairs, ok, cond) -> tuple[float, int]:
        sel = [(g_rels[gi], pred_rels[pi]) for gi, pi in pairs if cond(g_rels[gi])]
        return safe_div(sum(ok(g, p) for g, p in sel), len(sel)), len(sel)

    status_acc, status_n = attr_acc(rel_pairs, status_ok, lambda g: True)
    mode_acc, mode_n = attr_acc(rel_pairs, lambda g, p: p.get("mode") == g.get("mode"), lambda g: bool(g.get("mode")))
    date_acc, date_n = attr_acc(
        rel_pairs, lambda g, p: not _missing(p.get("date")) and str(p.get("date")).startswith(str(g["date"])), lambda g: bool(g.get("date"))
    )

    # the contested proposition: is the denial linked to the accusation?
    gid_to_pred = {g_claims[gi]["id"]: pred_claims[pi] for gi, pi in claim_pairs}
    links = [(g["id"], g["contests"]) for g in g_claims if g.get("contests")]
    link_hits = 0
    for denier, accused in links:
        pd_, pa = gid_to_pred.get(denier), gid_to_pred.get(accused)
        link_hits += pd_ is not None and pa is not None and str(pd_.get("contests")) == str(pa.get("claim_id"))

    # actors: the set of codes (and of countries)
    g_codes = {norm_code(c) for c in gold["actors"]}
    mentions = mentioned_codes(tables).get(doc_id, [])
    used = {c for _, c in mentions}
    p_codes = used if used else set(actor_codes(tables).values())
    act = prf(len(g_codes & p_codes), len(p_codes - g_codes), len(g_codes - p_codes))
    g_ctry, p_ctry = {c[:3] for c in g_codes}, {c[:3] for c in p_codes}
    act_c = prf(len(g_ctry & p_ctry), len(p_ctry - g_ctry), len(g_ctry - p_ctry))

    # baseline
    top_type = majority(r["event_type"] for r in g_rels if not r.get("optional"))
    top_stance = majority(c["stance"] for c in g_claims if not c.get("optional"))
    by_sent: dict[int, list[str]] = {}
    for start, code in mentions:
        s = sentence_of(start, spans)
        if s is not None:
            by_sent.setdefault(s, []).append(code)
    b_rels, b_claims = [], []
    for s, codes in sorted(by_sent.items()):
        firsts: list[str] = []
        for c in codes:
            if c[:3] not in {f[:3] for f in firsts}:
                firsts.append(c)
        if len(firsts) >= 2:
            b_rels.append({"sent": s, "start": spans[s][0], "source": [firsts[0]], "target": [firsts[1]],
                           "event_type": top_type, "status": "reported"})
        b_claims.append({"sent": s, "start": spans[s][0], "source": [codes[0]], "stance": top_stance})
    b_rel_pairs = match(g_rels, b_rels, relation_compatible, _distance)
    b_rel = match_counts(g_rels, b_rels, b_rel_pairs)
    b_status = safe_div(sum(status_ok(g_rels[gi], b_rels[pi]) for gi, pi in b_rel_pairs), len(b_rel_pairs))
    b_cl = match_counts(g_claims, b_claims, match(g_claims, b_claims, claim_compatible, _distance))
    b_codes = {c[:3] for c in used}
    b_act = prf(len(g_codes & b_codes), len(b_codes - g_codes), len(g_codes - b_codes))

    n_rel = sum(not r.get("optional") for r in g_rels)
    n_cl = sum(not c.get("optional") for c in g_claims)
    metrics = {
        "relation_precision": _m(rel["precision"], b_rel["precision"], rel["tp"] + rel["fp"]),
        "relation_recall": _m(rel["recall"], b_rel["recall"], n_rel),
        "relation_f1": _m(rel["f1"], b_rel["f1"], n_rel),
        "relation_status_accuracy": _m(status_acc, b_status, status_n),
        "relation_mode_accuracy": _m(mode_acc, 0.0, mode_n),
        "relation_date_accuracy": _m(date_acc, 0.0, date_n),
        "claim_precision": _m(cl["precision"], b_cl["precision"], cl["tp"] + cl["fp"]),
        "claim_recall": _m(cl["recall"], b_cl["recall"], n_cl),
        "claim_f1": _m(cl["f1"], b_cl["f1"], n_cl),
        "actor_precision": _m(act["precision"], b_act["precision"], len(p_codes)),
        "actor_recall": _m(act["recall"], b_act["recall"], len(g_codes)),
        "actor_f1": _m(act["f1"], b_act["f1"], len(g_codes)),
        "actor_country_f1": _m(act_c["f1"], prf(len(g_ctry & b_codes), len(b_codes - g_ctry), len(g_ctry - b_codes))["f1"], len(g_ctry)),
        "denial_linked": _m(safe_div(link_hits, len(links)), 0.0, len(links)),
    }
    matched_g = {gi for gi, _ in rel_pairs}
    matched_p = {pi for _, pi in rel_pairs}
    matched_cg = {gi for gi, _ in claim_pairs}
    matched_cp = {pi for _, pi in claim_pairs}
    details = {
        "missed_relations": [r for i, r in enumerate(g_rels) if i not in matched_g and not r.get("optional")],
        "spurious_relations": [r for i, r in enumerate(pred_rels) if i not in matched_p],
        "wrong_status": [(g_rels[gi], pred_rels[pi]) for gi, pi in rel_pairs if not status_ok(g_rels[gi], pred_rels[pi])],
        "missed_claims": [c for i, c in enumerate(g_claims) if i not in matched_cg and not c.get("optional")],
        "spurious_claims": [c for i, c in enumerate(pred_claims) if i not in matched_cp],
        "actors_missed": sorted(g_codes - p_codes),
        "actors_spurious": sorted(p_codes - g_codes),
        "baseline_event": top_type,
        "baseline_stance": top_stance,
    }
    return metrics, details


def evaluate_seed(path: Path) -> dict[str, Any]:
    gold = load_seed_gold(path)
    from accord.readers import read_document

    text_path = _seed_text_path(path, gold["document"])
    doc = read_document(text_path)
    row = doc.as_row()
    if gold.get("date") and not row.get("date"):
        row["date"] = str(gold["date"])
    tables = _annotate(_documents([row]))
    metrics, details = score_seed(gold, tables, row["doc_id"], row["text"])
    return {"path": str(path), "n": 1, "metrics": metrics, "details": details}


# ---------------------------------------------------------------- records


def load_records(folder: Path) -> list[dict[str, Any]]:
    """Sentence records from every ``*.yaml``/``*.yml`` under ``folder``: a file holds one record,
    a list of records, or a mapping with a ``records`` list."""
    out = []
    for f in sorted(list(folder.rglob("*.yaml")) + list(folder.rglob("*.yml"))):
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise InputError(f, f"not YAML: {exc}") from exc
        if isinstance(data, Mapping) and "records" in data:
            data = data["records"]
        items = data if isinstance(data, list) else [data]
        for i, rec in enumerate(items):
            if not isinstance(rec, Mapping) or not isinstance(rec.get("text"), str):
                continue
            rid = str(rec.get("id") or rec.get("name") or f"{f.relative_to(folder).with_suffix('')}#{i}")
            out.append({**rec, "id": rid, "file": str(f)})
    return out


def _rec_relation(r: Mapping[str, Any]) -> dict[str, Any]:
    ev = str(r.get("event_type", r.get("event", ""))).upper()
    alts = [str(a).upper() for a in as_list(r.get("alt_event_types"))]
    return {**r, "event_type": ev, "alt_event_types": alts, "source": as_list(r.get("source")),
            "target": as_list(r.get("target")), "sent": 0}


def evaluate_records(folder: Path, quads: Mapping[str, int], valid_modes: Mapping[str, set[str]]) -> dict[str, Any]:
    recs = load_records(folder)
    if not recs:
        return {"path": str(folder), "n": 0, "metrics": {}, "details": {}, "note": "no records"}
    ids = [f"rec{i:04d}" for i in range(len(recs))]
    docs = _documents([
        _doc_row(did, r["file"], r["text"], str(r["date"]) if r.get("date") else None, "accord records")
        for did, r in zip(ids, recs)
    ])
    tables = _annotate(docs)
    rels = _by_doc(_records(tables.get("relations")))
    claims = _by_doc(_records(tables.get("claims")))
    mentions = mentioned_codes(tables)

    # main-relation scores on records that have relations
    main_gold = []
    for did, r in zip(ids, recs):
        grels = [_rec_relation(x) for x in as_list(r.get("relations"))]
        if grels:
            g = grels[0]
            main_gold.append({
                "id": did, "text": r["text"], "event": g["event_type"], "mode": g.get("mode"),
                "source": [{"code": norm_code(c), "sector": sector(c)} for c in g["source"]],
                "target": [{"code": norm_code(c), "sector": sector(c)} for c in g["target"]],
            })
    metrics: dict[str, dict[str, Any]] = {}
    if main_gold:
        m, _ = score_main(main_gold, tables, quads, valid_modes)
        for k in ("event_accuracy", "event_macro_f1", "quad_accuracy", "source_country_f1", "target_country_f1",
                  "sector_accuracy", "sector_accuracy_found"):
            metrics[k] = m[k]

    # table-level precision/recall
    rtp = rfp = rfn = ctp = cfp = cfn = atp = afp = afn = 0
    b_rtp = b_rfp = b_rfn = 0
    status_hit = status_n = 0
    empty_ok = empty_n = 0
    link_hits = link_n = 0
    top_type = majority(_rec_relation(x)["event_type"] for r in recs for x in as_list(r.get("relations")))
    top_stance = majority(str(c.get("stance")) for r in recs for c in as_list(r.get("claims")) if isinstance(c, Mapping))
    b_ctp = b_cfp = b_cfn = b_atp = b_afp = b_afn = 0
    for did, r in zip(ids, recs):
        grels = [_rec_relation(x) for x in as_list(r.get("relations"))]
        prels = [dict(x, sent=0) for x in rels.get(did, [])]
        pairs = match(grels, prels, relation_compatible, _distance)
        c = match_counts(grels, prels, pairs)
        rtp, rfp, rfn = rtp + c["tp"], rfp + c["fp"], rfn + c["fn"]
        status_n += len(pairs)
        status_hit += sum(status_ok(grels[gi], prels[pi]) for gi, pi in pairs)
        if not grels:
            empty_n += 1
            empty_ok += not prels
        seen = [code for _, code in mentions.get(did, [])]
        firsts: list[str] = []
        for code in seen:
            if code[:3] not in {f[:3] for f in firsts}:
                firsts.append(code)
        brels = ([{"sent": 0, "source": [firsts[0]], "target": [firsts[1]], "event_type": top_type, "status": "reported"}]
                 if len(firsts) >= 2 else [])
        bc = match_counts(grels, brels, match(grels, brels, relation_compatible))
        b_rtp, b_rfp, b_rfn = b_rtp + bc["tp"], b_rfp + bc["fp"], b_rfn + bc["fn"]
        gcl = [{**x, "source": as_list(x.get("source")), "sent": 0, "stance": str(x.get("stance", ""))}
               for x in as_list(r.get("claims")) if isinstance(x, Mapping)]
        pcl = [dict(x, sent=0) for x in claims.get(did, [])]
        cpairs = match(gcl, pcl, claim_compatible)
        cc = match_counts(gcl, pcl, cpairs)
        ctp, cfp, cfn = ctp + cc["tp"], cfp + cc["fp"], cfn + cc["fn"]
        to_pred = dict(cpairs)
        for gi, g in enumerate(gcl):  # contests: index of the denied claim in the record's list
            if isinstance(g.get("contests"), int) and not isinstance(g.get("contests"), bool):
                link_n += 1
                pd_, pa = to_pred.get(gi), to_pred.get(g["contests"])
                link_hits += pd_ is not None and pa is not None and str(pcl[pd_].get("contests")) == str(pcl[pa].get("claim_id"))
        bcl = [{"sent": 0, "source": [seen[0]], "stance": top_stance}] if seen else []
        bcc = match_counts(gcl, bcl, match(gcl, bcl, claim_compatible))
        b_ctp, b_cfp, b_cfn = b_ctp + bcc["tp"], b_cfp + bcc["fp"], b_cfn + bcc["fn"]
        if "actors" in r:
            gact = {norm_code(a if not isinstance(a, Mapping) else a.get("code")) for a in as_list(r.get("actors"))} - {""}
            pact, bact = set(seen), {c[:3] for c in seen}
            atp, afp, afn = atp + len(gact & pact), afp + len(pact - gact), afn + len(gact - pact)
            b_atp, b_afp, b_afn = b_atp + len(gact & bact), b_afp + len(bact - gact), b_afn + len(gact - bact)
    rel, brel = prf(rtp, rfp, rfn), prf(b_rtp, b_rfp, b_rfn)
    cl, act = prf(ctp, cfp, cfn), prf(atp, afp, afn)
    bcl_s, bact_s = prf(b_ctp, b_cfp, b_cfn), prf(b_atp, b_afp, b_afn)
    metrics.update({
        "relation_precision": _m(rel["precision"], brel["precision"], rtp + rfp),
        "relation_recall": _m(rel["recall"], brel["recall"], rtp + rfn),
        "relation_f1": _m(rel["f1"], brel["f1"], rtp + rfn),
        "relation_status_accuracy": _m(safe_div(status_hit, status_n), None, status_n),
        "no_event_correct": _m(safe_div(empty_ok, empty_n), None, empty_n),
        "claim_precision": _m(cl["precision"], bcl_s["precision"], ctp + cfp),
        "claim_recall": _m(cl["recall"], bcl_s["recall"], ctp + cfn),
        "claim_f1": _m(cl["f1"], bcl_s["f1"], ctp + cfn),
        "denial_linked": _m(safe_div(link_hits, link_n), 0.0, link_n),
        "actor_f1": _m(act["f1"], bact_s["f1"], atp + afn),
    })
    return {"path": str(folder), "n": len(recs), "metrics": metrics, "details": {}}


# ------------------------------------------------------------------- driver


def evaluate_all(plover: str | Path | None = None, records: str | Path | None = None,
                 seed_gold: str | Path | None = None, benchmarks: Sequence[str] = BENCHMARKS) -> dict[str, Any]:
    """Run the chosen benchmarks; returns {benchmark: {path, n, metrics, details}} plus ``notes``."""
    quads, quad_source = load_quad_classes()
    valid_modes = _valid_modes()
    results: dict[str, Any] = {"notes": [f"quad classes from {quad_source}"]}
    if "plover" in benchmarks:
        results["plover"] = evaluate_plover(resolve(plover, PLOVER_DEFAULT, "PLOVER gold file"), quads, valid_modes)
    if "records" in benchmarks:
        folder = resolve(records, RECORDS_DEFAULT, "records folder", required=False)
        if folder is None or not folder.is_dir():
            results["notes"].append("records: tests/records/ not found, skipped")
        else:
            res = evaluate_records(folder, quads, valid_modes)
            if res["n"] == 0:
                results["notes"].append(f"records: no records in {folder}, skipped")
            else:
                results["records"] = res
    if "seed" in benchmarks:
        results["seed"] = evaluate_seed(resolve(seed_gold, SEED_GOLD_DEFAULT, "seed gold file"))
    return results


def flatten(results: Mapping[str, Any]) -> dict[str, float]:
    """{"benchmark.metric": engine score} of every metric that has one."""
    out = {}
    for bench in BENCHMARKS:
        for name, m in results.get(bench, {}).get("metrics", {}).items():
            if m["engine"] is not None:
                out[f"{bench}.{name}"] = m["engine"]
    return out


def _fmt(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}"


def format_table(results: Mapping[str, Any]) -> str:
    lines = [f"{'benchmark':<9} {'metric':<28} {'n':>5} {'engine':>7} {'baseline':>8}"]
    lines.append("-" * len(lines[0]))
    for bench in BENCHMARKS:
        if bench not in results:
            continue
        for name, m in results[bench]["metrics"].items():
            lines.append(f"{bench:<9} {name:<28} {m['n']:>5} {_fmt(m['engine']):>7} {_fmt(m['baseline']):>8}")
    for note in results.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _commit() -> str:
    try:
        import subprocess

        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def format_markdown(results: Mapping[str, Any], stamp: str | None = None) -> str:
    """The scores as a markdown section for the README, stamped with the date and commit."""
    if stamp is None:
        import datetime as _dt

        stamp = f"{_dt.date.today().isoformat()}, commit {_commit()}"
    titles = {"plover": "PLOVER gold standard, development half", "records": "sentence records (tests/records)",
              "seed": "seed gold (tests/gold/seed.yaml)"}
    out = [f"### Extraction quality ({stamp})", "",
           "`accord evaluate` (engine beside a trivial baseline; definitions in `lib/accord/evaluate.py`).", ""]
    for bench in BENCHMARKS:
        if bench not in results:
            continue
        unit = {"plover": "sentences", "records": "records", "seed": "document"}[bench]
        out += [f"**{titles[bench]}** ({results[bench]['n']} {unit})", "",
                "| metric | n | engine | baseline |", "|---|---:|---:|---:|"]
        for name, m in results[bench]["metrics"].items():
            out.append(f"| {name} | {m['n']} | {_fmt(m['engine'])} | {_fmt(m['baseline'])} |")
        out.append("")
    out += [f"_{note}_" for note in results.get("notes", [])]
    return "\n".join(out).rstrip() + "\n"


def _short_rel(r: Mapping[str, Any]) -> str:
    src = ",".join(as_list(r.get("source"))) or "?"
    tgt = ",".join(as_list(r.get("target"))) or "?"
    rid = r.get("id", r.get("relation_id", ""))
    return f"{rid} s{r.get('sent')} {src} -{r.get('event_type')}/{r.get('status')}-> {tgt} [{r.get('trigger', '')}]"


def _short_claim(c: Mapping[str, Any]) -> str:
    src = ",".join(as_list(c.get("source"))) or "?"
    return f"{c.get('id', c.get('claim_id', ''))} s{c.get('sent')} {src} {c.get('stance')} [{c.get('cue', '')}]"


def format_details(results: Mapping[str, Any], top: int = 12) -> str:
    """Aggregated error analysis: PLOVER confusions and argument errors; seed misses and spurious rows."""
    out = []
    if "plover" in results:
        d = results["plover"]["details"]
        out.append("PLOVER dev, per category (gold -> engine main relation):")
        out.append(f"  {'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
        for cat, s in d["per_category"].items():
            out.append(f"  {cat:<10} {s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>5}")
        out.append(f"  no relation at all: {d['predicted'].get(NONE, 0)} sentences")
        out.append("  top confusions (gold -> predicted: count): " + ", ".join(
            f"{g}->{p}: {n}" for (g, p), n in sorted(d["confusions"].items(), key=lambda kv: (-kv[1], kv[0]))[:top]))
        for key in ("source_missed", "source_spurious", "target_missed", "target_spurious"):
            items = sorted(d[key].items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            out.append(f"  {key}: total {sum(d[key].values())}; " + ", ".join(f"{c}: {n}" for c, n in items))
        out.append(f"  gold source given, engine source empty: {d['source_empty']}; gold target given, engine target empty: {d['target_empty']}")
        out.append(f"  source and target swapped: {d['source_target_swapped']}; quad_class inconsistent with event_type: {d['quad_inconsistent']}")
    if "seed" in results:
        d = results["seed"]["details"]
        out.append("Seed gold:")
        out.append("  missed relations: " + ("; ".join(_short_rel(r) for r in d["missed_relations"]) or "none"))
        out.append("  spurious relations: " + ("; ".join(_short_rel(r) for r in d["spurious_relations"]) or "none"))
        out.append("  wrong status: " + ("; ".join(f"{g['id']} gold {g['status']} engine {p.get('status')}" for g, p in d["wrong_status"]) or "none"))
        out.append("  missed claims: " + ("; ".join(_short_claim(c) for c in d["missed_claims"]) or "none"))
        out.append("  spurious claims: " + ("; ".join(_short_claim(c) for c in d["spurious_claims"]) or "none"))
        out.append(f"  actors missed: {d['actors_missed']}; actors spurious: {d['actors_spurious']}")
    return "\n".join(out)


def to_json(results: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-serialisable part of the results (paths relative where possible, no details)."""
    out: dict[str, Any] = {"notes": list(results.get("notes", []))}
    for bench in BENCHMARKS:
        if bench in results:
            out[bench] = {"n": results[bench]["n"], "metrics": results[bench]["metrics"]}
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plover", metavar="PATH", help=f"PLOVER gold JSONL (default: {PLOVER_DEFAULT} beside the repository)")
    parser.add_argument("--records", metavar="DIR", help=f"sentence records folder (default: {RECORDS_DEFAULT})")
    parser.add_argument("--seed-gold", metavar="PATH", help=f"seed gold YAML (default: {SEED_GOLD_DEFAULT})")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated benchmarks to run: " + ",".join(BENCHMARKS))
    parser.add_argument("--json", metavar="FILE", help="also write the scores as JSON to FILE")
    parser.add_argument("--details", action="store_true", help="print an error analysis after the table")
    parser.add_argument("--markdown", action="store_true",
                        help="print the scores as a markdown section for the README (stamped with date and commit)")


def run(args: argparse.Namespace) -> int:
    chosen = BENCHMARKS
    if getattr(args, "only", None):
        chosen = tuple(b.strip() for b in args.only.split(",") if b.strip())
        bad = [b for b in chosen if b not in BENCHMARKS]
        if bad:
            raise AccordError(f"unknown benchmark(s) {', '.join(bad)}: choose from {', '.join(BENCHMARKS)}")
    results = evaluate_all(args.plover, args.records, args.seed_gold, chosen)
    print(format_markdown(results) if args.markdown else format_table(results))
    if args.details:
        print()
        print(format_details(results))
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(results), indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    from .cli import main

    sys.exit(main(["evaluate", *sys.argv[1:]]))
