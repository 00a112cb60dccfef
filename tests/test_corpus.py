"""The codebook on the labelled corpus of real FOI wording (tests/corpus/): the corpus is
what its README says, its test split stays as frozen in git before any rule was written,
and the scores are the ones the rules earn (targets: breach type >= 95% right, <= 5% to
review, <= 1% wrong; outcome >= 98% right, <= 1% wrong; PNC >= 99% right)."""

import hashlib
import json

import pandas as pd
import pytest

from policebreaches.classify import default_codebook
from policebreaches.corpus import field_measures, frozen_test_splits, predictions, score_corpus, wilson

from conftest import REPO

CORPUS = REPO / "tests" / "corpus"
# sha256 of each file's test rows as committed in 15a91ce, before any rule was tuned
FROZEN_TEST = {
    "incidents": "bcbd6fde1338e280f07949b82706bff1adc4b3b70910a99d0f4622d47ec6bb34",
    "outcomes": "37cdd398dcc50a07899b74ac4b8863de64c4e9bcb15c86b7c60987ffdfe6316e",
}


# the second frozen test set: written in session 5 by a writer who saw only the groups'
# definitions (no rules, no corpus); scored once each on codebooks v3, v4 and v5, never read
FROZEN_TEST2 = {
    "incidents": "091c1c068cbb92d3a3ba5ed0d13b0da9a5e22461a30a1d925db74b3bd61317e9",
    "outcomes": "a2cc0697554a376f048c616820968c7b236844728d2f70b3f627c771f2909bfa",
}
# Third frozen set (session 6), frozen before codebook v6 was written and never read by its
# writer: scored once, at the end of the round (docs/classification_accuracy.md).
FROZEN_TEST3 = {
    "incidents": "00a2b00360ff457aa513e772d961fd6aa96188547b363994d748dae62aeb06fc",
    "outcomes": "4b1c875a8b0a83dbf06ce6597e716fceae43576ee7c6e21a277a9fb377343d8e",
}
# Fourth frozen set (session 6), frozen before codebook v7 was written, never read by its writer
FROZEN_TEST4 = {
    "incidents": "ba98faa8b4ce29272b0dbb40e1a0d381ff5aa3a1a2518bba0b93ab727c9f810b",
    "outcomes": "d3d14d3d2a2bdcd8c4e7728a1a7e50445f3c65f90425b64bbeefd82c310c5b94",
}
# Fifth frozen set (session 7, issue 26), written from the groups' definitions only and frozen
# before any rule or decision policy of issue 26 changed; scored once, at the end of that round
FROZEN_TEST5 = {
    "incidents": "b2662a515b788f23f8093fbf7d952efc9e3108493b8fa1fb34b842b12757acde",
    "outcomes": "6e91538f00d636e55b65ebc97163fcd6b08d3c64bab9616b4d7b091e9dadb7bb",
}
FROZEN = {"test2": FROZEN_TEST2, "test3": FROZEN_TEST3, "test4": FROZEN_TEST4, "test5": FROZEN_TEST5}


def load(name: str) -> pd.DataFrame:
    """A corpus file; incidents and outcomes include the second dev batch (incidents_dev2.csv ...)."""
    if name in FROZEN_TEST:
        extra = sorted(CORPUS.glob(f"{name}_dev*.csv"))
        return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in [CORPUS / f"{name}.csv", *extra]])
    return pd.read_csv(CORPUS / f"{name}.csv", dtype=str, keep_default_na=False)


def load_file(name: str) -> pd.DataFrame:
    return pd.read_csv(CORPUS / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    table = score_corpus(load("incidents"), load("outcomes"), default_codebook())
    return table[table["category"] == "all"].set_index(["split", "field", "measure"])["value"]


@pytest.mark.parametrize("name", sorted(FROZEN_TEST))
def test_the_test_split_is_unchanged_since_it_was_frozen(name):
    rows = load_file(name)
    digest = hashlib.sha256(rows[rows["split"] == "test"].to_csv(index=False).encode()).hexdigest()
    assert digest == FROZEN_TEST[name]


def test_corpus_size_labels_and_independence_from_the_sample():
    incidents, outcomes, codebook = load("incidents"), load("outcomes"), default_codebook()
    assert len(incidents) >= 400 and len(outcomes) >= 200
    assert set(incidents["breach_type"]) == set(codebook.categories("breach_type"))
    assert set(outcomes["outcome_group"]) == set(codebook.categories("outcome_group"))
    assert set(incidents["split"]) == set(outcomes["split"]) == {"dev", "test"}
    sample = pd.read_csv(REPO / "tests" / "truth" / "2016" / "incidents.csv", dtype=str, keep_default_na=False)
    heldout = pd.read_csv(REPO / "tests" / "data" / "heldout_wordings.csv", dtype=str, keep_default_na=False)
    later = [load_file(f"{split}_incidents") for split in FROZEN]  # the later test sets too
    # a stock label of three words or fewer ("DPA breach - no details") is not a sentence: real
    # answers and the sample share some; every longer description is the corpus's own
    written = {d.strip().lower() for d in pd.concat([incidents, *later])["description"] if len(d.split()) > 3}
    assert not written & {d.strip().lower() for d in [*sample["description"], *heldout["description"]]}


def test_wilson_interval_matches_known_values():
    assert [round(x, 4) for x in wilson(5, 10)] == [0.2366, 0.7634]
    assert [round(x, 4) for x in wilson(0, 10)] == [0.0, 0.2775]


def test_rules_meet_the_targets_on_the_dev_split_they_were_written_on(scores):
    assert scores["dev", "breach_type", "right"] >= 0.95 and scores["dev", "breach_type", "wrong"] <= 0.01
    assert scores["dev", "outcome_group", "right"] >= 0.98 and scores["dev", "outcome_group", "wrong"] <= 0.01
    assert scores["dev", "pnc", "right"] >= 0.99


def test_unseen_wording_does_not_fall_below_the_last_measurement(scores):
    """A floor, not the target: the frozen test split as measured when these rules were
    committed (docs/classification_accuracy.md). A rule change that loses ground fails."""
    assert scores["test", "breach_type", "right"] >= 0.92 and scores["test", "breach_type", "wrong"] <= 0.055
    assert scores["test", "outcome_group", "right"] >= 0.97 and scores["test", "outcome_group", "wrong"] <= 0.01
    assert scores["test", "pnc", "right"] >= 0.99


def later_set_scores(split: str) -> dict:
    """Overall right / review / wrong of the default codebook on a later frozen test set."""
    incidents, outcomes = (load_file(f"{split}_{name}") for name in FROZEN[split])
    book = default_codebook()
    classes = {f: book.categories(f) for f in ("breach_type", "outcome_group")} | {"pnc": ["true", "false"]}
    return {
        (field, measure): value
        for field, (true, predicted) in predictions(incidents, outcomes, book).items()
        for category, measure, value in field_measures(true, predicted, classes[field])
        if category == "all"
    }


@pytest.mark.xfail(strict=True, reason="targets not met on unseen wording yet: see docs/classification_accuracy.md")
def test_unseen_wording_meets_the_targets():
    """The newest frozen set, written before the current codebook (v8's rules alone on test set
    5: breach type 92.0% right, 2.9% to review, 5.1% wrong; outcomes 93.4% right, 2.6% wrong;
    PNC 99.7%: the review and PNC targets are met, the others not; with the decision policy,
    tests/test_policy.py, 91.0 / 6.4 / 2.6)."""
    found = later_set_scores("test5")
    assert found["breach_type", "right"] >= 0.95
    assert found["breach_type", "review"] <= 0.05 and found["breach_type", "wrong"] <= 0.01
    assert found["outcome_group", "right"] >= 0.98 and found["outcome_group", "wrong"] <= 0.01
    assert found["pnc", "right"] >= 0.99


@pytest.mark.parametrize(("split", "name"), [(split, name) for split in FROZEN for name in sorted(FROZEN[split])])
def test_the_later_test_sets_are_unchanged_since_they_were_frozen(split, name):
    digest = hashlib.sha256((CORPUS / f"{split}_{name}.csv").read_bytes()).hexdigest()
    assert digest == FROZEN[split][name]


# (breach type right, breach type wrong, outcome right, outcome wrong, PNC right) as measured
# with codebook v7 (docs/classification_accuracy.md): floors, so a rule change that loses ground fails
LATER_SET_FLOORS = {
    "test2": (0.926, 0.024, 0.96, 0.02, 0.996),
    "test3": (0.963, 0.024, 0.98, 0.007, 0.993),
    "test4": (0.923, 0.027, 0.966, 0.007, 0.996),
    "test5": (0.919, 0.052, 0.933, 0.027, 0.996),  # v8's rules (= v7's), scored once (issue 26)
}


@pytest.mark.parametrize("split", sorted(LATER_SET_FLOORS))
def test_the_later_test_sets_do_not_fall_below_their_last_measurement(split):
    type_right, type_wrong, outcome_right, outcome_wrong, pnc_right = LATER_SET_FLOORS[split]
    found = later_set_scores(split)
    assert found["breach_type", "right"] >= type_right and found["breach_type", "wrong"] <= type_wrong
    assert found["outcome_group", "right"] >= outcome_right and found["outcome_group", "wrong"] <= outcome_wrong
    assert found["pnc", "right"] >= pnc_right


def test_test_sets_are_ordered_by_number_not_by_spelling():
    splits = pd.DataFrame({"split": ["dev", "test10", "test2", "test", "test9", "testing"]})
    assert frozen_test_splits(splits) == ["test", "test2", "test9", "test10"]


def test_the_build_scores_every_frozen_test_set_and_prints_the_newest(built):
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    later = sorted(FROZEN, key=lambda split: int(split[4:]))
    assert [numbers[f"corpus.{s}.breach_type.n"]["value"] for s in ["test", *later]] == [
        len(load_file("incidents").query("split == 'test'")),
        *[len(load_file(f"{split}_incidents")) for split in later],
    ]
    assert numbers["corpus.test_sets"]["value"] == 1 + len(later)
    html = (built / "report.html").read_text(encoding="utf-8")
    headline = html.split("Codebook on unseen wording (newest frozen test set)")[1].split("</table>")[0]
    newest = f"corpus.{later[-1]}"
    assert numbers[f"{newest}.breach_type.kappa"]["display"] in headline
    assert numbers[f"{newest}.outcome_group.review_ci_high"]["display"] in headline
    every = html.split("Every frozen test set")[1].split("</table>")[0]
    assert [row.count("<td") for row in every.split("<tr>")[2:]] == [6] * (1 + len(later))
