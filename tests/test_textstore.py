"""Texts kept on disk during a scan: they read back exactly, in workers too, and the file goes with its store."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reuse
from reuse.errors import WorkSpaceError
from reuse.load import load_articles
from reuse.model import Article
from reuse.textstore import StoredText, TextStore, portable

TEXTS = ["", "The minister said the plan was on track.", "新闻 東京 naïve “quoted words” 🙂", "x" * 100_000, "\ud800 lone"]


def _read_in_worker(item: StoredText | Article) -> str:
    return item.text if isinstance(item, Article) else item.read()


def test_texts_read_back_exactly_in_any_order() -> None:
    store = TextStore()
    placed = [store.put(t) for t in TEXTS]
    for text, where in reversed(list(zip(TEXTS, placed))):
        assert where.read() == text
    assert store.size == sum(len(t.encode("utf-8", "surrogatepass")) for t in TEXTS)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(), max_size=8))
def test_any_texts_read_back(texts: list[str]) -> None:
    store = TextStore()
    placed = [store.put(t) for t in texts]
    assert [p.read() for p in placed] == texts


def test_an_article_with_a_stored_text_behaves_as_one_with_the_text() -> None:
    store = TextStore()
    plain = Article("a.txt", TEXTS[2], "Daily", title="T")
    kept = Article("a.txt", store.put(TEXTS[2]), "Daily", title="T")
    assert kept.stored and not plain.stored
    assert kept.text == plain.text and kept == plain and hash(kept) == hash(plain) and repr(kept) == repr(plain)
    assert kept.words == plain.words
    assert not kept.in_memory().stored and kept.in_memory() == plain
    renamed = kept.renamed("b.txt")
    assert renamed.stored and renamed.id == "b.txt" and renamed.text == plain.text


def test_a_pickled_article_carries_its_text_unless_it_goes_to_a_worker_that_reads_the_file() -> None:
    store = TextStore()
    text = "word " * 20_000
    kept = Article("a.txt", store.put(text), "Daily")
    saved = pickle.dumps(kept)
    to_worker = pickle.dumps(portable(kept, True))
    assert len(to_worker) < 1_000 < len(saved)
    assert portable(kept, False) is kept
    assert pickle.loads(to_worker).text == text and pickle.loads(to_worker).stored
    del store, kept
    gc.collect()
    restored = pickle.loads(saved)  # the store and its file are gone: the text came along
    assert not restored.stored and restored.text == text


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_worker_processes_read_the_texts_themselves(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    store = TextStore()
    items = [portable(Article(f"{k}.txt", store.put(t), "x"), True) for k, t in enumerate(TEXTS)]
    items += [item.__dict__["text"] for item in items]
    with multiprocessing.get_context(method).Pool(2) as pool:
        assert pool.map(_read_in_worker, items) == TEXTS + TEXTS
    store.flush()
    assert os.path.getsize(store.path) == store.size  # no worker wrote its copy of the buffer, none removed the file


def test_the_file_goes_with_the_last_article_that_needs_it() -> None:
    store = TextStore()
    path = store.path
    article = Article("a.txt", store.put("kept words"), "x")
    del store
    gc.collect()
    assert os.path.exists(path) and article.text == "kept words"
    del article
    gc.collect()
    assert not os.path.exists(path)


def test_a_text_whose_file_is_gone_is_an_error_that_says_why(tmp_path: Path) -> None:
    store = TextStore(str(tmp_path))
    where = store.put("some words")
    store.close()
    with pytest.raises(WorkSpaceError, match="temporary file is gone"):
        where.read()


def test_a_folder_that_cannot_hold_the_texts_is_named_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(WorkSpaceError, match=r"missing.*TMPDIR"):
        TextStore(str(tmp_path / "missing"))


def test_a_scan_keeps_its_texts_on_disk_and_reports_them_unchanged(samples_dir: Path) -> None:
    result = reuse.scan(samples_dir)
    loaded = load_articles(samples_dir).articles
    assert all(a.stored for a in result.articles)
    assert result.articles == loaded
    assert result.pairs == reuse.scan_articles(loaded).pairs


def test_load_with_a_store_gives_the_same_articles(samples_dir: Path) -> None:
    (samples_dir / "dup").mkdir()
    (samples_dir / "dup" / "r.jsonl").write_text('{"id": "x", "text": "one two"}\n{"id": "x", "text": "three four"}\n', encoding="utf-8")
    from reuse.load import find_article_files, read_article_files

    files = find_article_files(samples_dir)
    plain = read_article_files(files)
    kept = read_article_files(files, store=TextStore())
    assert kept == plain
    assert all(a.stored for a in kept.articles) and [a.id for a in kept.articles if a.id.startswith("x")] == ["x", "x#2"]


def test_a_store_that_failed_a_write_takes_no_more_texts(tmp_path: Path) -> None:
    """A write cut short by a full disk leaves later offsets unknown: every later put is refused, with the fix."""
    store = TextStore(str(tmp_path))
    first = store.put("first text")

    class Full:
        closed = False

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            pass

        def close(self) -> None:
            pass

    store._file.flush()
    store._file = Full()
    for _ in range(2):
        with pytest.raises(WorkSpaceError, match=r"No space left on device.*TMPDIR"):
            store.put("second text")
    assert first.read() == "first text"
