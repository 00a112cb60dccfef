"""The provenance crate (results/<edition>/ro-crate-metadata.json, policebreaches/crate.py):
built from a small set of files, it lists every input with the sha256 SHA256SUMS pins, every
public output with its own sha256, the numbers each output prints, and no path of the build
machine; the sample build's crate passes roc-validator (Workflow Run Crate 0.5, required
checks, none skipped: the crate carries its workflow) with the network blocked."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from policebreaches import cli
from policebreaches.buildinfo import build_info
from policebreaches.crate import CRATE_FILE, NOT_RECORDED, local_id, number_id
from policebreaches.crate_check import validate_crate
from policebreaches.edition import load_edition, parse_manifest, sha256_file, write_checked_edition, write_manifest
from policebreaches.publication import is_public
from policebreaches.stages import describe_run

from conftest import REPO
from editions import make_edition

# relative to the repository, as the rule names them (the tests run the stage from there)
WORKFLOW = [Path("Snakefile"), *sorted(p.relative_to(REPO) for p in (REPO / "rules").glob("*.smk"))]


def graph(path: Path) -> dict[str, dict]:
    return {entity["@id"]: entity for entity in json.loads(path.read_text(encoding="utf-8"))["@graph"]}


def ids(value) -> list[str]:
    return [item["@id"] for item in (value if isinstance(value, list) else [value])]


def strings(value):
    """Every string in a JSON value (keys and values)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def describe(folder: Path, raw: Path, workflow=WORKFLOW, copies=None) -> Path:
    """The stage's run() on a results folder that holds its inputs (cwd: the repository);
    the workflow's copies go where the rule puts them (results/<edition>/workflow/)."""
    public = [p for p in sorted(folder.rglob("*")) if p.is_file() and is_public(p.relative_to(folder).as_posix())]
    out = folder / CRATE_FILE
    describe_run.run(
        build_info=folder / "build_info.json",
        manifest=raw / "SHA256SUMS",
        edition=folder / "check" / "edition.json",
        raw=[p for p in sorted(raw.rglob("*")) if p.is_file()],
        workflow=workflow,
        workflow_out=[folder / "workflow" / p for p in workflow] if copies is None else copies,
        numbers=folder / "numbers.json",
        public=public,
        crate_out=out,
        given_names=REPO / "policebreaches" / "resources" / "given_names.txt",
    )
    return out


@pytest.fixture
def small(tmp_path, monkeypatch):
    """A small edition (two responses, one with a space in its name) and a results folder
    with a report, numbers.json, a table with a key column, a figure, build_info.json."""
    monkeypatch.chdir(REPO)
    raw = make_edition(
        tmp_path / "raw" / "2099",
        [{"force": "Kent", "status": "disclosed", "files": "kent/FOI response.csv"}, {"force": "Surrey"}],
        {"kent/FOI response.csv": "date,description\n2014-01-02,Looked up a neighbour\n"},
    )
    folder = tmp_path / "results" / "2099"
    (folder / "check").mkdir(parents=True)
    problems: list = []
    write_checked_edition(load_edition(raw, problems), folder / "check" / "edition.json")
    assert not problems
    config = {"edition": "2099", "results_dir": str(tmp_path / "results"), "raw_dir": "raw", "limits": {"max_rows": 9}}
    info = build_info("2099", sha256_file(raw / "SHA256SUMS"), config, REPO)
    (folder / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    numbers = {
        "breaches.total": {"value": 1, "display": "1"},
        "breaches.pnc": {"value": 0, "display": "0"},
        "forces.kent.total": {"value": 1, "display": "1"},
        "edition.published": {"value": None, "display": "14 July 2016"},
    }
    (folder / "numbers.json").write_text(json.dumps(numbers), encoding="utf-8")
    (folder / "report.html").write_text(
        '<p><a class="num" href="#n-breaches-total">1</a></p><dl><dt id="n-breaches-total">breaches.total</dt>'
        '<dt id="n-edition-published">edition.published</dt><dt id="n-methods">Methods</dt></dl>',
        encoding="utf-8",
    )
    (folder / "report.pdf").write_bytes(b"%PDF-1.7 a report")
    (folder / "tables").mkdir()
    (folder / "tables" / "top_ten.csv").write_text(
        "rank,key,value\n1,forces.kent.total,1\n2,forces.nowhere.total,0\n", encoding="utf-8"
    )
    (folder / "tables" / "force_breakdown.csv").write_text("force_id,value\nkent,1\n", encoding="utf-8")
    (folder / "figures").mkdir()
    (folder / "figures" / "top_ten.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "records.csv").write_text("record_id\nabc\n", encoding="utf-8")  # internal: not described
    return folder, raw


def test_the_crate_of_a_small_build_lists_inputs_outputs_and_their_numbers(small):
    folder, raw = small
    crate = graph(describe(folder, raw))
    pinned, problems = parse_manifest((raw / "SHA256SUMS").read_text(encoding="utf-8"))
    assert not problems and len(pinned) == 4  # edition.yaml, request.txt, requests.csv and the response
    run = crate["#run"]
    objects = ids(run["object"])
    for name in ("edition.yaml", "request.txt", "requests.csv"):  # the edition's own files, by their fixed names
        entity = crate[local_id(f"raw/2099/{name}")]
        assert entity["sha256"] == pinned[name] and entity["name"] == f"raw/2099/{name}"
        assert entity["contentSize"] == str((raw / name).stat().st_size) and entity["@id"] in objects
    # the response by its checksum: a neutral name, its media type, sha256 and size
    response = pinned["responses/kent/FOI response.csv"]
    assert crate[f"#raw/2099/responses/sha256-{response[:16]}"] == {
        "@id": f"#raw/2099/responses/sha256-{response[:16]}",
        "@type": "File",
        "name": "response file",
        "encodingFormat": "text/csv",
        "sha256": response,
        "contentSize": str((raw / "responses" / "kent" / "FOI response.csv").stat().st_size),
    }
    assert f"#raw/2099/responses/sha256-{response[:16]}" in objects
    assert len([i for i in objects if i.startswith("#raw/")]) == 5  # the four pinned files and SHA256SUMS
    assert crate["#raw/2099/SHA256SUMS"]["sha256"] == sha256_file(raw / "SHA256SUMS")
    assert crate["#raw/2099/SHA256SUMS"]["contentSize"] == str((raw / "SHA256SUMS").stat().st_size)

    results = ids(run["result"])
    expected = ["figures/top_ten.svg", "numbers.json", "report.html", "report.pdf", "tables/force_breakdown.csv"]
    expected += ["tables/top_ten.csv"]
    assert sorted(results) == expected  # the public files, and records.csv (internal) not among them
    for name in results:
        assert crate[name]["sha256"] == sha256_file(folder / name)
        assert crate[name]["contentSize"] == str((folder / name).stat().st_size)
    # the report prints the numbers Appendix 3 lists (not the section anchors); the PDF is the HTML printed
    for report in ("report.html", "report.pdf"):
        assert ids(crate[report]["mentions"]) == [number_id("breaches.total"), number_id("edition.published")]
        assert ids(crate[report]["isBasedOn"]) == ["numbers.json"]
    assert ids(crate["tables/top_ten.csv"]["mentions"]) == [number_id("forces.kent.total")]  # keys not in numbers: no
    assert "mentions" not in crate["tables/force_breakdown.csv"] and "mentions" not in crate["figures/top_ten.svg"]
    assert crate[number_id("breaches.total")] == {
        "@id": "numbers.json#breaches.total",
        "@type": "PropertyValue",
        "name": "breaches.total",
        "value": 1,
    }
    assert "value" not in crate[number_id("edition.published")]  # numbers.json has none

    root = crate["./"]
    assert root["datePublished"] == "2016-07-14"  # the edition's publication date, no clock time
    assert "startTime" not in run and "endTime" not in run
    # the crate carries its workflow: byte-identical copies under workflow/, the Snakefile its main entity
    carried = [f"workflow/{p.as_posix()}" for p in WORKFLOW]
    for name, copy in zip(WORKFLOW, carried):
        assert (folder / copy).read_bytes() == (REPO / name).read_bytes(), copy
        assert crate[copy]["sha256"] == sha256_file(REPO / name)
        assert crate[copy]["name"] == (
            name.as_posix() if name.parent.name else "Snakefile of the policebreaches pipeline"
        )
    assert ids(crate["./"]["mainEntity"]) == ["workflow/Snakefile"]
    main = crate["workflow/Snakefile"]
    assert main["@type"] == ["File", "SoftwareSourceCode", "ComputationalWorkflow"]
    assert crate[main["programmingLanguage"]["@id"]]["name"] == "Snakemake"
    assert ids(main["hasPart"]) == carried[1:]
    assert set(carried) <= set(ids(root["hasPart"]))  # in the crate, as every file it carries
    assert not [i for i in crate if i.startswith("#Snakefile") or i.startswith("#rules/")]  # no local ids left
    assert "workflow/Snakefile" not in results  # the run's instrument, not one of its results
    assert crate["#config/results_dir"]["value"] == NOT_RECORDED
    assert crate["#config/limits.max_rows"]["value"] == 9 and crate["#param/limits.max_rows"]["additionalType"] == (
        "Integer"
    )
    assert crate["#software/pandas"]["version"] == build_info("x", "", {}, REPO)["packages"]["pandas"]


def test_the_crate_names_no_path_of_the_build_machine(small, tmp_path):
    folder, raw = small
    text = describe(folder, raw).read_text(encoding="utf-8")
    for place in (str(tmp_path), str(REPO), str(Path.home())):
        assert place not in text
    assert not [s for s in strings(json.loads(text)) if s.startswith("/")]


def test_the_crate_does_not_depend_on_where_the_results_are(small, tmp_path):
    """Two results folders with the same inputs (the build_info.json of each naming its own
    results_dir): the same bytes. So `make check-reproducible` can compare the crate."""
    folder, raw = small
    elsewhere = tmp_path / "another place" / "results" / "2099"
    shutil.copytree(folder, elsewhere)
    info = json.loads((elsewhere / "build_info.json").read_text(encoding="utf-8"))
    info["config"]["results_dir"] = str(elsewhere.parent)
    (elsewhere / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    assert describe(folder, raw).read_bytes() == describe(elsewhere, raw).read_bytes()


def test_workflow_files_named_by_an_absolute_path_are_refused(small):
    folder, raw = small
    with pytest.raises(ValueError, match="relative to the repository"):
        describe(folder, raw, workflow=[REPO / "Snakefile"])


def test_workflow_holds_only_the_files_the_crate_names(small):
    """A rule file removed or renamed since the last build leaves no copy behind."""
    folder, raw = small
    old = folder / "workflow" / "rules" / "old_stage.smk"
    old.parent.mkdir(parents=True)
    old.write_text("rule gone:\n", encoding="utf-8")
    describe(folder, raw)
    copies = sorted(p.relative_to(folder / "workflow") for p in (folder / "workflow").rglob("*") if p.is_file())
    assert copies == sorted(WORKFLOW)


def test_workflow_copies_anywhere_but_workflow_of_the_results_folder_are_refused(small):
    """The rule declares the copies; the stage writes them only where the crate names them."""
    folder, raw = small
    with pytest.raises(ValueError, match="the workflow's copies must be"):
        describe(folder, raw, copies=[folder / p for p in WORKFLOW])
    with pytest.raises(ValueError, match="the workflow's copies must be"):
        describe(folder, raw, copies=[folder / "workflow" / p for p in WORKFLOW[:-1]])
    assert not (folder / "workflow").exists() and not (folder / CRATE_FILE).exists()


def test_the_sample_build_has_a_crate_of_its_inputs_and_every_public_output(built):
    crate = graph(built / CRATE_FILE)
    text = (built / CRATE_FILE).read_text(encoding="utf-8")
    pinned, _ = parse_manifest((REPO / "raw" / "2016" / "SHA256SUMS").read_text(encoding="utf-8"))
    inputs = {i: e for i, e in crate.items() if i.startswith("#raw/2016/") and "SHA256SUMS" not in i}
    assert sorted(e["sha256"] for e in inputs.values()) == sorted(pinned.values())  # every pinned file, once
    responses = {name: digest for name, digest in pinned.items() if name.startswith(("responses/", "transcribed/"))}
    assert len(responses) == 43 and len(pinned) - len(responses) == 6  # edition.yaml, requests.csv, ...
    for name, digest in pinned.items():
        if name in responses:  # by checksum, never by name: the name is a responder's (or a transcriber's) text
            entity = inputs[f"#raw/2016/{name.split('/')[0]}/sha256-{digest[:16]}"]
            assert entity["name"] in ("response file", "transcription") and entity["sha256"] == digest
            assert name.split("/", 1)[1] not in text and Path(name).name not in text, name
        else:
            assert inputs[f"#raw/2016/{name}"]["name"] == f"raw/2016/{name}"
        assert inputs[[i for i, e in inputs.items() if e["sha256"] == digest][0]]["contentSize"] == str(
            (REPO / "raw" / "2016" / name).stat().st_size
        )
    public = sorted(
        p.relative_to(built).as_posix()
        for p in built.rglob("*")
        if p.is_file() and is_public(p.relative_to(built).as_posix())
    )
    assert sorted(ids(crate["#run"]["result"])) == public  # every public file the build wrote, no other
    assert len(public) > 25 and "tables/report_tables.xlsx" in public and "figures/by_year.svg" in public
    for name in public:
        assert crate[name]["sha256"] == sha256_file(built / name), name
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    printed = {i.removeprefix("numbers.json#") for i in ids(crate["report.pdf"]["mentions"])}
    assert "breaches.total" in printed and printed <= numbers.keys() and len(printed) > 400
    assert crate[number_id("breaches.total")]["value"] == numbers["breaches.total"]["value"] == 2315
    table1 = {i.removeprefix("numbers.json#") for i in ids(crate["tables/table1.csv"]["mentions"])}
    assert "breaches.pnc" in table1 and table1 <= printed
    assert "SYNTHETIC SAMPLE" in crate["./"]["name"]
    info = json.loads((built / "build_info.json").read_text(encoding="utf-8"))
    assert crate["workflow/Snakefile"]["version"] == info["git_describe"]
    for name in WORKFLOW:  # the build's copies of the workflow are the repository's files, byte for byte
        assert (built / "workflow" / name).read_bytes() == (REPO / name).read_bytes(), name
    assert crate["#config/results_dir"]["value"] == NOT_RECORDED  # the shared build writes to a temporary folder


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to resolve a name or open a connection fails the validation loudly."""

    def refused(*args, **kwargs):
        raise OSError("the network is blocked in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refused)
    monkeypatch.setattr(socket.socket, "connect", refused)


def test_the_sample_crate_passes_roc_validator_with_the_network_blocked(built, no_network, capsys):
    """`make validate-crate`'s command on the shared build: valid at the required level with no
    check skipped (the main workflow file is in the folder), the JSON-LD context served from the
    package."""
    assert cli.main(["validate-crate", "--edition", "2016", "--results", str(built.parent)]) == 0
    printed = capsys.readouterr().out
    assert f"{built / CRATE_FILE}: valid (roc-validator 0.13.0, profile workflow-run-crate-0.5" in printed
    assert "problem:" not in printed and "skipped" not in printed
    assert "no network used: served https://w3id.org/ro/crate/1.1/context from ro-crate-1.1.jsonld" in printed
    result = validate_crate(built)
    assert result.passed and result.issues == [] and result.skipped == []


@pytest.mark.slow  # a second validation (the sample's crate passing is the fast test)
def test_the_validator_finds_an_output_the_crate_lists_but_the_folder_lacks(built, tmp_path, no_network):
    """The payload checks run: a copy of the build without report.pdf fails, naming it."""
    copy = tmp_path / "2016"
    shutil.copytree(built, copy, ignore=shutil.ignore_patterns("audit", "extract", "logs", "benchmarks"))
    (copy / "report.pdf").unlink()
    result = validate_crate(copy)
    assert not result.passed
    assert [i for i in result.issues if "report.pdf" in i], result.issues


@pytest.mark.slow  # three validations of copies of the build
def test_the_validator_finds_a_workflow_copy_the_folder_lacks(built, tmp_path, no_network):
    """The crate's workflow must be in the folder: without workflow/Snakefile the main workflow
    check fails naming it; without a rule file its payload check names that file. The metadata
    alone still passes (what fails is the folder, not the description)."""
    for missing in ("workflow/Snakefile", "workflow/rules/audit.smk"):
        copy = tmp_path / missing.replace("/", "_") / "2016"
        shutil.copytree(built, copy, ignore=shutil.ignore_patterns("audit", "extract", "logs", "benchmarks"))
        (copy / missing).unlink()
        result = validate_crate(copy)
        assert not result.passed and result.skipped == []
        assert [i for i in result.issues if missing in i], (missing, result.issues)
        if missing == "workflow/Snakefile":
            assert "Main Workflow workflow/Snakefile not found in crate" in "\n".join(result.issues), result.issues
            assert validate_crate(copy, metadata_only=True).passed


def test_validating_an_edition_that_was_not_built_says_so(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "policebreaches.cli", "validate-crate", "--edition", "1999", "--results", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "edition 1999 has not been built" in done.stderr
    assert "build it first: make report EDITION=1999" in done.stderr
    assert "Traceback" not in done.stderr


PERSON = "PC Gwenllian Pugh misconduct"


def test_a_raw_file_named_after_a_person_is_in_the_crate_by_its_checksum_only(small):
    """Response and transcription files named after people (and one sent twice, and one changed
    since it was pinned): the crate is written, lists each by checksum under a neutral name,
    and holds no part of any of their names; the edition's own files keep their fixed names."""
    folder, raw = small
    xlsx = b"PK\x03\x04 not really a workbook"
    files = {
        f"responses/kent/{PERSON}.xlsx": xlsx,
        "responses/kent/Sgt Aoife Ni Bhriain (copy).xlsx": xlsx,  # the same bytes sent twice
        "responses/surrey/DC Łukasz Wiśniewski.eml": b"Subject: FOI\n\nNone held.\n",
        "transcribed/Siobhan O'Brien letter.csv": b"source_file,source_page\n",
        "notes/Supt Zoe Kowalczyk.txt": b"an odd file outside the contract's folders\n",
    }
    for name, content in files.items():
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(content)
    write_manifest(raw)
    (raw / "notes" / "Supt Zoe Kowalczyk.txt").write_bytes(b"changed after it was pinned\n")
    text = describe(folder, raw).read_text(encoding="utf-8")
    crate = graph(folder / CRATE_FILE)
    for word in (
        "Gwenllian",
        "Pugh",
        "misconduct",
        "Aoife",
        "Bhriain",
        "copy",
        "Łukasz",
        "Wiśniewski",
        "Siobhan",
        "Brien",
        "letter",
        "Kowalczyk",
        "notes",
        "kent/",
        "surrey/",
        ".xlsx",
        ".eml",
    ):
        assert word not in text, word
    digest = {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
    kent = digest[f"responses/kent/{PERSON}.xlsx"]
    both = [crate[f"#raw/2099/responses/sha256-{kent[:16]}"], crate[f"#raw/2099/responses/sha256-{kent[:16]}-2"]]
    for entity in both:  # the same bytes twice: two entities, told apart by a suffix
        assert (
            entity["name"] == "response file" and entity["sha256"] == kent and entity["contentSize"] == str(len(xlsx))
        )
        assert entity["encodingFormat"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    mail = crate[f"#raw/2099/responses/sha256-{digest['responses/surrey/DC Łukasz Wiśniewski.eml'][:16]}"]
    assert mail["encodingFormat"] == "message/rfc822"
    letter = digest["transcribed/Siobhan O'Brien letter.csv"]
    assert crate[f"#raw/2099/transcribed/sha256-{letter[:16]}"]["name"] == "transcription"
    odd = crate[f"#raw/2099/sha256-{digest['notes/Supt Zoe Kowalczyk.txt'][:16]}"]  # a folder not of the contract
    assert odd["name"] == "edition file" and odd["sha256"] == digest["notes/Supt Zoe Kowalczyk.txt"]
    assert "contentSize" not in odd  # its bytes are not the pinned ones: no size is given for them
    assert crate["#raw/2099/requests.csv"]["name"] == "raw/2099/requests.csv"
    raw_ids = [i for i in ids(crate["#run"]["object"]) if i.startswith("#raw/")]
    assert len(raw_ids) == 10  # edition.yaml, request.txt, requests.csv, FOI response.csv, the five, SHA256SUMS


def test_the_crate_text_passes_the_publication_gate(small):
    """What the crate prints that a person wrote (a configuration value, say) is scanned before
    it is written: personal data in it stops the stage naming where."""
    from policebreaches.problems import InputError

    folder, raw = small
    info = json.loads((folder / "build_info.json").read_text(encoding="utf-8"))
    info["config"]["contact"] = "PC Gwenllian Pugh"
    (folder / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(InputError) as stopped:
        describe(folder, raw)
    assert "ro-crate-metadata.json #config/contact value" in str(stopped.value)
    assert "name after title 'PC Gwenllian Pugh'" in str(stopped.value)
    assert not (folder / CRATE_FILE).exists()


def test_a_commit_id_that_reads_like_a_vehicle_registration_passes_the_gate(small):
    """Commit af07ebd of this project stopped its own build: 'af07ebd' has the shape of a UK
    registration (AF07 EBD). Versions and checksums are the build's own identifiers; the
    values a person wrote beside them are still scanned."""
    from policebreaches.problems import InputError

    folder, raw = small
    info = json.loads((folder / "build_info.json").read_text(encoding="utf-8"))
    info["git_describe"] = "af07ebd"
    (folder / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    describe(folder, raw)
    crate = json.loads((folder / CRATE_FILE).read_text(encoding="utf-8"))
    assert "af07ebd" in json.dumps(crate)  # the version is kept, as git gave it
    info["config"]["contact"] = "car AF07 EBD"
    (folder / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(InputError, match="#config/contact value: vehicle reg"):
        describe(folder, raw)
