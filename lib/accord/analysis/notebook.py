"""Helpers the notebooks call: a stable plotly renderer, displaCy views of the documents, headings.

:func:`setup` chooses how figures display, in code (whatever ``PLOTLY_RENDERER``
says): as the plotly MIME type (``application/vnd.plotly.v1+json``, drawn by
JupyterLab's plotly extension, and turned into HTML by ``accord report``) with
a short text fallback, with no random div id and no script tag, so that
executed notebooks are byte-for-byte reproducible.

:func:`show_documents` renders each document with displaCy's span style in
manual mode, straight from the tables' character offsets: actor mentions,
claim cues and relation triggers, overlapping spans stacked. Every text is
HTML-escaped (displaCy escapes the words; labels and titles are escaped here).
"""
from __future__ import annotations

import os
import json
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from ..dataset.source import open_tables, source_kind
from ..engine import Engine
from . import params as P
from .figures import PLOTLY_MIME, QUAD_NAMES, esc
from .events import check_count
from .select import dated, relation_score
from .selection import Selection, window_actors

__all__ = ["setup", "js_numbers", "mimebundle", "prepare", "Run", "Selection", "window_actors", "show_changes", "heading", "document_view", "show_documents", "show",
           "relations_view", "claims_view", "actors_view", "per_period"]

CUE_COLOUR = "#ffe08a"
ACTOR_COLOUR = "#a6cee3"
TRIGGER_COLOURS = {1: "#b2df8a", 2: "#33a02c", 3: "#fdbf6f", 4: "#e31a1c"}
CONFIG = {"displaylogo": False, "responsive": True}


def js_numbers(value: Any) -> Any:
    """``value`` with each whole float (1.0) as an int (1), as JavaScript writes it: JupyterLab
    re-serialises outputs in the browser, and a notebook it would rewrite shows as modified."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: js_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [js_numbers(v) for v in value]
    return value


def mimebundle(fig: Any) -> dict[str, Any]:
    """The display of a figure: the plotly MIME type (uids removed) and a one-line text fallback."""
    from plotly.io.json import to_json

    data = js_numbers(json.loads(to_json(fig, validate=False, remove_uids=True)))
    data = {"data": data.get("data", []), "layout": data.get("layout", {}), "config": dict(CONFIG)}
    meta = data["layout"].get("meta") or {}
    name = meta.get("chart", "figure") if isinstance(meta, dict) else "figure"
    return {PLOTLY_MIME: data, "text/plain": f"<accord chart: {name}>"}


def show(fig: Any) -> None:
    """Display a figure as :func:`mimebundle` (whatever plotly's default renderer is)."""
    from IPython.display import display

    display(mimebundle(fig), raw=True)


def setup() -> None:
    """Choose how figures display, and pandas display options, in code, for reproducible outputs.

    A figure that ends a cell is shown by :func:`show`, not by plotly's
    renderers (which depend on ``PLOTLY_RENDERER`` and the environment, and
    whose import pulls in nbformat and jsonschema, seconds of start-up).
    """
    from IPython import get_ipython
    from plotly.basedatatypes import BaseFigure

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, show)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 120)


#: the display metadata key under which :func:`heading` records the title (read by ``accord report``)
TITLE_KEY = "accord"


def heading(title: str, subtitle: str | None = None, summary: Any = None) -> None:
    """Display ``title`` as the page's one heading (``<h1>``, escaped), then ``subtitle`` and the
    ``summary`` (a :class:`~accord.analysis.summary.Summary`, whose HTML is escaped).
    The title is also recorded in the output's metadata, for the report's page title."""
    from IPython.display import HTML, display

    text = f"<h1>{esc(title, quote=True)}</h1>"
    if subtitle:
        text += f'<p class="accord-subtitle">{esc(subtitle, quote=True)}</p>'
    if summary is not None:
        text += summary.html()
    display(HTML(text), metadata={TITLE_KEY: {"title": title}})


# -- displaCy -----------------------------------------------------------------

def _spans(tables: Mapping[str, pd.DataFrame], doc_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, label, colour) of the mentions, claim cues and triggers of a document."""
    out = []
    m = tables["mentions"]
    for rec in m[m["doc_id"] == doc_id].to_dict("records"):
        out.append((int(rec["start"]), int(rec["end"]), str(rec["actor_id"]), ACTOR_COLOUR))
    c = tables["claims"]
    for rec in c[c["doc_id"] == doc_id].to_dict("records"):
        out.append((int(rec["start"]), int(rec["end"]), f"claim: {rec['stance']}", CUE_COLOUR))
    r = tables["relations"]
    for rec in r[r["doc_id"] == doc_id].to_dict("records"):
        status = "" if rec["status"] == "reported" else f" ({rec['status']})"
        quad = int(rec["quad_class"]) if not pd.isna(rec["quad_class"]) else 0
        out.append((int(rec["start"]), int(rec["end"]), f"{rec['event_type']}{status}",
                    TRIGGER_COLOURS.get(quad, "#cccccc")))
    return sorted(set(out))


def _tokens(text: str, lo: int, hi: int, cuts: set[int]) -> list[tuple[int, int]]:
    """Tokens of text[lo:hi]: runs of non-space characters, also cut at span boundaries."""
    toks = []
    for m in re.finditer(r"\S+", text[lo:hi]):
        s, e = lo + m.start(), lo + m.end()
        inner = sorted(c for c in cuts if s < c < e)
        for a, b in zip([s] + inner, inner + [e]):
            toks.append((a, b))
    return toks


def document_view(tables: Mapping[str, pd.DataFrame], doc_id: str) -> list[dict[str, Any]]:
    """displaCy manual span-style input for one document: one dict per paragraph."""
    docs = tables["documents"]
    rec = docs[docs["doc_id"] == doc_id].iloc[0]
    text = str(rec["text"])
    spans = _spans(tables, doc_id)
    cuts = {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans}
    paragraphs, start = [], 0
    for part in text.split("\n"):
        end = start + len(part)
        if part.strip():
            toks = _tokens(text, start, end, cuts)
            index = {s: i for i, (s, _) in enumerate(toks)}
            ends = {e: i + 1 for i, (_, e) in enumerate(toks)}
            items = []
            for s, e, label, _ in spans:
                if start <= s and e <= end and s in index and e in ends and index[s] < ends[e]:
                    items.append({"start_token": index[s], "end_token": ends[e], "label": esc(label, quote=True)})
            paragraphs.append({"text": text[start:end], "tokens": [text[a:b] for a, b in toks],
                               "spans": items})
        start = end + 1
    return paragraphs


def show_documents(tables: Mapping[str, pd.DataFrame], doc_ids: list[str] | None = None) -> None:
    """Display each document (or those of ``doc_ids``) with its highlighted spans, and a legend."""
    from IPython.display import HTML, display
    from spacy import displacy

    docs = tables["documents"]
    ids = list(docs["doc_id"]) if doc_ids is None else list(doc_ids)
    for doc_id in ids:
        rec = docs[docs["doc_id"] == doc_id].iloc[0]
        colours = {esc(label, quote=True).upper(): colour for _, _, label, colour in _spans(tables, doc_id)}
        header = (f"<h3>{esc(rec['title'] or doc_id, quote=True)}</h3>"
                  f"<p><code>{esc(doc_id, quote=True)}</code> · {esc(rec['date'] or 'undated', quote=True)}"
                  f" · {esc(rec['source'] or '', quote=True)}</p>")
        body = displacy.render(document_view(tables, doc_id), style="span", manual=True, jupyter=False,
                               options={"colors": colours})
        display(HTML(f'<div class="accord-doc tex2jax_ignore">{header}{body}</div>'))
    legend = " ".join(
        f'<span style="background:{c};padding:2px 6px;border-radius:3px">{esc(t, quote=True)}</span>'
        for t, c in (("actor mention", ACTOR_COLOUR), ("claim cue", CUE_COLOUR),
                     *((QUAD_NAMES[q], TRIGGER_COLOURS[q]) for q in sorted(TRIGGER_COLOURS)))
    )
    display(HTML(f"<p>{legend}</p>"))


# -- one run of a notebook --------------------------------------------------------

@dataclass
class Run:
    """A notebook run: its checked :class:`~accord.analysis.selection.Selection` (the tables of its
    corpus in the window, counted as ``count`` says), its title and engine, and the whole corpus's
    tables (what changed compares windows of them)."""

    #: the checked selection every chart and summary of the run takes
    selection: Selection
    title: str
    n_read: int = 0
    lexicon: str | None = None
    #: the run's lexicon, rules and pipeline (:mod:`accord.engine`), made once by :func:`prepare`
    engine: Engine | None = None
    #: no focus was given: it is the corpus's two most-mentioned countries (:func:`~accord.analysis.params.default_focus`)
    focus_by_default: bool = False
    #: the tables of the whole corpus, before the window (what changed compares windows of them)
    all_tables: dict[str, pd.DataFrame] | None = None
    #: what the window is compared with (:func:`~accord.analysis.params.check_compare`)
    compare: str = "previous"
    notes: list[str] = field(default_factory=list)

    # the selection's parameters, as the notebooks' cells name them
    tables = property(lambda self: self.selection.tables, doc="The selection's tables.")
    focus = property(lambda self: list(self.selection.focus), doc="The checked focus codes.")
    focus_ids = property(lambda self: set(self.selection.members), doc="The actor ids the focus stands for.")
    start = property(lambda self: self.selection.start, doc="The window's first day, or None.")
    end = property(lambda self: self.selection.end, doc="The window's last day, or None.")
    freq = property(lambda self: self.selection.freq, doc="The time step: 'W' or 'M'.")
    level = property(lambda self: self.selection.level, doc="'country' or 'actor'.")
    statuses = property(lambda self: self.selection.statuses, doc="The statuses counted in the scores.")

    @property
    def rules(self) -> Any:
        """The coding rules of the run's lexicon (the analyst's file, if any, over accord's)."""
        return self.selection.coding_rules

    def chart(self, name: str, **options: Any) -> Any:
        """The registered chart ``name`` (:mod:`accord.analysis.registry`) of the run's selection;
        ``options`` are the chart's own (a title...). An unknown name raises ParameterError
        naming the charts there are."""
        from . import charts  # imports every chart module: the registry is complete
        from .registry import CHARTS

        if name not in CHARTS:
            from ..errors import ParameterError

            raise ParameterError(f"chart: unknown chart {name!r}; the charts are {', '.join(charts.CHARTS)}")
        return CHARTS[name](self.selection, **options)

    def overview(self) -> Any:
        """The summary of the selection (:func:`~accord.analysis.summary.summary_of`)."""
        from .summary import summary_of

        return summary_of(self.selection)

    def changes(self) -> Any:
        """What changed in the window against the earlier one ``compare`` names
        (:func:`~accord.analysis.changes.what_changed`); ``None`` when ``compare`` is ``"none"``."""
        from .changes import what_changed

        return what_changed(self.all_tables if self.all_tables is not None else self.tables, self.focus,
                            self.start, self.end, self.compare, level=self.level, statuses=self.statuses)

    def summary(self) -> str:
        t = self.tables
        window = ("all dates" if self.start is None and self.end is None else
                  f"{'…' if self.start is None else self.start.date().isoformat()} to "
                  f"{'…' if self.end is None else self.end.date().isoformat()}")
        n_docs = len(t["documents"])
        parts = [
            f"{n_docs} article{'s' if n_docs != 1 else ''}"
            + (f" of {self.n_read}" if self.n_read != n_docs else ""),
            f"{len(t['relations'])} relations", f"{len(t['claims'])} claims",
            f"{len(t['actors'])} actors",
            f"focus: {', '.join(self.focus)}"
            + (" (by default, the corpus's two most-mentioned countries)" if self.focus_by_default else ""),
            f"window: {window}",
        ]
        if len(t["errors"]):
            parts.append(f"{len(t['errors'])} unreadable input{'s' if len(t['errors']) != 1 else ''}")
        return " · ".join(parts)


def check_dataset_model(dataset: Any, model: str | None) -> None:
    """A dataset is read as annotated: a ``model`` other than the one that made it is an error, not a mixture."""
    from ..dataset.version import events_model_of
    from ..pipeline.eventmodel import model_id

    made, wanted = events_model_of(dataset), model_id(model) if model is not None else None
    if made != wanted:
        raise P.ParameterError(f"model: the dataset {os.fspath(dataset)!r} was annotated with "
                               f"{'event model ' + made if made else 'the packaged event model'}, not with "
                               f"{'the model in ' + repr(model) + ' (' + str(wanted) + ')' if model else 'the packaged one'}; "
                               "annotate it again with accord annotate --model, or leave model out")


def prepare(corpus: Any, focus: Any = None, start: Any = None, end: Any = None, freq: str = "M",
            level: str = "country", lexicon: Any = None, title: str | None = None,
            statuses: Any = None, title_template: str = "{focus}", compare: Any = "previous",
            model: Any = None, count: Any = "reports") -> Run:
    """Check every parameter (a wrong one raises ParameterError saying what would be valid),
    annotate the corpus (or read it back, when it is a dataset or a folder of tables already
    annotated: :func:`~accord.dataset.source.open_tables`), and make the run's
    :class:`~accord.analysis.selection.Selection`: the focus checked against the corpus's actors,
    the tables restricted to the window, counted as ``count`` says ("reports" or "events").

    Without a ``focus`` (``None``), the focus is the corpus's two most-mentioned countries
    (:func:`~accord.analysis.params.default_focus`), and the run's summary says so.

    Without a ``title``, the title is ``title_template`` with ``{focus}`` replaced by the focus
    names (:func:`~accord.analysis.summary.focus_title`): it follows the focus. ``model``: an event
    model folder from ``accord learn`` (None: the packaged model); a Parquet dataset keeps the model
    it was annotated with."""
    corpus = P.check_corpus(corpus)
    lexicon = P.check_lexicon(lexicon)
    model = P.check_model(model)
    # checked before the corpus is annotated, to fail fast (the Selection takes the checked values)
    start, end = P.check_window(start, end)
    freq, level = P.check_freq(freq), P.check_level(level)
    title = None if title is None else P.check_title(title)
    statuses = P.check_statuses(statuses)
    P.check_compare(compare)
    count = check_count(count)
    # a dataset or a folder of tables from `accord annotate` is read back, not annotated again
    kind = source_kind(corpus) if isinstance(corpus, (str, os.PathLike)) else "corpus"
    if kind == "dataset":
        check_dataset_model(corpus, model)
    # made once: the annotation, the names and the charts' rules share it (tables read back need no parser)
    engine = Engine.load(lexicon, pipeline=kind == "corpus", events_model=model)
    tables = open_tables(corpus, engine)
    selection = Selection.of(tables, focus, level=level, statuses=statuses, start=start, end=end, freq=freq,
                             count=count, rules=engine.rules, lexicon=engine.lexicon)  # names too
    if title is None:
        from .summary import title_of

        title = title_of(tables, selection.focus, title_template)
    return Run(selection=selection, title=title, n_read=len(tables["documents"]), lexicon=lexicon, engine=engine,
               focus_by_default=focus is None, all_tables=tables,
               compare="none" if compare is None else str(compare).strip())


def show_changes(run: Run) -> None:
    """Display what changed (:meth:`Run.changes`), or nothing when the run compares with nothing."""
    from IPython.display import HTML, display

    changes = run.changes()
    if changes is not None:
        display(HTML(changes.html()))


# -- table views --------------------------------------------------------------

def _short_id(value: Any) -> Any:
    """``doc:R001`` -> ``R001``: ids are unique within a document, the prefix repeats the doc_id."""
    return value.rsplit(":", 1)[-1] if isinstance(value, str) else value


def actors_view(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The actors, most mentioned first."""
    a = tables["actors"]
    return a.sort_values(["n_mentions", "actor_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def relations_view(tables: Mapping[str, pd.DataFrame], focus_ids: set[str] | None = None) -> pd.DataFrame:
    """The relations (those involving ``focus_ids`` when given), with the columns an analyst reads first."""
    r = tables["relations"]
    if focus_ids is not None:
        keep = [bool(focus_ids & (set(s) | set(t))) for s, t in zip(r["source"], r["target"])]
        r = r[pd.Series(keep, index=r.index, dtype=bool)]
    cols = ["relation_id", "source", "target", "event_type", "context", "status", "quad_class", "score",
            "date", "location", "trigger", "evidence"]
    out = r[cols].copy()
    out["relation_id"] = out["relation_id"].map(_short_id)
    return out.reset_index(drop=True)


def claims_view(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The claims: who says what, with which stance, and which claim each contests."""
    c = tables["claims"]
    cols = ["claim_id", "source", "source_text", "stance", "cue", "content", "about", "contests"]
    out = c[cols].copy()
    out["claim_id"] = out["claim_id"].map(_short_id)
    out["contests"] = out["contests"].map(_short_id)
    return out.reset_index(drop=True)


def per_period(tables: Mapping[str, pd.DataFrame], freq: str = "M") -> pd.DataFrame:
    """Relations per week or month (the text's date, else the article's) and quad class, with net score."""
    freq = P.check_freq(freq)
    rel = dated(tables, tables["relations"], "document")
    if rel.empty:
        return pd.DataFrame(columns=["period"] + list(QUAD_NAMES.values()) + ["net score"])
    rel = rel.assign(
        period=[str(pd.Period(d, freq=freq)) if freq == "M" else pd.Period(d, freq=freq).start_time.date().isoformat()
                for d in rel["day"]],
        quad=[QUAD_NAMES.get(int(q), "unclassified") if not pd.isna(q) else "unclassified"
              for q in rel["quad_class"]],
        net=[relation_score(r) for r in rel.to_dict("records")],
    )
    counts = rel.pivot_table(index="period", columns="quad", values="relation_id", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=[q for q in list(QUAD_NAMES.values()) + ["unclassified"]
                                     if q in counts.columns])
    counts["net score"] = rel.groupby("period")["net"].sum().round(2)
    counts.columns.name = None
    counts.index.name = "week of" if freq == "W" else "month"
    return counts
