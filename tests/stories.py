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


#: :data:`SENTENCES` as one text: the wire story the outlets' copies and edits start from.
WIRE = " ".join(SENTENCES)

#: A Reuters story under its dateline credit, which copies carry.
CREDITED_STORY = (
    "LONDON (Reuters) - The Bank of England kept interest rates unchanged on Thursday, saying inflation was falling "
    "faster than it had expected in the spring but that wage growth remained too strong for comfort. Governor Andrew "
    "Bailey told reporters the committee wanted more evidence before cutting borrowing costs, and that markets had "
    "moved too far in pricing several cuts next year. Sterling rose half a cent against the dollar after the decision, "
    "while shares of the big high street lenders fell. Economists polled last week had expected the central bank to "
    "hold rates, though two members of the committee voted for an immediate reduction of a quarter point. The bank "
    "said it would publish new forecasts in its next quarterly report and repeated that policy would need to stay "
    "restrictive for some time. Retailers have complained that high rates are choking demand ahead of the busy season."
)


#: A story twice as long as :data:`WIRE`, for a text and its copy that must pair whole.
STORY = " ".join(SENTENCES * 2)


def verdict(*articles):
    """``(relation, source, derived, confidence)`` of the one pair a scan of ``articles`` finds."""
    (pair,) = reuse.scan_articles(list(articles)).pairs
    d = pair.direction
    return d.relation.value, d.source, d.derived, d.confidence


#: The address of a local paper's page.
LEDGER_URL = "https://www.rivertonledger.com/news/2025/07/07/bridge"


#: Another local story, one sentence each: text of an outlet's own around a passage it shares.
HARBOUR = [
    "The harbour board met on Thursday to review plans for a new ferry terminal on the eastern quay.",
    "Members heard that the existing pier needs urgent repairs after last winter's storms damaged its timber supports.",
    "A consultant told the meeting that passenger numbers had doubled since the summer timetable began in May.",
    "Fishing crews asked the board to keep a berth free for their boats during the busy morning hours.",
    "The board will publish a full report on the terminal and its costs before the end of the autumn.",
    "Shopkeepers near the quay said they welcomed the plans but feared months of noise from the building work.",
    "The lifeboat station asked for a clear channel so that its crew can launch at any state of the tide.",
    "A petition signed by four hundred islanders calls for cheaper winter fares for residents and students.",
    "Engineers from the county council surveyed the seabed last month and found it firm enough for new piles.",
    "The board's chairman said a decision on the contractor would be taken at the December meeting.",
    "Tourism officials expect the new terminal to bring more day visitors from the mainland each summer.",
    "Parking near the quay will be reorganised, with a new drop-off area beside the old customs house.",
]
