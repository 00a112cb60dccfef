"""Rule score_corpus: the codebook on the labelled corpus of real FOI wording
(tests/corpus/): its dev and test splits, and the later frozen test sets, each written by
another writer (test2_*.csv, test3_*.csv); the report prints the test sets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..classify import load_codebook
from ..corpus import score_corpus
from ..second_opinion import load
from .io import read_csv, write_csv


def run(
    incidents: Path,
    outcomes: Path,
    codebook: Path,
    scores_out: Path,
    test_sets: list[Path] = (),
    model: Path | None = None,
) -> None:
    """`test_sets`: the later sets' CSVs; a file of outcomes has an `outcome` column.
    `model`: the build's second opinion (rule train_second_opinion), so that the test sets
    are scored with the decision policy as a build applies it (none: the rules alone)."""
    later = [read_csv(path) for path in test_sets]
    all_incidents = pd.concat([read_csv(incidents), *[t for t in later if "outcome" not in t]])
    all_outcomes = pd.concat([read_csv(outcomes), *[t for t in later if "outcome" in t]])
    book = load_codebook(codebook)
    opinion = load(model) if model else None
    write_csv(score_corpus(all_incidents, all_outcomes, book, opinion), scores_out)
