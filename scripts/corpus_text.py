"""Vocabulary and running text of the benchmark corpus (``scripts/corpus_gen.py``).

The generated words, names, places, numbers and topics (:class:`_Vocabulary`),
the sentences and paragraphs of an article drawn from them (:class:`_Writer`),
rendering paragraphs to text and indexing its sentences by character offset,
and how many topics a corpus has (:func:`topics_for`). Everything is drawn
from the ``random.Random`` passed in, so the text is deterministic for a seed.
"""

from __future__ import annotations

import array
import itertools
import random
import sys
from dataclasses import dataclass

__all__ = ["FUNCTION_WORDS", "topics_for"]

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



def topics_for(n_articles: int) -> int:
    """How many topics a corpus of ``n_articles`` has: 200, or one per 50 articles past 10,000.

    With a fixed number of topics every topic would grow with the corpus, and
    the pairs of same-topic articles (which share vocabulary, so the rewrite
    channel must look at them) would grow with its square.

    >>> topics_for(10_000), topics_for(100_000)
    (200, 2000)
    """
    return max(N_TOPICS, n_articles // ARTICLES_PER_TOPIC)

