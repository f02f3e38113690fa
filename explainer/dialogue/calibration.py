"""Confidence of a resolution from the winner's margin: p = 1 / (1 + exp(-(a * margin + b))),
one (a, b) per mention kind, fit by logistic regression on held-out dialogue. Stated at 0.8,
about 80 % are right; below ABSTAIN_BELOW the resolver abstains.

Produced by `python bench/dialogue.py --fit` (Friends dev, fit on episodes 20 of seasons 1-4
through the whole pipeline — offline analysis, explain; the table is measured on episodes 21),
re-run after the e20 error analysis of the third person (stale mentions, callbacks):
    CALIBRATION fit on episodes 20: {'third': (1.009, -0.185), 'second': (0.513, 0.164),
                                     'description': (1.009, -0.185)}
Descriptions share the third person's constants (too few gold descriptions to fit their own).
"""

from __future__ import annotations

CALIBRATION: dict[str, tuple[float, float]] = {
    "second": (0.513, 0.164),
    "third": (1.009, -0.185),
    "description": (1.009, -0.185),
}

# below this the resolver abstains: more likely wrong than right
ABSTAIN_BELOW = 0.5
# he/she/him/her abstain higher: a wrong person named is worse than no answer (target precision
# >= 85 %). Chosen on Friends dev e20 only (python bench/dialogue.py --episodes s01_e20,s02_e20,
# s03_e20,s04_e20): answers stated at >= 0.65 were 85.8 % right, 0.6-0.65 three of eleven
ABSTAIN_BELOW_BY_KIND: dict[str, float] = {"third": 0.65}


def margin_confidence(best: float, runner_up: float) -> float:
    """Confidence of a winner among candidates of a kind with no gold labels to fit constants on
    (places, moments, things, callbacks to an earlier scene): linear in the winner's margin over
    the runner-up, kept under 0.9 because nothing calibrated it."""
    if best <= 0.0:
        return 0.0
    margin = (best - max(runner_up, 0.0)) / best
    return round(min(0.9, 0.35 + 0.55 * margin), 3)
