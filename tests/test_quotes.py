"""Quoted speech and its speakers: the quotes stage."""

import re
from dataclasses import replace
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.quotes import Quote, find_quotes, quoted_mask

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MARKS = "\"'«»‹›“”„‟‘’‚‛「」『』〝〞〟"
NEWLINES = "\n\r\u2028\u2029\x85"


def sample(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def quote_with(text: str, fragment: str) -> Quote:
    """The one quote of ``text`` that contains ``fragment``."""
    at = text.index(fragment)
    found = [q for q in find_quotes(text) if q.start <= at and at + len(fragment) <= q.end]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} quotes"
    return found[0]


def check_spans(text: str, quotes: tuple[Quote, ...]) -> None:
    """Spans in bounds, sorted, non-overlapping, on a mark, within one paragraph."""
    last = 0
    for q in quotes:
        assert last <= q.start < q.end <= len(text)
        assert text[q.start] in MARKS
        assert not any(c in NEWLINES for c in text[q.start : q.end])
        if q.closed:
            assert text[q.end - 1] in MARKS and q.end - q.start >= 2
        else:  # the end of the paragraph
            assert q.end == len(text) or text[q.end].isspace()
            assert not re.split(f"[{NEWLINES}]", text[q.end :], maxsplit=1)[0].strip()
        last = q.end


@pytest.mark.parametrize(
    "text, quotes",
    [
        ('He said "no way" twice.', ['"no way"']),
        ("He said “no way” twice.", ["“no way”"]),
        ("He said ‘no way’ twice.", ["‘no way’"]),
        ("Il a dit « pas question » hier.", ["« pas question »"]),
        ("Il a dit ‹pas question› hier.", ["‹pas question›"]),
        ("Er sagte „auf keinen Fall“ gestern.", ["„auf keinen Fall“"]),
        ("Er sagte ‚auf keinen Fall‘ gestern.", ["‚auf keinen Fall‘"]),
        ("Er sagte »auf keinen Fall« gestern.", ["»auf keinen Fall«"]),
        ("Hon sa ”aldrig” igen.", ["”aldrig”"]),
        ("他说「不行」。", ["「不行」"]),
        ("他说『不行』。", ["『不行』"]),
        ("He said 'no way' twice.", ["'no way'"]),
        ("swap ‘as soon as possible'", ["‘as soon as possible'"]),
        ("Washington made “a mistake.” “substantial offer”Brittney Griner", ["“a mistake.”", "“substantial offer”"]),
        ("suffering from the ’emotional overload’ of deals", ["’emotional overload’"]),
        ("Trump called Putin “crazy” on Sunday.", ["“crazy”"]),
    ],
    ids=[
        "straight-double", "curly-double", "curly-single", "guillemets", "single-guillemets", "german-low-high",
        "german-single-low-high", "reversed-guillemets", "swedish", "cjk-corner", "cjk-white-corner",
        "straight-single", "mixed-single", "closer-touching-next-word", "closer-used-as-opener", "scare-quote",
    ],
)
def test_each_kind_of_mark(text, quotes):
    assert quoted(text) == quotes


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin’s plan",
        "It won’t hit the swap",
        "revealed Tuesday by Russia‘s foreign minister",
        "revealed Tuesday by Russia ‘s foreign minister Sergey Lavrov",
        "they love rock ’n’ roll",
        "they love rock 'n' roll",
        "back in the ’90s and ’tis true",
        "It's Chris' car and the Smiths' album",
        "the leaders’ meeting",
        "a 5\" screen, 6'2 tall",
        "Ukraine's position",
        "’",
    ],
    ids=[
        "kremlins", "wont", "opening-mark-as-apostrophe", "detached-apostrophe", "rock-n-roll", "straight-rock-n-roll",
        "elisions", "straight-possessives", "plural-possessive", "inches", "straight-apostrophe", "lone-mark",
    ],
)
def test_apostrophes_never_start_a_quote(text):
    assert find_quotes(text) == ()


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("‘I love rock ’n’ roll,’ she said.", ["‘I love rock ’n’ roll,’"]),
        ("‘The leaders’ meeting went well,’ he said.", ["‘The leaders’ meeting went well,’"]),
        ("They said ‘guns’ and ‘roses’ were fine.", ["‘guns’", "‘roses’"]),
        ("‘Russia‘s war won’t end,’ he said.", ["‘Russia‘s war won’t end,’"]),
    ],
    ids=["elision-inside", "plural-possessive-inside", "two-single-quotes", "apostrophes-inside"],
)
def test_apostrophes_do_not_end_a_quote(text, quotes):
    assert quoted(text) == quotes


def test_nested_quotes_keep_the_outer_one():
    text = "Trump said: ‘We will ‘win’ big’ today. “He said ‘yes’ to me,” she said."
    assert quoted(text) == ["‘We will ‘win’ big’", "“He said ‘yes’ to me,”"]


@pytest.mark.parametrize(
    "text, quotes, closed",
    [
        ("“It goes on\n“and ends here,” he said.", ["“It goes on", "“and ends here,”"], [False, True]),
        ("“Left open   \n\nNext “one” here.", ["“Left open", "“one”"], [False, True]),
        ("“Open at the end", ["“Open at the end"], [False]),
        ("He said “no\nand” then", ["“no"], [False]),
        ("Lines\r\n“x”\r\n", ["“x”"], [True]),
    ],
    ids=["continued-quote", "blank-line", "end-of-text", "closer-in-next-paragraph", "crlf"],
)
def test_quotes_stay_in_their_paragraph(text, quotes, closed):
    found = find_quotes(text)
    assert [text[q.start : q.end] for q in found] == quotes
    assert [q.closed for q in found] == closed
    check_spans(text, found)


@pytest.mark.parametrize("mark", ["'", "’", "‘"])
def test_a_quotation_over_paragraphs_in_single_marks_is_quoted_in_every_paragraph(mark):
    """British style: each paragraph opens with the mark, only the last closes. A straight one was dropped as an apostrophe."""
    close = "’" if mark == "‘" else mark
    text = (
        f"Steijn said he took full responsibility.\n\n{mark}I came here with a clear plan and believed in it.\n\n"
        f"{mark}I want to thank the players.\n\n{mark}I leave with my head held high.{close}\n\nMaduro takes over."
    )
    assert quoted(text) == [
        f"{mark}I came here with a clear plan and believed in it.",
        f"{mark}I want to thank the players.",
        f"{mark}I leave with my head held high.{close}",
    ]
    # A paragraph that opens with an elision or a stray mark, the next not opening with it, is no quotation.
    assert quoted("'Twas a long night in the ' old town.\n\nThe talks went on.") == []


def test_straight_single_quote_left_open_is_an_apostrophe_but_quotes_inside_it_are_kept():
    assert quoted("the 'burbs where “crazy” people live") == ["“crazy”"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“It is clear,” Kremlin spokesman Dmitry Peskov told reporters.", "Dmitry Peskov"),
        ("“It is clear,” said Trump.", "Trump"),
        ("“It is clear,” Trump wrote on social media.", "Trump"),
        ("“It is clear,” Dmitry Peskov, the Kremlin spokesman, said.", "Dmitry Peskov"),
        ("“It is clear,”Dmitry Peskov (Kremlin press secretary) stated.", "Dmitry Peskov"),
        ("“It is clear,” the Kremlin said.", "Kremlin"),
        ("“It is clear,” according to Ukrainian officials.", "Ukrainian officials"),
        ("According to Peskov, “it is clear.”", "Peskov"),
        ("Trump said Putin is “needlessly killing a lot of people.”", "Trump"),
        ('"It is clear," Ukrainian President Volodymyr Zelenskyy also said.', "Volodymyr Zelenskyy"),
        ('"It is clear," said US Secretary of State Marco Rubio.', "Marco Rubio"),
        ("“It is clear,” he added.", None),
        ("He said Putin is “crazy.”", None),
        ("Trump called Putin “crazy” on Sunday.", None),
        ("“It is clear,” Peskov said. “We agree.”", "Peskov"),
        ("“It is clear,” Peskov said. Ushakov called it “nonsense.”", None),
        ("« C’est clair », a déclaré Emmanuel Macron.", "Emmanuel Macron"),
        ("„Es ist klar“, sagte Angela Merkel.", "Angela Merkel"),
        ("«Está claro», dijo Pedro Sánchez.", "Pedro Sánchez"),
        ("« C’est clair », dit-il.", None),
        ("“We will strike,” union leader Marta Kovac told reporters.", "Marta Kovac"),
        ("“We will strike,” said union leader Marta Kovac.", "Marta Kovac"),
        ("“We will strike,” councillor Ana Beric told the Daily Ledger.", "Ana Beric"),
        ("“We will strike,” said the union leader.", None),
        ("“We will strike,” Kovac said in a statement on Monday.", "Kovac"),
        ("«Переговоры продолжатся», — заявил Путин журналистам.", "Путин"),
        ("«Переговоры продолжатся», — сказал министр иностранных дел России Сергей Лавров.", "Сергей Лавров"),
        ("Пресс-секретарь Кремля Дмитрий Песков заявил: «Переговоры продолжатся».", "Дмитрий Песков"),
        ("По словам Дмитрия Пескова, «переговоры продолжатся».", "Дмитрия Пескова"),
        ("«Переговоры продолжатся», — сказал министр.", None),
        ("«Переговоры продолжатся», — заявил он.", None),
        ("В Кремле заявили: «переговоры продолжатся».", None),
        ("«È chiaro», ha detto il premier Giorgia Meloni.", "Giorgia Meloni"),
        ("Mario Draghi ha detto: «È chiaro».", "Mario Draghi"),
        ("“Está claro”, afirmou o ministro Fernando Haddad.", "Fernando Haddad"),
        ("O presidente Lula declarou: “Está claro”.", "Lula"),
    ],
    ids=[
        "name-verb-with-title", "verb-name", "wrote", "appositive", "parenthesis", "the-kremlin", "according-to-group",
        "according-before", "verb-before-quote", "adverb-between", "title-of-state", "pronoun-after",
        "pronoun-before", "no-speech-verb", "continues-previous-quote", "new-sentence-no-speaker", "french",
        "german", "spanish", "french-pronoun", "lowercase-title-verb-after", "verb-lowercase-title-name",
        "one-word-title", "title-no-name", "statement-on-monday", "russian", "russian-title-of-genitives",
        "russian-before", "russian-according-genitive", "russian-title-no-name", "russian-pronoun", "russian-place",
        "italian", "italian-before", "portuguese", "portuguese-before",
    ],
)
def test_speaker(text, speaker):
    (q,) = find_quotes(text)[-1:]
    assert q.speaker == speaker


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("It is clear that the Russian and American sides should not and can not agree", "Dmitry Peskov"),
        ("But there is political will to implement the agreements", None),  # “...,” he added.
        ("He has gone absolutely CRAZY!", "Trump"),
        ("I’ve always had a very good relationship with Vladimir Putin of Russia", "Trump"),
        ("needlessly killing a lot of people", "Trump"),
        ("missiles and drones are being shot into Cities", "Trump"),
        ("Everything out of his mouth causes problems", "Trump"),
        ("I’m not happy with what Putin’s doing", "Trump"),
        ("swapping nine people for nine people", "Yuri Ushakov"),
        ("crazy", None),
    ],
)
def test_sample_001_quotes_and_speakers(fragment, speaker):
    text = sample("001")
    q = quote_with(text, fragment)
    assert q.closed and text[q.start] == "“" and text[q.end - 1] == "”"
    assert q.speaker == speaker


def test_sample_001_trump_quote_is_whole():
    text = sample("001")
    want = (
        "“I’ve always had a very good relationship with Vladimir Putin of Russia, but something has happened to him. "
        "He has gone absolutely CRAZY!”"
    )
    q = quote_with(text, "I’ve always had")
    assert text[q.start : q.end] == want


def test_sample_004_single_quotes_with_apostrophes_inside():
    text = sample("004")
    want = "‘I’ve always had a very good relationship with Vladimir Putin of Russia, but something has happened to him,’"
    q = quote_with(text, "I’ve always had")
    assert text[q.start : q.end] == want
    assert q.speaker == "Trump"
    assert text[quote_with(text, "emotional overload").start :].startswith("’emotional overload’")
    assert quote_with(text, "We are really grateful").speaker == "Dmitry Peskov"
    for apostrophe in ("Russia‘s foreign", "Russia ‘s foreign", "DailyMail.com’s"):
        at = text.index(apostrophe)
        assert not any(q.start <= at < q.end for q in find_quotes(text))


@pytest.mark.parametrize(
    "prefix, fragment, speaker",
    [
        ("000", "But there is political will", "Peskov"),
        ("002", "We are preparing an exchange", "Volodymyr Zelenskyy"),
        ("002", "as soon as possible'", "Kremlin"),
        ("003", "What we know is that so far", "Dmitry Peskov"),
        ("003", "lengthy negotiation process", "Russian diplomats"),
    ],
    ids=["000-continued", "002-straight-quotes", "002-mixed-marks", "003-touching-name", "003-according-to"],
)
def test_other_samples(prefix, fragment, speaker):
    assert quote_with(sample(prefix), fragment).speaker == speaker


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_sample_spans_start_and_end_on_marks(path):
    text = path.read_text(encoding="utf-8")
    quotes = find_quotes(text)
    assert quotes
    check_spans(text, quotes)
    mask = quoted_mask(text, quotes)
    assert sum(mask) == sum(q.end - q.start for q in quotes)
    assert mask == quoted_mask(text)


def test_quoted_mask_and_content_span():
    text = 'he said "no" and ‘maybe'
    quotes = find_quotes(text)
    assert [q.content_span for q in quotes] == [(9, 11), (18, 23)]
    assert [text[slice(*q.content_span)] for q in quotes] == ["no", "maybe"]
    assert quoted_mask(text) == bytearray([0] * 8 + [1] * 4 + [0] * 5 + [1] * 6)
    assert quoted_mask(text, []) == bytearray(len(text))
    assert quoted_mask("") == bytearray()


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "“", "”", "«", "»", "\"'\"'", "🙂“emoji”🙂", "עברית “שלום” end", "“" * 3000 + "”" * 3000, "\x00“\ud800”"],
    ids=["empty", "space", "newlines", "opener", "closer", "guillemet", "guillemet-close", "straight-mix", "emoji",
         "rtl", "deep-nesting", "control-and-surrogate"],
)
def test_odd_input_never_crashes(text):
    quotes = find_quotes(text)
    check_spans(text, quotes)
    assert len(quoted_mask(text)) == len(text)


def test_junk_stays_linear():
    junk = "‘a " * 20000 + '"b" ' * 20000 + "’a “b” " * 2000
    started = time.perf_counter()
    quotes = find_quotes(junk)
    assert time.perf_counter() - started < 5
    check_spans(junk, quotes)


MARKY = st.lists(
    st.sampled_from([*MARKS, *NEWLINES, "a", "Z", " ", ".", ",", "s", "n", "said ", "Trump ", "he ", "according to "]),
    max_size=60,
).map("".join)


@settings(deadline=None)
@given(st.one_of(st.text(), MARKY))
def test_spans_are_in_bounds_sorted_and_non_overlapping(text):
    quotes = find_quotes(text)
    check_spans(text, quotes)
    mask = quoted_mask(text)
    assert len(mask) == len(text)
    assert sum(mask) == sum(q.end - q.start for q in quotes)
    for q in quotes:
        assert q.speaker is None or all(word in text for word in q.speaker.split())


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_without_speakers_the_spans_are_the_same(path):
    text = path.read_text(encoding="utf-8")
    fast = find_quotes(text, speakers=False)
    assert [(q.start, q.end, q.closed) for q in fast] == [(q.start, q.end, q.closed) for q in find_quotes(text)]
    assert all(q.speaker is None for q in fast)


def test_a_quote_in_straight_single_marks_going_on_in_the_next_paragraph_is_a_shared_quotation():
    """British style: 'Yes,' Marsh told reporters. 'The freeze ... (left open) and the next paragraph opens with ' again.
    The mark opening a sentence mid-paragraph was read as an apostrophe, and two outlets quoting the minister were
    called a verbatim copy (found by a review)."""
    import reuse
    from reuse.model import Article

    said = ("'We will not ask families to pay more at the pump while wages are still catching up with prices,' Marsh told "
            "reporters. 'The freeze will hold until the end of next year, and every penny of it is paid for by the levy on "
            "the offshore producers.\n\n'Anyone who tells you otherwise has simply not read the budget or the forecasts "
            "that the independent office published this morning.'")
    a = Article("a.txt", "The finance minister froze fuel duty on Tuesday, scrapping a planned rise that had been due in "
                "April ahead of the local elections in the spring.\n\n" + said + "\n\nHauliers welcomed the decision.", "Ledger")
    b = Article("b.txt", "Motorists won a reprieve as the government shelved the April increase, a move opposition parties "
                "called a pre-election giveaway paid for with borrowed money.\n\n" + said + "\n\nThe RAC said pump prices "
                "remained high.", "Post")
    (pair,) = reuse.scan_articles([a, b]).pairs
    assert pair.kind.value == "shared-quotes", pair


def test_quotations_given_to_one_outlet_and_carried_by_another_are_taken_from_it():
    """"Marsh told the Daily Ledger": the Northern Post's later article runs the same quotations without saying where
    they came from. It was called a common source, as if both had heard her (found by a review)."""
    import reuse
    from reuse.model import Article

    words = ("“I have sat across the kitchen table from nurses in Carlisle who are choosing between filling the tank and "
             "filling the fridge. I am not going to stand at a despatch box and tell them to pay more,” Marsh {}. “The "
             "Treasury wanted the rise. I overruled them, and I would do it again tomorrow, whatever the officials say.”")
    ledger = Article("ledger.txt", "In her first interview since taking over at the Treasury, the minister spoke for an hour.\n\n"
                     + words.format("told the Daily Ledger"), "Daily Ledger", published="2025-11-18T07:00:00Z")
    post = Article("post.txt", "The finance minister has revealed that she overruled her own officials on fuel duty.\n\n"
                   + words.format("said"), "Northern Post", published="2025-11-18T12:00:00Z")
    (pair,) = reuse.scan_articles([ledger, post]).pairs
    d = pair.direction
    assert pair.kind.value == "shared-quotes"
    assert (d.relation.value, d.source, d.derived, d.evidence[0].name) == ("copied", "ledger.txt", "post.txt", "exclusive-quotes")
    # Published first: the order and the words given to the Ledger disagree (a clock, a time set back, or the interview
    # out first on air or in print). It was common-source, "the same quotations", as of one event both attended, which
    # those words rule out (a review): undetermined, with a conflict, as for a pair sharing more.
    earlier = replace(post, published="2025-11-18T06:00:00Z")
    (pair,) = reuse.scan_articles([ledger, earlier]).pairs
    assert pair.direction.relation.value == "undetermined" and pair.direction.evidence[0].name == "conflict"


def test_a_whole_copy_of_an_exclusive_is_taken_from_the_outlet_it_was_given_to():
    """With no times, a farm's quote-only lift of the Ledger's interview was the Ledger's copy (0.7), and a farm that
    took the whole article, "told the Daily Ledger" and all, undetermined: the more it lifted, the less was said
    (found by a review)."""
    import reuse
    from reuse.model import Article

    words = ("“I have sat across the kitchen table from nurses in Carlisle who are choosing between filling the tank and "
             "filling the fridge. I am not going to stand at a despatch box and tell them to pay more,” Marsh told the "
             "Daily Ledger. “The Treasury wanted the rise. I overruled them, and I would do it again tomorrow.”")
    body = ("In her first interview since taking over at the Treasury, the minister spoke for an hour about fuel, wages and "
            "the coming budget, and about the officials she has already clashed with.\n\n" + words + "\n\nThe Treasury "
            "declined to comment on the account of the meeting, which took place in the week before the autumn statement.")
    ledger = Article("ledger.txt", body, "Daily Ledger")
    farm = Article("farm.txt", body, "NewsBlitz24")
    (pair,) = reuse.scan_articles([ledger, farm]).pairs
    d = pair.direction
    assert pair.kind.value == "verbatim"
    assert (d.relation.value, d.source, d.derived, d.evidence[0].name) == ("copied", "ledger.txt", "farm.txt", "exclusive-quotes")
    assert d.confidence == 0.7 and not [s for s in d.evidence if s.name in ("unoriented", "twins")]
    later = replace(ledger, published="2025-11-18T12:00:00Z")  # a time order against it: not overruled
    (pair,) = reuse.scan_articles([later, replace(farm, published="2025-11-18T07:00:00Z")]).pairs
    assert not (pair.direction.relation.value == "copied" and pair.direction.source == "ledger.txt")


def test_a_statement_printed_without_marks_after_its_introduction_is_a_quotation():
    """"The trust released the following statement:" and its paragraphs unmarked, against another outlet's quoting
    them: a verbatim copy at 0.98 was claimed (found by a review); it is the trust's words."""
    import reuse
    from reuse.model import Article

    paragraphs = [
        "Earlier this week the board became aware that patient records at three of its sites had been accessed without "
        "authorisation by a criminal group operating from abroad.",
        "We immediately took the affected systems offline, informed the regulator and the national cyber security centre, "
        "and began working with specialist forensic investigators to understand what was taken.",
        "We know this will be deeply worrying for our patients and their families, and we are sorry. Every patient whose "
        "information may have been affected will be contacted directly by letter.",
    ]
    marked = "\n\n".join(f"“{p}”" for p in paragraphs)
    a = Article("herald.txt", "Hackers stole thousands of patient records from a hospital trust, which said on Tuesday:\n\n"
                + marked + "\n\nA spokesperson for the regulator confirmed it had received a report.", "Herald",
                published="2025-11-18T08:00:00Z")
    b = Article("record.txt", "A hospital trust in the north was hit by a cyber attack. The trust released the following "
                "statement:\n\n" + "\n\n".join(paragraphs) + "\n\nPolice said a criminal investigation had begun.", "Record",
                published="2025-11-18T09:00:00Z")
    (pair,) = reuse.scan_articles([a, b]).pairs
    assert pair.kind.value == "shared-quotes", pair
    assert pair.direction.relation.value == "common-source"


@pytest.mark.parametrize(("text", "quoted"), [
    ("Officials said the blaze had already spread:\n\nThree homes burned.\n\nCrews worked all night.", []),
    ("READ MORE:\n\nBank raises rates\n\nThe lender said on Monday it would raise rates.", []),
    ("What the lender's statement means for you:\n\nRates rise in May.", []),
    ("Marsh said:\n\nWe will not move.\n\nReyes said:\n\nThis is a stunt.", ["We will not move.", "This is a stunt."]),
    ("The trust released the following statement:\n\nRecords were taken.\n\nWe are sorry.\n\nThe hospital has been "
     "under pressure for years.\n\nWe will pay nothing.", ["Records were taken.", "We are sorry."]),
])
def test_only_words_a_speaker_or_statement_introduces_are_quoted_without_marks(text, quoted):
    """The review of this change: "already spread:", "READ MORE:" and a heading ending in a colon opened blocks of up to
    eight 'quoted' paragraphs, which turned real copies into shared quotations; a second introduction was ignored; a
    statement ran on into the article's own narrative."""
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


@pytest.mark.parametrize("ledger_adds", [
    "A spokesman for the ministry later told the Daily Ledger that no further comment would be made.",
    "Marsh declined an interview with the Daily Ledger.",
])
def test_an_outlet_named_elsewhere_in_its_text_did_not_receive_the_shared_quotations(ledger_adds):
    """The review of this change: a press conference both quoted, and the Ledger's own line about another matter
    ("later told the Daily Ledger", "declined an interview with") made the Post its copy."""
    import reuse
    from reuse.model import Article

    said = ("“We will not ask families to pay more at the pump while wages are still catching up with prices, and the "
            "freeze will hold until the end of next year, every penny of it paid for,” Helen Marsh told reporters.")
    ledger = Article("ledger.txt", "The minister froze fuel duty on Tuesday at a press conference in London.\n\n" + said
                     + "\n\nThe opposition called the move a stunt.\n\n" + ledger_adds, "Daily Ledger", published="2025-06-02T08:00:00Z")
    post = Article("post.txt", "Motorists won a reprieve on Tuesday as the government shelved a planned rise.\n\n" + said
                   + "\n\nHauliers welcomed the news.", "Northern Post", published="2025-06-02T10:00:00Z")
    (pair,) = reuse.scan_articles([ledger, post]).pairs
    assert pair.direction.relation.value == "common-source", pair.direction
