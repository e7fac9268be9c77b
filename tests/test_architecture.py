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
    "labels",            # statuses, PLOVER categories, quad classes: defined once, from the data
    "io",                # writing at once or not at all: locks, folder swaps, fsync
    "tables",            # the six tables' schemas
    "readers",           # files -> Documents
    "lexicon",           # the lexicon data and its loader (its build is lexicon_build/, outside the package)
    "corpus",            # the open corpus of labelled events and attributions: anchors, checks, figures
    "pipeline",          # spaCy components
    "engine",            # the run's lexicon, rules and pipeline, made once
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
                                   "read_tables", "write_tables", "open_tables", "dyad", "dyads", "events", "resolve_actor",
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


PACKAGES = sorted({p.parent for p in PACKAGE.rglob("*.py")})


@pytest.mark.parametrize("folder", PACKAGES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_every_package_declares_its_public_names(folder: Path) -> None:
    """Each package says what it offers (``__all__``): its own names or its public modules, each one real."""
    init = folder / "__init__.py"
    assert init.is_file(), f"{folder}: a package without __init__.py declares no public names"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    declared = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)]
    assert declared, f"{init}: no __all__"
    value = declared[0]
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "sorted":  # sorted(_EXPORTS): its keys
        value = next(n.value for n in tree.body if isinstance(n, ast.Assign) and
                     getattr(n.targets[0], "id", "") == value.args[0].id).keys
        names = [k.value for k in value]
    else:
        names = ast.literal_eval(value)
    defined = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    defined |= {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)}
    defined |= {n.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef)) for n in [node]}
    defined |= {a.asname or a.name for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
                for a in node.names}
    defined |= {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    lazy = _lazy_names(tree)
    missing = [n for n in names if n not in defined and n not in lazy and not n.startswith("_")]
    assert not missing, f"{init}: __all__ names what the package does not have: {missing}"
    assert not [n for n in names if n.startswith("_")], f"{init}: a private name in __all__"


def _lazy_names(tree: ast.Module) -> set[str]:
    """Names a package's ``__getattr__`` gives on first use (the keys of a dict literal of lazy imports)."""
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            found |= {k.value for k in node.value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return found


def _calls(source: str, name: str) -> list[int]:
    """The lines where ``source`` calls a function named ``name`` (bare or as an attribute)."""
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            and (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)]


def test_analysis_and_dataset_load_no_lexicon_of_their_own() -> None:
    """The run's Engine carries the lexicon (accord.engine): a chart or a dataset read that loaded the
    packaged lexicon itself ignored an analyst's (issue 21's two defects)."""
    found = {name: lines for name, path in MODULES.items() if name.split(".")[1:2] in (["analysis"], ["dataset"])
             if (lines := _calls(path.read_text(encoding="utf-8"), "load_lexicon"))}
    assert not found, f"load_lexicon() called under analysis/ or dataset/ (take the run's Engine): {found}"


def test_the_lexicon_call_check_finds_one() -> None:
    assert _calls("from x import load_lexicon\nrules = load_lexicon().rules\n", "load_lexicon") == [2]
