"""The learned event model: for each predicate, is it a PLOVER event, and of which category?

A multinomial logistic regression over the sparse binary features of
:mod:`accord.pipeline.predicates`, trained on the open corpus (``training/corpus/``,
``make model``). It ships as data that runs no code when loaded: a JSON card (classes,
feature names, checksums) and an ``.npz`` of float32 weights read with
``allow_pickle=False``; both files are checked against the card's sha256 before use.

The spaCy component ``accord_events`` sets ``doc._.predicates``: for each predicate the most
probable category other than NONE, its probability and NONE's. The relations component
decides what to do with them (see :mod:`accord.pipeline.relations`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from spacy.tokens import Doc

from ..errors import AccordError
from ..paths import EVENT_MODEL
from .phrases import PhraseTable
from .predicates import Parsed, features, is_predicate

NONE = "NONE"
CARD = "model.json"
WEIGHTS = "weights.npz"
VOCAB = "features.json"


@dataclass(frozen=True)
class Predicate:
    """A word the model reads as an event: token ``i``, its ``category`` and the probabilities."""

    i: int
    category: str
    p: float  # of ``category``
    p_none: float
    others: tuple[tuple[str, float], ...] = ()  # the other categories at 0.01 or more

    def p_of(self, category: str) -> float:
        """The probability of ``category`` here (0 below 0.01)."""
        if category == self.category:
            return self.p
        return dict(self.others).get(category, 0.0)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class EventModel:
    """Weights and feature names of a trained event model (see :meth:`load`)."""

    def __init__(self, classes: list[str], feature_names: list[str], weights: np.ndarray, bias: np.ndarray,
                 card: dict | None = None) -> None:
        if weights.shape != (len(feature_names), len(classes)) or bias.shape != (len(classes),):
            raise AccordError(f"event model: weights {weights.shape} and bias {bias.shape} do not fit "
                              f"{len(feature_names)} features and {len(classes)} classes")
        if NONE not in classes:
            raise AccordError("event model: no NONE class")
        self.classes = classes
        self.index = {name: k for k, name in enumerate(feature_names)}
        self.weights = weights
        self.bias = bias
        self.none = classes.index(NONE)
        self.card = card or {}
        # the lemmas the corpus labels as events: other words are read only where a lexicon trigger starts
        self.lemmas: frozenset[str] | None = frozenset(self.card["event_lemmas"]) if "event_lemmas" in self.card else None

    @classmethod
    def load(cls, folder: str | Path = EVENT_MODEL) -> "EventModel":
        """Read a model folder, refusing files whose checksum differs from the card's."""
        folder = Path(folder)
        card_path = folder / CARD
        if not card_path.is_file():
            raise AccordError(f"{card_path}: no event model here (`make model` trains one)")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise AccordError(f"{card_path}: not a model card ({exc})") from exc
        if not isinstance(card, dict) or not isinstance(card.get("classes"), list):
            raise AccordError(f"{card_path}: not a model card (a JSON object with its classes)")
        for name in (WEIGHTS, VOCAB):
            path = folder / name
            if not path.is_file():
                raise AccordError(f"{path}: missing from the event model")
            if _sha256(path) != card.get("sha256", {}).get(name):
                raise AccordError(f"{path}: checksum differs from {card_path}; refusing to load it")
        names = json.loads((folder / VOCAB).read_text(encoding="utf-8"))
        try:  # plain numbers only: an object array (a pickle) is refused, never loaded
            with np.load(folder / WEIGHTS, allow_pickle=False) as z:
                weights, bias = z["weights"].astype(np.float32), z["bias"].astype(np.float32)
        except (ValueError, KeyError, OSError) as exc:
            raise AccordError(f"{folder / WEIGHTS}: not the event model's arrays ({exc})") from exc
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise AccordError(f"{folder / VOCAB}: not a list of feature names")
        return cls(list(card["classes"]), names, weights, bias, card)

    def save(self, folder: str | Path, card: dict) -> None:
        """Write the model folder (card last, with the checksums of the files it names)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.index, key=self.index.get)
        (folder / VOCAB).write_text(json.dumps(names, ensure_ascii=False) + "\n", encoding="utf-8")
        with open(folder / WEIGHTS, "wb") as fh:  # a file object: np.savez would stamp no times, but keep it explicit
            np.savez_compressed(fh, weights=self.weights, bias=self.bias)
        card = dict(card, classes=self.classes,
                    sha256={name: _sha256(folder / name) for name in (WEIGHTS, VOCAB)})
        (folder / CARD).write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities for each row of feature names (unknown features are ignored; a feature
        counts once per row, as in training: the features are binary)."""
        index = self.index
        cols: list[int] = []
        indptr = [0]
        for feats in rows:
            cols.extend({index[f] for f in feats if f in index})
            indptr.append(len(cols))
        x = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), np.asarray(cols, dtype=np.int64), indptr),
                              shape=(len(rows), len(index)))
        z = np.asarray(x @ self.weights) + self.bias
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z


def model_id(folder: str | Path | None) -> str | None:
    """A short identity of the event model in ``folder`` (None: the packaged one): the sha256 of its card,
    which holds the checksums of its other files. Datasets record it (see :mod:`accord.dataset.scale`)."""
    if folder is None:
        return None
    return _sha256(Path(folder) / CARD)[:12]


def relation_settings(folder: str | Path) -> dict[str, float]:
    """The thresholds a model folder's card asks the relations component to use (``"relations"``: any of
    retype, veto, add, each between 0 and 1; see :mod:`accord.pipeline.learned`). The packaged model's
    card has none: the defaults hold."""
    card_path = Path(folder) / CARD
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AccordError(f"{card_path}: not a model card ({exc})") from exc
    settings = card.get("relations", {}) if isinstance(card, dict) else {}
    if not isinstance(settings, dict) or set(settings) - {"retype", "veto", "add"} or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0.0 <= v <= 1.0 for v in settings.values()):
        raise AccordError(f"{card_path}: 'relations' must map retype, veto or add to a number from 0 to 1")
    return {k: float(v) for k, v in settings.items()}


def lexical_categories(doc: Doc, matcher: PhraseTable, categories: dict[str, list[str]]) -> dict[int, list[str]]:
    """Token index -> the event categories of the lexicon triggers that start on it."""
    out: dict[int, list[str]] = {}
    for s, _e, form in matcher.longest(doc):
        out[s] = categories.get(form, [])
    return out


def doc_examples(doc: Doc, lexical: dict[int, list[str]], goods: dict[str, str],
                 lemmas: frozenset[str] | None = None) -> list[tuple[int, list[str]]]:
    """(token index, features) for every predicate of a parsed ``doc`` with its mentions set
    (``lexical``: see :func:`lexical_categories`; ``goods``: see :func:`~.predicates.goods_words`;
    ``lemmas``: when given, only predicates of these lemmas or with a lexicon trigger)."""
    parsed = Parsed.of(doc)
    out = []
    for sent in doc.sents:
        bounds = (sent.start, sent.end)
        for i in range(sent.start, sent.end):
            if lemmas is not None and i not in lexical and parsed.lemma[i] not in lemmas:
                continue
            if is_predicate(parsed, i, i in lexical):
                out.append((i, features(parsed, i, lexical.get(i, ()), bounds, goods)))
    return out


class EventTagger:
    """spaCy component: sets ``doc._.predicates`` (a list of :class:`Predicate`, in text order)."""

    def __init__(self, model: EventModel, matcher: PhraseTable, categories: dict[str, list[str]],
                 goods: dict[str, str]) -> None:
        self.model = model
        self.matcher = matcher
        self.categories = categories
        self.goods = goods

    def __call__(self, doc: Doc) -> Doc:
        examples = doc_examples(doc, lexical_categories(doc, self.matcher, self.categories), self.goods,
                                self.model.lemmas)
        probs = self.model.probabilities([f for _, f in examples]) if examples else np.zeros((0, 0))
        out = []
        classes, none = self.model.classes, self.model.none
        for (i, _), row in zip(examples, probs.tolist()):
            k = max((j for j in range(len(row)) if j != none), key=row.__getitem__)
            others = tuple((classes[j], round(x, 3)) for j, x in enumerate(row) if x >= 0.01 and j not in (k, none))
            out.append(Predicate(i, classes[k], row[k], row[none], others))
        doc._.predicates = out
        return doc
