"""JSON and JSON-lines files: each record an article (``text``, ``body`` or ``content``, and optional metadata).

A JSON file holds one record or a list of them; a JSON-lines file one a
line. A record that cannot be read is skipped with the reason, naming its
place (``feed.jsonl:12`` for the record on line 12, ``list.json#3`` for a
list's third record); the others are read. Values are cleaned one by one
(:func:`reuse.decoding.clean`), so a CR inside a string never splits a line.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .decoding import clean, no_surrogates
from .fields import HAS_WORD, ISO_EXAMPLE, META_KEYS, NO_WORDS, Found, make_article
from .model import Article, Skipped
from .webpage import author_names

__all__ = ["ID_CONTROL", "OWN_REPORT", "TEXT_FIELDS", "cr_separated", "read_json", "read_jsonl"]

TEXT_FIELDS = ("text", "body", "content")
#: Characters an id cannot hold: SQLite's JSON functions end a string at NUL, so an index could not find it again.
ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Control characters outside JSON's strings make it invalid (a DOS end-of-file byte, a stray NUL after the last
#: record): a text that fails to parse is tried again without them, and white space, at its ends (``_loads``).
_JSON_EDGE_CHARS = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])) + "".join(
    c for c in map(chr, range(0x3001)) if c.isspace()  # white space of every script (the last is U+3000)
)


def _json_int(digits: str) -> int | float:
    """A JSON integer; past Python's 4,300-digit limit for reading one, a float (the file is not lost for it).

    >>> _json_int("42"), _json_int("9" * 5000)
    (42, inf)
    """
    return int(digits) if len(digits.lstrip("-")) <= _INT_DIGITS else _TooLong(digits)


def _json_type(value: Any) -> str:
    """What a JSON value is, in words a reader of the file knows (not Python's "NoneType" or "str").

    >>> [_json_type(v) for v in (None, True, 7, 1.5, "x", [1], {})]
    ['null', 'true or false', 'a number', 'a number', 'a string', 'a list', 'an object']
    """
    if value is None or isinstance(value, bool):
        return "null" if value is None else "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "a string", list: "a list", dict: "an object"}.get(type(value), f"a {type(value).__name__}")


class _TooLong(float):
    """A JSON integer past Python's limit for reading one: kept as a float (infinite), known for what it was."""

    def __new__(cls, digits: str) -> _TooLong:
        return super().__new__(cls, "-inf" if digits.startswith("-") else "inf")


_INT_DIGITS = 4300  # sys.get_int_max_str_digits()'s default


def _loads(text: str) -> Any:
    """JSON as given; only when that fails, again without the control bytes before its first value and after its last.

    A DOS end-of-file byte or a stray NUL after the last record made the
    whole text invalid. Dropped first, they would also change valid records:
    a terminal escape in a value would lose its ESC (and :func:`clean` could
    no longer remove the rest of it), an id's control character would go
    silently instead of the id being refused.
    """
    try:
        return json.loads(text, strict=False, parse_int=_json_int)
    except (ValueError, RecursionError):
        stripped = _strip_edges(text)  # before the first value or after the last only: strings keep theirs
        if stripped == text:
            raise
        return json.loads(stripped, strict=False, parse_int=_json_int)


def _strip_edges(text: str) -> str:
    """``text`` without control bytes and white space (of any script: U+00A0, U+3000...) at either end, in one pass."""
    return text.strip(_JSON_EDGE_CHARS)


def _is_record(text: str) -> bool:
    try:
        return isinstance(_loads(text), dict)
    except (ValueError, RecursionError):
        return False


def cr_separated(text: str) -> bool:
    """Whether a text without LF is JSON lines ended by CR (old Macs): one of its first pieces before the last CR is a record.

    A record, not any JSON value: "...the vote\r2026\r..." inside one record's text has a piece that is a number.
    """
    return any(_is_record(piece) for piece in text.split("\r", 20)[:-1] if piece.strip())


def _jsonl_lines(text: str) -> list[str]:
    """The lines of a JSON-lines text: split at LF; a text without one, at CR (old Mac files), unless it is one record."""
    if "\n" in text or "\r" not in text:
        return text.split("\n")
    try:
        _loads(text)  # one record, a CR inside one of its strings
        return [text]
    except (ValueError, RecursionError):
        return text.split("\r")


OWN_REPORT = "a reuse report, not an article file: write reports outside the scanned folder"


def read_json(text: str, rel: str, warnings: list[str]) -> Found:
    try:
        data = _loads(text)
    except (ValueError, RecursionError) as err:
        return [], [Skipped(rel, f"invalid JSON ({err}): fix it, or use .jsonl for one object per line")]
    if isinstance(data, dict) and "schema_version" in data and "pairs" in data and "articles" in data:
        # A report of an earlier scan written into the folder: it holds no article of its own.
        return [], [Skipped(rel, OWN_REPORT)]
    if isinstance(data, dict) and {"directed", "nodes", "edges"} <= data.keys():
        return [], [Skipped(rel, "a graph (node-link JSON, as `reuse scan --graph graph.json` writes), not an article file: "
                                 "write graphs outside the scanned folder")]
    if isinstance(data, dict) and not any(data.get(f) is not None for f in TEXT_FIELDS):
        nested = [key for key, value in data.items() if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)]
        if nested:  # {"articles": [{...}, ...]}: a wrapper, not a record
            return [], [Skipped(rel, f"the records are nested under '{nested[0]}': make the file a JSON list of them "
                                     f"([{{\"text\": ...}}, ...]), or one record a line in a .jsonl file")]
    records = data if isinstance(data, list) else [data]
    if not records:
        return [], [Skipped(rel, "no records (the JSON list is empty)")]
    return _split([(_record(rec, rel, f"{rel}#{n}", f"{rel}#{n}", warnings), f"{rel}#{n}") for n, rec in enumerate(records, 1)])


def read_jsonl(text: str, rel: str, warnings: list[str]) -> Found:
    """One object per line; the default id numbers the records (blank lines are none), the messages the lines."""
    found: list[tuple[Article | Skipped, str]] = []
    number = 0
    # Line ends as written: a raw CR inside a string is no line break, but a file of CR line ends (old Macs) has no other.
    for lineno, line in enumerate(_jsonl_lines(text), 1):
        line = line.removeprefix("\ufeff")  # files joined with their byte-order marks
        if not line.strip(_JSON_EDGE_CHARS):  # blank, or a DOS end-of-file byte alone
            continue
        number += 1
        try:
            rec = _loads(line)
        except (ValueError, RecursionError) as err:
            found.append((Skipped(f"{rel}:{lineno}", f"malformed JSON line ({err}): fix or remove the line"), f"{rel}:{lineno}"))
            continue
        found.append((_record(rec, rel, f"{rel}#{number}", f"{rel}:{lineno}", warnings), f"{rel}:{lineno}"))
    return _split(found)


def _record(rec: Any, rel: str, default_id: str, where: str, warnings: list[str]) -> Article | Skipped:
    if not isinstance(rec, dict):
        return Skipped(where, f"record is {_json_type(rec)}, not an object: write each record as an object with the article text in 'text'")
    given = [f for f in TEXT_FIELDS if rec.get(f) is not None]
    # The first field that holds text: an empty 'text' beside a 'content' is no empty article.
    field = next((f for f in given if isinstance(rec[f], str) and rec[f].strip()), given[0] if given else None)
    if field is None:
        return Skipped(where, "no 'text', 'body' or 'content' field: put the article text in 'text'")
    if not isinstance(rec[field], str):
        return Skipped(where, f"'{field}' is {_json_type(rec[field])}, not a string: put the article text in '{field}' as one string")
    text = clean(rec[field])
    if not text.strip():
        return Skipped(where, f"empty '{field}'")
    if not HAS_WORD.search(text):
        return Skipped(where, NO_WORDS)
    meta: dict[str, str] = {}
    for key in META_KEYS:
        if isinstance(rec.get(key), str):
            meta[key] = clean(rec[key])
        elif rec.get(key) is not None:
            # A Unix time ("published": 1795424400) is seconds or milliseconds, and in which zone a feed meant it is a guess.
            fix = f"it is left unknown (give it as ISO 8601, {ISO_EXAMPLE})" if key in ("published", "modified") else "ignored"
            warnings.append(f"{where}: '{key}' is {_json_type(rec[key])}, not a string; {fix}")
    if not meta.get("byline", "").strip() and (author := author_names(rec.get("author")) or author_names(rec.get("authors"))):
        meta["byline"] = clean(author)  # a feed's "author": "Reuters", or a list of names
    raw_id = rec.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, type(None))):
        what = (f"a number of more than {_INT_DIGITS:,} digits, too long to read" if isinstance(raw_id, _TooLong)
                else _float_id(raw_id) if isinstance(raw_id, float)
                else f"{_json_type(raw_id)}, not a string or a whole number")
        warnings.append(f"{where}: 'id' is {what}; the record is {default_id}")
        raw_id = None
    art_id = "" if raw_id is None else no_surrogates(str(raw_id)).strip()
    if ID_CONTROL.search(art_id):
        # NUL and the other control characters: SQLite's JSON functions end a string at NUL, so an index could not find it again.
        warnings.append(f"{where}: 'id' holds control characters (such as NUL), which an id cannot; the record is {default_id}")
        art_id = ""
    return make_article(art_id or default_id, text, rel, meta, where, warnings)


def _split(found: list[tuple[Article | Skipped, str]]) -> Found:
    """The articles, each with where it was read, and the records skipped (each names its own place)."""
    return [(f, where) for f, where in found if isinstance(f, Article)], [f for f, _ in found if isinstance(f, Skipped)]


def _float_id(raw_id: float) -> str:
    """What a JSON id read as a float is, and how to write it instead.

    >>> _float_id(3.0), _float_id(1.5)
    ('a whole number written with a decimal point or an exponent: write 3 or "3"', 'a number with a fraction: give the id as a string')
    """
    if raw_id.is_integer() and abs(raw_id) <= 2**53:  # beyond, a float holds no longer every whole number written
        return f'a whole number written with a decimal point or an exponent: write {int(raw_id)} or "{int(raw_id)}"'
    if raw_id.is_integer() or not math.isfinite(raw_id):
        return "a number too large to read exactly: give the id as a string"
    return "a number with a fraction: give the id as a string"
