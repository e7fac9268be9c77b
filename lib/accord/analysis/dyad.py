"""The drill-down of one dyad: every relation and claim between two actors, with its evidence.

``accord.dyad(tables, "Russia", "North Korea")`` answers "who says so?" for a
pair of actors: the relations between them (both directions), the claims about
them, who asserts and who denies each contested proposition, the events the
relations report, and which articles say what. Either actor is given by code or
by name (:func:`accord.lexicon.resolve_actor`); a country stands for its
government, military and other sectors, as the focus of the charts does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..errors import ActorNameError, ParameterError
from . import params as P
from .events import DYADS_COLUMNS, TEXT, dyads, events
from .select import focus_members, node_map, select

CLAIM_COLUMNS = ["claim_id", "doc_id", "source", "stance", "cue", "content", "about", "contests", "why", "evidence"]
CONTEST_COLUMNS = ["proposition", "claim_id", "asserted_by", "asserts", "denied_by", "denies", "doc_id",
                   "assert_evidence", "deny_evidence"]
# the dtypes of the events of a corpus, for a dyad with none
_EVENT_DTYPES = {**{c: TEXT for c in ("event_id", "source", "target", "date", "last_date", "precision", "dated")},
                 "quad_class": "int64", "score": "float64", "n_reports": "int64", "n_documents": "int64",
                 "n_sources": "int64"}
SOURCE_COLUMNS = ["doc_id", "outlet", "title", "date", "n_relations", "n_claims", "says"]


@dataclass
class Dyad:
    """The relations, claims, contests, events and sources between actors ``a`` and ``b``.

    ``relations`` has one row per source-target pair (the columns of
    :func:`accord.analysis.events.dyads`, plus ``direction``); ``claims`` the
    claims reporting those relations, made by one side about the other, or about
    both (``why`` says which); ``contests`` one row per denial of a claim among
    them; ``events`` the relations grouped into events; ``sources`` one row per
    article that says something about the dyad.
    """

    a: str
    b: str
    a_name: str
    b_name: str
    relations: pd.DataFrame
    claims: pd.DataFrame
    contests: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame

    @property
    def title(self) -> str:
        """``"Iran and Russia"``: the two names, as given by the actors table."""
        return f"{self.a_name} and {self.b_name}"

    def summary(self) -> str:
        """One line: how many relations, events, claims, contested propositions and articles."""
        r = self.relations
        statuses = r["status"].value_counts()
        by_status = ", ".join(f"{n} {s}" for s, n in statuses.items())
        return (f"{len(r)} relation{'s' if len(r) != 1 else ''}" + (f" ({by_status})" if by_status else "")
                + f" · {len(self.events)} event{'s' if len(self.events) != 1 else ''}"
                + f" · {len(self.claims)} claim{'s' if len(self.claims) != 1 else ''}"
                + f" · {len(self.contests)} contested · {len(self.sources)} article{'s' if len(self.sources) != 1 else ''}")


def _records(df: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of ``df`` as dicts, column by column (far faster than ``to_dict("records")`` on Arrow strings)."""
    cols = list(df.columns) if columns is None else columns
    return [dict(zip(cols, values)) for values in zip(*(df[c].tolist() for c in cols))]


def _name(actors: pd.DataFrame, code: str) -> str:
    hit = actors.loc[actors["actor_id"].astype(str) == code, "name"]
    if len(hit):
        return str(hit.iloc[0])
    # a country code with no actor of its own (only RUSGOV, say): its sectors' common name
    names = actors.loc[actors["country"].astype(str) == code, "name"].astype(str)
    return names.iloc[0].split(" (")[0] if len(names) else code


def resolve_in(tables: Mapping[str, pd.DataFrame], query: Any, param: str, lexicon: Any = None) -> str:
    """The code of actor ``query`` (a code or a name) when the corpus mentions it; else ParameterError."""
    valid = P.valid_codes(tables["actors"])
    if isinstance(query, str) and query.strip().upper() in valid:
        return query.strip().upper()
    from ..engine import packaged
    from ..lexicon import resolve_actor

    try:
        code = resolve_actor(query, lexicon if lexicon is not None else packaged().lexicon, known=valid)
    except ActorNameError as exc:
        raise ParameterError(f"{param}: {exc}; actors in this corpus: {', '.join(valid)}") from None
    if code not in valid:
        raise ParameterError(f"{param}: {query!r} is {code}, which this corpus does not mention; "
                             f"actors in this corpus: {', '.join(valid)}")
    return code


def dyad(tables: Mapping[str, pd.DataFrame], a: Any, b: Any, window: Any = None, lexicon: Any = None,
         days: int = 7) -> Dyad:
    """Everything between actors ``a`` and ``b`` (codes or names) in ``tables``, both directions.

    ``window`` is ``None`` or ``(start, end)`` (ISO dates, months or years,
    either ``None`` for open), applied as the notebooks apply it. ``lexicon`` is
    the Lexicon names are resolved with (default: the packaged one); ``days`` the
    event window of :func:`accord.analysis.events.events`. An unknown or
    ambiguous actor, ``a == b``, or an empty window raises ParameterError.
    """
    if window is not None:
        if not isinstance(window, (tuple, list)) or len(window) != 2:
            raise ParameterError(f"window: {window!r}; give (start, end), either None for an open end")
        tables = select(tables, window[0], window[1])
    code_a, code_b = resolve_in(tables, a, "a", lexicon), resolve_in(tables, b, "b", lexicon)
    if code_a == code_b:
        raise ParameterError(f"a and b: both are {code_a}; a dyad needs two different actors")
    actors = tables["actors"]
    side_a, side_b = focus_members([code_a], actors), focus_members([code_b], actors)
    if side_a & side_b:
        raise ParameterError(f"a and b: {code_a} and {code_b} overlap ({', '.join(sorted(side_a & side_b))}); "
                             "give two actors that are not part of each other")
    # the relations with an actor of either side among their sources and among their targets: their
    # pairs and events are those of the whole corpus between the two sides, for a fraction of the work
    members = side_a | side_b | {code_a, code_b}
    relations = tables["relations"]
    near = {**tables, "relations": relations[_touches(relations["source"], members)
                                             & _touches(relations["target"], members)]}
    pairs = dyads(near)
    fwd = pairs["source"].isin(side_a) & pairs["target"].isin(side_b)
    back = pairs["source"].isin(side_b) & pairs["target"].isin(side_a)
    rel = pairs[fwd | back].copy()
    rel.insert(5, "direction", [f"{code_a} → {code_b}" if f else f"{code_b} → {code_a}" for f in fwd[fwd | back]])
    rel = rel.reset_index(drop=True)
    if rel.empty:  # typed as the pairs of a corpus are, not by the (absent) values
        rel = rel.astype({"doc_date": tables["documents"]["date"].dtype, "outlet": TEXT})
    claims = _claims(tables["claims"], set(rel["relation_id"]), side_a, side_b, code_a, code_b)
    contests = _contests(tables["claims"], set(claims["claim_id"]))
    # two countries: RUSGOV -> PRK and RUS -> PRK in two articles are one event
    nodes = set(node_map(actors, "country").values())
    level = "country" if code_a in nodes and code_b in nodes else "actor"
    ev_a, ev_b = ({code_a}, {code_b}) if level == "country" else (side_a, side_b)
    ev = events(near, days=days, level=level)
    ev = ev[(ev["source"].isin(ev_a) & ev["target"].isin(ev_b))
            | (ev["source"].isin(ev_b) & ev["target"].isin(ev_a))].reset_index(drop=True)
    if ev.empty:
        ev = ev.astype(_EVENT_DTYPES | {c: relations[c].dtype for c in ("event_type", "status", "trigger", "evidence")})
    return Dyad(a=code_a, b=code_b, a_name=_name(actors, code_a), b_name=_name(actors, code_b), relations=rel,
                claims=claims, contests=contests, events=ev, sources=_sources(tables, rel, claims))


def _touches(lists: pd.Series, codes: set[Any]) -> np.ndarray:
    """Whether each list of ``lists`` holds one of ``codes``, without a Python loop over the rows."""
    items = pd.Series(lists.to_numpy(dtype=object)).explode()
    return items.isin(codes).groupby(level=0).any().to_numpy(dtype=bool) if len(items) else np.zeros(0, bool)


def _claims(claims: pd.DataFrame, relation_ids: set[str], side_a: set[str], side_b: set[str],
            code_a: str, code_b: str) -> pd.DataFrame:
    """The claims about the dyad, each with why it is one."""
    # every claim below reports one of the relations or is about one side
    claims = claims[_touches(claims["relations"], relation_ids) | _touches(claims["about"], side_a | side_b)]
    rows = []
    for rec in _records(claims, [c for c in CLAIM_COLUMNS if c != "why"] + ["relations"]):
        src, about = set(rec["source"]), set(rec["about"])
        if relation_ids & set(rec["relations"]):
            why = "reports a relation between them"
        elif src & side_a and about & side_b:
            why = f"{code_a} about {code_b}"
        elif src & side_b and about & side_a:
            why = f"{code_b} about {code_a}"
        elif about & side_a and about & side_b:
            why = "about both"
        else:
            continue
        rows.append({**{k: rec.get(k) for k in CLAIM_COLUMNS if k != "why"}, "why": why})
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _contests(claims: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    """One row per claim that contests another, when either is about the dyad."""
    cols = ["claim_id", "doc_id", "source", "stance", "content", "contests", "evidence"]
    contesting = claims[claims["claim_id"].isin(ids) | claims["contests"].isin(ids)]
    # the contested claims, by id (the last of a repeated id, as a dict of every claim would keep)
    contested = claims[claims["claim_id"].astype(str).isin(set(contesting["contests"].dropna().astype(str)))]
    by_id = {str(r["claim_id"]): r for r in _records(contested, cols)}
    rows = []
    for rec in _records(contesting, cols):
        target = rec.get("contests")
        if not isinstance(target, str) or target not in by_id:
            continue
        if rec["claim_id"] not in ids and target not in ids:
            continue
        asserted = by_id[target]
        rows.append({"proposition": asserted["content"], "claim_id": target, "asserted_by": list(asserted["source"]),
                     "asserts": asserted["stance"], "denied_by": list(rec["source"]), "denies": rec["stance"],
                     "doc_id": rec["doc_id"], "assert_evidence": asserted["evidence"],
                     "deny_evidence": rec["evidence"]})
    return pd.DataFrame(rows, columns=CONTEST_COLUMNS)


def _sources(tables: Mapping[str, pd.DataFrame], rel: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per article with relations or claims of the dyad: what it says, in a line."""
    said: dict[str, list[str]] = {}
    n_rel: dict[str, int] = {}
    n_claims: dict[str, int] = {}
    for doc, d, e, st in zip(rel["doc_id"].astype(str).tolist(), rel["direction"].tolist(),
                             rel["event_type"].tolist(), rel["status"].tolist()):
        said.setdefault(doc, []).append(f"{d} {e}" + ("" if st == "reported" else f" ({st})"))
        n_rel[doc] = n_rel.get(doc, 0) + 1
    for doc, src, stance in zip(claims["doc_id"].astype(str).tolist(), claims["source"].tolist(),
                                claims["stance"].tolist()):
        said.setdefault(doc, []).append(f"{'/'.join(src)} {stance}")
        n_claims[doc] = n_claims.get(doc, 0) + 1
    rows = []
    docs = tables["documents"]
    for rec in _records(docs[docs["doc_id"].astype(str).isin(said)], ["doc_id", "source", "title", "date"]):
        doc = str(rec["doc_id"])
        if doc not in said:
            continue
        outlet = rec["source"] if isinstance(rec["source"], str) and rec["source"].strip() else doc
        rows.append({"doc_id": doc, "outlet": outlet, "title": rec["title"], "date": rec["date"],
                     "n_relations": n_rel.get(doc, 0), "n_claims": n_claims.get(doc, 0),
                     "says": "; ".join(dict.fromkeys(said[doc]))})
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


__all__ = ["Dyad", "dyad", "resolve_in", "DYADS_COLUMNS"]
