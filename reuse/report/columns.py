"""Text laid out in terminal columns: untrusted text made safe to print, widths, cuts and wrapping.

Wide characters (Chinese, Japanese, Korean) take two columns, combining
marks none; a token wider than a column is broken where its script allows
(:func:`_break`). Used by the terminal summary and the graph's labels.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..segment import word_spans

__all__ = ["ELLIPSIS", "EXCERPT_LINES", "clip", "columns", "isolate", "pad", "sanitize", "wrap"]

#: Lines of excerpt shown per side before the ellipsis.
EXCERPT_LINES = 6
ELLIPSIS = "…"

_ESCAPES = re.compile(
    r"""
      \x1b\[[0-?]*[\x20-/]*[@-~]            # CSI: colours, cursor moves, erase
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?     # OSC: window titles, hyperlinks
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?          # DCS, SOS, PM, APC strings
    | \x1b[\x20-/]*[0-~]                     # two-character escapes
    """,
    re.VERBOSE,
)
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")
# C0, DEL, C1 and the bidirectional marks, overrides and isolates that reorder what is displayed. 8-bit
# C1 introducers (CSI, OSC) are dropped alone, never with what follows: mojibake
# ("â€\x9d" for a closing quote) puts them in ordinary scraped text.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r" {2,}")


def sanitize(text: str | None) -> str:
    """One line of text that is safe to print: no escapes, no control characters.

    Line breaks and tabs become spaces and runs of spaces collapse, so the
    result fits in a column.

    >>> sanitize("red \\x1b[31mALERT\\x1b[0m\\r\\nnext\\tline\\x07")
    'red ALERT next line'
    >>> sanitize("\\x1b]0;pwned\\x07title")
    'title'
    >>> sanitize(None)
    ''
    """
    if not text:
        return ""
    text = _ESCAPES.sub("", text)
    text = _BREAKS.sub(" ", text)
    text = _CONTROLS.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def columns(text: str) -> int:
    """Columns the text takes in a terminal (wide CJK characters count two).

    >>> columns("abc"), columns("新闻")
    (3, 4)
    """
    if text.isascii():  # one column each: the common case, and the summary of a big scan wraps millions of words
        return len(text)
    return sum(_char_width(c) for c in text)


def _cut(text: str, width: int) -> str:
    """The longest prefix of ``text`` that fits in ``width`` columns."""
    if text.isascii():
        return text[: max(0, width)]
    used = 0
    for i, char in enumerate(text):
        used += _char_width(char)
        if used > width:
            return text[:i]
    return text


def _cut_at_word(text: str, width: int) -> str:
    """The prefix of ``text`` in ``width`` columns, ending before a word that does not fit whole.

    Cut inside a word only when the last break falls in the first half.

    >>> _cut_at_word("the plans for talks", 14), _cut_at_word("unbreakable", 5)
    ('the plans for', 'unbre')
    """
    head = _cut(text, width)
    if len(head) == len(text) or text[len(head)] == " ":
        return head.rstrip()
    space = head.rfind(" ")
    return head[:space].rstrip() if space >= len(head) // 2 else head


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis when cut.

    >>> clip("abcdef", 4)
    'abc…'
    """
    if columns(text) <= width:
        return text
    return _cut(text, width - 1) + ELLIPSIS


#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: what they enclose takes the direction of its first letter and is
#: laid out apart from what stands beside it. Format characters (Cf): no columns.
_FSI, _PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """``text`` between a first strong isolate and its pop when it holds right-to-left letters, else as it is.

    A terminal that lays out bidirectional text would otherwise reorder a
    line's Arabic or Hebrew with what stands beside it (the other column of
    an excerpt); left-to-right text needs no marks and gets none. Apply it to
    text already :func:`sanitize`-d, which drops the files' own marks: an
    isolate left open by the text would swallow the closing one.

    >>> isolate("plain text"), isolate("قال الوزير") == "\u2068قال الوزير\u2069", columns(isolate("שלום"))
    ('plain text', True, 4)
    """
    if text.isascii() or not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text
    return _FSI + text + _PDI


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - columns(text))


def _break(token: str, width: int) -> str:
    """The first piece of a token wider than ``width`` columns.

    Text written without spaces (Thai, Chinese) is broken between its words
    as :mod:`reuse.segment` finds them (a Thai letter cluster, a CJK
    character), not inside one, when such a break falls in the second half
    of the line: a Thai vowel stays with its consonant.

    >>> _cut("ฝนตกหนักในจังหวัดเชียงราย", 16), _break("ฝนตกหนักในจังหวัดเชียงราย", 16), _break("unbreakable", 5)
    ('ฝนตกหนักในจังหวัดเชี', 'ฝนตกหนักในจังหวัด', 'unbre')
    """
    head = _cut(token, width) or token[0]
    if len(head) < len(token) and not token.isascii():
        starts = [s for s, _ in word_spans(token) if len(head) // 2 <= s <= len(head)]
        if starts:
            return token[: starts[-1]]
    return head


def wrap(text: str, width: int, max_lines: int = EXCERPT_LINES) -> list[str]:
    """Wrap one line of text to ``width`` columns, at most ``max_lines`` lines.

    A cut last line ends at a word boundary when one falls in its second
    half, so the excerpt does not end in a broken word:

    >>> wrap("one two three four five", 9, max_lines=2)
    ['one two', 'three…']
    >>> wrap("one two threefourfive", 9, max_lines=2)
    ['one two', 'threefou…']
    """
    lines: list[str] = []
    line, used = "", 0  # the line so far and its columns, counted word by word
    for word in text.split(" "):
        if len(lines) > max_lines:  # enough to know it is cut: a passage can be a whole book
            line = ""
            break
        size = columns(word)
        if (used + 1 + size if line else size) <= width:
            line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
            continue
        if line:
            lines.append(line)
        while size > width:  # a token wider than the column: break it
            head = _break(word, width)
            lines.append(head)
            word = word[len(head) :]
            size = columns(word)
        line, used = word, size
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 : max_lines + 1])
        lines = lines[: max_lines - 1] + [_cut_at_word(last, width - 1) + ELLIPSIS]
    return lines
