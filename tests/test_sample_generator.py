"""The committed sample edition is what the seeded generator writes, byte for byte."""

import pytest
from sample_edition.generate import generate

from conftest import REPO


def test_generator_rebuilds_the_committed_edition_byte_for_byte(tmp_path):
    generate(tmp_path / "raw", tmp_path / "truth")
    committed = (REPO / "raw" / "2016" / "SHA256SUMS").read_text().splitlines()
    # baseline/labels.csv is the pipeline's labels, committed after generation ('make baseline')
    generated = [line for line in committed if not line.endswith("  baseline/labels.csv")]
    assert (tmp_path / "raw" / "SHA256SUMS").read_text().splitlines() == generated
    assert (tmp_path / "truth" / "incidents.csv").read_bytes() == (REPO / "tests/truth/2016/incidents.csv").read_bytes()


def test_sample_holds_every_shape_of_the_contract():
    responses = REPO / "raw" / "2016" / "responses"
    suffixes = {p.suffix for p in responses.rglob("*") if p.is_file()}
    assert {".xlsx", ".csv", ".docx", ".pdf", ".html", ".eml", ".txt"} <= suffixes
    register = (REPO / "raw" / "2016" / "requests.csv").read_text(encoding="utf-8")
    for status in ("disclosed", "partial", "refused", "no_response", "nil_return"):
        assert f",{status}," in register
    assert (REPO / "raw" / "2016" / "transcribed").is_dir()
    assert "synthetic: true" in (REPO / "raw" / "2016" / "edition.yaml").read_text(encoding="utf-8")


def test_data_log_is_up_to_date():
    from policebreaches.datalog import data_log

    assert (REPO / "docs" / "data_log.md").read_text(encoding="utf-8") == data_log(REPO / "raw"), (
        "docs/data_log.md is stale: run 'make data-log'"
    )


def test_contracts_doc_is_up_to_date():
    from policebreaches.contracts import contracts_markdown

    assert (REPO / "docs" / "data_contracts.md").read_text(encoding="utf-8") == contracts_markdown(), (
        "docs/data_contracts.md is stale: run 'make contracts-doc'"
    )


@pytest.mark.slow
def test_scaled_editions_have_more_bodies_and_more_records_per_body(tmp_path):
    from sample_edition.generate import body_split

    from policebreaches.checks import check_inputs
    from policebreaches.forces import FORCES_CSV

    assert [body_split(f) for f in (1, 4, 10, 100)] == [(1, 1), (2, 2), (2, 5), (10, 10)]
    generate(tmp_path / "raw", tmp_path / "truth", 4)
    limits = {"max_file_mb": 50, "max_unpacked_mb": 200, "max_zip_ratio": 100}
    problems, register, _ = check_inputs(tmp_path / "raw", limits, FORCES_CSV)
    assert problems == []
    sample = (REPO / "raw" / "2016" / "requests.csv").read_text(encoding="utf-8").count("\n") - 1
    data_bodies = sum(1 for r in register if r["status"] in ("disclosed", "partial"))
    assert len(register) == sample + data_bodies // 2  # every force that sent data has one synthetic copy
    assert {"surrey", "surrey-2", "avon-and-somerset-2"} <= {r["force_id"] for r in register}
    truth = (tmp_path / "truth" / "incidents.csv").read_text(encoding="utf-8")
    assert truth.count("\nsurrey-2,") == truth.count("\nsurrey,") - 2  # the original also holds 2 rows to exclude
