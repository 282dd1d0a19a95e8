"""The writers, on a hand-made result: they must not depend on the detector."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import stat
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reuse
from reuse.config import ScanConfig, SketchConfig
from reuse.errors import ConfigError, ReuseError
from reuse.model import Article
from reuse.pipeline import scan_articles
from reuse.report import SCHEMA_VERSION, dumps_report, render_text, report_dict, sanitize, write_json
from reuse.report.columns import columns

ARTICLE_KEYS = {"id": str, "outlet": str, "title": (str, type(None)), "url": (str, type(None)),
                "published": (str, type(None)), "words": int}
PASSAGE_KEYS = {"a_start": int, "a_end": int, "b_start": int, "b_end": int, "kind": str, "similarity": float}
EVIDENCE_KEYS = {"name", "value", "favours", "weight", "note"}
KINDS = {"verbatim", "light-rewrite", "heavy-rewrite", "shared-quotes"}
RELATIONS = {"copied", "common-source", "undetermined"}


@pytest.fixture
def result(make_result):
    return make_result()


@pytest.fixture
def report(result):
    return report_dict(result, ScanConfig())


# --- JSON ---------------------------------------------------------------------


def test_report_top_level(report, result):
    assert list(report)[:2] == ["schema_version", "generator"]
    assert {"schema_version", "config_fingerprint", "articles", "skipped", "pairs"} <= set(report)
    assert report["schema_version"] == SCHEMA_VERSION == 1
    assert report["generator"] == f"reuse {reuse.__version__}"
    assert report["config_fingerprint"] == result.config_fingerprint == ScanConfig().fingerprint()
    assert report["config"] == ScanConfig().to_dict()
    assert report["warnings"] == ["huge.txt: read only the first 20000000 bytes"]
    assert report["skipped"] == [{"path": "broken.html", "reason": "not valid UTF-8 and no declared encoding"}]


def test_report_articles(report, result):
    assert [a["id"] for a in report["articles"]] == ["a.txt", "b.txt", "c.txt"]
    for entry, article in zip(report["articles"], result.articles):
        for key, kind in ARTICLE_KEYS.items():
            assert isinstance(entry[key], kind), key
        assert entry["words"] == article.words
        assert entry["chars"] == len(article.text)
    assert report["articles"][1]["title"] is None
    assert report["articles"][1]["canonical"] == "https://daily.example/kremlin-swap"


def test_report_pairs(report):
    ids = {a["id"] for a in report["articles"]}
    assert [(p["a"], p["b"]) for p in report["pairs"]] == [("a.txt", "b.txt"), ("b.txt", "c.txt")]
    for pair in report["pairs"]:
        assert pair["a"] in ids and pair["b"] in ids
        assert pair["kind"] in KINDS
        assert pair["extent"] in {"whole", "partial"}
        assert set(pair["containment"]) == {"a", "b"}
        assert isinstance(pair["verbatim_share"], float)
        for passage in pair["passages"]:
            for key, kind in PASSAGE_KEYS.items():
                assert isinstance(passage[key], kind), key
            assert passage["kind"] in KINDS
            assert {"verbatim_share", "quote_share"} <= set(passage)
        direction = pair["direction"]
        assert direction["relation"] in RELATIONS
        assert direction["source"] in ids | {None}
        assert direction["derived"] in ids | {None}
        assert 0 <= direction["confidence"] <= 1
        for signal in direction["evidence"]:
            assert set(signal) == EVIDENCE_KEYS
    first = report["pairs"][0]
    assert first["containment"] == {"a": 0.6667, "b": 0.8571}
    assert first["similarity"] == 0.9877
    assert first["direction"]["relation"] == "copied"
    assert (first["direction"]["source"], first["direction"]["derived"]) == ("a.txt", "b.txt")
    assert first["direction"]["evidence"][0]["favours"] == "a.txt"
    assert first["direction"]["evidence"][2]["value"] == 0.8571
    undetermined = report["pairs"][1]["direction"]
    assert (undetermined["relation"], undetermined["source"], undetermined["derived"]) == ("undetermined", None, None)


def test_passage_offsets_slice_the_loaded_text(report, result):
    texts = {a.id: a.text for a in result.articles}
    shared = {pair["a"]: pair for pair in report["pairs"]}["a.txt"]
    excerpts = [
        (texts["a.txt"][p["a_start"] : p["a_end"]], texts["b.txt"][p["b_start"] : p["b_end"]])
        for p in shared["passages"]
    ]
    assert excerpts == [
        ("The Kremlin on Tuesday said the prisoner exchange plan remains on track despite the remarks.",) * 2,
        ("“We are on track,” Peskov said.",) * 2,
    ]


def test_passages_in_text_order(report):
    starts = [p["a_start"] for p in report["pairs"][0]["passages"]]
    assert starts == sorted(starts)


def _floats(node):
    if isinstance(node, float):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _floats(value)
    elif isinstance(node, list):
        for value in node:
            yield from _floats(value)


def test_floats_rounded_to_four_decimals(report):
    floats = list(_floats(report))
    assert floats
    assert all(round(x, 4) == x for x in floats)


def test_round_trip_through_json(result):
    text = dumps_report(result, ScanConfig())
    assert json.loads(text) == report_dict(result, ScanConfig())
    assert text.endswith("\n")
    assert dumps_report(result, ScanConfig()) == text, "two dumps of one result must be identical"


# What a report holds: text of any kind (quotes, backslashes, control
# characters, line separators, astral characters), ints and four-decimal floats.
_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 4))
    | st.text(st.characters(blacklist_categories=("Cs",)))
)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@given(value=_JSON_VALUES)
@settings(max_examples=300, deadline=None)
def test_the_fast_encoder_writes_what_the_standard_library_writes(value):
    # The report is encoded by orjson; its bytes must be the documented json.dumps layout.
    import orjson

    expected = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE) == expected.encode("utf-8")


def test_the_report_is_the_standard_librarys_layout(result):
    expected = json.dumps(report_dict(result, ScanConfig()), ensure_ascii=False, indent=2) + "\n"
    assert dumps_report(result, ScanConfig()) == expected


def test_text_json_cannot_hold_is_a_clear_error(result):
    # A caller's article holding half a UTF-16 pair (the loader replaces them).
    broken = dataclasses.replace(result.articles[0], title="half \ud800 pair")
    result = dataclasses.replace(result, articles=(broken, *result.articles[1:]))
    with pytest.raises(ReuseError, match="lone surrogates"):
        dumps_report(result)


def test_report_without_config(result):
    assert report_dict(result)["config"] is None


def test_report_refuses_a_config_that_did_not_produce_the_result(result):
    other = ScanConfig(sketch=SketchConfig(seed=7))
    with pytest.raises(ConfigError, match="fingerprint"):
        report_dict(result, other)


def test_non_finite_numbers_become_null(result):
    broken = dataclasses.replace(result.pairs[0], similarity=math.nan)
    result = dataclasses.replace(result, pairs=(broken,))
    assert json.loads(dumps_report(result))["pairs"][0]["similarity"] is None


def test_write_json_creates_folders_and_leaves_no_temp_file(result, tmp_path):
    out = tmp_path / "deep" / "er" / "report.json"
    write_json(result, out, ScanConfig())
    assert json.loads(out.read_text(encoding="utf-8")) == report_dict(result, ScanConfig())
    assert os.listdir(out.parent) == ["report.json"]


def test_write_json_replaces_an_old_report(result, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    write_json(result, str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert os.listdir(tmp_path) == ["report.json"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError], ids=["ctrl-c", "os-error"])
def test_write_json_interrupted_keeps_the_old_file(result, tmp_path, monkeypatch, error):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")

    def fail(src, dst):
        raise error("no space left")

    monkeypatch.setattr(os, "replace", fail)
    expected = KeyboardInterrupt if error is KeyboardInterrupt else ReuseError
    with pytest.raises(expected):
        write_json(result, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.json"]


def test_write_json_error_names_the_path(result, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    message = f"cannot write the report to {blocker / 'report.json'}: a file stands where its folder should be"
    with pytest.raises(ReuseError, match=re.escape(message)):
        write_json(result, blocker / "report.json")  # a file stands where a folder should be


def test_write_json_into_a_named_pipe_writes_through_it_and_leaves_the_pipe(result, tmp_path):
    """A pipe (mkfifo, a shell's >(gzip > r.gz)) is written to, not renamed over: the reader gets the report."""
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    write_json(result, fifo)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # before: a regular file in its place, the reader waiting on nothing
    assert received and json.loads(received[0])["schema_version"] == SCHEMA_VERSION
    assert sorted(os.listdir(tmp_path)) == ["report.fifo"]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_write_json_to_a_descriptor_of_this_process_appends_through_it(result, tmp_path):
    """--json /dev/stdout >> log: the log was renamed over (its old lines gone), or truncated on reopening."""
    log = tmp_path / "log.txt"
    log.write_text("old line\n", encoding="utf-8")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        write_json(result, f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)
    text = log.read_text(encoding="utf-8")
    assert text.startswith("old line\n{") and json.loads(text.removeprefix("old line\n"))["schema_version"] == SCHEMA_VERSION
    assert sorted(os.listdir(tmp_path)) == ["log.txt"]


def test_write_json_through_a_symbolic_link_replaces_the_file_it_names_and_keeps_the_link(result, tmp_path):
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    write_json(result, link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert json.loads(real.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert sorted(os.listdir(real.parent)) == ["latest.json"]


# --- terminal -----------------------------------------------------------------


def test_render_header(result):
    text = render_text(result)
    header = text.splitlines()[0]
    assert header == "reuse: 3 articles, 2 pairs sharing text, 1 skipped"
    assert "skipped: broken.html: not valid UTF-8 and no declared encoding" in text
    assert "warning: huge.txt: read only the first 20000000 bytes" in text


def test_render_pair_details(result):
    text = render_text(result)
    first, second = text.index("#1 "), text.index("#2 ")
    block = text[first:second]
    assert "A: a.txt (Daily News)" in block
    assert "B: b.txt (Wire Service)" in block
    assert "verbatim, whole: 67% of A reused / 86% of B reused, similarity 0.99" in block
    assert "direction: copied, a.txt -> b.txt (confidence 0.81)" in block
    assert "direction: undetermined (either could be the source)" in text[second:]  # no figure: 0.5 by definition


def test_render_ranks_by_shared_text(result):
    reversed_pairs = dataclasses.replace(result, pairs=result.pairs[::-1])
    text = render_text(reversed_pairs)
    assert text.index("A: a.txt") < text.index("A: b.txt")


def test_render_strongest_passage_side_by_side(result):
    width = 80
    col = (width - 3) // 2
    lines = render_text(result, width=width).splitlines()
    rows = [line for line in lines if " | " in line and "The Kremlin on Tuesday" in line]
    assert rows, "the shared sentence must be shown side by side"
    left, right = rows[0].split(" | ")
    assert left.rstrip() == right == "The Kremlin on Tuesday said the"
    assert len(left) == col
    assert "passage 1 of 2, the strongest: verbatim" in "\n".join(lines)  # numbered in text order, as the JSON and HTML do


@pytest.mark.parametrize("width", [40, 80, 100, 140], ids=lambda w: f"width-{w}")
def test_render_fits_the_width(make_result, width):
    text = render_text(make_result(inject=" and then" * 40), width=width, verbose=True)
    assert max(columns(line) for line in text.splitlines()) <= width


def test_render_long_excerpt_is_cut_with_an_ellipsis(make_result):
    text = render_text(make_result(inject=" and then" * 40), width=60)
    first_pair = text[text.index("#1 ") : text.index("#2 ")]
    rows = first_pair.split("-+-")[1].splitlines()[1:-1]  # after the rule, before the blank line
    assert len(rows) == 6
    assert rows[-1].split(" | ")[1].endswith("…")


def test_render_gives_the_reasons_for_a_direction(result):
    text = " ".join(render_text(result).split())
    assert "why: a.txt was published 2.5 h earlier; b.txt declares a.txt's URL as canonical" in text
    assert "why: publication time unknown for one or both" in text


def test_render_gives_every_reason_at_80_columns():
    """Four lines cut the reasons of a time-ordered rewrite before its caveat ("the time order does not show that one
    copied the…"), next to a copy verdict (found by a review)."""
    from reuse.model import Article, Direction, Extent, Pair, Relation, ReuseKind, ScanResult, Signal

    evidence = (
        Signal("time", -4.0, favours="wire.txt", weight=3.5, note="wire.txt was published 4.0 h earlier"),
        Signal("agency", "Reuters", favours="wire.txt", weight=1.5, note=(
            "wire.txt is Reuters's own copy: wire stories start at the agency, and blog.txt carries its text without its "
            "credit line or dateline")),
        Signal("containment", -0.1, favours="wire.txt", weight=0.4, note="blog.txt is 60% reused, wire.txt 34%"),
        Signal("relatedness", 0.7, note="a weak textual link (partial, similarity 0.49): the time order shows which came first, "
                                        "not that one copied the other (two reports of one event may share as much), so the "
                                        "copy is held at 0.7 of the order's confidence"),
    )
    pair = Pair("blog.txt", "wire.txt", ReuseKind.HEAVY_REWRITE, Extent.WHOLE, 0.49, 0.6, 0.34, 0.4, (),
                Direction(Relation.COPIED, "wire.txt", "blog.txt", 0.68, evidence))
    articles = (Article("blog.txt", "x", "Blog"), Article("wire.txt", "y", "Reuters"))
    text = " ".join(render_text(ScanResult(articles, (), (pair,), "f" * 16), width=80).split())
    notes = [s.note for s in evidence]
    assert len(" ".join(notes)) > 4 * 70  # more than four lines' worth
    assert all(" ".join(note.split()) in text for note in notes)


def test_render_gives_a_warning_and_a_skip_reason_whole_at_80_columns():
    """A warning's fix comes last and four lines cut it: the summary of a daily check ended the warning of an id the
    index holds for another article at "...and the two are not compared: give…", never naming --id-prefix (found
    running a week of checks); a skipped file's reason is cut as badly."""
    from reuse.model import Article, ScanResult, Skipped

    warning = (
        "pages/gazette-climate.html: the index holds another article under this id (The Gazette, "
        "https://gazette.example/2025/07/21/climate; this one: The Gazette, https://gazette.example/2025/07/22/heat); "
        "the new one stands in for it in this check, as its new version would (adding the batch makes it that), and the two "
        "are not compared: give each batch's articles ids of their own (--id-prefix)"
    )
    reason = (
        "malformed JSON line (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)) after a record "
        "whose text field holds an unescaped line break, in a file exported by the feed reader the desk has used since the spring: fix or remove the line"
    )
    skipped = Skipped("feeds/2025-07-22/wire-service-export.jsonl:7", reason)
    text = " ".join(render_text(ScanResult((Article("a.txt", "x", "A"),), (skipped,), (), "f" * 16, warnings=(warning,)), width=80).split())
    assert len(warning) > 4 * 70 and len(skipped.path + reason) > 4 * 70  # more than four lines' worth
    assert warning in text and f"{skipped.path}: {reason}" in text


def test_render_max_pairs(result):
    text = render_text(result, max_pairs=1)
    assert "#1 " in text and "#2 " not in text
    assert "1 more pair not shown" in text


def test_render_articles_without_reuse(make_result):
    text = render_text(make_result(second_pair=False))
    assert "No reuse found in 1 article:" in text
    assert "c.txt (c.txt, 24 words)" in text


def test_render_nothing_found(result):
    text = render_text(dataclasses.replace(result, pairs=()))
    assert "0 pairs sharing text" in text
    assert "No reuse found among 3 articles." in text


def test_a_scan_of_two_articles_that_finds_nothing_says_why_it_may_have_missed_a_pair():
    """Two 190-word articles sharing two 40-word quotations were not paired alone, and were among four (a review):
    in a folder this small every shared word weighs little, and the summary says how to be sure."""
    two = [Article("a.txt", "The council met on Monday to discuss the budget.", "A"), Article("b.txt", "Rain fell in the north.", "B")]
    text = " ".join(render_text(scan_articles(two)).split())
    assert "No reuse found among 2 articles." in text and "check them against an index, to be sure" in text
    # One-story folders of four to six articles missed rewrites, pairs found or not (a review): up to ten, it is said.
    ten = [*two, *(Article(f"{n}.txt", f"Story {n} about other things entirely.", str(n)) for n in range(8))]
    assert "Among so few articles (10)" in " ".join(render_text(scan_articles(ten)).split())
    eleven = [*ten, Article("x.txt", "One more story about the harbour.", "X")]
    assert "to be sure" not in render_text(scan_articles(eleven))


def test_render_verbose_shows_evidence_and_every_passage(result):
    text = " ".join(render_text(result, verbose=True).split())
    evidence = "canonical = https://daily.example/kremlin-swap (weight 4.00, favours a.txt): b.txt declares a.txt's URL"
    assert evidence in text
    # Seen from B's side the log-odds that A is the source are negative; the line gives the weight towards a.txt.
    swapped = " ".join(render_text(dataclasses.replace(result, pairs=tuple(p.swapped() for p in result.pairs)), verbose=True).split())
    assert evidence in swapped and "(weight -" not in swapped
    # The passages in A's text order, numbered as the JSON and the HTML number them (the result holds them the other way).
    assert "passage 1: verbatim" in text and "passage 2: shared-quotes" in text
    first, second = result.pairs[0].passages
    assert second.a_start < first.a_start and report_dict(result)["pairs"][0]["passages"][0]["a_start"] == second.a_start


EVIL = "\x1b[31mRED\x1b[0m\x1b]0;owned\x07\x1b[2J\r\x00\x08\x7f\x9b31m\u202e\x1bc"


def test_render_strips_escapes_and_control_characters(make_result):
    text = render_text(make_result(inject=" " + EVIL), width=100, verbose=True)
    assert "RED" in text
    assert "owned" not in text
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text), repr(text)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain text", "plain text"),
        ("\x1b[1;31mbold red\x1b[0m", "bold red"),
        ("title\x1b]0;set window title\x07 after", "title after"),
        ("link \x1b]8;;http://evil\x1b\\here\x1b]8;;\x1b\\", "link here"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        ("bell\x07 null\x00 del\x7f", "bell null del"),
        ("c1 \x9b2J csi", "c1 2J csi"),
        ("mojibake â€\x9dquoted â€\x9d and more", "mojibake â€quoted â€ and more"),
        ("bidi \u202eevil\u202c text", "bidi evil text"),
        ("keep “quotes” — and é, 新闻", "keep “quotes” — and é, 新闻"),
    ],
    ids=["plain", "csi", "osc-bel", "osc-hyperlink", "newlines", "c0", "c1", "mojibake", "bidi", "unicode"],
)
def test_sanitize(raw, clean):
    assert sanitize(raw) == clean


@settings(database=None, max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_sanitize_never_lets_a_control_character_through(text):
    clean = sanitize(text)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", clean)
    assert clean == sanitize(clean)


def test_wide_characters_keep_the_columns_aligned(make_result):
    text = render_text(make_result(inject=" 新闻报道" * 10), width=60)
    rows = [line for line in text.splitlines() if " | " in line and "新闻" in line]
    assert rows
    assert {columns(row.split(" | ")[0]) for row in rows} == {(60 - 3) // 2}


def test_right_to_left_text_is_isolated_in_its_column_and_left_to_right_text_gets_no_marks(make_result):
    """A terminal that reorders Arabic drew a column's Arabic under the other column: each cell holding right-to-left
    letters is now a first strong isolate, closed before the padding, and the columns still line up."""
    width = 60
    col = (width - 3) // 2
    text = render_text(make_result(inject=" وقال المتحدث باسم الكرملين إن المفاوضات مستمرة" * 3), width=width)
    rows = [line for line in text.splitlines() if " | " in line and re.search("[\u0600-\u06ff]", line)]
    assert rows
    for row in rows:
        left, right = row.split(" | ")
        assert columns(left) == col
        for cell in (left.rstrip(), right):
            assert (cell.count("\u2068"), cell.count("\u2069")) == ((1, 1) if re.search("[\u0600-\u06ff]", cell) else (0, 0))
            assert not re.search("[\u0600-\u06ff]", cell) or (cell.startswith("\u2068") and cell.endswith("\u2069"))
    english = render_text(make_result(inject=" and then" * 10), width=width, verbose=True)
    assert not re.search("[\u2066-\u2069]", english)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_a_link_to_standard_output_is_written_through_it(tmp_path):
    """A symbolic link to /dev/stdout (or //dev/stdout) named the same file as standard output, yet was renamed over."""
    from reuse.report.output import _same_as_standard_stream

    link = tmp_path / "out.json"
    link.symlink_to("/proc/self/fd/1")
    assert _same_as_standard_stream(link) == 1
    assert _same_as_standard_stream(tmp_path) is None


def test_other_spellings_of_a_descriptor_are_read_as_it():
    from pathlib import Path

    from reuse.report.output import inherited_descriptor

    assert [inherited_descriptor(Path(p)) for p in ("//dev/stdout", "/dev/../dev/fd/3", "/proc/self/fd/7", "/dev/stdoutx")] == [1, 3, 7, None]


def _columns(line: str) -> int:
    import unicodedata

    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.sampled_from(["the", "minister", "said", "新闻", "发布会", "café", "naïve", "x" * 70, "—", "“quoted”", "e\u0301"]),
                   min_size=30, max_size=120),
    width=st.integers(min_value=21, max_value=120),
)
def test_every_line_of_the_summary_fits_its_width(words, width):
    """Excerpts wrap word by word, wide characters counting two columns and a combining accent none."""
    story = ("The harbour authority closed the northern pier after a storm damaged three cranes and a warehouse roof. "
             + " ".join(words) + ".")
    articles = [Article("a.txt", story + " The end of the story came later.", "A"), Article("b.txt", "Intro. " + story, "B")]
    result = scan_articles(articles)
    assert result.pairs  # the copied story is found, so its excerpt is printed
    text = render_text(result, width=width, verbose=True)
    assert all(_columns(line) <= width for line in text.splitlines())


def test_a_pair_numbered_100_or_more_keeps_its_number_apart_from_its_article(result):
    first = result.pairs[0]
    copies = [dataclasses.replace(result.article(first.a), id=f"a{k:03d}.txt") for k in range(101)]
    many = dataclasses.replace(
        result, articles=(*result.articles, *copies), pairs=tuple(dataclasses.replace(first, a=art.id) for art in copies)
    )
    lines = render_text(many, width=100).splitlines()
    assert any(line.startswith("#99 A: ") for line in lines) and any(line.startswith("#100 A: ") for line in lines)
    assert any(line.startswith("#101 A: ") for line in lines) and not any(re.match(r"#\d+A:", line) for line in lines)


@pytest.mark.parametrize("checked", [None, ("a.txt", "b.txt")], ids=["scan", "check"])
def test_the_advice_for_a_tiny_scan_is_not_given_to_a_check(checked):
    """"Scan them among a few articles of other stories, or check them against an index" was said of a check against an
    index, whose counts are the index's (found by a review)."""
    from reuse.model import Article, ScanResult
    from reuse.report import render_text

    arts = (Article("a.txt", "One short text about the harbour.", "A"), Article("b.txt", "Another about the ferry.", "B"))
    result = ScanResult(articles=arts, skipped=(), pairs=(), config_fingerprint="x", checked=checked)
    said = " ".join(render_text(result, width=100).split())
    assert "No reuse found among 2 articles." in said
    assert ("check them against an index" in said) == (checked is None)


def test_a_small_scan_that_finds_pairs_still_says_it_may_miss_loose_rewrites(samples_dir):
    """Only a scan that found nothing said so; a one-story folder that found some pairs missed a rewrite unsaid."""
    text = " ".join(render_text(reuse.scan(samples_dir)).split())
    assert "pairs sharing text" in text and "Among so few articles (5), which words are common cannot be told" in text


def test_an_article_too_long_to_align_is_not_said_to_share_nothing(make_result):
    """A 2 MB dump holding a sample article word for word was listed under "No reuse found in 3 articles", below the
    warning that it had been matched but not aligned: the summary said it shared nothing, which no one measured."""
    result = make_result(second_pair=False)
    dump = Article(id="dump.txt", text="word " * 100_001, outlet="dump", path="dump.txt")
    text = render_text(dataclasses.replace(result, articles=(*result.articles, dump)), width=100)
    listed = " ".join(text[text.index("No reuse found in 2 articles:"):].split())  # lines as wrapped, joined
    assert "c.txt (c.txt, 24 words) dump.txt (dump, 100,001 words: too long to align, so any reuse in it is unmeasured; split it)" in listed
