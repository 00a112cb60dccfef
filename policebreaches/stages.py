"""One function per Snakemake rule, on plain paths. scripts/ only unpack `snakemake`
and call these; tests call them directly."""

from __future__ import annotations

import csv
import json
import logging
import os
from pathlib import Path

import pandas as pd

from . import __version__
from .checks import check_inputs
from .classify import apply_overrides, classify_records, default_codebook, resolve_aggregates
from .clean import build_ledger, clean_records
from .contracts import check_table
from .edition import load_edition, sha256_file
from .extract_stage import ROW_COLUMNS
from .forces import use_bodies
from .problems import InputError, Problem, raise_if_any
from .statistics import compute_numbers

log = logging.getLogger("policebreaches")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """One CSV dialect for every output, so bytes depend on content only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def numbers_json(numbers: dict) -> str:
    """numbers.json with one number per line: a diff of two builds reads number by number,
    and json's C encoder writes each line (indent= takes its pure-Python path: 1.1 s at x100)."""
    lines = (f"{json.dumps(key)}: {json.dumps(entry, ensure_ascii=False)}" for key, entry in numbers.items())
    return "{\n" + ",\n".join(lines) + "\n}\n"


def read_csv(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Every value as text; `columns` reads only those (records.csv is large at scale)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, usecols=columns)


def write_problems(problems: list[Problem], path: Path) -> None:
    write_csv(pd.DataFrame([p.__dict__ for p in problems], columns=["file", "what", "fix"]), path)


def stage_check_inputs(root: Path, limits: dict, allow_problems: bool, register_out: Path, problems_out: Path) -> None:
    problems, register = check_inputs(root, limits)
    for p in problems:
        log.warning("%s", p.line())
    write_problems(problems, problems_out)
    if problems and not allow_problems:
        raise InputError(problems)
    register_out.parent.mkdir(parents=True, exist_ok=True)
    register_out.write_text(json.dumps(register, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def stage_clean(
    root: Path,
    rows_files: list[Path],
    status_files: list[Path],
    problem_files: list[Path],
    allow_problems: bool,
    cleaned_out: Path,
    ledger_out: Path,
    repairs_out: Path,
    problems_out: Path,
) -> None:
    problems = [Problem(**p) for f in problem_files for p in read_csv(f).to_dict("records")]
    write_problems(problems, problems_out)  # with allow_problems, the methodology lists these
    if problems and not allow_problems:
        raise InputError(problems, "extraction")
    edition = load_edition(root, [])
    rows = (
        pd.concat([read_csv(f) for f in rows_files], ignore_index=True)
        if rows_files
        else pd.DataFrame(columns=ROW_COLUMNS)
    )
    status = pd.concat([read_csv(f) for f in status_files], ignore_index=True)
    records, repairs = clean_records(rows, edition.period_start, edition.period_end)
    ledger = build_ledger(rows, records, status)
    write_csv(check_table("clean/records.csv", records), cleaned_out)
    write_csv(check_table("ledger.csv", ledger), ledger_out)
    write_csv(pd.DataFrame(repairs, columns=["record_id", "field", "before", "after"]), repairs_out)
    for r in repairs:
        log.info("text repaired in %s %s: %r -> %r", r["record_id"], r["field"], r["before"], r["after"])


def stage_check_ledger(ledger_path: Path, ok_out: Path) -> None:
    """Fail the build when any file's rows in != rows out."""
    ledger = read_csv(ledger_path)
    unbalanced = ledger[ledger["balanced"] != "True"]
    if len(unbalanced):
        raise AssertionError(
            "the conservation ledger does not balance for: "
            + ", ".join(f"{r.source_file} (read {r.rows_read}, kept {r.records_kept})" for r in unbalanced.itertuples())
        )
    ok_out.write_text(f"{len(ledger)} files balance\n", encoding="utf-8")


LABEL_COLUMNS = ["breach_type", "pnc", "outcome_group", "role"]


def stage_classify(
    root: Path,
    cleaned: Path,
    count_files: list[Path],
    records_out: Path,
    review_out: Path,
    aggregates_out: Path,
    exclusions_out: Path,
    reclassified_out: Path,
    previous: Path,
) -> None:
    records = read_csv(cleaned)
    kept = records[records["exclusion"] == ""]
    write_csv(records[records["exclusion"] != ""], exclusions_out)
    labelled = classify_records(kept)
    overrides_path = root / "overrides" / "coding.csv"
    problems = []
    if overrides_path.is_file():
        labelled, problems = apply_overrides(labelled, read_csv(overrides_path))
        log.info("applied %d manual codings from %s", len(read_csv(overrides_path)), overrides_path)
    raw = pd.concat([read_csv(f) for f in count_files], ignore_index=True)
    aggregates, agg_problems = resolve_aggregates(raw)
    raise_if_any(problems + agg_problems, "classification")
    labelled["codebook_version"] = str(default_codebook().version)
    write_csv(check_table("records.csv", labelled), records_out)
    write_csv(labelled[labelled["needs_review"] != ""], review_out)
    write_csv(check_table("aggregates.csv", aggregates), aggregates_out)
    current = labelled[["record_id", *LABEL_COLUMNS]].astype(str)
    write_csv(reclassified(read_csv(previous) if previous.is_file() else None, current), reclassified_out)
    write_csv(current, previous)  # kept beside the outputs for the next build to compare with


def reclassified(previous: pd.DataFrame | None, current: pd.DataFrame) -> pd.DataFrame:
    """Records whose labels differ from the previous build (after a codebook edit)."""
    columns = ["record_id", "field", "before", "after"]
    if previous is None:
        return pd.DataFrame(columns=columns)
    merged = previous.merge(current, on="record_id", how="outer", suffixes=("_before", "_after")).fillna("(absent)")
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


def stage_score(records_path: Path, truth_paths: list[Path], accuracy_out: Path, confusion_out: Path) -> None:
    from .evaluation import RECORD_COLUMNS, score

    accuracy, confusion = score(
        read_csv(records_path, RECORD_COLUMNS), read_csv(truth_paths[0]) if truth_paths else None
    )
    write_csv(accuracy, accuracy_out)
    write_csv(confusion, confusion_out)


def input_checksums(root: Path) -> list[dict]:
    return [{"file": f"{root.as_posix()}/SHA256SUMS", "sha256": sha256_file(root / "SHA256SUMS")}]


def _methodology_numbers(ledger, exclusions, aggregates, records, accuracy, redactions, edition) -> dict:
    """Numbers the methodology and cover print, as (value, display, definition)."""
    reasons = exclusions["exclusion"].str.replace(r":.*", "", regex=True) if len(exclusions) else pd.Series(dtype=str)
    read = int(
        ledger["records_kept"].astype(int).sum()
        + ledger["excluded_outside_period"].astype(int).sum()
        + ledger["excluded_duplicate"].astype(int).sum()
    )
    totals = aggregates[aggregates["dimension"] == "total"]["count"].astype(int).sum() if len(aggregates) else 0
    manual = int(
        records["breach_type_rule"].str.startswith("MANUAL").sum()
        + records["outcome_rule"].str.startswith("MANUAL").sum()
    )
    extra = {
        "records.read": (read, f"{read:,}", "Incident rows read from the responses (data rows, before exclusions)."),
        "records.kept": (len(records), f"{len(records):,}", "Incident records kept after cleaning."),
        "records.excluded.outside_period": (
            int((reasons == "outside_period").sum()),
            f"{int((reasons == 'outside_period').sum()):,}",
            "Incident rows dated wholly outside the period.",
        ),
        "records.excluded.duplicate": (
            int((reasons == "duplicate_of").sum()),
            f"{int((reasons == 'duplicate_of').sum()):,}",
            "Incident rows listing again an incident the same force listed in another table.",
        ),
        "aggregates.total": (
            int(totals),
            f"{int(totals):,}",
            "Breaches given as counts only (the totals of counts-only answers).",
        ),
        "classification.manual_codings": (manual, f"{manual:,}", "Labels set by hand in overrides/coding.csv."),
        "classification.codebook_version": (
            int(default_codebook().version),
            str(default_codebook().version),
            "Version of the codebook that classified the records.",
        ),
        "redactions.count": (redactions, f"{redactions:,}", "Items of personal data removed from quoted text."),
        "edition.published": (
            edition.published.isoformat(),
            f"{edition.published.day} {edition.published:%B %Y}",
            "Publication date of the edition (edition.yaml).",
        ),
    }
    years = records.loc[records["date_precision"].isin(["day", "month", "year"]), "date_start"].str[:4].value_counts()
    for year, count in sorted(years.items()):
        extra[f"records.year.{year}"] = (int(count), f"{int(count):,}", f"Incident records dated in {year}.")
    for row in accuracy.to_dict("records"):
        base = f"accuracy.{row['field']}.{row['class']}"
        for measure in ("precision", "recall"):
            if row[measure] != "":
                value = float(row[measure])
                extra[f"{base}.{measure}"] = (
                    value,
                    f"{value * 100:.1f}%",
                    f"{measure.capitalize()} of {row['field']} = {row['class']} against the true labels.",
                )
        extra[f"{base}.support"] = (
            int(row["support"]),
            f"{int(row['support']):,}",
            f"True {row['field']} = {row['class']} records matched.",
        )
        extra[f"accuracy.{row['field']}.overall"] = (
            float(row["accuracy"]),
            f"{float(row['accuracy']) * 100:.1f}%",
            f"Share of matched records whose {row['field']} is right.",
        )
        extra[f"accuracy.{row['field']}.kappa"] = (
            float(row["kappa"]),
            f"{float(row['kappa']):.3f}",
            f"Cohen's kappa for {row['field']}.",
        )
    return extra


def stage_statistics(
    root: Path,
    register_json: Path,
    records_path: Path,
    aggregates_path: Path,
    ledger_path: Path,
    exclusions_path: Path,
    accuracy_path: Path,
    numbers_out: Path,
    cases_out: Path,
    tables_dir: Path,
    previous_numbers: list[Path] = (),
) -> None:
    from .casestudies import quote_case_studies, select_case_studies
    from .tables import write_tables

    records = read_csv(records_path)
    aggregates = read_csv(aggregates_path)
    register = json.loads(register_json.read_text(encoding="utf-8"))
    edition = load_edition(root, [])
    cases, redactions = quote_case_studies(select_case_studies(records, list(edition.case_studies)))
    extra = _methodology_numbers(
        read_csv(ledger_path),
        read_csv(exclusions_path),
        aggregates,
        records,
        read_csv(accuracy_path),
        redactions,
        edition,
    )
    extra["pipeline.version"] = (__version__, __version__, "Version of the pipeline that built this report.")
    records["pnc"] = records["pnc"] == "True"
    aggregates["count"] = aggregates["count"].astype(int)
    inputs = input_checksums(root) + [
        {"file": p.name, "sha256": sha256_file(p)} for p in (records_path, aggregates_path)
    ]
    numbers = compute_numbers(records, aggregates, register, edition, inputs, extra=extra)
    summary, change_rows = None, []
    if previous_numbers:
        from .compare import change_entries

        previous = json.loads(previous_numbers[0].read_text(encoding="utf-8"))
        entries, summary, change_rows = change_entries(numbers, previous, edition.previous_edition)
        numbers = compute_numbers(
            records,
            aggregates,
            register,
            edition,
            inputs + [{"file": str(previous_numbers[0]), "sha256": sha256_file(previous_numbers[0])}],
            extra={**extra, **entries},
        )
    numbers_out.write_text(numbers_json(numbers), encoding="utf-8")
    cases_out.parent.mkdir(parents=True, exist_ok=True)
    (cases_out.parent / "change.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    tables_dir.mkdir(parents=True, exist_ok=True)
    write_csv(
        pd.DataFrame(change_rows, columns=["key", "label", "previous", "current", "delta"]), tables_dir / "change.csv"
    )
    cases_out.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    provenance = [
        {"item": "edition", "value": edition.edition_id},
        {"item": "pipeline version", "value": __version__},
        *({"item": i["file"], "value": i["sha256"]} for i in inputs),
    ]
    write_tables(
        numbers,
        register,
        tables_dir,
        provenance,
        TABLES_README.format(
            title=edition.title, synthetic=" SYNTHETIC SAMPLE: invented data." if edition.synthetic else ""
        ),
    )


TABLES_README = """{title}: report tables.{synthetic}
Values only (no formulas). Every value is a number from numbers.json; its definition is in the report's Appendix 3.
Sheets: table1 (breaches by type and outcome), top_ten, force_breakdown (every body asked), provenance (inputs and checksums)."""  # noqa: E501


def stage_figures(root: Path, numbers_path: Path, register_json: Path, folder: Path) -> None:
    from .figures import draw_figures
    from .report_spec import report_spec

    use_bodies(root)  # the names of an edition's own bodies, for the labels

    numbers = json.loads(numbers_path.read_text(encoding="utf-8"))
    register = json.loads(register_json.read_text(encoding="utf-8"))
    draw_figures(numbers, register, report_spec()["figures"], folder, "police FOI responses; see Appendix 3")


def stage_render(
    root: Path,
    results: Path,
    report_dir: Path,
    numbers_path: Path,
    register_json: Path,
    cases_path: Path,
    accuracy_path: Path,
    problems_paths: list[Path],
    html_out: Path,
    pdf_out: Path,
    change_path: Path | None = None,
) -> None:
    from .render import render_html, write_pdf
    from .report_context import build_context

    numbers = json.loads(numbers_path.read_text(encoding="utf-8"))
    edition = load_edition(root, [])
    context = build_context(
        edition=edition,
        numbers=numbers,
        register=json.loads(register_json.read_text(encoding="utf-8")),
        cases=json.loads(cases_path.read_text(encoding="utf-8")),
        accuracy=read_csv(accuracy_path),
        problems=pd.concat([read_csv(p) for p in problems_paths], ignore_index=True),
        request_text=(root / edition.request_file).read_text(encoding="utf-8"),
        fonts_url=os.path.relpath(report_dir / "fonts", html_out.parent),
        change=json.loads(change_path.read_text(encoding="utf-8")) if change_path else None,
    )
    html_out.write_text(render_html(report_dir, context, numbers), encoding="utf-8")
    write_pdf(html_out, pdf_out, [report_dir, results], edition.published)
