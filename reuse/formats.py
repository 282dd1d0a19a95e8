"""Reading one article file: bytes -> clean text -> :class:`~reuse.model.Article` objects, by format.

``.txt``, ``.md``, ``.html``/``.htm``, ``.json`` and ``.jsonl``. Bytes are
decoded (byte-order marks, UTF-8, UTF-8 with a few bad bytes replaced, else
charset-normalizer's guess), line endings become ``\\n``, control characters
go and the text is NFC-normalised: every later offset indexes that text. HTML
goes through trafilatura from a tree parsed here, so nothing is fetched;
without trafilatura a small built-in extractor is used. JSON records are
read in :mod:`reuse.records`; every format's metadata becomes an article's
fields in :mod:`reuse.fields`.

A bad file gives a reason (:class:`~reuse.model.Skipped`), never an
exception: :func:`read_file` is what :mod:`reuse.load` runs for each file, in
its own process or in a worker. Plain UTF-8 files, the common case, take one
``open``, one ``fstat`` and reads sized by the file, and no cleaning pass
unless a control byte or a carriage return is present.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from .config import LoadConfig
from .decoding import Undecodable, clean, declared_charset, text_of
from .fields import HAS_WORD, NO_WORDS, Found, iso_date, make_article
from .model import Article, Skipped
from .records import OWN_REPORT, cr_separated, read_json, read_jsonl
from .words import plural
from .webpage import builtin_text, control_references, furniture_only, headline_and_byline_only, headline_only, page_meta, trafilatura_text, without_notices

__all__ = ["FileRead", "KINDS", "SUPPORTED", "read_file", "shown_name", "suffix_of", "trafilatura_module"]

KINDS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
SUPPORTED = ".txt, .md, .html, .json or .jsonl"
_FIRST_LINE = re.compile(r"\S[^\n]*")  # from the first non-blank character to the end of its line
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: A scraper that saved a page before its script wrote the article: what it has, and what to do.
_NO_MAIN_TEXT = "no main text found in the HTML"
_SAVE_LOADED = "if a browser shows an article there, save the page once it has loaded (a script may write its text)"


@dataclass(frozen=True)
class FileRead:
    """What :func:`read_file` found in one file."""

    articles: tuple[Article, ...]
    #: The file, or each of its records, that could not be read, and why.
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    #: Where each article was read, as warnings name it: the file ``rel`` for a file of one article,
    #: ``rel#3`` for a JSON list's third record, ``rel:12`` for the record on line 12 of a JSON-lines file.
    places: tuple[str, ...]


def read_file(path: str, rel: str, config: LoadConfig) -> FileRead:
    """The articles of the file at ``path`` (shown as ``rel``), what of it was skipped and why, and warnings.

    One open, one fstat, one read, then decode and parse. Never raises for a
    bad file: the reason is a :class:`~reuse.model.Skipped`.
    """
    located, skipped, warnings = _read(path, rel, config)
    return FileRead(tuple(art for art, _ in located), tuple(skipped), tuple(warnings), tuple(where for _, where in located))


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
    end = "\n" if "\n" in text else "\r" if kind == "jsonl" and cr_separated(text) else "\n"
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
    if found and not HAS_WORD.search(found[0][0].text) and kind not in ("json", "jsonl"):  # JSON: judged per record
        return [], [*skipped, Skipped(rel, NO_WORDS)], warnings  # zero-width spaces, a lone &nbsp;: nothing to match
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


def _read_txt(text: str, rel: str, warnings: list[str]) -> Found:
    first = match.group().strip() if (match := _FIRST_LINE.search(text)) else ""
    title = first if len(first.split()) <= 25 else ""
    return [(make_article(rel, text, rel, {"title": title}, rel, warnings), rel)], []


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
    return [(make_article(rel, text, rel, meta, rel, warnings), rel)], []


@functools.lru_cache(maxsize=None)
def trafilatura_module() -> tuple[ModuleType | None, str]:
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
        tree = lxml_html.document_fromstring(control_references(_XML_DECL.sub("", text, count=1)), parser=parser)
    except (etree.ParserError, ValueError):
        return [], [Skipped(rel, f"{_NO_MAIN_TEXT}: {_SAVE_LOADED}")]
    if any(content == "reuse" or content.startswith("reuse ") for content in tree.xpath('//head/meta[@name="generator"]/@content')):
        return [], [Skipped(rel, OWN_REPORT)]  # an HTML report of an earlier scan (`--html`)
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
    meta["published"] = next((d for d in dates if iso_date(d)), dates[0])
    # A time of modification only orders versions of one page: one that cannot be read (a Unix time) is passed over unsaid.
    meta["modified"] = next((d for d in meta["modified"].split("\n") if iso_date(d)), "")
    return [(make_article(rel, clean(body), rel, meta, rel, warnings), rel)], []


_READERS: dict[str, Callable[[str, str, list[str]], Found]] = {
    "txt": _read_txt, "md": _read_md, "html": _read_html, "json": read_json, "jsonl": read_jsonl,
}  # fmt: skip
