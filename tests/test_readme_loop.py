"""The README's analyst's loop, its five lines run verbatim (issue 23 item 1).

The lines are read from the README itself, so the README cannot drift from what runs. They run
in bash, from a folder laid out as the repository root (``news/`` a folder of articles, the
checkout's ``notebooks/``), with this checkout's installed ``accord`` first on the PATH, as
``source .venv/bin/activate`` puts it. ``$EDITOR`` is a script that writes the analyst's fix.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from accord.dataset.source import read_tables
from tests._browser import BIN, ROOT

FIX = """\
corrections:
  - id: drones-reported
    doc: iran-0117
    span: [142, 166]
    set: {status: reported}
    reason: the article's own reporting confirms the supply
"""


def loop_lines(readme: Path = ROOT / "README.md") -> list[str]:
    """The command lines of the first ``sh`` block under the heading "The analyst's loop"."""
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("## The analyst's loop"):]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_loop_runs_verbatim(tmp_path):
    lines = loop_lines()
    assert len(lines) == 5 and lines[3].startswith("$EDITOR fixes.yaml")
    shutil.copytree(ROOT / "tests" / "data" / "dyad", tmp_path / "news")
    (tmp_path / "notebooks").symlink_to(ROOT / "notebooks")  # the repository root's notebooks
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\ncat > \"$1\" <<'EOF'\n{FIX}EOF\n", encoding="utf-8")
    editor.chmod(0o755)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "EDITOR": str(editor)}
    for line in lines:
        res = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=900)
        assert res.returncode == 0, f"{line}\n{res.stderr}"
    page = (tmp_path / "build" / "report" / "report.html").read_text(encoding="utf-8")
    assert "<title>Iran and Russia: the alliance" in page
    dyad_page = (tmp_path / "build" / "dyad" / "report.html").read_text(encoding="utf-8")
    assert "Iran and Russia" in dyad_page
    rel = read_tables(tmp_path / "week")["relations"]
    fixed = rel[rel["corrected"].notna()]
    assert [c.split(":")[0] for c in fixed["corrected"]] == ["drones-reported"]  # step 5 kept the fix
    assert list(fixed["status"]) == ["reported"]
