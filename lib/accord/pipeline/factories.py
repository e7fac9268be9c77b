"""The spaCy pipeline: a blank English tokenizer, the sentencizer and accord's components.

By default the pipeline runs accord's own trained parser (``models/en_ud``) and event
model (``models/events``), both shipped in the package and loaded from disk, never
downloaded; annotation is deterministic. Components are registered as spaCy factories, each
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
from .grammar import APOSTROPHES
from .claims import ClaimExtractor
from .dates import DateRecognizer
from .eventmodel import EventModel, EventTagger, relation_settings
from .argmodel import ArgumentModel
from .learned import LearnedSettings
from .paragraphs import close_with_space, label_spaces
from .predicates import goods_words
from .triggers import trigger_categories, trigger_table
from ..errors import AccordError
from ..lexicon import Lexicon, load_lexicon
from ..paths import ARGUMENT_MODEL, EVENT_MODEL, PARSER_MODEL
from .relations import RelationExtractor
from .views import SentenceAnalyzer

for _name in ("date", "lower", "mentions", "places", "dates", "sentences", "claims", "relations", "predicates"):
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


class LongSentenceSplitter:
    """spaCy component: break a run-on "sentence" (a 1 MB line, a table) into pieces of at most
    :data:`MAX_SENTENCE` tokens, never inside a mention.

    A cut is made only between two tokens that are neither part of a lexicon name,
    demonym or agent phrase nor capitalised (an unknown name), so no name or composed
    mention ("North Korean leader Kim Jong Un", "US and South Korean officials") is cut
    and no piece opens with a capitalised word the actor rules would read as sentence-
    initial. Preferred: after a comma or semicolon in the second half of the piece;
    then any such place; a hard cut only in a run of names longer than a piece.
    """

    def __init__(self, nlp: Language, lexicon: str) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self._actors: ActorRecognizer | None = None  # built on the first long sentence: most texts have none

    def __call__(self, doc: Doc) -> Doc:
        long = [s for s in doc.sents if len(s) > MAX_SENTENCE]
        if not long:
            return doc
        named = self._named(doc)
        for sent in long:
            start = sent.start
            while sent.end - start > MAX_SENTENCE:
                cut = self._cut(doc, named, start)
                doc[cut].is_sent_start = True
                start = cut
        return doc

    def _named(self, doc: Doc) -> list[bool]:
        """For each token: whether it is part of a name or agent phrase, or capitalised."""
        if self._actors is None:  # the pipeline's own recognizer, else one over the same lexicon
            in_pipeline = "accord_actors" in self.nlp.pipe_names
            self._actors = self.nlp.get_pipe("accord_actors") if in_pipeline \
                else ActorRecognizer(self.nlp, get_lexicon(self.lexicon))
        named = [t.is_alpha and (t.is_title or t.is_upper) or t.text in APOSTROPHES for t in doc]
        for table in (self._actors.names, self._actors.demonyms, self._actors.agents):
            for _key, s, e in table(doc):
                named[s:e] = [True] * (e - s)
        return named

    @staticmethod
    def _cut(doc: Doc, named: list[bool], start: int) -> int:
        """Where the piece from ``start`` ends: the first token of the next piece."""
        limit = start + MAX_SENTENCE
        free = [k for k in range(start + 1, limit + 1) if not named[k - 1] and not named[k]]
        late = [k for k in free if k >= start + MAX_SENTENCE // 2]
        commas = [k for k in late if doc[k - 1].text in (",", ";")]
        return (commas or late or free or [limit])[-1]


@Language.factory("accord_long_sentences", default_config={"lexicon": "default"},
                  requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
def make_long_sentences(nlp: Language, name: str, lexicon: str) -> LongSentenceSplitter:
    return LongSentenceSplitter(nlp, lexicon)


@Language.component("accord_paragraphs", requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    return close_with_space(doc)


@Language.component("accord_spaces", requires=["token.dep"], assigns=["token.dep"])
def spaces(doc: Doc) -> Doc:
    return label_spaces(doc)


@Language.factory("accord_actors", default_config={"lexicon": "default"},
                  requires=["token.is_sent_start"], assigns=["doc._.mentions", "doc._.places", "doc._.lower"])
def make_actors(nlp: Language, name: str, lexicon: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, get_lexicon(lexicon))


@Language.factory("accord_dates", assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer(nlp)


@Language.factory("accord_sentences", default_config={"lexicon": "default"},
                  requires=["doc._.mentions", "token.is_sent_start"], assigns=["doc._.sentences"])
def make_sentences(nlp: Language, name: str, lexicon: str) -> SentenceAnalyzer:
    return SentenceAnalyzer(nlp, get_lexicon(lexicon))


@Language.factory("accord_claims", default_config={"lexicon": "default"},
                  requires=["doc._.sentences"], assigns=["doc._.claims"])
def make_claims(nlp: Language, name: str, lexicon: str) -> ClaimExtractor:
    return ClaimExtractor(nlp, get_lexicon(lexicon))


@Language.factory("accord_events", default_config={"lexicon": "default", "model": "default"},
                  requires=["doc._.mentions", "token.dep", "token.tag"], assigns=["doc._.predicates"])
def make_events(nlp: Language, name: str, lexicon: str, model: str) -> EventTagger:
    lex = get_lexicon(lexicon)
    matcher, triggers = trigger_table(nlp, lex)
    return EventTagger(EventModel.load(EVENT_MODEL if model == "default" else model), matcher,
                       trigger_categories(triggers), goods_words(lex.resources))


_LEARNED = LearnedSettings()


@Language.factory("accord_relations",
                  default_config={"lexicon": "default", "retype": _LEARNED.retype, "veto": _LEARNED.veto,
                                  "add": _LEARNED.add, "arguments": _LEARNED.arguments},
                  requires=["doc._.sentences", "doc._.dates", "doc._.claims"], assigns=["doc._.relations", "doc._.claims"])
def make_relations(nlp: Language, name: str, lexicon: str, retype: float, veto: float, add: float,
                   arguments: float) -> RelationExtractor:
    # the argument model reads the parse: without one (engine v1) it is never asked
    model = ArgumentModel(EventModel.load(ARGUMENT_MODEL)) if arguments < 1.0 else None
    return RelationExtractor(nlp, get_lexicon(lexicon), LearnedSettings(retype, veto, add, arguments), model)


def build_pipeline(lexicon: Lexicon | str | Path | None = None, syntax: bool = True,
                   model: str | Path | None = None, events: bool = True,
                   events_model: str | Path | None = None) -> Language:
    """accord's pipeline over ``lexicon`` (default: the packaged one).

    ``syntax`` (engine v2, the default): run the trained tagger and parser shipped
    in the package (:data:`accord.paths.PARSER_MODEL`, or the spaCy pipeline
    folder ``model``) after the sentence splitters, so that the claims and
    relations components read their arguments from the tree. Without it (engine
    v1) the pipeline is blank English with word-order heuristics. ``events``: with the parser,
    add the learned event and argument models (:data:`accord.paths.EVENT_MODEL`,
    :data:`accord.paths.ARGUMENT_MODEL`; ``make model`` trains them, without them); ``events_model``:
    another event model folder (``accord learn`` writes one), checked before use as the packaged one is.
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
    nlp.add_pipe("accord_paragraphs", after="sentencizer")
    nlp.add_pipe("accord_long_sentences", after="accord_paragraphs", config={"lexicon": key})
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("accord_spaces", after="parser")
    nlp.add_pipe("accord_actors", config={"lexicon": key})
    nlp.add_pipe("accord_dates")
    nlp.add_pipe("accord_sentences", config={"lexicon": key})
    nlp.add_pipe("accord_claims", config={"lexicon": key})
    if events and (syntax or model is not None):  # the event model reads the parse
        nlp.add_pipe("accord_events", config={"lexicon": key,
                                              "model": "default" if events_model is None else str(events_model)})
    learned = events and (syntax or model is not None)
    # v2 is the rules alone: without the event model, no argument model either
    relations = {"lexicon": key, **({} if learned else {"arguments": 1.0})}
    if learned and events_model is not None:
        relations.update(relation_settings(events_model))  # a learned model may ask for its veto
    nlp.add_pipe("accord_relations", config=relations)
    return nlp

