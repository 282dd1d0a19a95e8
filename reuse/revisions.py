"""Second looks at a pair's copy verdict, in the light of the cluster's other texts and verdicts.

:mod:`reuse.provenance` decides each pair; these revise what it decided:

* a copy whose source credits a wire the copy does not, or whose copy
  credits a wire its source carries without the credit: both carry the wire
  story (``common-source``), unless something names the source or the copy
  repeats its own changes (:func:`stripped_wire`, :func:`from_the_wire`);
* a copy of a text that names another article as its source took that
  text, unless it shares more with its source than with the named one
  (:func:`named_elsewhere`);
* two versions of one page: the later, by the times, took the earlier's
  text (:func:`page_update`);
* a pair left undetermined whose shared text says one side's outlet was
  given it ("Marsh told the Daily Ledger"): the other took it from that
  outlet (:func:`exclusive_text`).
"""

from __future__ import annotations

from dataclasses import replace

from .agencies import wire_of
from .credits import interviewed_by
from .sites import outlet_key
from .confidence import MAX_CONFIDENCE, TEXT_ONLY_CAP, UNDETERMINED_CONFIDENCE, from_log_odds
from .model import Article, Direction, Pair, Relation, Signal
from .stemma import Stemma
from .tree_verdict import agency_copy, repeats
from .wires import article_credits, article_datelines

__all__ = ["exclusive_text", "from_the_wire", "named_elsewhere", "page_update", "quotations_given", "stripped_wire"]


def stripped_wire(direction: Direction, by_id: dict[str, Article], stemma: Stemma) -> Direction:
    """A copy whose source credits a wire and whose copy credits none: siblings of the wire story, unless shown otherwise.

    The copy may have taken the story from the agency and dropped its credit,
    as subscribers do, as well as from the source. It is the source's copy
    only when something names the source (a canonical link, a credit) or the
    copy repeats the source's own changes to the wire text; and never when
    the source is the agency's own outlet.
    """
    if direction.relation is not Relation.COPIED or direction.source is None or direction.derived is None:
        return direction
    source, derived = by_id[direction.source], by_id[direction.derived]
    credited = article_datelines(source)  # a dateline, a closing credit line or a byline, not a photo's credit
    if not credited or article_credits(derived) or wire_of(source.outlet, source.url) in credited:
        return direction
    if _shown_copy(direction, stemma, source.id, derived.id):
        return direction
    wires = ", ".join(sorted(credited))
    return _wire_siblings_by(direction, wires, (
        f"{source.id} credits {wires} and {derived.id} carries its text without a credit: both may come from {wires}, "
        f"and {_changes(stemma, source.id, derived.id)}"
    ))


def _shown_copy(direction: Direction, stemma: Stemma, source: str, derived: str) -> bool:
    """Whether something names ``source`` (a canonical link, a credit) or ``derived`` repeats its own changes to the text."""
    if any(s.name in {"canonical", "credit"} and s.favours == source for s in direction.evidence):
        return True
    return repeats(stemma, source, derived)


def _wire_siblings_by(direction: Direction, wires: str, note: str) -> Direction:
    """``common-source``: both carry the story of ``wires``, as a ``wire-credit`` signal with ``note`` says first."""
    return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, (Signal("wire-credit", wires, note=note), *direction.evidence))


def _changes(stemma: Stemma, source: str, derived: str) -> str:
    """Why the tree does not show ``derived`` taking ``source``'s own text, in words."""
    if stemma.parent.get(derived) == source and stemma.innovations.get(derived, 0):
        return f"no other text of the cluster shows which of {source}'s readings are its own changes to the wire text"
    return f"{derived} repeats none of {source}'s own changes"


def from_the_wire(direction: Direction, by_id: dict[str, Article], stemma: Stemma) -> Direction:
    """A copy that credits a wire, of a source that is not the agency's and credits it not: both carry the wire story.

    A text under an agency's dateline or credit line took its story from
    the agency; another outlet's uncredited text of it, though published
    first or fuller, is a sibling (a subscriber that dropped the credit, a
    scraper of the feed), not its source. It is the source only when
    something names it (a canonical link, a credit of its outlet) or the
    copy repeats its own changes to the wire text.
    """
    if direction.relation is not Relation.COPIED or direction.source is None or direction.derived is None:
        return direction
    source = by_id[direction.source]
    # The copy, or an article the tree passes through between it and the source: a copy of a credited copy of the
    # wire came from the wire too (a scraper of a subscriber is no copy of an earlier uncredited outlet).
    chain = stemma.ancestors(direction.derived)
    between = chain[: chain.index(source.id)] if source.id in chain and _through_tree(direction) else []
    for carrier, parent in zip([direction.derived, *between], [*between, source.id]):
        credited = article_datelines(by_id[carrier])
        if not credited or article_credits(source) & credited or wire_of(source.outlet, source.url) in credited:
            continue  # no wire named, both credit it (decided as siblings or by the tree), or the agency's own copy
        if agency_copy(by_id[carrier]):
            continue  # the agency's own copy credits itself, not where its text came from
        if _shown_copy(direction, stemma, parent, carrier) if carrier == direction.derived else repeats(stemma, parent, carrier):
            continue
        wires = ", ".join(sorted(credited))
        how = "" if carrier == direction.derived else f"{direction.derived} descends from {carrier}, and "
        return _wire_siblings_by(direction, wires, (
            f"{how}{carrier} credits {wires}, where its text came from; {source.id} carries that text without the credit "
            f"and is not {wires}'s own copy: both come from {wires}, and {_changes(stemma, parent, carrier)}"
        ))
    return direction


def named_elsewhere(
    direction: Direction, named: dict[str, set[str]], copies: set[tuple[str | None, str | None]], stemma: Stemma,
    reused: dict[tuple[str, str], float],
) -> Direction:
    """A copy the tree made of a text that names another article as its source, not a copy of this one: it took that text.

    A scraper whose canonical link names a subscriber's page is that page's
    copy; the tree, ranking an earlier outlet's text of the same story
    higher, made it that outlet's copy too (at 0.98 with the times). Where
    the named article is itself this source's copy (``copies``: the pairs'
    verdicts), the source is an ancestor and the verdict stands; so it does
    where the named article is an ancestor of the source in the tree and the
    copy repeats the source's own changes to its text (a reprint of a
    subscriber's rewrite that kept the rewrite's credit of the agency).
    So it does where the copy shares more of its text with the source than
    with the named article (``reused[(x, y)]``: the share of ``y`` in its
    pair with ``x``): a farm's copy of a blog post that quotes the Daily
    Ledger, credit and all, took the blogger's own words too.
    """
    source, derived = direction.source, direction.derived
    kept = set(stemma.ancestors(source)) if source is not None and derived is not None and repeats(stemma, source, derived) else set()
    beyond = reused.get((source or "", derived or ""), 0.0) - _BEYOND_NAMED
    others = {n for n in named.get(derived or "", set()) - {source} - kept
              if (source, n) not in copies and not 0 < reused.get((n, derived or ""), 0.0) < beyond}
    if direction.relation is not Relation.COPIED or not others or not _through_tree(direction):
        return direction
    shown = ", ".join(sorted(others))
    signal = Signal("named-source", shown, note=(
        f"{direction.derived} names {shown} as its source (a canonical link or a credit): it took that text, "
        f"not {direction.source}'s; both carry one story"
    ))
    return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, (signal, *direction.evidence))


#: How much more of a copy's text (a share of its words) its source must carry than the article it names for the
#: copy to have taken text beyond the named one's: a paragraph of commentary in a 500-word post.
_BEYOND_NAMED = 0.15


def _through_tree(direction: Direction) -> bool:
    """Whether the verdict rests on the tree (its ``stemma`` signal decided it)."""
    return direction.deciding is not None and direction.deciding.name == "stemma"


def page_update(page: Signal, direction: Direction, pair: Pair) -> Direction:
    """Two versions of one page: the later, by the times, took the earlier's text (an update, not a sibling).

    The publication times order them, else the times of modification (an
    update keeps its page's publication time: :func:`metadata_signals`
    gives the ``modified`` signal then).

    Versions of a wire story both carry its credit, and the tree may find
    no change the later repeats: read as two copies of the wire, an
    outlet's own update was reported as a common source. Without a time
    order it is ``undetermined``: the text cannot tell an update (which adds
    to the page) from its original (containment takes the fuller text for
    the source, backwards for an update). The reasons of a verdict it
    overrules (siblings, twins) are left out: they argued for another.
    """
    time = next((s for s in direction.evidence if s.name in ("time", "modified") and s.weight), None)
    rest = tuple(s for s in direction.evidence if s is not time and s.name not in _OVERRULED_BY_UPDATE)
    if time is None or time.favours is None:
        unordered = replace(page, note=f"{page.note}; nothing orders the two versions (their times are unknown or alike)")
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, (unordered, *([time] if time else []), *rest))
    earlier = time.favours
    later = pair.b if earlier == pair.a else pair.a
    return Direction(Relation.COPIED, earlier, later, round(min(MAX_CONFIDENCE, from_log_odds(time.weight)), 3), (page, time, *rest))


#: Reasons for a verdict between two texts that an update of one page overrules: they argue for another relation.
_OVERRULED_BY_UPDATE = frozenset({
    "wire-credit", "sibling", "twins", "unoriented", "mutual-changes", "agreed-readings", "independent-readings", "named-source",
})


def quotations_given(pair: Pair, a: Article, b: Article, evidence) -> tuple[tuple[Article, Article, str] | None, Signal | None]:
    """What the shared text says of whose outlet was given its quotations ("Marsh told the Daily Ledger"), against the times.

    ``((source, derived, words), None)`` when one side's text says so, by a
    shared passage, and the other's does not, and no time order says
    otherwise; ``(None, conflict)`` when the other was published first: the
    order or the text is wrong (a clock, a backdated copy, or the interview
    out first on air or in print), and neither decides; ``(None, None)``
    when neither side's text says so, or both do.
    """
    given = _given(pair, a, b)
    if given is None:
        return None, None
    time = next((s for s in evidence if s.name == "time" and s.weight), None)
    if time is None or time.favours == given[0].id:
        return given, None
    source, derived, said = given
    return None, Signal("conflict", said, note=(
        f"the shared text quotes people as speaking to {source.id}'s outlet ('{said}'), yet {derived.id} was published "
        f"first: the order and the text disagree (a clock, a copy's time set back, or the interview ran first on air "
        f"or in print)"
    ))


def _given(pair: Pair, a: Article, b: Article) -> tuple[Article, Article, str] | None:
    """``(the side whose outlet was given the shared quotations, the other, the words saying so)``; ``None`` for two
    pages of one outlet (by name or domain), whose quotations are its own on both."""
    if outlet_key(a.outlet) == outlet_key(b.outlet):
        return None
    spans = {pair.a: [(p.a_start, p.a_end) for p in pair.passages], pair.b: [(p.b_start, p.b_end) for p in pair.passages]}
    given = [(x, y, said) for x, y in ((a, b), (b, a)) if (said := interviewed_by(x.outlet, x.text, spans[x.id]))]
    return given[0] if len(given) == 1 else None


def exclusive_text(direction: Direction, pair: Pair, a: Article, b: Article) -> Direction:
    """An ``undetermined`` pair whose shared text says one side's outlet was given it: the other took it from there.

    A farm's whole copy of an exclusive carries "Marsh told the Daily
    Ledger" as the Ledger's own text does; the quotations were given to the
    Ledger, so the text started there. Said of a pair sharing only the
    quotations (:func:`reuse.provenance` decides those), a pair sharing
    more was left undetermined when no time orders it: the more a site
    lifted, the less was said. Text alone: at most ``TEXT_ONLY_CAP``.
    """
    if direction.relation is not Relation.UNDETERMINED or any(s.name in _AGAINST_EXCLUSIVE for s in direction.evidence):
        return direction
    if (given := quotations_given(pair, a, b, direction.evidence)[0]) is None:
        return direction
    source, derived, said = given
    signal = Signal("exclusive-quotes", said, favours=source.id, note=(
        f"the shared text quotes people as speaking to {source.id}'s outlet ('{said}'): {derived.id} took it from there"))
    rest = tuple(s for s in direction.evidence if s.name not in _ORIENTED_BY_EXCLUSIVE)
    return Direction(Relation.COPIED, source.id, derived.id, TEXT_ONLY_CAP, (signal, *rest))


#: Reasons an undetermined pair stays so though its shared text was given to one side's outlet: a credit against the
#: times, and changes each made to a text the corpus lacks (neither is the other's exemplar).
_AGAINST_EXCLUSIVE = frozenset({"conflict", "mutual-changes", "independent-readings"})
#: Reasons for leaving a pair undetermined that the words given to one outlet answer: they found nothing to orient it.
_ORIENTED_BY_EXCLUSIVE = frozenset({"unoriented", "twins"})
