"""Reading each kind of file (reuse.formats): plain text and Markdown, JSON and JSON lines records, their ids,
outlets and times."""

from __future__ import annotations

import json

import pytest

from reuse.config import LoadConfig
from reuse.load import load_articles
from reuse.model import Skipped

from loading import LONG_LINE, by_id, only, write


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
    assert reasons[1] == "'text' is a list, not a string: put the article text in 'text' as one string"
    assert reasons[2] == "record is a string, not an object: write each record as an object with the article text in 'text'"
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


def test_json_files_with_a_stray_control_byte_or_old_mac_line_ends_still_load(tmp_path):
    """Cleaned as a whole before, they loaded; parsed raw, a DOS end-of-file byte lost the file, CR line ends its records."""
    write(tmp_path, "a.json", json.dumps([{"id": "a", "text": "First story"}]) + "\x1a")
    write(tmp_path, "b.jsonl", "".join(json.dumps({"id": f"b{k}", "text": f"Story {k}"}) + "\r" for k in range(3)) + "\x1a")
    result = load_articles(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "b0", "b1", "b2"]
    assert result.skipped == ()


@pytest.mark.parametrize(("raw", "said"), [("1e999", "a number too large to read exactly: give the id as a string"),
                                           ("1.5", "a number with a fraction: give the id as a string"),
                                           # A whole number was called "a number that is not a whole one".
                                           ("3.0", 'a whole number written with a decimal point or an exponent: write 3 or "3"'),
                                           ("1e3", 'a whole number written with a decimal point or an exponent: write 1000 or "1000"'),
                                           ("1e300", "a number too large to read exactly: give the id as a string"),
                                           ("true", "true or false, not a string or a whole number"),
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


def test_json_metadata_that_is_not_a_string_is_ignored_with_a_warning(tmp_path):
    write(tmp_path, "a.json", '{"text": "Body", "title": ["x"], "published": 20250527}')
    result = load_articles(tmp_path)
    assert (only(result).title, only(result).published) == (None, None)
    assert result.warnings == (
        "a.json#1: 'title' is a list, not a string; ignored",
        "a.json#1: 'published' is a number, not a string; it is left unknown (give it as ISO 8601, like 2025-05-27 or "
        "2025-05-27T09:30:00Z)",
    )


def test_duplicate_ids_are_made_unique_with_a_warning(tmp_path):
    write(tmp_path, "a.jsonl", '{"id": "x", "text": "one"}\n{"id": "x", "text": "two"}\n')
    write(tmp_path, "b.json", '[{"id": "x#2", "text": "literal"}, {"id": "x", "text": "three"}]')
    result = load_articles(tmp_path)
    assert {art.id: art.text for art in result.articles} == {"x": "one", "x#2": "literal", "x#3": "two", "x#4": "three"}
    assert result.warnings == (
        "a.jsonl:2: id 'x' is already used by a.jsonl:1; renamed 'x#3' (give every article its own id)",
        "b.json#2: id 'x' is already used by a.jsonl:1; renamed 'x#4' (give every article its own id)",
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
        pytest.param("Tue, 27 May 2025 09:30:00 IST", None, id="rfc-2822-zone-name-not-the-rfcs"),
        pytest.param("Thu, 31 Feb 2025 09:30:00 GMT", None, id="rfc-2822-impossible"),
        pytest.param("27/05/2025", None, id="day-or-month-first"),
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
    assert [w.split(": 'id' is ")[1] for w in result.warnings] == ["true or false, not a string or a whole number; the record is feed.jsonl#2",
                                                                "an object, not a string or a whole number; the record is feed.jsonl#3"]


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


def test_a_json_file_ending_in_a_unicode_space_loads(tmp_path):
    write(tmp_path, "a.json", json.dumps([{"id": "a", "text": "First story"}]) + "\n\u00a0\x1a")
    write(tmp_path, "b.jsonl", json.dumps({"id": "b", "text": "Second story"}) + "\u3000\n")
    result = load_articles(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "b"] and result.skipped == ()


def test_a_number_between_crs_in_one_records_text_does_not_make_it_cr_separated(tmp_path):
    write(tmp_path, "a.jsonl", json.dumps({"text": "placeholder"}).replace("placeholder", "the vote\r2026\rwas " + "long " * 300))
    (skip,) = load_articles(tmp_path, LoadConfig(max_bytes=1000)).skipped
    assert "its first line goes past the 1,000 bytes read" in skip.reason


@pytest.mark.parametrize(("published", "read"), [
    ("20250612T124000Z", "2025-06-12T12:40:00Z"),
    ("20250612T1240+0200", "2025-06-12T12:40:00+02:00"),
    ("2025-06-12T12:40:00Z", "2025-06-12T12:40:00Z"),
    # RSS's pubDate (RFC 2822) was "not ISO 8601" and lost: a feed scraper's every time, though it names one instant.
    ("Thu, 12 Jun 2025 12:40:00 +0200", "2025-06-12T12:40:00+02:00"),
    ("12 Jun 2025 12:40 GMT", "2025-06-12T12:40:00Z"),
    ("Thu, 12 Jun 2025 12:40:00 -0000", "2025-06-12T12:40:00Z"),  # UTC, the source's own zone unsaid (RFC 2822 3.3)
    # RFC 2822 times a reviewer found lost: a one-digit hour, the RFC's zone names, a comment, full names, a fraction.
    ("Thu, 5 Jun 2025 9:40:00 +0200", "2025-06-05T09:40:00+02:00"),
    ("Thu, 05 Jun 2025 09:40:00 EDT", "2025-06-05T09:40:00-04:00"),
    ("Thu, 05 Jun 2025 09:40:00 PST", "2025-06-05T09:40:00-08:00"),
    ("5 Jun 2025 09:40 UT", "2025-06-05T09:40:00Z"),
    ("Thu, 05 Jun 2025 09:40:00 +0200 (CEST)", "2025-06-05T09:40:00+02:00"),
    ("Thursday, 5 June 2025 09:40:00 +0200", "2025-06-05T09:40:00+02:00"),
    ("Thu, 05 Jun 2025 09:40:00.250 +0200", "2025-06-05T09:40:00.250+02:00"),
])
def test_a_records_time_in_the_basic_format_is_read(tmp_path, published, read):
    """A record's ISO 8601 time in the basic format was refused as "not ISO 8601" (a page's was read; found by a review)."""
    write(tmp_path, "a.jsonl", json.dumps({"text": "The minister said on Tuesday that roads would be cut.", "published": published}) + "\n")
    result = load_articles(tmp_path)
    assert only(result).published == read
    assert not result.warnings


def test_a_time_not_read_is_quoted_as_the_record_gives_it(tmp_path):
    write(tmp_path, "a.jsonl", json.dumps({"text": "The minister said on Tuesday that roads would be cut.", "published": "20250612T2400Z"}) + "\n")
    (warning,) = load_articles(tmp_path).warnings
    assert "'20250612T2400Z' is not ISO 8601" in warning
