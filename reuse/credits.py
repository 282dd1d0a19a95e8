"""Where a text names another outlet in words of its own: the credits a copy gives its source.

An outlet's name comes from the article's metadata ("The Guardian") or, when
a page gives none, from its URL's domain ("theguardian.com"). A text names
the first as it is ("the Guardian" inside a sentence); the second it never
writes as a domain, so the capitalised names of the text are read against
the site's name: "The New York Times" (or its initials before the last
word) for nytimes.com, "Der Spiegel" for spiegel.de, "BBC News" for
bbc.co.uk, and a few names no domain spells ("Wall Street Journal" for
wsj.com). A credit makes the credited outlet's article the source, so a name
counts only where a credit is likely: a name read from a domain, and a
name of one word from metadata, only beside an English credit ("reported
by the Guardian", "told the BBC", "according to the Financial Times",
"CNN reported"; a few words of German, French, Spanish and Italian too:
"laut", "selon", "según", "berichtet"). Names are common words and people too: "the Atlantic"
(the ocean), "Bloomberg said he", "the BBC licence fee".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .coverage import side_spans
from .model import Pair
from .sites import POSSESSIVE as _POSSESSIVE, fold_name as _fold, outlet_key, site_name
from .wires import bracket_dateline, named

__all__ = ["credit_pattern", "credits", "cue_needed", "credited_in_sentence", "dateline_credit", "interviewed_by", "name_forms", "outlet_key", "outlet_pattern", "publishes"]

_WORD = re.compile(r"[^\W\d_][\w&'’]*")
#: A run of words none of which begins with an ASCII lower-case letter, one blank between each.
_RUN = re.compile(r"(?<![\w&'’])(?![a-z])[^\W\d_][\w&'’]*(?:[ \t\u00a0-](?![a-z])[^\W\d_][\w&'’]*)*")
#: What may stand between two words of one name ("Al-Jazeera" is two).
_JOIN = frozenset({" ", "\t", "\u00a0", "-"})
#: Words of a name a site's name is read in.
_MAX_NAME_WORDS = 5
#: Articles a name may begin with that its site leaves out ("Der Spiegel", spiegel.de), as a name writes them.
_ARTICLES = frozenset({"The", "Der", "Die", "Das", "Le", "La", "Les", "El", "Il", "Lo", "Los", "Las"})
#: Words that open an English sentence before a name ("As Axios first reported", "But CNN said").
_OPENERS = frozenset(
    "According After Also Although And As Asked At Before Both But Citing Despite Earlier Elsewhere Even Finally First Following "
    "However If In Indeed Initially Instead Last Later Like Meanwhile Now On Only Overnight Per Previously Recently Separately "
    "Since So Speaking Still Then This Though Today Tonight Unlike Via When While Yesterday Yet".split()
)
#: Words an outlet's name may carry after it ("BBC News", "Fox News Digital", "Politico Europe") or before it ("Daily Telegraph").
_SUFFIXES = frozenset({"News", "Digital", "Online", "Radio", "Newspaper", "Magazine", "Europe", "Investigates"})
_PREFIXES = frozenset({"Daily", "Sunday", "Saturday", "Evening", "Morning", "Weekly"})
#: Names that no site's name spells, by site: "Wall Street Journal" is wsj.com.
_KNOWN_NAMES = {
    "wsj": ("Wall Street Journal",),
    "ft": ("Financial Times",),
    "smh": ("Sydney Morning Herald",),
    "scmp": ("South China Morning Post",),
    "dw": ("Deutsche Welle",),
    "nyt": ("New York Times",),
    "abc": ("Australian Broadcasting Corporation",),
    "cbc": ("Canadian Broadcasting Corporation",),
    "bbc": ("British Broadcasting Corporation",),
}
#: An English credit just before a name ("reported by the", "an investigation by the", "told"), or after it ("... reported").
_CUE_WORDS = (
    r"(?:\b(?:reported|published|revealed|cited|first|written|obtained|seen)\s+(?:by|in)|\baccording\s+to(?:\s+an?\s+\w+\s+(?:in|by))?"
    r"|\b(?:report|investigation|analysis|story|article|piece|poll|survey|editorial|interview|statement|reporting)\s+(?:by|in|for|to|with)"
    r"|\btold|\btelling|\bvia|\bciting|\bcourtesy\s+of|\binterviews?\s+with|\bspeaking\s+to|\bspoke\s+to|\bwrote\s+in|\bwriting\s+in"
    r"|\bsources?:|\blaut|\bgegenüber|\bsegún|\binformó|\bselon|\bd'après|\bsecondo|\bsegundo)\s+(?:the\s+)?"
)
_CUE_BEFORE = re.compile(_CUE_WORDS + "$", re.IGNORECASE)
#: After the name: an outlet's own words ("BBC News reported", "Fox News Digital", "Politico Europe"; not
#: "Radio": "Metro Radio" is another outlet than metro.co.uk, so "BBC Radio reported" is not read), then the credit.
_CUE_AFTER = re.compile(
    r"(?:['’]s?)?(?:[ \t\u00a0]+(?:newspaper|" + "|".join(sorted(_SUFFIXES - {"Radio"})) + r"))*[ \t\u00a0]*,?[ \t\u00a0]*(?:which\s+)?(?:(?:first|has|had|also|previously|exclusively)\s+)?"
    r"(?:report\w*|understands|learned|learnt|berichtet\w*|informó|rapporte\w*|riporta\w*)\b"
)
#: A name followed by "of" or "&" and a capital is part of a longer one ("The Times of India", "Standard & Poor's").
_LONGER = re.compile(r"[ \t\u00a0]+(?:of|&)[ \t\u00a0]+[^\W\d_]")


def _capitalised_runs(text: str, cued: bool = False):
    """Each run of capitalised words in ``text`` as ``(the, run)``: whether "the" stands right before it, and its ``(word, start, end)`` (a possessive cut off).

    ``cued``: only the runs with an English credit right before or after them (:func:`_cued`).

    One regular expression finds the runs of words that do not begin with an
    ASCII lower-case letter (most words of a text are skipped in C); each is
    then split where a word does not begin with a capital in Unicode's sense.
    """
    for match in _RUN.finditer(text):
        start = match.start()
        if cued and not _cued(text, start, match.end()):
            continue
        the = start >= 4 and text[start - 4 : start - 1] == "the" and text[start - 1] in _JOIN and not (start > 4 and text[start - 5].isalnum())
        run: list[tuple[str, int, int]] = []
        for word in _WORD.finditer(text, start, match.end()):
            if word.group()[0].isupper():
                bare = _POSSESSIVE.sub("", word.group())
                run.append((bare, word.start(), word.start() + len(bare)))
                continue
            if run:
                yield the, run
            run, the = [], False
        if run:
            yield the, run


def _cued(text: str, start: int, end: int) -> bool:
    """Whether an English credit stands right before or after the name at ``start:end``."""
    return bool(_CUE_BEFORE.search(text, max(0, start - 40), start) or _CUE_AFTER.match(text, end, end + 40))


def _spells(site: str, words: list[str], raw: list[str], the: bool) -> bool:
    """Whether the folded ``words`` (written ``raw``) spell ``site``.

    Whole ("washingtonpost"), the initials before the last word ("New York
    Times", nytimes), with "the" before it when the text has one ("the
    Guardian", theguardian), without the article the name begins with ("The
    New York Times", "Der Spiegel" spiegel) or a "Daily" before it ("The Daily
    Telegraph", telegraph).
    """
    def joined(ws: list[str]) -> set[str]:
        return {"".join(ws), "".join(w[:1] for w in ws[:-1]) + ws[-1]} if ws else set()

    whole = joined(words)
    spelled = whole | ({"the" + s for s in whole} if the else set())
    k = 1 if len(raw) > 1 and raw[0] in _ARTICLES else 0
    spelled |= joined(words[k:])
    if len(raw) > k + 1 and raw[k] in _PREFIXES:
        spelled |= joined(words[k + 1 :])
    return site in spelled


def _spans(run: list[tuple[str, int, int]]):
    """The ``(first, end, words)`` stretches of a run that may be an outlet's name: ``words`` is ``run[first:end]``'s.

    The whole run; without an opening word ("As Axios first reported") or
    from an article on ("Wie Der Spiegel"); without outlet
    words after it ("BBC News", "Fox News Digital"). Never a word from inside
    a longer name ("American Express", "Independent Office").
    """
    words = [word for word, _, _ in run]
    firsts = {0, *(k for k, word in enumerate(words) if word in _ARTICLES)}
    if len(words) >= 2 and words[0] in _OPENERS:
        firsts.add(1)
    for first in sorted(firsts):
        end = len(words)
        while True:
            if end - first <= _MAX_NAME_WORDS:
                yield first, end, words[first:end]
            if end - 1 <= first or words[end - 1] not in _SUFFIXES:
                break
            end -= 1  # "BBC News" is also "BBC"


@lru_cache(maxsize=64)
def _vocabulary(text: str) -> frozenset[str]:
    """The words of ``text`` in ASCII lower case ("País" pais): once per text, whatever the sites asked of it."""
    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return frozenset(_ASCII_WORD.findall(plain))


@lru_cache(maxsize=64)
def _cued_runs(text: str) -> tuple:
    """:func:`_capitalised_runs` of ``text`` with a credit beside them, once per text."""
    return tuple(_capitalised_runs(text, cued=True))


_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=64)
def _domain_names(site: str, text: str) -> tuple[str, ...]:
    """The names in ``text`` that spell the site ``site`` (see :func:`site_name`), as the text writes them.

    A name is a whole run of capitalised words, or its tail after a first
    word ("Yesterday The New York Times ...") or from a "The" on: never a word
    picked out of a longer name ("American Express" names no express.co.uk).
    """
    known = _KNOWN_NAMES.get(site, ())
    vocabulary = _vocabulary(text)
    # A name that spells the site holds a word that ends it: "cnn", "guardian" (theguardian), "times" (nytimes).
    tails = [site[k:] for k in range(max(1, len(site) - 2))]  # of three letters or more; a short site whole
    if not any(tail in vocabulary for tail in tails) and not any(n.split()[-1].casefold() in vocabulary for n in known):
        return ()  # most texts: no word of the name at all
    names = []
    for the, run in _cued_runs(text):  # no credit beside it: most runs are passed over
        for first, end, words in _spans(run):
            lead = the and first == 0
            if not (_fold(words[0][0]) == site[0] or lead or words[0] in _ARTICLES or words[0] in _PREFIXES or known):
                continue  # it cannot begin the site's name
            folded = [_fold(word) for word in words]
            name = " ".join(words)
            if not all(folded) or not (_spells(site, folded, words, lead) or name.removeprefix("The ") in known):
                continue
            start, stop = run[first][1], run[end - 1][2]
            if end == len(run) and _LONGER.match(text, stop):
                continue  # "The Times of India"
            needs_the = lead and not _spells(site, folded, words, False)  # "the Guardian" for theguardian.com
            names.append(("The " if needs_the else "") + text[start:stop])
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=4096)
def outlet_pattern(outlet: str) -> re.Pattern[str]:
    """The outlet's name in a text, as a whole word; "The Guardian" is "the Guardian" inside a sentence.

    The name's ends are whole words whatever character they are: ``\\b``
    after "Yahoo!" asked for a letter next, and the name was never found.

    >>> bool(outlet_pattern("Yahoo!").search("as first reported by Yahoo! on Monday")), bool(outlet_pattern("BBC").search("BBCs"))
    (True, False)
    """
    rest = outlet[4:] if outlet.startswith("The ") else None
    name = rf"(?:[Tt]he {re.escape(rest)}|{re.escape(outlet)})" if rest else re.escape(outlet)
    return re.compile(rf"(?<!\w){name}(?!\w)")


def credits(pattern: re.Pattern[str], text: str, other: str, pair: Pair | None, side: str, *, cued: bool = False) -> bool:
    """Whether ``text`` (``side``'s) names the outlet in words of its own, not only in what both carry.

    A name in the text both share was in the source too ("Fortune 500", "The
    Guardian can reveal"): it credits no one. A credit the copy adds ("as the
    Guardian reported") stands outside the passages both share, or, when
    alignment chained it into one, in words around it that the other text
    lacks. With ``cued``, only a name beside an English credit counts ("the
    BBC's royal charter" is no credit, "according to the BBC" is).
    """
    found = [(m.start(), m.end()) for m in pattern.finditer(text) if not cued or _cued(text, m.start(), m.end())]
    if not found:
        return False
    shared = side_spans(pair, side) if pair is not None else []
    others = None
    for start, end in found:
        span = next(((s, e) for s, e in shared if s <= start and end <= e), None)
        if span is None:
            return True  # outside the text both carry
        others = _squeezed(other) if others is None else others
        if _squeezed(text[max(span[0], start - _AROUND) : min(span[1], end + _AROUND)]) not in others:
            return True  # inside it, in words the other text lacks
    return False


#: Characters on each side of a name that show whose words it stands in.
_AROUND = 30
_NOT_ALNUM = re.compile(r"[\W_]+")


def _squeezed(text: str) -> str:
    """``text``'s letters and digits alone, so that a copy's own spacing, quotes and dashes do not count as words of its own."""
    return _NOT_ALNUM.sub("", text)


def dateline_credit(outlet: str, text: str) -> str | None:
    """The bracketed credit of ``outlet`` in a dateline of ``text`` ("New York (CNN) —"), or ``None``.

    An outlet's dateline credit in another outlet's text is the mark of its
    story carried there, even inside the text both share: a scraper's copy
    keeps "(CNN)", and CNN's own page is its source whatever the times say.
    A dateline: in the first 400 characters, a line's start, a place without
    a sentence's end, the credit and a dash; the name as the outlet writes it.

    >>> dateline_credit("edition.cnn.com", "New York (CNN) — Stocks fell on Monday."), dateline_credit("The Guardian", "LONDON (The Guardian) - The minister said")
    ('(CNN)', '(The Guardian)')
    >>> dateline_credit("cnn.com", "He said so on Sunday (CNN)."), dateline_credit("bbc.co.uk", "British Broadcasting Corporation (BBC) said")
    (None, None)
    """
    site = site_name(outlet)

    def names_it(inside: str) -> bool:
        words = inside.split()
        if site is None:
            return inside.removeprefix("The ") == outlet.strip().removeprefix("The ")
        return bool(words) and all(w[:1].isupper() for w in words) and _spells(site, [_fold(w) for w in words], words, False)

    # Most texts have no bracket naming the outlet: the dateline grammar, a large pattern, runs only for one that does.
    if not any(names_it(m.group(1).strip()) for m in _ANY_BRACKET.finditer(text, 0, 400)):
        return None
    for match in bracket_dateline(r"[^()\n]{2,40}").finditer(text, 0, 400):
        inside = named(match).strip()
        if names_it(inside):
            return f"({inside})"
    return None


_ANY_BRACKET = re.compile(r"\(([^()\n]{2,40})\)")



def publishes(outlet: str, url: str) -> bool:
    """Whether ``url`` (normalised) is on the site of ``outlet``: "The Guardian" and theguardian.com, "bbc.co.uk" and bbc.co.uk.

    >>> publishes("The Guardian", "theguardian.com/business/1"), publishes("NewsHub24", "theguardian.com/business/1")
    (True, False)
    """
    name = outlet_key(outlet)
    return len(name) >= 3 and outlet_key(url.split("/", 1)[0]) == name


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’&.-][^\W\d_]+)*")


def name_forms(outlet: str, host: str | None = None) -> tuple[str, ...]:
    """The names a text may credit ``outlet`` by, the outlet as its metadata gives it first.

    A site that styles its name in capitals, or in lower case, is written
    as a name in sentences ("POLITICO" "according to Politico", "DER
    SPIEGEL" "Der Spiegel reported", "the guardian" "the Guardian"); and its
    site's domain ``host`` (its page's URL) names it as sentences shorten
    it ("BBC News" on bbc.co.uk "the BBC reported", "Financial Times" on
    ft.com "the FT reported", "Politico Europe" on politico.eu "Politico").
    A short name in capitals is an acronym, written as it is ("BBC").

    >>> name_forms("POLITICO", "politico.eu"), name_forms("the guardian"), name_forms("BBC News", "bbc.co.uk")
    (('POLITICO', 'Politico'), ('the guardian', 'The Guardian'), ('BBC News', 'bbc.co.uk'))
    >>> name_forms("BBC"), name_forms("Reuters", "reuters.com"), name_forms("orig_taska"), name_forms("ABC NEWS")
    (('BBC',), ('Reuters',), ('orig_taska',), ('ABC NEWS', 'ABC News'))
    """
    outlet = outlet.strip()
    forms = [outlet]
    letters = [c for c in outlet if c.isalpha()]
    worded = all(_NAME_WORD.fullmatch(word) for word in outlet.split())  # not a file's name ("orig_taska", "a0042")
    if worded and ((outlet.isupper() and len(letters) >= 5) or outlet.islower()):
        acronym = [len(word) <= 3 and word.isupper() and word.capitalize() not in _ARTICLES for word in outlet.split()]  # "ABC NEWS", not "DER"
        forms.append(" ".join(word if kept else word[:1].upper() + word[1:].lower() for word, kept in zip(outlet.split(), acronym)))
    if host and outlet_key(host) != outlet_key(outlet):
        forms.append(host)
    return tuple(dict.fromkeys(forms))


#: Words before an outlet's name saying that someone spoke to it: "Marsh told the Daily Ledger", "speaking to the Ledger".
_SPOKE_TO = r"(?:told|telling|speaking\s+to|spoke\s+to|said\s+to|(?:in\s+)?an?\s+(?:exclusive\s+)?interview\s+with|interviewed\s+by)"


def interviewed_by(outlet: str, text: str, spans: list[tuple[int, int]] | None = None) -> str | None:
    """The words of ``text`` saying that someone spoke to ``outlet`` ("Marsh told the Daily Ledger"), or ``None``.

    In the outlet's own text, its quotations were given to it: another
    outlet that carries them took them from it, not from a common event.
    With ``spans`` (the shared passages), only words inside one or just
    after it count: "a spokesman later told the Daily Ledger that ..." in
    another paragraph says nothing of the quotations shared. Never after
    a refusal ("declined an interview with").

    >>> interviewed_by("Daily Ledger", "“No,” Marsh told the Daily Ledger on Monday."), interviewed_by("Daily Ledger", "Marsh told reporters.")
    ('told the Daily Ledger', None)
    >>> interviewed_by("POLITICO", "In an interview with Politico, she said"), interviewed_by("a0042", "told a0042")
    ('interview with Politico', None)
    """
    pattern = _spoke_to(outlet)
    for found in pattern.finditer(text) if pattern is not None else ():
        if _REFUSED.search(text, max(0, found.start() - 30), found.start()):
            continue
        if spans is not None and not any(start <= found.start() <= end + _AFTER_PASSAGE for start, end in spans):
            continue
        return found.group().removeprefix("in ").removeprefix("In ").removeprefix("an ").removeprefix("a ")
    return None


@lru_cache(maxsize=4096)
def _spoke_to(outlet: str) -> re.Pattern[str] | None:
    """The pattern of "told the X", "in an interview with X" for ``outlet``'s names; ``None`` for a file's name."""
    names = [form.removeprefix("The ").removeprefix("the ") for form in name_forms(outlet) if _NAME_WORDS.fullmatch(form)]
    if not names:
        return None
    return re.compile(rf"\b(?i:{_SPOKE_TO})\s+(?:[Tt]he\s+)?(?:{'|'.join(re.escape(n) for n in names)})(?![\w&]|\s+of\s+[A-Z])")


#: Words before "an interview with X" that say there was none.
_REFUSED = re.compile(r"(?i:\b(?:declined|refused|denied|turned\s+down|not|never)\b[^.!?]*)$")
#: Characters after a shared passage in which "Marsh told the Daily Ledger" still attributes its quotation.
_AFTER_PASSAGE = 60


_NAME_WORDS = re.compile(r"[^\W\d_]+(?:['’&.-][^\W\d_]+)*(?: [^\W\d_]+(?:['’&.-][^\W\d_]+)*)*")


def credited_in_sentence(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a name ``pattern`` finds in ``text`` stands beside a credit, and inside a sentence when the credit follows.

    A one-word name restyled from capitals ("PEOPLE" as "People") is a
    common word too: "People reported hearing a bang" credits no one, "as
    the BBC reported" does, as does "told People".

    >>> p = re.compile(r"People|BBC")
    >>> credited_in_sentence(p, "People reported a bang."), credited_in_sentence(p, "It said, as the BBC reported."), credited_in_sentence(p, "He told People.")
    (False, True, True)
    """
    for m in pattern.finditer(text):
        if _CUE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            return True
        if _cued(text, m.start(), m.end()) and not _OPENS_SENTENCE.search(text, max(0, m.start() - 20), m.start()):
            return True
    return False


#: The start of a text, a sentence or a line, and spaces, just before a name.
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?\n\"“”:])\s*$")


def cue_needed(outlet: str) -> bool:
    """Whether a name of ``outlet`` counts as a credit only beside an English credit: a domain's, one word that is no acronym, or a name with a number."""
    named = outlet.strip().removeprefix("The ")
    # A number in a name is read in other words too: "France 24" in "in France 24 hours later".
    return site_name(outlet) is not None or (" " not in named and not named.isupper()) or any(ch.isdigit() for ch in named)


_LETTERS = re.compile(r"[^\W\d_]{2}")


def credit_pattern(outlet: str, text: str) -> re.Pattern[str] | None:
    """How ``text`` would name ``outlet``, or ``None`` when it cannot tell (a short name, digits, a domain it never spells).

    >>> text = "It was first reported by the Guardian; The New York Times reported it later."
    >>> credit_pattern("theguardian.com", text).findall(text), credit_pattern("nytimes.com", text).findall(text)
    (['the Guardian'], ['The New York Times'])
    >>> credit_pattern("nytimes.com", "Times change.") is None
    True
    """
    outlet = outlet.strip()
    site = site_name(outlet)
    if site is None:
        if len(outlet) < 3 or re.search(r"\.\w{2,4}$", outlet) or not _LETTERS.search(outlet):
            return None  # a host name, or no word: a file's name ("0042")
        pattern = outlet_pattern(outlet)
        if cue_needed(outlet) and not any(_cued(text, m.start(), m.end()) for m in pattern.finditer(text)):
            return None  # one word, no acronym, never beside a credit: "Forbes" in "Kate Forbes said", "The Atlantic" the ocean
        return pattern
    if len(site) < 2:
        return None
    names = _domain_names(site, text)
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted({_article_free(re.escape(n)) for n in names})) + r")\b")


def _article_free(escaped: str) -> str:
    """A name's pattern that reads "The X" and "the X" alike."""
    head = re.escape("The ")
    return "[Tt]he " + escaped[len(head):] if escaped.startswith(head) else escaped
