"""The reporter: who copied or rewrote whom, with the evidence and a confidence.

Signals are weighed as log-odds that article A is the source of B (negative
values favour B). Metadata decides most cases: publication times, canonical
links, credits naming the other outlet. Text alone is weak (the best
published text-only detector is right 75% of the time), so a verdict resting
on text alone is capped at ``TEXT_ONLY_CAP`` confidence, and below
``MIN_COPY_CONFIDENCE`` the relation stays ``undetermined``.

Pairs are decided in the context of their cluster: :mod:`reuse.stemma` puts
every article in a family tree, and an ancestor is the source of its
descendants. A text-only tree link must agree with the pair's own
containment, else it stays undetermined; a pair in which neither text is
mostly the other's (``partial``) is not oriented by text alone at all,
unless the witnesses decide (:func:`_partial_signal` says why).

Metadata signals are read by :mod:`reuse.metadata_signals`. Two versions of
one page (one outlet, one address) with publication times are an update:
the later copied the earlier.

Common sources come in these forms:

* the pair shares only quotations: both quote the same speaker;
* both credit the same wire (AFP, Reuters ...) and neither names the other;
  so too when one credits a wire (dateline, credit line or byline) and the
  other, not that agency's own copy, carries the text without the credit,
  whatever their times, unless the other is named or its changes repeated;
* both descend from a third article of the corpus and neither repeats the
  other's changes to its text (no shared innovation): siblings, which are
  never linked as copier and copied; so too when one side's parent holds at
  least half of what the two share and is not later than the other side
  (the other's own link to it was missed, or runs through an unseen text);
  so too when the tree puts one below the other but both share text with an
  ancestor of the upper one that explains all they share: the lower repeats
  none of the upper's changes to its text (nor reads as the upper in three
  places where the upper changed a few of its words), and they share no
  sentence that neither's alignment with it covers (a shared innovation in
  extent);
* the tree makes one the other's parent, but the child and at least two
  other texts, none of them the child's copies, share readings the parent
  lacks: the parent changed the text they kept, so it is not the child's
  exemplar;
* one holds readings the other lacks that a third article attests, so
  neither is the other's exemplar: both come from a text the corpus lacks;
  so too when each changed readings that the other and the rest of the
  cluster kept.

Twin copies that nothing in the cluster tells apart stay undetermined. A
time order shows which text came first, not that one copied the other: a
copy ordered by time alone whose textual link is weak gets
``WEAK_LINK_RELATED`` of the order's confidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from .metadata_signals import STRONG_CREDIT_WEIGHT, metadata_signals, same_page
from .model import Article, Direction, Extent, Pair, Relation, ReuseKind, Signal
from .quotes import speakers_in
from .speakers import one_per_person
from .stemma import Stemma, build_stemma
from .tree_verdict import independent_signal, stemma_verdict
from .agencies import wire_of
from .credits import interviewed_by
from .wires import article_credits, article_datelines

__all__ = ["MIN_COPY_CONFIDENCE", "TEXT_ONLY_CAP", "infer_directions"]

#: A text-only verdict never claims more than this.
TEXT_ONLY_CAP = 0.7
#: Below this, a copy verdict is reported as undetermined.
MIN_COPY_CONFIDENCE = 0.55
#: Metadata leaning against a candidate parent by more than this (log-odds) refuses it.
SOURCE_MARGIN = 0.3
#: Confidence of a copy verdict resting on the cluster's tree and text alone,
#: set near how often such verdicts were right on Clough-Stevenson and
#: OneStopEnglish (reports/evaluation.md): the reliability tables there are
#: in-sample for this number.
STEMMA_CONFIDENCE = 0.65
#: Similarity above which aligned text reads as a paraphrase more often than
#: not: the sentence threshold fitted on MSRP train (reports/evaluation.md).
PARAPHRASE_SIMILARITY = 0.544
#: How sure a time order alone makes us that two texts are related by copying
#: at all when their textual link is weak (only part of each reused, or a
#: looser rewrite than a paraphrase): on Clough-Stevenson with times, 15 of
#: 21 such pairs are true copies, the others independent texts sharing a
#: stock phrasing or siblings (reports/evaluation.md, "Direction with
#: publication times"). A strong link (most of the smaller text, at least a
#: paraphrase) counts as certainly related.
WEAK_LINK_RELATED = 0.7
#: Confidence of an ``undetermined`` verdict: either side as likely the source.
UNDETERMINED_CONFIDENCE = 0.5
#: The most any verdict claims: metadata can be wrong (a clock, a forged credit).
MAX_CONFIDENCE = 0.98
#: Log-odds per unit of difference between the two shares reused, and their cap (docs/direction.md's table).
CONTAINMENT_SLOPE = 4.0
CONTAINMENT_CAP = 1.5


def _containment_signal(pair: Pair) -> Signal:
    # The copy is mostly inside its source; the source has more of its own.
    diff = pair.containment_b - pair.containment_a
    weight = max(-CONTAINMENT_CAP, min(CONTAINMENT_CAP, CONTAINMENT_SLOPE * diff))
    favours = pair.a if diff > 0 else pair.b if diff < 0 else None
    return Signal("containment", round(diff, 4), favours=favours, weight=round(weight, 4),
                  note=f"{pair.a} is {pair.containment_a:.0%} reused, {pair.b} {pair.containment_b:.0%}")


def _confidence(log_odds: float) -> float:
    return 1 / (1 + math.exp(-abs(log_odds)))


def _relatedness(pair: Pair, evidence: Sequence[Signal] = ()) -> Signal:
    """How sure the text makes us that one side copied the other at all, whichever came first.

    Publication times order two texts; they do not show that one derives
    from the other. Two texts that share only part of each, or share it only
    in a loose rewrite, may have been written independently from a common
    source or from stock phrasing, so a time order alone makes a weak link
    a copy with less confidence than it gives the order itself.
    """
    strong = pair.extent is Extent.WHOLE and pair.similarity >= PARAPHRASE_SIMILARITY
    value = 1.0 if strong else WEAK_LINK_RELATED
    timed = any(s.name == "time" and s.weight for s in evidence) or not evidence
    order = "the time order" if timed else "which of them is the agency's own copy"  # the metadata that ordered them
    why = ("most of the smaller text is reused, at least as a paraphrase" if strong
           else f"a weak textual link ({pair.extent.value}, similarity {pair.similarity:.2f}): "
           f"{order} does not show that one copied the other")
    return Signal("relatedness", value, note=why)


def _timed(order: float, pair: Pair, named: bool, evidence: list[Signal]) -> float:
    """Confidence in a copy ordered by metadata: sure of the order, times sure the pair is a copy at all.

    A canonical link or a credit names the source, so the derivation is
    shown; a time order alone leaves it to the text (:func:`_relatedness`).
    """
    if named:
        return order
    related = _relatedness(pair, evidence)
    if related.value < 1:
        evidence.append(related)
    return order * related.value


def _credit_against_time(evidence: list[Signal]) -> Signal | None:
    """A text that names the other's outlet yet is dated before it, with nothing else to decide: a ``conflict``, or ``None``.

    Naming an outlet's report ("the Riverton Ledger reported") puts that
    report first; when the times put the naming text first, one of them is
    wrong (a clock, an update's time given as the article's, or a credit of
    another of the outlet's reports), and neither outweighs the other. A
    canonical link or an agency's credit still decides (weighed above times).
    """
    if any(s.name == "canonical" or s.name == "credit" and abs(s.weight) >= STRONG_CREDIT_WEIGHT for s in evidence):
        return None
    named = [s for s in evidence if s.name == "credit"]
    time = next((s for s in evidence if s.name == "time" and s.weight), None)
    if not named or time is None or any(s.weight * time.weight > 0 for s in named):
        return None
    credit = named[0]
    return Signal("conflict", None, note=(
        f"{time.favours} names {credit.value}, {credit.favours}'s outlet, yet was published first: one of them is "
        f"wrong (a clock, an update's time, or a credit of another of its reports)"
    ))


def _wire_siblings(wire: Signal, evidence: list[Signal]) -> tuple[Signal, ...]:
    """The evidence of two copies of one wire story, the ``wire`` credit that decides first."""
    decided = replace(wire, note="both credit the same wire, and the text does not show one repeating the other's own changes")
    rest = sorted((s for s in evidence if s is not wire), key=lambda sig: -abs(sig.weight))  # the tree's link, overruled, by its weight
    return (decided, *rest)


def _decide(pair: Pair, a: Article, b: Article, metadata: list[Signal], stemma: Stemma) -> Direction:
    evidence = list(metadata)
    credits_a = article_credits(a)
    common_wires = sorted(credits_a & article_credits(b)) if credits_a else []
    wire = Signal("wire-credit", ", ".join(common_wires), note="both credit the same wire") if common_wires else None
    if wire is not None:
        evidence.append(wire)
    evidence.append(_containment_signal(pair))
    evidence.sort(key=lambda sig: -abs(sig.weight))  # strongest first; what is unknown last
    strong = sum(s.weight for s in evidence if s.name in {"time", "canonical", "credit", "agency"})
    text_only = sum(s.weight for s in evidence if s.name == "containment")
    named = any(s.name in {"canonical", "credit"} for s in evidence)

    if pair.kind is ReuseKind.SHARED_QUOTES:
        spoken = [*speakers_in(a.text, ((p.a_start, p.a_end) for p in pair.passages)),
                  *speakers_in(b.text, ((p.b_start, p.b_end) for p in pair.passages))]
        whose = f", of {', '.join(one_per_person(spoken))}" if spoken else ""  # as a text names each speaker
        # Quotations given to one outlet ("Marsh told the Daily Ledger") came from it, not from an event both attended.
        spans = {pair.a: [(p.a_start, p.a_end) for p in pair.passages], pair.b: [(p.b_start, p.b_end) for p in pair.passages]}
        given = [(x, y, said) for x, y in ((a, b), (b, a)) if (said := interviewed_by(x.outlet, x.text, spans[x.id]))]
        time = next((s for s in evidence if s.name == "time" and s.weight), None)
        if len(given) == 1 and (time is None or time.favours == given[0][0].id):
            source, derived, said = given[0]
            evidence.insert(0, Signal("exclusive-quotes", said, favours=source.id, note=(
                f"the only shared text is quotations{whose}, given to {source.id}'s outlet ('{said}'): {derived.id} took them from it")))
            return Direction(Relation.COPIED, source.id, derived.id, TEXT_ONLY_CAP, tuple(evidence))
        # Nothing else counted: the times and credits stay as context, at weight 0; "the agency's own copy, carried
        # without its credit" is said of a text, not of quotations both report.
        context = [replace(s, weight=0.0) for s in evidence if s.name != "agency"]
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, (
            Signal("shared-quotes", 1.0, note=f"the only shared text is the same quotations{whose}"), *context))
    if (conflict := _credit_against_time(evidence)) is not None:
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, (conflict, *evidence))
    tree = None if named else stemma_verdict(pair, stemma)
    if tree is not None:
        verdict, signal = tree
        evidence.insert(0, signal)
        if verdict == "common":
            return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, tuple(evidence))
        if verdict == "undetermined":
            return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, tuple(evidence))
        source = signal.favours
        derived = b.id if source == a.id else a.id
        if wire is not None and not _repeats(stemma, source, derived):
            # Both carry the same wire story: siblings unless the later repeats the earlier's own changes.
            return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, _wire_siblings(wire, evidence))
        if (source, derived) in stemma.kept:
            won, lost = stemma.kept[(source, derived)]
            evidence.insert(1, Signal(
                "witnesses", f"{won}:{lost}", favours=source,
                note=f"where they differ by a few words, the other texts share {source}'s reading in {won} places "
                f"and {derived}'s in {lost}: {derived} changed the common text",
            ))
        why = None  # what stops the tree's link, when it is stopped: the deciding signal then
        if strong * signal.weight > 0:  # metadata agrees with the tree
            confidence = _timed(min(MAX_CONFIDENCE, _confidence(strong + signal.weight)), pair, named, evidence)
        elif strong:
            # Metadata against an ancestor further up the tree: the tree
            # holds only while it outweighs them, and then barely.
            confidence = _confidence(abs(signal.weight) - abs(strong)) if abs(strong) < abs(signal.weight) else UNDETERMINED_CONFIDENCE
            why = Signal("unoriented", None, note=f"the metadata favour {derived} as the source, against the tree: the link is not oriented")
        elif pair.extent is Extent.PARTIAL and (source, derived) not in stemma.kept:
            # Neither is mostly the other's: the tree's order rests on the shares reused, which measure lengths.
            confidence = UNDETERMINED_CONFIDENCE
            why = _partial_signal(pair, "the tree's link")
        elif text_only * signal.weight <= 0 and (source, derived) not in stemma.kept:
            # The tree and the pair's own containment do not agree: text alone
            # cannot orient this link (the middle of a chain looks like a source).
            confidence = UNDETERMINED_CONFIDENCE
            why = Signal("unoriented", None, note=(
                f"{source} and {derived} hold each other's text alike: the pair's own text does not orient the tree's link"
                if text_only == 0 else f"the pair's own containment favours {derived} against the tree: text alone cannot orient this link"
            ))
        elif (why := independent_signal(stemma, source, derived)) is not None:
            confidence = UNDETERMINED_CONFIDENCE
        else:
            confidence = STEMMA_CONFIDENCE
        if confidence >= MIN_COPY_CONFIDENCE:
            return Direction(Relation.COPIED, source, derived, round(confidence, 3), tuple(evidence))
        if why is not None:
            evidence.insert(0, why)
        return Direction(Relation.UNDETERMINED, None, None, round(confidence, 3), tuple(evidence))
    if wire is not None and not named:
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, _wire_siblings(wire, evidence))

    if strong:
        log_odds = strong + text_only
        confidence = _timed(min(MAX_CONFIDENCE, _confidence(log_odds)), pair, named, evidence)
    elif pair.extent is Extent.PARTIAL and text_only:
        evidence.insert(0, _partial_signal(pair, "the pair"))
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, tuple(evidence))
    else:
        log_odds = text_only
        confidence = min(TEXT_ONLY_CAP, _confidence(log_odds))
    if confidence < MIN_COPY_CONFIDENCE or log_odds == 0:
        return Direction(Relation.UNDETERMINED, None, None, round(confidence, 3), tuple(evidence))
    source, derived = (a.id, b.id) if log_odds > 0 else (b.id, a.id)
    if not strong and (doubt := independent_signal(stemma, source, derived)) is not None:
        evidence.insert(0, doubt)
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, tuple(evidence))
    return Direction(Relation.COPIED, source, derived, round(confidence, 3), tuple(evidence))


def _partial_signal(pair: Pair, what: str) -> Signal:
    """Why text alone does not orient ``what`` when neither text is mostly the other's (a ``partial`` pair).

    Each holds the shared passage among text of its own, so which is reused
    more says which is shorter, not who took from whom: a copy that sets a
    source's passage among its own text is the longer of the two as often
    as not. On the benchmark's generated corpus, whose partial copies are
    made so, text-only verdicts on such pairs named the copy as the source
    for 1,234 planted pairs and the source for 121 (reports/benchmark.md);
    on Clough-Stevenson, whose answers are shorter extracts of their
    sources, they had been right.
    """
    return Signal("unoriented", None, note=(
        f"neither text is mostly the other's ({pair.a} {pair.containment_a:.0%} reused, {pair.b} {pair.containment_b:.0%}): "
        f"which holds more of its own says how long each is, not who took from whom, so text alone does not orient {what}"
    ))


def _stripped_wire(direction: Direction, by_id: dict[str, Article], stemma: Stemma) -> Direction:
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
    return _repeats(stemma, source, derived)


def _wire_siblings_by(direction: Direction, wires: str, note: str) -> Direction:
    """``common-source``: both carry the story of ``wires``, as a ``wire-credit`` signal with ``note`` says first."""
    return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, (Signal("wire-credit", wires, note=note), *direction.evidence))


def _changes(stemma: Stemma, source: str, derived: str) -> str:
    """Why the tree does not show ``derived`` taking ``source``'s own text, in words."""
    if stemma.parent.get(derived) == source and stemma.innovations.get(derived, 0):
        return f"no other text of the cluster shows which of {source}'s readings are its own changes to the wire text"
    return f"{derived} repeats none of {source}'s own changes"


def _from_the_wire(direction: Direction, by_id: dict[str, Article], stemma: Stemma) -> Direction:
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
        if _agency_copy(by_id[carrier]):
            continue  # the agency's own copy credits itself, not where its text came from
        if _shown_copy(direction, stemma, parent, carrier) if carrier == direction.derived else _repeats(stemma, parent, carrier):
            continue
        wires = ", ".join(sorted(credited))
        how = "" if carrier == direction.derived else f"{direction.derived} descends from {carrier}, and "
        return _wire_siblings_by(direction, wires, (
            f"{how}{carrier} credits {wires}, where its text came from; {source.id} carries that text without the credit "
            f"and is not {wires}'s own copy: both come from {wires}, and {_changes(stemma, parent, carrier)}"
        ))
    return direction


def _named_elsewhere(direction: Direction, named: dict[str, set[str]], copies: set[tuple[str | None, str | None]], stemma: Stemma) -> Direction:
    """A copy the tree made of a text that names another article as its source, not a copy of this one: it took that text.

    A scraper whose canonical link names a subscriber's page is that page's
    copy; the tree, ranking an earlier outlet's text of the same story
    higher, made it that outlet's copy too (at 0.98 with the times). Where
    the named article is itself this source's copy (``copies``: the pairs'
    verdicts), the source is an ancestor and the verdict stands; so it does
    where the named article is an ancestor of the source in the tree and the
    copy repeats the source's own changes to its text (a reprint of a
    subscriber's rewrite that kept the rewrite's credit of the agency).
    """
    source, derived = direction.source, direction.derived
    kept = set(stemma.ancestors(source)) if source is not None and derived is not None and _repeats(stemma, source, derived) else set()
    others = {n for n in named.get(derived or "", set()) - {source} - kept if (source, n) not in copies}
    if direction.relation is not Relation.COPIED or not others or not _through_tree(direction):
        return direction
    shown = ", ".join(sorted(others))
    signal = Signal("named-source", shown, note=(
        f"{direction.derived} names {shown} as its source (a canonical link or a credit): it took that text, "
        f"not {direction.source}'s; both carry one story"
    ))
    return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, (signal, *direction.evidence))


def _through_tree(direction: Direction) -> bool:
    """Whether the verdict rests on the tree (its ``stemma`` signal decided it)."""
    return any(s.name == "stemma" for s in direction.evidence[:1])


def _repeats(stemma: Stemma, parent: str, child: str) -> bool:
    """Whether ``child`` repeats ``parent``'s own changes to the wire text: it took ``parent``'s text.

    The changes are ``parent``'s own when made to the text of a wire
    agency's own copy (that text is the wire's), or when more of the
    cluster's other texts read as the text above ``parent`` than as
    ``parent`` (see :meth:`Stemma.disputed`). Otherwise the readings
    ``child`` shares with ``parent`` may be the wire's own, which the text
    above changed: a subscriber that rewrote the story and was published
    first is the top of the tree, and two plain copies published after it
    agree against it.
    """
    if stemma.parent.get(child) != parent or not stemma.innovations.get(child, 0):
        return False
    above = stemma.parent.get(parent)
    if above is not None and _agency_copy(stemma.readings.by_id[above]):
        return True
    return not stemma.disputed(parent)


def _agency_copy(article: Article) -> bool:
    """Whether ``article`` is a wire agency's own copy (by its outlet or URL): its text is the wire's."""
    return wire_of(article.outlet.strip(), article.url) is not None


def _update(page: Signal, direction: Direction, pair: Pair) -> Direction:
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
    return Direction(Relation.COPIED, earlier, later, round(min(MAX_CONFIDENCE, _confidence(time.weight)), 3), (page, time, *rest))


#: Reasons for a verdict between two texts that an update of one page overrules: they argue for another relation.
_OVERRULED_BY_UPDATE = frozenset({
    "wire-credit", "sibling", "twins", "unoriented", "mutual-changes", "agreed-readings", "independent-readings", "named-source",
})


def infer_directions(articles: Sequence[Article], pairs: list[Pair]) -> list[Pair]:
    """Return ``pairs`` with each pair's ``direction`` filled in.

    Parameters
    ----------
    articles
        Every article the pairs join (metadata and text are read); a scan
        gives one cluster's at a time.
    pairs
        The aligned pairs.
    """
    by_id = {a.id: a for a in articles}
    signals = {id(p): metadata_signals(by_id[p.a], by_id[p.b], p) for p in pairs}
    metadata = {key: sum(s.weight for s in found) for key, found in signals.items()}
    lean = {id(p): metadata[id(p)] + _containment_signal(p).weight for p in pairs}
    stemma = build_stemma(pairs, by_id, lean, metadata, SOURCE_MARGIN)
    # The articles each names as its source: a canonical link to it, or a credit of its outlet.
    named: dict[str, set[str]] = {}
    for pair in pairs:
        for s in signals[id(pair)]:
            if s.name in {"canonical", "credit"} and s.favours is not None:
                named.setdefault(pair.b if s.favours == pair.a else pair.a, set()).add(s.favours)
    directions = [_from_the_wire(_stripped_wire(_decide(p, by_id[p.a], by_id[p.b], signals[id(p)], stemma), by_id, stemma), by_id, stemma)
                  for p in pairs]
    copies = {(d.source, d.derived) for d in directions if d.relation is Relation.COPIED}
    decided = []
    for pair, direction in zip(pairs, directions):
        direction = _named_elsewhere(direction, named, copies, stemma)
        if (page := same_page(by_id[pair.a], by_id[pair.b])) is not None:  # said first, whatever decided
            direction = _update(page, direction, pair)
        decided.append(replace(pair, direction=direction))
    return decided
