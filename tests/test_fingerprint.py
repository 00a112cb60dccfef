"""Code changes rerun what they touch: each rule carries the fingerprint of its stage's
module and of every module of the package it imports (policebreaches/fingerprint.py)."""

import pytest

from policebreaches.fingerprint import closure, fingerprint

STAGES = [
    "stages.check_inputs",
    "stages.extract",
    "stages.clean",
    "stages.classify",
    "stages.score",
    "stages.score_corpus",
    "stages.statistics",
    "stages.figures",
    "stages.render",
    "stages.record_build",
    "audit",
]


def users(module: str) -> set[str]:
    return {stage for stage in STAGES if f"policebreaches.{module}" in closure(f"policebreaches.{stage}")}


@pytest.mark.parametrize(
    "module, stages",
    [
        ("readers", {"stages.extract"}),  # a reader's fix re-extracts, nothing else re-runs by code
        ("figures", {"stages.figures"}),
        ("render", {"stages.render"}),
        ("second_opinion", {"stages.classify", "stages.score_corpus"}),  # both apply the policy
        # statistics reads the newest test set's confusion matrix (misclassification.py) and the
        # blind coding's agreement (coding.py)
        ("corpus", {"stages.score_corpus", "stages.statistics"}),
        ("buildinfo", {"stages.record_build"}),
        ("problems", set(STAGES)),  # the command line imports it: every stage
    ],
)
def test_a_module_reaches_the_stages_that_import_it(module, stages):
    assert users(module) == stages


def test_fingerprints_differ_by_stage_and_are_stable():
    prints = {stage: fingerprint(f"policebreaches.{stage}") for stage in STAGES}
    assert len(set(prints.values())) == len(STAGES)
    assert prints == {stage: fingerprint(f"policebreaches.{stage}") for stage in STAGES}


def test_relative_imports_inside_functions_count():
    # stages.classify imports second_opinion at module level; classify.py imports problems inside a function
    assert "policebreaches.problems" in closure("policebreaches.classify")
