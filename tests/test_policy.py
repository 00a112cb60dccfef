"""The decision policy (issue 26): each decision carries its evidence, and the codebook's
policy table withholds a weak decision the second opinion disputes, never sets a label. The
table is the one leave-one-writer-out cross-validation chose (docs/crossval/), and on the
frozen test sets it leaves fewer wrong decisions than the rules alone."""

import pandas as pd
import pytest

from policebreaches.classify import breach_evidence, default_codebook
from policebreaches.corpus import REVIEW, predictions
from policebreaches.policy import Policy, decide, from_codebook

from conftest import REPO, read

CORPUS = REPO / "tests" / "corpus"


def features(decided, basis="description", rivals="", negation="", opinion="other", confidence=0.0):
    return {
        "decided": decided,
        "basis": basis,
        "rivals": rivals,
        "negation": negation,
        "second_opinion": opinion,
        "confidence": confidence,
    }


def test_the_policy_withholds_only_disputed_decisions_and_never_sets_a_label():
    policy = Policy(any_=0.8, weak=0.6)
    assert decide(features(""), policy) == ("", "DP-01")
    assert decide(features("unauthorised_access", opinion="unauthorised_access", confidence=0.99), policy) == (
        "unauthorised_access",
        "DP-04",
    )
    # a disagreement the model is fairly sure of: withheld only where the evidence is weak
    assert decide(features("unauthorised_access", confidence=0.65), policy) == ("unauthorised_access", "DP-04")
    assert decide(features("unauthorised_access", basis="force_label", confidence=0.65), policy) == ("", "DP-02")
    assert decide(features("unauthorised_access", rivals="other", confidence=0.65), policy) == ("", "DP-02")
    assert decide(features("unauthorised_access", negation="NEG-05", confidence=0.65), policy) == ("", "DP-02")
    assert (
        decide(features("unauthorised_access", negation="NEG-05", confidence=0.55), policy)[0] == "unauthorised_access"
    )
    # one it is very sure of: withheld whatever the evidence
    assert decide(features("unauthorised_access", confidence=0.85), policy) == ("", "DP-03")
    # but never a category the model was not trained on (a new codebook group)
    unknown = features("theft", confidence=0.99) | {"model_labels": ("unauthorised_access", "other")}
    assert decide(unknown, policy) == ("theft", "DP-04")


def test_each_decision_records_how_it_was_reached():
    book = default_codebook()
    silent = breach_evidence("", "Unauthorised Access to Police Systems", book)
    assert (silent["breach_type"], silent["basis"]) == ("unauthorised_access", "force_label")
    unstated = breach_evidence("DPA breach - circumstances not recorded", "", book)
    assert (unstated["breach_type"], unstated["basis"]) == ("other", "unstated")
    refuted = breach_evidence(  # a dev row (codebook examples, NEG-05)
        "Staff member accessed the log of her cousin's arrest; "
        "allegation that details were passed on NOT substantiated",
        "",
        book,
    )
    assert (refuted["breach_type"], refuted["negation"]) == ("unauthorised_access", "NEG-05")
    both = breach_evidence("Viewed a crime report about a neighbour and lost the printout on a bus", "", book)
    assert both["rivals"] and both["breach_type"] not in both["rivals"].split(";")


def test_the_codebook_table_is_the_one_cross_validation_chose():
    book = default_codebook()
    summary = read(REPO / "docs" / "crossval" / "summary.csv")
    learner = {"svm": "tfidf_svm_calibrated", "logistic": "tfidf_logistic"}[book.second_opinion_learner]
    chosen = summary[(summary["model"] == learner) & (summary["rules"] == "blind")]["chosen_on_all_dev"].item()
    assert from_codebook(book.decision_policy).name == chosen


def frozen(split: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return read(CORPUS / f"{split}_incidents.csv"), read(CORPUS / f"{split}_outcomes.csv")


# (breach types decided wrong, sent to review) of 300 (311 in set 5) with the policy, as measured with codebook v8
# (docs/classification_accuracy.md; the rules alone: 7/15, 7/4, 8/15): a ceiling on wrong, and
# one on review, so that the policy cannot hide errors by sending more to review
POLICY_CEILINGS = {"test2": (3, 23), "test3": (1, 11), "test4": (1, 28), "test5": (8, 20)}  # set 5 of 311: 16/9 alone


@pytest.mark.parametrize("split", sorted(POLICY_CEILINGS))
def test_the_policy_leaves_fewer_wrong_decisions_than_the_rules_alone(split, second_opinion):
    incidents, outcomes = frozen(split)
    book = default_codebook()
    shares = {}
    for name, opinion in (("rules", None), ("policy", second_opinion)):
        true, decided = predictions(incidents, outcomes, book, opinion)["breach_type"]
        shares[name] = (sum(t != d and d != REVIEW for t, d in zip(true, decided)), decided.count(REVIEW))
    wrong_ceiling, review_ceiling = POLICY_CEILINGS[split]
    assert shares["policy"][0] < shares["rules"][0]
    assert shares["policy"][0] <= wrong_ceiling and shares["policy"][1] <= review_ceiling
