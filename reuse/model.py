"""The data passed between pipeline stages: frozen dataclasses and enums.

Character offsets into ``Article.text`` are the one currency for passages:
``article.text[passage.a_start:passage.a_end]`` is the reused text on side A.
"""

from __future__ import annotations

import dataclasses
import enum
import posixpath
from typing import Any
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

__all__ = [
    "Article",
    "Direction",
    "Extent",
    "OutletLink",
    "Pair",
    "Passage",
    "Relation",
    "ReuseKind",
    "ScanResult",
    "Signal",
    "Skipped",
    "ranked",
]


class ReuseKind(str, enum.Enum):
    """How a shared passage (or a whole pair) came to be shared."""

    VERBATIM = "verbatim"
    LIGHT_REWRITE = "light-rewrite"
    HEAVY_REWRITE = "heavy-rewrite"
    SHARED_QUOTES = "shared-quotes"

    def __str__(self) -> str:
        return self.value


class Extent(str, enum.Enum):
    """``whole``: most of the smaller article is reused; else ``partial``."""

    WHOLE = "whole"
    PARTIAL = "partial"

    def __str__(self) -> str:
        return self.value


class Relation(str, enum.Enum):
    """The provenance verdict for a pair of articles."""

    COPIED = "copied"
    COMMON_SOURCE = "common-source"
    UNDETERMINED = "undetermined"

    def __str__(self) -> str:
        return self.value


class _Text:
    """``Article.text``: a ``str``, or where a scan stored it on disk (read back at each access).

    Anything with a ``read()`` that returns the text may stand for it
    (:class:`reuse.textstore.StoredText`); equality, hashing and
    ``dataclasses.replace`` see the text itself, ``repr`` its start.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, objtype: type | None = None) -> str:
        if obj is None:
            raise AttributeError(self.name)  # a required field: no default
        value = obj.__dict__[self.name]
        return value if isinstance(value, str) else value.read()

    def __set__(self, obj: object, value: object) -> None:  # only ``__init__`` gets here: the class is frozen
        obj.__dict__[self.name] = value


def file_outlet(path: str) -> str:
    """The outlet an article gets from its file when nothing names one: the file name without its extension.

    >>> file_outlet("feeds/kremlin-swap.txt"), file_outlet("dump.jsonl#3")
    ('kremlin-swap', 'dump')
    """
    return posixpath.splitext(posixpath.basename(path))[0]


@dataclass(frozen=True, repr=False)
class Article:
    """One news article as loaded.

    Attributes
    ----------
    id : str
        Unique within a scan: the path relative to the scanned folder, or a
        record's own ``id``, or ``<path>#<record number>``.
    text : str
        The main text. Every offset in a report indexes this string. A scan
        keeps it on disk (:mod:`reuse.textstore`) and reads it back on
        each access; :meth:`in_memory` gives the article with it in memory
        (as ``dataclasses.replace`` does; :meth:`renamed` keeps it on disk).
        Equality and hashing compare the text, so they read it too.
    outlet : str
        Who published it: metadata, else the URL's domain, else the file name.
    title, url : str or None
        From metadata when known.
    published : str or None
        Publication time as an ISO 8601 string, as given (date or
        date-time; one in the basic format, 20250612T124000Z, written in the
        extended one); ``None`` when unknown.
    path : str
        The file the article came from, relative to the scanned folder.
    canonical : str or None
        The canonical or syndication-source URL declared by the page, if any.
    byline : str or None
        Who the page or record says wrote it ("By John Irish (Reuters)"), when
        it says so apart from the text: a wire credited there is credited.
    modified : str or None
        When the page or record says it was last changed, an ISO 8601 string
        as given (an update keeps its page's publication time): it orders two
        versions of one page that their publication times leave unordered.
    outlet_from_file : bool or None
        Whether ``outlet`` is only the file's name, nothing having named one
        (no metadata, no URL): set by the loader. ``None`` (an article built
        by hand) is read as whether the outlet equals the file's name. A
        feed ``reuters.jsonl`` whose records say ``"outlet": "reuters"`` names
        its outlet all the same.
    seen : str or None
        When an index first held this text (the add that stored it, an ISO
        8601 time in UTC): the article was published by then. Set on the
        stored articles of a check (``reuse check``); ``None`` elsewhere.
    """

    id: str
    text: str = _Text()  # type: ignore[assignment]
    outlet: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    path: str = ""
    canonical: str | None = None
    byline: str | None = None
    modified: str | None = None
    outlet_from_file: bool | None = None
    seen: str | None = None

    def __repr__(self) -> str:
        """The id, outlet and publication time, the text's start and its words: a whole text in each made reprs of kilobytes.

        >>> Article("a.txt", "Officials said on Tuesday that the budget talks would resume next week in Geneva.", "Daily", published="2025-05-27")
        Article(id='a.txt', outlet='Daily', published='2025-05-27', text='Officials said on Tuesday that the budget talks would resume…', words=14)
        """
        from .errors import ReuseError
        from .text import word_count

        published = f", published={self.published!r}" if self.published is not None else ""
        try:
            text = self.text  # read once: a stored text is read from disk at each access
        except (ReuseError, OSError) as exc:  # a repr must not raise: it is what logs and debuggers show
            return f"Article(id={self.id!r}, outlet={self.outlet!r}{published}, text=<unreadable: {exc}>)"
        shown = text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS].rstrip() + "…"
        return f"Article(id={self.id!r}, outlet={self.outlet!r}{published}, text={shown!r}, words={word_count(text)})"

    @property
    def outlet_named(self) -> bool:
        """Whether something named the outlet (metadata or a URL), not only the file's name (see ``outlet_from_file``).

        >>> Article("a.txt", "x", "a", path="a.txt").outlet_named, Article("a.jsonl#1", "x", "a", path="a.jsonl", outlet_from_file=False).outlet_named
        (False, True)
        """
        if self.outlet_from_file is not None:
            return not self.outlet_from_file
        return bool(self.outlet) and self.outlet != file_outlet(self.path)

    @property
    def stored(self) -> bool:
        """Whether the text is on disk (each access reads it) rather than in memory."""
        return not isinstance(self.__dict__["text"], str)

    def in_memory(self) -> Article:
        """This article with its text in memory: itself, or a copy that read the text once."""
        return self.with_text(self.text) if self.stored else self

    def with_text(self, text: Any) -> Article:
        """This article with ``text`` (a ``str``, or a stored text: see ``text``) in place of its own, all else the same.

        What ``dataclasses.replace(self, text=text)`` gives, at a fifth of its
        cost: a scan makes one for each article at each stage that reads
        texts or sends them to workers (some 75,000 for 10,000 articles).

        >>> a = Article("a.txt", "x", "a", title="A")
        >>> a.with_text("y") == dataclasses.replace(a, text="y")
        True
        """
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__["text"] = text
        return copy

    def renamed(self, new_id: str) -> Article:
        """This article under another id; a stored text stays stored."""
        return dataclasses.replace(self, id=new_id, text=self.__dict__["text"])

    @property
    def words(self) -> int:
        """Number of words, as the scan counts them (each CJK character is one, and each Thai, Lao, Myanmar or Khmer letter cluster)."""
        from .text import word_count  # the model stays free of the text stage at import

        return word_count(self.text)


#: How much of an article's text its ``repr`` shows.
_SHOWN_CHARS = 60


@dataclass(frozen=True)
class Skipped:
    """A file or record that could not be read, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Passage:
    """A reused passage: a span in each article of a pair.

    ``a_start:a_end`` slices ``pair.a``'s text and ``b_start:b_end`` slices
    ``pair.b``'s text. ``similarity`` is the Dice coefficient of the content
    stems of the two spans, each stem weighted by its idf in the scanned
    folder; ``verbatim_share`` the share of the shorter side's words that
    stand in runs identical on both sides; ``quote_share`` the share of the
    shorter side's words that are identical and inside quotation marks on
    both sides (with no identical words: the share of quoted words on the
    side with fewer); ``mean_run`` the mean length of the identical runs, in
    words (a CJK character or a Thai, Lao, Khmer or Myanmar letter cluster
    counting half of one). ``docs/schema.md`` says how they make the ``kind``.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: ReuseKind
    similarity: float
    verbatim_share: float
    quote_share: float = 0.0
    mean_run: float = 0.0


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for a direction verdict.

    ``favours`` is the article id the signal points to as the source, or
    ``None`` when it points to a common source or to nothing. ``path`` is
    the chain of articles a ``stemma`` signal runs through, source first
    (``value`` writes it for people); empty for other signals.
    """

    name: str
    value: str | float | None
    favours: str | None = None
    weight: float = 0.0
    note: str = ""
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Direction:
    """Who took from whom, how sure, and why."""

    relation: Relation = Relation.UNDETERMINED
    source: str | None = None
    derived: str | None = None
    confidence: float = 0.0
    evidence: tuple[Signal, ...] = ()

    @property
    def undecided(self) -> bool:
        """An undetermined verdict naming no side: either could be the source, and its confidence (0.5) is no measure.

        >>> Direction().undecided, Direction(Relation.COPIED, "a", "b", 0.7).undecided
        (True, False)
        """
        return self.relation is Relation.UNDETERMINED and not (self.source or self.derived)

    @property
    def deciding(self) -> Signal | None:
        """The signal that decided the verdict: the first of the evidence, which the reporter puts first.

        Later revisions (:mod:`reuse.revisions`) and the outlet links read it: a
        verdict resting on the family tree starts with its ``stemma`` signal, an
        update of a page with ``same-page``. Put a new signal first only when it
        decides.

        >>> Direction(Relation.COPIED, "a", "b", 0.7, (Signal("time", 2.0), Signal("containment", 0.1))).deciding.name
        'time'
        >>> Direction().deciding is None
        True
        """
        return self.evidence[0] if self.evidence else None


def _in_a_order(passages: Iterable[Passage]) -> tuple[Passage, ...]:
    """Passages sorted by their span in A, then in B."""
    return tuple(sorted(passages, key=lambda p: (p.a_start, p.a_end, p.b_start, p.b_end)))


@dataclass(frozen=True)
class Pair:
    """Two articles that share text, with the passages that prove it.

    ``containment_a`` is the share of A's words inside the passages (how much
    of A is reused), ``containment_b`` likewise for B; ``similarity`` and
    ``verbatim_share`` are those of the passages together, each weighted by
    its length (see :class:`Passage`).
    """

    a: str
    b: str
    kind: ReuseKind
    extent: Extent
    similarity: float
    containment_a: float
    containment_b: float
    verbatim_share: float
    passages: tuple[Passage, ...]
    direction: Direction = field(default_factory=Direction)

    @property
    def passages_in_order(self) -> tuple[Passage, ...]:
        """The passages in A's text order (then B's): the order every report numbers them in."""
        return _in_a_order(self.passages)

    @property
    def same_text(self) -> bool:
        """Whether each article is wholly reused in the other: two copies of one text, as far as matching tells."""
        return min(self.containment_a, self.containment_b) >= 1.0

    @property
    def containment_sum(self) -> float:
        """The share of A reused plus the share of B reused (0 to 2): how much the two share, the key :func:`ranked` sorts by."""
        return self.containment_a + self.containment_b

    def swapped(self) -> Pair:
        """The same pair seen from its other side: ``a`` and ``b`` exchanged, passages in the new A's order.

        The evidence is seen from the other side too: a weight is log-odds
        that A is the source, so it changes sign, as do the values measured
        from A to B (hours from A's publication to B's, B's containment less A's).
        """
        from dataclasses import replace

        passages = (replace(p, a_start=p.b_start, a_end=p.b_end, b_start=p.a_start, b_end=p.a_end) for p in self.passages)
        evidence = tuple(
            replace(
                s,
                value=-s.value if s.name in _FROM_A_TO_B and isinstance(s.value, (int, float)) and s.value else s.value,
                weight=-s.weight if s.weight else s.weight,
            )
            for s in self.direction.evidence
        )
        return replace(
            self,
            a=self.b,
            b=self.a,
            containment_a=self.containment_b,
            containment_b=self.containment_a,
            passages=_in_a_order(passages),
            direction=replace(self.direction, evidence=evidence),
        )


#: Signals whose number is measured from A to B (:meth:`Pair.swapped` turns it round).
_FROM_A_TO_B = frozenset({"time", "modified", "containment"})


@dataclass(frozen=True)
class OutletLink:
    """Outlet ``derived`` took articles from outlet ``source``: article edges aggregated.

    Attributes
    ----------
    source, derived : str
        The outlet taken from and the outlet that took.
    articles : int
        Article pairs with relation ``copied`` from a ``source`` article to a ``derived`` one.
    kinds : tuple of (str, int)
        ``(ReuseKind value, count)`` over those pairs, most common first.
    median_lag_hours : float or None
        Median hours from the source article's publication to the derived
        one's; ``None`` when no pair has both times.
    confidence : float
        How sure it is that ``derived`` took from ``source`` at least once, in [0, 1].
    pairs : tuple of (str, str)
        The ``(source article id, derived article id)`` pairs.
    under_half : int
        Of those pairs, the copies that took under half of their source
        article (the copy itself may be whole: a brief of a story's first paragraphs).
    uncredited : int
        Of those pairs, the copies of an agency's own page that carry its text
        without its credit line or dateline (the ``agency`` signal).
    wire : str or None
        The agency every source article is (by its outlet or address) when the
        outlet's name does not say so; ``None`` otherwise.
    dated : bool
        Every pair has both publication times (a lag may still be unknown:
        dates only, or a time without a zone against a zoned one).
    """

    source: str
    derived: str
    articles: int
    kinds: tuple[tuple[str, int], ...]
    median_lag_hours: float | None
    confidence: float
    pairs: tuple[tuple[str, str], ...]
    under_half: int = 0
    uncredited: int = 0
    wire: str | None = None
    dated: bool = False


@dataclass(frozen=True, repr=False)
class ScanResult:
    """Everything one scan found, ready for the writers.

    Its ``repr`` counts what it holds (the articles' texts made it kilobytes):

    >>> ScanResult((Article("a.txt", "Text.", "a"),), (), (), "f" * 16)
    ScanResult(articles=1, pairs=0, skipped=0, warnings=0, outlets=0, config_fingerprint='ffffffffffffffff')
    """

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    pairs: tuple[Pair, ...]
    config_fingerprint: str
    timings: tuple[tuple[str, float], ...] = ()
    warnings: tuple[str, ...] = ()
    outlets: tuple[OutletLink, ...] = ()
    #: The ids of the new batch a ``reuse check`` compared with the index (maybe none); ``None`` for a scan.
    checked: tuple[str, ...] | None = None
    #: For a check, the articles its word weights were learned from: the index's current ones and the batch,
    #: as a scan of the two together counts them (``None`` for a scan, whose are its ``articles``, or an empty batch).
    corpus: int | None = None

    @cached_property
    def _by_id(self) -> dict[str, Article]:
        return {art.id: art for art in self.articles}

    def article(self, article_id: str) -> Article:
        """Return the article with this id (raises ``KeyError``)."""
        return self._by_id[article_id]

    @cached_property
    def _checked(self) -> frozenset[str] | None:
        return None if self.checked is None else frozenset(self.checked)

    def where(self, article_id: str) -> str | None:
        """In a check's result, ``"in the batch"`` for an article of the batch checked, ``"indexed"`` for a stored one; ``None`` in a scan's.

        >>> a, b = Article("a", "x", "o"), Article("b", "x", "o")
        >>> checked = ScanResult((a, b), (), (), "f" * 16, checked=("a",))
        >>> checked.where("a"), checked.where("b"), ScanResult((a, b), (), (), "f" * 16).where("a")
        ('in the batch', 'indexed', None)
        """
        return None if self._checked is None else "in the batch" if article_id in self._checked else "indexed"

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in ("articles", "pairs", "skipped", "warnings", "outlets"))
        check = f", checked={len(self.checked)}, corpus={self.corpus!r}" if self.checked is not None else ""
        return f"ScanResult({counts}, config_fingerprint={self.config_fingerprint!r}{check})"


def ranked(pairs: Iterable[Pair]) -> list[Pair]:
    """Pairs in the order every report lists them: the most shared first (:attr:`Pair.containment_sum`), then by ids."""
    return sorted(pairs, key=lambda p: (-p.containment_sum, p.a, p.b))
