"""Settings: one frozen dataclass per stage, nested in :class:`ScanConfig`.

Every field documents its default and the trade-off it controls. The names
follow datasketch where they mean the same thing (``num_perm``, ``seed``,
``threshold``); CLI options use the same names in kebab case.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import numbers
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ._version import __version__
from .errors import ConfigError

__all__ = [
    "COMMAND_LINE_SETTINGS",
    "MAX_SEED",
    "MIN_NUM_PERM",
    "AlignConfig",
    "BoilerplateConfig",
    "CandidateConfig",
    "LoadConfig",
    "ScanConfig",
    "SketchConfig",
]

#: Bounds the settings must keep (the command line shows them in its help).
MIN_NUM_PERM = 8
MAX_SEED = 2**32 - 1  # numpy's random seeds
#: The settings the command line sets, each by an option of its name in kebab
#: case (``num_perm``: ``--num-perm``); the others only the Python API sets.
COMMAND_LINE_SETTINGS = ("max_bytes", "num_perm", "seed", "bands", "rows", "max_bucket", "shingle_size", "window", "stride")


def _check_types(config: object) -> None:
    """Raise :class:`ConfigError` for a numeric setting given as something else (``"10"``, ``None``, ``True``), before its bounds are compared.

    >>> LoadConfig(max_bytes="10")
    Traceback (most recent call last):
    ...
    reuse.errors.ConfigError: max_bytes='10' must be an integer (the default is 20000000).
    """
    for f in dataclasses.fields(config):  # type: ignore[arg-type]
        value = getattr(config, f.name)
        if f.type == "int":
            ok, what = isinstance(value, numbers.Integral) and not isinstance(value, bool), "an integer"
        elif f.type == "float":
            ok, what = isinstance(value, numbers.Real) and not isinstance(value, bool), "a number"
        else:
            continue
        if not ok:
            raise ConfigError(f"{f.name}={value!r} must be {what} (the default is {f.default}).")


@dataclass(frozen=True)
class LoadConfig:
    """Reading files.

    max_bytes : int, default 20_000_000
        Files larger than this are read only up to this many bytes, with a
        warning. Protects memory from a stray 200 MB dump; raise it for
        book-length texts.
    """

    max_bytes: int = 20_000_000

    def __post_init__(self) -> None:
        _check_types(self)
        if not 1 <= self.max_bytes < 2**63:
            raise ConfigError(f"max_bytes={self.max_bytes} must be at least 1 and below 2**63 (the default is 20000000).")


@dataclass(frozen=True)
class BoilerplateConfig:
    """Site junk learned from the corpus itself.

    min_docs : int, default 3
        A line seen in at least this many articles is boilerplate (see below).
        Lower finds more junk in small scans but risks masking a short
        wire paragraph run by several sites.
    max_line_words : int, default 12
        Lines of at most this many words are boilerplate when seen in
        ``min_docs`` articles whatever their outlets: longer repeated lines
        are reused text, which is what we look for, unless ``site_lines``.
    site_lines : bool, default True
        Also learn longer lines seen in ``min_docs`` articles of one outlet
        known from metadata or a URL: its template (a disclaimer, a
        subscription paragraph). They stay usable in an article where they
        hold more than half the words (the outlet ran one story several
        times). Off, an outlet's long footer pairs its unrelated articles.
    use_phrase_list : bool, default True
        Also mask the shipped list of common site-junk phrases
        ("Previous Post Next Post", "Share this story via social media" ...).
    """

    min_docs: int = 3
    max_line_words: int = 12
    site_lines: bool = True
    use_phrase_list: bool = True

    def __post_init__(self) -> None:
        _check_types(self)
        if self.min_docs < 2:
            raise ConfigError(f"min_docs={self.min_docs} would make every short line boilerplate: use 2 or more.")
        if self.max_line_words < 1:
            raise ConfigError(f"max_line_words={self.max_line_words} must be at least 1.")


@dataclass(frozen=True)
class SketchConfig:
    """Passage windows, shingles and MinHash signatures (datasketch names).

    num_perm : int, default 128
        Permutations per signature. More is more accurate and slower.
    seed : int, default 1
        Seed of datasketch's permutations; signatures with different seeds
        are not comparable.
    shingle_size : int, default 5
        Words per shingle in the verbatim channel. Five-word shingles rarely
        collide by chance yet survive small edits between them.
    window : int, default 24
        Shingles (verbatim channel) or content words (rewrite channel) per
        passage window. Smaller finds shorter passages (a shared quotation
        of one sentence) and makes more windows to band.
    stride : int, default 12
        Step between windows; ``window / 2`` guarantees that any passage of
        ``window + stride`` items fully contains one window. ``window`` must
        be a multiple of ``stride``.
    """

    num_perm: int = 128
    seed: int = 1
    shingle_size: int = 5
    window: int = 24
    stride: int = 12

    def __post_init__(self) -> None:
        _check_types(self)
        if self.num_perm < MIN_NUM_PERM:
            raise ConfigError(f"num_perm={self.num_perm} is too small: use at least {MIN_NUM_PERM} (128 is the default).")
        if not 0 < self.stride <= self.window or self.window % self.stride:
            raise ConfigError(
                f"stride={self.stride} must divide window={self.window} (try stride={max(1, self.window // 2)})."
            )
        if self.shingle_size < 1:
            raise ConfigError(f"shingle_size={self.shingle_size} must be at least 1.")
        if not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(f"seed={self.seed} must be between 0 and 4294967295 (numpy's random seeds; the default is 1).")


@dataclass(frozen=True)
class CandidateConfig:
    """LSH banding.

    bands, rows : int, default 32 x 4
        ``bands * rows`` must equal ``num_perm``. 32 x 4 catches window pairs
        with Jaccard 0.5 with probability 0.87 and 0.3 with 0.23; more rows
        make fewer, surer candidates. Set explicitly: datasketch's optimiser
        for a threshold misses many pairs near it.
    min_band_hits : int, default 3
        In the rewrite channel, two articles must collide in at least this
        many (window, band) buckets. Content words of one story collide by
        chance: on the 10,000-article benchmark corpus, 3 hits instead of 2
        halved the time spent aligning false candidates (104 -> 173
        articles/s) and found 97.1% of lightly edited passages instead of
        98.5%. The verbatim channel's five-word shingles rarely collide by
        chance: one hit suffices there. Since ``min_shared_trigrams`` keeps
        most false candidates from alignment, 2 hits cost only about 5% more
        CPU there (and find 98.5%), but link more Clough-Stevenson answers
        to each other (link F1 0.661 instead of 0.678).
    max_bucket : int, default 200
        A band bucket holding windows of more articles than this is a
        banality (boilerplate shared corpus-wide) and is ignored, as passim
        drops n-grams found in over 100 documents. One story carried by
        more articles fills such buckets too: the scan warns when most of
        an article's windows fall in them. A check takes the index's value
        unless given its own.
    min_shared_trigrams : int, default 6
        A candidate pair goes on to alignment only when the two articles
        share at least this many distinct three-word runs (boilerplate left
        out): a cheap check on sorted hash sets. On the 10,000-article
        benchmark corpus, candidates found only by the rewrite channel that
        really share text share at least 11, the chance collisions of one
        story's content words at most 8 (95% at most 4). Higher skips more
        false candidates and risks heavy rewrites; 0 aligns every candidate.
    """

    bands: int = 32
    rows: int = 4
    min_band_hits: int = 3
    max_bucket: int = 200
    min_shared_trigrams: int = 6

    def __post_init__(self) -> None:
        _check_types(self)
        if self.min_shared_trigrams < 0:
            raise ConfigError(f"min_shared_trigrams={self.min_shared_trigrams} must be 0 or more.")
        for name in ("bands", "rows", "min_band_hits", "max_bucket"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name}={getattr(self, name)} must be at least 1.")


@dataclass(frozen=True)
class AlignConfig:
    """Turning candidate pairs into exact passages.

    seed_dice : float, default 0.33
        Sentence pairs seed a passage when the Dice coefficient of their
        content stems reaches this (PAN 2014 winner) ...
    seed_cosine : float, default 0.30
        ... and their cosine reaches this.
    seed_overlap : float, default 0.7
        A sentence pair also seeds when this share of the smaller
        sentence's (weighted) stems is in the larger: a fragment cut from a
        long sentence. Lower finds more fragments and more coincidences.
    min_passage_words : int, default 5
        A passage needs at least this many shared content stems ...
    min_shared_words : int, default 8
        ... and a pair this many over all its passages, so two articles on
        one story do not match on a name and a title. The stem of one CJK
        character or one Thai, Lao, Myanmar or Khmer letter cluster (the
        pair it makes with the next) counts for half (a part of a word).
    min_similarity : float, default 0.45
        A pair is kept only when its most similar passage reaches this, or
        its words stand in identical runs at least ``verbatim_share`` of the
        time. Reports of one story written independently share topic words
        sentence by sentence at about 0.3-0.45; lower finds heavier rewrites
        and more of those coincidences.
    min_rewrite_verbatim : float, default 0.1
        A pair whose wording stands in identical runs less than this share
        of the time ...
    rewrite_similarity : float, default 0.65
        ... is kept only when its most similar passage reaches this. Reports
        of one story share names and topic words sentence by sentence, in no
        identical runs (best passage about 0.45-0.58 on the benchmark corpus);
        a rewrite keeps some identical runs or a closely rewritten passage.
        Higher ``min_rewrite_verbatim`` drops heavy Clough-Stevenson answers;
        lower ``rewrite_similarity`` keeps more of those coincidences.
    max_gap : int, default 2
        Unmatched sentences allowed between two seeds of one passage.
    verbatim_share : float, default 0.82
        Passages whose words stand in identical runs at least this much ...
    verbatim_run : float, default 15.0
        ... in runs of this many words on average are ``verbatim``. Cut and
        paste leaves long runs (median 32 words on Clough-Stevenson); light
        editing breaks them every few words (median 8 there, 13 for the
        OneStopEnglish editors' versions) even when most words survive.
    light_share : float, default 0.64
        ... at least this much (and not verbatim) are ``light-rewrite``; the rest ``heavy-rewrite``. Both thresholds were
        chosen on the Clough-Stevenson corpus (cut / light / heavy answers),
        where they give the best three-class macro-F1; lightly edited copies
        keep about two thirds of their wording in identical runs.
    quote_share : float, default 0.5
        Passages with at least this share of words inside quotation marks
        are ``shared-quotes``, unless 12 or more of their identical words
        lie outside the quotation marks (copied reporting beside a quote).
    whole_share : float, default 0.6
        A pair is ``whole`` when the passages cover at least this share of
        the smaller article.
    """

    seed_dice: float = 0.33
    seed_cosine: float = 0.30
    seed_overlap: float = 0.7
    min_passage_words: int = 5
    min_shared_words: int = 8
    min_similarity: float = 0.45
    min_rewrite_verbatim: float = 0.1
    rewrite_similarity: float = 0.65
    max_gap: int = 2
    verbatim_share: float = 0.82
    verbatim_run: float = 15.0
    light_share: float = 0.64
    quote_share: float = 0.5
    whole_share: float = 0.6

    def __post_init__(self) -> None:
        _check_types(self)
        shares = ("seed_dice", "seed_cosine", "seed_overlap", "min_similarity", "min_rewrite_verbatim", "rewrite_similarity", "verbatim_share", "light_share", "quote_share", "whole_share")
        for name in shares:
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name}={value} must be between 0 and 1.")
        if self.light_share > self.verbatim_share:
            raise ConfigError(
                f"light_share={self.light_share} must not exceed verbatim_share={self.verbatim_share}."
            )
        for name in ("min_passage_words", "min_shared_words", "verbatim_run"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name}={getattr(self, name)} must be at least 1.")
        if self.max_gap < 0:
            raise ConfigError(f"max_gap={self.max_gap} must be 0 or more.")


@dataclass(frozen=True)
class ScanConfig:
    """All settings of a scan. ``fingerprint()`` names them in reports and indexes."""

    load: LoadConfig = field(default_factory=LoadConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    sketch: SketchConfig = field(default_factory=SketchConfig)
    candidates: CandidateConfig = field(default_factory=CandidateConfig)
    align: AlignConfig = field(default_factory=AlignConfig)

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value, wanted = getattr(self, f.name), f.default_factory  # type: ignore[misc]
            if not isinstance(value, wanted):  # type: ignore[arg-type]
                raise ConfigError(f"{f.name} must be a reuse.{wanted.__name__}, not {type(value).__name__}: e.g. {f.name}=reuse.{wanted.__name__}(...).")
        if self.candidates.bands * self.candidates.rows != self.sketch.num_perm:
            raise ConfigError(
                f"bands x rows = {self.candidates.bands} x {self.candidates.rows} must equal "
                f"num_perm = {self.sketch.num_perm}; change one of them."
            )

    def to_dict(self) -> dict:
        """The settings as plain data (for JSON reports)."""
        return dataclasses.asdict(self)

    def fingerprint(self) -> str:
        """A short stable hash of everything that changes what is found.

        The settings (reading limits aside), the package version (its
        constants and rules) and the shipped word lists.

        >>> ScanConfig().fingerprint() == ScanConfig().fingerprint()
        True
        >>> len(ScanConfig().fingerprint())
        16
        """
        data = self.to_dict()
        data.pop("load", None)  # reading limits do not change matches
        data["version"] = __version__
        data["data"] = _data_digest()
        blob = json.dumps(data, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


@lru_cache(maxsize=1)
def _data_digest() -> str:
    """Hash of the stopword and boilerplate lists shipped in ``reuse/data``."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files("reuse").joinpath("data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]
