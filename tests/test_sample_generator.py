"""The committed sample edition is what the seeded generator writes, byte for byte."""
from conftest import REPO
from policebreaches.sample.generate import generate


def test_generator_rebuilds_the_committed_edition_byte_for_byte(tmp_path):
    generate(tmp_path / "raw", tmp_path / "truth")
    assert (tmp_path / "raw" / "SHA256SUMS").read_text() == (REPO / "raw" / "2016" / "SHA256SUMS").read_text()
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

    assert (REPO / "docs" / "data_log.md").read_text(encoding="utf-8") == data_log(REPO / "raw"), \
        "docs/data_log.md is stale: run 'make data-log'"


def test_contracts_doc_is_up_to_date():
    from policebreaches.contracts import contracts_markdown

    assert (REPO / "docs" / "data_contracts.md").read_text(encoding="utf-8") == contracts_markdown(), \
        "docs/data_contracts.md is stale: run 'make contracts-doc'"
