"""The floor: every stage function of one edition run in ONE Python process, no
workflow engine, one after another. Prints JSON {stage: seconds}.
Usage: python bench/floor.py RAW_EDITION_DIR OUT_DIR [TRUTH_CSV]"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def run_floor(root: Path, out: Path, truth: Path | None = None) -> dict[str, float]:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(timings.get(name, 0.0) + now - clock, 3)
        clock = now

    from policebreaches import stages
    from policebreaches.audit import write_audit_page
    from policebreaches.buildinfo import stage_record_build
    from policebreaches.edition import read_register
    from policebreaches.extract_stage import stage_extract

    lap("imports")
    limits = {"max_file_mb": 50, "max_unpacked_mb": 200, "max_zip_ratio": 100}
    out.mkdir(parents=True, exist_ok=True)
    stages.stage_check_inputs(root, limits, False, out / "register.json", out / "problems.csv")
    lap("check_inputs")
    forces = sorted({r["force_id"] for r in read_register(root, [])})
    kinds = ("rows", "counts", "status", "problems")
    for force in forces:
        stage_extract(root, force, limits, *(out / "extract" / f"{force}.{k}.csv" for k in kinds))
    lap("extract_responses")
    files = {k: [out / "extract" / f"{f}.{k}.csv" for f in forces] for k in kinds}
    stages.stage_clean(
        root,
        files["rows"],
        files["status"],
        files["problems"],
        False,
        out / "clean.csv",
        out / "ledger.csv",
        out / "repairs.csv",
        out / "extraction_problems.csv",
    )
    stages.stage_check_ledger(out / "ledger.csv", out / "ledger.ok")
    lap("clean_records")
    stages.stage_classify(
        root,
        out / "clean.csv",
        files["counts"],
        out / "records.csv",
        out / "review.csv",
        out / "aggregates.csv",
        out / "exclusions.csv",
        out / "reclassified.csv",
        out / "previous_labels.csv",
    )
    lap("classify_breaches")
    stages.stage_score(out / "records.csv", [truth] if truth else [], out / "accuracy.csv", out / "confusion.csv")
    lap("score_classification")
    stages.stage_statistics(
        root,
        out / "register.json",
        out / "records.csv",
        out / "aggregates.csv",
        out / "ledger.csv",
        out / "exclusions.csv",
        out / "accuracy.csv",
        out / "numbers.json",
        out / "statistics" / "case_studies.json",
        out / "tables",
    )
    lap("compute_statistics")
    stages.stage_figures(root, out / "numbers.json", out / "register.json", out / "figures")
    lap("draw_figures")
    stages.stage_render(
        root,
        out,
        Path("report"),
        out / "numbers.json",
        out / "register.json",
        out / "statistics" / "case_studies.json",
        out / "accuracy.csv",
        [out / "problems.csv", out / "extraction_problems.csv"],
        out / "report.html",
        out / "report.pdf",
        out / "statistics" / "change.json",
    )
    lap("render_report")
    write_audit_page(
        out / "numbers.json",
        out / "records.csv",
        out / "ledger.csv",
        out / "review.csv",
        out / "exclusions.csv",
        Path("report/audit.html.j2"),
        out / "audit" / "index.html",
    )
    lap("build_audit_page")
    stage_record_build(root, {"edition": root.name}, out / "build_info.json")
    lap("record_build")
    return timings


if __name__ == "__main__":
    result = run_floor(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    result["total"] = round(sum(result.values()), 3)
    print(json.dumps(result))
