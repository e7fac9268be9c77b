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


def _layout(groups: Mapping[str, str], weight: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Deterministic circular layout: focus actors on an inner circle, the others on an outer
    circle, aligned actors on the left, neutral below, opposed on the right."""
    def order(g: str) -> list[str]:
        return sorted((n for n, gg in groups.items() if gg == g), key=lambda n: (-weight.get(n, 0), n))

    pos: dict[str, tuple[float, float]] = {}
    inner = order("focus")
    for i, n in enumerate(inner):
        if len(inner) == 1:
            pos[n] = (0.0, 0.0)
            continue
        ang = math.pi / 2 + 2 * math.pi * i / len(inner)
        pos[n] = (0.4 * math.cos(ang), 0.4 * math.sin(ang))
    outer = order("aligned") + order("neutral") + order("opposed")
    if outer:
        step = 2 * math.pi / len(outer)
        n_aligned = len(order("aligned"))
        start = math.pi - step * (n_aligned - 1) / 2 if n_aligned else math.pi * 1.5 - step * (len(outer) - 1) / 2
        for i, n in enumerate(outer):
            ang = start + step * i
            pos[n] = (math.cos(ang), math.sin(ang))
    return {n: (round_score(x), round_score(y)) for n, (x, y) in pos.items()}


def _text_position(xy: tuple[float, float], inner: bool) -> str:
    x, y = xy
    if inner:
        return "top center" if y >= 0 else "bottom center"
    return "middle left" if x < -0.05 else "middle right" if x > 0.05 else ("top center" if y > 0 else "bottom center")


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

    fig = new_figure(name, title, height=600)
    max_abs = max(abs(v) for v in edges["net"]) or 1.0
    mid_x, mid_y, mid_text, mid_hover, mid_colour = [], [], [], [], []
    mixes = []
    for rec in edges.to_dict("records"):
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
        # the score label sits nearer the outer actor, away from the crowded centre
        f = 0.62 if (rec["a"] in members) != (rec["b"] in members) else 0.5
        if rec["b"] in members and rec["a"] not in members:
            f = 1 - f
        mid_x.append(round_score(x0 + f * (x1 - x0)))
        mid_y.append(round_score(y0 + f * (y1 - y0)))
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
        marker={"size": 18, "color": "#ffffff", "line": {"width": 1.5, "color": mid_colour}},
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
            textposition=[_text_position(pos[n], group == "focus") for n in members_g],
            marker={"size": [round_score(14 + 7 * math.sqrt(mentions[n]), 1) for n in members_g],
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
    axis = {"visible": False, "range": [-1.5, 1.5]}
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

CONTEST_COLUMNS = ["proposition", "root_claim", "claim_id", "side", "actors", "source_text", "stance",
                   "cue", "doc_id", "evidence"]


def contested_propositions(tables_or_claims: Any, node_of: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per claim taking a side on a contested proposition.

    A proposition is the content of a claim that another claim contests. Claims
    contesting it deny it; claims contesting a denial assert it again, and so
    on down the chain. Columns: proposition, root_claim, claim_id, side
    ("asserts"/"denies"), actors, source_text, stance, cue, doc_id, evidence.
    """
    claims = tables_or_claims if isinstance(tables_or_claims, pd.DataFrame) else tables_or_claims["claims"]
    by_id = {rec["claim_id"]: rec for rec in claims.to_dict("records")}
    parent = {cid: rec["contests"] for cid, rec in by_id.items()
              if isinstance(rec["contests"], str) and rec["contests"] in by_id}
    if not parent:
        return pd.DataFrame(columns=CONTEST_COLUMNS)

    def root_depth(cid: str) -> tuple[str, int]:
        depth, seen = 0, {cid}
        while cid in parent and parent[cid] not in seen:
            cid = parent[cid]
            seen.add(cid)
            depth += 1
        return cid, depth

    rows = []
    roots = {root_depth(c)[0] for c in parent}
    for cid in by_id:  # table order
        root, depth = root_depth(cid)
        if root not in roots:
            continue
        rec = by_id[cid]
        rows.append({
            "proposition": by_id[root]["content"], "root_claim": root, "claim_id": cid,
            "side": "asserts" if depth % 2 == 0 else "denies",
            "actors": list(dict.fromkeys((node_of or {}).get(a, a) for a in rec["source"])),
            "source_text": rec["source_text"], "stance": rec["stance"], "cue": rec["cue"],
            "doc_id": rec["doc_id"], "evidence": rec["evidence"],
        })
    df = pd.DataFrame(rows, columns=CONTEST_COLUMNS)
    first = {r: i for i, r in enumerate(dict.fromkeys(df["root_claim"]))}
    return df.sort_values(["root_claim", "side"], key=lambda s: s.map(first) if s.name == "root_claim" else s,
                          kind="stable").reset_index(drop=True)


def claim_contest(tables: Tables, *, level: str = "country", title: str | None = None) -> go.Figure:
    """For each contested proposition: the actors who assert it (right) and who deny it (left)."""
    name, title = "claim_contest", title or "Contested claims: who asserts, who denies"
    df = contested_propositions(tables, node_map(tables["actors"], level))
    if df.empty:
        return empty_figure(name, title, "No claim in this selection is contested by another.")
    props = list(dict.fromkeys(df["root_claim"]))
    shown = node_names(tables, {a for lst in df["actors"] for a in lst})
    labels = {}
    for i, root in enumerate(props, 1):
        labels[root] = f"{i}. " + "<br>".join(esc(x) for x in textwrap.wrap(
            shortened(df.loc[df["root_claim"] == root, "proposition"].iloc[0], 90), 45))
    fig = new_figure(name, title, height=max(300, 140 + 90 * len(props)))
    for side, sign, colour in (("asserts", 1, "#2171b5"), ("denies", -1, "#cb181d")):
        xs, ys, texts, hovers = [], [], [], []
        for root in props:
            part = df[(df["root_claim"] == root) & (df["side"] == side)]
            actors = list(dict.fromkeys(a for lst in part["actors"] for a in lst))
            if not actors:
                continue
            xs.append(sign * len(actors))
            ys.append(labels[root])
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
                     categoryarray=[labels[root] for root in props])
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
