"""Every stage's run() on one edition, in pipeline order, in ONE Python process: no
workflow engine, no subprocess per stage. The same calls, with the same files, as the
rules in rules/*.smk make. Two users: bench/floor.py (the benchmark's floor: every stage)
and `make verify` (policebreaches/verify.py: the stages up to numbers.json, from raw/
alone, into a temporary folder)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .audit import write_audit_page
from .checks import inside
from .classify import CODEBOOK
from .edition import DATA_STATUSES, read_manifest
from .forces import FORCES_CSV
from .report_spec import REPORT_SPEC
from .stages import (
    check_inputs,
    classify,
    clean,
    extract,
    figures,
    record_build,
    render,
    score,
    score_corpus,
    statistics,
    train_model,
)

GIVEN_NAMES = REPORT_SPEC.parent / "given_names.txt"  # the publication gate's given names, beside the spec
KINDS = ("rows", "counts", "status", "problems")  # extract/<force>.<kind>.csv


def optional_file(path: Path) -> Path | None:
    return path if path.is_file() else None


def run_stages(
    root: Path,
    out: Path,
    *,
    limits: dict,
    corpus_dir: Path,
    truth: Path | None = None,
    allow_problems: bool = False,
    previous_numbers: Path | None = None,
    report_dir: Path = Path("report"),
    numbers_only: bool = False,
    lap: Callable[[str], None] = lambda rule: None,
) -> None:
    """Build raw edition `root` into `out` (laid out as results/<edition>/ is), each rule's
    stage in turn, or only those numbers.json needs (`numbers_only`: through
    compute_statistics); `lap(rule)` is called as each ends. Input problems raise
    InputError, as they stop the build."""
    out.mkdir(parents=True, exist_ok=True)
    check_inputs.run(
        root,
        FORCES_CSV,
        limits,
        allow_problems,
        out / "check" / "register.json",
        out / "check" / "edition.json",
        out / "check" / "problems.csv",
    )
    lap("check_inputs")
    register = json.loads((out / "check" / "register.json").read_text(encoding="utf-8"))
    bodies = [r for r in register if r["status"] in DATA_STATUSES]
    transcriptions = sorted((root / "transcribed").glob("*.csv"))
    manifest = read_manifest(root, [])
    for body in bodies:
        files = [p for p in (inside(root / "responses", n) for n in body["files"]) if p and p.is_file()]
        extract.run(
            body["force_id"],
            root / "responses",
            body["files"],
            files,
            manifest,
            limits,
            transcriptions,
            optional_file(root / "overrides" / "extraction.yaml"),
            *(out / "extract" / f"{body['force_id']}.{kind}.csv" for kind in KINDS),
        )
    lap("extract_responses")
    extracted = {kind: [out / "extract" / f"{b['force_id']}.{kind}.csv" for b in bodies] for kind in KINDS}
    clean.run(
        out / "check" / "edition.json",
        extracted["rows"],
        extracted["status"],
        extracted["problems"],
        allow_problems,
        out / "clean" / "records.csv",
        out / "ledger.csv",
        out / "clean" / "text_repairs.csv",
        out / "clean" / "extraction_problems.csv",
    )
    clean.check_ledger(out / "ledger.csv", out / "clean" / "ledger.ok")
    lap("clean_records")
    model = out / "model" / "second_opinion.pkl"
    train_model.run(sorted(corpus_dir.glob("incidents*.csv")), CODEBOOK, model)
    lap("train_second_opinion")
    classify.run(
        out / "clean" / "records.csv",
        extracted["counts"],
        CODEBOOK,
        model,
        optional_file(root / "overrides" / "coding.csv"),
        optional_file(root / classify.BASELINE_FILE),
        out / "records.csv",
        out / "review.csv",
        out / "aggregates.csv",
        out / "clean" / "exclusions.csv",
        out / "reclassified.csv",
    )
    lap("classify_breaches")
    score.run(out / "records.csv", truth, CODEBOOK, out / "accuracy.csv", out / "tables" / "confusion.csv")
    lap("score_classification")
    score_corpus.run(
        corpus_dir / "incidents.csv",
        corpus_dir / "outcomes.csv",
        CODEBOOK,
        out / "corpus_accuracy.csv",
        test_sets=sorted(corpus_dir.glob("test*_*.csv")),
        model=model,
    )
    lap("score_corpus")
    tables = {
        name: out / "tables" / f"{name}.csv" for name in ("table1", "top_ten", "force_breakdown", "top_ten_by_rate")
    }
    statistics.run(
        out / "check" / "edition.json",
        out / "check" / "register.json",
        out / "records.csv",
        out / "aggregates.csv",
        out / "ledger.csv",
        out / "clean" / "exclusions.csv",
        out / "accuracy.csv",
        out / "corpus_accuracy.csv",
        CODEBOOK,
        REPORT_SPEC,
        given_names=GIVEN_NAMES,
        previous_numbers=previous_numbers,
        numbers_out=out / "numbers.json",
        cases_out=out / "statistics" / "case_studies.json",
        change_out=out / "statistics" / "change.json",
        change_table_out=out / "tables" / "change.csv",
        table_outs={**tables, "xlsx": out / "tables" / "report_tables.xlsx"},
        tables_readme_out=out / "tables" / "README.txt",
        coded=optional_file(root / "coding" / "coded.csv"),
    )
    lap("compute_statistics")
    if numbers_only:
        return
    figures.run(
        out / "numbers.json",
        out / "check" / "register.json",
        CODEBOOK,
        REPORT_SPEC,
        given_names=GIVEN_NAMES,
        folder=out / "figures",
        readme=out / "figures" / "README.txt",
    )
    lap("draw_figures")
    render.run(
        out / "check" / "edition.json",
        out / "numbers.json",
        out / "check" / "register.json",
        out / "statistics" / "case_studies.json",
        out / "statistics" / "change.json",
        out / "accuracy.csv",
        [out / "check" / "problems.csv", out / "clean" / "extraction_problems.csv"],
        ledger=out / "ledger.csv",
        figures=sorted((out / "figures").glob("*.svg")),
        codebook=CODEBOOK,
        spec=REPORT_SPEC,
        given_names=GIVEN_NAMES,
        template=report_dir / "report.html.j2",
        css=report_dir / "report.css",
        fonts=sorted((report_dir / "fonts").glob("*.ttf")),
        html_out=out / "report.html",
        pdf_out=out / "report.pdf",
    )
    lap("render_report")
    write_audit_page(
        out / "numbers.json",
        out / "records.csv",
        out / "ledger.csv",
        out / "review.csv",
        out / "clean" / "exclusions.csv",
        codebook=CODEBOOK,
        template=report_dir / "audit.html.j2",
        out=out / "audit" / "index.html",
        data_dir=out / "audit" / "data",
    )
    lap("build_audit_page")
    record_build.run(root / "SHA256SUMS", root.name, {"edition": root.name}, out / "build_info.json")
    lap("record_build")
    from .publication import WORKFLOW_FOLDER, is_public
    from .stages import describe_run

    workflow = [Path("Snakefile"), *sorted(Path("rules").glob("*.smk"))]
    describe_run.run(
        build_info=out / "build_info.json",
        manifest=root / "SHA256SUMS",
        edition=out / "check" / "edition.json",
        workflow=workflow,
        workflow_copies=[out / WORKFLOW_FOLDER / path for path in workflow],
        numbers=out / "numbers.json",
        public=[p for p in sorted(out.rglob("*")) if p.is_file() and is_public(p.relative_to(out).as_posix())],
        out=out / "ro-crate-metadata.json",
        given_names=GIVEN_NAMES,
    )
    lap("describe_run")
