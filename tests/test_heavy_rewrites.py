"""Heavy rewrites in five languages: every sentence paraphrased, one quotation kept.

Each folder of ``fixtures/heavy-rewrites`` holds one language's wire-style
report (``original.txt``), a heavy rewrite of it (``rewrite.txt``: synonyms,
reordered clauses, changed word forms, one of its quotations kept word for
word), an independent report of the same event sharing no wording beyond
names and a number or two (``report.txt``), and a report of another story
(``other.txt``), all written for these tests. Each folder is scanned alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reuse import ReuseKind
from reuse.text import analyze

from stories import scan_pairs

FIXTURES = Path(__file__).parent / "fixtures" / "heavy-rewrites"
REWRITE = frozenset(("original.txt", "rewrite.txt"))
#: Of each text, the least share the rewrite's passages must cover (the English rewrite: 63% and 64%).
MOST_OF = 0.45

# The pair falls in alignment, never before it: the texts share 27 to 47 three-word runs (6 are needed) and LSH
# gives them as candidates. Paraphrased sentences have idf-weighted Dice 0.2-0.33 with their counterparts, under the
# 0.33 a seed needs, and the passage the seeds chain into has a similarity under the 0.45 a pair needs.
_NOT_FOUND = (
    "passages of similarity 0.41 (French), 0.36 and 0.42 (Spanish), under the 0.45 a pair needs: Snowball leaves inflected forms "
    "apart (sautent/sautes, declaró/declara), and a paraphrase changes every sentence's function words and forms"
)
_QUARTER = (
    "found as a heavy rewrite over a quarter of each text only: 2 of its 12 sentence pairs seed (the water level and the "
    "kept quotation); Snowball stems Урале/Урал, прорыва/прорыв and город/городские apart"
)


def _scan(language: str) -> dict:
    folder = FIXTURES / language
    return scan_pairs({p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))})


@pytest.mark.parametrize(
    "language",
    [
        "en",
        "de",
        pytest.param("fr", marks=pytest.mark.xfail(strict=True, reason=_NOT_FOUND)),
        pytest.param("es", marks=pytest.mark.xfail(strict=True, reason=_NOT_FOUND)),
        pytest.param("ru", marks=pytest.mark.xfail(strict=True, reason=_QUARTER)),
    ],
)
def test_a_heavy_rewrite_is_found_over_most_of_both_texts(language):
    pair = _scan(language).get(REWRITE)
    assert pair is not None, "the rewrite was not paired"
    assert pair.kind in (ReuseKind.LIGHT_REWRITE, ReuseKind.HEAVY_REWRITE)
    assert min(pair.containment_a, pair.containment_b) >= MOST_OF


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "ru"])
def test_an_independent_report_and_another_story_pair_with_nothing(language):
    pairs = _scan(language)
    assert not [key for key in pairs if key & {"report.txt", "other.txt"}]


def test_german_auxiliaries_and_modals_are_function_words():
    """They were content stems: a paraphrase that changes "wurde ... haben" to "hat ... werden" shared less than its
    source's sentences, and only a quarter of the German rewrite above was found."""
    a = analyze("Die Gewerkschaft wurde gegründet, nachdem die Arbeiter es gefordert haben; weitere Streiks werden folgen.")
    assert a.language == "de"
    function = [w for w, s in zip("die gewerkschaft wurde gegründet nachdem die arbeiter es gefordert haben weitere streiks werden folgen".split(), a.stems.tolist()) if s == 0]
    assert function == ["die", "wurde", "nachdem", "die", "es", "haben", "weitere", "werden"]
