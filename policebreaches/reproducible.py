"""`make check-reproducible`: build an edition twice from clean, in separate processes
and folders, and compare the sha256 of every output."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .edition import sha256_file

COMPARED = (
    "report.pdf",
    "report.html",
    "numbers.json",
    "records.csv",
    "aggregates.csv",
    "ledger.csv",
    "tables",
    "figures",
    "ro-crate-metadata.json",
    "workflow",  # the crate's copies of Snakefile and rules/*.smk
)
# How the build records are compared, printed with the result.
HOW_COMPARED = (
    "ro-crate-metadata.json: compared byte for byte. It records no clock time (its date is the edition's "
    "publication date, the run has no start or end time) and no absolute path; it names git describe and "
    "the package versions, so only a build of another commit or environment writes other bytes. workflow/, the "
    "crate's copy of Snakefile and rules/*.smk, is compared file by file too.",
    "build_info.json: not compared. It records the configuration, and results_dir differs between the two builds.",
)


def build_once(edition: str, results_dir: Path, cores: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            cores,
            "--quiet",
            "all",
            "--config",
            f"edition={edition}",
            f"results_dir={results_dir}",
        ],
        check=True,
    )


def output_digests(folder: Path) -> dict[str, str]:
    digests = {}
    for name in COMPARED:
        path = folder / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digests[file.relative_to(folder).as_posix()] = sha256_file(file)
    return digests


def check_reproducible(edition: str, cores: str = "2") -> int:
    with tempfile.TemporaryDirectory(prefix="repro-") as tmp:
        first, second = Path(tmp) / "a", Path(tmp) / "b"
        build_once(edition, first, cores)
        build_once(edition, second, cores)
        a, b = output_digests(first / edition), output_digests(second / edition)
    differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
    for name in sorted(a):
        print(f"{'DIFFERS' if name in differing else 'same   '} {a.get(name, '-')[:16]} {name}")
    print(f"{len(a) - len(differing)} of {len(a)} outputs identical")
    for line in HOW_COMPARED:
        print(line)
    return 1 if differing else 0
