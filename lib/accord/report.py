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
import ast
import datetime as _dt
import html
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from .errors import AccordError, InputError, ParameterError

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NOTEBOOK = Path("notebooks") / "02_alliance_dynamics.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Parameters that name files: given on the command line, they are relative to the current folder.
PATH_PARAMETERS = ("corpus", "lexicon")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
PNG_WIDTH, PNG_SCALE = 1100, 2


class ReportError(AccordError):
    """A report run that failed; the last good report is untouched."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", nargs="?", default=None,
                        help=f"notebook to run (default: {DEFAULT_NOTEBOOK})")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter; VALUE is read as YAML (e.g. -p focus '[RUS, PRK]')")
    parser.add_argument("-f", "--parameters-file", action="append", default=[], metavar="PARAMS.yaml",
                        help="YAML mapping of parameters (several allowed; -p wins)")
    parser.add_argument("--out", required=True, metavar="DIR", help="report folder (replaced only on success)")
    parser.add_argument("--no-png", action="store_true", help="skip the PNG files (no chromium needed)")
    parser.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                        help="time limit of one notebook cell (default 600)")


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
            raise ParameterError(f"parameters file {f!r} does not exist")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ParameterError(f"{f}: not valid YAML: {exc}") from None
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
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
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
        if name in PATH_PARAMETERS and isinstance(value, str) and value and not os.path.isabs(value):
            value = str((base / value).resolve()) if not any(c in value for c in "*?[") else str(base / value)
        out[name] = value
    return out


def _default(notebook: Path, name: str) -> Any:
    try:
        return ast.literal_eval(_declared(notebook)[name]["default"])
    except (KeyError, ValueError, SyntaxError):
        return None


def find_notebook(arg: str | None) -> Path:
    if arg:
        path = Path(arg)
        if not path.is_file():
            raise InputError(path, "no such notebook")
        return path.resolve()
    for base in (Path.cwd(), ROOT):
        if (base / DEFAULT_NOTEBOOK).is_file():
            return (base / DEFAULT_NOTEBOOK).resolve()
    raise InputError(DEFAULT_NOTEBOOK, "default notebook not found; pass the notebook to run")


def find_chromium() -> str:
    """Debian's chromium (or ``ACCORD_CHROMIUM`` / ``BROWSER_PATH``); never downloads a browser."""
    for env in ("ACCORD_CHROMIUM", "BROWSER_PATH"):
        if os.environ.get(env):
            if not os.access(os.environ[env], os.X_OK):
                raise ReportError(f"{env}={os.environ[env]!r} is not an executable browser")
            return os.environ[env]
    for cand in CHROMIUM_CANDIDATES:
        if os.access(cand, os.X_OK):
            return cand
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    raise ReportError("chromium not found: install Debian's chromium (scripts/install-system-deps.sh, "
                      "or apt-get install chromium), set ACCORD_CHROMIUM, or pass --no-png")


# -- HTML ---------------------------------------------------------------------

def plotly_outputs_to_html(nb: Any) -> list[dict[str, Any]]:
    """Replace each plotly MIME output by a div drawing it (deterministic id, no plotly.js);
    returns the figures in order, each as {"name", "figure"}."""
    import plotly.io as pio

    figures = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if PLOTLY_MIME not in data:
                continue
            fig = data[PLOTLY_MIME]
            if isinstance(fig, str):
                fig = json.loads(fig)
            n = len(figures) + 1
            meta = (fig.get("layout") or {}).get("meta") or {}
            name = meta.get("chart") if isinstance(meta, dict) and meta.get("chart") else "figure"
            figures.append({"name": name, "figure": fig})
            config = dict(fig.get("config") or {}, displaylogo=False, responsive=True)
            div = pio.to_html(
                {"data": fig.get("data", []), "layout": fig.get("layout", {})}, config=config,
                include_plotlyjs=False, include_mathjax=False, full_html=False, div_id=f"accord-chart-{n}",
                validate=False,
            )
            out["data"] = {"text/html": f'<div class="accord-chart" data-chart="{html.escape(name)}">{div}</div>'}
    return figures


def to_html(nb: Any, title: str) -> str:
    """The report page: the lab template without require.js, MathJax or mermaid; plotly.js inline once."""
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    exporter = HTMLExporter(
        template_name="lab",
        template_file="accord_report.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={
        "metadata": {"name": title},
        "accord_plotly_js": get_plotlyjs(),
        "accord_generated": "",
    })
    return body


# -- PNG ----------------------------------------------------------------------

class PngWriter:
    """kaleido with Debian's chromium in a background thread: the browser starts (seconds: it
    loads plotly.js) while the notebook runs, and draws the charts once they exist.
    MathJax off and plotly.js from the plotly package: nothing is fetched from the network."""

    def __init__(self, chromium: str, timeout: float = 180) -> None:
        import queue
        import threading

        self.chromium, self.timeout = chromium, timeout
        self._jobs: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="accord-png", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import asyncio

        asyncio.run(self._main())

    async def _main(self) -> None:
        import asyncio

        import kaleido

        try:
            async with kaleido.Kaleido(path=self.chromium, mathjax=False, n=1, timeout=self.timeout) as k:
                jobs = await asyncio.to_thread(self._jobs.get)
                if jobs is None:
                    return
                await k.write_fig_from_object(jobs)
            self._done.put(None)
        except BaseException as exc:  # reported to the caller of write()
            self._done.put(exc)

    def write(self, figures: list[dict[str, Any]], out_dir: Path) -> list[Path]:
        """Each figure as ``out_dir/NN-NAME.png``."""
        self.submit(figures, out_dir)
        return self.wait()

    def submit(self, figures: list[dict[str, Any]], out_dir: Path) -> None:
        """Start drawing each figure as ``out_dir/NN-NAME.png``; :meth:`wait` for the files."""
        out_dir.mkdir(parents=True, exist_ok=True)
        jobs, paths = [], []
        for i, item in enumerate(figures, 1):
            path = out_dir / f"{i:02d}-{item['name'].replace('_', '-')}.png"
            fig = {"data": item["figure"].get("data", []), "layout": item["figure"].get("layout", {})}
            height = fig["layout"].get("height") or 520
            jobs.append({"fig": fig, "path": str(path),
                         "opts": {"format": "png", "width": PNG_WIDTH, "height": height, "scale": PNG_SCALE}})
            paths.append(path)
        self._paths = paths
        self._jobs.put(jobs)

    def wait(self) -> list[Path]:
        """The files of :meth:`submit`, once drawn; ReportError when kaleido failed."""
        import queue

        paths = self._paths
        try:
            result = self._done.get(timeout=self.timeout)
        except queue.Empty:
            raise ReportError(f"kaleido drew no chart within {self.timeout:.0f} s") from None
        if isinstance(result, BaseException):
            raise ReportError(f"kaleido could not draw the charts with {self.chromium}: "
                              f"{type(result).__name__}: {_first_line(result)}") from result
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise ReportError(f"kaleido wrote no image for {', '.join(p.name for p in missing)}")
        return paths

    def close(self) -> None:
        """Stop the browser (also when no chart was drawn)."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=30)


def write_pngs(figures: list[dict[str, Any]], out_dir: Path, chromium: str) -> list[Path]:
    """Each figure as ``out_dir/NN-NAME.png`` (starts and stops its own browser)."""
    writer = PngWriter(chromium)
    try:
        return writer.write(figures, out_dir) if figures else []
    finally:
        writer.close()


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


def _first_line(text: str) -> str:
    return next((line for line in str(text).splitlines() if line.strip()), "").strip()


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
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
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
                                             f"{_first_line(exc.evalue)}", exc.ename) from None
    except BaseException as exc:  # kernel died, timeout, interrupted
        err = _failure(tmp, failed_dir, out, f"{type(exc).__name__}: {_first_line(exc)}", None)
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise err from None
    kernel_log.unlink(missing_ok=True)  # a good run's report folder holds the report alone
    try:
        nb = nbformat.read(executed, as_version=4)
        title = str(params.get("title") or _default(notebook, "title") or notebook.stem)
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
                                             f"{_first_line(exc)}", None)
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
