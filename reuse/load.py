"""Loading: a folder (or one file) -> :class:`~reuse.model.Article` objects.

Reads ``.txt``, ``.md``, ``.html``/``.htm``, ``.json`` and ``.jsonl`` files in
sorted order, so results never depend on the file system. Bytes are decoded
(byte-order marks, UTF-8, else charset-normalizer's guess), line endings become
``\\n``, control characters go and the text is NFC-normalised: every later
offset indexes that text. HTML goes through trafilatura from a tree parsed here,
so nothing is fetched; without trafilatura a small built-in extractor is used.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import functools
import itertools
import json
import os
import posixpath
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from .config import LoadConfig
from .errors import InputError
from .model import Article, Skipped

__all__ = ["LoadResult", "load_articles", "load_file"]

Progress = Callable[[str, int, int], None]
Found = tuple[list[Article], list[Skipped]]
KINDS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
SUPPORTED = ".txt, .md, .html, .json or .jsonl"
META_KEYS = ("title", "outlet", "url", "published", "canonical")
TEXT_FIELDS = ("text", "body", "content")
_MAGIC = {b"%PDF-": "PDF", b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
          b"PK\x03\x04": "ZIP", b"PK\x05\x06": "ZIP", b"\x1f\x8b": "gzip"}  # fmt: skip
# UTF-32 first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = {codecs.BOM_UTF32_LE: "utf-32", codecs.BOM_UTF32_BE: "utf-32", codecs.BOM_UTF8: "utf-8-sig",
         codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16"}  # fmt: skip
_BOM_START = (b"\xef", b"\xfe", b"\xff", b"\0")  # first bytes of the marks above
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0B, 0x20)])  # the same, and CR, as bytes
_FIRST_LINE = re.compile(r"\S[^\n]*")  # from the first non-blank character to the end of its line
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dc.date", "pubdate")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr")
_JUNK_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "nav", "aside", "button", "footer")
_JUNK_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|sidebar|share|sharing|social|related|comments?|cookies?"
                        r"|subscribe|newsletter|promo|advert|ads|breadcrumbs?|footer)(?:$|[\s_-])", re.I)  # fmt: skip


@dataclass(frozen=True)
class LoadResult:
    """What loading found.

    Attributes
    ----------
    articles : tuple of Article
        Sorted by id; ids are unique.
    skipped : tuple of Skipped
        Files and records not used, each with the reason, in reading order.
    warnings : tuple of str
        Non-fatal problems (truncated file, bad date, duplicate id), each naming the file.
    """

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]


class _Unreadable(Exception):
    """A file's bytes cannot be turned into text; the message is the reason."""


def load_articles(
    path: str | os.PathLike[str], config: LoadConfig | None = None, *, progress: Progress | None = None
) -> LoadResult:
    """Read every article file under a folder (recursively), or one article file.

    Parameters
    ----------
    path : str or path-like
        A folder (hidden entries are ignored, symlinked folders not followed)
        or a single ``.txt``, ``.md``, ``.html``, ``.json`` or ``.jsonl`` file.
    config : LoadConfig, optional
        Reading limits; defaults to ``LoadConfig()``.
    progress : callable, optional
        Called as ``progress("load", done, total)`` as files are read.

    Returns
    -------
    LoadResult
        Articles sorted by id, what was skipped and why, and warnings. A
        folder whose every file was skipped is not an error.

    Raises
    ------
    InputError
        The path is missing or not an article file, or the folder holds none.
    """
    config = config or LoadConfig()
    root, entries = _inputs(Path(path), os.fspath(path))
    articles: list[Article] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    if progress:
        progress("load", 0, len(entries))
    for done, entry in enumerate(entries, 1):
        found, skips, warns = _read(entry[1], entry[0], config) if isinstance(entry, tuple) else ([], [entry], [])
        articles += found
        skipped += skips
        warnings += warns
        if progress:
            progress("load", done, len(entries))
    html = [e[0] for e in entries if isinstance(e, tuple) and KINDS.get(_suffix(e[0])) == "html"]
    if html and _trafilatura()[0] is None:
        others = f" and {len(html) - 1} other HTML files" if len(html) > 1 else ""
        warnings.append(
            f"{html[0]}{others}: main text taken by a simple built-in extractor because trafilatura "
            f"cannot be imported ({_trafilatura()[1]}); repair that install for better extraction"
        )
    articles = _unique_ids(articles, warnings)
    return LoadResult(tuple(sorted(articles, key=lambda a: a.id)), tuple(skipped), tuple(warnings))


def load_file(
    path: str | os.PathLike[str], root: str | os.PathLike[str], config: LoadConfig | None = None
) -> tuple[list[Article], list[Skipped], list[str]]:
    """Read one file into articles (for :func:`load_articles` and the index).

    Parameters
    ----------
    path, root : str or path-like
        The file, and the folder that ids and messages are relative to.
    config : LoadConfig, optional
        Reading limits; defaults to ``LoadConfig()``.

    Returns
    -------
    articles, skipped, warnings : list
        Never raises for a bad file. Ids are not made unique across files
        here; :func:`load_articles` does that.
    """
    return _read(os.fspath(path), _rel(Path(path), Path(root)), config or LoadConfig())


def _read(path: str, rel: str, config: LoadConfig) -> tuple[list[Article], list[Skipped], list[str]]:
    """Read the file at ``path`` (shown as ``rel``): one open, one fstat, one read, then decode and parse."""
    kind = KINDS.get(_suffix(path))
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
        warnings.append(f"{rel}: truncated to {config.max_bytes} bytes (use --max-bytes to raise the limit)")
    try:
        text, codec = _decode(data, truncated)
    except _Unreadable as err:
        return [], [Skipped(rel, str(err))], warnings
    if codec == "utf-8 (repaired)":
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        warnings.append(f"{rel}: {bad} bytes that are not UTF-8 were replaced by U+FFFD (save the file as UTF-8)")
    # Plain UTF-8 without a control byte (nor a CR) needs no cleaning but NFC: the common case, kept fast.
    text = _clean(text) if codec != "utf-8" or len(data.translate(None, _CONTROL_BYTES)) < len(data) else _nfc(text)
    if not text or text.isspace():
        return [], [Skipped(rel, "empty file")], warnings
    found, skipped = _READERS[kind](text, rel, warnings)
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
        return f"broken symbolic link to '{_shown(os.readlink(path))}': fix or remove the link"
    if isinstance(err, IsADirectoryError):
        return "not a regular file"
    return f"cannot read the file ({err.strerror or err}): check that it is readable"


def _inputs(path: Path, shown: str) -> tuple[Path, list[tuple[str, str] | Skipped]]:
    if path.is_dir():
        if entries := _walk(path):
            return path, entries
        raise InputError(f"No articles found in '{shown}': put {SUPPORTED} files there (sub-folders are read too).")
    if path.is_file():
        if path.suffix.lower() not in KINDS:
            raise InputError(f"'{shown}' is not an article file: give a {SUPPORTED} file, or a folder of them.")
        return path.parent, [(_shown(path.name), os.fspath(path))]
    problem = "is neither a folder nor a file" if path.exists() else "does not exist"
    raise InputError(f"'{shown}' {problem}: give a folder of articles or a single {SUPPORTED} file.")


def _walk(root: Path) -> list[tuple[str, str] | Skipped]:
    """Article files under ``root`` as (relative path, path), sorted by relative path; unreadable folders as Skipped."""
    found: list[tuple[str, str] | Skipped] = []
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = [e for e in scan if not e.name.startswith(".")]
        except OSError as err:
            found.append(Skipped(_shown(prefix or "./"), f"cannot read the folder ({err.strerror or err})"))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, prefix + entry.name + "/"))
            # Symlinked folders are not followed; _read reports broken links, loops, pipes and devices.
            elif _suffix(entry.name) in KINDS:
                found.append((_shown(prefix + entry.name), entry.path))
    return sorted(found, key=lambda e: e.path if isinstance(e, Skipped) else e[0])


def _suffix(name: str) -> str:
    """The lower-case extension, as :attr:`pathlib.PurePath.suffix` gives it.

    >>> _suffix("dir.d/Story.TXT"), _suffix("notes"), _suffix("a/.hidden")
    ('.txt', '', '')
    """
    return os.path.splitext(name)[1].lower()


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) become U+FFFD.

    >>> _shown("caf\\udce9.txt")
    'caf\ufffd.txt'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def _rel(path: Path, root: Path) -> str:
    return _shown(Path(os.path.relpath(path, root)).as_posix())


def _decode(data: bytes, truncated: bool) -> tuple[str, str]:
    """Decode bytes, cutting a truncated file at a character boundary; the text and the codec used."""
    if data.startswith(tuple(_MAGIC)):
        name = next(name for magic, name in _MAGIC.items() if data.startswith(magic))
        raise _Unreadable(f"binary file (looks like {name}): convert it to text first")
    marked = [codec for bom, codec in _BOMS.items() if data.startswith(bom)][:1] if data.startswith(_BOM_START) else []
    if not marked and data.find(b"\0", 0, 8192) >= 0:
        raise _Unreadable("binary file (contains NUL bytes): convert it to text first")
    if not marked and not truncated:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8"), "utf-8"  # the common case, without the incremental decoder
    if not marked and (text := _mostly_utf8(data, truncated)) is not None:
        return text, "utf-8 (repaired)"
    for codec in [*marked, "utf-8", "guess", "cp1252"]:
        codec = _guess_encoding(data) if codec == "guess" else codec  # only when UTF-8 failed: it is slow
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            # The incremental decoder holds back a character cut in half by truncation.
            if codec:
                return codecs.getincrementaldecoder(codec)("strict").decode(data, final=not truncated), codec
    raise _Unreadable("cannot tell the text encoding: save the file as UTF-8")


def _mostly_utf8(data: bytes, truncated: bool) -> str | None:
    """UTF-8 with a few bad bytes (each made U+FFFD), or None when the text is not UTF-8 at all.

    A legacy encoding's accented letters almost never form valid UTF-8
    sequences, so a file holding more valid non-ASCII UTF-8 characters than
    bad bytes is UTF-8 that was damaged, not a file in another encoding.

    >>> _mostly_utf8("café “ok” ".encode() + b"\\xff", False)
    'café “ok” \ufffd'
    >>> _mostly_utf8("café".encode("cp1252"), False) is None
    True
    """
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=not truncated)
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= 0:
        return None  # no bad byte: plain UTF-8 (or cut in a character), decoded strictly by the caller
    return text if len(text) - len(text.encode("ascii", "ignore")) - bad >= bad else None


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 among equally good ones."""
    from charset_normalizer import from_bytes

    sample = data[: 1 << 20]
    if len(data) > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    matches = list(from_bytes(sample))
    # Short texts tie between many code pages; Western news is the common case.
    tied = [m for m in matches if (m.chaos, m.coherence) == (matches[0].chaos, matches[0].coherence)]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252"
    return matches[0].encoding if matches else None


def _clean(text: str) -> str:
    """Normalise line endings, drop control characters, apply NFC.

    >>> _clean("a\\r\\nb\\rc\\x00d\\te")
    'a\\nb\\ncd\\te'
    >>> _clean("\\ufeffcafe\\u0301")
    'café'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return _nfc(text)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def _iso_date(value: str) -> str | None:
    """The stripped value when it is an ISO 8601 date or date-time, else None.

    >>> _iso_date(" 2025-05-27T09:30:00Z "), _iso_date("27 May 2025")
    ('2025-05-27T09:30:00Z', None)
    """
    value = value.strip()
    probe = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value  # Python 3.10 rejects 'Z'
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        with contextlib.suppress(ValueError):
            parse(probe)
            return value
    return None


def _in_future(value: str, now: dt.datetime | None = None) -> bool:
    """Whether an ISO 8601 date is more than a day after ``now`` (default: the clock), in any time zone.

    >>> now = dt.datetime(2025, 5, 27, 12, tzinfo=dt.timezone.utc)
    >>> _in_future("2025-05-28", now), _in_future("2025-05-29T01:00:00+00:00", now), _in_future("2999-01-01Z", now)
    (False, True, True)
    """
    value = value.strip()
    probe = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        when = dt.datetime.fromisoformat(probe)
    except ValueError:
        try:
            when = dt.datetime.combine(dt.date.fromisoformat(probe[:10]), dt.time())
        except ValueError:
            return False
    when = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return when > (now or dt.datetime.now(dt.timezone.utc)) + dt.timedelta(days=1)


def _domain(url: str | None) -> str | None:
    """The URL's host, lower-case, without ``www.``.

    >>> _domain("https://WWW.Example.com/news/1"), _domain("example.org/x"), _domain("not a url")
    ('example.com', 'example.org', None)
    """
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname if url else None
    except ValueError:
        host = None
    return host.removeprefix("www.") if host and _HOST.fullmatch(host) else None


def _article(art_id: str, text: str, rel: str, meta: dict[str, str], where: str, warnings: list[str]) -> Article:
    """Build an Article; the outlet falls back to the URL's domain, then the file name."""
    meta = {key: value.strip() for key, value in meta.items() if value and value.strip()}
    published = meta.get("published")
    if published is not None and _iso_date(published) is None:
        warnings.append(
            f"{where}: published date {published!r} is not ISO 8601 (like 2025-05-27 or 2025-05-27T09:30:00Z); "
            "it is left unknown"
        )
        published = None
    elif published is not None and _in_future(published):
        # A date still to come is a typo or a placeholder; as evidence of who was first it would mislead.
        warnings.append(f"{where}: published date {published!r} is in the future; it is left unknown (fix the date)")
        published = None
    outlet = meta.get("outlet") or _domain(meta.get("url")) or posixpath.splitext(posixpath.basename(rel))[0]
    return Article(art_id, text, outlet, meta.get("title"), meta.get("url"), published, rel, meta.get("canonical"))


def _read_txt(text: str, rel: str, warnings: list[str]) -> Found:
    first = match.group().strip() if (match := _FIRST_LINE.search(text)) else ""
    title = first if len(first.split()) <= 25 else ""
    return [_article(rel, text, rel, {"title": title}, rel, warnings)], []


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
    return [_article(rel, text, rel, meta, rel, warnings)], []


def _read_json(text: str, rel: str, warnings: list[str]) -> Found:
    try:
        data = json.loads(text, strict=False)
    except (ValueError, RecursionError) as err:
        return [], [Skipped(rel, f"invalid JSON ({err}): fix it, or use .jsonl for one object per line")]
    records = data if isinstance(data, list) else [data]
    if not records:
        return [], [Skipped(rel, "no records (the JSON list is empty)")]
    return _split([_record(rec, rel, f"{rel}#{n}", f"{rel}#{n}", warnings) for n, rec in enumerate(records, 1)])


def _read_jsonl(text: str, rel: str, warnings: list[str]) -> Found:
    """One object per line; the default id and the messages use the line number."""
    found: list[Article | Skipped] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line, strict=False)
        except (ValueError, RecursionError) as err:
            found.append(Skipped(f"{rel}:{lineno}", f"malformed JSON line ({err}): fix or remove the line"))
            continue
        found.append(_record(rec, rel, f"{rel}#{lineno}", f"{rel}:{lineno}", warnings))
    return _split(found)


def _record(rec: Any, rel: str, default_id: str, where: str, warnings: list[str]) -> Article | Skipped:
    if not isinstance(rec, dict):
        return Skipped(where, f"record is a JSON {type(rec).__name__}, not an object with a 'text' field")
    field = next((f for f in TEXT_FIELDS if rec.get(f) is not None), None)
    if field is None:
        return Skipped(where, "no 'text', 'body' or 'content' field: put the article text in 'text'")
    if not isinstance(rec[field], str):
        return Skipped(where, f"'{field}' is a JSON {type(rec[field]).__name__}, not a string")
    text = _clean(rec[field])
    if not text.strip():
        return Skipped(where, f"empty '{field}'")
    meta: dict[str, str] = {}
    for key in META_KEYS:
        if isinstance(rec.get(key), str):
            meta[key] = _clean(rec[key])
        elif rec.get(key) is not None:
            warnings.append(f"{where}: '{key}' is a JSON {type(rec[key]).__name__}, not a string; ignored")
    art_id = "" if rec.get("id") is None else str(rec["id"]).strip()
    return _article(art_id or default_id, text, rel, meta, where, warnings)


def _split(found: list[Article | Skipped]) -> Found:
    return [f for f in found if isinstance(f, Article)], [f for f in found if isinstance(f, Skipped)]


@functools.lru_cache(maxsize=None)
def _trafilatura() -> tuple[ModuleType | None, str]:
    """The trafilatura module, or None and the import error."""
    try:
        import trafilatura
    except ImportError as err:
        return None, " ".join(f"{type(err).__name__}: {err}".split())
    return trafilatura, ""


def _read_html(text: str, rel: str, warnings: list[str]) -> Found:
    from lxml import etree  # a dependency of trafilatura
    from lxml import html as lxml_html

    try:
        # lxml refuses a str that still declares its byte encoding.
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        tree = lxml_html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except (etree.ParserError, ValueError):
        return [], [Skipped(rel, "no main text found in the HTML")]
    meta = _html_meta(tree)
    module = _trafilatura()[0]
    body = _trafilatura_text(module, tree, meta) if module else _builtin_text(tree)
    if not body:
        return [], [Skipped(rel, "no main text found in the HTML")]
    dates = meta.pop("dates").split("\n")
    meta["published"] = next((d for d in dates if _iso_date(d)), dates[0])
    return [_article(rel, _clean(body), rel, meta, rel, warnings)], []


def _html_meta(tree: Any) -> dict[str, str]:
    """What the page declares: title, outlet, url, canonical and candidate dates (one per line)."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and (el.get("content") or "").strip():
            metas.setdefault(key, el.get("content").strip())
    links = [((el.get("rel") or "").lower().split(), (el.get("href") or "").strip()) for el in tree.iter("link")]
    link = next((href for rel, href in links if "canonical" in rel and href), "")
    dates = [metas[k] for k in _DATE_KEYS if k in metas]
    return {
        "title": " ".join((metas.get("og:title") or tree.findtext(".//title") or "").split()),
        "outlet": metas.get("og:site_name") or metas.get("application-name") or "",
        "url": metas.get("og:url") or link,
        "canonical": link or metas.get("og:url") or "",
        "dates": "\n".join(d.strip() for d in dates),
    }


def _trafilatura_text(module: ModuleType, tree: Any, meta: dict[str, str]) -> str:
    """Main text by trafilatura, blocks joined by blank lines; fills gaps in ``meta``."""
    # A tree, never a string (htmldate fetches strings that look like URLs); no date guessing from the text.
    # trafilatura logs through a NullHandler: its "discarding data" is our skip reason, its loggers are the app's.
    dates = {"extensive_search": False, "original_date": True}
    doc = module.bare_extraction(tree, with_metadata=True, include_comments=False, date_extraction_params=dates)
    if doc is None or doc.body is None:
        return ""
    meta["title"] = doc.title or meta["title"]
    meta["url"] = meta["url"] or doc.url or ""
    # A site "name" that is a host name came from the URL: leave that to the domain rule (lower-case, no www.).
    meta["outlet"] = meta["outlet"] or ("" if _domain(doc.sitename) else doc.sitename or "")
    meta["dates"] = "\n".join(filter(None, [meta["dates"], doc.date]))
    for el in doc.body.iter("lb", "item", "row", "cell"):
        el.tail = (" " if el.tag == "cell" else "\n") + (el.tail or "")
    return _join_blocks([doc.body.text or "", *("".join(child.itertext()) for child in doc.body)])


def _builtin_text(tree: Any) -> str:
    """Main text without trafilatura: the article (or main, or body) minus page furniture."""
    body = tree.find(".//body")
    root = next((el for el in (tree.find(".//article"), tree.find(".//main"), body) if el is not None), None)
    if root is None:
        return ""
    for el in list(root.iter(*_JUNK_TAGS, *(["header"] if root is body else []))):
        el.drop_tree()
    total = len(root.text_content())
    for el in list(root.iter()):
        attrs = f"{el.get('class', '')} {el.get('id', '')}" if isinstance(el.tag, str) else ""
        # A wrapper named like "has-sidebar" holds the article itself: keep what holds half the text.
        if el is not root and _JUNK_ATTR.search(attrs) and len(el.text_content()) < total / 2:
            el.drop_tree()
    for el in root.iter("br", "li", "tr", "td", "th"):
        el.tail = ("\n" if el.tag in ("br", "li", "tr") else " ") + (el.tail or "")
    blocks = [el.text_content() for el in root.iter(*_BLOCKS) if not any(a.tag in _BLOCKS for a in el.iterancestors())]
    return _join_blocks(blocks or [root.text_content()])


def _join_blocks(blocks: list[str]) -> str:
    """Blocks separated by a blank line, spaces collapsed within each line.

    >>> _join_blocks(["  One  two\\n\\n three ", "", "four"])
    'One two\\nthree\\n\\nfour'
    """
    cleaned = ("\n".join(" ".join(line.split()) for line in block.split("\n") if line.strip()) for block in blocks)
    return "\n\n".join(block for block in cleaned if block)


def _unique_ids(articles: list[Article], warnings: list[str]) -> list[Article]:
    """Keep the first of each id; later ones get ``#2``, ``#3``... and a warning."""
    taken = {a.id for a in articles}
    first: dict[str, str] = {}
    unique = []
    for art in articles:
        if art.id in first:
            new_id = next(f"{art.id}#{n}" for n in itertools.count(2) if f"{art.id}#{n}" not in taken)
            taken.add(new_id)
            where = "an earlier record of the same file" if first[art.id] == art.path else first[art.id]
            warnings.append(
                f"{art.path}: id '{art.id}' is already used by {where}; renamed '{new_id}' "
                "(give every article its own id)"
            )
            art = replace(art, id=new_id)
        first.setdefault(art.id, art.path)
        unique.append(art)
    return unique


_READERS: dict[str, Callable[[str, str, list[str]], Found]] = {
    "txt": _read_txt, "md": _read_md, "html": _read_html, "json": _read_json, "jsonl": _read_jsonl,
}  # fmt: skip
