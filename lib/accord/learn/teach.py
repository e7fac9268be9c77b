"""Corrections and their documents -> weighted training examples, and the corrections that cannot teach.

Each correction of a relation's event type names rows of the engine by document and span. The
document is annotated again with the packaged engine; each row the correction names gives its
trigger's head word, and the features of that word (:mod:`accord.pipeline.predicates`) become one
example labelled with the analyst's category (``drop: true``: NONE, not an event). Corrections of
source, target or status are kept for the measures (the rules find those, the model does not), and
every correction that cannot teach is reported with its reason:

- its document is not in the corpus given, or the span runs past the document's end (changed);
- its span holds no row of the engine's (the row the analyst corrected is not one the model made,
  or the document changed since);
- its category is not one the open corpus's guidelines use, or the file's entry does not check;
- it corrects a claim (attribution corrections name source and about, not what the cue model learns).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..annotation import doc_rows, iter_documents
from ..corrections import Correction, matches, parse_each, read_corrections_file
from ..lexicon import Lexicon
from ..pipeline import predicates
from ..pipeline.eventmodel import NONE, lexical_categories
from ..readers import Document
from .train import Example, head_token

FIELDS = ("event_type", "source", "target", "status")


@dataclass
class Target:
    """One corrected row: where its trigger is, what the analyst wants, and the example it teaches."""

    correction: Correction
    doc_id: str
    head: int  # the trigger's head token in the document
    want: dict[str, Any]  # field -> the analyst's value; {"drop": True} for a dropped row
    engine: dict[str, Any]  # field -> the engine's value before learning
    example: Example | None = None  # None when the correction teaches the model nothing


@dataclass
class Lesson:
    """What a set of corrections gives: the rows they name, and those that cannot teach (with reasons)."""

    targets: list[Target] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)  # {where, doc, reason}
    n_corrections: int = 0

    def examples(self, doc_ids: Iterable[str] | None = None) -> list[Example]:
        """The teaching examples (of the documents ``doc_ids`` only, when given)."""
        keep = None if doc_ids is None else set(doc_ids)
        return [t.example for t in self.targets if t.example is not None and (keep is None or t.doc_id in keep)]

    @property
    def documents(self) -> list[str]:
        """The documents with at least one corrected row, sorted."""
        return sorted({t.doc_id for t in self.targets})


def refusal(c: Correction | None, reason: str, where: str = "", doc: str = "") -> dict[str, Any]:
    """A report row of a correction that cannot teach."""
    return {"where": c.where_text if c is not None else where, "doc": c.doc if c is not None else doc,
            "id": c.id if c is not None else None, "reason": reason}


def read_all(paths: list[str | Path], lexicon: Lexicon) -> tuple[list[Correction], list[dict[str, Any]]]:
    """The corrections of every file (in order), and the entries that do not check, as refusals."""
    good, refused = [], []
    for p in paths:
        ok, bad = parse_each(read_corrections_file(p), p, lexicon)
        good += ok
        refused += [refusal(None, f"does not check: {e.problem}",
                            where=f"{e.path}, line {e.line}" if e.line else str(e.path)) for e in bad]
    return good, refused


def row_value(row: dict[str, Any], key: str) -> Any:
    """A row's field as the measures compare it (actor lists as sorted tuples)."""
    value = row.get(key)
    return tuple(sorted(value)) if key in ("source", "target") else value


def want_of(c: Correction) -> dict[str, Any]:
    """What the analyst wants of the rows of ``c``."""
    if c.drop:
        return {"drop": True}
    return {k: (tuple(sorted(v)) if k in ("source", "target") else v) for k, v in c.set.items()}


def example_at(doc, i: int, lexical: dict, goods: dict, label: str) -> Example:
    """The features of token ``i`` (as the event model reads it) with ``label``."""
    parsed = predicates.Parsed.of(doc)
    sent = doc[i].sent
    return predicates.features(parsed, i, lexical.get(i, ()), (sent.start, sent.end), goods), label


def teach(corpus: Any, corrections: list[Correction], nlp, categories: dict, corpus_categories: set[str],
          refused: list[dict[str, Any]] | None = None) -> Lesson:
    """The lesson of ``corrections`` on the documents of ``corpus`` (a path, table or Documents), read
    with ``nlp`` (the packaged engine; ``categories``: the lexicon triggers' categories;
    ``corpus_categories``: the categories the open corpus labels)."""
    lesson = Lesson(refused=list(refused or []), n_corrections=len(corrections) + len(refused or []))
    by_doc: dict[str, list[Correction]] = {}
    for c in corrections:
        by_doc.setdefault(c.doc, []).append(c)
    relations = nlp.get_pipe("accord_relations")
    goods = predicates.goods_words(relations.lexicon.resources)
    found: set[str] = set()
    for item in iter_documents(corpus):
        if not isinstance(item, Document):
            continue
        names = [n for n in (item.doc_id, item.path) if n in by_doc]
        if not names:
            continue
        found.update(names)
        doc = nlp.make_doc(item.text)
        doc._.date = item.date
        doc = nlp(doc)
        rows = doc_rows(doc, item.doc_id)["relations"]
        rels = list(doc._.relations)
        lexical = lexical_categories(doc, relations.matcher, categories)
        for name in names:
            for c in by_doc[name]:
                lesson_of(c, item, doc, rows, rels, lexical, goods, corpus_categories, lesson)
    for name, cs in by_doc.items():
        if name not in found:
            lesson.refused += [refusal(c, "its document is not in the corpus given") for c in cs]
    return lesson


def lesson_of(c: Correction, item: Document, doc, rows: list[dict], rels: list, lexical: dict, goods: dict,
              corpus_categories: set[str], lesson: Lesson) -> None:
    """Add what correction ``c`` teaches (or why it cannot) to ``lesson``."""
    if c.table != "relations":
        lesson.refused.append(refusal(c, "corrects a claim: attributions are kept as fixes, not learned "
                                         "(the cue model learns cues, which corrections do not name)"))
        return
    if c.end > len(item.text):
        lesson.refused.append(refusal(c, f"span ends at {c.end}, past the document's {len(item.text)} "
                                         "characters: the document changed since the correction was written"))
        return
    category = c.set.get("event_type")
    if category is not None and category not in corpus_categories:
        lesson.refused.append(refusal(c, f"event type {category} is not a category of the open corpus's "
                                         "guidelines (training/corpus/ANNOTATION.md)"))
        return
    hits = [k for k, row in enumerate(rows) if matches(row, c)]
    if not hits:
        lesson.refused.append(refusal(c, "no row of the engine's in its span: the row corrected is not one "
                                         "the model made, or the document changed"))
        return
    heads = set()
    for k in hits:
        r = rels[k]
        head = head_token(doc, list(range(r.trigger_start, r.trigger_end)))
        if head in heads:  # one word, one example: a joint act's two rows teach once
            continue
        heads.add(head)
        label = NONE if c.drop else category
        example = example_at(doc, head, lexical, goods, label) if label is not None else None
        engine = {key: row_value(rows[k], key) for key in FIELDS}
        lesson.targets.append(Target(c, item.doc_id, head, want_of(c), engine, example))
