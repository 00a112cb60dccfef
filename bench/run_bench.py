"""`make bench`: measure builds of the sample edition at x1, x10 and x100 its size.

For each scale: cold build, no-op rebuild, rebuild after one response file changes,
peak RSS (largest process), time per stage (Snakemake's own benchmark: files), and
the floor (every stage function in one Python process, no workflow engine). Medians
of --runs runs. Writes bench/RESULTS.md. Run from the repository root."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work"


def timed(command: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the largest process) via GNU time."""
    report = WORK / "time.txt"
    start = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, int(report.read_text().split()[-1]) // 1024


def snakemake(edition: str, *extra: str, work: Path = WORK) -> list[str]:
    """The build of one edition under `work` (raw/, results/, truth/), quietly."""
    return [
        sys.executable,
        "-m",
        "snakemake",
        "--cores",
        "2",
        "--quiet",
        "all",
        "--config",
        f"edition={edition}",
        f"raw_dir={work / 'raw'}",
        f"results_dir={work / 'results'}",
        f"truth_dir={work / 'truth'}",
        *extra,
    ]


def make_edition(scale: int) -> str:
    edition = f"x{scale}"
    if not (WORK / "raw" / edition / "SHA256SUMS").is_file():
        if scale == 1:  # the committed sample and its true labels, so classification is scored as in a real build
            shutil.copytree(REPO / "raw" / "2016", WORK / "raw" / edition)
            shutil.copytree(REPO / "tests" / "truth" / "2016", WORK / "truth" / edition)
        else:
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "scripts" / "make_sample_edition.py"),
                    str(WORK / "raw" / edition),
                    str(WORK / "truth" / edition),
                    str(scale),
                ],
                cwd=REPO,
                check=True,
            )
    return edition


def change_one_response(edition: str) -> None:
    """Append a blank line to one force's CSV (a real content change), then re-bless."""
    path = WORK / "raw" / edition / "responses" / "surrey" / "breaches.csv"
    path.write_bytes(path.read_bytes() + b"\r\n")
    subprocess.run(
        [sys.executable, "-m", "policebreaches.cli", "bless", edition, "--raw", str(WORK / "raw")],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def stage_times(edition: str) -> dict[str, float]:
    folder = WORK / "results" / edition / "benchmarks"
    totals: dict[str, float] = {}
    for tsv in folder.rglob("*.tsv"):
        rule = tsv.parent.name if tsv.parent != folder else tsv.stem
        seconds = float(tsv.read_text().splitlines()[1].split("\t")[0])
        totals[rule] = totals.get(rule, 0.0) + seconds
    return dict(sorted(totals.items()))


def floor(edition: str) -> float:
    out = WORK / "floor"
    shutil.rmtree(out, ignore_errors=True)
    truth = WORK / "truth" / edition / "incidents.csv"
    command = [sys.executable, str(REPO / "bench" / "floor.py"), str(WORK / "raw" / edition), str(out)]
    done = subprocess.run(
        command + ([str(truth)] if truth.is_file() else []), cwd=REPO, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.splitlines()[-1])["total"]


def pdf_pages(edition: str) -> int:
    import pdfplumber

    with pdfplumber.open(WORK / "results" / edition / "report.pdf") as pdf:
        return len(pdf.pages)


def measure(scale: int, runs: int) -> dict:
    edition = make_edition(scale)
    samples: dict[str, list] = {k: [] for k in ("cold", "noop", "one_change", "rss", "floor")}
    stages: list[dict] = []
    for _ in range(runs):
        shutil.rmtree(WORK / "results" / edition, ignore_errors=True)
        seconds, rss = timed(snakemake(edition))
        samples["cold"].append(seconds)
        samples["rss"].append(rss)
        stages.append(stage_times(edition))
        samples["noop"].append(timed(snakemake(edition))[0])
        change_one_response(edition)
        samples["one_change"].append(timed(snakemake(edition))[0])
        samples["floor"].append(floor(edition))
    result = {k: statistics.median(v) for k, v in samples.items()}
    result["stages"] = {rule: statistics.median(s.get(rule, 0.0) for s in stages) for rule in stages[0]}
    result["pages"] = pdf_pages(edition)
    result["incidents"] = sum(1 for _ in open(WORK / "results" / edition / "records.csv", encoding="utf-8")) - 1
    result["runs"] = runs
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    from importlib import metadata

    return (
        f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024} GiB RAM, Python {platform.python_version()}, "
        f"snakemake {metadata.version('snakemake')}, weasyprint {metadata.version('weasyprint')}, "
        f"pandas {metadata.version('pandas')}"
    )


def write_results(results: dict[int, dict], path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "",
        "Measured by `make bench` (`bench/run_bench.py`); medians of the number of runs shown. Wall-clock "
        "seconds; peak RSS is the largest single process.",
        "",
        "| scale | records | runs | cold build | floor (one process) | cold / floor | no-op | one changed response "
        "| change / cold | peak RSS | PDF pages |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale, r in results.items():
        lines.append(
            f"| x{scale} | {r['incidents']:,} | {r['runs']} | {r['cold']:.1f} s | {r['floor']:.1f} s | "
            f"{r['cold'] / r['floor']:.2f} | {r['noop']:.1f} s | {r['one_change']:.1f} s | "
            f"{r['one_change'] / r['cold']:.0%} | {r['rss']} MB | {r['pages']} |"
        )
    lines += [
        "",
        "## Time per stage (sum over the stage's jobs, from Snakemake's benchmark files)",
        "",
        "| stage | " + " | ".join(f"x{s}" for s in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for rule in next(iter(results.values()))["stages"]:
        lines.append(f"| {rule} | " + " | ".join(f"{r['stages'].get(rule, 0):.1f} s" for r in results.values()) + " |")
    notes = (REPO / "bench" / "NOTES.md").read_text(encoding="utf-8")  # the hand-written analysis
    path.write_text("\n".join(lines) + "\n\n" + notes, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="only rewrite RESULTS.md from the measurements kept beside it (after editing NOTES.md)",
    )
    args = parser.parse_args()
    kept = args.out.with_suffix(".json")  # the measurements behind RESULTS.md
    if args.rewrite:
        write_results({int(k): v for k, v in json.loads(kept.read_text(encoding="utf-8")).items()}, args.out)
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    results = {}
    for scale in (int(s) for s in args.scales.split(",")):
        results[scale] = measure(scale, args.runs)
        print(f"x{scale}: {json.dumps(results[scale])}", flush=True)
        write_results(results, args.out)
        kept.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
