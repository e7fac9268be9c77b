"""Read news articles into :class:`Document` records and the ``documents`` table.

Supported inputs:

* ``.txt`` -- the text; metadata (title, date, source, url) from a sidecar
  ``NAME.meta.yaml`` beside it when present.
* ``.md`` -- optional YAML front matter between ``---`` lines at the top; the
  body is the text.
* ``.html`` / ``.htm`` -- the article text extracted with trafilatura (no
  network access), with title, date and url from its metadata extraction.
* ``.jsonl`` -- one JSON object per line: ``text`` (required) and optional
  ``id``, ``title``, ``date``, ``source``, ``url``.

A corpus is a file, a folder (read recursively; hidden files and folders and
sidecars are skipped), a glob pattern, or a ``.jsonl`` file. Documents are
streamed: only file names are listed up front, and a JSONL file is read line by
line.

Text is decoded strictly as UTF-8 (a BOM is stripped), or as UTF-16/UTF-32 when
the file starts with their BOM, and line endings are normalised to ``"\n"``;
nothing else is changed, so character offsets computed later slice back to the
words of the source. A Document's fields are valid Unicode (a lone surrogate,
e.g. from a JSON ``\\ud800`` escape, makes the document a ReadError).

Hostile input is one bad document, never a crash or a hang: only regular files
are opened (a FIFO, device or socket is named and skipped); a file reached twice
(a link, a hard link, a circle of folder links) is read once and the other names
reported; a file or JSONL line over 50 MB is refused unread; YAML is read by
:mod:`.safe_yaml` (no aliases or anchors, plain tags only, capped size).
"""
from .corpus import Corpus, iter_corpus, read_corpus
from .document import Document, ReadError, parse_date
from .formats import SUFFIXES, read_document

__all__ = ["Corpus", "Document", "ReadError", "SUFFIXES", "read_document", "iter_corpus", "read_corpus", "parse_date"]
