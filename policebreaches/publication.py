"""The publication gate: what may be published is scanned before it is written, and the
build stops listing every item of personal data or live formula it would have published.

Public outputs (may be published): report.pdf, report.html, numbers.json, tables/,
figures/. Internal working data (unredacted text; never publish): records.csv,
review.csv, ledger.csv, aggregates.csv, accuracy.csv, reclassified.csv, check/, extract/,
clean/, statistics/, audit/, logs/, benchmarks/. Each internal folder carries a README
that says so (written by rule label_internal_outputs).

Code (may be published, outside the gate's scope): workflow/, the Snakefile and rules/*.smk
that rule describe_run copies byte for byte from the repository so that the provenance crate
carries its workflow. It is the pipeline's own code: it holds nothing of an edition's
responses, so the gate, which scans what the build writes from them, has nothing there to
scan. It is not among PUBLIC: the crate lists it as its workflow, not as a result of the run."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .cells import is_live, safe_frame
from .personal_data import PersonalData
from .problems import Problem, raise_if_any

PUBLIC = ("report.pdf", "report.html", "numbers.json", "tables/", "figures/")


def is_public(name: str) -> bool:
    """Whether an output (its path under results/<edition>/) may be published: PUBLIC names it or its folder."""
    return any(name == entry or (entry.endswith("/") and name.startswith(entry)) for entry in PUBLIC)


WORKFLOW_FOLDER = "workflow"  # results/<edition>/workflow/: copies of Snakefile and rules/*.smk (code)
CODE = (f"{WORKFLOW_FOLDER}/",)
# the build's provenance, sent with the report: the crate's whole text passes the gate
# (rule describe_run); build_info.json holds versions and settings, nothing of the responses
PROVENANCE = ("ro-crate-metadata.json", "build_info.json")

INTERNAL_FOLDERS = ("check", "extract", "clean", "statistics", "audit", "logs", "benchmarks")
INTERNAL_FILES = ("records.csv", "review.csv", "ledger.csv", "aggregates.csv", "accuracy.csv", "reclassified.csv")

FIX = (
    "approve a redacted quote in edition.yaml (case_studies: quote), or correct the input that carries it "
    "(bodies.csv names, requests.csv exemption, request.txt), then rebuild"
)
INTERNAL_README = """INTERNAL WORKING DATA: DO NOT PUBLISH.
This folder is part of the pipeline's working data for edition {edition}. It holds the
responses' text as the forces sent it, without redaction: names, collar numbers, phone
numbers and other personal data may be in it. Share it only with the people who check
the build. What may be published is report.pdf, report.html, numbers.json, tables/ and
figures/, which pass the publication gate (policebreaches/publication.py) first.
"""


def personal_data(scanner: PersonalData, items: Iterable[tuple[str, str]]) -> list[Problem]:
    """A problem for every item of personal data in the (where, text) pairs."""
    return [
        Problem(where, f"{f.kind.replace('_', ' ')} {f.text!r} would be published", FIX)
        for where, text in items
        for f in scanner.find(text)
    ]


def live_formulas(where: str, rows: Iterable[Iterable[str]]) -> list[Problem]:
    """Cells of which a spreadsheet would run a part, splitting on any separator: every
    writer neutralises them (cells.safe_cell); this is the check that none got through."""
    return [
        Problem(where, f"cell {cell!r} would run as a formula in a spreadsheet", "write it through cells.safe_cell")
        for row in rows
        for cell in row
        if is_live(cell)
    ]


def frame_problems(scanner: PersonalData, where: str, frame) -> list[Problem]:
    """Personal data and live formulas in a table as it will be written."""
    safe = safe_frame(frame)
    cells = [(f"{where} row {i} {column}", value) for column in safe.columns for i, value in enumerate(safe[column], 2)]
    texts = [(w, v) for w, v in cells if isinstance(v, str) and v]
    return personal_data(scanner, texts) + live_formulas(where, [[v for _, v in texts]])


def public_texts(numbers: dict) -> list[tuple[str, str]]:
    """What numbers.json says in words: display, definition, filter, counted rows' labels
    (record ids and checksums are not words)."""
    return [
        (f"numbers.json {key}", " | ".join([entry["display"], entry["definition"], entry.get("filter", "")]))
        for key, entry in numbers.items()
    ] + [
        (f"numbers.json {key} aggregate_rows", "\n".join(entry.get("aggregate_rows") or []))
        for key, entry in numbers.items()
        if entry.get("aggregate_rows")
    ]


def page_text(markup: str) -> str:
    """The text a reader sees on an HTML page (each element on its own line)."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "\n", markup))


def gate(problems: list[Problem]) -> None:
    raise_if_any(problems, "publication gate")
