"""What changed: the report's window against an earlier one of the same dataset.

:func:`what_changed` compares the window a report covers with the window of the same length
just before it (``compare="previous"``) or with a window given as ``YYYY-MM-DD..YYYY-MM-DD``,
and gives what an analyst reads a weekly report for:

* new dyads: pairs of the focus with someone that the earlier window does not have;
* the dyads whose net score moved most, with the relations of the window behind the move;
* contested propositions that are new (no claim of the earlier window states them) and those
  newly denied (stated in the earlier window, denied in none of its claims, denied now); a
  proposition is one relation, its parties and category, grouped as the contest chart groups them
  (:func:`accord.analysis.contest.contested_propositions`);
* actors seen for the first time in the dataset (at the report's level: countries fold their
  sectors).

Rows are dated as :func:`accord.analysis.select.select` dates them: a relation by the date its
text gives, else by its article's. When the earlier window holds no article, :class:`Changes`
says so instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import pandas as pd

from ..errors import ParameterError
from . import params as P
from .contest import contested_propositions
from .figures import Tables, esc, node_names, num, quoted, shortened, undirected
from .propositions import claim_proposition
from .select import dyad_rows, select
from .selection import Selection

#: How many moved dyads, and how many relations behind each move, are listed.
TOP_MOVES, TOP_EVENTS = 3, 3


@dataclass
class DyadChange:
    """A dyad of the focus: its nodes and names, its net score before and now, and the relations
    of the window behind the change (one line each: date, who → whom, event, status, score, sentence)."""

    a: str
    b: str
    a_name: str
    b_name: str
    before: float
    now: float
    events: list[str] = field(default_factory=list)

    @property
    def change(self) -> float:
        return round(self.now - self.before, 2)


@dataclass
class Changes:
    """What changed between the ``earlier`` window and the report's ``window`` (ISO dates)."""

    window: tuple[str, str]
    earlier: tuple[str, str]
    has_earlier: bool
    new_dyads: list[DyadChange] = field(default_factory=list)
    moved: list[DyadChange] = field(default_factory=list)
    new_contested: list[str] = field(default_factory=list)
    newly_denied: list[str] = field(default_factory=list)
    new_actors: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What changed, as plain sentences (the first says which windows are compared)."""
        (w0, w1), (e0, e1) = self.window, self.earlier
        if not w0:
            return ["Undated articles: no window to compare.", "No earlier data: no article of the dataset has a date."]
        head = f"{w0} to {w1}, against {e0} to {e1}."
        if not self.has_earlier:
            return [head, "No earlier data: the dataset has no article from " + f"{e0} to {e1} to compare with."]
        out = [head]
        out.append("New dyads: " + ("; ".join(f"{d.a_name} – {d.b_name} {num(d.now)}" for d in self.new_dyads)
                                    if self.new_dyads else "none") + ".")
        out.append("Moved most: " + ("; ".join(f"{d.a_name} – {d.b_name} {num(d.change)} ({num(d.before)} → "
                                               f"{num(d.now)})" for d in self.moved)
                                     if self.moved else "no dyad's net score changed") + ".")
        out.append("Newly contested: " + ("; ".join(self.new_contested) if self.new_contested else "none") + ".")
        out.append("Newly denied: " + ("; ".join(self.newly_denied) if self.newly_denied else "none") + ".")
        out.append("First seen in the dataset: " + (", ".join(f"{name} ({code})" for code, name in self.new_actors)
                                                    if self.new_actors else "no actor") + ".")
        return out

    def html(self) -> str:
        """The section of a report: a heading, the comparison, and under each moved dyad the
        relations behind the move. Every text is escaped."""
        lines = self.lines()
        items = []
        for line in lines[1:]:
            item = esc(line, quote=True)
            if line.startswith("Moved most: ") and self.moved:
                inner = "".join(f"<li>{esc(d.a_name)} – {esc(d.b_name)}: " + "; ".join(d.events) + "</li>"
                                for d in self.moved)
                item += f"<ul class=\"accord-moves\">{inner}</ul>"
            items.append(f"<li>{item}</li>")
        return (f'<section class="accord-changes"><h2>What changed</h2><p>{esc(lines[0], quote=True)}</p>'
                f'<ul>{"".join(items)}</ul></section>')


def _days(tables: Tables) -> list[pd.Timestamp]:
    out = []
    for value in list(tables["documents"]["date"]) + list(tables["relations"]["date"]):
        try:
            parsed = P.parse_date(value)
        except ValueError:
            continue
        if parsed is not None:
            out += [parsed[0], parsed[1]]
    return out


def _window(tables: Tables, lo: pd.Timestamp | None, hi: pd.Timestamp | None) -> dict[str, pd.DataFrame] | None:
    """The tables of [lo, hi], or None when the window holds nothing."""
    try:
        return select(tables, lo.date().isoformat() if lo is not None else None,
                      hi.date().isoformat() if hi is not None else None)
    except ParameterError:  # select's "empty date window"
        return None


def _nets(tables: Mapping[str, pd.DataFrame] | None, members: set[str], statuses: Sequence[str],
          node_of: Mapping[str, str]) -> tuple[dict[tuple[str, str], float], pd.DataFrame]:
    if tables is None:
        return {}, pd.DataFrame()
    d = dyad_rows(tables["relations"], members, statuses, node_of)
    if d.empty:
        return {}, d
    d = undirected(d)
    return {k: round(float(v), 2) for k, v in d.groupby(["a", "b"], sort=True)["score"].sum().items()}, d


def _stated(tables: Mapping[str, pd.DataFrame] | None, node_of: Mapping[str, str]) -> tuple[set[str], set[str]]:
    """(keys of the propositions the window's claims state, keys of those some claim denies)."""
    if tables is None:
        return set(), set()
    relations = {rec["relation_id"]: rec for rec in tables["relations"].to_dict("records")}
    keys = {claim_proposition([rec], relations, node_of, {}).key for rec in tables["claims"].to_dict("records")}
    contests = contested_propositions(tables, node_of)
    keys |= set(contests["key"])
    return keys, set(contests.loc[contests["side"] == "denies", "key"])


def _seen(tables: Mapping[str, pd.DataFrame] | None, node_of: Mapping[str, str]) -> set[str]:
    if tables is None:
        return set()
    codes = set(tables["mentions"]["actor_id"].astype(str))
    for name, cols in (("relations", ("source", "target")), ("claims", ("source",))):
        for col in cols:
            codes |= {c for lst in tables[name][col] for c in lst}
    return {node_of.get(c, c) for c in codes}


def _event_line(rec: Mapping[str, Any], names: Mapping[str, str]) -> str:
    when = rec.get("date") if isinstance(rec.get("date"), str) else rec.get("doc_date") or "undated"
    return (f"{esc(when)} {esc(names.get(rec['source'], rec['source']))} → {esc(names.get(rec['target'], rec['target']))} "
            f"<b>{esc(rec['event_type'])}</b> ({esc(rec['status'])}, {num(rec['score'])}): "
            f"{esc(quoted(shortened(rec['evidence'], 110)))}")


def what_changed(tables: Tables, focus: Any, start: Any = None, end: Any = None, compare: Any = "previous", *,
                 level: str = "country", statuses: Any = None) -> Changes | None:
    """What changed in the window [``start``, ``end``] of the whole dataset ``tables`` (not yet
    restricted to the window) against the earlier window ``compare`` names
    (:func:`accord.analysis.params.check_compare`);
    ``None`` for ``compare="none"``. An open ``start`` or ``end`` is the dataset's first or last date.
    Scores count ``statuses`` (default reported and alleged), at ``level``."""
    kind, e_lo, e_hi = P.check_compare(compare)
    if kind == "none":
        return None
    statuses = P.check_statuses(statuses)
    lo, hi = P.check_window(start, end)
    days = _days(tables)
    lo = lo if lo is not None else (min(days) if days else None)
    hi = hi if hi is not None else (max(days) if days else None)
    if lo is None or hi is None:  # an undated corpus: no window, nothing earlier (a report must not stop here)
        return Changes(window=("", ""), earlier=("", ""), has_earlier=False)
    if kind == "previous":
        e_hi = lo - pd.Timedelta(days=1)
        e_lo = e_hi - (hi - lo)
    iso = (lo.date().isoformat(), hi.date().isoformat())
    earlier_iso = (e_lo.date().isoformat(), e_hi.date().isoformat())
    now_t, before_t = _window(tables, lo, hi), _window(tables, e_lo, e_hi)
    has_earlier = before_t is not None and len(before_t["documents"]) > 0
    out = Changes(window=iso, earlier=earlier_iso, has_earlier=has_earlier)
    if not has_earlier:
        return out
    # the focus's nodes in the whole dataset: an actor of the earlier window only still folds into its country
    sel = Selection.of(tables, focus, level=level, statuses=statuses)
    members, node_of = sel.nodes, sel.node_of
    nets_now, rows_now = _nets(now_t, members, statuses, node_of)
    nets_before, _ = _nets(before_t, members, statuses, node_of)
    names = node_names(tables, {n for pair in set(nets_now) | set(nets_before) for n in pair}
                       | _seen(now_t, node_of))
    doc_date = dict(zip(tables["documents"]["doc_id"].astype(str), tables["documents"]["date"]))

    def change(pair: tuple[str, str]) -> DyadChange:
        a, b = pair
        rows = rows_now[(rows_now["a"] == a) & (rows_now["b"] == b)] if not rows_now.empty else rows_now
        recs = sorted(rows.to_dict("records"), key=lambda r: (-abs(r["score"]), str(r["relation_id"])))
        events = [_event_line({**r, "doc_date": doc_date.get(str(r["doc_id"]))}, names) for r in recs[:TOP_EVENTS]]
        if len(recs) > TOP_EVENTS:
            events.append(f"<i>and {len(recs) - TOP_EVENTS} more</i>")
        return DyadChange(a, b, names.get(a, a), names.get(b, b), nets_before.get(pair, 0.0),
                          nets_now.get(pair, 0.0), events)

    fresh = [p for p in nets_now if p not in nets_before]
    out.new_dyads = [change(p) for p in sorted(fresh, key=lambda p: (-abs(nets_now[p]), p))]
    moved = [change(p) for p in nets_before]
    out.moved = sorted((m for m in moved if m.change != 0), key=lambda m: (-abs(m.change), m.a, m.b))[:TOP_MOVES]
    stated_before, denied_before = _stated(before_t, node_of)
    contests = contested_propositions(now_t, node_of) if now_t is not None else pd.DataFrame(columns=["key"])
    for key, part in contests.groupby("key", sort=False):
        text = str(part["proposition"].iloc[0])
        if key not in stated_before:
            out.new_contested.append(text)
        elif key not in denied_before and (part["side"] == "denies").any():
            out.newly_denied.append(text)
    seen_before = _seen(_window(tables, None, lo - pd.Timedelta(days=1)), node_of)
    first = sorted(_seen(now_t, node_of) - seen_before)
    out.new_actors = [(code, names.get(code, code)) for code in first]
    return out
