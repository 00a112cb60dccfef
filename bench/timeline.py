"""When each job of the last build ran: python bench/timeline.py results/<edition>

A job's end is its benchmark file's modification time (Snakemake writes it as the job
ends) and its start is that minus the job's wall time, so the output shows where a build
waits: Snakemake's start-up before the first job, gaps between jobs, and the serial tail."""

from __future__ import annotations

import sys
from pathlib import Path


def jobs(results: Path) -> list[tuple[float, float, str]]:
    """(start, end, name) per job, in seconds from the first job's start."""
    found = []
    for tsv in (results / "benchmarks").rglob("*.tsv"):
        seconds = float(tsv.read_text().splitlines()[1].split("\t")[0])
        end = tsv.stat().st_mtime
        name = f"{tsv.parent.name}/{tsv.stem}" if tsv.parent.name != "benchmarks" else tsv.stem
        found.append((end - seconds, end, name))
    first = min(start for start, _, _ in found)
    return sorted((start - first, end - first, name) for start, end, name in found)


def main() -> int:
    timeline = jobs(Path(sys.argv[1]))
    for start, end, name in timeline:
        print(f"{start:7.2f} {end:7.2f} {end - start:6.2f}  {name}")
    busy = sum(end - start for start, end, _ in timeline)
    print(f"first job start to last job end: {timeline[-1][1]:.2f} s; job time summed: {busy:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
