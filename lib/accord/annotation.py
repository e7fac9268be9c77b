"""From documents to tables: run the pipeline and turn each Doc into table rows.

:func:`annotate` is the library's main entry point. Documents are streamed:
only the rows of the tables are kept, never the spaCy Docs, so memory grows
with the tables and not with the text. A document that fails is listed in the
errors table (and on stderr) and the others are annotated.
"""
from __future__ import annotations
import itertools
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc
from dataclasses import dataclass, field

from . import tables
from .corrections import Correction, apply_corrections, load_corrections, summary as corrections_summary
from .errors import InputError
from .engine import ENGINES, Engine  # noqa: F401 -- ENGINES: cli/annotate.py and cli/evaluate.py read it here
from .lexicon import Lexicon
from .lexicon.load import analyst_actors
from .pipeline.actors import UNRESOLVED
from .readers import Corpus, Document, ReadError, iter_corpus
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
            "location": doc[r.location[0]:r.location[1]].text if r.location else None,
            "location_country": r.location_country,
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


def iter_documents(corpus: str | Path | Corpus | pd.DataFrame | Iterable[Document]) -> Iterator[Document | ReadError]:
    """Documents (and read errors) from a path, a corpus read whole, a documents table, or Documents."""
    if isinstance(corpus, (str, Path)):
        return iter_corpus(corpus)
    if isinstance(corpus, Corpus):  # its read errors travel with it
        return itertools.chain(_documents_from_frame(corpus.documents), corpus.errors)
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


def unmatched_actors(lexicon_file: str | Path | None, entities: Iterable[Any]) -> str | None:
    """A message naming the actor entries of the analyst's ``lexicon_file`` that no mention matched (``entities``:
    the mentions table's entity column), or None when every entry matched something."""
    if lexicon_file is None:
        return None
    seen = {e for e in entities if isinstance(e, str)}
    missing = [a for a in analyst_actors(lexicon_file) if a.name not in seen]
    if not missing:
        return None
    shown = ", ".join(f"{a.name} ({a.code_at(None)})" for a in missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    one = len(missing) == 1
    return (f"accord: {lexicon_file}: {len(missing)} actor entr{'y matches' if one else 'ies match'} nothing in "
            f"the corpus: {shown}{more} (a name of one word matches only as written, a longer one in any case)")


def annotate(
    corpus: str | Path | Corpus | pd.DataFrame | Iterable[Document],
    lexicon: Lexicon | str | Path | Engine | None = None,
    progress: bool = False,
    syntax: bool = True,
    corrections: str | Path | list[Correction] | None = None,
    report: list | None = None,
    events_model: str | Path | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate a corpus into the six tables: documents, mentions, actors, relations, claims, errors.

    ``corpus`` is a file, folder, glob or JSONL path, a documents table from
    :func:`accord.read_corpus` (a :class:`~accord.readers.Corpus`, its read errors included), or an iterable of :class:`accord.readers.Document`.
    ``lexicon`` is a Lexicon, an analyst's YAML file that extends the packaged
    lexicon, None for the packaged one alone, or the run's :class:`~accord.engine.Engine`
    (then ``syntax`` is the engine's). ``syntax`` (engine v2, the
    default) reads arguments from the trained dependency parser; False gives
    engine v1, word order only (faster, less accurate). ``corrections`` is an
    analyst's corrections file (or its loaded entries), applied to the relations
    and claims (see :mod:`accord.corrections`); checked before the corpus is read;
    the report of each correction is appended to ``report`` when given. ``events_model`` is an
    event model folder (``accord learn`` writes one) used in place of the packaged one; it is
    checked before use (:func:`accord.engine.check_events_model`).
    """
    engine = Engine.load(lexicon, syntax, events_model=events_model)  # files: the pipeline is cached on disk
    nlp, lex = engine.nlp, engine.lexicon
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
        out, done = apply_corrections(out, fixes, lex)
        print(printable(corrections_summary(done), newlines=True), file=sys.stderr)
        if report is not None:
            report.append(done)
    counts = Counter()
    for name in ACTOR_COLUMNS:
        count_actors(name, out[name], counts)
    out["actors"] = tables.frame("actors", actor_rows(counts, lex))
    if isinstance(lexicon, (str, Path)):
        unmatched = unmatched_actors(lexicon, out["mentions"]["entity"])
        if unmatched:
            print(printable(unmatched, newlines=True), file=sys.stderr)
    return {name: out[name] for name in tables.TABLE_NAMES}
