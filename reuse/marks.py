"""What a reader should see set apart in an article: quotations and boilerplate.

The scan leaves quotations and site junk inside the text (offsets must
slice the text as loaded) and only weighs or masks them while matching.
The HTML report marks them so that a reader can tell a copied sentence from
a shared quotation or a "Share this story" line. This module finds those
spans once, with the same stages the scan uses (:mod:`reuse.quotes`,
:mod:`reuse.boilerplate`), so that the writer only formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .boilerplate import article_lines, learn_boilerplate, line_keys, mask_lines, usable_words
from .config import BoilerplateConfig
from .model import Article
from .quotes import find_quotes
from .text import analyze

__all__ = ["TextMarks", "mark_articles", "masked_spans"]

Span = tuple[int, int]


@dataclass(frozen=True)
class TextMarks:
    """Character spans to set apart in one article's text.

    Attributes
    ----------
    quotes : tuple of (start, end)
        Quotations, quote marks included.
    boilerplate : tuple of (start, end)
        Site junk and repeated lines left out of matching (runs of masked words).
    """

    quotes: tuple[Span, ...] = ()
    boilerplate: tuple[Span, ...] = ()


def masked_spans(starts: np.ndarray, ends: np.ndarray, usable: np.ndarray) -> tuple[Span, ...]:
    """Character spans of the runs of words whose ``usable`` flag is False.

    >>> masked_spans(np.array([0, 4, 8, 12]), np.array([3, 7, 11, 15]), np.array([True, False, False, True]))
    ((4, 11),)
    """
    spans: list[Span] = []
    masked = np.flatnonzero(~usable)
    if len(masked) == 0:
        return ()
    breaks = np.flatnonzero(np.diff(masked) > 1)
    firsts = np.concatenate(([masked[0]], masked[breaks + 1]))
    lasts = np.concatenate((masked[breaks], [masked[-1]]))
    for f, last in zip(firsts.tolist(), lasts.tolist()):
        spans.append((int(starts[f]), int(ends[last])))
    return tuple(spans)


def mark_articles(
    articles: Iterable[Article],
    wanted: Iterable[str] | None = None,
    config: BoilerplateConfig | None = None,
) -> dict[str, TextMarks]:
    """Quotations and boilerplate of articles, by id.

    Parameters
    ----------
    articles
        Every article of the scan: boilerplate lines are learned across all
        of them, as the scan learns them.
    wanted
        Ids of the articles to mark (all when ``None``).
    config
        The boilerplate settings of the scan (defaults when ``None``).
    """
    config = config or BoilerplateConfig()
    articles = tuple(a.in_memory() for a in articles)  # each text is read several times below
    analyses = [analyze(a.text) for a in articles]
    lines = [article_lines(a, an, config) for a, an in zip(articles, analyses)]
    learned = learn_boilerplate((line_keys(a.text, an, config, ls) for a, an, ls in zip(articles, analyses, lines)), config)
    want = None if wanted is None else set(wanted)
    marks: dict[str, TextMarks] = {}
    for art, analysis, art_lines in zip(articles, analyses, lines):
        if want is not None and art.id not in want:
            continue
        usable = usable_words(art.text, analysis, config, lines=art_lines)
        usable = mask_lines(art.text, analysis, usable, learned, config, art_lines)
        marks[art.id] = TextMarks(
            quotes=tuple((q.start, q.end) for q in find_quotes(art.text, speakers=False)),
            boilerplate=masked_spans(analysis.starts, analysis.ends, usable),
        )
    return marks
