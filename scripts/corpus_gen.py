"""Generate a news-like corpus with planted text reuse, and its ground truth.

The benchmark corpus for ``reuse scan`` (see ``scripts/bench.py``). Articles are
English-ish news: real English function words with Zipf frequencies, a few
thousand generated content words (pronounceable, deterministic from the seed),
capitalised names, numbers and quotations. Every article belongs to one of
about 200 topics (up to 10,000 articles; above that one topic per 50
articles, since a larger corpus covers more stories rather than the same
stories more often) that bias its content words and names, so unrelated
articles on one topic share vocabulary the way same-story news does: that is
what makes false candidates realistic.

About 40% of the articles receive one passage taken from another (source)
article of the same topic (mostly):

``verbatim``
    Whole sentences, 60-300 words, copied exactly and inserted between two
    paragraphs of the target; about a third of them are whole-article copies
    (wire syndication: the target is the source text, sometimes with a
    paragraph of its own appended).
``light``
    Whole sentences, 60-300 words, lightly edited: 10-15% of the words are
    content words replaced by a fixed synonym-like substitute from the same
    vocabulary (inflection kept), about 2% of the words dropped and 2%
    inserted, most numbers changed; sentence order and paragraph breaks kept.
``partial``
    40-80 words copied exactly from inside one source paragraph (starting at
    a sentence start, possibly ending mid-sentence) and set inside a paragraph
    of a long target article (>= 700 words of its own).

Sources are never targets, so reuse does not chain; a source can feed up to
three targets, and two targets whose spans overlap in one source share text
with each other: those pairs are listed as ``implied_pairs`` in the truth.

Layout written by :func:`generate_corpus`::

    out_dir/articles/a000000.txt ...   the articles (UTF-8, one paragraph per line)
    out_dir/truth.json                 the planted passages (outside the scanned folder)

Usage::

    python scripts/corpus_gen.py --articles 10000 --seed 7 --out /tmp/corpus

Everything is drawn from one ``random.Random(seed)``: the same seed and
article count give byte-identical files.

The code is in three modules: ``corpus_text.py`` (vocabulary, sentences and
paragraphs), ``corpus_plant.py`` (the kinds of plant, light edits, picking a
span) and this one (the truth, :func:`generate_corpus`, which plans the
plants and writes the files, and the command line).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from corpus_plant import KIND_WEIGHTS, MAX_TARGETS_PER_SOURCE, TARGET_SHARE, WHOLE_SHARE, _pick_span, light_edit
from corpus_text import FUNCTION_WORDS, _render, _sentence_index, _Vocabulary, _Writer, topics_for

__all__ = ["GENERATOR_VERSION", "Plant", "Truth", "generate_corpus"]

GENERATOR_VERSION = 2  # 2: topics grow with corpora of more than 10,000 articles (smaller ones unchanged)


@dataclass(frozen=True)
class Plant:
    """One planted passage.

    ``source_span`` and ``target_span`` are ``[start, end)`` character offsets
    into the source and target files' text. For ``verbatim`` and ``partial``
    the two slices are identical; for ``light`` the target slice is the edited
    copy of the source slice.
    """

    source: str
    target: str
    kind: str
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    source_words: int
    target_words: int
    whole: bool = False
    replaced: int = 0
    dropped: int = 0
    inserted: int = 0
    numbers_changed: int = 0


@dataclass(frozen=True)
class Truth:
    """What was planted in a generated corpus, and where."""

    seed: int
    n_articles: int
    articles_dir: str
    plants: tuple[Plant, ...]
    implied_pairs: tuple[tuple[str, str], ...]
    topics: dict[str, int] = field(default_factory=dict)
    words: int = 0
    generator_version: int = GENERATOR_VERSION

    def planted_pairs(self) -> set[frozenset[str]]:
        """Unordered (source, target) pairs of every plant."""
        return {frozenset((p.source, p.target)) for p in self.plants}

    def reuse_pairs(self) -> set[frozenset[str]]:
        """Planted pairs plus the implied sibling pairs: every pair that really shares text."""
        return self.planted_pairs() | {frozenset(p) for p in self.implied_pairs}

    def to_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["plants"] = [{f.name: getattr(p, f.name) for f in fields(p)} for p in self.plants]
        data["implied_pairs"] = [list(p) for p in self.implied_pairs]
        return data

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: str | Path) -> Truth:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        plants = tuple(
            Plant(**{**p, "source_span": tuple(p["source_span"]), "target_span": tuple(p["target_span"])})
            for p in data.pop("plants")
        )
        implied = tuple(tuple(p) for p in data.pop("implied_pairs"))
        return cls(plants=plants, implied_pairs=implied, **data)



# ---------------------------------------------------------------------------
# The corpus


def _article_id(i: int) -> str:
    return f"a{i:06d}.txt"



def generate_corpus(n_articles: int, seed: int, out_dir: str | Path) -> Truth:
    """Write ``n_articles`` news-like articles with planted reuse, and the truth.

    Parameters
    ----------
    n_articles
        Number of articles (``a000000.txt`` ...).
    seed
        Seed of the one ``random.Random`` everything is drawn from.
    out_dir
        Created if needed; articles go to ``out_dir/articles/`` and the
        truth to ``out_dir/truth.json`` (outside the folder to scan).

    Returns
    -------
    Truth
        The planted passages with character spans in both texts.
    """
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    articles_dir = out_dir / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    n_topics = topics_for(n_articles)
    vocab = _Vocabulary(rng, n_topics)
    writer = _Writer(vocab, rng)
    filler = list(FUNCTION_WORDS[:40])

    # Plan: topics (about equal in size but not exactly), targets, sources.
    topic_weights = [rng.uniform(0.3, 1.7) for _ in range(n_topics)]
    topic_of = rng.choices(range(n_topics), weights=topic_weights, k=n_articles)
    ids = [_article_id(i) for i in range(n_articles)]
    is_target = [rng.random() < TARGET_SHARE for _ in range(n_articles)]
    pool_by_topic: dict[int, list[int]] = {}
    for i in range(n_articles):
        if not is_target[i]:
            pool_by_topic.setdefault(topic_of[i], []).append(i)
    non_targets = [i for i in range(n_articles) if not is_target[i]]
    used = [0] * n_articles
    plan: dict[int, tuple[int, str]] = {}  # target -> (source, kind)
    kinds, kind_w = zip(*KIND_WEIGHTS)
    for t in range(n_articles):
        if not is_target[t] or not non_targets:
            continue
        pool = pool_by_topic.get(topic_of[t], [])
        if not pool or rng.random() < 0.08:
            pool = non_targets
        choices = [s for s in rng.sample(pool, min(len(pool), 6)) if used[s] < MAX_TARGETS_PER_SOURCE]
        if not choices:
            is_target[t] = False
            continue
        s = choices[0]
        used[s] += 1
        plan[t] = (s, rng.choices(kinds, kind_w)[0])

    # Own text of every article. Partial-plant targets are long articles.
    paras: list[list[list[str]]] = []
    for i in range(n_articles):
        topic = vocab.topics[topic_of[i]]
        if i in plan and plan[i][1] == "partial":
            n_words = rng.randint(700, 900)
        else:
            n_words = int(rng.triangular(400, 900, 560))
        paras.append(writer.paragraphs(topic, n_words))

    texts: list[str | None] = [None] * n_articles
    for i in range(n_articles):
        if i not in plan:
            texts[i] = _render(paras[i])

    plants: list[Plant] = []
    for t, (s, kind) in plan.items():
        src_text = texts[s]
        src_sents = _sentence_index(paras[s])
        own = paras[t]
        whole = False
        edits = {"replaced": 0, "dropped": 0, "inserted": 0, "numbers_changed": 0}
        if kind == "verbatim" and rng.random() < WHOLE_SHARE:
            whole = True
            s_start, s_end = 0, len(src_text)
            piece = src_text
            before = ""
            after = ("\n" + " ".join(own[-1])) if rng.random() < 0.5 else ""
        elif kind in ("verbatim", "light"):
            i, j = _pick_span(rng, src_sents, 60, 300)
            s_start, s_end = src_sents[i].start, src_sents[j - 1].end
            piece = src_text[s_start:s_end]
            if kind == "light":
                piece, edits = light_edit(piece, vocab.synonym, rng, filler,
                                          rng.uniform(0.10, 0.15))
            cut = rng.randint(0, len(own))
            before = _render(own[:cut]) + ("\n" if cut else "")
            rest = _render(own[cut:])
            after = ("\n" + rest) if rest else ""
        else:  # partial: 40-80 words from inside one paragraph
            long_paras = [pi for pi in range(len(paras[s])) if sum(len(x.split()) for x in paras[s][pi]) >= 45]
            pi = rng.choice(long_paras) if long_paras else max(
                range(len(paras[s])), key=lambda k: sum(len(x.split()) for x in paras[s][k]))
            para_sents = [x for x in src_sents if x.para == pi]
            para_words = sum(x.words for x in para_sents)
            k = rng.randint(40, max(40, min(80, para_words)))
            starts = [x for x in para_sents if sum(y.words for y in para_sents if y.start >= x.start) >= k]
            first = rng.choice(starts) if starts else para_sents[0]
            para_end = para_sents[-1].end
            tail = src_text[first.start:para_end]
            words = list(re.finditer(r"\S+", tail))
            k = min(k, len(words))
            s_start, s_end = first.start, first.start + words[k - 1].end()
            piece = src_text[s_start:s_end]
            # Set it between two sentences of a middle paragraph of the target.
            host = rng.randrange(1, max(2, len(own) - 1)) if len(own) > 2 else 0
            split = rng.randint(1, max(1, len(own[host]) - 1))
            head = " ".join(own[host][:split])
            tailtxt = " ".join(own[host][split:])
            before = _render(own[:host]) + ("\n" if host else "") + head + " "
            after = (" " + tailtxt if tailtxt else "") + ("\n" + _render(own[host + 1 :]) if host + 1 < len(own) else "")
        if whole:
            before = ""
        text = before + piece + after
        texts[t] = text
        t_start, t_end = len(before), len(before) + len(piece)
        plants.append(Plant(
            source=ids[s], target=ids[t], kind=kind,
            source_span=(s_start, s_end), target_span=(t_start, t_end),
            source_words=len(src_text[s_start:s_end].split()), target_words=len(piece.split()),
            whole=whole, **edits,
        ))

    plants.sort(key=lambda p: p.target)
    implied = set()
    by_source: dict[str, list[Plant]] = {}
    for p in plants:
        by_source.setdefault(p.source, []).append(p)
    for group in by_source.values():
        for p, q in itertools.combinations(group, 2):
            if p.source_span[0] < q.source_span[1] and q.source_span[0] < p.source_span[1]:
                implied.add(tuple(sorted((p.target, q.target))))

    total_words = 0
    for i, text in enumerate(texts):
        (articles_dir / ids[i]).write_text(text + "\n", encoding="utf-8")
        total_words += text.count(" ") + text.count("\n") + 1
    truth = Truth(
        seed=seed,
        n_articles=n_articles,
        articles_dir=str(articles_dir),
        plants=tuple(plants),
        implied_pairs=tuple(sorted(implied)),
        topics={ids[i]: topic_of[i] for i in range(n_articles)},
        words=total_words,
    )
    truth.write(out_dir / "truth.json")
    return truth


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", required=True, help="output folder (articles/ and truth.json)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    truth = generate_corpus(args.articles, args.seed, args.out)
    kinds: dict[str, int] = {}
    for p in truth.plants:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    print(
        f"{truth.n_articles} articles, {truth.words} words, plants {kinds}, "
        f"{len(truth.implied_pairs)} implied pairs, in {time.perf_counter() - start:.1f} s -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(_main())
