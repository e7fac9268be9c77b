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
from typing import Any, Callable, Iterable, Iterator
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc
from dataclasses import dataclass, field

from . import tables
from .corrections import Correction, apply_corrections, load_corrections, summary as corrections_summary
from .errors import AccordError, InputError
from .lexicon import Lexicon
from .lexicon.load import check_lexicon_files
from .pipeline import build_pipeline
from .pipeline.actors import UNRESOLVED
from .pipeline.cache import lexicon_of, load_or_build
from .pipeline.eventmodel import EventModel, model_id
from .readers import Document, ReadError, iter_corpus
from .terminal import printable


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

    def evidence_of(sent: int, start: int, end: int) -> str:
        # the row's sentence, or the sentences its words run across (a quote cut by the long-sentence split)
        first, last = min(sent, sent_of[start]), max(sent, sent_of[end - 1])
        if first == last:
            return evidence[sent]
        return text[sents[first].start_char:sents[last].end_char].strip()

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
            "trigger": doc[r.trigger_start:r.trigger_end].text, "evidence": evidence_of(r.sent, r.start, r.end), "corrected": None,
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
            "evidence": evidence_of(c.sent, c.start, c.end), "corrected": None,
        })
    return {"mentions": mentions, "relations": relations, "claims": claims}


def annotate_document(nlp: Language, document: Document) -> Rows:
    """Rows of the mentions, relations and claims tables for one document.

    Raises :class:`InputError` for a text longer than the pipeline's ``max_length``
    (before spaCy, whose own error speaks of its settings, not of the document).
    """
    if len(document.text) > nlp.max_length:
        raise InputError(document.path, f"text is {len(document.text):,} characters, more than the "
                                        f"{nlp.max_length:,} accord annotates in one document "
                                        f"(split it into articles)", document.line)
    doc = nlp.make_doc(document.text)
    doc._.date = document.date  # the components resolve roles and relative dates against it
    return doc_rows(nlp(doc), document.doc_id)


@dataclass
class Outcome:
    """What one item of a corpus gave: its rows, or the row of the errors table and the message for stderr."""

    item: Document | ReadError
    rows: Rows = field(default_factory=dict)
    error: dict[str, Any] | None = None
    message: str = ""
    trace: str = ""  # the traceback of a failed annotation

    @property
    def kind(self) -> str:
        """"doc", "failed" or "read_error" (the dataset's manifest records it)."""
        if isinstance(self.item, ReadError):
            return "read_error"
        return "failed" if self.error else "doc"


def failure_row(document: Document, problem: str) -> dict[str, Any]:
    """The errors-table row of a document whose annotation failed."""
    return {"path": document.path, "line": document.line, "doc_id": document.doc_id,
            "stage": "annotate", "error": problem}


def annotate_item(nlp: Language, item: Document | ReadError) -> Outcome:
    """Annotate one document; a read error, or a document whose annotation raises, becomes an error row."""
    if isinstance(item, ReadError):
        return Outcome(item, error=item.as_row(), message=f"accord: skipped {item}")
    try:
        return Outcome(item, rows=annotate_document(nlp, item))
    except InputError as exc:  # a document accord refuses: its own words, no traceback
        return Outcome(item, error=failure_row(item, exc.problem),
                       message=f"accord: {item.path}: annotation failed: {exc.problem}")
    except Exception as exc:  # one bad document never costs the others
        problem = f"{type(exc).__name__}: {exc}"
        return Outcome(item, error=failure_row(item, problem),
                       message=f"accord: {item.path}: annotation failed: {problem}",
                       trace=traceback.format_exc(limit=3))


def collect(outcome: Outcome, rows: Rows) -> None:
    """Add an outcome's rows to ``rows`` (documents, errors and the per-document tables)."""
    if outcome.error is not None:
        rows["errors"].append(outcome.error)
        return
    rows["documents"].append(outcome.item.as_row())
    for name in DOC_TABLES:
        rows[name].extend(outcome.rows[name])


def _documents_from_frame(df: pd.DataFrame) -> Iterator[Document | ReadError]:
    for row in df.to_dict("records"):
        clean = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        try:
            yield Document(doc_id=str(clean["doc_id"]), path=str(clean.get("path") or ""), text=str(clean["text"]),
                           title=clean.get("title"), date=clean.get("date"), source=clean.get("source"),
                           url=clean.get("url"))
        except InputError as exc:  # text that is not valid Unicode: this row only
            yield ReadError(path=exc.path, problem=exc.problem, line=exc.line)
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
# the engines an analyst can choose (``--engine``): v2 reads arguments from the trained parser
# (the default), v1 from word order alone (faster, less accurate; kept for comparison)
ENGINES = {"v2": True, "v1": False}


def pipeline_for(version: str, lexicon: Callable[[], Lexicon], syntax: bool = True,
                 events_model: str | Path | None = None) -> Language:
    """The pipeline over the lexicon of ``version``, built once per process (building it costs seconds;
    running it is stateless). ``lexicon`` gives the Lexicon when the pipeline must be built;
    ``syntax`` (engine v2, the default) adds the trained parser (see :func:`accord.pipeline.build_pipeline`);
    ``events_model``: an event model folder in place of the packaged one."""
    key = f"{version}+syntax" if syntax else version
    if events_model is not None:
        key += f"+events:{Path(events_model).resolve()}:{model_id(events_model)}"
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(lexicon(), syntax=syntax, events_model=events_model)
    return _PIPELINES[key]


def check_events_model(folder: str | Path | None, syntax: bool = True) -> None:
    """Refuse an event model folder that cannot be used: missing, not a folder, files whose checksums
    differ from its card, arrays that need pickle (:meth:`EventModel.load`), or engine v1, which
    reads no parse for the model to score."""
    if folder is None:
        return
    if not syntax:
        raise AccordError(f"{folder}: an event model needs engine v2 (it reads the parse); not with engine v1")
    if not Path(folder).is_dir():
        raise AccordError(f"{folder}: no such model folder (`accord learn --out` writes one)")
    EventModel.load(folder)


def annotate(
    corpus: str | Path | pd.DataFrame | Iterable[Document],
    lexicon: Lexicon | str | Path | None = None,
    progress: bool = False,
    syntax: bool = True,
    corrections: str | Path | list[Correction] | None = None,
    events_model: str | Path | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate a corpus into the six tables: documents, mentions, actors, relations, claims, errors.

    ``corpus`` is a file, folder, glob or JSONL path, a documents table from
    :func:`accord.read_corpus`, or an iterable of :class:`accord.readers.Document`.
    ``lexicon`` is a Lexicon, an analyst's YAML file that extends the packaged
    lexicon, or None for the packaged one alone. ``syntax`` (engine v2, the
    default) reads arguments from the trained dependency parser; False gives
    engine v1, word order only (faster, less accurate). ``corrections`` is an
    analyst's corrections file (or its loaded entries), applied to the relations
    and claims (see :mod:`accord.corrections`); checked before the corpus is read.
    ``events_model`` is an event model folder (``accord learn`` writes one) used in place of the
    packaged one; it is checked before use (:func:`check_events_model`).
    """
    check_events_model(events_model, syntax)
    if isinstance(lexicon, Lexicon):
        lex = lexicon
        nlp = pipeline_for(lex.version, lambda: lex, syntax, events_model)
    else:  # from files: the built pipeline is cached on disk (accord.pipeline.cache)
        check_lexicon_files(lexicon)  # the cache reads the file itself: a FIFO or a huge file is refused first
        nlp = load_or_build(lexicon, syntax, events_model=events_model)
        lex = lexicon_of(nlp)
    fixes = load_corrections(corrections, lex) if isinstance(corrections, (str, Path)) else corrections
    rows: Rows = {name: [] for name in ("documents", "errors", *DOC_TABLES)}
    items = iter_documents(corpus)
    if progress:
        from tqdm.auto import tqdm

        items = tqdm(items, unit="doc", disable=not sys.stderr.isatty())
    for item in items:
        outcome = annotate_item(nlp, item)
        if outcome.message:
            print(printable(outcome.message, newlines=True), file=sys.stderr)
            sys.stderr.write(printable(outcome.trace, newlines=True))
        collect(outcome, rows)
    out = {name: tables.frame(name, rows[name]) for name in ("documents", *DOC_TABLES, "errors")}
    if fixes is not None:
        out, report = apply_corrections(out, fixes, lex)
        print(printable(corrections_summary(report), newlines=True), file=sys.stderr)
    counts = Counter()
    for name in ACTOR_COLUMNS:
        count_actors(name, out[name], counts)
    out["actors"] = tables.frame("actors", actor_rows(counts, lex))
    return {name: out[name] for name in tables.TABLE_NAMES}
