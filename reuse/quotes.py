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

__all__ = ["Quote", "find_quotes", "one_per_person", "quoted_mask", "speakers_in"]


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

    @property
    def content_span(self) -> tuple[int, int]:
        """The quoted words without the marks.

        >>> Quote(4, 11).content_span, Quote(0, 6, closed=False).content_span
        ((5, 10), (1, 6))
        """
        return self.start + 1, self.end - 1 if self.closed else self.end


_NONSPACE = re.compile(r"\S")
_NEWLINES = frozenset("\n\r\u2028\u2029\x85")
_MARKS = "\"'«»‹›“”„‟‘’‚‛「」『』〝〞〟\n\r\u2028\u2029\x85"
_SINGLE = "'’‘‛"  # the marks that are also apostrophes
_OPEN_PUNCT = frozenset("([{<—–-/:\"'“„«»‹›‘‚‛「『〝¡¿")  # a quote may open right after these
_CLOSE_PUNCT = frozenset(".,!?;:…)")  # a closing single mark may touch the next word after these: ‘…,’Peskov said
_MIRROR = {"«": "»", "»": "«", "‹": "›", "›": "‹", "」": "「", "』": "『"}
# Contractions and elisions that begin with a mark: Russia ‘s, rock ’n’ roll, the ’90s, ’tis.
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
    return tuple(quotes)


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
    out.extend(_attribute(text, para, start, end) if speakers else [Quote(s, e, None, c) for s, e, c in para])
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


# Speakers are found on words (str.split), not with regular expressions over the text around each quote: the search
# runs for every quote of every article, and one set operation rules out most of them.
_VERBS = frozenset(
    "said says say told tells added adds wrote writes warned warns stated states explained explains insisted insists "
    "claimed claims noted notes posted posts tweeted tweets declared declares replied replies responded concluded "
    "argued argues stressed stresses emphasised emphasized admitted acknowledged remarked commented recalled quipped "
    "continued testified reiterated cautioned asked asks Said Says Told Tells Warns Adds Insists Claims "
    "dit déclare déclaré affirme affirmé ajoute ajouté explique expliqué souligne souligné estime estimé écrit "
    "indique indiqué précise précisé sagte sagt erklärte erklärt betonte betont schrieb schreibt warnte meinte "
    "dijo dice afirmó afirma declaró señaló añadió explicó aseguró escribió".split()
)
_ACCORDING = frozenset("according selon laut según".split())
_TRIGGERS = frozenset(  # every form a trigger word takes in str.split() output
    w + tail for w in _VERBS | _ACCORDING | {a.capitalize() for a in _ACCORDING} for tail in ("", ",", ":", ".", ";", "!")
) | {"dit-il", "dit-elle", "a-t-il", "a-t-elle"}
_PRONOUNS = frozenset("he she they we i you il elle ils elles er sie wir ich él ella ellos".split())
_ADVERBS = frozenset("also later then again earlier once further just has had have was would".split())
_DETERMINERS = frozenset("the a an former then senior top".split())
_STOP = frozenset(  # capitalised words that do not start names
    "The A An And But Or So If In On At As Of For To By With From When While After Before Then This That These Those "
    "There Here He She It They We I You His Her Its Their Our My Your Meanwhile However Yet Still Now Asked Speaking "
    "According Il Elle Er Sie Wir Ich Le La Les Der Die Das El Los".split()
)
_LINKS = frozenset("de da di del della des du van von der den ter bin ibn al el la le of".split())
_TITLES = frozenset(
    "spokesman spokeswoman spokesperson press secretary minister aide adviser advisor envoy ambassador president "
    "chancellor leader chief official head director deputy senator governor mayor general commander prosecutor "
    "lawyer attorney analyst professor chairman chairwoman ceo founder correspondent foreign defence defense prime "
    "vice state pope king queen prince secretary-general mr mrs ms dr sir lord judge justice sen rep gov gen".split()
)
_INNER = _TITLES | _LINKS  # lowercase words inside a name: Kremlin spokesman Dmitry Peskov
_GROUPS = frozenset("officials diplomats sources authorities media reports police lawmakers analysts experts".split())
_PUNCT = ",.;:!?…—–-\"'“”‘’«»‹›„()[]"
_STOPS = re.compile(r"[.!?…][\"'”’»)]*(?=\s|$)")
_POSSESSIVE = re.compile(r"\w['’]s$")
#: What may stand before a mark that opens a sentence: nothing, or a sentence's end or a colon, then spaces.
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:…][\"'’”»)]*)\s*$")
_WINDOW = 250  # how far before a quote a speaker is looked for, in characters


def _attribute(text: str, para: list[tuple[int, int, bool]], para_start: int, para_end: int) -> list[Quote]:
    """The quotes of one paragraph (``text[para_start:para_end]``) with their speakers.

    The construction right after a quote wins, then the last one in the same sentence before it. A quote that opens
    a sentence with no construction of its own continues the previous quote of the paragraph: “It is clear,” Peskov
    said. “But there is political will.” The speaker is looked for in the quote's own paragraph only: the next one's
    "Reyes said ..." is another person's words.

    >>> [q.speaker for q in find_quotes('“We will not move.”\\n\\nReyes said the plan had failed.')]
    [None]
    """
    out: list[Quote] = []
    for i, (start, end, closed) in enumerate(para):
        found, speaker, fresh = False, None, False
        if closed:
            words = text[end : min(para[i + 1][0] if i + 1 < len(para) else para_end, end + 120)].split()
            if not _TRIGGERS.isdisjoint(words):
                cut = next((k + 1 for k, w in enumerate(words) if w[-1] in ".!?…\"'”’»)" and _ends_sentence(w)), None)
                found, speaker = _said_after(words[:cut])
        if not found:
            found, speaker, fresh = _before(text, para, i, para_start)
        if not found and fresh and out:
            speaker = out[-1].speaker
        out.append(Quote(start, end, speaker, closed))
    return out


def _before(text: str, para: list[tuple[int, int, bool]], i: int, para_start: int) -> tuple[bool, str | None, bool]:
    """Search the sentence before ``para[i]``, skipping earlier quotes: (found, speaker, quote opens its sentence)."""
    limit = max(para_start, para[i][0] - _WINDOW)
    hi = para[i][0]
    for j in range(i - 1, -2, -1):
        lo = max(para[j][1] if j >= 0 else para_start, limit)
        seg = text[lo:hi]
        stops = reversed(list(_STOPS.finditer(seg)))
        cut = next((m.end() for m in stops if _ends_sentence(seg[seg.rfind(" ", 0, m.start()) + 1 : m.end()])), 0)
        words = seg[cut:].split()
        found = _said_before(words) if not _TRIGGERS.isdisjoint(words) else None
        if found:
            return True, found[1], False
        if cut or not words or j < max(i - 4, 0) or lo <= limit:
            return False, None, hi == para[i][0] and not words and bool(cut or j >= 0)
        hi = para[j][0]
    return False, None, False


def _ends_sentence(word: str) -> bool:
    """Whether ``word`` ends a sentence; initials and short abbreviations do not.

    >>> [_ends_sentence(w) for w in ["weekend.", "U.S.", "Mr.", "now!”", "said,"]]
    [True, False, False, True, False]
    """
    bare = word.rstrip("\"'”’»)")
    short = bare.count(".") > 1 or (len(bare) <= 4 and bare[:1].isupper())
    return bare[-1:] in ("!", "?", "…") or (bare[-1:] == "." and not short)


def _is_cap(word: str) -> bool:
    return (bare := word.strip(_PUNCT))[:1].isupper() and bare not in _STOP


def _said_after(words: list[str]) -> tuple[bool, str | None]:
    """A construction opening the words after a quote: ", Peskov told", ", said Trump", ", a déclaré Macron"."""
    words = [w for w in words if w.strip(_PUNCT)]
    words = words[1:] if words[:1] == ["a"] else words
    first = words[0].strip(_PUNCT) if words else ""
    if first.split("-")[0] in _VERBS:  # said Trump, sagte Merkel, dit-il
        k = next((k for k in range(1, len(words)) if words[k] not in _DETERMINERS), len(words))
        if "-" in first or (k < len(words) and words[k].strip(_PUNCT).lower() in _PRONOUNS):
            return True, None
        name = _name_from(words, k)
        return name is not None, name
    found = _construction(words, next((v for v, w in enumerate(words) if w in _TRIGGERS), 0))
    if found and all(w in _DETERMINERS for w in words[: found[0]]):
        return True, found[1]
    return False, None


def _said_before(words: list[str]) -> tuple[int, str | None] | None:
    """The last construction in the words before a quote ("Trump said Putin is"): (first index, speaker)."""
    for v in range(len(words) - 1, -1, -1):
        if words[v] in _TRIGGERS and (found := _construction(words, v)):
            return found
    return None


def _construction(words: list[str], v: int) -> tuple[int, str | None] | None:
    """The speaker construction around the trigger ``words[v]``: (index of its first word, speaker)."""
    word = words[v].rstrip(",:;.!?") if v < len(words) else ""
    if word.lower() in _ACCORDING:  # according to X, selon X, laut X, según X
        k = v + 1 + (word.lower() == "according")
        if k > len(words) or (word.lower() == "according" and words[k - 1] != "to"):
            return None
        while k < len(words) and words[k] in _DETERMINERS:
            k += 1
        name = _name_from(words, k)
        return (v, name) if name else None
    return _subject(words, v) if word in _VERBS and v else None


def _subject(words: list[str], v: int) -> tuple[int, str | None] | None:
    """Who does the speech verb ``words[v]``: (first index, name or None for a pronoun); None for "the pair said"."""
    k = v - 2 if v > 1 and words[v - 1] == "a" else v - 1  # a déclaré
    for _ in range(2):
        if k > 0 and (words[k] in _ADVERBS or (words[k].endswith("ly") and words[k].islower())):
            k -= 1
    if words[k].strip(_PUNCT).lower() in _PRONOUNS:
        return k, None
    if words[k].endswith(")"):  # Dmitry Peskov (Kremlin press secretary) stated
        k = next((j for j in range(k, max(k - 10, 0), -1) if words[j].startswith("(")), 0) - 1
    elif words[k].endswith(","):  # Dmitry Peskov, the Kremlin spokesman, said
        k = next((j for j in range(k - 1, max(k - 14, -1), -1) if words[j].endswith(",")), -1)
    if k < 0:
        return None
    last = words[k].rstrip(",")
    if not _is_cap(last) or last.endswith(("’s", "'s")) or last[-1] in _PUNCT:
        return None
    j = k
    while j > 0 and words[j - 1][-1] not in _PUNCT and (_is_cap(words[j - 1]) or words[j - 1] in _INNER):
        j -= 1
    while not _is_cap(words[j]):
        j += 1
    return j, _clean_name(words[j:k] + [last])


def _name_from(words: list[str], k: int) -> str | None:
    """The capitalised run starting at ``words[k]`` (said "Kremlin spokesman Dmitry Peskov"), or a group of them.

    A name in the possessive is someone else's: "said Marsh's deputy, Paul Kent" is Kent's, and "said Marsh's
    spokesman" names no one.

    >>> _name_from("said Marsh’s deputy, Paul Kent.".split(), 1), _name_from("said Marsh's spokesman.".split(), 1)
    ('Paul Kent', None)
    """
    run: list[str] = []
    for j, word in enumerate(words[k:], k):
        bare = word.strip(_PUNCT)
        if _is_cap(word) and _POSSESSIVE.search(bare):
            after = next((m for m in range(j + 1, len(words)) if words[m].strip(_PUNCT).lower() not in _TITLES | _DETERMINERS), len(words))
            ends = any(w[-1] in ".!?;" for w in words[j:after])
            return None if ends or after == len(words) or not _is_cap(words[after]) else _name_from(words, after)
        if _is_cap(word) or (run and word in _INNER):
            run.append(bare)
        elif run and bare.lower() in _GROUPS:  # according to Russian diplomats
            return " ".join(run + [bare])
        else:
            break
        if word[-1] in _PUNCT:
            break
    while run and not run[-1][0].isupper():
        run.pop()
    return _clean_name(run) if run else None


def _clean_name(words: list[str]) -> str:
    """The last capitalised run of ``words``, without leading titles.

    >>> [_clean_name(s.split()) for s in ["Kremlin spokesman Dmitry Peskov", "US Secretary of State Marco Rubio"]]
    ['Dmitry Peskov', 'Marco Rubio']
    """
    run: list[str] = []
    for word in words:
        run = run + [word] if word[:1].isupper() or (run and word in _LINKS) else []
    cut = max((k + 1 for k, word in enumerate(run[:-1]) if word.lower().rstrip(".") in _TITLES), default=0)
    while cut < len(run) - 1 and run[cut] in _LINKS:
        cut += 1
    name = " ".join(run[cut:]) or " ".join(words)
    return name[:-2] if name.endswith(("’s", "'s")) else name


def speakers_in(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """Who said the quotations of ``text`` that overlap ``spans`` (character ranges), as the text names them, first seen first.

    >>> speakers_in("“We will go,” Peskov told reporters. Later: “No.”", [(0, 12)])
    ['Peskov']
    """
    spans = list(spans)
    found = [q.speaker for q in find_quotes(text) if q.speaker and any(q.start < end and start < q.end for start, end in spans)]
    return list(dict.fromkeys(found))


def one_per_person(names: Iterable[str]) -> list[str]:
    """``names`` with one name per person, by family name: the fullest of "Paul Kent" and "Kent", the first of two as full.

    Two texts name one speaker as each writes it ("Claire Dumont", "Mme Dumont"): said once.

    >>> one_per_person(["Kent", "Paul Kent", "Claire Dumont", "Mme Dumont", "Trump"])
    ['Paul Kent', 'Claire Dumont', 'Trump']
    """
    best: dict[str, str] = {}
    for name in names:
        family = name.split()[-1].casefold() if name.split() else name
        if family not in best or len(name.split()) > len(best[family].split()):
            best[family] = name
    return list(best.values())
