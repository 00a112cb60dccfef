"""Leave-one-writer-out cross-validation (policebreaches/crossval.py): the blind codebooks
are the versions of git history that had not seen a writer, and the policy chosen is the one
with the fewest wrong decisions within the cap on what it withholds."""

import subprocess

import pandas as pd
import pytest

from policebreaches.corpus import REVIEW
from policebreaches.crossval import BLIND_CODEBOOK, REVIEW_CAP, choose, evidence_table, rates
from policebreaches.policy import Policy

from conftest import REPO


def has_commit(commit: str) -> bool:
    done = subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=REPO, capture_output=True)
    return done.returncode == 0


@pytest.mark.skipif(not has_commit(BLIND_CODEBOOK["dev5"][1]), reason="a shallow clone: no codebook history")
def test_the_blind_codebook_scores_its_writer_as_measured_before_its_rules_were_written():
    # v6 on dev batch 5, measured in session 6 before v7 was written from it (docs: 86.8 / 7.8 / 5.5)
    rows = pd.read_csv(REPO / "tests" / "corpus" / "incidents_dev5.csv", dtype=str, keep_default_na=False)
    table = evidence_table(rows.assign(writer="dev5"), REPO)
    found = rates(list(table["breach_type"]), [d or REVIEW for d in table["blind_breach_type"]])
    assert [round(found[m] * 400) for m in ("right", "review", "wrong")] == [347, 31, 22]  # of 400
    assert (table["current_breach_type"] == table["breach_type"]).mean() > found["right"]  # v7 was written from it


def frame(rows: list[tuple]) -> pd.DataFrame:
    """(true, the rules' label, basis, model label, confidence) per row."""
    return pd.DataFrame(
        [
            {
                "breach_type": t,
                "blind_breach_type": d,
                "blind_basis": b,
                "blind_rivals": "",
                "blind_negation": "",
                "second_opinion": o,
                "second_opinion_confidence": c,
            }
            for t, d, b, o, c in rows
        ]
    )


def test_the_chosen_policy_makes_the_fewest_wrong_decisions_within_the_cap():
    right = [("other", "other", "description", "other", 0.9)] * 80
    # two wrong labels on weak evidence that the model disputes at 0.65, one right label it disputes at 0.85
    weak_wrong = [("other", "unauthorised_access", "force_label", "other", 0.65)] * 2
    sure_right = [("other", "other", "description", "unauthorised_access", 0.85)]
    table = frame(right + weak_wrong + sure_right)
    grid = [Policy(), Policy(any_=0.8, weak=0.8), Policy(any_=1.01, weak=0.6), Policy(any_=0.6, weak=0.6)]
    assert choose(table, grid, "blind") == Policy(any_=1.01, weak=0.6)  # both wrong withheld, the right one kept
    assert 2 / len(table) <= REVIEW_CAP
