"""The decision policy (issue 26): when the codebook's breach-type label is published and
when it is withheld for a person to review. A table in the codebook (`decision_policy`),
chosen by leave-one-writer-out cross-validation (policebreaches/crossval.py, `make
crossval`) to make the fewest wrong decisions with at most 5% sent to review.

The codebook decides every published label; the policy can only withhold one, when the
statistical second opinion disagrees with enough confidence: any disagreement at or above
`any`, or at or above `weak` where the rules' own evidence is weak (the force's label
decided because the description was silent or said nothing the rules know, the nature was
not stated, rules for two types fired, or a negation / "not proven" clause applied)."""

from __future__ import annotations

from dataclasses import dataclass

FEATURES = ("decided", "basis", "rivals", "negation", "second_opinion", "confidence")
NEVER = 1.01  # a confidence threshold no model reaches: that row never withholds


@dataclass(frozen=True)
class Policy:
    any_: float = NEVER  # withhold when the second opinion disagrees at least this sure
    weak: float = NEVER  # ... or at least this sure where the evidence is weak

    @property
    def name(self) -> str:
        return f"any>={self.any_:.2f}, weak>={self.weak:.2f}"


def weak_evidence(features: dict) -> list[str]:
    """Why the rules' decision rests on weak evidence ([] when it does not)."""
    reasons = []
    if features["basis"] == "force_label":
        reasons.append("the force's label decided")
    if features["basis"] == "unstated":
        reasons.append("nature not stated")
    if features["rivals"]:
        reasons.append(f"rules for {features['rivals'].replace(';', ', ')} fired too")
    if features["negation"]:
        reasons.append(f"negation {features['negation'].replace(';', ', ')} applied")
    return reasons


def decide(features: dict, policy: Policy) -> tuple[str, str]:
    """(the label to publish, '' when withheld; the policy row that applied). A model cannot
    dispute a category it was never trained on (features 'model_labels', when given)."""
    decided = features["decided"]
    if not decided:
        return "", "DP-01"
    if decided not in features.get("model_labels", (decided,)):
        return decided, "DP-04"
    disagrees = bool(features["second_opinion"]) and features["second_opinion"] != decided
    confidence = float(features["confidence"] or 0)
    if disagrees and confidence >= policy.weak and weak_evidence(features):
        return "", "DP-02"
    if disagrees and confidence >= policy.any_:
        return "", "DP-03"
    return decided, "DP-04"


def from_codebook(rows: list[dict]) -> Policy:
    """The Policy of the codebook's `decision_policy` table (rows DP-02 and DP-03 carry the
    confidence each needs; a table without them never withholds a decided label)."""
    threshold = {row["id"]: float(row["confidence_at_least"]) for row in rows if "confidence_at_least" in row}
    return Policy(any_=threshold.get("DP-03", NEVER), weak=threshold.get("DP-02", NEVER))
