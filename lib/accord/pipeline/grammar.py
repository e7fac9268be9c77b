"""The English words the rules read, from ``data/grammar/english.yaml``: closed-class words (articles,
pronouns, the prepositions of each case) and the few open-class lists a rule needs (reporting nouns,
irregular participles). The rules say how a word is used, the file says which words; the pipeline's
code holds no English word list of its own (``tests/pipeline/test_grammar.py`` scans it). Time words are
``data/grammar/dates.yaml`` (``dates.py``), referring noun phrases ``data/grammar/reference.yaml``
(``reference.py``).

Loaded once at import. The file is packaged data and part of the pipeline cache's key (every
YAML file under ``data/`` is), so a cached pipeline never outlives a change to it.
"""
from __future__ import annotations

import yaml

from ..paths import DATA_DIR

_WORDS = yaml.safe_load((DATA_DIR / "grammar" / "english.yaml").read_text(encoding="utf-8"))

DETERMINERS: set[str] = set(_WORDS["determiners"])
AUXILIARIES: set[str] = set(_WORDS["auxiliaries"])
BE_FORMS: set[str] = set(_WORDS["be_forms"])
PRONOUNS: set[str] = set(_WORDS["pronouns"])
POSSESSIVE_PRONOUNS: dict[str, str] = dict(_WORDS["possessive_pronouns"])
OBJECT_PRONOUNS: dict[str, str] = dict(_WORDS["object_pronouns"])
PARTNER_PREPOSITIONS: set[str] = set(_WORDS["partner_prepositions"])
PLURAL_NOUNS: set[str] = set(_WORDS["plural_nouns"])
REFERRING_QUANTIFIERS: set[str] = set(_WORDS["referring_quantifiers"])
SPEAKER_NOUNS: set[str] = set(_WORDS["speaker_nouns"])
RELATIVE_PRONOUNS: tuple[str, ...] = tuple(_WORDS["relative_pronouns"])
TARGET_PREPOSITIONS: set[str] = set(_WORDS["target_prepositions"])
MODALS: set[str] = set(_WORDS["modals"])
LOCATIVES: set[str] = set(_WORDS["locatives"])
APOSTROPHES: set[str] = set(_WORDS["apostrophes"])
QUOTE_OPEN: set[str] = set(_WORDS["quote_open"])
QUOTE_CLOSE: set[str] = set(_WORDS["quote_close"])
TITLES: set[str] = set(_WORDS["titles"])
# attribution of open class (pipeline/opencues.py)
DOCUMENT_NOUNS: set[str] = set(_WORDS["document_nouns"])
AUTHORED_DOCUMENTS: set[str] = set(_WORDS["authored_documents"])
DOCUMENT_VERBS: dict[str, str] = dict(_WORDS["document_verbs"])
CLAIM_NOUNS: dict[str, str] = dict(_WORDS["claim_nouns"])
POSTPOSED_VERBS: dict[str, str] = dict(_WORDS["postposed_verbs"])
POSTPOSED_FILLERS: set[str] = set(_WORDS["postposed_fillers"])
SOURCE_STOPS: set[str] = set(_WORDS["source_stops"])
HEADLINE_LABELS: set[str] = set(_WORDS["headline_labels"])
JUDGEMENT_VERBS: dict[str, str] = dict(_WORDS["judgement_verbs"])
REQUEST_VERBS: dict[str, str] = dict(_WORDS["request_verbs"])
OBJECT_VERBS: dict[str, str] = dict(_WORDS["object_verbs"])
JUDGEMENT_DENIALS: set[str] = set(_WORDS["judgement_denials"])
JUDGEMENT_PRAISE: set[str] = set(_WORDS["judgement_praise"])
STATEMENT_OBJECTS: set[str] = set(_WORDS["statement_objects"]) | set(CLAIM_NOUNS) | DOCUMENT_NOUNS
OPPOSING_DENIALS: set[str] = set(_WORDS["opposing_denials"])
# the rules of the sentence views, claims and sources
ARTICLES: set[str] = set(_WORDS["articles"])
SUBJECT_RELATIVES: set[str] = set(_WORDS["subject_relatives"])
OTHER_RELATIVES: set[str] = set(_WORDS["other_relatives"])
EXPLETIVES: set[str] = set(_WORDS["expletives"])
NON_SOURCE_SUBJECTS: set[str] = set(_WORDS["non_source_subjects"])
OBJECT_POSSESSIVES: dict[str, str] = dict(_WORDS["object_possessives"])
OBJECT_SUBJECTS: dict[str, str] = dict(_WORDS["object_subjects"])
SUBJECT_PRONOUN_KINDS: dict[str, str] = dict(_WORDS["subject_pronoun_kinds"])
PERSON_PRONOUNS: set[str] = set(_WORDS["person_pronouns"])
VERB_COORDINATORS: set[str] = set(_WORDS["verb_coordinators"])
PARTICIPLE_OPENERS: set[str] = set(_WORDS["participle_openers"])
CONTROL_WORDS: set[str] = set(_WORDS["control_words"])
POSSESSOR_CONTROLS: set[str] = set(_WORDS["possessor_controls"])
IRREGULAR_PARTICIPLES: set[str] = set(_WORDS["irregular_participles"])
PASSIVE_FILLERS: set[str] = set(_WORDS["passive_fillers"])
PERFECT_AND_PASSIVE_AUXILIARIES: set[str] = set(_WORDS["perfect_and_passive_auxiliaries"])
NEGATIONS: set[str] = set(_WORDS["negations"])
NEGATION_FILLERS: set[str] = set(_WORDS["negation_fillers"])
TIME_OPENERS: set[str] = set(_WORDS["time_openers"])
CONTENT_BREAKS_AFTER_COMMA: set[str] = set(_WORDS["content_breaks_after_comma"])
CONJUNCTIONS: set[str] = set(_WORDS["conjunctions"])
OPENING_CONJUNCTIONS: set[str] = set(_WORDS["opening_conjunctions"])
COMPLEMENTISERS: set[str] = set(_WORDS["complementisers"])
SOURCE_LEADS: set[str] = set(_WORDS["source_leads"])
SOURCE_PHRASE_WORDS: set[str] = set(_WORDS["source_phrase_words"])
SOURCE_RELATIVES: set[str] = set(_WORDS["source_relatives"])
JUDGEMENT_PARTICLES: set[str] = set(_WORDS["judgement_particles"])
# determiners that name no possessor ("the", "two"; not "its", "Russia's")
NON_POSSESSIVE_DETERMINERS: set[str] = DETERMINERS - APOSTROPHES - set(POSSESSIVE_PRONOUNS)
# the cases of the parse (pipeline/syntax.py)
RECIPIENT_CASES: set[str] = set(_WORDS["recipient_cases"])
PARTNER_CASES: set[str] = set(_WORDS["partner_cases"])
CONTROL_CASES: set[str] = set(_WORDS["control_cases"])
ACT_PARTNER_CASES: set[str] = set(_WORDS["act_partner_cases"])
AGENT_CASES: set[str] = set(_WORDS["agent_cases"])
CIRCUMSTANCE_CASES: set[str] = set(_WORDS["circumstance_cases"])
# other components
AGENT_COUNTRY_LINKS: set[str] = set(_WORDS["agent_country_links"])
THREAT_ALTERNATIVE: tuple[str, ...] = tuple(_WORDS["threat_alternative"])
