"""The hand-written seed gold (``tests/gold/seed.yaml``): relations, claims, actors and the denial link."""
from __future__ import annotations
from pathlib import Path
from typing import Any, Mapping
import yaml
from ..errors import InputError
from ..paths import REPO_DIR
from ..readers import read_document
from .common import annotate_texts, documents_frame, metric
from .codes import is_missing, records_of, actor_codes, mentioned_codes, norm_code, trigger_offset
from .metrics import majority, prf, safe_div
from .match import offset_distance, claim_compatible, match, match_counts, relation_compatible, sentence_of, status_ok


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
    for r in records_of(tables.get("relations")):
        if str(r["doc_id"]) == doc_id:
            pos = trigger_offset(r, text)
            pred_rels.append(dict(r, pos=pos, sent=sentence_of(pos, spans)))
    pred_claims = []
    for c in records_of(tables.get("claims")):
        if str(c["doc_id"]) == doc_id:
            pos = trigger_offset({**c, "trigger": c.get("cue")}, text)
            pred_claims.append(dict(c, pos=pos, sent=sentence_of(pos, spans)))
    g_rels, g_claims = gold["relations"], gold["claims"]

    rel_pairs = match(g_rels, pred_rels, relation_compatible, offset_distance)
    rel = match_counts(g_rels, pred_rels, rel_pairs)
    claim_pairs = match(g_claims, pred_claims, claim_compatible, offset_distance)
    cl = match_counts(g_claims, pred_claims, claim_pairs)

    def attr_acc(pairs, ok, cond) -> tuple[float, int]:
        sel = [(g_rels[gi], pred_rels[pi]) for gi, pi in pairs if cond(g_rels[gi])]
        return safe_div(sum(ok(g, p) for g, p in sel), len(sel)), len(sel)

    status_acc, status_n = attr_acc(rel_pairs, status_ok, lambda g: True)
    mode_acc, mode_n = attr_acc(rel_pairs, lambda g, p: p.get("mode") == g.get("mode"), lambda g: bool(g.get("mode")))
    date_acc, date_n = attr_acc(
        rel_pairs, lambda g, p: not is_missing(p.get("date")) and str(p.get("date")).startswith(str(g["date"])), lambda g: bool(g.get("date"))
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
    b_rel_pairs = match(g_rels, b_rels, relation_compatible, offset_distance)
    b_rel = match_counts(g_rels, b_rels, b_rel_pairs)
    b_status = safe_div(sum(status_ok(g_rels[gi], b_rels[pi]) for gi, pi in b_rel_pairs), len(b_rel_pairs))
    b_cl = match_counts(g_claims, b_claims, match(g_claims, b_claims, claim_compatible, offset_distance))
    b_codes = {c[:3] for c in used}
    b_act = prf(len(g_codes & b_codes), len(b_codes - g_codes), len(g_codes - b_codes))

    n_rel = sum(not r.get("optional") for r in g_rels)
    n_cl = sum(not c.get("optional") for c in g_claims)
    metrics = {
        "relation_precision": metric(rel["precision"], b_rel["precision"], rel["tp"] + rel["fp"]),
        "relation_recall": metric(rel["recall"], b_rel["recall"], n_rel),
        "relation_f1": metric(rel["f1"], b_rel["f1"], n_rel),
        "relation_status_accuracy": metric(status_acc, b_status, status_n),
        "relation_mode_accuracy": metric(mode_acc, 0.0, mode_n),
        "relation_date_accuracy": metric(date_acc, 0.0, date_n),
        "claim_precision": metric(cl["precision"], b_cl["precision"], cl["tp"] + cl["fp"]),
        "claim_recall": metric(cl["recall"], b_cl["recall"], n_cl),
        "claim_f1": metric(cl["f1"], b_cl["f1"], n_cl),
        "actor_precision": metric(act["precision"], b_act["precision"], len(p_codes)),
        "actor_recall": metric(act["recall"], b_act["recall"], len(g_codes)),
        "actor_f1": metric(act["f1"], b_act["f1"], len(g_codes)),
        "actor_country_f1": metric(act_c["f1"], prf(len(g_ctry & b_codes), len(b_codes - g_ctry), len(g_ctry - b_codes))["f1"], len(g_ctry)),
        "denial_linked": metric(safe_div(link_hits, len(links)), 0.0, len(links)),
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

    text_path = _seed_text_path(path, gold["document"])
    doc = read_document(text_path)
    row = doc.as_row()
    if gold.get("date") and not row.get("date"):
        row["date"] = str(gold["date"])
    tables = annotate_texts(documents_frame([row]))
    metrics, details = score_seed(gold, tables, row["doc_id"], row["text"])
    return {"path": str(path), "n": 1, "metrics": metrics, "details": details}
