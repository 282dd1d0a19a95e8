"""The family tree's doubts about a copy: readings the cluster's other texts share against the tree's source.

Each text below is a wire story (``SENTENCES``) or an outlet's edit of it,
scanned with no times, so that the text alone decides.
"""

import pytest

import reuse
from reuse.confidence import TEXT_ONLY_CAP
from reuse.model import Article
from stories import SENTENCES, edit

WIRE = " ".join(SENTENCES)
#: One outlet's word changes to the wire story, and another's, at other places.
ONE = [("voted", "decided"), ("deep", "serious"), ("remain", "stay"), ("warned", "cautioned"), ("promised", "pledged"), ("studying", "examining")]
OTHER = [("heavy", "large"), ("built", "constructed"), ("force", "push"), ("safety", "security"), ("temporary", "provisional"),
         ("complained", "grumbled")]
OWN = [
    "The weather office issued a yellow warning for heavy rain across the valley on Wednesday night and Thursday morning.",
    "Schools in three villages will open an hour late because buses cannot use the bridge or the flooded lanes nearby.",
]


def _directions(texts: dict[str, str]) -> dict[frozenset, reuse.Direction]:
    result = reuse.scan_articles([Article(name, text, name.upper()) for name, text in texts.items()])
    return {frozenset((p.a, p.b)): p.direction for p in result.pairs}


@pytest.mark.parametrize(("other_changes", "why"), [(6, "mutual-changes"), (2, "sibling")])
def test_two_edits_each_changing_what_the_other_kept_are_siblings(other_changes, why):
    """Three plain copies of the wire story, and two outlets' edits of it: each edit changed words the other and the
    plain copies keep, so neither can be the other's source (a copy keeps its source's changes). With only two
    changes on one side (under the four it takes) that says nothing, and the pair is siblings because the plain
    copies hold all they share."""
    texts = {"c1": WIRE, "c2": WIRE, "c3": WIRE, "a": edit(WIRE, ONE), "b": edit(WIRE, OTHER[:other_changes])}
    d = _directions(texts)[frozenset("ab")]
    assert d.relation.value == "common-source" and d.deciding.name == why, d
    if why == "mutual-changes":
        assert d.deciding.value >= 4


def test_a_copy_holding_readings_its_tree_source_lacks_is_not_called_its_copy():
    """z edited six words of the wire story; x carries its first five sentences unedited, and w three of them
    with two sentences of its own. The tree hangs w from x and x from z (the fullest text), but w holds the wire's
    words where z changed them, as x does: w may come from the fuller original z comes from too, so z is not
    named w's source; without x to attest those words, containment names z the source (a text-only 0.69)."""
    z = edit(WIRE, ONE)
    w = " ".join(SENTENCES[:3] + OWN)
    x = " ".join(SENTENCES[:5])
    d = _directions({"z": z, "w": w, "x": x})[frozenset("wz")]
    assert d.relation.value == "undetermined" and d.deciding.name == "independent-readings" and d.deciding.value >= 4, d
    alone = _directions({"z": z, "w": w})[frozenset("wz")]
    assert alone.relation.value == "copied" and alone.source == "z" and alone.confidence <= TEXT_ONLY_CAP
