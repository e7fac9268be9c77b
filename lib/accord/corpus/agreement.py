"""Agreement between two independent labellings of the same items.

Events are paired within an item by overlapping triggers (the best pairing first: same
category, then shared codes); attributions by overlapping cues. On the pairs:
- category: Cohen's kappa, on paired events and, counting an event one labeller missed as
  the category ``NONE``, on all events;
- source and target codes: F1 of the code multisets, of full codes and of their countries
  (``NGACOP`` and ``NGA`` agree on the country, not on the code);
- status: observed agreement and kappa;
- attribution cue, source and content: F1 of the pairing (cue) and word-level span F1.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

_WORD = re.compile(r"\w+")


def _pieces(span) -> list[list[int]]:
    return [span] if isinstance(span[0], int) else span


def _overlap(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in _pieces(a) for s2, e2 in _pieces(b))


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of paired labels (1.0 when both give one same label throughout)."""
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / n / n
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _codes(side: list[dict]) -> Counter:
    return Counter(a["code"] for a in side)


def _countries(side: list[dict]) -> Counter:
    return Counter(a["code"] if str(a["code"]).startswith("IGO") else str(a["code"])[:3] for a in side)


def _pair(first: list[dict], second: list[dict], key: str, score) -> list[tuple[int, int]]:
    """Greedy best pairing of labels whose ``key`` spans overlap."""
    cands = sorted(((score(a, b), i, j) for i, a in enumerate(first) for j, b in enumerate(second)
                    if _overlap(a[key], b[key])), reverse=True)
    used_i, used_j, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _event_score(a: dict, b: dict) -> tuple:
    shared = sum((_codes(a["source"]) & _codes(b["source"])).values()) + sum((_codes(a["target"]) & _codes(b["target"])).values())
    return (a["category"] == b["category"], shared)


def _words(text: str, spans: Iterable) -> set[int]:
    covered = set()
    for s, e in spans:
        covered |= {m.start() for m in _WORD.finditer(text) if s <= m.start() < e}
    return covered


def _f1(tp: float, n_first: float, n_second: float) -> float:
    return 2 * tp / (n_first + n_second) if n_first + n_second else float("nan")


class _Tally:
    def __init__(self) -> None:
        self.n = Counter()
        self.cat_pairs: list[tuple[str, str]] = []
        self.cat_all: list[tuple[str, str]] = []
        self.status_pairs: list[tuple[str, str]] = []
        self.span_f1: dict[str, list[float]] = {"attribution_source": [], "attribution_content": []}


def compare(first: dict[str, dict], second: dict[str, dict]) -> dict:
    """Agreement figures over the items both labellings hold (by id, with the same text), and the differences."""
    t = _Tally()
    differences = []
    for ident in sorted(set(first) & set(second)):
        a, b = first[ident], second[ident]
        if a["text"] != b["text"]:  # rewritten since the second labelling: nothing to compare
            t.n["texts_differ"] += 1
            continue
        t.n["items"] += 1
        ea, eb = a["events"], b["events"]
        pairs = _pair(ea, eb, "trigger", _event_score)
        t.n["events_first"] += len(ea)
        t.n["events_second"] += len(eb)
        t.n["events_paired"] += len(pairs)
        for i, j in pairs:
            x, y = ea[i], eb[j]
            t.cat_pairs.append((x["category"], y["category"]))
            t.status_pairs.append((x["status"], y["status"]))
            for side in ("source", "target"):
                for unit, count in (("", _codes), ("_country", _countries)):
                    ca, cb = count(x[side]), count(y[side])
                    t.n[f"{side}{unit}_tp"] += sum((ca & cb).values())
                    t.n[f"{side}{unit}_first"] += sum(ca.values())
                    t.n[f"{side}{unit}_second"] += sum(cb.values())
            if (x["category"], x["status"], _codes(x["source"]), _codes(x["target"])) != \
                    (y["category"], y["status"], _codes(y["source"]), _codes(y["target"])):
                differences.append((ident, "event", _show(a, x), _show(b, y)))
        t.cat_all += t.cat_pairs[len(t.cat_pairs) - len(pairs):]
        for i in set(range(len(ea))) - {i for i, _ in pairs}:
            t.cat_all.append((ea[i]["category"], "NONE"))
            differences.append((ident, "event", _show(a, ea[i]), None))
        for j in set(range(len(eb))) - {j for _, j in pairs}:
            t.cat_all.append(("NONE", eb[j]["category"]))
            differences.append((ident, "event", None, _show(b, eb[j])))
        aa, ab = a["attributions"], b["attributions"]
        apairs = _pair(aa, ab, "cue", lambda x, y: (x["stance"] == y["stance"],))
        t.n["attributions_first"] += len(aa)
        t.n["attributions_second"] += len(ab)
        t.n["attributions_paired"] += len(apairs)
        for i in set(range(len(aa))) - {i for i, _ in apairs}:
            differences.append((ident, "attribution", _show_attribution(a, aa[i]), None))
        for j in set(range(len(ab))) - {j for _, j in apairs}:
            differences.append((ident, "attribution", None, _show_attribution(b, ab[j])))
        for i, j in apairs:
            x, y = aa[i], ab[j]
            t.n["stance_same"] += x["stance"] == y["stance"]
            if x["stance"] != y["stance"] or (x.get("source") or {}).get("code") != (y.get("source") or {}).get("code"):
                differences.append((ident, "attribution", _show_attribution(a, x), _show_attribution(b, y)))
            sx = _words(a["text"], [x["source"]["span"]] if x.get("source") else [])
            sy = _words(b["text"], [y["source"]["span"]] if y.get("source") else [])
            t.span_f1["attribution_source"].append(_f1(len(sx & sy), len(sx), len(sy)) if sx or sy else 1.0)
            cx, cy = _words(a["text"], x["content"]), _words(b["text"], y["content"])
            t.span_f1["attribution_content"].append(_f1(len(cx & cy), len(cx), len(cy)) if cx or cy else 1.0)
    n = t.n
    return {
        "items": n["items"],
        "items_whose_text_changed": n["texts_differ"],
        "events": [n["events_first"], n["events_second"]],
        "event_trigger_f1": _f1(n["events_paired"], n["events_first"], n["events_second"]),
        "category_kappa_paired": kappa(t.cat_pairs),
        "category_kappa_with_none": kappa(t.cat_all),
        "category_agreement_paired": _share(t.cat_pairs),
        "source_code_f1": _f1(n["source_tp"], n["source_first"], n["source_second"]),
        "target_code_f1": _f1(n["target_tp"], n["target_first"], n["target_second"]),
        "source_country_f1": _f1(n["source_country_tp"], n["source_country_first"], n["source_country_second"]),
        "target_country_f1": _f1(n["target_country_tp"], n["target_country_first"], n["target_country_second"]),
        "status_agreement": _share(t.status_pairs),
        "status_kappa": kappa(t.status_pairs),
        "attributions": [n["attributions_first"], n["attributions_second"]],
        "attribution_cue_f1": _f1(n["attributions_paired"], n["attributions_first"], n["attributions_second"]),
        "attribution_source_span_f1": _mean(t.span_f1["attribution_source"]),
        "attribution_content_span_f1": _mean(t.span_f1["attribution_content"]),
        "attribution_stance_agreement": n["stance_same"] / n["attributions_paired"] if n["attributions_paired"] else float("nan"),
        "differences": differences,
    }


def _share(pairs: list[tuple[str, str]]) -> float:
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else float("nan")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _show(item: dict, ev: dict) -> str:
    text = item["text"]
    trig = " ".join(text[s:e] for s, e in _pieces(ev["trigger"]))
    src = ",".join(a["code"] for a in ev["source"])
    tgt = ",".join(a["code"] for a in ev["target"])
    return f"{trig!r} {ev['category']}/{ev.get('mode') or '-'} {src}->{tgt} {ev['status']}"


def _show_attribution(item: dict, at: dict) -> str:
    text = item["text"]
    cue = " ".join(text[s:e] for s, e in _pieces(at["cue"]))
    src = at.get("source") or {}
    who = f"{text[slice(*src['span'])]!r}={src.get('code')}" if src else "-"
    return f"{cue!r} {at['stance']} {who}"
