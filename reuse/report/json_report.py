"""The JSON report: a finished :class:`~reuse.model.ScanResult` as plain data.

The layout is a contract, documented field by field in ``docs/schema.md``.
Fields may be added in later versions; the ones there keep their meaning
while ``schema_version`` stays 1.

This module formats; it never computes. Every number comes from the result
as it is, rounded to four decimals. The order is the result's own (articles
by id, pairs most shared first), except passages, listed by position in A,
so that two runs on the same input give byte-identical reports.
"""

from __future__ import annotations

import math
import numbers
from os import PathLike
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import orjson

from ..config import ScanConfig
from ..errors import ConfigError, InputError, ReuseError
from ..graph import clusters, pair_graph
from ..model import Article, Direction, OutletLink, Pair, Passage, ScanResult, Signal, Skipped
from ..text import word_count
from .output import expect_result, write_output

if TYPE_CHECKING:
    from .report_reader import StoredReport

__all__ = ["SCHEMA_VERSION", "dumps_report", "report_dict", "write_json"]

#: Bumped only when a field changes meaning or disappears; additions keep it.
SCHEMA_VERSION = 1

#: Decimals kept for every float in the report.
DECIMALS = 4


def _num(value: Any) -> int | float | None:
    """A JSON-safe number: ints stay ints, floats are rounded, NaN becomes null.

    >>> _num(0.123456), _num(3), _num(float("nan")), _num(True)
    (0.1235, 3, None, True)
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    value = float(value)
    if not math.isfinite(value):
        return None  # NaN and infinity are not JSON
    return round(value, DECIMALS)


def _value(value: Any) -> Any:
    """A signal value as given: numbers rounded, text kept, anything else as text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Number):
        return _num(value)
    return str(value)


def _name(value: Any) -> str:
    """An enum member's value (``ReuseKind.VERBATIM`` -> ``"verbatim"``)."""
    return str(getattr(value, "value", value))


def _generator() -> str:
    from .. import __version__  # late: the package imports its writers

    return f"reuse {__version__}"


def _article(article: Article, counted: tuple[Mapping[str, int], Mapping[str, int]] | None = None, paired: frozenset[str] = frozenset()) -> dict[str, Any]:
    """An article's entry; ``counted``: its words and length by id, as a report read back gives them (its texts are not in it).

    ``paired``: the ids of the result's paired articles. Without ``counted``,
    one of them with no text is an article read back from a JSON report
    (a scan skips empty files), whose words and length would be written as
    0: refused, naming the fix.
    """
    text = "" if counted is not None else article.text  # read once: a scan keeps it on disk
    if not text and counted is None and article.id in paired:
        raise InputError(
            f"write_json counts each article's words from its text, and '{article.id}' has none: a result read back from a "
            "JSON report holds no texts. Pass the StoredReport that read_report gave, whole (write_json(report, path)): "
            "it keeps the words and lengths the report held."
        )
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "words": counted[0].get(article.id, 0) if counted is not None else word_count(text),
        "chars": counted[1].get(article.id, 0) if counted is not None else len(text),
        "path": article.path,
        "canonical": article.canonical,
        "byline": article.byline,
        "modified": article.modified,
        **({"seen": article.seen} if article.seen is not None else {}),  # a check's stored articles only
    }


def _skipped(skipped: Skipped) -> dict[str, Any]:
    return {"path": skipped.path, "reason": skipped.reason}


def _passage(passage: Passage) -> dict[str, Any]:
    return {
        "a_start": passage.a_start,
        "a_end": passage.a_end,
        "b_start": passage.b_start,
        "b_end": passage.b_end,
        "kind": _name(passage.kind),
        "similarity": _num(passage.similarity),
        "verbatim_share": _num(passage.verbatim_share),
        "quote_share": _num(passage.quote_share),
        "mean_run": _num(passage.mean_run),
    }


def _signal(signal: Signal) -> dict[str, Any]:
    found = {
        "name": signal.name,
        "value": _value(signal.value),
        "favours": signal.favours,
        "weight": _num(signal.weight),
        "note": signal.note,
    }
    if signal.path:
        found["path"] = list(signal.path)
    return found


def _direction(direction: Direction) -> dict[str, Any]:
    return {
        "relation": _name(direction.relation),
        "source": direction.source,
        "derived": direction.derived,
        "confidence": _num(direction.confidence),
        "evidence": [_signal(s) for s in direction.evidence],
    }


def _pair(pair: Pair) -> dict[str, Any]:
    passages = pair.passages_in_order
    return {
        "a": pair.a,
        "b": pair.b,
        "kind": _name(pair.kind),
        "extent": _name(pair.extent),
        "similarity": _num(pair.similarity),
        "containment": {"a": _num(pair.containment_a), "b": _num(pair.containment_b)},
        "verbatim_share": _num(pair.verbatim_share),
        "passages": [_passage(p) for p in passages],
        "direction": _direction(pair.direction),
    }


def _outlet(link: OutletLink) -> dict[str, Any]:
    return {
        "source": link.source,
        "derived": link.derived,
        "articles": link.articles,
        "kinds": [{"kind": kind, "count": count} for kind, count in link.kinds],
        "median_lag_hours": _num(link.median_lag_hours),
        "confidence": _num(link.confidence),
        "pairs": [{"source": s, "derived": d} for s, d in link.pairs],
        "under_half": link.under_half,
        "uncredited": link.uncredited,
        "wire": link.wire,
        "dated": link.dated,
    }


def report_dict(result: ScanResult | StoredReport, config: ScanConfig | None = None) -> dict[str, Any]:
    """The report as plain data, ready for :func:`json.dumps`.

    Parameters
    ----------
    result
        A finished scan, or a report read back (:func:`~reuse.report.read_report`),
        whose articles' words and lengths are written as it holds them.
    config
        The settings that produced ``result``; written out in full under
        ``config`` when given (``null`` otherwise).

    Returns
    -------
    dict
        Keys in the order documented in ``docs/schema.md``.

    Raises
    ------
    reuse.errors.ConfigError
        When ``config`` is not the configuration that produced ``result``
        (their fingerprints differ): the report would describe other settings.
    """
    from .report_reader import StoredReport  # late: it imports this module

    counted = None
    if isinstance(result, StoredReport):
        result, counted = result.result, (result.words, result.chars)
    expect_result(result, "write_json")
    paired = frozenset(i for p in result.pairs for i in (p.a, p.b))
    if config is not None and config.fingerprint() != result.config_fingerprint:
        raise ConfigError(
            f"config fingerprint {config.fingerprint()} does not match the result's "
            f"{result.config_fingerprint}: pass the config the scan ran with."
        )
    report = {
        "schema_version": SCHEMA_VERSION,
        "generator": _generator(),
        "config_fingerprint": result.config_fingerprint,
        "config": config.to_dict() if config is not None else None,
        "articles": [_article(a, counted, paired) for a in result.articles],
        "skipped": [_skipped(s) for s in result.skipped],
        "warnings": list(result.warnings),
        "pairs": [_pair(p) for p in result.pairs],
        "clusters": [list(c) for c in clusters(pair_graph(result.pairs))],
        "outlets": [_outlet(link) for link in result.outlets],
    }
    if result.checked is not None:  # a report of `reuse check`: which articles are the new batch
        report["checked"] = list(result.checked)
    return report


def dumps_report(result: ScanResult | StoredReport, config: ScanConfig | None = None) -> str:
    """The report as JSON text (UTF-8 safe, indented, ending in a newline)."""
    return _encoded(result, config).decode("utf-8")


def _encoded(result: ScanResult | StoredReport, config: ScanConfig | None) -> bytes:
    """The report as UTF-8 JSON in the layout of ``json.dumps(..., ensure_ascii=False, indent=2)``, and a newline.

    orjson encodes it about forty times faster than the standard library (a
    second for a 100,000-article report). A test holds the bytes equal for
    what a report holds; the one known difference is the spelling of a
    float below 0.0001 given in the config (``0.00001`` for ``1e-05``), the
    same number.

    Raises
    ------
    reuse.errors.ReuseError
        When a value cannot be JSON: text holding half a UTF-16 surrogate
        pair (an article built by a caller; the loader replaces them), or an
        integer beyond 64 bits.
    """
    data = report_dict(result, config)  # outside the try: orjson's JSONEncodeError is TypeError, which would hide its errors
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError as exc:
        raise ReuseError(
            f"cannot write the report as JSON: {exc}. Replace lone surrogates (\\ud800-\\udfff) in the articles' text "
            "and metadata with U+FFFD, as reuse's loader does."
        ) from exc


def write_json(result: ScanResult | StoredReport, path_or_dash: str | PathLike[str], config: ScanConfig | None = None) -> None:
    """Write the JSON report to a file, atomically.

    The report goes to a temporary file in the destination folder that then
    replaces ``path_or_dash`` in one step, so a reader never sees a
    half-written report and an interrupted write leaves the old file (if
    any) in place and no temporary file behind. Missing parent folders are
    created. A device or a pipe is written to as it is, never replaced
    (see :mod:`reuse.report.output`).

    Parameters
    ----------
    result
        A finished scan, or a report read back (see :func:`report_dict`).
    path_or_dash
        Destination file. (For standard output, the CLI prints
        :func:`dumps_report`; the library writes files only.)
    config
        The settings that produced ``result`` (see :func:`report_dict`).

    Raises
    ------
    reuse.errors.ReuseError
        When the file cannot be written (permissions, a folder in the way,
        disk full), naming the path.
    """
    if str(path_or_dash) == "-":
        raise ReuseError("write_json writes files; for standard output print dumps_report(result) instead.")
    write_output(path_or_dash, _encoded(result, config), "the report ")
