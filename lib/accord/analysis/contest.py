"""Contested claims: each proposition an actor denies or disputes, who asserts it and who denies it."""
from __future__ import annotations
import textwrap
from typing import Mapping
import pandas as pd
import plotly.graph_objects as go
from .figures import MAX_EVIDENCE, codes_text, empty_figure, esc, label, new_figure, node_names, quoted, shortened, wrap
from .registry import chart
from .selection import Selection

__all__ = ["CONTEST_COLUMNS", "contested_propositions", "claim_contest"]


CONTEST_COLUMNS = ["proposition", "key", "root_claim", "claim_id", "side", "actors", "source_text", "stance",
                   "cue", "doc_id", "content", "evidence"]


def contested_propositions(tables: Mapping[str, pd.DataFrame], node_of: Mapping[str, str] | None = None
                          ) -> pd.DataFrame:
    """One row per claim taking a side on a contested proposition.

    A claim that another claim contests is asserted; claims contesting it deny it; claims
    contesting a denial assert it again, and so on down the chain. A proposition is the relation
    the chain's claims state, its parties and category
    (:func:`accord.analysis.propositions.claim_proposition`): chains stating the same one, in one
    article or several, are one proposition. Columns: proposition (in words: "North Korea supplies
    Russia with weapons"), key (the same for every claim stating it), root_claim, claim_id, side
    ("asserts"/"denies"), actors, source_text, stance, cue, doc_id, content (the claim's words),
    evidence. Rows are grouped by proposition, in the order they first appear.
    """
    from .propositions import claim_proposition

    claims = tables["claims"]
    relations = {rec["relation_id"]: rec for rec in tables["relations"].to_dict("records")}
    by_id = {rec["claim_id"]: rec for rec in claims.to_dict("records")}
    parent = {cid: rec["contests"] for cid, rec in by_id.items()
              if isinstance(rec["contests"], str) and rec["contests"] in by_id}
    if not parent:
        return pd.DataFrame(columns=CONTEST_COLUMNS)
    node_of = node_of or {}

    def root_depth(cid: str) -> tuple[str, int]:
        depth, seen = 0, {cid}
        while cid in parent and parent[cid] not in seen:
            cid = parent[cid]
            seen.add(cid)
            depth += 1
        return cid, depth

    chains: dict[str, list[tuple[str, int]]] = {}
    roots = {root_depth(c)[0] for c in parent}
    for cid in by_id:  # table order
        root, depth = root_depth(cid)
        if root in roots:
            chains.setdefault(root, []).append((cid, depth))
    nodes = {node_of.get(a, a) for rec in relations.values() for col in ("source", "target") for a in rec[col]}
    names = node_names(tables, nodes)
    rows = []
    for root, members in chains.items():
        members.sort(key=lambda m: m[1])  # the asserted claim first (a stable sort keeps table order)
        prop = claim_proposition([by_id[c] for c, _ in members], relations, node_of, names)
        for cid, depth in sorted(members, key=lambda m: list(by_id).index(m[0])):
            rec = by_id[cid]
            rows.append({
                "proposition": prop.text, "key": prop.key, "root_claim": root, "claim_id": cid,
                "side": "asserts" if depth % 2 == 0 else "denies",
                "actors": list(dict.fromkeys(node_of.get(a, a) for a in rec["source"])),
                "source_text": rec["source_text"], "stance": rec["stance"], "cue": rec["cue"],
                "doc_id": rec["doc_id"], "content": rec["content"], "evidence": rec["evidence"],
            })
    df = pd.DataFrame(rows, columns=CONTEST_COLUMNS)
    first = {k: i for i, k in enumerate(dict.fromkeys(df["key"]))}
    return df.sort_values(["key", "side"], key=lambda s: s.map(first) if s.name == "key" else s,
                          kind="stable").reset_index(drop=True)


@chart
def claim_contest(sel: Selection, *, title: str | None = None) -> go.Figure:
    """For each contested proposition, in words: the actors who assert it (right) and who deny it (left)."""
    name, title = "claim_contest", title or "Contested claims: who asserts, who denies"
    tables = sel.tables
    df = contested_propositions(tables, sel.node_of)
    if df.empty:
        return empty_figure(name, title, "No claim in this selection is contested by another.")
    props = list(dict.fromkeys(df["key"]))
    shown = node_names(tables, {a for lst in df["actors"] for a in lst})
    labels = {}
    for i, key in enumerate(props, 1):
        labels[key] = f"{i}. " + "<br>".join(esc(x) for x in textwrap.wrap(
            shortened(df.loc[df["key"] == key, "proposition"].iloc[0], 90), 45))
    fig = new_figure(name, title, height=max(300, 140 + 90 * len(props)))
    for side, sign, colour in (("asserts", 1, "#2171b5"), ("denies", -1, "#cb181d")):
        xs, ys, texts, hovers = [], [], [], []
        for key in props:
            part = df[(df["key"] == key) & (df["side"] == side)]
            actors = list(dict.fromkeys(a for lst in part["actors"] for a in lst))
            if not actors:
                continue
            xs.append(sign * len(actors))
            ys.append(labels[key])
            texts.append(", ".join(label(shown, a) for a in actors))
            lines = [f"<b>{side}</b>: {esc(shortened(part['proposition'].iloc[0], 120))}"]
            for rec in part.to_dict("records"):
                who = rec["source_text"] if isinstance(rec["source_text"], str) else ", ".join(rec["actors"])
                lines.append(f"{esc(who)} ({codes_text(rec['actors'])}) — {esc(rec['stance'])}, "
                             f"“{esc(rec['cue'])}”<br>" + wrap(quoted(rec['evidence']), 90, "   "))
            hovers.append("<br>".join(lines[: MAX_EVIDENCE + 1]))
        fig.add_trace(go.Bar(
            x=xs, y=ys, orientation="h", name=side, text=texts, textposition="inside",
            insidetextanchor="middle", marker={"color": colour}, hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    # a side whose claims name no actor ("officials said") has no bar: with no bar at all, the axis
    # still spans one actor each way and the proposition keeps its row
    top = max((abs(x) for tr in fig.data for x in tr.x), default=0) or 1
    ticks = list(range(-top, top + 1))
    fig.update_xaxes(title_text="← denies (actors) · asserts (actors) →", tickvals=ticks,
                     ticktext=[str(abs(t)) for t in ticks], range=[-top - 0.5, top + 0.5], zeroline=True)
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array",
                     categoryarray=[labels[key] for key in props])
    fig.update_layout(barmode="relative", bargap=0.35, margin={"l": 320})
    return fig
