"""The outlet level: copied article pairs aggregated into who-takes-from-whom between outlets."""

import json

import pytest
from click.testing import CliRunner

from reuse import scan_articles
from reuse.cli import main
from reuse.model import Article, Direction, Extent, Pair, Relation, ReuseKind, ScanResult
from reuse.outlets import link_outlets
from reuse.agencies import wire_name
from reuse.report import render_text, report_dict


def _art(aid, outlet, published=None):
    return Article(aid, f"text of {aid}", outlet, published=published)


def _pair(a, b, relation=Relation.COPIED, source=None, derived=None, confidence=0.6, kind=ReuseKind.VERBATIM):
    d = Direction(relation, source, derived, confidence)
    return Pair(a, b, kind, Extent.WHOLE, 0.9, 0.9, 0.9, 0.9, (), d)


ARTICLES = [
    _art("w1", "AFP", "2025-05-27T08:00:00Z"),
    _art("w2", "AFP", "2025-05-27T09:00:00Z"),
    _art("w3", "AFP", "2025-05-27T10:00:00Z"),
    _art("d1", "Daily", "2025-05-27T09:00:00Z"),
    _art("d2", "Daily", "2025-05-27T12:00:00Z"),
    _art("d3", "Daily"),
    _art("g1", "Gazette"),
    _art("g2", "Gazette"),
]


def test_copied_pairs_aggregate_per_outlet_pair():
    pairs = [
        _pair("d1", "w1", source="w1", derived="d1", confidence=0.95),
        _pair("d2", "w2", source="w2", derived="d2", confidence=0.9, kind=ReuseKind.LIGHT_REWRITE),
        _pair("d3", "w3", source="w3", derived="d3", confidence=0.65),
        _pair("d1", "g1", source="d1", derived="g1", kind=ReuseKind.HEAVY_REWRITE),
    ]
    afp, daily = link_outlets(ARTICLES, pairs)
    assert (afp.source, afp.derived, afp.articles) == ("AFP", "Daily", 3)
    assert afp.kinds == (("verbatim", 2), ("light-rewrite", 1))
    assert afp.median_lag_hours == pytest.approx(2.0)  # lags 1 h and 3 h; d3 has no time
    assert afp.confidence == 0.95
    assert afp.pairs == (("w1", "d1"), ("w2", "d2"), ("w3", "d3"))
    assert (daily.source, daily.derived, daily.median_lag_hours) == ("Daily", "Gazette", None)


@pytest.mark.parametrize(
    "pair",
    [
        _pair("d1", "g1", Relation.COMMON_SOURCE),
        _pair("d1", "g1", Relation.UNDETERMINED, confidence=0.5),
        _pair("g1", "g2", source="g1", derived="g2"),
    ],
    ids=["common-source", "undetermined", "same-outlet"],
)
def test_pairs_that_say_nothing_about_who_takes_from_whom_are_left_out(pair):
    assert link_outlets(ARTICLES, [pair]) == ()


def test_text_only_verdicts_never_add_up_to_high_confidence():
    pairs = [_pair(f"d{i}", f"w{i}", source=f"w{i}", derived=f"d{i}", confidence=0.65) for i in (1, 2, 3)]
    (link,) = link_outlets(ARTICLES, pairs)
    assert link.confidence == 0.65


def test_links_with_most_articles_come_first():
    pairs = [
        _pair("d1", "g1", source="d1", derived="g1"),
        _pair("g2", "w1", source="w1", derived="g2"),
        _pair("g1", "w2", source="w2", derived="g1"),
    ]
    assert [(link.source, link.derived) for link in link_outlets(ARTICLES, pairs)] == [
        ("AFP", "Gazette"),
        ("Daily", "Gazette"),
    ]


def test_wire_names():
    assert [wire_name(o) for o in ("AFP", "reuters.com", "Associated Press", "Daily News")] == ["AFP", "Reuters", "AP", None]


def test_json_and_terminal_carry_the_outlet_links(make_result):
    result = make_result()
    report = report_dict(result)
    assert report["outlets"] == [
        {
            "source": "Daily News",
            "derived": "Wire Service",
            "articles": 1,
            "kinds": [{"kind": "verbatim", "count": 1}],
            "median_lag_hours": 2.5,
            "confidence": 0.8123,
            "pairs": [{"source": "a.txt", "derived": "b.txt"}],
            "under_half": 0,
            "uncredited": 0,
            "wire": None,
            "dated": True,
        }
    ]
    text = " ".join(render_text(result).split())
    assert "Wire Service ran 1 of Daily News's articles verbatim (median lag 2.5 h, confidence 0.81)" in text


def test_scan_reports_an_outlet_taking_wire_copy(tmp_path):
    wire = (
        "MOSCOW (AFP) - The Kremlin on Tuesday said the prisoner exchange plan with Washington remains on track "
        "despite sharp remarks from both capitals, adding that lists of names had been handed over. "
        "Officials in both governments have worked for months on the details of the swap, which would be the "
        "largest since the end of the Cold War, according to people familiar with the talks. "
        "The foreign ministry said a date had not yet been set and that technical questions remained open."
    )
    records = [
        {"id": "wire", "outlet": "AFP", "published": "2025-05-27T08:00:00Z", "text": wire},
        {"id": "copy", "outlet": "Daily News", "published": "2025-05-27T10:30:00Z",
         "text": wire + " Daily News readers can follow the story on our live page."},
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    run = CliRunner().invoke(main, ["scan", str(tmp_path), "--json", "-", "--quiet"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert [(o["source"], o["derived"], o["articles"], o["median_lag_hours"]) for o in report["outlets"]] == [
        ("AFP", "Daily News", 1, 2.5)
    ]
    text = CliRunner().invoke(main, ["scan", str(tmp_path), "--quiet"]).stdout
    assert "Daily News ran 1 AFP wire story verbatim (median lag 2.5 h" in " ".join(text.split())


def test_a_copy_of_an_agency_page_that_was_updated_since_is_one_story_taken_once():
    """The Ledger copied the 08:00 version; the agency's 11:00 update of the page holds the same text: the copy read as
    taken from both, "ran 2 Reuters wire stories in 1 article ... stamped 0.5 h before their source" (found by a review)."""
    wire = (
        "LONDON (Reuters) - The Bank of England kept interest rates unchanged on Thursday, saying inflation was falling "
        "faster than it had expected in the spring but that wage growth remained too strong for comfort. Governor Andrew "
        "Bailey told reporters the committee wanted more evidence before cutting borrowing costs, and that markets had "
        "moved too far in pricing several cuts next year. Sterling rose half a cent against the dollar after the decision, "
        "while shares of the big high street lenders fell."
    )
    url = "https://www.reuters.com/markets/boe-rates"
    articles = [
        Article("reuters-1", wire, "Reuters", url=url, published="2025-05-27T08:00:00Z"),
        Article("reuters-1-update", wire + " The pound later fell back after the deputy governor spoke of the labour market.",
                "Reuters", url=url, published="2025-05-27T11:00:00Z"),
        Article("ledger-1", wire + " Local lenders declined to comment.", "Daily Ledger", published="2025-05-27T09:00:00Z"),
    ]
    result = scan_articles(articles)
    (link,) = result.outlets
    assert (link.source, link.derived, link.articles, link.pairs) == ("Reuters", "Daily Ledger", 1, (("reuters-1", "ledger-1"),))
    assert link.median_lag_hours == 1.0
    assert "Daily Ledger ran 1 Reuters wire story verbatim (median lag 1.0 h" in " ".join(render_text(result).split())


def test_the_outlet_sentence_says_a_copy_took_part_of_a_story_and_that_dates_give_no_lag():
    """A brief of two paragraphs of a wire story was 'ran 1 Reuters wire story verbatim (times unknown ...)'."""
    import reuse
    from reuse.model import Article
    from reuse.report import render_text

    paragraphs = [
        "The central bank raised its main interest rate by a quarter point on Thursday, the third rise this year, citing stubborn inflation in services.",
        "Governor Maria Lenz told reporters that the board would watch wage growth closely before deciding whether further increases were needed.",
        "Markets had expected the move, and the currency barely changed after the announcement, trading near its highest level in six months.",
        "Economists said the decision would weigh on mortgage holders, many of whom face higher payments as fixed deals expire over the coming year.",
        "The bank also cut its growth forecast for next year to one percent, down from one and a half percent in its previous projections.",
        "Opposition politicians accused the government of leaving households to carry the cost of inflation while public spending kept rising.",
    ]
    wire = Article("wire.txt", "\n\n".join(paragraphs), "Reuters", published="2025-03-10")
    brief = Article("brief.txt", "Markets roundup\n\n" + "\n\n".join(paragraphs[:2]) + "\n\nIn other news, the port strike ended after a week of talks between unions and employers.", "Market Brief", published="2025-03-11")
    text = " ".join(render_text(reuse.scan_articles([wire, brief])).split())
    # The brief carries no credit line: said too, where a researcher looks first (found by a review).
    assert "Market Brief ran 1 Reuters wire story verbatim, under half of it, without the agency's credit (no lag known" in text
    credited = Article("brief.txt", brief.text.replace("Markets roundup\n\n", "Markets roundup\n\nLONDON (Reuters) - "), "Market Brief",
                       published="2025-03-11")
    text = " ".join(render_text(reuse.scan_articles([wire, credited])).split())
    assert "Market Brief ran 1 Reuters wire story verbatim, under half of it (no lag known" in text


def test_one_outlet_named_by_its_metadata_and_by_its_domain_is_one_outlet():
    """ "NewsHub24" (an HTML page's site name) and "newshub24.net" (a record's URL) were two outlets in the summary (found by a review)."""
    from reuse import scan_articles

    story = " ".join(
        f"Sentence {k} of the story says the council voted to close the old river bridge to heavy lorries after engineers found cracks."
        for k in range(12)
    )
    arts = [
        Article("bbc-1", story, "bbc.co.uk", published="2025-03-10T08:00:00Z"),
        Article("farm-1", story, "NewsHub24", published="2025-03-10T10:00:00Z"),
        Article("bbc-2", story.replace("council", "county"), "bbc.co.uk", published="2025-03-11T08:00:00Z"),
        Article("farm-2", story.replace("council", "county"), "newshub24.net", published="2025-03-11T10:00:00Z"),
    ]
    result = scan_articles(arts)
    assert [(link.source, link.derived) for link in result.outlets] == [("bbc.co.uk", "NewsHub24")]
    assert result.outlets[0].articles == 2
    # Nor an outlet given as its site's address: "https://www.newshub24.net/" is NewsHub24 too.
    arts[3] = Article("farm-2", arts[3].text, "https://www.newshub24.net/", published="2025-03-11T10:00:00Z")
    result = scan_articles(arts)
    assert [(link.source, link.derived, link.articles) for link in result.outlets] == [("bbc.co.uk", "NewsHub24", 2)]


def test_an_outlet_given_as_a_malformed_address_is_an_outlet_of_its_own_not_a_crash():
    """A record's outlet field holding a broken URL ('http://[oops/') had raised in the outlet key, and the scan with it."""
    from reuse import scan_articles

    story = " ".join(f"Sentence {k} of the story says the council voted to close the old river bridge after engineers found cracks." for k in range(12))
    result = scan_articles([Article("a", story, "http://[oops/"), Article("b", story, "bbc.co.uk")])
    assert len(result.pairs) == 1


def test_a_copy_of_a_copy_counts_for_the_outlet_it_took_from_only():
    """A scraper's copy of a subscriber's wire story (canonical link to the subscriber) is the wire's copy too by its
    credit; counted under both, the scraper ran the story twice (found by a review)."""
    arts = [_art("afp", "AFP"), _art("globe", "Globe"), _art("feed", "NewsFeedz")]
    pairs = [
        _pair("afp", "globe", source="afp", derived="globe", confidence=0.98),
        _pair("afp", "feed", source="afp", derived="feed", confidence=0.98),
        _pair("globe", "feed", source="globe", derived="feed", confidence=0.98),
    ]
    assert [(link.source, link.derived) for link in link_outlets(arts, pairs)] == [("AFP", "Globe"), ("Globe", "NewsFeedz")]
    weaker = [*pairs[:2], _pair("globe", "feed", source="globe", derived="feed", confidence=0.6)]  # the relay less sure: both stand
    assert len(link_outlets(arts, weaker)) == 3
    weak_middle = [_pair("afp", "globe", source="afp", derived="globe", confidence=0.52), *pairs[1:]]
    assert len(link_outlets(arts, weak_middle)) == 3  # the subscriber's copy of the wire unsure: the wire link stands


def test_copies_that_go_round_drop_no_outlets_every_link():
    """A from B, B from D, D from A (contradictory verdicts), and C from all three: C's links all stand."""
    arts = [_art(x, x.upper()) for x in "abdc"]
    pairs = [_pair(s, d, source=s, derived=d, confidence=0.9) for s, d in ("ab", "bd", "da", "ac", "bc", "dc")]
    assert {link.derived for link in link_outlets(arts, pairs)} == {"B", "D", "A", "C"}
    assert sum(link.derived == "C" for link in link_outlets(arts, pairs)) == 3


def test_the_outlet_sentence_counts_stories_and_the_outlets_articles():
    """Two agency stories merged into one article are said so (it said the outlet ran two stories), and an agency's
    page under another name is the agency's by its address, in the summary as in the direction evidence."""
    arts = [Article("w1", "Text.", "Newsroom", url="https://apnews.com/article/a"), Article("w2", "Text!", "Newsroom"),
            Article("g1", "Text.", "Globe")]
    pairs = [_pair("w1", "g1", source="w1", derived="g1"), _pair("w2", "g1", source="w2", derived="g1")]
    result = ScanResult(tuple(arts), (), tuple(pairs), "x", outlets=link_outlets(arts, pairs))
    assert "Globe ran 2 of Newsroom's articles in 1 article verbatim" in render_text(result)
    one = ScanResult(tuple(arts), (), tuple(pairs[:1]), "x", outlets=link_outlets(arts, pairs[:1]))
    assert "Globe ran 1 AP wire story from Newsroom verbatim" in render_text(one)
    # two outlets on the agency's site read apart (they had printed one sentence twice), and a result lacking an
    # article its outlet links name (a hand-built result) is no crash: the link's own facts are said
    arts += [Article("w3", "Text?", "AP")]
    both = [pairs[0], _pair("w3", "g1", source="w3", derived="g1")]
    text = render_text(ScanResult(tuple(arts), (), tuple(both), "x", outlets=link_outlets(arts, both)))
    assert "Globe ran 1 AP wire story verbatim" in text and "Globe ran 1 AP wire story from Newsroom verbatim" in text
    assert "Globe ran 1 AP wire story from Newsroom" in render_text(ScanResult(tuple(arts[1:]), (), (), "x", outlets=link_outlets(arts, pairs[:1])))


@pytest.mark.parametrize(("outlet", "wire"), [("news.aa.com", None), ("aa.com.tr", "Anadolu"), ("https://edu.chinanews.com/x", "China News Service"),
                                              ("https://www.ap.gov.in/news", None), ("ac.reuters.com", "Reuters"),
                                              ("ap.go.jp", None), ("yonhap.go.kr", None)])
def test_an_agency_by_its_address_only_where_the_address_is_the_agencys(outlet, wire):
    """American Airlines' newsroom is no Anadolu; a section of an agency's site named like a public body is the agency's."""
    assert wire_name(outlet) == wire


def test_two_sites_on_one_platform_are_two_outlets():
    """alice.substack.com and bob.substack.com were one outlet ("substack"): Bob's copy of Alice's post was dropped
    as an outlet taking from itself (found by a review)."""
    arts = [_art("alice-1", "alice.substack.com"), _art("bob-1", "bob.substack.com"), _art("x-1", "www.substack.com")]
    pairs = [_pair("alice-1", "bob-1", source="alice-1", derived="bob-1", confidence=0.97)]
    assert [(link.source, link.derived) for link in link_outlets(arts, pairs)] == [("alice.substack.com", "bob.substack.com")]
    # ... nor the site its subdomain spells, nor an agency: efe.substack.com is no EFE, bbc.wordpress.com no BBC
    from reuse.sites import outlet_key
    from reuse.agencies import wire_of

    assert wire_of("efe.substack.com", None) is None and outlet_key("bbc.wordpress.com") != outlet_key("bbc.co.uk")


def test_an_id_holding_the_chains_arrow_is_no_chain():
    """The tree's chain is written "a <- b <- c": an article id holding " <- " made a direct copy look relayed, and its
    outlet link was dropped (found by a review)."""
    from reuse.model import Signal

    def copied(source, derived, chain):
        d = Direction(Relation.COPIED, source, derived, 0.65, (Signal("stemma", " <- ".join(chain), favours=source, weight=1.0, path=tuple(chain)),))
        return Pair(source, derived, ReuseKind.VERBATIM, Extent.WHOLE, 0.9, 0.9, 0.9, 0.9, (), d)

    arts = [_art("orig", "Alpha"), _art("c1 <- x", "Beta"), _art("c2", "Gamma"), _art("c3", "Delta")]
    pairs = [copied("orig", "c1 <- x", ["orig", "c1 <- x"]), copied("orig", "c3", ["orig", "c2", "c3"]), copied("c2", "c3", ["c2", "c3"])]
    assert {(link.source, link.derived) for link in link_outlets(arts, pairs)} == {("Alpha", "Beta"), ("Gamma", "Delta")}


def test_a_copy_of_a_pages_update_counts_once_though_the_tree_chains_it_through_the_update():
    """Hub News copied the update of a Metro Gazette page: the tree's chain v1 <- v2 <- hub dropped the link from the
    first version (hub took from v2), and the rule "taken from an update whose earlier version it took too" dropped the
    link from v2 (counting v1's): Hub News was in no outlet line (found by a review)."""
    from reuse.model import Signal

    arts = [_art("v1", "Metro Gazette"), _art("v2", "Metro Gazette"), _art("hub", "Hub News"), _art("region", "Region Today")]

    def copied(source, derived, *evidence):
        return Pair(source, derived, ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, (),
                    Direction(Relation.COPIED, source, derived, 0.98, evidence))

    pairs = [
        copied("v1", "v2", Signal("same-page", "https://metrogazette.example/fire")),
        copied("v1", "hub", Signal("stemma", "v1 <- v2 <- hub", favours="v1", weight=1.0, path=("v1", "v2", "hub"))),
        copied("v2", "hub", Signal("time", 1.2, favours="v2", weight=3.5)),
        copied("v1", "region", Signal("time", 1.2, favours="v1", weight=3.5)),
    ]
    links = {(link.source, link.derived): link.pairs for link in link_outlets(arts, pairs)}
    assert links == {("Metro Gazette", "Hub News"): (("v2", "hub"),), ("Metro Gazette", "Region Today"): (("v1", "region"),)}
