"""accord: news articles about alliances into actors, claims and relations tables."""
from __future__ import annotations

from .annotation import annotate
from .lexicon import Lexicon, load_lexicon
from .pipeline import build_pipeline
from .readers import read_corpus
from .tables import read_tables, write_tables

__version__ = "0.1.0"
__all__ = ["annotate", "build_pipeline", "load_lexicon", "Lexicon", "read_corpus", "read_tables", "write_tables"]
