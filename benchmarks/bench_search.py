"""Issue 13 benchmark: searching the evidence of a year of news (10^5 relations and claims) in under a second.

Builds seeded tables of ``--rows`` rows (70 % relations, 30 % claims, 20 rows a document,
one document a day or so over 2023-2024, a quarter of the relations dated by month)
whose evidence sentences are drawn from news-like words and actor names, validates
them with the tables' schemas, then times, each ``--repeat`` times (best kept):

* ``evidence_frame``: relations and claims into one frame (done once per dataset);
* ``search`` by words, by actor code, by actor name, by date window, and all together.

CPU time (``time.process_time``) is reported beside wall time: the machine is shared.

    .venv/bin/python benchmarks/bench_search.py [--rows 100000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta

import accord
from accord import tables
from accord.analysis.search import evidence_frame, search

ACTORS = [("RUS", "Russia"), ("PRK", "North Korea"), ("IRN", "Iran"), ("CHN", "China"), ("USA", "the United States"),
          ("UKR", "Ukraine"), ("KOR", "South Korea"), ("IGOUNO", "the United Nations"), ("RUSGOV", "the Kremlin"),
          ("PRKMIL", "North Korean troops")]
VERBS = ["supplied", "sent", "condemned", "praised", "sanctioned", "met", "accused", "denied", "signed a deal with",
         "threatened", "shipped artillery shells to", "delivered drones to", "held talks with"]
FILLER = ("officials said on Tuesday that the agreement would deepen military and economic cooperation amid "
          "growing concern over sanctions, missiles, oil and grain shipments across the border").split()
EVENTS = ["AID", "SUPPORT", "ACCUSE", "CONSULT", "SANCTION", "COOPERATE", "THREATEN", "REJECT"]
STATUSES = ["reported", "reported", "reported", "alleged", "denied", "planned"]


def build(rows: int, seed: int = 0) -> dict:
    """Seeded tables with ``rows`` relations + claims, validated."""
    rnd = random.Random(seed)
    n_docs = max(1, rows // 20)
    day0 = date(2023, 1, 1)
    docs, rels, claims = [], [], []
    for d in range(n_docs):
        when = (day0 + timedelta(days=d * 730 // n_docs)).isoformat()
        docs.append({"doc_id": f"doc{d:06d}", "path": f"news/doc{d:06d}.txt", "title": None, "date": when,
                     "source": None, "url": None, "n_chars": 1000, "text": "..."})
    for i in range(rows):
        d = i % n_docs
        a, b = rnd.sample(ACTORS, 2)
        sentence = f"{a[1].capitalize()} {rnd.choice(VERBS)} {b[1]}, " + " ".join(rnd.sample(FILLER, 8)) + "."
        common = {"doc_id": f"doc{d:06d}", "sent_id": i // n_docs, "start": 0, "end": len(sentence),
                  "evidence": sentence, "corrected": None}
        if i % 10 < 7:
            month = docs[d]["date"][:7] if rnd.random() < 0.25 else None
            rels.append({**common, "relation_id": f"doc{d:06d}:R{i:07d}", "source": [a[0]], "target": [b[0]],
                         "event_type": rnd.choice(EVENTS), "mode": None, "context": None, "quad_class": 1,
                         "score": 1.0, "cameo": None, "goldstein": None, "status": rnd.choice(STATUSES),
                         "claim_id": None, "date": month, "trigger": "sent"})
        else:
            claims.append({**common, "claim_id": f"doc{d:06d}:C{i:07d}", "source": [a[0]], "source_text": a[1],
                           "cue": "said", "stance": "assert", "content": sentence, "quote": None, "about": [b[0]],
                           "relations": [], "contests": None})
    actors = [{"actor_id": code, "name": name.replace("the ", "").title() if code != "RUSGOV" else "Russia (government)",
               "kind": "state", "country": code[:3], "sector": None, "n_mentions": 1} for code, name in ACTORS]
    return {"documents": tables.frame("documents", docs), "relations": tables.frame("relations", rels),
            "claims": tables.frame("claims", claims), "actors": tables.frame("actors", actors)}


def timed(fn, repeat: int) -> tuple[float, float, object]:
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        best_cpu, best_wall = min(best_cpu, time.process_time() - c), min(best_wall, time.perf_counter() - w)
    return best_cpu, best_wall, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    result = build(args.rows)
    cpu, wall, frame = timed(lambda: evidence_frame(result), args.repeat)
    report = {"rows": len(frame), "evidence_frame": {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}}
    queries = {
        "words 'artillery shells'": dict(words=["artillery shells"]),
        "actor RUS (and its sectors)": dict(actor="RUS"),
        "actor name 'Iran'": dict(actor="Iran"),
        "dates 2024-03-01..2024-05-31": dict(start="2024-03-01", end="2024-05-31"),
        "all: words 'sanction', actor PRK, 2024": dict(words="sanction", actor="PRK", start="2024-01-01",
                                                         end="2024-12-31"),
    }
    for label, kw in queries.items():
        cpu, wall, hits = timed(lambda kw=kw: search(frame, actors=result["actors"], **kw), args.repeat)
        report[label] = {"hits": len(hits), "cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}
    cpu, wall, hits = timed(lambda: search(result, words="sanction", actor="PRK", start="2024-01-01"), args.repeat)
    report["from the tables (frame built inside)"] = {"hits": len(hits), "cpu_s": round(cpu, 3),
                                                      "wall_s": round(wall, 3)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
