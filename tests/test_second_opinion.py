"""The second opinion raises doubts and never decides: it is deterministic, trained on the
corpus's dev rows only, and a record it doubts keeps the codebook's label."""

from dataclasses import replace

import pandas as pd

from policebreaches.classify import default_codebook
from policebreaches.second_opinion import train

from conftest import REPO, read

CORPUS = pd.read_csv(REPO / "tests" / "corpus" / "incidents.csv", dtype=str, keep_default_na=False)


def test_training_is_deterministic_and_uses_dev_rows_only(second_opinion):
    """A second training, on the session's corpus with every test label changed, agrees
    with the session's (conftest `second_opinion`) to the last digit."""
    texts = ["Looked up her neighbour on PNC", "Told a journalist about a live case", "Lost a warrant card"]
    corpus = pd.concat([read(p) for p in sorted((REPO / "tests" / "corpus").glob("incidents*.csv"))])
    poisoned = corpus.copy()
    poisoned.loc[poisoned["split"] != "dev", "breach_type"] = "other"  # test labels must not matter
    assert len(poisoned) > (poisoned["split"] == "dev").sum() > 0
    opinions = second_opinion.opinions(texts, ["", "", ""])
    learner = default_codebook().second_opinion_learner  # the session's, as the build trains it
    again = train(poisoned, second_opinion.threshold, learner).opinions(texts, ["", "", ""])
    assert again == opinions  # and two trainings agree
    assert [label for label, _ in opinions] == ["unauthorised_access", "third_party_disclosure", "other"]


def test_a_doubt_needs_disagreement_and_confidence(second_opinion):
    opinion = replace(second_opinion, threshold=0.7)  # doubt() weighs the label given, not the model
    assert opinion.doubt("other", ("other", 0.99)) == ""
    assert opinion.doubt("other", ("unauthorised_access", 0.69)) == ""
    assert opinion.doubt("other", ("unauthorised_access", 0.91)) == "second opinion: unauthorised_access (0.91)"
    assert opinion.doubt("", ("other", 0.8)) == "second opinion: other (0.80)"


def test_a_withheld_label_goes_to_review_and_the_codebook_label_is_kept_beside_it(built, second_opinion):
    records, review = read(built / "records.csv"), read(built / "review.csv")
    # the sample's labels: the model trained on five writers doubts none of them, so the
    # policy withholds none (the published figures stand); any it withheld would be queued
    withheld = records[records["doubt"] != ""]
    assert set(withheld["record_id"]) <= set(review["record_id"])
    assert (withheld["breach_type"] == "").all() and withheld["needs_review"].str.contains("breach_type").all()
    assert (records["codebook_breach_type"] == records["breach_type"]).sum() == len(records) - len(withheld)
    assert set(records["decision_policy"]) <= {"DP-01", "DP-02", "DP-03", "DP-04", "MANUAL"}
    # the mechanism itself, on the sample's records given a wrong codebook label on purpose:
    # the policy withholds the wrong labels the model disagrees with, and sets no label itself
    from policebreaches.classify import default_codebook
    from policebreaches.policy import from_codebook
    from policebreaches.stages.classify import with_second_opinion

    wrong = {"unauthorised_access": "other", "third_party_disclosure": "other", "other": "unauthorised_access"}
    mislabelled = records.assign(breach_type=records["codebook_breach_type"].map(wrong), needs_review="")
    policy = from_codebook(default_codebook().decision_policy)
    checked = with_second_opinion(mislabelled, second_opinion, policy)
    withheld = checked[checked["doubt"] != ""]
    assert len(withheld) > len(records) / 4
    assert (withheld["breach_type"] == "").all() and (withheld["needs_review"] == "breach_type").all()
    assert (withheld["codebook_breach_type"] == mislabelled.loc[withheld.index, "breach_type"]).all()
    kept = checked[checked["doubt"] == ""]
    assert (kept["breach_type"] == mislabelled.loc[kept.index, "breach_type"]).all()  # never a model label


def test_a_manual_coding_settles_a_doubt(second_opinion):
    from policebreaches.policy import Policy
    from policebreaches.stages.classify import with_second_opinion

    records = pd.DataFrame(
        {
            "description_raw": ["Told her brother about the case", "Told her brother about the case"],
            "category_raw": ["", ""],
            "breach_type": ["other", "other"],
            "breach_type_rule": ["BT-O02", "MANUAL:coder1"],
            "needs_review": ["", ""],
        }
    )
    checked = with_second_opinion(records, second_opinion, Policy(any_=0.5))
    assert checked["doubt"][0].startswith("second opinion: third_party_disclosure") and checked["doubt"][1] == ""
    assert checked["breach_type"].tolist() == ["", "other"]
    assert checked["decision_policy"].tolist() == ["DP-03", "MANUAL"]
