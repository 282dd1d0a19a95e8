"""Where a text names another outlet in words of its own: the credits a copy gives its source.

An outlet's name comes from the article's metadata ("The Guardian") or, when
a page gives none, from its URL's domain ("theguardian.com"). A text names
the first as it is ("the Guardian" inside a sentence); the second it never
writes as a domain, so the capitalised names of the text are read against
the site's name: "New York Times" (or its initials before the last word)
for nytimes.com, "Der Spiegel" for spiegel.de, "BBC" for bbc.co.uk. A name
of one word that is not an acronym, with or without "the" ("the Guardian",
"The Atlantic", "Independent"), and a name read by all its initials ("Wall
Street Journal" for wsj.com) are common words too ("The Sun rose"), so they
count only beside an English credit ("reported by the Guardian", "The
Atlantic reported", "the Guardian's report").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .coverage import side_spans
from .model import Pair

__all__ = ["credit_pattern", "credits", "outlet_pattern", "publishes", "site_name"]

#: Second-level labels under a country's domain that are no site's name ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"})
#: Host labels before a site's name that are not part of it ("www.", "edition.cnn.com").
_HOST_PREFIXES = frozenset({"www", "m", "amp", "mobile", "edition", "en", "uk", "us", "news"})
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}")
_WORD = re.compile(r"[^\W\d_][\w&'’]*")
_POSSESSIVE = re.compile(r"['’]s?$")
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
_SUFFIXES = frozenset(
    "America Asia Breakfast Business Channel Digital Europe Insider International Investigates Live Magazine Media Network "
    "News Newspaper Online Opinion Plus Politics Pro Radio Sport Sports TV Television UK US Weekend Wire World".split()
)
_PREFIXES = frozenset({"Daily", "Sunday", "Saturday", "Evening", "Morning", "Weekly"})
#: The last word of a name read by its initials ("Wall Street Journal", "British Broadcasting Corporation"): a news noun.
_NEWS_NOUNS = frozenset(
    "Agency Broadcasting Chronicle Corporation Daily Express Gazette Guardian Herald Journal Mail Mirror Network News "
    "Observer Post Press Radio Review Service Standard Star Telegraph Television Times Tribune Welle".split()
)
#: An English credit just before a one-word name ("reported by the", "an investigation by the", "told"), or after it.
_CUE_BEFORE = re.compile(
    r"(?:\b(?:reported|published|revealed|cited|first|written|obtained|seen)\s+(?:by|in)|\baccording\s+to(?:\s+an?\s+\w+\s+(?:in|by))?"
    r"|\b(?:report|investigation|analysis|story|article|piece|poll|survey|editorial|interview|statement|reporting)\s+(?:by|in|for|to|with)"
    r"|\btold|\btelling|\bvia|\bciting|\bcourtesy\s+of|\binterviews?\s+with|\bspeaking\s+to|\bspoke\s+to|\bwrote\s+in|\bwriting\s+in"
    r"|\bsources?:)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"(?:['’]s?)?(?:[ \t\u00a0]+newspaper)?[ \t\u00a0]*,?[ \t\u00a0]*(?:which\s+)?(?:(?:first|has|had|also|previously|exclusively)\s+)?"
    r"(?:report\w*|revealed|reveals|understands|learned|learnt|disclosed|broke|obtained)\b"
)
#: A name followed by "of" and a capital is part of a longer one ("The Times of India", "Independent Office of ...").
_LONGER = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+[^\W\d_]")


def site_name(outlet: str) -> str | None:
    """The site's name in a domain outlet, in lower-case letters and digits; ``None`` for an outlet that is no domain.

    >>> site_name("theguardian.com"), site_name("www.bbc.co.uk"), site_name("edition.cnn.com"), site_name("news.com.au")
    ('theguardian', 'bbc', 'cnn', 'news')
    >>> site_name("The Guardian") is None
    True
    """
    host = outlet.strip().lower()
    if not _DOMAIN.fullmatch(host):
        return None
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    else:
        labels = labels[:-1]
    while len(labels) > 1 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    return labels[-1].replace("-", "") or None


def _fold(word: str) -> str:
    """A word as a site's name spells it: no possessive, no accents, lower-case letters and digits ("País" pais)."""
    bare = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", word))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in bare if not unicodedata.combining(c)).lower())


def _capitalised_runs(text: str):
    """Each run of capitalised words in ``text`` as ``(word, start, end)`` (a possessive cut off), and whether "the" stands right before it.

    One regular expression finds the runs of words that do not begin with an
    ASCII lower-case letter (most words of a text are skipped in C); each is
    then split where a word does not begin with a capital in Unicode's sense.
    """
    for match in _RUN.finditer(text):
        start = match.start()
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


def _spells(site: str, words: list[str], the: bool, article: bool = False) -> bool:
    """Whether the folded ``words`` spell ``site``.

    Whole ("washingtonpost"), the initials before the last word ("New York
    Times", nytimes), with "the" before it when the text has one ("the
    Guardian", theguardian), or without the article the name begins with
    (``article``: "The New York Times", nytimes; "Der Spiegel", spiegel).
    """
    def joined(ws: list[str]) -> set[str]:
        return {"".join(ws), "".join(w[:1] for w in ws[:-1]) + ws[-1]}

    spelled = joined(words)
    if the:
        spelled |= {"the" + s for s in spelled}
    if article and len(words) >= 2:
        spelled |= joined(words[1:])
    return site in spelled


def _spans(run: list[tuple[str, int, int]]):
    """The ``(first, last, name)`` stretches of a run that may be an outlet's name; ``name``: its words without the affixes.

    The whole run; without an opening word ("As Axios first reported"), a
    leading "Daily" ("Daily Telegraph") or from an article on ("Wie Der Spiegel"); without outlet
    words after it ("BBC News", "Fox News Digital"). Never a word from inside
    a longer name ("American Express", "Independent Office").
    """
    words = [word for word, _, _ in run]
    firsts = {0, *(k for k, word in enumerate(words) if word in _ARTICLES)}
    if len(words) >= 2 and (words[0] in _OPENERS or words[0] in _PREFIXES):
        firsts.add(1)
    for first in sorted(firsts):
        last = len(words)
        while True:
            name_end = last
            if name_end - first <= _MAX_NAME_WORDS:
                yield first, name_end, words[first:name_end]
            if last - 1 <= first or words[last - 1] not in _SUFFIXES:
                break
            last -= 1


@lru_cache(maxsize=256)
def _initials(site: str) -> re.Pattern[str]:
    """Words in capitals whose initials spell a short site's name ("Wall Street Journal" for wsj)."""
    return re.compile(r"\b" + r"[\w&'’]*[ \t\u00a0]+".join(re.escape(c.upper()) for c in site))


@lru_cache(maxsize=64)
def _domain_names(site: str, text: str) -> tuple[str, ...]:
    """The names in ``text`` that spell the site ``site`` (see :func:`site_name`), as the text writes them.

    A name is a whole run of capitalised words, or its tail after a first
    word ("Yesterday The New York Times ...") or from a "The" on: never a word
    picked out of a longer name ("American Express" names no express.co.uk).
    """
    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    if len(site) > 4:
        if not any(part in plain for part in (site, site.removeprefix("the"), site[-4:])):
            return ()  # most texts: no word of the name at all
    elif site not in plain and not _initials(site).search(text):
        return ()  # no "BBC", no "Wall Street Journal", no "Financial Times"
    names = []
    for the, run in _capitalised_runs(text):
        for first, end, words in _spans(run):
            lead = the and first == 0
            initial = _fold(words[0][0])
            if not (initial == site[0] or (lead and site.startswith("the")) or words[0] in _ARTICLES or words[0] in _PREFIXES):
                continue  # it cannot begin the site's name: most runs
            folded = [_fold(word) for word in words]
            if not all(folded):
                continue
            article = words[0] in _ARTICLES
            core = folded[1:] if words[0] in _PREFIXES and len(folded) > 1 else folded
            spelled = _spells(site, folded, False, article) or (core is not folded and _spells(site, core, False))
            if spelled or _spells(site, folded, lead, article):
                initials = False
            elif len(folded) >= 2 and words[-1] in _NEWS_NOUNS and site == "".join(w[:1] for w in folded):
                initials = True  # "Wall Street Journal", "Financial Times"
            else:
                continue
            start, stop = run[first][1], run[end - 1][2]
            if end == len(run) and _LONGER.match(text, stop):
                continue  # "The Times of India"
            whole = run[first : len(run)]  # with the outlet words after it: "Sky News" is two words
            named = [w for w, _, _ in whole if w != "The"]
            one_word = len(named) == 1 and not initials and not (named[0].isupper() and len(named[0]) >= 2)
            if one_word and not _cued(text, start, stop):
                continue  # a common word too: "Time", "The Independent candidate", "the Atlantic"
            needs_the = lead and not initials and not spelled  # "the Guardian" for theguardian.com
            names.append(("The " if needs_the else "") + text[start:stop])
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=4096)
def outlet_pattern(outlet: str) -> re.Pattern[str]:
    """The outlet's name in a text; "The Guardian" is "the Guardian" inside a sentence."""
    rest = outlet[4:] if outlet.startswith("The ") else None
    return re.compile(rf"\b(?:[Tt]he {re.escape(rest)}|{re.escape(outlet)})\b" if rest else rf"\b{re.escape(outlet)}\b")


def credits(pattern: re.Pattern[str], text: str, other: str, pair: Pair | None, side: str) -> bool:
    """Whether ``text`` (``side``'s) names the outlet in words of its own, not only in what both carry.

    A name in the text both share was in the source too ("Fortune 500", "The
    Guardian can reveal"): it credits no one. A credit the copy adds ("as the
    Guardian reported") stands outside the passages both share, or, when
    alignment chained it into one, makes one name more than the other text has.
    """
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        return False
    shared = side_spans(pair, side) if pair is not None else []
    outside = any(not any(s <= start and end <= e for s, e in shared) for start, end in found)
    return outside or len(found) > len(pattern.findall(other))


def publishes(outlet: str, url: str) -> bool:
    """Whether ``url`` (normalised) is on the site of ``outlet``: "The Guardian" and theguardian.com, "bbc.co.uk" and bbc.co.uk.

    >>> publishes("The Guardian", "theguardian.com/business/1"), publishes("NewsHub24", "theguardian.com/business/1")
    (True, False)
    """
    def core(name: str) -> str:
        first = name.lower().removeprefix("www.").split(".", 1)[0] if "." in name and " " not in name else name.lower()
        return re.sub(r"[^a-z0-9]", "", first).removeprefix("the")

    site, name = core(url.split("/", 1)[0]), core(outlet)
    return len(name) >= 3 and site == name


def credit_pattern(outlet: str, text: str) -> re.Pattern[str] | None:
    """How ``text`` would name ``outlet``, or ``None`` when it cannot tell (a short name, digits, a domain it never spells).

    >>> text = "First reported by the Guardian, then by The New York Times."
    >>> credit_pattern("theguardian.com", text).findall(text), credit_pattern("nytimes.com", text).findall(text)
    (['the Guardian'], ['The New York Times'])
    >>> credit_pattern("nytimes.com", "Times change.") is None
    True
    """
    outlet = outlet.strip()
    site = site_name(outlet)
    if site is None:
        return outlet_pattern(outlet) if len(outlet) >= 3 and not re.search(r"\.\w{2,4}$|\d", outlet) else None
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
