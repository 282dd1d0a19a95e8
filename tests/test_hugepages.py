"""Huge pages off inside an index write, for the workers it forks too, and back after."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from reuse.hugepages import huge_pages_disabled, no_huge_pages

pytestmark = pytest.mark.skipif(huge_pages_disabled() is None, reason="prctl(PR_GET_THP_DISABLE) is Linux only")


def _state_in_child(queue) -> None:
    queue.put(huge_pages_disabled())


def test_off_inside_the_block_back_after():
    before = huge_pages_disabled()
    with no_huge_pages():
        assert huge_pages_disabled() is True
    assert huge_pages_disabled() is before


def test_back_after_an_exception():
    before = huge_pages_disabled()
    with pytest.raises(KeyError):
        with no_huge_pages():
            raise KeyError("x")
    assert huge_pages_disabled() is before


@pytest.mark.skipif(sys.platform != "linux", reason="fork")
def test_a_forked_worker_inherits_it():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    with no_huge_pages():
        worker = context.Process(target=_state_in_child, args=(queue,))
        worker.start()
        state = queue.get(timeout=30)
        worker.join(30)
    assert state is True


def test_an_index_add_runs_with_them_off(tmp_path, monkeypatch):
    """The add's work (here: writing the postings) runs with huge pages off."""
    import reuse.index.writer as writer
    from reuse import Article
    from reuse.index import add_articles

    seen = []
    real = writer.write_segment

    def spy(*args, **kwargs):
        seen.append(huge_pages_disabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(writer, "write_segment", spy)
    before = huge_pages_disabled()
    text = "The minister said on Tuesday that the talks on the new border treaty would resume in Geneva next week. " * 3
    add_articles(tmp_path / "index.db", [Article(id="a.txt", text=text, outlet="a")])
    assert seen == [True]
    assert huge_pages_disabled() is before
