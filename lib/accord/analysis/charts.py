"""Charts of an alliance's dynamics, as plotly figures built from accord's tables.

One function per chart; each takes the dict of tables (``accord.annotate``'s
result or :func:`accord.tables.read_tables`) and returns a ``go.Figure``. A chart of
a focus takes its actors by code or name; without one (``None``) the focus is the
corpus's two most-mentioned countries (:func:`accord.analysis.params.default_focus`):

* :func:`actor_network` -- the focus actors and everyone they interact with;
  nodes sized by mentions and grouped by alignment, edges carrying the net
  cooperation-conflict score of each dyad, evidence sentences on hover;
* :func:`dyad_matrix` -- source x target heatmap of summed scores, with counts;
* :func:`claim_contest` -- each contested proposition, who asserts and who denies it;
* :func:`timeline` -- dated events, coloured by quad class;
* :func:`material_exchanges` -- Sankey of who supplies what to whom (weapons,
  technology, economic aid), alleged flows marked as such;
* :func:`cooperation_conflict` -- the net score of each dyad per week or month.

Figures are deterministic: no random ids, layouts computed here (no random
seed needed), coordinates and scores rounded. Every text taken from an article
or a table (names, evidence, claims) is HTML-escaped before it reaches plotly,
which renders hover labels, tick labels and annotations as HTML.
"""
from __future__ import annotations
import math
import textwrap
from typing import Any, Iterable, Mapping, Sequence
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from ..engine import packaged
from ..lexicon import CodingRules
from .select import dyad_rows, node_map
from .figures import (MIXED_DASH, STATUS_DASH, STATUS_OPACITY, label, node_names, status_mix,
                      status_note)
from .figures import DEFAULT_FOCUS, GROUP_COLOURS, GROUP_NAMES, MAX_EVIDENCE, SCORED_STATUSES, Tables, codes_text, empty_figure, evidence_lines, new_figure, focus_nodes, node_info, num, quoted, round_score, shortened, wrap, esc, undirected
from .timecharts import cooperation_conflict, material_categories, material_category, material_exchanges, timeline


__all__ = [
    "DEFAULT_FOCUS",
    "CHARTS",
    "esc",
    "actor_network",
    "dyad_matrix",
    "contested_propositions",
    "claim_contest",
    "timeline",
    "material_categories",
    "material_category",
    "material_exchanges",
    "cooperation_conflict",
    "all_charts",
]
POSITIVE, NEGATIVE, ZERO = "#1a9850", "#d73027", "#969696"



# -- actor network ------------------------------------------------------------

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


def actor_network(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                  statuses: Sequence[str] = SCORED_STATUSES, title: str | None = None,
                  rules: CodingRules | None = None) -> go.Figure:
    """The focus actors and everyone they interact with.

    Nodes are sized by mentions and coloured by alignment: the net score of an
    actor's relations with the focus actors (> 0 aligned, < 0 opposed). Edges
    join the two actors of a dyad; colour is the sign and width the magnitude
    of the dyad's net score (relations in both directions, of ``statuses``).
    Hovering a node or the dot in the middle of an edge shows the evidence.
    Alignment counts only the relations :func:`counts_for_alignment` allows under ``rules``
    (default: the packaged lexicon's coding rules; pass an analyst lexicon's ``rules``).
    ``level="country"`` folds the actors of a country (RUSGOV, RUSMIL...) into
    one node (RUS); ``"actor"`` keeps one node per actor code.
    """
    name, title = "actor_network", title or "Actor network: who cooperates and who opposes"
    statuses = P.check_statuses(statuses)
    codes, members, node_of = focus_nodes(tables, focus, level)
    d = dyad_rows(tables["relations"], members, statuses, node_of)
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
    rules = rules if rules is not None else packaged().rules
    align = _alignment(nodes, d, members, node_kinds(tables, node_of), rules)
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


# -- dyad matrix ----------------------------------------------------------------

def _ordered(values: Iterable[str], members: set[str]) -> list[str]:
    return sorted(set(values), key=lambda v: (v not in members, v))


def dyad_matrix(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                statuses: Sequence[str] = SCORED_STATUSES, title: str | None = None) -> go.Figure:
    """Source x target heatmap of summed scores; each cell shows its sum and its count of relations."""
    name, title = "dyad_matrix", title or "Dyad matrix: summed score of relations, source × target"
    statuses = P.check_statuses(statuses)
    codes, members, node_of = focus_nodes(tables, focus, level)
    d = dyad_rows(tables["relations"], members, statuses, node_of)
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


# -- claim contest ------------------------------------------------------------

CONTEST_COLUMNS = ["proposition", "key", "root_claim", "claim_id", "side", "actors", "source_text", "stance",
                   "cue", "doc_id", "content", "evidence"]


def contested_propositions(tables_or_claims: Any, node_of: Mapping[str, str] | None = None) -> pd.DataFrame:
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

    tables = None if isinstance(tables_or_claims, pd.DataFrame) else tables_or_claims
    claims = tables_or_claims if tables is None else tables["claims"]
    relations = {} if tables is None else {rec["relation_id"]: rec for rec in tables["relations"].to_dict("records")}
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
    names = node_names(tables, nodes) if tables is not None else {}
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


def claim_contest(tables: Tables, *, level: str = "country", title: str | None = None) -> go.Figure:
    """For each contested proposition, in words: the actors who assert it (right) and who deny it (left)."""
    name, title = "claim_contest", title or "Contested claims: who asserts, who denies"
    df = contested_propositions(tables, node_map(tables["actors"], level))
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


# -- all of them --------------------------------------------------------------

CHARTS = ("actor_network", "dyad_matrix", "claim_contest", "timeline", "material_exchanges",
          "cooperation_conflict")


def all_charts(tables: Tables, focus: Any = DEFAULT_FOCUS, freq: str = "M",
               level: str = "country", statuses: Sequence[str] = SCORED_STATUSES,
               rules: CodingRules | None = None) -> dict[str, go.Figure]:
    """Every chart, in :data:`CHARTS` order; ``statuses`` count toward the scores (the timeline and
    the exchanges show every status but hypothetical and negated, marked); ``rules``: the run's coding rules."""
    return {
        "actor_network": actor_network(tables, focus, level=level, statuses=statuses, rules=rules),
        "dyad_matrix": dyad_matrix(tables, focus, level=level, statuses=statuses),
        "claim_contest": claim_contest(tables, level=level),
        "timeline": timeline(tables, focus, level=level),
        "material_exchanges": material_exchanges(tables, focus, level=level, rules=rules),
        "cooperation_conflict": cooperation_conflict(tables, focus, freq, level=level, statuses=statuses),
    }
