"""environment.yml (conda, for analysts) and pyproject.toml (pip) must list the same dependencies."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def _split(req: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_split(r) for r in reqs)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps: dict[str, str] = {}
    for item in env["dependencies"]:
        if isinstance(item, dict):
            for req in item.get("pip", []):
                if not req.startswith("-e"):
                    name, spec = _split(req)
                    deps[name] = spec
            continue
        name, spec = _split(item)
        if name in ("python", "pip"):
            continue
        deps[CONDA_TO_PYPI.get(name, name)] = spec
    return deps


def test_environment_and_pyproject_list_the_same_dependencies():
    assert _environment() == _pyproject()


def test_environment_installs_the_package_itself():
    pip = next(i for i in yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"] if isinstance(i, dict))
    assert "-e ." in pip["pip"]
