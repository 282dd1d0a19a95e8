"""Tests for reuse.load: folder or file -> Articles."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

import reuse
from reuse import formats, load, parallel
from reuse.config import LoadConfig
from reuse.errors import InputError
from reuse.load import LoadResult, load_articles, load_file
from reuse.model import Article, Skipped
from reuse.pipeline import scan

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "load"
LONG_LINE = " ".join(["word"] * 26)


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def only(result: LoadResult) -> Article:
    assert len(result.articles) == 1, result
    return result.articles[0]


def by_id(result: LoadResult) -> dict[str, Article]:
    return {art.id: art for art in result.articles}


@pytest.fixture(params=["trafilatura", "builtin"])
def html_backend(request, monkeypatch):
    """Run an HTML test with trafilatura (when importable) and with the built-in fallback."""
    if request.param == "trafilatura":
        module, problem = formats.trafilatura_module()
        if module is None:
            pytest.skip(f"trafilatura cannot be imported here: {problem}")
    else:
        monkeypatch.setattr(formats, "trafilatura_module", lambda: (None, "disabled by the test"))
    return request.param


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every attempt to open a connection or resolve a name, and fail the test if there was one.

    The attempts are counted, not only refused: the loader turns a parser's
    exception into a skipped file, so a refusal alone could pass unseen.
    """
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


# -- the real samples ---------------------------------------------------------------------


def test_samples_load_with_ids_and_round_trip():
    result = load_articles(SAMPLES)
    ids = [art.id for art in result.articles]
    assert ids == sorted(path.name for path in SAMPLES.glob("*.txt"))
    assert "000_8e3492a7910b80bc.txt" in ids
    assert result.skipped == () and result.warnings == ()
    for art in result.articles:
        raw = (SAMPLES / art.id).read_bytes().decode("utf-8").replace("\r\n", "\n")
        assert art.text == raw
        assert art.path == art.id
        assert art.outlet == art.id.removesuffix(".txt")


def test_samples_titles_follow_the_first_line_rule():
    arts = by_id(load_articles(SAMPLES))
    assert arts["000_8e3492a7910b80bc.txt"].title is None  # first line is a 27-word sentence
    title = "Kremlin says Trump criticism won’t hit US-Russia prisoner swap plans"
    assert arts["001_eabe8ba3545e1c71.txt"].title == title


def test_load_is_deterministic_and_progress_is_reported(tmp_path):
    names = ["b/z.txt", "a.txt", "b/a.md", "c.jsonl", "A.txt"]
    for order, folder in ((names, tmp_path / "one"), (names[::-1], tmp_path / "two")):
        for name in order:
            write(folder, name, '{"text": "same text"}' if name.endswith("jsonl") else f"Text of {name}\n")
    calls = []
    one = load_articles(tmp_path / "one", progress=lambda *args: calls.append(args))
    assert one == load_articles(tmp_path / "two")
    assert [art.id for art in one.articles] == ["A.txt", "a.txt", "b/a.md", "b/z.txt", "c.jsonl#1"]
    assert calls == [("load", done, 5) for done in range(6)]


# -- walking a folder ---------------------------------------------------------------------


def test_folder_walk_filters_hidden_and_unknown_files(tmp_path):
    write(tmp_path, "keep/UPPER.TXT", "Upper case extension")
    write(tmp_path, "page.Html", (FIXTURES / "junk_page.html").read_text(encoding="utf-8"))
    write(tmp_path, "notes.docx", "not an article")
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n....")
    write(tmp_path, ".hidden.txt", "hidden file")
    write(tmp_path, ".git/HEAD.txt", "hidden folder")
    result = load_articles(tmp_path)
    assert [art.id for art in result.articles] == ["keep/UPPER.TXT", "page.Html"]
    assert result.skipped == ()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlinked_folders_are_not_followed_and_broken_links_are_skipped(tmp_path):
    write(tmp_path, "real/a.txt", "An article")
    (tmp_path / "real" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = load_articles(tmp_path)
    assert [art.id for art in result.articles] == ["real/a.txt"]
    assert [s.path for s in result.skipped] == ["gone.txt", "real/loop/"]
    assert "broken symbolic link" in result.skipped[0].reason and "missing.txt" in result.skipped[0].reason
    assert result.skipped[1].reason == "a symbolic link to a folder: not followed (scan the folder it leads to on its own)"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_a_file_of_the_folder_is_not_read_twice(tmp_path):
    """Read under both names, a file was a whole verbatim copy of itself and doubled its pairs with every copy of it.
    A link to a file outside the folder is read, once however many links lead to it."""
    folder, outside = tmp_path / "folder", tmp_path / "outside"
    write(folder, "real/a.txt", "An article")
    write(outside, "b.txt", "Another article")
    (folder / "alias.txt").symlink_to(folder / "real" / "a.txt")
    (folder / "b1.txt").symlink_to(outside / "b.txt")
    (folder / "b2.txt").symlink_to(outside / "b.txt")
    result = load_articles(folder)
    assert [art.id for art in result.articles] == ["b1.txt", "real/a.txt"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("alias.txt", "a symbolic link to real/a.txt, which is read: not read twice"),
        ("b2.txt", "a symbolic link to the file b1.txt leads to, read as b1.txt: not read twice"),
    ]


def test_single_file_id_is_its_name(tmp_path):
    path = write(tmp_path, "deep/story.txt", "Headline\n\nBody text.")
    art = only(load_articles(path))
    assert (art.id, art.path, art.outlet, art.title) == ("story.txt", "story.txt", "story", "Headline")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(lambda d: d / "nowhere", "does not exist", id="missing"),
        pytest.param(lambda d: d, "No articles found in", id="empty-folder"),
        pytest.param(lambda d: write(d, "x.pdf", "a") and d, "No articles found in", id="only-other-files"),
        pytest.param(lambda d: write(d, "x.pdf", "a"), "is not an article file", id="unsupported-file"),
    ],
)
def test_unusable_input_raises_input_error(tmp_path, setup, message):
    path = setup(tmp_path)
    with pytest.raises(InputError, match=message) as info:
        load_articles(path)
    assert f"'{path}'" in str(info.value)
    assert ".txt, .md, .html, .json or .jsonl" in str(info.value)


def test_folder_whose_files_are_all_skipped_is_not_an_error(tmp_path):
    write(tmp_path, "empty.txt", "  \n\t\n")
    write(tmp_path, "scan.txt", b"%PDF-1.7\n...")
    result = load_articles(tmp_path)
    assert result.articles == ()
    assert result.skipped == (
        Skipped("empty.txt", "empty file"),
        Skipped("scan.txt", "binary file (looks like PDF): convert it to text first"),
    )


def test_unreadable_file_is_skipped_with_the_os_error(tmp_path, monkeypatch):
    write(tmp_path, "locked.txt", "secret")
    write(tmp_path, "open.txt", "public")

    real_open = os.open

    def fake_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    # Simulated: tests may run as root, whom chmod 000 does not stop (tests/test_nasty.py also tries the real thing).
    monkeypatch.setattr(os, "open", fake_open)
    result = load_articles(tmp_path)
    assert [art.id for art in result.articles] == ["open.txt"]
    assert result.skipped[0].path == "locked.txt"
    assert "Permission denied" in result.skipped[0].reason


# -- plain text and Markdown --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param("Short headline\nBody.", "Short headline", id="first-line"),
        pytest.param("\n\n   Padded headline  \nBody.", "Padded headline", id="leading-blank-lines"),
        pytest.param(f"{LONG_LINE}\nBody.", None, id="26-words-is-too-long"),
        pytest.param(" ".join(["word"] * 25) + "\nBody.", " ".join(["word"] * 25), id="25-words"),
    ],
)
def test_txt_title_is_a_short_first_line(tmp_path, text, title):
    write(tmp_path, "a.txt", text)
    art = only(load_articles(tmp_path))
    assert art.title == title
    assert art.text == text


def test_text_is_normalised(tmp_path):
    write(tmp_path, "a.txt", "Line one\r\nLine two\rLine\x1b three\x07\tend cafe\u0301\x0c")
    write(tmp_path, "b.json", '{"text": "NUL\\u0000 and\\r\\nCRLF cafe\\u0301"}')  # a raw NUL would mean binary
    assert [art.text for art in load_articles(tmp_path).articles] == [
        "Line one\nLine two\nLine three\tend caf\u00e9",
        "NUL and\nCRLF caf\u00e9",
    ]


def test_markdown_front_matter_is_metadata_and_leaves_the_text(tmp_path):
    write(
        tmp_path,
        "story.md",
        "---\ntitle: \"Front matter title\"\noutlet: The Daily Planet\nurl: https://planet.example/a\n"
        "published: 2025-05-27T09:30:00Z\ncanonical: https://wire.example/a\ntags:\n  - ignored\n---\n\n"
        "# Heading in the text\n\nBody paragraph.\n",
    )
    art = only(load_articles(tmp_path))
    assert art.text == "# Heading in the text\n\nBody paragraph.\n"
    assert (art.title, art.outlet, art.url) == ("Front matter title", "The Daily Planet", "https://planet.example/a")
    assert (art.published, art.canonical) == ("2025-05-27T09:30:00Z", "https://wire.example/a")


def test_markdown_title_from_the_first_heading(tmp_path):
    text = "Intro line without a hash.\n\n## Second-level heading ##\n\n# Later heading\n"
    write(tmp_path, "news.md", text)
    art = only(load_articles(tmp_path))
    assert (art.title, art.text, art.outlet) == ("Second-level heading", text, "news")


def test_markdown_unclosed_front_matter_is_text_with_a_warning(tmp_path):
    write(tmp_path, "open.md", "---\ntitle: never closed\n\nBody.")
    result = load_articles(tmp_path)
    assert only(result).text.startswith("---\ntitle")
    assert result.warnings == (
        "open.md: front matter opened by '---' is never closed; read as text (add a '---' line)",
    )


# -- JSON and JSONL -----------------------------------------------------------------------


def test_json_single_object_and_list(tmp_path):
    write(tmp_path, "one.json", '{"text": "Single record", "title": "T", "outlet": "Wire"}')
    write(
        tmp_path,
        "many.json",
        '[{"id": 7, "body": "Numeric id"}, {"content": "No id"}, {"title": "no text"},'
        ' {"text": ["not", "a", "string"]}, "not an object", {"text": "  "}]',
    )
    result = load_articles(tmp_path)
    arts = by_id(result)
    assert sorted(arts) == ["7", "many.json#2", "one.json#1"]
    assert (arts["one.json#1"].title, arts["one.json#1"].outlet) == ("T", "Wire")
    assert arts["7"].text == "Numeric id" and arts["7"].path == "many.json"
    assert [s.path for s in result.skipped] == ["many.json#3", "many.json#4", "many.json#5", "many.json#6"]
    reasons = [s.reason for s in result.skipped]
    assert reasons[0] == "no 'text', 'body' or 'content' field: put the article text in 'text'"
    assert reasons[1] == "'text' is a JSON list, not a string"
    assert reasons[2] == "record is a JSON str, not an object with a 'text' field"
    assert reasons[3] == "empty 'text'"


def test_records_nested_under_a_key_are_said_to_be(tmp_path):
    """``{"articles": [...]}`` was skipped as 'w.json#1' with no 'text' field, which told nothing of the layout."""
    write(tmp_path, "w.json", '{"status": "ok", "articles": [{"text": "One."}, {"text": "Two."}]}')
    write(tmp_path, "one.json", '{"text": "A record whose tags are a list", "tags": [{"name": "port"}]}')
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["one.json#1"]
    assert result.skipped == (Skipped("w.json", "the records are nested under 'articles': make the file a JSON list of them "
                                                "([{\"text\": ...}, ...]), or one record a line in a .jsonl file"),)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param('{"text": "unterminated', "invalid JSON", id="malformed"),
        pytest.param("[]", "no records (the JSON list is empty)", id="empty-list"),
    ],
)
def test_bad_json_file_is_skipped(tmp_path, content, reason):
    write(tmp_path, "bad.json", content)
    result = load_articles(tmp_path)
    assert result.articles == ()
    assert result.skipped[0].path == "bad.json" and reason in result.skipped[0].reason


def test_jsonl_keeps_good_lines_around_a_malformed_one(tmp_path):
    lines = [
        '{"id": "a1", "text": "First", "url": "https://www.Wire.example/a1"}',
        '{"text": "Second", oops}',
        "",
        '{"text": "Third, no id"}',
        '{"text": 42}',
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    result = load_articles(tmp_path)
    # The default id numbers records (the contract's "#<record number>"; a blank line is none), the messages name lines.
    assert [art.id for art in result.articles] == ["a1", "feed.jsonl#3"]
    assert by_id(result)["a1"].outlet == "wire.example"
    assert [s.path for s in result.skipped] == ["feed.jsonl:2", "feed.jsonl:5"]
    assert result.skipped[0].reason.startswith("malformed JSON line (")
    assert result.skipped[0].reason.endswith("): fix or remove the line")


def test_jsonl_line_breaks_inside_strings_and_byte_order_marks_do_not_split_records(tmp_path):
    """A raw CR or NEL inside a JSON string is valid JSON, not the end of the line (they were: 6 lines skipped)."""
    records = [
        json.dumps({"id": "nel", "text": "First line\x85second line"}, ensure_ascii=False),
        '{"id": "cr", "text": "One\rTwo"}',
        "\ufeff" + json.dumps({"id": "bom", "text": "Joined after a byte-order mark"}),
    ]
    write(tmp_path, "feed.jsonl", "\r\n".join(records) + "\r\n")
    result = load_articles(tmp_path)
    assert result.skipped == ()
    assert {a.id: a.text for a in result.articles} == {
        "nel": "First line\nsecond line", "cr": "One\nTwo", "bom": "Joined after a byte-order mark"}


@pytest.mark.parametrize("name", ["dump.json", "feed.jsonl"])
def test_a_json_file_cut_at_max_bytes_before_its_first_record_ends_says_so(tmp_path, name):
    """Before: 'invalid JSON (Unterminated string ...): fix it' for a valid file, the real cause unsaid."""
    record = {"id": "a", "text": "word " * 400}
    write(tmp_path, name, json.dumps([record, record]) if name.endswith(".json") else json.dumps(record) + "\n")
    size = (tmp_path / name).stat().st_size
    result = load_articles(tmp_path, LoadConfig(max_bytes=1000))
    assert result.articles == ()
    (skip,) = result.skipped
    assert skip.path == name and "goes past the 1,000 bytes read (--max-bytes), so none of its records could be read: " in skip.reason
    assert f"raise --max-bytes above {size:,}" in skip.reason


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


def test_json_files_with_a_stray_control_byte_or_old_mac_line_ends_still_load(tmp_path):
    """Cleaned as a whole before, they loaded; parsed raw, a DOS end-of-file byte lost the file, CR line ends its records."""
    write(tmp_path, "a.json", json.dumps([{"id": "a", "text": "First story"}]) + "\x1a")
    write(tmp_path, "b.jsonl", "".join(json.dumps({"id": f"b{k}", "text": f"Story {k}"}) + "\r" for k in range(3)) + "\x1a")
    result = load_articles(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "b0", "b1", "b2"]
    assert result.skipped == ()


@pytest.mark.parametrize(("raw", "said"), [("1e999", "a JSON float, not a string or a whole number"),
                                           ("-" + "9" * 5000, "a number of more than 4,300 digits, too long to read")])
def test_an_id_that_is_no_whole_number_is_called_what_it_is(tmp_path, raw, said):
    write(tmp_path, "a.jsonl", '{"id": ' + raw + ', "text": "Body of the story"}\n')
    assert load_articles(tmp_path).warnings == (f"a.jsonl:1: 'id' is {said}; the record is a.jsonl#1",)


def test_an_id_with_control_characters_is_refused_and_the_record_keeps_its_own(tmp_path):
    """SQLite's JSON functions end a string at NUL: such an id blocked every later add of its folder."""
    write(tmp_path, "feed.jsonl", json.dumps({"id": "story\u00001", "text": "Body of the story"}) + "\n")
    result = load_articles(tmp_path)
    assert only(result).id == "feed.jsonl#1"
    assert result.warnings == ("feed.jsonl:1: 'id' holds control characters (such as NUL), which an id cannot; the record is feed.jsonl#1",)


def test_an_empty_text_field_gives_way_to_the_next_one_that_holds_text(tmp_path):
    write(tmp_path, "a.json", '{"text": "", "content": "The body is here"}')
    assert only(load_articles(tmp_path)).text == "The body is here"


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


def test_json_metadata_that_is_not_a_string_is_ignored_with_a_warning(tmp_path):
    write(tmp_path, "a.json", '{"text": "Body", "title": ["x"], "published": 20250527}')
    result = load_articles(tmp_path)
    assert (only(result).title, only(result).published) == (None, None)
    assert result.warnings == (
        "a.json#1: 'title' is a JSON list, not a string; ignored",
        "a.json#1: 'published' is a JSON int, not a string; ignored",
    )


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    # "\ud800" is valid JSON but half a UTF-16 pair: no UTF-8 report could hold it.
    write(tmp_path, "a.jsonl", '{"id": "x\\udc00", "title": "T \\ud800", "text": "one \\ud83d two \\ud83d\\ude00 three"}\n')
    art = only(load_articles(tmp_path))
    assert (art.id, art.title, art.text) == ("x\ufffd", "T \ufffd", "one \ufffd two \U0001f600 three")


# -- ids, outlets, dates ------------------------------------------------------------------


def test_duplicate_ids_are_made_unique_with_a_warning(tmp_path):
    write(tmp_path, "a.jsonl", '{"id": "x", "text": "one"}\n{"id": "x", "text": "two"}\n')
    write(tmp_path, "b.json", '[{"id": "x#2", "text": "literal"}, {"id": "x", "text": "three"}]')
    result = load_articles(tmp_path)
    assert {art.id: art.text for art in result.articles} == {"x": "one", "x#2": "literal", "x#3": "two", "x#4": "three"}
    assert result.warnings == (
        "a.jsonl: id 'x' is already used by an earlier record of the same file; renamed 'x#3' (give every article its own id)",
        "b.json: id 'x' is already used by a.jsonl; renamed 'x#4' (give every article its own id)",
    )


@pytest.mark.parametrize(
    ("record", "outlet"),
    [
        pytest.param({"outlet": "Reuters", "url": "https://apnews.example/x"}, "Reuters", id="metadata"),
        pytest.param({"url": "https://WWW.News.Example:8080/x"}, "news.example", id="url-domain"),
        pytest.param({"url": "not a url at all"}, "feed", id="bad-url-file-name"),
        pytest.param({}, "feed", id="file-name"),
    ],
)
def test_outlet_rules(tmp_path, record, outlet):
    write(tmp_path, "sub/feed.json", json.dumps({"text": "Body", **record}))
    assert only(load_articles(tmp_path)).outlet == outlet


@pytest.mark.parametrize(
    ("value", "published"),
    [
        pytest.param("2025-05-27", "2025-05-27", id="date"),
        pytest.param(" 2025-05-27T09:30:00Z ", "2025-05-27T09:30:00Z", id="utc-z-stripped"),
        pytest.param("2025-05-27T09:30:00+02:00", "2025-05-27T09:30:00+02:00", id="offset"),
        pytest.param("27 May 2025", None, id="prose"),
        pytest.param("2025-13-45", None, id="impossible"),
        pytest.param("\u0662\u0660\u0662\u0665-\u0660\u0665-\u0662\u0667", None, id="arabic-indic-digits"),
    ],
)
def test_published_dates(tmp_path, value, published):
    write(tmp_path, "a.jsonl", '{"text": "Body", "published": "%s"}\n' % value)
    result = load_articles(tmp_path)
    assert only(result).published == published
    if published is None:
        assert len(result.warnings) == 1
        assert result.warnings[0].startswith(f"a.jsonl:1: published date {value!r} is not ISO 8601")
    else:
        assert result.warnings == ()


# -- encodings and bad bytes --------------------------------------------------------------

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


def test_a_json_lines_file_cut_at_max_bytes_ends_at_its_last_whole_record(tmp_path):
    """The record cut in two is not called malformed; the warning says how many lines were read."""
    lines = [json.dumps({"id": f"r{k}", "text": f"Record number {k} of the dump."}) + "\n" for k in range(5)]
    write(tmp_path, "dump.jsonl", "".join(lines))
    limit = len("".join(lines[:3])) + 10  # inside the fourth record
    result = load_articles(tmp_path, LoadConfig(max_bytes=limit))
    assert [a.id for a in result.articles] == ["r0", "r1", "r2"] and result.skipped == ()
    assert result.warnings == (
        f"dump.jsonl: only its first {limit} bytes were read, 3 lines: the records after them were not (use --max-bytes to raise the limit)",
    )


def test_delete_and_the_c1_controls_go_and_nel_is_a_line_break(tmp_path):
    write(tmp_path, "a.txt", "The minister\x9b2J said\x7f on\x85Tuesday.")
    assert only(load_articles(tmp_path)).text == "The minister2J said on\nTuesday."


def test_truncated_utf16_is_cut_at_a_character_boundary(tmp_path):
    write(tmp_path, "a.txt", "Ωμέγα".encode("utf-16"))  # 2-byte BOM + 2 bytes per character
    assert only(load_articles(tmp_path, LoadConfig(max_bytes=7))).text == "Ωμ"


# -- HTML ---------------------------------------------------------------------------------


def test_html_main_text_without_page_junk(tmp_path, html_backend, no_network):
    shutil.copy(FIXTURES / "junk_page.html", tmp_path / "page.html")
    result = load_articles(tmp_path)
    art = only(result)
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0] == "Kremlin says prisoner swap on track"
    assert paragraphs[1].startswith("The Kremlin on Tuesday dismissed concerns")
    assert paragraphs[-1].endswith("no date had been set for the exchange itself.")
    assert len(paragraphs) == 4
    for junk in ("SCRIPTJUNK", "STYLEJUNK", "NAVJUNK", "MENUJUNK", "ASIDEJUNK", "FOOTERJUNK", "MORESCRIPTJUNK"):
        assert junk not in art.text
    assert art.title == "Kremlin says prisoner swap on track"
    assert art.outlet == "Daily Planet"
    assert art.url == "https://www.dailyplanet.example/world/swap"
    assert art.canonical == "https://wire.example/stories/kremlin-swap"
    assert art.published == "2025-05-27T10:00:00Z"
    fallback = [w for w in result.warnings if "built-in extractor" in w]
    assert len(fallback) == (html_backend == "builtin")


def test_html_in_greek(tmp_path, html_backend, no_network):
    shutil.copy(FIXTURES / "greek_page.htm", tmp_path / "greek_page.htm")
    art = only(load_articles(tmp_path))
    assert art.text.startswith("Νέα μέτρα για την οικονομία\n\nΗ κυβέρνηση ανακοίνωσε σήμερα")
    assert "NAVJUNK" not in art.text and "FOOTERJUNK" not in art.text
    assert (art.outlet, art.published) == ("Η Καθημερινή Εφημερίδα", "2025-03-01")
    assert art.canonical == "https://www.kathimerini.example/economy/1"


def test_html_without_main_text_is_skipped(tmp_path, html_backend):
    shutil.copy(FIXTURES / "no_text.html", tmp_path / "no_text.html")
    assert load_articles(tmp_path).skipped == (Skipped("no_text.html", "no main text found in the HTML"),)


@pytest.mark.parametrize("reference", ["&#11;", "&#12;", "&#7;", "&#x1b;", "&#0;"])
def test_a_control_character_reference_does_not_drop_the_page(tmp_path, html_backend, reference):
    """trafilatura found no text in a page holding one (a vertical tab pasted from a word processor)."""
    body = "<p>The minister said on Tuesday that the new budget would cut spending on roads across the country.</p>" * 3
    page = f"<html><head><title>Budget</title></head><body><article>{body}<p>Critics said it was unfair{reference} to farmers&#146; unions.</p></article></body></html>"
    write(tmp_path, "a.html", page)
    assert only(load_articles(tmp_path)).text.endswith("Critics said it was unfair to farmers’ unions.")


def test_html_never_fetches_even_when_it_looks_like_a_url(tmp_path, html_backend, no_network):
    write(tmp_path, "link.html", "https://example.com/2025/05/27/story.html")
    result = load_articles(tmp_path)
    assert [art.text for art in result.articles] + [s.path for s in result.skipped] in (
        ["https://example.com/2025/05/27/story.html"],
        ["link.html"],
    )


def test_html_outlet_falls_back_to_domain_then_file_name(tmp_path, html_backend):
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    write(tmp_path, "a.html", f'<html><head><meta property="og:url" content="https://www.Site.example/a">'
                              f"</head><body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "b.html", f"<html><body><article>{body}</article></body></html>")
    arts = by_id(load_articles(tmp_path))
    assert (arts["a.html"].outlet, arts["b.html"].outlet) == ("site.example", "b")
    assert arts["b.html"].published is None and arts["b.html"].canonical is None


def test_load_file_reports_relative_paths(tmp_path):
    path = write(tmp_path, "sub/dir/a.jsonl", '{"text": "x"}\nnot json\n')
    articles, skipped, warnings = load_file(path, tmp_path, LoadConfig())
    assert [art.id for art in articles] == ["sub/dir/a.jsonl#1"]
    assert [s.path for s in skipped] == ["sub/dir/a.jsonl:2"]
    assert warnings == []


# -- over the workers ---------------------------------------------------------------------


@pytest.fixture(params=["html", "all"], ids=["html-in-workers", "all-in-workers"])
def mixed(tmp_path, monkeypatch, request) -> Path:
    """A folder of every format, with broken files, duplicate ids and warnings; tiny chunks; HTML or every format sent to the workers."""
    monkeypatch.setattr(load, "LOAD_CHUNK", 2)
    monkeypatch.setattr(load, "LOAD_CHUNK_BYTES", 200)
    if request.param == "all":
        monkeypatch.setattr(load, "WORKER_KINDS", frozenset(formats.KINDS.values()))
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    for k in range(5):
        write(tmp_path, f"pages/{k}.html", f"<html><body><article><h1>Page {k}</h1>{body}</article></body></html>")
    write(tmp_path, "pages/empty.html", "<html><body><script>var x = 1;</script></body></html>")
    write(tmp_path, "pages/dup.htm", f'<html><head><meta property="article:published_time" content="2999-01-01">'
                                     f"</head><body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "a.txt", "Harbour talks resume\nThe council said on Tuesday that the talks would resume.\n")
    write(tmp_path, "b.md", "---\ntitle: Budget\ndate: 27 May 2025\n---\nThe budget was agreed.\n")
    write(tmp_path, "c.json", json.dumps([{"id": "a.txt", "text": "Same id as a file."}, {"id": "x", "text": "One."}]))
    write(tmp_path, "d.jsonl", '{"id": "x", "text": "Two."}\nnot json\n{"text": "Three.", "title": 5}\n')
    write(tmp_path, "e.html", f"<html><body><article>{body}</article></body></html>")
    write(tmp_path, "f.txt", b"\x00\x01\x02binary\x00" * 50)
    write(tmp_path, "g.json", "{broken")
    write(tmp_path, "h/latin1.txt", "Caf\xe9 cr\xe8me, d\xe9j\xe0 vu, na\xefve.", encoding="latin-1")
    write(tmp_path, "h/big.txt", "word " * 200, encoding="utf-8")
    write(tmp_path, "i.txt", "")
    write(tmp_path, "j.md", "---\ntitle: never closed\nThe text.\n")
    return tmp_path


@pytest.mark.parametrize("jobs", [2, 3], ids=["jobs2", "jobs3"])
def test_loading_over_workers_gives_the_same_result_and_progress(mixed, jobs):
    one_calls, many_calls = [], []
    one = load_articles(mixed, progress=lambda *args: one_calls.append(args))
    many = load_articles(mixed, progress=lambda *args: many_calls.append(args), jobs=jobs)
    assert many == one
    assert many_calls == one_calls == [("load", done, 18) for done in range(19)]
    assert [a.id for a in one.articles][:3] == ["a.txt", "a.txt#2", "b.md"]
    assert any("already used" in w for w in one.warnings) and any("not ISO 8601" in w for w in one.warnings)
    assert {s.path for s in one.skipped} >= {"f.txt", "g.json", "i.txt", "d.jsonl:2", "pages/empty.html"}
    assert any(w.startswith("pages/dup.htm: published date") for w in one.warnings)


def test_a_parser_failing_in_a_worker_skips_only_that_file(mixed, monkeypatch):
    def broken(text, rel, warnings):
        raise RecursionError("maximum recursion depth exceeded in a parser")

    monkeypatch.setitem(formats._READERS, "html", broken)
    one, two = load_articles(mixed), load_articles(mixed, jobs=2)
    assert two == one
    reason = "cannot be parsed (RecursionError: maximum recursion depth exceeded in a parser): please report this file to the reuse developers"
    assert [s for s in two.skipped if s.path.startswith("pages/")] == [
        Skipped(f"pages/{name}", reason) for name in ("0.html", "1.html", "2.html", "3.html", "4.html", "dup.htm", "empty.html")
    ]
    assert [a.id for a in two.articles] == ["a.txt", "a.txt#2", "b.md", "d.jsonl#3", "h/big.txt", "h/latin1.txt", "j.md", "x", "x#2"]


def test_chunks_are_cut_by_count_and_by_size(mixed):
    paths = [e for e in load.find_article_files(mixed).entries if isinstance(e, tuple)]
    chunks = [files for _, files in load._chunks(paths, LoadConfig(), 2)]
    assert [f for files in chunks for f in files] == paths
    sizes = [[min(os.stat(p).st_size, LoadConfig().max_bytes) for _, p in files] for files in chunks]
    assert all(len(files) <= 2 for files in chunks)
    assert all(sum(s) <= 200 or len(s) == 1 for s in sizes) and any(len(s) == 1 and s[0] > 200 for s in sizes)


def test_dask_workers_on_other_machines_leave_the_loading_here(mixed, monkeypatch):
    class Remote:  # a Dask client whose workers cannot see this disk: never used for loading
        pass

    monkeypatch.setattr(parallel, "shares_disk", lambda engine: False)
    assert load_articles(mixed, jobs=Remote()) == load_articles(mixed)


def test_missing_folder_is_refused_before_any_worker_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda *args: pytest.fail("workers started"))
    with pytest.raises(InputError, match="does not exist"):
        scan(tmp_path / "missing", jobs=2)


class _Listing:
    """``os.scandir`` with the entries in reverse order (a context manager, as scandir is)."""

    def __init__(self, real, path):
        with real(path) as listing:
            self.entries = list(listing)[::-1]

    def __enter__(self):
        return iter(self.entries)

    def __exit__(self, *exc):
        return False


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="names must be able to hold bytes that are not UTF-8")
def test_names_that_show_alike_get_their_ids_by_their_bytes_not_the_folders_order(tmp_path, monkeypatch):
    """``caf\\xe9.txt`` and ``caf\\xe8.txt`` both show as ``caf\\ufffd.txt``: one keeps the id, the other gets ``#2``.

    Which is which may not depend on the order the folder lists them in.
    """
    for name in (b"caf\xe9.txt", b"caf\xe8.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as out:
            out.write(b"The text of " + name.hex().encode() + b", with words enough to be an article.")
    found = [sorted((a.id, a.text) for a in load_articles(tmp_path).articles)]
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": _Listing(real, path))
    found.append(sorted((a.id, a.text) for a in load_articles(tmp_path).articles))
    assert [article_id for article_id, _ in found[0]] == ["caf\ufffd.txt", "caf\ufffd.txt#2"]
    assert found[0] == found[1]
    for name in (b"feed\xe9.jsonl", b"feed\xe8.jsonl"):  # JSON files too: their records are not of one file
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as out:
            out.write(b'{"id": "x", "text": "A story of its own in ' + name.hex().encode() + b'"}\n')
    assert any("'x' is already used by another file whose name shows the same" in w for w in load_articles(tmp_path).warnings)
    for name in (b"feed\xe9.jsonl", b"feed\xe8.jsonl"):
        os.remove(os.path.join(os.fsencode(tmp_path), name))
    # Not "an earlier record of the same file": another file, and what to do.
    assert load_articles(tmp_path).warnings == (
        "caf\ufffd.txt: id 'caf\ufffd.txt' is already used by another file whose name shows the same (its name holds "
        "bytes that are not UTF-8: rename one); renamed 'caf\ufffd.txt#2' (give every article its own id)",
    )


def test_a_published_time_is_kept_only_when_the_direction_evidence_can_read_it(tmp_path):
    """One reader for both: a value the loader keeps is one the direction uses, never silently unknown."""
    from reuse.times import parse_time

    records = [
        {"id": "kept-date", "text": "Some text of the article.", "published": "2025-05-20"},
        {"id": "kept-time", "text": "Some text of the article.", "published": "2025-05-20T09:30:00.123+02:00"},
        {"id": "zoned-date", "text": "Some text of the article.", "published": "2025-05-20Z"},
    ]
    write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    result = load_articles(tmp_path)
    published = {a.id: a.published for a in result.articles}
    assert published == {"kept-date": "2025-05-20", "kept-time": "2025-05-20T09:30:00.123+02:00", "zoned-date": None}
    assert all(parse_time(value) is not None for value in published.values() if value is not None)
    assert any("'2025-05-20Z' is not ISO 8601" in w for w in result.warnings)


def test_a_record_id_must_be_a_string_or_a_whole_number(tmp_path):
    records = [{"id": 7, "text": "Seven."}, {"id": True, "text": "True."}, {"id": {"x": 1}, "text": "Object."}, {"id": "s", "text": "S."}]
    write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    result = load_articles(tmp_path)
    assert sorted(a.id for a in result.articles) == ["7", "feed.jsonl#2", "feed.jsonl#3", "s"]
    assert sum("'id' is a JSON" in w for w in result.warnings) == 2


def test_an_html_pages_time_in_json_ld_is_kept_to_the_minute(tmp_path, html_backend):
    """Many news pages give the time of publication only in JSON-LD; trafilatura's date is the day alone."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    ld = '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "datePublished": "2025-05-27T09:00:00Z"}]}'
    write(tmp_path, "a.html", f'<html><head><title>T</title><script type="application/ld+json">{ld}</script>'
                              f"</head><body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "b.html", '<html><head><script type="application/ld+json">{not json</script></head>'
                              f"<body><article>{body}</article></body></html>")  # fmt: skip
    arts = by_id(load_articles(tmp_path))
    assert arts["a.html"].published == "2025-05-27T09:00:00Z"
    assert arts["b.html"].published is None


def test_json_ld_nested_past_the_parsers_depth_is_passed_over(tmp_path):
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    deep = "[" * 5000 + "]" * 5000
    write(tmp_path, "a.html", f'<html><head><script type="application/ld+json">{deep}</script></head>'
                              f"<body><article>{body}</article></body></html>")  # fmt: skip
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a.html"] and not result.skipped


def test_a_page_whose_only_text_is_a_cookie_notice_is_skipped(tmp_path, html_backend):
    """A 404 or paywall page leaves the extractor its cookie box: every such page of a site paired with the others."""
    nav = '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>'
    cookie = "We use cookies to improve your experience on our website. By continuing to browse you agree to our use of cookies."
    write(tmp_path, "gone.html", f'<html><head><title>Page not found</title></head><body>{nav}<div class="cookie-banner">{cookie}</div></body></html>')
    brief = "The council approved the new harbour budget on Tuesday after a short debate, officials said."
    write(tmp_path, "brief.html", f'<html><body><div class="post has-social-share"><p>{brief}</p></div></body></html>')
    # A page's own classes, or a wrapper round the article, named like furniture: still the article.
    write(tmp_path, "consent.html", f'<html class="cookie-consent-pending"><body class="modal-open"><p>{brief}</p></body></html>')
    write(tmp_path, "wrapped.html", f'<html><body><div class="has-newsletter-signup"><article><h1>Budget</h1><p>{brief}</p></article></div></body></html>')
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["brief.html", "consent.html", "wrapped.html"]
    assert all(a.text.endswith(brief) for a in result.articles)
    assert result.skipped == (Skipped("gone.html", "no main text found in the HTML (only page furniture, such as a cookie notice or a paywall)"),)


def test_a_number_past_pythons_digit_limit_loses_no_record(tmp_path):
    """Python refuses to read an integer of more than 4,300 digits: the whole file was skipped as invalid JSON."""
    huge = "9" * 5000
    write(tmp_path, "feed.json", f'[{{"id": "a", "text": "The council approved the budget."}}, {{"id": "b", "text": "Shares rose.", "views": {huge}}}]')
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a", "b"] and result.skipped == ()


def test_an_id_too_long_to_read_as_a_number_is_called_so(tmp_path):
    write(tmp_path, "a.jsonl", '{"id": ' + "9" * 5000 + ', "text": "Body of the story"}\n')
    result = load_articles(tmp_path)
    assert only(result).id == "a.jsonl#1"
    assert result.warnings == ("a.jsonl:1: 'id' is a number of more than 4,300 digits, too long to read; the record is a.jsonl#1",)


def test_valid_json_records_keep_their_meaning_and_a_cr_inside_the_only_record_splits_nothing(tmp_path):
    """Control bytes were dropped before parsing: an escape in a value lost only its ESC, an id's control character went silently."""
    write(tmp_path, "a.jsonl", '{"id": "a\x01b", "text": "\x1b[31mAlert\x1b[0m: the bridge is closed"}\n')  # raw controls, valid JSON
    write(tmp_path, "one.jsonl", '{"id": "one", "text": "First line\rsecond line"}')  # raw CR, no final line end
    result = load_articles(tmp_path)
    texts = {a.id: a.text for a in result.articles}
    assert texts["a.jsonl#1"] == "Alert: the bridge is closed"  # the whole escape goes, and the id is refused
    assert any("'id' holds control characters" in w for w in result.warnings)
    assert texts["one"] == "First line\nsecond line"


def test_a_json_lines_file_of_cr_line_ends_cut_at_max_bytes_keeps_its_whole_records(tmp_path):
    write(tmp_path, "cr.jsonl", "".join(json.dumps({"id": f"r{k}", "text": f"Story number {k} of the feed"}) + "\r" for k in range(60)))
    result = load_articles(tmp_path, LoadConfig(max_bytes=2000))
    assert len(result.articles) > 20 and result.skipped == ()


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


def test_a_page_with_only_a_canonical_link_states_no_url_of_its_own(tmp_path, html_backend):
    """trafilatura gives the canonical link back, normalised: compared as written, it slipped through as the page's URL."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    write(tmp_path, "a.html", '<html><head><link rel="canonical" href="https://WWW.Original.example:443/Story">'
                              f"</head><body><article>{body}</article></body></html>")
    art = only(load_articles(tmp_path))
    assert (art.url, art.outlet) == (None, "a")
    assert art.canonical == "https://WWW.Original.example:443/Story"


def test_a_dos_end_of_file_byte_does_not_strip_the_records_own_control_characters(tmp_path):
    """The retry after a parse error stripped control bytes everywhere: an escape's tail stayed, a bad id went silently."""
    write(tmp_path, "a.json", '{"text": "hi \x1b[31mred\x1b[0m", "id": "x\x01"}\x1a')
    result = load_articles(tmp_path)
    assert only(result).text == "hi red" and only(result).id == "a.json#1"
    assert any("'id' holds control characters" in w for w in result.warnings)


def test_a_cut_one_record_json_lines_file_with_a_cr_in_its_text_says_its_line_is_too_long(tmp_path):
    write(tmp_path, "b.jsonl", '{"text": "para one\rpara two ' + "word " * 20 + '"}')
    result = load_articles(tmp_path, LoadConfig(max_bytes=60))
    (skip,) = result.skipped
    assert "its first line goes past the 60 bytes read" in skip.reason


def test_a_cut_cr_only_json_lines_file_with_a_broken_first_line_keeps_the_rest(tmp_path):
    lines = ['{"text": broken'] + [json.dumps({"id": f"r{k}", "text": f"Story number {k} of the feed"}) for k in range(20)]
    write(tmp_path, "cr.jsonl", "\r".join(lines) + "\r")
    result = load_articles(tmp_path, LoadConfig(max_bytes=1000))
    assert len(result.articles) >= 10
    assert [s.path for s in result.skipped] == ["cr.jsonl:1"]


def test_a_thai_page_with_a_byte_its_code_page_leaves_undefined_stays_thai(tmp_path):
    thai = "ประเทศไทยเปิดประเทศรับนักท่องเที่ยวอีกครั้ง " * 12
    page = '<html><head><meta charset="TIS-620"></head><body><article><p>'.encode() + thai.encode("cp874") + b"\xff</p></article></body></html>"
    write(tmp_path, "th.html", page)
    assert "ประเทศไทย" in only(load_articles(tmp_path)).text


def test_a_json_file_ending_in_a_unicode_space_loads(tmp_path):
    write(tmp_path, "a.json", json.dumps([{"id": "a", "text": "First story"}]) + "\n\u00a0\x1a")
    write(tmp_path, "b.jsonl", json.dumps({"id": "b", "text": "Second story"}) + "\u3000\n")
    result = load_articles(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "b"] and result.skipped == ()


def test_a_number_between_crs_in_one_records_text_does_not_make_it_cr_separated(tmp_path):
    write(tmp_path, "a.jsonl", json.dumps({"text": "placeholder"}).replace("placeholder", "the vote\r2026\rwas " + "long " * 300))
    (skip,) = load_articles(tmp_path, LoadConfig(max_bytes=1000)).skipped
    assert "its first line goes past the 1,000 bytes read" in skip.reason


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


_TIMED_BODY = "<p>The minister said on Tuesday that the new budget would cut spending on roads across the country.</p>" * 4


@pytest.mark.parametrize(("head", "body", "published"), [
    # an ISO 8601 time in the basic format was dropped for the extractor's date (found by a review)
    ('<meta name="pubdate" content="20251117T090500Z">', "", "2025-11-17T09:05:00Z"),
    ('<meta property="article:published_time" content="20251117T0905+0100">', "", "2025-11-17T09:05:00+01:00"),
    # the article's own <time> element
    ("", '<time itemprop="datePublished" datetime="2025-11-17T09:05:00+00:00">17 Nov</time>', "2025-11-17T09:05:00+00:00"),
    ("", '<time pubdate datetime="2025-11-17T09:05:00Z">17 Nov</time>', "2025-11-17T09:05:00Z"),
])
def test_a_pages_time_is_read_to_the_minute(tmp_path, html_backend, head, body, published):
    write(tmp_path, "a.html", f"<html><head><title>Budget</title>{head}</head><body><article>{body}{_TIMED_BODY}</article></body></html>")
    assert only(load_articles(tmp_path)).published == published


def test_a_time_element_not_the_articles_own_gives_no_time(tmp_path, html_backend):
    """A comment's, a ticker's or an update's <time> on the day of the page's date is no publication time: taken as
    one (a first version of this reading did), it made the original a copy of its scraper at 0.97 (found by a review)."""
    page = ("<html><head><title>Budget</title><meta property='article:published_time' content='2025-11-17'></head><body>"
            "<header><time datetime='2025-11-17T06:00:00Z'>6:00</time></header><article>{}<p>Updated "
            "<time datetime='2025-11-17T21:45:00Z'>21:45</time></p></article><div class='comments'>"
            "<time datetime='2025-11-17T23:10:00Z'>23:10</time></div></body></html>")
    write(tmp_path, "a.html", page.format(_TIMED_BODY))
    assert only(load_articles(tmp_path)).published == "2025-11-17"


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


def test_a_paywall_page_that_keeps_its_headline_is_skipped(tmp_path, html_backend):
    """The story's headline above a paywall box, its paragraphs run together in the markup: every such page of a
    site made a whole verbatim pair with the others. A paywalled story that shows its first paragraph is read."""
    box = ('<div class="paywall"><p>This article is for subscribers only. Subscribe now to get unlimited access to our '
           "journalism, the daily crossword and exclusive newsletters.</p><p>Already a subscriber? Log in to continue reading.</p></div>")
    for n in (1, 2):
        write(tmp_path, f"p{n}.html", f"<html><head><title>Story {n} - The Times</title></head><body><h1>Story headline {n} about the harbour</h1>{box}</body></html>")
    lead = "The council approved the new harbour budget on Tuesday after a short debate, officials said on Wednesday."
    write(tmp_path, "teaser.html", f"<html><body><h1>Harbour budget</h1><p>{lead}</p>{box}</body></html>")
    # A brief whose body the site marks as gated, inside its article: the article, not furniture.
    write(tmp_path, "gated.html", f'<html><body><article><h1>Harbour budget</h1><div class="article-body paywall"><p>{lead}</p></div></article></body></html>')
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["gated.html", "teaser.html"] and all(lead in a.text for a in result.articles)
    reason = "no main text found in the HTML (only page furniture, such as a cookie notice or a paywall)"
    assert result.skipped == (Skipped("p1.html", reason), Skipped("p2.html", reason))


def test_a_report_or_graph_written_into_the_folder_is_said_to_be_one(tmp_path, samples_dir):
    """The next scan had skipped 'report.json#1' telling the user to put the article text in 'text'."""
    import shutil

    from reuse.report import write_graph, write_html, write_json

    folder = tmp_path / "scan"
    folder.mkdir()
    for f in sorted(samples_dir.glob("*.txt"))[:2]:
        shutil.copy(f, folder / f.name)
    scanned = reuse.scan(folder)
    write_json(scanned, folder / "report.json")
    write_html(scanned, folder / "report.html", graph=False)  # was read as an article, the copy of both texts
    write_graph(scanned, folder / "graph.json")  # skipped, said to hold no 'text' field
    result = load_articles(folder)
    assert len(result.articles) == 2
    reason = "a reuse report, not an article file: write reports outside the scanned folder"
    assert result.skipped == (
        Skipped("graph.json", "a graph (node-link JSON, as `reuse scan --graph graph.json` writes), not an article file: "
                "write graphs outside the scanned folder"),
        Skipped("report.html", reason),
        Skipped("report.json", reason),
    )


def test_a_byline_is_read_from_a_page_a_record_and_front_matter(tmp_path):
    """Main-text extraction drops the byline, where pages credit a wire ("By John Irish (Reuters)"): it was lost, and a
    client's page read as carrying the agency's text uncredited (found by a review)."""
    body = "<p>" + "The government faced a vote of no confidence on Wednesday after the budget passed. " * 6 + "</p>"
    write(tmp_path, "page.html", f"<html><head><title>T</title></head><body><article><h1>T</h1>"
          f"<p class='byline'>By John  Irish (Reuters)</p>{body}</article></body></html>")
    write(tmp_path, "meta.html", f"<html><head><meta name='author' content='AFP'></head><body><article>{body}</article></body></html>")
    write(tmp_path, "none.html", f"<html><body><article>{body}</article></body></html>")
    write(tmp_path, "feed.jsonl", '{"id": "r1", "text": "Text one.", "author": ["Jo Bloggs", {"name": "AFP"}]}\n'
          '{"id": "r2", "text": "Text two.", "byline": "Reuters staff", "author": "ignored"}\n{"id": "r3", "text": "Text three."}\n')
    write(tmp_path, "note.md", "---\nauthor: Associated Press\n---\nText four, with words enough.\n")
    arts = by_id(load_articles(tmp_path))
    assert {k: a.byline for k, a in arts.items()} == {
        "page.html": "By John Irish (Reuters)", "meta.html": "AFP", "none.html": None,
        "r1": "Jo Bloggs, AFP", "r2": "Reuters staff", "r3": None, "note.md": "Associated Press",
    }


def test_a_byline_is_the_articles_own_and_every_json_author_form_is_read(tmp_path):
    """A "most read" list's byline before the article's, a comment's author and a navigation list of bylines were taken
    for the article's; JSON Feed's {"name": ...}, an empty byline beside an author and a null author beside authors were
    missed (found by a review)."""
    body = "<p>" + "The government faced a vote of no confidence on Wednesday after the budget passed. " * 6 + "</p>"
    write(tmp_path, "side.html", "<html><body><aside><span class='byline'>By Reuters</span></aside>"
          f"<article><p class='byline'>By Jane Doe</p>{body}<div class='comment-list'><span itemprop='author'>AP Fan 99</span>"
          "</div></article></body></html>")
    write(tmp_path, "nav.html", f"<html><head><meta name='author' content='Jane Doe'></head><body><nav class='bylines-nav'>"
          f"Authors Reuters AP</nav><article>{body}<p>Posted by <span itemprop='author' id='comment-3'>AFP_watcher</span>"
          "</p></article></body></html>")
    write(tmp_path, "feed.jsonl", '{"id": "f1", "text": "Text one.", "author": {"name": "AFP"}}\n'
          '{"id": "f2", "text": "Text two.", "author": null, "authors": ["Reuters"]}\n'
          '{"id": "f3", "text": "Text three.", "byline": "", "author": "AP"}\n')
    arts = by_id(load_articles(tmp_path))
    assert {k: a.byline for k, a in arts.items()} == {"side.html": "By Jane Doe", "nav.html": "Jane Doe", "f1": "AFP", "f2": "Reuters", "f3": "AP"}


def test_the_articles_byline_is_found_around_teasers_headers_comment_threads_and_json_ld(tmp_path):
    """A teaser <article> before the story gave its byline; a byline in a header above the <article>, a
    <span class="author">, a JSON-LD author and a Disqus thread's author were missed or taken (found by a review)."""
    story = "<p>" + "The government faced a vote of no confidence on Wednesday after the budget passed. " * 6 + "</p>"
    pages = {
        "teaser.html": f"<article class='card'><p class='byline'>By Tom Brown</p><p>Teaser.</p></article>"
                       f"<article><p class='byline'>By Jane Doe (Reuters)</p>{story}</article>",
        "header.html": f"<header><div class='byline'>By Jane Doe (Reuters)</div></header><article>{story}</article>",
        "span.html": f"<article><span class='author'>Jane Doe, Reuters</span>{story}</article>",
        "disqus.html": f"<article>{story}<section id='disqus_thread' class='discussion'><span itemprop='author'>AFP</span>"
                       "</section></article>",
        "jsonld.html": '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Organization", '
                       f'"name": "Reuters"}}}}</script><article>{story}</article>',
    }
    for name, body in pages.items():
        write(tmp_path, name, f"<html><head><title>T</title></head><body>{body}</body></html>")
    arts = by_id(load_articles(tmp_path))
    assert {k: a.byline for k, a in arts.items()} == {
        "teaser.html": "By Jane Doe (Reuters)", "header.html": "By Jane Doe (Reuters)", "span.html": "Jane Doe, Reuters",
        "disqus.html": None, "jsonld.html": "Reuters",
    }


def test_a_pages_time_of_modification_is_kept_apart_from_its_publication(tmp_path, html_backend):
    """An update keeps its page's publication time and states when it was changed: that time was not read at all."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    ld = '{"@type": "NewsArticle", "datePublished": "2025-05-27T09:00:00Z", "dateModified": "2025-05-27T15:30:00Z"}'
    write(tmp_path, "meta.html", '<html><head><meta property="article:published_time" content="2025-05-27T09:00:00Z"/>'
                                 '<meta property="article:modified_time" content="2025-05-27T14:00:00+01:00"/></head>'
                                 f"<body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "ld.html", f'<html><head><script type="application/ld+json">{ld}</script></head>'
                               f"<body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "bad.html", '<html><head><meta property="article:modified_time" content="yesterday"/></head>'
                                f"<body><article>{body}</article></body></html>")  # fmt: skip
    records = [{"id": "r1", "text": "Some text of a record.", "published": "2025-05-27", "modified": "2025-05-28T10:00:00Z"},
               {"id": "r2", "text": "Another record's text.", "modified": "2999-01-01"}]
    write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    result = load_articles(tmp_path)
    arts = by_id(result)
    assert arts["meta.html"].modified == "2025-05-27T14:00:00+01:00" and arts["meta.html"].published == "2025-05-27T09:00:00Z"
    assert arts["ld.html"].modified == "2025-05-27T15:30:00Z"
    assert arts["bad.html"].modified is None and arts["r2"].modified is None
    assert arts["r1"].modified == "2025-05-28T10:00:00Z"
    assert any("r2" in w or "feed.jsonl:2" in w for w in result.warnings if "modified" in w)


def test_paragraphs_nested_in_a_container_stay_apart(tmp_path, html_backend):
    """A page whose paragraphs are <div>s inside a <div class="article"> came out as one line: "обмен
    заключённымиМОСКВА", "Москвой.Трамп" (found by a review)."""
    first = "МОСКВА, 27 мая — РИА Новости. Кремль во вторник отверг опасения, что высказывания Трампа повлияют на обмен."
    second = "Трамп назвал президента России Владимира Путина «сумасшедшим» на выходных после массированной атаки беспилотников."
    write(tmp_path, "a.html", '<html><head><title>Песков</title></head><body><nav>Главная Политика</nav>'
                              '<div class="article"><h1>Песков: критика Трампа не повлияет на обмен</h1>'
                              f'<div class="article__text">{first}</div><div class="article__text">{second}</div></div></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert first in article.text.split("\n\n") and second in article.text.split("\n\n"), article.text


def test_a_consent_notice_before_the_article_is_no_part_of_it(tmp_path, html_backend):
    """A page that opens with its cookie-consent box: the box's text began the article, so an exact copy of the wire
    was "90% reused" (found by a review). A page that is nothing but the box is still skipped as furniture."""
    notice = ("Yahoo is part of the Yahoo family of brands. We and our partners use cookies to provide our sites and apps, "
              "authenticate users, apply security measures, and prevent spam and abuse.")
    story = " ".join(["The Kremlin said Tuesday that the prisoner exchange discussed by the two presidents would go ahead."] * 4)
    write(tmp_path, "a.html", f'<html><head><title>T</title></head><body><div id="consent-page"><p>{notice}</p></div>'
                              f'<div class="caas-body"><p>{story}</p><p>{story}</p></div></body></html>')  # fmt: skip
    write(tmp_path, "b.html", f'<html><head><title>T</title></head><body><div class="cookie-consent"><p>{notice}</p></div></body></html>')
    result = load_articles(tmp_path)
    (article,) = result.articles
    assert "cookies" not in article.text and story in article.text
    assert [s.path for s in result.skipped] == ["b.html"]


def test_a_wrapper_named_after_its_consent_box_keeps_the_article(tmp_path, html_backend):
    story = " ".join(["The Kremlin said Tuesday that the prisoner exchange discussed by the two presidents would go ahead."] * 4)
    write(tmp_path, "a.html", '<html><head><title>T</title></head><body><h1>Swap on track</h1><div class="has-cookie-consent">'
                              f'<p>{story}</p><p>{story} Talks resume next week.</p></div></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert "Talks resume next week." in article.text


def test_a_fact_box_named_after_a_privacy_law_keeps_its_text(tmp_path, html_backend):
    """A box explaining the GDPR inside the article (class "factbox gdpr-explainer") lost its paragraph: only a notice
    the page opens with is no part of the article (found by a review)."""
    story = " ".join(["The regulator fined the company for keeping customer data longer than the law allows."] * 4)
    fact = "Under the General Data Protection Regulation, companies must delete personal data they no longer need."
    write(tmp_path, "a.html", '<html><head><title>T</title></head><body><article><h1>Fine for data breach</h1>'
                              f'<p>{story}</p><div class="factbox gdpr-explainer"><p>{fact}</p></div><p>{story} More.</p>'
                              '</article></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert fact in article.text


def test_a_pages_unreadable_time_of_modification_is_passed_over_in_silence(tmp_path, html_backend):
    """og:updated_time as a Unix time warned on every page ("modified date '1716800000' is not ISO 8601"), a field the
    user cannot fix and the scan can do without (found by a review)."""
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    write(tmp_path, "a.html", '<html><head><meta property="og:updated_time" content="1716800000"/></head>'
                              f"<body><article>{body}</article></body></html>")  # fmt: skip
    result = load_articles(tmp_path)
    assert result.articles[0].modified is None and not [w for w in result.warnings if "modified" in w]


@pytest.mark.parametrize("box", [
    "<h2>We value your privacy</h2><p>{notice}</p>",
    "<p>{notice}</p><button>Accept all</button><p>{notice2}</p>",
])
def test_a_consent_box_with_a_heading_or_a_button_is_left_out_whole(tmp_path, html_backend, box):
    """A short heading or button inside the box stopped its removal, and its other paragraphs stayed (found by a second
    review)."""
    notice = "We and our partners use cookies to provide our sites and apps, authenticate users and prevent abuse."
    notice2 = "You can change your choices at any time by visiting the privacy dashboard linked in our footer."
    story = " ".join(["The Kremlin said Tuesday that the prisoner exchange discussed by the two presidents would go ahead."] * 4)
    inner = box.format(notice=notice, notice2=notice2)
    write(tmp_path, "a.html", f'<html><head><title>T</title></head><body><div id="consent-page">{inner}</div>'
                              f'<div class="caas-body"><p>{story}</p><p>{story}</p></div></body></html>')  # fmt: skip
    (article,) = load_articles(tmp_path).articles
    assert "cookies" not in article.text and "privacy dashboard" not in article.text and story in article.text


@pytest.mark.parametrize(("published", "read"), [
    ("20250612T124000Z", "2025-06-12T12:40:00Z"),
    ("20250612T1240+0200", "2025-06-12T12:40:00+02:00"),
    ("2025-06-12T12:40:00Z", "2025-06-12T12:40:00Z"),
])
def test_a_records_time_in_the_basic_format_is_read(tmp_path, published, read):
    """A record's ISO 8601 time in the basic format was refused as "not ISO 8601" (a page's was read; found by a review)."""
    write(tmp_path, "a.jsonl", json.dumps({"text": "The minister said on Tuesday that roads would be cut.", "published": published}) + "\n")
    result = load_articles(tmp_path)
    assert only(result).published == read
    assert not result.warnings


def test_files_of_kinds_not_read_are_counted_in_a_warning(tmp_path):
    """rates.php, a file without an extension and wire.ndjson were neither read nor said (found by a review)."""
    write(tmp_path, "a.txt", "The minister said on Tuesday that roads would be cut.")
    for name in ("rates.php", "rates", "sub/wire.ndjson"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        write(tmp_path, name, "The minister said on Tuesday that roads would be cut.")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a.txt"]
    (warning,) = result.warnings
    assert warning.startswith("3 files not read, of kinds reuse does not read (.ndjson: 1, .php: 1, no extension: 1; e.g. rates)")


def test_a_saved_pages_assets_are_not_counted_as_files_not_read(tmp_path):
    """The review of this change: a saved page's page_files/ (scripts, styles, images) would each be "not read"."""
    write(tmp_path, "page.html", "<html><body><article><p>The minister said on Tuesday that roads would be cut.</p></article></body></html>")
    for name in ("page_files/app.js", "page_files/style.css", "logo.png", "notes.php"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (warning,) = [w for w in load_articles(tmp_path).warnings if "not read" in w]
    assert warning.startswith("1 file not read, of kinds reuse does not read (.php: 1; e.g. notes.php)")


def test_a_time_not_read_is_quoted_as_the_record_gives_it(tmp_path):
    write(tmp_path, "a.jsonl", json.dumps({"text": "The minister said on Tuesday that roads would be cut.", "published": "20250612T2400Z"}) + "\n")
    (warning,) = load_articles(tmp_path).warnings
    assert "'20250612T2400Z' is not ISO 8601" in warning
