"""Tests of the scoring helpers in scripts/metrics.py, on hand-checkable examples."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import metrics  # noqa: E402
from metrics import (  # noqa: E402
    adjusted_rand_index,
    binary_scores,
    class_scores,
    confusion_matrix,
    connected_components,
    fit_threshold,
    link_ceiling,
    link_scores,
    macro_f1,
    pair_key,
    reliability_table,
    trigram_containment,
)


def test_doctests():
    failures, tried = doctest.testmod(metrics)
    assert tried > 10
    assert failures == 0


# --- links -------------------------------------------------------------------


def test_pair_key_is_unordered():
    assert pair_key("b", "a") == pair_key("a", "b") == ("a", "b")


def test_pair_key_refuses_a_self_pair():
    with pytest.raises(ValueError, match="twice"):
        pair_key("a", "a")


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        pytest.param([("a", "b")], [("b", "a")], (1, 0, 0, 1.0, 1.0, 1.0), id="order-ignored"),
        pytest.param([("a", "b"), ("b", "a")], [("a", "b")], (1, 0, 0, 1.0, 1.0, 1.0), id="duplicates-ignored"),
        # 3 predicted, 2 right; 4 true, 2 found: P = 2/3, R = 1/2, F1 = 4/7.
        pytest.param(
            [("a", "b"), ("a", "c"), ("x", "y")],
            [("a", "b"), ("a", "c"), ("d", "e"), ("f", "g")],
            (2, 1, 2, 2 / 3, 1 / 2, 4 / 7),
            id="mixed",
        ),
        pytest.param([], [("a", "b")], (0, 0, 1, 0.0, 0.0, 0.0), id="nothing-predicted"),
        pytest.param([("a", "b")], [], (0, 1, 0, 0.0, 0.0, 0.0), id="nothing-true"),
    ],
)
def test_link_scores(predicted, truth, expected):
    s = link_scores(predicted, truth)
    tp, fp, fn, precision, recall, f1 = expected
    assert (s.tp, s.fp, s.fn) == (tp, fp, fn)
    assert s.precision == pytest.approx(precision)
    assert s.recall == pytest.approx(recall)
    assert s.f1 == pytest.approx(f1)
    assert s.as_dict()["f1"] == pytest.approx(f1)


# --- classes -----------------------------------------------------------------

LABELS = ["cut", "light", "heavy", "non"]
TRUE = ["cut", "cut", "light", "light", "heavy", "heavy", "non", "non"]
PRED = ["cut", "cut", "cut", "light", "light", "heavy", "non", "heavy"]


def test_confusion_matrix_rows_are_true_columns_predicted():
    assert confusion_matrix(TRUE, PRED, LABELS) == [
        [2, 0, 0, 0],
        [1, 1, 0, 0],
        [0, 1, 1, 0],
        [0, 0, 1, 1],
    ]


def test_confusion_matrix_refuses_unknown_labels_and_length_mismatch():
    with pytest.raises(ValueError, match="not in"):
        confusion_matrix(["cut"], ["oops"], LABELS)
    with pytest.raises(ValueError, match="predictions"):
        confusion_matrix(["cut"], [], LABELS)


def test_class_scores_by_hand():
    s = class_scores(TRUE, PRED, LABELS)
    # cut: predicted 3 times, 2 right; 2 true, both found.
    assert (s["cut"].tp, s["cut"].fp, s["cut"].fn) == (2, 1, 0)
    assert s["cut"].f1 == pytest.approx(4 / 5)
    # light: 1 right, 1 wrong prediction, 1 missed: F1 = 2/4.
    assert s["light"].f1 == pytest.approx(0.5)
    assert s["heavy"].f1 == pytest.approx(0.5)
    # non: 1 right, never over-predicted, 1 missed: F1 = 2/3.
    assert s["non"].f1 == pytest.approx(2 / 3)


def test_macro_f1_is_unweighted_mean():
    assert macro_f1(TRUE, PRED, LABELS) == pytest.approx((4 / 5 + 0.5 + 0.5 + 2 / 3) / 4)
    assert macro_f1(TRUE, TRUE, LABELS) == 1.0


def test_macro_f1_counts_an_absent_label_as_zero():
    assert macro_f1(["a", "a"], ["a", "a"], ["a", "b"]) == pytest.approx(0.5)


# --- clustering --------------------------------------------------------------


def test_connected_components_chains_and_singletons():
    comps = connected_components(["a", "b", "c", "d", "e"], [("a", "b"), ("c", "b"), ("d", "z")])
    assert comps["a"] == comps["b"] == comps["c"]
    assert comps["d"] == comps["z"] != comps["a"]
    assert comps["e"] not in (comps["a"], comps["d"])
    assert len(set(comps.values())) == 3


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        pytest.param([0, 0, 1, 1], [1, 1, 0, 0], 1.0, id="renamed"),
        pytest.param([0, 0, 1, 1], [0, 1, 0, 1], -0.5, id="crossed"),
        # sum of C(cell,2) = 2, rows 6, columns 3, C(6,2) = 15:
        # (2 - 6*3/15) / ((6+3)/2 - 6*3/15) = 0.8 / 3.3
        pytest.param([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 0.8 / 3.3, id="split"),
        # one true story of 3, predicted as 3 singletons among 3 more singletons
        pytest.param([0, 0, 0, 1, 2, 3], [0, 1, 2, 3, 4, 5], 0.0, id="all-singletons"),
        pytest.param([0, 1, 2], [5, 6, 7], 1.0, id="trivial-both"),
    ],
)
def test_adjusted_rand_index(true, pred, expected):
    assert adjusted_rand_index(true, pred) == pytest.approx(expected)


def test_adjusted_rand_index_length_mismatch():
    with pytest.raises(ValueError):
        adjusted_rand_index([0, 1], [0])


# --- thresholds --------------------------------------------------------------


def test_binary_scores_counts():
    s = binary_scores([0.2, 0.5, 0.5, 0.9], [False, True, False, True], 0.5)
    assert (s.tp, s.fp, s.tn, s.fn) == (2, 1, 1, 0)
    assert s.accuracy == pytest.approx(0.75)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(0.8)


def test_fit_threshold_separable():
    s = fit_threshold([0.9, 0.1, 0.8, 0.3], [True, False, True, False])
    assert s.threshold == pytest.approx(0.55)
    assert s.accuracy == 1.0


def test_fit_threshold_matches_brute_force():
    scores = [0.05, 0.1, 0.1, 0.3, 0.35, 0.5, 0.5, 0.6, 0.8, 0.95]
    labels = [False, True, False, False, True, True, False, True, True, True]
    best = fit_threshold(scores, labels)
    brute = max(binary_scores(scores, labels, t / 100).accuracy for t in range(-5, 106))
    assert best.accuracy == pytest.approx(brute)
    assert best.accuracy == pytest.approx(0.8)


def test_fit_threshold_all_positive_and_all_negative():
    assert fit_threshold([0.2, 0.4], [True, True]).threshold < 0.2
    assert fit_threshold([0.2, 0.4], [False, False]).threshold > 0.4


def test_fit_threshold_refuses_empty():
    with pytest.raises(ValueError, match="no scores"):
        fit_threshold([], [])


# --- reliability -------------------------------------------------------------


def test_reliability_table_bands_and_edges():
    rows = reliability_table([0.0, 0.49, 0.5, 0.7, 0.89, 0.9, 1.0], [True, False, True, True, False, True, True])
    assert [r.label for r in rows] == ["[0.0, 0.5)", "[0.5, 0.7)", "[0.7, 0.9)", "[0.9, 1.0]"]
    assert [r.count for r in rows] == [2, 1, 2, 2]
    assert [r.accuracy for r in rows] == [0.5, 1.0, 0.5, 1.0]


def test_reliability_table_empty_band_has_no_accuracy():
    rows = reliability_table([0.95], [True])
    assert rows[0].count == 0 and rows[0].accuracy is None


def test_reliability_table_refuses_out_of_range():
    with pytest.raises(ValueError, match="outside"):
        reliability_table([1.5], [True])


def test_trigram_containment_counts_the_texts_own_trigrams_found_in_the_source():
    assert trigram_containment("A b c d", "x a B c") == 0.5  # "a b c" of "a b c", "b c d"; case folded
    assert trigram_containment("one two", "one two three") == 0.0  # no 3-gram of its own
    assert trigram_containment("a b c", "") == 0.0


def test_link_ceiling_is_the_f1_of_every_reachable_link_and_no_false_one():
    assert link_ceiling(57, 0) == 1.0
    assert link_ceiling(4, 2) == pytest.approx(2 * 0.5 / 1.5)
