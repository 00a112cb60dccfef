"""`make bench`: builds of the sample edition at x1, x10 and x100 its size, measured side
by side against an older commit of the project (default f47a480, the last commit before
issues 11-16 made the build twice as slow), on the same machine in the same run.

For each scale and each checkout (this one, and a git worktree of the older commit under
bench/work/), each with its own sample edition from its own generator: cold build, no-op
rebuild, rebuild after one response file changes, peak RSS (largest process), time per
stage (Snakemake's benchmark files). The runs are paired in turn (this, older, this,
older ...), so a busy moment of the machine falls on both. Medians of --runs runs.
Writes bench/RESULTS.md and bench/RESULTS.json. Run from the repository root."""

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
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work"
BASELINE = "f47a480"


@dataclass
class Checkout:
    """One version of the project under measurement: its code and its own work folder."""

    label: str
    root: Path
    work: Path

    def python_module(self, *arguments: str) -> list[str]:
        return [sys.executable, "-m", *arguments]


def checkouts(against: str) -> list[Checkout]:
    """This checkout and a worktree of `against` (created once, kept under bench/work/)."""
    older = WORK / f"checkout-{against}"
    if not older.is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", "-f", str(older), against], cwd=REPO, check=True)
    return [Checkout("this", REPO, WORK / "this"), Checkout(against, older, WORK / against)]


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the largest process) via GNU time."""
    report = WORK / "time.txt"
    start = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, int(report.read_text().split()[-1]) // 1024


def snakemake(checkout: Checkout, edition: str) -> list[str]:
    """The build of one edition under the checkout's work folder (raw/, results/, truth/), quietly."""
    work = checkout.work
    return checkout.python_module(
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
    )


def generator(checkout: Checkout) -> list[str]:
    """The checkout's own sample generator (it moved from the package to scripts/)."""
    script = checkout.root / "scripts" / "make_sample_edition.py"
    if script.is_file():
        return [sys.executable, str(script)]
    return checkout.python_module("policebreaches.sample.generate")


def make_edition(checkout: Checkout, scale: int) -> str:
    edition, work = f"x{scale}", checkout.work
    if not (work / "raw" / edition / "SHA256SUMS").is_file():
        if scale == 1:  # the committed sample and its true labels, so classification is scored as in a real build
            shutil.copytree(checkout.root / "raw" / "2016", work / "raw" / edition)
            shutil.copytree(checkout.root / "tests" / "truth" / "2016", work / "truth" / edition)
        else:
            command = [*generator(checkout), str(work / "raw" / edition), str(work / "truth" / edition), str(scale)]
            subprocess.run(command, cwd=checkout.root, check=True)
    return edition


def change_one_response(checkout: Checkout, edition: str) -> None:
    """Append a blank line to one force's CSV (a real content change), then re-bless."""
    path = checkout.work / "raw" / edition / "responses" / "surrey" / "breaches.csv"
    path.write_bytes(path.read_bytes() + b"\r\n")
    subprocess.run(
        checkout.python_module("policebreaches.cli", "bless", edition, "--raw", str(checkout.work / "raw")),
        cwd=checkout.root,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def stage_times(checkout: Checkout, edition: str) -> dict[str, float]:
    folder = checkout.work / "results" / edition / "benchmarks"
    totals: dict[str, float] = {}
    for tsv in folder.rglob("*.tsv"):
        rule = tsv.parent.name if tsv.parent != folder else tsv.stem
        seconds = float(tsv.read_text().splitlines()[1].split("\t")[0])
        totals[rule] = totals.get(rule, 0.0) + seconds
    return dict(sorted(totals.items()))


def pdf_pages(checkout: Checkout, edition: str) -> int:
    import pdfplumber

    with pdfplumber.open(checkout.work / "results" / edition / "report.pdf") as pdf:
        return len(pdf.pages)


def one_run(checkout: Checkout, edition: str, samples: dict, stages: list) -> None:
    shutil.rmtree(checkout.work / "results" / edition, ignore_errors=True)
    seconds, rss = timed(snakemake(checkout, edition), checkout.root)
    samples["cold"].append(seconds)
    samples["rss"].append(rss)
    stages.append(stage_times(checkout, edition))
    samples["noop"].append(timed(snakemake(checkout, edition), checkout.root)[0])
    change_one_response(checkout, edition)
    samples["one_change"].append(timed(snakemake(checkout, edition), checkout.root)[0])


def measure(scale: int, runs: int, pair: list[Checkout]) -> dict[str, dict]:
    """{checkout label: medians} for one scale, the checkouts' runs taken in turn."""
    editions = {c.label: make_edition(c, scale) for c in pair}
    samples = {c.label: {k: [] for k in ("cold", "noop", "one_change", "rss")} for c in pair}
    stages: dict[str, list] = {c.label: [] for c in pair}
    for run in range(runs):
        for checkout in pair if run % 2 == 0 else pair[::-1]:  # this/older, then older/this, ...
            one_run(checkout, editions[checkout.label], samples[checkout.label], stages[checkout.label])
    results = {}
    for checkout in pair:
        label, edition = checkout.label, editions[checkout.label]
        result = {k: statistics.median(v) for k, v in samples[label].items()}
        runs_stages = stages[label]
        result["stages"] = {rule: statistics.median(s.get(rule, 0.0) for s in runs_stages) for rule in runs_stages[0]}
        result["pages"] = pdf_pages(checkout, edition)
        records = checkout.work / "results" / edition / "records.csv"
        result["incidents"] = sum(1 for _ in open(records, encoding="utf-8")) - 1
        result["runs"] = runs
        results[label] = result
    return results


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    from importlib import metadata

    return (
        f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024} GiB RAM, Python {platform.python_version()}, "
        f"snakemake {metadata.version('snakemake')}, weasyprint {metadata.version('weasyprint')}, "
        f"pandas {metadata.version('pandas')}"
    )


def write_results(results: dict[int, dict], against: str, path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "",
        f"Measured by `make bench` (`bench/run_bench.py`): this checkout and commit {against} side by side, "
        "runs paired in turn, medians of the number of runs shown. Wall-clock seconds; peak RSS is the "
        "largest single process. Each checkout builds its own sample edition at each scale.",
        "",
        f"| scale | checkout | records | runs | cold build | cold / {against} | no-op | one changed response "
        "| change / cold | peak RSS | PDF pages |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale, pair in results.items():
        base = pair.get(against)  # absent from a record measured before the runs were paired
        for label, r in pair.items():
            ratio = f"{r['cold'] / base['cold']:.2f}" if base else "–"
            lines.append(
                f"| x{scale} | {label} | {r['incidents']:,} | {r['runs']} | {r['cold']:.1f} s | "
                f"{ratio} | {r['noop']:.1f} s | {r['one_change']:.1f} s | "
                f"{r['one_change'] / r['cold']:.0%} | {r['rss']} MB | {r['pages']} |"
            )
    lines += ["", "## Time per stage (sum over the stage's jobs, from Snakemake's benchmark files)", ""]
    for scale, pair in results.items():
        rules = sorted({rule for r in pair.values() for rule in r["stages"]})
        lines += [f"x{scale}:", "", "| stage | " + " | ".join(pair) + " |", "|---|" + "---|" * len(pair)]
        for rule in rules:
            lines.append(f"| {rule} | " + " | ".join(f"{r['stages'].get(rule, 0):.1f} s" for r in pair.values()) + " |")
        lines.append("")
    notes = (REPO / "bench" / "NOTES.md").read_text(encoding="utf-8")  # the hand-written analysis
    path.write_text("\n".join(lines) + "\n\n" + notes, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", default=BASELINE, help="the older commit measured side by side")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="only rewrite RESULTS.md from the measurements kept beside it (after editing NOTES.md)",
    )
    args = parser.parse_args()
    kept = args.out.with_suffix(".json")  # the measurements behind RESULTS.md
    if args.rewrite:
        record = json.loads(kept.read_text(encoding="utf-8"))
        if "scales" not in record:  # measured before the runs were paired: this checkout alone
            record = {"against": args.against, "scales": {k: {"this": v} for k, v in record.items()}}
        write_results({int(k): v for k, v in record["scales"].items()}, record["against"], args.out)
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    pair = checkouts(args.against)
    results = {}
    for scale in (int(s) for s in args.scales.split(",")):
        results[scale] = measure(scale, args.runs, pair)
        print(f"x{scale}: {json.dumps(results[scale])}", flush=True)
        write_results(results, args.against, args.out)
        kept.write_text(json.dumps({"against": args.against, "scales": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
