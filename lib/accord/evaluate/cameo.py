"""The CAMEO probe (``tests/probes/cameo.yaml``): dated one- or two-sentence items, each with the
CAMEO root (01-20) of its main event, the event's quad class, and the source and target countries.

Every item is annotated as a document of its date, and the engine's *main relation* of the item
is scored as the PLOVER benchmark scores it (:func:`accord.evaluate.codes.main_relation`):

- ``coverage``: the share of items with any relation;
- ``root_accuracy``: the main relation's ``cameo`` code has the item's root (its first two
  digits); an item without a relation, or whose relation has no CAMEO code, is wrong;
- ``quad_accuracy``: the main relation's ``quad_class`` is the item's quad (by name, from
  ``plover.yaml``);
- ``source_country_accuracy`` / ``target_country_accuracy``: over the items that name a country
  for the role, the main relation has every gold country in that role (country = a code's first
  three letters, so ``IGO`` matches any IGO code).

Baselines: the most frequent gold root and quad; for countries, the first country the engine
mentions in the item as the source and the first other one as the target (what argument
attachment adds over mention order). Details: the confusions (gold root -> engine root), a
per-root table and the items missed.
"""
from __future__ import annotations
from collections import Counter
from pathlib import Path
from typing import Any, Mapping
from ..errors import InputError
from ..labels import quad_names
from .codes import NONE, as_list, by_doc, countries, country, is_missing, main_relation, mentioned_codes, records_of
from .common import annotate_texts, document_row, documents_frame, gold_list, metric
from .metrics import accuracy, majority, per_label_prf, safe_div

CAMEO_DEFAULT = Path("tests") / "probes" / "cameo.yaml"
#: the 20 CAMEO roots, as the probe writes them
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))


# ------------------------------------------------------------------ loading


def _root(value: Any) -> str | None:
    """A gold root as two digits ("01"; YAML reads an unquoted 01 or 10 as an int), or None."""
    if isinstance(value, bool):
        return None
    text = f"{value:02d}" if isinstance(value, int) else str(value).strip()
    return text if text in ROOTS else None


def _countries(path: Path, item_id: str, role: str, value: Any) -> list[str]:
    """A gold role's countries: [] for null, else three-letter codes (a bare string or a list)."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if not isinstance(v, str) or len(v.strip()) < 3 or not v.strip()[:3].isalpha():
            raise InputError(path, f"item {item_id}: {role} {v!r} is not a CAMEO country code (e.g. FRA, IGO)")
        out.append(country(v))
    return out


def load_cameo_probe(path: str | Path) -> list[dict[str, Any]]:
    """The items of ``path``, each with ``id``, ``text``, ``date``, ``root`` (two digits),
    ``quad`` (1-4, from its name), ``source`` and ``target`` (lists of countries, [] for none).
    Raises InputError naming the file and the item on anything malformed."""
    path = Path(path)
    quad_of = {name: q for q, name in quad_names().items()}
    out, seen = [], set()
    for n, item in enumerate(gold_list(path, "probes"), 1):
        if not isinstance(item, Mapping):
            raise InputError(path, f"item {n} is not a mapping")
        item_id = str(item.get("id", f"#{n}"))
        for key in ("id", "text", "date", "root", "quad", "source", "target"):
            if key not in item:
                raise InputError(path, f"item {item_id}: no {key!r}")
        if item_id in seen:
            raise InputError(path, f"item {item_id}: id used twice")
        seen.add(item_id)
        if not isinstance(item["text"], str) or not item["text"].strip():
            raise InputError(path, f"item {item_id}: empty text")
        root = _root(item["root"])
        if root is None:
            raise InputError(path, f"item {item_id}: root {item['root']!r} is not a CAMEO root 01-20")
        if item["quad"] not in quad_of:
            raise InputError(path, f"item {item_id}: quad {item['quad']!r} is not one of {', '.join(quad_of)}")
        out.append({"id": item_id, "text": item["text"], "date": str(item["date"]), "root": root,
                    "quad": quad_of[item["quad"]],
                    "source": _countries(path, item_id, "source", item["source"]),
                    "target": _countries(path, item_id, "target", item["target"])})
    if not out:
        raise InputError(path, "no items")
    return out


# ------------------------------------------------------------------ scoring


def cameo_root(code: Any) -> str | None:
    """The root of a CAMEO code (``"0311"`` -> ``"03"``), or None for a missing or malformed code."""
    if is_missing(code):
        return None
    return _root(str(code).strip()[:2])


def _has_all(gold: list[str], pred: Any) -> bool:
    return set(gold) <= countries(pred)


def score_cameo(items: list[dict[str, Any]], tables: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Metrics {name: {engine, baseline, n}} and details of the main relation of every item
    (``doc_id`` = item ``id``) against its root, quad, source and target."""
    rels = by_doc(records_of(tables.get("relations")))
    mentions = mentioned_codes(tables)
    g_root, p_root, g_quad, p_quad = [], [], [], []
    covered = 0
    roles: dict[str, list[bool]] = {"source": [], "target": []}
    base_roles: dict[str, list[bool]] = {"source": [], "target": []}
    misses = []
    for it in items:
        doc_rels = rels.get(it["id"], [])
        covered += bool(doc_rels)
        m = main_relation(doc_rels, it["text"])
        pr = (cameo_root(m.get("cameo")) or NONE) if m is not None else NONE
        pq = None if m is None or is_missing(m.get("quad_class")) else int(m["quad_class"])
        g_root.append(it["root"])
        p_root.append(pr)
        g_quad.append(it["quad"])
        p_quad.append(pq)
        seen = list(dict.fromkeys(country(c) for _, c in mentions.get(it["id"], [])))
        base = {"source": seen[:1], "target": seen[1:2]}
        found = {}
        for role in ("source", "target"):
            found[role] = as_list(m.get(role)) if m is not None else []
            if it[role]:
                roles[role].append(_has_all(it[role], found[role]))
                base_roles[role].append(_has_all(it[role], base[role]))
        if pr != it["root"] or pq != it["quad"]:
            misses.append({"id": it["id"], "gold": it["root"], "engine": pr, "quad": (it["quad"], pq),
                           "trigger": None if m is None else m.get("trigger"),
                           "cameo": None if m is None else m.get("cameo"),
                           "source": found["source"], "target": found["target"]})
    n = len(items)
    maj_root, maj_quad = majority(g_root), majority(g_quad)
    metrics = {
        "coverage": metric(safe_div(covered, n), None, n),
        "root_accuracy": metric(accuracy(g_root, p_root), accuracy(g_root, [maj_root] * n), n),
        "quad_accuracy": metric(accuracy(g_quad, p_quad), accuracy(g_quad, [maj_quad] * n), n),
    }
    for role in ("source", "target"):
        hits, base = roles[role], base_roles[role]
        metrics[f"{role}_country_accuracy"] = metric(safe_div(sum(hits), len(hits)), safe_div(sum(base), len(base)), len(hits))
    details = {
        "confusions": Counter((g, p) for g, p in zip(g_root, p_root) if g != p),
        "per_root": per_label_prf(g_root, p_root, [r for r in ROOTS if r in set(g_root) | set(p_root)]),
        "no_relation": p_root.count(NONE),
        "misses": misses,
        "baseline_root": maj_root,
        "baseline_quad": maj_quad,
    }
    return metrics, details


def evaluate_cameo(path: Path) -> dict[str, Any]:
    """Annotate every item of the CAMEO probe ``path`` at its date and score its main relation."""
    items = load_cameo_probe(path)
    rows = [document_row(it["id"], f"{path}#{it['id']}", it["text"], it["date"], "CAMEO probe") for it in items]
    metrics, details = score_cameo(items, annotate_texts(documents_frame(rows)))
    return {"path": str(path), "n": len(items), "metrics": metrics, "details": details}
