"""Start-up cost (issue 12): ``import accord`` and ``accord --help`` load none of the heavy libraries.

The timings themselves are benchmarks (benchmarks/bench_startup.py); these tests keep the
structure that makes them fast: the public names are imported on first use.
"""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("spacy", "pandas", "pandera", "dask", "distributed", "plotly", "papermill")


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def test_import_accord_loads_no_heavy_library():
    assert _loaded_after("import accord") == []


def test_the_cli_help_loads_no_heavy_library():
    assert _loaded_after("import sys, contextlib, io\nsys.argv = ['accord', '--help']\n"
                         "from accord.cli import main\n"
                         "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
                         "    main()") == []


def test_a_public_name_loads_its_module_on_first_use():
    assert "spacy" in _loaded_after("import accord\naccord.build_pipeline")
