"""Agent nouns named with no country ("riot police", "students", "the rebels") take one from the text.

PLOVER codes domestic events between sectors of one country ("police dispersed protesters":
COP -> CVL/OPP of that country), so a bare agent noun of a sector the coding rules list
(``context_country_sectors``) is coded with, in order:

1. a country named right after it by "in", "of" or "from" ("police in Cairo", "students of Ghana");
2. the one country its sentence names (its states, people, agents and places), when there is one
   (for a sector whose bare nouns refer back, "the government", one named before it);
3. the country the document is about (the caller's ``document_country``: the one it names most,
   else its dateline's, :func:`dateline_country`), when its sentence names none or names it among others;
4. for the subject of a clause ("troops surrounded ..."), the first country its sentence names.

Otherwise it stays uncoded, as before: "officials said" names nobody.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

from spacy.tokens import Doc

from .grammar import AGENT_COUNTRY_LINKS, PARTNER_PREPOSITIONS
from ..lexicon import place_country

DATELINE_REACH = 60  # tokens: a dateline opens the story, after its headline at most


def context_country(start: int, end: int, sent: tuple[int, int], coded: Sequence[tuple[int, int, str]],
                    link_words: Sequence[str], document_country: str | None, subject: bool = False,
                    before: bool = False) -> str | None:
    """The country of a bare agent noun over tokens [start, end) (see the module's order).

    ``coded``: (start, end, country) of the document's coded mentions and places; ``link_words``:
    the lower-cased tokens of the document; ``sent``: the agent's sentence as [start, end);
    ``subject``: the agent is its clause's subject; ``before``: only countries named before it in its
    sentence count (a sector whose bare nouns refer back, ``context_country_before``).
    """
    for s, _e, code in coded:
        if s == end + 1 and link_words[end] in AGENT_COUNTRY_LINKS:
            return code
        if s == end + 2 and link_words[end] in AGENT_COUNTRY_LINKS and link_words[end + 1] == "the":
            return code
    # a sector that refers back takes a country named before it, and not as a partner or target
    # ("After talks with Russia, the junta ...": not Russia's junta)
    counted = [(s, code) for s, _e, code in coded if sent[0] <= s < sent[1]] if not before else \
        [(s, code) for s, _e, code in coded if sent[0] <= s < start and link_words[s - 1] not in PARTNER_PREPOSITIONS]
    here = {code for _s, code in counted}
    if len(here) == 1:
        return here.pop()
    if not here:
        return document_country
    if document_country in here:
        return document_country
    if subject:
        # a side acting in a sentence of several countries is most often the first one's: the
        # sentence's subject country ("Israel ... sent tanks into Ramallah, where troops ...")
        return min(counted)[1]
    return None


def bare_agents(agents: Iterable[tuple[int, int, str]], covered: Callable[[int], bool],
                sectors: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, sector) of the agent matches no mention covers, of a sector in ``sectors``."""
    return [(s, e, sector) for s, e, sector in agents if sector in sectors and not any(covered(k) for k in range(s, e))]


def dateline_country(doc: Doc) -> str | None:
    """The country of a wire story's dateline ("CARACAS, Aug 14 - ..."): a place name in capitals
    opening a sentence within the story's first tokens, followed by a comma, that the gazetteer
    resolves. None when the story has none."""
    for k in range(min(len(doc), DATELINE_REACH)):
        if not doc[k].is_sent_start and not (k and "\n" in doc[k - 1].text_with_ws):
            continue
        j = k
        while j < len(doc) and doc[j].is_alpha and doc[j].is_upper and len(doc[j]) > 1:
            j += 1
        if k < j <= k + 3 and j < len(doc) and doc[j].text == ",":
            found = place_country(" ".join(t.text.title() for t in doc[k:j]))
            if found is not None:
                return found.country
    return None
