"""Apply the codebook (resources/codebook.yaml) to records and to counts-only labels.

Every decision keeps the id of the rule that made it and the text it matched, so a
reviewer can check any record rule by rule. Nothing undecided is defaulted: it is
flagged needs_review."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # pandas is imported where records are handled, not by label-only callers
    import pandas as pd

REDACTION = re.compile(r"\[\s*redacted\s*\]|\bredacted\b|\bx{3,}\b|\*{3,}|\u2588+")


@dataclass(frozen=True)
class Rule:
    id: str
    value: object
    pattern: re.Pattern
    source: str = "outcome"  # description, category, either, outcome


FINDINGS_OF = "no_formal_action"  # the outcome group whose findings the report says apart


@dataclass(frozen=True)
class Codebook:
    """The one source of the categories: their order, labels and definitions, and the
    rules that decide them. Everything that lists a category asks this object."""

    version: int
    groups: dict
    neutralise: dict[str, tuple[tuple[re.Pattern, str], ...]]  # 'description'|'outcome' -> (pattern, replacement)
    spelling: tuple[tuple[re.Pattern, str], ...]  # abbreviations and misspellings -> the words the rules read
    breach_type: tuple[Rule, ...]
    pnc: tuple[Rule, ...]
    outcome_group: tuple[Rule, ...]
    second_opinion_threshold: float = 1.0  # above 1: no doubts raised
    second_opinion_learner: str = "logistic"  # 'svm': calibrated linear SVM (second_opinion.pipeline)
    neutralise_ids: tuple[str, ...] = ()  # the description neutralisers' ids, in `neutralise` order
    decision_policy: tuple[dict, ...] = ()  # when a decided breach type is withheld for review (policy.py)

    def categories(self, field: str) -> list[str]:
        """A field's categories in report order (outcome groups: most severe first)."""
        return list(self.groups[field])

    def label(self, field: str, category: str) -> str:
        """How a category reads in prose ('disclosure to third parties')."""
        return self.groups[field][category]["label"]

    def plain_label(self, field: str, category: str) -> str:
        """The label without its parenthesis ('other', not 'other (loss, insecurity, ...)')."""
        return self.label(field, category).split(" (")[0]

    def short(self, field: str, category: str) -> str:
        """A category's short label for a narrow table column ('Discl.')."""
        return self.groups[field][category]["short"]

    def residual(self, field: str) -> str:
        """The category that takes what a counts-only margin leaves unexplained."""
        return next(c for c, spec in self.groups[field].items() if spec.get("residual"))

    def findings(self) -> list[str]:
        """What 'no formal action' followed (codebook outcome_group.no_formal_action.findings):
        not proven, or found and dealt with informally, or a reason not stated."""
        return list(self.groups["outcome_group"][FINDINGS_OF].get("findings") or {})

    def finding_label(self, finding: str) -> str:
        return self.groups["outcome_group"][FINDINGS_OF]["findings"][finding]["label"]

    def finding_short(self, finding: str) -> str:
        return self.groups["outcome_group"][FINDINGS_OF]["findings"][finding]["short"]

    def finding(self, outcome_text: str) -> str:
        """The finding an outcome text of the 'no formal action' group states (first pattern
        that matches, else the residual finding)."""
        findings = self.groups["outcome_group"][FINDINGS_OF]["findings"]
        text = normalise_text(outcome_text)
        for finding, spec in findings.items():
            if spec.get("pattern") and re.search(spec["pattern"], text, re.I):
                return finding
        return next(f for f, spec in findings.items() if spec.get("residual"))

    def formal_sanctions(self) -> set[str]:
        """Outcome groups that, stated in a description, decide a blank outcome."""
        return {c for c, spec in self.groups["outcome_group"].items() if spec.get("formal_sanction")}

    def severity(self, outcome_group: str) -> int:
        """0 for the most severe outcome group; unknown values after every group."""
        order = self.categories("outcome_group")
        return order.index(outcome_group) if outcome_group in order else len(order)


EVIDENCE = ("basis", "rivals", "negation")  # how a breach type was reached (breach_evidence), in records.csv
VOCABULARY_NAME = re.compile(r"\{([a-z_]+)\}")  # {0,6} is a quantifier, {outsider} a word list


def _expand(pattern: str, vocabulary: dict[str, str]) -> re.Pattern:
    """`pattern` with each {name} replaced by the codebook's word list of that name."""

    def word_list(match: re.Match) -> str:
        if match.group(1) not in vocabulary:
            raise ValueError(f"codebook pattern names an unknown word list {{{match.group(1)}}}: {pattern[:80]}")
        return f"(?:{vocabulary[match.group(1)]})"

    return re.compile(VOCABULARY_NAME.sub(word_list, pattern), re.I)


def _rules(entries: list[dict], vocabulary: dict[str, str]) -> tuple[Rule, ...]:
    return tuple(
        Rule(e["id"], e["value"], _expand(e["pattern"], vocabulary), e.get("source", "outcome")) for e in entries
    )


CODEBOOK = Path(__file__).resolve().parent / "resources" / "codebook.yaml"


def load_codebook(path: Path = CODEBOOK) -> Codebook:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    vocabulary = data.get("vocabulary") or {}
    return Codebook(
        version=data["version"],
        groups=data["groups"],
        neutralise={
            field: tuple(
                (_expand(n["pattern"], vocabulary), f" {n.get('replace', '~')} ")
                for n in data["neutralise"]
                if n["applies_to"] == field
            )
            for field in ("description", "outcome")
        },
        spelling=tuple((_expand(s["pattern"], vocabulary), s["replace"]) for s in data.get("spelling") or []),
        breach_type=_rules(data["rules"]["breach_type"], vocabulary),
        pnc=_rules(data["rules"]["pnc"], vocabulary),
        outcome_group=_rules(data["rules"]["outcome_group"], vocabulary),
        second_opinion_threshold=float((data.get("second_opinion") or {}).get("threshold", 1.1)),
        second_opinion_learner=str((data.get("second_opinion") or {}).get("learner", "logistic")),
        neutralise_ids=tuple(n["id"] for n in data["neutralise"] if n["applies_to"] == "description"),
        decision_policy=tuple(data.get("decision_policy") or ()),
    )


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The package's codebook, for tools and tests; a build's stages load the one their rule declares."""
    return load_codebook()


def normalise_text(text: str) -> str:
    """Lower case; redaction marks removed; curly quotes straight; dashes and white space folded."""
    text = REDACTION.sub(" ", (text or "").lower())  # a redaction mark says nothing about what happened
    text = re.sub(r"[\u2018\u2019\u201a\u201b']", "", text)
    text = re.sub(r"[\u201c\u201d\u201e\"]", "", text)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .")


def _read(text: str, codebook: Codebook) -> str:
    """`text` normalised, with the abbreviations and misspellings of real answers written
    out ("PNC'd" -> "pnc checked", "W/W" -> "written warning"): codebook `spelling`."""
    text = normalise_text(text)
    for pattern, replacement in codebook.spelling:
        text = pattern.sub(replacement, text)
    return text


def _neutralised(text: str, codebook: Codebook, field: str = "description") -> str:
    """`text` with the phrases that say the opposite of their words replaced (codebook
    `neutralise`, those that apply to descriptions or to outcomes)."""
    for pattern, replacement in codebook.neutralise[field]:
        text = pattern.sub(replacement, text)
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
    texts = {"description": _neutralised(_read(description, codebook), codebook), "category": _read(category, codebook)}
    rule, matched = _first(codebook.breach_type, texts)
    # the PNC named in a refuted allegation was still used: PNC rules read the text as written
    pnc_rule, pnc_matched = _first(
        codebook.pnc, {"description": _read(description, codebook), "category": texts["category"]}
    )
    return {
        "breach_type": rule.value if rule else "",
        "breach_type_rule": rule.id if rule else "",
        "breach_type_match": matched,
        "pnc": bool(pnc_rule),
        "pnc_rule": pnc_rule.id if pnc_rule else "",
        "pnc_match": pnc_matched,
    }


def breach_evidence(
    description: str, category: str, codebook: Codebook | None = None, engine=None, decision: dict | None = None
) -> dict:
    """How the breach type was reached: the decision and its rule, its basis ('description',
    'force_label' when the description was silent and the force's label decided, 'unstated'
    when the nature was not stated), the other types whose description rules fired too
    ('rivals'), and the neutralisers (negation, 'not proven') that changed the text.
    `engine`: a classify module of another codebook version (the cross-validation's blind
    codebooks, policebreaches/crossval.py); this module by default."""
    engine = engine or sys.modules[__name__]
    codebook = codebook or default_codebook()
    decision = decision or engine.classify_breach(description, category, codebook)
    read = engine._read(description, codebook) if hasattr(engine, "_read") else engine.normalise_text(description)
    text = engine._neutralised(read, codebook)
    rules = {rule.id: rule for rule in codebook.breach_type}
    rule = rules.get(decision["breach_type_rule"])
    basis = "" if rule is None else "force_label" if rule.source == "category" else "description"
    if rule is not None and (rule.source == "either" or rule.id.startswith("BT-U")):  # BT-U*: nature not stated
        basis = "unstated"
    fired = {r.value for r in codebook.breach_type if r.source == "description" and r.pattern.search(text)}
    return {
        "breach_type": decision["breach_type"],
        "rule": decision["breach_type_rule"],
        "basis": basis,
        "rivals": ";".join(sorted(fired - {decision["breach_type"]})),
        "negation": ";".join(_negations(read, codebook, engine)),
        "pnc": decision["pnc"],
    }


def _negations(text: str, codebook, engine) -> list[str]:
    """Ids of the description neutralisers that change `text` (ids only where the codebook
    version keeps them; older versions say 'NEG')."""
    entries = codebook.neutralise["description"] if isinstance(codebook.neutralise, dict) else codebook.neutralise
    ids = getattr(codebook, "neutralise_ids", None) or ()
    found = []
    for number, entry in enumerate(entries):
        pattern = entry[0] if isinstance(entry, tuple) else entry
        if pattern.search(text):
            found.append(ids[number] if number < len(ids) else "NEG")
    return sorted(set(found))


def classify_outcome(outcome: str, description: str = "", codebook: Codebook | None = None) -> dict:
    """Most severe group whose rule matches the outcome text; a blank outcome may be
    decided by a severe outcome stated in the description ('... and was dismissed')."""
    codebook = codebook or default_codebook()
    text = _neutralised(_read(outcome, codebook), codebook, "outcome")
    source = "outcome"
    if not text:
        described = _neutralised(_read(description, codebook), codebook, "outcome")
        hits = _matches(codebook, described)
        hits = [h for h in hits if h[0].value in codebook.formal_sanctions()]
        if hits:
            text, source = described, "description"
    hits = _matches(codebook, text)
    if not hits:
        return {"outcome_group": "", "outcome_rule": "", "outcome_match": ""}
    rule, matched = min(hits, key=lambda h: codebook.severity(h[0].value))
    return {
        "outcome_group": rule.value,
        "outcome_rule": rule.id + ("@description" if source == "description" else ""),
        "outcome_match": matched or "(blank)",
    }


def _matches(codebook: Codebook, text: str) -> list[tuple[Rule, str]]:
    found = []
    for rule in codebook.outcome_group:
        match = rule.pattern.search(text)
        if match:
            found.append((rule, match.group(0)))
    return found


# what a counts-only total is a total OF: the words of "Total number of data protection
# breaches recorded by police officers in 2013" that say nothing about which breaches
TOTAL_START = re.compile(r"^(the )?(grand |overall |combined )?(totals?|sum)\b")
FILLER = re.compile(
    r"\b(the|of|no|number|numbers|amount|count|for|in|by|all|within|during|year|years|calendar|financial|fy|"
    r"data|protection|act|dpa|breach|breaches|incidents?|cases?|allegations?|recorded|committed|involving|"
    r"made|reported|matters?|per|with|from|to|period|each)\b|[^a-z0-9/ ]"
)
CONJUNCTIONS_AND_MONTHS = re.compile(
    r"\b(and|or|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december)\b"
)
YEAR = re.compile(r"\b((19|20)\d\d)(\s*[/-]\s*(\d{2}|(19|20)\d\d))?\b|\bfy\s*\d\d\s*[/-]\s*\d\d\b")
# what a label without 'Total' counts when it names nothing else: "Number of breaches",
# "Data protection breaches recorded" are the whole answer
COUNTED = re.compile(r"\b(breach|breaches|incidents?|cases?|allegations?)\b")
ROLE_WORDS = re.compile(
    r"\b(police|officers?|staff|members?|civilians?|employees?|pcsos?|community|support|specials?|"
    r"constables?|scs?|pcs?|sgts?|sergeants?|insp|inspectors?|above|ranks?|volunteers?|cadets?|pse)\b"
)


def _total_of(rest: str) -> tuple[str, str, str] | None:
    """A total line's qualifier (after 'Total') -> (dimension, category, rule): a year,
    a role, or nothing (the grand total); None when it names something else (a breach
    type or outcome, decided by the codebook like any other label)."""
    years = list(YEAR.finditer(rest))
    if years and not CONJUNCTIONS_AND_MONTHS.sub(" ", FILLER.sub(" ", YEAR.sub(" ", rest))).strip(" /"):
        if len(years) > 1 or _spans_years(years[0].group()):  # "June 2011 to December 2015": the period
            return "total", "total", "AGG-TOTAL"
        return "year", " ".join(years[0].group().split()), "AGG-YEAR"
    words = " ".join(CONJUNCTIONS_AND_MONTHS.sub(" ", FILLER.sub(" ", rest)).split())
    role = _role_only(rest)
    if role:
        return role
    if not words:
        return "total", "total", "AGG-TOTAL"
    return None


def _spans_years(text: str) -> bool:
    """'2011 - 2015' is a span of years; '2013/14' and '2013-2014' are one (financial) year."""
    numbers = [int(n) for n in re.findall(r"\d{4}", text)]
    return len(numbers) == 2 and numbers[1] - numbers[0] > 1


def _role_only(text: str) -> tuple[str, str, str] | None:
    """('role', category) for a label that names only who: "Police officers",
    "by police staff", "PCSO"; officers and staff together are the whole (a grand total)."""
    from .roles import normalise_role

    words = re.sub(r"(?<=[a-z]{2})s\b", "", " ".join(FILLER.sub(" ", text).split()))  # officers -> officer
    if not words or ROLE_WORDS.sub(" ", re.sub(r"\b(and|or)\b", " ", words)).strip(" /"):
        return None
    role = normalise_role(words)
    if role == "unknown":  # "officers and staff", "officer/staff": everyone
        return "total", "total", "AGG-TOTAL"
    return "role", role, "AGG-ROLE"


def classify_label(label: str, codebook: Codebook | None = None) -> tuple[str, str, str]:
    """(dimension, category, rule id) for a counts-only margin label such as
    'Unauthorised access = 12', 'Dismissed - 3', 'Total number of breaches by police
    officers = 18' (a role margin), 'Total 2013 = 5' (a year margin); ('', '', '') when
    undecided. A total of something is a margin of that something, not the whole."""
    codebook = codebook or default_codebook()
    text = normalise_text(label)
    if re.search(r"(currently|still) (being |under )?investigat|under investigation", text):
        return "stock", "pending_stock", "AGG-STOCK"  # people under investigation now: not an outcome
    total = TOTAL_START.match(text)
    if total:
        decided = _total_of(text[total.end() :])
        if decided:
            return decided
        text = " ".join(FILLER.sub(" ", text[total.end() :]).split())  # "Total unauthorised access" -> its type
    else:
        counts_breaches = YEAR.search(text) or COUNTED.search(text)
        decided = _role_only(text) or (_total_of(text) if counts_breaches else None)
        if decided:  # "Police officers", "Officers and staff" (everyone: the total), "2013", "Number of breaches"
            return decided
    outcome = classify_outcome(text, codebook=codebook)
    if (
        outcome["outcome_group"]
        and outcome["outcome_rule"] != "OC-05"
        or re.search(r"ongoing|pending|outstanding", text)
    ):
        residual = codebook.residual("outcome_group")
        return "outcome_group", outcome["outcome_group"] or residual, outcome["outcome_rule"] or "OC-05"
    if re.fullmatch(r"(misuse of )?(the )?(pnc|police national computer)( misuse| checks?)?", text):
        return "pnc", "true", "PNC-01"
    breach = classify_breach(text, text, codebook)
    if breach["breach_type"] and breach["breach_type_rule"] != "BT-U01":
        return "breach_type", breach["breach_type"], breach["breach_type_rule"]
    return "", "", ""


def classify_records(records: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Labels, rule ids and matched text for every kept record; needs_review lists the
    fields no rule decided (they are counted in totals and listed in review.csv)."""
    import pandas as pd

    codebook = codebook or default_codebook()
    # each distinct text is classified once: responses repeat labels and outcome wordings
    breaches: dict[tuple[str, str], dict] = {}
    outcomes: dict[tuple[str, str], dict] = {}
    blank: dict[str, bool] = {}
    labels = []
    for description, category, outcome in zip(
        records["description_raw"], records["category_raw"], records["outcome_raw"]
    ):
        breach_key = (description, category)
        if breach_key not in breaches:
            decision = classify_breach(description, category, codebook)
            evidence = breach_evidence(description, category, codebook, decision=decision)
            breaches[breach_key] = decision | {f"breach_type_{k}": evidence[k] for k in EVIDENCE}
        if outcome not in blank:
            blank[outcome] = not _neutralised(_read(outcome, codebook), codebook, "outcome")
        outcome_key = (outcome, description if blank[outcome] else "")  # only a blank outcome reads the description
        if outcome_key not in outcomes:
            outcomes[outcome_key] = classify_outcome(*outcome_key, codebook)
        labels.append({**breaches[breach_key], **outcomes[outcome_key]})
    label_columns = [f"{field}{part}" for field in ("breach_type", "pnc") for part in ("", "_rule", "_match")]
    label_columns += [f"breach_type_{k}" for k in EVIDENCE]
    label_columns += ["outcome_group", "outcome_rule", "outcome_match"]  # also when there is no record at all
    frame = pd.DataFrame(labels, index=range(len(records)), columns=label_columns)
    out = pd.concat([records.reset_index(drop=True), frame], axis=1)
    undecided = {f: out[f].fillna("") == "" for f in ("breach_type", "outcome_group")}
    out["needs_review"] = [
        ";".join(f for f, missing in zip(undecided, flags) if missing) for flags in zip(*undecided.values())
    ]
    return out


def apply_overrides(
    records: pd.DataFrame,
    overrides: pd.DataFrame,
    codebook: Codebook | None = None,
    where: str = "overrides/coding.csv",
) -> tuple[pd.DataFrame, list]:
    """Manual coding, applied last. Unknown record ids or values outside the codebook
    are problems (returned), never silently skipped."""
    from .problems import Problem

    codebook = codebook or default_codebook()
    allowed = {field: set(codebook.categories(field)) for field in ("breach_type", "outcome_group", "role")}
    allowed["pnc"] = {"true", "false"}
    problems = []
    records = records.copy()
    index = {rid: i for i, rid in enumerate(records["record_id"])}
    for line, o in enumerate(overrides.itertuples(), start=2):
        here = f"{where} line {line}"
        if o.record_id not in index:
            problems.append(
                Problem(
                    here,
                    f"record_id {o.record_id} does not exist (any more)",
                    "remove the line, or find the record's new id with 'make trace'",
                )
            )
            continue
        if o.field not in allowed or str(o.value) not in allowed[o.field]:
            problems.append(
                Problem(
                    here,
                    f"{o.field}={o.value!r} is outside the codebook",
                    f"use a field in {sorted(allowed)} and one of its codebook values",
                )
            )
            continue
        i = index[o.record_id]
        value = (str(o.value) == "true") if o.field == "pnc" else str(o.value)
        records.at[i, o.field] = value
        rule_column = {"breach_type": "breach_type_rule", "outcome_group": "outcome_rule", "pnc": "pnc_rule"}.get(
            o.field
        )
        if rule_column:
            records.at[i, rule_column] = f"MANUAL:{o.coder}"
        records.at[i, "needs_review"] = ";".join(
            f for f in str(records.at[i, "needs_review"]).split(";") if f and f != o.field
        )
    return records, problems


# margins whose lines, summed, make the whole when no total is stated (one breach has one
# type, one person's role, one year), in the order one is taken as the total
PARTITIONS = ("breach_type", "role", "year")
# what a role or year margin leaves unexplained (only where the response gives such margins)
STATED_ONLY = {"role": "unknown", "year": "not_stated"}


AGGREGATE_COLUMNS = [  # aggregates.csv (an entry's `period` is in its label)
    "force_id",
    "dimension",
    "category",
    "count",
    "source_file",
    "source_locator",
    "source_sha256",
    "label",
    "rule",
    "note",
    "evidence",
]


def resolve_aggregates(
    raw: pd.DataFrame, codebook: Codebook | None = None, period: tuple[dt.date, dt.date] | None = None
) -> tuple[pd.DataFrame, list]:
    """`resolve_counts` on extract/<force>.counts.csv rows, as aggregates.csv's frame."""
    import pandas as pd

    out, problems = resolve_counts(raw.to_dict("records"), codebook, period)
    return pd.DataFrame(out, columns=AGGREGATE_COLUMNS).fillna(""), problems


def resolve_counts(
    counts: list[dict], codebook: Codebook | None = None, period: tuple[dt.date, dt.date] | None = None
) -> tuple[list[dict], list]:
    """Counts-only margins -> aggregates.csv rows (dimension, category, count) with one
    `total` row per response; what a margin leaves unexplained is counted as
    other / other_or_unknown / pnc=false, so every margin sums to the total. A total of
    one role, year or type ('Total number of breaches by police officers = 18') is a
    margin of its own; several such lines make the total only where they partition the
    whole and agree with any total stated (see `_whole`). With the edition's `period`,
    figures given for a period (a year margin, a cell of a count table by period) are
    limited to it (`_within_period`). Plain rows (no pandas): the extract stage runs it
    too, so its problems are in the first problem list."""
    from .problems import Problem

    codebook = codebook or default_codebook()
    out, problems = [], []
    fallback = {field: codebook.residual(field) for field in ("breach_type", "outcome_group")} | {"pnc": "false"}
    by_source: dict[str, list[dict]] = {}
    for row in counts:
        by_source.setdefault(row["source_file"], []).append(row)
    for source, group in sorted(by_source.items()):
        base = {k: group[0][k] for k in ("force_id", "source_file", "source_sha256")}
        kept, left_out, problem = _within_period(source, [_entry(base, r, codebook) for r in group], period)
        if problem:
            problems.append(problem)
            continue
        out += left_out
        if not kept:
            continue  # every figure of the answer is for a period outside the edition's
        margins, totals = [], []
        for entry in kept:
            dimension = entry["dimension"]
            if dimension == "total":
                totals.append(entry)
            elif dimension in fallback or dimension in STATED_ONLY:
                margins.append(entry)
            else:
                reason = (
                    "a stock of people under investigation, not an incident outcome"
                    if dimension == "stock"
                    else "no codebook rule decides this label"
                )
                out.append(_not_counted(entry, reason))
        by_dim: dict[str, list[dict]] = {}
        for m in margins:
            by_dim.setdefault(m["dimension"], []).append(m)
        whole, problem = _whole(source, base, totals, by_dim, group)
        if problem:
            problems.append(problem)
            continue
        out.append(whole)
        total = whole["count"]
        for dimension, default in (fallback | {d: r for d, r in STATED_ONLY.items() if d in by_dim}).items():
            given = by_dim.get(dimension, [])
            stated = sum(m["count"] for m in given)
            if stated > total:
                problems.append(
                    Problem(
                        source,
                        f"{dimension} counts sum to {stated}, more than the total {total} "
                        f"({', '.join(m['source_locator'] for m in given)})",
                        "check the letter; counting units may differ (allegations vs people)",
                    )
                )
                continue
            merged: dict[str, dict] = {}
            for m in given:
                if m["category"] in merged:
                    merged[m["category"]]["count"] += m["count"]
                    merged[m["category"]]["source_locator"] += "; " + m["source_locator"]
                    merged[m["category"]]["evidence"] += " / " + m["evidence"]
                    if m["label"] != merged[m["category"]]["label"]:
                        merged[m["category"]]["label"] += "; " + m["label"]
                else:
                    merged[m["category"]] = dict(m)
            out += list(merged.values())
            if total - stated:
                out.append(
                    {
                        **base,
                        "dimension": dimension,
                        "category": default,
                        "count": total - stated,
                        "source_locator": "remainder (not stated in the response)",
                        "label": "",
                        "rule": "AGG-REMAINDER",
                    }
                )
    return out, problems


def edition_period(ends: list[str]) -> tuple[dt.date, dt.date] | None:
    """The edition's period as the rules pass it (['2011-06-01', '2015-12-31']); None for []."""
    return tuple(dt.date.fromisoformat(end) for end in ends) if ends else None


def _entry(base: dict, row: dict, codebook: Codebook) -> dict:
    """One figure with its codebook label; a table's total for one period ("Total" in the
    2013 column) is that period's margin."""
    dimension, category, rule = classify_label(row["label"], codebook)
    period = row.get("period", "")
    if period and dimension == "total":
        dimension, category, rule = "year", period, "AGG-YEAR"
    return {
        **base,
        "dimension": dimension,
        "category": category,
        "count": int(row["count"]),
        "source_locator": row["source_locator"],
        "label": row["label"] + (f" ({period})" if period else ""),
        "rule": rule,
        "evidence": row.get("evidence", ""),
        "period": period,
    }


def _not_counted(entry: dict, reason: str, why: str = "") -> dict:
    """`entry` left out of the counts; its category says why when `why` is given
    (outside_period, whole_span), else it keeps its own (or 'undecided')."""
    return entry | {
        "dimension": "not_counted",
        "category": why or entry["category"] or "undecided",
        "rule": entry["rule"] or "",
        "note": reason,
    }


def _within_period(source: str, entries: list[dict], period: tuple[dt.date, dt.date] | None):
    """(figures counted, figures left out, problem). A figure for a period inside the
    edition's counts; one for a period outside it is left out, and then so is every
    figure of the answer over its whole span (a total or type margin that includes the
    years outside: it cannot be limited); a figure for a period partly outside it cannot
    be split and is a problem naming it (the answer is left out)."""
    from .dates import parse_incident_date, period_position
    from .problems import Problem

    if period is None:
        return entries, [], None
    spans = {
        id(e): parse_incident_date(e["period"] or (e["category"] if e["dimension"] == "year" else "")) for e in entries
    }
    where = {id(e): period_position(spans[id(e)], *period) for e in entries}
    straddling = [e for e in entries if where[id(e)] == "straddles"]
    if straddling:
        named = "; ".join(
            f"{e['source_locator']} '{e['label']}' = {e['count']} ({spans[id(e)].start} to {spans[id(e)].end})"
            for e in straddling
        )
        return (
            [],
            [],
            Problem(
                source,
                f"figures for periods partly outside the edition's period ({period[0]} to {period[1]}) cannot be "
                f"split: {named}",
                "ask the force for those figures by month, or build with allow_problems=true: the answer is left out "
                "and the methodology lists why",
            ),
        )
    outside = [e for e in entries if where[id(e)] == "outside"]
    if not outside:
        return entries, [], None
    whole_span = "given over the answer's whole span, which reaches outside the edition's period"
    left_out = [
        _not_counted(e, f"for {e['period'] or e['category']}, outside the edition's period", "outside_period")
        for e in outside
    ]
    left_out += [_not_counted(e, whole_span, "whole_span") for e in entries if where[id(e)] == "undated"]
    return [e for e in entries if where[id(e)] == "inside"], left_out, None


def _lines(entries: list[dict]) -> str:
    return "; ".join(f"{e['source_locator']} '{e['label']}' = {e['count']}" for e in entries)


def _whole(source: str, base: dict, totals: list[dict], by_dim: dict[str, list[dict]], read: list[dict]):
    """(the response's `total` row, None) or (None, the problem naming the lines). A total
    stated once (or repeated with the same figure) is the whole; without one, the sum of
    a margin that partitions the whole (types, roles or years), when every such margin
    present sums to the same figure. A year given twice with different figures (two
    tables of one letter disagreeing) is a problem, the same figure twice is one year."""
    from .problems import Problem

    fix = "check which figure the force means; ask the force, or transcribe the answer (transcribed/<name>.csv)"
    if len({t["count"] for t in totals}) > 1:
        return None, Problem(source, f"the response states different totals: {_lines(totals)}", fix)
    for year, lines in _by_category(by_dim.get("year", [])).items():
        if len({m["count"] for m in lines}) > 1:
            return None, Problem(source, f"the response states different totals for {year}: {_lines(lines)}", fix)
    if "year" in by_dim:  # the same year's figure repeated (each table of a letter has its own totals)
        by_dim["year"] = [lines[0] for lines in _by_category(by_dim["year"]).values()]
    row = {**base, "dimension": "total", "category": "total", "label": "Total", "rule": "AGG-TOTAL"}
    if totals:
        return row | {
            "count": totals[0]["count"],
            "source_locator": "; ".join(t["source_locator"] for t in totals),
            "evidence": " / ".join(t["evidence"] for t in totals),
        }, None
    sums = {dim: sum(m["count"] for m in by_dim[dim]) for dim in PARTITIONS if dim in by_dim}
    if not sums:
        return None, Problem(
            source,
            f"counts given but neither a total nor counts by breach type, role or year; read: {_lines(read)}",
            "if a line is the answer's total or names a breach type, role or year in words the codebook does not "
            "know, add those words to the codebook's labels; if the file counts no breaches, mark it layout: ignore "
            "in overrides/extraction.yaml",
        )
    if len(set(sums.values())) > 1:
        return None, Problem(
            source,
            "no total is stated and the margins disagree: "
            + " | ".join(f"{dim} lines sum to {n} ({_lines(by_dim[dim])})" for dim, n in sums.items()),
            fix,
        )
    dim = next(iter(sums))
    where = "sum of breach-type margins" if dim == "breach_type" else f"sum of {dim} margins"
    return row | {"count": sums[dim], "source_locator": where}, None


def _by_category(entries: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for e in entries:
        found.setdefault(e["category"], []).append(e)
    return found
