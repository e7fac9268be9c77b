"""Cooperation and conflict over time: the net score of each dyad of the focus per week or month."""
from __future__ import annotations
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from .figures import (empty_figure, esc, label, new_figure, node_names, num, round_score, status_mix, status_note,
                      status_symbol, undirected)
from .registry import chart
from .select import dated, dyad_rows
from .selection import Selection

__all__ = ["cooperation_conflict"]


@chart
def cooperation_conflict(sel: Selection, *, undated: str = "document", top: int = 8,
                         title: str | None = None) -> go.Figure:
    """Net cooperation-conflict score of each dyad of the focus per week (``freq="W"``) or month (``"M"``).

    A relation counts at the date its text gives; one the text gives no date
    for counts at its article's date (``undated="drop"`` leaves it out). Shows
    the ``top`` dyads by total absolute score, named (codes on hover). A line
    breaks at a period without data rather than join its neighbours; a point
    some of whose relations are not reported (alleged...) is an open marker;
    the dyads' markers are set a little apart so that equal values stay visible.
    """
    freq, statuses = sel.freq, sel.statuses
    name = "cooperation_conflict"
    title = title or f"Cooperation and conflict over time, per dyad and {P.FREQS[freq]}"
    tables, codes, members, node_of = sel.tables, sel.focus, sel.nodes, sel.node_of
    rel = tables["relations"]
    rel = dated(tables, rel[rel["status"].isin(list(statuses))], undated)
    d = dyad_rows(rel.drop(columns=["day", "last", "given", "precision", "undated"]), members, None, node_of)
    if d.empty:
        return empty_figure(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    day = dict(zip(rel["relation_id"], rel["day"]))
    no_date = dict(zip(rel["relation_id"], rel["undated"]))
    d = undirected(d)
    shown = node_names(tables, set(d["a"]) | set(d["b"]))
    d["period"] = [pd.Period(day[r], freq=freq) for r in d["relation_id"]]
    d["undated"] = [bool(no_date[r]) for r in d["relation_id"]]
    d["coop"] = d["score"].clip(lower=0)
    d["conf"] = d["score"].clip(upper=0)
    d["dyad"] = [f"{a} – {b}" for a, b in zip(d["a"], d["b"])]
    totals = d.groupby("dyad")["score"].apply(lambda s: s.abs().sum())
    keep = sorted(totals.index, key=lambda k: (-totals[k], k))[:top]
    agg = (d[d["dyad"].isin(keep)].groupby(["dyad", "period"], sort=True)
           .agg(net=("score", "sum"), coop=("coop", "sum"), conf=("conf", "sum"), n=("score", "size"),
                statuses=("status", list), undated=("undated", "sum"))
           .reset_index())
    periods = sorted(set(agg["period"]))
    every = list(pd.period_range(periods[0], periods[-1], freq=freq))
    fmt = "%Y-%m" if freq == "M" else "week of %Y-%m-%d"
    # the dyads' points side by side within their period, a few days (hours for weeks) apart
    step = pd.Timedelta(days=3) if freq == "M" else pd.Timedelta(hours=14)
    fig = new_figure(name, title, height=460)
    for k, dyad in enumerate(keep):
        part = agg[agg["dyad"] == dyad].set_index("period")
        a, b = dyad.split(" – ")
        shift = step * (k - (len(keep) - 1) / 2)
        xs, ys, hover, symbols = [], [], [], []
        for p in every:  # None where the dyad has no data: the line breaks there
            x = (p.start_time + pd.Timedelta(days=14 if freq == "M" else 3) + shift).isoformat()
            if p not in part.index:
                xs.append(x)
                ys.append(None)
                hover.append("")
                symbols.append("circle")
                continue
            rec = part.loc[p]
            note = status_note(rec["statuses"])
            if rec["undated"]:
                note = ", ".join(x for x in (note, f"{int(rec['undated'])} undated, at the article's date") if x)
            mix = status_mix(rec["statuses"])
            xs.append(x)
            ys.append(round_score(rec["net"], 2))
            symbols.append("circle" if mix == "reported" else status_symbol(mix) if mix != "mixed" else "circle-open")
            hover.append(f"<b>{label(shown, a)} – {label(shown, b)}</b> ({esc(dyad)}), {p.start_time.strftime(fmt)}"
                         f"<br>net {num(rec['net'])} (cooperation {num(rec['coop'])}, conflict "
                         f"{num(rec['conf'])}) over {rec['n']} relation{'s' if rec['n'] != 1 else ''}"
                         + (f"<br>of which {esc(note)}" if note else ""))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=f"{label(shown, a)} – {label(shown, b)}",
            marker={"size": 9, "symbol": symbols, "line": {"width": 2}}, connectgaps=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", customdata=[dyad] * len(xs),
        ))
    lo, hi = every[0].start_time, every[-1].end_time
    pad = pd.Timedelta(days=10 if freq == "M" else 3)
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_xaxes(type="date", title_text=P.FREQS[freq],
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(title_text="net score (cooperation > 0 > conflict)", zeroline=False)
    fig.update_layout(legend={"title": {"text": "dyad (open marker: not all reported)"}})
    return fig
