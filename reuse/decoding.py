"""Decoding: a file's bytes -> clean text (the first step of loading).

Byte-order marks first (UTF-8, UTF-16, UTF-32), then UTF-8, then UTF-8 with a
few damaged bytes (each made U+FFFD), then charset-normalizer's guess
(Windows-1252 preferred among near equals). Known binary formats and data with NUL
bytes are refused, but UTF-16 without a mark, told by its NUL bytes (or, with few
of them, by charset-normalizer), and text with a few stray NULs (dropped, then
read in whatever encoding it is). Clean
text has ``\\n`` line endings, no control characters (C0, DEL, C1) but tab
and line feed, and is NFC-normalised.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import threading
import unicodedata

__all__ = ["Undecodable", "clean", "declared_charset", "no_surrogates", "text_of"]

_MAGIC = {b"%PDF-": "PDF", b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
          b"PK\x03\x04": "ZIP", b"PK\x05\x06": "ZIP", b"\x1f\x8b": "gzip"}  # fmt: skip
# UTF-32 first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = {codecs.BOM_UTF32_LE: "utf-32", codecs.BOM_UTF32_BE: "utf-32", codecs.BOM_UTF8: "utf-8-sig",
         codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16"}  # fmt: skip
_BOM_START = (b"\xef", b"\xfe", b"\xff", b"\0")  # first bytes of the marks above
# Colour (CSI) and title or link (OSC, when terminated) sequences go whole; a lone ESC goes alone.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")  # ASCII's and Latin-1's (C1), but tab, LF and NEL
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")  # the C1 controls, as UTF-8 bytes
#: Half of a UTF-16 surrogate pair, alone: only a JSON escape such as "\\ud800" makes one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])  # the same, CR and DEL, as bytes


#: At most one byte in this many outside ASCII: too few to tell code pages apart (see _guess_encoding).
_FEW_NON_ASCII = 100
#: Guesses whose language fit (charset-normalizer's coherence) is this close to the best one's count as tied.
_NEAR_TIE = 0.05


class Undecodable(Exception):
    """The bytes cannot be turned into text; the message is the reason (binary, unknown encoding)."""


def text_of(data: bytes, truncated: bool = False, cleaned: bool = True, declared: str | None = None) -> tuple[str, int, str]:
    """The clean text of a file's bytes, how many bad bytes were replaced by U+FFFD, and the encoding read.

    A file in UTF-8 with a few bad bytes, or one whose byte-order mark names
    its encoding, is read in that encoding with each bad byte (or UTF-16
    unit) replaced: its text, not a guess at another code page.

    Parameters
    ----------
    data : bytes
        The file's bytes (or its first ``max_bytes``).
    truncated : bool
        ``data`` was cut: a character cut in half at the end is dropped.
    cleaned : bool
        Apply :func:`clean`; ``False`` keeps line breaks and control
        characters as they are (NFC only), for a format that cleans each
        value it reads (JSON: a CR or NEL inside a string is no line break).
    declared : str, optional
        The encoding the file declares (an HTML page's ``<meta charset>``,
        :func:`declared_charset`): tried after UTF-8, before a guess. Text
        that is valid UTF-8 stays UTF-8 whatever it declares (pages saved
        again as UTF-8 often keep their old declaration).

    Raises
    ------
    Undecodable
        Binary data, or an encoding that cannot be told; the message says so.

    >>> text_of("Caf\\u00e9\\r\\nbar".encode("utf-8"))
    ('Café\\nbar', 0, 'utf-8')
    >>> text_of(codecs.BOM_UTF16_LE + "Министр финансов объявил".encode("utf-16-le") + b"!")  # a byte too many
    ('Министр финансов объявил\\ufffd', 1, 'utf-16')
    >>> text_of(b"%PDF-1.7 ...")
    Traceback (most recent call last):
    ...
    reuse.decoding.Undecodable: binary file (looks like PDF): convert it to text first
    """
    text, codec, replaced = _decode(data, truncated, declared)
    if not cleaned:
        return _nfc(text), replaced, codec.removesuffix("-sig")
    # Plain UTF-8 without a control byte (nor a CR) needs no cleaning but NFC: the common case, kept fast.
    if codec == "utf-8" and not replaced and len(data.translate(None, _CONTROL_BYTES)) == len(data) and not _has_c1(data):
        return _nfc(text), 0, codec
    return clean(text), replaced, codec.removesuffix("-sig")


#: An HTML page's declared encoding: ``<meta charset=...>`` or ``<meta http-equiv content="...; charset=...">``.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


#: Labels browsers read as a wider encoding (the WHATWG Encoding Standard): a page labelled
#: ISO-8859-1 holds Windows-1252's quotes and dashes in bytes 0x80-0x9F, which Latin-1 makes controls.
_AS_BROWSERS_READ = {"ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874",
                     "gb2312": "gbk", "euc_kr": "cp949", "shift_jis": "cp932"}  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first 4,096 bytes, as a Python codec name; ``None`` when none or unknown.

    A declaration of UTF-16 or UTF-32 in a page whose bytes read as ASCII
    cannot be true and is read as UTF-8, as browsers do.

    >>> declared_charset(b'<html><head><meta charset="windows-1251">'), declared_charset(b"<p>none</p>")
    ('cp1251', None)
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')  # as browsers read it
    'cp1252'
    """
    match = _META_CHARSET.search(data, 0, 4096)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return _AS_BROWSERS_READ.get(name, name)


#: The "replace" error handler that also counts the bytes it replaced (in the calling thread's list ``_REPLACED.bad``).
_COUNTED_REPLACE = "reuse-counted-replace"
_REPLACED = threading.local()


def _counted_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _REPLACED.bad[0] += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error(_COUNTED_REPLACE, _counted_replace)

#: The error handlers for bytes a declared Windows code page leaves undefined, as browsers read them: in
#: Windows-125x, 0x80-0x9F as the C1 control of that number (which cleaning drops); any other as U+FFFD, counted
#: like :data:`_COUNTED_REPLACE` in ``_REPLACED.bad``. (The codecs' errors all say "charmap": one handler each.)
_UNDEFINED_1252, _UNDEFINED_874 = "reuse-undefined-125x", "reuse-undefined-874"


def _undefined(c1: bool):
    def handler(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        out = []
        for byte in exc.object[exc.start : exc.end]:
            if c1 and 0x80 <= byte <= 0x9F:
                out.append(chr(byte))
            else:
                out.append("\ufffd")
                _REPLACED.bad[0] += 1
        return "".join(out), exc.end

    return handler


codecs.register_error(_UNDEFINED_1252, _undefined(True))
codecs.register_error(_UNDEFINED_874, _undefined(False))


def _has_c1(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a C1 control (a plain byte search first: the regex is slower)."""
    return b"\xc2" in data and _C1_UTF8.search(data) is not None


def _decode(data: bytes, truncated: bool, declared: str | None = None) -> tuple[str, str, int]:
    """Decode bytes, cutting a truncated file at a character boundary; the text, the codec used and the bad bytes replaced."""
    if data.startswith(tuple(_MAGIC)):
        name = next(name for magic, name in _MAGIC.items() if data.startswith(magic))
        raise Undecodable(f"binary file (looks like {name}): convert it to text first")
    marked = [codec for bom, codec in _BOMS.items() if data.startswith(bom)][:1] if data.startswith(_BOM_START) else []
    if marked:
        # The mark names the encoding: bad bytes are replaced in it, not read as another code page.
        decoder = codecs.getincrementaldecoder(marked[0])
        with contextlib.suppress(UnicodeDecodeError):
            return decoder("strict").decode(data, final=not truncated), marked[0], 0
        replaced = [0]
        _REPLACED.bad = replaced
        text = decoder(_COUNTED_REPLACE).decode(data, final=not truncated)
        if replaced[0] * 20 <= len(text):  # a few bad bytes, not another encoding behind a stray mark
            return text, marked[0], replaced[0]
    if b"\0" in data:  # anywhere: a NUL past the first 8 KB once went unseen, and one before them skipped the file
        if stray_nuls(data):  # dropped; the encoding is told below as for any text
            data = data.replace(b"\0", b"")
        elif codec := _utf16_without_bom(data):
            marked = [codec]
        else:
            raise Undecodable("binary file (contains NUL bytes): convert it to text first")
    if not marked and not truncated:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8"), "utf-8", 0  # the common case, without the incremental decoder
    if not marked and (repaired := _mostly_utf8(data, truncated)) is not None:
        return (*repaired,)
    for codec in [*marked, "utf-8", *([declared] if declared and not marked else []), "guess", "cp1252"]:
        codec = _guess_encoding(data) if codec == "guess" else codec  # only when UTF-8 failed: it is slow
        # A declared Windows code page reads a byte it leaves undefined as browsers do (_undefined):
        # a stray byte keeps the page's text.
        errors = "strict"
        if declared and codec == declared and codec.startswith("cp125"):
            errors = _UNDEFINED_1252
        elif declared and codec == declared == "cp874":
            errors = _UNDEFINED_874
        replaced = [0]
        _REPLACED.bad = replaced
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            # The incremental decoder holds back a character cut in half by truncation.
            if codec:
                decoder = codecs.getincrementaldecoder(codec)(errors)
                return decoder.decode(data, final=not truncated), codec, replaced[0]
    raise Undecodable("cannot tell the text encoding: save the file as UTF-8")


def stray_nuls(data: bytes) -> bool:
    """Whether the NUL bytes in ``data`` are a few strays in text (a scraper's bad field), not binary data.

    At most one NUL in 100 bytes (one at least), with no other control
    byte than white space and a DOS end-of-file byte, and at least 16 bytes
    besides. The encoding is not judged here: once the NULs are dropped,
    the text is read as any other (UTF-8, declared, guessed, Windows-1252).

    >>> stray_nuls(b"The council met on Monday.\\x00 The mayor spoke."), stray_nuls(b"plain start\\x00\\x01\\x02 then binary")
    (True, False)
    >>> stray_nuls("Café au lait, déjà servi.\\x00".encode("cp1252"))  # not UTF-8: still text
    True
    >>> stray_nuls(b"\\x00ab"), stray_nuls("Talks resumed on Tuesday.".encode("utf-16-le")), stray_nuls(bytes(range(256)))
    (False, False, False)
    """
    nuls = data.count(0)
    if nuls > max(1, len(data) // 100) or len(data) - nuls < 16:
        return False
    return len(data.translate(None, _STRAY_CONTROLS)) == len(data)


#: Control bytes that make a file with a NUL binary data rather than text with a stray NUL (tab, line ends, form feed
#: and the DOS end-of-file byte 0x1A are text's).
_STRAY_CONTROLS = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text without a byte-order mark, else ``None``.

    UTF-16 text has a NUL byte before or after each ASCII character (its
    spaces at least), so in one of the two places of each pair and hardly
    ever the other; binary data has them anywhere, and what it decodes to
    is not mostly printable.

    >>> _utf16_without_bom("Talks resumed on Tuesday.".encode("utf-16-le")), _utf16_without_bom(b"\\x00\\x01\\x02\\x00" * 20)
    ('utf-16-le', None)
    """
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, nul, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # A few NULs in the other places are characters such as 一 (U+4E00) or an emoji's low surrogate (DC00).
        if other <= nul // 10 and nul >= max(4, len(sample) // 40):  # a few NULs alone are no text
            try:
                text = data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            printable = sum(c.isprintable() or c in "\n\r\t" for c in text[:4096])
            return codec if "\0" not in text and printable >= 0.95 * min(len(text), 4096) else None
    # Chinese, Japanese or Korean has few ASCII characters, so few NULs: charset-normalizer then tells UTF-16 text
    # (next to no odd characters) from binary data and from ASCII text with a stray NUL.
    from charset_normalizer import from_bytes

    if len(sample) < 64:
        return None  # too few characters to tell
    best = from_bytes(sample[: len(sample) - len(sample) % 2]).best()
    if best is not None and best.encoding in ("utf_16_le", "utf_16_be") and best.chaos <= 0.02:
        return best.encoding.replace("_", "-")
    return None


def _mostly_utf8(data: bytes, truncated: bool) -> tuple[str, str, int] | None:
    """UTF-8 with a few bad bytes (each made U+FFFD): ``(text, "utf-8", bad bytes)``, or None when the text is not UTF-8 at all.

    A legacy encoding's accented letters almost never form valid UTF-8
    sequences, so a file holding more valid non-ASCII UTF-8 characters than
    bad bytes is UTF-8 that was damaged, not a file in another encoding.

    >>> _mostly_utf8("café “ok” ".encode() + b"\\xff", False)
    ('café “ok” \ufffd', 'utf-8', 1)
    >>> _mostly_utf8("café".encode("cp1252"), False) is None
    True
    """
    replaced = [0]
    _REPLACED.bad = replaced
    text = codecs.getincrementaldecoder("utf-8")(_COUNTED_REPLACE).decode(data, final=not truncated)
    bad = replaced[0]
    if bad <= 0:
        return None  # no bad byte: plain UTF-8 (or cut in a character), decoded strictly by the caller
    made = text.count("\ufffd") - data.count("\ufffd".encode())  # the decoder's, not the file's own U+FFFD
    return (text, "utf-8", bad) if len(text) - len(text.encode("ascii", "ignore")) - made >= made else None


#: Chaos (charset-normalizer's share of odd characters) within which two readings tie: in 80 words of French
#: Latin-1, the one accented letter a Baltic code page reads otherwise made it the better guess by 0.011.
_NEAR_CHAOS = 0.02


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 among about equally good ones.

    A text of ASCII but for a few bytes (a pound sign, a curly apostrophe)
    is cp1252 when cp1252 reads it: so few bytes cannot tell the code pages
    apart, and a guess of Shift JIS or Big5 would swallow the letter after
    each of them.

    >>> _guess_encoding(("The minister said on Tuesday that the budget was fine. " * 40 + "It costs £35m.").encode("cp1252"))
    'cp1252'
    >>> _guess_encoding(("The bill came to £35m, officials said on Tuesday. " * 40).encode("cp1252"))  # cp1250 by a hair
    'cp1252'
    >>> _guess_encoding("Příliš žluťoučký kůň úpěl ďábelské ódy. ".encode("cp1250") * 20)
    'cp1250'
    """
    from charset_normalizer import from_bytes

    sample = data[: 1 << 20]
    if len(data) > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    if len(sample) - len(sample.decode("ascii", "ignore")) <= len(sample) // _FEW_NON_ASCII:
        with contextlib.suppress(UnicodeDecodeError):
            sample.decode("cp1252")
            return "cp1252"
    matches = list(from_bytes(sample))
    # Short texts tie between many code pages; Western news is the common case.
    tied = [m for m in matches if m.chaos <= matches[0].chaos + _NEAR_CHAOS and m.coherence >= matches[0].coherence - _NEAR_TIE]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252"
    return matches[0].encoding if matches else None


def clean(text: str) -> str:
    """Normalise line endings, drop control characters and terminal escapes, apply NFC.

    A lone surrogate (half a UTF-16 pair, which no UTF-8 file can hold)
    becomes U+FFFD, one character for one, so the text stays writable.

    >>> clean("a\\r\\nb\\rc\\x00d\\te\\x9b\\x7f\\x85f")
    'a\\nb\\ncd\\te\\nf'
    >>> clean("\\x1b[31mred\\x1b[0m alert")
    'red alert'
    >>> clean("\\ufeffcafe\\u0301")
    'café'
    >>> clean("half \\ud800 pair") == "half \\ufffd pair"
    True
    """
    text = no_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x85" in text:  # NEL, Latin-1's line break
        text = text.replace("\x85", "\n")
    if _CONTROL.search(text):
        # A terminal escape goes whole: dropping only its ESC would leave "[31m" in the text.
        text = _CONTROL.sub("", _ANSI.sub("", text) if "\x1b" in text else text)
    return _nfc(text)


def no_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (the same length)."""
    return _LONE_SURROGATE.sub("\ufffd", text)  # the same object back when there is none


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
