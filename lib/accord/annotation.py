"""From documents to tables: run the pipeline and turn each Doc into table rows.

:func:`annotate` is the library's main entry point. Documents are streamed:
only the rows of the tables are kept, never the spaCy Docs, so memory grows
with the tables and not with the text. A document that fails is listed in the
errors table (and on stderr) and the others are annotated.
"""
from __future__ import annotations

import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from . import tables
from .actors import UNRESOLVED
from .lexicon import Lexicon, load_lexicon
from .pipeline import build_pipeline, process
from .readers import Document, ReadError, iter_corpus

Rows = dict[str, list[dict[str, Any]]]
DOC_TABLES = ("mentions", "relations", "claims")


def doc_rows(doc: Doc, doc_id: str) -> Rows:
    """Rows of the mentions, relations and claims tables for one processed Doc."""
    sents = list(doc.sents)
    text = doc.text  # spaCy rebuilds it from the tokens on every access
    evidence = [s.text.strip() for s in sents]  # a sentence's span may start with the line break before it
    sent_of = {}
    for n, s in enumerate(sents):
        for k in range(s.start, s.end):
            sent_of[k] = n

    def chars(start: int, end: int) -> tuple[int, int]:
        # whitespace tokens at the edges are not words of the row (and not in the stripped evidence)
        while end - start > 1 and doc[start].is_space:
            start += 1
        while end - start > 1 and doc[end - 1].is_space:
            end -= 1
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])

    mentions = []
    for m in doc._.mentions:
        a, b = chars(m.start, m.end)
        for code in m.codes:
            mentions.append({"doc_id": doc_id, "sent_id": sent_of[m.start], "start": a, "end": b,
                             "text": text[a:b], "actor_id": code, "entity": m.entity, "kind": m.kind})
    claim_ids = {c.index: f"{doc_id}:C{n + 1:03d}" for n, c in enumerate(doc._.claims)}
    relation_ids = [f"{doc_id}:R{n + 1:03d}" for n in range(len(doc._.relations))]
    relations = []
    for rid, r in zip(relation_ids, doc._.relations):
        a, b = chars(r.start, r.end)
        relations.append({
            "relation_id": rid, "doc_id": doc_id, "sent_id": r.sent, "start": a, "end": b,
            "source": r.source, "target": r.target, "event_type": r.event_type, "mode": r.mode,
            "context": r.context, "quad_class": r.quad_class, "score": r.score, "cameo": r.cameo,
            "goldstein": r.goldstein, "status": r.status,
            "claim_id": claim_ids.get(r.claim) if r.claim is not None else None, "date": r.date,
            "trigger": doc[r.trigger_start:r.trigger_end].text, "evidence": evidence[r.sent],
        })
    claims = []
    for c in doc._.claims:
        a, b = chars(c.start, c.end)
        ca, cb = chars(c.content_start, c.content_end)
        claims.append({
            "claim_id": claim_ids[c.index], "doc_id": doc_id, "sent_id": c.sent, "start": a, "end": b,
            "source": c.source,
            "source_text": doc[c.source_span[0]:c.source_span[1]].text if c.source_span else None,
            "cue": c.cue, "stance": c.stance, "content": text[ca:cb], "quote": c.quote, "about": c.about,
            "relations": [relation_ids[r] for r in c.relations],
            "contests": claim_ids.get(c.contests) if c.contests is not None else None,
            "evidence": evidence[c.sent],
        })
    return {"mentions": mentions, "relations": relations, "claims": claims}


def annotate_document(nlp: Language, document: Document) -> Rows:
    """Rows of the mentions, relations and claims tables for one document."""
    return doc_rows(process(nlp, document.text, document.date), document.doc_id)


def _documents_from_frame(df: pd.DataFrame) -> Iterator[Document | ReadError]:
    for row in df.to_dict("records"):
        clean = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        yield Document(doc_id=str(clean["doc_id"]), path=str(clean.get("path") or ""), text=str(clean["text"]),
                       title=clean.get("title"), date=clean.get("date"), source=clean.get("source"), url=clean.get("url"))
    for err in df.attrs.get("errors", []):
        yield ReadError(path=err["path"], problem=err["error"], line=err.get("line"))


def iter_documents(corpus: str | Path | pd.DataFrame | Iterable[Document]) -> Iterator[Document | ReadError]:
    """Documents (and read errors) from a path, a documents table, or an iterable of Documents."""
    if isinstance(corpus, (str, Path)):
        return iter_corpus(corpus)
    if isinstance(corpus, pd.DataFrame):
        return _documents_from_frame(corpus)
    return iter(corpus)


# the columns of each table that hold actor codes
ACTOR_COLUMNS = {"mentions": ("actor_id",), "relations": ("source", "target"), "claims": ("source", "about")}


def count_actors(name: str, df: pd.DataFrame, counts: Counter | None = None) -> Counter:
    """Add the actor codes of table ``name`` (mentions, relations or claims) to ``counts``.

    Mentions are counted; a code seen only in a relation or claim is added with 0.
    """
    counts = Counter() if counts is None else counts
    if name == "mentions":
        counts.update(df["actor_id"].tolist())
        return counts
    for col in ACTOR_COLUMNS[name]:
        for codes in df[col]:
            for code in codes:
                counts[code] += 0
    return counts


def actor_rows(counts: Counter, lexicon: Lexicon) -> list[dict[str, Any]]:
    """One row per actor code in ``counts`` (see :func:`count_actors`), with its mention count."""
    by_code: dict[str, Any] = {}
    for entry in lexicon.actors:
        if entry.code and (entry.code not in by_code or entry.id == entry.code):
            by_code[entry.code] = entry
    rows = []
    for code in sorted(counts):
        if code.startswith(UNRESOLVED):
            rows.append({"actor_id": code, "name": code.partition(":")[2] or code, "kind": "unresolved",
                         "country": None, "sector": None, "n_mentions": counts[code]})
            continue
        country, sector = code[:3], code[3:6] or None
        if code.startswith(("IGO", "NGO", "MNC")):
            entry = by_code.get(code)
            country, sector = code, None
        else:
            entry = by_code.get(country)
        name = entry.name if entry else country
        if sector:
            name = f"{name} ({lexicon.sectors.get(sector, sector).lower()})"
        kind = entry.kind if entry and entry.kind != "person" else ("igo" if code.startswith("IGO") else "state")
        rows.append({"actor_id": code, "name": name, "kind": kind, "country": country,
                     "sector": sector, "n_mentions": counts[code]})
    return rows


_PIPELINES: dict[str, Language] = {}


def pipeline_for(lexicon: Lexicon) -> Language:
    """The pipeline over ``lexicon``, built once per process (building it costs seconds; running it is stateless)."""
    if lexicon.version not in _PIPELINES:
        _PIPELINES[lexicon.version] = build_pipeline(lexicon)
    return _PIPELINES[lexicon.version]


def annotate(
    corpus: str | Path | pd.DataFrame | Iterable[Document],
    lexicon: Lexicon | str | Path | None = None,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Annotate a corpus into the six tables: documents, mentions, actors, relations, claims, errors.

    ``corpus`` is a file, folder, glob or JSONL path, a documents table from
    :func:`accord.read_corpus`, or an iterable of :class:`accord.readers.Document`.
    ``lexicon`` is a Lexicon, an analyst's YAML file that extends the packaged
    lexicon, or None for the packaged one alone.
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    nlp = pipeline_for(lex)
    rows: Rows = {name: [] for name in ("documents", "errors", *DOC_TABLES)}
    items = iter_documents(corpus)
    if progress:
        from tqdm.auto import tqdm

        items = tqdm(items, unit="doc", disable=not sys.stderr.isatty())
    for item in items:
        if isinstance(item, ReadError):
            print(f"accord: skipped {item}", file=sys.stderr)
            rows["errors"].append(item.as_row())
            continue
        try:
            result = annotate_document(nlp, item)
        except Exception as exc:  # one bad document never costs the others
            problem = f"{type(exc).__name__}: {exc}"
            print(f"accord: {item.path}: annotation failed: {problem}", file=sys.stderr)
            traceback.print_exc(limit=3, file=sys.stderr)
            rows["errors"].append({"path": item.path, "line": item.line, "doc_id": item.doc_id,
                                   "stage": "annotate", "error": problem})
            continue
        rows["documents"].append(item.as_row())
        for name in DOC_TABLES:
            rows[name].extend(result[name])
    out = {name: tables.frame(name, rows[name]) for name in ("documents", *DOC_TABLES, "errors")}
    counts = Counter()
    for name in ACTOR_COLUMNS:
        count_actors(name, out[name], counts)
    out["actors"] = tables.frame("actors", actor_rows(counts, lex))
    return {name: out[name] for name in tables.TABLE_NAMES}


# -- the `accord annotate` subcommand --------------------------------------------
def add_arguments(parser) -> None:
    """Arguments of ``accord annotate``."""
    parser.add_argument("path", help="a file, folder, glob or JSONL corpus")
    parser.add_argument("--out", required=True, help="folder for the tables")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                        help="parquet (default): a partitioned, restartable Parquet dataset annotated on Dask; "
                             "csv: six CSV tables annotated in this process, for a few documents")
    parser.add_argument("--lexicon", default=None, help="an analyst's YAML lexicon extending the packaged one")
    scale = parser.add_argument_group("corpus scale (Parquet on Dask)")
    scale.add_argument("--workers", type=int, default=None, metavar="N",
                       help="local Dask worker processes (default: one per core; 0: no Dask, this process)")
    scale.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                       help="run on an existing Dask cluster instead of a local one")
    scale.add_argument("--batch-words", type=int, default=None, metavar="N",
                       help="words per batch of documents sent to a worker (default 20000)")
    scale.add_argument("--overwrite", action="store_true",
                       help="empty the dataset first (needed when the lexicon changed)")


def run(args) -> int:
    """Annotate ``args.path`` and write the tables; prints a short summary."""
    if args.format == "parquet":
        return _run_dataset(args)
    scale_flags = [f for f, v in (("--workers", args.workers), ("--scheduler", args.scheduler),
                                  ("--batch-words", args.batch_words), ("--overwrite", args.overwrite or None))
                   if v is not None]
    if scale_flags:
        from .errors import AccordError

        raise AccordError(f"{', '.join(scale_flags)}: only with --format parquet (a Parquet dataset on Dask)")
    result = annotate(args.path, lexicon=args.lexicon, progress=True)
    written = tables.write_tables(result, args.out, args.format)
    print(summary(result))
    print(f"wrote {len(written)} tables to {args.out}")
    return 1 if result["errors"].shape[0] and not result["documents"].shape[0] else 0


def _run_dataset(args) -> int:
    """``--format parquet``: stream the corpus through Dask into a restartable Parquet dataset."""
    from .scale import DEFAULT_BATCH_WORDS, annotate_dataset

    if args.workers is not None and args.workers < 0:
        from .errors import AccordError

        raise AccordError(f"--workers {args.workers}: must be 0 or more")
    stats = annotate_dataset(args.path, args.out, lexicon=args.lexicon, workers=args.workers,
                             scheduler=args.scheduler, batch_words=args.batch_words or DEFAULT_BATCH_WORDS,
                             overwrite=args.overwrite)
    rate = stats.words / stats.seconds if stats.seconds else 0.0
    print(f"ran on {stats.where}")
    print(f"documents: {stats.seen} read, {stats.annotated} annotated, {stats.skipped} already in the dataset, "
          f"{stats.failed} failed, {stats.read_errors} new read errors  ({stats.words} words in "
          f"{stats.seconds:.1f} s, {rate:,.0f} words/s)")
    print("dataset rows: " + "  ".join(f"{name}: {n}" for name, n in stats.rows.items()))
    print(f"wrote a Parquet dataset to {args.out} (read it with accord.store.read_dataset)")
    return 1 if stats.rows.get("errors") and not stats.rows.get("documents") else 0


def summary(result: dict[str, pd.DataFrame]) -> str:
    """A few lines an analyst reads first: counts, the most mentioned actors, the relations by type."""
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
    return "\n".join(lines)
