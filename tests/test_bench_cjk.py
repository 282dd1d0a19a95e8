"""Tests of the simulated Chinese and Thai corpora of scripts/bench_cjk.py: their spans still point at the planted text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from bench_cjk import THAI_PUNCT, chinese_pools, read_dictionary, thai_pools, translate, translate_corpus, word_mapping  # noqa: E402
from corpus_gen import generate_corpus  # noqa: E402

# A jieba-style dictionary, made up: enough words of each class for a small corpus.
_HAN = [chr(0x4E00 + k) for k in range(0, 3000, 3)]


def _dictionary(path: Path) -> Path:
    lines = ["AT&T 3 nz", "不是汉字x 5 n"]  # skipped: not all Han
    lines += [f"{_HAN[k]}{_HAN[k + 1]} {10_000 - k} {tag}" for k, tag in zip(range(0, 900, 2), ["uj", "p", "r", "d"] * 200)]
    lines += [f"{_HAN[k]}{_HAN[k + 2]}{_HAN[k + 5]} {5_000 - k} nr" for k in range(0, 990)]
    lines += [f"{_HAN[k % 1000]}{_HAN[k // 1000]}{_HAN[999]} {3_000 - k % 3000} n" for k in range(20_000)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _copies_stay_identical(truth, mapping: dict[str, str]) -> list[str]:
    """Check that each English word has its own translation and each copied plant reads the same on both sides; the texts of the targets."""
    assert len(set(mapping.values())) == len(mapping)
    copies = [p for p in truth.plants if p.kind in ("verbatim", "partial")]
    assert copies
    targets = []
    for plant in copies:
        source = Path(truth.articles_dir, plant.source).read_text(encoding="utf-8")
        targets.append(Path(truth.articles_dir, plant.target).read_text(encoding="utf-8"))
        assert source[slice(*plant.source_span)] == targets[-1][slice(*plant.target_span)]
        assert len(source[slice(*plant.source_span)]) > 20
    return targets


def test_translation_keeps_offsets_of_words_and_drops_spaces():
    mapping = {"the": "的", "kremlin": "克里姆林宫", "said": "表示", "swap": "交换"}
    text = "The Kremlin said. The swap, the swap!\nSaid"
    chinese, where = translate(text, mapping)
    assert chinese == "的克里姆林宫表示。的交换，的交换!\n表示"
    assert chinese[where[4] : where[11]] == "克里姆林宫"  # "Kremlin"
    assert chinese[where[32] : where[36]] == "交换"  # the second "swap"
    assert where[len(text)] == len(chinese)


def test_planted_copies_stay_identical_in_the_simulated_corpus(tmp_path):
    english = generate_corpus(40, 5, tmp_path / "en")
    entries = read_dictionary(_dictionary(tmp_path / "dict.txt"))
    assert all(word.isalpha() and "汉" not in word for _, word, _ in entries)
    chinese, mapping = translate_corpus(english, lambda texts: word_mapping(texts, chinese_pools(entries, 4), frozenset({"the", "of", "a"})), tmp_path / "zh")
    for target in _copies_stay_identical(chinese, mapping):
        assert " " not in target


def test_a_dictionary_without_chinese_words_is_refused(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("hello 3 n\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no 'word frequency tag' lines"):
        read_dictionary(path)


# PyThaiNLP-style word lists, made up from Thai syllables: enough words of each class for a small corpus.
_SYLLABLES = ["กา", "มา", "ดี", "รัก", "ใจ", "เมือง", "น้ำ", "ฟ้า", "ไฟ", "ลม", "ดิน", "ทอง", "เงิน", "ปลา", "นา", "ข้าว", "บ้าน", "ป่า", "เขา", "แม่",
              "พ่อ", "ลูก", "หมอ", "ครู", "ตา", "หู", "มือ", "เท้า", "ผม", "ปาก", "ฟัน", "คอ"]


def _thai_lists(folder: Path) -> Path:
    folder.mkdir()
    words = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES[:12]]
    (folder / "tnc_freq.txt").write_text("\n".join(f"{w}\t{100_000 - k}" for k, w in enumerate(words)) + "\nabc\t5\n", encoding="utf-8")
    (folder / "stopwords_th.txt").write_text("\ufeff" + "\n".join(words[k] for k in range(398, -1, -2)), encoding="utf-8")  # rarest first
    for name in ("person_names_male_th.txt", "person_names_female_th.txt", "family_names_th.txt"):
        (folder / name).write_text("\n".join(a + b for a in _SYLLABLES for b in _SYLLABLES), encoding="utf-8")
    return folder


def test_thai_translation_writes_a_space_for_each_stop_and_joins_the_words():
    mapping = {"the": "ที่", "kremlin": "เครมลิน", "said": "กล่าว", "swap": "แลก"}
    text = "The Kremlin said. The swap, the swap!\nSaid"
    thai, where = translate(text, mapping, THAI_PUNCT)
    assert thai == "ที่เครมลินกล่าว ที่แลก ที่แลก!\nกล่าว"
    assert thai[where[4] : where[11]] == "เครมลิน"
    assert where[len(text)] == len(thai)


def test_planted_copies_stay_identical_in_the_simulated_thai_corpus(tmp_path):
    english = generate_corpus(40, 5, tmp_path / "en")
    pools = thai_pools(_thai_lists(tmp_path / "lists"), 8)
    frequent = [line.split("\t")[0] for line in (tmp_path / "lists" / "tnc_freq.txt").read_text(encoding="utf-8").splitlines()]
    assert pools["function"] == [w for w in frequent if w in set(pools["function"])]  # most frequent first, whatever the list's order
    assert len(pools["function"]) == 200 and "abc" not in pools["content"]
    assert not set(pools["function"]) & set(pools["content"])
    thai, mapping = translate_corpus(english, lambda texts: word_mapping(texts, pools, frozenset({"the", "of", "a"})), tmp_path / "th", THAI_PUNCT)
    _copies_stay_identical(thai, mapping)


def test_a_folder_without_thai_lists_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="pass PyThaiNLP's corpus folder"):
        thai_pools(tmp_path, 8)
