"""Issue 24 benchmark: ``accord learn`` on 1,000 corrections costs at most 2 CPU minutes, and its model
folder stays under 20 MB.

Builds ``--docs`` invented documents (five sentences each, from templates of common events between
seeded pairs of countries), annotates them once to find the engine's rows (setup, not timed), and
writes ``--n`` corrections of those rows as an analyst might: most confirm or change the event type
of a row (agreements become COOPERATE), some drop a "supply" or "ship" row, some fix a target; none
contradicts the corpus's guidelines, so the guard lets the model be written and its folder is measured. Then times :func:`accord.learn.run.learn` in this process
(CPU time of the process, threads included, and wall time), with the open corpus's examples already
cached (a first run ever computes them once per parser and lexicon: about a CPU minute, printed
separately with ``--cold``). Prints the counts, the times and the model folder's size.

    .venv/bin/python benchmarks/bench_learn.py [--n 1000] [--docs 220] [--cold]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = ["Chile", "Peru", "Ghana", "Togo", "Norway", "Sweden", "Laos", "Vietnam", "Mexico", "Guatemala",
             "Egypt", "Jordan", "Poland", "Lithuania", "Kenya", "Uganda", "Spain", "Portugal", "Nepal", "Bhutan"]
TEMPLATES = [
    "{a} accused {b} of moving troops toward the border on Monday.",
    "The foreign ministers of {a} and {b} met in the capital to discuss fishing rights.",
    "{a} sent food and medicine to {b} after the floods, officials said.",
    "Troops from {a} shelled positions held by {b} forces near the frontier.",
    "{a} signed a trade agreement with {b} on Thursday.",
    "{a} imposed sanctions on {b} over the seizure of a cargo ship.",
    "{a}'s navy blocked a {b} supply vessel near the disputed island.",
    "{a} urged {b} to release the detained journalists.",
    "{a} rejected {b}'s offer of talks on the dam.",
    "Police in {a} arrested two men suspected of spying for {b}.",
]
CHANGE = {"ACCUSE": "ACCUSE", "CONSULT": "CONSULT", "AID": "AID", "ASSAULT": "ASSAULT", "AGREE": "COOPERATE",
          "SANCTION": "SANCTION", "REJECT": "REJECT", "REQUEST": "REQUEST", "COERCE": "COERCE"}


def corpus(n_docs: int, folder: Path) -> Path:
    rng = random.Random(24)
    lines = []
    for d in range(n_docs):
        text = " ".join(t.format(a=a, b=b) for t in rng.sample(TEMPLATES, 5)
                        for a, b in [rng.sample(COUNTRIES, 2)])
        lines.append(json.dumps({"id": f"bench-{d:04d}", "text": text, "date": f"2025-{d % 12 + 1:02d}-15"}))
    path = folder / "bench.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def corrections(news: Path, n: int, folder: Path) -> Path:
    import accord

    rel = accord.annotate(news)["relations"]
    rng = random.Random(7)
    out = []
    for k, r in enumerate(rel.itertuples()):
        if len(out) == n:
            break
        head = f"  - {{id: b{k:05d}, doc: {r.doc_id}, span: [{r.start}, {r.end}], where: {{trigger: {json.dumps(r.trigger)}}}, "
        roll = rng.random()
        if roll < 0.5 and r.trigger.lower() in ("supply", "ship", "vessel", "cargo"):
            out.append(head + "drop: true, reason: not an event}")
        elif roll < 0.2 and r.target:
            out.append(head + f"set: {{target: [{r.target[0]}]}}, reason: one target}}")
        else:
            out.append(head + f"set: {{event_type: {CHANGE.get(r.event_type, r.event_type)}}}, reason: the analyst's type}}")
    if len(out) < n:
        sys.exit(f"only {len(out)} rows in {news}: use more --docs")
    path = folder / "fixes.yaml"
    path.write_text("corrections:\n" + "\n".join(out) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--docs", type=int, default=220)
    ap.add_argument("--cold", action="store_true", help="also time computing the corpus's examples (a fresh cache)")
    a = ap.parse_args()
    from accord.learn.run import learn

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        news = corpus(a.docs, folder)
        fixes = corrections(news, a.n, folder)
        if a.cold:
            import os

            os.environ["ACCORD_CACHE_DIR"] = str(folder / "cache")
        c0, w0 = time.process_time(), time.perf_counter()
        report = learn(news, [fixes], folder / "model")
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        size = sum(p.stat().st_size for p in (folder / "model").glob("*")) if report["written"] else 0
        print(json.dumps({"corrections": report["counts"]["corrections"],
                          "rows_corrected": report["counts"]["rows_corrected"],
                          "teaching_rows": report["counts"]["teaching_rows"],
                          "cannot_teach": report["counts"]["cannot_teach"], "documents": a.docs,
                          "written": report["written"], "refused_because": report["refused_because"],
                          "cpu_seconds": round(cpu, 1), "wall_seconds": round(wall, 1),
                          "model_folder_mb": round(size / 2**20, 2), "cold_cache": a.cold}, indent=1))


if __name__ == "__main__":
    main()
