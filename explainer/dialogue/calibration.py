"""Confidence of a resolution from the winner's margin: p = 1 / (1 + exp(-(a * margin + b))),
one (a, b) per mention kind, fit by logistic regression on held-out dialogue. Stated at 0.8,
about 80 % are right; below ABSTAIN_BELOW the resolver abstains.

Produced by `python bench/dialogue.py --fit` (Friends dev, fit on episodes 20 of seasons 1-4
through the whole pipeline — offline analysis, explain; the table is measured on episodes 21):
    CALIBRATION fit on episodes 20: {'third': (1.031, -0.205), 'second': (0.494, 0.22),
                                     'description': (1.031, -0.205)}
Descriptions share the third person's constants (too few gold descriptions to fit their own).
"""

from __future__ import annotations

CALIBRATION: dict[str, tuple[float, float]] = {
    "second": (0.494, 0.22),
    "third": (1.031, -0.205),
    "description": (1.031, -0.205),
}

# below this the resolver abstains: more likely wrong than right
ABSTAIN_BELOW = 0.5
