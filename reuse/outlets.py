"""The outlet level: who takes from whom, article verdicts aggregated per pair of outlets.

Every article pair whose direction is ``copied`` is one piece of evidence
that the derived article's outlet took from the source article's outlet.
Pairs with a common source (siblings of one wire story, the same speaker's
quotations) or an undetermined direction say nothing about who takes from
whom and are left out; so is an outlet taking from itself.

The confidence of an outlet link is that of its surest article verdict: if
the verdicts are calibrated, the outlet took from the other at least once
with at least that probability. Verdicts are not independent (one outlet's
clock or credit style misleads every pair alike), so they are not combined
into a higher figure: three text-only guesses stay a text-only guess.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from .agencies import wire_of
from .sites import outlet_key
from .sites import site_name
from .model import Article, OutletLink, Pair, Relation
from .times import parse_time

__all__ = ["link_outlets", "outlet_names"]

def _lag_hours(source: Article, derived: Article) -> float | None:
    """Hours from the source's publication to the derived one's; ``None`` unless both are times of one kind (a date has no hour, a time without a zone no instant)."""
    ts, td = parse_time(source.published), parse_time(derived.published)
    if ts is None or td is None or "date" in (ts[1], td[1]) or ts[1] != td[1]:
        return None
    return (td[0] - ts[0]).total_seconds() / 3600


def _kinds(pairs: Iterable[Pair]) -> tuple[tuple[str, int], ...]:
    counts = Counter(p.kind.value for p in pairs)
    return tuple(sorted(counts.items(), key=lambda kc: (-kc[1], kc[0])))


def _through_another(pair: Pair) -> bool:
    """Whether the pair's copy went through a third article (the tree's chain ``A <- B <- C``): not the outlet's own take.

    C's outlet took from B's; counting it under A's outlet too would say it
    took the story twice.
    """
    first = next((s for s in pair.direction.evidence if s.name != "same-page"), None)  # the deciding signal
    return first is not None and first.name == "stemma" and len(first.path) > 2  # a direct link is (source, derived)


def _relayed(copies: Sequence[Pair]) -> set[tuple[str, str]]:
    """``(source, derived)`` of the copies that went through a third article by their own evidence: not the outlet's own take.

    C copied from B and B from A, both copies at least as sure as C's copy
    from A: C took the story from B (a scraper's copy of a subscriber's
    wire story, with a canonical link to the subscriber, is also a copy of
    the wire by its credit). The tree's chains are :func:`_through_another`;
    this reads the verdicts the metadata decided. Verdicts that go round
    (A from B, B from C, C from A) are not used to drop every copy of an
    article that this is given.
    """
    sure = {(p.direction.source, p.direction.derived): p.direction.confidence for p in copies}
    sources: dict[str, set[str]] = defaultdict(set)
    copied: dict[str, set[str]] = defaultdict(set)
    for source, derived in sure:
        sources[derived].add(source)
        copied[source].add(derived)
    dropped = set()
    for derived, froms in sources.items():
        through = {
            source
            for source in froms
            if any(min(sure[(source, middle)], sure[(middle, derived)]) >= sure[(source, derived)] for middle in _smaller_first(copied[source], froms) if middle != source)
        }
        if len(through) < len(froms):
            dropped.update((source, derived) for source in through)
    return dropped


def _smaller_first(a: set[str], b: set[str]) -> Iterator[str]:
    """The members of both sets, one by one (an ``any`` over them stops at the first that serves: no whole intersection made)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return (x for x in small if x in large)


def outlet_names(articles: Sequence[Article]) -> dict[str, str]:
    """The name each outlet of ``articles`` is shown under: one outlet named by metadata and by its domain is one.

    "NewsHub24" (a page's ``og:site_name``) and "newshub24.net" (a record's
    URL) are shown as "NewsHub24": the name most articles give that is not a
    domain, else the domain.

    >>> names = outlet_names([Article("a", "x", "NewsHub24"), Article("b", "x", "newshub24.net"), Article("c", "x", "bbc.co.uk")])
    >>> names["newshub24.net"], names["bbc.co.uk"]
    ('NewsHub24', 'bbc.co.uk')
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        counts[outlet_key(article.outlet)][article.outlet] += 1
    best = {key: min(c, key=lambda name: (site_name(name) is not None, -c[name], name)) for key, c in counts.items()}
    return {article.outlet: best[outlet_key(article.outlet)] for article in articles}


def source_share(pair: Pair) -> float:
    """How much of the source article a ``copied`` pair's copy took (the containment on the source's side)."""
    return pair.containment_a if pair.a == pair.direction.source else pair.containment_b


def _uncredited(pair: Pair) -> bool:
    """Whether the copy carries an agency's own page without its credit line or dateline (the ``agency`` signal for the source)."""
    return any(s.name == "agency" and s.favours == pair.direction.source for s in pair.direction.evidence)


def link_outlets(articles: Sequence[Article], pairs: Iterable[Pair]) -> tuple[OutletLink, ...]:
    """Aggregate the ``copied`` article pairs into outlet-to-outlet links (a copy through a third article counts for the outlet it took from, not its ancestors'; an update of a page, once, taken or taken from).

    Parameters
    ----------
    articles
        Every article of the scan (outlets and publication times are read).
    pairs
        Pairs with their direction filled in (:func:`reuse.provenance.infer_directions`).

    Returns
    -------
    tuple of OutletLink
        Most articles first, then surest, then by outlet names.

    Examples
    --------
    >>> from reuse.model import Direction, Extent, ReuseKind
    >>> arts = [Article("w1", "...", "AFP"), Article("d1", "...", "Daily")]
    >>> d = Direction(Relation.COPIED, "w1", "d1", 0.6)
    >>> p = Pair("d1", "w1", ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, (), d)
    >>> link_outlets(arts, [p])
    (OutletLink(source='AFP', derived='Daily', articles=1, kinds=(('verbatim', 1),), median_lag_hours=None, confidence=0.6, pairs=(('w1', 'd1'),), under_half=0, uncredited=0, wire='AFP', dated=False),)
    """
    by_id = {a.id: a for a in articles}
    shown = outlet_names(articles)
    copies = [p for p in pairs if p.direction.relation is Relation.COPIED and p.direction.source and p.direction.derived]
    relayed = _relayed(copies)
    # An update copied from its page's earlier version: taken once, by that version, however often the page changed.
    updated = {(p.direction.derived, p.direction.source) for p in copies if (first := p.direction.deciding) and first.name == "same-page"}
    # A copy through a third article counts for the outlet it took from: the third article's link is the one counted.
    direct = [p for p in copies if not _through_another(p) and (p.direction.source, p.direction.derived) not in relayed]
    derived_of = defaultdict(set)  # of the direct copies only: a rule below drops a pair for another one that counts
    for pair in direct:
        derived_of[pair.direction.source].add(pair.direction.derived)
    versions = defaultdict(set)  # the earlier versions of each update
    for update, earlier in updated:
        versions[update].add(earlier)
    grouped: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for pair in direct:
        d = pair.direction
        if any((d.derived, earlier) in updated for earlier in derived_of[d.source]):
            continue  # the update of a page whose earlier version took it too
        if any((d.source, earlier) in updated and d.derived in derived_of[earlier] for earlier in versions[d.source]):
            continue  # taken from an update of a page whose earlier version it took too: one story, once
        source, derived = shown[by_id[d.source].outlet], shown[by_id[d.derived].outlet]
        if source != derived:
            grouped[(source, derived)].append(pair)

    links = []
    for (source_outlet, derived_outlet), group in grouped.items():
        group.sort(key=lambda p: (p.direction.source, p.direction.derived))
        lags = [
            lag
            for p in group
            if (lag := _lag_hours(by_id[p.direction.source], by_id[p.direction.derived])) is not None
        ]
        wires = {wire_of(by_id[p.direction.source].outlet, by_id[p.direction.source].url) for p in group}
        links.append(
            OutletLink(
                source=source_outlet,
                derived=derived_outlet,
                articles=len(group),
                kinds=_kinds(group),
                median_lag_hours=round(statistics.median(lags), 3) if lags else None,
                confidence=max(p.direction.confidence for p in group),
                pairs=tuple((p.direction.source, p.direction.derived) for p in group),
                under_half=sum(1 for p in group if source_share(p) < 0.5),
                uncredited=sum(1 for p in group if _uncredited(p)),
                wire=wires.pop() if len(wires) == 1 else None,
                dated=all(by_id[p.direction.source].published and by_id[p.direction.derived].published for p in group),
            )
        )
    links.sort(key=lambda link: (-link.articles, -link.confidence, link.source, link.derived))
    return tuple(links)
