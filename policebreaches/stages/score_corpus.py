"""Rule score_corpus: the codebook on the labelled corpus of real FOI wording
(tests/corpus/), dev and frozen test splits; the report prints the test split."""

from __future__ import annotations

from pathlib import Path

from ..classify import load_codebook
from ..corpus import score_corpus
from .io import read_csv, write_csv


def run(incidents: Path, outcomes: Path, codebook: Path, out: Path) -> None:
    write_csv(score_corpus(read_csv(incidents), read_csv(outcomes), load_codebook(codebook)), out)
