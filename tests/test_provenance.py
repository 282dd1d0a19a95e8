"""Who copied whom, in context: a wire story, two outlets that rewrote it, and one that copied a rewrite; the family tree's
verdicts on extracts, edits and copies of one text, with and without times."""

from dataclasses import replace

import pytest

import reuse
from reuse.model import Article
from stories import CREDITED_STORY, HARBOUR, SENTENCES, WIRE
from stories import edit as _edit


# Two outlets rewrite the wire story, each in its own way (siblings).
ALPHA = _edit(" ".join(SENTENCES[:6]), [
    ("voted on Tuesday", "decided this week"), ("deep cracks", "serious fractures"), ("would remain open", "will stay open"),
    ("warned", "cautioned"), ("long detour", "lengthy diversion"), ("safety had to come first", "public safety was the priority"),
])


BETA = _edit(" ".join(SENTENCES[:5] + SENTENCES[6:]), [
    ("heavy lorries", "large trucks"), ("promised", "pledged"), ("Engineers will present", "Engineers are to give"),
])


# A third copies the first five sentences of Alpha's rewrite, Alpha's changes included (shared innovations).
GAMMA = ". ".join(ALPHA.split(". ")[:5]) + "."


TIMES = {"wire": "2025-05-27T08:00:00Z", "alpha": "2025-05-27T10:00:00Z", "beta": "2025-05-27T11:00:00Z", "gamma": "2025-05-27T15:00:00Z"}


TEXTS = {"wire": WIRE, "alpha": ALPHA, "beta": BETA, "gamma": GAMMA}


def _scan(timed: bool):
    articles = [Article(name, text, name.title(), published=TIMES[name] if timed else None) for name, text in TEXTS.items()]
    result = reuse.scan_articles(articles)
    return result, {frozenset((p.a, p.b)): p.direction for p in result.pairs}


@pytest.fixture(scope="module")
def timed():
    return _scan(True)


@pytest.fixture(scope="module")
def text_only():
    return _scan(False)


@pytest.mark.parametrize(
    ("source", "derived"),
    [("wire", "alpha"), ("wire", "beta"), ("alpha", "gamma"), ("wire", "gamma")],
    ids=["wire-alpha", "wire-beta", "alpha-gamma (shared innovations)", "wire-gamma (through alpha)"],
)
def test_with_times_each_copy_points_to_its_source(timed, source, derived):
    d = timed[1][frozenset((source, derived))]
    assert (d.relation.value, d.source, d.derived) == ("copied", source, derived)
    assert d.confidence >= 0.9


@pytest.mark.parametrize("data", ["timed", "text_only"])
@pytest.mark.parametrize("siblings", [("alpha", "beta"), ("beta", "gamma")], ids=["alpha-beta", "beta-gamma"])
def test_siblings_of_one_wire_story_are_common_source_not_copies(data, siblings, request):
    d = request.getfixturevalue(data)[1][frozenset(siblings)]
    assert d.relation.value == "common-source"
    assert any(s.name == "sibling" and s.value == "wire" for s in d.evidence)


def test_text_alone_never_reverses_a_copy_nor_claims_high_confidence(text_only):
    _, verdicts = text_only
    for d in verdicts.values():
        assert d.confidence <= 0.7
    for source, derived in (("wire", "alpha"), ("wire", "beta"), ("alpha", "gamma"), ("wire", "gamma")):
        d = verdicts[frozenset((source, derived))]
        assert d.source in (source, None), (source, derived, d)


def test_outlet_links_follow_the_copies(timed):
    result, _ = timed
    links = {(o.source, o.derived): o for o in result.outlets}
    assert set(links) == {("Wire", "Alpha"), ("Wire", "Beta"), ("Alpha", "Gamma")}  # Gamma took from Alpha, not from the wire too
    assert links[("Wire", "Alpha")].median_lag_hours == pytest.approx(2.0)
    assert all(o.confidence >= 0.9 for o in links.values())


def test_an_article_whose_candidate_hangs_from_an_unlinked_source_hangs_from_that_source_too():
    """A chain of pairs P-A, A-B, B-C ordered by metadata, no passage between B and P, nor C and P.

    B repeats none of A's changes, so it descends from P like A; so does C.
    """
    from reuse.model import Extent, Pair, Passage, ReuseKind
    from reuse.stemma import build_stemma

    texts = {
        "p": "the council closed the old bridge to lorries on Tuesday",
        "a": "the council shut the old bridge to lorries this week",
        "b": "the council closed the old bridge to trucks on Tuesday",
        "c": "the council closed the old bridge to trucks on Tuesday night",
    }
    by_id = {k: Article(k, t, k) for k, t in texts.items()}

    def pair(x, y):
        whole = Passage(0, len(texts[x]), 0, len(texts[y]), ReuseKind.LIGHT_REWRITE, 0.8, 0.7)
        return Pair(x, y, ReuseKind.LIGHT_REWRITE, Extent.WHOLE, 0.8, 1.0, 1.0, 0.7, (whole,))

    pa, ab, bc = pair("p", "a"), pair("a", "b"), pair("b", "c")
    lean = {id(pa): 10.0, id(ab): 12.0, id(bc): 13.0}  # toward the first of each pair
    stemma = build_stemma([pa, ab, bc], by_id, lean, lean, 0.3)
    assert stemma.parent == {"a": "p", "b": "p", "c": "p"}
    assert stemma.common_ancestor("b", "c") == "p"


OTHER = [
    "Farmers in the valley say the dry spring has cut their wheat harvest by a third and pushed up the price of animal feed.",
    "The weather service expects rain to return next week, though not enough to refill the reservoirs before the summer.",
    "Schools in the district will shorten the afternoon timetable on the hottest days, the education office announced.",
    "Hospitals have opened cooling rooms for elderly patients and asked volunteers to check on neighbours who live alone.",
    "The regional orchestra moved its open-air concert to the cathedral, where the thick stone walls keep the audience cool.",
]


FESTIVAL = [
    "The summer festival will open on Friday with a parade of brass bands through the old market square and along the quay.",
    "Organisers expect forty thousand visitors over the weekend and have added late trains from the capital on both nights.",
    "Food stalls from twelve countries will line the river path, and the fireworks will start at ten on Saturday evening.",
    "Tickets for the main stage sold out in two hours, but the smaller tents in the park remain free to enter all weekend.",
    "Volunteers are still needed to staff the information desks and to help clear the grounds after the closing concert.",
]


def test_a_time_order_alone_does_not_make_a_weak_link_a_sure_copy():
    """Two texts on different subjects that share one sentence: ordered by time, but not surely a copy."""
    early = Article("early", " ".join(OTHER[:3] + [SENTENCES[1]] + OTHER[3:]), "Early", published="2025-05-27T08:00:00Z")
    late = Article("late", " ".join(FESTIVAL[:2] + [SENTENCES[1]] + FESTIVAL[2:]), "Late", published="2025-05-27T12:00:00Z")
    (pair,) = reuse.scan_articles([early, late]).pairs
    d = pair.direction
    assert pair.extent.value == "partial"
    assert (d.relation.value, d.source) == ("copied", "early")
    assert 0.55 <= d.confidence < 0.9
    assert any(s.name == "relatedness" for s in d.evidence)


# An encyclopaedia page (not in the corpus), an extract of it that is, and
# four rewrites of the whole page: one nearly whole copy that changed a few
# words, three that each changed their own words and kept the page's where
# the first changed it. The fuller copy holds more of the page than the
# extract, so containment alone would make it the source of everything.
PAGE = SENTENCES


EXTRACT = " ".join(PAGE[:4])


FULLER = _edit(" ".join(PAGE), [
    ("voted on Tuesday", "agreed on Tuesday"), ("deep cracks", "large cracks"),
    ("would remain open", "would stay open"), ("long detour", "big detour"),
])


REWRITES = {
    "r1": _edit(" ".join(PAGE), [("heavy lorries", "big trucks"), ("Local businesses", "Shops"), ("promised", "pledged")]),
    "r2": _edit(" ".join(PAGE), [("engineers found", "experts discovered"), ("full inspection", "thorough check"),
                                 ("mayor told", "mayor informed")]),
    "r3": _edit(" ".join(PAGE), [("built in 1931", "opened in 1931"), ("delivery vans", "courier vans"), ("repairs would begin", "work would start")]),
}


def test_an_extract_that_kept_the_common_wording_is_the_source_not_the_fuller_copy_that_changed_it():
    texts = {"extract": EXTRACT, "fuller": FULLER, **REWRITES}
    result = reuse.scan_articles([Article(name, text, name.title()) for name, text in texts.items()])
    verdicts = {frozenset((p.a, p.b)): p.direction for p in result.pairs}
    for name in ("fuller", *REWRITES):
        d = verdicts[frozenset(("extract", name))]
        assert (d.relation.value, d.source) == ("copied", "extract"), (name, d)
    for name in REWRITES:
        d = verdicts[frozenset(("fuller", name))]
        assert d.source != "fuller", (name, d)


# A source, an extract of it, and a rewrite of the same extract; the rewrite's
# own pair with the source points the other way (as when the aligner misses
# part of it), so the tree hangs the rewrite from the extract. The extract
# either copies the source word for word, or also adds a sentence the source
# lacks that the rewrite repeats, or changes a few of the source's words and
# the rewrite keeps those changes.
ADDED = "Drivers who ignore the new weight limit face fines of up to five thousand pounds and the loss of their licence."


EXTRACT_CHANGES = [("heavy lorries", "big lorries"), ("built in 1931", "opened in 1931"), ("Local businesses", "Local shops"),
                   ("delivery vans", "courier vans")]


REWRITE_CHANGES = [("voted on Tuesday", "decided this week"), ("deep cracks", "serious fractures"), ("warned", "cautioned"),
                   ("long detour", "lengthy diversion"), ("full inspection", "thorough check")]


def _extract_and_rewrite(variant: str, added: str = ADDED):
    from reuse.model import Extent, Pair, Passage, ReuseKind

    source, extract = " ".join(SENTENCES[:5]), " ".join(SENTENCES[:4])
    if variant == "changed":
        extract = _edit(extract, EXTRACT_CHANGES)
    rewrite = _edit(extract, REWRITE_CHANGES)
    core = len(" ".join(SENTENCES[:4]))
    core_extract, core_rewrite = len(extract), len(rewrite)
    if variant == "added":
        extract, rewrite = f"{extract} {added}", f"{rewrite} {added}"

    def pair(x, y, x_end, y_end, contained_x, contained_y):
        passage = Passage(0, x_end, 0, y_end, ReuseKind.HEAVY_REWRITE, 0.8, 0.5)
        return Pair(x, y, ReuseKind.HEAVY_REWRITE, Extent.WHOLE, 0.8, contained_x, contained_y, 0.5, (passage,))

    articles = [Article("s", source, "S"), Article("a", extract, "A"), Article("b", rewrite, "B")]
    pairs = [
        pair("s", "a", core, core_extract, 0.5, 1.0),
        pair("s", "b", core, core_rewrite, 0.9, 0.6),
        pair("a", "b", len(extract), len(rewrite), 0.4, 1.0),
    ]
    return articles, pairs


@pytest.mark.parametrize(
    ("variant", "added", "relation"),
    [
        ("verbatim", ADDED, "common-source"),
        ("added", ADDED, "copied"),
        # 41 words as the scan counts CJK (one a character), one by str.split.
        ("added", "无视新限重规定的司机将面临最高五千英镑的罚款并被吊销驾照，当局表示将从下月起严格执法。", "copied"),
        ("added", "Traffic will be diverted.", "common-source"),  # four words: a stray phrase, not a sentence in common
        ("changed", ADDED, "copied"),
    ],
    ids=["only the source's text: siblings", "a sentence the source lacks: a copy", "a Chinese sentence the source lacks: a copy",
         "four words the source lacks: still siblings", "the extract's changes kept: a copy"],
)
def test_two_texts_share_only_what_their_common_source_has_unless_they_share_more(variant, added, relation):
    from reuse.provenance import infer_directions
    from reuse.stemma import build_stemma

    articles, pairs = _extract_and_rewrite(variant, added)
    lean = {id(p): 4.0 * (p.containment_b - p.containment_a) for p in pairs}
    tree = build_stemma(pairs, {a.id: a for a in articles}, lean, dict.fromkeys(lean, 0.0), 0.3)
    assert tree.parent == {"a": "s", "b": "a"}  # the tree alone makes the extract the rewrite's source
    assert not tree.innovations  # too few changes for shared innovations: the rule decides
    verdicts = {(p.a, p.b): p.direction for p in infer_directions(articles, pairs)}
    d = verdicts[("a", "b")]
    assert d.relation.value == relation
    if relation == "copied":
        assert (d.source, d.derived) == ("a", "b")
    else:
        assert any(s.name == "sibling" and s.value == "s" for s in d.evidence)
    assert verdicts[("s", "a")].source == "s"


# A common text, a parent that reworded eight of its words, and three texts
# that each add a sentence of their own to the common text, alike in standing
# (none is a candidate source of another). The parent, the medoid, is the
# tree's source of all three; the reworded words are too few for shared
# innovations and too many for a variant site.
COMMON = " ".join(SENTENCES[:3])


REWORDED = ("would remain open to cars and bicycles while", "stays usable for motorists plus cyclists pending")


def _parent_and_children(kept_by: tuple[str, ...]):
    from reuse.model import Extent, Pair, Passage, ReuseKind

    parent = _edit(COMMON, [REWORDED])
    own = dict(zip("xyw", SENTENCES[3:6]))
    shared = {name: COMMON if name in kept_by else parent for name in own}
    texts = {"z": parent, **{name: f"{shared[name]} {own[name]}" for name in own}}
    core = {"z": len(parent), **{name: len(shared[name]) for name in own}}

    def pair(a, b, contained_a, contained_b, similarity):
        passage = Passage(0, core[a], 0, core[b], ReuseKind.LIGHT_REWRITE, similarity, 0.8)
        return Pair(a, b, ReuseKind.LIGHT_REWRITE, Extent.WHOLE, similarity, contained_a, contained_b, 0.8, (passage,))

    pairs = [pair("z", c, 0.85, 0.95, 0.9) for c in own] + [pair(a, b, 0.9, 0.9, 0.8) for a, b in ("xy", "xw", "yw")]
    return [Article(name, text, name.upper()) for name, text in texts.items()], pairs


@pytest.mark.parametrize(
    ("kept_by", "relation"),
    [("xyw", "common-source"), ("xy", "copied"), ("", "copied")],
    ids=["three kept the words the parent changed: not its copies", "two alone: the parent stays the source",
         "none: the parent stays the source"],
)
def test_a_parent_that_changed_text_its_child_and_two_others_kept_is_not_its_exemplar(kept_by, relation):
    from reuse.provenance import infer_directions
    from reuse.stemma import build_stemma

    articles, pairs = _parent_and_children(tuple(kept_by))
    lean = {id(p): 4.0 * (p.containment_b - p.containment_a) for p in pairs}
    tree = build_stemma(pairs, {a.id: a for a in articles}, lean, dict.fromkeys(lean, 0.0), 0.3)
    assert tree.parent == {"x": "z", "y": "z", "w": "z"}
    assert not tree.innovations and not tree.kept
    d = {(p.a, p.b): p.direction for p in infer_directions(articles, pairs)}[("z", "x")]
    assert d.relation.value == relation, d
    if relation == "copied":
        assert d.source == "z"
    else:
        assert d.evidence[0].name == "agreed-readings" and d.evidence[0].value >= 4


@pytest.mark.parametrize(
    ("time_a", "time_b", "earlier", "at_least"),
    [
        ("2025-05-28", "2025-05-27T01:00:00Z", "b.txt", 9.0),  # before the 28th began anywhere (UTC+14: 10:00Z on the 27th)
        ("2025-05-28", "2025-05-29T00:30:00Z", None, None),  # still the 28th west of UTC
        ("2025-05-28", "2025-05-29T13:00:00Z", "a.txt", 1.0),  # the 28th is over everywhere (UTC-12: 12:00Z on the 29th)
        ("2025-05-27", "2025-05-28", "a.txt", 24.0),  # two dates: a day before
        ("2025-05-27", "2025-05-27", None, None),
        # The first and last days datetime holds: their day in every time zone runs past its range (an OverflowError before).
        ("0001-01-01", "0001-01-01T03:00:00Z", None, None),
        ("0001-01-01", "2025-05-27T09:00:00Z", "a.txt", 17745501.0),
        ("9999-12-31", "9999-12-30T01:00:00Z", "b.txt", 9.0),
        # A time without a zone is any of UTC-12 to UTC+14 against a zoned one (it was read as UTC: 'copied' at 0.97).
        ("2025-05-27T09:00:00", "2025-05-27T10:00:00+02:00", None, None),
        ("2025-05-27T09:00:00", "2025-05-28T00:00:00Z", "a.txt", 3.0),  # 21:00Z on the 27th at the latest
        ("2025-05-27T09:00:00", "2025-05-27T11:30:00", "a.txt", 2.5),  # two without a zone: one clock, as given
        ("2025-05-27", "2025-05-29T03:00:00", "a.txt", 1.0),  # a date (to 12:00Z on the 28th) against 13:00Z at the earliest
    ],
)
def test_a_date_is_a_whole_day_in_an_unknown_time_zone(time_a, time_b, earlier, at_least):
    (pair,) = reuse.scan_articles([Article("a.txt", WIRE, "A", published=time_a), Article("b.txt", WIRE, "B", published=time_b)]).pairs
    signal = next(s for s in pair.direction.evidence if s.name == "time")
    assert signal.favours == earlier, signal
    if earlier is None:
        assert signal.weight == 0
    else:
        assert abs(signal.value) == pytest.approx(at_least) and (signal.weight > 0) == (earlier == "a.txt")


@pytest.mark.parametrize("o_time", ["2025-05-27", "2025-05-27T08:59:00Z"], ids=["date-only", "a-minute-before"])
def test_a_dates_precision_does_not_decide_which_of_two_identical_copies_came_first(o_time):
    """O and B carry one text, their times cannot order them; C is a later copy of it with edits.

    C descends from one of the two, no one can tell which: with O dated only,
    B's time orders it against C where O's cannot, but that is precision, not order.
    """
    base = CREDITED_STORY.removeprefix("LONDON (Reuters) - ")
    c = _edit(base, [("told reporters", "said at a news conference"), ("Retailers have complained", "Shopkeepers have long complained")])
    articles = [
        Article("o.txt", base, "O", published=o_time),
        Article("b.txt", base, "B", published="2025-05-27T09:00:00Z"),
        Article("c.txt", c, "C", published="2025-05-27T15:00:00Z"),
    ]
    verdicts = {(p.a, p.b): p.direction.relation.value for p in reuse.scan_articles(articles).pairs}
    assert verdicts == {("b.txt", "c.txt"): "undetermined", ("b.txt", "o.txt"): "undetermined", ("c.txt", "o.txt"): "undetermined"}


def test_an_outlet_link_counts_the_copy_it_took_not_the_ancestor_it_came_through(timed):
    """Gamma copied Alpha's rewrite of the wire: Gamma's outlet took from Alpha's, not from the wire's as well."""
    result, directions = timed
    assert directions[frozenset(("wire", "gamma"))].relation.value == "copied"  # the article pair keeps its verdict
    links = {(link.source, link.derived) for link in result.outlets}
    assert ("Alpha", "Gamma") in links and ("Wire", "Gamma") not in links


@pytest.mark.parametrize("renamed", ["t0", "t1", "t2"])
def test_verdicts_do_not_depend_on_the_articles_ids(tmp_path, renamed):
    """Renaming one article so that it sorts first turns its pairs round; where two texts differ must not turn with
    them (difflib's matches follow its first argument: renaming t2 made the t0-t1 pair copied, found by a review)."""
    import json
    from pathlib import Path

    records = [json.loads(line) for line in Path(__file__).with_name("fixtures").joinpath("order", "cluster.jsonl").read_text("utf-8").splitlines()]
    verdicts = []
    for names in ({}, {renamed: "a" + renamed}):
        folder = tmp_path / (names.get(renamed) or "as-given")
        folder.mkdir()
        with open(folder / "r.jsonl", "w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps({**record, "id": names.get(record["id"], record["id"])}) + "\n")
        back = {v: k for k, v in names.items()}
        verdicts.append({
            frozenset(back.get(x, x) for x in (p.a, p.b)): (p.direction.relation.value, back.get(p.direction.source, p.direction.source),
                                                          p.direction.confidence)
            for p in reuse.scan(folder).pairs
        })
    assert verdicts[0] == verdicts[1]
    assert len(verdicts[0]) == 3


def test_verdicts_do_not_depend_on_ids_in_a_family_of_edited_copies(samples_dir):
    """A text, two edits of it and an edit of an edit, scanned under two sets of names: the tree broke ties of rank by
    id, and renaming turned a sibling verdict into undetermined (found by a review)."""
    import random

    words = (samples_dir / "000_8e3492a7910b80bc.txt").read_text("utf-8").split()
    rng = random.Random(1)

    def mutate(text, k):
        out = list(text)
        for _ in range(k):
            i, op = rng.randrange(len(out)), rng.random()
            if op < 0.4:
                out[i] = rng.choice(["big", "small", "new", "old", "key", "major"])
            elif op < 0.7:
                del out[i]
            else:
                out.insert(i, rng.choice(["also", "reportedly", "now", "then"]))
        return out

    for _ in range(6):
        t0 = mutate(words, 3)
        t1, t2 = mutate(t0, 8), mutate(t0, 8)
        texts = [t0, t1, t2, mutate(t1, 5)]
        found = []
        for names in (["t0", "t1", "t2", "t3"], ["z9", "b5", "a2", "m1"]):
            role = dict(zip(names, "ABCD"))
            articles = [Article(name, " ".join(text), f"o{k}") for k, (name, text) in enumerate(zip(names, texts))]
            found.append({
                frozenset((role[p.a], role[p.b])): (p.direction.relation.value, role.get(p.direction.source), p.direction.confidence)
                for p in reuse.scan_articles(articles).pairs
            })
        assert found[0] == found[1]


def test_an_undated_identical_copy_leaves_every_later_copy_undecided_alike():
    """a, b and c carry one text at 08:00, 09:00 and 10:00, d the same text undated: d may be b's source as well as
    c's. b stayed a's copy at 0.98 while c was undetermined, only because d ranked between them (found by a review)."""
    base = CREDITED_STORY.removeprefix("LONDON (Reuters) - ")
    timed = [Article(f"{name}.txt", base, name.upper(), published=f"2025-05-27T{hour}:00:00Z") for name, hour in (("a", "08"), ("b", "09"), ("c", "10"))]
    found = {(p.a, p.b): p.direction for p in reuse.scan_articles([*timed, Article("d.txt", base, "D")]).pairs}
    assert found[("a.txt", "b.txt")].relation == found[("a.txt", "c.txt")].relation
    assert found[("a.txt", "b.txt")].relation.value == "undetermined" and found[("a.txt", "b.txt")].evidence[0].name == "twins"
    without = {(p.a, p.b): p.direction for p in reuse.scan_articles(timed).pairs}
    assert [(d.relation.value, d.source) for d in (without[("a.txt", "b.txt")], without[("a.txt", "c.txt")])] == [("copied", "a.txt")] * 2


def test_a_passage_set_among_text_of_its_own_orients_no_copy_by_text_alone():
    """A report that set two sentences of a shorter story among its own, no times: the shorter was reported as the copy
    (it is the more reused), at 0.70; on the benchmark's generated corpus such verdicts were backwards for 1,234 planted
    pairs, right for 121 (found by a review). Which is more reused says which is shorter, not who took from whom."""
    source = Article("story.txt", WIRE, "Riverton Ledger")
    copy = Article("report.txt", " ".join(HARBOUR[:6] + SENTENCES[1:4] + HARBOUR[6:]), "Harbour Post")
    (pair,) = reuse.scan_articles([source, copy]).pairs
    reused = {pair.a: pair.containment_a, pair.b: pair.containment_b}
    assert pair.extent.value == "partial" and reused["story.txt"] > reused["report.txt"] + 0.15  # the source is the more reused
    assert pair.direction.relation.value == "undetermined", pair.direction
    assert pair.direction.evidence[0].name == "unoriented" and "neither text is mostly the other's" in pair.direction.evidence[0].note
    timed = [replace(source, published="2025-05-27T08:00:00Z"), replace(copy, published="2025-05-27T12:00:00Z")]
    (pair,) = reuse.scan_articles(timed).pairs  # a time still orders them
    assert (pair.direction.relation.value, pair.direction.source) == ("copied", "story.txt")


def test_nor_does_the_tree_orient_such_a_passage_by_lengths_alone():
    """Two reports each setting a different passage of one story among their own text: the family tree ranked the
    story below them by the shares reused, and made it their copy (found by a review: 67 of 78 generated tree links)."""
    source = Article("story.txt", WIRE, "Riverton Ledger")
    first = Article("harbour.txt", " ".join(HARBOUR[:6] + SENTENCES[1:4] + HARBOUR[6:]), "Harbour Post")
    second = Article("island.txt", " ".join(HARBOUR[6:] + SENTENCES[4:7] + HARBOUR[:6][::-1]), "Island Times")
    pairs = [p for p in reuse.scan_articles([source, first, second]).pairs if "story.txt" in (p.a, p.b)]
    assert len(pairs) == 2
    for pair in pairs:
        assert not (pair.direction.relation.value == "copied" and pair.direction.source != "story.txt"), pair.direction


def test_two_full_copies_are_no_siblings_of_an_extract_that_lacks_most_of_what_they_share():
    """A wire's 1,500-character extract (and a copycat's copy of it), a site's page declaring the wire's URL
    canonical, and an undated full copy with straight quotes. The two full texts read as `common-source`, "both
    descend from the text that r1, copycat carry", which holds a third of what they share (found by a review)."""
    from pathlib import Path

    full = (Path(__file__).parent.parent / "samples" / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    straight = "Café résumé naïve. " + full.replace("’", "'").replace("“", '"').replace("”", '"')
    result = reuse.scan_articles([
        Article("r1", full[:1500], "Wire", url="https://wire.example/a", published="2025-05-27T09:00:00Z"),
        Article("copycat", full[:1500], "Copycat"),
        Article("page", full, "Daily Ledger", url="https://ledger.example/news/swap", published="2025-05-27T12:00:00Z",
                canonical="https://wire.example/a"),
        Article("copy", straight, "copy"),
    ])
    (pair,) = [p for p in result.pairs if {p.a, p.b} == {"page", "copy"}]
    assert min(pair.containment_a, pair.containment_b) > 0.99
    assert pair.direction.relation.value != "common-source"
    assert not any(s.name == "sibling" for s in pair.direction.evidence)


def test_a_copy_that_changed_the_text_is_not_the_source_of_an_extract_that_kept_it():
    """Two full copies, one with its quotation marks straightened, and two copies of an extract keeping the curly
    ones. The changed copy was named the extract's source (0.70, by the shares reused) while its twin, of the very
    same shares, stood "level: nothing tells them apart" with it (found by a review)."""
    from pathlib import Path

    full = (Path(__file__).parent.parent / "samples" / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    straight = full.replace("’", "'").replace("“", '"').replace("”", '"')
    result = reuse.scan_articles([
        Article("full_a", full, "a"), Article("full_b", straight, "b"), Article("s1", full[:1500], "s"), Article("s2", full[:1500], "s"),
    ])
    verdicts = {frozenset((p.a, p.b)): p.direction for p in result.pairs}
    extract = [verdicts[frozenset((full_text, "s1"))] for full_text in ("full_a", "full_b")]
    assert extract[0].relation == extract[1].relation
    assert extract[1].source != "full_b"
    witnesses = [s for s in extract[1].evidence if s.name == "witnesses"]
    assert witnesses and witnesses[0].favours == "s1"
