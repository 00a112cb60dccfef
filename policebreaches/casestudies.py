"""Case studies: records quoted in the report, each citing its record_id and raw source.

An edition names them in edition.yaml (`case_studies: [{force, contains, quote,
approved_by}]`); without that the rule is: severe outcomes first (conviction, then
resignation/dismissal), disclosures before other types, longest description, one per
force, three in all. A description is printed only as a person approved it (`quote`,
checked to be a redaction of the record's text); until then the report names the record
and says its quote awaits review, and statistics/case_studies.json (internal) carries a
suggested redaction to start from."""

from __future__ import annotations

import pandas as pd

from .personal_data import PersonalData
from .problems import Problem
from .quotes import count_marks, redaction_problem


def select_case_studies(records: pd.DataFrame, wanted: list[dict] | None, codebook, limit: int = 3) -> pd.DataFrame:
    """`wanted`: the edition's case studies as checked ({force_id, contains, quote, approved_by})."""
    if wanted:
        picks = []
        for want in wanted:
            hit = records[
                (records["force_id"] == want["force_id"])
                & records["description_raw"].str.contains(str(want["contains"]), case=False, regex=False)
            ]
            if len(hit):
                first = hit.sort_values("record_id").iloc[0].to_dict()
                picks.append(first | {"quote": want.get("quote", ""), "approved_by": want.get("approved_by", "")})
        return pd.DataFrame(picks)
    ranked = records.assign(
        _severity=records["outcome_group"].map(codebook.severity),
        _disclosure=(records["breach_type"] != "third_party_disclosure").astype(int),
        _length=-records["description_raw"].str.len(),
    )
    ranked = ranked.sort_values(["_severity", "_disclosure", "_length", "record_id"])
    picked = ranked.drop_duplicates("force_id").head(limit).drop(columns=["_severity", "_disclosure", "_length"])
    return picked.assign(quote="", approved_by="")


def quote_case_studies(
    cases: pd.DataFrame, names: dict[str, str], scanner: PersonalData
) -> tuple[list[dict], int, list[Problem]]:
    """Case studies ready to print (approved quotes only), the number of redaction marks in
    the approved quotes, and a problem for every quote that is not a redaction of its record."""
    out, marks, problems = [], 0, []
    for case in cases.to_dict("records"):
        quote = str(case.get("quote", ""))
        why = redaction_problem(quote, str(case["description_raw"])) if quote else None
        if why:
            problems.append(
                Problem(
                    f"edition.yaml case_studies ({names[case['force_id']]})",
                    f"the approved quote is not a redaction of record {case['record_id']}'s text: {why}",
                    "copy the record's description (review.csv or make trace RECORD=<id>) and only replace "
                    "personal data with [name] or [redacted]",
                )
            )
            quote = ""
        marks += count_marks(quote)
        out.append(
            {
                "record_id": case["record_id"],
                "force": names[case["force_id"]],
                "approved": bool(quote),
                "approved_by": case.get("approved_by", "") if quote else "",
                "description": quote,
                "suggested": "" if quote else scanner.redact(str(case["description_raw"]))[0],
                "outcome": str(case.get("outcome_raw", "")),
                "role_raw": str(case.get("role_raw", "")),
                "source_file": case["source_file"],
                "source_locator": case["source_locator"],
                "source_sha256": case["source_sha256"],
                "role": case.get("role", ""),
                "breach_type": case["breach_type"],
                "outcome_group": case["outcome_group"],
            }
        )
    return out, marks, problems


def printed_texts(cases: list[dict]) -> list[tuple[str, str]]:
    """(where, text) of the only response text the report prints from the case studies, the
    approved quotes: what the gate scans. The raw outcome and rank cells beside them were
    approved by nobody, so the report gives the record's codebook groups instead
    (report_context.public_case_studies)."""
    return [(f"case study, record {c['record_id']} (description)", c["description"]) for c in cases if c["approved"]]
