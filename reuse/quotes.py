"""Quoted speech in news text, and who said it.

Two outlets quoting the same person share text because they quote the same
speaker, not because one copied the other. The pipeline masks quotations when
it weighs copy evidence (:func:`quoted_mask`) and calls a pair whose only
overlap is quotations ``shared-quotes``.

Scraped news is messy: ``’`` is an apostrophe and a closing mark (and now and
then an opening one), ``‘`` turns up inside words, straight and curly marks
mix. So the ambiguous marks are read from their neighbours:

* a single mark between two letters or digits is an apostrophe;
* an opener follows the start, whitespace or opening punctuation, and precedes
  a non-space;
* a closer follows a non-space and precedes whitespace, punctuation or the end.

Quotes never cross a line break. A quote left open (the news convention of
continuing a quote in the next paragraph) ends where its paragraph ends.
Nested quotes fold into the outer one. Only the marks are visited, found by
one regular expression, so the cost follows the number of marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "quoted_mask"]


@dataclass(frozen=True)
class Quote:
    """One quotation: ``text[start:end]`` includes its marks.

    Attributes
    ----------
    start : int
        Offset of the opening mark.
    end : int
        Offset just after the closing mark, or the end of the paragraph (trailing
        spaces excluded) when the quote is left open.
    speaker : str or None
        Who said it, when a speech-verb construction names them ("Peskov told
        reporters", "said Trump", "according to X"); None when the text does
        not name them or uses a pronoun.
    closed : bool, default True
        False for a quote left open at the end of its paragraph.
    """

    start: int
    end: int
    speaker: str | None = None
    closed: bool = True

    @property
    def content_span(self) -> tuple[int, int]:
        """The quoted words without the marks.

        >>> Quote(4, 11).content_span
        (5, 10)
        >>> Quote(0, 6, closed=False).content_span
        (1, 6)
        """
        return self.start + 1, self.end - 1 if self.closed else self.end


_NEWLINES = frozenset("\n\r\u2028\u2029\x85")
_MARKS = re.compile("[\"'«»‹›“”„‟‘’‚‛「」『』〝〞〟\n\r\u2028\u2029\x85]")
# A quote may open right after these as well as after whitespace.
_OPEN_PUNCT = frozenset("([{<—–-/:\"'“„«»‹›‘‚‛「『〝¡¿")
# A closing single mark may touch the next word when it follows these: ‘…,’Peskov said.
_CLOSE_PUNCT = frozenset(".,!?;:…)")
# Contractions and elisions that begin with a mark: Russia ‘s, rock ’n’ roll, the ’90s.
_ELISION = re.compile(
    r"['‘’‛](?:[nN](?P<n>['‘’‛])(?!\w)"
    r"|(?i:s|t|d|m|re|ll|ve|em|tis|twas|til|cause|bout|nuff)(?!\w)|\d\ds?(?!\w))"
)


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Find the quotations in ``text`` and, where the text names one, their speaker.

    Parameters
    ----------
    text : str
        Any text; never raises.

    Returns
    -------
    tuple of Quote
        Sorted and non-overlapping; nested quotes are inside their outer quote.

    Examples
    --------
    >>> text = "“It is clear,” Kremlin spokesman Dmitry Peskov told reporters. Russia’s ‘crazy’ week."
    >>> [(text[q.start:q.end], q.speaker) for q in find_quotes(text)]
    [('“It is clear,”', 'Dmitry Peskov'), ('‘crazy’', None)]
    """
    if not text:
        return ()
    size = len(text)
    quotes: list[Quote] = []
    para: list[tuple[int, int, bool]] = []  # finished quotes of the current paragraph
    stack: list[list] = []  # open quotes: [start, family, fragile, finished children]
    para_start = 0
    skip = -1
    events = [m.start() for m in _MARKS.finditer(text)]
    for i, pos in enumerate(events):
        ch = text[pos]
        if ch in _NEWLINES:
            _end_paragraph(text, stack, para, para_start, pos, quotes)
            para_start = pos + 1
            continue
        if pos == skip:
            continue
        p = text[pos - 1] if pos else ""
        n = text[pos + 1] if pos + 1 < size else ""
        can_open = (not p or p.isspace() or p in _OPEN_PUNCT) and bool(n) and not n.isspace()
        can_close = bool(p) and not p.isspace() and (not n.isalnum() or p in _CLOSE_PUNCT)
        if ch in "'’‘‛":
            if p.isalnum() and n.isalnum():
                continue
            if not p.isalnum():
                m = _ELISION.match(text, pos)
                if m:
                    if m.group("n"):
                        skip = m.start("n")
                    continue
        if ch in "’'":
            top = stack[-1][1] if stack else None
            if can_close and top == "s" and not _possessive(text, events, i, p, n):
                _close(text, stack, len(stack) - 1, pos, para)
            elif can_open:
                stack.append([pos, "s", True, []])
        elif ch in "‘‛‚":
            if can_open:
                stack.append([pos, "s", False, []])
            elif ch != "‚" and can_close and stack and stack[-1][1] == "s":
                _close(text, stack, len(stack) - 1, pos, para)
        elif ch == '"':
            k = _find(stack, "d")
            if k >= 0 and p and not p.isspace():
                _close(text, stack, k, pos, para)
            elif n and not n.isspace():
                stack.append([pos, "d", False, []])
        elif ch in "“‟":
            k = _find(stack, "d")
            if k >= 0 and (text[stack[k][0]] == "„" or (k == len(stack) - 1 and can_close and not can_open)):
                _close(text, stack, k, pos, para)
            else:
                stack.append([pos, "d", False, []])
        elif ch in "”〞〟":
            k = _find(stack, "d")
            if k >= 0:
                _close(text, stack, k, pos, para)
            elif can_open and not can_close:
                stack.append([pos, "d", False, []])
        elif ch in "„〝":
            stack.append([pos, "d", False, []])
        elif ch in "«»‹›":
            k = _find(stack, _MIRROR[ch])
            if k >= 0:
                _close(text, stack, k, pos, para)
            elif ch in "«‹" or can_open:
                stack.append([pos, ch, False, []])
        elif ch in "「『":
            stack.append([pos, ch, False, []])
        else:  # 」』
            k = _find(stack, "「" if ch == "」" else "『")
            if k >= 0:
                _close(text, stack, k, pos, para)
    _end_paragraph(text, stack, para, para_start, size, quotes)
    return tuple(quotes)


def quoted_mask(text: str, quotes: tuple[Quote, ...] | list[Quote] | None = None) -> bytearray:
    """One byte per character of ``text``: 1 inside a quote (marks included), else 0.

    >>> list(quoted_mask('he said "no" twice'))
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    """
    if quotes is None:
        quotes = find_quotes(text)
    mask = bytearray(len(text))
    for q in quotes:
        start, end = max(q.start, 0), min(q.end, len(text))
        if end > start:
            mask[start:end] = b"\x01" * (end - start)
    return mask


_MIRROR = {"«": "»", "»": "«", "‹": "›", "›": "‹"}


def _find(stack: list[list], family: str) -> int:
    """Index of the innermost open quote of ``family``, or -1."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][1] == family:
            return k
    return -1


def _close(text: str, stack: list[list], k: int, pos: int, para: list) -> None:
    """Close ``stack[k]`` at the mark at ``pos``; quotes opened inside it are dropped."""
    start = stack[k][0]
    del stack[k:]
    if text[start + 1 : pos].strip():
        (stack[-1][3] if stack else para).append((start, pos + 1, True))


def _possessive(text: str, events: list[int], i: int, p: str, n: str) -> bool:
    """Whether the ``s’`` at ``events[i]`` is a plural possessive, not a closer.

    It is when the next single mark of the paragraph can only close: ‘the
    leaders’ meeting went well,’ he said.
    """
    if p not in "sS" or not n.isspace():
        return False
    size = len(text)
    for pos in events[i + 1 :]:
        ch = text[pos]
        if ch in _NEWLINES:
            return False
        if ch in "'’‘‛":
            before, after = text[pos - 1], text[pos + 1] if pos + 1 < size else ""
            if before.isalnum() and after.isalnum():
                continue
            return not before.isspace() and not after.isalnum()
    return False


def _end_paragraph(text: str, stack: list[list], para: list, start: int, end: int, out: list[Quote]) -> None:
    """Close what the paragraph left open, attribute its quotes, and move them to ``out``."""
    if stack:
        while end > start and text[end - 1].isspace():
            end -= 1
        carry: list[tuple[int, int, bool]] = []
        for q_start, _, fragile, children in reversed(stack):
            if fragile:  # opened by ' or ’: more likely an apostrophe than an unclosed quote
                carry = children + carry
            elif text[q_start + 1 : end].strip():
                carry = [(q_start, end, False)]
            else:
                carry = children
        para.extend(carry)
        stack.clear()
    if para:
        out.extend(_attribute(text, para, start))
        para.clear()


# Speakers are found on words (str.split), not by regular expressions over the
# text around every quote: a speaker search runs for each quote of each article.
_VERBS = frozenset(
    "said says say told tells added adds wrote writes warned warns stated states explained explains "
    "insisted insists claimed claims noted notes posted posts tweeted tweets declared declares replied "
    "replies responded concluded argued argues stressed stresses emphasised emphasized admitted "
    "acknowledged remarked commented recalled quipped continued testified reiterated cautioned asked "
    "asks Said Says Told Tells Warns Adds Insists Claims "
    "dit déclare déclaré affirme affirmé ajoute ajouté explique expliqué souligne souligné estime "
    "estimé écrit indique indiqué précise précisé "
    "sagte sagt erklärte erklärt betonte betont schrieb schreibt warnte meinte "
    "dijo dice afirmó afirma declaró señaló añadió explicó aseguró escribió".split()
)
_ACCORDING = frozenset("according selon laut según".split())
# Every way a trigger word appears in str.split() output, to rule out most
# quotes with one set operation.
_TRIGGERS = frozenset(
    w + tail for w in _VERBS | _ACCORDING | {a.capitalize() for a in _ACCORDING} for tail in ("", ",", ":", ".", ";", "!")
) | {"dit-il", "dit-elle", "a-t-il", "a-t-elle"}
_PRONOUNS = frozenset("he she they we i you il elle ils elles on er sie wir ich él ella ellos".split())
_ADVERBS = frozenset("also later then again earlier once further just has had have was would has".split())
_DETERMINERS = frozenset("the a an former then senior top".split())
_STOP = frozenset(
    "The A An And But Or So If In On At As Of For To By With From When While After Before Then This That "
    "These Those There Here He She It They We I You His Her Its Their Our My Your Meanwhile However Yet "
    "Still Now Asked Speaking According Il Elle Er Sie Wir Ich Le La Les Der Die Das El Los".split()
)
_LINKS = frozenset("de da di del della des du van von der den ter bin ibn al el la le of".split())
_TITLES = frozenset(
    "spokesman spokeswoman spokesperson press secretary minister aide adviser advisor envoy ambassador "
    "president chancellor leader chief official head director deputy senator governor mayor general "
    "commander prosecutor lawyer attorney analyst professor chairman chairwoman ceo founder "
    "correspondent foreign defence defense prime vice state pope king queen prince secretary-general "
    "mr mrs ms dr sir lord judge justice sen rep gov gen".split()
)
_GROUPS = frozenset("officials diplomats sources authorities media reports police lawmakers analysts experts".split())
_PUNCT = ",.;:!?…—–-\"'“”‘’«»‹›„()[]"
_WINDOW = 250  # how far before a quote a speaker is looked for, in characters
_STOPS = re.compile(r"[.!?…][\"'”’»)]*(?=\s|$)")


def _attribute(text: str, para: list[tuple[int, int, bool]], para_start: int) -> list[Quote]:
    """The quotes of one paragraph, each with its speaker.

    The construction right after a quote wins, then the last one in the same
    sentence before it. A quote that opens a sentence with no construction of
    its own continues the previous quote of the paragraph:
    “It is clear,” Peskov said. “But there is political will.”
    """
    out: list[Quote] = []
    for i, (start, end, closed) in enumerate(para):
        found, speaker, fresh = False, None, False
        if closed:
            stop = min(para[i + 1][0] if i + 1 < len(para) else len(text), end + 120)
            tail = text[end:stop]
            words = tail[: _first_end(tail)].split(None, 16)[:16]
            if not _TRIGGERS.isdisjoint(words):
                found, speaker = _said_after(words)
        if not found:
            found, speaker, fresh = _before(text, para, i, para_start)
        if not found and fresh and out:
            speaker = out[-1].speaker
        out.append(Quote(start, end, speaker, closed))
    return out


def _before(text: str, para: list[tuple[int, int, bool]], i: int, para_start: int) -> tuple[bool, str | None, bool]:
    """Search the sentence before ``para[i]``, skipping the earlier quotes in it.

    Returns whether a construction was found, its speaker, and whether the
    quote opens its sentence.
    """
    limit = max(para_start, para[i][0] - _WINDOW)
    hi = para[i][0]
    for j in range(i - 1, -2, -1):
        lo = max(para[j][1] if j >= 0 else para_start, limit)
        seg = text[lo:hi]
        cut = _last_end(seg)
        rest = seg[cut:].split()
        if not _TRIGGERS.isdisjoint(rest):
            found, speaker = _said_before(rest)
            if found:
                return True, speaker, False
        if cut or not rest or j < 0 or lo <= limit:
            return False, None, hi == para[i][0] and not rest and bool(cut or j >= 0)
        hi = para[j][0]
    return False, None, False


def _ends_sentence(word: str) -> bool:
    """Whether ``word`` ends a sentence; initials and short abbreviations do not.

    >>> [_ends_sentence(w) for w in ["weekend.", "U.S.", "Mr.", "now!”", "said,"]]
    [True, False, False, True, False]
    """
    bare = word.rstrip("\"'”’»)")
    if not bare or bare[-1] not in ".!?…":
        return False
    return bare[-1] != "." or (bare.count(".") == 1 and not (len(bare) <= 4 and bare[0].isupper()))


def _first_end(s: str) -> int:
    """Offset just after the first sentence end in ``s``, ``len(s)`` if none."""
    for m in _STOPS.finditer(s):
        if _ends_sentence(s[s.rfind(" ", 0, m.start()) + 1 : m.end()]):
            return m.end()
    return len(s)


def _last_end(s: str) -> int:
    """Offset just after the last sentence end in ``s``, 0 if none."""
    for m in reversed(list(_STOPS.finditer(s))):
        if _ends_sentence(s[s.rfind(" ", 0, m.start()) + 1 : m.end()]):
            return m.end()
    return 0


def _bare(word: str) -> str:
    return word.strip(_PUNCT)


def _is_cap(word: str) -> bool:
    bare = _bare(word)
    return bool(bare) and bare[0].isupper() and bare not in _STOP


def _said_after(words: list[str]) -> tuple[bool, str | None]:
    """A construction opening the words after a quote: ", Peskov told", ", said Trump"."""
    while words and not _bare(words[0]):
        words = words[1:]
    if not words:
        return False, None
    first = _bare(words[0])
    if first.split("-")[0] in _VERBS or (first == "a" and len(words) > 1 and _bare(words[1]) in _VERBS):
        if "-" in first:  # dit-il
            return True, None
        k = 2 if first == "a" else 1
        while k < len(words) and words[k] in _DETERMINERS:
            k += 1
        if k < len(words) and _bare(words[k]).lower() in _PRONOUNS:
            return True, None
        name = _name_from(words, k)
        return (True, name) if name else (False, None)
    if first.lower() in _ACCORDING:
        name = _according(words, 0)
        return (True, name) if name else (False, None)
    for v in range(1, min(len(words), 16)):
        if words[v].rstrip(",:;.!?…") in _VERBS:
            subject = _subject(words, v)
            if subject and all(w in _DETERMINERS for w in words[: subject[0]]):
                return True, subject[1]
            break
    return False, None


def _said_before(words: list[str]) -> tuple[bool, str | None]:
    """The last construction in the words before a quote: "Trump said Putin is"."""
    for v in range(len(words) - 1, -1, -1):
        word = words[v].rstrip(",:;.!?…")
        if word in _VERBS and v:
            subject = _subject(words, v)
            if subject:
                return True, subject[1]
        elif word.lower() in _ACCORDING:
            name = _according(words, v)
            if name:
                return True, name
    return False, None


def _subject(words: list[str], v: int) -> tuple[int, str | None] | None:
    """Who does the speech verb ``words[v]``: (index of the subject's first word, name).

    The name is None for a pronoun; the result is None when the subject is not
    a name (the pair said) or a possessive (Trump’s claims).
    """
    k = v - 1
    if k > 0 and words[k] == "a":  # a déclaré
        k -= 1
    for _ in range(2):
        if k > 0 and (words[k] in _ADVERBS or (words[k].endswith("ly") and words[k].islower())):
            k -= 1
    if k < 0:
        return None
    if _bare(words[k]).lower() in _PRONOUNS:
        return k, None
    if words[k].endswith(")"):  # Dmitry Peskov (Kremlin press secretary) stated
        j = k
        while j > max(k - 10, 0) and not words[j].startswith("("):
            j -= 1
        if not words[j].startswith("(") or j == 0:
            return None
        k = j - 1
    elif words[k].endswith(","):  # Dmitry Peskov, the Kremlin spokesman, said
        j = k - 1
        while j > max(k - 14, 0) and not words[j].endswith(","):
            j -= 1
        if j < 0 or not words[j].endswith(","):
            return None
        k = j
    last = words[k].rstrip(",")
    if not _is_cap(last) or last.endswith(("’s", "'s")) or last[-1] in _PUNCT:
        return None
    j = k
    while j > 0 and words[j - 1][-1] not in _PUNCT and (_is_cap(words[j - 1]) or words[j - 1] in _TITLES or words[j - 1] in _LINKS):
        j -= 1
    while not _is_cap(words[j]):
        j += 1
    return j, _clean_name(words[j:k] + [last])


def _name_from(words: list[str], k: int) -> str | None:
    """The capitalised run starting at ``words[k]``: "said Kremlin spokesman Dmitry Peskov."."""
    run: list[str] = []
    while k < len(words) and (_is_cap(words[k]) or (run and (words[k] in _TITLES or words[k] in _LINKS))):
        run.append(_bare(words[k]))
        if words[k][-1] in _PUNCT:
            break
        k += 1
    while run and not run[-1][0].isupper():
        run.pop()
    return _clean_name(run) if run else None


def _according(words: list[str], k: int) -> str | None:
    """The source after "according to", "selon", "laut", "según" at ``words[k]``."""
    k += 1
    if _bare(words[k - 1]).lower() == "according":
        if k >= len(words) or words[k] != "to":
            return None
        k += 1
    while k < len(words) and words[k] in _DETERMINERS:
        k += 1
    name = _name_from(words, k)
    if name is None:
        return None
    end = k
    while end < len(words) and _bare(words[end]).lower() not in _GROUPS and words[end][-1] not in _PUNCT:
        end += 1
    if end < len(words) and _bare(words[end]).lower() in _GROUPS and end - k <= 3:
        return " ".join(_bare(w) for w in words[k : end + 1])  # "Russian diplomats"
    return name


def _clean_name(words: list[str]) -> str:
    """The last capitalised run of ``words``, without leading titles.

    >>> _clean_name("Kremlin spokesman Dmitry Peskov".split())
    'Dmitry Peskov'
    >>> _clean_name("US Secretary of State Marco Rubio".split())
    'Marco Rubio'
    >>> _clean_name(["Trump’s"])
    'Trump'
    """
    run: list[str] = []
    for word in words:
        if word[:1].isupper() or (run and word in _LINKS):
            run.append(word)
        elif word:
            run = []
    cut = 0
    for k, word in enumerate(run[:-1]):
        if word.lower().rstrip(".") in _TITLES:
            cut = k + 1
    while cut < len(run) - 1 and run[cut] in _LINKS:
        cut += 1
    name = " ".join(run[cut:]) or " ".join(words)
    return name[:-2] if name.endswith(("’s", "'s")) else name
