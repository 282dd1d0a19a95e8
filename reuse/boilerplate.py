"""Site junk and an article's own repetitions: what must never make a match.

Three sources, all reduced to a per-word mask (``True`` = usable for matching):

* the shipped phrase list (``data/boilerplate-phrases.txt``): whole lines such
  as "Previous Post Next Post" or "Share this story via social media"; and
  the lines of at most ``_JUNK_LINE_WORDS`` words that open with a phrase of
  ``data/boilerplate-openers.txt`` ("Read more: <a headline>", "Share on
  Facebook Share on X ..."), hold a copyright notice ("©", "All rights
  reserved") or are a bar of short items between pipes or arrows ("Home |
  News | Sport", "By Staff Reporter | Published 09:14", "Home > World");
  and a list's heading of ``data/boilerplate-list-headers.txt`` ("Most
  read", "Related articles:", "Tags: ...") with the headlines under it
  (:func:`_junk_lines`);
* lines learned from the corpus itself: a line of at most
  ``max_line_words`` words seen in at least ``min_docs`` articles; and a
  longer line seen in at least ``min_docs`` articles of one outlet known
  from metadata or its URL (its template: a disclaimer, a subscription
  paragraph). A long line repeated across outlets is reused text, which is
  what we look for, and so is an outlet's story run several times: an
  article whose learned long lines hold more than half its words keeps them
  (see :func:`mask_lines`);
* an article's own repetitions: a later occurrence of any five-word run the
  article already used (photo captions repeating the body), so a copied
  paragraph matches once, not once per repetition.

The text itself is kept for display; only matching leaves these words out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
import re
from importlib import resources

import numpy as np
import xxhash

from .config import BoilerplateConfig
from .sentences import ends_sentence
from .text import Analysis, analyze, counted, members, ngram_hashes_many, unique_sorted

__all__ = ["article_lines", "candidate_lines", "learn_boilerplate", "line_keys", "mask_lines", "site", "usable_words", "usable_words_many"]

_REPEAT_NGRAM = 5


def _line_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end character offsets of each line of ``text``.

    >>> [x.tolist() for x in _line_bounds("ab\\n\\ncd")]
    [[0, 3, 4], [2, 3, 6]]
    """
    breaks = []  # str.find from break to break: half the time of splitting the text into lines and measuring them
    k = text.find("\n")
    while k >= 0:
        breaks.append(k)
        k = text.find("\n", k + 1)
    breaks.append(len(text))  # the last line ends with the text
    ends = np.array(breaks, dtype=np.int64)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    return starts, ends


def _line_words(text: str, analysis: Analysis) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each line's start and end offsets, and its first word and end word (indices into ``analysis``)."""
    starts, ends = _line_bounds(text)
    return starts, ends, np.searchsorted(analysis.starts, starts, side="left"), np.searchsorted(analysis.starts, ends, side="left")


def _key(words: np.ndarray, salt: bytes = b"") -> int:
    return xxhash.xxh3_64_intdigest(salt + words.tobytes())


def site(article) -> str | None:
    """The outlet whose template long lines of ``article`` may be: its outlet when known from metadata or its URL.

    ``None`` when the outlet is only the file name (a folder of plain
    texts): each file its own outlet, or every record of one JSON file
    one outlet whatever site it came from.

    >>> from reuse.model import Article
    >>> site(Article("a.txt", "Text.", "a", path="a.txt")), site(Article("b.json#1", "Text.", "example.com", path="b.json"))
    (None, 'example.com')
    """
    return article.outlet if article.outlet_named else None


def _candidate_lines(text: str, analysis: Analysis, max_words: int, outlet: str | None) -> list[tuple[int, int, int]]:
    """``(key, first word, end word)`` of the lines that can be boilerplate, in text order.

    Every non-empty line of at most ``max_words`` words, keyed by its words;
    with an ``outlet``, also every longer line, keyed by the outlet and its
    words (learned only from that outlet's articles).
    """
    if len(analysis) == 0:
        return []
    _, _, first, last = _line_words(text, analysis)
    counts = last - first
    salt = outlet.casefold().encode("utf-8", "surrogatepass") + b"\0" if outlet else None
    keep = np.flatnonzero((counts > 0) if salt else (counts > 0) & (counts <= max_words))
    return [
        (_key(analysis.words[f:e]) if e - f <= max_words else _key(analysis.words[f:e], salt), f, e)
        for f, e in zip(first[keep].tolist(), last[keep].tolist())
    ]


def line_keys(text: str, analysis: Analysis, config: BoilerplateConfig, lines: list[tuple[int, int, int]] | None = None) -> np.ndarray:
    """Keys of the candidate lines of one article, distinct and sorted (uint64), for :func:`learn_boilerplate`.

    ``lines`` is :func:`candidate_lines` of the article when already
    computed; without it only the short lines are keyed. An array, not a
    set: the scan keeps one per article until every article is read (a few
    dozen keys each once the outlet's long lines count).
    """
    if lines is None:
        lines = candidate_lines(text, analysis, config)
    return unique_sorted(np.fromiter((key for key, _, _ in lines), dtype=np.uint64, count=len(lines)))


def candidate_lines(text: str, analysis: Analysis, config: BoilerplateConfig, outlet: str | None = None) -> list[tuple[int, int, int]]:
    """``(key, first word, end word)`` of every line that can be boilerplate: computed once, passed to the functions here.

    ``outlet`` is :func:`site` of the article: with it, the long lines
    count too (when ``config.site_lines``).
    """
    return _candidate_lines(text, analysis, config.max_line_words, outlet if config.site_lines else None)


def article_lines(article, analysis: Analysis, config: BoilerplateConfig) -> list[tuple[int, int, int]]:
    """:func:`candidate_lines` of an article, with its :func:`site`: what every reading of an article uses."""
    return candidate_lines(article.text, analysis, config, site(article))


def learn_boilerplate(keys_per_article: Iterable[np.ndarray], config: BoilerplateConfig) -> frozenset[int]:
    """Keys of the candidate lines that recur in at least ``config.min_docs`` articles.

    Each article counts once per line (its keys are distinct, as
    :func:`line_keys` gives them), however often it repeats the line.
    """
    keys = [k for k in keys_per_article if len(k)]
    if not keys:
        return frozenset()
    distinct, counts = counted(np.concatenate(keys))
    return frozenset(distinct[counts >= config.min_docs].tolist())


@lru_cache(maxsize=1)
def _phrase_keys() -> frozenset[int]:
    raw = resources.files("reuse").joinpath("data/boilerplate-phrases.txt").read_text("utf-8")
    phrases = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(_key(analyze(p, language="").words) for p in phrases)


#: The longest line :func:`_junk_lines` takes for junk, in words: a "Read more:" line and its headline, a footer.
_JUNK_LINE_WORDS = 30
_MIX = np.uint64(0x9E3779B97F4A7C15)
#: Anywhere in a line: a copyright notice, a share bar, a photo's caption credit at its end ("... (Photo: PA)").
_NOTICE = re.compile(
    r"©|\b(?i:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"все права защищены|جميع الحقوق محفوظة|share on facebook|share on x|share on twitter|share on whatsapp)\b|"
    r"版权所有|無断転載|무단 전재|記事をシェア|分享到|"
    r"\((?i:photo|photograph|picture|image|foto|bild|фото)s?\s*:[^()\n]{1,60}\)[ \t]*$",
    re.MULTILINE,
)
#: Words a line of share buttons is made of ("Facebook Twitter WhatsApp LinkedIn").
_SHARE_WORDS = frozenset(
    "facebook twitter x whatsapp linkedin email e-mail telegram reddit pinterest messenger line flipboard print "
    "copy link share tweet mail vk ok viber weibo wechat qq".split()
)
_UNIQUE = np.uint64(0xA5A5_5A5A_0F0F_F0F0)
#: A line that is a bar of short items between pipes or arrows (a breadcrumb), spaced: at least two, at most 40
#: characters between them, none a formula's ("P(A | B) = P(B | A) P(A)").
_BAR = re.compile(r"^[^|>›»\n()=]{1,40}(?:\s[|>›»]\s[^|>›»\n()=]{1,40}){2,}$", re.MULTILINE)


def _prefix_keys(words: np.ndarray, first: np.ndarray, k: int) -> np.ndarray:
    """A key of the ``k`` words from each index of ``first`` (their hashes mixed in order, and ``k``)."""
    with np.errstate(over="ignore"):
        key = words[first] + np.uint64(k)
        for j in range(1, k):
            key = key * _MIX + words[first + j]
    return key


@lru_cache(maxsize=None)
def _phrases(name: str) -> dict[int, np.ndarray]:
    """Per number of words, the sorted keys of the phrases of ``data/<name>`` of that length.

    Chinese and Japanese count a word a character: "続きを読む" is five.
    """
    raw = resources.files("reuse").joinpath(f"data/{name}").read_text("utf-8")
    by_length: dict[int, list[int]] = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            words = analyze(line.strip(), language="").words
            if len(words):
                by_length.setdefault(len(words), []).append(int(_prefix_keys(words, np.zeros(1, dtype=np.int64), len(words))[0]))
    return {k: np.unique(np.array(keys, dtype=np.uint64)) for k, keys in sorted(by_length.items())}


_PHRASE_FILES = ("boilerplate-openers.txt", "boilerplate-list-headers.txt")
#: The most words of a phrase of ``data/boilerplate-openers.txt`` and ``data/boilerplate-list-headers.txt`` (a bit each
#: in :func:`_phrase_table`).
_PHRASE_WORDS = 63


@lru_cache(maxsize=None)
def _phrase_table(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The keys of :func:`_phrases` of ``data/<name>`` in one sorted array, and for each a bit per number of words it is a phrase of (bit ``k``: ``k`` words)."""
    by_key: dict[int, int] = {}
    for k, keys in _phrases(name).items():
        if k > _PHRASE_WORDS:
            raise ValueError(f"data/{name}: a phrase of {k} words, over the {_PHRASE_WORDS} a line's opening is looked up for")
        for key in keys.tolist():
            by_key[key] = by_key.get(key, 0) | 1 << k
    ordered = sorted(by_key)
    return np.array(ordered, dtype=np.uint64), np.array([by_key[key] for key in ordered], dtype=np.uint64)


@lru_cache(maxsize=None)
def _opening_terms(longest: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For :func:`_opening_keys`: ``M**-j`` for each word ``j`` of an opening, and ``M**(k-1)`` and ``k M**(k-1)`` for each length ``k``, modulo 2**64.

    ``M`` (``_MIX``) is odd, so it has an inverse modulo 2**64.
    """
    mix, inverse, modulus = int(_MIX), pow(int(_MIX), -1, 1 << 64), 1 << 64
    back = np.array([pow(inverse, j, modulus) for j in range(longest)], dtype=np.uint64)
    scale = np.array([pow(mix, k - 1, modulus) for k in range(1, longest + 1)], dtype=np.uint64)
    length = np.array([k * pow(mix, k - 1, modulus) % modulus for k in range(1, longest + 1)], dtype=np.uint64)
    return back, scale, length


def _opening_keys(words: np.ndarray, first: np.ndarray, counts: np.ndarray, lines: np.ndarray, longest: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_prefix_keys` of the first ``k`` words of each of ``lines``, ``k`` from 1 to ``longest``: lines x ``longest``, and where a line has ``k`` words.

    Every length at once, where a call of :func:`_prefix_keys` per length
    cost a dozen numpy calls: modulo 2**64, the key of ``k`` words
    ``(w0 + k) M**(k-1) + w1 M**(k-2) + ... + w(k-1)`` is
    ``M**(k-1) (w0 + w1 M**-1 + ... + w(k-1) M**-(k-1)) + k M**(k-1)``,
    a running sum along each line's words, scaled (:func:`_opening_terms`).
    """
    back, scale, length = _opening_terms(longest)
    # Past a line's end (or the text's) the words are any: those keys are not valid below.
    at = np.minimum(first[lines][:, None] + np.arange(longest), len(words) - 1)
    keys = np.cumsum(words[at] * back, axis=1, dtype=np.uint64)
    keys *= scale
    keys += length
    return keys, counts[lines][:, None] >= np.arange(1, longest + 1)


def _opening(keys: np.ndarray, valid: np.ndarray, lines: np.ndarray, name: str) -> Iterator[tuple[int, int]]:
    """``(line, k)`` for each of ``lines`` whose first ``k`` words are a phrase of ``data/<name>``, by ``k`` then line.

    ``keys`` and ``valid`` are :func:`_opening_keys` of ``lines``, as long as the longest phrase or longer.
    """
    table, lengths = _phrase_table(name)
    pos = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    bits = np.arange(1, keys.shape[1] + 1, dtype=np.uint64)
    hit = (table[pos] == keys) & valid & ((lengths[pos] >> bits) & np.uint64(1)).astype(bool)
    ks, rows = np.nonzero(hit.T)
    yield from zip(lines[rows].tolist(), (ks + 1).tolist())


@lru_cache(maxsize=1)
def _share_keys() -> np.ndarray:
    return np.unique(analyze(" ".join(_SHARE_WORDS), language="").words)


#: Lines under a list heading taken for its items, at most; an item is at most this many characters.
_LIST_ITEMS = 20
_LIST_ITEM_CHARS = 150
#: A numbered item ("1. ", "2) "): a list's line even when it ends in a full stop.
_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s")


def _headings(
    text: str, analysis: Analysis, starts: np.ndarray, ends: np.ndarray, first: np.ndarray, candidates: np.ndarray, keys: np.ndarray, valid: np.ndarray
) -> dict[int, bool]:
    """The ``candidates`` lines that head a list of site junk, each with whether its list follows on the line itself.

    A heading is a line that is only a phrase of ``data/boilerplate-list-headers.txt``
    ("Most read"), or one and a colon ("Related articles:"; items below),
    or one, a colon and the list ("Tags: port, strike"; that line only).
    ``keys`` and ``valid`` are :func:`_opening_keys` of the ``candidates``.
    """
    found: dict[int, bool] = {}
    for line, k in _opening(keys, valid, candidates, "boilerplate-list-headers.txt"):
        before = text[starts[line] : analysis.starts[first[line]]]
        after = text[analysis.ends[first[line] + k - 1] : ends[line]].strip()
        if not before.strip() and (not after or after.startswith(":")):
            found[line] = found.get(line, False) or bool(after[1:].strip())
    return found


def _list_blocks(text: str, starts: np.ndarray, ends: np.ndarray, headings: dict[int, bool]) -> list[int]:
    """Lines of the lists of site junk: each of the ``headings`` (:func:`_headings`) and the items under it ("Most read", "1. Storm warning ...").

    An item is a short line that ends in no full stop (a headline), or a
    numbered one; blank lines between items are passed over; the first
    line of prose ends the list. A heading with its list after a colon on
    its own line ("Tags: port, strike") is that line only.

    >>> t = "Ships waited.\\nMost read\\n1. Chef opens restaurant\\n\\nStorm warning issued\\nThe port reopened on Friday.\\nTags: port, strike"
    >>> s, e = _line_bounds(t); [t[s[k]:e[k]] for k in _list_blocks(t, s, e, {1: False, 6: True})]
    ['Most read', '1. Chef opens restaurant', '', 'Storm warning issued', 'Tags: port, strike']
    """
    lines: list[int] = []
    for line, inline in sorted(headings.items()):
        if lines and line <= lines[-1]:
            continue
        lines.append(line)
        if inline:
            continue
        for k in range(line + 1, min(line + 1 + _LIST_ITEMS, len(ends))):
            item = text[starts[k] : ends[k]].strip()
            if item and (len(item) > _LIST_ITEM_CHARS or (ends_sentence(item) and not _NUMBERED.match(item))):
                break
            lines.append(k)
    return lines


def _junk_lines(text: str, analysis: Analysis) -> list[tuple[int, int]]:
    """``(first word, end word)`` of the short lines that are site junk by their form (see the module's docstring).

    >>> t = "Floods hit the town.\\nRead more: Council tax to rise by 4.99 per cent\\nHome | News | Sport\\n© 2025 Gazette Ltd"
    >>> [" ".join(t[a:b].split()) for a, b in _junk_spans(t)]
    ['Read more: Council tax to rise by 4.99 per cent', 'Home | News | Sport', '2025 Gazette Ltd']
    >>> _junk_spans("Crews used boats. (Photo: PA)\\nFacebook Twitter WhatsApp\\nFacebook said on Monday it would act.")
    [(0, 28), (30, 55)]
    """
    if len(analysis) == 0:
        return []
    starts, ends, first, last = _line_words(text, analysis)
    counts = last - first
    short = (counts > 0) & (counts <= _JUNK_LINE_WORDS)
    junk = np.zeros(len(ends), dtype=bool)
    candidates = np.flatnonzero(short)  # a few lines an article: the patterns read them, not the whole text
    if not len(candidates):  # every line of prose: no junk by form (most articles of a clean feed)
        return []
    longest = max(max(_phrases(name), default=0) for name in _PHRASE_FILES)
    keys, valid = _opening_keys(analysis.words, first, counts, candidates, longest)
    for line, _ in _opening(keys, valid, candidates, "boilerplate-openers.txt"):
        junk[line] = True
    for line in candidates.tolist():
        s, e = int(starts[line]), int(ends[line])
        junk[line] |= bool(_NOTICE.search(text, s, e) or _BAR.search(text, s, e))
    for line in _list_blocks(text, starts, ends, _headings(text, analysis, starts, ends, first, candidates, keys, valid)):
        junk[line] |= bool(counts[line])
    buttons = np.flatnonzero(short & (counts >= 2) & members(analysis.words[np.minimum(first, len(analysis) - 1)], _share_keys()))
    for line in buttons.tolist():  # a line opening with a network's name: made of them only?
        junk[line] |= bool(members(analysis.words[first[line] : last[line]], _share_keys()).all())
    lines = np.flatnonzero(junk)
    return list(zip(first[lines].tolist(), last[lines].tolist()))


def _junk_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of :func:`_junk_lines` (from a line's first word to its last word's end)."""
    analysis = analyze(text, language="")
    return [(int(analysis.starts[f]), int(analysis.ends[e - 1])) for f, e in _junk_lines(text, analysis)]


def _repeats_many(analyses: Sequence[Analysis], junks: Sequence[np.ndarray | None]) -> list[np.ndarray]:
    """For each analysis, the words inside a later occurrence of a five-word run seen earlier in its article.

    Words of its ``junk`` (a mask) are no occurrence: a photo caption above
    the body, junk by its form, leaves the body's sentence it repeats
    usable. The five-word runs of all the articles are hashed in one pass
    (:func:`ngram_hashes_many`).
    """
    sequences = []
    for analysis, junk in zip(analyses, junks):
        words = analysis.words
        if junk is not None and junk.any():
            words = words.copy()
            words[junk] = np.flatnonzero(junk).astype(np.uint64) ^ _UNIQUE  # each its own word: in no run another repeats
        sequences.append(words)
    out = []
    for analysis, grams in zip(analyses, ngram_hashes_many(sequences, _REPEAT_NGRAM)):
        mask = np.zeros(len(analysis), dtype=bool)
        out.append(mask)
        if len(grams) < 2:
            continue
        ordered = np.sort(grams)
        repeated = ordered[1:][ordered[1:] == ordered[:-1]]
        if len(repeated) == 0:  # most articles: one plain sort tells
            continue
        # Only the occurrences of repeated runs are ordered again, stably, to
        # find every occurrence after the first, in text order.
        where = np.flatnonzero(np.isin(grams, repeated))
        order = np.argsort(grams[where], kind="stable")
        runs = grams[where][order]
        later = where[order[1:][runs[1:] == runs[:-1]]]
        for offset in range(_REPEAT_NGRAM):
            mask[later + offset] = True
    return out


def usable_words(
    text: str,
    analysis: Analysis,
    config: BoilerplateConfig,
    learned: frozenset[int] = frozenset(),
    lines: list[tuple[int, int, int]] | None = None,
) -> np.ndarray:
    """Boolean mask over the words of ``text``: ``True`` where a word may match.

    Parameters
    ----------
    text, analysis
        The article text and its :func:`reuse.text.analyze` result.
    config
        Boilerplate settings.
    learned
        Keys from :func:`learn_boilerplate`; empty while the corpus is still
        being read (the phrase list and repetitions apply regardless).
    lines
        :func:`candidate_lines` of the article when already computed.
    """
    return usable_words_many([text], [analysis], config, learned, [lines])[0]


def usable_words_many(
    texts: Sequence[str],
    analyses: Sequence[Analysis],
    config: BoilerplateConfig,
    learned: frozenset[int] = frozenset(),
    lines: Sequence[list[tuple[int, int, int]] | None] | None = None,
) -> list[np.ndarray]:
    """:func:`usable_words` of each text, its analysis and its ``lines`` (``None``: each computed), the numpy work of the repetitions done for all at once."""
    formed = [np.zeros(len(analysis), dtype=bool) for analysis in analyses]
    if config.use_phrase_list:
        for text, analysis, mask in zip(texts, analyses, formed):
            for first, last in _junk_lines(text, analysis):
                mask[first:last] = True
    junk = (_phrase_keys() if config.use_phrase_list else frozenset()) | learned
    return [
        mask_lines(text, analysis, ~(repeated | mask), junk, config, article_lines)
        for text, analysis, mask, repeated, article_lines in zip(texts, analyses, formed, _repeats_many(analyses, formed), lines or [None] * len(texts))
    ]


def mask_lines(
    text: str,
    analysis: Analysis,
    usable: np.ndarray,
    junk: frozenset[int],
    config: BoilerplateConfig,
    lines: list[tuple[int, int, int]] | None = None,
) -> np.ndarray:
    """``usable`` with the words of every candidate line whose key is in ``junk`` masked.

    The scan masks the phrase list and repetitions while it reads, and the
    lines learned from the whole corpus only afterwards, with this. When the
    long lines in ``junk`` hold more than half the article's words, they are
    not its outlet's template but a story the outlet ran several times: they
    stay usable (its short junk lines are still masked).
    """
    if not junk:
        return usable
    if lines is None:
        lines = candidate_lines(text, analysis, config)
    limit = config.max_line_words
    learned = [(first, last) for key, first, last in lines if key in junk]
    if not learned:
        return usable
    long_words = sum(last - first for first, last in learned if last - first > limit)
    if 2 * long_words > len(analysis):
        learned = [(first, last) for first, last in learned if last - first <= limit]
    mask = usable.copy()
    for first, last in learned:
        mask[first:last] = False
    return mask
