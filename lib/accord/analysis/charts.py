"""Charts of an alliance's dynamics from plain tables: every registered chart, callable by an analyst.

Each chart is drawn by a module named for what it draws, from a checked
:class:`~accord.analysis.selection.Selection` (what a notebook run holds), and registered there
(:mod:`accord.analysis.registry`). This module finds the chart modules itself: it imports every
module of :mod:`accord.analysis` (``pkgutil``, by name), so a chart in a new module is registered
and listed with no list to edit (:data:`MODULES`, :data:`CHARTS`). It also gives each chart below
a function of the dict of tables (``accord.annotate``'s result or :func:`accord.open_tables`) that
makes the selection and draws it; every registered chart, these and any other, is drawn by
:func:`all_charts` and :func:`draw_all`. A chart of a focus takes its actors by code or name;
without one (``None``) the focus is the corpus's two most-mentioned countries
(:func:`accord.analysis.params.default_focus`):

* :func:`actor_network` (:mod:`.network`) -- the focus actors and everyone they interact with;
  nodes sized by mentions and grouped by alignment, edges carrying the net
  cooperation-conflict score of each dyad, evidence sentences on hover;
* :func:`dyad_matrix` (:mod:`.matrix`) -- source x target heatmap of summed scores, with counts;
* :func:`claim_contest` (:mod:`.contest`) -- each contested proposition, who asserts and who denies it;
* :func:`timeline` (:mod:`.timeline`) -- dated events, coloured by quad class;
* :func:`material_exchanges` (:mod:`.exchanges`) -- Sankey of who supplies what to whom (weapons,
  technology, economic aid), alleged flows marked as such;
* :func:`cooperation_conflict` (:mod:`.trend`) -- the net score of each dyad per week or month.

Figures are deterministic: no random ids, layouts computed here (no random
seed needed), coordinates and scores rounded. Every text taken from an article
or a table (names, evidence, claims) is HTML-escaped before it reaches plotly,
which renders hover labels, tick labels and annotations as HTML.
"""
from __future__ import annotations
import importlib
import pkgutil
from types import ModuleType
from typing import Any, Sequence
import plotly.graph_objects as go
from ..lexicon import CodingRules
from . import contest, exchanges, matrix, network, trend
from . import timeline as timeline_chart  # the module; `timeline` here is the chart of tables
from .contest import contested_propositions
from .exchanges import material_categories, material_category
from .figures import DEFAULT_FOCUS, SCORED_STATUSES, SHOWN_STATUSES, Tables, esc
from .params import check_level
from .registry import CHARTS as REGISTERED
from .selection import Selection

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
    "chart_modules",
    "draw_all",
    "MODULES",
]



def chart_modules() -> tuple[ModuleType, ...]:
    """The modules of :mod:`accord.analysis` that register a chart, by module name.

    Every module of the package is imported (a few hundredths of a second: the notebooks' helpers
    import most of them anyway), so each registers its charts; this module is skipped, being
    the one importing them (a chart module does not import it).
    """
    package = importlib.import_module(__package__)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if f"{__package__}.{m.name}" != __name__)
    modules = [importlib.import_module(f"{__package__}.{name}") for name in names]
    registering = {fn.__module__ for fn in REGISTERED.values()}
    return tuple(m for m in modules if m.__name__ in registering)


#: the chart modules, found by :func:`chart_modules`: every module of accord.analysis that registers
#: a chart, by module name (a new chart module is found; nothing lists them by hand)
MODULES = chart_modules()
#: the registered charts' names: by module name (:data:`MODULES`), then in the order each module
#: defines them (registration order: a module's ``@chart`` decorators run top to bottom)
CHARTS = tuple(name for module in MODULES for name, fn in REGISTERED.items() if fn.__module__ == module.__name__)


def actor_network(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                  statuses: Sequence[str] = SCORED_STATUSES, title: str | None = None,
                  rules: CodingRules | None = None) -> go.Figure:
    """:func:`accord.analysis.network.actor_network` of the selection of ``tables`` at ``focus``,
    ``level`` and ``statuses``; ``rules``: an analyst lexicon's coding rules (default accord's)."""
    sel = Selection.of(tables, focus, level=level, statuses=statuses, rules=rules)
    return network.actor_network(sel, title=title)


def dyad_matrix(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                statuses: Sequence[str] = SCORED_STATUSES, title: str | None = None) -> go.Figure:
    """:func:`accord.analysis.matrix.dyad_matrix` of the selection of ``tables``."""
    return matrix.dyad_matrix(Selection.of(tables, focus, level=level, statuses=statuses), title=title)


def claim_contest(tables: Tables, *, level: str = "country", title: str | None = None) -> go.Figure:
    """:func:`accord.analysis.contest.claim_contest` of ``tables`` at ``level`` (every claim: no focus)."""
    sel = Selection(tables=dict(tables), focus=(), members=frozenset(), level=check_level(level))
    return contest.claim_contest(sel, title=title)


def timeline(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
             statuses: Sequence[str] = SHOWN_STATUSES, undated: str = "document",
             title: str | None = None) -> go.Figure:
    """:func:`accord.analysis.timeline.timeline` of the selection of ``tables``; ``statuses``: those shown."""
    return timeline_chart.timeline(Selection.of(tables, focus, level=level), statuses=statuses, undated=undated,
                                   title=title)


def material_exchanges(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                       statuses: Sequence[str] = SHOWN_STATUSES, title: str | None = None,
                       rules: CodingRules | None = None) -> go.Figure:
    """:func:`accord.analysis.exchanges.material_exchanges` of the selection of ``tables``;
    ``statuses``: those shown; ``rules``: an analyst lexicon's coding rules (default accord's)."""
    sel = Selection.of(tables, focus, level=level, rules=rules)
    return exchanges.material_exchanges(sel, statuses=statuses, title=title)


def cooperation_conflict(tables: Tables, focus: Any = DEFAULT_FOCUS, freq: str = "M", *, level: str = "country",
                         statuses: Sequence[str] = SCORED_STATUSES, undated: str = "document", top: int = 8,
                         title: str | None = None) -> go.Figure:
    """:func:`accord.analysis.trend.cooperation_conflict` of the selection of ``tables`` per ``freq``."""
    sel = Selection.of(tables, focus, level=level, statuses=statuses, freq=freq)
    return trend.cooperation_conflict(sel, undated=undated, top=top, title=title)


def draw_all(sel: Selection) -> dict[str, go.Figure]:
    """Every registered chart of ``sel``, in :data:`CHARTS` order, with its default options."""
    return {name: REGISTERED[name](sel) for name in CHARTS}


def all_charts(tables: Tables, focus: Any = DEFAULT_FOCUS, freq: str = "M",
               level: str = "country", statuses: Sequence[str] = SCORED_STATUSES,
               rules: CodingRules | None = None) -> dict[str, go.Figure]:
    """Every chart of the selection of ``tables``, in :data:`CHARTS` order; ``statuses`` count toward
    the scores (the timeline and the exchanges show every status but hypothetical and negated,
    marked); ``rules``: the run's coding rules."""
    return draw_all(Selection.of(tables, focus, level=level, statuses=statuses, freq=freq, rules=rules))

