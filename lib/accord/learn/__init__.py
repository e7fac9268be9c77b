"""Learning from the analyst: corrections become training data for the event model, measured before
they are trusted (``accord learn``).

- :mod:`.train`: labelled items -> examples -> a fitted event model, and its scores (``make model`` too);
- :mod:`.corpus`: the open corpus the package ships, and its examples cached per parser and lexicon;
- :mod:`.teach`: corrections and their documents -> weighted examples, and those that cannot teach;
- :mod:`.measure`: cross-validation on the corrections, dev sets before and after;
- :mod:`.guard`: the threshold a learned model must keep to be written;
- :mod:`.run`: the whole of ``accord learn``; the model folder and its card.
"""
__all__ = ["corpus", "guard", "measure", "run", "teach", "train"]
