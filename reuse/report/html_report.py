"""The HTML report: one self-contained page that works offline.

A summary, the reuse graph (a PNG inside the page), a table of the pairs
that sorts by any column, and for each pair the two articles side by side:
each reused passage has the same colour in both, clicking one scrolls its
twin into view, quotations and boilerplate are marked apart from copying,
and the direction verdict lists its evidence.

Article text, titles, ids, outlets, file names and evidence notes are
untrusted input: every one goes through :func:`html.escape`. The page loads
nothing from outside and its Content-Security-Policy lets only its own
script run (:mod:`reuse.report.html_assets`).

This module formats; it never computes: the passages, verdicts and numbers
are the result's, the quotation and boilerplate spans come from
:mod:`reuse.marks` and the picture from :mod:`reuse.report.graph_image`.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping, Sequence
from os import PathLike

from ..config import ScanConfig
from ..errors import InputError
from ..graph import article_graph
from ..marks import TextMarks, mark_articles
from ..model import Article, Pair, Passage, ScanResult
from .graph_export import glyph_warnings, render_image
from .output import HTML_FROM_A_SCAN, expect_result, write_output
from .html_assets import CSP, PASSAGE_COLOURS, SCRIPT, STYLE
from .html_tables import escape as _e, kind_badge as _kind, nothing_shared, outlets_table, pairs_table, percent as _pct, problems, tiles
from ..words import plural

__all__ = ["MAX_VIEWS", "render_html", "write_html"]

#: Pairs shown side by side; the table lists every pair.
MAX_VIEWS = 100


def _segments(text: str, spans: Sequence[tuple[int, int, str, object]]) -> list[tuple[int, int, dict]]:
    """Cut ``text`` where any span starts or ends; each piece with the spans covering it.

    ``spans`` holds ``(start, end, role, value)``; a piece's dict maps each
    role to the first value covering it.

    >>> _segments("abcdef", [(1, 3, "p", 0), (2, 5, "quote", True)])
    [(0, 1, {}), (1, 2, {'p': 0}), (2, 3, {'p': 0, 'quote': True}), (3, 5, {'quote': True}), (5, 6, {})]
    """
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for k, (s, e, _, _) in enumerate(spans):
        if s < e:
            starts.setdefault(s, []).append(k)
            ends.setdefault(e, []).append(k)
    cuts = sorted({0, len(text), *starts, *ends})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    active: dict[str, set[int]] = {}  # role -> indices of the spans covering the current piece
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        for k in ends.get(start, ()):
            active[spans[k][2]].discard(k)
        for k in starts.get(start, ()):
            active.setdefault(spans[k][2], set()).add(k)
        covering = {role: spans[min(ks)][3] for role, ks in active.items() if ks}
        pieces.append((start, end, covering))
    return pieces


def _article_text(text: str, passages: Sequence[tuple[int, int, int, bool]], marks: TextMarks | None) -> str:
    """The article as HTML: passages coloured (``data-p`` is the passage number), quotes and boilerplate marked."""
    spans: list[tuple[int, int, str, object]] = [(s, e, "p", (i, quoted)) for s, e, i, quoted in passages]
    if marks is not None:
        spans += [(s, e, "quote", True) for s, e in marks.quotes]
        spans += [(s, e, "boilerplate", True) for s, e in marks.boilerplate]
    out = []
    for start, end, covering in _segments(text, spans):
        piece = _e(text[start:end])
        if not covering:
            out.append(piece)
            continue
        classes = [role for role in ("quote", "boilerplate") if role in covering]
        attrs = ""
        if "p" in covering:
            number, quoted = covering["p"]
            classes.insert(0, f"c{number % len(PASSAGE_COLOURS)}")
            if quoted:
                classes.append("seg-quote-passage")
            attrs = f' data-p="{number}" tabindex="0"'
        out.append(f'<span class="{" ".join(classes)}"{attrs}>{piece}</span>')
    return "".join(out)


def _article_head(side: str, article: Article, share: float, where: str = "") -> str:
    # ``where``: a check's B is "indexed" or "in the batch", as the pairs table marks it, for a reader who came by a link.
    # Each value isolated from the others: a right-to-left outlet name (or a stray override in one) must not
    # reorder the time beside it; a time reads left to right whatever the page around it.
    meta = [f"<bdi>{_e(article.outlet)}</bdi>"]
    if article.published:
        meta.append(f'<bdi dir="ltr">{_e(article.published)}</bdi>')
    if article.url:
        meta.append(f'<span class="id">{_e(article.url)}</span>')
    title = f'<div dir="auto">{_e(article.title)}</div>' if article.title else '<div class="muted">(no title)</div>'
    return (
        f'<h4>{side.upper()}: <span class="id">{_e(article.id)}</span> '
        f'<span class="muted">({_pct(share)} reused{f", {where}" if where else ""})</span></h4>{title}<div class="meta">{" · ".join(meta)}</div>'
    )


def _direction(pair: Pair) -> str:
    d = pair.direction
    relation = _e(d.relation.value)
    if d.source and d.derived:
        line = f"<b>{relation}</b>: <span class=\"id\">{_e(d.source)}</span> → <span class=\"id\">{_e(d.derived)}</span>"
    else:
        line = f"<b>{relation}</b>"
    items = []
    for s in d.evidence:
        favours = f' — favours <span class="id">{_e(s.favours)}</span>' if s.favours else ""
        weight = f" (weight {abs(s.weight):.2f})" if s.weight and s.favours else ""  # log-odds towards the article it favours
        items.append(f'<li><b>{_e(s.name)}</b>: <span class="note">{_e(s.note or s.value)}</span>{favours}{weight}</li>')
    evidence = f'<details open><summary>Direction evidence ({len(items)})</summary><ul class="evidence">{"".join(items)}</ul></details>' if items else ""
    sure = "either could be the source" if d.undecided else f"confidence {d.confidence:.2f}"
    return f'<p class="verdict">Direction: {line} ({sure})</p>{evidence}'


def _overlapped(passages: Sequence[Passage]) -> dict[int, int]:
    """Passages (by index) that overlap a stronger one on either side, and that one.

    A sentence of one side may align in two passages: copied into one, and
    the best partner of a looser paraphrase elsewhere on the other side.
    Highlighted together, the two would colour one stretch as either and
    leave the other's twin unmarked; only the closer (higher similarity,
    with 0.05 more for each tenfold of length) is highlighted.

    >>> from reuse.model import Passage, ReuseKind
    >>> strong = Passage(0, 900, 0, 900, ReuseKind.VERBATIM, 1.0, 1.0)
    >>> loose = Passage(1200, 1300, 100, 200, ReuseKind.HEAVY_REWRITE, 0.4, 0.0)
    >>> _overlapped([loose, strong]), _overlapped([strong, Passage(950, 990, 950, 990, ReuseKind.VERBATIM, 1.0, 1.0)])
    ({0: 1}, {})
    >>> _overlapped([Passage(0, 1200, 0, 1200, ReuseKind.HEAVY_REWRITE, 0.5, 0.1), Passage(100, 250, 100, 250, ReuseKind.VERBATIM, 1.0, 1.0)])
    {0: 1}
    >>> _overlapped([Passage(0, 2000, 0, 2000, ReuseKind.VERBATIM, 0.949, 1.0), Passage(100, 150, 100, 150, ReuseKind.VERBATIM, 0.951, 1.0)])
    {1: 0}
    """
    def apart(p: Passage, q: Passage) -> bool:
        return (p.a_end <= q.a_start or q.a_end <= p.a_start) and (p.b_end <= q.b_start or q.b_end <= p.b_start)

    def closeness(i: int) -> float:
        p = passages[i]  # a little for length (0.05 a tenfold), so a hair's difference in similarity does not hide a long passage
        return p.similarity + 0.05 * math.log10(1 + min(p.a_end - p.a_start, p.b_end - p.b_start))

    strength = sorted(range(len(passages)), key=closeness, reverse=True)
    shown: list[int] = []
    hidden: dict[int, int] = {}
    for i in strength:
        over = next((k for k in shown if not apart(passages[i], passages[k])), None)
        if over is None:
            shown.append(i)
        else:
            hidden[i] = over
    return hidden


def _pair_view(number: int, pair: Pair, result: ScanResult, marks: Mapping[str, TextMarks]) -> str:
    a, b = result.article(pair.a), result.article(pair.b)
    where = result.where(pair.b) or ""  # A is new
    ordered = pair.passages_in_order
    hidden = _overlapped(ordered)
    side_a = [(p.a_start, p.a_end, i, p.kind.value == "shared-quotes") for i, p in enumerate(ordered) if i not in hidden]
    side_b = [(p.b_start, p.b_end, i, p.kind.value == "shared-quotes") for i, p in enumerate(ordered) if i not in hidden]
    rows = "".join(
        f'<tr><td><span class="c{i % len(PASSAGE_COLOURS)}">&nbsp;{i + 1}&nbsp;</span></td><td>{_kind(p.kind)}</td>'
        f'<td class="num">{p.similarity:.2f}</td><td class="num">{_pct(p.verbatim_share)}</td>'
        f'<td class="num">{p.a_start}–{p.a_end}</td><td class="num">{p.b_start}–{p.b_end}</td>'
        + (f'<td class="muted">overlaps passage {hidden[i] + 1}, a closer alignment of the same text: not highlighted</td>' if i in hidden else "<td></td>")
        + "</tr>"
        for i, p in enumerate(ordered)
    )
    return f"""
<section class="pair" id="pair-{number}">
<h3>#{number} {_kind(pair.kind)} <span class="muted">{_e(pair.extent.value)}</span></h3>
<p class="verdict">{_pct(pair.containment_a)} of A reused, {_pct(pair.containment_b)} of B; similarity {pair.similarity:.2f}; verbatim {_pct(pair.verbatim_share)}; {len(ordered)} passage{"s" if len(ordered) != 1 else ""}</p>
{_direction(pair)}
<div class="sides">
<div class="side" data-side="a">{_article_head("a", a, pair.containment_a)}<div class="text" dir="auto">{_article_text(a.text, side_a, marks.get(a.id))}</div></div>
<div class="side" data-side="b">{_article_head("b", b, pair.containment_b, where)}<div class="text" dir="auto">{_article_text(b.text, side_b, marks.get(b.id))}</div></div>
</div>
<details class="passages"><summary>Passages</summary><table><thead><tr><th>#</th><th>kind</th><th class="num">similarity</th><th class="num">verbatim</th><th class="num">A chars</th><th class="num">B chars</th><th></th></tr></thead><tbody>{rows}</tbody></table></details>
</section>"""


_LEGEND = (
    '<div class="legend"><span><span class="sample c0">reused passage</span> same colour in both articles; click one to see its twin</span>'
    '<span><span class="sample seg-quote-passage">shared quotation</span> the same quote, not copying</span>'
    '<span><span class="sample quote">“quoted”</span> inside quotation marks</span>'
    '<span><span class="sample boilerplate">boilerplate</span> site junk, or text the article repeats, left out of matching</span></div>'
)


def _require_texts(result: ScanResult, pairs: Sequence[Pair]) -> None:
    """Raise an :class:`~reuse.errors.InputError` naming the fix when an article of ``pairs`` lacks the text its passages lie in.

    A result read back from a JSON report (:func:`reuse.report.read_report`)
    holds no texts: its page showed every pair's two sides empty.
    """
    for pair in pairs:
        for article_id, other, reach in (
            (pair.a, pair.b, max((p.a_end for p in pair.passages), default=0)),
            (pair.b, pair.a, max((p.b_end for p in pair.passages), default=0)),
        ):
            size = len(result.article(article_id).text)
            if size >= reach:
                continue
            if not size:
                raise InputError(
                    f"The HTML report shows the articles' texts, and '{article_id}' has none: a result read back from a "
                    f"JSON report holds no texts. To see its pairs side by side, {HTML_FROM_A_SCAN}."
                )
            raise InputError(
                f"The HTML report shows the articles' texts, and that of '{article_id}' ({size} characters) ends before "
                f"its passages with '{other}' do (at character {reach}): it is not the text that was scanned. Give the "
                "result with its articles as scanned, or scan again."
            )


def render_html(
    result: ScanResult,
    *,
    marks: Mapping[str, TextMarks] | None = None,
    graph_png: bytes | None = None,
    max_views: int = MAX_VIEWS,
    generator: str = "reuse",
) -> str:
    """The report page as a string.

    Parameters
    ----------
    result
        A finished scan (with article text).
    marks
        Quotation and boilerplate spans by article id (:func:`reuse.marks.mark_articles`).
    graph_png
        The reuse graph as PNG bytes, embedded in the page; left out when ``None``.
    max_views
        Show at most this many pairs side by side (the most shared first).
    generator
        The program and version, shown in the footer.

    Raises
    ------
    reuse.errors.InputError
        When an article of a pair shown side by side lacks its text, as in a
        result read back from a JSON report; the message names the fix.
    """
    _require_texts(result, result.pairs[:max_views])
    return _page(result, marks or {}, graph_png, max_views, generator)


def _page(result: ScanResult, marks: Mapping[str, TextMarks], graph_png: bytes | None, max_views: int, generator: str) -> str:
    """:func:`render_html` once the texts are known to be there (:func:`write_html` looks before drawing the graph)."""
    views = min(max_views, len(result.pairs))
    graph = ""
    if graph_png is not None:
        data = base64.b64encode(graph_png).decode("ascii")
        graph = (
            '<h2>Reuse graph</h2><p class="muted">Click the picture to see it at full size.</p><figure class="graph">'
            f'<img alt="The reuse graph: articles as dots, shared text as lines" src="data:image/png;base64,{data}"></figure>'
        )
    more = f'<p class="muted">Side-by-side views of the first {views} of {len(result.pairs)} pairs.</p>' if views < len(result.pairs) else ""
    pairs = "".join(_pair_view(n, p, result, marks) for n, p in enumerate(result.pairs[:views], 1))
    if result.pairs:
        listing = (
            '<h2>Pairs</h2>\n<p class="muted">Click a column to sort; click a number to open the pair.</p>\n'
            f"{pairs_table(result, views)}\n{outlets_table(result)}\n<h2>Side by side</h2>\n{_LEGEND}{more}\n{pairs}"
        )
    else:  # no empty table to sort, no empty side-by-side section
        listing = f"<h2>Pairs</h2>\n<p>{nothing_shared(result)}</p>"

    intro = "Which articles share text, which passages, how much, and who most likely took from whom."
    read = plural(len(result.articles), "article")
    if result.checked is not None:
        intro = "Which new articles share text with the index or with each other (A is always new), which passages, how much, and who most likely took from whom."
        read = plural(len(result.checked), "new article")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{_e(generator)}">
<title>reuse {"report" if result.checked is None else "check"}: {read}, {plural(len(result.pairs), "pair")}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{"Reused text report" if result.checked is None else "Batch check report"}</h1>
<p class="muted">{intro}</p>
{tiles(result)}
{problems(result)}
{graph}
{listing}
<p class="muted">Written by {_e(generator)}; settings fingerprint <span class="id">{_e(result.config_fingerprint)}</span>.</p>
<script>{SCRIPT}</script>
</body>
</html>
"""


def write_html(
    result: ScanResult,
    path: str | PathLike[str],
    config: ScanConfig | None = None,
    *,
    max_views: int = MAX_VIEWS,
    graph: bool = True,
    graph_png: bytes | None = None,
) -> tuple[str, ...]:
    """Write the HTML report of ``result`` to ``path``, atomically.

    Parameters
    ----------
    result
        A finished scan, with article text. A result read back from a JSON
        report holds none, so it is refused (``InputError``): write the HTML
        report with the scan or the check itself.
    path
        Destination file; missing parent folders are created.
    config
        The scan's settings (for the boilerplate marks); defaults when ``None``.
    max_views
        Pairs shown side by side.
    graph
        Embed the reuse graph image.
    graph_png
        That image when drawn already (the article-level graph of ``result``
        as PNG, as :func:`~reuse.report.write_graph` writes it): drawing a
        few thousand articles takes seconds.

    Returns
    -------
    tuple of str
        Warnings for the user: the graph's labels no installed font can draw.

    Raises
    ------
    reuse.errors.InputError
        When an article of a pair shown side by side lacks its text (a result
        read back from a JSON report), before anything is drawn or written.
    reuse.errors.ReuseError
        When the file cannot be written.
    """
    from .. import __version__  # late: the package imports its writers

    expect_result(result, "write_html")
    shown = result.pairs[:max_views]
    _require_texts(result, shown)
    wanted = {p.a for p in shown} | {p.b for p in shown}
    marks = mark_articles(result.articles, wanted, (config or ScanConfig()).boilerplate)
    missing: set[str] = set()
    png = (graph_png if graph_png is not None else render_image(article_graph(result), "png", missing=missing)) if graph else None
    page = _page(result, marks, png, max_views, f"reuse {__version__}")
    write_output(path, page.encode("utf-8"))
    return glyph_warnings(path, missing, svg_hint=False)
