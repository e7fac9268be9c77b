"""A report's notebook parameters: read from the command line and files, checked against the notebook."""
from __future__ import annotations
import ast
import datetime as _dt
import glob as _glob
import os
from pathlib import Path
from typing import Any
from ..paths import REPO_DIR
from ..errors import InputError, ParameterError
from ..readers import safe_yaml
from ..readers.files import nearest_sibling


DEFAULT_NOTEBOOK = Path("notebooks") / "02_alliance_dynamics.ipynb"
#: Parameters that name files. One rule for every path accord report is given (on the command line
#: or in a parameters file): it is relative to the folder where accord runs, made absolute here, and
#: checked before any kernel starts.
PATH_PARAMETERS = ("corpus", "lexicon", "model")
#: What a missing relative path's message says (the notebooks' own messages say it too).
PATH_RULE = "accord report reads a path relative to the folder where it runs"
#: A parameters file or value is a few lines: a longer one is refused unread.
MAX_PARAMETER_CHARS = 1_000_000


# -- parameters -----------------------------------------------------------------

def _plain(value: Any) -> Any:
    """YAML values as the notebook expects them: dates back to ISO strings, recursively."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def read_parameters(files: list[str], pairs: list[list[str]]) -> dict[str, Any]:
    """Parameters from YAML files (in order) then ``-p NAME VALUE`` pairs (VALUE read as YAML)."""
    params: dict[str, Any] = {}
    for f in files:
        path = Path(f)
        if not path.is_file():
            raise ParameterError(f"parameters file {f!r} does not exist{_looked_in(f)}")
        size = path.stat().st_size
        if size > 4 * MAX_PARAMETER_CHARS:  # refused unread
            raise ParameterError(f"{f}: {size:,} bytes, more than a parameters file may hold")
        try:
            data = safe_yaml.load(path.read_text(encoding="utf-8"), f, max_chars=MAX_PARAMETER_CHARS)
        except UnicodeDecodeError as exc:
            raise ParameterError(f"{f}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except InputError as exc:  # not YAML, or YAML that could blow up (aliases, tags): named with its line
            raise ParameterError(str(exc)) from None
        if data is None:
            continue
        if not isinstance(data, dict):
            raise ParameterError(f"{f}: expected a mapping of parameter names to values, got {type(data).__name__}")
        params.update({str(k): _plain(v) for k, v in data.items()})
    for name, raw in pairs:
        if raw.strip() == "None":  # as papermill's -p reads it
            params[name] = None
            continue
        try:
            value = safe_yaml.load(raw, f"-p {name}", max_chars=MAX_PARAMETER_CHARS) if raw.strip() else ""
        except InputError:  # not plain YAML: the text itself, as papermill's -p takes it
            value = raw
        params[name] = _plain(value)
    return params


def _declared(notebook: Path) -> dict[str, dict[str, Any]]:
    import papermill

    return papermill.inspect_notebook(str(notebook))


def check_parameters(notebook: Path, params: dict[str, Any], cwd: Path | None = None) -> dict[str, Any]:
    """Unknown names raise ParameterError; strings where the notebook declares ``str``; paths made absolute."""
    declared = _declared(notebook)
    if not declared:
        raise ParameterError(f"{notebook}: the notebook has no cell tagged 'parameters'")
    unknown = sorted(set(params) - set(declared))
    if unknown:
        valid = ", ".join(f"{n} ({p['inferred_type_name']})" for n, p in declared.items())
        raise ParameterError(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                             f"for {notebook.name}; valid: {valid}")
    out = {}
    base = Path(cwd or os.getcwd())
    for name, value in params.items():
        kind = declared[name]["inferred_type_name"]
        if kind in ("str", "Optional[str]", "str | None") and value is not None and not isinstance(value, str):
            value = str(value)
        if name in PATH_PARAMETERS and isinstance(value, str) and value.strip():
            value = _existing_path(name, value, base)
        out[name] = value
    return out


def _looked_in(path: str) -> str:
    """" in CWD (the rule)" for a relative path, which is relative to where accord runs; "" for an absolute one."""
    return "" if os.path.isabs(path) else f" in {Path.cwd()} ({PATH_RULE})"


def _existing_path(name: str, value: str, base: Path) -> str:
    """``value`` made absolute against ``base``; ParameterError when nothing is there (a glob that
    matches no file included), with the rule and the nearest name beside it."""
    pattern = any(c in value for c in "*?[")
    absolute = os.path.isabs(value)
    path = Path(value) if absolute else base / value
    if pattern:
        if _glob.glob(str(path), recursive=True):
            return str(path)
    elif path.exists():
        return value if absolute else str(path.resolve())
    if absolute:
        raise ParameterError(f"{name}: {value!r} does not exist")
    near = None if pattern else nearest_sibling(path)
    hint = f"; did you mean {os.path.relpath(near, base)!r}?" if near else ""
    raise ParameterError(f"{name}: {value!r} does not exist in {base} ({PATH_RULE}{hint})")


def default_of(notebook: Path, name: str) -> Any:
    try:
        return ast.literal_eval(_declared(notebook)[name]["default"])
    except (KeyError, ValueError, SyntaxError):
        return None


def find_notebook(arg: str | None) -> Path:
    if arg:
        path = Path(arg)
        if not path.is_file():
            raise InputError(path, f"no such notebook{_looked_in(arg)}")
        return path.resolve()
    for base in (Path.cwd(), REPO_DIR):
        if (base / DEFAULT_NOTEBOOK).is_file():
            return (base / DEFAULT_NOTEBOOK).resolve()
    raise InputError(DEFAULT_NOTEBOOK, "default notebook not found; pass the notebook to run")
