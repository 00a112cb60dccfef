"""The one place agreement is measured (sklearn.metrics): Cohen's kappa and per-class
precision and recall, for the self-test against true labels (evaluation.py) and for the
codebook on the wording corpus (corpus.py)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support


def kappa(true: list[str], predicted: list[str]) -> float:
    """Cohen's kappa; 1 where both agree on a single class throughout (sklearn leaves it
    undefined: no chance agreement to correct for), NaN for no pairs."""
    if not true:
        return float("nan")
    if len(set(true) | set(predicted)) == 1:
        return 1.0
    return float(cohen_kappa_score(true, predicted))


def per_class(true: list[str], predicted: list[str], classes: list[str]) -> list[tuple[str, float, float, int]]:
    """(class, precision, recall, support) per class; NaN where a class was never decided
    (precision) or never true (recall)."""
    if not true:
        return [(c, float("nan"), float("nan"), 0) for c in classes]
    precision, recall, _, support = precision_recall_fscore_support(
        true, predicted, labels=classes, zero_division=np.nan
    )
    return [(c, float(p), float(r), int(s)) for c, p, r, s in zip(classes, precision, recall, support)]
