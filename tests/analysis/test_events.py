"""accord.events, accord.dyads and accord.dyad at scale (issue 22, item 6): grouped with pandas and numpy,
checked against the per-pair reference they replaced, on seeded tables (``benchmarks/bench_events.py``).

The times and memory at 10^6 relations are measured by that benchmark (README, Speed and memory); here
the memory the grouping itself allocates is held to a few times that of the pairs table, which
the per-pair dicts of the reference were not (15 times at 3x10^4 relations)."""
from __future__ import annotations

import importlib.util
import tracemalloc
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd
import pytest

import accord
from accord.analysis.events import DYADS_COLUMNS, EVENTS_COLUMNS
from accord.analysis.params import check_level, parse_date
from accord.analysis.select import focus_members, node_map, select

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_events", ROOT / "benchmarks" / "bench_events.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


# -- the reference: the per-pair implementation of accord 0.1 before issue 22 ---------------------

def reference_dyads(tables: Mapping[str, pd.DataFrame], level: str = "actor") -> pd.DataFrame:
    node_of = node_map(tables["actors"], check_level(level))
    docs_t = tables["documents"]
    ids = docs_t["doc_id"].astype(str)
    outlet = {d: (str(s) if isinstance(s, str) and s.strip() else d) for d, s in zip(ids, docs_t["source"])}
    doc_date = dict(zip(ids, docs_t["date"]))
    rel = tables["relations"]
    df = rel[[c for c in DYADS_COLUMNS if c in rel.columns]].copy()
    df["score"] = rel["score"].astype(float).fillna(rel["goldstein"].astype(float)).fillna(0.0)
    df = df.explode("source").explode("target").dropna(subset=["source", "target"])
    df["source"] = df["source"].map(lambda a: node_of.get(a, a))
    df["target"] = df["target"].map(lambda a: node_of.get(a, a))
    df = df[df["source"] != df["target"]].drop_duplicates(["relation_id", "source", "target"])
    docs = df["doc_id"].astype(str)
    df["doc_date"] = docs.map(doc_date)
    df["outlet"] = [outlet.get(d, d) for d in docs]
    df = df.reindex(columns=DYADS_COLUMNS).reset_index(drop=True)
    df["score"] = df["score"].astype(float)
    for col in ("sent_id", "start", "end", "quad_class"):
        df[col] = df[col].astype("Int64")
    for col in ("source", "target"):
        df[col] = df[col].astype(object)
    return df


def _when(date: Any, doc_date: Any) -> tuple[Any, str, str]:
    for value, dated in ((date, "text"), (doc_date, "document")):
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed[0], parsed[2], dated
    return None, "none", "none"


def _label(first: Any, precision: str) -> str | None:
    if first is None:
        return None
    return {"day": first.date().isoformat(), "month": first.strftime("%Y-%m"), "year": str(first.year)}[precision]


def reference_events(tables: Mapping[str, pd.DataFrame], days: int = 7, level: str = "actor") -> pd.DataFrame:
    pairs = reference_dyads(tables, level)
    if pairs.empty:
        return pd.DataFrame(columns=EVENTS_COLUMNS)
    when = [_when(*k) for k in zip(pairs["date"], pairs["doc_date"])]
    pairs = pairs.assign(_first=[w[0] for w in when], _precision=[w[1] for w in when], _dated=[w[2] for w in when],
                         _order=range(len(pairs)))
    pairs = pairs.sort_values(["source", "target", "event_type", "status", "_precision", "_first", "_order"],
                              kind="stable", na_position="last")
    groups: list[list[dict[str, Any]]] = []
    last_key, anchor = None, None
    cols = list(pairs.columns)
    for rec in (dict(zip(cols, v)) for v in zip(*(pairs[c].tolist() for c in cols))):
        key = (rec["source"], rec["target"], rec["event_type"], rec["status"], rec["_precision"])
        first = rec["_first"] = None if pd.isna(rec["_first"]) else rec["_first"]
        if key == last_key and (first is None or (rec["_precision"] == "day" and (first - anchor).days <= days)
                                or (rec["_precision"] != "day" and first == anchor)):
            groups[-1].append(rec)
            continue
        groups.append([rec])
        last_key, anchor = key, first
    rows = []
    for group in groups:
        head = group[0]
        first, precision = head["_first"], head["_precision"]
        date = _label(first, precision)
        last = max((r["_first"] for r in group if r["_first"] is not None), default=None)
        rows.append({
            "event_id": f"{head['source']}>{head['target']}:{head['event_type']}:{head['status']}:{date or 'undated'}",
            "source": head["source"], "target": head["target"], "event_type": head["event_type"],
            "quad_class": head["quad_class"], "score": head["score"], "status": head["status"],
            "date": date, "last_date": _label(last, precision), "precision": precision,
            "dated": "text" if any(r["_dated"] == "text" for r in group) else head["_dated"],
            "n_reports": len({r["relation_id"] for r in group}), "n_documents": len({r["doc_id"] for r in group}),
            "n_sources": len({r["outlet"] for r in group}),
            "relation_ids": list(dict.fromkeys(r["relation_id"] for r in group)),
            "doc_ids": list(dict.fromkeys(r["doc_id"] for r in group)),
            "trigger": head["trigger"], "evidence": head["evidence"],
        })
    return pd.DataFrame(rows, columns=EVENTS_COLUMNS).sort_values(
        ["n_reports", "n_sources", "date", "event_id"], ascending=[False, False, True, True], kind="stable",
        na_position="last").reset_index(drop=True)


# -- seeded tables, with what real tables hold at the edges -----------------------------------------

def _awkward(tables: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """Dates that are no dates, blank and month-only; lists empty, repeated or holding a None; no quad class."""
    rng = np.random.default_rng(seed)
    rel = tables["relations"].copy()
    dates = rel["date"].astype(object)
    picked = rng.choice(len(rel), size=len(rel) // 20, replace=False)
    dates.iloc[picked] = rng.choice(["not a date", "", " 2024-03 ", "2024", "2023-02-30x", None], len(picked))
    rel["date"] = pd.array(dates, dtype="str")
    source, target = rel["source"].tolist(), rel["target"].tolist()
    source[0], target[1] = [], []
    source[2], target[2] = ["RUS", "RUS"], ["RUS", "PRK", "PRKGOV"]
    source[3] = ["RUSGOV", None]
    rel["source"], rel["target"] = source, target
    rel.loc[5, "quad_class"] = pd.NA
    rel.loc[6, ["score", "goldstein"]] = np.nan
    return {**tables, "relations": rel}


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.fixture(scope="module")
def tables(bench):
    return _awkward(bench.build(6000, seed=5), 5)


@pytest.mark.parametrize("level", ["actor", "country"])
def test_dyads_and_events_are_those_of_the_per_pair_reference(tables, level):
    pd.testing.assert_frame_equal(accord.dyads(tables, level), reference_dyads(tables, level))
    for days in (0, 7, 45, 10**9):
        pd.testing.assert_frame_equal(accord.events(tables, days=days, level=level),
                                      reference_events(tables, days=days, level=level))


def test_the_reference_holds_on_shuffled_object_and_empty_tables(tables):
    rel = tables["relations"]
    text = ["relation_id", "doc_id", "event_type", "status", "date", "trigger", "evidence"]
    variants = {
        "shuffled": {**tables, "relations": rel.sample(frac=1, random_state=1)},
        "object columns": {**tables, "relations": rel.astype({c: object for c in text}),
                           "documents": tables["documents"].astype({"doc_id": object, "date": object})},
        "no relation": {**tables, "relations": rel.iloc[:0]},
        "only self-pairs": {**tables, "relations": rel.assign(target=rel["source"])},
        "undated": {**tables, "relations": rel.assign(date=pd.array([None] * len(rel), dtype="str")),
                    "documents": tables["documents"].assign(date=pd.array([None] * len(tables["documents"]),
                                                                          dtype="str"))},
    }
    for name, variant in variants.items():
        for level in ("actor", "country"):
            pd.testing.assert_frame_equal(accord.dyads(variant, level), reference_dyads(variant, level), obj=name)
            pd.testing.assert_frame_equal(accord.events(variant, level=level), reference_events(variant, level=level),
                                          obj=name)


@pytest.mark.parametrize("a, b, window", [("RUS", "PRK", None), ("RUSGOV", "PRKMIL", None),
                                          ("CHN", "USA", ("2023-06", "2024-02-15"))])
def test_dyad_is_the_whole_corpus_between_the_two(tables, a, b, window):
    """dyad() groups only the relations between the two sides: its rows are those of the whole corpus."""
    d = accord.dyad(tables, a, b, window=window)
    whole = select(tables, *window) if window else tables
    pairs = reference_dyads(whole)
    sides = [focus_members([x], tables["actors"]) for x in (a, b)]
    between = (pairs["source"].isin(sides[0]) & pairs["target"].isin(sides[1])) | \
              (pairs["source"].isin(sides[1]) & pairs["target"].isin(sides[0]))
    assert len(d.relations) > 0 and len(d.events) > 0
    pd.testing.assert_frame_equal(d.relations.drop(columns="direction"), pairs[between].reset_index(drop=True))
    level = "country" if len(a) == 3 else "actor"
    ev = reference_events(whole, level=level)
    nodes = [{a}, {b}] if level == "country" else sides
    ev = ev[(ev["source"].isin(nodes[0]) & ev["target"].isin(nodes[1]))
            | (ev["source"].isin(nodes[1]) & ev["target"].isin(nodes[0]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(d.events, ev)


def test_grouping_allocates_a_few_times_the_pairs_not_a_dict_per_pair(bench):
    """The reference allocated 15x the pairs table's memory (a dict per pair, then a list per event)."""
    tables = bench.build(30_000, seed=2)
    accord.events({**tables, "relations": tables["relations"].iloc[:50]})  # imports and caches outside the count

    def peak(fn):
        tracemalloc.start()
        try:
            fn()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    pairs, grouped = peak(lambda: accord.dyads(tables)), peak(lambda: accord.events(tables))
    assert grouped < 6 * pairs, f"events allocated {grouped / pairs:.1f}x the pairs table"
