"""``accord actors --unresolved SOURCE``: the names the lexicon does not know, by frequency, and a lexicon stub."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``accord actors``."""
    parser.add_argument("--unresolved", required=True, metavar="SOURCE",
                        help="a corpus (file, folder, glob, JSONL: annotated now), a Parquet dataset or a folder "
                             "of tables: list its unresolved names (UNK:...) by frequency with a sample sentence")
    parser.add_argument("--out", default=None, metavar="STUB.yaml",
                        help="write a lexicon stub to fill in (then: accord annotate --lexicon STUB.yaml)")
    parser.add_argument("--lexicon", default=None, help="an analyst's lexicon to annotate a corpus with")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="names printed (default 50; 0: all)")


def run(args: argparse.Namespace) -> int:
    """Print the unresolved names; write the stub when asked."""
    from ..analysis.stub import lexicon_stub
    from ..analysis.unresolved import unresolved_names
    from ..dataset.source import open_tables
    from ..terminal import printable

    names = unresolved_names(open_tables(args.unresolved, args.lexicon, progress=True))
    shown = names if args.limit == 0 else names.head(args.limit)
    for r in shown.itertuples():
        print(f"{r.n_mentions:>6}  {printable(r.name)}  ({r.n_docs} document{'s' if r.n_docs != 1 else ''})")
        print(f"        e.g. {printable(r.example)}")  # article text: its escape sequences shown, not run
    more = f" (first {len(shown)} shown; --limit 0 for all)" if len(shown) < len(names) else ""
    print(f"{len(names)} unresolved names{more}")
    if args.out:
        Path(args.out).write_text(lexicon_stub(names, args.unresolved), encoding="utf-8")
        out = printable(args.out)
        print(f"wrote a lexicon stub to {out}: uncomment and fill in its lines, then "
              f"accord annotate ... --lexicon {out}")
    return 0
