"""The extraction job, one per force. Kept free of pandas and of the other stages'
imports: it runs 44 times per build, so its start-up cost is paid 44 times."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import yaml

from .checks import check_file
from .contracts import check_rows
from .edition import DATA_STATUSES, TRANSCRIPTION_COLUMNS, read_register, sha256_file
from .extract import extract_force
from .problems import InputError, Problem

log = logging.getLogger("policebreaches")
ROW_COLUMNS = [
    "record_id",
    "force_id",
    "source_file",
    "source_sha256",
    "source_locator",
    "layout",
    "row_kind",
    "date_raw",
    "role_raw",
    "category_raw",
    "description_raw",
    "outcome_raw",
    "cells",
]
COUNT_COLUMNS = ["force_id", "source_file", "source_sha256", "source_locator", "layout", "label", "count", "is_total"]
STATUS_COLUMNS = ["source_file", "force_id", "status"]
PROBLEM_COLUMNS = ["file", "what", "fix"]


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    """The same CSV dialect as stages.write_csv (pandas), byte for byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def extraction_hints(root: Path) -> dict:
    path = root / "overrides" / "extraction.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def transcriptions(root: Path) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    folder = root / "transcribed"
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(TRANSCRIPTION_COLUMNS) - set(reader.fieldnames or [])
            if missing:
                raise InputError(
                    [
                        Problem(
                            f"transcribed/{path.name}",
                            f"missing columns {sorted(missing)}",
                            "use columns " + ",".join(TRANSCRIPTION_COLUMNS),
                        )
                    ]
                )
            for line, row in enumerate(reader, start=2):
                by_file.setdefault(row["source_file"], []).append({**row, "line": f"{path.name}:{line}"})
    return by_file


def stage_extract(
    root: Path, force_id: str, limits: dict, rows_out: Path, counts_out: Path, status_out: Path, problems_out: Path
) -> None:
    """Extract one force's responses. Each file passes the container checks (size,
    zip bomb, encryption) before any parser opens it."""
    register = {r["force_id"]: r for r in read_register(root, [])}
    row = register.get(force_id, {"status": "", "files": []})
    problems: list[Problem] = []
    files, rejected = [], []
    for name in row["files"] if row["status"] in DATA_STATUSES else []:
        before = len(problems)
        path = root / "responses" / name
        if path.is_file():
            check_file(path, f"responses/{name}", limits, problems)
        if path.is_file() and len(problems) == before:
            files.append(name)
        else:  # never parsed; listed in the ledger as needing attention
            rejected.append(
                {
                    "source_file": f"responses/{name}",
                    "force_id": force_id,
                    "status": "failed_input_checks" if path.is_file() else "missing",
                }
            )
    sha = {f"responses/{name}": sha256_file(root / "responses" / name) for name in files}
    rows, counts, statuses, found = extract_force(
        root, force_id, files, sha, extraction_hints(root), transcriptions(root)
    )
    problems += found
    statuses += rejected
    log.info(
        "%s: %d files, %d rows, %d counts, %d problems", force_id, len(files), len(rows), len(counts), len(problems)
    )
    write_rows(rows_out, ROW_COLUMNS, check_rows("extract/<force>.rows.csv", ROW_COLUMNS, rows))
    write_rows(counts_out, COUNT_COLUMNS, check_rows("extract/<force>.counts.csv", COUNT_COLUMNS, counts))
    write_rows(status_out, STATUS_COLUMNS, statuses)
    write_rows(problems_out, PROBLEM_COLUMNS, [p.__dict__ for p in problems])
