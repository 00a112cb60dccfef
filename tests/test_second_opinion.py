"""The second opinion raises doubts and never decides: it is deterministic, trained on the
corpus's dev rows only, and a record it doubts keeps the codebook's label."""

import pandas as pd

from policebreaches.second_opinion import train

from conftest import REPO, read

CORPUS = pd.read_csv(REPO / "tests" / "corpus" / "incidents.csv", dtype=str, keep_default_na=False)


def test_training_is_deterministic_and_uses_dev_rows_only():
    texts = ["Looked up her neighbour on PNC", "Told a journalist about a live case", "Lost a warrant card"]
    poisoned = CORPUS.copy()
    poisoned.loc[poisoned["split"] == "test", "breach_type"] = "other"  # test labels must not matter
    opinions = train(CORPUS, 0.7).opinions(texts, ["", "", ""])
    assert train(poisoned, 0.7).opinions(texts, ["", "", ""]) == opinions  # and two trainings agree
    assert [label for label, _ in opinions] == ["unauthorised_access", "third_party_disclosure", "other"]


def test_a_doubt_needs_disagreement_and_confidence():
    opinion = train(CORPUS, 0.7)
    assert opinion.doubt("other", ("other", 0.99)) == ""
    assert opinion.doubt("other", ("unauthorised_access", 0.69)) == ""
    assert opinion.doubt("other", ("unauthorised_access", 0.91)) == "second opinion: unauthorised_access (0.91)"
    assert opinion.doubt("", ("other", 0.8)) == "second opinion: other (0.80)"


def test_doubted_records_keep_the_codebook_label_and_are_queued_for_review(built):
    records, review = read(built / "records.csv"), read(built / "review.csv")
    doubted = records[records["doubt"] != ""]
    # Since the third dev batch joined the training (codebook v5), the model agrees with the
    # codebook on every sample record at the build's threshold (0.8): the sample may raise no
    # doubt. Any doubt it raises must be queued and must leave the codebook's label.
    assert set(doubted["record_id"]) <= set(review["record_id"])
    assert (doubted["breach_type"] != doubted["second_opinion"]).all()  # the codebook's label stands
    assert doubted["breach_type_rule"].str.startswith("BT-").all()
    # the mechanism itself, on the sample's records given a wrong codebook label on purpose
    # (since dev batches 4 and 5 joined the training the model no longer doubts any right one,
    # even at 0.6): it doubts them at the build's threshold, and the label it doubts stands
    from policebreaches.stages.classify import with_second_opinion

    corpus = pd.concat([read(p) for p in sorted((REPO / "tests" / "corpus").glob("incidents*.csv"))])
    wrong = {"unauthorised_access": "other", "third_party_disclosure": "other", "other": "unauthorised_access"}
    mislabelled = records.assign(breach_type=records["breach_type"].map(wrong))
    checked = with_second_opinion(mislabelled, train(corpus, 0.8))
    doubted = checked[checked["doubt"] != ""]
    assert len(doubted) > len(records) / 4
    assert (doubted["breach_type"] == mislabelled.loc[doubted.index, "breach_type"]).all()
    assert (doubted["breach_type"] != doubted["second_opinion"]).all()


def test_a_manual_coding_settles_a_doubt():
    from policebreaches.stages.classify import with_second_opinion

    records = pd.DataFrame(
        {
            "description_raw": ["Told her brother about the case", "Told her brother about the case"],
            "category_raw": ["", ""],
            "breach_type": ["other", "other"],
            "breach_type_rule": ["BT-O02", "MANUAL:coder1"],
        }
    )
    opinion = train(CORPUS, 0.5)
    doubts = with_second_opinion(records, opinion)["doubt"].tolist()
    assert doubts[0].startswith("second opinion: third_party_disclosure") and doubts[1] == ""
