"""Rule train_second_opinion: the statistical second opinion, trained once on the dev rows
of the wording corpus (tests/corpus/incidents*.csv) with the codebook's learner, and reused
by classify_breaches and score_corpus until the corpus, the codebook or this code changes
(issue 27 item 5: each of them trained its own copy before)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..classify import load_codebook
from ..second_opinion import save, train
from .io import read_csv


def run(corpus: list[Path], codebook: Path, model_out: Path) -> None:
    book = load_codebook(codebook)
    opinion = train(
        pd.concat([read_csv(p) for p in corpus]), book.second_opinion_threshold, book.second_opinion_learner
    )
    save(opinion, model_out)
