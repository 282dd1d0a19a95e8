"""Reading one article file: bytes -> clean text -> :class:`~reuse.model.Article` objects, by format.

``.txt``, ``.md``, ``.html``/``.htm``, ``.json`` and ``.jsonl``. Bytes are
decoded (byte-order marks, UTF-8, UTF-8 with a few bad bytes replaced, else
charset-normalizer's guess), line endings become ``\\n``, control characters
go and the text is NFC-normalised: every later offset indexes that text. HTML
goes through trafilatura from a tree parsed here, so nothing is fetched;
without trafilatura a small built-in extractor is used.

A bad file gives a reason (:class:`~reuse.model.Skipped`), never an
exception: :func:`read_file` is what :mod:`reuse.load` runs for each file, in
its own process or in a worker. Plain UTF-8 files, the common case, take one
``open``, one ``fstat`` and reads sized by the file, and no cleaning pass
unless a control byte or a carriage return is present.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import math
import os
import re
import stat
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .config import LoadConfig
from .decoding import Undecodable, clean, declared_charset, no_surrogates, text_of
from .timeforms import extended_time
from .times import parse_time
from .words import plural
from .model import Article, Skipped, file_outlet
from .webpage import (
    author_names, builtin_text, control_references, domain, furniture_only, headline_and_byline_only, headline_only, page_meta, trafilatura_text,
    without_notices,
)

__all__ = ["ID_CONTROL", "KINDS", "SUPPORTED", "read_file", "shown_name", "suffix_of", "trafilatura_module"]

#: What a reader finds: each article with where it was read (as :func:`read_file` says), and what was skipped.
Found = tuple[list[tuple[Article, str]], list[Skipped]]
KINDS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
SUPPORTED = ".txt, .md, .html, .json or .jsonl"
META_KEYS = ("title", "outlet", "url", "published", "canonical", "byline", "modified")
TEXT_FIELDS = ("text", "body", "content")
_FIRST_LINE = re.compile(r"\S[^\n]*")  # from the first non-blank character to the end of its line
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Characters an id cannot hold: SQLite's JSON functions end a string at NUL, so an index could not find it again.
ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Control characters outside JSON's strings make it invalid (a DOS end-of-file byte, a stray NUL after the last
#: record): a text that fails to parse is tried again without them, and white space, at its ends (``_loads``).
_JSON_EDGE_CHARS = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])) + "".join(
    c for c in map(chr, range(0x3001)) if c.isspace()  # white space of every script (the last is U+3000)
)
_HAS_WORD = re.compile(r"[^\W_]")  # a letter or a digit: without one, nothing a scan could match
_ISO_EXAMPLE = "like 2025-05-27 or 2025-05-27T09:30:00Z"
_NO_WORDS = "no words: only spaces, punctuation or invisible characters"
#: A scraper that saved a page before its script wrote the article: what it has, and what to do.
_NO_MAIN_TEXT = "no main text found in the HTML"
_SAVE_LOADED = "if a browser shows an article there, save the page once it has loaded (a script may write its text)"


def read_file(path: str, rel: str, config: LoadConfig) -> tuple[list[Article], list[Skipped], list[str], list[str]]:
    """The articles of the file at ``path`` (shown as ``rel``), what of it was skipped and why, warnings, and where each article was read.

    One open, one fstat, one read, then decode and parse. Never raises for a
    bad file: the reason is a :class:`~reuse.model.Skipped`. Where an article
    was read is named as warnings name it: ``rel`` for a file of one article,
    ``rel#3`` for a JSON list's third record, ``rel:12`` for the record on
    line 12 of a JSON-lines file.
    """
    located, skipped, warnings = _read(path, rel, config)
    return [art for art, _ in located], skipped, warnings, [where for _, where in located]


def _read(path: str, rel: str, config: LoadConfig) -> tuple[list[tuple[Article, str]], list[Skipped], list[str]]:
    """:func:`read_file`'s work: each article paired with where it was read."""
    kind = KINDS.get(suffix_of(path))
    if kind is None:
        return [], [Skipped(rel, f"not an article file: use {SUPPORTED}")], []
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer (it is then refused as not a regular file).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        return [], [Skipped(rel, _open_error(path, err))], []
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return [], [Skipped(rel, "not a regular file")], []
        data = _read_bytes(fd, info.st_size, config.max_bytes)
    except OSError as err:
        return [], [Skipped(rel, f"cannot read the file ({err.strerror or err}): check that it is readable")], []
    finally:
        os.close(fd)
    warnings: list[str] = []
    truncated = len(data) > config.max_bytes
    if truncated:
        data = data[: config.max_bytes]
    cut = f"{rel}: truncated to {config.max_bytes} bytes (use --max-bytes to raise the limit)"
    try:
        # JSON's values are cleaned one by one: a CR or NEL inside a string must not split a JSON line.
        text, replaced, encoding = text_of(
            data, truncated, cleaned=kind not in ("json", "jsonl"), declared=declared_charset(data) if kind == "html" else None
        )
    except Undecodable as err:
        return [], [Skipped(rel, str(err))], []  # skipped, not read: "truncated" besides would say it twice
    # A JSON-lines file of CR line ends (old Macs) is cut at its CRs; a CR inside the first record's string is no line end.
    end = "\n" if "\n" in text else "\r" if kind == "jsonl" and _cr_separated(text) else "\n"
    if truncated and kind == "jsonl" and end in text:
        # A record cut in two is no malformed line: the file ends at the last whole one, and the warning says which.
        text = text[: text.rindex(end) + 1]
        cut = (
            f"{rel}: only its first {config.max_bytes} bytes were read, {plural(text.count(end), 'line')}: the records after "
            f"them were not (use --max-bytes to raise the limit)"
        )
    if truncated and (kind == "json" or (kind == "jsonl" and end not in text)):
        # A JSON document cut anywhere is invalid: say why, not "invalid JSON, fix it".
        what, alternative = ("its JSON", ", or write it as JSON lines (a cut file keeps its whole lines)") if kind == "json" else ("its first line", "")
        return [], [Skipped(rel, f"{what} goes past the {config.max_bytes:,} bytes read (--max-bytes), so none of its "
                                 f"records could be read: raise --max-bytes above {info.st_size:,}{alternative}")], []
    if truncated:
        warnings.append(cut)
    if (nuls := data.count(0)) and not encoding.replace("_", "-").startswith(("utf-16", "utf-32")):  # strays, dropped
        warnings.append(f"{rel}: {plural(nuls, 'NUL byte')} dropped (a stray in text; a file with many is skipped as binary)")
    if replaced:
        name = {"utf-8": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(encoding, encoding)
        warnings.append(f"{rel}: {plural(replaced, 'byte')} that {'is' if replaced == 1 else 'are'} not {name} "
                        f"{'was' if replaced == 1 else 'were'} replaced by U+FFFD (save the file as UTF-8)")
    if not text or text.isspace():
        return [], [Skipped(rel, "empty file")], warnings
    try:
        found, skipped = _READERS[kind](text, rel, warnings)
    except Exception as err:  # a parser's bug on one hostile file must not stop the scan
        problem = " ".join(f"{type(err).__name__}: {err}".split())[:200]
        return [], [Skipped(rel, f"cannot be parsed ({problem}): please report this file to the reuse developers")], warnings
    if found and not _HAS_WORD.search(found[0][0].text) and kind not in ("json", "jsonl"):  # JSON: judged per record
        return [], [*skipped, Skipped(rel, _NO_WORDS)], warnings  # zero-width spaces, a lone &nbsp;: nothing to match
    return found, skipped, warnings


def _read_bytes(fd: int, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes (the one more tells that the file was cut).

    The first read asks for the size the file reports, not the limit: a
    buffer of ``limit`` bytes per file would cost more than the reading.
    """
    chunks: list[bytes] = []
    got, want = 0, min(size, limit) + 1
    while got <= limit and (chunk := os.read(fd, min(want, limit + 1 - got))):
        chunks.append(chunk)
        got += len(chunk)
        want = 1 << 20  # longer than it said (growing, or a /proc file): go on a megabyte at a time
    return b"".join(chunks)


def _open_error(path: str, err: OSError) -> str:
    """Why a file cannot be opened, and the fix."""
    if err.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself): fix or remove the link"
    if isinstance(err, FileNotFoundError) and os.path.islink(path):
        return f"broken symbolic link to '{shown_name(os.readlink(path))}': fix or remove the link"
    if isinstance(err, IsADirectoryError):
        return "not a regular file"
    return f"cannot read the file ({err.strerror or err}): check that it is readable"


def suffix_of(name: str) -> str:
    """The lower-case extension, as :attr:`pathlib.PurePath.suffix` gives it.

    >>> suffix_of("dir.d/Story.TXT"), suffix_of("notes"), suffix_of("a/.hidden")
    ('.txt', '', '')
    """
    return os.path.splitext(name)[1].lower()


def shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) become U+FFFD.

    >>> shown_name("caf\\udce9.txt")
    'caf\ufffd.txt'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def _iso_date(value: str) -> str | None:
    """The stripped value when it is an ISO 8601 date or date-time, else None.

    >>> _iso_date(" 2025-05-27T09:30:00Z "), _iso_date("27 May 2025")
    ('2025-05-27T09:30:00Z', None)
    """
    value = value.strip()
    return value if parse_time(value) is not None else None  # what the direction evidence will read


def _in_future(value: str, now: dt.datetime | None = None) -> bool:
    """Whether an ISO 8601 date is more than a day after ``now`` (default: the clock), in any time zone.

    >>> now = dt.datetime(2025, 5, 27, 12, tzinfo=dt.timezone.utc)
    >>> _in_future("2025-05-28", now), _in_future("2025-05-29T01:00:00+00:00", now), _in_future("2999-01-01", now)
    (False, True, True)
    """
    parsed = parse_time(value)
    return parsed is not None and parsed[0] > (now or dt.datetime.now(dt.timezone.utc)) + dt.timedelta(days=1)


def _article(art_id: str, text: str, rel: str, meta: dict[str, str], where: str, warnings: list[str]) -> Article:
    """Build an Article; the outlet falls back to the URL's domain, then the file name."""
    meta = {key: value.strip() for key, value in meta.items() if value and value.strip()}
    published = _time(meta, "published", where, warnings)
    named = meta.get("outlet") or domain(meta.get("url"))
    byline = meta.get("byline") or meta.get("author")  # front matter may say either
    modified = _time(meta, "modified", where, warnings)
    return Article(art_id, text, named or file_outlet(rel), meta.get("title"), meta.get("url"), published, rel, meta.get("canonical"),
                   byline, modified, outlet_from_file=not named)


def _time(meta: dict[str, str], key: str, where: str, warnings: list[str]) -> str | None:
    """``meta[key]`` when it is an ISO 8601 date or time not in the future (a basic-format time in the extended form), else ``None`` with a warning."""
    given = meta.get(key)
    value = extended_time(given) if given is not None else None
    if value is not None and _iso_date(value) is None:
        warnings.append(f"{where}: {key} date {given!r} is not ISO 8601 ({_ISO_EXAMPLE}); it is left unknown")
        return None
    if value is not None and _in_future(value):
        # A date still to come is a typo or a placeholder; as evidence of who was first it would mislead.
        warnings.append(f"{where}: {key} date {given!r} is in the future; it is left unknown (fix the date)")
        return None
    return value


def _read_txt(text: str, rel: str, warnings: list[str]) -> Found:
    first = match.group().strip() if (match := _FIRST_LINE.search(text)) else ""
    title = first if len(first.split()) <= 25 else ""
    return [(_article(rel, text, rel, {"title": title}, rel, warnings), rel)], []


def _read_md(text: str, rel: str, warnings: list[str]) -> Found:
    meta: dict[str, str] = {}
    end = _FRONT_END.search(text, 4) if text.startswith("---\n") else None
    if text.startswith("---\n") and end is None:
        warnings.append(f"{rel}: front matter opened by '---' is never closed; read as text (add a '---' line)")
    if end is not None:
        for match in filter(None, map(_FRONT_LINE.match, text[4 : end.start()].split("\n"))):
            key, value = match.group(1).lower(), match.group(2)
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta.setdefault("published" if key == "date" else key, value)
        text = text[end.end() :].lstrip("\n")
        if not text.strip():
            return [], [Skipped(rel, "empty file (front matter only)")]
    heading = _HEADING.search(text)
    if not meta.get("title", "").strip() and heading:
        meta["title"] = heading.group(1)
    return [(_article(rel, text, rel, meta, rel, warnings), rel)], []


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


def _cr_separated(text: str) -> bool:
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


_OWN_REPORT = "a reuse report, not an article file: write reports outside the scanned folder"


def _read_json(text: str, rel: str, warnings: list[str]) -> Found:
    try:
        data = _loads(text)
    except (ValueError, RecursionError) as err:
        return [], [Skipped(rel, f"invalid JSON ({err}): fix it, or use .jsonl for one object per line")]
    if isinstance(data, dict) and "schema_version" in data and "pairs" in data and "articles" in data:
        # A report of an earlier scan written into the folder: it holds no article of its own.
        return [], [Skipped(rel, _OWN_REPORT)]
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


def _read_jsonl(text: str, rel: str, warnings: list[str]) -> Found:
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
    if not _HAS_WORD.search(text):
        return Skipped(where, _NO_WORDS)
    meta: dict[str, str] = {}
    for key in META_KEYS:
        if isinstance(rec.get(key), str):
            meta[key] = clean(rec[key])
        elif rec.get(key) is not None:
            # A Unix time ("published": 1795424400) is seconds or milliseconds, and in which zone a feed meant it is a guess.
            fix = f"it is left unknown (give it as ISO 8601, {_ISO_EXAMPLE})" if key in ("published", "modified") else "ignored"
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
    return _article(art_id or default_id, text, rel, meta, where, warnings)


def _split(found: list[tuple[Article | Skipped, str]]) -> Found:
    """The articles, each with where it was read, and the records skipped (each names its own place)."""
    return [(f, where) for f, where in found if isinstance(f, Article)], [f for f, _ in found if isinstance(f, Skipped)]


@functools.lru_cache(maxsize=None)
def trafilatura_module() -> tuple[ModuleType | None, str]:
    """The trafilatura module, or None and the import error."""
    try:
        import trafilatura
    except ImportError as err:
        return None, " ".join(f"{type(err).__name__}: {err}".split())
    return trafilatura, ""


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


def _read_html(text: str, rel: str, warnings: list[str]) -> Found:
    from lxml import etree  # a dependency of trafilatura
    from lxml import html as lxml_html

    try:
        # lxml refuses a str that still declares its byte encoding.
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        tree = lxml_html.document_fromstring(control_references(_XML_DECL.sub("", text, count=1)), parser=parser)
    except (etree.ParserError, ValueError):
        return [], [Skipped(rel, f"{_NO_MAIN_TEXT}: {_SAVE_LOADED}")]
    if any(content == "reuse" or content.startswith("reuse ") for content in tree.xpath('//head/meta[@name="generator"]/@content')):
        return [], [Skipped(rel, _OWN_REPORT)]  # an HTML report of an earlier scan (`--html`)
    meta = page_meta(tree)
    module = trafilatura_module()[0]
    body = trafilatura_text(module, tree, meta) if module else builtin_text(tree)
    if not body:
        return [], [Skipped(rel, f"{_NO_MAIN_TEXT}: {_SAVE_LOADED}")]
    if headline_only(tree, body):
        return [], [Skipped(rel, f"{_NO_MAIN_TEXT}, only its headline: {_SAVE_LOADED}")]
    if headline_and_byline_only(tree, body, meta["byline"]):
        return [], [Skipped(rel, f"{_NO_MAIN_TEXT}, only its headline and byline: {_SAVE_LOADED}")]
    if furniture_only(tree, body):
        return [], [Skipped(rel, f"{_NO_MAIN_TEXT} (only page furniture, such as a cookie notice or a paywall): "
                                 "save the page as a reader who can see the article")]
    body = without_notices(tree, body)
    dates = meta.pop("dates").split("\n")
    meta["published"] = next((d for d in dates if _iso_date(d)), dates[0])
    # A time of modification only orders versions of one page: one that cannot be read (a Unix time) is passed over unsaid.
    meta["modified"] = next((d for d in meta["modified"].split("\n") if _iso_date(d)), "")
    return [(_article(rel, clean(body), rel, meta, rel, warnings), rel)], []


_READERS: dict[str, Callable[[str, str, list[str]], Found]] = {
    "txt": _read_txt, "md": _read_md, "html": _read_html, "json": _read_json, "jsonl": _read_jsonl,
}  # fmt: skip
