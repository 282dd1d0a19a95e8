"""Property tests (hypothesis) on tokenisation, shingling, span arithmetic and alignment.

Only the public entry points are used (``word_spans``, ``analyze``,
``sketch_article``, ``scan_articles``), so these properties hold whatever the
stages do inside.

- Every word span lies within the text, and its slice, analysed alone, is that
  one word with the same hash.
- A sketch depends only on the case-folded word sequence.
- Every passage of every pair lies within both texts, holds words, and cuts
  no word in two.
- Results do not depend on the order the articles come in, and a pair found
  from A to B is the same pair, mirrored, from B to A.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reuse.config import ScanConfig
from reuse.model import Article, Pair, ScanResult
from reuse.pipeline import scan_articles
from reuse.sketch import sketch_article
from reuse.text import analyze, word_spans

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: Real news words (from the samples), so that stems and stopwords behave as in news.
VOCABULARY = sorted(
    {
        text[s:e].lower()
        for path in sorted(SAMPLES.glob("*.txt"))
        for text in [path.read_text(encoding="utf-8")]
        for s, e in word_spans(text)
        if text[s:e].isalpha() and text[s:e].isascii()
    }
)
LEAD = "It is said that the news of the day was in the papers and on the radio."
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", ". ", " — ", "\t", " “", "” ", "\n\n"])

# Any text, with the scripts and marks of real news weighted in.
TEXTS = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from("aé\u0301 \n.,“”'’-—1東京مرحباשלום\u200b\u200d\u00ad🙂"),
        st.sampled_from("เปิดประเทศไทยะาำั่์ ខ្មែរ។ ລາວໄປ မြန်မာ။๒"),  # clustered scripts: leading vowels, marks, stackers
    ),
    max_size=200,
)


@settings(deadline=None, max_examples=200)
@given(TEXTS)
def test_each_word_span_slices_back_to_that_one_word(text):
    analysis = analyze(text, language="")
    assert [(int(s), int(e)) for s, e in zip(analysis.starts, analysis.ends)] == word_spans(text)
    for (start, end), word_hash in zip(word_spans(text), analysis.words.tolist()):
        assert 0 <= start < end <= len(text)
        alone = analyze(text[start:end], language="")
        assert word_spans(text[start:end]) == [(0, end - start)]
        assert alone.words.tolist() == [word_hash]


@settings(deadline=None, max_examples=100)
@given(TEXTS)
def test_words_rejoined_by_spaces_are_the_same_words(text):
    words = [text[s:e] for s, e in word_spans(text)]
    rejoined = " ".join(words)
    assert [rejoined[s:e] for s, e in word_spans(rejoined)] == words
    assert analyze(rejoined, language="").words.tolist() == analyze(text, language="").words.tolist()


def _sketch(text: str):
    config = ScanConfig()
    analysis = analyze(text)
    return sketch_article(analysis, np.ones(len(analysis), dtype=bool), config.sketch, config.candidates)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=120), st.data())
def test_a_sketch_depends_only_on_the_casefolded_words(words, data):
    plain = " ".join(words)
    dressed = "".join(
        (w.upper() if data.draw(st.booleans()) else w) + data.draw(SEPARATORS) for w in words
    )  # fmt: skip
    a, b = _sketch(plain), _sketch(dressed)
    assert a.verbatim.shape == b.verbatim.shape and a.rewrite.shape == b.rewrite.shape
    assert np.array_equal(a.verbatim, b.verbatim) and np.array_equal(a.rewrite, b.rewrite)


# -- alignment, through the whole scan -----------------------------------------------------------


def _prose(draw, n_min: int, n_max: int) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=n_min, max_size=n_max))
    out = []
    for i, word in enumerate(words, 1):
        out.append(word.capitalize() if i == 1 or out[-1].endswith(". ") else word)
        out.append(". " if i % 13 == 0 else " ")
    return "".join(out).strip() + "."


@st.composite
def article_texts(draw) -> tuple[str, str, str]:
    """Three texts; the first two share a passage (verbatim or lightly edited), the third is unrelated."""
    shared = _prose(draw, 40, 120)
    if draw(st.booleans()):  # a light rewrite: a few words dropped
        words = shared.split(" ")
        drop = set(draw(st.lists(st.integers(0, len(words) - 1), max_size=4)))
        edited = " ".join(w for i, w in enumerate(words) if i not in drop)
    else:
        edited = shared
    # Each text opens with a line of English so that every language guess is the same (see the xfail below).
    a = f"{LEAD}\n\n{_prose(draw, 0, 60)}\n\n{shared}\n\n{_prose(draw, 0, 60)}"
    b = f"{LEAD}\n\n{_prose(draw, 0, 60)}\n\n{edited}\n\n{_prose(draw, 0, 60)}"
    return a, b, f"{LEAD}\n\n{_prose(draw, 20, 80)}"


def _cuts_a_word(text: str, offset: int) -> bool:
    return any(s < offset < e for s, e in word_spans(text))


def _check_spans(result: ScanResult) -> None:
    """Each passage lies in both texts, holds a word, and cuts no word in two (it may end on punctuation)."""
    texts = {a.id: a.text for a in result.articles}
    for pair in result.pairs:
        for p in pair.passages:
            for text, start, end in ((texts[pair.a], p.a_start, p.a_end), (texts[pair.b], p.b_start, p.b_end)):
                assert 0 <= start < end <= len(text)
                assert word_spans(text[start:end]), p
                assert not _cuts_a_word(text, start) and not _cuts_a_word(text, end), (text[start:end], p)


def _mirror(pair: Pair) -> Pair:
    """The pair as seen from the other side."""
    passages = tuple(
        dataclasses.replace(p, a_start=p.b_start, a_end=p.b_end, b_start=p.a_start, b_end=p.a_end)
        for p in pair.passages
    )
    return dataclasses.replace(
        pair, a=pair.b, b=pair.a, containment_a=pair.containment_b, containment_b=pair.containment_a, passages=passages
    )


def _key(pair: Pair) -> tuple:
    """What a pair says, with sides named by text rather than by id."""
    passages = sorted((p.a_start, p.a_end, p.b_start, p.b_end, p.kind, round(p.similarity, 6)) for p in pair.passages)
    return (pair.kind, pair.extent, round(pair.similarity, 6), round(pair.containment_a, 6),
            round(pair.containment_b, 6), tuple(passages))  # fmt: skip


def _by_text(result: ScanResult, names: dict[str, str]) -> dict[tuple[str, str], tuple]:
    """Pairs keyed by the texts' own names, each oriented from the first name to the second."""
    out = {}
    for pair in result.pairs:
        if names[pair.a] > names[pair.b]:
            pair = _mirror(pair)
        direction = pair.direction
        source = names.get(direction.source) if direction.source else None
        out[(names[pair.a], names[pair.b])] = (_key(pair), direction.relation, source, round(direction.confidence, 6))
    return out


def _articles(texts: tuple[str, ...], ids: tuple[str, ...]) -> list[Article]:
    return [Article(i, t, outlet=f"outlet-{i}", path=f"{i}.txt") for i, t in zip(ids, texts)]


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article_texts(), st.permutations([0, 1, 2]))
def test_passages_are_in_bounds_and_results_do_not_depend_on_order_or_names(texts, order):
    ids = ("x1", "x2", "x3")
    first = scan_articles(_articles(texts, ids))
    _check_spans(first)
    names = dict(zip(ids, ("A", "B", "C")))

    # The same articles in another order, and under ids that sort the other way round.
    new_ids = tuple(f"y{3 - i}" for i in range(3))  # y3, y2, y1: A now sorts last
    shuffled = [_articles(texts, new_ids)[i] for i in order]
    second = scan_articles(shuffled)
    _check_spans(second)
    assert _by_text(second, dict(zip(new_ids, ("A", "B", "C")))) == _by_text(first, names)


def test_a_passage_slices_to_the_shared_text():
    """Every passage found shares words on both sides; and some examples do find one.

    Not every example must: the strategy can draw degenerate prose ("A a a a a.")
    that the scan rightly takes for no passage. Counting the examples with a
    pair keeps the property from holding only because nothing was found.
    """
    with_pairs = []

    @settings(deadline=None, max_examples=10, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(article_texts())
    def passages_share_words(texts):
        a, b, _ = texts
        result = scan_articles(_articles((a, b), ("a", "b")))
        with_pairs.append(bool(result.pairs))
        for pair in result.pairs:
            assert pair.passages
            for p in pair.passages:
                left, right = a[p.a_start : p.a_end], b[p.b_start : p.b_end]
                # Aligned passages share words: at least one word of each side is in the other.
                assert set(left.lower().split()) & set(right.lower().split())

    passages_share_words()
    assert sum(with_pairs) >= len(with_pairs) // 2, f"{sum(with_pairs)} of {len(with_pairs)} examples had a pair"


# Found by the property test above before it fixed the language of every text. Text A is too short for a
# language guess and B is guessed English; the pipeline once gave a short unguessed article "the scan's usual
# language" counted only over the articles read before it, in id order, so renaming A changed the result.
SHORT_A = ".\n\nA a a a a a aa aa aa aa aa aa aa. Aa aa aa aa aa aa aa aa aa aa aa aa abandoning. Absolutely " \
          "absolved " \
          "according account accusations across aa aa aa aa aa aa aa. Aa aa aa aa aa aa aa aa aa aa aa aa aa. " \
          "Aa aa aa aa aa aa.\n\n"  # fmt: skip
SHORT_B = SHORT_A + "."
SHORT_A += "Aa aa aa."


def test_renaming_an_article_does_not_change_what_is_found():
    found = []
    for ids in (("a", "b"), ("b", "a")):
        result = scan_articles(_articles((SHORT_A, SHORT_B), ids))
        found.append(len(result.pairs))
    assert found[0] == found[1]
