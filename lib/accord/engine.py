"""One engine value: the lexicon, its coding rules and the spaCy pipeline over them, made once per run.

A run (``accord.annotate``, a dataset's read, a notebook's :func:`~accord.analysis.notebook.prepare`)
makes its :class:`Engine` once and hands it to everything that needs the lexicon: the
annotation loop, the corrections, the focus and dyad names, the charts' coding rules. So an
analyst's lexicon reaches every one of them, and nothing under ``analysis/`` or ``dataset/``
loads a lexicon of its own (``tests/test_architecture.py`` keeps it so).

The pipeline is made on first use only (:attr:`Engine.nlp`): a notebook reading a dataset
needs the rules and the names, not a parser. How it is built is :mod:`accord.pipeline`'s
business (:func:`~accord.pipeline.build_pipeline`, cached on disk by
:func:`~accord.pipeline.cache.load_or_build`); the engine only carries it.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Sequence

from .errors import AccordError
from .lexicon import CodingRules, Lexicon, load_lexicon
from .lexicon.load import check_lexicon_files
from .pipeline import build_pipeline
from .pipeline.cache import lexicon_of, load_or_build
from .pipeline.eventmodel import EventModel, model_id

__all__ = ["ENGINES", "Engine", "LexiconSource", "check_events_model", "packaged"]

#: the engines an analyst can choose (``--engine``): v2 reads arguments from the trained parser
#: (the default), v1 from word order alone (faster, less accurate; kept for comparison)
ENGINES = {"v2": True, "v1": False}

#: what a lexicon is given as: a Lexicon, an analyst's file (or files) over the packaged one, or None
LexiconSource = Lexicon | str | Path | Sequence[str | Path] | None

# a pipeline over an in-memory Lexicon, built once per process (building costs seconds; running is stateless)
_PIPELINES: dict[str, Any] = {}


class Engine:
    """The lexicon of a run, its coding rules and (made on first use) the pipeline over them.

    Make it with :meth:`load`; ``source`` is the analyst's file(s) it was loaded from
    (None: the packaged lexicon alone); ``syntax`` is engine v2 (True, the trained parser)
    or v1; ``in_memory``: the Lexicon was given as a value, not read from files, so its
    pipeline is built in this process rather than taken from the on-disk cache.
    """

    def __init__(self, lexicon: Lexicon, source: Any = None, syntax: bool = True, nlp: Any = None,
                 in_memory: bool = False, events_model: str | Path | None = None) -> None:
        self.lexicon = lexicon
        self.source = source
        self.syntax = syntax
        self.in_memory = in_memory
        self.events_model = events_model  # an event model folder in place of the packaged one (``accord learn``)
        self._nlp = nlp

    @classmethod
    def load(cls, lexicon: "LexiconSource | Engine" = None, syntax: bool = True, pipeline: bool = True,
             events_model: str | Path | None = None) -> "Engine":
        """The engine over ``lexicon`` (an Engine is returned as it is).

        ``pipeline``: load the pipeline now, from the on-disk cache when the lexicon comes
        from files (its Lexicon then comes with it, parsing no YAML); without it only the
        lexicon is loaded and the pipeline waits for :attr:`nlp`. ``events_model``: an event
        model folder (``accord learn`` writes one) in place of the packaged one, checked first
        (:func:`check_events_model`). A missing or malformed analyst file raises
        :class:`accord.errors.LexiconError` naming it.
        """
        if isinstance(lexicon, Engine):
            return lexicon
        check_events_model(events_model, syntax)
        if isinstance(lexicon, Lexicon):
            return cls(lexicon, None, syntax, in_memory=True, events_model=events_model)
        check_lexicon_files(lexicon)  # the cache reads the file itself: a FIFO or a huge file is refused first
        if pipeline:
            nlp = load_or_build(lexicon, syntax, events_model=events_model)
            return cls(lexicon_of(nlp), lexicon, syntax, nlp, events_model=events_model)
        return cls(load_lexicon(lexicon), lexicon, syntax, events_model=events_model)

    @property
    def rules(self) -> CodingRules:
        """The coding rules of the lexicon (an analyst's file, if any, over accord's)."""
        return self.lexicon.rules

    @property
    def version(self) -> str:
        """The lexicon's version (a hash of its files)."""
        return self.lexicon.version

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline over the lexicon, made on first use and kept."""
        if self._nlp is None:
            if self.in_memory:
                key = f"{self.lexicon.version}+syntax" if self.syntax else self.lexicon.version
                if self.events_model is not None:
                    key += f"+events:{Path(self.events_model).resolve()}:{model_id(self.events_model)}"
                if key not in _PIPELINES:
                    _PIPELINES[key] = build_pipeline(self.lexicon, syntax=self.syntax, events_model=self.events_model)
                self._nlp = _PIPELINES[key]
            else:
                self._nlp = load_or_build(self.source, self.syntax, events_model=self.events_model)
        return self._nlp

    def __repr__(self) -> str:
        return f"Engine(lexicon {self.version}, {self.source or 'packaged'}, {'v2' if self.syntax else 'v1'})"


def check_events_model(folder: str | Path | None, syntax: bool = True) -> None:
    """Refuse an event model folder that cannot be used: missing, not a folder, files whose checksums
    differ from its card, arrays that need pickle (:meth:`EventModel.load`), or engine v1, which
    reads no parse for the model to score."""
    if folder is None:
        return
    if not syntax:
        raise AccordError(f"{folder}: an event model needs engine v2 (it reads the parse); not with engine v1")
    if not Path(folder).is_dir():
        raise AccordError(f"{folder}: no such model folder (`accord learn --out` writes one)")
    EventModel.load(folder)


@functools.lru_cache(maxsize=1)
def packaged() -> Engine:
    """The engine over the packaged lexicon alone: the default of a library call given no engine."""
    return Engine(load_lexicon())
