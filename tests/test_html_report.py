"""The HTML report: escaped, self-contained, every passage marked on both sides."""

from __future__ import annotations

import dataclasses
import html
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reuse
from reuse.marks import mark_articles
from reuse.report.html_assets import CSP, SCRIPT
from reuse.report.html_report import _segments, render_html, write_html

#: Every way article text could try to run code or break out of its element.
PAYLOAD = (
    '<script>document.body.dataset.pwned="script"</script>'
    "<img src=x onerror=\"document.body.dataset.pwned='img'\">"
    "</textarea><svg onload=\"document.body.dataset.pwned='svg'\"></svg>"
    "<a href=\"javascript:document.body.dataset.pwned='link'\">x</a>"
)

SHARED = (
    "The ministry said on Monday that the new rail line between the two cities would open next spring after "
    "years of delay. Engineers finished the last tunnel {p} in March and the first test trains ran in April "
    "without problems. Officials expect forty thousand passengers a day once the service reaches its full "
    "timetable next year.\n"
)


def write_nasty_corpus(folder: Path) -> Path:
    """Two articles sharing a paragraph, with the payload in text, titles, outlets and file names."""
    folder.mkdir(parents=True, exist_ok=True)
    shared = SHARED.format(p=PAYLOAD)
    (folder / "site<b onmouseover=x>.md").write_text(
        f'---\noutlet: Daily <i onclick="x">News</i>\ntitle: Rail {PAYLOAD} opens\n---\n{shared}Local shops hope for more visitors.\n',
        encoding="utf-8",
    )
    (folder / 'copy"><svg onload=alert(1)>.txt').write_text(
        f"Copied story.\n{shared}A reader wrote in to complain about noise.\n", encoding="utf-8"
    )
    return folder


class _Page(HTMLParser):
    """Every element with its attributes, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def nasty_page(tmp_path_factory) -> str:
    folder = write_nasty_corpus(tmp_path_factory.mktemp("nasty") / "articles")
    result = reuse.scan(folder)
    assert result.pairs, "the two nasty articles must share text for this test to mean anything"
    out = tmp_path_factory.mktemp("out") / "report.html"
    write_html(result, out)
    return out.read_text(encoding="utf-8")


def test_article_text_cannot_add_elements_or_handlers(nasty_page):
    page = parse(nasty_page)
    tags = [tag for tag, _ in page.elements]
    assert not set(tags) & {"svg", "textarea", "i", "iframe"}, set(tags)
    assert tags.count("img") == 1, "only the graph image"
    assert all(a.get("href", "#").startswith("#") for t, a in page.elements if t == "a")
    handlers = [(tag, name) for tag, attrs in page.elements for name in attrs if name.lower().startswith("on")]
    assert handlers == []
    assert page.scripts == [SCRIPT], "the only script is the report's own"


def test_payload_is_shown_as_text(nasty_page):
    assert html.escape(PAYLOAD, quote=True) in nasty_page
    assert "site&lt;b onmouseover=x&gt;.md" in nasty_page
    assert "Daily &lt;i onclick=&quot;x&quot;&gt;News&lt;/i&gt;" in nasty_page


def test_page_is_self_contained(nasty_page):
    page = parse(nasty_page)
    for tag, attrs in page.elements:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("data:", "#")), (tag, name, value)
    assert not [tag for tag, _ in page.elements if tag in ("link", "iframe", "object", "embed")]
    csp = [a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [CSP] and "default-src 'none'" in CSP


def _side_text(section: str, side: str) -> str:
    match = re.search(rf'<div class="side" data-side="{side}">.*?<div class="text"[^>]*>(.*?)</div></div>', section, re.S)
    assert match
    return match.group(1)


def test_each_passage_is_marked_in_both_articles_at_its_offsets(make_result):
    result = make_result(inject="<b>&amp;</b>")
    page = render_html(result, marks=mark_articles(result.articles))
    sections = re.findall(r'<section class="pair" id="pair-\d+">.*?</section>', page, re.S)
    assert len(sections) == len(result.pairs)
    for pair, section in zip(result.pairs, sections):
        ordered = sorted(pair.passages, key=lambda p: (p.a_start, p.a_end, p.b_start, p.b_end))
        for side, article, key in (("a", result.article(pair.a), "a"), ("b", result.article(pair.b), "b")):
            body = _side_text(section, side)
            # Tags stripped and entities decoded, the column is the article text exactly.
            assert html.unescape(re.sub(r"<[^>]+>", "", body)) == article.text
            for number, passage in enumerate(ordered):
                marked = "".join(
                    html.unescape(m) for m in re.findall(rf'<span class="[^"]*" data-p="{number}" tabindex="0">(.*?)</span>', body, re.S)
                )
                start, end = getattr(passage, f"{key}_start"), getattr(passage, f"{key}_end")
                assert marked and marked in article.text[start:end]


def test_quotation_passages_and_quotes_are_marked_apart(make_result):
    result = make_result()
    page = render_html(result, marks=mark_articles(result.articles))
    assert "seg-quote-passage" in page  # the shared-quotes passage of pair (a, b)
    assert re.search(r'<span class="[^"]*\bquote\b[^"]*"[^>]*>“We are on track', page)


def test_table_lists_every_pair_with_sort_keys(make_result):
    result = make_result()
    page = render_html(result)
    rows = re.findall(r"<tr><td class=\"num\" data-v=\"(\d+)\">", page)
    assert rows == [str(n) for n in range(1, len(result.pairs) + 1)]
    first = result.pairs[0]
    assert f'data-v="{first.containment_a:.4f}"' in page and f'data-v="{first.direction.confidence:.4f}"' in page
    # Each article's outlet under its id: who ran what, without opening every pair.
    table = page.split('<table id="pairs">')[1].split("</table>")[0]
    assert '<td class="id" data-v="a.txt">a.txt<div class="note muted">Daily News</div></td>' in table
    assert '<div class="note muted">Wire Service</div>' in table
    # An outlet that is only the file's name says nothing the id does not.
    named = dataclasses.replace(result, articles=tuple(dataclasses.replace(a, outlet="a") if a.id == "a.txt" else a for a in result.articles))
    table = render_html(named).split('<table id="pairs">')[1].split("</table>")[0]
    assert '<td class="id" data-v="a.txt">a.txt</td>' in table


def test_views_are_capped_but_the_table_is_not(make_result):
    result = make_result()
    page = render_html(result, max_views=1)
    assert page.count('<section class="pair"') == 1
    assert '<a href="#pair-1">#1</a>' in page and ">#2</td>" in page
    assert "first 1 of 2 pairs" in page


def test_evidence_is_listed(make_result):
    page = render_html(make_result())
    assert "a.txt was published 2.5 h earlier" in page
    assert "b.txt declares a.txt&#x27;s URL as canonical" in page


def test_graph_is_embedded_as_png(samples_dir, tmp_path):
    out = tmp_path / "r.html"
    write_html(reuse.scan(samples_dir), out)
    page = out.read_text(encoding="utf-8")
    assert re.search(r'<img alt="[^"]+" src="data:image/png;base64,iVBORw0KGgo', page)


def test_no_pairs(make_result):
    result = make_result()
    empty = type(result)(result.articles, (), (), result.config_fingerprint)
    page = render_html(empty)
    assert "No two of the 3 articles share text." in page
    # No empty table to sort, no empty side-by-side section with its legend.
    assert "<table" not in page and "Side by side" not in page and "Click a column to sort" not in page


def test_counts_of_one_are_singular(make_result):
    result = make_result(second_pair=False)
    one = type(result)(result.articles[:1], (), (), result.config_fingerprint)
    page = render_html(one)
    assert "<title>reuse report: 1 article, 0 pairs</title>" in page
    assert "<div><b>1</b>article</div><div><b>0</b>pairs sharing text</div>" in page
    assert "<b>1</b>pair sharing text" in render_html(result)


def test_ids_and_notes_are_isolated_from_the_text_around_them(make_result):
    """An id ending in a right-to-left override reversed the rest of the verdict line."""
    page = render_html(make_result(inject="\u202e"))
    assert re.search(r"\.id \{[^}]*unicode-bidi: isolate", page) and re.search(r"\.note \{[^}]*unicode-bidi: isolate", page)
    verdict = re.search(r'<p class="verdict">Direction:.*?</p>', page).group()
    assert re.fullmatch(r'<p class="verdict">Direction: <b>copied</b>: <span class="id">a\.txt</span> → <span class="id">b\.txt</span> \(confidence [0-9.]+\)</p>', verdict)
    assert all(item.startswith('<b>') and '<span class="note">' in item for item in re.findall(r"<li>(.*?)</li>", page.split('class="evidence"')[1].split("</ul>")[0]))


def test_an_undetermined_verdict_shows_no_confidence_figure(make_result):
    """Its 0.5 is a definition (either side as likely the source), not a measure: shown as a figure, it read as one."""
    page = render_html(make_result())  # pair (b, c) is undetermined, with confidence 0.0 in the hand-made result
    verdicts = re.findall(r'<p class="verdict">Direction:.*?</p>', page)
    assert verdicts[1] == '<p class="verdict">Direction: <b>undetermined</b> (either could be the source)</p>'
    assert '<td class="num" data-v="0.0000">–</td>' in page  # the table's column still sorts by it


# Spans of one role: "p" values are passage numbers (the lowest wins), the others are flags.
_span = st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["p", "quote", "boilerplate"]), st.integers(0, 5))


@given(st.text(max_size=50), st.lists(_span, max_size=12))
def test_segments_partition_the_text_and_know_what_covers_each_piece(text, raw):
    spans = [(min(s, e), max(s, e), role, value if role == "p" else True) for s, e, role, value in raw]
    pieces = _segments(text, spans)
    assert "".join(text[s:e] for s, e, _ in pieces) == text
    assert all(s < e for s, e, _ in pieces)
    for start, end, covering in pieces:
        expected = {}
        for s, e, role, value in spans:
            if s <= start and end <= e and role not in expected:
                expected[role] = value
        assert covering == expected


def test_of_two_overlapping_passages_only_the_closer_is_highlighted_and_the_other_is_listed(make_result):
    """A looser passage over text a closer one holds (a lead copied, and a paraphrase of it elsewhere) would colour
    one stretch as either and leave its twin unmarked: it is listed, not highlighted."""
    result = make_result(second_pair=False)
    pair = result.pairs[0]
    close = max(pair.passages, key=lambda p: p.similarity + 0.05 * math.log10(1 + min(p.a_end - p.a_start, p.b_end - p.b_start)))
    loose = dataclasses.replace(close, a_start=close.a_end + 1, a_end=len(result.article(pair.a).text), kind=reuse.ReuseKind.HEAVY_REWRITE,
                                similarity=0.4, verbatim_share=0.0)  # its B side is the close passage's B side
    result = dataclasses.replace(result, pairs=(dataclasses.replace(pair, passages=(*pair.passages, loose)),))
    page = render_html(result)
    section = re.search(r'<section class="pair" id="pair-1">.*?</section>', page, re.S).group(0)
    numbered = list(result.pairs[0].passages_in_order)
    hidden = numbered.index(loose)
    assert f'data-p="{hidden}"' not in section  # on neither side
    for shown in set(range(len(numbered))) - {hidden}:
        assert f'data-p="{shown}"' in _side_text(section, "a") and f'data-p="{shown}"' in _side_text(section, "b")
    assert f"overlaps passage {numbered.index(close) + 1}, a closer alignment of the same text: not highlighted" in section


def test_the_samples_rewrite_pair_highlights_each_passage_whole_on_both_sides(samples_dir):
    """000 and 001: a highlighted passage is coloured over its whole span on both sides, never in part under another's colour."""
    result = reuse.scan(samples_dir)
    pair = result.pairs[0]
    section = re.search(r'<section class="pair" id="pair-1">.*?</section>', render_html(result), re.S).group(0)
    shown = sorted({int(k) for k in re.findall(r'data-p="(\d+)"', section)})
    assert shown
    for number in shown:
        passage = pair.passages_in_order[number]
        for side, article, key in (("a", result.article(pair.a), "a"), ("b", result.article(pair.b), "b")):
            pieces = re.findall(rf'<span class="[^"]*" data-p="{number}" tabindex="0">(.*?)</span>', _side_text(section, side), re.S)
            start, end = getattr(passage, f"{key}_start"), getattr(passage, f"{key}_end")
            assert html.unescape("".join(pieces)) == article.text[start:end], (number, side)


def test_the_outlets_table_says_what_the_summary_says_of_lags_credits_and_shares(make_result):
    """The page said "times unknown" where the summary said "no lag known" (an AFP story dated 2025-07-21, its copy
    timed 12:00+01:00), and left out the copies without the agency's credit and those under half of their source that
    the summary and the JSON count (found running a week of checks)."""
    result = make_result()
    assert result.outlets
    link = dataclasses.replace(result.outlets[0], median_lag_hours=None, dated=True, under_half=1, uncredited=1, wire="AFP")
    page = render_html(dataclasses.replace(result, outlets=(link,)))
    assert '<td class="num">no lag known</td>' in page and "times unknown" not in page
    assert "<td>AFP wire; 1 under half of its source; 1 without the agency&#x27;s credit</td>" in page
    named = render_html(dataclasses.replace(result, outlets=(dataclasses.replace(link, source="AFP"),)))
    assert "<td>1 under half of its source; 1 without the agency&#x27;s credit</td>" in named  # not "AFP wire" beside "AFP"
    plain = render_html(dataclasses.replace(result, outlets=(dataclasses.replace(link, under_half=0, uncredited=0, wire=None),)))
    assert '<th>notes</th>' in plain and "under half" not in plain and "credit" not in plain


def test_the_table_evidence_and_outlet_lags_read_plainly(make_result):
    """The ranking column is a share (the mean of the two), an evidence weight leans towards the article it favours,
    an unknown lag says so, and struck-through text is not all site junk."""
    result = make_result()
    page = render_html(result)
    pair = result.pairs[0]
    assert f'<td class="num" data-v="{pair.containment_sum:.4f}">{round(50 * pair.containment_sum)}%</td>' in page
    assert "200%" not in page and "shared (mean %)" in page
    seen_from_b = render_html(dataclasses.replace(result, pairs=tuple(p.swapped() for p in result.pairs)))
    leaning = [s for s in pair.swapped().direction.evidence if s.favours and s.weight < 0]
    assert leaning  # negative as log-odds that the new A is the source: shown as a weight towards B
    for signal in leaning:
        assert f'favours <span class="id">{signal.favours}</span> (weight {abs(signal.weight):.2f})' in seen_from_b
    unknown = dataclasses.replace(result, outlets=tuple(dataclasses.replace(link, median_lag_hours=None, dated=False) for link in result.outlets))
    assert result.outlets and '<td class="num">times unknown</td>' in render_html(unknown)
    assert "site junk, or text the article repeats" in page


def test_right_to_left_names_and_texts_are_isolated_from_what_stands_beside_them(make_result):
    """An Arabic outlet name put the time beside it in its own order ("الجزيرة نتT08:00:00+00:00"), an unclosed
    right-to-left override in a name reversed the time, and Arabic text was laid out left to right."""
    result = make_result()
    arabic = "الجزيرة نت"
    a = dataclasses.replace(result.article("a.txt"), outlet=arabic + "\u202e", title="عنوان الخبر")
    page = render_html(dataclasses.replace(result, articles=(a, *result.articles[1:])))
    assert f"<bdi>{arabic}\u202e</bdi> · <bdi dir=\"ltr\">{a.published}</bdi>" in page
    assert '<div dir="auto">عنوان الخبر</div>' in page
    assert page.count('<div class="text" dir="auto">') == 2 * len(result.pairs)


def test_a_result_read_back_from_json_is_refused_with_the_fix_not_written_with_empty_texts(samples_dir, tmp_path):
    """``write_html(read_report(p).result, ...)`` wrote every pair's two sides empty: a JSON report holds no texts."""
    from reuse.errors import InputError
    from reuse.report import read_report, write_json

    result = reuse.scan(samples_dir)
    write_json(result, tmp_path / "r.json")
    stored = read_report(tmp_path / "r.json").result
    first = result.pairs[0].a
    with pytest.raises(InputError, match=rf"'{re.escape(first)}' has none: a result read back from a JSON report holds no texts\. "
                                         r"To see its pairs side by side, write the HTML report with the scan or the check itself \(reuse scan FOLDER --html"):
        write_html(stored, tmp_path / "r.html", graph=False)
    with pytest.raises(InputError, match="holds no texts"):
        render_html(stored)
    assert not (tmp_path / "r.html").exists()
    cut = dataclasses.replace(result, articles=tuple(a.with_text(a.text[:20]) if a.id == first else a for a in result.articles))
    with pytest.raises(InputError, match=rf"that of '{re.escape(first)}' \(20 characters\) ends before its passages with .* it is not the text that was scanned"):
        write_html(cut, tmp_path / "r.html", graph=False)
    no_pairs = dataclasses.replace(stored, pairs=())
    write_html(no_pairs, tmp_path / "r.html", graph=False)  # nothing to show side by side: written
    assert "share text" in (tmp_path / "r.html").read_text("utf-8")
