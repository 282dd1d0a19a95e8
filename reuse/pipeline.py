"""scan(): the stages in order, each timed.

    load -> analyse + sketch -> learn boilerplate -> candidates -> align -> provenance

Each stage is one module with one entry function; this module only wires
them and reports progress through an optional callback (it never prints).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike

import numpy as np

from .align import align_pair, prepare
from .boilerplate import learn_boilerplate, line_keys, mask_lines, short_lines, usable_words
from .candidates import find_candidates, trigram_set, verify_candidates
from .config import ScanConfig
from .load import load_articles
from .errors import InputError
from .model import Article, Pair, ScanResult, Skipped
from .outlets import link_outlets
from .provenance import infer_directions
from .sketch import sketch_article
from .text import DocumentFrequency, analyze, unique_sorted

__all__ = ["ProgressCallback", "scan", "scan_articles"]

#: Articles with fewer words than this and no language of their own take the scan's.
_SHORT = 300

#: ``callback(stage, done, total)``: called as a stage advances.
ProgressCallback = Callable[[str, int, int], None]


class _Timer:
    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((name, round(time.perf_counter() - start, 4)))


def _tick(progress: ProgressCallback | None, stage: str, done: int, total: int, every: int = 200) -> None:
    if progress is not None and (done % every == 0 or done == total):
        progress(stage, done, total)


def scan(folder: str | PathLike, config: ScanConfig | None = None, *, progress: ProgressCallback | None = None) -> ScanResult:
    """Load every article under ``folder`` and find the reuse between them.

    Parameters
    ----------
    folder
        A folder (read recursively) or a single file.
    config
        Settings; the defaults suit news articles.
    progress
        Optional ``callback(stage, done, total)``.

    Returns
    -------
    ScanResult
        Articles, skipped files, and the pairs that share text, most shared first.

    Raises
    ------
    reuse.errors.InputError
        When ``folder`` does not exist or holds no article files.
    """
    config = config or ScanConfig()
    timer = _Timer()
    with timer.stage("load"):
        loaded = load_articles(folder, config.load, progress=progress)
    return _scan(loaded.articles, loaded.skipped, loaded.warnings, config, progress, timer)


def scan_articles(articles: Iterable[Article], config: ScanConfig | None = None, *, progress: ProgressCallback | None = None) -> ScanResult:
    """Find the reuse between already-loaded articles (ids must be unique)."""
    return _scan(tuple(articles), (), (), config or ScanConfig(), progress, _Timer())


def _scan(
    articles: tuple[Article, ...],
    skipped: tuple[Skipped, ...],
    warnings: tuple[str, ...],
    config: ScanConfig,
    progress: ProgressCallback | None,
    timer: _Timer,
) -> ScanResult:
    articles = _checked(articles)
    with timer.stage("sketch"):
        read = _read_all(articles, config, progress)
    with timer.stage("boilerplate"):
        learned = learn_boilerplate(read.line_keys, config.boilerplate)
        df = DocumentFrequency.from_sets(read.stem_sets)
        read.line_keys.clear()
        read.stem_sets.clear()
    with timer.stage("candidates"):
        candidates = find_candidates(read.sketches, config.candidates)
        read.sketches.clear()  # the band keys are the largest thing held
        candidates = verify_candidates(candidates, read.trigrams, config.candidates)
        read.trigrams.clear()
    with timer.stage("align"):
        pairs = _align_all(articles, read, candidates, learned, df, config, progress)
    with timer.stage("provenance"):
        pairs = infer_directions(articles, pairs)
    pairs.sort(key=lambda p: (-p.shared_words, p.a, p.b))
    return ScanResult(
        articles=articles,
        skipped=skipped,
        pairs=tuple(pairs),
        config_fingerprint=config.fingerprint(),
        timings=tuple(timer.timings),
        warnings=warnings,
        outlets=link_outlets(articles, pairs),
    )


def _checked(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Articles in id order; two with one id are refused."""
    ordered = tuple(sorted(articles, key=lambda a: a.id))
    for first, second in zip(ordered, ordered[1:]):
        if first.id == second.id:
            raise InputError(f"Two articles have the id {first.id!r}: give each article a unique id.")
    return ordered


@dataclass
class _Read:
    """What the reading pass keeps per article (index-aligned with the articles)."""

    analyses: list
    usables: list
    sketches: list
    line_keys: list
    stem_sets: list
    lines: list  # each article's short lines, to mask learned boilerplate when aligning
    trigrams: list  # each article's three-word runs, to verify candidates


@dataclass(frozen=True, eq=False)
class _ArticleRead:
    """One article's share of the reading pass (what :class:`_Read` keeps, for one article)."""

    analysis: object
    usable: np.ndarray
    sketch: object
    line_keys: frozenset[int]
    stem_set: np.ndarray
    lines: list
    trigrams: np.ndarray


def _read_one(article: Article, config: ScanConfig, language: str | None = None) -> _ArticleRead:
    """Analyse, mask and sketch one article (in ``language`` when given, else in its own)."""
    analysis = analyze(article.text, language)
    lines = short_lines(article.text, analysis, config.boilerplate)
    usable = usable_words(article.text, analysis, config.boilerplate, lines=lines)
    return _ArticleRead(
        analysis=analysis,
        usable=usable,
        sketch=sketch_article(analysis, usable, config.sketch, config.candidates),
        line_keys=line_keys(article.text, analysis, config.boilerplate, lines),
        stem_set=unique_sorted(analysis.stems[usable]),
        lines=lines,
        trigrams=trigram_set(analysis.words[usable]),
    )


def needs_fallback(analysis) -> bool:
    """Too short for a language guess and none found: the article takes the corpus's."""
    return not analysis.language and len(analysis) < _SHORT


def most_common_language(counts: Counter[str]) -> str | None:
    """The corpus's most common detected language, ties to the first name in alphabetical order.

    Counted over every article, never over the ones read so far, so the
    result depends neither on the order of the articles nor on how the work
    is split.

    >>> most_common_language(Counter({"fr": 2, "en": 2, "de": 1}))
    'en'
    """
    counts = +counts
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _read_all(articles: tuple[Article, ...], config: ScanConfig, progress: ProgressCallback | None) -> _Read:
    """Analyse, mask and sketch every article; collect what boilerplate and idf need.

    Two passes: every article is read in its own language; then the short
    ones with no language of their own are read again in the corpus's most
    common language, so a short copy stems like the article it was copied
    from whatever the order of the articles.
    """
    reads = []
    for n, article in enumerate(articles, 1):
        reads.append(_read_one(article, config))
        _tick(progress, "sketch", n, len(articles))
    fallback = most_common_language(Counter(r.analysis.language for r in reads if r.analysis.language))
    if fallback:
        for k, r in enumerate(reads):
            if needs_fallback(r.analysis):
                reads[k] = _read_one(articles[k], config, fallback)
    read = _Read([], [], [], [], [], [], [])
    for r in reads:
        read.analyses.append(r.analysis)
        read.usables.append(r.usable)
        read.lines.append(r.lines)
        read.line_keys.append(r.line_keys)
        read.stem_sets.append(r.stem_set)
        read.trigrams.append(r.trigrams)
        read.sketches.append(r.sketch)
    return read


def _align_all(
    articles: tuple[Article, ...],
    read: _Read,
    candidates: list[tuple[int, int]],
    learned: frozenset[int],
    df: DocumentFrequency,
    config: ScanConfig,
    progress: ProgressCallback | None,
) -> list[Pair]:
    """Align every candidate pair; keep the pairs that share real passages.

    Each article's alignment view is built on first use and dropped after its
    last candidate pair, so memory follows the candidates in flight.
    """
    last_use = {}
    for n, (i, j) in enumerate(candidates):
        last_use[i] = last_use[j] = n
    prepared = {}

    def view(i: int):
        if i not in prepared:
            art = articles[i]
            usable = mask_lines(art.text, read.analyses[i], read.usables[i], learned, config.boilerplate, read.lines[i])
            prepared[i] = prepare(art, usable, read.analyses[i], df)
        return prepared[i]

    pairs = []
    for n, (i, j) in enumerate(candidates):
        pair = align_pair(view(i), view(j), config.align)
        if pair is not None:
            pairs.append(pair)
        for k in (i, j):
            if last_use[k] == n:
                del prepared[k]
                read.analyses[k] = read.usables[k] = read.lines[k] = None
        _tick(progress, "align", n + 1, len(candidates))
    return pairs
