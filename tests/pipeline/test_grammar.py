"""The closed-class word lists of the pipeline (data/grammar/english.yaml via accord.pipeline.grammar)."""
from __future__ import annotations

import ast
from pathlib import Path

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


def test_the_time_words_are_lowercase_strings_with_whole_numbers() -> None:
    # dates.yaml: word lists, and word -> number tables (a month's number, a relative word's step, a count)
    words = yaml.safe_load((DATA_DIR / "grammar" / "dates.yaml").read_text(encoding="utf-8"))
    for name, value in words.items():
        assert value and all(isinstance(w, str) and w and w == w.strip().lower() for w in value), name
        if isinstance(value, dict):
            assert all(isinstance(n, int) and not isinstance(n, bool) for n in value.values()), name
    assert len(words["months"]) == 12 and len(words["weekdays"]) == 7


def test_the_rules_read_the_file() -> None:
    assert "no" in grammar.DETERMINERS and "on" in grammar.TARGET_PREPOSITIONS
    assert grammar.POSSESSIVE_PRONOUNS["their"] == "plural" and grammar.OBJECT_PRONOUNS["him"] == "person"
    assert "Sheikh" in grammar.TITLES and "’s" in grammar.APOSTROPHES and "«" in grammar.QUOTE_OPEN
    assert "on" in grammar.RECIPIENT_CASES and "n't" in grammar.NEGATIONS
    assert grammar.NON_POSSESSIVE_DETERMINERS == grammar.DETERMINERS - {"'s", "’s", "his", "her", "its", "their"}


# -- no English word lists in the pipeline's code -------------------------------------------------
PIPELINE = Path(grammar.__file__).parent
# Lowercase alphabetic strings that may stand in the code's collections because they are not English
# words the rules read: Universal Dependencies relation labels (the parse's, in every language) ...
UD_LABELS = frozenset({"acl", "advcl", "advmod", "amod", "appos", "aux", "case", "cc", "ccomp", "compound", "conj",
                       "cop", "csubj", "dep", "det", "fixed", "flat", "iobj", "list", "mark", "nmod", "nsubj",
                       "nummod", "obj", "obl", "parataxis", "punct", "xcomp"})
# ... and the package's own identifiers: mention kinds and how a mention was found (actors.Mention.kind
# and .via), the doc extensions a component declares (factories.py), the lexicon's modality sections
# (relations.py) and the learned event model's options (eventmodel.py)
IDENTIFIERS = frozenset({"state", "person", "org", "group", "igo", "bloc", "demonym", "title", "apposition",
                         "date", "lower", "mentions", "places", "dates", "sentences", "claims", "relations",
                         "predicates",
                         "negation", "hedge", "future", "hypothetical", "commitment", "intent",
                         "retype", "veto", "add"})


def _word_lists(tree: ast.AST) -> list[tuple[int, tuple[str, ...]]]:
    """(line, words) of each literal tuple, list or set, and each dict of constants, holding three or
    more lowercase alphabetic strings that are neither UD labels nor the package's identifiers."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict) and all(isinstance(v, ast.Constant) for v in node.values):
            items = node.keys  # a word -> value table ("yesterday": -1)
        else:
            continue
        words = tuple(i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
                      and i.value.isalpha() and i.value.islower() and i.value not in UD_LABELS | IDENTIFIERS)
        if len(words) >= 3:
            found.append((node.lineno, words))
    return found


def test_the_pipeline_code_holds_no_english_word_lists() -> None:
    # the words are data (data/grammar/*.yaml, read by grammar.py and its neighbours); the code says how they are used
    found = [f"{path.name}:{line}: {words}" for path in sorted(PIPELINE.glob("*.py"))
             for line, words in _word_lists(ast.parse(path.read_text(encoding="utf-8")))]
    assert not found, "English word lists in the code (move them to data/grammar/):\n" + "\n".join(found)


def test_the_scan_finds_a_word_list() -> None:
    # the scan itself works: a list of words is found, labels and identifiers are not
    tree = ast.parse('A = ("to", "on", "against")\nB = {"nsubj", "obj", "obl", "state", "igo"}\n'
                     'C = {"a": 1, "an": 1, "one": 1}\nD = {"x": f(1), "y": f(2), "z": f(3)}')
    assert [words for _, words in _word_lists(tree)] == [("to", "on", "against"), ("a", "an", "one")]
