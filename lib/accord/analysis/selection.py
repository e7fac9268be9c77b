"""The checked selection a notebook run charts: its rows, focus, window, statuses, level and count.

A :class:`Selection` is made once (by :func:`accord.analysis.notebook.prepare`, or by
:meth:`Selection.of` from plain tables) and every chart and summary takes it: none of them
checks the focus, the window or the statuses again. What follows from those parameters is
computed here once too: the focus's member actors and, at the selection's level, each actor's
chart node (:func:`~accord.analysis.select.node_map`) and the focus nodes.
"""
from __future__ import annotations
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Mapping
import pandas as pd
from . import params as P
from .select import focus_members, node_map, select

__all__ = ["Selection", "window_actors"]


@dataclass(frozen=True)
class Selection:
    """The tables to chart (restricted to the window, counted as ``count`` says) and the checked
    parameters they were selected with. Make one with :meth:`of`."""

    tables: dict[str, pd.DataFrame]
    #: the focus actor codes, checked against the tables' actors (codes and names resolved)
    focus: tuple[str, ...]
    #: the actor ids the focus stands for (:func:`~accord.analysis.select.focus_members`)
    members: frozenset[str]
    level: str = "country"
    #: the statuses whose relations count toward the scores
    statuses: tuple[str, ...] = P.DEFAULT_STATUSES
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    freq: str = "M"
    #: "reports" (every relation) or "events" (the reports of one event once)
    count: str = "reports"
    #: the coding rules of the run's lexicon (:class:`accord.lexicon.CodingRules`); ``None``: accord's own
    rules: Any = None

    @classmethod
    def of(cls, tables: Mapping[str, pd.DataFrame], focus: Any = None, *, level: Any = "country",
           statuses: Any = None, start: Any = None, end: Any = None, freq: Any = "M", count: Any = "reports",
           rules: Any = None, lexicon: Any = None) -> "Selection":
        """Check each parameter once and select the rows: a wrong value raises ParameterError saying
        what would be valid.

        ``focus`` is actor codes or names (``None``: the corpus's two most-mentioned countries,
        :func:`~accord.analysis.params.default_focus`), checked against ``tables``' actors, names
        resolved through ``lexicon`` (a loaded Lexicon; default accord's). With a window (``start``,
        ``end``) the tables are restricted to it (:func:`~accord.analysis.select.select`) and the
        actors table is the window's; with ``count="events"`` the relations are one row per event
        (:func:`~accord.analysis.events.per_event`)."""
        level = P.check_level(level)
        statuses = P.check_statuses(statuses)
        lo, hi = P.check_window(start, end)
        freq = P.check_freq(freq)
        codes = P.check_focus(focus, tables["actors"], lexicon)
        rows = select(tables, lo, hi)
        if lo is not None or hi is not None:  # the actors table too is the window's
            rows = window_actors(rows, codes)
        from .events import check_count, per_event

        count = check_count(count)
        if count != "reports":
            rows = per_event(rows, count, level=level)
        return cls(tables=dict(rows), focus=tuple(codes), members=frozenset(focus_members(codes, rows["actors"])),
                   level=level, statuses=statuses, start=lo, end=hi, freq=freq, count=count, rules=rules)

    @cached_property
    def node_of(self) -> dict[str, str]:
        """actor id -> its chart node at the selection's level (:func:`~accord.analysis.select.node_map`)."""
        return node_map(self.tables["actors"], self.level)

    @cached_property
    def nodes(self) -> set[str]:
        """The focus's chart nodes at the selection's level."""
        node_of = self.node_of
        return {node_of.get(a, a) for a in self.members}

    @property
    def coding_rules(self) -> Any:
        """The selection's coding rules, else accord's own."""
        if self.rules is not None:
            return self.rules
        from ..engine import packaged

        return packaged().rules


def window_actors(tables: dict[str, pd.DataFrame], focus: Any) -> dict[str, pd.DataFrame]:
    """``tables`` (restricted to a window) with an actors table that is the window's: the actors its
    mentions, relations and claims name, with the mentions of the window, and, for a ``focus`` code
    the window does not know, its actors (0 mentions), so that the charts still know the focus."""
    from collections import Counter

    from ..annotation import count_actors
    from ..tables import frame

    counts: Counter = Counter()
    for name in ("mentions", "relations", "claims"):
        count_actors(name, tables[name], counts)
    actors = tables["actors"]
    seen = actors[actors["actor_id"].astype(str).isin(set(counts))]
    known = set(P.valid_codes(seen))
    keep = set(counts) | focus_members([c for c in P.as_code_list(focus) if c not in known], actors)
    rows = [dict(r, n_mentions=counts.get(str(r["actor_id"]), 0))
            for r in actors.to_dict("records") if str(r["actor_id"]) in keep]
    return {**tables, "actors": frame("actors", rows)}
