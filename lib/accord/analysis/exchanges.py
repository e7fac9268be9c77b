"""Material exchanges: a Sankey of who supplies what (weapons, technology, aid) to whom."""
from __future__ import annotations
from typing import Any, Mapping, Sequence
import plotly.graph_objects as go
from . import params as P
from ..engine import packaged
from ..lexicon import CodingRules
from .figures import (CATEGORY_COLOURS, SHOWN_STATUSES, STATUS_ALPHA, empty_figure, esc, evidence_lines, label,
                      new_figure, node_names)
from .registry import chart
from .select import dyad_rows
from .selection import Selection

__all__ = ["material_exchanges", "material_categories", "material_category", "category_colour"]


def _category_of(value: str, words: Mapping[str, tuple[str, ...]]) -> str | None:
    low = value.lower()
    for category, stems in words.items():
        if any(w in low for w in stems):
            return category
    return None


def material_categories(event_type: Any, mode: Any = None, context: Any = None,
                        rules: CodingRules | None = None) -> list[str]:
    """What an AID or COOPERATE relation supplies, one or more of: weapons & military, technology,
    economic aid, humanitarian aid, aid (unspecified); empty when it is not a material exchange.
    The mode decides before the context; a context may list several kinds ("economic;technology").

    The categories and their words are the coding rules ``material_events`` and
    ``material_categories`` of ``rules`` (by default the packaged lexicon's).
    """
    rules = rules if rules is not None else packaged().rules
    if event_type not in rules.material_events:
        return []
    words = rules.material_categories
    if isinstance(mode, str) and _category_of(mode, words):
        return [_category_of(mode, words)]
    if isinstance(context, str):
        found = [c for c in (_category_of(part, words) for part in context.split(";")) if c]
        if found:
            return list(dict.fromkeys(found))
    return ["aid (unspecified)"] if event_type == "AID" else []


def material_category(event_type: Any, mode: Any = None, context: Any = None) -> str | None:
    """The first of :func:`material_categories`, or ``None``."""
    found = material_categories(event_type, mode, context)
    return found[0] if found else None


def category_colour(category: str) -> tuple[int, int, int]:
    """The colour of a material category: its own for the packaged ones, grey for an analyst's."""
    return CATEGORY_COLOURS.get(category, CATEGORY_COLOURS["aid (unspecified)"])


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


@chart
def material_exchanges(sel: Selection, *, statuses: Sequence[str] = SHOWN_STATUSES,
                       title: str | None = None) -> go.Figure:
    """Sankey of who supplies what to whom: supplier → what (weapons & military, technology, economic
    aid, ...) → recipient, counting AID and COOPERATE relations. Reported flows are drawn solid,
    planned lighter, alleged and denied flows faint and labelled as such.

    The categories and the events counted are the coding rules ``material_categories`` and
    ``material_events`` of the selection's rules (an analyst lexicon's, else accord's)."""
    name, title = "material_exchanges", title or "Material exchanges: who supplies what to whom"
    statuses = P.check_statuses(statuses)  # shown, not the selection's scored statuses
    tables, codes, members, node_of = sel.tables, sel.focus, sel.nodes, sel.node_of
    d = dyad_rows(tables["relations"], members, statuses, node_of)
    rules = sel.coding_rules
    if not d.empty:
        d["category"] = [material_categories(e, m, c, rules)
                         for e, m, c in zip(d["event_type"], d["mode"], d["context"])]
        d = d.explode("category")  # a flow of several kinds of goods counts once for each
        d = d[d["category"].notna()]
    if d.empty:
        return empty_figure(name, title, f"No material exchange ({', '.join(rules.material_events)}) involves {', '.join(codes)}.")
    flows = (d.groupby(["source", "category", "target", "status"], sort=True)
             .agg(n=("relation_id", "size")).reset_index())
    suppliers = sorted(set(flows["source"]))
    # the middle column: what is supplied, one node per status, so that alleged flows show as such
    status_order = {s: i for i, s in enumerate(SHOWN_STATUSES)}
    present = set(zip(flows["category"], flows["status"]))
    # the packaged categories first, in their order; an analyst's own after them, by name
    known = {c: i for i, c in enumerate(CATEGORY_COLOURS)}
    categories = sorted(present, key=lambda cs: (known.get(cs[0], len(known)), cs[0],
                                                  status_order.get(cs[1], 99), cs[1]))
    recipients = sorted(set(flows["target"]))

    def what(cs: tuple[str, str]) -> str:
        return cs[0] if cs[1] == "reported" else f"{cs[0]} ({cs[1]})"

    shown = node_names(tables, set(suppliers) | set(recipients))
    labels = ([label(shown, s) for s in suppliers] + [esc(what(c)) for c in categories]
              + [label(shown, r) for r in recipients])
    idx_s = {s: i for i, s in enumerate(suppliers)}
    idx_c = {c: len(suppliers) + i for i, c in enumerate(categories)}
    idx_r = {r: len(suppliers) + len(categories) + i for i, r in enumerate(recipients)}
    colours = (["#54278f" if s in members else "#636363" for s in suppliers]
               + [_rgba(category_colour(c), 1.0 if st == "reported" else 0.45) for c, st in categories]
               + ["#54278f" if r in members else "#636363" for r in recipients])
    src, tgt, val, col, lab, hov = [], [], [], [], [], []
    for rec in flows.to_dict("records"):
        rows = d[(d["source"] == rec["source"]) & (d["target"] == rec["target"])
                 & (d["category"] == rec["category"]) & (d["status"] == rec["status"])]
        cs = (rec["category"], rec["status"])
        text = f"{label(shown, rec['source'])} → {label(shown, rec['target'])}: {esc(what(cs))}"
        hover = (f"<b>{text}</b> ({esc(rec['source'])} → {esc(rec['target'])})<br>"
                 f"{rec['n']} relation{'s' if rec['n'] != 1 else ''}<br>" + evidence_lines(rows))
        colour = _rgba(category_colour(rec["category"]), STATUS_ALPHA.get(rec["status"], 0.5))
        for a, b in ((idx_s[rec["source"]], idx_c[cs]), (idx_c[cs], idx_r[rec["target"]])):
            src.append(a)
            tgt.append(b)
            val.append(int(rec["n"]))
            col.append(colour)
            lab.append(text)
            hov.append(hover)
    fig = new_figure(name, title, height=max(360, 120 + 60 * max(len(suppliers), len(categories), len(recipients))))
    fig.add_trace(go.Sankey(
        arrangement="snap",
        node={"label": labels, "color": colours, "pad": 18, "thickness": 16,
              "line": {"width": 0.5, "color": "#ffffff"},
              "hovertemplate": "%{label}: %{value} relation(s)<extra></extra>"},
        link={"source": src, "target": tgt, "value": val, "color": col, "label": lab, "customdata": hov,
              "hovertemplate": "%{customdata}<extra></extra>"},
    ))
    for x, text in ((0.0, "supplier"), (0.5, "what"), (1.0, "recipient")):
        fig.add_annotation(text=f"<b>{text}</b>", x=x, y=1.06, xref="paper", yref="paper", showarrow=False,
                           xanchor={0.0: "left", 0.5: "center", 1.0: "right"}[x])
    fig.add_annotation(text="solid: reported · lighter: planned · faint: alleged or denied, as the middle column says",
                       x=0.5, y=-0.12, xref="paper", yref="paper", showarrow=False,
                       font={"size": 11, "color": "#555555"})
    fig.update_layout(margin={"t": 100, "b": 70})
    return fig
