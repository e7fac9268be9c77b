"""Names that are never actors by the words around them: ships, operations, facilities.

The not-actor list (``not_actors.yaml``) names weapons, ships and operations one by one; ships,
operations and facilities are more often named after people than listed: "USS Ronald Reagan",
"the aircraft carrier Charles de Gaulle", "the frigate Admiral Gorshkov", "Operation Solomon",
"Ben Gurion Airport", "a missile named Haj Qassem". :func:`thing_spans` finds such names in a
document's token texts from the cue words of the ``things`` section (not_actors.yaml):

* ``ship_prefixes`` (USS, HMS, INS, ...) before a capitalised name: the prefix and the name;
* ``vessel_nouns`` (lowercase: "the frigate", "aircraft carrier") right before a capitalised
  name, or after one that follows "the" ("the Admiral Kuznetsov aircraft carrier");
* ``operation_words`` (Operation, Exercise) before a capitalised name;
* ``facility_nouns`` (Airport, Air Base, Telescope, ...) ending a capitalised name;
* ``named_words`` (named, called, dubbed) after a vessel or ``named_nouns`` word ("a missile
  named X").

A name that begins with a state, capital or demonym ("the Russian warship", "Kabul Airport")
is left alone: its first word is an actor or a place the engine reads itself.
"""
from __future__ import annotations

from typing import Sequence

from .model import Lexicon

# id(lexicon) -> (lexicon kept alive, its compiled cue words)
_CACHE: dict[int, tuple[Lexicon, "_Cues"]] = {}
# lowercase words that may stand inside a name ("Charles de Gaulle", "HMS Prince of Wales")
_INNER = {"de", "da", "del", "della", "di", "do", "dos", "du", "la", "le", "van", "von", "der", "bin", "ibn",
          "al", "el", "of", "the"}


class _Cues:
    def __init__(self, lexicon: Lexicon) -> None:
        t = lexicon.things
        self.prefixes = frozenset(t.get("ship_prefixes", ()))
        self.vessels = [tuple(v.lower().split()) for v in t.get("vessel_nouns", ())]
        self.operations = frozenset(t.get("operation_words", ()))
        self.facilities = [tuple(v.split()) for v in t.get("facility_nouns", ())]
        self.named = frozenset(w.lower() for w in t.get("named_words", ()))
        self.named_nouns = frozenset(w.lower() for w in t.get("named_nouns", ())) | {v[-1] for v in self.vessels}
        # first words of states, capitals, IGOs and demonyms: a name opening with one is not a thing
        self.actor_words: set[str] = set()
        self.actor_names: set[str] = set()  # every form of those ("Air France", "Black Sea Fleet")
        for a in lexicon.actors:
            if a.kind == "person":
                continue
            for form in (*a.names, *a.demonyms):
                self.actor_names.add(form)
                if " " not in form:
                    self.actor_words.add(form)

    def opens_actor(self, words: Sequence[str], i: int, j: int) -> bool:
        """Whether the name words[i:j] begins with a state, place, organisation or demonym."""
        return words[i] in self.actor_words or any(
            " ".join(words[i:k]) in self.actor_names for k in range(i + 2, j + 1))


def _cues(lexicon: Lexicon) -> _Cues:
    cached = _CACHE.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    if len(_CACHE) >= 2:
        _CACHE.clear()
    cues = _Cues(lexicon)
    _CACHE[id(lexicon)] = (lexicon, cues)
    return cues


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def _name_end(words: Sequence[str], i: int, stop: frozenset[str] = frozenset()) -> int:
    """The end of a capitalised name starting at ``i`` (``i`` itself when none starts there)."""
    n = len(words)
    if i >= n or not _capitalised(words[i]) or words[i] in stop:
        return i
    j = i + 1
    while j < n:
        w = words[j]
        if _capitalised(w) and w not in stop:
            j += 1
        elif w in _INNER and j + 1 < n and _capitalised(words[j + 1]):
            j += 2  # "de Gaulle", "of Wales"
        elif w == "-" and j + 1 < n and _capitalised(words[j + 1]):
            j += 2  # "Saxe-Coburg"
        else:
            break
    return j


def _ends_with(words: Sequence[str], end: int, phrase: tuple[str, ...], lower: bool) -> bool:
    k = end - len(phrase)
    if k < 0:
        return False
    got = words[k:end]
    return tuple(w.lower() for w in got) == phrase if lower else tuple(got) == phrase


def thing_spans(words: Sequence[str], lexicon: Lexicon) -> list[tuple[int, int]]:
    """Token spans [start, end) of ``words`` that name a ship, operation or facility, never an actor."""
    cues = _cues(lexicon)
    if not (cues.prefixes or cues.vessels or cues.operations or cues.facilities):
        return []
    out: list[tuple[int, int]] = []
    n = len(words)
    lowered = [w.lower() for w in words]
    facility_heads = {f[0] for f in cues.facilities}
    for i, w in enumerate(words):
        # USS Ronald Reagan, Operation Solomon
        if w in cues.prefixes or w in cues.operations:
            j = _name_end(words, i + 1)
            if j > i + 1:
                out.append((i, j))
            continue
        # the frigate Admiral Gorshkov; a missile named Haj Qassem
        if not _capitalised(w) and i + 1 < n and _capitalised(words[i + 1]):
            vessel = any(_ends_with(lowered, i + 1, v, True) for v in cues.vessels)
            named = lowered[i] in cues.named and i > 0 and lowered[i - 1] in cues.named_nouns
            if vessel or named:
                j = _name_end(words, i + 1)
                if not cues.opens_actor(words, i + 1, j):
                    out.append((i + 1, j))
                continue
        # the Admiral Kuznetsov aircraft carrier; Ben Gurion Airport
        if _capitalised(w) and (i == 0 or not _capitalised(words[i - 1]) or lowered[i - 1] == "the") \
                and lowered[i] != "the" and w not in cues.actor_words:
            j = _name_end(words, i, frozenset(facility_heads))
            if j == i or cues.opens_actor(words, i, j):
                continue
            fac = next((f for f in cues.facilities if tuple(words[j:j + len(f)]) == f), None)
            if fac is not None:
                out.append((i, j + len(fac)))
                continue
            if i > 0 and lowered[i - 1] == "the" and j - i >= 2 and any(
                    tuple(lowered[j:j + len(v)]) == v for v in cues.vessels):
                out.append((i, j))
    return out
