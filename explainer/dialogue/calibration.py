"""Confidence of a resolution from the winner's margin: p = 1 / (1 + exp(-(a * margin + b))),
one (a, b) per mention kind, fit by logistic regression on held-out dialogue. Stated at 0.8,
about 80 % are right; below ABSTAIN_BELOW (he/she: below a margin) the resolver abstains.

Produced by `python bench/dialogue.py --fit` (Friends dev, fit on episodes 20 of seasons 1-4
through the whole pipeline — offline analysis, explain — on the answers the resolver states;
the intercept unpenalised; the table is measured on episodes 21), re-run after the replay of
the whole scene, the topic of a scene and clause binding:
    CALIBRATION fit on episodes 20: {'third': (0.468, 0.611), 'second': (0.484, 0.369),
                                     'description': (0.468, 0.611)}
Measured on episodes 21 (all mentions): stated 0.64 -> 51.9 % right, 0.74 -> 71.7 %, 0.87 ->
86.9 %, 0.97 -> 97.9 %. He/she alone stay over-confident (stated 0.86-0.93, 71-80 % right on
52 answers): their errors are confident ones (a wrong topic, a person nobody named), which no
margin separates.
Descriptions share the third person's constants (too few gold descriptions to fit their own).
"""

from __future__ import annotations

CALIBRATION: dict[str, tuple[float, float]] = {
    "second": (0.484, 0.369),
    "third": (0.468, 0.611),
    "description": (0.468, 0.611),
}

# below this the resolver abstains: more likely wrong than right
ABSTAIN_BELOW = 0.5
# he/she/him/her abstain on the margin itself, before any confidence is stated: a wrong person
# named is worse than no answer. 0.8 is the margin the earlier threshold of 0.65 stood for
# (chosen on Friends dev e20 only: answers stated at >= 0.65 were 85.8 % right then); since then
# no threshold on margin or confidence parts right from wrong answers better (e20 precision
# 77-79 % from 0.65 to 0.9), so the threshold stays and the confidence stated is the fit below.
ABSTAIN_MARGIN_BY_KIND: dict[str, float] = {"third": 0.8}


def margin_confidence(best: float, runner_up: float) -> float:
    """Confidence of a winner among candidates of a kind with no gold labels to fit constants on
    (places, moments, things, callbacks to an earlier scene): linear in the winner's margin over
    the runner-up, kept under 0.9 because nothing calibrated it."""
    if best <= 0.0:
        return 0.0
    margin = (best - max(runner_up, 0.0)) / best
    return round(min(0.9, 0.35 + 0.55 * margin), 3)
