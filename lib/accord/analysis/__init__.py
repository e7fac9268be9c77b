"""Tables to what an analyst reads: the notebooks' parameters checked, rows selected, charts drawn.

Its public modules; each is imported on first use (plotly and pandas cost seconds), so
``import accord.analysis`` stays light:

* :mod:`.params` -- the notebooks' parameters checked, with what would be valid;
* :mod:`.select`, :mod:`.events` -- focus members, date window, dyad rows; one event's reports;
* :mod:`.charts`, :mod:`.timecharts`, :mod:`.figures` -- the plotly figures and what they share;
* :mod:`.notebook`, :mod:`.summary`, :mod:`.dyadview` -- a notebook run, its summary, the dyad notebook;
* :mod:`.dyad` -- ``accord.dyad``; :mod:`.search` -- ``accord.search``;
* :mod:`.unresolved`, :mod:`.stub` -- the names the lexicon does not know, and a lexicon stub for them.
"""
__all__ = ["charts", "dyad", "dyadview", "events", "figures", "notebook", "params", "search", "select", "stub",
           "summary", "timecharts", "unresolved"]
