"""Tests of the benchmark corpus generator in scripts/corpus_gen.py (small and fast)."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from corpus_gen import Truth, generate_corpus  # noqa: E402
from corpus_plant import light_edit  # noqa: E402
from corpus_text import FUNCTION_WORDS  # noqa: E402

N = 50
SEED = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(N, SEED, out)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _text(out: Path, article_id: str) -> str:
    return (out / "articles" / article_id).read_text(encoding="utf-8")


def _plants(truth: Truth, kind: str):
    plants = [p for p in truth.plants if p.kind == kind]
    assert plants, f"seed {SEED} planted no {kind} passage: pick another seed for the tests"
    return plants


def test_file_count_and_layout(corpus):
    out, truth = corpus
    names = sorted(p.name for p in (out / "articles").iterdir())
    assert names == [f"a{i:06d}.txt" for i in range(N)]
    assert (out / "truth.json").is_file()  # outside the folder to scan
    assert truth.n_articles == N and len(truth.topics) == N
    assert 0.2 * N <= len(truth.plants) <= 0.6 * N


def test_same_seed_same_bytes_even_in_another_process(corpus, tmp_path):
    out, truth = corpus
    env = dict(os.environ, PYTHONHASHSEED="12345")
    cmd = [sys.executable, str(SCRIPTS / "corpus_gen.py"), "--articles", str(N), "--seed", str(SEED),
           "--out", str(tmp_path)]
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    assert _files(tmp_path / "articles") == _files(out / "articles")
    again = Truth.read(tmp_path / "truth.json")
    assert again.plants == truth.plants
    assert again.implied_pairs == truth.implied_pairs


def test_another_seed_another_corpus(corpus, tmp_path):
    out, _ = corpus
    generate_corpus(N, SEED + 1, tmp_path)
    assert _files(tmp_path / "articles") != _files(out / "articles")


def test_truth_round_trip(corpus):
    out, truth = corpus
    assert Truth.read(out / "truth.json") == truth


@pytest.mark.parametrize("kind", ["verbatim", "partial"])
def test_exact_plants_slice_the_same_text(corpus, kind):
    out, truth = corpus
    for p in _plants(truth, kind):
        src = _text(out, p.source)[slice(*p.source_span)]
        tgt = _text(out, p.target)[slice(*p.target_span)]
        assert src == tgt
        assert p.source_words == p.target_words == len(src.split())


def test_verbatim_and_partial_sizes(corpus):
    out, truth = corpus
    for p in truth.plants:
        if p.kind == "partial":
            assert 40 <= p.source_words <= 80
            assert len(_text(out, p.target).split()) >= 700 + p.target_words
        elif not p.whole:
            assert 60 <= p.source_words <= 300 + 35  # whole sentences: one may overshoot
        else:
            assert p.source_span == (0, len(_text(out, p.source).rstrip("\n")))


def test_sources_are_never_targets(corpus):
    _, truth = corpus
    assert not {p.source for p in truth.plants} & {p.target for p in truth.plants}
    assert all(p.source != p.target for p in truth.plants)


def test_light_plants_are_close_but_edited(corpus):
    out, truth = corpus
    for p in _plants(truth, "light"):
        src = _text(out, p.source)[slice(*p.source_span)]
        tgt = _text(out, p.target)[slice(*p.target_span)]
        assert src != tgt
        a, b = set(src.split()), set(tgt.split())
        assert len(a & b) / len(a | b) >= 0.5
        assert 0.08 <= p.replaced / p.source_words <= 0.16
        assert src.count("\n") == tgt.count("\n")  # paragraph breaks kept
        assert re.findall(r"[.]\s|[.]$", src) and len(re.findall(r"\.(?=\s|$)", src)) == len(re.findall(r"\.(?=\s|$)", tgt))


def test_spans_lie_inside_the_texts_and_on_word_edges(corpus):
    out, truth = corpus
    for p in truth.plants:
        for article_id, (start, end) in ((p.source, p.source_span), (p.target, p.target_span)):
            text = _text(out, article_id)
            assert 0 <= start < end <= len(text)
            assert start == 0 or text[start - 1] in " \n"
            assert end == len(text) or text[end] in " \n"


def test_articles_look_like_news(corpus):
    out, truth = corpus
    targets = {p.target for p in truth.plants}
    words = []
    for path in sorted((out / "articles").iterdir()):
        text = path.read_text(encoding="utf-8")
        n = len(text.split())
        if path.name not in targets:
            assert 380 <= n <= 1000, path.name
        words += re.findall(r"\w+", text.lower())
        for para in text.strip("\n").split("\n"):
            sentences = re.split(r"(?<=[.])\s+(?=[A-Z0-9\u201c])", para)
            assert 1 <= len(sentences) <= 9
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts, key=counts.get, reverse=True)[:10]
    assert top[0] == "the" and set(top) <= set(FUNCTION_WORDS)
    assert len(counts) > 2000  # a real vocabulary, not a handful of words


def test_light_edit_keeps_lines_and_capitals():
    synonym = {"gorand": "lipex", "gorands": "lipexs"}
    text = "Gorand the gorands of the 12 men.\nAnd gorand it was, said the 1999 men."
    edited, counts = light_edit(text, synonym, random.Random(1), ["the"], replace_share=0.2)
    assert edited.count("\n") == 1
    assert edited.startswith(("Lipex", "Gorand"))
    assert counts["replaced"] == 3  # 20% of 16 words, all three candidates
    assert "gorand" not in edited.lower()
