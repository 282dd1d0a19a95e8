"""HTML pages (reuse.webpage): the article's main text without page junk or consent notices, its outlet, times and
byline; nothing is ever fetched."""

from __future__ import annotations

import json
import shutil

import pytest

from reuse.load import load_articles
from reuse.model import Skipped

from loading import FIXTURES, by_id, only, write


def test_html_main_text_without_page_junk(tmp_path, html_backend, no_network):
    shutil.copy(FIXTURES / "junk_page.html", tmp_path / "page.html")
    result = load_articles(tmp_path)
    art = only(result)
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0] == "Kremlin says prisoner swap on track"
    assert paragraphs[1].startswith("The Kremlin on Tuesday dismissed concerns")
    assert paragraphs[-1].endswith("no date had been set for the exchange itself.")
    assert len(paragraphs) == 4
    for junk in ("SCRIPTJUNK", "STYLEJUNK", "NAVJUNK", "MENUJUNK", "ASIDEJUNK", "FOOTERJUNK", "MORESCRIPTJUNK"):
        assert junk not in art.text
    assert art.title == "Kremlin says prisoner swap on track"
    assert art.outlet == "Daily Planet"
    assert art.url == "https://www.dailyplanet.example/world/swap"
    assert art.canonical == "https://wire.example/stories/kremlin-swap"
    assert art.published == "2025-05-27T10:00:00Z"
    fallback = [w for w in result.warnings if "built-in extractor" in w]
    assert len(fallback) == (html_backend == "builtin")


def test_html_in_greek(tmp_path, html_backend, no_network):
    shutil.copy(FIXTURES / "greek_page.htm", tmp_path / "greek_page.htm")
    art = only(load_articles(tmp_path))
    assert art.text.startswith("Νέα μέτρα για την οικονομία\n\nΗ κυβέρνηση ανακοίνωσε σήμερα")
    assert "NAVJUNK" not in art.text and "FOOTERJUNK" not in art.text
    assert (art.outlet, art.published) == ("Η Καθημερινή Εφημερίδα", "2025-03-01")
    assert art.canonical == "https://www.kathimerini.example/economy/1"


def test_html_without_main_text_is_skipped(tmp_path, html_backend):
    shutil.copy(FIXTURES / "no_text.html", tmp_path / "no_text.html")
    assert load_articles(tmp_path).skipped == (Skipped("no_text.html", NO_TEXT),)


#: Why a page with no article is skipped, and the fix: a scraper that saved the page before a script wrote its text.
NO_TEXT = ("no main text found in the HTML: if a browser shows an article there, save the page once it has loaded "
           "(a script may write its text)")
FURNITURE = ("no main text found in the HTML (only page furniture, such as a cookie notice or a paywall): save the page "
             "as a reader who can see the article")


def test_a_page_whose_only_text_is_its_headline_is_skipped(tmp_path, html_backend):
    """A page saved before its script wrote the article holds its headline only: it was read as an article of three
    words and listed among those that share nothing, as if it had been read."""
    write(tmp_path, "shell.html", "<html><head><title>Breaking: Kremlin swap</title></head><body><h1>Breaking: Kremlin swap</h1>"
                                  '<div id="app"></div></body></html>')
    write(tmp_path, "titled.html", "<html><head><title>Kremlin swap - The Times</title></head><body><h1>Kremlin swap</h1></body></html>")
    # A brief: its headline and a sentence of its own.
    write(tmp_path, "brief.html", "<html><head><title>Kremlin swap</title></head><body><article><h1>Kremlin swap</h1>"
                                  "<p>The Kremlin said the prisoner swap was on track.</p></article></body></html>")
    # A bar in the headline: the headlines were joined, and split again, at bars, so the page was read as an article.
    write(tmp_path, "live.html", "<html><head><title>Live | Kremlin swap on track</title></head><body>"
                                 "<h1>Live | Kremlin swap on track</h1></body></html>")
    # The headline and a byline (and a date): a scrap of five words was read as an article.
    write(tmp_path, "signed.html", "<html><head><title>Swap on track</title></head><body><h1>Swap on track</h1><p>By Jane Doe</p></body></html>")
    write(tmp_path, "dated.html", '<html><head><title>Swap on track - The Times</title></head><body><article><h1>Swap on track</h1>'
                                  '<p class="byline">Von Hans Meier</p><p>27. Mai 2025, 09:40</p></article></body></html>')
    # Briefs with a byline stay articles: one sentence, or a byline-like opening that is a sentence.
    write(tmp_path, "signed-brief.html", "<html><head><title>Kremlin swap</title></head><body><article><h1>Kremlin swap</h1>"
                                         "<p>By Jane Doe</p><p>The swap is on track, the Kremlin said.</p></article></body></html>")
    write(tmp_path, "by-tuesday.html", "<html><head><title>Kremlin swap</title></head><body><article><h1>Kremlin swap</h1>"
                                       "<p>By Tuesday, the swap was done.</p></article></body></html>")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["brief.html", "by-tuesday.html", "signed-brief.html"]
    reason = "no main text found in the HTML, only its headline: if a browser shows an article there, save the page once it has loaded (a script may write its text)"
    signed = reason.replace("only its headline", "only its headline and byline")
    assert result.skipped == (Skipped("dated.html", signed), Skipped("live.html", reason), Skipped("shell.html", reason),
                              Skipped("signed.html", signed), Skipped("titled.html", reason))


@pytest.mark.parametrize("reference", ["&#11;", "&#12;", "&#7;", "&#x1b;", "&#0;"])
def test_a_control_character_reference_does_not_drop_the_page(tmp_path, html_backend, reference):
    """trafilatura found no text in a page holding one (a vertical tab pasted from a word processor)."""
    body = "<p>The minister said on Tuesday that the new budget would cut spending on roads across the country.</p>" * 3
    page = f"<html><head><title>Budget</title></head><body><article>{body}<p>Critics said it was unfair{reference} to farmers&#146; unions.</p></article></body></html>"
    write(tmp_path, "a.html", page)
    assert only(load_articles(tmp_path)).text.endswith("Critics said it was unfair to farmers’ unions.")


def test_html_never_fetches_even_when_it_looks_like_a_url(tmp_path, html_backend, no_network):
    write(tmp_path, "link.html", "https://example.com/2025/05/27/story.html")
    result = load_articles(tmp_path)
    assert [art.text for art in result.articles] + [s.path for s in result.skipped] in (
        ["https://example.com/2025/05/27/story.html"],
        ["link.html"],
    )


def test_html_outlet_falls_back_to_domain_then_file_name(tmp_path, html_backend):
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    write(tmp_path, "a.html", f'<html><head><meta property="og:url" content="https://www.Site.example/a">'
                              f"</head><body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "b.html", f"<html><body><article>{body}</article></body></html>")
    arts = by_id(load_articles(tmp_path))
    assert (arts["a.html"].outlet, arts["b.html"].outlet) == ("site.example", "b")
    assert arts["b.html"].published is None and arts["b.html"].canonical is None


def test_an_html_pages_time_in_json_ld_is_kept_to_the_minute(tmp_path, html_backend):
    """Many news pages give the time of publication only in JSON-LD; trafilatura's date is the day alone."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    ld = '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "datePublished": "2025-05-27T09:00:00Z"}]}'
    write(tmp_path, "a.html", f'<html><head><title>T</title><script type="application/ld+json">{ld}</script>'
                              f"</head><body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "b.html", '<html><head><script type="application/ld+json">{not json</script></head>'
                              f"<body><article>{body}</article></body></html>")  # fmt: skip
    arts = by_id(load_articles(tmp_path))
    assert arts["a.html"].published == "2025-05-27T09:00:00Z"
    assert arts["b.html"].published is None


def test_json_ld_nested_past_the_parsers_depth_is_passed_over(tmp_path):
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    deep = "[" * 5000 + "]" * 5000
    write(tmp_path, "a.html", f'<html><head><script type="application/ld+json">{deep}</script></head>'
                              f"<body><article>{body}</article></body></html>")  # fmt: skip
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a.html"] and not result.skipped


def test_a_page_whose_only_text_is_a_cookie_notice_is_skipped(tmp_path, html_backend):
    """A 404 or paywall page leaves the extractor its cookie box: every such page of a site paired with the others."""
    nav = '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>'
    cookie = "We use cookies to improve your experience on our website. By continuing to browse you agree to our use of cookies."
    write(tmp_path, "gone.html", f'<html><head><title>Page not found</title></head><body>{nav}<div class="cookie-banner">{cookie}</div></body></html>')
    brief = "The council approved the new harbour budget on Tuesday after a short debate, officials said."
    write(tmp_path, "brief.html", f'<html><body><div class="post has-social-share"><p>{brief}</p></div></body></html>')
    # A page's own classes, or a wrapper round the article, named like furniture: still the article.
    write(tmp_path, "consent.html", f'<html class="cookie-consent-pending"><body class="modal-open"><p>{brief}</p></body></html>')
    write(tmp_path, "wrapped.html", f'<html><body><div class="has-newsletter-signup"><article><h1>Budget</h1><p>{brief}</p></article></div></body></html>')
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["brief.html", "consent.html", "wrapped.html"]
    assert all(a.text.endswith(brief) for a in result.articles)
    assert result.skipped == (Skipped("gone.html", FURNITURE),)


def test_a_page_with_only_a_canonical_link_states_no_url_of_its_own(tmp_path, html_backend):
    """trafilatura gives the canonical link back, normalised: compared as written, it slipped through as the page's URL."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    write(tmp_path, "a.html", '<html><head><link rel="canonical" href="https://WWW.Original.example:443/Story">'
                              f"</head><body><article>{body}</article></body></html>")
    art = only(load_articles(tmp_path))
    assert (art.url, art.outlet) == (None, "a")
    assert art.canonical == "https://WWW.Original.example:443/Story"


_TIMED_BODY = "<p>The minister said on Tuesday that the new budget would cut spending on roads across the country.</p>" * 4


@pytest.mark.parametrize(("head", "body", "published"), [
    # an ISO 8601 time in the basic format was dropped for the extractor's date (found by a review)
    ('<meta name="pubdate" content="20251117T090500Z">', "", "2025-11-17T09:05:00Z"),
    ('<meta property="article:published_time" content="20251117T0905+0100">', "", "2025-11-17T09:05:00+01:00"),
    # the article's own <time> element
    ("", '<time itemprop="datePublished" datetime="2025-11-17T09:05:00+00:00">17 Nov</time>', "2025-11-17T09:05:00+00:00"),
    ("", '<time pubdate datetime="2025-11-17T09:05:00Z">17 Nov</time>', "2025-11-17T09:05:00Z"),
])
def test_a_pages_time_is_read_to_the_minute(tmp_path, html_backend, head, body, published):
    write(tmp_path, "a.html", f"<html><head><title>Budget</title>{head}</head><body><article>{body}{_TIMED_BODY}</article></body></html>")
    assert only(load_articles(tmp_path)).published == published


def test_a_time_element_not_the_articles_own_gives_no_time(tmp_path, html_backend):
    """A comment's, a ticker's or an update's <time> on the day of the page's date is no publication time: taken as
    one (a first version of this reading did), it made the original a copy of its scraper at 0.97 (found by a review)."""
    page = ("<html><head><title>Budget</title><meta property='article:published_time' content='2025-11-17'></head><body>"
            "<header><time datetime='2025-11-17T06:00:00Z'>6:00</time></header><article>{}<p>Updated "
            "<time datetime='2025-11-17T21:45:00Z'>21:45</time></p></article><div class='comments'>"
            "<time datetime='2025-11-17T23:10:00Z'>23:10</time></div></body></html>")
    write(tmp_path, "a.html", page.format(_TIMED_BODY))
    assert only(load_articles(tmp_path)).published == "2025-11-17"


def test_a_paywall_page_that_keeps_its_headline_is_skipped(tmp_path, html_backend):
    """The story's headline above a paywall box, its paragraphs run together in the markup: every such page of a
    site made a whole verbatim pair with the others. A paywalled story that shows its first paragraph is read."""
    box = ('<div class="paywall"><p>This article is for subscribers only. Subscribe now to get unlimited access to our '
           "journalism, the daily crossword and exclusive newsletters.</p><p>Already a subscriber? Log in to continue reading.</p></div>")
    for n in (1, 2):
        write(tmp_path, f"p{n}.html", f"<html><head><title>Story {n} - The Times</title></head><body><h1>Story headline {n} about the harbour</h1>{box}</body></html>")
    lead = "The council approved the new harbour budget on Tuesday after a short debate, officials said on Wednesday."
    write(tmp_path, "teaser.html", f"<html><body><h1>Harbour budget</h1><p>{lead}</p>{box}</body></html>")
    # A brief whose body the site marks as gated, inside its article: the article, not furniture.
    write(tmp_path, "gated.html", f'<html><body><article><h1>Harbour budget</h1><div class="article-body paywall"><p>{lead}</p></div></article></body></html>')
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["gated.html", "teaser.html"] and all(lead in a.text for a in result.articles)
    assert result.skipped == (Skipped("p1.html", FURNITURE), Skipped("p2.html", FURNITURE))


def test_a_byline_is_read_from_a_page_a_record_and_front_matter(tmp_path):
    """Main-text extraction drops the byline, where pages credit a wire ("By John Irish (Reuters)"): it was lost, and a
    client's page read as carrying the agency's text uncredited (found by a review)."""
    body = "<p>" + "The government faced a vote of no confidence on Wednesday after the budget passed. " * 6 + "</p>"
    write(tmp_path, "page.html", f"<html><head><title>T</title></head><body><article><h1>T</h1>"
          f"<p class='byline'>By John  Irish (Reuters)</p>{body}</article></body></html>")
    write(tmp_path, "meta.html", f"<html><head><meta name='author' content='AFP'></head><body><article>{body}</article></body></html>")
    write(tmp_path, "none.html", f"<html><body><article>{body}</article></body></html>")
    write(tmp_path, "feed.jsonl", '{"id": "r1", "text": "Text one.", "author": ["Jo Bloggs", {"name": "AFP"}]}\n'
          '{"id": "r2", "text": "Text two.", "byline": "Reuters staff", "author": "ignored"}\n{"id": "r3", "text": "Text three."}\n')
    write(tmp_path, "note.md", "---\nauthor: Associated Press\n---\nText four, with words enough.\n")
    arts = by_id(load_articles(tmp_path))
    assert {k: a.byline for k, a in arts.items()} == {
        "page.html": "By John Irish (Reuters)", "meta.html": "AFP", "none.html": None,
        "r1": "Jo Bloggs, AFP", "r2": "Reuters staff", "r3": None, "note.md": "Associated Press",
    }


def test_a_byline_is_the_articles_own_and_every_json_author_form_is_read(tmp_path):
    """A "most read" list's byline before the article's, a comment's author and a navigation list of bylines were taken
    for the article's; JSON Feed's {"name": ...}, an empty byline beside an author and a null author beside authors were
    missed (found by a review)."""
    body = "<p>" + "The government faced a vote of no confidence on Wednesday after the budget passed. " * 6 + "</p>"
    write(tmp_path, "side.html", "<html><body><aside><span class='byline'>By Reuters</span></aside>"
          f"<article><p class='byline'>By Jane Doe</p>{body}<div class='comment-list'><span itemprop='author'>AP Fan 99</span>"
          "</div></article></body></html>")
    write(tmp_path, "nav.html", f"<html><head><meta name='author' content='Jane Doe'></head><body><nav class='bylines-nav'>"
          f"Authors Reuters AP</nav><article>{body}<p>Posted by <span itemprop='author' id='comment-3'>AFP_watcher</span>"
          "</p></article></body></html>")
    write(tmp_path, "feed.jsonl", '{"id": "f1", "text": "Text one.", "author": {"name": "AFP"}}\n'
          '{"id": "f2", "text": "Text two.", "author": null, "authors": ["Reuters"]}\n'
          '{"id": "f3", "text": "Text three.", "byline": "", "author": "AP"}\n')
    arts = by_id(load_articles(tmp_path))
    assert {k: a.byline for k, a in arts.items()} == {"side.html": "By Jane Doe", "nav.html": "Jane Doe", "f1": "AFP", "f2": "Reuters", "f3": "AP"}


def test_the_articles_byline_is_found_around_teasers_headers_comment_threads_and_json_ld(tmp_path):
    """A teaser <article> before the story gave its byline; a byline in a header above the <article>, a
    <span class="author">, a JSON-LD author and a Disqus thread's author were missed or taken (found by a review)."""
    story = "<p>" + "The government faced a vote of no confidence on Wednesday after the budget passed. " * 6 + "</p>"
    pages = {
        "teaser.html": f"<article class='card'><p class='byline'>By Tom Brown</p><p>Teaser.</p></article>"
                       f"<article><p class='byline'>By Jane Doe (Reuters)</p>{story}</article>",
        "header.html": f"<header><div class='byline'>By Jane Doe (Reuters)</div></header><article>{story}</article>",
        "span.html": f"<article><span class='author'>Jane Doe, Reuters</span>{story}</article>",
        "disqus.html": f"<article>{story}<section id='disqus_thread' class='discussion'><span itemprop='author'>AFP</span>"
                       "</section></article>",
        "jsonld.html": '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Organization", '
                       f'"name": "Reuters"}}}}</script><article>{story}</article>',
    }
    for name, body in pages.items():
        write(tmp_path, name, f"<html><head><title>T</title></head><body>{body}</body></html>")
    arts = by_id(load_articles(tmp_path))
    assert {k: a.byline for k, a in arts.items()} == {
        "teaser.html": "By Jane Doe (Reuters)", "header.html": "By Jane Doe (Reuters)", "span.html": "Jane Doe, Reuters",
        "disqus.html": None, "jsonld.html": "Reuters",
    }


def test_a_pages_time_of_modification_is_kept_apart_from_its_publication(tmp_path, html_backend):
    """An update keeps its page's publication time and states when it was changed: that time was not read at all."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    ld = '{"@type": "NewsArticle", "datePublished": "2025-05-27T09:00:00Z", "dateModified": "2025-05-27T15:30:00Z"}'
    write(tmp_path, "meta.html", '<html><head><meta property="article:published_time" content="2025-05-27T09:00:00Z"/>'
                                 '<meta property="article:modified_time" content="2025-05-27T14:00:00+01:00"/></head>'
                                 f"<body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "ld.html", f'<html><head><script type="application/ld+json">{ld}</script></head>'
                               f"<body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "bad.html", '<html><head><meta property="article:modified_time" content="yesterday"/></head>'
                                f"<body><article>{body}</article></body></html>")  # fmt: skip
    records = [{"id": "r1", "text": "Some text of a record.", "published": "2025-05-27", "modified": "2025-05-28T10:00:00Z"},
               {"id": "r2", "text": "Another record's text.", "modified": "2999-01-01"}]
    write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    result = load_articles(tmp_path)
    arts = by_id(result)
    assert arts["meta.html"].modified == "2025-05-27T14:00:00+01:00" and arts["meta.html"].published == "2025-05-27T09:00:00Z"
    assert arts["ld.html"].modified == "2025-05-27T15:30:00Z"
    assert arts["bad.html"].modified is None and arts["r2"].modified is None
    assert arts["r1"].modified == "2025-05-28T10:00:00Z"
    assert any("r2" in w or "feed.jsonl:2" in w for w in result.warnings if "modified" in w)


def test_paragraphs_nested_in_a_container_stay_apart(tmp_path, html_backend):
    """A page whose paragraphs are <div>s inside a <div class="article"> came out as one line: "обмен
    заключённымиМОСКВА", "Москвой.Трамп" (found by a review)."""
    first = "МОСКВА, 27 мая — РИА Новости. Кремль во вторник отверг опасения, что высказывания Трампа повлияют на обмен."
    second = "Трамп назвал президента России Владимира Путина «сумасшедшим» на выходных после массированной атаки беспилотников."
    write(tmp_path, "a.html", '<html><head><title>Песков</title></head><body><nav>Главная Политика</nav>'
                              '<div class="article"><h1>Песков: критика Трампа не повлияет на обмен</h1>'
                              f'<div class="article__text">{first}</div><div class="article__text">{second}</div></div></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert first in article.text.split("\n\n") and second in article.text.split("\n\n"), article.text


def test_a_consent_notice_before_the_article_is_no_part_of_it(tmp_path, html_backend):
    """A page that opens with its cookie-consent box: the box's text began the article, so an exact copy of the wire
    was "90% reused" (found by a review). A page that is nothing but the box is still skipped as furniture."""
    notice = ("Yahoo is part of the Yahoo family of brands. We and our partners use cookies to provide our sites and apps, "
              "authenticate users, apply security measures, and prevent spam and abuse.")
    story = " ".join(["The Kremlin said Tuesday that the prisoner exchange discussed by the two presidents would go ahead."] * 4)
    write(tmp_path, "a.html", f'<html><head><title>T</title></head><body><div id="consent-page"><p>{notice}</p></div>'
                              f'<div class="caas-body"><p>{story}</p><p>{story}</p></div></body></html>')  # fmt: skip
    write(tmp_path, "b.html", f'<html><head><title>T</title></head><body><div class="cookie-consent"><p>{notice}</p></div></body></html>')
    result = load_articles(tmp_path)
    (article,) = result.articles
    assert "cookies" not in article.text and story in article.text
    assert [s.path for s in result.skipped] == ["b.html"]


def test_a_wrapper_named_after_its_consent_box_keeps_the_article(tmp_path, html_backend):
    story = " ".join(["The Kremlin said Tuesday that the prisoner exchange discussed by the two presidents would go ahead."] * 4)
    write(tmp_path, "a.html", '<html><head><title>T</title></head><body><h1>Swap on track</h1><div class="has-cookie-consent">'
                              f'<p>{story}</p><p>{story} Talks resume next week.</p></div></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert "Talks resume next week." in article.text


def test_a_fact_box_named_after_a_privacy_law_keeps_its_text(tmp_path, html_backend):
    """A box explaining the GDPR inside the article (class "factbox gdpr-explainer") lost its paragraph: only a notice
    the page opens with is no part of the article (found by a review)."""
    story = " ".join(["The regulator fined the company for keeping customer data longer than the law allows."] * 4)
    fact = "Under the General Data Protection Regulation, companies must delete personal data they no longer need."
    write(tmp_path, "a.html", '<html><head><title>T</title></head><body><article><h1>Fine for data breach</h1>'
                              f'<p>{story}</p><div class="factbox gdpr-explainer"><p>{fact}</p></div><p>{story} More.</p>'
                              '</article></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert fact in article.text


def test_a_pages_unreadable_time_of_modification_is_passed_over_in_silence(tmp_path, html_backend):
    """og:updated_time as a Unix time warned on every page ("modified date '1716800000' is not ISO 8601"), a field the
    user cannot fix and the scan can do without (found by a review)."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    write(tmp_path, "a.html", '<html><head><meta property="og:updated_time" content="1716800000"/></head>'
                              f"<body><article>{body}</article></body></html>")  # fmt: skip
    result = load_articles(tmp_path)
    assert result.articles[0].modified is None and not [w for w in result.warnings if "modified" in w]


@pytest.mark.parametrize("box", [
    "<h2>We value your privacy</h2><p>{notice}</p>",
    "<p>{notice}</p><button>Accept all</button><p>{notice2}</p>",
])
def test_a_consent_box_with_a_heading_or_a_button_is_left_out_whole(tmp_path, html_backend, box):
    """A short heading or button inside the box stopped its removal, and its other paragraphs stayed (found by a second
    review)."""
    notice = "We and our partners use cookies to provide our sites and apps, authenticate users and prevent abuse."
    notice2 = "You can change your choices at any time by visiting the privacy dashboard linked in our footer."
    story = " ".join(["The Kremlin said Tuesday that the prisoner exchange discussed by the two presidents would go ahead."] * 4)
    inner = box.format(notice=notice, notice2=notice2)
    write(tmp_path, "a.html", f'<html><head><title>T</title></head><body><div id="consent-page">{inner}</div>'
                              f'<div class="caas-body"><p>{story}</p><p>{story}</p></div></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert "cookies" not in article.text and "privacy dashboard" not in article.text and story in article.text


def test_a_time_zone_name_dateutil_does_not_know_leaks_no_warning(tmp_path):
    """htmldate hands "... PST" to dateutil, whose UnknownTimezoneWarning reached the terminal as a Python warning
    (and, under warnings as errors, skipped the page as one a parser failed on)."""
    body = "<p>The council approved a new budget for road repairs on Tuesday evening after a long debate.</p>" * 3
    page = ('<html><head><title>Budget</title><meta property="article:published_time" content="2026-11-29T10:00:00 PST">'
            f"</head><body><article>{body}</article></body></html>")
    write(tmp_path, "a.html", page)
    result = load_articles(tmp_path)  # warnings are errors here (setup.cfg)
    assert only(result).text.startswith("The council approved")
    assert result.skipped == ()
