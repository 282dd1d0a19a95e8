"""reuse: find reused text in news articles.

Which articles share text, which passages exactly, how much was copied
verbatim and how much rewritten, which shared text is only a quotation, and
who most likely took from whom.

>>> import reuse
>>> result = reuse.scan("samples/")            # doctest: +SKIP
>>> [(p.a, p.b, p.kind.value) for p in result.pairs]   # doctest: +SKIP
"""

from ._version import __version__
from .config import (
    AlignConfig,
    BoilerplateConfig,
    CandidateConfig,
    LoadConfig,
    ScanConfig,
    SketchConfig,
)
from .errors import ConfigError, InputError, ReuseError
from .model import (
    Article,
    Direction,
    Extent,
    OutletLink,
    Pair,
    Passage,
    Relation,
    ReuseKind,
    ScanResult,
    Signal,
    Skipped,
)
from .pipeline import scan, scan_articles


__all__ = [
    "AlignConfig",
    "Article",
    "BoilerplateConfig",
    "CandidateConfig",
    "ConfigError",
    "Direction",
    "Extent",
    "InputError",
    "LoadConfig",
    "OutletLink",
    "Pair",
    "Passage",
    "Relation",
    "ReuseError",
    "ReuseKind",
    "ScanConfig",
    "ScanResult",
    "Signal",
    "SketchConfig",
    "Skipped",
    "__version__",
    "scan",
    "scan_articles",
]
