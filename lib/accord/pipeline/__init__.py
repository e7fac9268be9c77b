"""The spaCy pipeline: a blank English tokenizer, the sentencizer and accord's rule-based components.

See :mod:`accord.pipeline.factories` for how components are registered and assembled.
"""
from .factories import build_pipeline

__all__ = ["build_pipeline"]
