"""Issue 23's allow-list, proved on the marker edition (tests/marker_edition.py): every text
cell, file name, sheet name, e-mail subject and attachment name, request line and register
note carries a marker of its own, and no marker reaches a public output (report.pdf,
report.html, numbers.json, tables/, figures/, the xlsx) except the two a person approved for
print: the case study's approved quote and the public request; the provenance crate, sent
with the report, carries none at all (its raw files are there by checksum). The fast part
builds what numbers.json needs, and the crate of it; the slow part builds everything."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from marker_edition import make_marker_edition

from policebreaches.crate import CRATE_FILE
from policebreaches.publication import WORKFLOW_FOLDER, is_public

from conftest import REPO, read
from editions import build_edition

MARKER = re.compile(r"zqm\d{3}")


def build(tmp: Path, numbers_only: bool) -> tuple[Path, set[str], set[str]]:
    """(results folder, every marker, the approved markers) of the marker edition, built by the
    workflow (only what numbers.json needs, or all of it)."""
    root, mark, approved = make_marker_edition(tmp, tmp / "raw" / "2099")
    done, out = build_edition(root, tmp / "results", "numbers.json" if numbers_only else "")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out, set(mark.all), approved


def text_of(path: Path) -> str:
    """What a reader of the file sees: a PDF's text, a workbook's sheet names and cells, else the file."""
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
        return "\n".join(book.sheetnames + cells)
    if path.suffix == ".png":
        return ""  # drawn from the figure's data, which is checked as CSV and SVG
    return path.read_text(encoding="utf-8")


def sent(name: str) -> bool:
    """Whether a file under results/<edition>/ goes out with the report: a public output, or
    the provenance crate (its metadata file and the workflow it carries)."""
    return is_public(name) or name == CRATE_FILE or name.startswith(f"{WORKFLOW_FOLDER}/")


def leaks(results: Path, approved: set[str]) -> dict[str, set[str]]:
    """The markers but the approved ones in each file sent with the report, the whole crate included."""
    public = [p for p in sorted(results.rglob("*")) if p.is_file() and sent(p.relative_to(results).as_posix())]
    assert public
    found = {p.relative_to(results).as_posix(): set(MARKER.findall(text_of(p))) - approved for p in public}
    return {name: markers for name, markers in found.items() if markers}


def reached_the_records(results: Path, markers: set[str]) -> set[str]:
    """The markers the build read (so a marker missing from a public file is one kept out, not one never read)."""
    records = (results / "records.csv").read_text(encoding="utf-8")
    return {m for m in markers if m in records}


@pytest.fixture(scope="module")
def numbers_built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("marker-numbers"), numbers_only=True)


def test_the_markers_reach_the_records_cells_file_and_sheet_names_included(numbers_built):
    results, markers, approved = numbers_built
    read_ones = reached_the_records(results, markers)
    assert len(read_ones) >= 50 and approved - read_ones == {approved_request(approved)}
    records = read(results / "records.csv")
    assert records["source_file"].str.contains("zqm").all() and records["source_locator"].str.contains("zqm").any()
    assert {"role_raw", "outcome_raw", "description_raw"} <= {
        c for c in records.columns if records[c].str.contains("zqm").any()
    }


def approved_request(approved: set[str]) -> str:
    return max(approved)  # the public request's marker is handed out after the quote's


def test_no_marker_reaches_numbers_tables_or_the_workbook(numbers_built):
    results, _, approved = numbers_built
    assert leaks(results, approved) == {}
    cases = json.loads((results / "statistics" / "case_studies.json").read_text(encoding="utf-8"))
    assert [c["approved"] for c in cases] == [True, False]


def test_the_report_context_carries_no_marker_but_the_approved_ones(numbers_built):
    """What the template is given of the case studies, the excluded files and the request."""
    from policebreaches.classify import load_codebook
    from policebreaches.edition import read_checked_edition
    from policebreaches.report_context import excluded_and_warnings, public_case_studies, request_blocks

    results, _, approved = numbers_built
    cases = json.loads((results / "statistics" / "case_studies.json").read_text(encoding="utf-8"))
    register = json.loads((results / "check" / "register.json").read_text(encoding="utf-8"))
    ledger = read(results / "ledger.csv").to_dict("records")
    problems = [{"file": "responses/" + register[0]["files"][0], "what": f"sheet '{register[0]['files'][0]}' odd"}]
    ledger[0]["file_status"] = "unreadable"  # as if it had been excluded
    edition = read_checked_edition(results / "check" / "edition.json")
    context = {
        "cases": public_case_studies(cases, load_codebook(REPO / "policebreaches" / "resources" / "codebook.yaml")),
        "files": excluded_and_warnings(problems, ledger, register),
        "request": request_blocks(edition.request_public),
    }
    assert set(MARKER.findall(json.dumps(context))) == approved
    assert "zqm" in edition.request_text and set(MARKER.findall(edition.request_text)) - approved  # signed, internal


def test_the_crate_carries_no_marker_and_each_response_file_by_its_checksum(numbers_built, tmp_path, monkeypatch):
    """The provenance crate of the fast build (its public outputs: numbers.json and tables/),
    written by the stage: four response files whose names carry markers are in it by checksum,
    and no marker is anywhere in it."""
    from test_crate import describe

    from policebreaches.buildinfo import build_info
    from policebreaches.edition import parse_manifest, sha256_file

    results, _, approved = numbers_built
    raw = results.parent.parent / "raw" / results.name
    folder = tmp_path / "results" / results.name  # a copy: the crate's stage writes beside its inputs
    shutil.copytree(results, folder, ignore=shutil.ignore_patterns("logs", "benchmarks"))
    info = build_info(results.name, sha256_file(raw / "SHA256SUMS"), {"edition": results.name}, REPO)
    (folder / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    monkeypatch.chdir(REPO)  # the workflow's files are named relative to the repository, as the rule names them
    describe(folder, raw)  # the stage's run(), as test_crate calls it
    crate = (folder / CRATE_FILE).read_text(encoding="utf-8")
    pinned, _ = parse_manifest((raw / "SHA256SUMS").read_text(encoding="utf-8"))
    responses = {name: digest for name, digest in pinned.items() if name.startswith("responses/")}
    assert len(responses) == 4 and all(MARKER.search(name) for name in responses)  # the names carry markers
    for digest in responses.values():
        assert f'"@id": "#raw/{results.name}/responses/sha256-{digest[:16]}"' in crate
    assert '"@id": "numbers.json#' in crate  # it describes the outputs and the numbers they print
    assert MARKER.findall(crate) == []  # none, the approved ones included: the crate prints no quote


@pytest.mark.slow
def test_no_marker_reaches_any_public_file_but_inside_approved_text(tmp_path_factory):
    results, _, approved = build(tmp_path_factory.mktemp("marker-all"), numbers_only=False)
    assert leaks(results, approved) == {}
    html = (results / "report.html").read_text(encoding="utf-8")
    quote = next(m for m in approved if m != approved_request(approved))
    assert f"{quote}”" in html  # the approved quote is printed, closed by its quotation mark
    assert approved_request(approved) in html.split('id="request"')[1]
    crate = (results / CRATE_FILE).read_text(encoding="utf-8")
    assert MARKER.findall(crate) == []  # the whole crate: no marker, not even an approved one
    graph = json.loads(crate)["@graph"]  # the response files, by checksum
    assert len([e for e in graph if e["@id"].startswith(f"#raw/{results.name}/responses/sha256-")]) == 4
