"""Wire agencies: the outlets that are one, and the credits a text gives one.

A wire story runs under many outlets' names. Two articles that credit the
same agency ("LONDON (Reuters) -", "- AFP") carry its text and are siblings
unless one repeats the other's own changes; an article that credits the
agency an outlet is (``reuters.com`` is Reuters) took from that outlet's
copy. :mod:`reuse.provenance` weighs both; :mod:`reuse.outlets` and the
terminal summary name the wire links.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["wire_credits", "wire_name"]

# Each wire: words one of which must appear in the text (a cheap substring
# test), and the pattern that confirms a credit.
_WIRES = {
    "AFP": (("AFP", "Agence France"), r"\bAFP\b|Agence France[- ]Presse"),
    "Reuters": (("Reuters",), r"\bReuters\b"),
    "AP": (("AP", "Associated Press"), r"\(AP\)|\bAssociated Press\b|\bAP\s*[—–-]"),
    "dpa": (("dpa", "Deutsche Presse"), r"\bdpa\b|Deutsche Presse-Agentur"),
    "PA": (("PA Media", "Press Association"), r"\bPA Media\b|\bPress Association\b"),
    "Xinhua": (("Xinhua",), r"\bXinhua\b"),
    "TASS": (("TASS",), r"\bTASS\b"),
    "EFE": (("EFE",), r"\bEFE\b"),
    "ANSA": (("ANSA",), r"\bANSA\b"),
    "Anadolu": (("Anadolu",), r"\bAnadolu\b"),
    "UPI": (("UPI",), r"\bUPI\b"),
    "Bloomberg": (("Bloomberg",), r"\(Bloomberg\)"),
}
_WIRE_RES = {name: (words, re.compile(pattern)) for name, (words, pattern) in _WIRES.items()}
# Any credit needs one of the words: one scan of the text rules most texts out.
_WIRE_WORDS = re.compile("|".join(re.escape(w) for _, (words, _) in _WIRES.items() for w in words))


# Outlet names (lower case, domain suffix dropped) under which a wire
# agency publishes its own copy.
_WIRE_NAMES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "apnews": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "dpa",
    "pa media": "PA",
    "press association": "PA",
    "xinhua": "Xinhua",
    "xinhuanet": "Xinhua",
    "tass": "TASS",
    "efe": "EFE",
    "ansa": "ANSA",
    "anadolu": "Anadolu",
    "aa": "Anadolu",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
}


def wire_name(outlet: str) -> str | None:
    """The wire agency an outlet is, or ``None`` for any other outlet.

    >>> wire_name("Reuters"), wire_name("www.afp.com"), wire_name("Daily News")
    ('Reuters', 'AFP', None)
    """
    name = outlet.strip().lower().removeprefix("www.")
    if name not in _WIRE_NAMES and "." in name:
        name = name.rsplit(".", 1)[0]  # "reuters.com" -> "reuters"
    return _WIRE_NAMES.get(name)


@lru_cache(maxsize=8192)
def wire_credits(text: str) -> frozenset[str]:
    """Wire agencies a text credits in a byline, dateline or credit line.

    >>> sorted(wire_credits("MOSCOW (Reuters) - The Kremlin said ... - AFP"))
    ['AFP', 'Reuters']
    """
    if not _WIRE_WORDS.search(text):
        return frozenset()
    return frozenset(
        name
        for name, (words, pattern) in _WIRE_RES.items()
        if any(word in text for word in words) and pattern.search(text)
    )
