"""What the cluster's family tree says about one pair: copied (an ancestor and its descendant), a common source, or undetermined.

:mod:`reuse.stemma` builds the tree; :mod:`reuse.provenance` weighs this
verdict with the pair's metadata and text. The signals given here are
documented in ``docs/direction.md`` ("The cluster's family tree").
"""

from __future__ import annotations

from .agencies import wire_of
from .model import Article, Pair, Relation, ReuseKind, Signal
from .stemma import Stemma

__all__ = ["STEMMA_WEIGHT", "agency_copy", "independent_signal", "kept_against", "repeats", "stemma_verdict", "twin_below", "witnesses"]

#: Log-odds the cluster's tree adds for an ancestor being the source.
STEMMA_WEIGHT = 1.0


def stemma_verdict(pair: Pair, stemma: Stemma) -> tuple[Relation, Signal] | None:
    """What the cluster's tree says about the pair: ``(relation, the signal saying why)``, or ``None`` when it says nothing.

    A ``copied`` verdict's signal (``stemma``) favours the source.
    """
    x, y = pair.a, pair.b
    if stemma.cluster_size(x) < 3:
        return None  # two articles alone: the tree is the pair's own lean, nothing more
    if count := stemma.mutual(x, y):
        return Relation.COMMON_SOURCE, Signal(
            "mutual-changes", count,
            note=f"each changed at least {count} readings that the other and the rest of the cluster share: neither copied the other",
        )
    for source, derived in ((x, y), (y, x)):
        chain = stemma.ancestors(derived)
        if source in chain:
            if (above := stemma.explained_by(source, derived)) is not None:
                return Relation.COMMON_SOURCE, Signal(
                    "sibling", above, note=f"what they share is also in {above}, which both share text with; "
                    f"neither repeats the other's changes to it nor shares text it lacks",
                )
            if count := stemma.agreed(derived, source):
                return Relation.COMMON_SOURCE, Signal(
                    "agreed-readings", count, note=f"{derived} and at least two other texts of the cluster, none placed below "
                    f"{derived} in the tree, share {count} readings that {source} lacks: {source} changed the text they kept, so it is "
                    f"not {derived}'s exemplar",
                )
            path = [derived, *chain[: chain.index(source) + 1]]
            sign = 1 if source == x else -1
            how = "its parent" if len(path) == 2 else "an ancestor through " + ", ".join(path[1:-1])
            innovations = stemma.innovations.get(derived)
            why = f", repeating {innovations} of {path[1]}'s changes" if innovations else ""
            note = f"in the cluster's tree, {source} is {how.replace('its parent', 'the parent')} of {derived}{why}"
            chain = tuple(reversed(path))
            return Relation.COPIED, Signal("stemma", " <- ".join(chain), favours=source, weight=STEMMA_WEIGHT * sign, note=note, path=chain)
    for lower, upper in ((x, y), (y, x)):
        if upper in stemma.twins.get(lower, ()):
            others = sorted(stemma.twins[lower] - {upper})
            return Relation.UNDETERMINED, Signal(
                "twins", ", ".join(others),
                note=f"the cluster's tree places {lower} below {upper} or {', '.join(others)}, copies of one text that nothing tells "
                f"apart, and names neither its source",
            )
    if x not in stemma.parent and y not in stemma.parent and stemma.rank[x] == stemma.rank[y]:
        return Relation.UNDETERMINED, Signal("twins", None, note="neither descends from another text of the cluster and they stand level: " + (
            "nothing tells them apart" if pair.same_text else "the shares reused alone do not tell a copy from a sibling"
        ))
    # Siblings: a third text both descend from, which holds what they share (else they share text it lacks).
    shared = sorted(stemma.twins.get(x, frozenset()) & stemma.twins.get(y, frozenset()))
    if shared and any(stemma.holds(z, x, y) for z in shared):
        return Relation.COMMON_SOURCE, Signal(
            "sibling", ", ".join(shared), note=f"both descend from the text that {', '.join(shared)} carry, and neither repeats the other's changes"
        )
    common = stemma.common_ancestor(x, y)
    if common is not None and stemma.holds(common, x, y):
        return Relation.COMMON_SOURCE, Signal(
            "sibling", common, note=f"both descend from {common}, and neither repeats the other's changes to its text"
        )
    # Two copies of one text (word for word, whole) share no text by chance the parent's alignment would miss: the
    # parent holds all of it or the part it lacks is one copy's changes the other repeats.
    word_for_word = pair.kind is ReuseKind.VERBATIM and pair.same_text
    for side, other in ((x, y), (y, x)):
        held = stemma.held_by_parent(pair, side)
        if held is not None and word_for_word and not stemma.holds(held[0], x, y):
            continue
        if held is not None and other not in stemma.ancestors(held[0]) and not stemma.later(held[0], other):
            z, share = held
            what = "what they share" if share >= 0.995 else f"{share:.0%} of what they share"
            return Relation.COMMON_SOURCE, Signal(
                "sibling", z, note=f"{what} is also in {z}, which the cluster's tree places above {side}, "
                f"and neither repeats the other's changes to it"
            )
    for lower, upper in ((x, y), (y, x)):
        if stemma.refuses(lower, upper):
            signal = independent_signal(stemma, upper, lower, "both descend")
            if signal is not None:
                return Relation.COMMON_SOURCE, signal
    return None


def independent_signal(stemma: Stemma, source: str, derived: str, verdict: str = "it may descend") -> Signal | None:
    """Evidence that ``source`` is not ``derived``'s only exemplar, when a third article shows it."""
    if not stemma.graph.has_node(derived) or len(stemma.graph.adj[derived]) < 2 or (source, derived) in stemma.kept:
        return None
    count = stemma.independent(derived, source)
    if not count:
        return None
    return Signal(
        "independent-readings",
        count,
        note=f"{derived} holds at least {count} readings {source} lacks that other articles attest: "
        f"{verdict} from a fuller text that {source} also comes from",
    )


def witnesses(stemma: Stemma, kept: str, changed: str, why: str) -> Signal:
    """The ``witnesses`` signal of a pair in which ``kept`` kept the readings the cluster's other texts share where
    ``changed`` changed them (``stemma.kept``), favouring ``kept``; ``why`` says what follows from it."""
    won, lost = stemma.kept[(kept, changed)]
    return Signal("witnesses", f"{won}:{lost}", favours=kept, note=(
        f"where they differ by a few words, the other texts share {kept}'s reading in {won} places and {changed}'s in "
        f"{lost}: {why}"
    ))


def kept_against(stemma: Stemma, source: str, derived: str) -> Signal | None:
    """Evidence that ``source`` changed readings ``derived`` and the cluster's other texts keep: it is not ``derived``'s exemplar."""
    if (derived, source) not in stemma.kept:
        return None
    return witnesses(stemma, derived, source, f"{source} changed the text {derived} keeps, so it is not {derived}'s source")


def twin_below(stemma: Stemma, source: str, derived: str) -> Signal | None:
    """Evidence that ``source`` holds the same text as an article the cluster's tree places below ``derived``.

    A page's update and a copy of it hold the same text: the update's added
    paragraphs make the copy look like the fuller original of the first
    version, yet the copy carries what the update added to it.
    """
    if not stemma.graph.has_node(source):
        return None
    for twin, edge in sorted(stemma.graph.adj[source].items()):
        if twin != derived and edge["pair"].same_text and derived in stemma.ancestors(twin):
            return Signal("twins", twin, favours=derived, note=(
                f"{source} holds the same text as {twin}, which the cluster's tree places below {derived}: "
                f"it is not {derived}'s source"
            ))
    return None


def repeats(stemma: Stemma, parent: str, child: str) -> bool:
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
    if above is not None and agency_copy(stemma.readings.by_id[above]):
        return True
    return not stemma.disputed(parent)


def agency_copy(article: Article) -> bool:
    """Whether ``article`` is a wire agency's own copy (by its outlet or URL): its text is the wire's."""
    return wire_of(article.outlet.strip(), article.url) is not None
