"""Build small editions on disk for tests: real files, written the way forces send them."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

from policebreaches.edition import OPTIONAL_REGISTER_COLUMNS, REGISTER_COLUMNS, write_manifest

EDITION_YAML = """title: "Test edition"
subtitle: "A small edition written by a test"
period_start: 2011-06-01
period_end: 2015-12-31
published: 2016-07-14
synthetic: true
request_file: request.txt
"""
LIMITS = {
    "max_file_mb": 1,
    "max_unpacked_mb": 5,
    "max_zip_ratio": 100,
    "max_zip_members": 2000,
    "max_rows": 5000,
    "max_cell_chars": 2000,
    "max_email_depth": 3,
}


def make_edition(
    root: Path, rows: list[dict], files: dict[str, bytes | str], bless: bool = True, extra: dict[str, str] | None = None
) -> Path:
    """rows: register rows (force, status, files ...); files: responses/<name> -> content."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "edition.yaml").write_text(EDITION_YAML, encoding="utf-8")
    (root / "request.txt").write_text("Please send the number of data protection breaches.\n", encoding="utf-8")
    # the optional columns (coverage, counting unit) only when a row gives them
    columns = REGISTER_COLUMNS + [c for c in OPTIONAL_REGISTER_COLUMNS if any(c in row for row in rows)]
    with open(root / "requests.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {c: row.get(c, "") for c in columns}
                | {"requested": "2016-01-04", "responded": row.get("responded", _answered(row))}
            )
    for name, content in files.items():
        path = root / "responses" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for name, content in (extra or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    (root / "responses").mkdir(exist_ok=True)
    if bless:
        write_manifest(root)
    return root


def xlsx_bytes(
    tmp: Path,
    sheets: dict[str, list[list]],
    merge: dict[str, str] | None = None,
    formula: tuple[str, str, str] | None = None,
) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if merge and name in merge:
            ws.merge_cells(merge[name])
    if formula:
        wb[formula[0]][formula[1]] = formula[2]
    path = tmp / "book.xlsx"
    wb.save(path)
    return path.read_bytes()


def docx_bytes(tmp: Path, tables: list[list[list[str]]], paragraphs: list[str] = ()) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for values in rows:
            for cell, text in zip(table.add_row().cells, values):
                cell.text = text
    path = tmp / "doc.docx"
    document.save(str(path))
    return path.read_bytes()


def extract(root: Path, force_id: str, limits: dict | None = None):
    """(rows, counts, statuses, problems) for one force, as the pipeline's extract stage sees them."""
    from policebreaches.edition import read_register, sha256_file
    from policebreaches.extract import extract_force
    from policebreaches.forces import uk_forces
    from policebreaches.stages.extract import extraction_hints, transcriptions

    register = {r["force_id"]: r for r in read_register(root, [], uk_forces())}
    files = {name: root / "responses" / name for name in register[force_id]["files"]}
    sha = {f"responses/{n}": sha256_file(path) for n, path in files.items()}
    hints = root / "overrides" / "extraction.yaml"
    transcribed = sorted((root / "transcribed").glob("*.csv"))
    return extract_force(
        files,
        force_id,
        sha,
        extraction_hints(hints if hints.is_file() else None),
        transcriptions(transcribed),
        limits or LIMITS,
    )


def build_edition(
    root: Path, results_dir: Path, target: str = "", allow_problems: bool = False
) -> tuple[subprocess.CompletedProcess, Path]:
    """Snakemake's build of edition `root` (all, or one output of it: `target`, e.g. numbers.json)
    into `results_dir`: (the run, with its console in stdout and stderr; results/<edition>)."""
    repo = Path(__file__).resolve().parents[1]
    out = results_dir / root.name
    config = [f"edition={root.name}", f"results_dir={results_dir}", f"raw_dir={root.parent}"]
    config += ["allow_problems=true"] if allow_problems else []
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            "2",
            "--nolock",  # side by side with other tests' builds in this working directory (conftest.run_pipeline)
            str(out / target) if target else "all",
            "--config",
            *config,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    return done, out


def data_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["row_kind"] == "data"]


TODAY = dt.date(2016, 2, 1)


def _answered(row: dict) -> str:
    """A date of answer, except for a body that did not answer."""
    return "" if row.get("status") == "no_response" else "2016-02-01"
