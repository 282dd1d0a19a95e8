"""Where a text names another outlet in words of its own: the credits a copy gives its source.

An outlet's name comes from the article's metadata ("The Guardian") or, when
a page gives none, from its URL's domain ("theguardian.com"). A text names
the first as it is ("the Guardian" inside a sentence); the second it never
writes as a domain, so the capitalised names of the text are read against
the site's name: "The Guardian" for theguardian.com, "New York Times" (or
its initials before the last word) for nytimes.com, "Der Spiegel" for
spiegel.de.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .coverage import side_spans
from .model import Pair

__all__ = ["credits", "outlet_pattern", "publishes", "site_name"]

#: Second-level labels under a country's domain that are no site's name ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"})
#: Host labels before a site's name that are not part of it ("www.", "edition.cnn.com").
_HOST_PREFIXES = frozenset({"www", "m", "amp", "mobile", "edition", "en", "uk", "us", "news"})
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}")
_WORD = re.compile(r"[^\W\d_][\w&'’]*")
#: What may stand between two words of one name.
_JOIN = frozenset({" ", "\t", "\u00a0"})
#: Words of a name a site's name is read in: "The New York Times Company" holds it.
_MAX_NAME_WORDS = 5


def site_name(outlet: str) -> str | None:
    """The site's name in a domain outlet, in lower-case letters and digits; ``None`` for an outlet that is no domain.

    >>> site_name("theguardian.com"), site_name("www.bbc.co.uk"), site_name("edition.cnn.com"), site_name("The Guardian")
    ('theguardian', 'bbc', 'cnn', None)
    """
    host = outlet.strip().lower()
    if not _DOMAIN.fullmatch(host):
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    else:
        labels = labels[:-1]
    return labels[-1].replace("-", "") or None


def _capitalised_runs(text: str):
    """Each run of capitalised words in ``text``, and whether "the" stands right before it."""
    run: list[str] = []
    the = False
    previous, previous_end = "", -1
    for match in _WORD.finditer(text):
        word = match.group()
        joined = text[previous_end : match.start()] in _JOIN
        if word[0].isupper():
            if run and joined:
                run.append(word)
            else:
                if run:
                    yield the, run
                run, the = [word], joined and previous == "the"
        elif run:
            yield the, run
            run = []
        previous, previous_end = word, match.end()
    if run:
        yield the, run


def _spellings(words: list[str], the: bool) -> set[str]:
    """How a name of capitalised words may spell a site's name.

    Whole ("Washington Post"), the initials before the last word ("New York
    Times", nytimes), all the initials of three words or more ("Wall Street
    Journal", wsj), without a short first word ("Der Spiegel", spiegel); with
    "the" before it when the text has one ("the Guardian", theguardian).
    """
    folded = [re.sub(r"\W", "", word).lower() for word in words]
    found = {"".join(folded)}
    if len(folded) >= 2:
        found.add("".join(w[:1] for w in folded[:-1]) + folded[-1])
        if len(folded[0]) <= 3 and folded[0] != "the":
            found.add("".join(folded[1:]))
    if len(folded) >= 3:
        found.add("".join(w[:1] for w in folded))
    return found | {"the" + f for f in found} if the else found


@lru_cache(maxsize=4096)
def _domain_names(site: str, text: str) -> tuple[str, ...]:
    """The names in ``text`` that spell the site ``site`` (see :func:`site_name`), as the text writes them."""
    names = []
    for the, run in _capitalised_runs(text):
        for first in range(len(run)):
            for last in range(first + 1, min(len(run), first + _MAX_NAME_WORDS) + 1):
                words = run[first:last]
                if site in _spellings(words, the and first == 0):
                    spelled_whole = site in _spellings(words, False)
                    names.append(" ".join(words) if spelled_whole or words[0] == "The" else "The " + " ".join(words))
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
    (['the Guardian'], ['New York Times'])
    >>> credit_pattern("nytimes.com", "Times change.") is None
    True
    """
    outlet = outlet.strip()
    site = site_name(outlet)
    if site is None:
        return outlet_pattern(outlet) if len(outlet) >= 3 and not re.search(r"\.\w{2,4}$|\d", outlet) else None
    if len(site) < 3:
        return None
    names = _domain_names(site, text)
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted({_article_free(re.escape(n)) for n in names})) + r")\b")


def _article_free(escaped: str) -> str:
    """A name's pattern that reads "The X" and "the X" alike."""
    head = re.escape("The ")
    return "[Tt]he " + escaped[len(head):] if escaped.startswith(head) else escaped
