"""Wire agencies as outlets: which outlet (by its name or its page's address) is an agency's own.

Credits of agencies in a text are read by :mod:`reuse.wires`; this module
only tells that "reuters.com", "Agence France Presse" or "en.yna.co.kr" is
the agency itself, whose own copy a wire story starts from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .sites import host_suffixes, site_name

__all__ = ["wire_name", "wire_of"]

# Outlet names under which a wire agency publishes its own copy: names in
# lower case, sites' names (see reuse.sites.site_name), or whole domains
# where the site's name alone is ambiguous ("cna.com.tw") or too common ("news.cn").
_WIRE_NAMES = {
    "afp": "AFP",
    "agence france presse": "AFP",
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
    "news.cn": "Xinhua",
    "chinanews": "China News Service",
    "china news service": "China News Service",
    "cna.com.tw": "CNA",  # not "cna": Channel NewsAsia calls itself CNA too
    "focustaiwan": "CNA",
    "kyodo": "Kyodo",
    "kyodonews": "Kyodo",
    "jiji": "Jiji",
    "jiji press": "Jiji",
    "yonhap": "Yonhap",
    "yonhapnews": "Yonhap",
    "yna.co.kr": "Yonhap",
    "newsis": "Newsis",
    "tass": "TASS",
    "тасс": "TASS",
    "共同通信": "Kyodo",
    "共同通信社": "Kyodo",
    "時事通信": "Jiji",
    "時事通信社": "Jiji",
    "新华社": "Xinhua",
    "新華社": "Xinhua",
    "新华网": "Xinhua",
    "연합뉴스": "Yonhap",
    "ria novosti": "RIA Novosti",
    "риа новости": "RIA Novosti",
    "ria.ru": "RIA Novosti",  # not "ria": other sites are called so
    "interfax": "Interfax",
    "интерфакс": "Interfax",
    "efe": "EFE",
    "ansa": "ANSA",
    "anadolu": "Anadolu",
    "aa.com.tr": "Anadolu",  # not "aa": American Airlines (aa.com), the Automobile Association
    "upi": "UPI",
    "bloomberg": "Bloomberg",
}


@lru_cache(maxsize=4096)
def wire_name(outlet: str) -> str | None:
    """The wire agency an outlet is, or ``None`` for any other outlet.

    A name is read in lower case, a bracket after it and hyphens aside, then
    without the words an agency's name may end with ("Bloomberg News",
    "Reuters UK", "Yonhap News Agency"). A domain is looked up whole, then
    each domain it belongs to (an agency's own subdomains: "en.yna.co.kr",
    "english.news.cn"), then by its site's name ("uk.reuters.com" is reuters).

    >>> wire_name("Reuters"), wire_name("www.afp.com"), wire_name("Daily News"), wire_name("www.yna.co.kr"), wire_name("uk.reuters.com")
    ('Reuters', 'AFP', None, 'Yonhap', 'Reuters')
    >>> wire_name("en.yna.co.kr"), wire_name("english.news.cn"), wire_name("AP News"), wire_name("https://www.reuters.com/world/")
    ('Yonhap', 'Xinhua', 'AP', 'Reuters')
    >>> wire_name("Agence France Presse"), wire_name("Agence France-Presse (AFP)"), wire_name("Bloomberg News"), wire_name("Sky News")
    ('AFP', 'AFP', 'Bloomberg', None)
    >>> wire_name("AA News"), wire_name("aa.com.tr"), wire_name("news.aa.com"), wire_name("https://www.ap.gov.in/news")
    (None, 'Anadolu', None, None)
    >>> wire_name("Reuters."), wire_name("https://edu.chinanews.com/x"), wire_name("ac.reuters.com")
    ('Reuters', 'China News Service', 'Reuters')
    """
    name = outlet.strip().lower().removeprefix("www.")
    hosts = host_suffixes(name)
    if hosts:
        for host in hosts:
            if host in _WIRE_NAMES:
                return _WIRE_NAMES[host]
        labels = hosts[0].split(".")
        if labels[-1] in _PUBLIC_LABELS or (len(labels) >= 3 and labels[-2] in _PUBLIC_LABELS):
            return None  # ap.gov.in is Andhra Pradesh's: a public body's domain (not edu.chinanews.com)
        site = site_name(hosts[0])
        return _WIRE_NAMES.get(site) if site is not None else None
    words = re.sub(r"\([^()]*\)", " ", name).replace("-", " ").strip(" .,;:").split()
    if words[:1] == ["the"]:
        words = words[1:]  # "The Yonhap News Agency"
    while words:
        if (found := _WIRE_NAMES.get(" ".join(words))) is not None:
            return found
        if words[-1] not in _NAME_ENDINGS:
            return None
        words.pop()
    return None


#: Labels of a public body's domain: its site's name is no agency's (ap.gov.in).
_PUBLIC_LABELS = frozenset({"gov", "gob", "gouv", "govt", "go", "gc", "gv", "mil", "edu", "ac", "nic"})
#: Words an agency's name may end with that are no part of the agency: "Bloomberg News", "Reuters UK".
_NAME_ENDINGS = frozenset({"news", "agency", "uk", "us", "world", "english", "wire", "service", "online"})


def wire_of(outlet: str, url: str | None = None) -> str | None:
    """The wire agency an article comes from: its outlet's, else its page's address's (apnews.com under "Springfield Wire")."""
    return wire_name(outlet) or (wire_name(url) if url else None)
