"""Shared quotations: who said them, and when quotations given to one outlet ("Marsh told the Daily Ledger") show who
took them from whom."""

import pytest

import reuse
from reuse.model import Article


def test_shared_quotations_name_who_said_them(samples_dir):
    """The mission asks which shared text is only a quotation of the same speaker: the verdict said "the same
    quotations" and never whose (the speakers were found, and dropped)."""
    result = reuse.scan(samples_dir)
    (pair,) = [p for p in result.pairs if p.kind.value == "shared-quotes"]
    signal = pair.direction.evidence[0]
    assert signal.name == "shared-quotes" and signal.note == "the only shared text is the same quotations, of Trump"


@pytest.mark.parametrize(
    ("quote", "a_says", "b_says", "rest_a", "rest_b", "speaker"),
    [
        (
            "«Мы готовы продолжить переговоры в Стамбуле на следующей неделе, но только если украинская сторона выполнит "
            "все договорённости, которые были достигнуты на прошлой встрече делегаций»",
            "{q}, — заявил пресс-секретарь президента Дмитрий Песков.", "Пресс-секретарь Кремля Дмитрий Песков сказал журналистам: {q}.",
            "В понедельник в Москве прошли переговоры о поставках зерна. Стороны обсудили цены и маршруты доставки через порты.",
            "Тем временем в Петербурге открылся экономический форум, на который приехали делегации из сорока стран мира.",
            "Дмитрий Песков",
        ),
        (
            "«Il governo non aumenterà le tasse sul lavoro e sosterrà le famiglie con figli per tutto il prossimo anno»",
            "{q}, ha detto Giorgia Meloni.", "Meloni ha detto ai giornalisti: {q}.",
            "A Milano intanto si è svolta la manifestazione dei sindacati contro i tagli alla sanità pubblica e ai trasporti.",
            "Nel frattempo a Napoli è stato inaugurato il nuovo tratto della metropolitana, atteso da oltre dieci anni.",
            "Giorgia Meloni",
        ),
        (
            "“O governo não vai aumentar os impostos sobre o trabalho e vai apoiar as famílias com filhos durante todo o "
            "próximo ano”",
            "{q}, afirmou o ministro Fernando Haddad.", "Haddad disse aos jornalistas: {q}.",
            "Em São Paulo, os bancários entraram em greve por reajuste salarial e melhores condições nas agências.",
            "Enquanto isso, no Rio de Janeiro, foi inaugurada a nova linha do metrô, aguardada havia mais de dez anos.",
            "Fernando Haddad",
        ),
    ],
    ids=["russian", "italian", "portuguese"],
)
def test_shared_quotations_name_their_speaker_in_russian_italian_and_portuguese(quote, a_says, b_says, rest_a, rest_b, speaker):
    """Two reports of one statement, each naming the speaker its own way: the verdict said "the same quotations" and
    not whose, as speakers were read in English, French, German and Spanish only."""
    a = Article("a.txt", f"{a_says.format(q=quote)}\n\n{rest_a}", "Alpha")
    b = Article("b.txt", f"{b_says.format(q=quote)}\n\n{rest_b}", "Beta")
    (pair,) = reuse.scan_articles([a, b]).pairs
    assert pair.kind.value == "shared-quotes"
    assert pair.direction.evidence[0].note == f"the only shared text is the same quotations, of {speaker}"


def test_shared_quotations_without_a_named_speaker_say_no_name():
    said = "The minister said the talks would resume next week and that both sides wanted a deal before the summer recess."
    quote = "“We are ready to sign an agreement that protects jobs on both sides of the border, and we will not walk away.”"
    a = Article("a.txt", f"{quote}\n\nThe harbour reopened on Monday after a week of storms. " * 2 + said, "Alpha")
    b = Article("b.txt", f"{quote}\n\nFarmers protested in the capital over fuel prices on Friday. " * 2, "Beta")
    (pair,) = reuse.scan_articles([a, b]).pairs
    assert pair.kind.value == "shared-quotes" and pair.direction.evidence[0].note == "the only shared text is the same quotations"


def test_quotations_an_agency_and_a_reporter_both_give_are_no_uncredited_wire_copy():
    """A reporter's own story sharing only the quotations of AFP's was "carrying AFP's text without its credit line",
    the signals that did not count weighed 3.5 and 1.5, and the one that decided 0 (found by a review)."""
    quote = "“We are ready to sign an agreement that protects jobs on both sides of the border, and we will not walk away.”"
    afp = Article("afp.txt", f"{quote}\n\nThe harbour reopened on Monday after a week of storms. " * 2, "AFP",
                  url="https://www.afp.com/en/news/1", published="2025-03-10T08:00:00Z")
    own = Article("own.txt", f"{quote}\n\nFarmers protested in the capital over fuel prices on Friday. " * 2, "Independent Voice",
                  published="2025-03-10T12:30:00Z")
    (pair,) = reuse.scan_articles([afp, own]).pairs
    assert pair.kind.value == "shared-quotes" and pair.direction.relation.value == "common-source"
    first, *rest = pair.direction.evidence
    assert first.name == "shared-quotes"
    assert "agency" not in [s.name for s in rest] and "time" in [s.name for s in rest]
    assert all(s.weight == 0 for s in pair.direction.evidence)


def test_a_rewrite_of_an_exclusive_stamped_before_it_is_a_conflict_not_the_source(tmp_path):
    """The Ledger's exclusive ("Marsh told the Daily Ledger"), and a rewrite carrying those words stamped three hours
    before it: the rewrite was named the source at 0.68 by its time, and the words given to the Ledger were not
    among the evidence (found by a review). The order and the text disagree: undetermined, with a conflict."""
    (pair,) = _exclusive(tmp_path)
    assert pair.direction.relation.value == "undetermined"
    assert pair.direction.evidence[0].name == "conflict" and pair.direction.evidence[0].value == "told the Daily Ledger"


def _exclusive(tmp_path, *, wire_outlet="Evening Wire", wire_time="2025-02-09T18:00:00+00:00"):
    """The fixture's exclusive and its rewrite, the rewrite stamped ``wire_time`` (3 h before the exclusive) and
    published as ``wire_outlet``."""
    import shutil
    from pathlib import Path

    for f in (Path(__file__).parent / "fixtures" / "exclusive").iterdir():
        shutil.copy(f, tmp_path / f.name)
    wire = tmp_path / "eveningwire.html"
    page = wire.read_text("utf-8").replace("2025-02-10T07:45:00+00:00", wire_time)
    page = page.replace('content="Evening Wire"', f'content="{wire_outlet}"')
    wire.write_text(page, "utf-8")
    return reuse.scan(tmp_path).pairs


def test_quotations_given_to_one_outlet_shared_alone_against_the_times_are_a_conflict(samples_dir):
    """Sharing only the quotations "Marsh told the Daily Ledger", the rewrite stamped before the Ledger was
    common-source, "the same quotations" as of one event, which the words given to the Ledger rule out (a review)."""
    quotes = (
        "\"I have given this railway everything I have, but the passengers deserve a fresh start and I accept that I am no "
        "longer the person to deliver it,\" Marsh told the Daily Ledger.\n\n\"The timetable we promised in September was "
        "not deliverable with the drivers we had, and I should have said so sooner,\" he told the Daily Ledger."
    )
    ledger = ("The chief executive of Harbour Rail is preparing to step down after a winter of cancellations, the Daily "
              "Ledger can reveal.\n\n" + quotes + "\n\nThe company's board is expected to meet on Friday to discuss a successor.")
    wire = ("Harbour Rail's boss is on his way out. Commuters around Bristol have endured months of cancelled trains and "
            "packed carriages.\n\n" + quotes + "\n\nUnions said the problems ran deeper than one man.")
    others = [Article(f.name, f.read_text("utf-8"), f.stem) for f in sorted(samples_dir.iterdir())]
    result = reuse.scan_articles([
        Article("ledger", ledger, "Daily Ledger", published="2025-02-09T21:00:00Z"),
        Article("wire", wire, "Evening Wire", published="2025-02-09T18:00:00Z"),
        *others,
    ])
    (pair,) = [p for p in result.pairs if {p.a, p.b} == {"ledger", "wire"}]
    assert pair.kind.value == "shared-quotes"
    assert pair.direction.relation.value == "undetermined" and pair.direction.evidence[0].name == "conflict"


def test_two_pages_of_one_outlet_make_no_conflict_of_the_words_given_to_it(tmp_path):
    """The Ledger's page and another page of its own (dailyledger.com) stamped first: the quotations are the Ledger's
    on both, and the pair read as a conflict, "one of them is wrong" (found by a review)."""
    (pair,) = _exclusive(tmp_path, wire_outlet="dailyledger.com")
    assert not any(s.name == "conflict" for s in pair.direction.evidence)
