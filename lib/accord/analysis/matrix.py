"""The dyad matrix: who does what to whom, source × target, each cell the summed score of its relations."""
from __future__ import annotations
from typing import Iterable
import plotly.graph_objects as go
from .figures import empty_figure, esc, evidence_lines, label, new_figure, node_names, num, round_score, status_note
from .registry import chart
from .select import dyad_rows
from .selection import Selection

__all__ = ["dyad_matrix"]


def _ordered(values: Iterable[str], members: set[str]) -> list[str]:
    return sorted(set(values), key=lambda v: (v not in members, v))


@chart
def dyad_matrix(sel: Selection, *, title: str | None = None) -> go.Figure:
    """Source x target heatmap of summed scores; each cell shows its sum and its count of relations."""
    name, title = "dyad_matrix", title or "Dyad matrix: summed score of relations, source × target"
    tables, codes, members, node_of = sel.tables, sel.focus, sel.nodes, sel.node_of
    d = dyad_rows(tables["relations"], members, sel.statuses, node_of)
    if d.empty:
        return empty_figure(name, title, f"No relation involves {', '.join(codes)} in this selection.")
    agg = d.groupby(["source", "target"], sort=True).agg(score=("score", "sum"), n=("score", "size"))
    sources, targets = _ordered(d["source"], members), _ordered(d["target"], members)
    shown = node_names(tables, set(sources) | set(targets))
    z, text, hover = [], [], []
    for s in sources:
        zr, tr, hr = [], [], []
        for t in targets:
            if (s, t) in agg.index:
                score, n = agg.loc[(s, t), "score"], int(agg.loc[(s, t), "n"])
                zr.append(round_score(score, 2))
                rows = d[(d["source"] == s) & (d["target"] == t)]
                note = status_note(rows["status"])
                tr.append(f"{num(score)}<br>n={n}" + (f"<br><i>{esc(note)}</i>" if note else ""))
                hr.append(f"<b>{label(shown, s)} → {label(shown, t)}</b> ({esc(s)} → {esc(t)}): {num(score)} "
                          f"over {n} relation{'s' if n != 1 else ''}" + (f", of which {esc(note)}" if note else "")
                          + "<br>" + evidence_lines(rows))
            else:
                zr.append(None)
                tr.append("")
                hr.append(f"{label(shown, s)} → {label(shown, t)}: no relation")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    bound = max(abs(v) for row in z for v in row if v is not None) or 1.0
    fig = new_figure(name, title, height=max(320, 110 + 48 * len(sources)))
    fig.add_trace(go.Heatmap(
        z=z, x=[label(shown, t) for t in targets], y=[label(shown, s) for s in sources], text=text,
        texttemplate="%{text}",
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", colorscale="RdBu",
        zmin=-bound, zmax=bound, zmid=0, xgap=2, ygap=2,
        colorbar={"title": {"text": "score"}},
    ))
    fig.update_xaxes(title_text="target", side="top", type="category")
    fig.update_yaxes(title_text="source", autorange="reversed", type="category")
    fig.update_layout(margin={"t": 110})
    return fig
