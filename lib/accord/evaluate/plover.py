"""The PLOVER gold standard: loading it, the quad classes and modes, and scoring the main relation per sentence."""
from __future__ import annotations
import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any, Mapping
from ..errors import InputError
from ..lexicon import Lexicon, PloverClass, load_lexicon
from ..paths import REPO_DIR
from .common import annotate_texts, document_row, documents_frame, metric
from .codes import CATEGORIES, NONE, by_doc, is_missing, records_of, as_list, countries, country, main_relation, map_label, mentioned_codes, norm_code
from .metrics import accuracy, macro_f1, majority, per_label_prf, safe_div, sector_hits, set_prf


QUAD_CSV_DEFAULT = Path("..") / "shared" / "reference" / "plover_categories.csv"


# ------------------------------------------------------------------ quad classes


def _quads_from_lexicon(plover: Mapping[tuple[str, str], PloverClass]) -> dict[str, int]:
    """category -> quad class from the lexicon's PLOVER table (its base rows, mode "")."""
    return {event_type.upper(): row.quad_class for (event_type, mode), row in plover.items()
            if not mode and event_type.upper() in CATEGORIES}


def _quads_from_csv(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not (row.get("mode") or "").strip():
                out[row["category"].strip().upper()] = int(row["quad_class"])
    return out


def _reference_csv(csv_path: Path | None) -> Path | None:
    """The PLOVER reference table: ``csv_path``, else ../shared/reference/plover_categories.csv if there."""
    for cand in ([csv_path] if csv_path else [REPO_DIR / QUAD_CSV_DEFAULT, Path.cwd() / QUAD_CSV_DEFAULT]):
        if cand is not None and cand.exists():
            return cand
    return None


def load_quad_classes(lexicon: Lexicon | None = None, csv_path: Path | None = None) -> tuple[dict[str, int], str]:
    """category -> quad class, and where it came from: the lexicon's PLOVER table (plover.yaml; by default
    the packaged lexicon) when it covers every category, else ../shared/reference/plover_categories.csv."""
    quads = _quads_from_lexicon((lexicon or load_lexicon()).plover)
    if all(c in quads for c in CATEGORIES):
        return quads, "plover.yaml"
    cand = _reference_csv(csv_path)
    if cand is not None:
        return _quads_from_csv(cand), str(cand.name)
    raise InputError(csv_path or QUAD_CSV_DEFAULT,
                     "no quad classes: the lexicon's plover.yaml lacks some categories and plover_categories.csv "
                     "was not found")


def valid_modes_of(csv_path: Path | None = None, lexicon: Lexicon | None = None) -> dict[str, set[str]]:
    """category -> modes of the current PLOVER scheme (the lexicon's PLOVER table, else plover_categories.csv)."""
    if csv_path is None:
        out: dict[str, set[str]] = {}
        for event_type, mode in (lexicon or load_lexicon()).plover:
            if mode:
                out.setdefault(event_type.upper(), set()).add(mode)
        if out:
            return out
    cand = _reference_csv(csv_path)
    if cand is None:
        return {}
    out = {}
    with cand.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if (row.get("mode") or "").strip():
                out.setdefault(row["category"].strip().upper(), set()).add(row["mode"].strip())
    return out


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
    rels = by_doc(records_of(tables.get("relations")))
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
            pq = mq if is_missing(m.get("quad_class")) else int(m["quad_class"])
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
        "event_accuracy": metric(accuracy(g_ev, p_ev), accuracy(g_ev, [maj_ev] * n), n),
        "event_macro_f1": metric(macro_f1(g_ev, p_ev), macro_f1(g_ev, [maj_ev] * n), n),
        "event_any_relation": metric(safe_div(any_hits, n), accuracy(g_ev, [maj_ev] * n), n),
        "coverage": metric(safe_div(covered, n), None, n),
        "mode_accuracy": metric(safe_div(mode_hits, mode_n), 0.0, mode_n),
        "quad_accuracy": metric(accuracy(g_quad, p_quad), accuracy(g_quad, [maj_quad] * n), n),
        "source_country_precision": metric(src["precision"], bsrc["precision"], src["tp"] + src["fn"]),
        "source_country_recall": metric(src["recall"], bsrc["recall"], src["tp"] + src["fn"]),
        "source_country_f1": metric(src["f1"], bsrc["f1"], src["tp"] + src["fn"]),
        "target_country_precision": metric(tgt["precision"], btgt["precision"], tgt["tp"] + tgt["fn"]),
        "target_country_recall": metric(tgt["recall"], btgt["recall"], tgt["tp"] + tgt["fn"]),
        "target_country_f1": metric(tgt["f1"], btgt["f1"], tgt["tp"] + tgt["fn"]),
        "sector_accuracy": metric(safe_div(sec_hits, sec_n), safe_div(sum(s == maj_sec for s in gold_sectors), sec_n), sec_n),
        "sector_accuracy_found": metric(safe_div(fsec_hits, fsec_n), safe_div(sum(s == maj_sec for s in found_sectors), fsec_n), fsec_n),
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


def evaluate_plover(path: Path, quads: Mapping[str, int], valid_modes: Mapping[str, set[str]]) -> dict[str, Any]:
    gold = load_plover(path)
    docs = documents_frame([document_row(g["id"], f"{path.name}:{g['line']}", g["text"], g["date"], "PLOVER GSR") for g in gold])
    tables = annotate_texts(docs)
    metrics, details = score_main(gold, tables, quads, valid_modes)
    return {"path": str(path), "n": len(gold), "metrics": metrics, "details": details}
