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

from .claims import order_of_two
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


def coding_confusion(coded: pd.DataFrame, records: pd.DataFrame, classes: list[str]) -> np.ndarray | None:
    """counts[true, decided] from this edition's blind coding (make coding-import): the person's
    breach type as true, the published one as decided. The sample is stratified by published
    type, so each record is weighted by its stratum's sampling fraction; each true class's row
    keeps its number of coded records (the bootstrap's sample size). None without a coding."""
    pairs = coded[["record_id", "breach_type"]].merge(
        records[["record_id", "breach_type"]], on="record_id", suffixes=("_true", "_decided")
    )
    if not len(pairs):
        return None
    strata = records["breach_type"].replace("", REVIEW).value_counts()
    drawn = pairs["breach_type_decided"].replace("", REVIEW).value_counts()
    weights = pairs["breach_type_decided"].replace("", REVIEW).map(strata / drawn)
    weighted, coded_n = np.zeros((len(classes), len(classes))), np.zeros(len(classes))
    for (true, decided), weight in zip(zip(pairs["breach_type_true"], pairs["breach_type_decided"]), weights):
        if true in classes and decided in classes:  # review is left out, as in the corpus's matrix
            weighted[classes.index(true), classes.index(decided)] += weight
            coded_n[classes.index(true)] += 1
    shares = weighted / np.maximum(weighted.sum(axis=1, keepdims=True), 1e-12)
    return shares * coded_n[:, None]


def type_entries(numbers: dict, records, scores, codebook, coded: pd.DataFrame | None = None) -> dict:
    """uncertainty.type.<t>: each type count's interval from the codebook's measured
    classification error (this edition's own blind coding when there is one, else the newest
    frozen test set); claims.types.largest: the two largest types ordered only when their
    intervals do not overlap."""
    classes = codebook.categories("breach_type")
    found = newest_confusion(scores, "breach_type", classes)
    own = coding_confusion(coded, records, classes) if coded is not None and len(coded) else None
    if own is not None:
        found = ("coding", own)
    if found is None or len(classes) < 2:
        return {}
    split, counts = found
    measured_on = (
        "this edition's own records coded blind by a person (make coding-import; weighted by the sample's strata)"
        if split == "coding"
        else f"frozen test set {split[4:] or 1} of the wording corpus"
    )
    source = (
        "the blind coding (coding/coded.csv)" if split == "coding" else f"frozen test set {split} (corpus_accuracy.csv)"
    )
    observed = [int((records["breach_type"] == t).sum()) if len(records) else 0 for t in classes]
    bounds = type_intervals(counts, np.array(observed, dtype=float))
    entries, categories = {}, []
    for i, t in enumerate(classes):
        given = numbers[f"breaches.type.{t}"]["value"] - observed[i]  # counts-only answers: the forces' own types
        low, high = max(bounds["low"][i] + given, 0.0), bounds["high"][i] + given
        entries[f"uncertainty.type.{t}"] = (
            [low, high],
            f"{low:,.0f}–{high:,.0f}",
            f"95% interval of the number of breaches that are truly {codebook.plain_label('breach_type', t)}, "
            f"allowing for the codebook's classification error as measured on {measured_on} (its confusion "
            "matrix inverted; bootstrap over the coded texts). Counts-only answers are added as the forces gave them.",
            f"the confusion counts of {source}, inverted, applied to the records' breach types (records.csv)",
        )
        categories.append(
            {
                "label": codebook.plain_label("breach_type", t),
                "count": numbers[f"breaches.type.{t}"]["value"],
                "low": low,
                "high": high,
            }
        )
    first, second = sorted(categories, key=lambda c: -c["count"])[:2]
    claim = order_of_two(first, second, "breaches")
    entries["claims.types.largest"] = (
        claim["verdict"],
        claim["sentence"],
        "Whether the most common breach type outnumbers the next: said only when their classification-error "
        "intervals (uncertainty.type.<type>) do not overlap and their counts differ beyond chance (exact test).",
        "uncertainty.type.<type> and breaches.type.<type> of the two largest types",
    )
    entries["claims.types.largest.gap"] = (
        claim["gap"],
        f"{claim['gap']:,}",
        "Difference between the counts of the two most common breach types.",
        "breaches.type.<first> - breaches.type.<second>",
    )
    return entries
