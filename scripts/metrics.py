"""Small scoring helpers for ``scripts/evaluate.py`` (no scikit-learn).

Every function is pure: it takes plain Python values and returns plain values
or small frozen dataclasses, so each can be checked by hand.

* :func:`pair_key`, :func:`link_scores`: precision, recall and F1 of sets of
  unordered pairs (links between articles).
* :func:`confusion_matrix`, :func:`class_scores`, :func:`macro_f1`: multi-class
  classification.
* :func:`connected_components`, :func:`adjusted_rand_index`: clustering.
* :func:`fit_threshold`, :func:`binary_scores`: a score threshold for a binary
  decision.
* :func:`reliability_table`: accuracy per confidence band.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from math import comb

__all__ = [
    "BandRow",
    "BinaryScores",
    "PRF",
    "adjusted_rand_index",
    "binary_scores",
    "class_scores",
    "confusion_matrix",
    "connected_components",
    "fit_threshold",
    "link_ceiling",
    "link_scores",
    "macro_f1",
    "pair_key",
    "ratio",
    "reliability_table",
    "trigram_containment",
]

#: Confidence bands of the reliability table: ``[lo, hi)``, the last one closed.
CONFIDENCE_BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))


def ratio(num: float, den: float, empty: float = 0.0) -> float:
    """``num / den``, or ``empty`` when ``den`` is 0.

    >>> ratio(1, 4)
    0.25
    >>> ratio(0, 0)
    0.0
    >>> ratio(0, 0, empty=1.0)
    1.0
    """
    return num / den if den else empty


@dataclass(frozen=True)
class PRF:
    """Counts and scores of a set comparison (or of one class)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``; 0 when nothing was predicted."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``; 0 when nothing was to be found."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, ``2tp / (2tp + fp + fn)``."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict[str, float]:
        """Counts and scores as plain data (for JSON)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The unordered pair ``{a, b}`` as a sorted tuple.

    >>> pair_key("b.txt", "a.txt")
    ('a.txt', 'b.txt')
    >>> pair_key("a.txt", "b.txt") == pair_key("b.txt", "a.txt")
    True
    """
    if a == b:
        raise ValueError(f"a pair needs two different items, got {a!r} twice")
    return (a, b) if a <= b else (b, a)


def link_scores(predicted: Iterable[tuple[str, str]], truth: Iterable[tuple[str, str]]) -> PRF:
    """Compare predicted links with true links, both unordered pairs.

    Order inside a pair and duplicates are ignored.

    >>> s = link_scores([("x", "a"), ("a", "y"), ("b", "c")], [("a", "x"), ("c", "b"), ("d", "e")])
    >>> (s.tp, s.fp, s.fn)
    (2, 1, 1)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (0.667, 0.667, 0.667)
    """
    pred = {pair_key(*p) for p in predicted}
    true = {pair_key(*p) for p in truth}
    return PRF(tp=len(pred & true), fp=len(pred - true), fn=len(true - pred))


def confusion_matrix(true: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]) -> list[list[int]]:
    """Counts ``m[i][j]`` of items of true class ``labels[i]`` predicted as ``labels[j]``.

    >>> confusion_matrix(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b"])
    [[1, 1], [0, 2]]
    """
    if len(true) != len(pred):
        raise ValueError(f"{len(true)} true labels but {len(pred)} predictions")
    index = {label: i for i, label in enumerate(labels)}
    unknown = (set(true) | set(pred)) - set(index)
    if unknown:
        raise ValueError(f"labels {sorted(map(str, unknown))} are not in {list(labels)}")
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(true, pred):
        matrix[index[t]][index[p]] += 1
    return matrix


def class_scores(true: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]) -> dict[Hashable, PRF]:
    """One-vs-rest precision, recall and F1 for each label.

    >>> s = class_scores(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b"])
    >>> s["a"].f1, round(s["b"].f1, 3)
    (0.6666666666666666, 0.8)
    """
    matrix = confusion_matrix(true, pred, labels)
    out = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        fn = sum(matrix[i]) - tp
        fp = sum(row[i] for row in matrix) - tp
        out[label] = PRF(tp=tp, fp=fp, fn=fn)
    return out


def macro_f1(true: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]) -> float:
    """Unweighted mean of the per-label F1 (a label never seen nor predicted scores 0).

    >>> round(macro_f1(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b"]), 4)
    0.7333
    >>> macro_f1(["a", "b"], ["a", "b"], ["a", "b"])
    1.0
    """
    scores = class_scores(true, pred, labels)
    return sum(s.f1 for s in scores.values()) / len(labels)


def connected_components(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, int]:
    """Label each node with its connected component (0, 1, ... in order of first node seen).

    Nodes without an edge are components of their own; edge ends not in
    ``nodes`` are added.

    >>> connected_components(["a", "b", "c", "d"], [("a", "c")])
    {'a': 0, 'b': 1, 'c': 0, 'd': 2}
    """
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    order: list[Hashable] = []
    for node in nodes:
        if node not in parent:
            parent[node] = node
            order.append(node)
    for a, b in edges:
        for node in (a, b):
            if node not in parent:
                parent[node] = node
                order.append(node)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    ids: dict[Hashable, int] = {}
    return {node: ids.setdefault(find(node), len(ids)) for node in order}


def adjusted_rand_index(labels_true: Sequence[Hashable], labels_pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index of two clusterings of the same items (Hubert and Arabie 1985).

    1 for identical clusterings (up to renaming), about 0 for chance
    agreement, negative below chance. When both clusterings are trivial (one
    cluster, or all singletons, on both sides) the index is defined as 1.

    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> round(adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]), 4)
    -0.5
    >>> round(adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.2424
    """
    if len(labels_true) != len(labels_pred):
        raise ValueError(f"{len(labels_true)} true labels but {len(labels_pred)} predicted")
    n = len(labels_true)
    contingency = Counter(zip(labels_true, labels_pred))
    sum_cells = sum(comb(c, 2) for c in contingency.values())
    sum_true = sum(comb(c, 2) for c in Counter(labels_true).values())
    sum_pred = sum(comb(c, 2) for c in Counter(labels_pred).values())
    total = comb(n, 2)
    expected = sum_true * sum_pred / total if total else 0.0
    maximum = (sum_true + sum_pred) / 2
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)


@dataclass(frozen=True)
class BinaryScores(PRF):
    """A binary decision (positive when ``score >= threshold``) scored against labels.

    Precision, recall and F1 come from :class:`PRF`.
    """

    tn: int = 0
    threshold: float = 0.0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        return ratio(self.tp + self.tn, self.n)

    def as_dict(self) -> dict[str, float]:
        """Counts and scores as plain data (for JSON)."""
        return {
            "threshold": self.threshold,
            "n": self.n,
            "tp": self.tp,
            "fp": self.fp,
            "tn": self.tn,
            "fn": self.fn,
            "accuracy": self.accuracy,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def binary_scores(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> BinaryScores:
    """Score the decision ``score >= threshold`` against boolean labels.

    >>> s = binary_scores([0.1, 0.4, 0.6, 0.9], [False, True, False, True], 0.5)
    >>> (s.tp, s.fp, s.tn, s.fn), s.accuracy
    ((1, 1, 1, 1), 0.5)
    """
    if len(scores) != len(labels):
        raise ValueError(f"{len(scores)} scores but {len(labels)} labels")
    tp = fp = tn = fn = 0
    for score, label in zip(scores, labels):
        positive = score >= threshold
        if positive and label:
            tp += 1
        elif positive:
            fp += 1
        elif label:
            fn += 1
        else:
            tn += 1
    return BinaryScores(threshold=threshold, tp=tp, fp=fp, tn=tn, fn=fn)


def fit_threshold(scores: Sequence[float], labels: Sequence[bool]) -> BinaryScores:
    """The threshold that maximises accuracy of ``score >= threshold`` on these data.

    Candidate thresholds lie halfway between consecutive distinct scores, or
    1 below the lowest ("all positive") or 1 above the highest ("all
    negative"), so the chosen value never sits on a training score. On ties
    the lowest such threshold wins. Runs in O(n log n).

    >>> round(fit_threshold([0.1, 0.2, 0.7, 0.8], [False, False, True, True]).threshold, 4)
    0.45
    >>> s = fit_threshold([0.1, 0.4, 0.6, 0.9], [False, True, False, True])
    >>> s.threshold, s.accuracy
    (0.25, 0.75)
    >>> fit_threshold([0.5, 0.5], [True, True]).threshold
    -0.5
    """
    if len(scores) != len(labels):
        raise ValueError(f"{len(scores)} scores but {len(labels)} labels")
    if not scores:
        raise ValueError("no scores to fit a threshold on")
    positives_at: Counter[float] = Counter()
    negatives_at: Counter[float] = Counter()
    for score, label in zip(scores, labels):
        (positives_at if label else negatives_at)[score] += 1
    values = sorted(set(positives_at) | set(negatives_at))
    # Start below every score (all predicted positive), then sweep upwards.
    correct = sum(positives_at.values())
    best_threshold, best_correct = values[0] - 1.0, correct
    for i, value in enumerate(values):
        # Moving the threshold above ``value`` turns its items negative.
        correct += negatives_at[value] - positives_at[value]
        threshold = (value + values[i + 1]) / 2 if i + 1 < len(values) else value + 1.0
        if correct > best_correct:
            best_threshold, best_correct = threshold, correct
    return binary_scores(scores, labels, best_threshold)


@dataclass(frozen=True)
class BandRow:
    """One row of a reliability table."""

    lo: float
    hi: float
    count: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        """Share correct, or ``None`` for an empty band."""
        return self.correct / self.count if self.count else None

    @property
    def label(self) -> str:
        close = "]" if self.hi >= 1.0 else ")"
        return f"[{self.lo:.1f}, {self.hi:.1f}{close}"

    def as_dict(self) -> dict[str, float | int | None | str]:
        return {"band": self.label, "lo": self.lo, "hi": self.hi, "count": self.count, "correct": self.correct, "accuracy": self.accuracy}


def reliability_table(
    confidences: Sequence[float], correct: Sequence[bool], bands: Sequence[tuple[float, float]] = CONFIDENCE_BANDS
) -> list[BandRow]:
    """Count and accuracy of verdicts per confidence band.

    Bands are ``[lo, hi)`` except that a band ending at 1.0 includes 1.0.
    Confidences outside every band raise ``ValueError``.

    >>> rows = reliability_table([0.2, 0.6, 0.95, 1.0, 0.9], [False, True, True, True, False])
    >>> [(r.label, r.count, r.accuracy) for r in rows]
    [('[0.0, 0.5)', 1, 0.0), ('[0.5, 0.7)', 1, 1.0), ('[0.7, 0.9)', 0, None), ('[0.9, 1.0]', 3, 0.6666666666666666)]
    """
    if len(confidences) != len(correct):
        raise ValueError(f"{len(confidences)} confidences but {len(correct)} outcomes")
    counts = [0] * len(bands)
    hits = [0] * len(bands)
    for conf, ok in zip(confidences, correct):
        for i, (lo, hi) in enumerate(bands):
            if lo <= conf < hi or (hi >= 1.0 and conf == hi):
                counts[i] += 1
                hits[i] += bool(ok)
                break
        else:
            raise ValueError(f"confidence {conf} is outside the bands {list(bands)}")
    return [BandRow(lo, hi, counts[i], hits[i]) for i, (lo, hi) in enumerate(bands)]


def trigram_containment(text: str, source: str) -> float:
    """Share of ``text``'s word 3-grams (lower-case ``\\w+`` words) that ``source`` holds: a measure that owes nothing to reuse.

    >>> trigram_containment("the cat sat on the mat", "a cat sat on the sofa")
    0.5
    """
    def grams(t: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", t.lower())
        return {tuple(words[k : k + 3]) for k in range(len(words) - 2)}

    mine = grams(text)
    return len(mine & grams(source)) / len(mine) if mine else 0.0


def link_ceiling(true_links: int, out_of_reach: int) -> float:
    """The best link F1 reachable when ``out_of_reach`` true links share no text: those missed, nothing else wrong.

    >>> round(link_ceiling(57, 3), 4)
    0.973
    """
    recall = (true_links - out_of_reach) / true_links
    return 2 * recall / (1 + recall)
