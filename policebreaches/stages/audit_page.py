"""Rule build_audit_page: the static audit page (audit/index.html) and its data shards
(audit/data/), from numbers.json and the record tables (policebreaches/audit.py)."""

from __future__ import annotations

from pathlib import Path

from ..audit import write_audit_page


def run(
    numbers: Path,
    records: Path,
    ledger: Path,
    review: Path,
    exclusions: Path,
    codebook: Path,
    template: Path,
    page_out: Path,
    data_out: Path,
) -> None:
    write_audit_page(numbers, records, ledger, review, exclusions, codebook, template, page_out, data_out)
