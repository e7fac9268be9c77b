"""What every chart shares: colours, names of quad classes and groups, hover text, empty figures, the focus."""
from __future__ import annotations
import html
import math
import textwrap
from typing import Any, Iterable, Mapping
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from ..labels import STATUSES, quad_names


Tables = Mapping[str, pd.DataFrame]

#: No focus given: the corpus's two most-mentioned countries (:func:`accord.analysis.params.default_focus`).
DEFAULT_FOCUS: tuple[str, ...] | None = None
#: Statuses whose relations count towards net scores by default: what is reported, and what is
#: alleged (marked as such on every chart); the notebooks' ``statuses`` parameter changes it.
SCORED_STATUSES = P.DEFAULT_STATUSES
#: Statuses shown on the timeline and in the exchanges: every status but those of what did not happen
#: (negated, hypothetical), in the data's order (denied flows are shown, marked).
SHOWN_STATUSES = tuple(s for s in STATUSES if s not in ("negated", "hypothetical"))

QUAD_NAMES = quad_names()  # from plover.yaml
QUAD_COLOURS = {1: "#6baed6", 2: "#08519c", 3: "#fd8d3c", 4: "#a50f15", 0: "#969696"}
GROUP_NAMES = {"focus": "focus actors", "aligned": "aligned (net score > 0)",
               "neutral": "neutral (net score 0)", "opposed": "opposed (net score < 0)"}
GROUP_COLOURS = {"focus": "#54278f", "aligned": "#1a9850", "neutral": "#969696", "opposed": "#d73027"}
# how each status is drawn, so that nothing alleged, denied, planned or hypothetical passes for a fact:
# marker symbol (timeline), line dash (network edges, lines over time), opacity
STATUS_SYMBOLS = {"reported": "circle", "alleged": "circle-open", "planned": "diamond-open",
                  "denied": "x-open", "negated": "x", "hypothetical": "square-open"}
STATUS_DASH = {"reported": "solid", "alleged": "dash", "planned": "dot", "denied": "dashdot",
               "negated": "dashdot", "hypothetical": "longdashdot"}
# a dyad some of whose relations are reported and some not: short dashes in px (a named dash scales
# with the line's width, and the legend's 30 px sample of a long dash looked solid)
MIXED_DASH = "8px,4px"
STATUS_OPACITY = {"reported": 1.0, "alleged": 0.8, "planned": 0.7, "denied": 0.6, "negated": 0.6,
                  "hypothetical": 0.6}
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

# the MIME type of a plotly figure in a notebook output (written by the notebook helpers, read by the report)
PLOTLY_MIME = "application/vnd.plotly.v1+json"


# -- text helpers -------------------------------------------------------------

def esc(value: Any, quote: bool = False) -> str:
    """``value`` as text safe for plotly's HTML-like labels: ``<``, ``>`` and ``&`` escaped ("" for a missing value);
    with ``quote``, quotes too, for a value inside an HTML attribute."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=quote)


def wrap(value: Any, width: int = 80, indent: str = "") -> str:
    """Escaped text wrapped into ``<br>``-separated lines."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    lines = textwrap.wrap(str(value), width=width) or [""]
    return "<br>".join(indent + esc(line) for line in lines)


def quoted(value: Any) -> str:
    """A sentence in quotes, its white space (line breaks included) collapsed."""
    return "“" + " ".join(str(value).split()) + "”"


def shortened(value: Any, width: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def num(x: float) -> str:
    x = round(float(x), 2)
    if x == 0:
        return "0"
    return f"{x:+g}"


def round_score(x: float, n: int = 3) -> float:
    v = round(float(x), n)
    return 0.0 if v == 0 else v


def codes_text(codes: Iterable[str]) -> str:
    return ", ".join(esc(c) for c in codes)


def correction_line(rec: Mapping[str, Any]) -> str:
    """A hover line with the analyst's correction of a row (so no one takes it for the engine's), else ""."""
    if not isinstance(rec.get("corrected"), str):
        return ""
    return f"<br>   <i>corrected: {esc(shortened(rec['corrected'], 120))}</i>"


def evidence_lines(rows: pd.DataFrame, limit: int = MAX_EVIDENCE) -> str:
    """Hover lines: each evidence sentence once, under the relations it supports
    (who -> whom, event, status, score, and the analyst's correction of it); at most ``limit`` sentences."""
    groups: dict[tuple[Any, Any], list[str]] = {}
    sentence: dict[tuple[Any, Any], str] = {}
    for rec in rows.to_dict("records"):
        key = (rec["doc_id"], rec["sent_id"])
        line = (f"{esc(rec['source'])} → {esc(rec['target'])}: <b>{esc(rec['event_type'])}</b>"
                f" ({esc(rec['status'])}, {num(rec['score'])})")
        line += correction_line(rec)
        if line not in groups.setdefault(key, []):
            groups[key].append(line)
        sentence.setdefault(key, rec["evidence"])
    out = []
    for i, (key, lines) in enumerate(groups.items()):
        if i == limit:
            rest = len(groups) - limit
            out.append(f"<i>… and {rest} more sentence{'s' if rest != 1 else ''}</i>")
            break
        out.append("<br>".join(lines) + "<br>" + wrap(quoted(sentence[key]), 90, "   "))
    return "<br>".join(out)


# -- figure helpers -----------------------------------------------------------

def new_figure(name: str, title: str, height: int = 520, **layout: Any) -> go.Figure:
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


def empty_figure(name: str, title: str, message: str) -> go.Figure:
    fig = new_figure(name, title, height=260)
    fig.add_annotation(text=esc(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 14, "color": "#666666"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def node_info(tables: Tables, node_of: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
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

def status_symbol(status: str) -> str:
    """The marker symbol of a status (an event the text does not date is marked apart, on a light
    disc: a "-dot" variant cannot be seen on a filled marker)."""
    return STATUS_SYMBOLS.get(status, "circle")


def status_mix(statuses: Iterable[str]) -> str:
    """The status a group of relations is drawn with: the one they share, else "mixed"
    ("reported" only when every relation is reported)."""
    found = set(statuses)
    return found.pop() if len(found) == 1 else "mixed"


def status_note(statuses: Iterable[str], scores: Iterable[float] | None = None) -> str:
    """What is not reported among some relations, for a label: "" when all are reported, else
    e.g. "2 alleged, 1 planned" (with ``scores``: "alleged +20")."""
    counts: dict[str, float] = {}
    scores = list(scores) if scores is not None else None
    for i, st in enumerate(statuses):
        if st != "reported":
            counts[st] = counts.get(st, 0) + (scores[i] if scores is not None else 1)
    order = [s for s in P.STATUSES if s in counts]
    if scores is not None:
        return ", ".join(f"{s} {num(counts[s])}" for s in order)
    return ", ".join(f"{int(counts[s])} {s}" for s in order)


def node_names(tables: Tables, nodes: Iterable[str]) -> dict[str, str]:
    """A readable name for each chart node (codes stay for the hover): the actors table's name of
    the actor that is the node, else the lexicon's name of the code (a country folded from its
    actors), else the text of an unresolved name, else the code."""
    actors = tables["actors"]
    own = dict(zip(actors["actor_id"].astype(str), actors["name"].astype(str)))
    out = {}
    lexicon_names: dict[str, str] | None = None
    for node in nodes:
        name = own.get(node)
        if name is None and node.startswith("UNK:"):
            name = node[4:]
        if name is None:
            if lexicon_names is None:
                lexicon_names = _lexicon_names()
            name = lexicon_names.get(node)
        out[node] = name or node
    seen: dict[str, int] = {}
    for name in out.values():
        seen[name] = seen.get(name, 0) + 1
    # two nodes of one name (an actor and its country at the actor level) keep apart by their codes
    return {n: (f"{name} ({n})" if seen[name] > 1 and name != n else name) for n, name in out.items()}


def _lexicon_names() -> dict[str, str]:
    from ..engine import packaged  # the packaged lexicon's names of states and IGOs, loaded once per process

    names: dict[str, str] = {}
    for entry in packaged().lexicon.actors:
        if entry.code and entry.kind in ("state", "igo", "bloc"):
            names.setdefault(entry.code, entry.name)
    return names


def label(names: Mapping[str, str], node: str) -> str:
    """A node's escaped name, for a label (its code goes in the hover)."""
    return esc(names.get(node, node))


def undirected(d: pd.DataFrame) -> pd.DataFrame:
    d = d.copy()
    d["a"] = [min(s, t) for s, t in zip(d["source"], d["target"])]
    d["b"] = [max(s, t) for s, t in zip(d["source"], d["target"])]
    return d
