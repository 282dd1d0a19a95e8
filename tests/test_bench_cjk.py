"""Tests of the simulated-Chinese corpus of scripts/bench_cjk.py: its spans still point at the planted text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from bench_cjk import read_dictionary, translate, translate_corpus, word_mapping  # noqa: E402
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
    chinese, mapping = translate_corpus(english, lambda texts: word_mapping(texts, entries, frozenset({"the", "of", "a"}), 4), tmp_path / "zh")
    assert len(set(mapping.values())) == len(mapping)
    copies = [p for p in chinese.plants if p.kind in ("verbatim", "partial")]
    assert copies
    for plant in copies:
        source = Path(chinese.articles_dir, plant.source).read_text(encoding="utf-8")
        target = Path(chinese.articles_dir, plant.target).read_text(encoding="utf-8")
        assert source[slice(*plant.source_span)] == target[slice(*plant.target_span)]
        assert " " not in target and len(source[slice(*plant.source_span)]) > 20


def test_a_dictionary_without_chinese_words_is_refused(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("hello 3 n\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no 'word frequency tag' lines"):
        read_dictionary(path)
