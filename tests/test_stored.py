"""The readings the scan keeps on disk for alignment: they come back as written, and align as fresh ones do."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from reuse import parallel
from reuse.boilerplate import learn_boilerplate
from reuse.config import ScanConfig
from reuse.errors import WorkSpaceError
from reuse.load import load_articles
from reuse.model import Article
from reuse.pipeline import sorted_unique
from reuse.stored import Place, ReadingTable, load_reading, load_readings, write_readings
from reuse.text import DocumentFrequency

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from corpus_gen import generate_corpus  # noqa: E402

ODD = [
    Article(id="empty.txt", text="", outlet="x"),
    Article(id="one-word.txt", text="word", outlet="x"),
    Article(id="lines.txt", text="Share this story\nPrevious Post Next Post\nThe minister said the plan was on track.\n", outlet="x"),
    Article(id="emoji.txt", text="🙂 東京 naïve “quoted words here” 🙂", outlet="x"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Article, ...]:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(40, 5, out)
    return sorted_unique(load_articles(out / "articles").articles + tuple(ODD))


@pytest.fixture
def read(corpus):
    """The corpus read as the scan's reading pass reads it: the records and the readings."""
    parallel.settings(ScanConfig())
    try:
        yield parallel._read([(article, None) for article in corpus])
    finally:
        parallel._SHARED.clear()


def _places(written, n: int) -> list[Place | None]:
    table = ReadingTable(n)
    table.register(range(n), written)
    return [table.place(i) for i in range(n)]


def test_readings_come_back_as_they_were_written(read, tmp_path):
    _, readings = read
    places = _places(write_readings(tmp_path, "batch", readings), len(readings))
    back = load_readings([(place, r.analysis.language) for place, r in zip(places, readings)])
    for written, loaded in zip(readings, back):
        for field in ("starts", "ends", "words", "stems"):
            want, got = getattr(written.analysis, field), getattr(loaded.analysis, field)
            assert got.dtype == want.dtype and np.array_equal(got, want), field
        assert loaded.analysis.language == written.analysis.language
        assert loaded.usable.dtype == bool and np.array_equal(loaded.usable, written.usable)
        assert loaded.lines == written.lines
    assert any(r.lines for r in readings) and any(len(r.analysis) == 0 for r in readings)
    assert load_reading(places[3], readings[3].analysis.language).lines == readings[3].lines


def test_alignment_from_stored_readings_equals_alignment_from_fresh_analysis(corpus, read, tmp_path):
    records, readings = read
    places = _places(write_readings(tmp_path, "batch", readings), len(readings))
    config = ScanConfig()
    learned = learn_boilerplate([r.line_keys for r in records], config.boilerplate)
    df = DocumentFrequency.from_sets([r.stem_set for r in records])
    pairs = [(i, j) for i in range(len(corpus)) for j in range(i + 1, len(corpus))]
    languages = [r.language for r in records]
    parallel.settings(config, learned, df)
    stored = parallel.align_chunk((pairs, {i: (a, languages[i], places[i]) for i, a in enumerate(corpus)}))
    fresh = parallel.align_chunk((pairs, {i: (a, languages[i], None) for i, a in enumerate(corpus)}))
    assert len(stored) >= 5  # the corpus has reuse to find
    assert stored == fresh


def test_a_later_batch_replaces_an_earlier_reading_and_unstored_ones_have_no_place(read, tmp_path):
    _, readings = read
    table = ReadingTable(6)
    table.register([0, 1, 2], write_readings(tmp_path, "first", readings[:3]))
    table.register([2], write_readings(tmp_path, "again", readings[5:6]))
    table.register([3], None)  # a worker that does not share the disk
    assert table.place(2).path.endswith("readings.again") and table.place(2).offset == 0
    assert table.place(1).path.endswith("readings.first")
    assert table.place(3) is None and table.place(5) is None


def test_a_reading_that_cannot_be_written_is_a_clear_error(read, tmp_path):
    _, readings = read
    missing = tmp_path / "gone"
    with pytest.raises(WorkSpaceError, match=f"in {missing} .*TMPDIR"):
        write_readings(missing, "batch", readings[:2])


def test_an_article_too_long_for_the_stored_spans_is_left_to_be_analysed_again(read, tmp_path, monkeypatch):
    from reuse import stored as module

    _, readings = read
    monkeypatch.setattr(module, "_MAX_OFFSET", 10)
    path, offsets, words, _ = write_readings(tmp_path, "batch", readings)
    short = [len(r.analysis) == 0 or int(r.analysis.ends[-1]) <= 10 for r in readings]
    assert (offsets >= 0).tolist() == short and not all(short)
    assert _places((path, offsets, words, np.zeros_like(words)), len(readings))[short.index(False)] is None
