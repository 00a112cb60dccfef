"""The publication gate in the stages, on a copy of the shared build: personal data in an
approved quote, a register or the public request stops the stage that would publish it,
naming it; internal folders say they are internal. (The detector, quotes and the request
check on their own: test_publication_gate.py, which runs while the shared build is made.)"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from test_publication_gate import NEGATED, SIGNATURE

from policebreaches.problems import InputError
from policebreaches.publication import is_public

from conftest import REPO

# -- the gate in the stages, on a copy of a real build --------------------------------------


@pytest.fixture
def copy(built, tmp_path) -> Path:
    target = tmp_path / "2016"
    shutil.copytree(built, target, ignore=shutil.ignore_patterns("logs", "benchmarks"))
    shutil.copytree(built.parent / "corpus", tmp_path / "corpus")  # results/corpus/: what every edition shares
    return target


def statistics(results: Path) -> None:
    from policebreaches.stages import statistics as stage

    resources = REPO / "policebreaches" / "resources"
    out = results / "out"
    out.mkdir(exist_ok=True)  # as Snakemake makes an output's folder
    stage.run(
        edition=results / "check" / "edition.json",
        register=results / "check" / "register.json",
        records=results / "records.csv",
        aggregates=results / "aggregates.csv",
        ledger=results / "ledger.csv",
        exclusions=results / "clean" / "exclusions.csv",
        accuracy=results / "accuracy.csv",
        corpus_accuracy=results.parent / "corpus" / "corpus_accuracy.csv",
        codebook=resources / "codebook.yaml",
        spec=resources / "report_spec.yaml",
        given_names=resources / "given_names.txt",
        previous=None,
        numbers_out=out / "numbers.json",
        cases_out=out / "case_studies.json",
        change_out=out / "change.json",
        change_table_out=out / "change.csv",
        **{f"{name}_out": out / f"{name}.csv" for name in ("table1", "top_ten", "force_breakdown", "top_ten_by_rate")},
        xlsx_out=out / "t.xlsx",
        tables_readme_out=out / "README.txt",
    )


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_the_unchanged_copy_passes_the_gate(copy):
    statistics(copy)
    assert (copy / "out" / "numbers.json").is_file()


def test_personal_data_in_an_approved_quote_stops_the_build_naming_the_record(copy):
    import pandas as pd

    records = pd.read_csv(copy / "records.csv", dtype=str, keep_default_na=False)
    row = records["description_raw"].str.contains("detainee to a relative")
    record_id = records.loc[row, "record_id"].iloc[0]
    text = "Special Constable Tomasz Nowak passed information about a detainee to a relative (tel 07700 900123)"
    records.loc[row, "description_raw"] = text
    records.to_csv(copy / "records.csv", index=False)
    edit_json(copy / "check" / "edition.json", lambda e: e["case_studies"][0].update(quote=text))
    with pytest.raises(InputError) as stopped:
        statistics(copy)
    message = str(stopped.value)
    assert f"case study, record {record_id} (description)" in message
    assert "'Special Constable Tomasz Nowak'" in message and "'07700 900123'" in message
    assert not any((copy / "out").iterdir())  # nothing public was written


@pytest.mark.parametrize(
    "quote, why",
    [
        ("Special Constable passed information to the press", "a word added, changed, dropped or moved"),
        (NEGATED.replace("his brother", "his brother and a journalist"), "a word added, changed, dropped or moved"),
        (NEGATED.replace("The officer", "[redacted: a special constable]"), "carries text of its own"),
        ("[redacted] passed details of a victim to his brother. No action.", "a word that turns the meaning"),
        ("… passed details of a victim to his brother. No action.", "drops words inside a sentence"),
    ],
    ids=["changed", "added", "free-text mark", "negation under a mark", "negation under an ellipsis"],
)
def test_a_quote_that_is_not_a_redaction_of_its_record_stops_the_build_naming_the_case(copy, quote, why):
    import pandas as pd

    records = pd.read_csv(copy / "records.csv", dtype=str, keep_default_na=False)
    row = records["description_raw"].str.contains("detainee to a relative")
    record_id = records.loc[row, "record_id"].iloc[0]
    contains = "detainee to a relative"
    if "Special Constable" not in quote:  # the record says the officer was cleared
        records.loc[row, "description_raw"], contains = NEGATED, "cleared of any allegation"
        records.to_csv(copy / "records.csv", index=False)
    edit_json(copy / "check" / "edition.json", lambda e: e["case_studies"][0].update(quote=quote, contains=contains))
    with pytest.raises(InputError) as stopped:
        statistics(copy)
    message = str(stopped.value)
    assert (
        f"edition.yaml case_studies (Cleveland Police): the approved quote is not a redaction of record {record_id}"
        in message
    )
    assert why in message
    assert not any((copy / "out").iterdir())


def test_a_case_without_an_approved_quote_is_not_printed(copy):
    edit_json(copy / "check" / "edition.json", lambda e: e["case_studies"][0].update(quote="", approved_by=""))
    statistics(copy)
    cases = json.loads((copy / "out" / "case_studies.json").read_text(encoding="utf-8"))
    assert [c["approved"] for c in cases] == [False, True, True]
    assert cases[0]["description"] == "" and cases[0]["suggested"]


def test_a_name_in_the_register_stops_the_tables(copy):
    edit_json(copy / "check" / "register.json", lambda r: r[0].update(name="Dr Jane Doe's Surgery"))
    with pytest.raises(InputError, match=r"tables/force_breakdown.csv row \d+ force: name after title"):
        statistics(copy)


def render(copy: Path, html: Path, pdf: Path | None) -> None:
    """The render stage on the copy, in this process (it sets SOURCE_DATE_EPOCH: put back after,
    or the sample generator's test, later in the same process, writes other PDF dates)."""
    from policebreaches.stages import render as stage

    before = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        _render(stage, copy, html, pdf)
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _render(stage, copy: Path, html: Path, pdf: Path | None) -> None:
    stage.run(
        copy / "check" / "edition.json",
        copy / "numbers.json",
        copy / "check" / "register.json",
        copy / "statistics" / "case_studies.json",
        copy / "statistics" / "change.json",
        copy / "accuracy.csv",
        [copy / "check" / "problems.csv", copy / "clean" / "extraction_problems.csv"],
        copy / "ledger.csv",
        sorted((copy / "figures").glob("*.svg")),
        REPO / "policebreaches" / "resources" / "codebook.yaml",
        REPO / "policebreaches" / "resources" / "report_spec.yaml",
        REPO / "policebreaches" / "resources" / "given_names.txt",
        REPO / "report" / "report.html.j2",
        REPO / "report" / "report.css",
        sorted((REPO / "report" / "fonts").glob("*.ttf")),
        html,
        pdf,
    )


def test_the_appendix_prints_the_public_request_never_the_signature_block(copy):
    edit_json(copy / "check" / "edition.json", lambda e: e.update(request_text=e["request_text"] + SIGNATURE))
    render(copy, copy / "new.html", None)  # what the page says: no layout needed
    page = (copy / "new.html").read_text(encoding="utf-8")
    appendix = page.split('id="request"')[1].split("</section>")[0]
    assert "Data Protection Act 1998 committed by police officers" in appendix
    for line in SIGNATURE.split("\n")[1:-1] + ["Dear Freedom of Information Officer", "synthetic sample request"]:
        assert line not in page


def test_without_a_public_request_the_appendix_prints_none_of_the_request(copy):
    edit_json(copy / "check" / "edition.json", lambda e: e.update(request_public=""))
    render(copy, copy / "new.html", None)  # what the page says: no layout needed
    appendix = (copy / "new.html").read_text(encoding="utf-8").split('id="request"')[1].split("</section>")[0]
    assert "has not been given yet" in appendix and "Data Protection Act 1998" not in appendix


def test_personal_data_in_the_public_request_stops_the_report_before_it_is_written(copy):
    signed = "\n\nYours faithfully, Mr Daniel Cartwright, 07700 900456\n"
    edit_json(copy / "check" / "edition.json", lambda e: e.update(request_public=e["request_public"] + signed))
    html, pdf = copy / "new.html", copy / "new.pdf"
    with pytest.raises(InputError) as stopped:
        render(copy, html, pdf)
    assert "new.html: name after title 'Mr Daniel Cartwright'" in str(stopped.value)
    assert "'07700 900456'" in str(stopped.value)
    assert not html.exists() and not pdf.exists()


def test_internal_folders_say_they_are_internal(built):
    folders = sorted(p.name for p in built.iterdir() if p.is_dir() and not is_public(p.name + "/x"))
    assert {"check", "extract", "clean", "statistics", "audit", "logs", "benchmarks"} <= set(folders), folders
    for folder in set(folders) - {"workflow"}:  # workflow/: code, may be published (README's 'Code')
        assert "DO NOT PUBLISH" in (built / folder / "README.txt").read_text(encoding="utf-8"), folder
    publishing = (built / "PUBLISHING.txt").read_text(encoding="utf-8")
    assert "records.csv" in publishing.split("DO NOT PUBLISH")[1] and "report.pdf" in publishing.split("DO NOT")[0]
    assert "ro-crate-metadata.json" in publishing.split("DO NOT")[0]  # the crate is sent with the report
