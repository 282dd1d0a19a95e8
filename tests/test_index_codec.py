"""The index's compact forms round-trip exactly; merged segments hold the postings a rebuild holds."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reuse.errors import IndexDamaged, IndexFileError
from reuse.index import add_articles, check_articles, index_info, remove_articles
from reuse.index.codec import (
    SUFFIX_BITS,
    build_dictionary,
    compress_body,
    cut_runs,
    decode_keys,
    decode_runs,
    decompress_body,
    encode_key_rows,
    encode_keys,
    encode_runs,
    shared_at_most,
    shared_at_most_many,
)
from reuse.index.features import KEY_BITS
from reuse.index.postings import _pack, live_postings, write_segment
from reuse.index.store import connect
from reuse.load import load_articles
from reuse.model import Article

TEXTS = {
    "plain": "The minister said the plan was on track.\nA second line.\n",
    "empty": "",
    "unicode": "Café « déjà » — 東京 🙂\r\n\ttabs and CRLF\u2028",
    "surrogate": "a lone surrogate \ud800 from a broken file",
    "newlines": "\n\n{\"not\": \"meta\"}\n\n",
}


@pytest.mark.parametrize("text", list(TEXTS.values()), ids=list(TEXTS))
@pytest.mark.parametrize("with_dictionary", [True, False], ids=["dictionary", "no-dictionary"])
def test_bodies_round_trip_byte_for_byte(text, with_dictionary):
    words = build_dictionary(TEXTS.values()) if with_dictionary else b""
    meta = '{"outlet": "x\\ny", "title": "T\\u00e9"}'
    assert decompress_body(compress_body(meta, text, words), words) == (meta, text)


def test_the_dictionary_is_deterministic_and_fits_zlib():
    texts = [f"word{k % 5000} common words again {k}" for k in range(20000)]
    words = build_dictionary(texts)
    assert words == build_dictionary(list(texts)) and 0 < len(words) <= 32 * 1024
    assert words.endswith(b"words common again ")  # the most frequent last, ties by name


@pytest.mark.parametrize("n", [0, 1, 5, 4000, 60000], ids=lambda n: f"n{n}")
def test_keys_round_trip_with_wide_gaps_and_repeats(n):
    rng = np.random.default_rng(n)
    values = rng.integers(0, 2**SUFFIX_BITS, n, dtype=np.uint64).astype(np.uint32)
    if n > 4:
        values[:3] = [0, 2**SUFFIX_BITS - 1, 2 ** (SUFFIX_BITS - 1)]
        values[3] = values[4]  # a repeat
    values = np.sort(values)
    blob = encode_keys(values)
    assert np.array_equal(decode_keys(blob, n), values)
    if n >= 4000:  # 2 bytes a key once the keys are dense: only the first gap and the planted ones are wide
        assert len(blob) <= 2 * n + 8 * 4


@pytest.mark.parametrize("cut", [8, 16, 3])
def test_a_row_of_keys_cut_short_is_damage_not_other_keys(cut):
    """A row that lost bytes at its end still decoded, to other keys (a check found 44 pairs of 91, exit 0; found by
    a review): the count of wide gaps written must match the row."""
    values = np.sort(np.random.default_rng(1).integers(0, 2**SUFFIX_BITS, 500, dtype=np.uint64).astype(np.uint32))
    values[-10:] += np.uint32(2**20)  # wide gaps to lose
    blob = encode_keys(np.sort(values))
    assert len(blob) > 2 * len(values) + cut
    with pytest.raises(IndexDamaged):
        decode_keys(blob[:-cut], len(values))


@pytest.mark.parametrize("sizes", [[], [1], [3, 1, 4000], [60000, 2, 5]], ids=lambda s: "-".join(map(str, s)) or "none")
def test_rows_encoded_in_one_pass_are_those_encoded_one_at_a_time(sizes):
    rng = np.random.default_rng(len(sizes))
    rows = []
    for n in sizes:
        values = rng.integers(0, 2**SUFFIX_BITS, n, dtype=np.uint64).astype(np.uint32)
        values[: min(n, 2)] = [2**SUFFIX_BITS - 1, 2**SUFFIX_BITS - 1][: min(n, 2)]  # a repeat, and a wide gap from the row before
        rows.append(np.sort(values))
    starts = np.cumsum([0] + sizes[:-1]).astype(np.int64) if sizes else np.zeros(0, dtype=np.int64)
    joined = np.concatenate(rows) if rows else np.zeros(0, dtype=np.uint32)
    assert encode_key_rows(joined, starts) == [encode_keys(row) for row in rows]


def test_a_segment_written_at_once_is_the_rows_packed_one_at_a_time(tmp_path):
    """The one-pass writing of a segment stores the bytes :func:`_pack` gives each row."""
    rng = np.random.default_rng(7)
    per_article = [np.unique(rng.integers(0, 2**KEY_BITS, 3000, dtype=np.int64)) for _ in range(20)]
    keys = np.concatenate(per_article)
    owners = np.repeat(np.arange(100, 120, dtype=np.int64), [len(k) for k in per_article])
    keys[5] = keys[4]
    owners[5] = owners[4]  # a repeated posting is stored once
    con = connect(tmp_path / "s.db", None, create=True)
    write_segment(con, keys, owners)
    pairs = sorted(set(zip(keys.tolist(), owners.tolist())))
    stored = con.execute("SELECT bucket, base, width, n, keys, articles FROM postings ORDER BY bucket").fetchall()
    expected = []
    for bucket in sorted({k >> SUFFIX_BITS for k, _ in pairs}):
        mine = [(k, o) for k, o in pairs if k >> SUFFIX_BITS == bucket]
        suffixes = np.array([k & (2**SUFFIX_BITS - 1) for k, _ in mine], dtype=np.uint32)
        offsets = np.array([o - 100 for _, o in mine], dtype=np.uint64)
        expected.append((bucket, 100, *_pack(suffixes, offsets)))
    assert stored == expected
    assert con.execute("SELECT postings, first, last FROM segments").fetchall() == [(len(pairs), 100, 119)]


def test_a_body_does_not_depend_on_what_was_compressed_before():
    """Bodies come from copies of one primed compressor: none may carry state from an earlier body."""
    words = build_dictionary(TEXTS.values())
    for dictionary in (words, b""):
        forward = {name: compress_body("{}", text, dictionary) for name, text in TEXTS.items()}
        backward = {name: compress_body("{}", text, dictionary) for name, text in reversed(list(TEXTS.items()))}
        assert forward == backward
        for name, text in TEXTS.items():
            assert compress_body("{}", text, dictionary) == forward[name]
            assert decompress_body(forward[name], dictionary) == ("{}", text)


@pytest.mark.parametrize("damage", ["cut short", "bit flipped", "bytes appended"])
def test_a_damaged_body_is_an_error_not_other_text(damage):
    words = build_dictionary(TEXTS.values())
    body = bytearray(compress_body('{"outlet": "x"}', "The minister said the plan was on track. " * 40, words))
    if damage == "cut short":
        body = body[: len(body) // 2]
    elif damage == "bit flipped":
        body[-3] ^= 0x10
    else:
        body += b"\0"
    with pytest.raises(ValueError):
        decompress_body(bytes(body), words)


def test_checking_against_an_index_with_a_damaged_article_says_to_rebuild(tmp_path):
    db = tmp_path / "i.db"
    text = "The minister said the plan to rebuild the old bridge was on track and would finish next spring. " * 8
    add_articles(db, [Article(id="stored", text=text, outlet="o")])
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET body = substr(body, 1, 20)")
    con.commit()
    con.close()
    with pytest.raises(IndexFileError, match=r"cannot be read \(the stored article 'stored' cannot be read back: .*\): it is damaged or was altered\. Rebuild it with 'reuse index add FOLDER --index NEW_PATH'"):
        check_articles(db, [Article(id="new", text=text, outlet="p")])


def test_runs_are_cut_and_shared_runs_never_undercounted():
    rng = np.random.default_rng(3)
    for _ in range(200):
        common = rng.integers(0, 2**32, rng.integers(0, 50), dtype=np.uint64)
        a = np.unique(np.concatenate([common, rng.integers(0, 2**32, 300, dtype=np.uint64)]).astype(np.uint32))
        b = np.unique(np.concatenate([common, rng.integers(0, 2**32, 300, dtype=np.uint64)]).astype(np.uint32))
        # Values equal in their top 24 bits only: cutting merges them.
        a = np.unique(np.concatenate([a, (a[:5] ^ np.uint32(1))]))
        assert np.array_equal(decode_runs(encode_runs(a)), cut_runs(a))
        exact = len(np.intersect1d(a, b))
        assert shared_at_most(decode_runs(encode_runs(a)), decode_runs(encode_runs(b))) >= exact
    assert decode_runs(encode_runs(np.zeros(0, dtype=np.uint32))).tolist() == []


@given(
    st.lists(st.integers(0, 40), max_size=60).map(sorted),
    st.lists(st.lists(st.integers(0, 40), max_size=60).map(sorted), max_size=6),
)
def test_shared_runs_count_each_value_as_often_as_the_fewer_repeats(a, others):
    # Cut runs repeat: a value shared counts min(repeats in a, repeats in b) times, for each partner at once.
    got = shared_at_most_many(np.array(a, dtype=np.uint32), [np.array(b, dtype=np.uint32) for b in others])
    assert got.tolist() == [sum((Counter(a) & Counter(b)).values()) for b in others]
    assert [shared_at_most(np.array(a, dtype=np.uint32), np.array(b, dtype=np.uint32)) for b in others] == got.tolist()


def _by_id(db) -> list[tuple[int, str]]:
    con = sqlite3.connect(db)
    ids = dict(con.execute("SELECT rowid, id FROM articles"))
    return sorted((key, ids[rowid]) for key, rowid in live_postings(con))


def test_merged_segments_hold_what_one_add_holds(samples_dir, tmp_path):
    """One article an add (merges on the way, a removal and a new version) against the same in one add."""
    arts = list(load_articles(samples_dir).articles)
    changed = replace(arts[0], text=arts[0].text + "\nA paragraph added in the second version of this story.\n")
    merged = tmp_path / "merged.db"
    for article in arts:
        add_articles(merged, [article])
    remove_articles(merged, [arts[1].id])
    add_articles(merged, [changed])
    whole = tmp_path / "whole.db"
    add_articles(whole, [changed] + [a for a in arts[2:]])
    con = sqlite3.connect(merged)
    segments, listed = con.execute("SELECT count(*), sum(postings) FROM segments").fetchone()
    assert segments < len(arts)  # some were merged
    assert con.execute("SELECT count(DISTINCT segment) FROM postings").fetchone()[0] == segments
    assert listed == con.execute("SELECT sum(n) FROM postings").fetchone()[0]
    assert con.execute("PRAGMA freelist_count").fetchone()[0] == 0  # merged pages given back
    assert _by_id(merged) == _by_id(whole) != []
    probe = [replace(a, id="probe-" + a.id) for a in arts]
    assert check_articles(merged, probe).pairs == check_articles(whole, probe).pairs


def test_adding_in_two_processes_stores_what_one_stores(samples_dir, tmp_path):
    arts = load_articles(samples_dir).articles
    many = [replace(a, id=f"{k}-{a.id}") for k in range(40) for a in arts]  # enough for several chunks
    add_articles(tmp_path / "one.db", many, jobs=1)
    add_articles(tmp_path / "two.db", many, jobs=2)
    rows = [
        sqlite3.connect(tmp_path / name).execute("SELECT * FROM articles ORDER BY rowid").fetchall() for name in ("one.db", "two.db")
    ]
    assert rows[0] == rows[1]
    assert _by_id(tmp_path / "one.db") == _by_id(tmp_path / "two.db")


def test_an_index_of_an_older_format_is_refused_with_the_fix(tmp_path):
    db = tmp_path / "old.db"
    add_articles(db, [Article(id="a", text="Some text to index here.", outlet="o")])
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(IndexFileError, match=r"schema version 3, this reuse reads 4: rebuild it with 'reuse index add FOLDER --index NEW_PATH'"):
        index_info(db)
