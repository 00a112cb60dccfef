"""Apply the codebook (resources/codebook.yaml) to records and to counts-only labels.

Every decision keeps the id of the rule that made it and the text it matched, so a
reviewer can check any record rule by rule. Nothing undecided is defaulted: it is
flagged needs_review."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

OUTCOME_SEVERITY = ["conviction_or_caution", "resignation_or_dismissal", "written_or_verbal_warning",
                    "no_formal_action", "other_or_unknown"]
BREACH_TYPES = ["unauthorised_access", "third_party_disclosure", "other"]
SEVERE_IN_DESCRIPTION = {"conviction_or_caution", "resignation_or_dismissal", "written_or_verbal_warning"}


@dataclass(frozen=True)
class Rule:
    id: str
    value: object
    pattern: re.Pattern
    source: str = "outcome"  # description, category, either, outcome


@dataclass(frozen=True)
class Codebook:
    version: int
    groups: dict
    neutralise: tuple[re.Pattern, ...]
    breach_type: tuple[Rule, ...]
    pnc: tuple[Rule, ...]
    outcome_group: tuple[Rule, ...]


def _rules(entries: list[dict]) -> tuple[Rule, ...]:
    return tuple(Rule(e["id"], e["value"], re.compile(e["pattern"], re.I), e.get("source", "outcome"))
                 for e in entries)


def load_codebook(path: Path | None = None) -> Codebook:
    text = (path.read_text(encoding="utf-8") if path else
            resources.files("policebreaches.resources").joinpath("codebook.yaml").read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    return Codebook(version=data["version"], groups=data["groups"],
                    neutralise=tuple(re.compile(n["pattern"], re.I) for n in data["neutralise"]),
                    breach_type=_rules(data["rules"]["breach_type"]), pnc=_rules(data["rules"]["pnc"]),
                    outcome_group=_rules(data["rules"]["outcome_group"]))


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    return load_codebook()


def normalise_text(text: str) -> str:
    """Lower case; curly quotes straight; dashes and white space folded."""
    text = (text or "").lower()
    text = re.sub(r"[\u2018\u2019\u201a\u201b']", "", text)
    text = re.sub(r"[\u201c\u201d\u201e\"]", "", text)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .")


def _neutralised(text: str, codebook: Codebook) -> str:
    for pattern in codebook.neutralise:
        text = pattern.sub(" ~ ", text)
    return text


def _first(rules, texts: dict[str, str]):
    """(rule, matched text) of the first rule whose source text matches."""
    for rule in rules:
        sources = ["description", "category"] if rule.source == "either" else [rule.source]
        for source in sources:
            text = texts.get(source, "")
            if rule.pattern.pattern.startswith("^") and source == "description" and rule.source == "either":
                # 'unspecified' rules read the description and label together: both must be empty or generic
                if all(rule.pattern.search(texts.get(s, "")) for s in ("description", "category")):
                    return rule, texts.get("description") or texts.get("category") or "(blank)"
                break
            match = rule.pattern.search(text)
            if match:
                return rule, match.group(0) or "(blank)"
    return None, ""


def classify_breach(description: str, category: str, codebook: Codebook | None = None) -> dict:
    codebook = codebook or default_codebook()
    texts = {"description": _neutralised(normalise_text(description), codebook),
             "category": normalise_text(category)}
    rule, matched = _first(codebook.breach_type, texts)
    pnc_rule, pnc_matched = _first(codebook.pnc, {"description": texts["description"], "category": texts["category"]})
    return {"breach_type": rule.value if rule else "", "breach_type_rule": rule.id if rule else "",
            "breach_type_match": matched,
            "pnc": bool(pnc_rule), "pnc_rule": pnc_rule.id if pnc_rule else "", "pnc_match": pnc_matched}


def classify_outcome(outcome: str, description: str = "", codebook: Codebook | None = None) -> dict:
    """Most severe group whose rule matches the outcome text; a blank outcome may be
    decided by a severe outcome stated in the description ('... and was dismissed')."""
    codebook = codebook or default_codebook()
    text = _neutralised(normalise_text(outcome), codebook)
    source = "outcome"
    if not text:
        described = _neutralised(normalise_text(description), codebook)
        hits = _matches(codebook, described)
        hits = [h for h in hits if h[0].value in SEVERE_IN_DESCRIPTION]
        if hits:
            text, source = described, "description"
    hits = _matches(codebook, text)
    if not hits:
        return {"outcome_group": "", "outcome_rule": "", "outcome_match": ""}
    rule, matched = min(hits, key=lambda h: OUTCOME_SEVERITY.index(h[0].value))
    return {"outcome_group": rule.value, "outcome_rule": rule.id + ("@description" if source == "description" else ""),
            "outcome_match": matched or "(blank)"}


def _matches(codebook: Codebook, text: str) -> list[tuple[Rule, str]]:
    found = []
    for rule in codebook.outcome_group:
        match = rule.pattern.search(text)
        if match:
            found.append((rule, match.group(0)))
    return found


def classify_label(label: str, codebook: Codebook | None = None) -> tuple[str, str, str]:
    """(dimension, category, rule id) for a counts-only margin label such as
    'Unauthorised access = 12' or 'Dismissed - 3'; ('', '', '') when undecided."""
    codebook = codebook or default_codebook()
    text = normalise_text(label)
    if re.match(r"^(grand )?totals?\b", text):
        return "total", "total", "AGG-TOTAL"
    if re.search(r"(currently|still) (being |under )?investigat|under investigation", text):
        return "stock", "pending_stock", "AGG-STOCK"  # people under investigation now: not an outcome
    outcome = classify_outcome(text, codebook=codebook)
    if outcome["outcome_group"] and outcome["outcome_rule"] != "OC-05" or re.search(r"ongoing|pending|outstanding", text):
        return "outcome_group", outcome["outcome_group"] or "other_or_unknown", outcome["outcome_rule"] or "OC-05"
    if re.fullmatch(r"(misuse of )?(the )?(pnc|police national computer)( misuse| checks?)?", text):
        return "pnc", "true", "PNC-01"
    breach = classify_breach(text, text, codebook)
    if breach["breach_type"] and breach["breach_type_rule"] != "BT-U01":
        return "breach_type", breach["breach_type"], breach["breach_type_rule"]
    return "", "", ""
