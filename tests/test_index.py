"""The persistent index: check equals a scan of the union; versions, removal, settings, snapshots."""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import reuse
from reuse.config import BoilerplateConfig, CandidateConfig, ScanConfig
from reuse.errors import IndexFileError, InputError
from reuse.index import add_articles, add_folder, check, check_articles, index_info, remove_articles
from reuse.load import load_articles
from reuse.index.features import read_article, read_articles
from reuse.index.postings import live_postings
from reuse.model import Article


def postings_by_id(con: sqlite3.Connection) -> list[tuple[int, str]]:
    """The live postings as ``(key, article id)``: rowids differ between two builds of one index."""
    ids = dict(con.execute("SELECT rowid, id FROM articles"))
    return sorted((key, ids[rowid]) for key, rowid in live_postings(con))

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from corpus_gen import generate_corpus  # noqa: E402

JUNK = "Follow our live coverage on Mastodon"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A generated corpus split in two: ``old`` (indexed) and ``new`` (checked), and ``all``.

    A short line recurs in two old articles and one new one: boilerplate in
    the union (min_docs 3) but in neither half alone.
    """
    root = tmp_path_factory.mktemp("index-corpus")
    generate_corpus(150, 11, root / "gen")
    files = sorted((root / "gen" / "articles").iterdir())
    parts = {"old": files[:100], "new": files[100:]}
    for name in ("old", "new", "all"):
        (root / name).mkdir()
    for name, chosen in parts.items():
        for k, f in enumerate(chosen):
            text = f.read_text("utf-8")
            if (name == "old" and k in (3, 40)) or (name == "new" and k == 7):
                text = text + "\n" + JUNK + "\n"
            for dest in (name, "all"):
                (root / dest / f.name).write_text(text, "utf-8")
    return {name: root / name for name in ("old", "new", "all")}


def _found(pairs):
    """Everything about pairs but the direction (inferred from all of a scan's pairs); passages in A's order."""
    return sorted(
        (replace(p, direction=None, passages=tuple(sorted(p.passages, key=lambda x: (x.a_start, x.a_end)))) for p in pairs),
        key=lambda p: (p.a, p.b),
    )


CONFIGS = {
    "default": ScanConfig(),
    # Buckets of more than 3 articles are banal: whole-article copies of one source make them.
    "small-buckets": ScanConfig(candidates=CandidateConfig(max_bucket=3)),
    "min-docs-2": ScanConfig(boilerplate=BoilerplateConfig(min_docs=2)),
    # Pairs that collide and align but share fewer than 60 three-word runs are dropped before aligning.
    "many-shared-runs": ScanConfig(candidates=CandidateConfig(min_shared_trigrams=60)),
}


def _with_new(pairs, new: set[str]) -> list:
    """The pairs involving a new article, that article as ``a``."""
    return [p if p.a in new else p.swapped() for p in pairs if p.a in new or p.b in new]


@pytest.mark.parametrize("name", CONFIGS, ids=str)
def test_check_finds_what_a_scan_of_the_union_finds(corpus, tmp_path, name):
    config = CONFIGS[name]
    add_folder(corpus["old"], tmp_path / "i.db", config)
    result = check(corpus["new"], tmp_path / "i.db", config)
    union = reuse.scan(corpus["all"], config)
    new = {p.name for p in corpus["new"].iterdir()}
    expected = _with_new(union.pairs, new)
    assert len(expected) > 20  # the corpus plants reuse across the two halves and within the new one
    assert any(p.b not in new for p in expected) and any(p.b in new for p in expected)
    assert _found(result.pairs) == _found(expected)
    assert all(p.a in new for p in result.pairs)
    for pair in result.pairs:  # every passage slices the right texts
        a, b = result.article(pair.a), result.article(pair.b)
        for p in pair.passages:
            assert a.text[p.a_start : p.a_end] and b.text[p.b_start : p.b_end]


@pytest.mark.parametrize("name", ["default", "small-buckets"])
def test_a_batch_matched_a_range_of_keys_at_a_time_gives_the_candidates_of_one_range(corpus, tmp_path, monkeypatch, name):
    """A large batch is matched one range of postings rows at a time, its pair codes made in pieces: the same candidates."""
    import reuse.index.checker as checker
    import reuse.index.matching as matching

    config = CONFIGS[name]
    add_folder(corpus["old"], tmp_path / "i.db", config)
    got = []
    real_match = matching.match_batch
    monkeypatch.setattr(checker, "match_batch", lambda *a: got.append(real_match(*a)) or got[-1])
    whole = check(corpus["new"], tmp_path / "i.db", config)
    monkeypatch.setattr(matching, "KEYS_AT_ONCE", 2_000)  # some 30 ranges for the 50 new articles
    monkeypatch.setattr(matching, "PAIRS_AT_ONCE", 50)
    monkeypatch.setattr(matching, "_CHUNK", 7)
    calls, pieces = [], []
    real_find, real_bucketed = matching.find, matching._bucketed

    def bucketed(*args):
        found = real_bucketed(*args)
        pieces.append(len(found[0]))
        return found

    monkeypatch.setattr(matching, "find", lambda *a, **k: calls.append(1) or real_find(*a, **k))
    monkeypatch.setattr(matching, "_bucketed", bucketed)
    ranged = check(corpus["new"], tmp_path / "i.db", config)
    assert len(calls) >= 16 and max(pieces) >= 2
    (pairs, rowids, crowded), (ranged_pairs, ranged_rowids, ranged_crowded) = got
    assert len(pairs) > 30 and ranged_pairs == pairs and ranged_rowids.tolist() == rowids.tolist() and ranged_crowded == crowded
    assert _found(ranged.pairs) == _found(whole.pairs)


def test_articles_crowded_out_are_counted_over_all_their_keys_not_range_by_range(tmp_path, monkeypatch):
    """The share of an article's keys in over-full buckets is summed over every range of postings rows matched."""
    import reuse.index.matching as matching
    from reuse.index.postings import write_segment
    from reuse.index.store import connect

    monkeypatch.setattr(matching, "KEYS_AT_ONCE", 4)  # 20 keys: 8 ranges of 512 postings rows

    def key(row: int, low: int) -> int:
        return (row << 24) | low  # a key in postings row ``row``

    full = [key(0, 1), key(0, 2), key(0, 3), key(1024, 1), key(1024, 2), key(1024, 3)]
    con = connect(tmp_path / "i.db", None, create=True)
    write_segment(con, np.array(full * 3, dtype=np.int64), np.repeat(np.arange(1, 4, dtype=np.int64), len(full)))  # 3 articles hold each
    batch = matching.BatchKeys()
    none = np.zeros(0, dtype=np.int64)
    # 6 of its 10 keys in buckets too full (in ranges 0 and 2), none of the 4 in the last range: crowded out.
    batch.add(0, (np.array(full + [key(4000, k) for k in range(4)], dtype=np.int64), none))
    # All its keys of range 0 in full buckets, but 3 of 10 in all: not crowded out.
    batch.add(1, (np.array(full[:3] + [key(2000 + k, 9) for k in range(7)], dtype=np.int64), none))
    pairs, rowids, crowded = matching.match_batch(con, batch, 2, set(), CandidateConfig(max_bucket=2))
    assert (pairs, rowids.tolist(), crowded) == ([], [], [0])


def test_runs_cut_short_enough_to_collide_still_give_what_a_scan_finds(corpus, tmp_path, monkeypatch):
    """The index keeps three-word runs cut to 24 bits; the pairs they keep are checked again on exact runs.

    At 8 bits many runs collide by chance, so the cut runs keep pairs that
    the exact check must drop before aligning (as the scan does).
    """
    from reuse.index import codec

    monkeypatch.setattr(codec, "RUN_BITS", 8)
    config = CONFIGS["many-shared-runs"]
    add_folder(corpus["old"], tmp_path / "i.db", config)
    result = check(corpus["new"], tmp_path / "i.db", config)
    new = {p.name for p in corpus["new"].iterdir()}
    assert _found(result.pairs) == _found(_with_new(reuse.scan(corpus["all"], config).pairs, new))


def test_html_pages_added_over_two_processes_are_stored_as_with_one(tmp_path):
    import sqlite3

    pages = tmp_path / "pages"
    pages.mkdir()
    body = "<p>The minister said the plan to rebuild the old bridge was on track and would finish next spring.</p>" * 6
    for k in range(5):
        (pages / f"p{k}.html").write_text(f"<html><head><title>Story {k}</title></head><body><article>{body}</article></body></html>", encoding="utf-8")
    rows = []
    for jobs in (1, 2):
        add_folder(pages, tmp_path / f"{jobs}.db", jobs=jobs)
        rows.append(sqlite3.connect(tmp_path / f"{jobs}.db").execute("SELECT * FROM articles ORDER BY rowid").fetchall())
    assert len(rows[0]) == 5 and rows[0] == rows[1]


def test_the_shared_runs_check_matters_on_this_corpus(corpus):
    """Without the check on shared three-word runs the union scan would find more pairs with a new article.

    So ``many-shared-runs`` above fails a check that reports candidate pairs
    the scan drops before aligning.
    """
    strict = CONFIGS["many-shared-runs"]
    loose = replace(strict, candidates=replace(strict.candidates, min_shared_trigrams=0))
    new = {p.name for p in corpus["new"].iterdir()}
    kept, unchecked = (len(_with_new(reuse.scan(corpus["all"], c).pairs, new)) for c in (strict, loose))
    assert unchecked > kept


def test_the_index_counts_the_short_lines_it_stores(corpus, tmp_path):
    add_folder(corpus["old"], tmp_path / "i.db")
    info = index_info(tmp_path / "i.db")
    assert info.lines >= 1
    con = sqlite3.connect(tmp_path / "i.db")
    assert con.execute("SELECT max(n) FROM lines").fetchone()[0] == 2  # the line in 2 stored articles
    assert len(live_postings(con)) == info.postings


@pytest.mark.parametrize("min_docs, masked", [(3, True), (4, False)], ids=["learned", "not-learned"])
def test_boilerplate_seen_across_index_and_batch_is_learned(corpus, tmp_path, min_docs, masked):
    """A new copy of a stored article, both ending in the short line 2 stored articles carry.

    With the new copy that line is in 3 articles, boilerplate at ``min_docs=3``
    only when the index's counts and the batch's are added up: the copied
    passage then stops before it. At ``min_docs=4`` it is not boilerplate and
    the passage runs on over it (the case is one where the mask matters).
    """
    config = ScanConfig(boilerplate=BoilerplateConfig(min_docs=min_docs))
    stored = sorted(corpus["old"].iterdir())[3]  # one of the two stored articles ending in JUNK
    new = tmp_path / "new"
    new.mkdir()
    shutil.copy(stored, new / "copy.txt")
    add_folder(corpus["old"], tmp_path / "i.db", config)
    result = check(new, tmp_path / "i.db", config)
    pair = next(p for p in result.pairs if p.b == stored.name)
    text = result.article("copy.txt").text
    assert text.rstrip().endswith(JUNK)
    assert any(JUNK in text[p.a_start : p.a_end] for p in pair.passages) is not masked


def test_readding_is_a_no_op_and_changes_are_new_versions(samples_dir, tmp_path):
    db = tmp_path / "i.db"
    first = add_folder(samples_dir, db).result
    assert len(first.added) == 5 and not first.updated
    size = index_info(db)
    again = add_folder(samples_dir, db).result
    assert again.added == () and again.updated == () and len(again.unchanged) == 5
    assert index_info(db).postings == size.postings

    target = sorted(samples_dir.iterdir())[2]
    target.write_text(target.read_text("utf-8") + "\nA paragraph added in the second version of this story.\n", "utf-8")
    changed = add_folder(samples_dir, db).result
    assert changed.updated == (target.name,) and len(changed.unchanged) == 4
    info = index_info(db)
    assert (info.articles, info.versions) == (5, 6)
    rows = sqlite3.connect(db).execute("SELECT version, current FROM articles WHERE id = ? ORDER BY version", (target.name,))
    assert rows.fetchall() == [(1, 0), (2, 1)]


def test_a_feed_item_repeated_in_the_next_days_file_is_the_same_article(tmp_path):
    """A record with its own id, its text and metadata unchanged, in another file: no new version (each day's file
    had stored the body and postings again); an index whose digests held the file's path still knows the same file's."""
    record = '{"id": "https://news.example/a1", "outlet": "News", "text": "The council approved the harbour budget on Tuesday after a long debate."}\n'
    monday, tuesday = tmp_path / "monday", tmp_path / "tuesday"
    for folder in (monday, tuesday):
        folder.mkdir()
        (folder / f"{folder.name}.jsonl").write_text(record, "utf-8")
    db = tmp_path / "i.db"
    assert add_folder(monday, db).result.added == ("https://news.example/a1",)
    again = add_folder(tuesday, db).result
    assert (again.added, again.updated, again.unchanged) == ((), (), ("https://news.example/a1",))
    assert (index_info(db).articles, index_info(db).versions) == (1, 1)

    from reuse.index.features import content_digest

    stored = load_articles(monday).articles[0]
    with sqlite3.connect(db) as con:  # as an index written before: the path in the digest
        con.execute("UPDATE articles SET digest = ?", (content_digest(stored, with_path=True),))
    assert add_folder(monday, db).result.unchanged == ("https://news.example/a1",)
    assert index_info(db).versions == 1


def test_only_the_latest_version_is_matched(tmp_path, samples_dir):
    db = tmp_path / "i.db"
    story = load_articles(samples_dir).articles[1]
    add_articles(db, [story])
    rewritten = replace(story, text="An entirely different text now stands under this id. " * 5)
    add_articles(db, [rewritten])
    copy = replace(story, id="copy.txt")
    result = check_articles(db, [copy])
    assert result.pairs == ()  # the old version's text is not matched any more


def test_adding_an_earlier_version_again_keeps_the_current_one(samples_dir, tmp_path):
    """Yesterday's folder added again after today's update (a backfill, a cron job run twice) reverts nothing."""
    db = tmp_path / "i.db"
    story = load_articles(samples_dir).articles[1]
    updated = replace(story, text=story.text + "\nA paragraph added in the update.\n")
    add_articles(db, [story])
    assert add_articles(db, [updated]).updated == (story.id,)
    again = add_articles(db, [story])
    assert (again.added, again.updated, again.unchanged, again.earlier) == ((), (), (), (story.id,))
    rows = sqlite3.connect(db).execute("SELECT version, current FROM articles WHERE id = ? ORDER BY version", (story.id,))
    assert rows.fetchall() == [(1, 0), (2, 1)]  # no third version, and the update still current
    moved = replace(story, outlet="Another Outlet", url="https://another.example/story")
    add_articles(db, [moved])  # a third version from elsewhere; the first one checked again is no news of it
    checked = check_articles(db, [story])
    assert checked.checked == () and checked.pairs == ()  # left out, as the add leaves it: the current version stays matched
    assert any(w.startswith(f"1 article ({story.id}) holds the text of an earlier version of its id: left out of the check") for w in checked.warnings)
    assert not any("another article under this id" in w for w in checked.warnings)


def test_a_check_says_which_of_its_articles_the_index_holds_unchanged(samples_dir, tmp_path):
    """A day's feed repeating yesterday's items (added then): they were counted as new and their pairs reported again,
    unsaid (found by a review). They are still checked, as a scan of the union would, and said to be stored already."""
    db = tmp_path / "i.db"
    arts = load_articles(samples_dir).articles
    add_articles(db, arts[:3])
    checked = check_articles(db, [arts[0], arts[3]])
    assert checked.checked == (arts[0].id, arts[3].id)
    said = [w for w in checked.warnings if "already" in w]
    assert said == [f"1 article ({arts[0].id}) is in the index already, unchanged: checked again as if new (with --add it stays as it is)"]
    assert not [w for w in check_articles(db, [arts[3]]).warnings if "already" in w]


def test_another_article_under_a_stored_id_is_said_and_a_prefix_keeps_them_apart(tmp_path, samples_dir):
    """Two days' feeds laid out alike give one id to two articles: the add and the check say so,
    and --id-prefix keeps them apart, so the second day's copy of the first day's story is found."""
    story = load_articles(samples_dir).articles[1]
    day_a = replace(story, id="feeds/feed.jsonl#1", path="feeds/feed.jsonl", outlet="Harbourside Echo", url="https://echo.example/a")
    day_b = replace(story, id="feeds/feed.jsonl#1", path="feeds/feed.jsonl", outlet="Copycat Gazette", url="https://copycat.example/b")
    db = tmp_path / "i.db"
    add_articles(db, [day_a])
    checked = check_articles(db, [day_b])
    assert checked.pairs == ()
    assert [w for w in checked.warnings if w.startswith("feeds/feed.jsonl#1: the index holds another article under this id")] == [
        "feeds/feed.jsonl#1: the index holds another article under this id (Harbourside Echo, https://echo.example/a; this one: "
        "Copycat Gazette, https://copycat.example/b); the new one stands in for it in this check, as its new version would "
        "(adding the batch makes it that), and the two are not compared: give each batch's articles ids of their own (--id-prefix)"
    ]
    assert "it is taken as its new version, which replaces it in matching" in add_articles(db, [day_b]).warnings[0]
    update = replace(day_b, text=day_b.text + "\nUpdated.\n")  # the same outlet and address: a real update, said nothing of
    assert add_articles(db, [update]).warnings == ()

    apart = tmp_path / "apart.db"
    add_articles(apart, reuse.index.prefixed([day_a], "2025-07-24/"))
    found = check_articles(apart, reuse.index.prefixed([day_b], "2025-07-25/"))
    assert [(p.a, p.b) for p in found.pairs] == [("2025-07-25/feeds/feed.jsonl#1", "2025-07-24/feeds/feed.jsonl#1")]
    assert not any("another article under this id" in w for w in found.warnings)
    # A record's own id names it wherever it comes from: no prefix, so a feed item repeated the next day is no reuse of itself.
    item = replace(day_a, id="https://echo.example/a")
    assert reuse.index.prefixed([item], "2025-07-25/") == (item,)
    with pytest.raises(reuse.errors.ConfigError, match="holds control characters"):
        reuse.index.prefixed([day_a], "day\x00/")
    # The same page under a tracking parameter, and a metadata-only update, are updates: nothing said.
    tracked = replace(day_b, url="https://www.copycat.example/b/?utm_source=rss", title="A new title")
    assert add_articles(db, [tracked]).warnings == ()
    # Addresses without a scheme are compared as written; a record's own id is no path: the advice is another.
    moved = replace(day_b, id="item-1", path="feeds/feed.jsonl", url="copycat.example/news/day-1")
    add_articles(db, [moved])
    warned = add_articles(db, [replace(moved, url="copycat.example/news/day-2")]).warnings
    assert len(warned) == 1 and "give the records ids that stay unique across batches (a URL, a GUID)" in warned[0]


def _tables(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("stems", "lines")}
    out["postings"] = postings_by_id(con)
    out["meta"] = con.execute("SELECT * FROM meta ORDER BY 1").fetchall()
    return out


def test_remove_leaves_what_never_adding_leaves(samples_dir, tmp_path):
    arts = load_articles(samples_dir).articles
    add_articles(tmp_path / "all.db", arts)
    add_articles(tmp_path / "part.db", arts[:3])
    removed = remove_articles(tmp_path / "all.db", [a.id for a in arts[3:]] + ["not-there"])
    assert removed.removed == tuple(sorted(a.id for a in arts[3:])) and removed.missing == ("not-there",)
    assert _tables(tmp_path / "all.db") == _tables(tmp_path / "part.db")


def _copies(n: int, samples: Path) -> list[Article]:
    """``n`` outlets running one wire story (of the folder ``samples``) word for word."""
    story = (samples / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    return [Article(id=f"c{k:02d}", text=story, outlet=f"site{k:02d}.example") for k in range(n)]


def test_a_story_carried_by_more_articles_than_max_bucket_is_said_and_paired_once_raised(tmp_path, samples_dir):
    """Past ``max_bucket`` copies the story's text is banal to the banding: the scan and the check say so, and a
    check may raise the limit, which only it applies, whatever the index was built with."""
    copies = _copies(7, samples_dir)
    low = ScanConfig(candidates=CandidateConfig(max_bucket=5))
    scanned = reuse.scan_articles(copies, low)
    assert scanned.pairs == ()
    assert len(scanned.warnings) == 1 and scanned.warnings[0].startswith("7 articles (c00, c01, c02 and 4 more) share most of their wording with 5 or more")
    assert "and none of them paired. To pair them, set --max-bucket to at least the number of articles carrying that wording" in scanned.warnings[0]
    assert len(reuse.scan_articles(copies, ScanConfig(candidates=CandidateConfig(max_bucket=7))).pairs) == 21

    db = tmp_path / "i.db"
    add_articles(db, copies[:5], low)
    checked = check_articles(db, copies[5:])  # the index's own settings, max_bucket 5
    assert checked.pairs == () and checked.warnings[0].startswith("2 articles (c05, c06) share most of their wording with 5 or more")
    with pytest.raises(IndexFileError, match=r"built with --max-bucket 5 \(not 200\)"):
        add_articles(db, copies[5:], ScanConfig())  # adding takes the index's settings, max_bucket too
    raised = check_articles(db, copies[5:], ScanConfig())  # the check's own max_bucket, 200
    assert raised.warnings == ()
    assert sorted((p.a, p.b) for p in raised.pairs) == sorted(
        (p.a, p.b) if p.a in ("c05", "c06") else (p.b, p.a) for p in reuse.scan_articles(copies).pairs if {p.a, p.b} & {"c05", "c06"}
    )
    assert len(raised.pairs) == 5 * 2 + 1


def test_other_settings_are_refused_with_the_fix(samples_dir, tmp_path):
    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    other = ScanConfig(sketch=replace(ScanConfig().sketch, num_perm=64), candidates=CandidateConfig(bands=16))
    with pytest.raises(IndexFileError, match=r"built with --bands 32 \(not 16\); --num-perm 128 \(not 64\).*reuse index add FOLDER --index NEW_PATH"):
        check(samples_dir, db, other)
    with pytest.raises(IndexFileError, match="other settings"):
        add_folder(samples_dir, db, other)


def test_an_index_from_a_version_without_a_setting_is_refused_with_a_rebuild(samples_dir, tmp_path):
    """A setting added since the index was built is no difference to name ("site_lines None (not True)")."""
    import json

    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    con = sqlite3.connect(db)
    settings = json.loads(con.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()[0])
    del settings["boilerplate"]["site_lines"]
    con.execute("UPDATE meta SET value = ? WHERE key = 'settings'", (json.dumps(settings),))
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'fingerprint'")
    con.commit()
    con.close()
    with pytest.raises(IndexFileError, match=r"another version of reuse or its word lists\. Rebuild it: 'reuse index add FOLDER --index NEW_PATH'\.$"):
        check(samples_dir, db)


_ALTERATIONS = {
    "postings table dropped": "DROP TABLE postings",
    "keys stored as text": "UPDATE postings SET keys = 'abc'",
    "a row's key count too large": "UPDATE postings SET n = n * 1000",
    "a body stored as text": "UPDATE articles SET body = 'plain text'",
    "a language that is none": "UPDATE articles SET language = '5'",
    "settings a list": "UPDATE meta SET value = '[]' WHERE key = 'settings'",
    "settings gone": "DELETE FROM meta WHERE key = 'settings'",
    # found by a review: each gave wrong pairs with exit 0, a traceback, or "check the disk's space"
    "rows of keys cut in half": "UPDATE postings SET keys = substr(keys, 1, length(keys) / 2)",
    "stem counts no numbers": "UPDATE stems SET n = 'abc'",
    "article count no number": "UPDATE meta SET value = 'x' WHERE key = 'n_docs'",
    "article count gone": "DELETE FROM meta WHERE key = 'n_docs'",
    "bodies read as text": "UPDATE articles SET body = CAST(body AS TEXT)",
    "settings no JSON": "UPDATE meta SET value = '{bad' WHERE key = 'settings'",
}

#: Alterations an add meets before it writes anything: refused, the file left as it was.
_ADD_MEETS = ("article count no number", "article count gone", "settings no JSON", "settings gone", "segments gone")
_ALTERATIONS_FOR_ADD = {**_ALTERATIONS, "segments gone": "DELETE FROM segments"}


@pytest.mark.parametrize("sql", list(_ALTERATIONS.values()), ids=list(_ALTERATIONS))
def test_a_damaged_or_altered_index_is_an_error_that_says_rebuild_not_a_traceback(samples_dir, tmp_path, sql):
    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    con = sqlite3.connect(db)
    con.execute(sql)
    con.commit()
    con.close()
    damaged = r"cannot be read \(.+\): (it is damaged or was altered\. Rebuild it with 'reuse index add|rebuild the index)"
    with pytest.raises(IndexFileError, match=damaged):
        check(samples_dir, db)
    try:
        index_info(db)  # counts and settings: it need not read what was altered
    except IndexFileError as exc:
        assert re.search(damaged, str(exc)), exc


@pytest.mark.parametrize("name", _ADD_MEETS)
def test_adding_to_a_damaged_or_altered_index_is_refused_and_changes_nothing(samples_dir, tmp_path, name):
    """SQLite adds to a count that is no number as to 0, and a segment table emptied by hand made the add's own
    postings collide ('UNIQUE constraint failed ... check the disk's space'): both said to rebuild instead."""
    db = tmp_path / "i.db"
    some = tmp_path / "some"
    some.mkdir()
    for path in sorted(samples_dir.iterdir())[:3]:
        shutil.copy(path, some / path.name)
    add_folder(some, db)
    con = sqlite3.connect(db)
    con.execute(_ALTERATIONS_FOR_ADD[name])
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(IndexFileError, match=r"cannot be read \(.+\): it is damaged or was altered\. Rebuild it with 'reuse index add"):
        add_folder(samples_dir, db)
    assert db.read_bytes() == before


def test_not_an_index_is_refused(tmp_path):
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)")
    with pytest.raises(IndexFileError, match="is not a reuse index"):
        index_info(plain)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x80\x04\x95 pickle bytes, not SQLite" * 100)
    with pytest.raises(IndexFileError, match="not a readable reuse index"):
        index_info(junk)
    with pytest.raises(IndexFileError, match="No index at .*reuse index add FOLDER"):
        check_articles(tmp_path / "missing.db", [])


def test_duplicate_ids_in_a_batch_are_refused(tmp_path):
    art = Article(id="x", text="Some text here.", outlet="o")
    with pytest.raises(InputError, match="Two articles have the id 'x'"):
        add_articles(tmp_path / "i.db", [art, art])
    assert not (tmp_path / "i.db").exists() or index_info(tmp_path / "i.db").articles == 0


def test_a_batch_article_stands_in_for_its_stored_version(samples_dir, tmp_path):
    """Checking an article already indexed compares its new text with the others, never with itself."""
    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    arts = load_articles(samples_dir).articles
    result = check_articles(db, arts[:2])
    union = reuse.scan(samples_dir)
    ids = {a.id for a in arts[:2]}
    expected = [p if p.a in ids else p.swapped() for p in union.pairs if p.a in ids or p.b in ids]
    assert _found(result.pairs) == _found(expected)


def test_check_with_add_adds_the_batch(corpus, tmp_path):
    db = tmp_path / "i.db"
    shutil.copytree(corpus["new"], tmp_path / "new")
    add_folder(corpus["old"], db)
    first = check(tmp_path / "new", db, add=True)
    assert index_info(db).articles == 150
    second = check(tmp_path / "new", db)  # the same articles again: they stand in for themselves
    assert _found(second.pairs) == _found(first.pairs)


def test_a_swapped_pair_reads_from_the_other_side(samples_dir):
    union = reuse.scan(samples_dir)
    pair = union.pairs[0]
    other = pair.swapped()
    assert (other.a, other.b, other.containment_a, other.containment_b) == (pair.b, pair.a, pair.containment_b, pair.containment_a)
    a, b = union.article(other.a), union.article(other.b)  # a is the original pair's B
    originals = sorted(pair.passages, key=lambda p: (p.b_start, p.b_end))
    assert [a.text[p.a_start : p.a_end] for p in other.passages] == [a.text[p.b_start : p.b_end] for p in originals]
    assert [b.text[p.b_start : p.b_end] for p in other.passages] == [b.text[p.a_start : p.a_end] for p in originals]
    assert other.swapped().passages == tuple(sorted(pair.passages, key=lambda p: (p.a_start, p.a_end, p.b_start, p.b_end)))



def test_a_checked_update_measures_its_time_of_modification_from_the_new_side(tmp_path, samples_dir):
    """The hours between two versions' changes run from A to B, as a time does: swapped for the check, they kept A's sign."""
    text = (samples_dir / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    url = "https://ledger.example/kremlin"
    old = Article("a-v1.html", text, "Ledger", published="2025-05-27T08:00:00Z", canonical=url, modified="2025-05-27T08:00:00Z")
    new = Article("z-v2.html", text + "\nAn update.", "Ledger", published="2025-05-27T08:00:00Z", canonical=url,
                  modified="2025-05-27T12:00:00Z")
    add_articles(tmp_path / "i.db", [old])
    (pair,) = check_articles(tmp_path / "i.db", [new]).pairs
    modified = next(s for s in pair.direction.evidence if s.name == "modified")
    assert (pair.a, modified.favours, modified.value, modified.weight < 0) == ("z-v2.html", "a-v1.html", -4.0, True)


def test_a_checked_pair_weighs_its_evidence_from_the_new_articles_side(tmp_path, samples_dir):
    """In a check's pair A is the new article: a weight > 0 still favours A, and the hours run from A to B."""
    text = (samples_dir / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    old = Article("a-old.txt", text, "Old Paper", published="2025-05-27T08:00:00Z")
    new = Article("z-new.txt", text, "New Paper", published="2025-05-27T12:00:00Z")
    add_articles(tmp_path / "i.db", [old])
    (pair,) = check_articles(tmp_path / "i.db", [new]).pairs
    assert (pair.a, pair.direction.source) == ("z-new.txt", "a-old.txt")  # a scan would have A = a-old.txt
    time = next(s for s in pair.direction.evidence if s.name == "time")
    assert (time.favours, time.value, time.weight < 0) == ("a-old.txt", -4.0, True)
    for signal in pair.direction.evidence:
        if signal.weight:
            assert (signal.weight > 0) == (signal.favours == pair.a), signal

EN = "The minister said that the government would not change the plan and that it was on track with the others."
FR = "Le ministre a dit que le gouvernement ne changerait pas le plan et qu il était sur la bonne voie avec les autres."
NAMES = "Emmanuel Macron, Bruxelles, Kyiv: Zelensky 2024 OTAN."


def test_a_short_article_without_language_takes_the_most_common_of_the_index(tmp_path):
    """As in a scan: the most common language of the whole corpus, whatever the ids."""
    db = tmp_path / "i.db"
    add_articles(db, [Article(id=i, text=t, outlet=i) for i, t in (("a1", EN), ("c1", FR), ("c2", FR))])
    add_articles(db, [Article(id=i, text=NAMES + " " + i, outlet=i) for i in ("b1", "d1")])
    rows = sqlite3.connect(db).execute("SELECT id, language, detected FROM articles ORDER BY id").fetchall()
    assert rows == [("a1", "en", 1), ("b1", "fr", 0), ("c1", "fr", 1), ("c2", "fr", 1), ("d1", "fr", 0)]


def test_compacted_postings_are_the_live_postings(samples_dir, tmp_path, monkeypatch):
    """Batches, a removal and a new version: compacting after each add leaves one segment and the same matches."""
    arts = load_articles(samples_dir).articles
    changed = replace(arts[0], text=arts[0].text + "\nA paragraph added in the second version of this story.\n")

    def build(db: Path) -> sqlite3.Connection:
        add_articles(db, arts[:3])
        add_articles(db, arts[3:])
        remove_articles(db, [arts[1].id])
        add_articles(db, [changed])
        return sqlite3.connect(db)

    plain = build(tmp_path / "plain.db")
    monkeypatch.setattr("reuse.index.writer.MAX_SEGMENTS", 0)
    compacted = build(tmp_path / "compacted.db")
    assert plain.execute("SELECT count(DISTINCT segment), count(*) FROM postings").fetchone()[0] == 3
    assert plain.execute("SELECT count(*) FROM dead").fetchone()[0] == 2  # the old version and the removed article
    assert compacted.execute("SELECT count(DISTINCT segment) FROM postings").fetchone()[0] == 1
    assert compacted.execute("SELECT count(*) FROM dead").fetchone()[0] == 0
    assert postings_by_id(compacted) == postings_by_id(plain) != []
    probe = [replace(a, id="probe-" + a.id) for a in arts]
    assert check_articles(tmp_path / "compacted.db", probe).pairs == check_articles(tmp_path / "plain.db", probe).pairs


def test_compaction_keeps_article_offsets_16_bit(samples_dir, tmp_path):
    """Postings of articles 70,000 rowids apart are compacted into two segments of 16-bit offsets."""
    from reuse.index.postings import compact, write_segment

    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    con = sqlite3.connect(db, isolation_level=None)
    lowest = con.execute("SELECT min(rowid) FROM articles").fetchone()[0]
    keys = np.array([5, 2**32 + 7, 2**35 + 9, 5], dtype=np.int64)  # three 12-bit row prefixes
    con.execute("BEGIN")
    write_segment(con, keys, np.array([lowest, lowest, lowest + 70_000, lowest + 70_000], dtype=np.int64))
    before = live_postings(con)
    compact(con)
    con.execute("COMMIT")
    assert live_postings(con) == before
    assert set(zip(keys.tolist(), [lowest, lowest, lowest + 70_000, lowest + 70_000])) <= set(before)  # stored whole
    assert con.execute("SELECT count(DISTINCT segment), max(width) FROM postings").fetchone() == (2, 2)


def test_articles_read_together_equal_each_read_alone(corpus, samples_dir):
    # The bulk path of add and check (read_articles) against read_article, field by field.
    articles = [*load_articles(corpus["all"]).articles[:70], *load_articles(samples_dir).articles]
    articles.append(Article(id="short", text="Kurz.", outlet="x"))
    config = ScanConfig()
    together = read_articles(articles, config)
    assert [f.article.id for f in together] == [a.id for a in articles]
    for got in together:
        alone = read_article(got.article, config)
        assert (got.language, got.detected) == (alone.language, alone.detected)
        for name in ("usable", "line_keys", "stems", "runs"):
            assert np.array_equal(getattr(got, name), getattr(alone, name)), name
        for field in ("starts", "ends", "words", "stems"):
            assert np.array_equal(getattr(got.analysis, field), getattr(alone.analysis, field)), field
        assert all(np.array_equal(a, b) for a, b in zip(got.keys, alone.keys))


FOOTER = (
    "The Daily Herald is an independent newspaper owned by its readers since 1921. Our journalism is funded by "
    "subscriptions and donations from people across the region who value local reporting. Sign up for the morning "
    "briefing to get the day's main stories in your inbox before breakfast. Corrections and clarifications are "
    "published every Saturday on page two and on our website under the heading Corrections."
)


def _own_text(k: int) -> str:
    """Six sentences of made-up words (a thousand of them), article ``k``'s own."""
    rng = np.random.default_rng(k)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa"]
    return " ".join(
        " ".join("".join(rng.choice(syllables, 3)) for _ in range(14)).capitalize() + "." for _ in range(6)
    )


@pytest.mark.parametrize("stored", [20, 80])
def test_a_footer_every_stored_article_carries_is_not_fetched(tmp_path, monkeypatch, stored):
    """A bucket that more than max_bucket stored articles share makes no pair: its postings stay unread.

    The postings a check fetches then do not grow with the index, and it
    finds what a scan of the union finds.
    """
    import reuse.index.matching as matching

    config = ScanConfig(candidates=CandidateConfig(max_bucket=5))
    old = [Article(f"s{k:03d}.txt", _own_text(k) + "\n" + FOOTER, "Daily Herald") for k in range(stored)]
    new = [
        Article("new.txt", _own_text(7) + "\n" + FOOTER, "Copycat"),  # copies s007 whole
        Article("other.txt", _own_text(999) + "\n" + FOOTER, "Copycat"),  # shares only the footer
    ]
    add_articles(tmp_path / "i.db", old, config)
    fetched = []
    real = matching.find
    monkeypatch.setattr(matching, "find", lambda *a, **k: fetched.append(real(*a, **k)) or fetched[-1])
    result = check_articles(tmp_path / "i.db", new, config)
    found = {(p.a, p.b) for p in result.pairs}
    assert ("new.txt", "s007.txt") in found and ("new.txt", "other.txt") not in found  # not the two new ones, by their footer
    union = reuse.scan_articles(old + new, config)
    assert _found(result.pairs) == _found(_with_new(union.pairs, {"new.txt", "other.txt"}))
    assert sum(len(keys) for keys, _, _ in fetched) < 4 * 2 * 32 * 6  # s007's own windows' postings, not the footer's of every article


def test_a_check_learns_an_outlets_long_footer_as_a_scan_of_the_union_does(tmp_path):
    """Two of the outlet's footers are stored (under ``min_docs``) and the rest are new: only together are they its template."""
    from test_boilerplate import _write, site_records

    records = site_records(tmp_path)
    old, new = [records[0], records[4], records[7]], records[1:4] + records[5:7]  # x0, dup0, afp | x1-x3, dup1, dup2
    add_folder(_write(tmp_path / "old", old), tmp_path / "i.db")
    result = check(_write(tmp_path / "new", new), tmp_path / "i.db")
    union = reuse.scan_articles(load_articles(_write(tmp_path / "old", old)).articles + load_articles(_write(tmp_path / "new", new)).articles)
    ids = {r["id"] for r in new}
    expected = _with_new(union.pairs, ids)
    assert {tuple(sorted((p.a, p.b))) for p in expected} == {("afp", "dup1"), ("afp", "dup2"), ("dup0", "dup1"), ("dup0", "dup2"), ("dup1", "dup2")}
    assert _found(result.pairs) == _found(expected)


def test_a_check_reads_its_index_ahead_only_when_it_fits_in_memory(samples_dir, tmp_path, monkeypatch):
    """The read-ahead (the page cache filled from disk in one pass) runs with the check and ends with it."""
    import os

    from reuse.index import readahead

    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    can = hasattr(os, "posix_fadvise") and readahead._available_memory() is not None
    with readahead.read_ahead(db) as on:
        assert on == can
    monkeypatch.setattr(readahead, "_available_memory", lambda: 2 * db.stat().st_size - 1)
    with readahead.read_ahead(db) as on:
        assert not on
    with readahead.read_ahead(tmp_path / "missing.db") as on:
        assert not on


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the locks from /proc/locks")
def test_the_read_ahead_leaves_every_lock_on_the_index_to_its_connections(samples_dir, tmp_path):
    """Closing a descriptor of a file drops every POSIX lock the process holds on it: another connection's too."""
    import os

    from reuse.index import readahead

    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    inode = db.stat().st_ino

    def held() -> bool:
        with open("/proc/locks", encoding="ascii") as f:
            return any(line.split()[4] == str(os.getpid()) and line.split()[5].endswith(f":{inode}") for line in f)

    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM articles").fetchone()
    assert held()
    with readahead.read_ahead(db):
        pass
    assert held()
    reader.execute("ROLLBACK")
    reader.close()


def test_an_article_too_long_to_align_is_left_out_with_a_warning_in_the_scan_and_the_check(tmp_path, monkeypatch, samples_dir):
    """Alignment's memory grows with the square of an article's length: past the limit, a warning, not a crash."""
    import reuse.align

    monkeypatch.setattr(reuse.align, "MAX_ALIGN_WORDS", 900)  # 004 has 950 words, the others fewer
    scanned = reuse.scan(samples_dir)
    assert [(p.a, p.b) for p in scanned.pairs] == [("000_8e3492a7910b80bc.txt", "001_eabe8ba3545e1c71.txt")]
    assert scanned.warnings == (
        "1 article of more than 900 words, 004_3f800d59416d0f3b.txt (950 words), was matched but not aligned with any other "
        "(alignment's memory grows with the square of an article's length): split such a file into its articles.",
    )
    db = tmp_path / "i.db"
    articles = scanned.articles
    add_articles(db, [a for a in articles if not a.id.startswith("004")])
    checked = check_articles(db, [a for a in articles if a.id.startswith("004")])
    assert checked.pairs == () and checked.warnings == scanned.warnings


def test_an_undetermined_verdict_leads_with_the_signal_that_stopped_the_copy_not_one_that_claims_it(samples_dir, tmp_path):
    """A new copy of an indexed article: the tree puts the stored one above it, their own text cannot orient them.

    The first signal is the deciding one (docs/schema.md): it read "001 is the
    parent of newcopy.txt" under a verdict of undetermined.
    """
    db = tmp_path / "i.db"
    add_folder(samples_dir, db)
    new = tmp_path / "today"
    new.mkdir()
    shutil.copy(samples_dir / "001_eabe8ba3545e1c71.txt", new / "newcopy.txt")
    shutil.copy(samples_dir / "002_397cd1eb95de2d14.txt", new / "002_397cd1eb95de2d14.txt")
    result = check(new, db)
    undetermined = [p for p in result.pairs if p.direction.relation.value == "undetermined"]
    assert undetermined
    for pair in undetermined:
        first = pair.direction.evidence[0]
        assert first.favours is None and first.weight == 0, (pair.a, pair.b, first)


def test_an_index_under_a_file_says_the_file_is_no_folder(samples_dir, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(IndexFileError, match=f"Cannot create the index {re.escape(str(blocker / 'x.db'))}: {re.escape(str(blocker))} is a file, not a folder"):
        add_folder(samples_dir, blocker / "x.db")


def test_a_bug_met_while_using_a_sound_index_is_not_called_damage(samples_dir, tmp_path):
    """Only what the index stores is judged: an error of the caller's own (here its progress callback) stays itself."""
    def progress(stage, done, total):
        if stage == "index":
            raise KeyError("x")

    with pytest.raises(KeyError):
        add_folder(samples_dir, tmp_path / "i.db", progress=progress)


def test_a_new_copy_of_a_stored_wire_story_gets_the_directions_a_scan_of_both_gives(tmp_path, samples_dir):
    """The wire story and a client's credited copy are stored; an uncredited copy arrives a day later. The check
    aligns the stored pair too (for the directions only, not reported), so the wire is the new copy's source, as in
    a scan of the index and the batch together; without it, the new copy came out the client's sibling."""
    text = (samples_dir / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    wire = Article("wires/afp.txt", f"MOSCOW (AFP) — {text}\n\n— AFP\n", "AFP", published="2025-07-24T08:12:00Z")
    client = Article("ln-1002", f"{text}\n\n(AFP)\n", "Harbourside Echo", published="2025-07-24T10:00:00Z")
    copy = Article("dailypost.txt", text, "Daily Post", published="2025-07-25T07:00:00Z")
    db = tmp_path / "i.db"
    add_articles(db, [wire, client])
    checked = check_articles(db, [copy])
    scanned = reuse.scan_articles([wire, client, copy])

    def verdicts(result):
        return sorted((p.b if p.a == copy.id else p.a, p.direction.relation.value, p.direction.source) for p in result.pairs if copy.id in (p.a, p.b))

    assert verdicts(checked) == verdicts(scanned)
    assert ("wires/afp.txt", "copied", "wires/afp.txt") in verdicts(checked)
    assert {(p.a, p.b) for p in checked.pairs} == {("dailypost.txt", "ln-1002"), ("dailypost.txt", "wires/afp.txt")}  # no stored pair


def test_an_id_typed_with_composed_accents_removes_the_one_stored_decomposed(tmp_path):
    """A file named on macOS keeps "é" as e and a combining accent; the id typed on the command line has one "é": the
    remove said "café.txt is not in the index" though it was, shown alike (found by a review)."""
    import unicodedata

    db = tmp_path / "i.db"
    text = "The minister said the plan to rebuild the old bridge was on track and would finish next spring. " * 8
    decomposed = unicodedata.normalize("NFD", "café.txt")
    add_articles(db, [Article(decomposed, text, "o"), Article("other.txt", text + " More.", "o")])
    result = remove_articles(db, [unicodedata.normalize("NFC", "café.txt"), "missing.txt"])
    assert result.removed == (decomposed,) and result.missing == ("missing.txt",)
    assert index_info(db).articles == 1


def test_a_stored_time_of_modification_orders_an_update_as_in_a_scan(tmp_path):
    """The index keeps when a page was last changed: a check of its update decides as a scan of both versions does;
    an article without one keeps its digest (re-added, it is unchanged)."""
    story = "The minister said the plan to rebuild the old bridge was on track and would finish next spring. " * 8
    url = "https://ledger.example/bridge"
    stored = Article("v1.html", story, "Ledger", published="2025-05-27T09:00:00Z", canonical=url)
    db = tmp_path / "i.db"
    add_articles(db, [stored])
    update = Article("v2.html", story + " Work starts in May.", "Ledger", published="2025-05-27T09:00:00Z", canonical=url,
                     modified="2025-05-27T15:30:00Z")
    checked = check_articles(db, [update])
    scanned = reuse.scan_articles([stored, update])
    assert [p.direction for p in checked.pairs] == [p.swapped().direction if p.a != "v2.html" else p.direction for p in scanned.pairs]
    assert (checked.pairs[0].direction.relation.value, checked.pairs[0].direction.source) == ("copied", "v1.html")
    add_articles(db, [update])
    again = check_articles(db, [Article("v3.html", story + " Work starts in May. Costs rose.", "Other", published="2025-05-28")])
    assert [a.modified for a in again.articles if a.id == "v2.html"] == ["2025-05-27T15:30:00Z"]
    assert sorted(add_articles(db, [stored]).unchanged) == ["v1.html"]


def test_a_stored_byline_is_read_back_and_credits_as_in_a_scan(tmp_path):
    """The index keeps an article's byline: a check decides as a scan of both does; an article without one keeps the
    digest it had before bylines were read (re-added, it is unchanged)."""
    story = "The minister said the plan to rebuild the old bridge was on track and would finish next spring. " * 8
    stored = Article("client.txt", story, "Client", published="2025-05-27T08:10:00Z", byline="By Jo Bloggs (Reuters)")
    plain = Article("plain.txt", "Another story about the harbour and its new ferry timetable for the summer. " * 8, "Harbour")
    db = tmp_path / "i.db"
    add_articles(db, [stored, plain])
    early = Article("early.txt", story + " Traders were unmoved.", "Site C", published="2025-05-27T07:50:00Z")
    checked = check_articles(db, [early])
    scanned = reuse.scan_articles([stored, plain, early])
    assert [a.byline for a in checked.articles if a.id == "client.txt"] == ["By Jo Bloggs (Reuters)"]
    assert [p.direction for p in checked.pairs] == [p.swapped().direction if p.a != "early.txt" else p.direction for p in scanned.pairs]
    assert checked.pairs[0].direction.relation.value == "common-source"
    again = add_articles(db, [stored, plain])
    assert sorted(again.unchanged) == ["client.txt", "plain.txt"]


def test_an_indexed_article_too_long_to_align_is_named_as_indexed_with_the_way_out(tmp_path):
    """A 100,000-word dump added once was "matched but not aligned" in every later check, whose warning read as if the
    file were in the batch ("split such a file"); it is in the index, and only removing it helps (found by a review).
    The command it gave lacked the --index the command needs, and left ids unquoted (a space or '#' broke it)."""
    import random

    rng = random.Random(5)
    vocabulary = [f"{a}{b}" for a in ("kra", "vel", "mon", "tis", "dar", "pol", "gen", "fur") for b in ("an", "ek", "ol", "um", "ir", "as")]
    words = [rng.choice(vocabulary) for _ in range(101_000)]
    dump = " ".join(" ".join(words[k : k + 20]) + "." for k in range(0, len(words), 20))
    index = tmp_path / "my index.db"
    add_articles(index, [Article("junk/dump #1.txt", dump, "dump")])
    copy = Article("copy.txt", " ".join(words[5000:5300]), "copier")
    result = check_articles(index, [copy])
    (warning,) = [w for w in result.warnings if "not aligned" in w]
    assert warning.endswith(
        f"junk/dump #1.txt is in the index, not in this batch; to take it out of every check: reuse index remove 'junk/dump #1.txt' --index '{index}'"
    )


def test_a_read_only_index_names_the_files_sqlite_writes_beside_it(tmp_path):
    """A read-only folder, or a -shm file left read-only by another user's run, failed with "check the disk's space and
    permissions", which did not say what to make writable (found by a review; root ignores permissions, so the message
    is checked on SQLite's error itself)."""
    from reuse.index.failures import database_error

    error = database_error(tmp_path / "news.db", sqlite3.OperationalError("attempt to write a readonly database"), "read")
    assert f"{tmp_path / 'news.db-wal'}, {tmp_path / 'news.db-shm'}" in str(error)
    assert "must be writable" in str(error) and "this run changed nothing" in str(error)


def test_stored_articles_read_back_together_equal_each_read_alone(tmp_path, corpus, samples_dir):
    # What a check and an add read of stored articles (writer.read_stored, several at a time) against read_article.
    from reuse.index import add_articles
    from reuse.index.store import connect
    from reuse.index.writer import STORED_AT_ONCE, read_stored

    articles = [*load_articles(corpus["all"]).articles[: STORED_AT_ONCE + 6], *load_articles(samples_dir).articles]
    articles.append(Article(id="short", text="Kurz.", outlet="x"))
    db = tmp_path / "i.db"
    config = ScanConfig()
    add_articles(db, articles, config)
    conn = connect(db, config)
    try:
        rowids = [r for (r,) in conn.execute("SELECT rowid FROM articles ORDER BY id DESC")]  # not in rowid order
        for sketch in (False, True):
            read = list(read_stored(conn, rowids, config, sketch=sketch))
            assert [r for r, _ in read] == rowids
            for _, got in read:
                stored = conn.execute("SELECT language, detected FROM articles WHERE id = ?", (got.article.id,)).fetchone()
                alone = read_article(got.article, config, stored=(stored[0], bool(stored[1])), sketch=sketch)
                assert (got.language, got.detected) == (alone.language, alone.detected)
                for name in ("usable", "line_keys", "stems", "runs"):
                    assert np.array_equal(getattr(got, name), getattr(alone, name)), name
                assert all(np.array_equal(a, b) for a, b in zip(got.keys, alone.keys))
    finally:
        conn.close()


def test_list_articles_gives_the_articles_and_what_to_say_of_the_read_in_one_result(split, tmp_path):
    """It was a generator filling an out-parameter ``warnings`` list: no index at the path was said only once iterated.
    The articles are still read as they are iterated: a large index is listed one article at a time."""
    from reuse.errors import IndexFileError, IndexPathError
    from reuse.index import IndexListing, list_articles

    old, _ = split
    db = tmp_path / "news.db"
    add_folder(old, db)
    listing = list_articles(db)
    assert isinstance(listing, IndexListing) and listing.warnings == ()
    assert [a.id for a in listing.articles] == sorted(f.name for f in old.iterdir())
    assert [a.id for a in listing] == [a.id for a in listing.articles]  # each iteration reads afresh
    assert [a.id for a in list_articles(db, ["001*"]).articles] == ["001_eabe8ba3545e1c71.txt"]
    with pytest.raises(IndexPathError):
        list_articles(tmp_path / "none.db")
    # One article at a time: a damaged later article is met when the listing reaches it, after the ones before.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET body = x'789c0300000001' WHERE id = '001_eabe8ba3545e1c71.txt'")  # an empty stream
    conn.close()
    articles = list_articles(db).articles
    assert next(articles).id == "000_8e3492a7910b80bc.txt"
    with pytest.raises(IndexFileError, match="damaged"):
        next(articles)
