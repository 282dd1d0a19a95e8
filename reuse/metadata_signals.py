"""Metadata evidence on who took a text from whom: addresses, canonical links, credits, agencies and times.

:mod:`reuse.provenance` weighs these signals with the text's own; each is
log-odds that article A is the source of B (negative values favour B).

* ``canonical``: a page declares the other's address its canonical source,
  or both stand at one address that is the site of one side's outlet;
* ``credit``: a text credits the other's wire ("(Reuters) -"), carries its
  dateline credit, or names its outlet beside a credit ("the Riverton Ledger
  reported");
* ``agency``: one side is a wire agency's own copy of a text the other
  carries without crediting it;
* ``time``: publication times, weighed by their precision
  (:mod:`reuse.times`);
* ``same-page``: two versions of one page of one outlet (an update, not a
  copy), said beside the verdict.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from .credits import credit_pattern, credited_in_sentence, credits, cue_needed, dateline_credit, name_forms, publishes
from .sites import outlet_key
from .model import Article, Pair, Signal
from .times import modified_signal, seen_signal, time_signal
from .webpage import domain
from .agencies import wire_of
from .wires import article_credits

__all__ = ["AGENCY_WEIGHT", "CANONICAL_WEIGHT", "NAME_CREDIT_WEIGHT", "STRONG_CREDIT_WEIGHT", "metadata_signals", "page_address", "page_of", "same_page"]

#: Log-odds of a text naming the other's outlet beside a credit ("the Riverton Ledger reported").
NAME_CREDIT_WEIGHT = 2.0
#: Log-odds of a canonical link, and of a wire's or a dateline's credit (stronger than a name): above any time
#: order (3.5), since wire copy reaches subscribers before the agency stamps its page (docs/direction.md's table).
CANONICAL_WEIGHT = STRONG_CREDIT_WEIGHT = 4.0
#: Hours by which a subscriber's uncredited copy may precede the agency's own page and still be its wire copy.
AGENCY_HEAD_START_HOURS = 24.0
#: Log-odds that an agency's own copy is the source of a client's text that credits it not (see ``_metadata_signals``).
AGENCY_WEIGHT = 1.5

#: Query parameters that track a visit and do not name the page: campaign tags (utm_, the Guardian's CMP, the BBC's
#: at_medium and the rest of its at_ tags, the New York Times' smid and smtyp, the Times' ito), click ids and AMP flags.
_TRACKING = re.compile(
    r"utm_\w*|fbclid|gclid|dclid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|mkt_tok|ref|cmp|cmpid|at_\w+|smid|smtyp|ito|ocid|amp|outputType",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def page_address(url: str | None) -> str | None:
    """A URL as a page's identity: host without ``www.`` (nor an AMP or mobile ``amp.``, ``m.``), path without a final ``/``
    (nor an AMP ``/amp``), query without trackers (nor an AMP ``amp`` or ``outputType``).

    >>> page_address("https://www.Site.example/story.php?id=101&utm_source=x#top")
    'site.example/story.php?id=101'
    >>> page_address("https://site.example/story.php?id=202") == page_address("https://site.example/story.php?id=101")
    False
    >>> {page_address(u) for u in ("https://amp.site.example/news/a1", "https://m.site.example/news/a1/amp/", "https://site.example/news/a1?amp=1")}
    {'site.example/news/a1'}
    >>> page_address("site.example/news/a1") == page_address("https://site.example/news/a1"), page_address("/news/a1")
    (True, None)
    >>> page_address("https://www.theguardian.com/world/a1?CMP=share_btn_link"), page_address("https://www.bbc.co.uk/news/1?at_medium=RSS&at_campaign=rss")
    ('theguardian.com/world/a1', 'bbc.co.uk/news/1')
    """
    if not url:
        return None
    url = url.strip()
    if "//" not in url:  # "site.example/news/1", as the loader takes it (its domain is the outlet); not a relative "/news/1"
        if domain(url) is None:
            return None
        url = "//" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL ("http://[oops/a")
        return None
    host = parts.netloc.lower().removeprefix("www.")
    for prefix in ("amp.", "m."):
        host = host.removeprefix(prefix) if host.count(".") > 1 else host  # "m.tv" stays a site's name
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.fullmatch(k)))
    path = parts.path.rstrip("/")
    path = path.removesuffix("/amp") if path != "/amp" else path
    return f"{host}{path}" + (f"?{query}" if query else "") if host else None


def _metadata_signals(a: Article, b: Article, pair: Pair | None = None) -> list[Signal]:
    signals = _address_signals(a, b)
    for src, dst in ((a, b), (b, a)):
        sign = 1 if src is a else -1
        outlet = src.outlet.strip()
        if outlet_key(src.outlet) == outlet_key(dst.outlet):
            continue  # one outlet, by its name or its domain: no credit between its own pages
        wire = wire_of(outlet, src.url)
        if wire is not None:  # "reuters.com" is credited as "(Reuters)", and only so: "told Reuters" is no credit
            if wire in article_credits(dst):
                # A text that credits the agency cannot be the agency's source, whatever the times say: wire copy
                # reaches subscribers before the agency's own site stamps it. As strong as a canonical link.
                signals.append(Signal("credit", wire, favours=src.id, weight=STRONG_CREDIT_WEIGHT * sign,
                                      note=f"{dst.id} credits {wire}, the agency {src.id} comes from"))
            elif wire_of(dst.outlet.strip(), dst.url) is None:
                # Wire stories start at the agency and reach its clients, who drop its credit and add their own lines:
                # the client's extra text makes it look like the fuller original. An agency that takes a client's
                # story credits it (a credit of the client outweighs this).
                signals.append(Signal("agency", wire, favours=src.id, weight=AGENCY_WEIGHT * sign,
                                      note=f"{src.id} is {wire}'s own copy: wire stories start at the agency, and {dst.id} "
                                      f"carries its text without its credit line or dateline"))
        elif (mark := dateline_credit(outlet, dst.text)) is not None:
            # Another outlet's text under its dateline credit carries its story, even inside the text both share.
            signals.append(Signal("credit", outlet, favours=src.id, weight=STRONG_CREDIT_WEIGHT * sign,
                                  note=f"{dst.id} carries the dateline credit {mark} of {outlet}, {src.id}'s outlet"))
        elif (name := _name_credit(src, dst, pair)) is not None:
            named = outlet if name == outlet else f"{outlet} ('{name}')"
            signals.append(Signal("credit", outlet, favours=src.id, weight=NAME_CREDIT_WEIGHT * sign, note=f"{dst.id} names {named}"))
    return signals


def _name_credit(src: Article, dst: Article, pair: Pair | None) -> str | None:
    """The name by which ``dst`` credits ``src``'s outlet in words of its own (see :func:`reuse.credits.name_forms`), or ``None``."""
    outlet = src.outlet.strip()
    for form in name_forms(outlet, domain(src.url)):
        pattern = credit_pattern(form, dst.text)
        restyled = form != outlet and " " not in form  # "PEOPLE" as "People", people.com as "People": common words too
        if pattern is None or (restyled and not credited_in_sentence(pattern, dst.text)):
            continue
        if credits(pattern, dst.text, src.text, pair, dst.id, cued=cue_needed(form)):
            return pattern.search(dst.text).group()
    return None


def _address_signals(a: Article, b: Article) -> list[Signal]:
    """What the pages' addresses and canonical links say: ``canonical`` signals.

    Both may stand at one address: by their URLs (a copy took the page's
    head, og:url and all), or, neither stating a URL, by one canonical link.
    It is then a page of the outlet whose site it is on, if of one only.
    Otherwise a page whose canonical link is the other's address (not its
    own: a page's canonical link to itself is no evidence) declares the
    other its source.
    """
    if a.url and b.url:
        shared, shown = (page_address(a.url), a.url) if page_address(a.url) == page_address(b.url) else (None, None)
    else:
        both = not a.url and not b.url and a.canonical and page_address(a.canonical) == page_address(b.canonical)
        shared, shown = (page_address(a.canonical), a.canonical) if both else (None, None)
    signals = []
    for src, dst in ((a, b), (b, a)):
        sign = 1 if src is a else -1
        if shared is not None:
            if publishes(src.outlet, shared) and not publishes(dst.outlet, shared):
                signals.append(Signal("canonical", shown, favours=src.id, weight=CANONICAL_WEIGHT * sign,
                                      note=f"both give {shown} as their address, a page of {src.outlet}, {src.id}'s outlet"))
            continue
        canonical = page_address(dst.canonical)
        if canonical and canonical == _address(src) and not (dst.url and page_address(dst.url) == canonical):
            signals.append(Signal("canonical", dst.canonical, favours=src.id, weight=CANONICAL_WEIGHT * sign,
                                  note=f"{dst.id} declares {src.id}'s URL as its canonical source"))
    return signals


def _address(article: Article) -> str | None:
    """The page an article stands at: its URL, else the canonical link it declares (a page that gives no URL of its own)."""
    return page_address(article.url or article.canonical)


def page_of(article: Article) -> tuple[str, str] | None:
    """The page ``article`` is a version of, as ``(outlet key, address)``; ``None`` when it states no address.

    A site's root is no article's page: a template that points every
    page's canonical link at the home page would make all its stories one.
    """
    address = _address(article)
    if address is None or not any(mark in address for mark in "/?"):
        return None  # "site.example": the home page (page_address drops a final "/"); "site.example?p=12" is a page
    return outlet_key(article.outlet), address


def same_page(a: Article, b: Article) -> Signal | None:
    """Two versions of one page (the same URL, the same outlet): the later is an update, not another outlet's copy."""
    page = page_of(a)
    if page is None or page != page_of(b):
        return None
    return Signal("same-page", a.url or a.canonical, note=(
        f"{a.id} and {b.id} are two versions of one page of {a.outlet} (the same address): "
        f"the later updates the earlier, unless a copy took its address too"
    ))


def metadata_signals(a: Article, b: Article, pair: Pair | None = None) -> list[Signal]:
    """The metadata signals of a pair: publication times, canonical links, credits (``pair``: the text both carry, which credits no one)."""
    time = time_signal(a, b)
    if not (time and time.weight) and same_page(a, b) is not None:
        time = modified_signal(a, b)  # an update keeps its page's publication time: when each was last changed orders them
    if not (time and time.weight) and (bound := seen_signal(a, b)) is not None:
        time = bound  # a check's stored article was in the index before the other was published
    signals = _metadata_signals(a, b, pair)
    named = {s.favours for s in signals if s.name == "credit"}
    # An agency's text that names the other's outlet took that outlet's story: its being the agency says nothing then.
    signals = [s for s in signals if s.name != "agency" or not named - {s.favours}]
    # An uncredited copy more than a day before the agency's page is no wire copy that reached a subscriber first.
    soon = time is not None and isinstance(time.value, (int, float)) and abs(time.value) <= AGENCY_HEAD_START_HOURS
    against = [s for s in signals if (s.name == "agency" and soon or _agency_credit(s, a, b)) and s.favours != time.favours] if time else []
    if time is not None and time.weight and against:
        # Wire copy reaches subscribers before the agency's own site stamps it: a subscriber that comes first, with
        # the agency's credit or without it (dropped, as subscribers and feed scrapers do), is what syndication
        # looks like, no evidence against the agency. An agency that takes an outlet's story credits it.
        whose = "the agency the other credits" if against[0].name == "credit" else "the agency's own copy"
        time = replace(time, weight=0.0, note=f"{time.note}; not weighed against {whose}: its "
                       f"subscribers get wire copy before its own site stamps it")
    return ([time] if time is not None else []) + signals


def _agency_credit(signal: Signal, a: Article, b: Article) -> bool:
    """Whether ``signal`` is one article's credit of the agency the other article is."""
    if signal.name != "credit":
        return False
    source = a if signal.favours == a.id else b
    return wire_of(source.outlet.strip(), source.url) == signal.value
