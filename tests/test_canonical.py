"""Canonical links and the addresses pages state: a page that declares another's address took it from there; one at
its own address, or at a home page, names no other page."""

import pytest

import reuse
from reuse.model import Article
from stories import CREDITED_STORY, LEDGER_URL, SENTENCES, WIRE


@pytest.mark.parametrize(
    ("canonical", "names_a"),
    [("https://site.example/story.php?id=101&utm_source=feed", True), ("https://www.site.example/story.php?id=202", False)],
    ids=["same-page", "another-page"],
)
def test_a_canonical_link_names_a_page_by_its_query_too(canonical, names_a):
    a = Article("a.txt", WIRE, "Site", url="https://site.example/story.php?id=101")
    b = Article("b.txt", WIRE, "Other", canonical=canonical)
    (pair,) = reuse.scan_articles([a, b]).pairs
    assert any(s.name == "canonical" for s in pair.direction.evidence) is names_a


@pytest.mark.parametrize("scheme", ["https://", ""])
def test_a_canonical_link_to_an_address_written_without_its_scheme_still_names_the_page(scheme):
    """The loader takes "site.example/news/1" as a URL (its domain names the outlet); the canonical link to it was not
    read as one (found by a review)."""
    a = Article("a.txt", WIRE, "Site", url=f"{scheme}site.example/news/1")
    b = Article("b.txt", WIRE, "Other", url=f"{scheme}other.example/x/2", canonical="site.example/news/1")
    (pair,) = reuse.scan_articles([a, b]).pairs
    assert (pair.direction.source, pair.direction.derived) == ("a.txt", "b.txt")
    assert any(s.name == "canonical" and s.favours == "a.txt" for s in pair.direction.evidence)


def test_a_page_that_states_no_url_of_its_own_is_not_given_its_canonical_link_as_one(tmp_path):
    """A scraper's canonical to the original became its URL: the two canonical signals cancelled, its outlet became
    the original's domain, and its earlier (forged) time made it the source at 0.97."""
    url = "https://www.theguardian.com/business/2025/jul/07/thames"
    body = "".join(f"<p>{s}</p>" for s in SENTENCES * 2)
    (tmp_path / "guardian.html").write_text(
        f'<html><head><meta property="og:site_name" content="The Guardian"><meta property="og:url" content="{url}">'
        f'<link rel="canonical" href="{url}"><meta property="article:published_time" content="2025-07-07T05:00:00+01:00">'
        f"</head><body><article>{body}</article></body></html>", encoding="utf-8")
    (tmp_path / "scraper.html").write_text(
        f'<html><head><link rel="canonical" href="{url}"><meta property="article:published_time" content="2025-07-07T02:00:00+01:00">'
        f"</head><body><article>{body}</article></body></html>", encoding="utf-8")
    result = reuse.scan(tmp_path)
    scraper = next(a for a in result.articles if a.id == "scraper.html")
    assert (scraper.url, scraper.canonical, scraper.outlet) == (None, url, "scraper")
    (pair,) = result.pairs
    assert (pair.direction.relation.value, pair.direction.source) == ("copied", "guardian.html")


def _page(path, body, *, url=None, canonical=None, site=None, published=None):
    head = "".join([
        f'<meta property="og:site_name" content="{site}">' if site else "",
        f'<meta property="og:url" content="{url}">' if url else "",
        f'<link rel="canonical" href="{canonical}">' if canonical else "",
        f'<meta property="article:published_time" content="{published}">' if published else "",
    ])
    path.write_text(f"<html><head>{head}</head><body><article>{body}</article></body></html>", encoding="utf-8")


def test_a_copy_that_took_the_pages_head_is_still_the_copy(tmp_path):
    """A scraper copied the Ledger's og:url and canonical link and is stamped two hours earlier: a page's canonical
    link to its own address is no evidence, and the address is the Ledger's, whose site it is on."""
    body = "".join(f"<p>{s}</p>" for s in SENTENCES * 2)
    _page(tmp_path / "ledger.html", body, url=LEDGER_URL, canonical=LEDGER_URL, site="Riverton Ledger", published="2025-07-07T05:00:00+00:00")
    _page(tmp_path / "scraper.html", body, url=LEDGER_URL, canonical=LEDGER_URL, site="NewsNow247", published="2025-07-07T03:00:00+00:00")
    (pair,) = reuse.scan(tmp_path).pairs
    direction = pair.direction
    assert (direction.relation.value, direction.source) == ("copied", "ledger.html")
    canonical = [s for s in direction.evidence if s.name == "canonical"]
    assert [(s.favours, s.note) for s in canonical] == [
        ("ledger.html", f"both give {LEDGER_URL} as their address, a page of Riverton Ledger, ledger.html's outlet")]


def test_a_page_with_only_its_own_canonical_link_stands_at_that_address(tmp_path):
    """The Ledger's page gives no og:url, only a canonical link to itself; a scraper with its own address declares
    the Ledger's as canonical and is stamped two hours earlier: the canonical link names the source."""
    body = "".join(f"<p>{s}</p>" for s in SENTENCES * 2)
    _page(tmp_path / "ledger.html", body, canonical=LEDGER_URL, published="2025-07-07T05:00:00+00:00")
    _page(tmp_path / "scraper.html", body, url="https://newsnow247.example/bridge", canonical=LEDGER_URL, site="NewsNow247",
          published="2025-07-07T03:00:00+00:00")
    (pair,) = reuse.scan(tmp_path).pairs
    direction = pair.direction
    assert (direction.relation.value, direction.source, direction.derived) == ("copied", "ledger.html", "scraper.html")
    assert [s.favours for s in direction.evidence if s.name == "canonical"] == ["ledger.html"]


def test_a_canonical_link_to_a_pages_amp_address_names_that_page(tmp_path):
    body = "".join(f"<p>{s}</p>" for s in SENTENCES * 2)
    _page(tmp_path / "ledger.html", body, url=LEDGER_URL, site="Riverton Ledger", published="2025-07-07T05:00:00+00:00")
    amp = LEDGER_URL.replace("www.", "amp.") + "/amp"
    _page(tmp_path / "scraper.html", body, url="https://newsnow247.example/bridge", canonical=amp, site="NewsNow247",
          published="2025-07-07T03:00:00+00:00")
    (pair,) = reuse.scan(tmp_path).pairs
    assert [s.favours for s in pair.direction.evidence if s.name == "canonical"] == ["ledger.html"]
    assert (pair.direction.relation.value, pair.direction.source) == ("copied", "ledger.html")


def test_a_canonical_link_to_the_home_page_makes_no_two_stories_one_page():
    """A site's template pointing every page's canonical link at its home page: two of its wire stories, saved without an
    address of their own, were 'two versions of one page', copied by time at 0.97 (found by a review)."""
    home = "https://ledger.example/"
    first = Article("story-1", CREDITED_STORY, "Ledger", published="2025-05-27T09:00:00Z", canonical=home)
    second = Article("story-2", CREDITED_STORY + " Gilts rallied after the decision.", "Ledger", published="2025-05-27T11:00:00Z",
                     canonical=home)
    (pair,) = reuse.scan_articles([first, second]).pairs
    assert "same-page" not in {s.name for s in pair.direction.evidence}, pair.direction
    assert pair.direction.relation.value == "common-source"
