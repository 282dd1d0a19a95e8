"""Quoted speech in news text, and who said it.

Two outlets quoting the same person share text because they quote the same speaker, not because one copied the
other: the pipeline masks quotations (:func:`quoted_mask`) when it weighs copy evidence.

Scraped news is messy: ``’`` is an apostrophe and a closing mark (now and then an opening one), ``‘`` turns up inside
words, straight and curly marks mix. So marks are read from their neighbours: a single mark between two letters is an
apostrophe; an opener follows the start, whitespace or opening punctuation and precedes a non-space; a closer follows a
non-space and precedes whitespace, punctuation or the end. Quotes never cross a line break; one left open (the news
convention of continuing a quote in the next paragraph) ends with its paragraph. Nested quotes fold into the outer one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .speakers import attribute, speaker_before

__all__ = ["Quote", "find_quotes", "quoted_mask", "speakers_in"]


@dataclass(frozen=True)
class Quote:
    """One quotation, ``text[start:end]`` with its marks.

    ``start`` is the offset of the opening mark, ``end`` the offset just after the closing mark or, for a quote left
    open (``closed`` False), the end of its paragraph without trailing spaces. ``speaker`` is who said it when a
    speech-verb construction names them ("Peskov told reporters", "said Trump", "according to X"), else None (also
    for a pronoun: "he added").
    """

    start: int
    end: int
    speaker: str | None = None
    closed: bool = True
    marked: bool = True  # False: words a paragraph introduced with a colon ("Marsh said:"), quoted without marks

    @property
    def content_span(self) -> tuple[int, int]:
        """The quoted words without the marks.

        >>> Quote(4, 11).content_span, Quote(0, 6, closed=False).content_span, Quote(0, 6, closed=False, marked=False).content_span
        ((5, 10), (1, 6), (0, 6))
        """
        return self.start + self.marked, self.end - 1 if self.closed else self.end


_NONSPACE = re.compile(r"\S")
_NEWLINES = frozenset("\n\r\u2028\u2029\x85")
_MARKS = "\"'«»‹›“”„‟‘’‚‛「」『』〝〞〟\n\r\u2028\u2029\x85"
_SINGLE = "'’‘‛"  # the marks that are also apostrophes
_OPEN_PUNCT = frozenset("([{<—–-/:\"'“„«»‹›‘‚‛「『〝¡¿")  # a quote may open right after these
_CLOSE_PUNCT = frozenset(".,!?;:…)")  # a closing single mark may touch the next word after these: ‘…,’Peskov said
_MIRROR = {"«": "»", "»": "«", "‹": "›", "›": "‹", "」": "「", "』": "『"}
# Contractions and elisions that begin with a mark: Russia ‘s, rock ’n’ roll, the ’90s, ’tis.
#: What may stand before a mark that opens a sentence: nothing, or a sentence's end or a colon, then spaces.
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:…][\"'’”»)]*)\s*$")
_ELISION = re.compile(
    r"['‘’‛](?:[nN](?P<n>['‘’‛])(?!\w)|(?i:s|t|d|m|re|ll|ve|em|tis|twas|til|cause|bout|nuff)(?!\w)|\d\ds?(?!\w))"
)


def find_quotes(text: str, *, speakers: bool = True) -> tuple[Quote, ...]:
    """Find the quotations in ``text`` and, where the text names them, their speakers.

    Parameters
    ----------
    text : str
        Any text; never raises.
    speakers : bool, default True
        Look for speakers; without, all are None and the search is about three times faster.

    Returns
    -------
    tuple of Quote
        Sorted and non-overlapping; a nested quote is part of its outer quote.

    Examples
    --------
    >>> text = "“It is clear,” Kremlin spokesman Dmitry Peskov told reporters. Russia’s ‘crazy’ week."
    >>> [(text[q.start:q.end], q.speaker) for q in find_quotes(text)]
    [('“It is clear,”', 'Dmitry Peskov'), ('‘crazy’', None)]
    """
    size = len(text)
    quotes: list[Quote] = []
    para: list[tuple[int, int, bool]] = []  # finished quotes of the current paragraph
    stack: list[list] = []  # open quotes, innermost last: [start, family, fragile, finished quotes inside]
    para_start, skip = 0, -1
    events = _positions(text, _MARKS)
    for i, pos in enumerate(events):
        ch = text[pos]
        if ch in _NEWLINES:
            if stack or para:
                _end_paragraph(text, stack, para, para_start, pos, quotes, speakers)
            para_start = pos + 1
            continue
        p = text[pos - 1] if pos else ""
        n = text[pos + 1] if pos + 1 < size else ""
        if ch in _SINGLE:
            if (p.isalnum() and n.isalnum()) or pos == skip:
                continue
            m = None if p.isalnum() else _ELISION.match(text, pos)
            if m:
                skip = m.start("n") if m.group("n") else skip
                continue
        can_open = (not p or p.isspace() or p in _OPEN_PUNCT) and bool(n) and not n.isspace()
        can_close = bool(p) and not p.isspace() and (not n.isalnum() or p in _CLOSE_PUNCT)
        top = stack[-1][1] if stack else ""
        if ch in "’'":
            if can_close and top == "s" and not _possessive(text, events, i, p, n):
                _close(text, stack, len(stack) - 1, pos, para)
            elif can_open:  # ’emotional overload’; fragile, as a stray apostrophe opens nothing
                stack.append([pos, "s", True, []])
        elif ch in "‘‛‚":
            if can_open:
                stack.append([pos, "s", False, []])
            elif ch != "‚" and can_close and top == "s":
                _close(text, stack, len(stack) - 1, pos, para)
        elif ch in "«»‹›」』":
            k = _innermost(stack, _MIRROR[ch])
            if k >= 0:
                _close(text, stack, k, pos, para)
            elif ch in "«‹" or (ch in "»›" and can_open):  # »German« quotes
                stack.append([pos, ch, False, []])
        elif ch in "「『„〝":
            stack.append([pos, ch if ch in "「『" else "d", False, []])
        else:  # " “ ” ‟ 〞 〟
            k = _innermost(stack, "d")
            if ch == '"':
                close = k >= 0 and bool(p) and not p.isspace()
                opens = bool(n) and not n.isspace()
            elif ch in "“‟":  # “ also closes „German“ quotes and, misused, “quotes“
                close = k >= 0 and (text[stack[k][0]] == "„" or (k == len(stack) - 1 and can_close and not can_open))
                opens = not can_close or can_open
            else:  # ” also opens ”Swedish” quotes
                close, opens = k >= 0, can_open and not can_close
            if close:
                _close(text, stack, k, pos, para)
            elif opens:
                stack.append([pos, "d", False, []])
    _end_paragraph(text, stack, para, para_start, size, quotes, speakers)
    if _LINE_ENDS_IN_COLON.search(text):  # a paragraph that may introduce words quoted without marks: few texts have one
        quotes = sorted([*quotes, *_introduced(text, quotes, speakers)], key=lambda q: q.start)
    return tuple(quotes)


#: The end of a paragraph that introduces words quoted without marks in the next one: "Marsh said:",
#: "She told reporters:", "The trust released the following statement:", "The statement reads:". The verb or the
#: word "statement" stands right before the colon ("already spread:", "What the statement means for you:" introduce none).
_INTRO = re.compile(
    r"(?:\b(?:said|says|added|adds|wrote|writes|posted|tweeted)|\btold(?:\s+[\w'’.-]+){1,3}|\b(?P<statement>statement)"
    r"(?:\s+(?:reads?|said|says))?)\s*:[ \t]*$",
    re.IGNORECASE,
)
_LINE_ENDS_IN_COLON = re.compile(r":[ \t]*\n")
#: A statement may run over several paragraphs; the article resumes at one that names a speaker or holds a mark.
_MAX_BLOCK = 8
#: Words of a paragraph that reports speech in the article's own voice: the statement has ended.
_RESUMES = frozenset("said says told added confirmed according reported".split())
#: A statement's paragraphs after its first speak for its author: in the first person ("we will", "our patients").
_FIRST_PERSON = frozenset("i we me us my our ours".split())


def _introduced(text: str, quotes: list[Quote], speakers: bool) -> list[Quote]:
    """Words quoted without marks after a paragraph that introduces them with a colon, as open quotes.

    The paragraph after "Marsh said:" is her words, as the statement's
    paragraphs after "released the following statement:" are the trust's:
    the first, and those after it in the first person ("we are sorry"),
    until one that reports speech ("said", "told") or holds a quotation
    (the article's own words again).

    >>> t = "Marsh said:\\n\\nWe will not move on this.\\n\\nReyes called it a stunt."
    >>> [(t[q.start:q.end], q.speaker) for q in find_quotes(t)]
    [('We will not move on this.', 'Marsh')]
    """
    taken = [(q.start, q.end) for q in quotes]
    found: list[Quote] = []
    paragraphs = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    for k, (start, end) in enumerate(paragraphs[:-1]):
        if text[start:end].rstrip()[-1] != ":" or (intro := _INTRO.search(text, start, end)) is None:
            continue
        speaker = speaker_before(text[start : intro.end()].split()) if speakers else None
        statement = intro.group("statement") is not None
        for n, (s, e) in enumerate(paragraphs[k + 1 : k + 1 + (_MAX_BLOCK if statement else 1)]):
            words = {w.strip(",.;:!?\"'“”‘’()").lower() for w in text[s:e].split()}
            if any(a < e and s < b for a, b in taken) or not words:
                break
            if n and (not _RESUMES.isdisjoint(words) or _FIRST_PERSON.isdisjoint(words)):
                break  # the article's own words again
            found.append(Quote(s, e, speaker, closed=False, marked=False))
    return found


def quoted_mask(text: str, quotes: Iterable[Quote] | None = None) -> bytearray:
    """One byte per character of ``text``: 1 inside a quote (marks included), else 0.

    Parameters
    ----------
    text : str
    quotes : iterable of Quote, optional
        The quotes of ``text``; found (without their speakers) when None.

    >>> list(quoted_mask('he said "no" twice'))
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    """
    mask = bytearray(len(text))
    for q in find_quotes(text, speakers=False) if quotes is None else quotes:
        start, end = max(q.start, 0), min(q.end, len(text))
        mask[start:end] = b"\x01" * max(end - start, 0)
    return mask


def _positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of ``chars`` in ``text``; str.find is several times faster than a regex here."""
    found = []
    for ch in chars:
        k = text.find(ch)
        while k >= 0:
            found.append(k)
            k = text.find(ch, k + 1)
    return sorted(found)


def _innermost(stack: list[list], family: str) -> int:
    """Index of the innermost open quote of ``family`` among the last few: junk text may leave thousands open."""
    return next((k for k in range(len(stack) - 1, max(len(stack) - 9, -1), -1) if stack[k][1] == family), -1)


def _close(text: str, stack: list[list], k: int, pos: int, para: list) -> None:
    """Close ``stack[k]`` at ``pos``; the quotes still open inside it were apostrophes or stray marks."""
    start = stack[k][0]
    del stack[k:]
    if _NONSPACE.search(text, start + 1, pos):
        (stack[-1][3] if stack else para).append((start, pos + 1, True))


def _possessive(text: str, events: list[int], i: int, p: str, n: str) -> bool:
    """Whether ``s’`` is a plural possessive (the next single mark can only close): ‘The leaders’ talk went well,’."""
    for pos in events[i + 1 :] if p in ("s", "S") and n.isspace() else ():
        ch, before, after = text[pos], text[pos - 1], text[pos + 1 : pos + 2]
        if ch in _NEWLINES or (ch in _SINGLE and not (before.isalnum() and after.isalnum())):
            return ch not in _NEWLINES and not before.isspace() and not after.isalnum()
    return False


def _end_paragraph(text: str, stack: list[list], para: list, start: int, end: int, out: list, speakers: bool) -> None:
    """End the quotes left open at the paragraph end ``end``, attribute the paragraph's quotes and move them to ``out``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    for q_start, _, fragile, inside in stack:  # outermost first
        if not fragile or _continued(text, start, q_start, end):
            para.extend([(q_start, end, False)] if _NONSPACE.search(text, q_start + 1, end) else [])
            break
        para.extend(inside)  # an unclosed ’ or ' was more likely an apostrophe: keep the quotes inside it
    stack.clear()
    said = attribute(text, para, start, end) if speakers else [None] * len(para)
    out.extend(Quote(s, e, who, c) for (s, e, c), who in zip(para, said))
    para.clear()


def _continued(text: str, start: int, q_start: int, end: int) -> bool:
    """Whether the quote left open at ``q_start`` is a quotation that goes on in the next paragraph.

    A quotation over several paragraphs opens each of them with its mark
    and closes only the last: a mark left open that opens the paragraph, or
    a sentence of it ("'...,' Marsh told reporters. 'The freeze will ..."),
    followed by a paragraph that opens with the mark again, is quoted to the
    paragraph's end, even with the mark (a straight ' or ’) that an
    apostrophe could be.

    >>> t = "'We came with a plan.\\n\\n'We leave proud.'"
    >>> _continued(t, 0, 0, 21), _continued("'Tis over.\\n\\nThe end.", 0, 0, 10)
    (True, False)
    >>> t = "'Yes,' she said. 'We came.\\n\\n'We leave.'"
    >>> _continued(t, 0, 17, 26), _continued("The boys' bus. 'Tis late.\\n\\nOk.", 0, 15, 25)
    (True, False)
    """
    if not _SENTENCE_OPENS.search(text[start:q_start]):
        return False  # the mark opens neither the paragraph nor a sentence of it
    following = _NONSPACE.search(text, end)
    return following is not None and following.group() == text[q_start] and "\n" in text[end : following.start()]


def speakers_in(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """Who said the quotations of ``text`` that overlap ``spans`` (character ranges), as the text names them, first seen first.

    >>> speakers_in("“We will go,” Peskov told reporters. Later: “No.”", [(0, 12)])
    ['Peskov']
    """
    spans = list(spans)
    found = [q.speaker for q in find_quotes(text) if q.speaker and any(q.start < end and start < q.end for start, end in spans)]
    return list(dict.fromkeys(found))
