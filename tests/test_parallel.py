"""The scan gives the same report in one process or several, however the work is split."""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from reuse import parallel
from reuse.cli import main
from reuse.model import Article
from reuse.pipeline import scan_articles
from reuse.plans import align_plan
from reuse.text import most_common_language

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from corpus_gen import generate_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(60, 11, out)
    return out / "articles"


def _report(folder: Path, *args: str) -> bytes:
    result = CliRunner().invoke(main, ["scan", str(folder), "--json", "-", "--quiet", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few articles and pairs, so a small corpus is spread over many tasks."""
    monkeypatch.setattr(parallel, "READ_CHUNK", 7)
    monkeypatch.setattr(parallel, "ALIGN_CHUNK", 5)
    monkeypatch.setattr(parallel, "PROVENANCE_CHUNK", 3)
    monkeypatch.setattr(parallel, "PROVENANCE_POOL", 0)


@pytest.mark.parametrize("jobs", ["2", "3"], ids=["two", "three"])
def test_a_scan_in_several_processes_writes_the_same_json_as_in_one(corpus, small_chunks, jobs):
    one = _report(corpus, "--jobs", "1")
    assert len(json.loads(one)["pairs"]) >= 5  # the corpus has reuse to find
    assert _report(corpus, "--jobs", jobs) == one


def test_the_size_of_the_chunks_does_not_change_the_report(corpus, monkeypatch):
    whole = _report(corpus, "--jobs", "1")
    monkeypatch.setattr(parallel, "READ_CHUNK", 1)
    monkeypatch.setattr(parallel, "ALIGN_CHUNK", 1)
    monkeypatch.setattr(parallel, "PROVENANCE_CHUNK", 1)  # every cluster decided apart
    assert _report(corpus, "--jobs", "1") == whole


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)).filter(lambda p: p[0] < p[1]), unique=True, max_size=120),
    st.integers(1, 30),
)
def test_align_chunks_take_every_pair_once_and_keep_small_components_whole(candidates, size):
    plan = align_plan(candidates, size)
    assert sorted(k for chunk in plan for k in chunk) == list(range(len(candidates)))
    assert all(0 < len(chunk) <= size for chunk in plan)
    chunk_of = {k: n for n, chunk in enumerate(plan) for k in chunk}
    graph = nx.Graph()
    graph.add_edges_from(candidates)
    for component in nx.connected_components(graph):
        ks = [k for k, (i, _) in enumerate(candidates) if i in component]
        if len(ks) <= size:
            assert len({chunk_of[k] for k in ks}) == 1


def test_a_large_component_is_aligned_in_tiles_that_reuse_their_articles():
    """A wire story run by 60 sites: 1,770 pairs in chunks of 100 need far fewer than 200 articles each."""
    candidates = [(i, j) for i in range(60) for j in range(i + 1, 60)]
    plan = align_plan(candidates, 100)
    assert max(len({i for k in chunk for i in candidates[k]}) for chunk in plan) <= 40


def test_a_map_whose_caller_stops_after_its_last_result_ends_its_pool_gracefully(monkeypatch):
    """The scan zips its plan with the map and so never asks past the last result: the map was left unfinished, its
    idle workers terminated, and on Python 3.10 that clean-up raced the pool's own (a feeder thread's "Bad file
    descriptor", about one run in ten of this file; once a hang). An unfinished map still ends its workers."""
    stopped = []
    monkeypatch.setattr(parallel, "_stop", lambda pool: (stopped.append(pool), pool.shutdown(wait=True)))
    plan = [1, 2, 3, 4]
    assert [x for _, x in zip(plan, parallel.map_chunks(abs, [-1, -2, -3, -4], 2))] == [1, 2, 3, 4]
    assert stopped == []
    mapped = parallel.map_chunks(abs, [-1, -2, -3, -4], 2)
    assert next(mapped) == 1
    mapped.close()  # left before its last result
    assert len(stopped) == 1


def test_jobs_must_be_at_least_one(corpus):
    result = CliRunner().invoke(main, ["scan", str(corpus), "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_a_short_article_takes_the_corpus_language_whatever_its_chunk(small_chunks, monkeypatch):
    """The fallback is counted over the whole corpus, so where a short article falls does not matter."""
    from test_properties import SHORT_A, SHORT_B, _articles

    monkeypatch.setattr(parallel, "READ_CHUNK", 1)
    found = {(ids, jobs): scan_articles(_articles((SHORT_A, SHORT_B), ids), jobs=jobs).pairs for ids in (("a", "b"), ("b", "a")) for jobs in (1, 2)}
    assert len({len(pairs) for pairs in found.values()}) == 1
    assert found[("a", "b"), 1] == found[("a", "b"), 2]


def test_the_most_common_language_breaks_ties_by_name():
    from collections import Counter

    assert most_common_language(Counter({"fr": 3, "en": 3, "de": 5})) == "de"
    assert most_common_language(Counter({"fr": 3, "en": 3})) == "en"
    assert most_common_language(Counter()) is None


def _index_rows(db: Path) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return [
            sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        ]
    finally:
        conn.close()


def test_index_add_and_check_in_several_processes_give_what_one_gives(corpus, small_chunks, tmp_path, monkeypatch):
    # Each add records when it ran (its articles' "seen" in the check's report): the same time for both, as jobs change nothing.
    monkeypatch.setattr("reuse.index.writer.added_time", lambda: "2025-07-21T09:00:00Z")
    files = sorted(corpus.iterdir())
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for k, f in enumerate(files):
        (old if k % 3 else new).joinpath(f.name).write_bytes(f.read_bytes())
    runner = CliRunner()
    reports = []
    for jobs in ("1", "2"):
        db = tmp_path / f"index{jobs}.db"
        added = runner.invoke(main, ["index", "add", str(old), "--index", str(db), "--jobs", jobs, "--quiet"])
        assert added.exit_code == 0, added.output
        checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-", "--quiet", "--jobs", jobs])
        assert checked.exit_code == 0, checked.output
        reports.append(checked.stdout_bytes)
    assert json.loads(reports[0])["pairs"]
    assert reports[0] == reports[1]
    assert _index_rows(tmp_path / "index1.db") == _index_rows(tmp_path / "index2.db")


@pytest.mark.parametrize("same_disk", [True, False], ids=["workers-share-the-disk", "workers-elsewhere"])
def test_a_scan_on_a_dask_local_cluster_writes_the_same_json(corpus, small_chunks, monkeypatch, same_disk):
    pytest.importorskip("distributed")
    one = _report(corpus, "--jobs", "1")
    shares_disk = parallel.shares_disk
    seen = []

    trims = []

    def told(engine):  # what the scan asks, and (for the second case) workers as if on another machine
        seen.append(shares_disk(engine))
        trims.extend(engine.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values())
        return same_disk

    monkeypatch.setattr(parallel, "shares_disk", told)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # as an earlier cluster's nanny leaves it in this process
    assert _report(corpus, "--dask", "--jobs", "2") == one
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "65536"  # this process's own setting is left as it was
    assert seen and all(seen)  # a LocalCluster's workers are on this host
    assert trims and set(trims) == {None}  # not Dask's 64 KB, which makes glibc unmap and map every chunk's arrays


def test_scheduler_and_dask_together_are_refused(corpus):
    result = CliRunner().invoke(main, ["scan", str(corpus), "--dask", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "give --scheduler ADDRESS or --dask, not both" in result.output


def test_an_unreachable_scheduler_is_a_clear_error(corpus, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 1)
    result = CliRunner().invoke(main, ["scan", str(corpus), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_articles_without_a_language_give_the_same_pairs_in_any_number_of_processes(small_chunks):
    """No article has a language to lend the short ones: long ones are stored by the workers, short ones by the scan."""
    rng = random.Random(5)
    hanzi = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三己老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话"
    base = "".join(rng.choice(hanzi) for _ in range(420))
    other = lambda n: "".join(rng.choice(hanzi) for _ in range(n))  # noqa: E731
    texts = {
        "long-a": base,  # over SHORT words (one word a character): read once, stored by a worker
        "long-b": base[:200] + "。" + other(220),
        "short-c": base[150:330],  # short with no language: held until the fallback, stored by the scan itself
        "short-d": other(120),
    }
    articles = [Article(id=k, text=v, outlet=k) for k, v in texts.items()]
    one = scan_articles(articles, jobs=1).pairs
    assert {(p.a, p.b) for p in one} >= {("long-a", "long-b"), ("long-a", "short-c")}
    assert scan_articles(articles, jobs=2).pairs == one


def _die_on_third(chunk: int) -> int:
    if chunk == 3:
        os.kill(os.getpid(), 9)  # SIGKILL: the out-of-memory killer's way
    return chunk


def test_a_worker_killed_mid_scan_fails_the_map_at_once():
    """A dead worker left multiprocessing.Pool waiting for its task forever."""
    import time

    from reuse.errors import WorkerError

    start = time.monotonic()
    with pytest.raises(WorkerError, match="a worker process of the scan ended before finishing its part"):
        list(parallel.map_chunks(_die_on_third, range(40), 2))
    assert time.monotonic() - start < 30


def test_two_scans_in_two_threads_each_keep_their_settings(samples_dir):
    """The settings a map shares were one dict per process: a scan in another thread cleared them (KeyError: 'config')."""
    import threading

    from reuse.config import ScanConfig, SketchConfig
    from reuse.pipeline import scan
    from reuse.report import dumps_report

    configs = [ScanConfig(), ScanConfig(sketch=SketchConfig(shingle_size=3))]
    alone = [dumps_report(scan(samples_dir, c), c) for c in configs]
    for _ in range(3):
        found: dict[int, object] = {}

        def run(k: int) -> None:
            try:
                found[k] = dumps_report(scan(samples_dir, configs[k]), configs[k])
            except Exception as exc:  # noqa: BLE001  # the failure is the finding
                found[k] = exc

        threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [found[0], found[1]] == alone


def test_a_dask_task_leaves_no_settings_behind_on_its_worker():
    """A Dask worker outlives the scan: it kept the last scan's frequencies."""
    from reuse.config import ScanConfig

    config = ScanConfig()
    assert parallel._with_settings(lambda chunk: parallel._shared()["config"], (config,), None) is config
    assert parallel._shared() == {}


def _fail_or_die(chunk: tuple[str, str]) -> int:
    if chunk[0] == "fail":
        raise ValueError("a task failed")
    if chunk[0] == "die":
        os.kill(os.getpid(), 9)
    return len(chunk[1])


@pytest.mark.parametrize("mode", ["fail", "die"])
def test_a_failing_map_of_large_chunks_ends_promptly(mode):
    """Chunks larger than a pipe holds (in-memory texts, about 1 MB) left Python 3.10's pool waiting forever at shutdown."""
    import threading

    from reuse.errors import WorkerError

    chunks = [("ok", "x" * 1_000_000)] * 3 + [(mode, "")] + [("ok", "x" * 1_000_000)] * 6
    raised: list[BaseException] = []

    def run() -> None:
        try:
            list(parallel.map_chunks(_fail_or_die, chunks, 2))
        except Exception as exc:  # noqa: BLE001  # what the map raised is the finding
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the map never returned"
    assert len(raised) == 1 and isinstance(raised[0], ValueError if mode == "fail" else WorkerError)


def test_stopping_a_pool_returns_when_a_worker_ended_halfway_through_sending_a_result():
    """A worker ended (Ctrl-C stops the workers) while it wrote a large result leaves half a message in the
    results pipe; the pool's manager thread waited for the rest and the stop with it, forever (seen in an
    index add). Here the half message is written by hand, as the worker would have left it."""
    import struct
    import threading
    import time
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1)
    pool.submit(time.sleep, 0).result()  # the worker and the manager thread are up
    pool._result_queue._writer._send(struct.pack("!i", 1_000_000) + b"x" * 100)  # 100 of 1,000,000 bytes
    time.sleep(0.5)  # the manager thread starts reading it
    stopping = threading.Thread(target=parallel._stop, args=(pool,), daemon=True)
    stopping.start()
    stopping.join(30)
    assert not stopping.is_alive(), "the pool's shutdown waits for the rest of the message"
