"""Hand-written stories for the tests: a local wire story in sentences (``SENTENCES``) to edit, scanning a handful of
articles, and the test every script's story passes: a copy and a rewrite found, other reports not."""

from __future__ import annotations

import reuse
from reuse import Article, ReuseKind


#: A local news story, one sentence each, that tests copy, extract and edit (:func:`edit`).
SENTENCES = [
    "The city council voted on Tuesday to close the old river bridge to heavy lorries after engineers found deep cracks in two of its supporting piers.",
    "Officials said the bridge, built in 1931, would remain open to cars and bicycles while a full inspection is carried out over the coming months.",
    "Local businesses warned that the ban would force delivery vans onto a long detour through the northern industrial estate and add hours to their journeys.",
    "The mayor told reporters that safety had to come first and promised that repairs would begin before the end of the year if funding is approved.",
    "A spokesman for the regional transport authority said it was studying plans for a temporary crossing downstream of the town centre.",
    "Residents who live near the bridge have complained for years about noise and vibration from the lorries that cross it every night.",
    "Engineers will present a detailed report to the council in March, including an estimate of the cost of strengthening the piers.",
]


def edit(text: str, changes) -> str:
    """``text`` with each ``(old, new)`` of ``changes`` replaced (each ``old`` must be in it)."""
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    return text


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
