"""The actor network: the focus and everyone it deals with, grouped by alignment, on one circle."""
from __future__ import annotations
import math
from typing import Any, Iterable, Mapping, Sequence
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from ..lexicon import CodingRules
from .figures import (GROUP_COLOURS, GROUP_NAMES, MIXED_DASH, STATUS_DASH, STATUS_OPACITY, Tables, codes_text,
                      empty_figure, esc, evidence_lines, label, new_figure, node_info, node_names, num, round_score,
                      status_mix, status_note, undirected)
from .registry import chart
from .select import dyad_rows
from .selection import Selection

__all__ = ["actor_network", "counts_for_alignment", "node_kinds", "network_px_per_unit", "segment_distance"]
POSITIVE, NEGATIVE, ZERO = "#1a9850", "#d73027", "#969696"


def counts_for_alignment(event_type: Any, target_kind: Any, rules: CodingRules) -> bool:
    """Whether a relation makes its actors aligned or opposed: its category is one of the coding
    rule ``alignment_events``, and it does not merely endorse an organisation (an ``endorsing_events``
    category whose target is an igo or bloc: Russia endorsing UN sanctions does not side with the UN)."""
    if event_type not in rules.alignment_events:
        return False
    return not (event_type in rules.endorsing_events and target_kind in ("igo", "bloc"))


def node_kinds(tables: Tables, node_of: Mapping[str, str]) -> dict[str, str]:
    """node -> the kind of actor it is (state, igo, bloc...): the node's own actor, else its members'."""
    actors = tables["actors"]
    kinds: dict[str, str] = {}
    for aid, kind in zip(actors["actor_id"].astype(str), actors["kind"].astype(str)):
        node = node_of.get(aid, aid)
        if node == aid or node not in kinds:
            kinds[node] = kind
    return kinds


def _alignment(nodes: Sequence[str], rows: pd.DataFrame, members: set[str],
               kinds: Mapping[str, str], rules: CodingRules) -> dict[str, tuple[str, float]]:
    """Each node's group (focus, aligned, opposed, neutral) and the net score of the relations
    with the focus that count for alignment (:func:`counts_for_alignment`)."""
    net = {n: 0.0 for n in nodes}
    for s, t, event, score in zip(rows["source"], rows["target"], rows["event_type"], rows["score"]):
        if not counts_for_alignment(event, kinds.get(t), rules):
            continue
        if s in members and t not in members:
            net[t] += score
        elif t in members and s not in members:
            net[s] += score
    out = {}
    for n in nodes:
        if n in members:
            out[n] = ("focus", net[n])
        elif net[n] > 0:
            out[n] = ("aligned", net[n])
        elif net[n] < 0:
            out[n] = ("opposed", net[n])
        else:
            out[n] = ("neutral", 0.0)
    return out


def _status_legend(fig: go.Figure, statuses: Iterable[str]) -> None:
    """Legend entries (no data) saying how each status is drawn."""
    for st in statuses:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="lines", name=f"{st} relations" if st != "mixed" else "reported and not",
            line={"color": "#636363", "dash": STATUS_DASH.get(st, MIXED_DASH), "width": 2},
            legendgroup="status", legendgrouptitle={"text": "line: status"}, hoverinfo="skip",
        ))


#: the network's plot: figure height, top and bottom margins (px) and the half-width of the axes
#: (data units), from which a marker's size in px converts to data units
NETWORK_HEIGHT, NETWORK_MARGIN, NETWORK_RANGE = 600, (70, 40), 1.5
LABEL_SIZE = 18  # px: the marker behind a dyad's score label
FOCUS_ROOM = 2.0
MIN_NODE_SIZE = 8


def network_px_per_unit() -> float:
    """Pixels per data unit of the network when the height limits the plot (the axes keep their
    ratio; a plot wider than high is limited by its height)."""
    top, bottom = NETWORK_MARGIN
    return (NETWORK_HEIGHT - top - bottom) / (2 * NETWORK_RANGE)


def segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance from point ``p`` to the segment ``a``–``b``."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _layout(groups: Mapping[str, str], weight: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Deterministic layout: every node on one circle, evenly spaced, the focus at the top, then
    (anticlockwise) aligned actors on the left, neutral below, opposed on the right. Nodes on a
    circle are in convex position, so no edge (a chord) passes through a node that is not its own."""
    def order(g: str) -> list[str]:
        return sorted((n for n, gg in groups.items() if gg == g), key=lambda n: (-weight.get(n, 0), n))

    ring = order("focus") + order("aligned") + order("neutral") + order("opposed")
    # a focus actor, where most edges meet, gets FOCUS_ROOM times the arc of another, on each side
    room = [FOCUS_ROOM if groups[n] == "focus" else 1.0 for n in ring]
    unit = 2 * math.pi / max(sum(room), 1.0)
    n_focus = len(order("focus"))
    # the focus centred on the top: half the arc of the focus actors before the top
    ang = math.pi / 2 - unit * (sum(room[:n_focus]) - room[0]) / 2 if n_focus else math.pi / 2
    pos = {}
    for i, n in enumerate(ring):
        if i:
            ang += unit * (room[i - 1] + room[i]) / 2
        pos[n] = (math.cos(ang), math.sin(ang))
    return {n: (round_score(x), round_score(y)) for n, (x, y) in pos.items()}


def _node_sizes(pos: Mapping[str, tuple[float, float]], pairs: Sequence[tuple[str, str]],
                mentions: Mapping[str, int]) -> dict[str, float]:
    """Marker size (px) of each node: it grows with mentions, but stays clear of every edge that is
    not its own (a node's radius under 80 % of its distance to such an edge), so that no edge seems
    to pass through it."""
    px = network_px_per_unit()
    sizes = {}
    for n, xy in pos.items():
        clear = min((segment_distance(xy, pos[a], pos[b]) for a, b in pairs if n not in (a, b)), default=math.inf)
        wanted = 14 + 7 * math.sqrt(mentions.get(n, 0))
        sizes[n] = round_score(max(MIN_NODE_SIZE, min(wanted, 2 * 0.8 * clear * px)), 1)
    return sizes


# where on its edge a score label may sit, from the end of a focus actor (edges converge there):
# nearest 0.6 first
LABEL_AT = tuple(sorted((round(0.15 + 0.05 * i, 2) for i in range(15)), key=lambda f: (abs(f - 0.6), -f)))
LABEL_GAP = 30  # px between two labels' centres: a label's text ("+68", "alleged +40") is wider than its marker


def _label_spots(pos: Mapping[str, tuple[float, float]], pairs: Sequence[tuple[str, str]],
                 sizes: Mapping[str, float], members: set[str] = frozenset()) -> list[tuple[float, float]]:
    """Where each edge's score label sits: on its own segment, at the first of :data:`LABEL_AT`
    (from the end of a focus actor, ``members``) that is clear of every node (its own two
    included) and of the other edges, and :data:`LABEL_GAP` from the labels placed before; when
    none is, the one clear of nodes and edges that is furthest from the other labels; else the
    clearest."""
    px = network_px_per_unit()
    placed: list[tuple[float, float]] = []
    for a, b in pairs:
        if b in members and a not in members:  # measured from the focus end
            a, b = b, a
        (x0, y0), (x1, y1) = pos[a], pos[b]
        scored = []
        for f in LABEL_AT:
            xy = (x0 + f * (x1 - x0), y0 + f * (y1 - y0))
            # a label on a node, or where another edge runs (a crossing), would be read as theirs
            hard = min([math.dist(xy, q) * px - (sizes[n] + LABEL_SIZE) / 2 for n, q in pos.items()]
                       + [segment_distance(xy, pos[c], pos[d]) * px - LABEL_SIZE / 2 for c, d in pairs
                          if {c, d} != {a, b}])
            soft = min([math.dist(xy, q) * px - LABEL_GAP for q in placed], default=math.inf)
            scored.append((xy, hard, soft))
        best = (next((xy for xy, hard, soft in scored if hard > 2 and soft > 0), None)
                or max(((xy, soft) for xy, hard, soft in scored if hard > 2), key=lambda t: t[1], default=(None,))[0]
                or max(scored, key=lambda t: t[1])[0])
        placed.append((round_score(best[0]), round_score(best[1])))
    return placed


def _text_position(xy: tuple[float, float]) -> str:
    """A node's name outside the circle: left of a node on the left, right on the right, else
    above or below."""
    x, y = xy
    return "middle left" if x < -0.3 else "middle right" if x > 0.3 else ("top center" if y > 0 else "bottom center")


@chart
def actor_network(sel: Selection, *, title: str | None = None) -> go.Figure:
    """The focus actors and everyone they interact with.

    Nodes are sized by mentions and coloured by alignment: the net score of an
    actor's relations with the focus actors (> 0 aligned, < 0 opposed). Edges
    join the two actors of a dyad; colour is the sign and width the magnitude
    of the dyad's net score (relations in both directions, of ``statuses``).
    Hovering a node or the dot in the middle of an edge shows the evidence.
    Alignment counts only the relations :func:`counts_for_alignment` allows under the selection's
    coding rules (an analyst lexicon's, else accord's). At the ``"country"`` level the actors of a
    country (RUSGOV, RUSMIL...) are one node (RUS); at ``"actor"`` one node per actor code.
    """
    name, title = "actor_network", title or "Actor network: who cooperates and who opposes"
    tables, codes, members, node_of = sel.tables, sel.focus, sel.nodes, sel.node_of
    d = dyad_rows(tables["relations"], members, sel.statuses, node_of)
    if d.empty:
        return empty_figure(name, title, f"No relation involves {', '.join(codes)} in this selection.")
    d = undirected(d)
    edges = (d.groupby(["a", "b"], sort=True)
             .agg(net=("score", "sum"), n=("score", "size"))
             .reset_index())
    nodes = sorted(set(edges["a"]) | set(edges["b"]))
    all_mentions, names = node_info(tables, node_of)
    shown = node_names(tables, nodes)
    mentions = {n: all_mentions.get(n, 0) for n in nodes}
    align = _alignment(nodes, d, members, node_kinds(tables, node_of), sel.coding_rules)
    pos = _layout({n: g for n, (g, _) in align.items()}, mentions)
    pairs = list(zip(edges["a"], edges["b"]))
    sizes = _node_sizes(pos, pairs, mentions)
    spots = _label_spots(pos, pairs, sizes, members)

    fig = new_figure(name, title, height=NETWORK_HEIGHT)
    fig.update_layout(margin={"t": NETWORK_MARGIN[0], "b": NETWORK_MARGIN[1]})  # the px of network_px_per_unit
    max_abs = max(abs(v) for v in edges["net"]) or 1.0
    mid_x, mid_y, mid_text, mid_hover, mid_colour = [], [], [], [], []
    mixes = []
    for rec, spot in zip(edges.to_dict("records"), spots):
        (x0, y0), (x1, y1) = pos[rec["a"]], pos[rec["b"]]
        net = rec["net"]
        colour = POSITIVE if net > 0 else NEGATIVE if net < 0 else ZERO
        rows = d[(d["a"] == rec["a"]) & (d["b"] == rec["b"])]
        mix = status_mix(rows["status"])
        mixes.append(mix)
        note = status_note(rows["status"], rows["score"])
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
            line={"width": round_score(1 + 7 * abs(net) / max_abs, 2), "color": colour,
                  "dash": STATUS_DASH.get(mix, MIXED_DASH)},
            opacity=round_score(0.6 * STATUS_OPACITY.get(mix, 1.0), 2),
            name=f"{rec['a']} – {rec['b']}",
        ))
        # the score label sits on its own edge, clear of the nodes and of the other labels
        mid_x.append(spot[0])
        mid_y.append(spot[1])
        # the part of the score that is not reported fact is written beside it
        mid_text.append(num(net) + (f"<br><i>{esc(note)}</i>" if note else ""))
        mid_colour.append(colour)
        mid_hover.append(
            f"<b>{label(shown, rec['a'])} – {label(shown, rec['b'])}</b> ({esc(rec['a'])} – {esc(rec['b'])}): "
            f"net score {num(net)} over {rec['n']} relation{'s' if rec['n'] != 1 else ''}"
            + (f", of which {esc(note)}" if note else "") + "<br>" + evidence_lines(rows)
        )
    fig.add_trace(go.Scatter(
        x=mid_x, y=mid_y, mode="markers+text", text=mid_text, textposition="middle center",
        textfont={"size": 10, "color": "#333333"},
        marker={"size": LABEL_SIZE, "color": "#ffffff", "line": {"width": 1.5, "color": mid_colour}},
        hovertext=mid_hover, hovertemplate="%{hovertext}<extra></extra>", name="dyads", showlegend=False,
    ))
    for group in ("focus", "aligned", "neutral", "opposed"):
        members_g = [n for n in nodes if align[n][0] == group]
        if not members_g:
            continue
        xs = [pos[n][0] for n in members_g]
        fig.add_trace(go.Scatter(
            x=xs, y=[pos[n][1] for n in members_g], mode="markers+text", name=GROUP_NAMES[group],
            text=[label(shown, n) for n in members_g], customdata=list(members_g),
            textposition=[_text_position(pos[n]) for n in members_g],
            marker={"size": [sizes[n] for n in members_g],
                    "color": GROUP_COLOURS[group], "line": {"width": 1, "color": "#ffffff"}},
            hovertext=[
                f"<b>{label(shown, n)}</b> ({esc(n)})<br>{esc(names.get(n, ''))}<br>mentions: {mentions[n]}<br>"
                + (f"net score with {codes_text(codes)}, of the relations that count for alignment: "
                   f"{num(align[n][1])}" if group != "focus" else "focus actor")
                for n in members_g
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    _status_legend(fig, [m for m in (*P.STATUSES, "mixed") if m in set(mixes)])
    axis = {"visible": False, "range": [-NETWORK_RANGE, NETWORK_RANGE]}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis, scaleanchor="x", scaleratio=1)
    fig.update_layout(legend={"title": {"text": "alignment with the focus"}, "itemsizing": "constant"})
    return fig
