"""Charts of an alliance's dynamics, as plotly figures built from accord's tables.

One function per chart; each takes the dict of tables (``accord.annotate``'s
result or :func:`accord.tables.read_tables`) and returns a ``go.Figure``:

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

import html
import math
import textwrap
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from . import params as P

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

Tables = Mapping[str, pd.DataFrame]

DEFAULT_FOCUS: tuple[str, ...] = ("RUS", "PRK")
#: Statuses whose relations count towards net scores (what is said to happen or be under way).
SCORED_STATUSES = ("reported", "alleged", "planned")
#: Statuses shown on the timeline and in the exchanges (denied flows are shown, marked).
SHOWN_STATUSES = ("reported", "alleged", "planned", "denied")

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#6baed6", 2: "#08519c", 3: "#fd8d3c", 4: "#a50f15", 0: "#969696"}
GROUP_NAMES = {"focus": "focus actors", "aligned": "aligned (net score > 0)",
               "neutral": "neutral (net score 0)", "opposed": "opposed (net score < 0)"}
GROUP_COLOURS = {"focus": "#54278f", "aligned": "#1a9850", "neutral": "#969696", "opposed": "#d73027"}
POSITIVE, NEGATIVE, ZERO = "#1a9850", "#d73027", "#969696"
STATUS_SYMBOLS = {"reported": "circle", "alleged": "circle-open", "planned": "diamond-open",
                  "denied": "x-thin-open", "negated": "x", "hypothetical": "square-open"}
CATEGORY_COLOURS = {
    "weapons & military": (165, 15, 21),
    "technology": (84, 39, 143),
    "economic aid": (35, 139, 69),
    "humanitarian aid": (33, 113, 181),
    "aid (unspecified)": (115, 115, 115),
}
STATUS_ALPHA = {"reported": 0.75, "planned": 0.45, "alleged": 0.22, "denied": 0.22}
TEMPLATE = "plotly_white"
MAX_EVIDENCE = 6


# -- text helpers -------------------------------------------------------------

def esc(value: Any) -> str:
    """``value`` as text safe for plotly's HTML-like labels: ``<``, ``>`` and ``&`` escaped."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


def _wrap(value: Any, width: int = 80, indent: str = "") -> str:
    """Escaped text wrapped into ``<br>``-separated lines."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    lines = textwrap.wrap(str(value), width=width) or [""]
    return "<br>".join(indent + esc(line) for line in lines)


def _quote(value: Any) -> str:
    """A sentence in quotes, its white space (line breaks included) collapsed."""
    return "“" + " ".join(str(value).split()) + "”"


def _short(value: Any, width: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _num(x: float) -> str:
    x = round(float(x), 2)
    if x == 0:
        return "0"
    return f"{x:+g}"


def _r(x: float, n: int = 3) -> float:
    v = round(float(x), n)
    return 0.0 if v == 0 else v


def _codes(codes: Iterable[str]) -> str:
    return ", ".join(esc(c) for c in codes)


def _evidence_lines(rows: pd.DataFrame, limit: int = MAX_EVIDENCE) -> str:
    """Hover lines: each evidence sentence once, under the relations it supports
    (who -> whom, event, status, score); at most ``limit`` sentences."""
    groups: dict[tuple[Any, Any], list[str]] = {}
    sentence: dict[tuple[Any, Any], str] = {}
    for rec in rows.to_dict("records"):
        key = (rec["doc_id"], rec["sent_id"])
        line = (f"{esc(rec['source'])} → {esc(rec['target'])}: <b>{esc(rec['event_type'])}</b>"
                f" ({esc(rec['status'])}, {_num(rec['score'])})")
        if line not in groups.setdefault(key, []):
            groups[key].append(line)
        sentence.setdefault(key, rec["evidence"])
    out = []
    for i, (key, lines) in enumerate(groups.items()):
        if i == limit:
            rest = len(groups) - limit
            out.append(f"<i>… and {rest} more sentence{'s' if rest != 1 else ''}</i>")
            break
        out.append("<br>".join(lines) + "<br>" + _wrap(_quote(sentence[key]), 90, "   "))
    return "<br>".join(out)


# -- figure helpers -----------------------------------------------------------

def _figure(name: str, title: str, height: int = 520, **layout: Any) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE,
        title={"text": esc(title), "x": 0.01, "xanchor": "left"},
        height=height,
        margin={"l": 40, "r": 40, "t": 70, "b": 40},
        meta={"chart": name},
        hoverlabel={"align": "left"},
        **layout,
    )
    return fig


def _empty(name: str, title: str, message: str) -> go.Figure:
    fig = _figure(name, title, height=260)
    fig.add_annotation(text=esc(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 14, "color": "#666666"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _focus(tables: Tables, focus: Any, level: str) -> tuple[list[str], set[str], dict[str, str]]:
    """(focus codes, focus nodes, actor id -> node) at ``level``."""
    codes = P.check_focus(focus, tables["actors"])
    node_of = P.node_map(tables["actors"], level)
    members = {node_of.get(a, a) for a in P.focus_members(codes, tables["actors"])}
    return codes, members, node_of


def _node_info(tables: Tables, node_of: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """(mentions, name) of each node: mentions summed over its actors; the name of the actor
    that is the node itself, else the names of its actors."""
    actors = tables["actors"]
    mentions: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    own = dict(zip(actors["actor_id"].astype(str), actors["name"].astype(str)))
    for aid, n in zip(actors["actor_id"].astype(str), actors["n_mentions"]):
        node = node_of.get(aid, aid)
        mentions[node] = mentions.get(node, 0) + (0 if pd.isna(n) else int(n))
        members.setdefault(node, []).append(aid)
    names = {}
    for node, ids in members.items():
        parts = [own[node]] if node in own else []
        parts += [f"{own[a]} ({a})" for a in ids if a != node]
        names[node] = "; ".join(parts)
    return mentions, names


def _undirected(d: pd.DataFrame) -> pd.DataFrame:
    d = d.copy()
    d["a"] = [min(s, t) for s, t in zip(d["source"], d["target"])]
    d["b"] = [max(s, t) for s, t in zip(d["source"], d["target"])]
    return d


# -- actor network ------------------------------------------------------------

def _alignment(nodes: Sequence[str], edges: pd.DataFrame, members: set[str]) -> dict[str, tuple[str, float]]:
    net = {n: 0.0 for n in nodes}
    for a, b, score in zip(edges["a"], edges["b"], edges["net"]):
        if a in members and b not in members:
            net[b] += score
        elif b in members and a not in members:
            net[a] += score
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
    return {n: (_r(x), _r(y)) for n, (x, y) in pos.items()}


def _text_position(xy: tuple[float, float], inner: bool) -> str:
    x, y = xy
    if inner:
        return "top center" if y >= 0 else "bottom center"
    return "middle left" if x < -0.05 else "middle right" if x > 0.05 else ("top center" if y > 0 else "bottom center")


def actor_network(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                  statuses: Sequence[str] = SCORED_STATUSES, title: str | None = None) -> go.Figure:
    """The focus actors and everyone they interact with.

    Nodes are sized by mentions and coloured by alignment: the net score of an
    actor's relations with the focus actors (> 0 aligned, < 0 opposed). Edges
    join the two actors of a dyad; colour is the sign and width the magnitude
    of the dyad's net score (relations in both directions, of ``statuses``).
    Hovering a node or the dot in the middle of an edge shows the evidence.
    ``level="country"`` folds the actors of a country (RUSGOV, RUSMIL...) into
    one node (RUS); ``"actor"`` keeps one node per actor code.
    """
    name, title = "actor_network", title or "Actor network: who cooperates and who opposes"
    codes, members, node_of = _focus(tables, focus, level)
    d = P.dyad_rows(tables["relations"], members, statuses, node_of)
    if d.empty:
        return _empty(name, title, f"No relation involves {', '.join(codes)} in this selection.")
    d = _undirected(d)
    edges = (d.groupby(["a", "b"], sort=True)
             .agg(net=("score", "sum"), n=("score", "size"))
             .reset_index())
    nodes = sorted(set(edges["a"]) | set(edges["b"]))
    all_mentions, names = _node_info(tables, node_of)
    mentions = {n: all_mentions.get(n, 0) for n in nodes}
    align = _alignment(nodes, edges, members)
    pos = _layout({n: g for n, (g, _) in align.items()}, mentions)

    fig = _figure(name, title, height=600)
    max_abs = max(abs(v) for v in edges["net"]) or 1.0
    mid_x, mid_y, mid_text, mid_hover, mid_colour = [], [], [], [], []
    for rec in edges.to_dict("records"):
        (x0, y0), (x1, y1) = pos[rec["a"]], pos[rec["b"]]
        net = rec["net"]
        colour = POSITIVE if net > 0 else NEGATIVE if net < 0 else ZERO
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
            line={"width": _r(1 + 7 * abs(net) / max_abs, 2), "color": colour}, opacity=0.6,
            name=f"{rec['a']} – {rec['b']}",
        ))
        rows = d[(d["a"] == rec["a"]) & (d["b"] == rec["b"])]
        # the score label sits nearer the outer actor, away from the crowded centre
        f = 0.62 if (rec["a"] in members) != (rec["b"] in members) else 0.5
        if rec["b"] in members and rec["a"] not in members:
            f = 1 - f
        mid_x.append(_r(x0 + f * (x1 - x0)))
        mid_y.append(_r(y0 + f * (y1 - y0)))
        mid_text.append(_num(net))
        mid_colour.append(colour)
        mid_hover.append(
            f"<b>{esc(rec['a'])} – {esc(rec['b'])}</b>: net score {_num(net)} over {rec['n']} "
            f"relation{'s' if rec['n'] != 1 else ''}<br>" + _evidence_lines(rows)
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
            text=[esc(n) for n in members_g],
            textposition=[_text_position(pos[n], group == "focus") for n in members_g],
            marker={"size": [_r(14 + 7 * math.sqrt(mentions[n]), 1) for n in members_g],
                    "color": GROUP_COLOURS[group], "line": {"width": 1, "color": "#ffffff"}},
            hovertext=[
                f"<b>{esc(n)}</b> {esc(names.get(n, ''))}<br>mentions: {mentions[n]}<br>"
                + (f"net score with {_codes(codes)}: {_num(align[n][1])}" if group != "focus"
                   else "focus actor")
                for n in members_g
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
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
    codes, members, node_of = _focus(tables, focus, level)
    d = P.dyad_rows(tables["relations"], members, statuses, node_of)
    if d.empty:
        return _empty(name, title, f"No relation involves {', '.join(codes)} in this selection.")
    agg = d.groupby(["source", "target"], sort=True).agg(score=("score", "sum"), n=("score", "size"))
    sources, targets = _ordered(d["source"], members), _ordered(d["target"], members)
    z, text, hover = [], [], []
    for s in sources:
        zr, tr, hr = [], [], []
        for t in targets:
            if (s, t) in agg.index:
                score, n = agg.loc[(s, t), "score"], int(agg.loc[(s, t), "n"])
                zr.append(_r(score, 2))
                tr.append(f"{_num(score)}<br>n={n}")
                rows = d[(d["source"] == s) & (d["target"] == t)]
                hr.append(f"<b>{esc(s)} → {esc(t)}</b>: {_num(score)} over {n} relation{'s' if n != 1 else ''}"
                          f"<br>" + _evidence_lines(rows))
            else:
                zr.append(None)
                tr.append("")
                hr.append(f"{esc(s)} → {esc(t)}: no relation")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    bound = max(abs(v) for row in z for v in row if v is not None) or 1.0
    fig = _figure(name, title, height=max(320, 110 + 48 * len(sources)))
    fig.add_trace(go.Heatmap(
        z=z, x=[esc(t) for t in targets], y=[esc(s) for s in sources], text=text, texttemplate="%{text}",
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
    df = contested_propositions(tables, P.node_map(tables["actors"], level))
    if df.empty:
        return _empty(name, title, "No claim in this selection is contested by another.")
    props = list(dict.fromkeys(df["root_claim"]))
    labels = {}
    for i, root in enumerate(props, 1):
        labels[root] = f"{i}. " + "<br>".join(esc(x) for x in textwrap.wrap(
            _short(df.loc[df["root_claim"] == root, "proposition"].iloc[0], 90), 45))
    fig = _figure(name, title, height=max(300, 140 + 90 * len(props)))
    for side, sign, colour in (("asserts", 1, "#2171b5"), ("denies", -1, "#cb181d")):
        xs, ys, texts, hovers = [], [], [], []
        for root in props:
            part = df[(df["root_claim"] == root) & (df["side"] == side)]
            actors = list(dict.fromkeys(a for lst in part["actors"] for a in lst))
            if not actors:
                continue
            xs.append(sign * len(actors))
            ys.append(labels[root])
            texts.append(_codes(actors))
            lines = [f"<b>{side}</b>: {esc(_short(part['proposition'].iloc[0], 120))}"]
            for rec in part.to_dict("records"):
                who = rec["source_text"] if isinstance(rec["source_text"], str) else ", ".join(rec["actors"])
                lines.append(f"{esc(who)} ({_codes(rec['actors'])}) — {esc(rec['stance'])}, "
                             f"“{esc(rec['cue'])}”<br>" + _wrap(_quote(rec['evidence']), 90, "   "))
            hovers.append("<br>".join(lines[: MAX_EVIDENCE + 1]))
        fig.add_trace(go.Bar(
            x=xs, y=ys, orientation="h", name=side, text=texts, textposition="inside",
            insidetextanchor="middle", marker={"color": colour}, hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    top = max(abs(x) for tr in fig.data for x in tr.x) if fig.data else 1
    ticks = list(range(-top, top + 1))
    fig.update_xaxes(title_text="← denies (actors) · asserts (actors) →", tickvals=ticks,
                     ticktext=[str(abs(t)) for t in ticks], range=[-top - 0.5, top + 0.5], zeroline=True)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(barmode="relative", bargap=0.35, margin={"l": 320})
    return fig


# -- timeline -----------------------------------------------------------------

def _dated(tables: Tables, relations: pd.DataFrame, undated: str) -> pd.DataFrame:
    """Relations with columns day (first day, ISO), given (the date as written), precision."""
    if undated not in ("drop", "document"):
        raise P.ParameterError(f"undated: {undated!r}; valid: 'drop' (skip undated relations) or 'document' "
                               "(date them by their article)")
    doc_date = dict(zip(tables["documents"]["doc_id"].astype(str), tables["documents"]["date"]))
    days, given, prec = [], [], []
    for doc_id, date in zip(relations["doc_id"], relations["date"]):
        source = "text"
        value = date if isinstance(date, str) else None
        if value is None and undated == "document":
            value, source = doc_date.get(str(doc_id)), "article date"
            value = value if isinstance(value, str) else None
        try:
            parsed = P.parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            days.append(None)
            given.append(None)
            prec.append(None)
            continue
        days.append(parsed[0].date().isoformat())
        given.append(value)
        prec.append(parsed[2] if source == "text" else f"{parsed[2]}, {source}")
    out = relations.copy()
    out["day"], out["given"], out["precision"] = days, given, prec
    return out[out["day"].notna()]


def _mapped(codes: Iterable[str], node_of: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(node_of.get(a, a) for a in codes))


def _involves(relations: pd.DataFrame, members: set[str], node_of: Mapping[str, str]) -> pd.DataFrame:
    mask = [bool(members & (set(_mapped(s, node_of)) | set(_mapped(t, node_of))))
            for s, t in zip(relations["source"], relations["target"])]
    return relations[pd.Series(mask, index=relations.index, dtype=bool)]


def timeline(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
             statuses: Sequence[str] = SHOWN_STATUSES, undated: str = "drop",
             title: str | None = None) -> go.Figure:
    """Dated events involving the focus actors, one row per dyad, coloured by quad class.

    Only relations whose text resolves a date are shown (``undated="document"``
    dates the others by their article). Months and years are drawn at their
    first day; the hover says what the text gave. Marker shape is the status.
    """
    name, title = "timeline", title or "Timeline of dated events"
    codes, members, node_of = _focus(tables, focus, level)
    rel = tables["relations"]
    rel = _involves(rel[rel["status"].isin(list(statuses))], members, node_of)
    rel = _dated(tables, rel, undated)
    if rel.empty:
        return _empty(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    rel = rel.assign(
        dyad=[f"{_codes(_mapped(s, node_of))} → {_codes(_mapped(t, node_of))}"
              for s, t in zip(rel["source"], rel["target"])],
        quad=[int(q) if not pd.isna(q) else 0 for q in rel["quad_class"]],
        score=[P.relation_score(r) for r in rel.to_dict("records")],
    ).sort_values(["day", "relation_id"], kind="stable")
    fig = _figure(name, title, height=max(320, 150 + 34 * rel["dyad"].nunique()))
    for quad in (1, 2, 3, 4, 0):
        part = rel[rel["quad"] == quad]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=list(part["day"]), y=list(part["dyad"]), mode="markers", name=QUAD_NAMES.get(quad, "unclassified"),
            marker={"size": 13, "color": QUAD_COLOURS[quad], "symbol": [STATUS_SYMBOLS.get(s, "circle")
                                                                        for s in part["status"]],
                    "line": {"width": 2, "color": QUAD_COLOURS[quad]}},
            hovertext=[
                f"<b>{esc(r['given'])}</b> ({esc(r['precision'])})<br>{r['dyad']}: <b>{esc(r['event_type'])}</b>"
                f" ({esc(r['status'])}), score {_num(r['score'])}<br>trigger: “{esc(r['trigger'])}”<br>"
                + _wrap(_quote(r['evidence']), 90, "   ")
                for r in part.to_dict("records")
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    days = sorted(rel["day"])
    lo, hi = pd.Timestamp(days[0]), pd.Timestamp(days[-1])
    pad = max(pd.Timedelta(days=20), (hi - lo) * 0.06)
    fig.update_xaxes(type="date", title_text="date (months and years at their first day)",
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(legend={"title": {"text": "quad class (open marker: alleged or planned)"}},
                      margin={"l": 200})
    return fig


# -- material exchanges -------------------------------------------------------

MATERIAL_EVENTS = ("AID", "COOPERATE")
_CATEGORY_WORDS = (
    ("technology", ("technolog", "tech", "nuclear", "space", "satellite", "missile technology", "know-how")),
    ("weapons & military", ("weapon", "arms", "military", "munition", "ammunition", "shell", "missile",
                            "defen", "troop", "security")),
    ("economic aid", ("econom", "trade", "financ", "energy", "oil", "fuel", "food", "business", "resource",
                      "payment", "money", "labour", "labor")),
    ("humanitarian aid", ("humanitarian", "medical", "relief")),
)


def _category_of(value: str) -> str | None:
    low = value.lower()
    for category, words in _CATEGORY_WORDS:
        if any(w in low for w in words):
            return category
    return None


def material_categories(event_type: Any, mode: Any = None, context: Any = None) -> list[str]:
    """What an AID or COOPERATE relation supplies, one or more of: weapons & military, technology,
    economic aid, humanitarian aid, aid (unspecified); empty when it is not a material exchange.
    The mode decides before the context; a context may list several kinds ("economic;technology")."""
    if event_type not in MATERIAL_EVENTS:
        return []
    if isinstance(mode, str) and _category_of(mode):
        return [_category_of(mode)]
    if isinstance(context, str):
        found = [c for c in (_category_of(part) for part in context.split(";")) if c]
        if found:
            return list(dict.fromkeys(found))
    return ["aid (unspecified)"] if event_type == "AID" else []


def material_category(event_type: Any, mode: Any = None, context: Any = None) -> str | None:
    """The first of :func:`material_categories`, or ``None``."""
    found = material_categories(event_type, mode, context)
    return found[0] if found else None


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


def material_exchanges(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                       statuses: Sequence[str] = SHOWN_STATUSES, title: str | None = None) -> go.Figure:
    """Sankey of who supplies what to whom: supplier → what (weapons & military, technology, economic
    aid, ...) → recipient, counting AID and COOPERATE relations. Reported flows are drawn solid,
    planned lighter, alleged and denied flows faint and labelled as such."""
    name, title = "material_exchanges", title or "Material exchanges: who supplies what to whom"
    codes, members, node_of = _focus(tables, focus, level)
    d = P.dyad_rows(tables["relations"], members, statuses, node_of)
    if not d.empty:
        d["category"] = [material_categories(e, m, c) for e, m, c in zip(d["event_type"], d["mode"], d["context"])]
        d = d.explode("category")  # a flow of several kinds of goods counts once for each
        d = d[d["category"].notna()]
    if d.empty:
        return _empty(name, title, f"No material exchange (AID, COOPERATE) involves {', '.join(codes)}.")
    flows = (d.groupby(["source", "category", "target", "status"], sort=True)
             .agg(n=("relation_id", "size")).reset_index())
    suppliers = sorted(set(flows["source"]))
    # the middle column: what is supplied, one node per status, so that alleged flows show as such
    status_order = {s: i for i, s in enumerate(SHOWN_STATUSES)}
    present = set(zip(flows["category"], flows["status"]))
    categories = sorted(present, key=lambda cs: (list(CATEGORY_COLOURS).index(cs[0]),
                                                  status_order.get(cs[1], 99), cs[1]))
    recipients = sorted(set(flows["target"]))

    def what(cs: tuple[str, str]) -> str:
        return cs[0] if cs[1] == "reported" else f"{cs[0]} ({cs[1]})"

    labels = [esc(s) for s in suppliers] + [esc(what(c)) for c in categories] + [esc(r) for r in recipients]
    idx_s = {s: i for i, s in enumerate(suppliers)}
    idx_c = {c: len(suppliers) + i for i, c in enumerate(categories)}
    idx_r = {r: len(suppliers) + len(categories) + i for i, r in enumerate(recipients)}
    colours = (["#54278f" if s in members else "#636363" for s in suppliers]
               + [_rgba(CATEGORY_COLOURS[c], 1.0 if st == "reported" else 0.45) for c, st in categories]
               + ["#54278f" if r in members else "#636363" for r in recipients])
    src, tgt, val, col, lab, hov = [], [], [], [], [], []
    for rec in flows.to_dict("records"):
        rows = d[(d["source"] == rec["source"]) & (d["target"] == rec["target"])
                 & (d["category"] == rec["category"]) & (d["status"] == rec["status"])]
        cs = (rec["category"], rec["status"])
        label = f"{esc(rec['source'])} → {esc(rec['target'])}: {esc(what(cs))}"
        hover = (f"<b>{label}</b><br>{rec['n']} relation{'s' if rec['n'] != 1 else ''}<br>"
                 + _evidence_lines(rows))
        colour = _rgba(CATEGORY_COLOURS[rec["category"]], STATUS_ALPHA.get(rec["status"], 0.5))
        for a, b in ((idx_s[rec["source"]], idx_c[cs]), (idx_c[cs], idx_r[rec["target"]])):
            src.append(a)
            tgt.append(b)
            val.append(int(rec["n"]))
            col.append(colour)
            lab.append(label)
            hov.append(hover)
    fig = _figure(name, title, height=max(360, 120 + 60 * max(len(suppliers), len(categories), len(recipients))))
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


# -- cooperation and conflict over time ----------------------------------------

def cooperation_conflict(tables: Tables, focus: Any = DEFAULT_FOCUS, freq: str = "M", *, level: str = "country",
                         statuses: Sequence[str] = SCORED_STATUSES, undated: str = "document", top: int = 8,
                         title: str | None = None) -> go.Figure:
    """Net cooperation-conflict score of each dyad of the focus per week (``freq="W"``) or month (``"M"``).

    A relation counts at the date its text gives; one the text gives no date
    for counts at its article's date (``undated="drop"`` leaves it out). Shows
    the ``top`` dyads by total absolute score.
    """
    freq = P.check_freq(freq)
    name = "cooperation_conflict"
    title = title or f"Cooperation and conflict over time, per dyad and {P.FREQS[freq]}"
    codes, members, node_of = _focus(tables, focus, level)
    rel = tables["relations"]
    rel = _dated(tables, rel[rel["status"].isin(list(statuses))], undated)
    d = P.dyad_rows(rel.drop(columns=["day", "given", "precision"]), members, None, node_of)
    if d.empty:
        return _empty(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    day = dict(zip(rel["relation_id"], rel["day"]))
    d = _undirected(d)
    d["period"] = [pd.Period(day[r], freq=freq) for r in d["relation_id"]]
    d["coop"] = d["score"].clip(lower=0)
    d["conf"] = d["score"].clip(upper=0)
    d["dyad"] = [f"{a} – {b}" for a, b in zip(d["a"], d["b"])]
    totals = d.groupby("dyad")["score"].apply(lambda s: s.abs().sum())
    keep = sorted(totals.index, key=lambda k: (-totals[k], k))[:top]
    agg = (d[d["dyad"].isin(keep)].groupby(["dyad", "period"], sort=True)
           .agg(net=("score", "sum"), coop=("coop", "sum"), conf=("conf", "sum"), n=("score", "size"))
           .reset_index())
    fmt = "%Y-%m" if freq == "M" else "week of %Y-%m-%d"
    fig = _figure(name, title, height=460)
    for dyad in keep:
        part = agg[agg["dyad"] == dyad]
        fig.add_trace(go.Scatter(
            x=[p.start_time.date().isoformat() for p in part["period"]], y=[_r(v, 2) for v in part["net"]],
            mode="lines+markers", name=esc(dyad), marker={"size": 9},
            hovertext=[f"<b>{esc(dyad)}</b>, {p.start_time.strftime(fmt)}<br>net {_num(net)} "
                       f"(cooperation {_num(c)}, conflict {_num(f)}) over {n} relation{'s' if n != 1 else ''}"
                       for p, net, c, f, n in zip(part["period"], part["net"], part["coop"], part["conf"],
                                                  part["n"])],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    periods = sorted(set(agg["period"]))
    lo, hi = periods[0].start_time, periods[-1].start_time
    pad = pd.Timedelta(days=20 if freq == "M" else 5)
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_xaxes(type="date", title_text=P.FREQS[freq],
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(title_text="net score (cooperation > 0 > conflict)", zeroline=False)
    fig.update_layout(legend={"title": {"text": "dyad"}})
    return fig


# -- all of them --------------------------------------------------------------

CHARTS = ("actor_network", "dyad_matrix", "claim_contest", "timeline", "material_exchanges",
          "cooperation_conflict")


def all_charts(tables: Tables, focus: Any = DEFAULT_FOCUS, freq: str = "M",
               level: str = "country") -> dict[str, go.Figure]:
    """Every chart, in :data:`CHARTS` order."""
    return {
        "actor_network": actor_network(tables, focus, level=level),
        "dyad_matrix": dyad_matrix(tables, focus, level=level),
        "claim_contest": claim_contest(tables, level=level),
        "timeline": timeline(tables, focus, level=level),
        "material_exchanges": material_exchanges(tables, focus, level=level),
        "cooperation_conflict": cooperation_conflict(tables, focus, freq, level=level),
    }
