"""The spaCy pipeline: a blank English tokenizer, the sentencizer and accord's components.

No trained model is loaded: the components are rule-based over the lexicon, so
annotation is deterministic. Components are registered as spaCy factories, each
declaring what it ``requires`` and ``assigns`` (``nlp.analyze_pipes()`` checks the
order; a new component is one more factory and one more ``add_pipe``; ``doc._.date``, the
publication date, is set on the Doc by the caller before the pipeline runs), and
take the lexicon by key (a path, "default", or a lexicon registered here), so
that a pipeline's config stays serialisable.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .actors import ActorRecognizer
from .claims import ClaimExtractor
from .dates import DateRecognizer
from ..errors import AccordError
from ..lexicon import Lexicon, load_lexicon
from ..paths import PARSER_MODEL
from .relations import RelationExtractor

for _name in ("date", "lower", "mentions", "places", "dates", "claims", "relations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_LEXICONS: dict[str, Lexicon] = {}


def register_lexicon(lexicon: Lexicon) -> str:
    """Make ``lexicon`` available to the factories; returns its key."""
    key = f"lexicon:{lexicon.version}"
    _LEXICONS[key] = lexicon
    return key


def get_lexicon(key: str | None) -> Lexicon:
    """The lexicon for a factory's ``lexicon`` setting."""
    if key in (None, "default"):
        return load_lexicon()
    if key in _LEXICONS:
        return _LEXICONS[key]
    return load_lexicon(key)


def _parser(model: str | Path | None) -> Language:
    """The trained tagger and parser, loaded from disk (never downloaded)."""
    path = Path(model) if model is not None else PARSER_MODEL
    if not (path / "config.cfg").is_file():
        raise AccordError(f"{path}: no trained parser here (the package ships one; see training/README.md)")
    # the engine reads PTB tags (token.tag_), not UPOS: the XPOS->UPOS rules would cost 13 % of the time
    return spacy.load(path, exclude=["attribute_ruler"])


MAX_SENTENCE = 120  # tokens; news sentences are far shorter, and the clause analysis is quadratic in length


@Language.component("accord_long_sentences", requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
def split_long_sentences(doc: Doc) -> Doc:
    """Break a run-on "sentence" (a 1 MB line, a table) into pieces, at a comma where there is one."""
    for sent in list(doc.sents):
        start = sent.start
        while sent.end - start > MAX_SENTENCE:
            cut = start + MAX_SENTENCE
            commas = [t.i + 1 for t in doc[start + MAX_SENTENCE // 2:cut] if t.text in (",", ";")]
            cut = commas[-1] if commas else cut
            doc[cut].is_sent_start = True
            start = cut
    return doc


@Language.factory("accord_actors", default_config={"lexicon": "default"},
                  requires=["token.is_sent_start"], assigns=["doc._.mentions", "doc._.places", "doc._.lower"])
def make_actors(nlp: Language, name: str, lexicon: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, get_lexicon(lexicon))


@Language.factory("accord_dates", assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer(nlp)


@Language.factory("accord_claims", default_config={"lexicon": "default"},
                  requires=["doc._.mentions", "token.is_sent_start"], assigns=["doc._.claims"])
def make_claims(nlp: Language, name: str, lexicon: str) -> ClaimExtractor:
    return ClaimExtractor(nlp, get_lexicon(lexicon))


@Language.factory("accord_relations", default_config={"lexicon": "default"},
                  requires=["doc._.mentions", "doc._.dates", "doc._.claims"], assigns=["doc._.relations", "doc._.claims"])
def make_relations(nlp: Language, name: str, lexicon: str) -> RelationExtractor:
    return RelationExtractor(nlp, get_lexicon(lexicon))


def build_pipeline(lexicon: Lexicon | str | Path | None = None, syntax: bool = True,
                   model: str | Path | None = None) -> Language:
    """accord's pipeline over ``lexicon`` (default: the packaged one).

    ``syntax`` (engine v2, the default): run the trained tagger and parser shipped
    in the package (:data:`accord.paths.PARSER_MODEL`, or the spaCy pipeline
    folder ``model``) after the sentence splitters, so that the claims and
    relations components read their arguments from the tree. Without it (engine
    v1) the pipeline is blank English with word-order heuristics.
    """
    if isinstance(lexicon, Lexicon):
        key = register_lexicon(lexicon)
    elif lexicon is None:
        key = "default"
    else:
        key = register_lexicon(load_lexicon(lexicon))
    nlp = _parser(model) if syntax or model is not None else spacy.blank("en")
    # split "U.S.-South Korean" and "U.S.-led" after an abbreviation, as spaCy does between letters
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.max_length = 50_000_000  # rule-based components need no memory per character beyond the tokens
    # sentences first: the parser keeps boundaries already set
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("accord_long_sentences", after="sentencizer")
    nlp.add_pipe("accord_actors", config={"lexicon": key})
    nlp.add_pipe("accord_dates")
    nlp.add_pipe("accord_claims", config={"lexicon": key})
    nlp.add_pipe("accord_relations", config={"lexicon": key})
    return nlp

