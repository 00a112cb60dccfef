"""One function per Snakemake rule, on plain paths. scripts/ only unpack `snakemake`
and call these; tests call them directly."""
from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pandas as pd
import yaml

from . import __version__
from .checks import check_inputs
from .classify import apply_overrides, classify_records, default_codebook, resolve_aggregates
from .clean import build_ledger, clean_records
from .edition import TRANSCRIPTION_COLUMNS, load_edition, sha256_file
from .extract import extract_force
from .problems import InputError, Problem, raise_if_any
from .statistics import compute_numbers

log = logging.getLogger("policebreaches")
ROW_COLUMNS = ["record_id", "force_id", "source_file", "source_sha256", "source_locator", "layout", "row_kind",
               "date_raw", "role_raw", "category_raw", "description_raw", "outcome_raw", "cells"]
AGG_RAW_COLUMNS = ["force_id", "source_file", "source_sha256", "source_locator", "layout", "label", "count", "is_total"]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """One CSV dialect for every output, so bytes depend on content only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


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


def _transcriptions(root: Path) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    folder = root / "transcribed"
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        frame = read_csv(path)
        missing = set(TRANSCRIPTION_COLUMNS) - set(frame.columns)
        if missing:
            raise InputError([Problem(f"transcribed/{path.name}", f"missing columns {sorted(missing)}",
                                      "use columns " + ",".join(TRANSCRIPTION_COLUMNS))])
        for line, row in enumerate(frame.to_dict("records"), start=2):
            by_file.setdefault(row["source_file"], []).append({**row, "line": f"{path.name}:{line}"})
    return by_file


def _hints(root: Path) -> dict:
    path = root / "overrides" / "extraction.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def stage_extract(root: Path, register_json: Path, force_id: str, rows_out: Path, aggs_out: Path,
                  status_out: Path, problems_out: Path) -> None:
    register = {r["force_id"]: r for r in json.loads(register_json.read_text(encoding="utf-8"))}
    row = register[force_id]
    files = row["files"] if row["status"] in ("disclosed", "partial") else []
    sha = {f"responses/{name}": sha256_file(root / "responses" / name) for name in files}
    rows, aggs, statuses, problems = extract_force(root, force_id, files, sha, _hints(root), _transcriptions(root))
    log.info("%s: %d files, %d rows, %d counts, %d problems", force_id, len(files), len(rows), len(aggs), len(problems))
    write_csv(pd.DataFrame(rows, columns=ROW_COLUMNS), rows_out)
    write_csv(pd.DataFrame(aggs, columns=AGG_RAW_COLUMNS), aggs_out)
    write_csv(pd.DataFrame(statuses, columns=["source_file", "force_id", "status"]), status_out)
    write_problems(problems, problems_out)


def stage_clean(root: Path, rows_files: list[Path], status_files: list[Path], problem_files: list[Path],
                allow_problems: bool, cleaned_out: Path, ledger_out: Path, repairs_out: Path) -> None:
    problems = [Problem(**p) for f in problem_files for p in read_csv(f).to_dict("records")]
    if problems and not allow_problems:
        raise InputError(problems, "extraction")
    edition = load_edition(root, [])
    rows = pd.concat([read_csv(f) for f in rows_files], ignore_index=True) if rows_files else pd.DataFrame(columns=ROW_COLUMNS)
    status = pd.concat([read_csv(f) for f in status_files], ignore_index=True)
    records, repairs = clean_records(rows, edition.period_start, edition.period_end)
    ledger = build_ledger(rows, records, status)
    write_csv(records, cleaned_out)
    write_csv(ledger, ledger_out)
    write_csv(pd.DataFrame(repairs, columns=["record_id", "field", "before", "after"]), repairs_out)
    for r in repairs:
        log.info("text repaired in %s %s: %r -> %r", r["record_id"], r["field"], r["before"], r["after"])
    unbalanced = ledger[~ledger["balanced"]]
    if len(unbalanced):
        raise AssertionError(f"ledger does not balance for: {list(unbalanced['source_file'])}")


def stage_classify(root: Path, cleaned: Path, agg_files: list[Path], records_out: Path, review_out: Path,
                   aggregates_out: Path, exclusions_out: Path) -> None:
    records = read_csv(cleaned)
    kept = records[records["exclusion"] == ""]
    write_csv(records[records["exclusion"] != ""], exclusions_out)
    labelled = classify_records(kept)
    overrides_path = root / "overrides" / "coding.csv"
    problems = []
    if overrides_path.is_file():
        labelled, problems = apply_overrides(labelled, read_csv(overrides_path))
    raw = pd.concat([read_csv(f) for f in agg_files], ignore_index=True)
    aggregates, agg_problems = resolve_aggregates(raw)
    raise_if_any(problems + agg_problems, "classification")
    labelled["codebook_version"] = str(default_codebook().version)
    write_csv(labelled, records_out)
    write_csv(labelled[labelled["needs_review"] != ""], review_out)
    write_csv(aggregates, aggregates_out)


def input_checksums(root: Path) -> list[dict]:
    return [{"file": "SHA256SUMS", "sha256": sha256_file(root / "SHA256SUMS")}]


def stage_statistics(root: Path, register_json: Path, records_path: Path, aggregates_path: Path,
                     numbers_out: Path) -> None:
    records = read_csv(records_path)
    records["pnc"] = records["pnc"] == "True"
    aggregates = read_csv(aggregates_path)
    aggregates["count"] = aggregates["count"].astype(int)
    register = json.loads(register_json.read_text(encoding="utf-8"))
    edition = load_edition(root, [])
    inputs = input_checksums(root) + [{"file": p.name, "sha256": sha256_file(p)} for p in (records_path, aggregates_path)]
    numbers = compute_numbers(records, aggregates, register, edition, inputs,
                              extra={"pipeline.version": (__version__, __version__, "Pipeline version.")})
    numbers_out.write_text(json.dumps(numbers, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
