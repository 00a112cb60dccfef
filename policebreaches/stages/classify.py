"""Rule classify_breaches: the codebook's labels on every kept record, manual codings
applied last, counts-only margins resolved, and the records whose labels differ from the
edition's declared baseline (baseline/labels.csv) listed in reclassified.csv."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from ..classify import apply_overrides, classify_records, edition_period, load_codebook, resolve_aggregates
from ..contracts import COUNT_COLUMNS, check_table
from ..policy import Policy, decide, from_codebook
from ..problems import raise_if_any
from ..second_opinion import load
from .io import read_csv, read_csvs, write_csv

log = logging.getLogger("policebreaches")
LABEL_COLUMNS = ["breach_type", "pnc", "outcome_group", "role"]
BASELINE_FILE = "baseline/labels.csv"  # in raw/<edition>/: record_id and LABEL_COLUMNS, written by 'make baseline'


def run(
    records: Path,
    counts: list[Path],
    codebook: Path,
    model: Path,
    coding: Path | None,
    baseline: Path | None,
    period: list[str],
    records_out: Path,
    review_out: Path,
    aggregates_out: Path,
    exclusions_out: Path,
    reclassified_out: Path,
) -> None:
    book = load_codebook(codebook)
    cleaned = read_csv(records)
    kept = cleaned[cleaned["exclusion"] == ""]
    write_csv(cleaned[cleaned["exclusion"] != ""], exclusions_out)
    labelled = classify_records(kept, book)
    problems = []
    if coding:
        codings = read_csv(coding)
        labelled, problems = apply_overrides(labelled, codings, book)
        log.info("applied %d manual codings from %s", len(codings), coding)
    opinion = load(model)  # rule train_second_opinion
    # after the manual codings: a coder's decision settles a doubt
    labelled = with_second_opinion(labelled, opinion, from_codebook(book.decision_policy))
    # the counts' problems were the extract stage's to report (allow_problems leaves such a
    # response out, and the methodology lists why)
    aggregates, _ = resolve_aggregates(read_csvs(counts, COUNT_COLUMNS), book, edition_period(period))
    raise_if_any(problems, "classification")
    labelled["codebook_version"] = str(book.version)
    write_csv(check_table("records.csv", labelled), records_out)
    write_csv(labelled[(labelled["needs_review"] != "") | (labelled["doubt"] != "")], review_out)
    write_csv(check_table("aggregates.csv", aggregates), aggregates_out)
    current = labelled[["record_id", *LABEL_COLUMNS]].astype(str)
    write_csv(reclassified(read_csv(baseline) if baseline else None, current), reclassified_out)


def with_second_opinion(records: pd.DataFrame, opinion, policy: Policy | None = None) -> pd.DataFrame:
    """second_opinion and its confidence beside the codebook's label, and the decision
    policy (codebook `decision_policy`, policy.py) applied: a label the rules decided is
    withheld for review (breach_type blank, needs_review, doubt) when the second opinion
    disagrees with enough confidence. The codebook's own label stays in
    codebook_breach_type; the model never sets a label. Each distinct text is read once."""
    texts = records[["description_raw", "category_raw"]].drop_duplicates()
    opinions = dict(
        zip(
            zip(texts["description_raw"], texts["category_raw"]),
            opinion.opinions(list(texts["description_raw"]), list(texts["category_raw"])),
        )
    )
    found = [opinions[key] for key in zip(records["description_raw"], records["category_raw"])]
    policy = policy or Policy(any_=opinion.threshold)
    rows = records.assign(
        second_opinion=[label for label, _ in found],
        second_opinion_confidence=[f"{confidence:.2f}" for _, confidence in found],
        codebook_breach_type=records["breach_type"],
    )
    applied = [decision(row, policy, opinion.labels) for row in rows.to_dict("records")]
    published = [label for label, _ in applied]
    withheld = [bool(before) and not after for before, after in zip(rows["breach_type"], published)]
    return rows.assign(
        breach_type=published,
        decision_policy=[row for _, row in applied],
        doubt=[
            f"second opinion: {label} ({confidence:.2f})" if out else ""
            for out, (label, confidence) in zip(withheld, found)
        ],
        needs_review=[
            ";".join(
                f for f in ("breach_type", "outcome_group") if f in flags.split(";") or (f == "breach_type" and out)
            )
            for flags, out in zip(rows["needs_review"], withheld)
        ],
    )


def decision(row: dict, policy: Policy, known: tuple[str, ...]) -> tuple[str, str]:
    """(published breach type, policy row) of one record; a coder's decision stands, and
    the model cannot dispute a category it was never trained on (`known`: its labels)."""
    if str(row["breach_type_rule"]).startswith("MANUAL"):
        return row["breach_type"], "MANUAL"
    features = {
        "model_labels": known,
        "decided": row["breach_type"],
        "basis": row.get("breach_type_basis", ""),
        "rivals": row.get("breach_type_rivals", ""),
        "negation": row.get("breach_type_negation", ""),
        "second_opinion": row["second_opinion"],
        "confidence": row["second_opinion_confidence"],
    }
    return decide(features, policy)


def reclassified(baseline: pd.DataFrame | None, current: pd.DataFrame) -> pd.DataFrame:
    """Records whose labels differ from the baseline (after a codebook edit)."""
    columns = ["record_id", "field", "before", "after"]
    if baseline is None:
        return pd.DataFrame(columns=columns)
    merged = baseline.merge(current, on="record_id", how="outer", suffixes=("_before", "_after")).fillna("(absent)")
    changes = [
        pd.DataFrame(
            {
                "record_id": changed["record_id"],
                "field": field,
                "before": changed[f"{field}_before"],
                "after": changed[f"{field}_after"],
            },
            columns=columns,
        )
        for field in LABEL_COLUMNS
        for changed in [merged[merged[f"{field}_before"] != merged[f"{field}_after"]]]
    ]
    return pd.concat(changes, ignore_index=True).sort_values(["record_id", "field"])
