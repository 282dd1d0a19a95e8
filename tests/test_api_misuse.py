"""Natural misuse of the Python API: a clear exception naming the problem and the fix, never an AttributeError from deep inside."""

from __future__ import annotations

from pathlib import Path

import pytest

import reuse

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("items", [["some text", "other text"], [{"id": "a", "text": "x"}]])
def test_scan_articles_refuses_what_is_no_article(items):
    with pytest.raises(TypeError, match=r"reuse\.Article"):
        reuse.scan_articles(items)


def test_a_dict_of_settings_is_refused_with_the_class_to_use(tmp_path):
    with pytest.raises(TypeError, match="reuse.ScanConfig"):
        reuse.scan_articles([reuse.Article("a", "x", "o")], {"sketch": {"num_perm": 64}})
    (tmp_path / "a.txt").write_text("A title\nSome text of an article.\n", encoding="utf-8")
    with pytest.raises(TypeError, match="reuse.ScanConfig"):
        reuse.scan(tmp_path, {"sketch": {"num_perm": 64}})


@pytest.mark.parametrize(
    "build, named",
    [
        (lambda: reuse.LoadConfig(max_bytes="10"), "max_bytes='10' must be an integer"),
        (lambda: reuse.SketchConfig(num_perm=None), "num_perm=None must be an integer"),
        (lambda: reuse.AlignConfig(verbatim_share="0.8"), "verbatim_share='0.8' must be a number"),
        (lambda: reuse.CandidateConfig(bands=True), "bands=True must be an integer"),
        (lambda: reuse.ScanConfig(sketch={"num_perm": 64}), "sketch must be a reuse.SketchConfig"),
    ],
)
def test_a_setting_of_the_wrong_type_is_a_config_error_naming_it(build, named):
    with pytest.raises(reuse.ConfigError, match=named):
        build()


def test_remove_articles_refuses_one_id_given_as_a_string(tmp_path):
    import reuse.index

    index = tmp_path / "news.db"
    reuse.index.add_folder(SAMPLES, index)
    with pytest.raises(TypeError, match=r"list of ids"):
        reuse.index.remove_articles(index, "000_8e3492a7910b80bc.txt")
    assert reuse.index.index_info(index).articles == 5


def test_list_articles_refuses_one_pattern_given_as_a_string(tmp_path):
    """Its characters were taken for patterns: list_articles(index, "001*") listed every article, through the '*'."""
    import reuse.index

    index = tmp_path / "news.db"
    reuse.index.add_folder(SAMPLES, index)
    with pytest.raises(TypeError, match=r"list of patterns, not one str: list_articles\(index, \['001\*'\]\)"):
        reuse.index.list_articles(index, "001*")
    assert [a.id for a in reuse.index.list_articles(index, ["001*"]).articles] == ["001_eabe8ba3545e1c71.txt"]


def test_writers_given_a_read_back_report_say_to_pass_its_result_or_for_html_to_write_from_the_scan(tmp_path):
    from reuse.report import read_report, write_graph, write_html, write_json

    write_json(reuse.scan(SAMPLES), tmp_path / "r.json")
    report = read_report(tmp_path / "r.json")
    with pytest.raises(TypeError, match=r"pass report\.result, words=report\.words"):
        write_graph(report, tmp_path / "g.svg")
    with pytest.raises(TypeError, match=r"whose articles have none \(a JSON report holds no texts\): write the HTML report with the scan or the check itself"):
        write_html(report, tmp_path / "r.html", graph=False)  # passing report.result would be refused in turn
    assert not (tmp_path / "g.svg").exists()
    write_graph(report.result, tmp_path / "g.svg", words=report.words)


def test_a_read_back_report_written_again_keeps_its_articles_words_and_lengths(tmp_path):
    """write_json refused a read-back report ("pass report.result"), and given its result wrote every article's words and
    chars as 0: the report holds no texts to count. A researcher keeping some pairs lost the counts."""
    import dataclasses
    import json

    from reuse.report import read_report, write_json

    write_json(reuse.scan(SAMPLES), tmp_path / "r.json")
    report = read_report(tmp_path / "r.json")
    kept = dataclasses.replace(report, result=dataclasses.replace(report.result, pairs=report.result.pairs[:1]))
    write_json(kept, tmp_path / "kept.json")
    before, after = (json.loads((tmp_path / name).read_text("utf-8")) for name in ("r.json", "kept.json"))
    assert after["articles"] == before["articles"] and after["articles"][0]["words"] > 0
    assert after["pairs"] == before["pairs"][:1]


def test_write_json_given_a_read_back_reports_result_refuses_rather_than_write_its_articles_words_as_0(tmp_path):
    """``write_json(report.result, ...)`` wrote every article's words and chars as 0 (the result holds no texts to
    count): the message names the StoredReport, which keeps them."""
    from reuse.errors import InputError
    from reuse.report import read_report, write_json

    write_json(reuse.scan(SAMPLES), tmp_path / "r.json")
    report = read_report(tmp_path / "r.json")
    with pytest.raises(InputError, match=r"has none: a result read back from a JSON report holds no texts\. Pass the StoredReport"):
        write_json(report.result, tmp_path / "again.json")
    assert not (tmp_path / "again.json").exists()


@pytest.mark.parametrize("where", ["folder", "missing-parent"])
def test_add_folder_refuses_an_index_path_that_cannot_be_one_before_reading_the_folder(tmp_path, monkeypatch, samples_dir, where):
    import reuse.index as index
    from reuse.errors import IndexPathError

    def no_loading(*args, **kwargs):
        raise AssertionError("the folder was read before the index path was checked")

    monkeypatch.setattr(index, "load_batch", no_loading)
    path = tmp_path if where == "folder" else tmp_path / "missing" / "news.db"
    with pytest.raises(IndexPathError, match="is a folder: give the index file's path" if where == "folder" else "does not exist"):
        index.add_folder(samples_dir, path)
