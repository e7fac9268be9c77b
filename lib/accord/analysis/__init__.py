"""Tables to what an analyst reads: the notebooks' parameters checked, rows selected, charts drawn.

Its public modules; each is imported on first use (plotly and pandas cost seconds), so
``import accord.analysis`` stays light:

* :mod:`.params` -- the notebooks' parameters checked, with what would be valid;
* :mod:`.select`, :mod:`.events` -- focus members, date window, dyad rows; one event's reports;
* :mod:`.selection` -- the checked :class:`~.selection.Selection` every chart and summary takes;
* :mod:`.registry` -- the charts, registered where they are defined;
* :mod:`.network`, :mod:`.matrix`, :mod:`.contest`, :mod:`.timeline`, :mod:`.exchanges`, :mod:`.trend` --
  one chart module each (what it draws); :mod:`.figures` -- what they share;
* :mod:`.charts` -- every chart from plain tables (and :data:`~.charts.CHARTS`), for an analyst; it
  finds the chart modules itself (any module here that registers a chart), by module name;
* :mod:`.notebook`, :mod:`.summary`, :mod:`.dyadview` -- a notebook run, its summary, the dyad notebook;
* :mod:`.dyad` -- ``accord.dyad``; :mod:`.search` -- ``accord.search``;
* :mod:`.unresolved`, :mod:`.stub` -- the names the lexicon does not know, and a lexicon stub for them.
"""
__all__ = ["changes", "charts", "contest", "dyad", "dyadview", "events", "exchanges", "figures", "matrix", "network",
           "notebook", "params", "propositions", "registry", "search", "select", "selection", "stub", "summary",
           "timeline", "trend", "unresolved"]
