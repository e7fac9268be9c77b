"""The lexicon stub of the unresolved names: an analyst's lexicon file to fill in, and what the text suggests.

:func:`lexicon_stub` writes the names of :func:`accord.analysis.unresolved.unresolved_names`
as a lexicon file (the format ``accord annotate --lexicon`` reads) in which every name is a
commented line to uncomment: under ``actors:`` with its code, or under ``not_actors:``.

Names and sentences come from article text, so the file is written by a YAML emitter,
never by formatting strings: every entry is one line of flow YAML whose strings are
double-quoted, the one style that escapes line breaks and control characters; and the
comments have line separators (which YAML also ends a line at: U+0085, U+2028, U+2029)
and characters YAML refuses escaped. So the stub loads as it is, and uncommenting one
entry line adds exactly that entry (issue 22, item 5).

:func:`guess` reads, around a name's first mention, the whole capitalised phrase (the
engine may have kept only part of it), the kind of actor (an organisation by its last
word, else a person) and a code when the text gives one next to the name ("Russian
general X": ``RUSMIL``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import pandas as pd
import yaml

from ..lexicon.model import slug

# the last word of an organisation's name
_ORG_WORDS = frozenset("""
agency army association authority bank battalion brigade bureau centre center command commission committee company
corporation corps council court department directorate division federation forces foundation front group guard
guards institute league legion militia ministry movement network office organisation organization party police
regiment service union university
""".split())
_DETERMINERS = frozenset({"The", "A", "An"})
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*")  # a word; a period only inside one (D.C.)
_JOIN = re.compile(r"^[ \u00a0]$")  # one space (or a non-breaking one) between the words of a name
_NEXT_TO = re.compile(r"^[\s,]{0,3}$")  # what may separate a name from the mention that codes it
# what YAML refuses, or ends a line at, in a comment (str.split has made the other breaks spaces)
_NOT_IN_COMMENT = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\ufeff\u2028\u2029]")


@dataclass(frozen=True)
class Guess:
    """What the text around a name's first mention suggests."""

    phrase: str  # the whole capitalised phrase the mention is part of
    kind: str  # "org" or "person"
    code: str  # a code the text gives next to the name ("" when none)


def _phrase(text: str, start: int, end: int, limit: int = 6) -> str:
    """The capitalised words joined to ``text[start:end]`` by single spaces, at most ``limit`` words,
    without a leading "The"."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, max(0, start - 100), min(len(text), end + 100))]
    inside = [i for i, (a, b) in enumerate(words) if a < end and b > start]
    if not inside:
        return text[start:end]
    lo, hi = inside[0], inside[-1]

    def joined(i: int, j: int) -> bool:  # word j, next to word i, is capitalised and one space away
        return text[words[j][0]].isupper() and bool(_JOIN.match(text[words[min(i, j)][1]:words[max(i, j)][0]]))

    while lo > 0 and hi - lo + 1 < limit and joined(lo, lo - 1):
        lo -= 1
    while hi + 1 < len(words) and hi - lo + 1 < limit and joined(hi, hi + 1):
        hi += 1
    while lo < hi and text[words[lo][0]:words[lo][1]] in _DETERMINERS:
        lo += 1
    return text[words[lo][0]:words[hi][1]]


def guess(text: str, start: int, end: int, sentence_mentions: Sequence[tuple[int, int, str, str]]) -> Guess:
    """What the text suggests for the unresolved mention ``text[start:end]``.

    ``sentence_mentions`` are the other mentions of its sentence: ``(start, end, actor_id,
    kind)``. A state's mention right before or after the name ("Russian general X", "X,
    Iran's foreign minister") gives its code.
    """
    phrase = _phrase(text, start, end)
    last = phrase.split()[-1].lower() if phrase.split() else ""
    kind = "org" if last in _ORG_WORDS else "person"
    code = ""
    for a, b, actor_id, mention_kind in sentence_mentions:
        if mention_kind != "state" or actor_id.startswith("UNK:"):
            continue
        if (b <= start and _NEXT_TO.match(text[b:start])) or (a >= end and _NEXT_TO.match(text[end:a])):
            code = actor_id
            break
    return Guess(phrase, kind, code)


class _Dumper(yaml.SafeDumper):
    """Every string double-quoted: the YAML style that escapes line breaks and control characters."""


_Dumper.add_representer(str, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"'))


def _entry(fields: dict[str, Any]) -> str:
    """``fields`` as one line of flow YAML, by the emitter."""
    return yaml.dump(fields, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=float("inf"),
                     sort_keys=False).strip()


def _comment(text: Any) -> str:
    """``text`` for a comment: on one line, with what YAML refuses there (or ends a line at) escaped."""
    one_line = " ".join(str(text).split())

    def escape(m: re.Match) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return _NOT_IN_COMMENT.sub(escape, one_line)


def lexicon_stub(names: pd.DataFrame, source: str = "") -> str:
    """An analyst's lexicon file for ``names`` (from :func:`~accord.analysis.unresolved.unresolved_names`),
    every entry commented out.

    To code a name, uncomment its line under ``actors:`` and check (or fill in) ``code``
    and the kind (person, org, state, igo or bloc); to rule it out, uncomment its line under
    ``not_actors:`` and set the kind (weapon, equipment, place, other, ...). The name is the
    whole capitalised phrase of the text when the engine kept only part of it.
    """
    head = [
        f"# Lexicon stub: {len(names)} name(s) the lexicon does not know"
        + (f", from {_comment(source)}" if source else "") + ", most mentioned first.",
        "# For each name, uncomment ONE line: under `actors:` check or fill in its code (CAMEO-style: RUSGOV,",
        "# PRKMIL, IRNBUS, or a country and sector) and its kind (person, org, state, igo, bloc); or under",
        "# `not_actors:` say what it is instead (weapon, equipment, vehicle, ship, operation, event,",
        "# agreement, programme, place, other). Then re-run: accord annotate CORPUS --lexicon THIS_FILE ...",
        "actors:",
    ]
    actors, not_actors = [], ["not_actors:"]
    for r in names.itertuples():
        name = r.phrase or r.name
        found = f"; the engine found {_comment(r.name)!s}" if name != r.name else ""
        suggested = f"; code {r.code} from the text next to it" if r.code else ""
        # "##": uncommenting this line by mistake leaves a comment, whatever the name looks like
        actors.append(f"  ## {_comment(name)}: {r.n_mentions} mention(s) in {r.n_docs} document(s){found}{suggested}; "
                      f"e.g. ({_comment(r.doc_id)}) {_comment(r.example)}")
        actors.append("  # - " + _entry({"id": f"analyst:{slug(name) or 'name'}", "kind": r.kind, "name": name,
                                         "code": r.code}))
        not_actors.append("  # - " + _entry({"name": name, "kind": "other", "note": ""}))
    return "\n".join(head + actors + not_actors) + "\n"
