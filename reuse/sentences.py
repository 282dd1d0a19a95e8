"""Sentences: where a news text's sentences start and end, in any script.

Lines are sentences of their own, split further at sentence punctuation
(Latin, CJK, Devanagari, Arabic, Ethiopic, Khmer and Myanmar stops) with a
list of news abbreviations and a few German and Russian rules. Alignment
splits every candidate article (:mod:`reuse.prepared`), so the splitter is
a regular expression and a short loop over its candidates, not NLTK's Punkt.
"""

from __future__ import annotations

import re

__all__ = ["ends_sentence", "sentence_spans"]


# Abbreviations that end in a full stop without ending a sentence (lower-case,
# without the final stop). Language-neutral enough for news.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "approx", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "i.e", "e.g", "al", "mt", "ft",
    # German and Russian ones that stand inside a sentence ("120 тыс. жителей", "bzw."); not "usw." (etc., often last)
    # nor "Mio." (Italian "mio" ends sentences).
    "bzw", "ca", "vgl", "nr", "tsd", "тыс", "млн", "млрд", "руб", "долл", "ул",
}


_ABBREV_SET = frozenset(_ABBREVIATIONS)
# Of those, the ones that also end sentences ("... in the U.S. Its shares ..."):
# they end one when the next word is a capitalised word that opens sentences.
_MAY_END = frozenset({"u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr", "sr"})
_OPENERS = frozenset(
    "The It Its He She They We I But And In A An This That These Those His Her Their There On At As After "
    "Before However Meanwhile When While If Last Earlier Later Officials".split()
)
_NEXT_WORD = re.compile(r"[A-Z][a-z]*\b")  # a whole word: "AI" or "IBM" is no "A" or "I"
#: The German month names and "Jahrhundert", which follow an ordinal written as a number and a stop ("5. Juni").
_ORDINAL_NOUN = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jahrhunderts?)\b")
#: German words that stand before an ordinal written as a number and a stop ("der 3. Platz", "zum 2. Mal", "beim 10.
#: Versuch"): articles, articles merged with a preposition, possessives and "jeder". Not "bis", "ab" or "seit", which
#: are as often before a number that ends a sentence ("von 9 bis 17. Danach"), nor words of English ("die", "am"):
#: the rule is kept to German texts and texts of no known language.
_BEFORE_ORDINAL = frozenset(
    "der die das dem den des zum zur am im beim vom ihr ihre ihrem ihren ihrer sein seine seinem seinen seiner "
    "jede jeder jedes jedem jeden".split()
)
#: Words that open a German sentence and never follow an ordinal (which a noun follows): after one of them the
#: number ends the sentence, as a date without its month does ("Es regnete am 5. Dann kam der Sturm.").
_GERMAN_OPENERS = frozenset(
    "der die das den dem des ein eine einer er sie es wir ich man ihr sein seine dies diese dieser dieses "
    "und aber doch dann danach davor damit dabei dort da hier so nun jetzt heute gestern morgen später zuvor zudem "
    "außerdem auch noch nur schon bereits weitere weiter wie wenn als während nach vor bei mit von zu zum zur in im "
    "am an auf aus für gegen über unter laut seit bis ab ob warum was wer wo".split()
)
_WORD = re.compile(r"\w+")
# Candidate sentence ends: stops (with closing quotes or brackets after them)
# and line breaks. One leading character class keeps the scan fast; the
# conditions are checked on each candidate. Besides the Latin and CJK stops:
# the Devanagari danda and double danda, the Arabic and Urdu question mark
# and full stop, the Ethiopic full stop.
_STOP_CHARS = ".!?…。！？।॥؟۔።។။"
_CLOSERS = "\"'”’»)]」』"  # closing quotes and brackets that may follow a stop
_STOPS_ANYWHERE = frozenset("。！？។။")  # CJK, Khmer and Myanmar full stops: a sentence ends whatever follows
#: The stops that may end a sentence, and line breaks (a quote after a line break opens the next line). A run of
#: stops and the closers after it is one candidate; one that opens with none of ``_STOPS_ANYWHERE`` is a candidate
#: only when spaces or tabs follow it and no ASCII lower-case letter follows them (group 1: those spaces), so the
#: loop of :func:`sentence_spans` never sees the stops inside a sentence ("3.5", "U.S", "etc. and") or before a line
#: break: about a third of the stops, each a few microseconds of Python. The look-behinds (``(?<![stops].)``: the
#: character before the first is no stop) make a candidate start only where a run of stops starts, as a plain scan
#: of the runs would. The pattern opens with one character class so that the regular expression engine skips to
#: the candidates through that class alone, in C (it does so for no other opening): 35 microseconds an article of
#: the benchmark corpus where ``[stops]+[closers]*|\n`` took 100. ``(?=([ \t]+))\1`` takes every space or tab and
#: gives none back (a look-ahead is atomic), as the possessive ``[ \t]++`` of Python 3.11 would: backing off one
#: space would let a space, not the letter after it, follow ("etc.  and").
_STOPS = re.compile(
    rf"[{re.escape(_STOP_CHARS)}\n](?:"
    r"(?<=\n)"
    rf"|(?<=[{''.join(sorted(_STOPS_ANYWHERE))}])(?<![{re.escape(_STOP_CHARS)}].)[{re.escape(_STOP_CHARS)}]*[{re.escape(_CLOSERS)}]*"
    rf"|(?<![{re.escape(_STOP_CHARS)}].)[{re.escape(_STOP_CHARS)}]*[{re.escape(_CLOSERS)}]*(?=(?=([ \t]+))\1(?![a-z]))"
    ")"
)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: in one of the stops :func:`sentence_spans` splits at, closing quotes or brackets after it allowed.

    >>> ends_sentence('He left.”'), ends_sentence("Storm warning issued"), ends_sentence("東京です。"), ends_sentence("")
    (True, False, True, False)
    """
    last = text.rstrip().rstrip(_CLOSERS)[-1:]
    return bool(last) and last in _STOP_CHARS


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``.

    Lines are sentences of their own (a news line is a paragraph, headline
    or caption) and are split further at sentence punctuation followed by
    something that is not a lower-case letter, unless the word before the
    stop is a known abbreviation or a single letter ("U.S.", "Mr.", "J."),
    or a German ordinal before a month's name ("5. Juni"); in a text whose
    ``language`` is German (``"de"``) or not known (``None`` or ``""``), also
    a number after a German article, possessive or "zum", "beim" and the like
    ("der 3. Platz"), a number that ends a sentence in English ("fell to 5.").
    The CJK full stops and those of Khmer (។) and Myanmar (။), which
    write no space after them, end a sentence whatever follows. Spans exclude surrounding white space. A regular expression, not NLTK's
    Punkt: alignment splits every candidate article, and Punkt took about 8 ms
    an article where this takes a few microseconds.

    >>> t = "Für die Nacht zum 5. Juni werden 40 Liter erwartet. Im 20. Jahrhundert nie. Es regnete am 5. Weitere folgen."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Für die Nacht zum 5. Juni werden 40 Liter erwartet.', 'Im 20. Jahrhundert nie.', 'Es regnete am 5.', 'Weitere folgen.']
    >>> t = "Er wurde beim 2. Mal der 3. Fahrer der 5. Etappe. Der Pegel stieg auf 5. Polizisten kamen."
    >>> [t[s:e] for s, e in sentence_spans(t, "de")]
    ['Er wurde beim 2. Mal der 3. Fahrer der 5. Etappe.', 'Der Pegel stieg auf 5.', 'Polizisten kamen.']
    >>> t = "Около 120 тыс. жителей эвакуированы. Рост на 5 проц. за год. Дожди продолжатся."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Около 120 тыс. жителей эвакуированы.', 'Рост на 5 проц. за год.', 'Дожди продолжатся.']
    >>> t = "Mr. Peskov spoke.  The U.S. side agreed!\\nNew line. 東京です。次"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Peskov spoke.', 'The U.S. side agreed!', 'New line.', '東京です。', '次']
    >>> [t[s:e] for t in ["ភ្លៀងធ្លាក់។ទឹកជំនន់", "မိုးရွာတယ်။ရေကြီးတယ်"] for s, e in sentence_spans(t)]
    ['ភ្លៀងធ្លាក់។', 'ទឹកជំនន់', 'မိုးရွာတယ်။', 'ရေကြီးတယ်']
    """
    spans: list[tuple[int, int]] = []
    start = 0

    def emit(lo: int, hi: int) -> None:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            spans.append((lo, hi))

    n = len(text)
    german = not language or language == "de"
    for match in _STOPS.finditer(text):
        stop = match.end()
        if match.start(1) >= 0:  # a stop with spaces after it and no ASCII lower-case letter after them
            after = match.end(1)
            if after < n and text[after].islower():
                continue  # the sentence goes on in lower case
            if text[match.start()] == ".":
                begin = end = match.start()
                while begin > 0 and end - begin < 24 and (text[begin - 1].isalnum() or text[begin - 1] == "."):
                    begin -= 1
                word = text[begin:end].casefold()
                if word and (word in _ABBREV_SET or (len(word) == 1 and word.isalpha()) or (len(word) <= 4 and "." in word)):
                    opener = _NEXT_WORD.match(text, after)
                    if not (word in _MAY_END and opener and opener.group() in _OPENERS):
                        continue
                if len(word) <= 2 and word.isdigit() and (_ORDINAL_NOUN.match(text, after) or (german and _german_ordinal(text, begin, after))):
                    continue  # a German ordinal: "am 5. Juni", "im 20. Jahrhundert", "der 3. Platz"
        emit(start, stop)
        start = stop
    emit(start, len(text))
    return spans


def _german_ordinal(text: str, number: int, after: int) -> bool:
    """Whether the number at ``number``, a stop and the word at ``after`` read as a German ordinal and its noun.

    That is, the word before the number is one of ``_BEFORE_ORDINAL`` and the word after it none of ``_GERMAN_OPENERS``.

    >>> t = "Er holte den 3. Platz. Es fiel auf 3. Dann am 5. Danach"
    >>> _german_ordinal(t, 13, 16), _german_ordinal(t, 35, 38), _german_ordinal(t, 46, 49)
    (True, False, False)
    """
    following = _WORD.match(text, after)
    if following and following.group().casefold() in _GERMAN_OPENERS:
        return False
    end = number
    while end > 0 and text[end - 1] in " \t\xa0":
        end -= 1
    begin = end
    while begin > 0 and end - begin <= 6 and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end].casefold() in _BEFORE_ORDINAL and (begin == 0 or not text[begin - 1].isalpha())
