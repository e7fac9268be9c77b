"""An analyst's corrections: a YAML file of fixes to rows of the relations and claims tables, applied on every run.

A correction names its row by document and character span, which stay the same
across engine versions (row ids do not), and says what to change::

    corrections:
      - id: un-not-aligned              # optional; shown in the tables' `corrected` column
        doc: putin-pyongyang-visit-2024-06   # doc_id, or the path the documents table records
        span: [1520, 1610]              # [start, end) characters: every row inside it matches
        table: relations                # relations (default) or claims
        where: {event_type: SUPPORT}    # optional: narrows the rows of the span
        set: {event_type: CONSULT, status: alleged}   # or: drop: true
        reason: Russia endorsed sanctions; that is not alignment with the UN

:func:`load_corrections` checks the file against the lexicon (event types, actors by
code or name, statuses) and refuses a bad entry with the file's path and line.
:func:`apply_corrections` changes the tables, marks each changed row in its
``corrected`` column, and turns a correction that no longer matches any row of its
document (or names a document a near spelling of an id) into a row of the errors table
(stage ``correct``) that shows what would fix it.

- :mod:`.load`: the file read and each entry checked (:class:`Correction`);
- :mod:`.apply`: the corrections applied to the tables, and the notes of those that went wrong;
- :mod:`.messages`: what the corrections did, in words, for stderr and a run's summary.
"""
from .apply import apply_corrections, matches
from .load import (MAX_FILE_BYTES, SETTABLE, TABLES, Correction, code_is_known, load_corrections, parse_corrections,
                   parse_each, read_corrections_file)
from .messages import counts_line, summary

__all__ = ["MAX_FILE_BYTES", "SETTABLE", "TABLES", "Correction", "apply_corrections", "code_is_known", "counts_line",
           "load_corrections", "matches", "parse_corrections", "parse_each", "read_corrections_file", "summary"]
