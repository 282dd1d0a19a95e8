"""Words in any script: where each word of a text starts and ends.

Words are Unicode word runs, found by classifying code points through a
table. Chinese and Japanese are written without spaces: each CJK ideograph
or kana is a word of its own. So are the letter clusters of Thai, Lao,
Myanmar and Khmer, also written without spaces, cut by the scripts' rules
of writing (:func:`_cluster_starts`). :mod:`reuse.text` hashes and stems
the words found here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

__all__ = ["fold_arabic", "segment_words", "unit_words", "unit_words_many", "word_count", "word_spans"]

# Kana, ideographs, and the iteration and ideographic-number marks 々 〆 〇.
_CJK_RANGES = ((0x3005, 0x3007), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF))
_CJK_PUNCTUATION = (0x30A0, 0x30FB)  # ゠ and the middle dot ・ (ドナルド・トランプ): inside the kana block, no letters

# Scripts written without spaces between words whose letters group into
# clusters: Thai, Lao, Myanmar, Khmer. Classes of their characters:
_BASE, _MARK, _LEADING, _STACKER = 3, 4, 5, 6
_CLUSTER_BLOCKS = ((0x0E00, 0x0E7F), (0x0E80, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF))
# Letters written after the consonant they follow in speech, and so part of its cluster: Thai ะ า ำ ๅ, Lao ະ າ ຳ ຽ.
_FOLLOWING_VOWELS = (0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0EB0, 0x0EB2, 0x0EB3, 0x0EBD)
# Vowels written before the consonant they follow in speech: Thai เ แ โ ใ ไ, Lao ເ ແ ໂ ໃ ໄ.
_LEADING_VOWELS = tuple(range(0x0E40, 0x0E45)) + tuple(range(0x0EC0, 0x0EC5))
# Signs that stack the next consonant under the one before: the Khmer coeng and the Myanmar virama.
_STACKERS = (0x17D2, 0x1039)
# Thai and Lao vowels that leave a syllable open, never closed by a final consonant: ะ ำ ະ ຳ,
# and the leading vowels of the same kind, ใ ไ ໃ ໄ.
_OPEN_VOWELS = (0x0E30, 0x0E33, 0x0EB0, 0x0EB3)
_OPEN_LEADING = (0x0E43, 0x0E44, 0x0EC3, 0x0EC4)
# Marks of repetition and abbreviation (ๆ ฯ ໆ ຯ ៗ): letters, but a cluster of their own, never a final.
_REPEAT_MARKS = (0x0E46, 0x0E2F, 0x0EC6, 0x0EAF, 0x17D7)
# Letters that also write vowels (อ ย ว, ອ ຍ ວ): a final after one of them (ท่อง, เที่ยว) closes the syllable too.
_VOWEL_LETTERS = (0x0E2D, 0x0E22, 0x0E27, 0x0EAD, 0x0E8D, 0x0EA7)
_MYANMAR = (0x1000, 0x109F)
_ASAT = 0x103A  # Myanmar writes a syllable's final consonant with it
_DOT_BELOW = 0x1037  # a Myanmar tone mark, written before the asat in NFC
# Bits of :func:`_cluster_flags`: what the rules of :func:`_cluster_starts` ask of a code point.
_OPEN, _OPENS, _REPEATS, _VOWEL_LETTER, _IN_MYANMAR = 1, 2, 4, 8, 16


@lru_cache(maxsize=1)
def _char_classes() -> np.ndarray:
    """Class of every BMP code point: 0 other, 1 word character, 2 CJK (a word alone), 3 to 6 a clustered script's.

    Word characters are those Python calls alphanumeric, plus combining marks
    (so Devanagari vowel signs stay inside their word), minus "_". In Thai,
    Lao, Myanmar and Khmer a letter is a cluster's base (3), a mark or a
    following vowel joins the cluster before it (4), a leading vowel starts
    a cluster and takes the next letter into it (5), and a stacking sign
    joins the cluster before it and takes the next letter too (6). Their
    digits are plain word characters.
    """
    table = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isalnum() or unicodedata.category(ch).startswith("M"):
            table[cp] = 1
    for lo, hi in _CJK_RANGES:
        if lo < 0x10000:
            table[lo : hi + 1] = 2
    table[list(_CJK_PUNCTUATION)] = 0
    for lo, hi in _CLUSTER_BLOCKS:
        for cp in range(lo, hi + 1):
            category = unicodedata.category(chr(cp))
            if category in ("Lo", "Lm"):
                table[cp] = _BASE
            elif category.startswith("M"):
                table[cp] = _MARK
    table[list(_FOLLOWING_VOWELS)] = _MARK
    table[list(_LEADING_VOWELS)] = _LEADING
    table[list(_STACKERS)] = _STACKER
    return table


def _classify(codes: np.ndarray) -> np.ndarray:
    # Code points above the table read its last entry here and are classified
    # one by one below: emoji and rare scripts, few per text.
    if codes.dtype == np.uint16:  # the whole text is in the table
        return _char_classes().take(codes)
    classes = _char_classes().take(codes, mode="clip")
    if len(codes) == 0 or codes.max() <= 0xFFFF:
        return classes
    for i in np.flatnonzero(codes > 0xFFFF).tolist():
        cp = int(codes[i])
        ch = chr(cp)
        cjk = any(lo <= cp <= hi for lo, hi in _CJK_RANGES)
        classes[i] = 2 if cjk else int(ch.isalnum() or unicodedata.category(ch).startswith("M"))
    return classes


def _code_points(text: str) -> tuple[np.ndarray, str]:
    """The code points of ``text`` and the codec that gives them back.

    UTF-16 when every character is in the Basic Multilingual Plane (one code
    unit each; half the bytes of UTF-32), else UTF-32.
    """
    raw = text.encode("utf-16-le", "surrogatepass")
    if len(raw) == 2 * len(text):
        return np.frombuffer(raw, dtype=np.uint16), "utf-16-le"
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), "utf-32-le"


@lru_cache(maxsize=1)
def _cluster_flags() -> np.ndarray:
    """The bits ``_OPEN`` .. ``_IN_MYANMAR`` of every BMP code point (a table look-up, not a search per rule)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for bit, points in ((_OPEN, _OPEN_VOWELS), (_OPENS, _OPEN_LEADING), (_REPEATS, _REPEAT_MARKS), (_VOWEL_LETTER, _VOWEL_LETTERS)):
        table[list(points)] |= bit
    table[_MYANMAR[0] : _MYANMAR[1] + 1] |= _IN_MYANMAR
    return table


def _cluster_starts(codes: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Where a letter cluster of Thai, Lao, Myanmar or Khmer starts, by the scripts' rules of writing (no dictionary).

    A cluster is a consonant (or a leading vowel and the consonant after it,
    or consonants stacked by a coeng or virama) with the marks and vowels
    written on and after it. In Thai, Lao and Khmer a bare consonant (no
    mark or vowel of its own) right after a cluster's vowel or tone mark
    closes that syllable, its final, and joins it; not after a vowel that
    leaves a syllable open (ะ ำ, the syllables of ใ ไ); and a second one
    does after a final that also writes a vowel (อ ย ว). Myanmar writes a
    final with the asat (်): the consonant before it joins the cluster
    before. Marks of repetition (ๆ ฯ ...) stand alone.

    >>> t = "ไม่กลับบ้าน ประเทศ ท่องเที่ยวที่ดีๆ မိုးရွာတယ် ကြောင့်"
    >>> [t[s:e] for s, e in word_spans(t)]
    ['ไม่', 'ก', 'ลับ', 'บ้าน', 'ป', 'ระ', 'เทศ', 'ท่อง', 'เที่ยว', 'ที่', 'ดี', 'ๆ', 'မိုး', 'ရွာ', 'တယ်', 'ကြောင့်']
    """
    n = len(classes)
    after = np.concatenate(([0], classes[:-1]))  # the class of the character before
    before = np.concatenate((classes[1:], [0]))  # the class of the character after
    bound = (after == _LEADING) | (after == _STACKER)
    base = classes == _BASE
    flags = _cluster_flags().take(codes, mode="clip")  # code points past the table read its last entry: no flag
    myanmar = (flags & _IN_MYANMAR) > 0
    after2 = np.concatenate(([0], after[:-1]))  # two characters before
    vowelled = (after == _MARK) | ((after == _BASE) & (after2 == _LEADING))
    # The letter before the marks before each character: an open leading vowel before it leaves the syllable open.
    position = np.arange(n)
    unmarked = np.maximum.accumulate(np.where(classes != _MARK, position, -1))
    letter = np.concatenate(([-1], unmarked[:-1]))
    ahead = np.where(letter >= 1, letter - 1, 0)
    open_syllable = (np.concatenate(([0], flags[:-1])) & _OPEN) > 0
    open_syllable |= (letter >= 1) & (classes[np.maximum(letter, 0)] == _BASE) & ((flags[ahead] & _OPENS) > 0)
    bare = base & ~myanmar & ~bound & (before != _MARK) & (before != _STACKER) & ((flags & _REPEATS) == 0)
    final = bare & vowelled & ~open_syllable
    final[1:] |= bare[1:] & final[:-1] & ((flags[:-1] & _VOWEL_LETTER) > 0)
    # Myanmar: the asat on the next character, or on the one after a dot below (်, which NFC puts first).
    asat = np.concatenate((codes[1:], [0])) == _ASAT
    asat[:-2] |= (codes[1:-1] == _DOT_BELOW) & (codes[2:] == _ASAT)
    final |= base & myanmar & asat & (after >= _BASE) & ~bound
    return (base | (classes == _LEADING)) & ~bound & ~final


#: Arabic spelling that copies vary without changing a word (most of the light normalisation of Arabic retrieval,
#: Larkey, Ballesteros and Connell 2002): short vowels and other marks (harakat, superscript alef) and tatweel are
#: dropped, alef with hamza or madda and alef wasla become bare alef, alef maqsura ya. A copy that dropped the
#: hamzas, or wrote ى for ي, read as a light rewrite of a word-for-word copy (found by a review). Ta marbuta stays:
#: written as ha it is no suffix to the Snowball stemmer ("الجديده" keeps it, "الجديدة" stems to "جديد").
_ARABIC_FOLD = str.maketrans(
    {**{chr(c): None for c in (*range(0x064B, 0x0660), 0x0670, 0x0640)}, "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ى": "ي"}
)


def fold_arabic(word: str) -> str:
    """``word`` with Arabic spelling variants folded (:data:`_ARABIC_FOLD`); other scripts unchanged.

    >>> fold_arabic("إلى") == fold_arabic("الى") == fold_arabic("إلىٰ") == fold_arabic("إِلَى"), fold_arabic("الخطـة") == "الخطة"
    (True, True)
    >>> fold_arabic("Café")
    'Café'
    """
    return word.translate(_ARABIC_FOLD)


def segment_words(text: str) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray | None]:
    """Start and end offsets of the words of ``text``, the case-folded words, and which are parts of words.

    Vectorised: code points are classified through a table, and word edges
    found where the class changes. The last value marks the words that are
    one CJK character or one letter cluster each (:func:`_cluster_starts`),
    ``None`` when the text has none.
    """
    if not text:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), [], None
    codes, codec = _code_points(text)
    classes = _classify(codes)
    word = classes > 0
    # Blank out the non-word characters and let str.split find the words.
    # Surrogates are no word characters, so none is left to pair up when decoding.
    spaced = np.where(word, codes, codes.dtype.type(32))
    cjk = classes == 2
    clustered = classes >= _BASE
    units = None
    if cjk.any() or clustered.any():
        # Each CJK character is a word of its own, and each cluster of a clustered script:
        # a word edge also lies before and after each CJK character, and before each cluster.
        alone = cjk | (_cluster_starts(codes, classes) if clustered.any() else False)
        edge_before = word & (np.concatenate(([True], ~word[:-1] | cjk[:-1] | (clustered[:-1] != clustered[1:]))) | alone)
        starts = np.flatnonzero(edge_before)
        ends = np.flatnonzero(word & np.concatenate((~word[1:] | edge_before[1:], [True]))) + 1
        units = alone[starts]
        # A blank before each word that follows a word character, so that the text split finds the same words.
        inner = edge_before & np.concatenate(([False], word[:-1]))
        blanks = np.cumsum(inner)
        wide = np.full(len(codes) + int(blanks[-1]), 32, dtype=codes.dtype)
        wide[np.arange(len(codes)) + blanks] = spaced
        spaced = wide
    else:
        padded = np.concatenate(([False], word, [False]))
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        starts, ends = edges[0::2], edges[1::2]
    folded = spaced.tobytes().decode(codec, "surrogatepass").casefold().split()
    if len(folded) != len(starts):  # casefolding made a space-like character
        folded = [text[s:e].casefold() for s, e in zip(starts.tolist(), ends.tolist())]
    if ((codes >= 0x0622) & (codes <= 0x0670)).any():  # Arabic letters or marks: their spelling variants folded
        folded = [word.translate(_ARABIC_FOLD) for word in folded]
    return starts.astype(np.int64), ends.astype(np.int64), folded, units


def word_count(text: str) -> int:
    """How many words :func:`word_spans` finds in ``text``, without building them.

    A word is a run of word characters other than CJK, one CJK character, or
    one cluster of a clustered script (Thai, Lao, Myanmar, Khmer).

    >>> word_count("Kremlin’s U.S. swap: 1,000 — 東京 naïve"), word_count("ประเทศไทย 2024")
    (10, 6)
    """
    if not text:
        return 0
    classes = _classify(_code_points(text)[0])
    if (classes >= _BASE).any():
        return len(segment_words(text)[0])
    plain = classes == 1
    runs = int(np.count_nonzero(plain[1:] & ~plain[:-1])) + int(plain[0])
    return runs + int(np.count_nonzero(classes == 2))


def unit_words(text: str, starts: np.ndarray) -> np.ndarray | None:
    """Which of the words starting at ``starts`` are one CJK character or one letter cluster; ``None`` when none is.

    Such a word is part of a word: alignment counts their stems for less
    (see :data:`reuse.prepared.UNIT_STEM_COUNT`).

    >>> t = "Xinhua 新华社 ประเทศ"
    >>> unit_words(t, np.array([s for s, _ in word_spans(t)])).tolist(), unit_words("Xinhua said", np.array([0, 7]))
    ([False, True, True, True, True, True, True], None)
    """
    return unit_words_many([text], [starts])[0]


def unit_words_many(texts: Sequence[str], starts: Sequence[np.ndarray]) -> list[np.ndarray | None]:
    """:func:`unit_words` of each text and its words' ``starts``, the texts' code points classified together.

    The texts are joined by line breaks, each text's code points are the
    same there (a character's class is its own), and one classification
    replaces one per text (a few numpy calls each).

    >>> [None if u is None else u.tolist() for u in unit_words_many(["Xinhua said", "新华社 ok", ""], [np.array([0, 7]), np.array([0, 1, 2, 4]), np.array([], dtype=np.int64)])]
    [None, [True, True, True, False], None]
    """
    other = [k for k, text in enumerate(texts) if not text.isascii() and len(starts[k])]
    out: list[np.ndarray | None] = [None] * len(texts)
    if not other:
        return out
    codes = _code_points("\n".join(texts[k] for k in other))[0]
    joined_at = np.cumsum([0, *(len(texts[k]) + 1 for k in other[:-1])])
    sizes = [len(starts[k]) for k in other]
    units = _classify(codes[np.concatenate([starts[k] for k in other]) + np.repeat(joined_at, sizes)]) >= 2
    first = 0
    for k, size in zip(other, sizes):
        article_units = units[first : first + size]
        first += size
        out[k] = article_units if article_units.any() else None
    return out


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of ``text``.

    >>> t = "Kremlin’s U.S. swap: 1,000 for 1,000 — 東京 naïve"
    >>> [t[s:e] for s, e in word_spans(t)]
    ['Kremlin', 's', 'U', 'S', 'swap', '1', '000', 'for', '1', '000', '東', '京', 'naïve']
    >>> t = "เปิดประเทศ2024 ខ្មែរ"  # Thai and Khmer: a word per cluster
    >>> [t[s:e] for s, e in word_spans(t)]
    ['เปิด', 'ป', 'ระ', 'เทศ', '2024', 'ខ្មែរ']
    """
    starts, ends, _, _ = segment_words(text)
    return list(zip(starts.tolist(), ends.tolist()))
