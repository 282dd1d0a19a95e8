"""An article's own repetitions and its short lines: what matching leaves out."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.boilerplate import line_keys, short_lines, usable_words
from reuse.config import BoilerplateConfig
from reuse.text import analyze

NO_PHRASES = BoilerplateConfig(use_phrase_list=False)


def _later_repeats(words: list[str], n: int = 5) -> list[bool]:
    """Words inside a later occurrence of an ``n``-word run, the plain way."""
    seen: set[tuple[str, ...]] = set()
    masked = [False] * len(words)
    for i in range(len(words) - n + 1):
        run = tuple(words[i : i + n])
        if run in seen:
            masked[i : i + n] = [True] * n
        seen.add(run)
    return masked


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(["swap", "talks", "kremlin", "said"]), max_size=60))
def test_only_later_occurrences_of_a_five_word_run_are_left_out(words):
    text = " ".join(words)
    usable = usable_words(text, analyze(text, language=""), NO_PHRASES)
    assert (~usable).tolist() == _later_repeats(words)


def test_a_repeated_caption_is_matched_once():
    caption = "Prisoners walk to a bus after the exchange."
    text = f"{caption}\nThe two sides agreed on Tuesday to swap prisoners.\n{caption}"
    usable = usable_words(text, analyze(text), NO_PHRASES)
    assert usable[:8].all() and not usable[-8:].any()


@settings(deadline=None, max_examples=100)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c"]), max_size=15), max_size=8))
def test_short_lines_are_the_lines_of_at_most_max_line_words_words(lines):
    text = "\n".join(" ".join(line) for line in lines)
    analysis = analyze(text, language="")
    config = BoilerplateConfig(max_line_words=12)
    found = short_lines(text, analysis, config)
    assert [last - first for _, first, last in found] == [len(line) for line in lines if 0 < len(line) <= 12]
    keys = {" ".join(line): key for line, (key, _, _) in zip([x for x in lines if 0 < len(x) <= 12], found)}
    assert len(set(keys.values())) == len(keys)  # one key per distinct line
    assert line_keys(text, analysis, config) == frozenset(keys.values())
