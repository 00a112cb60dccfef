"""Rule score_classification: accuracy of the labels against true labels, where an
edition has them (the synthetic sample does); never feeds classification."""

from __future__ import annotations

from pathlib import Path

from ..classify import load_codebook
from ..evaluation import RECORD_COLUMNS, score
from .io import read_csv, write_csv


def run(records: Path, truth: Path | None, codebook: Path, accuracy_out: Path, confusion_out: Path) -> None:
    accuracy, confusion = score(
        read_csv(records, RECORD_COLUMNS), read_csv(truth) if truth else None, load_codebook(codebook)
    )
    write_csv(accuracy, accuracy_out)
    write_csv(confusion, confusion_out)
