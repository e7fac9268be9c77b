"""The shape of the package: layers import only downward, no import circle, no module over 500 lines.

The import graph is read from the source (every ``import`` statement, including
those inside functions, which would otherwise hide a circle), so the rules hold
whatever is imported lazily.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "accord"
MAX_LINES = 500

# Lowest first: a module may import from its own layer or a lower one, never a higher one.
LAYERS = (
    "errors", "paths",   # what every layer may raise and the files it may need
    "terminal",          # text printed to a terminal: control characters shown, never sent
    "tables",            # the six tables' schemas
    "spreadsheet",       # cells made safe for spreadsheets
    "readers",           # files -> Documents
    "lexicon",           # the lexicon data, its loader and its build
    "corpus",            # the open corpus of labelled events and attributions: anchors, checks, figures
    "pipeline",          # spaCy components
    "corrections",       # an analyst's fixes to rows, applied after annotation
    "annotation",        # Document -> Doc -> rows
    "dataset",           # the Parquet store, scale-out on Dask
    "analysis",          # parameters, selections, charts, notebook helpers
    "evaluate",          # scores against gold standards
    "learn",             # corrections -> training data -> a learned model, measured on the gold sets
    "report",            # papermill, HTML, PNG
    "cli",               # the `accord` command
)


def _module_name(path: Path) -> str:
    parts = ["accord", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """The accord modules that ``name`` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import sub` imports the submodule pkg.sub when there is one
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 else None  # the package itself is above every layer


def test_every_module_belongs_to_a_layer() -> None:
    unknown = sorted(n for n in MODULES if n != "accord" and n.split(".")[1] not in LAYERS)
    assert not unknown, f"modules outside LAYERS: {unknown}"


def test_imports_go_only_downward() -> None:
    upward = [f"{src} -> {dst}" for src, dsts in GRAPH.items() for dst in sorted(dsts)
              if _layer(src) is not None and (_layer(dst) is None or _layer(dst) > _layer(src))]
    assert not upward, "imports from a lower layer to a higher one:\n" + "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each one import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_circle() -> None:
    assert _cycles(GRAPH) == []


def test_the_circle_check_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_under_500_lines(name: str) -> None:
    n = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert n < MAX_LINES, f"{MODULES[name]}: {n} lines; split it by concept"


def test_the_package_exports_an_explicit_list_of_names() -> None:
    import accord

    assert set(accord.__all__) == {"annotate", "build_pipeline", "load_lexicon", "Lexicon", "read_corpus",
                                   "read_tables", "write_tables", "dyad", "dyads", "events", "resolve_actor",
                                   "search", "export_xlsx"}
    for name in accord.__all__:
        assert getattr(accord, name).__name__ == name
    with pytest.raises(AttributeError):
        accord.no_such_name  # noqa: B018 -- no fallback to arbitrary submodules


def _private_imports(source: str) -> list[str]:
    """The names starting with one underscore that ``from x import ...`` statements take."""
    return [a.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)
            for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]


def test_no_private_name_is_imported_across_modules() -> None:
    """A name shared between modules is public; a private one stays inside its module."""
    found = {name: names for name, path in MODULES.items()
             if (names := _private_imports(path.read_text(encoding="utf-8")))}
    assert not found, f"private names imported across modules: {found}"


def test_the_private_import_check_finds_one() -> None:
    assert _private_imports("from .figures import _empty, quoted\nimport os\n") == ["_empty"]
