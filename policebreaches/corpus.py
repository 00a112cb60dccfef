"""The codebook scored on the labelled corpus of real FOI wording (tests/corpus/): how
many descriptions it decides right, sends to review, or decides wrong, with the review
share's confidence interval, per-class precision and recall, and Cohen's kappa. The rules
were written on the dev rows; the report prints every frozen test set ('test', the split of
the first files, then 'test2', 'test3' ...: later sets by other writers)."""

from __future__ import annotations

import math
import re

import pandas as pd

from .classify import Codebook, breach_evidence, classify_outcome
from .policy import decide, from_codebook
from .scoring import kappa, per_class

REVIEW = "(needs review)"
COLUMNS = ["split", "field", "category", "measure", "value"]
CONFUSED_AS = ">"  # category of a confusion-matrix cell: "<true class>><decision>"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of the share k/n (sound at 0 and at small n)."""
    if not n:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def breach_decisions(incidents: pd.DataFrame, codebook: Codebook, opinion=None) -> tuple[list[str], list[dict]]:
    """(published breach type per text, REVIEW where withheld or undecided; the rules' evidence).
    With a second opinion, the codebook's decision policy applies as in a build."""
    texts = list(zip(incidents["description"], incidents["force_category"]))
    evidence = [breach_evidence(d, c, codebook) for d, c in texts]
    if opinion is None:
        return [e["breach_type"] or REVIEW for e in evidence], evidence
    policy = from_codebook(codebook.decision_policy)
    found = opinion.opinions([d for d, _ in texts], [c for _, c in texts])
    known = {"model_labels": opinion.labels}
    decided = []
    for e, (label, confidence) in zip(evidence, found):
        features = {**e, **known, "decided": e["breach_type"], "second_opinion": label, "confidence": confidence}
        decided.append(decide(features, policy)[0])
    return [d or REVIEW for d in decided], evidence


def predictions(
    incidents: pd.DataFrame, outcomes: pd.DataFrame, codebook: Codebook, opinion=None
) -> dict[str, tuple[list, list]]:
    """field -> (true labels, decisions; REVIEW where no rule decided or the decision policy
    withheld the label: the policy applies when a second opinion is given)."""
    decided, breach = breach_decisions(incidents, codebook, opinion)
    return {
        "breach_type": (list(incidents["breach_type"]), decided),
        "pnc": (list(incidents["pnc"].str.lower()), [str(b["pnc"]).lower() for b in breach]),
        "outcome_group": (
            list(outcomes["outcome_group"]),
            [classify_outcome(o, codebook=codebook)["outcome_group"] or REVIEW for o in outcomes["outcome"]],
        ),
    }


def field_measures(true: list[str], predicted: list[str], classes: list[str]) -> list[tuple[str, str, float]]:
    """(class, measure, value): n, right, review, wrong shares, review CI, kappa, per-class P/R."""
    n = len(true)
    right = sum(t == p for t, p in zip(true, predicted))
    review = predicted.count(REVIEW)
    wrong = n - right - review
    rows = [("all", "n", n), ("all", "right", right / n), ("all", "review", review / n), ("all", "wrong", wrong / n)]
    for share, k in (("review", review), ("right", right), ("wrong", wrong)):  # Wilson, as the report prints them
        low, high = wilson(k, n)
        rows += [("all", f"{share}_ci_low", low), ("all", f"{share}_ci_high", high)]
    rows.append(("all", "kappa", kappa(true, predicted)))
    for c, precision, recall, support in per_class(true, predicted, classes):
        rows += [(c, "support", support), (c, "precision", precision), (c, "recall", recall)]
    # the confusion matrix, as counts (true class, decision): classification error of counts
    rows += [
        (f"{t}{CONFUSED_AS}{p}", "count", sum(a == t and b == p for a, b in zip(true, predicted)))
        for t in classes
        for p in [*classes, REVIEW]
    ]
    return rows


def frozen_set_number(split: str) -> int:
    """1 for the first corpus files' 'test' split, n for the later set 'test<n>'."""
    return int(split[4:] or 1)


def frozen_test_splits(incidents: pd.DataFrame) -> list[str]:
    """The frozen test splits, oldest first: 'test', 'test2', 'test3' ... ('test10' after 'test9')."""
    return sorted({s for s in incidents["split"] if re.fullmatch(r"test\d*", s)}, key=frozen_set_number)


def score_corpus(incidents: pd.DataFrame, outcomes: pd.DataFrame, codebook: Codebook, opinion=None) -> pd.DataFrame:
    """One row per (split, field, category, measure): dev, test, then any later frozen
    test sets (test2, test3 ...) in order."""
    classes = {f: codebook.categories(f) for f in ("breach_type", "outcome_group")} | {"pnc": ["true", "false"]}
    tests = frozen_test_splits(incidents)
    rows = [(split, "set", "all", "number", frozen_set_number(split)) for split in tests]  # the report orders by it
    for split in ("dev", *tests):
        chosen = predictions(
            incidents[incidents["split"] == split], outcomes[outcomes["split"] == split], codebook, opinion
        )
        for field, (true, predicted) in chosen.items():
            rows += [(split, field, c, m, v) for c, m, v in field_measures(true, predicted, classes[field])]
    return pd.DataFrame(rows, columns=COLUMNS)
