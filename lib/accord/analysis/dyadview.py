"""What the dyad notebook (``notebooks/03_dyad.ipynb``) shows: its run, its timeline, its tables.

:func:`prepare_dyad` checks the notebook's parameters (corpus, ``a``, ``b`` by
code or name, window, lexicon), annotates or reads the corpus and returns the
:class:`~accord.analysis.dyad.Dyad`; :func:`timeline` draws its relations over
time; :func:`show_table` displays a table as escaped HTML, lists joined.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..dataset.source import open_tables, source_kind
from . import params as P
from .dyad import Dyad, dyad
from .figures import STATUS_SYMBOLS, empty_figure, new_figure, node_names, quoted, wrap, esc
from .notebook import check_dataset_model
from .params import parse_date
from .select import select
from .timeline import HALO_COLOUR, HALO_SIZE, MARKER_SIZE, PITCH, ROW_PX, TIMELINE_MARGIN, UNDATED_NAME, stack

DIRECTION_COLOURS = ("#08519c", "#d94801")  # a -> b, b -> a


@dataclass
class DyadRun:
    """The checked parameters of a run of the dyad notebook, and its dyad."""

    dyad: Dyad
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    n_documents: int
    #: actor code -> name, for the tables (names beside codes)
    names: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        """The window, the number of articles read, and :meth:`Dyad.summary`."""
        window = ("all dates" if self.start is None and self.end is None else
                  f"{'…' if self.start is None else self.start.date().isoformat()} to "
                  f"{'…' if self.end is None else self.end.date().isoformat()}")
        return f"{self.dyad.a} and {self.dyad.b} · {window} · {self.n_documents} article{'s' if self.n_documents != 1 else ''} read · {self.dyad.summary()}"


def prepare_dyad(corpus: Any, a: Any, b: Any, start: Any = None, end: Any = None, lexicon: Any = None,
                 days: int = 7, model: Any = None) -> DyadRun:
    """Check the parameters (a wrong one raises ParameterError), annotate (or read) the corpus, select the dyad."""
    from ..engine import Engine

    corpus = P.check_corpus(corpus)
    lexicon = P.check_lexicon(lexicon)
    model = P.check_model(model)
    lo, hi = P.check_window(start, end)
    kind = source_kind(corpus) if isinstance(corpus, (str, os.PathLike)) else "corpus"
    if kind == "dataset":
        check_dataset_model(corpus, model)
    # made once: the annotation and the names share it
    engine = Engine.load(lexicon, pipeline=kind == "corpus", events_model=model)
    tables = open_tables(corpus, engine)
    n_read = len(tables["documents"])
    tables = select(tables, start, end)
    d = dyad(tables, a, b, lexicon=engine.lexicon, days=days)
    codes = set(tables["actors"]["actor_id"].astype(str)) | {d.a, d.b}
    codes |= {c for col in ("source", "target") for lst in tables["relations"][col] for c in lst}
    return DyadRun(dyad=d, start=lo, end=hi, n_documents=n_read, names=node_names(tables, codes))


def _day(date: Any, doc_date: Any) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str]:
    """(first day, last day, how dated) of a relation: its own date at its precision, else its article's."""
    for value, how in ((date, None), (doc_date, "undated in the text: placed at its article's date")):
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            first, last, precision = parsed
            return first, last, how or (f"dated to the {precision}" if precision != "day" else "dated in the text")
    return None, None, "undated"


def timeline(d: Dyad) -> go.Figure:
    """The relations between the two actors over time: one row per event type, colour for the
    direction, marker for the status (open: alleged or planned; a cross: denied). A relation the
    text dates to a month or a year spans it; one the text does not date sits at its article's
    date on a light grey disc. Markers of a row on one date, or on dates too close to tell apart,
    are stacked (:func:`accord.analysis.timeline.stack`), the row as tall as its highest stack."""
    name = "dyad_timeline"
    title = f"{d.title}: relations over time"
    rel = d.relations
    if rel.empty:
        return empty_figure(name, title, f"No relation between {d.a} and {d.b} in this corpus and window")
    names = {d.a: d.a_name, d.b: d.b_name}
    points = []
    for rec in rel.to_dict("records"):
        first, last, how = _day(rec["date"], rec["doc_date"])
        if first is not None:
            points.append((rec, first, last, how))
    if not points:
        return empty_figure(name, title, f"No dated relation between {d.a} and {d.b} in this corpus and window")
    rows = sorted({str(rec["event_type"]) for rec, *_ in points})
    lo, hi = min(p[1] for p in points), max(p[2] for p in points)
    span = max(1.0, (hi - lo) / pd.Timedelta(days=1) * 1.12 + 40)  # plotly's padding, roughly
    slots, sizes = stack([str(rec["event_type"]) for rec, *_ in points], [p[1] for p in points], span)
    tallest = {r: 1 for r in rows}
    for (rec, *_), n in zip(points, sizes):
        tallest[str(rec["event_type"])] = max(tallest[str(rec["event_type"])], n)
    band = {r: max(ROW_PX, tallest[r] * PITCH + PITCH) for r in rows}
    centre, y = {}, 0.0
    for r in rows:
        centre[r] = y + band[r] / 2
        y += band[r]
    total = y
    t_margin, b_margin = TIMELINE_MARGIN
    fig = new_figure(name, title, height=max(300, t_margin + b_margin + int(total)))
    ys = [round(centre[str(rec["event_type"])] + (k - (n - 1) / 2) * PITCH, 1)
          for (rec, *_), k, n in zip(points, slots, sizes)]
    undated = [(p[1], y) for p, y in zip(points, ys) if p[3].startswith("undated")]
    if undated:
        fig.add_trace(go.Scatter(x=[x for x, _ in undated], y=[y for _, y in undated], mode="markers",
                                 name=UNDATED_NAME, hoverinfo="skip",
                                 marker={"size": HALO_SIZE, "color": HALO_COLOUR}))
    directions = [f"{d.a} → {d.b}", f"{d.b} → {d.a}"]
    for direction, colour in zip(directions, DIRECTION_COLOURS):
        for status in sorted({rec["status"] for rec, *_ in points if rec["direction"] == direction}):
            xs, yy, texts = [], [], []
            for (rec, first, last, how), y_off in zip(points, ys):
                if rec["direction"] != direction or rec["status"] != status:
                    continue
                if last is not None and last > first:
                    fig.add_trace(go.Scatter(x=[first, last], y=[y_off, y_off], mode="lines", showlegend=False,
                                             line={"color": colour, "width": 4}, opacity=0.4, hoverinfo="skip"))
                src, tgt = direction.split(" → ")
                when = rec["date"] if isinstance(rec["date"], str) else rec["doc_date"]
                texts.append(
                    f"<b>{esc(names[src])} → {esc(names[tgt])}</b> ({esc(rec['source'])} → {esc(rec['target'])})"
                    f"<br>{esc(rec['event_type'])}, {esc(rec['status'])} · {esc(when)}"
                    f" ({esc(how)})<br>{wrap(quoted(rec['evidence']), 90)}")
                xs.append(first)
                yy.append(y_off)
            fig.add_trace(go.Scatter(
                x=xs, y=yy, mode="markers", name=f"{direction} ({status})", text=texts, hoverinfo="text",
                marker={"color": colour, "size": MARKER_SIZE, "symbol": STATUS_SYMBOLS.get(status, "circle"),
                        "line": {"color": colour, "width": 2}}))
    fig.update_yaxes(tickvals=[round(centre[r], 1) for r in rows], ticktext=[esc(r) for r in rows],
                     range=[total, 0], zeroline=False)
    fig.update_xaxes(type="date")
    fig.update_layout(margin={"t": t_margin, "b": b_margin})
    return fig


#: columns of actor codes, shown with their names beside them
CODE_COLUMNS = ("source", "target", "direction", "asserted_by", "denied_by")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def named(value: Any, names: Mapping[str, str]) -> Any:
    """Actor codes with their names beside them: ``RUSGOV`` -> ``Russia (government) · RUSGOV``; a list
    code by code; a direction (``RUS → PRK``) as names (``Russia → North Korea``)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(named(v, names) for v in value)
    if not isinstance(value, str):
        return value
    if " → " in value:  # a direction: the names (the source and target columns give the codes)
        return " → ".join(names.get(v, v) for v in value.split(" → "))
    name = names.get(value)
    return f"{name} · {value}" if name and name != value else value


LEFT = "text-align: left; vertical-align: top"


def table_html(df: pd.DataFrame, columns: Sequence[str] | None = None, empty: str = "None.",
               names: Mapping[str, str] | None = None) -> str:
    """``df`` (its ``columns``) as an HTML table: every value escaped, lists joined, no index, text
    left-aligned (JupyterLab's and the report's style right-align cells); with ``names`` (code ->
    name), the actor codes of :data:`CODE_COLUMNS` with their names beside them."""
    if df.empty:
        return f"<p><i>{esc(empty)}</i></p>"
    out = df[list(columns)] if columns is not None else df
    out = out.apply(lambda col: col.map(lambda v: named(v, names)) if names and col.name in CODE_COLUMNS
                    else col.map(_cell))
    with pd.option_context("display.max_colwidth", None):
        html = out.to_html(index=False, escape=True, na_rep="", border=0, classes="accord-table")
    return (html.replace('<tr style="text-align: right;">', f'<tr style="{LEFT}">')
            .replace("<th>", f'<th style="{LEFT}">').replace("<td>", f'<td style="{LEFT}">'))


def show_table(df: pd.DataFrame, columns: Sequence[str] | None = None, empty: str = "None.",
               names: Mapping[str, str] | None = None) -> None:
    """Display :func:`table_html`."""
    from IPython.display import HTML, display

    display(HTML(table_html(df, columns, empty, names)))
