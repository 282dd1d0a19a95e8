"""The word arrays the scan keeps on disk for alignment: they come back as written, and align as fresh ones do."""

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
from reuse.stored import Place, WordArrayTable, load_word_arrays, write_word_arrays
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
    """The corpus read as the scan's reading pass reads it: the records and the word arrays."""
    parallel.settings(ScanConfig())
    try:
        yield parallel.read_chunk([(article, None) for article in corpus])
    finally:
        parallel._shared().clear()


def _places(written, n: int) -> list[Place | None]:
    table = WordArrayTable(n)
    table.register(range(n), written)
    return [table.place(i) for i in range(n)]


def test_readings_come_back_as_they_were_written(read, tmp_path):
    _, readings = read
    places = _places(write_word_arrays(tmp_path, "batch", readings), len(readings))
    back = load_word_arrays([(place, r.analysis.language) for place, r in zip(places, readings)])
    for written, loaded in zip(readings, back):
        for field in ("starts", "ends", "words", "stems"):
            want, got = getattr(written.analysis, field), getattr(loaded.analysis, field)
            assert got.dtype == want.dtype and np.array_equal(got, want), field
        assert loaded.analysis.language == written.analysis.language
        assert loaded.usable.dtype == bool and np.array_equal(loaded.usable, written.usable)
        assert loaded.lines == written.lines
    assert any(r.lines for r in readings) and any(len(r.analysis) == 0 for r in readings)
    assert load_word_arrays([(places[3], readings[3].analysis.language)])[0].lines == readings[3].lines


def test_alignment_from_stored_readings_equals_alignment_from_fresh_analysis(corpus, read, tmp_path):
    records, readings = read
    places = _places(write_word_arrays(tmp_path, "batch", readings), len(readings))
    config = ScanConfig()
    learned = learn_boilerplate([r.line_keys for r in records], config.boilerplate)
    df = DocumentFrequency.from_sets([r.stem_set for r in records])
    pairs = [(i, j) for i in range(len(corpus)) for j in range(i + 1, len(corpus))]
    languages = [r.language for r in records]
    parallel.settings(config, learned, df)
    stored = parallel.align_chunk(parallel.AlignTask(pairs, {i: (a, languages[i], places[i]) for i, a in enumerate(corpus)}))
    fresh = parallel.align_chunk(parallel.AlignTask(pairs, {i: (a, languages[i], None) for i, a in enumerate(corpus)}))
    assert len(stored) >= 5  # the corpus has reuse to find
    assert stored == fresh


def test_alignment_analyses_again_when_the_stored_files_are_gone(corpus, read, tmp_path):
    # A Dask worker on another machine, or a /tmp cleaner during a long scan: the places point nowhere.
    records, readings = read
    folder = tmp_path / "scan"
    folder.mkdir()
    places = _places(write_word_arrays(folder, "batch", readings), len(readings))
    for path in folder.iterdir():
        path.unlink()
    config = ScanConfig()
    df = DocumentFrequency.from_sets([r.stem_set for r in records])
    pairs = [(i, j) for i in range(len(corpus)) for j in range(i + 1, len(corpus))]
    languages = [r.language for r in records]
    parallel.settings(config, frozenset(), df)
    gone = parallel.align_chunk(parallel.AlignTask(pairs, {i: (a, languages[i], places[i]) for i, a in enumerate(corpus)}))
    fresh = parallel.align_chunk(parallel.AlignTask(pairs, {i: (a, languages[i], None) for i, a in enumerate(corpus)}))
    assert gone and gone == fresh


# A French story in three long articles and, alone, its content words: too
# short and stopword-free for a language guess, so the scan reads it again in
# the corpus's language (French) and must align that second reading.
_FRENCH = (
    "Le gouvernement français a annoncé mardi une nouvelle réforme des retraites qui prévoit un relèvement progressif "
    "de l'âge légal de départ. Les syndicats ont immédiatement dénoncé un projet injuste et appelé à une grève nationale. "
    "Selon le ministre du Travail, les économies attendues permettront d'équilibrer les comptes des caisses de retraite "
    "d'ici la fin de la décennie. L'opposition a promis de déposer des milliers d'amendements lors de l'examen du texte "
    "à l'Assemblée nationale. Les manifestations prévues jeudi devraient rassembler des centaines de milliers de personnes "
    "dans les grandes villes du pays. "
)
_STOP = {"le", "la", "les", "de", "des", "du", "un", "une", "et", "à", "a", "en", "qui", "d'ici", "l'âge", "d'équilibrer",
         "dans", "lors", "par", "pour"}


def test_a_short_article_read_again_in_the_corpus_language_aligns_from_its_second_reading(monkeypatch):
    from reuse.pipeline import scan_articles
    from reuse.stored import WordArrayTable as Table
    from reuse.text import analyze

    short = " ".join(w for w in _FRENCH.split() if w.lower() not in _STOP)
    assert not analyze(short).language  # no language of its own
    articles = [Article(f"long{k}", _FRENCH * 4 + f" Article numéro {k}. " + _FRENCH, f"o{k}") for k in range(3)]
    articles.append(Article("short", short, "s"))
    stored = scan_articles(articles).pairs
    monkeypatch.setattr(Table, "place", lambda self, i: None)
    fresh = scan_articles(articles).pairs
    assert stored == fresh
    assert any("short" in (p.a, p.b) for p in stored)


def test_a_later_batch_replaces_an_earlier_reading_and_unstored_ones_have_no_place(read, tmp_path):
    _, readings = read
    table = WordArrayTable(6)
    table.register([0, 1, 2], write_word_arrays(tmp_path, "first", readings[:3]))
    table.register([2], write_word_arrays(tmp_path, "again", readings[5:6]))
    table.register([3], None)  # a worker that does not share the disk
    assert table.place(2).path.endswith("readings.again") and table.place(2).offset == 0
    assert table.place(1).path.endswith("readings.first")
    assert table.place(3) is None and table.place(5) is None


def test_a_reading_that_cannot_be_written_is_a_clear_error(read, tmp_path):
    _, readings = read
    missing = tmp_path / "gone"
    with pytest.raises(WorkSpaceError, match=f"in {missing} .*TMPDIR"):
        write_word_arrays(missing, "batch", readings[:2])


def test_an_article_too_long_for_the_stored_spans_is_left_to_be_analysed_again(read, tmp_path, monkeypatch):
    from reuse import stored as module

    _, readings = read
    monkeypatch.setattr(module, "_MAX_OFFSET", 10)
    path, offsets, words, _ = write_word_arrays(tmp_path, "batch", readings)
    short = [len(r.analysis) == 0 or int(r.analysis.ends[-1]) <= 10 for r in readings]
    assert (offsets >= 0).tolist() == short and not all(short)
    assert _places((path, offsets, words, np.zeros_like(words)), len(readings))[short.index(False)] is None
