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

from collections.abc import Sequence
from dataclasses import replace

from .metadata_signals import STRONG_CREDIT_WEIGHT, metadata_signals, same_page
from .model import Article, Direction, Extent, Pair, Relation, ReuseKind, Signal
from .quotes import speakers_in
from .speakers import one_per_person
from .stemma import Stemma, build_stemma
from .tree_verdict import independent_signal, kept_against, repeats, stemma_verdict, twin_below, witnesses
from .confidence import MAX_CONFIDENCE, MIN_COPY_CONFIDENCE, TEXT_ONLY_CAP, UNDETERMINED_CONFIDENCE, from_log_odds
from .revisions import exclusive_text, from_the_wire, named_elsewhere, page_update, quotations_given, stripped_wire
from .wires import article_credits

__all__ = ["MIN_COPY_CONFIDENCE", "TEXT_ONLY_CAP", "infer_directions"]

#: Metadata leaning against a candidate parent by more than this (log-odds) refuses it. Below every metadata
#: weight (the least is 1.5), so any time order or credit against a parent counts; a text-only lean (containment,
#: 4 log-odds per unit) must differ by 0.075 of the shares reused to count.
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
           else f"a weak textual link ({pair.extent.value}, similarity {pair.similarity:.2f}): {order} shows which came "
           f"first, not that one copied the other (two reports of one event may share as much), so the copy is held "
           f"at {WEAK_LINK_RELATED:g} of the order's confidence")
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
    """The direction of one pair: the first of these rules that applies.

    1. Only quotations shared (:func:`_decide_shared_quotes`): a common source,
       unless the quotations were given to one side's outlet.
    2. A credit against the times, or quotations given to one outlet against
       the times: ``undetermined``, with the ``conflict``.
    3. No canonical link or credit names a source, and the cluster's family
       tree joins the pair: the tree decides (:func:`_decide_by_tree`).
    4. Both credit the same wire and nothing names a source: siblings.
    5. Otherwise the signals weighed (:func:`_decide_by_weights`).

    Every verdict's evidence starts with the signal that decided it
    (:attr:`reuse.model.Direction.deciding`).
    """
    evidence = list(metadata)
    credits_a = article_credits(a)
    common_wires = sorted(credits_a & article_credits(b)) if credits_a else []
    wire = Signal("wire-credit", ", ".join(common_wires), note="both credit the same wire") if common_wires else None
    if wire is not None:
        evidence.append(wire)
    evidence.append(_containment_signal(pair))
    evidence.sort(key=lambda sig: -abs(sig.weight))  # strongest first; what is unknown last
    named = any(s.name in {"canonical", "credit"} for s in evidence)

    if pair.kind is ReuseKind.SHARED_QUOTES:
        return _decide_shared_quotes(pair, a, b, evidence, named)
    if (conflict := _credit_against_time(evidence) or (None if named else quotations_given(pair, a, b, evidence)[1])) is not None:
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, (conflict, *evidence))
    tree = None if named else stemma_verdict(pair, stemma)
    if tree is not None:
        return _decide_by_tree(pair, a, b, tree, evidence, wire, stemma)
    if wire is not None and not named:
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, _wire_siblings(wire, evidence))
    return _decide_by_weights(pair, a, b, evidence, stemma, named)


def _metadata_weight(evidence: Sequence[Signal]) -> float:
    """The log-odds of the signals that order a pair by what is said of the texts (times, canonical links, credits, the agency's own copy)."""
    return sum(s.weight for s in evidence if s.name in {"time", "canonical", "credit", "agency"})


def _text_weight(evidence: Sequence[Signal]) -> float:
    """The log-odds of the text alone: the containment signal's."""
    return sum(s.weight for s in evidence if s.name == "containment")


def _decide_shared_quotes(pair: Pair, a: Article, b: Article, evidence: list[Signal], named: bool) -> Direction:
    """A pair whose only shared text is quotations: a common source (the speaker), unless given to one outlet."""
    spoken = [*speakers_in(a.text, ((p.a_start, p.a_end) for p in pair.passages)),
              *speakers_in(b.text, ((p.b_start, p.b_end) for p in pair.passages))]
    whose = f", of {', '.join(one_per_person(spoken))}" if spoken else ""  # as a text names each speaker
    # Quotations given to one outlet ("Marsh told the Daily Ledger") came from it, not from an event both attended.
    given, conflict = quotations_given(pair, a, b, evidence)
    if given is not None:
        source, derived, said = given
        evidence.insert(0, Signal("exclusive-quotes", said, favours=source.id, note=(
            f"the only shared text is quotations{whose}, given to {source.id}'s outlet ('{said}'): {derived.id} took them from it")))
        return Direction(Relation.COPIED, source.id, derived.id, TEXT_ONLY_CAP, tuple(evidence))
    if not named and conflict is not None:
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, (conflict, *evidence))
    # Nothing else counted: the times and credits stay as context, at weight 0; "the agency's own copy, carried
    # without its credit" is said of a text, not of quotations both report.
    context = [replace(s, weight=0.0) for s in evidence if s.name != "agency"]
    return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, (
        Signal("shared-quotes", 1.0, note=f"the only shared text is the same quotations{whose}"), *context))


def _decide_by_tree(
    pair: Pair, a: Article, b: Article, tree: tuple[Relation, Signal], evidence: list[Signal], wire: Signal | None, stemma: Stemma
) -> Direction:
    """The family tree's verdict on a pair no canonical link or credit decides, held against the times and the pair's own text.

    The tree's link is a copy at :data:`STEMMA_CONFIDENCE`, or at the times'
    confidence when they agree; it is left unoriented when the times are
    against it and do not lose to it, when neither text is mostly the
    other's, when the pair's own containment points the other way, or when
    the texts read independently where the cluster agrees (the ``why``
    signal put first).
    """
    verdict, signal = tree
    evidence.insert(0, signal)
    if verdict is Relation.COMMON_SOURCE:
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, tuple(evidence))
    if verdict is Relation.UNDETERMINED:
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, tuple(evidence))
    source = signal.favours
    derived = b.id if source == a.id else a.id
    if wire is not None and not repeats(stemma, source, derived):
        # Both carry the same wire story: siblings unless the later repeats the earlier's own changes.
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, _wire_siblings(wire, evidence))
    if (source, derived) in stemma.kept:
        evidence.insert(1, witnesses(stemma, source, derived, f"{derived} changed the common text"))
    strong, text_only = _metadata_weight(evidence), _text_weight(evidence)
    why = None  # what stops the tree's link, when it is stopped: the deciding signal then
    if strong * signal.weight > 0:  # metadata agrees with the tree
        confidence = _timed(min(MAX_CONFIDENCE, from_log_odds(strong + signal.weight)), pair, False, evidence)
    elif strong:
        # Metadata against an ancestor further up the tree: the tree
        # holds only while it outweighs them, and then barely.
        confidence = from_log_odds(abs(signal.weight) - abs(strong)) if abs(strong) < abs(signal.weight) else UNDETERMINED_CONFIDENCE
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


def _decide_by_weights(pair: Pair, a: Article, b: Article, evidence: list[Signal], stemma: Stemma, named: bool) -> Direction:
    """The signals weighed as log-odds: metadata when there is any, else the pair's containment, capped at :data:`TEXT_ONLY_CAP`.

    Text alone orients no ``partial`` pair, and no pair the cluster's tree
    doubts (texts reading independently, a reading the cluster kept against
    the source, a twin of the source below it).
    """
    strong, text_only = _metadata_weight(evidence), _text_weight(evidence)
    if strong:
        log_odds = strong + text_only
        confidence = _timed(min(MAX_CONFIDENCE, from_log_odds(log_odds)), pair, named, evidence)
    elif pair.extent is Extent.PARTIAL and text_only:
        evidence.insert(0, _partial_signal(pair, "the pair"))
        return Direction(Relation.UNDETERMINED, None, None, UNDETERMINED_CONFIDENCE, tuple(evidence))
    else:
        log_odds = text_only
        confidence = min(TEXT_ONLY_CAP, from_log_odds(log_odds))
    if confidence < MIN_COPY_CONFIDENCE or log_odds == 0:
        return Direction(Relation.UNDETERMINED, None, None, round(confidence, 3), tuple(evidence))
    source, derived = (a.id, b.id) if log_odds > 0 else (b.id, a.id)
    if not strong and (doubt := independent_signal(stemma, source, derived) or kept_against(stemma, source, derived)
                       or twin_below(stemma, source, derived)) is not None:
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
    directions = []
    for p in pairs:
        direction = _decide(p, by_id[p.a], by_id[p.b], signals[id(p)], stemma)
        # Then the wire story's two revisions of a copy verdict: a source crediting a wire whose copy credits none,
        # and a copy (or a text between it and its source in the tree) crediting a wire its source does not, make
        # both siblings of the wire story unless something names the source or the copy repeats its changes. Each
        # leaves any other verdict as it is, so when both apply the first gives the note (and the wires it names).
        direction = stripped_wire(direction, by_id, stemma)
        directions.append(from_the_wire(direction, by_id, stemma))
    copies = {(d.source, d.derived) for d in directions if d.relation is Relation.COPIED}
    reused = {key: share for p in pairs for key, share in (((p.a, p.b), p.containment_b), ((p.b, p.a), p.containment_a))}
    decided = []
    for pair, direction in zip(pairs, directions):
        direction = named_elsewhere(direction, named, copies, stemma, reused)
        direction = exclusive_text(direction, pair, by_id[pair.a], by_id[pair.b])
        if (page := same_page(by_id[pair.a], by_id[pair.b])) is not None:  # said first, whatever decided
            direction = page_update(page, direction, pair)
        decided.append(replace(pair, direction=direction))
    return decided
