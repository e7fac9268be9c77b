"""An actor given by code or by name: ``"Iran"`` -> ``IRN``, ``"Putin"`` -> ``RUSGOV``, ``"the Kremlin"`` -> ``RUSGOV``.

Names are looked up in the lexicon the engine codes with (every surface form,
name and demonym of an actor entry, case-insensitive, a leading "the" ignored),
so a name resolves to the code the engine gives it in an article. A person's
code is that of the role held on ``when`` (the current role without a date). A
name that stands for several codes raises :class:`~accord.errors.ActorNameError`
listing the candidates; so does a name the lexicon does not know.
"""
from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Iterable

from ..errors import ActorNameError
from .model import ActorEntry, Lexicon

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{2,}(?::\S+)?$")
# id(lexicon) -> (the lexicon, kept alive so the id is not reused; name -> entries); a couple of lexicons at most
_INDEX: dict[int, tuple[Lexicon, dict[str, list[ActorEntry]], frozenset[str]]] = {}


def _key(name: str) -> str:
    """How names compare: lower case, single spaces, a leading "the" dropped."""
    text = re.sub(r"\s+", " ", name.strip().lower())
    return text[4:] if text.startswith("the ") else text


def _index(lexicon: Lexicon) -> tuple[dict[str, list[ActorEntry]], frozenset[str]]:
    cached = _INDEX.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1], cached[2]
    names: dict[str, list[ActorEntry]] = {}
    codes: set[str] = set()
    for entry in lexicon.actors:
        for name in {entry.name, *entry.names, *entry.demonyms}:
            if name:
                names.setdefault(_key(name), []).append(entry)
        codes.update(c for c in (entry.code, entry.country, *(r.code for r in entry.roles)) if c)
    if len(_INDEX) >= 2:
        _INDEX.clear()
    _INDEX[id(lexicon)] = (lexicon, names, frozenset(codes))
    return names, frozenset(codes)


def _is_code(code: str, lexicon: Lexicon, codes: frozenset[str]) -> bool:
    """A lexicon code, or a country code followed by agent codes (``RUSGOV``, ``PRKMILGOV``)."""
    if code in codes:
        return True
    agents = set(lexicon.agents.values())
    head, rest = code[:3], code[3:]
    return head in codes and bool(rest) and len(rest) % 3 == 0 and \
        all(rest[i:i + 3] in agents for i in range(0, len(rest), 3))


def resolve_actor(query: str, lexicon: Lexicon, when: date | str | None = None,
                  known: Iterable[str] | None = None) -> str:
    """The actor code ``query`` stands for: a code (``RUS``, ``RUSGOV``, any of ``known``) or a name.

    ``known`` adds codes that are valid though the lexicon does not list them
    (the actor ids of a corpus, unresolved ``UNK:...`` ones included). Raises
    :class:`~accord.errors.ActorNameError` for an empty query, an unknown name
    (with the closest names) or a name with several codes (with the candidates).
    """
    if not isinstance(query, str) or not query.strip():
        raise ActorNameError(query, "no actor given; give a code such as RUS or a name such as Russia")
    text = query.strip()
    known_codes = set(known or ())
    if text in known_codes:
        return text
    names, codes = _index(lexicon)
    if (_CODE_RE.match(text) and _is_code(text, lexicon, codes)):
        return text
    entries = names.get(_key(text), [])
    found: dict[str, list[str]] = {}
    for entry in entries:
        found.setdefault(entry.code_at(when), []).append(entry.name)
    if len(found) == 1:
        return next(iter(found))
    if found:
        listed = "; ".join(f"{code} ({', '.join(sorted(set(n)))})" for code, n in sorted(found.items()))
        raise ActorNameError(query, f"the name stands for several actors: {listed}; give the code",
                             candidates=sorted(found))
    upper = text.upper()
    if upper in known_codes or (_CODE_RE.match(upper) and _is_code(upper, lexicon, codes)):
        return upper
    close = difflib.get_close_matches(_key(text), list(names), n=3, cutoff=0.8)
    shown = list(dict.fromkeys(f"{names[c][0].name} ({names[c][0].code_at(when)})" for c in close))
    hint = f"; did you mean {' or '.join(shown)}?" if shown else ""
    raise ActorNameError(query, f"no actor of that code or name in the lexicon{hint}",
                         candidates=list(dict.fromkeys(names[c][0].code_at(when) for c in close)))
