"""An article's own repetitions and its boilerplate lines: what matching leaves out."""

import itertools
from dataclasses import replace
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.boilerplate import _junk_spans, candidate_lines, line_keys, mask_lines, usable_words
from reuse.config import BoilerplateConfig
from reuse.text import analyze

import reuse

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from corpus_gen import generate_corpus  # noqa: E402

NO_PHRASES = BoilerplateConfig(use_phrase_list=False)


def _later_repeats(words: list[str], n: int = 5) -> list[bool]:
    """Words inside a later occurrence of an ``n``-word run, the plain way."""
    seen: set[tuple[str, ...]] = set()
    masked = [False] * len(words)
    for i in range(len(words) - n + 1):
        run = tuple(words[i : i + n])
        if run in seen:
            masked[i : i + n] = [True] * n
        seen.add(run)
    return masked


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(["swap", "talks", "kremlin", "said"]), max_size=60))
def test_only_later_occurrences_of_a_five_word_run_are_left_out(words):
    text = " ".join(words)
    usable = usable_words(text, analyze(text, language=""), NO_PHRASES)
    assert (~usable).tolist() == _later_repeats(words)


def test_a_repeated_caption_is_matched_once():
    caption = "Prisoners walk to a bus after the exchange."
    text = f"{caption}\nThe two sides agreed on Tuesday to swap prisoners.\n{caption}"
    usable = usable_words(text, analyze(text), NO_PHRASES)
    assert usable[:8].all() and not usable[-8:].any()


#: Texts of up to 8 lines of up to 15 words, from a vocabulary small enough for lines to repeat.
LINES = st.lists(st.lists(st.sampled_from(["a", "b", "c"]), max_size=15), max_size=8)
TWELVE = BoilerplateConfig(max_line_words=12)


def _read(lines: list[list[str]]):
    """The text of ``lines`` and its analysis."""
    text = "\n".join(" ".join(line) for line in lines)
    return text, analyze(text, language="")


@settings(deadline=None, max_examples=100)
@given(LINES)
def test_short_lines_are_the_lines_of_at_most_max_line_words_words(lines):
    text, analysis = _read(lines)
    config = TWELVE
    found = candidate_lines(text, analysis, config)
    assert [last - first for _, first, last in found] == [len(line) for line in lines if 0 < len(line) <= 12]
    keys = {" ".join(line): key for line, (key, _, _) in zip([x for x in lines if 0 < len(x) <= 12], found)}
    assert len(set(keys.values())) == len(keys)  # one key per distinct line
    assert line_keys(text, analysis, config).tolist() == sorted(set(keys.values()))


@settings(deadline=None, max_examples=100)
@given(LINES)
def test_with_a_known_outlet_every_line_is_a_candidate_and_long_ones_are_keyed_by_it(lines):
    text, analysis = _read(lines)
    config = TWELVE
    found = candidate_lines(text, analysis, config, "Example Times")
    assert [last - first for _, first, last in found] == [len(line) for line in lines if line]
    short = candidate_lines(text, analysis, config)
    assert [x for x in found if x[2] - x[1] <= 12] == short  # short lines keyed as without an outlet
    other = candidate_lines(text, analysis, config, "Other Daily")
    for (key, first, last), (other_key, _, _) in zip(found, other):
        assert (key == other_key) == (last - first <= 12)  # a long line's key is its outlet's
    assert candidate_lines(text, analysis, BoilerplateConfig(max_line_words=12, site_lines=False), "Example Times") == short


def test_learned_long_lines_stay_usable_where_they_are_most_of_the_article():
    story = " ".join(f"word{k}" for k in range(30))
    footer = " ".join(f"foot{k}" for k in range(20))
    config = BoilerplateConfig(max_line_words=12, use_phrase_list=False)
    brief = " ".join(f"brief{k}" for k in range(10))
    for body, footer_masked in ((f"{story}\n{footer}", True), (f"{brief}\n{footer}", False), (footer, False)):
        analysis = analyze(body, language="")
        lines = candidate_lines(body, analysis, config, "Example Times")
        junk = frozenset(key for key, first, last in lines if last - first == 20)  # the footer alone is learned
        usable = mask_lines(body, analysis, usable_words(body, analysis, config, lines=lines), junk, config, lines)
        assert (not usable[-20:].any()) == footer_masked and usable[:-20].all()
    # A story the outlet ran three times, footer included: its learned lines hold most of it and stay usable.
    body = f"{story}\n{footer}"
    analysis = analyze(body, language="")
    lines = candidate_lines(body, analysis, config, "Example Times")
    usable = mask_lines(body, analysis, usable_words(body, analysis, config, lines=lines), frozenset(k for k, _, _ in lines), config, lines)
    assert usable.all()


FOOTER = (
    "Sign up to our daily newsletter to get the best of our journalism delivered to your inbox every morning, "
    "and read our privacy policy to learn how we use your data and your rights."
)


def site_records(tmp_path: Path) -> list[dict]:
    """Records of one outlet whose pages end in one long footer, and an AFP story that outlet ran three times.

    The bodies are generated articles that share no text: four unrelated
    stories of "Example Times", three copies of a fifth, and AFP's copy of
    the fifth without the footer.
    """
    generate_corpus(40, 5, tmp_path / "gen")
    folder = tmp_path / "gen" / "articles"
    paired = {x for p in reuse.scan(folder).pairs for x in (p.a, p.b)}
    alone = [f for f in sorted(folder.iterdir()) if f.name not in paired][:5]
    assert len(alone) == 5
    bodies = [f.read_text("utf-8") for f in alone]
    records = [{"id": f"x{k}", "outlet": "Example Times", "text": f"{bodies[k]}\n{FOOTER}"} for k in range(4)]
    records += [{"id": f"dup{k}", "outlet": "Example Times", "text": f"{bodies[4]}\n{FOOTER}"} for k in range(3)]
    records.append({"id": "afp", "outlet": "AFP", "text": bodies[4]})
    return records


def _write(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    return folder


def test_an_outlets_long_footer_pairs_none_of_its_articles_and_its_repeated_story_is_still_found(tmp_path):
    records = site_records(tmp_path)
    result = reuse.scan(_write(tmp_path / "site", records))
    found = {(p.a, p.b) for p in result.pairs}
    copies = ["afp", "dup0", "dup1", "dup2"]
    assert found == {(a, b) for a, b in itertools.combinations(copies, 2)}
    assert all(p.extent == "whole" and min(p.containment_a, p.containment_b) > 0.9 for p in result.pairs)
    # Without an outlet (the file name stands for it), a long line is reused text, as before.
    anonymous = [{k: v for k, v in r.items() if k != "outlet"} for r in records]
    pairs = reuse.scan(_write(tmp_path / "anonymous", anonymous)).pairs
    assert {(p.a, p.b) for p in pairs if p.a.startswith("x") and p.b.startswith("x")} == {(a, b) for a, b in itertools.combinations(["x0", "x1", "x2", "x3"], 2)}


def test_a_feed_named_after_its_outlet_still_has_its_footer_learned(tmp_path):
    """Records of "site.jsonl" saying "outlet": "site" name their outlet: its footer was taken for text of the
    file's name (which each record gets when nothing names an outlet), never learned, and paired the outlet's
    unrelated articles by it (found by a review: 560 footer-only pairs in a 300-article feed). An index keeps it."""
    records = [dict(r, outlet="site") if r["outlet"] == "Example Times" else r for r in site_records(tmp_path)]
    folder = _write(tmp_path / "named", records)
    copies = ["afp", "dup0", "dup1", "dup2"]
    assert {(p.a, p.b) for p in reuse.scan(folder).pairs} == {(a, b) for a, b in itertools.combinations(copies, 2)}
    from reuse.index import add_folder, check

    index = tmp_path / "news.db"
    add_folder(folder, index)
    batch = _write(tmp_path / "batch", [{"id": "x9", "outlet": "site", "text": f"{records[0]['text'].split(chr(10))[0]}\n{FOOTER}"}])
    assert not [p for p in check(batch, index).pairs if p.b.startswith("x") and p.b != "x0"]
    # The index keeps whether an outlet was named (its stored articles are read back for alignment), not in the
    # digest: an article stored before it was kept, re-added, is no new version.
    from reuse.index.features import article_from, article_meta, content_digest
    from reuse.load import load_articles

    for article in load_articles(folder).articles:
        again = article_from(article.id, article_meta(article), article.text)
        assert again.outlet_named and replace(again, outlet_from_file=article.outlet_from_file) == article
        assert content_digest(again) == content_digest(replace(again, outlet_from_file=None))
    # Only that case is written out: the others are told from the outlet and the path.
    plain = load_articles(tmp_path / "gen" / "articles").articles[0]
    assert "outlet_named" not in article_meta(plain) and not article_from(plain.id, article_meta(plain), plain.text).outlet_named


def test_a_copy_carrying_site_furniture_is_not_taken_for_the_source():
    """A verbatim copy with a footer, share bar and "Read more" line looked fuller than its source: text alone made it
    the source at 0.57-0.68 (found by a review). Junk by its form is left out of matching and of the shares reused."""
    import reuse
    from reuse.model import Article

    body = "\n\n".join([
        "The city council voted on Tuesday to close the old river bridge to heavy lorries after engineers found deep cracks.",
        "Officials said the bridge, built in 1931, would remain open to cars and bicycles while a full inspection is carried out.",
        "Local businesses warned that the ban would force delivery vans onto a long detour through the northern estate.",
        "The mayor told reporters that safety had to come first and promised repairs before the end of the year.",
    ])
    junk = ("Home | News | Sport | Business\nShare on Facebook  Share on X  Email this article\n\n" + body
            + "\n\nRead more: Council tax to rise by 4.99 per cent next year\nFacebook Twitter WhatsApp LinkedIn\n"
            "Sign up to our daily newsletter and get the top stories in your inbox.\n© 2025 Gazette Media Ltd. All rights reserved.")
    (pair,) = reuse.scan_articles([Article("src.txt", body, "Herald"), Article("copy.txt", junk, "Gazette")]).pairs
    assert pair.containment_a == pair.containment_b == 1.0
    assert pair.direction.relation.value == "undetermined"


_BODY = "\n".join([
    "Port workers in Rotterdam walked off the job on Monday, halting container traffic at Europe's largest port.",
    "The union said the strike would last at least 48 hours unless employers improved their offer of a 4 percent pay rise.",
    "Employers' group VWH said it regretted the walkout and called for talks to resume on Wednesday.",
    "Shipping lines warned that delays could spread to Antwerp and Hamburg as vessels were diverted.",
    "About 150 ships were waiting at anchor off the coast by Monday evening, according to port authority data.",
])


def test_a_copy_carrying_a_most_read_list_and_tags_is_not_taken_for_the_source():
    """A scraper's copy ending in "Most read" and five headlines, and a tags line, was 78% reused against the source's
    100%: the source read as copied from it at 0.70. The list and the tags are junk by their form."""
    import reuse
    from reuse.model import Article

    copy = _BODY + (
        "\nMost read\n1. Celebrity chef opens new restaurant in Lisbon\n2. Ten tips for a cheaper summer holiday\n"
        "3. Football club sacks manager after five defeats\n\n4. Storm warning issued for the weekend\nTags: Rotterdam, strike, ports"
    )
    (pair,) = reuse.scan_articles([Article("src.txt", _BODY, "Newsdesk"), Article("copy.txt", copy, "DailyScrape")]).pairs
    assert pair.containment_a == pair.containment_b == 1.0
    assert pair.direction.relation.value == "undetermined"


@pytest.mark.parametrize(
    "heading, after, junk",
    [
        ("Most read", "1. Chef opens restaurant\nStorm warning issued", ["Most read", "1. Chef opens restaurant", "Storm warning issued"]),
        ("Related articles:", "Council tax to rise", ["Related articles", "Council tax to rise"]),
        ("Meistgelesen", "Sturm über Hamburg", ["Meistgelesen", "Sturm über Hamburg"]),
        ("Tags: port, strike", "Ships waited off the coast", ["Tags: port, strike"]),  # its list on its line: what follows is no item
        ("Popular", "The port reopened on Friday after two days.", ["Popular"]),  # prose ends the list
        ("Popular support for the strike grew.", "Ships waited", []),  # no heading: a sentence opening with the word
        ("Editor’s picks", "Ten tips for a cheaper holiday", ["Editor’s picks", "Ten tips for a cheaper holiday"]),
    ],
)
def test_a_list_heading_and_the_headlines_under_it_are_junk(heading, after, junk):
    text = f"The union met on Monday.\n{heading}\n{after}\nThe strike ends on Friday, the union said."
    assert [text[a:b] for a, b in _junk_spans(text)] == junk


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Council tax to rise by 4.99 per cent",
        "続きを読む：台風10号、九州に上陸",  # five characters, five words: longer than most openers
        "关注我们",  # no opener: a line of the text
        "延伸阅读：台风登陆福建",
    ],
)
def test_a_line_opening_with_a_junk_phrase_is_junk_in_any_script(line):
    text = f"The storm reached the coast on Monday.\n{line}\nDamage was widespread, officials said."
    expected = [] if line == "关注我们" else [line]
    assert [text[a:b] for a, b in _junk_spans(text)] == expected


def test_a_japanese_copy_with_its_headline_breadcrumb_and_ranking_is_not_taken_for_the_source():
    """A summary site's copy: a headline its source keeps in its metadata, a breadcrumb, a "related" line, an access
    ranking and tags around the text. It read as the source at 0.57 (93% of it reused against 100%)."""
    import reuse
    from reuse.model import Article

    body = (
        "政府は12日、記録的な大雨で被害を受けた九州北部の三つの県に災害救助法を適用すると発表した。\n"
        "気象庁によると、福岡県と大分県では48時間の雨量が平年の7月1か月分を超え、多くの川で氾濫危険水位に達した。\n"
        "これまでに住宅約1200棟が浸水し、約4万人に避難指示が出されている。\n"
        "自衛隊は約2000人を派遣し、孤立した集落で救助活動を続けている。"
    )
    copy = (
        "九州北部に災害救助法 大雨被害\nホーム > 国内 > 社会\n" + body + "\n関連記事：九州の大雨、鉄道の運転見合わせ続く\n"
        "アクセスランキング\n1. 人気俳優が結婚を発表\n2. 新型スマホの発売日が決定\nタグ：大雨、九州、災害"
    )
    source = Article("nhk", body, "NHK", title="九州北部3県に災害救助法")
    (pair,) = reuse.scan_articles([source, Article("matome", copy, "MatomeSite")]).pairs
    assert pair.containment_a == pair.containment_b == 1.0
    assert pair.direction.relation.value == "undetermined"


def test_an_unmatched_headline_is_no_text_a_copy_added_but_a_wrapped_first_line_is_text():
    import reuse
    from reuse.model import Article

    copy = "Dockers down tools as talks stall\n" + _BODY
    (pair,) = reuse.scan_articles([Article("src.txt", _BODY, "Newsdesk"), Article("copy.txt", copy, "DailyScrape")]).pairs
    assert pair.containment_a == pair.containment_b == 1.0
    # Text wrapped at a width: its first line is part of a sentence, not a headline.
    wrapped = "In a statement issued late on Monday the union\nsaid its members were ready.\n" + _BODY
    (pair,) = reuse.scan_articles([Article("src.txt", _BODY, "Newsdesk"), Article("wrapped.txt", wrapped, "Other")]).pairs
    assert pair.containment_b < 1.0
