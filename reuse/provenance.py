"""The reporter: who copied or rewrote whom, with the evidence and a confidence.

Signals are weighed as log-odds that article A is the source of B (negative
values favour B). Metadata decides most cases: publication times, canonical
links, credits naming the other outlet. Text alone is weak (the best
published text-only detector is right 75% of the time), so a verdict resting
on text alone is capped at ``TEXT_ONLY_CAP`` confidence, and below
``MIN_COPY_CONFIDENCE`` the relation stays ``undetermined``.

Common sources come in three forms:

* the pair shares only quotations: both quote the same speaker;
* both credit the same wire (AFP, Reuters ...) and neither names the other;
* a third article in the corpus holds what the two share, and they share no
  innovation of their own (text one changed or added that the other repeats):
  siblings, which are never linked as copier and copied.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlsplit

import networkx as nx

from .graph import pair_graph
from .model import Article, Direction, Pair, Relation, ReuseKind, Signal

__all__ = ["MIN_COPY_CONFIDENCE", "TEXT_ONLY_CAP", "infer_directions", "parse_time", "wire_credits"]

#: A text-only verdict never claims more than this.
TEXT_ONLY_CAP = 0.7
#: Below this, a copy verdict is reported as undetermined.
MIN_COPY_CONFIDENCE = 0.55
#: Share of a pair's shared text a third article must hold to explain the pair.
#: Proportional on purpose: siblings often share some text their common
#: source in the corpus lacks (both copied more of an original that the
#: corpus holds only part of), which looks exactly like a shared innovation.
SIBLING_COVER = 0.5
#: A third article leaning as the copy by more than this (log-odds) explains nothing.
SOURCE_MARGIN = 0.3

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


@lru_cache(maxsize=8192)
def wire_credits(text: str) -> frozenset[str]:
    """Wire agencies a text credits in a byline, dateline or credit line.

    >>> sorted(wire_credits("MOSCOW (Reuters) - The Kremlin said ... - AFP"))
    ['AFP', 'Reuters']
    """
    return frozenset(
        name
        for name, (words, pattern) in _WIRE_RES.items()
        if any(word in text for word in words) and pattern.search(text)
    )


@lru_cache(maxsize=8192)
def parse_time(value: str | None) -> tuple[dt.datetime, str] | None:
    """A publication time and its precision (``"datetime"`` or ``"date"``).

    Naive times are taken as UTC.

    >>> parse_time("2025-05-27")[1], parse_time("2025-05-27T10:00:00Z")[1]
    ('date', 'datetime')
    >>> parse_time("yesterday") is None
    True
    """
    if not value:
        return None
    text = value.strip().upper()
    try:
        if "T" not in text and " " not in text:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc), "date"
        stamp = dt.datetime.fromisoformat(text.removesuffix("Z") + ("+00:00" if text.endswith("Z") else ""))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp, "datetime"


def _norm_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def _time_signal(a: Article, b: Article) -> Signal | None:
    ta, tb = parse_time(a.published), parse_time(b.published)
    if ta is None or tb is None:
        return Signal("time", None, note="publication time unknown for one or both")
    (when_a, prec_a), (when_b, prec_b) = ta, tb
    coarse = "date" in (prec_a, prec_b)
    gap_hours = (when_b - when_a).total_seconds() / 3600
    if coarse and abs(gap_hours) < 24:
        return Signal("time", 0.0, note="same day, dates only: cannot order")
    if not coarse and abs(gap_hours) < 1 / 6:
        return Signal("time", round(gap_hours, 3), note="published within ten minutes")
    earlier = a.id if gap_hours > 0 else b.id
    weight = 2.5 if coarse else 3.5
    return Signal("time", round(gap_hours, 3), favours=earlier, weight=weight if earlier == a.id else -weight,
                  note=f"{earlier} was published {abs(gap_hours):.1f} h earlier")


@lru_cache(maxsize=4096)
def _outlet_pattern(outlet: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(outlet)}\b")


def _metadata_signals(a: Article, b: Article) -> list[Signal]:
    signals = []
    for src, dst in ((a, b), (b, a)):
        sign = 1 if src is a else -1
        if _norm_url(dst.canonical) and _norm_url(dst.canonical) == _norm_url(src.url):
            signals.append(Signal("canonical", dst.canonical, favours=src.id, weight=4.0 * sign,
                                  note=f"{dst.id} declares {src.id}'s URL as its canonical source"))
        outlet = src.outlet.strip()
        if src.outlet != dst.outlet and len(outlet) >= 3 and not re.search(r"\.\w{2,4}$|\d", outlet):
            if _outlet_pattern(outlet).search(dst.text):
                signals.append(Signal("credit", outlet, favours=src.id, weight=2.0 * sign,
                                      note=f"{dst.id} names {outlet}"))
    return signals


def _containment_signal(pair: Pair) -> Signal:
    # The copy is mostly inside its source; the source has more of its own.
    diff = pair.containment_b - pair.containment_a
    weight = max(-1.5, min(1.5, 4.0 * diff))
    favours = pair.a if diff > 0 else pair.b if diff < 0 else None
    return Signal("containment", round(diff, 4), favours=favours, weight=round(weight, 4),
                  note=f"{pair.a} is {pair.containment_a:.0%} reused, {pair.b} {pair.containment_b:.0%}")


def _spans(pair: Pair, article_id: str) -> list[tuple[int, int]]:
    if pair.a == article_id:
        return [(x.a_start, x.a_end) for x in pair.passages]
    return [(x.b_start, x.b_end) for x in pair.passages]


def _uncovered(pair: Pair, other: Pair, side: str) -> tuple[float, int]:
    """Share and number of characters of ``pair``'s passages on ``side`` outside ``other``'s."""
    mine, theirs = _spans(pair, side), _spans(other, side)
    total = sum(e - s for s, e in mine)
    if not total:
        return 0.0, 0
    inside = sum(max(0, min(e, e2) - max(s, s2)) for s, e in mine for s2, e2 in theirs)
    outside = max(0, total - inside)
    return outside / total, outside


def _lean(pair: Pair, by_id: dict[str, Article]) -> float:
    """Log-odds that ``pair.a`` is the source, from every signal but siblings."""
    a, b = by_id[pair.a], by_id[pair.b]
    signals = [_containment_signal(pair), *_metadata_signals(a, b)]
    time = _time_signal(a, b)
    if time is not None:
        signals.append(time)
    return sum(s.weight for s in signals)


def _partner(pair: Pair, article_id: str) -> str:
    return pair.b if pair.a == article_id else pair.a


def _toward(pair: Pair, article_id: str, lean: dict[int, float]) -> float:
    """Log-odds that ``article_id`` is the source in ``pair``."""
    value = lean[id(pair)]
    return value if pair.a == article_id else -value


def _reused_share(pair: Pair, article_id: str) -> float:
    return pair.containment_a if pair.a == article_id else pair.containment_b


def _closeness(pair: Pair, article_id: str) -> float:
    """How much of ``article_id`` the pair reuses, and how closely."""
    return _reused_share(pair, article_id) * pair.similarity


def _around(graph: nx.Graph, article_id: str) -> dict[str, Pair]:
    """The article's partners and the pair shared with each."""
    return {other: edge["pair"] for other, edge in graph.adj[article_id].items()}


def centrality(graph: nx.Graph) -> dict[str, float]:
    """Mean closeness of each article's partners to it: the medoid is the likely source.

    A source holds what each of its copies took, in the form they took it;
    each copy's own edits are its own. So the source is, on average, closest
    to everyone it shares text with (as in textual criticism, the original
    reading is the one the witnesses agree on).
    """
    central = {}
    for art in graph.nodes:
        around = _around(graph, art)
        central[art] = sum(_closeness(p, other) for other, p in around.items()) / len(around) if around else 0.0
    return central


def _parents(graph: nx.Graph, central: dict[str, float], lean: dict[int, float]) -> dict[str, str]:
    """Each article's most likely parent: its most central partner that could be its source.

    Candidates are partners more central than the article (the source of a
    cluster is its medoid, see :func:`centrality`) that no signal shows to be
    derived from it (a later publication time, a canonical link pointing the
    other way). The most central article of a cluster has no parent.
    """

    level = {art: round(value, 4) for art, value in central.items()}
    parents = {}
    for art in graph.nodes:
        above = [
            other
            for other, pair in _around(graph, art).items()
            if level[other] > level[art] and _toward(pair, other, lean) >= -SOURCE_MARGIN
        ]
        if above:
            top = max(level[other] for other in above)
            best = [other for other in above if level[other] == top]
            if len(best) == 1:  # a tie (identical copies) names no parent: abstain
                parents[art] = best[0]
    return parents


def _explanations(pairs: list[Pair], lean: dict[int, float]) -> dict[int, str]:
    """Pairs whose shared text comes through a third article: ``id(pair) -> z``.

    A pair (x, y) that is not a parent link is explained by z, the parent of
    x (or of y), when z holds at least ``SIBLING_COVER`` of what x and y
    share on that side, and no signal shows z to be derived from the other
    article. x and y then took the same text from z (siblings, or a chain
    through z) and share too little of their own to be linked directly. Text
    an article shares with a partner and not with its parent (an addition of
    one that the other repeats, or a second source) keeps the pair a link.
    """
    graph = pair_graph(pairs)
    parents = _parents(graph, centrality(graph), lean)
    explained: dict[int, str] = {}
    for pair in pairs:
        x, y = pair.a, pair.b
        if parents.get(x) == y or parents.get(y) == x:
            continue
        for side, other in ((x, y), (y, x)):
            z = parents.get(side)
            if z is None:
                continue
            if graph.has_edge(other, z) and _toward(graph[other][z]["pair"], z, lean) < -SOURCE_MARGIN:
                continue  # z came after the other article: it cannot be their common source
            share, _ = _uncovered(pair, graph[side][z]["pair"], side)
            if share <= 1 - SIBLING_COVER:
                explained[id(pair)] = z
                break
    return explained


def _confidence(log_odds: float) -> float:
    return 1 / (1 + math.exp(-abs(log_odds)))


def _decide(pair: Pair, a: Article, b: Article, via: str | None) -> Direction:
    evidence: list[Signal] = []
    time = _time_signal(a, b)
    if time is not None:
        evidence.append(time)
    evidence.extend(_metadata_signals(a, b))
    credits_a, credits_b = wire_credits(a.text), wire_credits(b.text)
    common_wires = sorted(credits_a & credits_b)
    if common_wires:
        evidence.append(Signal("wire-credit", ", ".join(common_wires), note="both credit the same wire"))
    evidence.append(_containment_signal(pair))
    evidence.sort(key=lambda sig: -abs(sig.weight))  # strongest first; what is unknown last
    strong = sum(s.weight for s in evidence if s.name in {"time", "canonical", "credit"})
    text_only = sum(s.weight for s in evidence if s.name == "containment")

    if pair.kind is ReuseKind.SHARED_QUOTES:
        evidence.insert(0, Signal("shared-quotes", 1.0, note="the only shared text is the same quotations"))
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, tuple(evidence))
    if via is not None and not any(s.name in {"canonical", "credit"} for s in evidence):
        evidence.insert(0, Signal("sibling", via, note=f"what they share is also in {via}, and neither repeats the other's changes"))
        return Direction(Relation.COMMON_SOURCE, None, None, TEXT_ONLY_CAP, tuple(evidence))
    if common_wires and not any(s.name in {"canonical", "credit"} for s in evidence):
        return Direction(Relation.COMMON_SOURCE, None, None, 0.7, tuple(evidence))

    if strong:
        log_odds = strong + text_only
        confidence = min(0.98, _confidence(log_odds))
    else:
        log_odds = text_only
        confidence = min(TEXT_ONLY_CAP, _confidence(log_odds))
    if confidence < MIN_COPY_CONFIDENCE or log_odds == 0:
        return Direction(Relation.UNDETERMINED, None, None, round(confidence, 3), tuple(evidence))
    source, derived = (a.id, b.id) if log_odds > 0 else (b.id, a.id)
    return Direction(Relation.COPIED, source, derived, round(confidence, 3), tuple(evidence))


def infer_directions(articles: Sequence[Article], pairs: list[Pair]) -> list[Pair]:
    """Return ``pairs`` with each pair's ``direction`` filled in.

    Parameters
    ----------
    articles
        Every article of the scan (metadata and text are read).
    pairs
        The aligned pairs.
    """
    by_id = {a.id: a for a in articles}
    lean = {id(p): _lean(p, by_id) for p in pairs}
    explained = _explanations(pairs, lean)
    return [
        replace(pair, direction=_decide(pair, by_id[pair.a], by_id[pair.b], explained.get(id(pair))))
        for pair in pairs
    ]
