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
"""

from __future__ import annotations

import argparse
import array
import itertools
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

__all__ = ["GENERATOR_VERSION", "Plant", "Truth", "generate_corpus", "light_edit", "topics_for"]

GENERATOR_VERSION = 2  # 2: topics grow with corpora of more than 10,000 articles (smaller ones unchanged)

# Real English function words (and a few words every news story uses), in
# roughly descending frequency; weights follow Zipf-Mandelbrot over this order.
FUNCTION_WORDS = tuple(dict.fromkeys(
    """
    the of to and a in that for on is was with said he it as at by from his
    be have has are an but not they who this had were been will its their would
    which after more one about also year two up new we or she her out than over
    when there into i all last first could people can what against government so
    our told three some other him time no if just before while most like them
    years only because under since now between where during those then officials
    percent both says being these any many week such should may former do did
    through even still very us off how until much state back according including
    among however whether here well around next four your five another without
    each part same made country already police report both while city you told
    day month since early later group several national public minister further
    local members recent monday tuesday wednesday thursday friday saturday sunday
    ago per within added least though whose toward less across told statement
    """.split()
))

_ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
           "b", "c", "d", "l", "m", "n", "p", "r", "s", "t", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr",
           "sh", "st", "th", "tr", "", "", "")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ai", "ea", "ou", "io", "ee")
_CODAS = ("", "", "", "", "", "", "n", "r", "s", "l", "m", "t", "n", "r", "l", "nd", "st", "ck", "rt", "ng", "x")
_SUFFIXES = ("", "s", "ed", "ing", "er")
_SUFFIX_CUM = (0.72, 0.84, 0.92, 0.97, 1.0)

N_CONTENT = 4000
N_SURNAMES = 1500
N_FIRST = 240
N_PLACES = 400
N_TOPICS = 200
ARTICLES_PER_TOPIC = 50  # past N_TOPICS * ARTICLES_PER_TOPIC articles, topics grow with the corpus
TOPIC_WORDS = 70

# Content slots: topic word, general word, person, place, number.
_CLASS_CUM = (0.36, 0.80, 0.89, 0.93, 1.0)
# Function words before each content slot: 0, 1, 2 or 3.
_CHUNK_CUM = (0.18, 0.62, 0.89, 1.0)

KIND_WEIGHTS = (("verbatim", 0.40), ("light", 0.35), ("partial", 0.25))
WHOLE_SHARE = 0.33  # of verbatim plants
TARGET_SHARE = 0.40
MAX_TARGETS_PER_SOURCE = 3


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
# Vocabulary


def _zipf_cum(n: int, s: float = 1.0, q: float = 2.7) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(1, n + 1)))


def _syllable_word(rng: random.Random, syllables: int) -> str:
    parts = []
    for _ in range(syllables):
        parts.append(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS))
    return "".join(parts)


def _unique_words(rng: random.Random, n: int, taken: set[str], syll_weights: tuple[float, ...], min_len: int) -> list[str]:
    out: list[str] = []
    counts = range(1, len(syll_weights) + 1)
    while len(out) < n:
        word = _syllable_word(rng, rng.choices(counts, syll_weights)[0])
        if len(word) < min_len or word in taken:
            continue
        # A generated word must not end like an inflection we add, so that
        # "gorand" + "ed" stays unambiguous for the light edits.
        if word.endswith(("s", "ed", "ing", "er")):
            continue
        taken.add(word)
        out.append(word)
    return out


def _urn(items, cum: list[float] | tuple[float, ...], size: int) -> list:
    """A list of ``size`` (a power of two) items, each in proportion to its weight.

    Drawing uniformly from it with :func:`_draw` is several times faster than
    weighted draws, which matters for millions of words. Items whose weight
    is below ``1 / size`` may be missing.
    """
    out: list = []
    scale = size / cum[-1]
    prev = 0
    for item, c in zip(items, cum):
        upto = round(c * scale)
        out.extend([item] * (upto - prev))
        prev = upto
    return out


def _draw(rng: random.Random, urn: list, k: int) -> list:
    """``k`` uniform draws from ``urn`` (its length a power of two up to 65536).

    Sixteen random bits per draw from one ``getrandbits`` call: several times
    faster than ``rng.choices`` and as deterministic.
    """
    if k <= 0:
        return []
    mask = len(urn) - 1
    idx = array.array("H", rng.getrandbits(16 * k).to_bytes(2 * k, "little"))
    if sys.byteorder == "big":  # the same draws on every machine
        idx.byteswap()
    if mask == 0xFFFF:
        return [urn[i] for i in idx]
    return [urn[i & mask] for i in idx]


class _Vocabulary:
    """Words, names, numbers, topics and the synonym map, all drawn from the seed."""

    def __init__(self, rng: random.Random, n_topics: int = N_TOPICS) -> None:
        taken = {w.lower() for w in FUNCTION_WORDS}
        self.function = FUNCTION_WORDS
        self.content = _unique_words(rng, N_CONTENT, taken, (0.22, 0.58, 0.20), 3)
        self.surnames = [w.capitalize() for w in _unique_words(rng, N_SURNAMES, taken, (0.1, 0.7, 0.2), 4)]
        self.first = [w.capitalize() for w in _unique_words(rng, N_FIRST, taken, (0.2, 0.7, 0.1), 3)]
        self.places = [w.capitalize() for w in _unique_words(rng, N_PLACES, taken, (0.0, 0.5, 0.5), 5)]
        # Synonyms: a fixed, symmetric pairing inside frequency bands, so a
        # substitute is about as common as the word it replaces. Inflected
        # forms map to inflected forms ("gorand" -> "lipex", "gorands" -> "lipexs").
        synonym: dict[str, str] = {}
        band = 40
        for lo in range(0, N_CONTENT, band):
            order = self.content[lo : lo + band]
            rng.shuffle(order)
            for a, b in zip(order[0::2], order[1::2]):
                synonym[a], synonym[b] = b, a
        self.synonym = {w + s: synonym[w] + s for w in synonym for s in _SUFFIXES}
        self.suffix_urn = _urn(_SUFFIXES, _SUFFIX_CUM, 1 << 10)
        self.function_urn = _urn(self.function, _zipf_cum(len(self.function), s=1.05), 1 << 16)
        self.general_urn = self._inflect(_urn(self.content, _zipf_cum(N_CONTENT, s=1.0, q=10.0), 1 << 16), rng)
        self.class_urn = _urn(range(5), _CLASS_CUM, 1 << 10)
        self.chunk_urn = _urn(range(4), _CHUNK_CUM, 1 << 10)
        self.number_urn = [self._number(rng) for _ in range(1 << 14)]
        self.topics = [self._topic(rng) for _ in range(n_topics)]

    def _inflect(self, urn: list[str], rng: random.Random) -> list[str]:
        return [w + s for w, s in zip(urn, _draw(rng, self.suffix_urn, len(urn)))]

    @staticmethod
    def _number(rng: random.Random) -> str:
        r = rng.random()
        if r < 0.45:
            return str(rng.randint(2, 99))
        if r < 0.62:
            return str(rng.randint(1990, 2025))
        if r < 0.80:
            return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"
        if r < 0.90:
            return f"{rng.randint(1, 40)}.{rng.randint(1, 9)}"
        return str(rng.randint(100, 999))

    def _person(self, rng: random.Random) -> str:
        return f"{rng.choice(self.first)} {rng.choice(self.surnames)}"

    def _topic(self, rng: random.Random) -> dict:
        # Topic words come from the middle of the frequency range: the words
        # that make two same-story articles look alike.
        words = rng.sample(self.content[60:2500], TOPIC_WORDS)
        people = [self._person(rng) for _ in range(8)]
        places = rng.sample(self.places, 3)
        # Names as they appear in text: 70% the topic's own people and places,
        # people by full name 40% of the time, else by surname.
        names = []
        for _ in range(1 << 8):
            person = rng.choice(people) if rng.random() < 0.7 else self._person(rng)
            names.append(person if rng.random() < 0.4 else person.split(" ", 1)[1])
        place_urn = [rng.choice(places) if rng.random() < 0.7 else rng.choice(self.places) for _ in range(1 << 6)]
        return {
            "urn": self._inflect(_urn(words, _zipf_cum(TOPIC_WORDS, s=0.9, q=1.5), 1 << 12), rng),
            "names": names,
            "places": place_urn,
            "people": people,
        }


# ---------------------------------------------------------------------------
# Articles


class _Writer:
    """Draws sentences and paragraphs for a topic from a shared RNG."""

    def __init__(self, vocab: _Vocabulary, rng: random.Random) -> None:
        self.v = vocab
        self.rng = rng

    def _content_tokens(self, topic: dict, n: int) -> list[str]:
        """``n`` content tokens: topic words, general words, names, places, numbers."""
        rng, v = self.rng, self.v
        classes = _draw(rng, v.class_urn, n)
        urns = (topic["urn"], v.general_urn, topic["names"], topic["places"], v.number_urn)
        pools = [iter(_draw(rng, urn, classes.count(c))).__next__ for c, urn in enumerate(urns)]
        return [pools[c]() for c in classes]

    def _tokens(self, topic: dict, total: int) -> list[str]:
        """At least ``total`` tokens: chunks of 0-3 function words, then a content token."""
        rng, v = self.rng, self.v
        tokens: list[str] = []
        while len(tokens) < total:
            m = (total - len(tokens)) // 2 + 10
            sizes = _draw(rng, v.chunk_urn, m)
            function = _draw(rng, v.function_urn, sum(sizes))
            content = self._content_tokens(topic, m)
            fi = 0
            for k, token in zip(sizes, content):
                if k:
                    tokens += function[fi : fi + k]
                    fi += k
                tokens.append(token)
        return tokens

    def sentences(self, topic: dict, n_words: int) -> list[str]:
        """Sentences of 10-35 words totalling about ``n_words``."""
        rng = self.rng
        random_ = rng.random
        lengths = []
        total = 0
        while total < n_words:
            length = int(rng.triangular(10, 36, 18))
            lengths.append(length)
            total += length
        tokens = self._tokens(topic, total)
        people = topic["people"]
        out = []
        pos = 0
        for length in lengths:
            style = random_()
            if style < 0.10:  # a quotation, attributed: the attribution adds words
                length -= 2
            words = tokens[pos : pos + length]
            pos += length
            if random_() < 0.45:
                words[2 + int(random_() * (length - 5))] += ","
            first = words[0]
            words[0] = first[0].upper() + first[1:]
            text = " ".join(words)
            if style < 0.10:
                speaker = people[int(random_() * len(people))].split(" ", 1)[1]
                text = f"\u201c{text},\u201d {speaker} said."
            elif style < 0.20:
                speaker = people[int(random_() * len(people))]
                text = f"{text}, {speaker} said."
            else:
                text += "."
            out.append(text)
        return out

    def paragraphs(self, topic: dict, n_words: int) -> list[list[str]]:
        """Paragraphs of 2-4 sentences, about ``n_words`` in all."""
        sents = self.sentences(topic, n_words)
        sizes = (2, 2, 3, 3, 3, 4)
        paras = []
        i = 0
        while i < len(sents):
            k = sizes[int(self.rng.random() * 6)]
            paras.append(sents[i : i + k])
            i += k
        if len(paras) > 1 and len(paras[-1]) == 1:
            paras[-2].extend(paras.pop())
        return paras


def _render(paras: list[list[str]]) -> str:
    return "\n".join(" ".join(p) for p in paras)


@dataclass
class _Sentence:
    start: int
    end: int
    para: int
    words: int


def _sentence_index(paras: list[list[str]]) -> list[_Sentence]:
    out = []
    pos = 0
    for pi, para in enumerate(paras):
        for si, sent in enumerate(para):
            if si:
                pos += 1  # the space between sentences
            out.append(_Sentence(pos, pos + len(sent), pi, len(sent.split())))
            pos += len(sent)
        pos += 1  # the newline between paragraphs
    return out


# ---------------------------------------------------------------------------
# Light edits

# Punctuation a token can carry at either end (quotes, commas, full stops).
_EDGE = ".,;:!?\"'\u201c\u201d\u2018\u2019()"


def _change_number(token: str, rng: random.Random) -> str:
    if "," in token:
        return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"
    if "." in token:
        return f"{rng.randint(1, 40)}.{rng.randint(1, 9)}"
    value = int(token)
    if 1990 <= value <= 2025:
        return str(value + rng.choice((-1, 1)))
    return str(max(2, value + rng.choice((-3, -2, -1, 1, 2, 5, 10))))


def light_edit(text: str, synonym: dict[str, str], rng: random.Random, filler: list[str],
               replace_share: float) -> tuple[str, dict[str, int]]:
    """Lightly edit ``text``: synonyms for about ``replace_share`` of its words,
    about 2% of the words dropped and 2% inserted, 70% of the numbers changed.

    ``synonym`` maps a lower-case word form to its substitute (keys are the
    replaceable words); ``filler`` are the words to insert. Line breaks
    (paragraphs), sentence ends and capitals are kept. Returns the edited text
    and counts of each edit.
    """
    tokens_per_line = [line.split(" ") for line in text.split("\n")]
    n_words = sum(len(t) for t in tokens_per_line)
    replaceable = [
        (li, ti)
        for li, toks in enumerate(tokens_per_line)
        for ti, tok in enumerate(toks)
        if tok.strip(_EDGE).lower() in synonym
    ]
    n_replace = min(len(replaceable), round(replace_share * n_words))
    counts = {"replaced": 0, "dropped": 0, "inserted": 0, "numbers_changed": 0}
    for li, ti in rng.sample(replaceable, n_replace):
        tok = tokens_per_line[li][ti]
        left, right = len(tok) - len(tok.lstrip(_EDGE)), len(tok.rstrip(_EDGE))
        core = tok[left:right]
        new = synonym[core.lower()]
        if core[0].isupper():
            new = new[0].upper() + new[1:]
        tokens_per_line[li][ti] = tok[:left] + new + tok[right:]
        counts["replaced"] += 1
    out_lines = []
    for toks in tokens_per_line:
        new_toks: list[str] = []
        last = len(toks) - 1
        for ti, tok in enumerate(toks):
            if tok[:1].isdigit() or tok[1:2].isdigit():
                left, right = len(tok) - len(tok.lstrip(_EDGE)), len(tok.rstrip(_EDGE))
                core = tok[left:right]
                if core[:1].isdigit() and core.replace(",", "").replace(".", "").isdigit() and rng.random() < 0.7:
                    tok = tok[:left] + _change_number(core, rng) + tok[right:]
                    counts["numbers_changed"] += 1
            plain = tok.isalpha() and tok.islower()
            r = rng.random()
            # Drop or insert only around plain lower-case words inside a line,
            # so punctuation and capitals stay in place.
            if plain and 0 < ti < last and r < 0.02:
                counts["dropped"] += 1
                continue
            new_toks.append(tok)
            if plain and ti < last and 0.02 <= r < 0.04:
                new_toks.append(filler[int(rng.random() * len(filler))])
                counts["inserted"] += 1
        out_lines.append(" ".join(new_toks))
    return "\n".join(out_lines), counts


# ---------------------------------------------------------------------------
# The corpus


def _article_id(i: int) -> str:
    return f"a{i:06d}.txt"


def _pick_span(rng: random.Random, sents: list[_Sentence], lo: int, hi: int) -> tuple[int, int]:
    """Indices [i, j) of consecutive sentences totalling lo..hi words (as near as the text allows)."""
    want = rng.randint(lo, hi)
    n = len(sents)
    for _ in range(20):
        i = rng.randrange(n)
        words, j = 0, i
        while j < n and words < want:
            if words >= lo and words + sents[j].words > hi:
                break
            words += sents[j].words
            j += 1
        while words < lo and i > 0:
            i -= 1
            words += sents[i].words
        if lo <= words <= hi or (words >= lo and j - i == 1):
            return i, j
    return i, j


def topics_for(n_articles: int) -> int:
    """How many topics a corpus of ``n_articles`` has: 200, or one per 50 articles past 10,000.

    With a fixed number of topics every topic would grow with the corpus, and
    the pairs of same-topic articles (which share vocabulary, so the rewrite
    channel must look at them) would grow with its square.

    >>> topics_for(10_000), topics_for(100_000)
    (200, 2000)
    """
    return max(N_TOPICS, n_articles // ARTICLES_PER_TOPIC)


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
