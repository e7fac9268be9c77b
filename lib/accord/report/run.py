"""``accord report``: run a notebook with papermill, then write an offline HTML report and PNG charts.

    accord report [NOTEBOOK] [-p NAME VALUE]... [-f params.yaml]... --out DIR

The notebook (default: ``notebooks/02_alliance_dynamics.ipynb``) runs in its
own folder with the parameters given; ``DIR`` then holds

* ``report.html`` -- self-contained: input cells hidden, plotly.js embedded
  once, no require.js, MathJax or any other network fetch;
* ``png/NN-CHART.png`` -- each chart drawn by kaleido with Debian's chromium;
* ``notebook.ipynb`` -- the executed notebook; ``parameters.yaml`` -- what ran.

Everything is written to a temporary folder beside ``DIR`` and renamed into
place at the end, so the last good report is never replaced by a broken one.
When the run fails, the exit status is non-zero, the message names the failing
cell and error, and the partial executed notebook is kept in ``DIR.failed/``.
A progress bar is shown when stderr is a terminal, never in logs.
"""
from __future__ import annotations
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
import yaml
from ..errors import AccordError, ParameterError, ReportError, first_line
from .parameters import default_of, check_parameters, find_notebook, read_parameters
from .html import heading_title, plotly_outputs_to_html, to_html
from .png import PngWriter, find_chromium


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

def _replace(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``, replacing a previous ``dst`` only once ``src`` is complete."""
    old = None
    if dst.exists():
        old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        dst.rename(old)
    src.rename(dst)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def tidy(out: Path) -> list[Path]:
    """Remove what killed runs left beside ``out``; returns what was removed.

    A run's temporary folder is ``.OUT.tmp-PID-*``: removed once process PID is gone
    (a live run's folder is left alone). A previous report set aside by a run killed
    in the middle of :func:`_replace` (``.OUT.old-PID``) is put back when ``out`` is missing.
    """
    removed = []
    aside = sorted(out.parent.glob(f".{out.name}.old-*"))
    if aside and not out.exists() and not any(_alive(_pid_of(p)) for p in aside):
        aside.pop().rename(out)
    for p in [*aside, *out.parent.glob(f".{out.name}.tmp-*")]:
        pid = _pid_of(p)
        stale = not _alive(pid) if pid else time.time() - p.stat().st_mtime > 86400  # a folder of an older accord
        if stale and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def _pid_of(path: Path) -> int:
    """The process id in ``.OUT.tmp-PID-xxxx`` or ``.OUT.old-PID`` (0 when there is none)."""
    tail = path.name.rpartition(".tmp-")[2] if ".tmp-" in path.name else path.name.rpartition(".old-")[2]
    head = tail.split("-")[0]
    return int(head) if head.isdigit() else 0


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
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    threading.Thread(target=_warm_up, name="accord-warm-up", daemon=True).start()

    notebook = find_notebook(args.notebook)
    params = check_parameters(notebook, read_parameters(args.parameters_file, args.parameter))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    failed_dir = out.with_name(out.name + ".failed")
    tidy(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
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
    os.chmod(tmp, 0o755)
    _replace(tmp, out)
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
