"""PNG charts drawn by kaleido with Debian's chromium."""
from __future__ import annotations
import os
import shutil
from pathlib import Path
from typing import Any
from ..errors import ReportError, first_line


PNG_WIDTH, PNG_SCALE = 1100, 2
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


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
                              f"{type(result).__name__}: {first_line(result)}") from result
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise ReportError(f"kaleido wrote no image for {', '.join(p.name for p in missing)}")
        return paths

    def close(self) -> None:
        """Stop the browser (also when no chart was drawn)."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=30)
