"""Type counts with the codebook's classification error.

The newest frozen test set of the wording corpus gives a confusion matrix: of the texts
whose true type is i and that the codebook decided, the share decided as j, M[j, i]. The
records a codebook decided are then expected to show counts o = M t for true counts t,
so t = M⁻¹ o estimates the true counts. Its interval comes from bootstrapping the test
set (each true class's decisions redrawn from its own row, multinomially; stratified by
true class, which keeps each class's number of test texts) and taking the 2.5th and 97.5th
percentiles of the estimates. Counts-only answers were classified by the forces, not by
the codebook: they are added as given, without this error. Texts sent to review are left
out of M, because the counts hold decided records only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .corpus import CONFUSED_AS, REVIEW, frozen_set_number

DRAWS = 2000
SEED = 20160714  # fixed: the intervals are byte-reproducible
LEVEL = 0.95


def newest_confusion(scores: pd.DataFrame, field: str, classes: list[str]) -> tuple[str, np.ndarray] | None:
    """(split, counts[true, decided]) of the newest frozen test set, decided classes only;
    None when the scores carry no confusion matrix for `field`."""
    cells = scores[(scores["measure"] == "count") & (scores["field"] == field) & (scores["split"] != "dev")]
    if not len(cells):
        return None
    split = max(cells["split"].unique(), key=frozen_set_number)
    found = {row.category: float(row.value) for row in cells[cells["split"] == split].itertuples()}
    counts = np.array([[found.get(f"{t}{CONFUSED_AS}{d}", 0.0) for d in classes] for t in classes])
    assert all(f"{t}{CONFUSED_AS}{REVIEW}" in found for t in classes), "confusion rows incomplete"
    return split, counts


def _estimate(counts: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """t with M t = observed, M[j, i] = counts[i, j] / row total (least squares if singular)."""
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.eye(len(counts)), where=totals > 0)
    return np.linalg.lstsq(shares.T, observed, rcond=None)[0]


def type_intervals(counts: np.ndarray, observed: np.ndarray) -> dict[str, np.ndarray]:
    """The estimated true counts of the records and their bootstrap interval (LEVEL)."""
    rng = np.random.default_rng(SEED)
    totals = counts.sum(axis=1).astype(int)
    shares = counts / np.maximum(totals, 1)[:, None]
    draws = np.empty((DRAWS, len(observed)))
    for b in range(DRAWS):
        redrawn = np.array([rng.multinomial(n, p) for n, p in zip(totals, shares)], dtype=float)
        draws[b] = _estimate(redrawn, observed)
    tail = (1 - LEVEL) / 2 * 100
    return {
        "estimate": _estimate(counts, observed),
        "low": np.percentile(draws, tail, axis=0),
        "high": np.percentile(draws, 100 - tail, axis=0),
    }
