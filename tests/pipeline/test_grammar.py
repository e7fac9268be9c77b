"""The closed-class word lists of the pipeline (data/grammar/english.yaml via accord.pipeline.grammar)."""
from __future__ import annotations

import yaml

from accord.paths import DATA_DIR
from accord.pipeline import grammar

CASE_SENSITIVE = {"apostrophes", "quote_open", "quote_close", "titles"}


def test_every_list_holds_strings_only() -> None:
    # YAML reads a bare no/on/yes as a boolean: quoting them is easy to forget
    words = yaml.safe_load((DATA_DIR / "grammar" / "english.yaml").read_text(encoding="utf-8"))
    for name, value in words.items():
        entries = list(value) + (list(value.values()) if isinstance(value, dict) else [])
        assert entries and all(isinstance(w, str) and w == w.strip() and w for w in entries), name
        if name not in CASE_SENSITIVE:
            assert all(w == w.lower() for w in value), f"{name}: matched on lowercased tokens"


def test_the_rules_read_the_file() -> None:
    assert "no" in grammar.DETERMINERS and "on" in grammar.TARGET_PREPOSITIONS
    assert grammar.POSSESSIVE_PRONOUNS["their"] == "plural" and grammar.OBJECT_PRONOUNS["him"] == "person"
    assert "Sheikh" in grammar.TITLES and "’s" in grammar.APOSTROPHES and "«" in grammar.QUOTE_OPEN
