"""The lexicon's file format: YAML read with line numbers, and the JSON-lines form of the big generated files
(written by ``lexicon_build/``, read here with :mod:`json`)."""
from __future__ import annotations
import json
import re
from typing import Any
import yaml
from ..errors import InputError, LexiconError, shorten
from ..readers import safe_yaml

#: A lexicon file read as YAML (not the JSON-lines layout) may hold this many characters: its
#: node tree costs tens of times its text.
MAX_YAML_CHARS = 20_000_000


# --------------------------------------------------------------------------- #
# YAML reading with line numbers
# --------------------------------------------------------------------------- #
class Map(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    __slots__ = ("line", "key_lines")


class _Seq(list):
    """A sequence that remembers the line it starts on."""

    __slots__ = ("line",)


_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"


def _build(node: yaml.Node, path: str) -> Any:
    """Line-aware values of a node tree checked by :func:`accord.readers.safe_yaml.compose`."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:
            return node.value
        if node.tag == _BOOL_TAG and node.value.lower() not in ("true", "false"):
            # YAML 1.2 booleans only: word lists hold "no", "on", "off", "yes".
            return node.value
        try:
            return safe_yaml.construct_scalar(node, path)
        except InputError as exc:
            raise LexiconError(path, exc.problem, exc.line) from None
    if isinstance(node, yaml.SequenceNode):
        seq = _Seq(_build(n, path) for n in node.value)
        seq.line = node.start_mark.line + 1
        return seq
    out = Map()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for knode, vnode in node.value:
        key = _build(knode, path)
        try:
            dup = key in out
        except TypeError:
            raise LexiconError(path, "mapping key is not a scalar", knode.start_mark.line + 1)
        if dup:
            raise LexiconError(path, f"duplicate key {shorten(key)}", knode.start_mark.line + 1)
        out[key] = _build(vnode, path)
        out.key_lines[key] = knode.start_mark.line + 1
    return out


def parse_yaml(path: str, text: str, sections: frozenset[str] | None = None) -> Any:
    """YAML text -> Python with line-aware containers; LexiconError on bad or unsafe YAML.

    The text is checked by :func:`accord.readers.safe_yaml.compose` (no aliases,
    plain tags, capped size and depth) and, when ``sections`` is given, the
    top-level keys against it, before any value is built.
    """
    try:
        node = safe_yaml.compose(text, path, max_chars=MAX_YAML_CHARS)
    except InputError as exc:
        problem = exc.problem.replace("invalid YAML: ", "YAML syntax error: ", 1)
        raise LexiconError(path, problem, exc.line) from None
    if node is None:
        return None
    if sections is not None and isinstance(node, yaml.MappingNode):
        for knode, _ in node.value:
            if isinstance(knode, yaml.ScalarNode) and knode.value not in sections:
                raise LexiconError(path, f"unknown section {shorten(knode.value)} (expected one of "
                                         f"{', '.join(sorted(sections - {'meta'}))})", knode.start_mark.line + 1)
    return _build(node, path)


def json_line(obj: Any) -> str:
    """``obj`` as one line of JSON, which is also YAML (dates as ISO strings).

    The big generated files (persons, organisations) are written this way by the
    build: :func:`parse_json_lines` reads such lines with :mod:`json`, many times
    faster than YAML.
    """
    return json.dumps(obj, ensure_ascii=False, default=lambda v: v.isoformat())


_JSON_KEY_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$")


def parse_json_lines(text: str) -> Map | None:
    """Fast path for big generated files written as JSON lines inside YAML.

    ``persons_petrarch.yaml`` and ``orgs_petrarch.yaml`` hold tens of thousands of
    entries; YAML parsing them takes seconds. They are written as valid YAML in a
    restricted layout -- comment lines, ``key: <JSON>`` lines, ``key:`` lines
    opening a list, and ``- <JSON object>`` list items, one per line -- which reads
    to the same data with :mod:`json`, line numbers kept for error messages.
    Anything else returns None and the file is read as YAML.
    """
    doc = Map()
    doc.line = 1
    doc.key_lines = {}
    section: _Seq | None = None
    lineno = 0

    def hook(pairs: list) -> Map:
        out = Map(pairs)
        out.line = lineno
        out.key_lines = {}
        return out

    try:
        for lineno, line in enumerate(text.split("\n"), start=1):
            if not line or line[0] == "#":
                continue
            if line[:2] == "- ":
                if section is None:
                    return None
                item = json.loads(line[2:], object_pairs_hook=hook)
                if not isinstance(item, dict):
                    return None
                section.append(item)
                continue
            m = _JSON_KEY_RE.match(line)
            if m is None or m.group(1) in doc:
                return None
            key, rest = m.groups()
            doc.key_lines[key] = lineno
            if rest is None:
                section = _Seq()
                section.line = lineno
                doc[key] = section
            else:
                section = None
                doc[key] = json.loads(rest, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return None
    return doc


def line_of(obj: Any, default: int | None = None) -> int | None:
    return getattr(obj, "line", default)


def key_line(mapping: Any, key: Any) -> int | None:
    """The line of ``key`` in a parsed mapping (falls back to the mapping's line)."""
    lines = getattr(mapping, "key_lines", None) or {}
    return lines.get(key, line_of(mapping))
