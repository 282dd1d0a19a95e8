"""Outlets known by their site's address: the name a domain spells.

A page with no outlet in its metadata is known by its URL's domain
("www.theguardian.com"). The site's name in it ("theguardian") is what the
credits of :mod:`reuse.credits` read against a text's names, what
:mod:`reuse.wires` looks up among the agencies, and how :mod:`reuse.outlets`
joins an outlet named by its metadata to the same outlet named by its
domain. A leaf module: both of the first two import it. :func:`outlet_key` is an
outlet's identity by either name, which outlets, times, revisions and the
index compare.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .webpage import domain

__all__ = ["POSSESSIVE", "fold_name", "host_suffixes", "outlet_key", "site_name"]

#: Second-level labels under a country's domain that are no site's name ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"})
#: Host labels before a site's name that are not part of it ("www.", "edition.cnn.com").
_HOST_PREFIXES = frozenset({"www", "m", "amp", "mobile", "edition", "en", "uk", "us", "news"})
#: Hosts of many sites, each a subdomain of its own: "alice.substack.com" and "bob.substack.com" are two outlets.
_PLATFORMS = frozenset({
    "substack", "blogspot", "wordpress", "medium", "tumblr", "github", "wixsite", "weebly", "livejournal", "typepad",
    "ghost", "beehiiv", "netlify", "over-blog", "canalblog", "hatenablog", "jimdo", "webflow",
})
#: A possessive ending a name ("Reuters'", "Guardian's").
POSSESSIVE = re.compile(r"['’]s?$")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}")


def _host(outlet: str) -> str | None:
    """The host an outlet names, in lower case (``None`` when it is no domain): a bare domain or a site's address."""
    host = outlet.strip().lower()
    if "://" in host:  # an outlet given as its site's address
        host = domain(host) or ""
    return host if _DOMAIN.fullmatch(host) else None


@lru_cache(maxsize=4096)
def site_name(outlet: str) -> str | None:
    """The site's name in a domain outlet, in lower-case letters and digits; ``None`` for an outlet that is no domain.

    >>> site_name("theguardian.com"), site_name("www.bbc.co.uk"), site_name("edition.cnn.com"), site_name("news.com.au")
    ('theguardian', 'bbc', 'cnn', 'news')
    >>> site_name("abcnews.go.com"), site_name("dw.com"), site_name("alice.substack.com"), site_name("www.substack.com")
    ('abcnews', 'dw', 'alicesubstack', 'substack')
    >>> site_name("The Guardian") is None, site_name("https://www.theguardian.com/uk"), site_name("http://[oops/")
    (True, 'theguardian', None)
    """
    host = _host(outlet)
    if host is None:
        return None
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    else:
        labels = labels[:-1]
    while len(labels) > 1 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    if len(labels) > 1 and labels[-1] in _PLATFORMS:
        # A site on a platform of many: alice.substack.com is Alice's, named with its platform so that it is
        # neither alice.com nor an agency ("efe.substack.com" is no EFE).
        return (labels[-2] + labels[-1]).replace("-", "") or None
    if len(labels) > 1 and len(labels[-1]) <= 2:
        labels = labels[:-1]  # a site on a platform's short domain: abcnews.go.com is ABC News
    return labels[-1].replace("-", "") or None


def host_suffixes(outlet: str) -> list[str]:
    """The host an outlet names and each shorter domain it belongs to, down to two labels; ``[]`` for no domain.

    >>> host_suffixes("english.news.cn"), host_suffixes("https://en.yna.co.kr/view"), host_suffixes("Reuters")
    (['english.news.cn', 'news.cn'], ['en.yna.co.kr', 'yna.co.kr', 'co.kr'], [])
    """
    host = _host(outlet)
    if host is None:
        return []
    labels = host.split(".")
    return [".".join(labels[n:]) for n in range(len(labels) - 1)]


@lru_cache(maxsize=4096)
def outlet_key(outlet: str) -> str:
    """One outlet's identity, whether named by its metadata or by its domain: "NewsHub24" and newshub24.net are one.

    >>> outlet_key("NewsHub24") == outlet_key("newshub24.net"), outlet_key("The Guardian") == outlet_key("www.theguardian.com")
    (True, True)
    >>> outlet_key("Daily Mail") == outlet_key("The Times"), outlet_key("https://www.newshub24.net/") == outlet_key("NewsHub24")
    (False, True)
    """
    site = site_name(outlet)
    name = site if site is not None else fold_name(outlet.strip().removeprefix("The ").replace(" ", ""))
    return name.removeprefix("the") or outlet.strip().casefold()


def fold_name(word: str) -> str:
    """A word as a site's name spells it: no possessive, no accents, lower-case letters and digits ("País" pais).

    >>> fold_name("País"), fold_name("Reuters'"), fold_name("NewsHub24")
    ('pais', 'reuters', 'newshub24')
    """
    bare = unicodedata.normalize("NFKD", POSSESSIVE.sub("", word))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in bare if not unicodedata.combining(c)).lower())
