"""``accord search``: the relations and claims of any source of tables whose evidence matches words, an actor, dates."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``accord search``."""
    parser.add_argument("source", help="a Parquet dataset or a folder of CSV/Parquet tables (accord annotate --out), "
                                       "or a corpus (file, folder, glob, JSONL), annotated now")
    parser.add_argument("--lexicon", default=None, help="an analyst's lexicon to annotate a corpus with")
    parser.add_argument("--words", nargs="+", default=None, metavar="WORD",
                        help="words or quoted phrases that must all begin a word of the evidence sentence")
    parser.add_argument("--actor", default=None, help="an actor code (RUS also finds RUSGOV) or name, either side")
    parser.add_argument("--from", dest="start", default=None, metavar="DATE", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", default=None, metavar="DATE", help="last day, YYYY-MM-DD")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="rows printed (default 50; 0: all)")
    parser.add_argument("--csv", default=None, metavar="FILE",
                        help="also write every matching row to FILE (cells neutralised for spreadsheets)")


def run(args: argparse.Namespace) -> int:
    """Print the matches in corpus order, each with its evidence sentence."""
    from ..analysis.search import search
    from ..tables import neutralise_frame
    from ..terminal import printable

    hits = search(args.source, words=args.words, actor=args.actor, start=args.start, end=args.end,
                  lexicon=args.lexicon)
    shown = hits if args.limit == 0 else hits.head(args.limit)
    for r in shown.itertuples():
        date = r.date if isinstance(r.date, str) else "undated"
        mark = "" if r.dated_by == "event" else " (document date)"
        status = f" {r.status}" if isinstance(r.status, str) else ""
        fixed = f"  [corrected: {r.corrected}]" if isinstance(r.corrected, str) else ""
        # article text (evidence, UNK:<name> codes, ids from file names): its escape sequences shown, not run
        print(printable(f"{date}{mark}  {r.kind} {r.row_id}: {r.source or '?'} -> {r.target or '?'} "
                        f"{r.what}{status}{fixed}"))
        print(f"    {printable(r.evidence)}")
    more = f" (first {len(shown)} shown; --limit 0 for all)" if len(shown) < len(hits) else ""
    print(f"{len(hits)} matching rows{more}")
    if args.csv:
        neutralise_frame(hits).to_csv(args.csv, index=False, lineterminator="\n")
        print(f"wrote {printable(args.csv)}")
    return 0
