"""English inflection of trigger and cue lemmas: verb forms and noun plurals."""
from __future__ import annotations
import re


# --------------------------------------------------------------------------- #
# Inflection
# --------------------------------------------------------------------------- #
_VOWELS = set("aeiou")
# Two-syllable verbs stressed on the last syllable double their final consonant.
_DOUBLING_SUFFIXES = ("mit", "pel", "cur", "trol", "gret", "quip", "bet", "fer")
_NO_DOUBLING = {"offer", "differ", "suffer", "proffer", "buffer", "pilfer"}
_NOUN_INVARIANT = {"media", "police", "personnel", "people", "news", "staff", "military",
                   "sheep", "series", "species", "aircraft", "clergy", "youth", "public",
                   "press", "intelligence", "leadership", "government", "opposition"}
_NOUN_IRREGULAR = {"child": "children", "person": "people", "foot": "feet",
                   "tooth": "teeth", "mouse": "mice", "chief": "chiefs", "thief": "thieves",
                   "wife": "wives", "knife": "knives", "life": "lives", "leaf": "leaves",
                   "half": "halves", "self": "selves", "shelf": "shelves", "wolf": "wolves",
                   "analysis": "analyses", "crisis": "crises", "thesis": "theses",
                   "hero": "heroes", "veto": "vetoes", "embargo": "embargoes",
                   "torpedo": "torpedoes", "echo": "echoes", "cargo": "cargoes",
                   "potato": "potatoes", "criterion": "criteria", "phenomenon": "phenomena",
                   "medium": "media", "ally": "allies"}
_MAN_EXCEPTIONS = {"human", "german", "roman", "shaman", "talisman", "caiman", "ottoman"}


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word)) or 1


def _doubles(word: str) -> bool:
    """Whether a verb doubles its final consonant before -ed/-ing (best effort)."""
    if len(word) < 3 or word in _NO_DOUBLING:
        return False
    c1, v, c2 = word[-3], word[-2], word[-1]
    if not (c2 not in _VOWELS and c2 not in "wxy" and v in _VOWELS and c1 not in _VOWELS):
        return False
    if _syllables(word) == 1:
        return True
    return word.endswith(_DOUBLING_SUFFIXES) or word in {"deter", "compel", "abet", "defer"}


def _verb_forms(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh", "o")) and not word.endswith("oo"):
        third = word + "es"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if word.endswith("e"):
        past = word + "d"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        past = word[:-1] + "ied"
    elif _doubles(word):
        past = word + word[-1] + "ed"
    else:
        past = word + "ed"
    if word.endswith("ie"):
        ing = word[:-2] + "ying"
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        ing = word[:-1] + "ing"
    elif _doubles(word):
        ing = word + word[-1] + "ing"
    else:
        ing = word + "ing"
    return [word, third, past, ing]


def _noun_plurals(word: str) -> list[str]:
    if word in _NOUN_INVARIANT or not word[-1:].isalpha():
        return []
    if word in _NOUN_IRREGULAR:
        return [_NOUN_IRREGULAR[word]]
    if word.endswith("man") and word not in _MAN_EXCEPTIONS:
        return [word[:-3] + "men"]
    if word.endswith("person"):
        return [word + "s", word[:-6] + "people"]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return []  # already plural (forces, marines)
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    return [word + "s"]


def inflect(lemma: str, pos: str) -> tuple[str, ...]:
    """Regular English inflections of ``lemma`` (lowercased), lemma first.

    ``verb``: base, 3rd person singular, past, -ing (consonant doubling and the
    -e / -y rules are best effort; irregular verbs need explicit forms). ``noun``:
    singular and plural. Multiword lemmas inflect their first word for verbs
    ("rule out" -> "ruled out") and their last word for nouns. Any other ``pos``
    returns the lemma alone.
    """
    words = lemma.lower().split()
    if not words:
        return ()
    if pos == "verb":
        forms = [" ".join([f, *words[1:]]) for f in _verb_forms(words[0])]
    elif pos == "noun":
        forms = [" ".join(words)] + [" ".join([*words[:-1], p]) for p in _noun_plurals(words[-1])]
    else:
        forms = [" ".join(words)]
    return tuple(dict.fromkeys(forms))
