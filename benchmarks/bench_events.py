"""Issue 22, item 6 benchmark: ``accord.events`` and ``accord.dyad`` on 10^6 relations (target <= 15 s, <= 2 GB).

Builds seeded tables of ``--relations`` relations (and a third as many claims, 20
relations a document, documents one every few minutes over 2023-2024) between 60
countries and their government and military sectors, plus a long tail of unknown
names. A relation has one or two sources and targets; 60 % are dated by their
document only, 25 % by a day of the text, 10 % by a month, 5 % by a year; a claim
in ten contests another. The tables have the dtypes ``accord.read_tables`` gives
(Arrow strings, ``Int64`` offsets, lists of codes), unvalidated (pandera would take
longer than the functions measured).

Each function runs in a fresh process: the tables are built, the garbage collected
and the resident memory taken as the baseline (the input tables' own), then the
function is called once while resident memory is sampled every 20 ms. Reported: wall
and CPU seconds, and the peak above the baseline. ``dyad`` is run for two countries
(``RUS``/``PRK``, folded to the country level as the notebooks do) and for two sectors
(``RUSGOV``/``PRKMIL``, the actor level), and for the two countries in a window of nine months.

    .venv/bin/python benchmarks/bench_events.py                    # 10^6 relations
    .venv/bin/python benchmarks/bench_events.py --relations 100000 --only events
"""
from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_throughput import RssSampler  # noqa: E402

COUNTRIES = ["RUS", "PRK", "IRN", "CHN", "USA", "UKR", "KOR", "JPN", "IND", "PAK", "TUR", "SYR", "ISR", "EGY",
             "SAU", "ARE", "QAT", "IRQ", "AFG", "GBR", "FRA", "DEU", "ITA", "ESP", "POL", "BLR", "KAZ", "UZB",
             "BRA", "ARG", "MEX", "VEN", "CUB", "NGA", "ZAF", "ETH", "SDN", "LBY", "MLI", "NER", "VNM", "PHL",
             "IDN", "MYS", "THA", "MMR", "BGD", "LKA", "NPL", "MNG", "GEO", "ARM", "AZE", "SRB", "HUN", "ROU",
             "BGR", "GRC", "CYP", "CAN"]
EVENTS = ["AID", "SUPPORT", "ACCUSE", "CONSULT", "SANCTION", "COOPERATE", "THREATEN", "REJECT", "AGREE", "DEMAND"]
STATUSES = ["reported"] * 6 + ["alleged", "denied", "planned", "negated"]
CALLS = {
    "events": "accord.events(tables)",
    "events_country": "accord.events(tables, level='country')",
    "dyads": "accord.dyads(tables)",
    "dyad_countries": "accord.dyad(tables, 'RUS', 'PRK')",
    "dyad_sectors": "accord.dyad(tables, 'RUSGOV', 'PRKMIL')",
    "dyad_window": "accord.dyad(tables, 'RUS', 'PRK', window=('2023-06', '2024-02-15'))",
}


def _codes(rng: np.random.Generator, n: int, actors: np.ndarray, weights: np.ndarray) -> list[list[str]]:
    """``n`` lists of one code (85 %) or two distinct codes (15 %)."""
    first = rng.choice(len(actors), size=n, p=weights)
    second = rng.choice(len(actors), size=n, p=weights)
    two = (rng.random(n) < 0.15) & (first != second)
    a, b = actors[first].tolist(), actors[second].tolist()
    return [[x, y] if t else [x] for x, y, t in zip(a, b, two.tolist())]


def build(n_relations: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Seeded tables with ``n_relations`` relations, the dtypes of ``accord.read_tables``."""
    rng = np.random.default_rng(seed)
    n_docs = max(1, n_relations // 20)
    codes = [c for country in COUNTRIES for c in (country, country + "GOV", country + "MIL")]
    unknown = [f"UNK:name-{i}" for i in range(max(1, n_relations // 200))]
    actors = np.array(codes + unknown, dtype=object)
    # a few countries dominate the news, and their names more than the long tail
    weights = np.r_[np.repeat(1.0 / np.arange(1, len(COUNTRIES) + 1), 3) * 40, np.full(len(unknown), 0.01)]
    weights /= weights.sum()
    string = pd.StringDtype(na_value=np.nan)
    day0 = np.datetime64("2023-01-01")
    doc_day = day0 + np.sort(rng.integers(0, 730, n_docs)).astype("timedelta64[D]")
    doc_ids = np.array([f"doc{i:07d}" for i in range(n_docs)], dtype=object)
    documents = pd.DataFrame({
        "doc_id": pd.array(doc_ids, dtype=string),
        "path": pd.array([f"news/{d}.txt" for d in doc_ids], dtype=string),
        "title": pd.array([None] * n_docs, dtype=string),
        "date": pd.array(np.datetime_as_string(doc_day), dtype=string),
        "source": pd.array(rng.choice(["TASS", "Yonhap", "Reuters", "AP", "AFP", None], n_docs), dtype=string),
        "url": pd.array([None] * n_docs, dtype=string),
        "n_chars": pd.array(np.full(n_docs, 2000), dtype="Int64"),
        "text": pd.array(["..."] * n_docs, dtype=string),
    })
    doc_of = np.sort(rng.integers(0, n_docs, n_relations))
    rdates = doc_day[doc_of] - rng.integers(0, 20, n_relations).astype("timedelta64[D]")
    kind = rng.random(n_relations)
    rel_date = np.where(kind < 0.6, None, np.where(kind < 0.85, np.datetime_as_string(rdates),
                        np.where(kind < 0.95, np.datetime_as_string(rdates, unit="M"),
                                 np.datetime_as_string(rdates, unit="Y")))).astype(object)
    rel_ids = np.array([f"{doc_ids[d]}:R{i:07d}" for i, d in enumerate(doc_of.tolist())], dtype=object)
    event = rng.choice(EVENTS, n_relations)
    quad = rng.integers(1, 5, n_relations)
    evidence = [f"Sentence {i} of the article, as the text gives it, with its words." for i in range(n_relations)]
    relations = pd.DataFrame({
        "relation_id": pd.array(rel_ids, dtype=string),
        "doc_id": pd.array(doc_ids[doc_of], dtype=string),
        "sent_id": pd.array(rng.integers(0, 40, n_relations), dtype="Int64"),
        "start": pd.array(np.zeros(n_relations, dtype=int), dtype="Int64"),
        "end": pd.array(np.full(n_relations, 60), dtype="Int64"),
        "source": _codes(rng, n_relations, actors, weights),
        "target": _codes(rng, n_relations, actors, weights),
        "event_type": pd.array(event, dtype=string),
        "mode": pd.array([None] * n_relations, dtype=string),
        "context": pd.array([None] * n_relations, dtype=string),
        "quad_class": pd.array(quad, dtype="Int64"),
        "score": np.where(rng.random(n_relations) < 0.9, rng.normal(0, 5, n_relations).round(1), np.nan),
        "cameo": pd.array([None] * n_relations, dtype=string),
        "goldstein": rng.normal(0, 5, n_relations).round(1),
        "status": pd.array(rng.choice(STATUSES, n_relations), dtype=string),
        "claim_id": pd.array([None] * n_relations, dtype=string),
        "date": pd.array(rel_date, dtype=string),
        "location": pd.array([None] * n_relations, dtype=string),
        "location_country": pd.array([None] * n_relations, dtype=string),
        "trigger": pd.array(np.char.lower(event.astype(str)), dtype=string),
        "evidence": pd.array(evidence, dtype=string),
        "corrected": pd.array([None] * n_relations, dtype=string),
    })
    n_claims = n_relations // 3
    cdoc = np.sort(rng.integers(0, n_docs, n_claims))
    claim_ids = np.array([f"{doc_ids[d]}:C{i:07d}" for i, d in enumerate(cdoc.tolist())], dtype=object)
    reported = rng.integers(0, n_relations, n_claims)
    has_rel = rng.random(n_claims) < 0.3
    contests = np.where(rng.random(n_claims) < 0.1, claim_ids[rng.integers(0, n_claims, n_claims)], None)
    claims = pd.DataFrame({
        "claim_id": pd.array(claim_ids, dtype=string),
        "doc_id": pd.array(doc_ids[cdoc], dtype=string),
        "sent_id": pd.array(rng.integers(0, 40, n_claims), dtype="Int64"),
        "start": pd.array(np.zeros(n_claims, dtype=int), dtype="Int64"),
        "end": pd.array(np.full(n_claims, 60), dtype="Int64"),
        "source": _codes(rng, n_claims, actors, weights),
        "source_text": pd.array([None] * n_claims, dtype=string),
        "cue": pd.array(["said"] * n_claims, dtype=string),
        "stance": pd.array(rng.choice(["assert", "deny", "accuse"], n_claims), dtype=string),
        "content": pd.array([f"what claim {i} says" for i in range(n_claims)], dtype=string),
        "quote": pd.array([None] * n_claims, dtype=string),
        "about": _codes(rng, n_claims, actors, weights),
        "relations": [[r] if h else [] for r, h in zip(rel_ids[reported].tolist(), has_rel.tolist())],
        "contests": pd.array(contests, dtype=string),
        "evidence": pd.array([f"Claim sentence {i}." for i in range(n_claims)], dtype=string),
        "corrected": pd.array([None] * n_claims, dtype=string),
    })
    kinds = ["state", "state", "state"] * len(COUNTRIES) + ["unresolved"] * len(unknown)
    actor_rows = pd.DataFrame({
        "actor_id": pd.array(actors, dtype=string),
        "name": pd.array([f"Name of {a}" for a in actors], dtype=string),
        "kind": pd.array(kinds, dtype=string),
        "country": pd.array([c[:3] for c in codes] + [None] * len(unknown), dtype=string),
        "sector": pd.array([{"GOV": "government", "MIL": "military"}.get(c[3:]) for c in codes]
                           + [None] * len(unknown), dtype=string),
        "n_mentions": pd.array(np.ones(len(actors), dtype=int), dtype="Int64"),
    })
    from accord.tables import SCHEMAS

    return {"documents": documents, "mentions": pd.DataFrame(columns=list(SCHEMAS["mentions"].columns)),
            "relations": relations, "claims": claims, "actors": actor_rows,
            "errors": pd.DataFrame(columns=list(SCHEMAS["errors"].columns))}


def child(what: str, n_relations: int) -> dict:
    """Build the tables in this (fresh) process, then time ``what`` once while sampling memory."""
    import psutil

    import accord

    tables = build(n_relations)
    gc.collect()
    base = psutil.Process().memory_info().rss / 2**20
    sampler = RssSampler()
    cpu, wall = time.process_time(), time.perf_counter()
    with sampler:
        out = eval(CALLS[what], {"accord": accord, "tables": tables})  # the call is one of CALLS, ours
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = len(out) if isinstance(out, pd.DataFrame) else len(out.relations)
    return {"what": what, "relations": n_relations, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "tables_mb": round(base), "peak_above_mb": round(max(sampler.peak - base, 0)), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--relations", type=int, default=1_000_000, help="relations in the tables (default 10^6)")
    p.add_argument("--only", choices=sorted(CALLS), action="append", help="run only this call (repeatable)")
    p.add_argument("--json", default=None, help="also write the results to this JSON file")
    p.add_argument("--child", nargs=2, metavar=("WHAT", "RELATIONS"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child[0], int(a.child[1]))))
        return 0
    results = []
    print("| call | relations | wall s | CPU s | input tables MB | peak above them MB | rows out |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for what in a.only or list(CALLS):
        out = subprocess.run([sys.executable, __file__, "--child", what, str(a.relations)], capture_output=True,
                             text=True)
        if out.returncode:
            print(f"| `{CALLS[what]}` | {a.relations:,} | failed: {out.stderr.strip().splitlines()[-1]} | | | | |",
                  flush=True)
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"| `{CALLS[what]}` | {r['relations']:,} | {r['wall_s']} | {r['cpu_s']} | {r['tables_mb']:,} | "
              f"{r['peak_above_mb']:,} | {r['rows']:,} |", flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
