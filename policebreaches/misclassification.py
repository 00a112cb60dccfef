"""Type counts with the codebook's classification error.

What is measured: how often the codebook decides a text of true type i as type j, from
texts whose true type a person knows (the counts C[i, j]): this edition's own records coded
blind by a person when there are any (make coding-import), else the newest frozen test set
of the wording corpus. Texts sent to review are left out, because the counts hold decided
records only.

What is estimated: how many of this edition's decided records are truly of each type. Each
record's true type is unknown; it is drawn, record by record, from what its decided type and
the measured error make likely. The method (a Bayesian correction for misclassification with
validation data, by data augmentation; e.g. Gustafson, "Measurement Error and
Misclassification in Statistics and Epidemiology", 2004) repeats, DRAWS times after
BURN_IN draws to settle:

1. the error rates: for each true type i, the shares decided as each j are drawn from
   Dirichlet(C[i, ·] + 1/K) (K types; the prior adds one text spread over the K cells, so a
   type the test texts never confused still has a small chance of confusion, as a finite
   test set cannot rule it out);
2. which records are misclassified: the o_j records decided as j are shared among the true
   types multinomially, type i with probability proportional to prevalence_i × share_i→j;
3. the edition's prevalence of each type is drawn from Dirichlet(1 + the true counts just
   drawn).

The 2.5th and 97.5th percentiles of the true counts drawn give the interval. Both sources of
uncertainty are in it: the finite number of test texts (1) and which of the edition's records
were misclassified (2); with 14 records and a few per cent of errors the interval is a few
breaches wide, never a single number. Records whose true type this edition itself holds (the
sample's generator writes every record's true labels: its self-test, tables/confusion.csv)
are not drawn: they add their true type, so where the self-test found every record right the
interval is the count itself. Counts-only answers were classified by the forces, not by the
codebook: they are added as given, without this error."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .claims import order_of_two
from .corpus import CONFUSED_AS, REVIEW, frozen_set_number

DRAWS = 4000
BURN_IN = 500
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


def self_test_counts(confusion: pd.DataFrame | None, field: str, classes: list[str]) -> np.ndarray:
    """counts[true, decided] of the records whose true label this edition holds (its self-test,
    tables/confusion.csv: field, true, predicted, count); records sent to review are left out,
    as they are not in the counts. Zeros without a self-test."""
    known = np.zeros((len(classes), len(classes)))
    if confusion is None or not len(confusion):
        return known
    for row in confusion[confusion["field"] == field].to_dict("records"):
        if row["true"] in classes and row["predicted"] in classes:
            known[classes.index(row["true"]), classes.index(row["predicted"])] += float(row["count"])
    return known


def true_count_draws(counts: np.ndarray, observed: np.ndarray, known: np.ndarray | None = None) -> np.ndarray:
    """DRAWS draws of the true counts of the decided records (see the module's docstring):
    `counts` the measured confusion [true, decided], `observed` the records decided as each
    type, `known` [true, decided] of records whose true type the edition holds."""
    k = len(observed)
    known = np.zeros((k, k)) if known is None else known
    fixed = known.sum(axis=1)
    unknown = np.maximum(np.asarray(observed, dtype=float) - known.sum(axis=0), 0).astype(int)
    rng = np.random.default_rng(SEED)
    prevalence = np.full(k, 1 / k)
    draws = np.empty((DRAWS, k))
    for step in range(BURN_IN + DRAWS):
        shares = np.array([rng.dirichlet(counts[i] + 1 / k) for i in range(k)])  # shares[i, j]: true i decided j
        true = fixed.copy()
        for j in np.flatnonzero(unknown):
            weights = prevalence * shares[:, j]
            true += rng.multinomial(unknown[j], weights / weights.sum())
        prevalence = rng.dirichlet(true + 1)
        if step >= BURN_IN:
            draws[step - BURN_IN] = true
    return draws


def type_intervals(counts: np.ndarray, observed: np.ndarray, known: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The true counts of the decided records: mean and interval (LEVEL) of the draws."""
    draws = true_count_draws(counts, observed, known)
    tail = (1 - LEVEL) / 2
    return {
        "estimate": draws.mean(axis=0),
        "low": np.quantile(draws, tail, axis=0, method="lower"),
        "high": np.quantile(draws, 1 - tail, axis=0, method="higher"),
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


def type_entries(
    numbers: dict, records, scores, codebook, coded: pd.DataFrame | None = None, confusion: pd.DataFrame | None = None
) -> dict:
    """uncertainty.type.<t>: each type count's interval from the codebook's measured
    classification error (this edition's own blind coding when there is one, else the newest
    frozen test set; records whose true type the edition's self-test holds, `confusion`, are
    counted as their true type); claims.types.largest: the two largest types ordered only when
    their intervals do not overlap."""
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
    known = self_test_counts(confusion, "breach_type", classes)
    checked = int(known.sum())
    all_checked = checked > 0 and checked >= sum(observed)
    bounds = type_intervals(counts, np.array(observed, dtype=float), known)
    entries, categories = {}, []
    for i, t in enumerate(classes):
        given = numbers[f"breaches.type.{t}"]["value"] - observed[i]  # counts-only answers: the forces' own types
        low, high = max(bounds["low"][i] + given, 0.0), bounds["high"][i] + given
        words = f"exactly {low:,.0f} (every record checked)" if all_checked else f"{low:,.0f}–{high:,.0f}"
        entries[f"uncertainty.type.{t}"] = (
            [low, high],
            words,
            f"95% interval of the number of breaches that are truly {codebook.plain_label('breach_type', t)}, "
            f"allowing for the codebook's classification error as measured on {measured_on}: each decided "
            "record's true type drawn from the measured error and the edition's mix of types, the error rates "
            "themselves drawn from the texts they were measured on (Bayesian, 4,000 draws)"
            + (", records whose true type this edition's self-test holds counted as that type" if checked else "")
            + ". Counts-only answers are added as the forces gave them.",
            f"the confusion counts of {source} and the records' breach types (records.csv)"
            + (" and the self-test's true labels (tables/confusion.csv)" if checked else ""),
        )
        categories.append(
            {
                "label": codebook.plain_label("breach_type", t),
                "count": numbers[f"breaches.type.{t}"]["value"],
                "low": low,
                "high": high,
                "checked": all_checked,
            }
        )
    entries["uncertainty.type.method"] = (
        "self_test" if all_checked else split,
        (
            "this edition's self-test, which holds every record's true type (its generator's labels)"
            if all_checked
            else f"the codebook's error as measured on {measured_on}"
            + (
                f", with the {checked:,} records whose true type this edition's self-test holds counted as that type"
                if checked
                else ""
            )
        ),
        "What the ranges allowing for classification error rest on.",
        f"{source}" + (" and tables/confusion.csv" if checked else ""),
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
