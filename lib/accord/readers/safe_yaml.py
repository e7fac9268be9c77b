"""The one way accord reads YAML it did not write: front matter, sidecars and lexicon files.

YAML is a data format with a few features that turn a small file into a large
or endless one: an alias (``*a``) reuses an anchored node (``&a``), so ten
nested lists of ten aliases expand to 10**10 items (a "billion laughs"), and an
alias inside its own anchor is a cycle. Tags (``!foo``, ``!!python/object``)
ask for a constructor. None of these belong in metadata or a lexicon, so
:func:`compose` refuses them before anything is built: every node may be
reached once (no alias, no cycle), only the plain tags (string, number, bool,
null, date, list, mapping) are accepted on any node, the text and the nesting
depth are capped. What is left builds in time and memory linear in the text.

Messages name the line and never hold a whole value (see
:func:`accord.errors.shorten`).
"""
from __future__ import annotations
from pathlib import Path
from typing import Any
import yaml
from ..errors import InputError, shorten

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_P = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(_P + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
SEQ_TAG = _P + "seq"
MAP_TAG = _P + "map"
#: Default cap on nesting (lists and mappings inside each other).
MAX_DEPTH = 64


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _tag_problem(node: yaml.Node) -> str | None:
    tag = node.tag
    if tag == _P + "merge":
        return "merge keys ('<<') are not allowed"
    if isinstance(node, yaml.ScalarNode):
        ok = tag in SCALAR_TAGS
    elif isinstance(node, yaml.SequenceNode):
        ok = tag == SEQ_TAG
    else:
        ok = tag == MAP_TAG
    if ok:
        return None
    kind = {yaml.ScalarNode: "value", yaml.SequenceNode: "list", yaml.MappingNode: "mapping"}[type(node)]
    return f"YAML tag {shorten(tag, 60)} on a {kind} is not allowed (only plain strings, numbers, " \
           f"booleans, dates, lists and mappings)"


def compose(text: str, path: str | Path, *, max_chars: int, max_depth: int = MAX_DEPTH,
            line_offset: int = 0) -> yaml.Node | None:
    """Parse YAML ``text`` into its node tree, refusing what could blow up; None for an empty document.

    Raises :class:`InputError` naming ``path`` and the line (``line_offset`` is
    added, e.g. for front matter after its ``---``) when the text is longer than
    ``max_chars``, is not YAML, holds more than one document, uses an alias or
    anchor, a tag other than the plain ones or a merge key, or nests deeper than
    ``max_depth``. Aliases are found before any value is built, so a billion
    laughs costs the size of its text.
    """
    if len(text) > max_chars:
        raise InputError(path, f"YAML is {len(text):,} characters, more than the {max_chars:,} accepted here")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark is not None else None
        raise InputError(path, f"invalid YAML: {shorten(exc.problem or exc, 200, quote=False)}", line) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {shorten(exc, 200, quote=False)}") from None
    finally:
        loader.dispose()
    if node is None:
        return None
    # Walk the tree without recursion; an alias makes a node reachable twice.
    seen: set[int] = set()
    add = seen.add
    stack: list[tuple[yaml.Node, int, int]] = [(node, 1, _line(node))]
    while stack:
        n, depth, parent_line = stack.pop()
        if id(n) in seen:
            raise InputError(path, "YAML aliases and anchors (&name, *name) are not allowed: an alias "
                                   f"reuses the value anchored at line {_line(n) + line_offset}",
                             parent_line + line_offset)
        add(id(n))
        if n.__class__ is yaml.ScalarNode and n.tag in SCALAR_TAGS:
            continue  # the common case, checked inline: lexicon files hold ~10**5 scalars
        problem = _tag_problem(n)
        if problem:
            raise InputError(path, problem, _line(n) + line_offset)
        if isinstance(n, yaml.ScalarNode):
            continue
        if depth > max_depth:
            raise InputError(path, f"YAML nested more than {max_depth} levels deep", _line(n) + line_offset)
        line = _line(n)
        if n.__class__ is yaml.SequenceNode:
            stack.extend([(c, depth + 1, line) for c in reversed(n.value)])
        else:
            stack.extend([(c, depth + 1, line) for kv in reversed(n.value) for c in (kv[1], kv[0])])
    return node


def construct_scalar(node: yaml.ScalarNode, path: str | Path, line_offset: int = 0) -> Any:
    """The Python value of a checked scalar node (str, int, float, bool, None or date).

    An impossible date such as ``2024-02-30`` raises :class:`InputError` with its line.
    """
    if node.tag == _P + "str":
        return node.value
    try:
        # the scalar constructors keep no state, so one shared instance serves every thread
        return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
        what = "bad date" if node.tag.endswith("timestamp") else "bad value"
        raise InputError(path, f"{what} {shorten(node.value)}: {shorten(str(exc), 120, quote=False)}",
                         _line(node) + line_offset) from None


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def construct(node: yaml.Node | None, path: str | Path, line_offset: int = 0) -> Any:
    """Plain Python values (dict, list, scalars) of a tree returned by :func:`compose`.

    A mapping key must be a string, number, bool or date, and may appear once.
    """
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return construct_scalar(node, path, line_offset)
    if isinstance(node, yaml.SequenceNode):
        return [construct(c, path, line_offset) for c in node.value]
    out: dict[Any, Any] = {}
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            raise InputError(path, "a mapping key must be a plain value, not a list or mapping",
                             _line(knode) + line_offset)
        key = construct_scalar(knode, path, line_offset)
        if key in out:
            raise InputError(path, f"duplicate key {shorten(key)}", _line(knode) + line_offset)
        out[key] = construct(vnode, path, line_offset)
    return out


def load(text: str, path: str | Path, *, max_chars: int, max_depth: int = MAX_DEPTH, line_offset: int = 0) -> Any:
    """:func:`compose` then :func:`construct`: the safe replacement of ``yaml.safe_load``."""
    return construct(compose(text, path, max_chars=max_chars, max_depth=max_depth, line_offset=line_offset),
                     path, line_offset)
