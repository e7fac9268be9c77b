"""What the dyad notebook (``notebooks/03_dyad.ipynb``) shows: its run, its timeline, its tables.

:func:`prepare_dyad` checks the notebook's parameters (corpus, ``a``, ``b`` by
code or name, window, lexicon), annotates or reads the corpus and returns the
:class:`~accord.analysis.dyad.Dyad`; :func:`timeline` draws its relations over
time; :func:`show_table` displays a table as escaped HTML, lists joined.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..annotation import annotate
from ..dataset.read import is_dataset, read_tables
from . import params as P
from .dyad import Dyad, dyad
from .figures import STATUS_SYMBOLS, empty_figure, new_figure, quoted, wrap, esc
from .notebook import check_dataset_model
from .params import parse_date
from .select import select

DIRECTION_COLOURS = ("#08519c", "#d94801")  # a -> b, b -> a


@dataclass
class DyadRun:
    """The checked parameters of a run of the dyad notebook, and its dyad."""

    dyad: Dyad
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    n_documents: int

    def summary(self) -> str:
        """The window, the number of articles read, and :meth:`Dyad.summary`."""
        window = ("all dates" if self.start is None and self.end is None else
                  f"{'…' if self.start is None else self.start.date().isoformat()} to "
                  f"{'…' if self.end is None else self.end.date().isoformat()}")
        return f"{self.dyad.a} and {self.dyad.b} · {window} · {self.n_documents} article{'s' if self.n_documents != 1 else ''} read · {self.dyad.summary()}"


def prepare_dyad(corpus: Any, a: Any, b: Any, start: Any = None, end: Any = None, lexicon: Any = None,
                 days: int = 7, model: Any = None) -> DyadRun:
    """Check the parameters (a wrong one raises ParameterError), annotate (or read) the corpus, select the dyad."""
    from ..lexicon import load_lexicon

    corpus = P.check_corpus(corpus)
    lexicon = P.check_lexicon(lexicon)
    model = P.check_model(model)
    lo, hi = P.check_window(start, end)
    if isinstance(corpus, (str, os.PathLike)) and is_dataset(corpus):
        check_dataset_model(corpus, model)
        tables = read_tables(corpus)
    else:
        tables = annotate(corpus, lexicon=lexicon, events_model=model)
    n_read = len(tables["documents"])
    tables = select(tables, start, end)
    d = dyad(tables, a, b, lexicon=load_lexicon(lexicon), days=days)
    return DyadRun(dyad=d, start=lo, end=hi, n_documents=n_read)


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
    date, marked so in its hover. Markers on the same day and row are spread apart."""
    name = "dyad_timeline"
    title = f"{d.title}: relations over time"
    rel = d.relations
    if rel.empty:
        return empty_figure(name, title, f"No relation between {d.a} and {d.b} in this corpus and window")
    rows = sorted(rel["event_type"].astype(str).unique())
    fig = new_figure(name, title, height=max(300, 90 + 55 * len(rows)))
    seen: dict[tuple[Any, str], int] = {}
    directions = [f"{d.a} → {d.b}", f"{d.b} → {d.a}"]
    names = {d.a: d.a_name, d.b: d.b_name}
    for direction, colour in zip(directions, DIRECTION_COLOURS):
        sub = rel[rel["direction"] == direction]
        for status in sorted(sub["status"].unique()):
            xs, ys, texts = [], [], []
            for rec in sub[sub["status"] == status].to_dict("records"):
                first, last, how = _day(rec["date"], rec["doc_date"])
                if first is None:
                    continue
                y = rows.index(str(rec["event_type"]))
                k = seen.get((first, rec["event_type"]), 0)
                seen[(first, rec["event_type"])] = k + 1
                y_off = y + 0.12 * k  # spread markers that would hide each other
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
                ys.append(y_off)
            if xs:
                fig.add_trace(go.Scatter(
                    x=xs, y=ys, mode="markers", name=f"{direction} ({status})", text=texts, hoverinfo="text",
                    marker={"color": colour, "size": 13, "symbol": STATUS_SYMBOLS.get(status, "circle"),
                            "line": {"color": colour, "width": 2}}))
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=[esc(r) for r in rows], range=[-0.6, len(rows) - 0.2])
    fig.update_xaxes(type="date")
    return fig


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def table_html(df: pd.DataFrame, columns: Sequence[str] | None = None, empty: str = "None.") -> str:
    """``df`` (its ``columns``) as an HTML table: every value escaped, lists joined, no index."""
    if df.empty:
        return f"<p><i>{esc(empty)}</i></p>"
    out = df[list(columns)] if columns is not None else df
    out = out.apply(lambda col: col.map(_cell))
    with pd.option_context("display.max_colwidth", None):
        return out.to_html(index=False, escape=True, na_rep="", border=0, classes="accord-table")


def show_table(df: pd.DataFrame, columns: Sequence[str] | None = None, empty: str = "None.") -> None:
    """Display :func:`table_html`."""
    from IPython.display import HTML, display

    display(HTML(table_html(df, columns, empty)))
