"""The publication gate: personal data in any spelling is found (tests/corpus/personal_data.csv:
every variant flagged, every near miss kept), quotes are printed only as approved, and a
build that would publish personal data stops before writing, naming the record."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from policebreaches.edition import write_manifest
from policebreaches.personal_data import PersonalData
from policebreaches.problems import InputError
from policebreaches.publication import is_public
from policebreaches.quotes import is_redaction_of

from conftest import REPO

CORPUS = list(csv.DictReader(open(REPO / "tests" / "corpus" / "personal_data.csv", encoding="utf-8")))
# the corpus's kinds as the detector names them: a full name after a rank is one name, whichever pattern finds it
KIND = {"phone_uk": "phone", "phone_intl": "phone", "person_name": "name", "name_after_title": "name"}
GIVEN_NAMES = REPO / "policebreaches" / "resources" / "given_names.txt"
SCANNER = PersonalData.load(GIVEN_NAMES)
find, redact = SCANNER.find, SCANNER.redact


def test_the_corpus_is_large_enough():
    flagged = [r for r in CORPUS if r["expect"] == "flag"]
    assert len(flagged) >= 300 and len(CORPUS) - len(flagged) >= 100
    assert len({r["origin"] for r in flagged} - {""}) >= 10
    kinds = {"name_after_title", "person_name", "collar_number", "phone_uk", "phone_intl", "email", "address"}
    assert {r["kind"] for r in flagged} >= kinds


def test_recall_and_precision_are_what_the_docs_print():
    from policebreaches.personal_data import corpus_scores, main

    scores = corpus_scores(CORPUS, SCANNER)
    assert scores["recall"] == 1 and scores["precision"] == 1  # every variant found, no near miss
    docs = (REPO / "tests" / "corpus" / "personal_data.md").read_text(encoding="utf-8")
    assert main(REPO / "tests" / "corpus" / "personal_data.csv", GIVEN_NAMES).splitlines()[0] in docs


@pytest.mark.parametrize("row", [r for r in CORPUS if r["expect"] == "flag"], ids=lambda r: r["text"][:40])
def test_every_variant_is_found_as_its_kind(row):
    kinds = {KIND.get(f.kind, f.kind) for f in find(row["text"])}
    assert KIND.get(row["kind"], row["kind"]) in kinds, (row["text"], kinds)


@pytest.mark.parametrize("row", [r for r in CORPUS if r["expect"] == "keep"], ids=lambda r: r["text"][:40])
def test_every_near_miss_survives(row):
    assert not find(row["text"]), (row["text"], find(row["text"]))


def test_redaction_suggests_text_a_person_can_approve():
    original = "PC 4512 SMITH gave 07700 900123 and jo.bloggs@mail.example to a friend"
    suggested, count = redact(original)
    assert count == 3 and not find(suggested)
    assert suggested == "[redacted] gave [redacted] and [redacted] to a friend"
    assert is_redaction_of(suggested, original)


@pytest.mark.parametrize(
    "quote, ok",
    [
        ("Officer passed information to a relative", True),
        ("[redacted] passed information to a relative", True),
        ("[name] passed information to a relative", True),
        ("Officer passed information … a relative", False),  # an ellipsis inside a sentence
        ("Officer passed information to a journalist", False),  # changed words
        ("a relative passed information to Officer", False),  # reordered
        ("Officer passed information to a relative and the press", False),  # added words
        ("[redacted: and the press] passed information to a relative", False),  # free text in a mark
        ("[details withheld] passed information to a relative", False),
        ("passed information to a relative", False),  # dropped words
        ("Officer passed info[redacted]", False),  # a mark cuts a word
    ],
)
def test_an_approved_quote_must_be_a_redaction_of_the_record(quote, ok):
    assert is_redaction_of(quote, "Officer passed information to a relative") is ok


NEGATED = "The officer was cleared of any allegation that he passed details of a victim to his brother. No action."


@pytest.mark.parametrize(
    "quote, ok",
    [
        ("[name] was cleared of any allegation that he passed details of a victim to his brother. No action.", True),
        ("The officer was cleared of any allegation that he passed details of a victim to [name]. …", True),
        ("… No action.", True),  # a whole sentence dropped
        ("[redacted] passed details of a victim to his brother. No action.", False),  # the mark hides 'cleared'
        ("… passed details of a victim to his brother. No action.", False),  # the ellipsis drops 'cleared'
        ("The officer was [redacted] passed details of a victim to his brother. No action.", False),
        ("The officer was cleared of any allegation that he passed details of a victim to his brother.", False),
    ],
)
def test_marks_and_ellipses_never_drop_a_negation(quote, ok):
    assert is_redaction_of(quote, NEGATED) is ok


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


SIGNATURE = "\nYours faithfully,\nSiân Llewelyn-Jones\n14 Heol y Bont, Aberystwyth\nsian.lj@example.org\n"


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


REQUEST = (REPO / "raw" / "2016" / "request.txt").read_text(encoding="utf-8")
PUBLIC = "\n\n".join(REQUEST.strip().split("\n\n")[1:-1])


@pytest.mark.parametrize(
    "public, why",
    [
        (PUBLIC, None),
        (PUBLIC.split("\n\n", 1)[1], None),  # a whole paragraph left out
        (PUBLIC.replace("in a spreadsheet", "[redacted]"), None),
        (PUBLIC + "\n\nYours faithfully,\nMr Daniel Cartwright", "paragraph 5"),  # a paragraph added
        (PUBLIC.replace("electronically", "electronically and free of charge"), "a word added"),
        (PUBLIC.replace("in a spreadsheet", "[redacted: by post]"), "carries text of its own"),
        (PUBLIC.replace("police officers, police", "police … police"), "drops words inside a sentence"),
    ],
)
def test_the_public_request_is_checked_like_a_quote(public, why):
    from policebreaches.quotes import excerpt_problem

    found = excerpt_problem(public, REQUEST + SIGNATURE)
    assert found is None if why is None else why in found, found


def test_a_public_request_that_is_not_the_request_stops_the_input_check(tmp_path):
    from policebreaches.checks import check_inputs
    from policebreaches.forces import FORCES_CSV

    from editions import make_edition

    root = make_edition(tmp_path / "2099", [{"force": "Kent", "status": "refused"}], {}, bless=False)
    with open(root / "edition.yaml", "a", encoding="utf-8") as fh:
        fh.write("request_public: |\n  Please send the number of data protection breaches and the names.\n")
    write_manifest(root)
    problems, _, edition = check_inputs(root, {}, FORCES_CSV)
    [problem] = [p for p in problems if p.file == "edition.yaml request_public"]
    assert "not an excerpt of the request as sent" in problem.what and "a word added" in problem.what


def test_internal_folders_say_they_are_internal(built):
    folders = sorted(p.name for p in built.iterdir() if p.is_dir() and not is_public(p.name + "/x"))
    assert {"check", "extract", "clean", "statistics", "audit", "logs", "benchmarks"} <= set(folders), folders
    for folder in set(folders) - {"workflow"}:  # workflow/: code, may be published (README's 'Code')
        assert "DO NOT PUBLISH" in (built / folder / "README.txt").read_text(encoding="utf-8"), folder
    publishing = (built / "PUBLISHING.txt").read_text(encoding="utf-8")
    assert "records.csv" in publishing.split("DO NOT PUBLISH")[1] and "report.pdf" in publishing.split("DO NOT")[0]
    assert "ro-crate-metadata.json" in publishing.split("DO NOT")[0]  # the crate is sent with the report


@pytest.mark.parametrize("synthetic", ["true", "false"])
def test_only_a_synthetic_sample_may_say_it_is_calibrated(tmp_path, synthetic):
    """The cover's "calibrated to reproduce the published figures" comes from edition.yaml
    calibrated_to, which a real edition may not carry."""
    from policebreaches.checks import check_inputs
    from policebreaches.forces import FORCES_CSV

    from editions import make_edition

    root = make_edition(tmp_path / "2099", [{"force": "Kent", "status": "refused"}], {}, bless=False)
    text = (root / "edition.yaml").read_text(encoding="utf-8").replace("synthetic: true", f"synthetic: {synthetic}")
    (root / "edition.yaml").write_text(text + 'calibrated_to: "the 2016 report"\n', encoding="utf-8")
    write_manifest(root)
    problems, _, edition = check_inputs(root, {}, FORCES_CSV)
    found = [p for p in problems if "calibrated_to" in p.what]
    if synthetic == "true":
        assert not found and edition.calibrated_to == "the 2016 report"
    else:
        assert len(found) == 1 and "not synthetic" in found[0].what and edition.calibrated_to == ""


@pytest.mark.parametrize(
    "name",
    ["Sgt Aoife Ní Bhriain", "PC Seán Ó Briain", "DC Máire Nic Giolla Bhríde", "PC Dafydd ap Gwilym", "PC John Smith"],
)
def test_the_suggested_redaction_takes_the_whole_name_particle_and_all(name):
    """A surname after its particle (Irish Ní, Ó, Nic; Welsh ap) is part of the name: a
    suggestion that kept "Bhriain" would publish the surname."""
    suggested, count = redact(f"{name} looked up a record")
    assert (suggested, count) == ("[name] looked up a record", 1)
