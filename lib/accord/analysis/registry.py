"""The charts of notebook 02, registered where they are defined.

A chart is a function of a :class:`~accord.analysis.selection.Selection` (keyword options
after it, each with a default) that returns a plotly figure; :func:`chart` registers it under
its name. :mod:`accord.analysis.charts` imports every module of :mod:`accord.analysis`, so the
registry is complete, and lists the charts by module name, then in the order each module defines
them (:data:`accord.analysis.charts.CHARTS`); the tests' chart lists, ``all_charts`` and
:meth:`accord.analysis.notebook.Run.chart` read the registry. Adding a chart is its function,
decorated with :func:`chart`, in a chart module (an existing one or a new module of
:mod:`accord.analysis`: nothing lists the modules by hand), and one notebook cell ``run.chart("name")``.
"""
from __future__ import annotations
from typing import Any, Callable

__all__ = ["CHARTS", "chart"]

#: chart name -> its function of a Selection, in registration order
CHARTS: dict[str, Callable[..., Any]] = {}


def chart(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Register ``fn`` as a chart under its ``__name__`` (the name its figures carry in
    ``layout.meta.chart``, and the report's PNG file names); a name registered twice raises
    ValueError."""
    name = fn.__name__
    if name in CHARTS and CHARTS[name] is not fn:
        raise ValueError(f"chart {name!r} is registered twice ({CHARTS[name].__module__} and {fn.__module__})")
    CHARTS[name] = fn
    return fn
