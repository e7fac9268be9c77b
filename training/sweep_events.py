"""How the relations component should use the event model: each setting against the benchmarks.

For each setting of :class:`accord.pipeline.learned.LearnedSettings` (rules only; the model
retyping the rules' triggers; vetoing them; adding events where no lexicon trigger is; all
together) the engine is scored on the corpus's test split, our analyst articles, the seed gold
and the PLOVER dev half, and timed in words per second. The dev half is reported, never chosen on
alone (training/README.md). Usage:

    .venv/bin/python training/sweep_events.py [--json out.json] [--only corpus,articles,seed,plover]
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from accord.evaluate import evaluate_all
from accord.pipeline.cache import load_or_build
from accord.pipeline.eventmodel import EventModel
from accord.pipeline.learned import LearnedSettings

OFF = LearnedSettings(retype=1.0, veto=1.0, add=0.0, arguments=1.0)
V3 = replace(OFF, retype=0.6, add=0.5)  # the event model as first shipped (2026-12-05)
SETTINGS = {
    "rules (v2)": OFF,
    "retype 0.0": replace(OFF, retype=0.0),
    "retype 0.2": replace(OFF, retype=0.2),
    "veto 0.95": replace(OFF, veto=0.95),
    "add 0.4": replace(OFF, add=0.4),
    "add 0.5": replace(OFF, add=0.5),
    "add 0.6": replace(OFF, add=0.6),
    "retype 0.2 + add 0.5": replace(OFF, retype=0.2, add=0.5),
    "retype 0.4 + add 0.5": replace(OFF, retype=0.4, add=0.5),
    "retype 0.6 + add 0.5": replace(OFF, retype=0.6, add=0.5),
    "retype 0.2 + veto 0.95 + add 0.5": replace(OFF, retype=0.2, veto=0.95, add=0.5),
    "v3 + arguments 0.5": replace(V3, arguments=0.5),
    "v3 + arguments 0.6": replace(V3, arguments=0.6),
    "v3 + arguments 0.7": replace(V3, arguments=0.7),
    "v3 + arguments 0.8": replace(V3, arguments=0.8),
    "v3 + arguments 0.9": replace(V3, arguments=0.9),
}
KEEP = {"corpus": ("typed_f1", "typed_macro_f1", "event_f1", "source_country_f1", "target_country_f1"),
        "articles": ("checks_held",), "records": ("event_accuracy", "event_macro_f1", "relation_precision", "relation_recall"), "seed": ("relation_precision", "relation_recall"),
        "plover": ("event_macro_f1", "event_accuracy", "quad_accuracy", "source_country_f1", "target_country_f1")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", default="corpus,articles,records,seed,plover")
    ap.add_argument("--settings", help="comma-separated names of SETTINGS to run (default: all)")
    ap.add_argument("--model", type=Path, help="an event model folder other than the packaged one")
    a = ap.parse_args()
    benchmarks = a.only.split(",")
    nlp = load_or_build(None, True)
    relations = nlp.get_pipe("accord_relations")
    if a.model:
        nlp.get_pipe("accord_events").model = EventModel.load(a.model)
    chosen = a.settings.split(",") if a.settings else list(SETTINGS)
    out = {}
    for name in chosen:
        relations.learned = SETTINGS[name]
        t0 = time.process_time()
        res = evaluate_all(benchmarks=benchmarks)
        row = {f"{b}.{m}": round(res[b]["metrics"][m]["engine"], 3)
               for b in benchmarks for m in KEEP[b] if m in res[b]["metrics"]}
        row["cpu_s"] = round(time.process_time() - t0, 1)
        out[name] = row
        print(name, json.dumps(row), flush=True)
    if a.json:
        a.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
