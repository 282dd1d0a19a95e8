"""Versions of one page (an update, a correction) and copies of them: updates, not copies, and never siblings of their
first version."""

from dataclasses import replace

import pytest

import reuse
from reuse.model import Article
from stories import CREDITED_STORY, LEDGER_URL, SENTENCES, STORY, verdict


def test_two_versions_of_one_page_are_said_to_be_an_update():
    """A page scanned twice (an update) read as another outlet's copy of it."""
    url = "https://news.example.com/2025/bridge"
    first = Article("v1", STORY, "Example News", url=url, published="2025-03-10T08:00:00Z")
    update = Article("v2", STORY + " The council will meet again on Friday.", "Example News", url=url + "?utm_source=rss",
                     published="2025-03-10T11:00:00Z")
    (pair,) = reuse.scan_articles([first, update]).pairs
    assert (pair.direction.relation.value, pair.direction.source) == ("copied", "v1")
    signal = pair.direction.evidence[0]
    assert signal.name == "same-page" and "the later updates the earlier" in signal.note
    other = Article("v3", STORY, "Other Daily", url="https://other.example/bridge", published="2025-03-10T11:00:00Z")
    (pair,) = reuse.scan_articles([first, other]).pairs
    assert not [s for s in pair.direction.evidence if s.name == "same-page"]


def test_two_pages_at_one_url_are_a_page_of_the_outlet_whose_site_it_is_on():
    """A feed's copy that took the Ledger's URL (no canonical link of its own), stamped earlier: the address is the
    Ledger's, whichever page declares a canonical link."""
    text = " ".join(SENTENCES)
    ledger = Article("ledger.txt", text, "Riverton Ledger", url=LEDGER_URL, canonical=LEDGER_URL, published="2025-07-07T05:00:00Z")
    scraper = Article("scraper.txt", text, "NewsNow247", url=LEDGER_URL, published="2025-07-07T03:00:00Z")
    for pair in (ledger, scraper), (scraper, ledger):
        assert verdict(*pair)[:3] == ("copied", "ledger.txt", "scraper.txt")


def test_a_copy_of_an_update_descends_from_the_update_not_the_first_version():
    """The second paper changed a phrase of the first's story and added a paragraph (7% of it); a third ran the
    second's text word for word. The third had been called the second's sibling, pinned on the first: the paragraph
    they share and the first lacks shows where it came from."""
    first = " ".join(SENTENCES) + "\n" + CREDITED_STORY.removeprefix("LONDON (Reuters) - ")
    update = first.replace("half a cent", "almost a cent", 1) + (
        "\nLate on Thursday evening, several hundred protesters gathered outside the central bank and a group of young "
        "traders sprayed paint on its walls.")
    articles = [
        Article("v1.txt", first, "Le Journal", published="2025-03-03T09:00:00Z"),
        Article("v2.txt", update, "Second Paper", published="2025-03-03T18:00:00Z"),
        Article("other.txt", update, "Other Paper", published="2025-03-03T19:00:00Z"),
    ]
    result = reuse.scan_articles(articles)
    found = {frozenset((p.a, p.b)): p.direction for p in result.pairs}
    copy = found[frozenset(("v2.txt", "other.txt"))]
    assert (copy.relation.value, copy.source, copy.derived) == ("copied", "v2.txt", "other.txt")
    assert {(link.source, link.derived) for link in result.outlets} == {("Le Journal", "Second Paper"), ("Second Paper", "Other Paper")}


def test_versions_of_one_wire_page_are_updates_not_copies_of_the_wire():
    """Three versions of one agency page, each under its credit: read as copies of the wire, they were reported
    common-source (found by a review). The later took the earlier's text."""
    url = "https://www.reuters.com/markets/boe-3"
    versions = [
        Article(f"v{k}", CREDITED_STORY + extra, "Reuters", url=url, published=f"2025-05-27T{hour}:00:00Z")
        for k, (extra, hour) in enumerate([("", "08"), (" The pound later fell back.", "10"), (" The pound later fell back. Gilts rallied.", "14")], 1)
    ]
    found = {(p.a, p.b): p.direction for p in reuse.scan_articles(versions).pairs}
    assert len(found) == 3
    for (a, b), direction in found.items():
        assert (direction.relation.value, direction.source, direction.derived) == ("copied", a, b), direction
        assert [s.name for s in direction.evidence[:2]] == ["same-page", "time"]
        assert direction.confidence >= 0.9


@pytest.mark.parametrize("times", [(None, None), ("2025-05-27T12:05:00Z", "2025-05-27T12:05:00Z")], ids=["no-times", "same-time"])
def test_two_versions_of_one_page_that_nothing_orders_are_undetermined(times):
    """An update adds to its page, so the text took the fuller version for the source: an update made the original's
    source at 0.69 when both versions gave one publication time (found by a review)."""
    url = "https://ledger.example/economy/boe"
    first = Article("v1.txt", STORY, "Daily Ledger", url=url, published=times[0])
    update = Article("v2.txt", STORY + " Gilts rallied after the decision, and the pound fell back.", "Daily Ledger", url=url, published=times[1])
    (pair,) = reuse.scan_articles([first, update]).pairs
    assert pair.direction.relation.value == "undetermined" and pair.direction.evidence[0].name == "same-page"


def test_versions_of_one_page_known_by_their_canonical_link_are_ordered_by_their_times_of_modification():
    """Two saved versions of a page giving no address of their own (only a canonical link) and one publication time:
    the update, named by its later time of modification, was made the original's source by containment (0.70)."""
    url = "https://ledger.example/economy/boe"
    first = Article("v1.html", STORY, "Daily Ledger", published="2025-05-27T09:00:00Z", canonical=url)
    update = Article("v2.html", STORY + " Gilts rallied after the decision, and the pound fell back.", "Daily Ledger",
                     published="2025-05-27T09:00:00Z", canonical=url + "/", modified="2025-05-27T15:30:00Z")
    (pair,) = reuse.scan_articles([first, update]).pairs
    assert (pair.direction.relation.value, pair.direction.source, pair.direction.derived) == ("copied", "v1.html", "v2.html")
    assert [s.name for s in pair.direction.evidence[:2]] == ["same-page", "modified"]
    assert "v1.html was last modified 6.5 h earlier" in pair.direction.evidence[1].note
    assert pair.direction.confidence < 0.99
    unordered = replace(update, modified=None)
    (pair,) = reuse.scan_articles([first, unordered]).pairs
    assert pair.direction.relation.value == "undetermined" and pair.direction.evidence[0].name == "same-page"
    elsewhere = replace(update, outlet="Other Daily")  # a copy declaring the original's canonical link is no version of it
    (pair,) = reuse.scan_articles([first, elsewhere]).pairs
    assert "same-page" not in {s.name for s in pair.direction.evidence}


def test_an_update_of_a_wire_story_is_one_take_of_it_and_the_tree_follows_the_versions():
    """An agency's story and two versions of a client's page of it (one publication time, modified 10:15 and 13:45):
    'France 24 ran 2 copies of 1 AFP wire story', and the update's verdict read 'in the cluster's tree, v2 is the parent
    of v1' (found by a review)."""
    url = "https://f24.example/kremlin-swap"
    afp = Article("afp", CREDITED_STORY.replace("(Reuters)", "(AFP)"), "AFP", published="2025-05-27T09:55:00Z")
    v1 = Article("v1.html", afp.text, "France 24", published="2025-05-27T10:12:00Z", canonical=url, modified="2025-05-27T10:15:00Z")
    v2 = Article("v2.html", afp.text + " Talks resume next week, an aide said. The swap list is not final yet.", "France 24",
                 published="2025-05-27T10:12:00Z", canonical=url, modified="2025-05-27T13:45:00Z")
    result = reuse.scan_articles([afp, v1, v2])
    (link,) = result.outlets
    assert (link.source, link.derived, link.articles, link.pairs) == ("AFP", "France 24", 1, (("afp", "v1.html"),))
    update = next(p for p in result.pairs if {p.a, p.b} == {"v1.html", "v2.html"})
    assert (update.direction.relation.value, update.direction.source) == ("copied", "v1.html")
    assert not [s for s in update.direction.evidence if s.name == "stemma" and s.favours == "v2.html"], update.direction.evidence


def test_an_update_of_a_wire_page_gives_no_sibling_reasons():
    """Copied from the earlier version, the verdict listed 'both credit the same wire, and the text does not show one
    repeating the other's own changes', an argument for another verdict (found by a review)."""
    url = "https://ledger.example/economy/boe"
    v1 = Article("v1.txt", CREDITED_STORY, "Daily Ledger", url=url, published="2025-05-27T08:00:00Z")
    v2 = Article("v2.txt", CREDITED_STORY + " Gilts rallied.", "Daily Ledger", url=url, published="2025-05-27T11:00:00Z")
    (pair,) = reuse.scan_articles([v1, v2]).pairs
    assert (pair.direction.relation.value, pair.direction.source) == ("copied", "v1.txt")
    assert not {"wire-credit", "sibling", "twins"} & {s.name for s in pair.direction.evidence}


def test_a_word_for_word_copy_of_a_pages_update_is_no_sibling_of_its_first_version(tmp_path, samples_dir):
    """A page, its update (the same URL, two paragraphs added), a copy of each, the update's copy stamped without a
    time zone. The update and its copy read as siblings "what they share is also in gazette-v1, gazette-v2's source",
    though gazette-v1 lacks the added paragraphs they share; then "72% of what they share is also in gazette-v1 ...
    and neither repeats the other's changes", though the copy repeats them all (found by two reviews). Two copies of
    one text share nothing the first version's alignment could miss: it must hold all of it."""
    import shutil
    from pathlib import Path

    for f in samples_dir.iterdir():
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(Path(__file__).parent / "fixtures" / "update" / "feed.jsonl", tmp_path / "feed.jsonl")
    (pair,) = [p for p in reuse.scan(tmp_path).pairs if {p.a, p.b} == {"gazette-v2", "hubnews"}]
    assert pair.containment_a == pair.containment_b == 1.0
    assert pair.direction.relation.value != "common-source"
    assert not any(s.name == "sibling" for s in pair.direction.evidence)


def test_a_copy_of_a_pages_update_is_not_the_source_of_the_first_version(tmp_path, samples_dir):
    """The copy of an update (stamped without a time zone, so no time orders it) holds the paragraphs the update added,
    so it looked like the fuller original of the first version: "Metro Gazette ran 1 of Hub News's articles verbatim"
    (found by a review). It holds the same text as the update, which descends from the first version."""
    import shutil
    from pathlib import Path

    from reuse.report import render_text

    for f in samples_dir.iterdir():
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(Path(__file__).parent / "fixtures" / "update" / "feed.jsonl", tmp_path / "feed.jsonl")
    result = reuse.scan(tmp_path)
    (pair,) = [p for p in result.pairs if {p.a, p.b} == {"gazette-v1", "hubnews"}]
    assert pair.direction.source != "hubnews"
    assert pair.direction.evidence[0].name == "twins" and pair.direction.evidence[0].value == "gazette-v2"
    assert "ran 1 of Hub News's articles" not in " ".join(render_text(result).split())
