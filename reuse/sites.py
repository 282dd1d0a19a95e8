"""Outlets known by their site's address: the name a domain spells.

A page with no outlet in its metadata is known by its URL's domain
("www.theguardian.com"). The site's name in it ("theguardian") is what the
credits of :mod:`reuse.credits` read against a text's names, what
:mod:`reuse.wires` looks up among the agencies, and how :mod:`reuse.outlets`
joins an outlet named by its metadata to the same outlet named by its
domain. A leaf module: both of the first two import it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .webpage import domain

__all__ = ["host_suffixes", "site_name"]

#: Second-level labels under a country's domain that are no site's name ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"})
#: Host labels before a site's name that are not part of it ("www.", "edition.cnn.com").
_HOST_PREFIXES = frozenset({"www", "m", "amp", "mobile", "edition", "en", "uk", "us", "news"})
#: Hosts of many sites, each a subdomain of its own: "alice.substack.com" and "bob.substack.com" are two outlets.
_PLATFORMS = frozenset({
    "substack", "blogspot", "wordpress", "medium", "tumblr", "github", "wixsite", "weebly", "livejournal", "typepad",
    "ghost", "beehiiv", "netlify", "over-blog", "canalblog", "hatenablog", "jimdo", "webflow",
})
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
