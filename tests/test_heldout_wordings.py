"""The codebook on FOI wordings written independently of the sample generator: the
measure of how it will do on editions it has never seen. Target: >= 95% right, and
anything not right flagged for review rather than put in a wrong class."""

from pathlib import Path

import pandas as pd
import pytest

from policebreaches.classify import classify_breach, classify_outcome

CASES = pd.read_csv(Path(__file__).parent / "data" / "heldout_wordings.csv", dtype=str, keep_default_na=False)


def _score(predicted: list[str], expected: list[str]) -> tuple[float, int]:
    right = sum(p == e for p, e in zip(predicted, expected))
    wrong = sum(p not in ("", e) for p, e in zip(predicted, expected))  # flagged ("") is not wrong
    return right / len(expected), wrong


def test_breach_type_on_held_out_wordings():
    predicted = [classify_breach(d, lbl)["breach_type"] for d, lbl in zip(CASES.description, CASES.label)]
    share, wrong = _score(predicted, list(CASES.breach_type))
    misses = [
        (d or lbl, p) for d, lbl, p, e in zip(CASES.description, CASES.label, predicted, CASES.breach_type) if p != e
    ]
    assert share >= 0.95 and wrong <= 1, misses


def test_outcome_on_held_out_wordings():
    predicted = [classify_outcome(o)["outcome_group"] for o in CASES.outcome]
    share, wrong = _score(predicted, list(CASES.outcome_group))
    misses = [(o, p) for o, p, e in zip(CASES.outcome, predicted, CASES.outcome_group) if p != e]
    assert share >= 0.95 and wrong == 0, misses


@pytest.mark.parametrize(
    "group, examples",
    [
        (group, spec.get("include", []))
        for field in ("breach_type", "outcome_group")
        for group, spec in __import__("policebreaches.classify", fromlist=["x"])
        .default_codebook()
        .groups[field]
        .items()
    ],
)
def test_codebook_include_examples_classify_as_documented(group, examples):
    for example in examples:
        got = (
            classify_breach(example, "")["breach_type"]
            if group in ("unauthorised_access", "third_party_disclosure", "other")
            else classify_outcome(example)["outcome_group"]
        )
        assert got == group, example
