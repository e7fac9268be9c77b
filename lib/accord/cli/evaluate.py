"""``accord evaluate``: run the benchmarks and print their scores as a table, Markdown, details or JSON."""
from __future__ import annotations
import argparse
import json
from pathlib import Path
from ..annotation import ENGINES
from ..errors import AccordError
from ..evaluate.common import PLOVER_DEFAULT, RECORDS_DEFAULT, SEED_GOLD_DEFAULT, BENCHMARKS
from ..evaluate.run import evaluate_all
from ..evaluate.summary import format_details, format_markdown, format_table, to_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plover", metavar="PATH", help=f"PLOVER gold JSONL (default: {PLOVER_DEFAULT} beside the repository)")
    parser.add_argument("--records", metavar="DIR", help=f"sentence records folder (default: {RECORDS_DEFAULT})")
    parser.add_argument("--seed-gold", metavar="PATH", help=f"seed gold YAML (default: {SEED_GOLD_DEFAULT})")
    parser.add_argument("--attributions", metavar="PATH", help="attribution development set YAML (default: tests/gold/attributions_dev.yaml)")
    parser.add_argument("--probe", metavar="PATH", help="actor probe YAML (default: tests/probes/actors.yaml)")
    parser.add_argument("--cameo", metavar="PATH", help="CAMEO probe YAML (default: tests/probes/cameo.yaml)")
    parser.add_argument("--articles", metavar="DIR", help="analyst articles with their checks (default: tests/articles)")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="v2",
                        help="v2 (default): arguments from the trained dependency parser; v1: word order")
    parser.add_argument("--model", metavar="DIR", help="an event model folder written by `accord learn` "
                        "(default: the packaged model)")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated benchmarks to run: " + ",".join(BENCHMARKS))
    parser.add_argument("--json", metavar="FILE", help="also write the scores as JSON to FILE")
    parser.add_argument("--details", action="store_true", help="print an error analysis after the table")
    parser.add_argument("--corrections", metavar="FILE",
                        help="score the engine on CORPUS against an analyst's corrections file instead")
    parser.add_argument("corpus", nargs="?", help="the corpus the corrections are about (with --corrections)")
    parser.add_argument("--lexicon", default=None, help="an analyst's lexicon (with --corrections)")
    parser.add_argument("--write-records", metavar="FILE",
                        help="with --corrections: also write the gold sentence records (tests/records format)")
    parser.add_argument("--markdown", action="store_true",
                        help="print the scores as a markdown section for the README (stamped with date and commit)")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "corrections", None) or getattr(args, "corpus", None):
        return _run_corrections(args)
    chosen = BENCHMARKS
    if getattr(args, "only", None):
        chosen = tuple(b.strip() for b in args.only.split(",") if b.strip())
        bad = [b for b in chosen if b not in BENCHMARKS]
        if bad:
            raise AccordError(f"unknown benchmark(s) {', '.join(bad)}: choose from {', '.join(BENCHMARKS)}")
    results = evaluate_all(args.plover, args.records, args.seed_gold, chosen,
                           getattr(args, "attributions", None), getattr(args, "probe", None),
                           ENGINES[getattr(args, "engine", "v2")], getattr(args, "articles", None),
                           getattr(args, "model", None), getattr(args, "cameo", None))
    print(format_markdown(results) if args.markdown else format_table(results))
    if args.details:
        print()
        print(format_details(results))
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(results), indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return 0


def _run_corrections(args: argparse.Namespace) -> int:
    """``accord evaluate --corrections FILE CORPUS``: the analyst's corrections as gold records."""
    from ..evaluate.corrections import evaluate_corrections, format_corrections

    if not (args.corrections and args.corpus):
        raise AccordError("--corrections FILE and a CORPUS go together: accord evaluate --corrections FILE CORPUS")
    result = evaluate_corrections(args.corpus, args.corrections, args.lexicon, args.write_records)
    print(format_corrections(result))
    if args.write_records:
        print(f"wrote {result['n']} gold sentence records to {args.write_records} "
              f"(score them later with accord evaluate --records DIR)")
    return 0
