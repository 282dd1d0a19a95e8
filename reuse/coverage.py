"""How much of what two texts share a third text explains: spans of aligned passages and their overlap.

Two texts that both share text with a third may have what they share from
it. What they share that neither's alignment with the third covers is
unexplained by it: a shared innovation in extent (a sentence both added, or
both took from a fuller original the third only extracts), which only
descent of one from the other, or from a text the corpus lacks, explains.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Pair
from .text import word_count

__all__ = ["covered_chars", "merged", "side_spans", "unexplained_words"]

Spans = list[tuple[int, int]]


def merged(spans: Iterable[tuple[int, int]]) -> Spans:
    """Spans sorted and merged where they overlap.

    >>> merged([(5, 9), (0, 3), (2, 4)])
    [(0, 4), (5, 9)]
    """
    out: Spans = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def side_spans(pair: Pair, side: str) -> Spans:
    """The merged spans of ``pair``'s passages in the text of ``side`` (one of ``pair.a``, ``pair.b``)."""
    return merged((p.a_start, p.a_end) if pair.a == side else (p.b_start, p.b_end) for p in pair.passages)


def covered_chars(mine: Spans, theirs: Spans) -> int:
    """Characters of the merged spans ``mine`` inside the merged spans ``theirs``.

    >>> covered_chars([(0, 10), (20, 30)], [(5, 25)])
    10
    """
    return sum(max(0, min(e, e2) - max(s, s2)) for s, e in mine for s2, e2 in theirs)


def _words_outside(text: str, start: int, end: int, cover: Spans) -> int:
    """Words of ``text[start:end]`` outside the merged spans ``cover``.

    >>> _words_outside("one two three four five", 0, 23, [(4, 13)])
    3
    """
    count, cursor = 0, start
    for s, e in cover:
        if e <= cursor or s >= end:
            continue
        if s > cursor:
            count += word_count(text[cursor:s])
        cursor = max(cursor, e)
    if cursor < end:
        count += word_count(text[cursor:end])
    return count


def unexplained_words(pair: Pair, texts: dict[str, str], cover: dict[str, Spans]) -> tuple[int, int]:
    """Words ``pair`` shares that the third text explains on neither side, and the words it shares.

    ``cover[side]`` is the merged spans of ``side``'s alignment with the
    third text. A passage's unexplained words are the fewer of its two
    sides' words outside that side's cover (an upper bound on the text both
    sides hold and the third lacks: a word one side has from the third does
    not make the passage new on the other). The words shared are counted
    on ``pair.a``'s side.
    """
    unexplained = shared = 0
    for p in pair.passages:
        outside_a = _words_outside(texts[pair.a], p.a_start, p.a_end, cover[pair.a])
        outside_b = _words_outside(texts[pair.b], p.b_start, p.b_end, cover[pair.b])
        unexplained += min(outside_a, outside_b)
        shared += word_count(texts[pair.a][p.a_start:p.a_end])
    return unexplained, shared
