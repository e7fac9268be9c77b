"""Text for a terminal: what accord prints from data shows control characters, never sends them.

Article text, actor names and file names are data. A terminal obeys the escape sequences in
what it is sent: ESC ] 0 sets the window title, ESC [ 2 J clears the screen, ESC ] 52 writes
the clipboard, and a carriage return or backspace overwrites what was shown. So everything
the command line prints from data goes through :func:`printable`.
"""
from __future__ import annotations

import re

# C0 and C1 controls and DEL (every escape sequence starts with one), and the Unicode line and
# paragraph separators, which some terminals and editors take as line ends
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_OR_KEEP_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(value: object, newlines: bool = False) -> str:
    """``str(value)`` with each control character shown as its escape (``\\x1b``, ``\\n``, ``\\u2028``).

    Other characters, accents and scripts included, are kept. ``newlines`` keeps line ends
    (for a message or traceback of several lines); without it one value stays on one line.
    """
    return (_CONTROL_OR_KEEP_NEWLINE if newlines else _CONTROL).sub(_escape, str(value))
