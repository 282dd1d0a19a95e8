"""The kind thresholds scored on answers they were not chosen on (Clough-Stevenson).

``verbatim_share`` and ``light_share`` (``reuse.config.AlignConfig``) were
chosen where they give the best macro-F1 on this very corpus, so the
headline kind score is in-sample. Here the corpus is scanned once per point
of a grid around them, and many times over it is cut in two halves with the
same mix of classes: the thresholds that score best on one half are scored
on the other. The median of those held-out scores is what a new corpus like
this one would see, within the grid.

Used by ``scripts/eval_cs.py`` (the ``cs`` section of ``scripts/evaluate.py``).
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from metrics import macro_f1

#: The grid: the defaults (0.82, 0.64) in the middle, steps of 0.04 and 0.06.
VERBATIM_SHARES = (0.74, 0.78, 0.82, 0.86, 0.90)
LIGHT_SHARES = (0.52, 0.58, 0.64, 0.70, 0.76)
SPLITS = 200


@dataclass(frozen=True)
class HeldOut:
    """What the held-out test found."""

    grid_points: int
    splits: int
    in_sample_best: float  # the best grid point's macro-F1 on all answers
    in_sample_default: float  # the defaults' macro-F1 on all answers
    chosen_median: float  # held-out macro-F1 of the thresholds chosen on the other half: median over splits
    chosen_mean: float
    chosen_reach: float  # share of splits where it reaches the goal
    default_median: float  # the defaults scored on the same held-out halves
    goal: float

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def predictions(folder: Path, classify: Callable, known: dict[tuple[float, float], list[str]] | None = None) -> dict[tuple[float, float], list[str]]:
    """Each grid point's predicted class of every answer (``classify(result)`` gives them, in a fixed answer order).

    ``known`` holds points already scanned (the defaults, by the section itself): they are not scanned again.
    """
    import reuse
    from reuse.config import AlignConfig, ScanConfig
    from reuse.errors import ConfigError

    out = {}
    for verbatim in VERBATIM_SHARES:
        for light in LIGHT_SHARES:
            if known and (verbatim, light) in known:
                out[(verbatim, light)] = known[(verbatim, light)]
                continue
            try:
                config = ScanConfig(align=AlignConfig(verbatim_share=verbatim, light_share=light))
            except ConfigError:  # a light share at or above the verbatim one: no such setting
                continue
            out[(verbatim, light)] = classify(reuse.scan(folder, config))
    return out


def held_out(truth: Sequence[str], preds: dict[tuple[float, float], list[str]], labels: Sequence[str], default: tuple[float, float],
             goal: float, seed: int) -> HeldOut:
    """Choose on one stratified half, score on the other, ``SPLITS`` times (ties go to the point nearest the defaults)."""
    rng = random.Random(seed)
    by_class: dict[str, list[int]] = {}
    for k, cls in enumerate(truth):
        by_class.setdefault(cls, []).append(k)

    def score(point: tuple[float, float], idx: Sequence[int]) -> float:
        return macro_f1([truth[k] for k in idx], [preds[point][k] for k in idx], labels)

    def nearness(point: tuple[float, float]) -> float:
        return -abs(point[0] - default[0]) - abs(point[1] - default[1])

    chosen, at_default = [], []
    for _ in range(SPLITS):
        first, second = [], []
        for members in by_class.values():
            shuffled = members[:]
            rng.shuffle(shuffled)
            half = len(shuffled) // 2
            first += shuffled[:half]
            second += shuffled[half:]
        best = max(preds, key=lambda point: (score(point, first), nearness(point)))
        chosen.append(score(best, second))
        at_default.append(score(default, second))
    everyone = range(len(truth))
    return HeldOut(
        grid_points=len(preds),
        splits=SPLITS,
        in_sample_best=max(score(point, everyone) for point in preds),
        in_sample_default=score(default, everyone),
        chosen_median=statistics.median(chosen),
        chosen_mean=statistics.fmean(chosen),
        chosen_reach=sum(x >= goal for x in chosen) / len(chosen),
        default_median=statistics.median(at_default),
        goal=goal,
    )
