"""Read a JSON report back into a :class:`~reuse.model.ScanResult`.

The reverse of :mod:`reuse.report.json_report`, for tools that work from a
saved report (``reuse graph report.json``). A report holds no article text,
so the articles come back with empty ``text``; their word counts, which the
graph shows, are returned beside the result. The HTML report, which shows
the texts, cannot be written from it (:func:`~reuse.report.write_html` says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import (
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
from .json_report import SCHEMA_VERSION

__all__ = ["StoredReport", "is_report", "read_report", "result_from_dict"]


@dataclass(frozen=True)
class StoredReport:
    """A report read from disk: the result (articles without text) and their word counts and lengths.

    The report writers take it as it is (``write_json(report, path)``, also
    with its result changed: ``dataclasses.replace(report, result=...)``),
    and write the counts it holds: its articles' texts are not in it.
    """

    result: ScanResult
    words: dict[str, int]
    #: Each article's length in code points, as the report said (``chars``).
    chars: dict[str, int] = field(default_factory=dict)


def _passage(d: dict[str, Any]) -> Passage:
    return Passage(
        a_start=d["a_start"],
        a_end=d["a_end"],
        b_start=d["b_start"],
        b_end=d["b_end"],
        kind=ReuseKind(d["kind"]),
        similarity=d.get("similarity") or 0.0,
        verbatim_share=d.get("verbatim_share") or 0.0,
        quote_share=d.get("quote_share") or 0.0,
        mean_run=d.get("mean_run") or 0.0,
    )


def _direction(d: dict[str, Any]) -> Direction:
    return Direction(
        relation=Relation(d["relation"]),
        source=d.get("source"),
        derived=d.get("derived"),
        confidence=d.get("confidence") or 0.0,
        evidence=tuple(
            Signal(s["name"], s.get("value"), s.get("favours"), s.get("weight") or 0.0, s.get("note", ""), tuple(s.get("path", ())))
            for s in d.get("evidence", ())
        ),
    )


def _pair(d: dict[str, Any]) -> Pair:
    return Pair(
        a=d["a"],
        b=d["b"],
        kind=ReuseKind(d["kind"]),
        extent=Extent(d["extent"]),
        similarity=d.get("similarity") or 0.0,
        containment_a=d["containment"]["a"] or 0.0,
        containment_b=d["containment"]["b"] or 0.0,
        verbatim_share=d.get("verbatim_share") or 0.0,
        passages=tuple(_passage(p) for p in d.get("passages", ())),
        direction=_direction(d.get("direction") or {"relation": "undetermined"}),
    )


def _outlet(d: dict[str, Any]) -> OutletLink:
    return OutletLink(
        source=d["source"],
        derived=d["derived"],
        articles=d["articles"],
        kinds=tuple((k["kind"], k["count"]) for k in d.get("kinds", ())),
        median_lag_hours=d.get("median_lag_hours"),
        confidence=d.get("confidence") or 0.0,
        pairs=tuple((p["source"], p["derived"]) for p in d.get("pairs", ())),
        under_half=d.get("under_half") or 0,
        uncredited=d.get("uncredited") or 0,
        wire=d.get("wire"),
        dated=bool(d.get("dated")),
    )


def result_from_dict(data: dict[str, Any]) -> StoredReport:
    """Rebuild a result from the plain data of :func:`reuse.report.report_dict`.

    Raises
    ------
    KeyError, ValueError, TypeError
        When a required field is missing or holds a value of the wrong kind.
    """
    articles = tuple(
        Article(
            id=a["id"],
            text="",
            outlet=a["outlet"],
            title=a.get("title"),
            url=a.get("url"),
            published=a.get("published"),
            path=a.get("path", ""),
            canonical=a.get("canonical"),
            byline=a.get("byline"),
            modified=a.get("modified"),
            seen=a.get("seen"),
        )
        for a in data["articles"]
    )
    result = ScanResult(
        articles=articles,
        skipped=tuple(Skipped(s["path"], s["reason"]) for s in data.get("skipped", ())),
        pairs=tuple(_pair(p) for p in data["pairs"]),
        config_fingerprint=data["config_fingerprint"],
        warnings=tuple(data.get("warnings", ())),
        outlets=tuple(_outlet(o) for o in data.get("outlets", ())),
        checked=tuple(data["checked"]) if "checked" in data else None,
    )
    return StoredReport(
        result, {a["id"]: int(a.get("words") or 0) for a in data["articles"]}, {a["id"]: int(a.get("chars") or 0) for a in data["articles"]}
    )


def read_report(path: str | PathLike[str]) -> StoredReport:
    """Read a JSON report written by ``reuse scan --json``.

    The result read back lists each pair's passages in A's text order, as
    the report writes them; a scan's own :class:`~reuse.model.Pair` may hold
    them in another, so compare a scan's pairs with those read back through
    ``pair.passages_in_order``, not ``pair.passages`` (or ``==`` on whole pairs).

    Raises
    ------
    reuse.errors.InputError
        When the file cannot be read, is not JSON, is not a ``reuse`` report
        or has a newer ``schema_version``; the message names the file and the fix.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the report {path}: {exc.strerror or exc}; give the path of a report written by reuse scan --json.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not a JSON report ({exc}); give a file written by reuse scan --json.") from exc
    if not isinstance(data, dict) or "schema_version" not in data:
        raise InputError(f"{path} is not a reuse report (no schema_version); give a file written by reuse scan --json.")
    if data["schema_version"] != SCHEMA_VERSION:
        raise InputError(
            f"{path} has schema_version {data['schema_version']!r}, this reuse reads {SCHEMA_VERSION}: "
            "scan again with this version, or upgrade reuse."
        )
    try:
        return result_from_dict(data)
    except (KeyError, ValueError, TypeError) as exc:
        raise InputError(f"{path} is a damaged reuse report (bad or missing field {exc}); scan again to rewrite it.") from exc


def is_report(path: str | PathLike[str]) -> bool:
    """Whether ``path`` is a JSON file that starts like a ``reuse`` report (not an article file).

    Reports put ``schema_version`` first; a JSON article record does not have it.
    """
    path = Path(path)
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return '"schema_version"' in head
