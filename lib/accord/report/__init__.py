"""``accord report``: a notebook run with papermill into an offline HTML report and PNG charts.

Its public modules: :mod:`.run` (the run, written at once), :mod:`.parameters` (``-p``/``-f``
checked against the notebook), :mod:`.html` (the offline page), :mod:`.png` (charts drawn by
kaleido with Debian's chromium).
"""
__all__ = ["html", "parameters", "png", "run"]
