"""Scanning a handful of hand-written articles, and the test every script's story passes: a copy and a rewrite found, other reports not."""

from __future__ import annotations

import reuse
from reuse import Article, ReuseKind


def scan_pairs(texts: dict[str, str]) -> dict[frozenset[str], reuse.Pair]:
    """The pairs a scan of ``{name: text}`` reports, by their two names (each article's outlet is its name)."""
    articles = [Article(id=name, text=text, outlet=name.split(".")[0]) for name, text in texts.items()]
    return {frozenset((p.a, p.b)): p for p in reuse.scan_articles(articles).pairs}


def assert_copy_and_rewrite_only(source: str, copy: str, rewrite: str, same_story: str, same_topic: str) -> None:
    """The copy is a whole verbatim pair, the rewrite a rewrite of most of both texts; the other report of the story and the other story pair with nothing."""
    pairs = scan_pairs({"wire.txt": source, "copy.txt": copy, "rewrite.txt": rewrite, "report.txt": same_story, "prices.txt": same_topic})
    found = pairs[frozenset(("wire.txt", "copy.txt"))]
    assert found.kind is ReuseKind.VERBATIM
    assert min(found.containment_a, found.containment_b) > 0.9
    found = pairs[frozenset(("wire.txt", "rewrite.txt"))]
    assert found.kind in (ReuseKind.LIGHT_REWRITE, ReuseKind.HEAVY_REWRITE)
    # The rewrite's passages cover most of its text on both sides, not a few shared names.
    assert min(found.containment_a, found.containment_b) > 0.6
    for name in ("report.txt", "prices.txt"):
        assert not [key for key in pairs if name in key], f"{name} was paired"
