"""``accord annotate``: a corpus into six CSV tables (in this process) or a Parquet dataset (on Dask, or in
this process for a corpus of one batch)."""
from __future__ import annotations
import pandas as pd
from ..dataset.source import write_tables
from ..annotation import ENGINES, annotate
from ..corrections import counts_line
from ..errors import AccordError
from ..terminal import printable


# -- the `accord annotate` subcommand --------------------------------------------
def add_arguments(parser) -> None:
    """Arguments of ``accord annotate``."""
    parser.add_argument("path", help="a file, folder, glob or JSONL corpus")
    parser.add_argument("--out", required=True, help="folder for the tables")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                        help="parquet (default): a partitioned, restartable Parquet dataset annotated on Dask "
                             "(in this process when the corpus fits in one batch); "
                             "csv: six CSV tables annotated in this process, for a few documents")
    parser.add_argument("--lexicon", default=None, help="an analyst's YAML lexicon extending the packaged one")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="v2",
                        help="v2 (default): arguments from the trained dependency parser; v1: word order "
                             "only (faster, less accurate)")
    parser.add_argument("--model", default=None, metavar="DIR",
                        help="an event model folder written by `accord learn`, used in place of the packaged one "
                             "(checked first; a Parquet dataset records which model made it)")
    parser.add_argument("--corrections", default=None, metavar="FILE",
                        help="an analyst's corrections YAML applied to the relations and claims (stored in a "
                             "Parquet dataset, replacing the one stored before, and applied whenever it is read)")
    parser.add_argument("--drop-corrections", action="store_true",
                        help="drop the corrections a Parquet dataset stores (without it they are kept, "
                             "also by --overwrite)")
    scale = parser.add_argument_group("corpus scale (Parquet on Dask)")
    scale.add_argument("--workers", type=int, default=None, metavar="N",
                       help="local Dask worker processes (default: one per core, or none when the new documents fit "
                            "in one batch; 0: no Dask, this process)")
    scale.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                       help="run on an existing Dask cluster instead of a local one")
    scale.add_argument("--batch-words", type=int, default=None, metavar="N",
                       help="words per batch of documents sent to a worker (default 20000)")
    scale.add_argument("--overwrite", action="store_true",
                       help="empty the dataset first (needed when the lexicon changed); its stored corrections "
                            "are kept and checked again (--drop-corrections drops them)")
    scale.add_argument("--drop-missing", action="store_true",
                       help="remove the rows of documents that are no longer in the corpus (default: keep them, "
                            "so that several corpora can go into one dataset)")


def run(args) -> int:
    """Annotate ``args.path`` and write the tables; prints a short summary."""
    if args.format == "parquet":
        return _run_dataset(args)
    scale_flags = [f for f, v in (("--workers", args.workers), ("--scheduler", args.scheduler),
                                  ("--batch-words", args.batch_words), ("--overwrite", args.overwrite or None),
                                  ("--drop-missing", args.drop_missing or None))
                   if v is not None]
    if scale_flags:
        raise AccordError(f"{', '.join(scale_flags)}: only with --format parquet (a Parquet dataset on Dask)")
    if args.drop_corrections:
        raise AccordError("--drop-corrections: only with --format parquet (a CSV run keeps no corrections)")
    report: list = []
    result = annotate(args.path, lexicon=args.lexicon, progress=True, syntax=ENGINES[args.engine],
                      corrections=args.corrections, report=report, events_model=args.model)
    written = write_tables(result, args.out, args.format)
    print(summary(result))
    if report:
        print(counts_line(report[0]))
    print(f"wrote {len(written)} tables to {printable(args.out)}")
    return 1 if result["errors"].shape[0] and not result["documents"].shape[0] else 0


def _run_dataset(args) -> int:
    """``--format parquet``: stream the corpus through Dask into a restartable Parquet dataset."""
    from ..dataset.scale import DEFAULT_BATCH_WORDS, annotate_dataset  # Dask costs a second to import

    if args.workers is not None and args.workers < 0:
        raise AccordError(f"--workers {args.workers}: must be 0 or more")
    stats = annotate_dataset(args.path, args.out, lexicon=args.lexicon, workers=args.workers,
                             scheduler=args.scheduler, batch_words=args.batch_words or DEFAULT_BATCH_WORDS,
                             overwrite=args.overwrite, drop_missing=args.drop_missing,
                             syntax=ENGINES[args.engine], corrections=args.corrections,
                             drop_corrections=args.drop_corrections, events_model=args.model)
    rate = stats.words / stats.seconds if stats.seconds else 0.0
    print(f"ran on {stats.where}")
    print(f"documents: {stats.seen} read, {stats.annotated} annotated, {stats.skipped} already in the dataset, "
          f"{stats.failed} failed, {stats.read_errors} new read errors, {stats.dropped} no longer in the corpus "
          f"removed  ({stats.words} words in "
          f"{stats.seconds:.1f} s, {rate:,.0f} words/s)")
    print("dataset rows: " + "  ".join(f"{name}: {n}" for name, n in stats.rows.items()))
    if stats.corrections is not None:
        print(counts_line(stats.corrections))
    print(f"wrote a Parquet dataset to {printable(args.out)} (read it with accord.read_tables)")
    return 1 if stats.rows.get("errors") and not stats.rows.get("documents") else 0


def summary(result: dict[str, pd.DataFrame]) -> str:
    """A few lines an analyst reads first: counts, the most mentioned actors, the relations by type.

    Control characters from the articles are shown escaped (:func:`accord.terminal.printable`).
    """
    docs, rel, cl = result["documents"], result["relations"], result["claims"]
    lines = [
        f"documents: {len(docs)}  errors: {len(result['errors'])}  mentions: {len(result['mentions'])}  "
        f"actors: {len(result['actors'])}  relations: {len(rel)}  claims: {len(cl)}",
    ]
    top = result["actors"].sort_values(["n_mentions", "actor_id"], ascending=[False, True]).head(8)
    lines.append("most mentioned: " + ", ".join(f"{a} ({n})" for a, n in zip(top["actor_id"], top["n_mentions"])))
    for r in rel.itertuples():
        when = r.date if isinstance(r.date, str) else ""
        lines.append(f"  {';'.join(r.source):>16} -> {';'.join(r.target):<16} {r.event_type:<10} {r.status:<12} "
                     f"{when:<8} \"{r.trigger}\"")
    for c in cl.itertuples():
        contest = f" contests {c.contests}" if isinstance(c.contests, str) else ""
        lines.append(f"  claim {c.claim_id}: {';'.join(c.source)} {c.stance} ({c.cue}){contest}")
    return "\n".join(map(printable, lines))  # codes and triggers are article text: escapes shown, not run
