"""Planting reused passages in the benchmark corpus (``scripts/corpus_gen.py``).

The shares of each kind of plant and of targets, the light edit that turns a
copied passage into a lightly rewritten one (:func:`light_edit`), and the
choice of a span of whole sentences to copy (:func:`_pick_span`).
:func:`corpus_gen.generate_corpus` plans the plants and sets them into the
target articles with these.
"""

from __future__ import annotations

import random

from corpus_text import _Sentence

__all__ = ["KIND_WEIGHTS", "MAX_TARGETS_PER_SOURCE", "TARGET_SHARE", "WHOLE_SHARE", "light_edit"]

KIND_WEIGHTS = (("verbatim", 0.40), ("light", 0.35), ("partial", 0.25))
WHOLE_SHARE = 0.33  # of verbatim plants
TARGET_SHARE = 0.40
MAX_TARGETS_PER_SOURCE = 3


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

