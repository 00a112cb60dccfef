"""Case studies: records quoted in the report, each citing its record_id and raw source.

An edition may name them in edition.yaml (`case_studies: [{force: ..., contains: ...}]`);
otherwise the rule is: severe outcomes first (conviction, then resignation/dismissal),
disclosures before other types, longest description, one per force, three in all."""

from __future__ import annotations

import pandas as pd

from .redact import redact

QUOTED_FIELDS = ["description_raw", "outcome_raw", "role_raw"]


def select_case_studies(records: pd.DataFrame, wanted: list[dict] | None, codebook, limit: int = 3) -> pd.DataFrame:
    """`wanted`: the edition's case studies as checked ({force_id, contains})."""
    if wanted:
        picks = []
        for want in wanted:
            hit = records[
                (records["force_id"] == want["force_id"])
                & records["description_raw"].str.contains(str(want["contains"]), case=False, regex=False)
            ]
            if len(hit):
                picks.append(hit.sort_values("record_id").iloc[0])
        return pd.DataFrame(picks)
    ranked = records.assign(
        _severity=records["outcome_group"].map(codebook.severity),
        _disclosure=(records["breach_type"] != "third_party_disclosure").astype(int),
        _length=-records["description_raw"].str.len(),
    )
    ranked = ranked.sort_values(["_severity", "_disclosure", "_length", "record_id"])
    return ranked.drop_duplicates("force_id").head(limit).drop(columns=["_severity", "_disclosure", "_length"])


def quote_case_studies(cases: pd.DataFrame, names: dict[str, str]) -> tuple[list[dict], int]:
    """Case studies ready to print: personal data redacted; the count of redactions."""
    out, total = [], 0
    for case in cases.to_dict("records"):
        quoted = {}
        for field in QUOTED_FIELDS:
            quoted[field], n = redact(str(case.get(field, "")))
            total += n
        out.append(
            {
                "record_id": case["record_id"],
                "force": names[case["force_id"]],
                "description": quoted["description_raw"],
                "outcome": quoted["outcome_raw"],
                "role_raw": quoted["role_raw"],
                "source_file": case["source_file"],
                "source_locator": case["source_locator"],
                "breach_type": case["breach_type"],
                "outcome_group": case["outcome_group"],
            }
        )
    return out, total
