"""The HTML report's tables and counts: the pairs, who takes from whom, the summary row, the problems met.

Pieces of the page :mod:`reuse.report.html_report` puts together, and the
escaping every piece of untrusted text goes through (:func:`escape`): ids,
outlets, titles and notes come from the articles read.
"""

from __future__ import annotations

import html
import re

from ..agencies import wire_name
from ..model import OutletLink, ScanResult, file_outlet
from ..outlets import outlet_names
from ..words import plural

__all__ = [
    "OPEN_OUTLETS", "breakable", "escape", "kind_badge", "lag", "link_notes", "nothing_shared", "outlets_table", "pairs_table", "percent",
    "problems", "tile", "tiles",
]

#: The outlet table starts unfolded up to this many rows.
OPEN_OUTLETS = 12


def escape(value: object) -> str:
    """Escape anything for HTML text or a quoted attribute.

    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> escape(None)
    ''
    """
    return "" if value is None else html.escape(str(value), quote=True)


def percent(share: float) -> str:
    """A share as a whole percentage: ``percent(0.456)`` is ``'46%'``."""
    return f"{100 * share:.0f}%"


def kind_badge(kind: object) -> str:
    """A kind of reuse (``ReuseKind`` or its value) as the coloured label the page's style gives each kind."""
    value = escape(getattr(kind, "value", kind))
    return f'<span class="kind kind-{value}">{value}</span>'


def nothing_shared(result: ScanResult) -> str:
    """What a page without pairs says: a check's new articles were compared with the index too, not only with each other.

    >>> from reuse.model import Article
    >>> three = tuple(Article(f"{n}.txt", "Text.", "o") for n in "abc")
    >>> nothing_shared(ScanResult(three, (), (), "f" * 16))
    'No two of the 3 articles share text.'
    >>> nothing_shared(ScanResult(three, (), (), "f" * 16, checked=("a.txt", "b.txt", "c.txt")))
    'None of the 3 new articles shares text with an indexed article or with another new one.'
    >>> nothing_shared(ScanResult(three[:1], (), (), "f" * 16, checked=("a.txt",)))
    'The new article shares text with no indexed article.'
    >>> nothing_shared(ScanResult((), (), (), "f" * 16, checked=()))
    'No new article was read: the skipped files say why.'
    """
    if result.checked is None:
        return f"No two of the {plural(len(result.articles), 'article')} share text."
    if not result.checked:
        return "No new article was read: the skipped files say why."
    if len(result.checked) == 1:
        return "The new article shares text with no indexed article."
    return f"None of the {plural(len(result.checked), 'new article')} shares text with an indexed article or with another new one."


def breakable(article_id: str) -> str:
    """An id escaped for a narrow table cell, with line-break chances after ``/``, ``_`` and ``-`` (not inside a word).

    >>> breakable("feeds/000_8e3492a7910b80bc.txt")
    'feeds/<wbr>000_<wbr>8e3492a7910b80bc.txt'
    """
    return re.sub(r"([/_-])", r"\1<wbr>", escape(article_id))


def pairs_table(result: ScanResult, views: int) -> str:
    """The table of every pair, sortable by any column; the first ``views`` link to their side-by-side views."""
    rows = []
    shown = outlet_names(result.articles)  # as the outlets table names them; not when it is only the file's name
    outlet = {a.id: f'<div class="note muted">{escape(shown[a.outlet])}</div>' for a in result.articles if a.outlet != file_outlet(a.id)}
    for n, pair in enumerate(result.pairs, 1):
        where = f'<div class="note muted">{result.where(pair.b)}</div>' if result.checked is not None else ""  # A is new
        link = f'<a href="#pair-{n}">#{n}</a>' if n <= views else f"#{n}"
        d = pair.direction
        who = f"{escape(d.source)} → {escape(d.derived)}" if d.source and d.derived else ""
        rows.append(
            f'<tr><td class="num" data-v="{n}">{link}</td>'
            f'<td class="id" data-v="{escape(pair.a)}">{breakable(pair.a)}{outlet.get(pair.a, "")}</td>'
            f'<td class="id" data-v="{escape(pair.b)}">{breakable(pair.b)}{outlet.get(pair.b, "")}{where}</td>'
            f'<td class="num" data-v="{pair.containment_sum:.4f}">{percent(pair.containment_sum / 2)}</td>'
            f'<td class="num" data-v="{pair.containment_a:.4f}">{percent(pair.containment_a)}</td>'
            f'<td class="num" data-v="{pair.containment_b:.4f}">{percent(pair.containment_b)}</td>'
            f'<td data-v="{escape(pair.kind.value)}">{kind_badge(pair.kind)}</td>'
            f'<td data-v="{escape(d.relation.value)}">{escape(d.relation.value)}<div class="id muted">{who}</div></td>'
            f'<td class="num" data-v="{d.confidence:.4f}">{"–" if d.undecided else f"{d.confidence:.2f}"}</td></tr>'
        )
    head = (
        '<th class="num" data-sort="num" tabindex="0">#</th><th data-sort="text" tabindex="0">article A (outlet)</th>'
        '<th data-sort="text" tabindex="0">article B (outlet)</th>'
        '<th class="num" data-sort="num" tabindex="0" title="the mean of % of A and % of B reused: pairs are ranked by it">shared (mean %)</th>'
        '<th class="num" data-sort="num" tabindex="0">% of A</th><th class="num" data-sort="num" tabindex="0">% of B</th>'
        '<th data-sort="text" tabindex="0">kind</th><th data-sort="text" tabindex="0">direction</th>'
        '<th class="num" data-sort="num" tabindex="0">confidence</th>'
    )
    return f'<table id="pairs"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def lag(link: OutletLink) -> str:
    """The median lag as the summary words it: an unknown one is "no lag known" when every copy has times (dates, or
    times without a zone against zoned ones), else "times unknown".

    >>> lag(OutletLink("AFP", "Tribune", 1, (("verbatim", 1),), None, 0.98, (), dated=True))
    'no lag known'
    """
    if link.median_lag_hours is not None:
        return f"{link.median_lag_hours:.1f} h"
    return "no lag known" if link.dated else "times unknown"


def link_notes(link: OutletLink) -> str:
    """What the summary's sentence adds of a link's copies: the agency its source is when the name does not say so,
    those under half of their source, those without the agency's credit.

    >>> link_notes(OutletLink("Reuters", "Planet", 2, (("verbatim", 2),), 6.2, 0.98, (), under_half=1, uncredited=2, wire="Reuters"))
    "1 under half of its source; 2 without the agency's credit"
    >>> link_notes(OutletLink("Newsroom", "Globe", 1, (("verbatim", 1),), None, 0.98, (), wire="AP"))
    'AP wire'
    """
    notes = [f"{link.wire} wire"] if link.wire and not wire_name(link.source) else []
    if link.under_half:
        notes.append(f"{link.under_half} under half of its source")
    if link.uncredited:
        notes.append(f"{link.uncredited} without the agency's credit")
    return "; ".join(notes)


def outlets_table(result: ScanResult) -> str:
    if not result.outlets:
        return ""
    rows = "".join(
        f"<tr><td class=\"note\">{escape(link.source)}</td><td class=\"note\">{escape(link.derived)}</td><td class=\"num\">{link.articles}</td>"
        f"<td>{', '.join(f'{escape(k)} {c}' for k, c in link.kinds)}</td>"
        f"<td class=\"num\">{lag(link)}</td>"
        f'<td class="num">{link.confidence:.2f}</td><td>{escape(link_notes(link))}</td></tr>'
        for link in result.outlets
    )
    # A long list (often one outlet per file when pages carry no outlet) starts folded.
    opened = " open" if len(result.outlets) <= OPEN_OUTLETS else ""
    return (
        f'<h2>Who takes from whom</h2><details{opened}><summary>{plural(len(result.outlets), "outlet link")}: articles copied '
        "from one outlet by another</summary><table><thead><tr><th>taken from</th><th>taken by</th>"
        '<th class="num" title="pairs of a source article and a copy">copies</th><th>kinds</th><th class="num">median lag</th><th class="num">confidence</th>'
        "<th>notes</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></details>"
    )


def tiles(result: ScanResult) -> str:
    """The summary row: articles (for a check, the new ones and the indexed ones matched), pairs, outlet links, skipped files."""
    if result.checked is None:
        read = tile(len(result.articles), "article")
    else:
        read = tile(len(result.checked), "new article") + tile(len(result.articles) - len(result.checked), "indexed article", " matched")
    pairs = tile(len(result.pairs), "pair", " sharing text")
    return f'<div class="summary">{read}{pairs}\n{tile(len(result.outlets), "outlet link")}{tile(len(result.skipped), "file", " skipped")}</div>'


def tile(n: int, word: str, after: str = "") -> str:
    """One number of the summary row, its words under it."""
    return f"<div><b>{n}</b>{plural(n, word).split(' ', 1)[1]}{after}</div>"


def problems(result: ScanResult) -> str:
    items = [f'<li>skipped <span class="id">{escape(s.path)}</span>: {escape(s.reason)}</li>' for s in result.skipped]
    items += [f"<li>{escape(w)}</li>" for w in result.warnings]
    return f'<details><summary>Skipped files and warnings ({len(items)})</summary><ul>{"".join(items)}</ul></details>' if items else ""
