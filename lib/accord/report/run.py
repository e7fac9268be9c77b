"""``accord report``: run a notebook with papermill, then write an offline HTML report and PNG charts.

    accord report [NOTEBOOK] [-p NAME VALUE]... [-f params.yaml]... --out DIR

The notebook (default: ``notebooks/02_alliance_dynamics.ipynb``) runs in its
own folder with the parameters given; ``DIR`` then holds

* ``report.html`` -- self-contained: input cells hidden, plotly.js embedded
  once, no require.js, MathJax or any other network fetch;
* ``png/NN-CHART.png`` -- each chart drawn by kaleido with Debian's chromium;
* ``notebook.ipynb`` -- the executed notebook; ``parameters.yaml`` -- what ran.

Everything is written to a temporary folder beside ``DIR`` and swapped into
place at the end (:mod:`accord.io`: one writer at a time, what a killed run left
tidied by the next), so the last good report is never replaced by a broken one.
When the run fails, the exit status is non-zero, the message names the failing
cell and error, and the partial executed notebook is kept in ``DIR.failed/``.
A progress bar is shown when stderr is a terminal, never in logs.
"""
from __future__ import annotations
import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any
import yaml
from ..errors import AccordError, ParameterError, ReportError, first_line
from .parameters import default_of, check_parameters, find_notebook, read_parameters
from .html import heading_title, plotly_outputs_to_html, to_html
from .png import PngWriter, find_chromium
from ..io import locked, replace_folder, staging_folder


def fast_jupyter_imports() -> None:
    """Skip an optional import of jsonschema that costs a second or more.

    jsonschema imports ``rfc3987_syntax`` (when installed, as jupyter-events
    wants) to check the "iri" string format, building a grammar at import time;
    nbformat never checks that format. Marking the module missing before
    nbformat/papermill are imported makes jsonschema skip it. Only for this
    process; a module already imported is left alone.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


# -- the run ------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    chromium = None if args.no_png else find_chromium()
    png = PngWriter(chromium) if chromium else None  # the browser starts while the notebook runs
    try:
        return _run(args, started, png)
    finally:
        if png is not None:
            png.close()


def _warm_up() -> None:
    """Import what writing the page needs while the kernel works (the main thread mostly waits)."""
    try:
        import nbconvert  # noqa: F401
        from plotly.offline import get_plotlyjs

        get_plotlyjs()
    except Exception:  # noqa: BLE001 -- imported again, with its error, where it is used
        pass


def _kernel_manager(log: Path) -> type:
    """A kernel manager class whose kernel writes its process stderr to ``log``.

    That stream holds only the kernel's own logging (a cell's output goes to the
    notebook), which would otherwise interleave, rarely and at random, with
    accord's messages; the log stays in the failed run's folder for diagnosis.
    """
    from jupyter_client.manager import AsyncKernelManager

    class KernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:
            with open(log, "ab") as fh:  # the kernel process keeps its own copy of the descriptor
                kw.setdefault("stderr", fh)
                await super().start_kernel(**kw)

    return KernelManager


def _run(args: argparse.Namespace, started: float, png: PngWriter | None) -> int:
    import threading

    fast_jupyter_imports()
    import nbformat  # noqa: F401 -- before the warm-up thread imports nbconvert: one importer of jupyter at a time
    import papermill  # noqa: F401

    threading.Thread(target=_warm_up, name="accord-warm-up", daemon=True).start()

    notebook = find_notebook(args.notebook)
    params = check_parameters(notebook, read_parameters(args.parameters_file, args.parameter))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    failed_dir = out.with_name(out.name + ".failed")
    with locked(out), staging_folder(out) as tmp:
        return _execute(notebook, params, out, tmp, failed_dir, args, started, png)


def _execute(notebook: Path, params: dict[str, Any], out: Path, tmp: Path, failed_dir: Path,
             args: argparse.Namespace, started: float, png: PngWriter | None) -> int:
    """Run the notebook into ``tmp`` and write the report there; swap it in place of ``out``."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = tmp / "notebook.ipynb"
    kernel_log = tmp.resolve() / "kernel.log"  # papermill runs the kernel from the notebook's folder
    try:
        papermill.execute_notebook(
            str(notebook), str(executed), parameters=params, cwd=str(notebook.parent),
            kernel_name="python3", progress_bar=sys.stderr.isatty(), log_output=False,
            request_save_on_cell_execute=False, execution_timeout=args.timeout,
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # the kernel process logs nothing of its own
            kernel_manager_class=_kernel_manager(kernel_log),
        )
    except PapermillExecutionError as exc:
        raise _failure(tmp, failed_dir, out, f"cell {exc.exec_count} raised {exc.ename}: "
                                             f"{first_line(exc.evalue)}", exc.ename) from None
    except BaseException as exc:  # kernel died, timeout, interrupted
        err = _failure(tmp, failed_dir, out, f"{type(exc).__name__}: {first_line(exc)}", None)
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise err from None
    kernel_log.unlink(missing_ok=True)  # a good run's report folder holds the report alone
    try:
        nb = nbformat.read(executed, as_version=4)
        # the title the notebook shows (derived from the focus unless given), else its first heading, else its name
        title = str(params.get("title") or heading_title(nb) or _first_heading(nb) or default_of(notebook, "title")
                    or notebook.stem)
        figures = plotly_outputs_to_html(nb)
        if png is not None:
            png.submit(figures, tmp / "png")  # drawn while the page is written
        (tmp / "report.html").write_text(to_html(nb, title), encoding="utf-8")
        if png is not None:
            png.wait()
        (tmp / "parameters.yaml").write_text(
            yaml.safe_dump({"notebook": notebook.name, "parameters": params}, sort_keys=True, allow_unicode=True),
            encoding="utf-8")
    except BaseException as exc:
        err = _failure(tmp, failed_dir, out, f"writing the report failed: {type(exc).__name__}: "
                                             f"{first_line(exc)}", None)
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise err from exc
    replace_folder(tmp, out)
    if failed_dir.exists():
        shutil.rmtree(failed_dir, ignore_errors=True)
    n_png = len(list((out / "png").glob("*.png"))) if png else 0
    print(f"accord report: wrote {out / 'report.html'}, {len(figures)} chart{'s' if len(figures) != 1 else ''}"
          + (f", {n_png} PNG file{'s' if n_png != 1 else ''}" if png else "")
          + f" in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def _keep_failed(tmp: Path, failed_dir: Path) -> None:
    if failed_dir.exists():
        shutil.rmtree(failed_dir)
    tmp.rename(failed_dir)


def _failure(tmp: Path, failed_dir: Path, out: Path, what: str, ename: str | None) -> AccordError:
    """Keep the partial notebook in ``failed_dir``; the error to raise."""
    _keep_failed(tmp, failed_dir)
    kept = failed_dir / "notebook.ipynb"
    msg = (f"{what}\n  the partial executed notebook is in {kept}"
           f"\n  {out} {'(the last good report) ' if out.exists() else ''}is unchanged")
    return ParameterError(msg) if ename == "ParameterError" else ReportError(msg)


def _first_heading(nb: Any) -> str | None:
    """The text of the first ``<h2>`` a cell displays (the dyad notebook's names its actors), else None."""
    import html as _html
    import re as _re

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            m = _re.match(r"\s*<h2>(.*?)</h2>", str(out.get("data", {}).get("text/html", "")), _re.S)
            if m:
                return _html.unescape(m.group(1)).strip() or None
    return None
