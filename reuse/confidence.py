"""The scale every direction verdict's confidence is on: the caps, the floor of a copy verdict, log-odds to confidence.

:mod:`reuse.provenance` decides a pair; :mod:`reuse.revisions` revises the
verdicts in the light of the cluster; both give confidences on this scale
(docs/direction.md, "Confidence").
"""

from __future__ import annotations

import math

__all__ = ["MAX_CONFIDENCE", "MIN_COPY_CONFIDENCE", "TEXT_ONLY_CAP", "UNDETERMINED_CONFIDENCE", "from_log_odds"]

#: A text-only verdict never claims more than this.
TEXT_ONLY_CAP = 0.7
#: Below this, a copy verdict is reported as undetermined.
MIN_COPY_CONFIDENCE = 0.55
#: Confidence of an ``undetermined`` verdict: either side as likely the source.
UNDETERMINED_CONFIDENCE = 0.5
#: The most any verdict claims: metadata can be wrong (a clock, a forged credit).
MAX_CONFIDENCE = 0.98


def from_log_odds(log_odds: float) -> float:
    """How sure log-odds of ``log_odds`` (either sign) make a verdict: the logistic of their size."""
    return 1 / (1 + math.exp(-abs(log_odds)))
