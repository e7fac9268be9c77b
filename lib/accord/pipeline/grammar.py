"""Closed-class English words the rules read, from ``data/grammar/english.yaml``.

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
