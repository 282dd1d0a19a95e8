"""The terminal summary: what a newsroom analyst reads first.

A header (articles, pairs, skipped files with their reasons, warnings), then
who took from whom between outlets in plain words, then the pairs most shared
first, each with its strongest passage side by side, then the articles that
share nothing. Plain text, no colours.

Article text, ids, titles, file names and reasons all come from scraped,
untrusted files: everything shown is passed through :func:`sanitize`
(:mod:`reuse.report.columns`), which
drops ANSI escape sequences and control characters that could rewrite the
analyst's terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Direction, OutletLink, Pair, Passage, ScanResult, Signal, ranked
from ..agencies import wire_name
from ..align import MAX_ALIGN_WORDS
from ..words import plural
from .columns import ELLIPSIS, clip, columns, isolate, pad, sanitize, wrap

__all__ = ["render_text", "sanitize"]

#: Lines of any other wrapped paragraph (names, notes, reasons) before the ellipsis.
BLOCK_LINES = 4
#: Lines of a direction's reasons ("why:") before the ellipsis: a caveat comes last and must not be the part cut.
WHY_LINES = 8
#: Lines of a warning or a skipped file's reason before the ellipsis: the fix comes last ("...: give each batch's
#: articles ids of their own (--id-prefix)") and must not be the part cut; only a runaway one (a path of thousands of
#: characters) is.
NOTICE_LINES = 16
#: Items of a list (no-reuse articles, skipped files, warnings) shown unless verbose.
LIST_LIMIT = 10


def _name(value: object) -> str:
    """An enum member's value, whatever the Python version's ``format()`` does."""
    return str(getattr(value, "value", value))


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _strongest(pair: Pair) -> tuple[int, Passage] | None:
    """The passage that best shows the reuse: long and, above all, similar."""
    if not pair.passages:
        return None
    best = max(
        enumerate(pair.passages_in_order, 1),
        key=lambda item: (
            ((item[1].a_end - item[1].a_start) + (item[1].b_end - item[1].b_start)) * item[1].similarity**2,
            -item[0],
        ),
    )
    return best


def _block(text: str, width: int, first: str = "", rest: str | None = None, max_lines: int = BLOCK_LINES) -> list[str]:
    """``text`` wrapped to ``width`` after the prefix ``first``, later lines after ``rest``.

    >>> _block("direction: copied, a.txt -> b.txt", 24, "    ")
    ['    direction: copied,', '    a.txt -> b.txt']
    """
    rest = " " * columns(first) if rest is None else rest
    room = max(1, width - max(columns(first), columns(rest)))
    body = wrap(text, room, max_lines)
    return [(first if i == 0 else rest) + line for i, line in enumerate(body)] or [first.rstrip()]


def _direction_line(direction: Direction) -> str:
    """The verdict and its confidence; an undetermined one's (0.5 as the scan gives it) is said in words: no evidence, no figure.

    >>> _direction_line(Direction(confidence=0.5))
    'direction: undetermined (either could be the source)'
    """
    if direction.undecided:
        return "direction: undetermined (either could be the source)"
    parts = [_name(direction.relation)]
    if direction.source or direction.derived:
        parts.append(f"{sanitize(direction.source) or '?'} -> {sanitize(direction.derived) or '?'}")
    return f"direction: {', '.join(parts)} (confidence {direction.confidence:.2f})"


def _signal_line(signal: Signal) -> str:
    value = f"{signal.value:.4g}" if isinstance(signal.value, float) else sanitize(str(signal.value))
    favours = f", favours {sanitize(signal.favours)}" if signal.favours else ""
    note = f": {sanitize(signal.note)}" if signal.note else ""
    weight = abs(signal.weight) if signal.favours else signal.weight  # log-odds towards the article it favours
    return f"{sanitize(signal.name)} = {value} (weight {weight:.2f}{favours}){note}"


def _side_by_side(left: Sequence[str], right: Sequence[str], col: int) -> list[str]:
    """Two columns of lines, ``col`` columns each; each cell with right-to-left letters isolated (:func:`isolate`), so a
    terminal that reorders Arabic or Hebrew keeps it in its own column.

    >>> _side_by_side(["one", "two"], ["שלום"], 5) == ["one   | \u2068שלום\u2069", "two   |"]
    True
    """
    rows = max(len(left), len(right))
    left = [isolate(a) for a in left] + [""] * (rows - len(left))
    right = [isolate(b) for b in right] + [""] * (rows - len(right))
    return [f"{pad(a, col)} | {b}".rstrip() for a, b in zip(left, right)]


def _render_pair(rank: int, pair: Pair, result: ScanResult, width: int, verbose: bool) -> list[str]:
    """One pair; in a check, B is said to be indexed or in the batch (A is always new)."""
    col = (width - 3) // 2
    art_a = result.article(pair.a)
    art_b = result.article(pair.b)
    indent, hang = "    ", "      "
    number = f"#{rank:<3}" if rank < 100 else f"#{rank} "  # "#100A:" ran together
    where = f", {result.where(pair.b)}" if result.checked is not None else ""
    lines = _block(f"A: {sanitize(pair.a)} ({sanitize(art_a.outlet)})", width, number, hang)
    lines += _block(f"B: {sanitize(pair.b)} ({sanitize(art_b.outlet)}{where})", width, indent, hang)
    lines += _block(
        f"{_name(pair.kind)}, {_name(pair.extent)}: {_percent(pair.containment_a)} of A reused / "
        f"{_percent(pair.containment_b)} of B reused, similarity {pair.similarity:.2f}, "
        f"verbatim {_percent(pair.verbatim_share)}",
        width,
        indent,
        hang,
    )
    lines += _block(_direction_line(pair.direction), width, indent, hang)
    if not verbose:
        notes = [sanitize(s.note) for s in pair.direction.evidence if s.note]
        if notes:
            lines += _block("; ".join(notes), width, hang + "why: ", hang + "     ", WHY_LINES)
    else:
        for signal in pair.direction.evidence:
            lines += _block(_signal_line(signal), width, hang + "- ", hang + "  ")
        for n, p in enumerate(pair.passages_in_order, 1):
            lines += _block(
                f"passage {n}: {_name(p.kind)}, similarity {p.similarity:.2f}, verbatim {_percent(p.verbatim_share)}, "
                f"quoted {_percent(p.quote_share)}, A[{p.a_start}:{p.a_end}] B[{p.b_start}:{p.b_end}]",
                width,
                indent,
                hang,
            )
    strongest = _strongest(pair)
    if strongest is None:
        lines.append(f"{indent}(no passage recorded)")
        return lines
    n, p = strongest
    which = "the only passage" if len(pair.passages) == 1 else f"passage {n} of {len(pair.passages)}, the strongest"
    lines += _block(f"{which}: {_name(p.kind)}, similarity {p.similarity:.2f}", width, indent, hang)
    left_head = clip(f"A {sanitize(pair.a)} [{p.a_start}:{p.a_end}]", col)
    right_head = clip(f"B {sanitize(pair.b)} [{p.b_start}:{p.b_end}]", col)
    lines += _side_by_side([left_head], [right_head], col)
    lines.append("-" * col + "-+-" + "-" * col)
    left = wrap(sanitize(art_a.text[p.a_start : p.a_end]), col)
    right = wrap(sanitize(art_b.text[p.b_start : p.b_end]), col)
    lines += _side_by_side(left, right, col)
    return lines


def _listing(title: str, items: Sequence[str], width: int, verbose: bool, listed: str = "", max_lines: int = BLOCK_LINES) -> list[str]:
    shown = items if verbose else items[:LIST_LIMIT]
    lines = []
    for item in shown:
        lines += _block(sanitize(item), width, title, " " * (columns(title) + 2), max_lines)
    if len(items) > len(shown):
        lines.append(f"{title}{ELLIPSIS} and {len(items) - len(shown)} more{listed}")
    return lines


#: A scan of at most this many articles (a check: the index's and the batch's together) says why it may have missed a
#: pair or rated one low (README, Limitations): a review's one-story folders of 4 to 6 articles missed rewrites that
#: the same folders found beside other stories.
_FEW = 10

#: How each kind of reuse reads as a verb and as a participle.
_KIND_WORDS = {
    "verbatim": ("ran", "verbatim", "verbatim"),
    "light-rewrite": ("lightly rewrote", "", "lightly rewritten"),
    "heavy-rewrite": ("rewrote", "", "rewritten"),
    "shared-quotes": ("quoted", "", "quoted"),
}


def _outlet_sentence(link: OutletLink) -> str:
    """One outlet link in plain words, with what :func:`reuse.outlets.link_outlets` found of its copies.

    Those of its copies that took under half of their source
    (``under_half``); that every copy has times but no lag is known from
    them (``dated``: dates, or times without a zone against zoned ones); the
    agency the source outlet is when its name does not say so (``wire``: its
    pages are on the agency's site); the copies of an agency's own pages that
    carry its text without its credit line or dateline (``uncredited``).

    >>> link = OutletLink("AFP", "Daily News", 12, (("verbatim", 12),), 1.5, 0.95, ())
    >>> _outlet_sentence(link)
    'Daily News ran 12 AFP wire stories verbatim (median lag 1.5 h, confidence 0.95)'
    >>> link = OutletLink("Z", "Y", 3, (("heavy-rewrite", 2), ("verbatim", 1)), None, 0.6, ())
    >>> _outlet_sentence(link)
    "Y took 3 of Z's articles: 2 rewritten, 1 verbatim (times unknown, confidence 0.60)"
    >>> link = OutletLink("Daily", "Herald", 2, (("verbatim", 2),), None, 0.6, (("d1", "h1"), ("d1", "h2")))
    >>> _outlet_sentence(link)
    "Herald ran 2 copies of 1 of Daily's articles verbatim (times unknown, confidence 0.60)"
    >>> link = OutletLink("AFP", "Globe", 2, (("verbatim", 2),), 0.9, 0.98, (("afp-1", "g1"), ("afp-2", "g1")))
    >>> _outlet_sentence(link)  # two stories merged into one article
    'Globe ran 2 AFP wire stories in 1 article verbatim (median lag 0.9 h, confidence 0.98)'
    >>> link = OutletLink("AFP", "Globe", 3, (("verbatim", 3),), None, 0.98, (("afp-1", "g1"), ("afp-1", "g2"), ("afp-2", "g1")))
    >>> _outlet_sentence(link)
    'Globe ran 2 AFP wire stories in 2 articles (3 copies) verbatim (times unknown, confidence 0.98)'
    >>> _outlet_sentence(OutletLink("Newsroom", "Globe", 1, (("verbatim", 1),), None, 0.98, (), wire="AP"))
    'Globe ran 1 AP wire story from Newsroom verbatim (times unknown, confidence 0.98)'
    >>> _outlet_sentence(OutletLink("Reuters", "Brief", 1, (("verbatim", 1),), None, 0.9, (), under_half=1, dated=True))
    'Brief ran 1 Reuters wire story verbatim, under half of it (no lag known, confidence 0.90)'
    >>> _outlet_sentence(OutletLink("Z", "Y", 3, (("heavy-rewrite", 2), ("verbatim", 1)), 2.0, 0.9, (), under_half=1))
    "Y took 3 of Z's articles: 2 rewritten, 1 verbatim, 1 of them under half of its source (median lag 2.0 h, confidence 0.90)"
    >>> _outlet_sentence(OutletLink("Reuters", "Local", 1, (("verbatim", 1),), -0.25, 0.79, ()))
    'Local ran 1 Reuters wire story verbatim (the copies stamped 0.2 h before their source, median, confidence 0.79)'
    >>> _outlet_sentence(OutletLink("AFP", "Courier", 3, (("verbatim", 3),), 1.0, 0.9, (), uncredited=2))
    "Courier ran 3 AFP wire stories verbatim, 2 of them without the agency's credit (median lag 1.0 h, confidence 0.90)"
    """
    partial, dated, wire, uncredited = link.under_half, link.dated, link.wire, link.uncredited
    source, derived = sanitize(link.source), sanitize(link.derived)
    named = wire_name(link.source)
    n = link.articles  # copies: pairs of a source article and a derived one
    taken = len({s for s, _ in link.pairs}) if link.pairs else n  # the source's articles
    made = len({d for _, d in link.pairs}) if link.pairs else n  # the derived outlet's articles
    if named or wire:
        what = f"{taken} {named or wire} wire {'story' if taken == 1 else 'stories'}" + ("" if named else f" from {source}")
    else:
        what = f"{taken} of {source}'s articles"
    if made == n and taken < n:
        what = f"{n} copies of {what}"  # a source article copied by several of the outlet's
    elif taken == n and made < n:
        what = f"{what} in {plural(made, 'article')}"  # stories merged into one
    elif taken != n:
        what = f"{what} in {plural(made, 'article')} ({n} copies)"
    if len(link.kinds) == 1 and link.kinds[0][0] in _KIND_WORDS:
        verb, after, _ = _KIND_WORDS[link.kinds[0][0]]
        sentence = f"{derived} {verb} {what}" + (f" {after}" if after else "")
    else:
        parts = ", ".join(f"{count} {_KIND_WORDS.get(kind, ('', '', kind))[2]}" for kind, count in link.kinds)
        sentence = f"{derived} took {what}: {parts}"
    if partial:
        # Under half of the source's story: the copy itself may be whole (a brief made of the story's first paragraphs).
        if partial >= n:
            sentence += ", under half of it" if n == 1 else ", under half of each"
        else:
            sentence += f", {partial} of them under half of its source"
    if uncredited:
        sentence += ", without the agency's credit" if uncredited >= n else f", {uncredited} of them without the agency's credit"
    if link.median_lag_hours is not None and link.median_lag_hours < 0:
        lag = f"the copies stamped {-link.median_lag_hours:.1f} h before their source, median"  # wire copy before the agency's page
    elif link.median_lag_hours is not None:
        lag = f"median lag {link.median_lag_hours:.1f} h"
    else:
        lag = "no lag known" if dated else "times unknown"
    return f"{sentence} ({lag}, confidence {link.confidence:.2f})"


def _outlet_lines(result: ScanResult, width: int, verbose: bool, listed: str) -> list[str]:
    links = result.outlets
    if not links:
        return []
    lines = [""] + _block("Outlets (who took from whom):", width)
    lines += _listing("  ", [_outlet_sentence(link) for link in links], width, verbose, listed)
    return lines


def _headline(result: ScanResult, pairs: Sequence[Pair], width: int) -> list[str]:
    """What was read and how many pairs share text; for a check, the new articles, and pairs with the index apart."""
    counts = f"{plural(len(pairs), 'pair')} sharing text, {len(result.skipped):,} skipped"
    if result.checked is None:
        return _block(f"reuse: {plural(len(result.articles), 'article')}, {counts}", width)
    new = set(result.checked)
    within = sum(1 for p in pairs if p.b in new)
    matched = sum(1 for a in result.articles if a.id not in new)
    with_index = "no pair with an indexed article"
    if len(pairs) > within:
        with_index = f"{plural(len(pairs) - within, 'pair')} with an indexed article ({plural(matched, 'indexed article')} matched)"
    return _block(f"reuse check: {plural(len(new), 'new article')}, {counts}", width) + _block(
        f"{with_index}, {plural(within, 'pair')} within the batch", width, "  "
    )


def render_text(
    result: ScanResult, *, width: int = 100, max_pairs: int | None = None, verbose: bool = False, more: str = "", listed: str = ""
) -> str:
    """The scan as a plain-text summary for the terminal.

    Parameters
    ----------
    result
        A finished scan.
    width
        Columns available; each side of an excerpt gets ``(width - 3) // 2``.
    max_pairs
        Show at most this many pairs (all when ``None``).
    verbose
        Also list every passage and every piece of direction evidence, and
        do not shorten the lists of skipped files, warnings and articles.
    more
        Appended to the line that counts the pairs not shown: how the
        caller's user sees them (the CLI names its options).
    listed
        Appended to the line that ends a shortened list (skipped files,
        warnings, outlets, articles without reuse: at most
        :data:`LIST_LIMIT` lines each unless ``verbose``): how the caller's
        user sees all of it.

    Returns
    -------
    str
        Lines ending in newlines; all article-derived text sanitised.
    """
    width = max(width, 21)
    pairs = ranked(result.pairs)
    lines = _headline(result, pairs, width)
    lines += _listing("skipped: ", [f"{s.path}: {s.reason}" for s in result.skipped], width, verbose, listed, NOTICE_LINES)
    lines += _listing("warning: ", list(result.warnings), width, verbose, listed, NOTICE_LINES)
    lines += _outlet_lines(result, width, verbose, listed)

    shown = pairs if max_pairs is None else pairs[: max(0, max_pairs)]
    for rank, pair in enumerate(shown, 1):
        lines.append("")
        lines += _render_pair(rank, pair, result, width, verbose)
    if len(shown) < len(pairs):
        lines += [""] + _block(f"{ELLIPSIS} {plural(len(pairs) - len(shown), 'more pair')} not shown{more}", width)

    linked = {p.a for p in pairs} | {p.b for p in pairs}
    alone = [a for a in result.articles if a.id not in linked]
    if alone:
        lines.append("")
        if not pairs:
            lines += _block(f"No reuse found among {plural(len(alone), 'article')}.", width)
        else:
            lines += _block(f"No reuse found in {plural(len(alone), 'article')}:", width)
            items = [f"{a.id} ({a.outlet}, {_length(a.words)})" for a in alone]
            lines += _listing("  ", items, width, verbose, listed)
    # A check weighs words by the index's counts and the batch's: as few as a small scan's when the index is small.
    few = len(result.articles) if result.checked is None else result.corpus
    if few is not None and 2 <= few <= _FEW:
        among, fix = (
            (f"{few}", "Scan them among articles of other stories, or check them against an index, to be sure.")
            if result.checked is None
            else (f"{few}, the index's and the batch's together", "Check them against an index that holds articles of other stories too, to be sure.")
        )
        lines += [""] + _block(
            f"Among so few articles ({among}), which words are common cannot be told, and the words two of "
            f"them share count as common ones: a loose rewrite may be missed or rated low. {fix}",
            width,
        )
    return "\n".join(lines) + "\n"


def _length(words: int) -> str:
    """An article's length in the list of those sharing nothing; past what alignment takes, that nothing is unmeasured.

    >>> _length(551), _length(231927)
    ('551 words', '231,927 words: too long to align, so any reuse in it is unmeasured; split it')
    """
    if words <= MAX_ALIGN_WORDS:
        return plural(words, "word")
    return f"{plural(words, 'word')}: too long to align, so any reuse in it is unmeasured; split it"
