"""Three-word runs: the cheap check candidates pass before alignment, in memory and on disk (reuse.runs); and the
files a scan spills to disk (runs and band keys), few open and none left behind."""

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.runs import RunTable, trigram_set, verify_candidates, write_runs
from reuse.config import CandidateConfig, ConfigError
from reuse.text import analyze


STORY = (
    "The regional water authority approved a plan on Thursday to rebuild three ageing reservoirs "
    "before the summer drought season, after engineers warned that two dams had developed cracks."
)


SAME_STORY = (
    "Engineers found cracks in two dams; reservoirs, three of them ageing, will be rebuilt, "
    "the water authority of the region decided Thursday, ahead of drought in summer."
)


def _trigrams(text: str) -> np.ndarray:
    return trigram_set(analyze(text).words)


def test_candidates_need_shared_three_word_runs():
    copy = "A different first line.\n" + STORY.replace("Thursday", "Friday")
    sets = [_trigrams(STORY), _trigrams(copy), _trigrams(SAME_STORY)]
    # The same content words in other runs (another report of the story) do not go on to alignment.
    assert verify_candidates([(0, 1), (0, 2)], sets, CandidateConfig()) == [(0, 1)]
    assert verify_candidates([(0, 1), (0, 2)], sets, CandidateConfig(min_shared_trigrams=0)) == [(0, 1), (0, 2)]


def test_runs_written_to_disk_read_back_and_verify_as_in_memory(tmp_path):
    """The scan's workers write each article's runs; the table reads them back, a later batch replacing an earlier one."""
    copy = "A different first line.\n" + STORY.replace("Thursday", "Friday")
    sets = [_trigrams(STORY), _trigrams(copy), _trigrams(SAME_STORY), _trigrams(""), _trigrams("新闻 東京 naïve words here now")]
    table = RunTable(len(sets))
    table.register([0, 1, 2], write_runs(tmp_path, "first", [sets[0], sets[2], sets[2]]))
    table.register([1, 3], write_runs(tmp_path, "again", [sets[1], sets[3]]))  # article 1 read again: its runs replace the first
    table.hold(4, sets[4])  # read where the disk is not shared: held in memory
    assert len(table) == 5
    for k, runs in enumerate(sets):
        assert table[k].dtype == np.uint32 and np.array_equal(table[k], runs)
    pairs = [(0, 1), (0, 2), (1, 4), (3, 4)]
    assert verify_candidates(pairs, table, CandidateConfig()) == verify_candidates(pairs, sets, CandidateConfig()) == [(0, 1)]
    table.register([2], write_runs(tmp_path, "third", [sets[0]]))  # runs read (and kept) before give way to a later batch
    table.hold(0, sets[2])
    assert np.array_equal(table[2], sets[0]) and np.array_equal(table[0], sets[2])
    table.register([0, 2], write_runs(tmp_path, "fourth", [sets[0], sets[2]]))
    table.close()
    assert np.array_equal(table[1], sets[1])  # reopened on demand
    table.close()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_shared_runs_counted_a_first_article_at_a_time_equal_the_count_pair_by_pair(data):
    """The pairs of one first article are counted in one pass (flags of top bits, then exact): as one count per pair."""
    from reuse import runs
    from reuse.runs import shared_runs

    # Few top-20-bit slots and some values sharing a slot but not equal: the flags' false hits must be weeded out.
    slot = st.integers(0, 40).map(lambda s: s << 12)
    values = st.lists(st.builds(lambda base, low: base | low, slot, st.integers(0, 5)), max_size=40)
    sets = [np.array(sorted(set(v)), dtype=np.uint32) for v in data.draw(st.lists(values, min_size=2, max_size=6))]
    n = len(sets)
    pairs = sorted(set(data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]), max_size=15))))
    config = CandidateConfig(min_shared_trigrams=data.draw(st.integers(0, 8)))
    whole = runs._PARTNERS_AT_ONCE
    try:
        for at_once in (whole, data.draw(st.integers(1, 4))):  # a first article's partners in one pass, or in several
            runs._PARTNERS_AT_ONCE = at_once
            one_by_one = lambda a, others: np.array([shared_runs(a, b) for b in others], dtype=np.int64)  # noqa: E731
            assert verify_candidates(pairs, sets, config) == verify_candidates(pairs, sets, config, one_by_one)
    finally:
        runs._PARTNERS_AT_ONCE = whole


def test_runs_cut_short_on_disk_are_a_clear_error(tmp_path):
    from reuse.errors import WorkSpaceError

    table = RunTable(1)
    path, counts = write_runs(tmp_path, "cut", [_trigrams(STORY)])
    table.register([0], (path, counts))
    with open(path, "r+b") as fh:
        fh.truncate(8)
    with pytest.raises(WorkSpaceError, match="ends before the runs of an article"):
        table[0]


def test_negative_trigram_threshold_is_refused():
    with pytest.raises(ConfigError):
        CandidateConfig(min_shared_trigrams=-1)


def test_a_scan_leaves_no_band_files_behind(tmp_path, monkeypatch):
    import tempfile

    from reuse.pipeline import scan

    spill = tmp_path / "tmp"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY + "\n" + SAME_STORY, encoding="utf-8")
    (folder / "b.txt").write_text(STORY, encoding="utf-8")
    assert scan(folder).pairs
    assert list(spill.iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_a_table_of_many_batches_keeps_few_files_open(tmp_path):
    """One batch file per 250 articles: a table of thousands of batches must not run out of file descriptors."""
    def target(fd: str) -> str:
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            return ""

    def open_here() -> int:
        """Descriptors of this process open on the table's files."""
        return sum(1 for fd in os.listdir("/proc/self/fd") if os.path.dirname(target(fd)) == str(tmp_path))

    sets = [_trigrams(f"Word {k} and then some other words {k} follow here in a row.") for k in range(300)]
    table = RunTable(len(sets))
    for k, runs in enumerate(sets):
        table.register([k], write_runs(tmp_path, f"b{k}", [runs]))
    most = 0
    for k, runs in enumerate(sets):
        assert np.array_equal(table[k], runs)
        most = max(most, open_here())
    assert 0 < most <= 64
    table.close()
    assert open_here() == 0 and len(os.listdir(tmp_path)) == 300
