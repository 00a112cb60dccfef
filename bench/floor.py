"""The floor: every stage function of one edition run in ONE Python process, no
workflow engine, one after another. Prints JSON {stage: seconds}.
Usage: python bench/floor.py RAW_EDITION_DIR OUT_DIR [TRUTH_CSV]"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_floor(root: Path, out: Path, truth: Path | None = None) -> dict[str, float]:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(timings.get(name, 0.0) + now - clock, 3)
        clock = now

    from policebreaches.audit import write_audit_page
    from policebreaches.checks import inside
    from policebreaches.classify import CODEBOOK
    from policebreaches.edition import read_manifest
    from policebreaches.forces import FORCES_CSV
    from policebreaches.publication import is_public
    from policebreaches.report_spec import REPORT_SPEC

    GIVEN_NAMES = REPORT_SPEC.parent / "given_names.txt"  # noqa: N806 (a resource, beside the spec)
    from policebreaches.stages import (
        check_inputs,
        classify,
        clean,
        describe_run,
        extract,
        figures,
        record_build,
        render,
        score,
        score_corpus,
        statistics,
    )

    lap("imports")
    limits = {"max_file_mb": 50, "max_unpacked_mb": 200, "max_zip_ratio": 100, "max_rows": 250000}
    out.mkdir(parents=True, exist_ok=True)
    check_inputs.run(root, FORCES_CSV, limits, False, out / "register.json", out / "edition.json", out / "problems.csv")
    lap("check_inputs")
    register = json.loads((out / "register.json").read_text(encoding="utf-8"))
    bodies = [r for r in register if r["status"] in ("disclosed", "partial")]
    kinds = ("rows", "counts", "status", "problems")
    transcriptions = sorted((root / "transcribed").glob("*.csv"))
    hints = root / "overrides" / "extraction.yaml"
    manifest = read_manifest(root, [])
    for body in bodies:
        files = [p for p in (inside(root / "responses", n) for n in body["files"]) if p and p.is_file()]
        outs = (out / "extract" / f"{body['force_id']}.{k}.csv" for k in kinds)
        extract.run(
            body["force_id"],
            root / "responses",
            body["files"],
            files,
            manifest,
            limits,
            transcriptions,
            hints if hints.is_file() else None,
            *outs,
        )
    lap("extract_responses")
    files = {k: [out / "extract" / f"{b['force_id']}.{k}.csv" for b in bodies] for k in kinds}
    clean.run(
        out / "edition.json",
        files["rows"],
        files["status"],
        files["problems"],
        False,
        out / "clean.csv",
        out / "ledger.csv",
        out / "repairs.csv",
        out / "extraction_problems.csv",
    )
    clean.check_ledger(out / "ledger.csv", out / "ledger.ok")
    lap("clean_records")
    coding = root / "overrides" / "coding.csv"
    corpus = sorted((REPO / "tests" / "corpus").glob("incidents*.csv"))
    classify.run(
        out / "clean.csv",
        files["counts"],
        CODEBOOK,
        corpus,
        coding if coding.is_file() else None,
        None,
        out / "records.csv",
        out / "review.csv",
        out / "aggregates.csv",
        out / "exclusions.csv",
        out / "reclassified.csv",
    )
    lap("classify_breaches")
    score.run(out / "records.csv", truth, CODEBOOK, out / "accuracy.csv", out / "confusion.csv")
    lap("score_classification")
    corpus_dir = REPO / "tests" / "corpus"
    score_corpus.run(corpus_dir / "incidents.csv", corpus_dir / "outcomes.csv", CODEBOOK, out / "corpus_accuracy.csv")
    lap("score_corpus")
    tables = {name: out / "tables" / f"{name}.csv" for name in ("table1", "top_ten", "force_breakdown")}
    statistics.run(
        out / "edition.json",
        out / "register.json",
        out / "records.csv",
        out / "aggregates.csv",
        out / "ledger.csv",
        out / "exclusions.csv",
        out / "accuracy.csv",
        out / "corpus_accuracy.csv",
        CODEBOOK,
        REPORT_SPEC,
        given_names=GIVEN_NAMES,
        previous_numbers=None,
        numbers_out=out / "numbers.json",
        cases_out=out / "statistics" / "case_studies.json",
        change_out=out / "statistics" / "change.json",
        change_table_out=out / "tables" / "change.csv",
        table_outs={**tables, "xlsx": out / "tables" / "report_tables.xlsx"},
        tables_readme_out=out / "tables" / "README.txt",
    )
    lap("compute_statistics")
    figures.run(
        out / "numbers.json",
        out / "register.json",
        CODEBOOK,
        REPORT_SPEC,
        given_names=GIVEN_NAMES,
        folder=out / "figures",
        readme=out / "figures" / "README.txt",
    )
    lap("draw_figures")
    render.run(
        out / "edition.json",
        out / "numbers.json",
        out / "register.json",
        out / "statistics" / "case_studies.json",
        out / "statistics" / "change.json",
        out / "accuracy.csv",
        [out / "problems.csv", out / "extraction_problems.csv"],
        ledger=out / "ledger.csv",
        figures=sorted((out / "figures").glob("*.svg")),
        codebook=CODEBOOK,
        spec=REPORT_SPEC,
        given_names=GIVEN_NAMES,
        template=Path("report/report.html.j2"),
        css=Path("report/report.css"),
        fonts=sorted(Path("report/fonts").glob("*.ttf")),
        html_out=out / "report.html",
        pdf_out=out / "report.pdf",
    )
    lap("render_report")
    write_audit_page(
        out / "numbers.json",
        out / "records.csv",
        out / "ledger.csv",
        out / "review.csv",
        out / "exclusions.csv",
        codebook=CODEBOOK,
        template=Path("report/audit.html.j2"),
        out=out / "audit" / "index.html",
        data_dir=out / "audit" / "data",
    )
    lap("build_audit_page")
    record_build.run(root / "SHA256SUMS", root.name, {"edition": root.name}, out / "build_info.json")
    lap("record_build")
    describe_run.run(
        build_info=out / "build_info.json",
        manifest=root / "SHA256SUMS",
        edition=out / "edition.json",
        workflow=[Path("Snakefile"), *sorted(Path("rules").glob("*.smk"))],
        numbers=out / "numbers.json",
        public=[p for p in sorted(out.rglob("*")) if p.is_file() and is_public(p.relative_to(out).as_posix())],
        out=out / "ro-crate-metadata.json",
    )
    lap("describe_run")
    return timings


if __name__ == "__main__":
    result = run_floor(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    result["total"] = round(sum(result.values()), 3)
    print(json.dumps(result))
