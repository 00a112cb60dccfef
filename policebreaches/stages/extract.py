"""Rule extract_responses, one job per body that sent figures: its response files checked
(present, pinned by SHA256SUMS, within the limits), then read. Kept free of pandas and of
the other stages' imports: it runs once per body, so its start-up cost is paid that often."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from ..cells import safe_cell
from ..checks import check_body_files
from ..classify import edition_period, load_codebook, resolve_counts
from ..contracts import COUNT_COLUMNS, PROBLEM_COLUMNS, ROW_COLUMNS, STATUS_COLUMNS, check_rows
from ..edition import SET_ASIDE, TRANSCRIPTION_COLUMNS
from ..extract import counts_beside_incidents, extract_force
from ..problems import InputError, Problem
from ..strict import load_yaml

log = logging.getLogger("policebreaches")


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    """The same CSV dialect as stages.write_csv (pandas), byte for byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)


def extraction_hints(path: Path | None) -> dict:
    """overrides/extraction.yaml: per-file hints, keyed by path relative to responses/
    (loaded strictly: a repeated key or a syntax error stops the stage, as the input check
    reports it)."""
    if path is None:
        return {}
    problems: list[Problem] = []
    hints = load_yaml(path, "overrides/extraction.yaml", problems)
    if problems or not isinstance(hints or {}, dict):
        raise InputError(problems or [Problem("overrides/extraction.yaml", "not a mapping", "see README")])
    return hints or {}


def transcriptions(paths: list[Path]) -> dict[str, list[dict]]:
    """transcribed/*.csv rows by the response file they stand for."""
    by_file: dict[str, list[dict]] = {}
    for path in sorted(paths):
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
                by_file.setdefault(row["source_file"], []).append(
                    {**row, "line": f"{path.name}:{line}", "transcript": path.name, "line_number": line}
                )
    return by_file


def counted_twice_by_answer(
    rows: list[dict], counts: list[dict], problems: list[Problem], answers: list[list[str]] | None
) -> list[Problem]:
    """Counts beside incident rows are the same breaches counted twice only within one answer
    (a covering letter's total and its table): a body's answers that gave figures cover
    months of their own, or the input check has named them already (edition.body_register).
    `answers`: the files of each (relative to responses/); none or one: the body's files are one answer."""
    if not answers or len(answers) < 2:
        return problems
    whole = set(counts_beside_incidents(rows, counts))
    found = [p for p in problems if p not in whole]
    for names in answers:
        own = {f"responses/{name}" for name in names}
        found += counts_beside_incidents(
            [r for r in rows if r["source_file"] in own], [c for c in counts if c["source_file"] in own]
        )
    return found


def run(
    force_id: str,
    responses_dir: Path,
    names: list[str],
    response_files: list[Path],
    manifest: dict[str, str],
    limits: dict,
    period: list[str],
    transcription_files: list[Path],
    hints: Path | None,
    codebook: Path,
    rows_out: Path,
    counts_out: Path,
    status_out: Path,
    problems_out: Path,
    set_aside: list[str] | None = None,
    answers: list[list[str]] | None = None,
) -> None:
    """Extract one body's responses. `names`: the files the register lists for it
    (relative to responses/); `response_files`: those that exist, as the rule declares them;
    `manifest`: their SHA256SUMS entries as Snakemake read them when planning the build.
    Its counts are resolved here as classification will (`resolve_counts`), so a total
    that is missing or disagrees is in the first problem list with every other.
    A file is opened by a parser only after it passed its checks (present, pinned by
    SHA256SUMS, within the size and container limits); the others are listed in the
    ledger's status, and the input check reports why. `set_aside`: the files of answers a
    later answer of the body replaces (relative to responses/): never opened, listed in the
    ledger as set aside. `answers`: the files of each answer of the body that gave figures."""
    accepted, rejected = check_body_files(responses_dir, names, response_files, manifest, limits)
    files = {item["name"]: responses_dir / item["name"] for item in accepted}
    sha = {f"responses/{item['name']}": item["sha256"] for item in accepted}
    book = load_codebook(codebook)
    rows, counts, statuses, problems = extract_force(
        files, force_id, sha, extraction_hints(hints), transcriptions(transcription_files), limits, book
    )
    problems = counted_twice_by_answer(rows, counts, problems, answers)
    # known now: in the first problem list, not at classification
    problems += resolve_counts(counts, book, edition_period(period))[1]
    statuses += [
        {"source_file": f"responses/{item['name']}", "force_id": force_id, "status": item["status"]}
        for item in rejected
    ]
    statuses += [
        {"source_file": f"responses/{name}", "force_id": force_id, "status": SET_ASIDE} for name in set_aside or []
    ]
    log.info(
        "%s: %d files, %d rows, %d counts, %d problems", force_id, len(files), len(rows), len(counts), len(problems)
    )
    write_rows(rows_out, ROW_COLUMNS, check_rows("extract/<force>.rows.csv", ROW_COLUMNS, rows))
    write_rows(counts_out, COUNT_COLUMNS, check_rows("extract/<force>.counts.csv", COUNT_COLUMNS, counts))
    write_rows(status_out, STATUS_COLUMNS, statuses)
    write_rows(problems_out, PROBLEM_COLUMNS, [p.__dict__ for p in problems])
