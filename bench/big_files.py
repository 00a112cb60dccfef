"""`make bench-big-files`: one oversized response at a time, built end to end.

Editions (one force each, written here from a fixed seed):
  csv-50mb      a 50 MB CSV of 100,000 incidents with long descriptions (within max_rows)
  csv-250k      the most rows max_rows accepts (a header and 249,999 incidents, 33 MB)
  csv-2m-rows   a 48 MB CSV of 2,000,000 short rows (over max_rows: a problem, never read to the end)
  xlsx-1m-rows  a 1,000,000-row xlsx (unpacks to 282 MB: over max_unpacked_mb, never opened)
For each: wall time, peak RSS of the largest process (GNU time), the audit page's size,
and what the build said. Results are appended to bench/RESULTS.md by hand from the table
this prints (the numbers depend on the machine). Run from the repository root."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work" / "big"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from run_bench import snakemake  # noqa: E402  (the same build command as the benchmark)

from editions import make_edition  # noqa: E402  (the tests' edition writer: real files, blessed)

WORDS = (
    "officer accessed the police national computer to check the details of a neighbour without a policing "
    "purpose and later disclosed the information to a member of his family during a private conversation"
).split()
ROLES = ["PC", "Police Staff", "Sgt", "PCSO", "DC"]
OUTCOMES = ["Written warning", "Management advice", "Dismissed", "No further action", "Resigned"]


def incidents(n: int, words: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2012, 2015)}",
            rng.choice(ROLES),
            " ".join(rng.choice(WORDS) for _ in range(words)),
            rng.choice(OUTCOMES),
        ]
        for _ in range(n)
    ]


def csv_bytes(rows: list[list[str]]) -> bytes:
    path = WORK / "tmp.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Date", "Rank", "Nature of breach", "Outcome"])
        writer.writerows(rows)
    return path.read_bytes()


def xlsx_bytes(n: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(["Date", "Rank", "Nature of breach", "Outcome"])
    for row in incidents(n, 6, seed=4):
        sheet.append(row)
    path = WORK / "tmp.xlsx"
    book.save(path)
    return path.read_bytes()


def edition(name: str, file_name: str, content: bytes) -> None:
    if not (WORK / "raw" / name / "SHA256SUMS").is_file():
        make_edition(
            WORK / "raw" / name,
            [{"force": "Kent Police", "status": "disclosed", "files": f"kent/{file_name}"}],
            {f"kent/{file_name}": content},
        )


def build(name: str) -> dict:
    report = WORK / f"{name}.time"
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *snakemake(name, "allow_problems=true", work=WORK)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    page = WORK / "results" / name / "audit" / "index.html"
    problems = [WORK / "results" / name / "check" / "problems.csv"]
    problems.append(WORK / "results" / name / "clean" / "extraction_problems.csv")
    return {
        "edition": name,
        "exit": done.returncode,
        "seconds": round(seconds, 1),
        "peak_rss_mb": int(report.read_text().split()[-1]) // 1024,
        "audit_page_mb": round(page.stat().st_size / 1e6, 2) if page.is_file() else None,
        "problems": [line for p in problems if p.is_file() for line in p.read_text(encoding="utf-8").splitlines()[1:]],
    }


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    edition("csv-50mb", "breaches.csv", csv_bytes(incidents(100_000, 75, seed=1)))
    edition("csv-250k", "breaches.csv", csv_bytes(incidents(249_999, 16, seed=2)))
    edition("csv-2m-rows", "breaches.csv", csv_bytes([[d, r, "x", "NFA"] for d, r, _, _ in incidents(2_000_000, 0, 3)]))
    edition("xlsx-1m-rows", "breaches.xlsx", xlsx_bytes(1_000_000))
    print("| response | size | exit | wall | peak RSS | audit page | what the build said |")
    print("|---|---|---|---|---|---|---|")
    for name in ("csv-50mb", "csv-250k", "csv-2m-rows", "xlsx-1m-rows"):
        size = sum(p.stat().st_size for p in (WORK / "raw" / name / "responses").rglob("*") if p.is_file())
        result = build(name)
        said = "; ".join(result["problems"])[:160] or "built, no problem"
        print(
            f"| {name} | {size / 1e6:.1f} MB | {result['exit']} | {result['seconds']} s | {result['peak_rss_mb']} MB"
            f" | {result['audit_page_mb']} MB | {said} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
