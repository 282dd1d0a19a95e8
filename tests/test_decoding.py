"""Bytes to text (reuse.decoding): encodings, byte-order marks, bad and undefined bytes, binary and empty files, cuts
at --max-bytes."""

from __future__ import annotations

import json

import pytest

from reuse.config import LoadConfig
from reuse.load import load_articles
from reuse.model import Skipped

from loading import only, write


_ENGLISH = " ".join(["The finance minister announced on Tuesday that fuel taxes would be cut next month."] * 12)


@pytest.mark.parametrize(
    ("declared", "encoding", "name"),
    [("windows-1251", "cp1251", "Путин"), ("windows-1253", "cp1253", "Τσίπρας"), ("iso-8859-2", "iso-8859-2", "Łódź"),
     ("iso-8859-1", "utf-8", "Łódź"),  # saved again as UTF-8, the old declaration kept: the bytes are UTF-8
     ("iso-8859-1", "cp1252", "“Café” — déjà")],  # as browsers read it: Windows-1252's quotes and dashes kept
    ids=["cyrillic", "greek", "polish", "utf-8 despite its declaration", "latin-1 label, windows-1252 bytes"],
)
def test_an_html_pages_declared_charset_reads_a_few_letters_outside_ascii(tmp_path, declared, encoding, name):
    """Before, text that is ASCII but for under 1% of its bytes was Windows-1252 whatever the page declared: Путин read as Ïóòèí."""
    page = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={declared}'><title>T</title></head>"
            f"<body><article><p>{_ENGLISH}</p><p>{name} said the central bank would raise rates. {_ENGLISH}</p></article></body></html>")
    write(tmp_path, "a.html", page.encode(encoding))
    result = load_articles(tmp_path)
    assert name in only(result).text
    assert result.warnings == ()


def test_a_text_without_a_word_is_skipped_not_kept_as_an_article_of_no_words(tmp_path):
    write(tmp_path, "zw.txt", "\u200b\u200b \u200b\n")
    write(tmp_path, "under.txt", "____ ___\n")
    write(tmp_path, "nbsp.html", "<html><body><p>&nbsp;&#8203;</p></body></html>")
    records = [{"id": "story-17", "text": "\u200b -- !"}, {"text": "A real article"}, {"text": "__"}]
    write(tmp_path, "feed.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["feed.jsonl#2"]
    reason = "no words: only spaces, punctuation or invisible characters"
    # A record is named by its file and line, as every other skipped record is (not by its id).
    assert {(s.path, s.reason) for s in result.skipped} >= {("zw.txt", reason), ("under.txt", reason), ("feed.jsonl:1", reason), ("feed.jsonl:3", reason)}
    assert any(s.path == "nbsp.html" for s in result.skipped)


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        (b"\xef\xbb\xbf" + "Le ministre a annoncé une baisse des taxes sur le carburant".encode() + b"\xff",
         "Le ministre a annoncé une baisse des taxes sur le carburant\ufffd", "1 byte that is not UTF-8 was replaced"),
        (b"\xff\xfe" + "Министр финансов объявил во вторник".encode("utf-16-le") + b"!",
         "Министр финансов объявил во вторник\ufffd", "1 byte that is not UTF-16 was replaced"),
    ],
    ids=["utf-8 mark", "utf-16 mark"],
)
def test_a_file_whose_byte_order_mark_names_its_encoding_keeps_it_despite_a_bad_byte(tmp_path, data, text, warning):
    """Before, a bad byte after the mark sent the file to a code-page guess: every accent or letter garbled, no warning."""
    write(tmp_path, "a.txt", data)
    result = load_articles(tmp_path)
    assert only(result).text == text
    assert result.warnings == (f"a.txt: {warning} by U+FFFD (save the file as UTF-8)",)


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    # "\ud800" is valid JSON but half a UTF-16 pair: no UTF-8 report could hold it.
    write(tmp_path, "a.jsonl", '{"id": "x\\udc00", "title": "T \\ud800", "text": "one \\ud83d two \\ud83d\\ude00 three"}\n')
    art = only(load_articles(tmp_path))
    assert (art.id, art.title, art.text) == ("x\ufffd", "T \ufffd", "one \ufffd two \U0001f600 three")


WESTERN = "The minister said: “We will not back down” — and the café owners’ protest went on in Zürich.\n"


FRENCH = "Le ministre a déclaré que la crème brûlée était délicieuse à Noël.\n"


RUSSIAN = "Правительство объявило сегодня о новых мерах поддержки экономики страны.\n"


NEWS = "The minister said on Tuesday that the new budget would cut spending on roads. Critics said the plan was unfair.\n"


GREEK = "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα στήριξης της οικονομίας της χώρας.\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        pytest.param(WESTERN, "utf-8", id="utf-8"),
        pytest.param(WESTERN, "utf-8-sig", id="utf-8-bom"),
        pytest.param(WESTERN, "utf-16", id="utf-16-bom"),
        pytest.param(RUSSIAN, "utf-16-be", id="utf-16-be-bom"),
        pytest.param(GREEK, "utf-32", id="utf-32-bom"),
        pytest.param(WESTERN, "cp1252", id="cp1252"),
        pytest.param(FRENCH, "latin-1", id="latin-1"),
        pytest.param("Café Müller à Noël\n", "latin-1", id="latin-1-short"),
        pytest.param(RUSSIAN, "utf-8", id="russian-utf-8"),
        pytest.param(RUSSIAN, "cp1251", id="russian-cp1251"),
        pytest.param(GREEK, "utf-8", id="greek-utf-8"),
        # ASCII but for one byte: no code page can be told from it, and Western news is the common case.
        pytest.param(NEWS * 5 + "The bill came to £35m last year. " + NEWS * 5, "cp1252", id="cp1252-one-pound"),
        pytest.param(NEWS * 5 + "The minister’s bill came to 35m. " + NEWS * 5, "cp1252", id="cp1252-one-apostrophe"),
        pytest.param("Fares rise to £5 from Monday. " + NEWS * 10, "cp1252", id="cp1252-pound-first"),
        pytest.param(WESTERN, "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(RUSSIAN, "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(WESTERN + "The crowd cheered 🙌 as the minister left.\n", "utf-16-le", id="utf-16-le-no-bom-emoji"),
        pytest.param("The summit opened in Beijing.\n北京举行第一次会议。一位官员说。\n" * 3, "utf-16-be", id="utf-16-be-no-bom-chinese"),
    ],
)
def test_encodings(tmp_path, text, encoding, request):
    data = text.encode(encoding)
    if request.node.callspec.id == "utf-16-be-bom":
        data = b"\xfe\xff" + data
    write(tmp_path, "a.txt", data)
    result = load_articles(tmp_path)
    assert only(result).text == text
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "PDF", id="pdf"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "PNG", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG", id="jpeg"),
        pytest.param(b"GIF89a\x01\x00", "GIF", id="gif"),
        pytest.param(b"PK\x03\x04\x14\x00", "ZIP", id="zip"),
        pytest.param(b"\x1f\x8b\x08\x00", "gzip", id="gzip"),
        pytest.param(b"plain start\x00\x01\x02 then binary", "contains NUL bytes", id="nul-bytes"),
        pytest.param(b"\x00ab", "contains NUL bytes", id="one-nul-is-no-utf-16"),
        pytest.param(bytes(range(256)) * 8, "contains NUL bytes", id="all-byte-values"),
        pytest.param(b"Some text here. " * 200 + bytes(range(256)), "contains NUL bytes", id="text-then-binary"),
    ],
)
def test_binary_files_are_skipped(tmp_path, data, kind):
    write(tmp_path, "x.txt", data)
    result = load_articles(tmp_path)
    assert result.articles == ()
    assert result.skipped[0].path == "x.txt"
    assert result.skipped[0].reason.startswith("binary file (") and kind in result.skipped[0].reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("a.txt", b"", id="empty"),
        pytest.param("a.txt", b" \n\r\n\t ", id="whitespace"),
        pytest.param("a.md", b"\xef\xbb\xbf\n\n", id="bom-only"),
        pytest.param("a.html", b"", id="empty-html"),
    ],
)
def test_empty_files_are_skipped(tmp_path, name, content):
    write(tmp_path, name, content)
    assert load_articles(tmp_path).skipped == (Skipped(name, "empty file"),)


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        pytest.param(5, "abcd", id="cut-inside-a-2-byte-character"),
        pytest.param(6, "abcdé", id="cut-after-a-character"),
        pytest.param(7, "abcdé", id="cut-inside-the-next-character"),
    ],
)
def test_large_files_are_truncated_at_a_character_boundary(tmp_path, limit, text):
    write(tmp_path, "big.txt", "abcdééé")  # é is 2 bytes in UTF-8
    result = load_articles(tmp_path, LoadConfig(max_bytes=limit))
    assert only(result).text == text
    assert result.warnings == (f"big.txt: truncated to {limit} bytes (use --max-bytes to raise the limit)",)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("dump.txt", b"Some text here. " * 10 + b"\x00\x01\x02" * 4000, "binary file (contains NUL bytes)", id="nul-bytes"),
        pytest.param("page.html", b"%PDF-1.7\n" + bytes(range(256)) * 100, "binary file (looks like PDF)", id="magic"),
    ],
)
def test_a_binary_file_cut_by_max_bytes_is_reported_once_as_binary(tmp_path, name, data, reason):
    """It was skipped as binary and also warned of as truncated, though none of it was read."""
    write(tmp_path, "story.txt", "The council met on Monday to discuss the budget.")
    (tmp_path / name).write_bytes(data)
    result = load_articles(tmp_path, LoadConfig(max_bytes=1000))
    assert [a.id for a in result.articles] == ["story.txt"]
    assert [(s.path, s.reason) for s in result.skipped] == [(name, f"{reason}: convert it to text first")]
    assert result.warnings == ()


def test_delete_and_the_c1_controls_go_and_nel_is_a_line_break(tmp_path):
    write(tmp_path, "a.txt", "The minister\x9b2J said\x7f on\x85Tuesday.")
    assert only(load_articles(tmp_path)).text == "The minister2J said on\nTuesday."


def test_truncated_utf16_is_cut_at_a_character_boundary(tmp_path):
    write(tmp_path, "a.txt", "Ωμέγα".encode("utf-16"))  # 2-byte BOM + 2 bytes per character
    assert only(load_articles(tmp_path, LoadConfig(max_bytes=7))).text == "Ωμ"


def test_a_page_labelled_latin1_keeps_a_byte_windows_1252_leaves_undefined(tmp_path):
    """Read strictly as Windows-1252, a 0x81 or 0x9D sent the page to a guess (read as cp775: Cafķ, rķsumķ)."""
    page = ('<html><head><meta charset="iso-8859-1"></head><body><article><p>'
            + "Caf\xe9 na\xefve r\xe9sum\xe9 \x93quoted\x94 and a stray \x81 byte. " * 8 + "</p></article></body></html>")
    write(tmp_path, "a.html", page.encode("latin-1"))
    text = only(load_articles(tmp_path)).text
    assert "Café naïve résumé “quoted”" in text


def test_bad_bytes_are_counted_alike_with_and_without_a_byte_order_mark(tmp_path):
    body = "Le ministre a annoncé une baisse des taxes sur le carburant ce mardi. ".encode() * 4 + b"\xe2\x80 fin."
    write(tmp_path, "plain.txt", body)
    write(tmp_path, "marked.txt", b"\xef\xbb\xbf" + body)
    warnings = load_articles(tmp_path).warnings
    assert sorted(w.split(":", 1)[1] for w in warnings) == [" 2 bytes that are not UTF-8 were replaced by U+FFFD (save the file as UTF-8)"] * 2


def test_a_thai_page_with_a_byte_its_code_page_leaves_undefined_stays_thai(tmp_path):
    thai = "ประเทศไทยเปิดประเทศรับนักท่องเที่ยวอีกครั้ง " * 12
    page = '<html><head><meta charset="TIS-620"></head><body><article><p>'.encode() + thai.encode("cp874") + b"\xff</p></article></body></html>"
    write(tmp_path, "th.html", page)
    assert "ประเทศไทย" in only(load_articles(tmp_path)).text


def test_a_page_declaring_windows_1250_keeps_its_text_despite_an_undefined_byte(tmp_path):
    polish = "Przewodniczący komisji powiedział, że budżet zostanie przyjęty w przyszłym tygodniu. " * 6
    page = '<html><head><meta charset="windows-1250"></head><body><article><p>'.encode() + polish.encode("cp1250") + b"\x81</p></article></body></html>"
    write(tmp_path, "pl.html", page)
    assert "Przewodniczący komisji" in only(load_articles(tmp_path)).text


@pytest.mark.parametrize(("charset", "codec", "text", "tail", "bad"), [
    ("windows-1255", "cp1255", "ראש הממשלה אמר ביום שני שהתקציב יאושר. ", b"\xdf\xff", 2),
    ("TIS-620", "cp874", "ประเทศไทยเปิดประเทศรับนักท่องเที่ยว ", b"\xff", 1),
], ids=["hebrew", "thai"])
def test_undefined_bytes_of_a_declared_code_page_are_replaced_and_counted(tmp_path, charset, codec, text, tail, bad):
    """Read as Latin-1 they became stray letters (ßÿ) in the text, with no warning."""
    page = f'<html><head><meta charset="{charset}"></head><body><article><p>'.encode() + (text * 8).encode(codec) + tail + b"</p></article></body></html>"
    write(tmp_path, "p.html", page)
    result = load_articles(tmp_path)
    assert "ß" not in only(result).text and "ÿ" not in only(result).text and text.split()[0] in only(result).text
    assert any(f"{bad} byte" in w and "replaced by U+FFFD" in w for w in result.warnings), result.warnings


def test_a_short_french_paragraph_in_latin_1_is_read_as_such(tmp_path):
    """80 words: a Baltic code page read its one 'ô' otherwise and won by a hair (l'hōpital, grčve, infirmičres),
    and its UTF-8 twin became a light rewrite of it."""
    text = (
        "Le gouvernement a annoncé jeudi une hausse de dix pour cent du budget de l'hôpital public, après des mois de "
        "grève des infirmières et des médecins urgentistes. « Ça coûtera cher, mais c'est nécessaire pour garantir "
        "l'accès aux soins », a déclaré le ministre de la Santé, évoquant déjà l'été prochain, période où les urgences "
        "sont saturées. Les syndicats ont salué un « premier pas » mais réclament des créations de postes et une "
        "revalorisation des salaires dès le mois de février."
    )
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    assert only(load_articles(tmp_path)).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_in_utf_16_without_a_byte_order_mark_is_read(tmp_path, codec):
    """Few ASCII characters, so few NUL bytes: it was skipped as a binary file, with a wrong fix."""
    text = "克里姆林宫称特朗普言论不影响换囚计划\n新华社莫斯科5月27日电 俄罗斯总统新闻秘书佩斯科夫27日表示，美国总统特朗普近日对俄罗斯总统普京的批评不会影响俄美两国之间的换囚计划。"
    (tmp_path / "zh.txt").write_bytes(text.encode(codec))
    assert only(load_articles(tmp_path)).text == text


@pytest.mark.parametrize("before", [150, 10_000], ids=["early", "after-8-kb"])
def test_a_stray_nul_in_a_text_file_is_dropped_with_a_warning_wherever_it_is(tmp_path, before):
    """A scraper's text with one NUL (a bad database field) was skipped whole as a binary file, "convert it to text
    first", when the NUL fell in its first 8 KB, and read without a word when it fell after."""
    sentence = b"The council met on Monday to discuss the budget. "
    write(tmp_path, "a.txt", sentence * (before // len(sentence)) + b"\x00The mayor said roads come first.")
    result = load_articles(tmp_path)
    assert only(result).text.endswith("budget. The mayor said roads come first.")
    assert result.warnings == ("a.txt: 1 NUL byte dropped (a stray in text; a file with many is skipped as binary)",)


@pytest.mark.parametrize(
    ("body", "text"),
    [
        pytest.param("Le café du marché a rouvert ses portes jeudi. ".encode("cp1252"), "Le café du marché", id="cp1252"),
        pytest.param("Le café du marché a rouvert ses portes jeudi. ".encode() + b"\xff", "Le café du marché", id="utf-8-with-a-bad-byte"),
    ],
)
def test_a_late_stray_nul_in_text_not_in_utf_8_is_dropped_with_a_warning(tmp_path, body, text):
    """A Windows-1252 file, or UTF-8 with one bad byte, holding a NUL after its first 8 KB was read (the NUL cleaned)
    until the check for stray NULs asked for valid UTF-8: then it was skipped as a binary file."""
    write(tmp_path, "a.txt", body * 200 + b"\x00The mayor said roads come first.")
    result = load_articles(tmp_path)
    assert only(result).text.startswith(text) and only(result).text.endswith("The mayor said roads come first.")
    assert "a.txt: 1 NUL byte dropped (a stray in text; a file with many is skipped as binary)" in result.warnings


def test_a_few_stray_nuls_in_a_short_article_are_dropped_with_a_warning(tmp_path):
    """Three NULs in a 2 KB article were more than one in 1,000 bytes: skipped as a binary file."""
    sentence = b"The council met on Monday to discuss the budget. "
    write(tmp_path, "a.txt", b"\x00".join([sentence * 10] * 4))  # 1,963 bytes
    result = load_articles(tmp_path)
    assert only(result).text == (sentence * 40).decode()
    assert result.warnings == ("a.txt: 3 NUL bytes dropped (a stray in text; a file with many is skipped as binary)",)


def test_a_stray_nul_after_the_last_json_record_keeps_the_records(tmp_path):
    write(tmp_path, "feed.jsonl", b'{"id": "a", "text": "Story one about the budget"}\n\x00')
    result = load_articles(tmp_path)
    assert only(result).id == "a" and result.skipped == ()
