"""``accord learn``: an analyst's corrections -> an event model folder, measured, written only if the guard passes."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..learn.run import Settings, learn
from ..terminal import printable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``accord learn``."""
    parser.add_argument("corpus", help="the documents the corrections are about (a file, folder, glob or JSONL)")
    parser.add_argument("--corrections", action="append", required=True, metavar="FILE",
                        help="an analyst's corrections YAML (repeat for several files)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="the model folder to write (new, or one accord learn wrote before)")
    parser.add_argument("--weight", type=float, default=Settings.weight,
                        help=f"each corrected row counts as this many corpus examples (default {Settings.weight:g})")
    parser.add_argument("--folds", type=int, default=Settings.k,
                        help=f"folds of the cross-validation by document (default {Settings.k})")
    parser.add_argument("--veto", type=float, default=Settings.veto,
                        help="with the learned model, a rule's trigger it reads as no event with this probability "
                             f"gives no relation (default {Settings.veto:g}; 1: off, as the packaged engine)")
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON")


def _pct(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: dict[str, Any]) -> str:
    """The report an analyst reads: counts, what could not teach and why, the scores, the verdict."""
    c, s = report["counts"], report["scores"]
    lines = [f"corrections: {c['corrections']}  rows corrected: {c['rows_corrected']}  teaching rows: "
             f"{c['teaching_rows']} {c['teaching_labels']}  documents: {c['documents']}  cannot teach: "
             f"{c['cannot_teach']}"]
    for r in report["cannot_teach"]:
        lines.append(f"  cannot teach: {r['where']} (doc {r['doc']}): {r['reason']}")
    cv = s["cross_validation"]
    if "skipped" in cv:
        lines.append(f"cross-validation: skipped: {cv['skipped']}")
    else:
        lines.append(f"cross-validation on the corrections ({cv['k']} folds by document, {cv['rows']} rows):"
                     "  field  n  packaged  learned")
        for key in ("event_type", "source", "target", "status"):
            b, a = cv["before"][key], cv["after"][key]
            note = "" if key == "event_type" else "  (rules: not learned)"
            lines.append(f"  {key:<10} {a['n']:>4}  {_pct(b['accuracy'])}  {_pct(a['accuracy'])}{note}")
    lines.append("dev sets: metric  packaged  learned")
    for bench, metrics in s["dev_before"].items():
        for name, was in metrics.items():
            lines.append(f"  {bench:<11} {name:<20} {was:.3f}  {s['dev_after'][bench][name]:.3f}")
    cb, ca = s["corpus_test_before"], s["corpus_test_after"]
    lines.append(f"  corpus test word F1 {cb['f1']:.3f}  {ca['f1']:.3f}; typing accuracy "
                 f"{cb['typing_accuracy']:.3f}  {ca['typing_accuracy']:.3f}")
    for lemma, was in s["corpus_words_taught_before"].items():
        now = s["corpus_words_taught_after"][lemma]
        lines.append(f"  corpus uses of '{lemma}' ({was['n']}): agreement {was['agreement']:.3f}  {now['agreement']:.3f}")
    if report["written"]:
        lines.append(f"wrote the model to {report['out']} (use it: accord annotate --model {report['out']})")
    else:
        lines.append("refused: the model is not written, because")
        lines += [f"  {r}" for r in report["refused_because"]]
    return "\n".join(printable(line) for line in lines)


def run(args: argparse.Namespace) -> int:
    """Learn, print the report; exit 1 when the guard refuses the model."""
    settings = Settings(weight=args.weight, k=args.folds, veto=args.veto)
    report = learn(args.corpus, args.corrections, args.out, settings,
                   log=lambda msg: print(f"accord learn: {printable(msg)}", file=sys.stderr))
    print(format_report(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=list) + "\n", encoding="utf-8")
    return 0 if report["written"] else 1
