"""Reading a JSON report back: the same result, minus the article text; clear errors otherwise."""

from __future__ import annotations

import json

import pytest

from reuse.errors import InputError
from reuse.report import report_dict, write_json
from reuse.report.report_reader import is_report, read_report


def _without_text_fields(report: dict) -> dict:
    """The report minus what needs the article text (word and character counts) and the run's own fields."""
    report = dict(report)
    report["articles"] = [{k: v for k, v in a.items() if k not in ("words", "chars")} for a in report["articles"]]
    report.pop("config")
    return report


def test_round_trip(tmp_path, make_result):
    result = make_result()
    path = tmp_path / "report.json"
    write_json(result, path)
    stored = read_report(path)
    assert _without_text_fields(report_dict(stored)) == _without_text_fields(report_dict(result))
    assert stored.words == {a.id: a.words for a in result.articles}
    assert is_report(path)


def test_round_trip_of_a_check_report_keeps_the_batch(tmp_path, make_result):
    import dataclasses

    path = tmp_path / "report.json"
    for checked in (("a.txt",), ()):  # a check of an empty folder is still a check
        write_json(dataclasses.replace(make_result(), checked=checked), path)
        assert json.loads(path.read_text("utf-8"))["checked"] == list(checked)
        assert read_report(path).result.checked == checked
    write_json(make_result(), path)
    assert "checked" not in json.loads(path.read_text("utf-8")) and read_report(path).result.checked is None


def test_round_trip_of_a_real_scan(tmp_path, samples_dir):
    import reuse

    result = reuse.scan(samples_dir)
    path = tmp_path / "report.json"
    write_json(result, path)
    again = read_report(path).result
    assert [(p.a, p.b, p.kind, p.direction.relation) for p in again.pairs] == [
        (p.a, p.b, p.kind, p.direction.relation) for p in result.pairs
    ]
    for old, new in zip(result.pairs, again.pairs):
        assert sorted((q.a_start, q.a_end, q.b_start, q.b_end) for q in old.passages) == [
            (q.a_start, q.a_end, q.b_start, q.b_end) for q in new.passages
        ]
    assert again.outlets == result.outlets


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not a JSON report"),
        ('{"articles": []}', "is not a reuse report"),
        ('{"schema_version": 99}', "has schema_version 99"),
        ('{"schema_version": 1, "articles": [{"id": "a"}]}', "is a damaged reuse report"),
    ],
    ids=["not-json", "no-version", "newer", "damaged"],
)
def test_bad_reports_name_the_file_and_the_fix(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_report(path)
    assert str(path) in str(info.value)


def test_missing_report(tmp_path):
    with pytest.raises(InputError, match="cannot read the report"):
        read_report(tmp_path / "none.json")


def test_an_article_record_is_not_a_report(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"text": "Some news.", "title": "x"}), encoding="utf-8")
    assert not is_report(path)
    assert not is_report(tmp_path)


def test_a_time_of_modification_is_reported_and_read_back(tmp_path, make_result):
    import dataclasses

    result = make_result()
    first = dataclasses.replace(result.articles[0], modified="2025-05-27T15:30:00Z")
    result = dataclasses.replace(result, articles=(first, *result.articles[1:]))
    path = tmp_path / "report.json"
    write_json(result, path)
    written = json.loads(path.read_text("utf-8"))["articles"]
    assert [a["modified"] for a in written] == ["2025-05-27T15:30:00Z", *[None] * (len(written) - 1)]
    assert read_report(path).result.articles[0].modified == "2025-05-27T15:30:00Z"


def test_a_chain_of_the_tree_is_written_and_read_back_as_ids(tmp_path, make_result):
    """The chain was only in the signal's text, which the outlet summary parsed: an id holding " <- " broke it."""
    import dataclasses

    from reuse.model import Signal

    result = make_result()
    pair = result.pairs[0]
    chain = (pair.a, "x <- y", pair.b)
    signal = Signal("stemma", " <- ".join(chain), favours=pair.a, weight=1.0, note="tree", path=chain)
    result = dataclasses.replace(result, pairs=(dataclasses.replace(pair, direction=dataclasses.replace(pair.direction, evidence=(signal,))), *result.pairs[1:]))
    path = tmp_path / "report.json"
    write_json(result, path)
    assert json.loads(path.read_text("utf-8"))["pairs"][0]["direction"]["evidence"][0]["path"] == list(chain)
    assert read_report(path).result.pairs[0].direction.evidence[0].path == chain
