"""The timeline: the focus's events on a time axis, one row per dyad, stacked where they would overlap."""
from __future__ import annotations
from typing import Any, Iterable, Mapping, Sequence
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from .figures import (QUAD_COLOURS, QUAD_NAMES, SHOWN_STATUSES, STATUS_OPACITY, codes_text, correction_line,
                      empty_figure, esc, label, new_figure, node_names, num, quoted, round_score, status_symbol, wrap)
from .registry import chart
from .select import dated, relation_score
from .selection import Selection

__all__ = ["timeline", "stack", "MARKER_SIZE", "PITCH", "ROW_PX", "HALO_COLOUR", "HALO_SIZE", "UNDATED_NAME",
           "TIMELINE_MARGIN"]


def _mapped(codes: Iterable[str], node_of: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(node_of.get(a, a) for a in codes))


def _involves(relations: pd.DataFrame, members: set[str], node_of: Mapping[str, str]) -> pd.DataFrame:
    mask = [bool(members & (set(_mapped(s, node_of)) | set(_mapped(t, node_of))))
            for s, t in zip(relations["source"], relations["target"])]
    return relations[pd.Series(mask, index=relations.index, dtype=bool)]


MARKER_SIZE = 13  # px, of an event's marker
PITCH = 17  # px between the centres of markers stacked at one date: more than a marker with its outline
ROW_PX = 44  # px of a dyad's row with no stack
HALO_SIZE, HALO_COLOUR = 25, "#d9d9d9"  # the light disc behind an event the text does not date
UNDATED_NAME = "on a light disc: undated, at its article's date"
TIMELINE_MARGIN = (70, 80)  # px above and below the plot (title; the date axis and its title)
NEAR = 60  # markers of one row closer than 1/NEAR of the time axis stack rather than overlap


def stack(rows: Sequence[Any], days: Sequence[pd.Timestamp], span_days: float) -> tuple[list[int], list[int]]:
    """(slot, size of its stack) of each marker: markers of one row whose dates lie within
    ``span_days / NEAR`` of the first of their group are stacked (slots 0, 1, 2... in the order
    given), so that no marker hides another, on one date or on dates a few pixels apart."""
    tol = pd.Timedelta(days=max(1.0, span_days / NEAR))
    group: dict[int, int] = {}
    first: dict[Any, tuple[pd.Timestamp, int]] = {}
    sizes: list[int] = []
    slots = [0] * len(rows)
    for i in sorted(range(len(rows)), key=lambda i: (str(rows[i]), days[i], i)):
        start = first.get(rows[i])
        if start is None or days[i] - start[0] > tol:
            first[rows[i]] = start = (days[i], len(sizes))
            sizes.append(0)
        slots[i] = sizes[start[1]]
        sizes[start[1]] += 1
        group[i] = start[1]
    return slots, [sizes[group[i]] for i in range(len(rows))]


@chart
def timeline(sel: Selection, *, statuses: Sequence[str] = SHOWN_STATUSES, undated: str = "document",
             title: str | None = None) -> go.Figure:
    """Events involving the focus actors, one row per dyad (named; codes on hover), coloured by quad class.

    Marker shape is the status (filled: reported; open: alleged, planned...). An
    event whose text gives no date is placed at its article's date on a light
    grey disc (``undated="drop"`` leaves it out). A month or a year keeps its
    precision: the marker sits in its middle and a bar spans it. Events of a
    dyad on one date, or on dates too close to tell apart, are stacked
    (:func:`stack`): a row is as tall as its highest stack, so none hides another.
    The colour legend shows colours as lines, not as markers, so that no shape
    in it means two things.
    """
    name, title = "timeline", title or "Timeline of events"
    statuses = P.check_statuses(statuses)  # shown, not the selection's scored statuses
    tables, codes, members, node_of = sel.tables, sel.focus, sel.nodes, sel.node_of
    rel = tables["relations"]
    rel = _involves(rel[rel["status"].isin(list(statuses))], members, node_of)
    rel = dated(tables, rel, undated)
    if rel.empty:
        return empty_figure(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    shown = node_names(tables, {n for col in ("source", "target") for lst in rel[col] for n in _mapped(lst, node_of)})
    rel = rel.assign(
        dyad=[f"{', '.join(label(shown, n) for n in _mapped(s, node_of))} → "
              f"{', '.join(label(shown, n) for n in _mapped(t, node_of))}"
              for s, t in zip(rel["source"], rel["target"])],
        codes=[f"{codes_text(_mapped(s, node_of))} → {codes_text(_mapped(t, node_of))}"
               for s, t in zip(rel["source"], rel["target"])],
        quad=[int(q) if not pd.isna(q) else 0 for q in rel["quad_class"]],
        score=[relation_score(r) for r in rel.to_dict("records")],
        mid=[(pd.Timestamp(a) + (pd.Timestamp(b) - pd.Timestamp(a)) / 2).date().isoformat()
             for a, b in zip(rel["day"], rel["last"])],
    ).sort_values(["day", "relation_id"], kind="stable")
    rows = list(dict.fromkeys(rel.sort_values(["dyad"], kind="stable")["dyad"]))
    lo, hi = pd.Timestamp(min(rel["day"])), pd.Timestamp(max(rel["last"]))
    pad = max(pd.Timedelta(days=20), (hi - lo) * 0.06)
    span_days = (hi - lo + 2 * pad) / pd.Timedelta(days=1)
    slots, sizes = stack(list(rel["dyad"]), [pd.Timestamp(m) for m in rel["mid"]], span_days)
    # rows in px from the top: each as tall as its highest stack
    tallest = {d: 1 for d in rows}
    for d, n in zip(rel["dyad"], sizes):
        tallest[d] = max(tallest[d], n)
    top_of, y = {}, 0
    for d in rows:
        top_of[d] = y
        y += max(ROW_PX, tallest[d] * PITCH + PITCH)
    total = y
    centre = {d: top_of[d] + max(ROW_PX, tallest[d] * PITCH + PITCH) / 2 for d in rows}
    rel["y"] = [round_score(centre[d] + (k - (n - 1) / 2) * PITCH, 1) for d, k, n in zip(rel["dyad"], slots, sizes)]
    t_margin, b_margin = TIMELINE_MARGIN
    fig = new_figure(name, title, height=max(320, t_margin + b_margin + int(total)))
    spans = rel[rel["day"] != rel["last"]]
    if not spans.empty:  # a month or a year is drawn as the period it is
        xs, ys = [], []
        for a, b, y in zip(spans["day"], spans["last"], spans["y"]):
            xs += [a, b, None]
            ys += [y, y, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="date given as a month or year (bar spans it)",
                                 line={"width": 6, "color": "#bdbdbd"}, opacity=0.6, hoverinfo="skip"))
    no_date = rel[rel["undated"].astype(bool)]
    if not no_date.empty:  # a light disc behind each event the text does not date
        fig.add_trace(go.Scatter(
            x=list(no_date["mid"]), y=list(no_date["y"]), mode="markers", hoverinfo="skip", showlegend=False,
            name=UNDATED_NAME, marker={"size": HALO_SIZE, "symbol": "circle", "color": HALO_COLOUR}))
    titled = False
    for quad in (*QUAD_NAMES, 0):  # the quad classes in plover.yaml's order, then the unclassified
        part = rel[rel["quad"] == quad]
        if part.empty:
            continue
        group = f"quad {quad}"
        # the colour's legend entry is a line: a marker there would borrow a status's shape
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=QUAD_NAMES.get(quad, "unclassified"),
                                 legendgroup=group, line={"color": QUAD_COLOURS[quad], "width": 6},
                                 hoverinfo="skip", legendgrouptitle={"text": "" if titled else "colour: quad class"}))
        titled = True
        fig.add_trace(go.Scatter(
            x=list(part["mid"]), y=list(part["y"]), mode="markers", name=QUAD_NAMES.get(quad, "unclassified"),
            legendgroup=group, showlegend=False,
            customdata=[[st, bool(u)] for st, u in zip(part["status"], part["undated"])],
            marker={"size": MARKER_SIZE, "color": QUAD_COLOURS[quad],
                    "symbol": [status_symbol(st) for st in part["status"]],
                    "opacity": [STATUS_OPACITY.get(st, 1.0) for st in part["status"]],
                    "line": {"width": 2, "color": QUAD_COLOURS[quad]}},
            hovertext=[
                (f"<b>{esc(r['given'])}</b> ({esc(r['precision'])})" if not r["undated"] else
                 f"<b>undated</b>: placed at its article's date, {esc(r['given'])}")
                + f"<br>{r['dyad']} ({r['codes']}): <b>{esc(r['event_type'])}</b>"
                f" ({esc(r['status'])}), score {num(r['score'])}<br>trigger: “{esc(r['trigger'])}”"
                + correction_line(r) + "<br>" + wrap(quoted(r['evidence']), 90, "   ")
                for r in part.to_dict("records")
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    for st in [s for s in P.STATUSES if s in set(rel["status"])]:
        _legend_marker(fig, st, status_symbol(st), "shape: status")
    if not no_date.empty:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=UNDATED_NAME, legendgroup="shape",
                                 hoverinfo="skip", marker={"size": HALO_SIZE, "color": HALO_COLOUR}))
    fig.update_xaxes(type="date", title_text="date (a month or a year spans its days)",
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(tickvals=[round_score(centre[d], 1) for d in rows], ticktext=rows, zeroline=False,
                     showgrid=True, range=[total, 0])
    fig.update_layout(legend={"groupclick": "togglegroup"}, margin={"l": 220, "t": t_margin, "b": b_margin})
    return fig


def _legend_marker(fig: go.Figure, name: str, symbol: str, group: str) -> None:
    """A legend entry (no data) for a marker shape."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup="shape",
                             legendgrouptitle={"text": group}, hoverinfo="skip",
                             marker={"size": 11, "color": "#636363", "symbol": symbol,
                                     "line": {"width": 2, "color": "#636363"}}))
