"""The project's sentence records (``tests/records/*.yaml``) as a gold set."""
from __future__ import annotations
from pathlib import Path
from typing import Any, Mapping
import yaml
from ..errors import InputError
from .common import annotate_texts, document_row, documents_frame, metric
from .plover import score_main
from .codes import by_doc, records_of, as_list, mentioned_codes, norm_code, sector
from .metrics import majority, prf, safe_div
from .match import offset_distance, claim_compatible, match, match_counts, relation_compatible, status_ok


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
    docs = documents_frame([
        document_row(did, r["file"], r["text"], str(r["date"]) if r.get("date") else None, "accord records")
        for did, r in zip(ids, recs)
    ])
    tables = annotate_texts(docs)
    rels = by_doc(records_of(tables.get("relations")))
    claims = by_doc(records_of(tables.get("claims")))
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
        pairs = match(grels, prels, relation_compatible, offset_distance)
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
        "relation_precision": metric(rel["precision"], brel["precision"], rtp + rfp),
        "relation_recall": metric(rel["recall"], brel["recall"], rtp + rfn),
        "relation_f1": metric(rel["f1"], brel["f1"], rtp + rfn),
        "relation_status_accuracy": metric(safe_div(status_hit, status_n), None, status_n),
        "no_event_correct": metric(safe_div(empty_ok, empty_n), None, empty_n),
        "claim_precision": metric(cl["precision"], bcl_s["precision"], ctp + cfp),
        "claim_recall": metric(cl["recall"], bcl_s["recall"], ctp + cfn),
        "claim_f1": metric(cl["f1"], bcl_s["f1"], ctp + cfn),
        "denial_linked": metric(safe_div(link_hits, link_n), 0.0, link_n),
        "actor_f1": metric(act["f1"], bact_s["f1"], atp + afn),
    })
    return {"path": str(folder), "n": len(recs), "metrics": metrics, "details": {}}
