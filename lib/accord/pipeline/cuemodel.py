"""The learned cue detector: is this word the cue of an attribution?

A binary logistic regression over sparse features of the parse (:func:`features`), trained on the
attributions of the open corpus (``training/train_cues.py``). It ships like the event model, as
data that runs no code when loaded: a JSON card with checksums, the feature names as JSON and the
weights as an ``.npz`` read without pickle, through :class:`~accord.pipeline.eventmodel.EventModel`
(classes NONE and CUE). The claims component asks it only about the words its rules leave
unclaimed, and keeps those the model finds likely (:data:`THRESHOLD`): measured on the corpus test
split, the rules and the model together find more cues at the same precision than either alone.
"""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Token

from ..paths import CUE_MODEL
from .eventmodel import EventModel

CUE = "CUE"
# the probability from which a word the rules left is a cue: the best F1 of rules + model in a 3-fold
# cross-validation on the corpus train split (0.5 to 0.9 tried; a veto of rule cues below 0.05-0.1 was
# tried too and left out: it costs recall, which the held-out judge lacks most)
THRESHOLD = 0.5


def candidate(t: Token) -> bool:
    """Words that may be a cue: verbs, nouns, a colon, "according"."""
    return t.tag_.startswith(("VB", "NN")) or t.lower_ in (":", "according")


def features(doc: Doc, t: Token) -> list[str]:
    """Sparse features of token ``t``: the word, its tag and relation, its children, its head and neighbours."""
    kids = list(t.children)
    deps = {c.dep_ for c in kids}
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubj:pass")), None)
    f = [f"w={t.lower_}", f"tag={t.tag_}", f"dep={t.dep_}", f"w_tag={t.lower_}|{t.tag_}",
         f"head={t.head.lower_}", f"head_tag={t.head.tag_}", f"w_dep={t.lower_}|{t.dep_}"]
    f += [f"kid={d}" for d in sorted(deps)]
    f += [f"w_kid={t.lower_}|{d}" for d in sorted(deps & {"ccomp", "xcomp", "obj", "parataxis", "nsubj", "obl"})]
    if subj is not None:
        f += [f"subj_tag={subj.tag_}", f"subj_ent={bool(subj.ent_type_) or subj.tag_.startswith('NNP')}"]
    if any(c.dep_ == "mark" and c.lower_ == "that" for k in kids for c in k.children):
        f.append("that_clause")
    prev = doc[t.i - 1] if t.i > 0 else None
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    f.append(f"prev={prev.lower_ if prev is not None else '<s>'}")
    f.append(f"next={nxt.lower_ if nxt is not None else '</s>'}")
    near = doc[max(0, t.i - 3):t.i + 4].text
    if any(q in near for q in ('"', "“", "”")):
        f.append("quote_near")
    f.append(f"suffix={t.lower_[-3:]}")
    return f


def load_cue_model(folder: str | Path = CUE_MODEL) -> EventModel | None:
    """The shipped cue model, or None when the package holds none (the rules then work alone)."""
    folder = Path(folder)
    if not (folder / "model.json").is_file():
        return None
    return EventModel.load(folder)


def cue_probabilities(model: EventModel, doc: Doc, tokens: list[int]) -> dict[int, float]:
    """Token index -> probability that it is a cue, for the candidate words among ``tokens``."""
    chosen = [k for k in tokens if candidate(doc[k])]
    if not chosen:
        return {}
    probs = model.probabilities([features(doc, doc[k]) for k in chosen])
    col = model.classes.index(CUE)
    return {k: float(p[col]) for k, p in zip(chosen, probs)}
