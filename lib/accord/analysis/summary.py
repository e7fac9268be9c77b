"""What a report says first: its title, from the focus, and a short summary of the selection.

:func:`focus_title` names the focus in words ("Russia and North Korea"), so that a
report on an Iran corpus is not titled after the notebook's example.
:func:`summarise` gives the period, the number of articles, the strongest dyads
and the contested propositions; :meth:`Summary.html` is the escaped HTML the
notebooks show under their heading (and the report at its top).
"""
from __future__ import annotations
from dataclasses import dataclass, field
from typing import Any, Sequence
from . import params as P
from .contest import contested_propositions
from .selection import Selection
from .figures import Tables, num, shortened, undirected, esc, node_names, status_note
from .select import dyad_rows


def _and(items: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"; "" for no item (the caller says what none means)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def names_of(tables: Tables, codes: Sequence[str]) -> list[str]:
    """The names of checked focus codes (a :class:`~accord.analysis.selection.Selection`'s ``focus``)."""
    names = node_names(tables, codes)
    # "Russia (government)" reads as "Russia" in a title
    return [names[c].split(" (")[0] if names[c] != c else c for c in codes]


def focus_title(tables: Tables, focus: Any, template: str = "{focus}") -> str:
    """``template`` with ``{focus}`` replaced by the focus names: "Russia and North Korea"."""
    return title_of(tables, P.check_focus(focus, tables["actors"]), template)


def title_of(tables: Tables, codes: Sequence[str], template: str = "{focus}") -> str:
    """:func:`focus_title` of checked focus codes."""
    return template.replace("{focus}", _and(names_of(tables, codes)))


@dataclass
class Dyad:
    """One of the strongest dyads: its two nodes, their names, net score, relations, what is not reported."""

    a: str
    b: str
    a_name: str
    b_name: str
    net: float
    n: int
    note: str


@dataclass
class Contest:
    """A contested proposition and who asserts and who denies it (names)."""

    proposition: str
    asserts: list[str]
    denies: list[str]


@dataclass
class Summary:
    """The summary at the top of a report."""

    first: str | None
    last: str | None
    n_articles: int
    statuses: tuple[str, ...]
    dyads: list[Dyad] = field(default_factory=list)
    contests: list[Contest] = field(default_factory=list)
    corrected: tuple[int, int] = (0, 0)  # relations and claims an analyst's correction changed

    def period(self) -> str:
        if self.first is None:
            return "undated articles"
        return self.first if self.first == self.last else f"{self.first} to {self.last}"

    def lines(self) -> list[str]:
        """The summary as plain sentences."""
        out = [f"{self.n_articles} article{'s' if self.n_articles != 1 else ''}, {self.period()}."]
        if self.dyads:
            out.append("Strongest dyads: " + "; ".join(
                f"{d.a_name} – {d.b_name} {num(d.net)} ({d.n} relation{'s' if d.n != 1 else ''}"
                + (f", of which {d.note}" if d.note else "") + ")" for d in self.dyads) + ".")
        else:
            out.append("No relation of the focus in this selection.")
        if self.contests:
            out.append("Contested: " + "; ".join(
                f"“{shortened(c.proposition, 90)}” (asserted by {_and(c.asserts) or 'no one named'}, "
                f"denied by {_and(c.denies) or 'no one named'})" for c in self.contests) + ".")
        rel, cl = self.corrected
        if rel or cl:
            out.append(_and([f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((rel, "relation"), (cl, "claim"))
                             if n]) + " corrected by the analyst.")
        out.append(f"Scores count {_and(list(self.statuses))} relations.")
        return out

    def html(self) -> str:
        """The summary as escaped HTML: a short list."""
        items = "".join(f"<li>{esc(line, quote=True)}</li>" for line in self.lines())
        return f'<ul class="accord-summary">{items}</ul>'


def _period(tables: Tables) -> tuple[str | None, str | None]:
    days = []
    for value in tables["documents"]["date"]:
        try:
            parsed = P.parse_date(value)
        except ValueError:
            continue
        if parsed is not None:
            days.append(parsed[0].date().isoformat())
    return (min(days), max(days)) if days else (None, None)


def summarise(tables: Tables, focus: Any, *, level: str = "country", statuses: Any = None,
              top: int = 3) -> Summary:
    """:func:`summary_of` the selection of ``tables`` at ``focus``, ``level`` and ``statuses``."""
    return summary_of(Selection.of(tables, focus, level=level, statuses=statuses), top)


def summary_of(sel: Selection, top: int = 3) -> Summary:
    """The period of the articles, their number, the ``top`` dyads of the focus by absolute net score
    (of the selection's statuses, with what is not reported among them), the contested propositions
    and how many rows the analyst's corrections changed."""
    tables, statuses, members, node_of = sel.tables, sel.statuses, sel.nodes, sel.node_of
    first, last = _period(tables)
    out = Summary(first=first, last=last, n_articles=len(tables["documents"]), statuses=statuses,
                  corrected=tuple(int(tables[n]["corrected"].notna().sum()) if "corrected" in tables[n] else 0
                                  for n in ("relations", "claims")))
    d = dyad_rows(tables["relations"], members, statuses, node_of)
    if not d.empty:
        d = undirected(d)
        names = node_names(tables, set(d["a"]) | set(d["b"]))
        edges = []
        for (a, b), rows in d.groupby(["a", "b"], sort=True):
            net = float(rows["score"].sum())
            edges.append(Dyad(a, b, names[a], names[b], round(net, 2), len(rows),
                              status_note(rows["status"], rows["score"])))
        edges.sort(key=lambda e: (-abs(e.net), e.a, e.b))
        out.dyads = edges[:top]
    contests = contested_propositions(tables, node_of)
    if not contests.empty:
        names = node_names(tables, {a for lst in contests["actors"] for a in lst})
        for _, part in contests.groupby("key", sort=False):  # one proposition, however many chains state it
            sides = {side: list(dict.fromkeys(names[a] for lst in part.loc[part["side"] == side, "actors"]
                                              for a in lst)) for side in ("asserts", "denies")}
            out.contests.append(Contest(str(part["proposition"].iloc[0]), sides["asserts"], sides["denies"]))
    return out
