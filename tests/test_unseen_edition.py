"""An edition written to the input contract with other wordings and layouts than the
sample: it builds without code changes, and the numbers are the ones a person counts
by hand from the files below."""

import datetime as dt
import json
import re
import subprocess
import sys
from email.message import EmailMessage

import pytest

from conftest import REPO, read, run_pipeline
from editions import docx_bytes, make_edition, xlsx_bytes

# two more builds of their own (strict, then allow_problems): CI runs them with make test-slow;
# the layouts they use are unit-tested on real files in test_layouts.py and test_bad_inputs.py
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unseen")
    kent = xlsx_bytes(
        tmp,
        {
            "Sheet1": [
                ["KENT POLICE"],
                ["Freedom of Information Act 2000 - Request 16/0123"],
                ["Data protection breaches"],
                [],
                [],
                ["Incident date", "Staff type", "Category", "Circumstances", "Sanction"],
                [
                    dt.datetime(2013, 1, 14),
                    "Police Officer",
                    "Confidentiality",
                    "Passed details of a crime to her sister",
                    "Final written warning",
                ],
                [
                    "Feb-14",
                    "Police Staff",
                    "Computer misuse",
                    "Searched Athena for her neighbour's record",
                    "Management advice",
                ],
                ["FY 13-14", "PCSO", "Information security", "Left a bag of case files on the bus", "Words of advice"],
                [
                    "May 2010",
                    "Police Officer",
                    "Computer misuse",
                    "Looked up an ex-partner on PNC",
                    "NFA",
                ],  # before the period
                ["Grand Total", "", "", "", 4],
            ]
        },
    )
    surrey = (
        "Month/Year;Officer or Staff;Summary of allegation;Result\r\n"
        "03/2012;Sgt;Revealed the identity of an informant to a drug dealer;Convicted and jailed\r\n"
        "11/2015;Staff;Checked the system for details of a celebrity;Ongoing\r\n"
    ).encode("cp1252")
    essex = (
        "<html><body><div class='cookie'>Cookies help us</div><h1>Disclosure log</h1><pre>\n"
        "Date | Details | Outcome\n"
        "2014 | Posted a victim's address on Facebook | Dismissed\n"
        "June 2015 | Accessed custody records of a footballer | Resigned\n"
        "</pre></body></html>"
    )
    sussex = docx_bytes(
        tmp,
        [
            [
                ["Type of breach", "Number"],
                ["Unauthorised access", "3"],
                ["Disclosure of information", "1"],
                ["Total", "5"],
            ]
        ],
        paragraphs=["The force can provide the following numbers."],
    )
    durham = EmailMessage()
    durham["From"], durham["Subject"] = "foi@durham.example", "RE: FOI request 2017/88"
    durham.set_content("Dear requester,\nplease find the information attached.\n")
    durham.add_attachment(
        b"Date,Role,Details,Outcome\n2014-03-02,PC,Accessed PNC for personal reasons,Written warning\n",
        maintype="text",
        subtype="csv",
        filename="breaches.csv",
    )
    durham.add_attachment(b"PK\x03\x04...", maintype="application", subtype="zip", filename="scans.zip")
    make_edition(
        tmp / "raw" / "2017",
        [
            {"force": "Kent", "status": "disclosed", "files": "kent/FOI 16-0123.xlsx"},
            {"force": "Surrey Police", "status": "disclosed", "files": "surrey/data.csv"},
            {"force": "Essex Police", "status": "disclosed", "files": "essex/log.htm"},
            {"force": "Sussex", "status": "partial", "exemption": "s12", "files": "sussex/answer.docx"},
            {"force": "Cumbria Constabulary", "status": "disclosed", "files": "cumbria/broken.xlsx"},
            {"force": "Durham", "status": "disclosed", "files": "durham/RE FOI request.eml"},
            {"force": "Norfolk", "status": "refused", "exemption": "s40(2)"},
            {"force": "Gwent", "status": "no_response"},
        ],
        {
            "kent/FOI 16-0123.xlsx": kent,
            "surrey/data.csv": surrey,
            "essex/log.htm": essex,
            "sussex/answer.docx": sussex,
            "cumbria/broken.xlsx": b"PK\x03\x04 truncated",
            "durham/RE FOI request.eml": durham.as_bytes(),
        },
    )
    strict = run_pipeline(tmp / "results_strict", "2017", tmp / "raw", check=False)
    results = tmp / "results"
    run_pipeline(results, "2017", tmp / "raw", "allow_problems=true")
    return strict, results / "2017"


def test_strict_build_stops_naming_the_file_and_the_fix(unseen):
    strict, _ = unseen
    assert strict.returncode != 0
    assert "responses/cumbria/broken.xlsx: not a valid .xlsx (zip container is corrupt or truncated)" in strict.stderr


def test_numbers_counted_by_hand(unseen):
    _, built = unseen
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    value = lambda key: numbers[key]["value"]  # noqa: E731
    # Kent (one row before the period), Surrey, Essex, Sussex, Durham (an e-mail's attachment)
    assert value("breaches.total") == 3 + 2 + 2 + 5 + 1
    assert value("breaches.type.unauthorised_access") == 1 + 1 + 1 + 3 + 1
    assert value("breaches.type.third_party_disclosure") == 1 + 1 + 1 + 1
    assert value("breaches.type.other") == 1 + 1  # Kent's lost bag; Sussex's unexplained remainder
    assert value("outcomes.conviction_or_caution") == 1
    assert value("outcomes.resignation_or_dismissal") == 2
    assert value("outcomes.written_or_verbal_warning") == 1 + 1
    assert value("outcomes.no_formal_action") == 2
    assert value("outcomes.other_or_unknown") == 1 + 5  # Surrey's ongoing case; Sussex gives no outcomes
    assert value("requests.sent") == 8 and value("requests.responded") == 7
    assert value("records.excluded.outside_period") == 1


def test_problem_file_is_listed_not_lost(unseen):
    _, built = unseen
    ledger = read(built / "ledger.csv").set_index("source_file")
    assert ledger.loc["responses/cumbria/broken.xlsx", "attention"] == "failed_input_checks"
    assert ledger.loc["responses/durham/RE FOI request.eml", "nondata_unread"] == "1"
    html = (built / "report.html").read_text(encoding="utf-8")
    excluded, warnings = html.split("<h3>Files excluded because of problems</h3>")[1].split("<h3>Warnings</h3>")
    warnings = warnings.split("<h3>")[0]
    # files are cited by body and checksum, never by name (a name is the response's text)
    manifest = (built.parents[1] / "raw" / "2017" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    checksums = {name: sha for sha, name in (line.split(maxsplit=1) for line in manifest)}
    assert "Cumbria" in excluded and checksums["responses/cumbria/broken.xlsx"][:12] in excluded
    assert "Durham" not in excluded and checksums["responses/durham/RE FOI request.eml"][:12] in warnings
    assert not [name for name in ("broken.xlsx", "RE FOI request", "scans.zip") if name in html]


def test_an_excluded_file_contributes_no_record_aggregate_or_number(unseen):
    _, built = unseen
    html = (built / "report.html").read_text(encoding="utf-8")
    excluded_section = html.split("<h3>Files excluded because of problems</h3>")[1].split("<h3>")[0]
    manifest = (built.parents[1] / "raw" / "2017" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    names = {sha[:12]: name for sha, name in (line.split(maxsplit=1) for line in manifest)}
    excluded = {names[sha] for sha in re.findall(r"<code>([0-9a-f]{12})</code>", excluded_section)}  # cited by checksum
    assert excluded == {"responses/cumbria/broken.xlsx"}
    for table in ("records.csv", "aggregates.csv", "review.csv", "clean/exclusions.csv"):
        assert not excluded & set(read(built / table)["source_file"]), table
    # every number is made of records and counts listed in those tables, so none of it comes from the file
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    used = {i for entry in numbers.values() for i in entry.get("record_ids", [])}
    assert used and used <= set(read(built / "records.csv")["record_id"])
    counted = " ".join(row for entry in numbers.values() for row in entry.get("aggregate_rows", []))
    assert counted and not any(name in counted for name in excluded)
    assert not read(built / "extract" / "cumbria.rows.csv").shape[0]  # never parsed


def test_one_changed_response_reruns_only_its_own_extraction(unseen):
    """After one body's file changes, the dry run re-checks the edition and re-extracts
    that body only (on the test's own copy of the edition: no test writes into raw/)."""
    _, results = unseen
    raw = results.parent.parent / "raw"
    path = raw / "2017" / "responses" / "kent" / "FOI 16-0123.xlsx"
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\0")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "snakemake",
                "--dry-run",
                "--quiet",
                "rules",
                "--config",
                "edition=2017",
                f"raw_dir={raw}",
                f"results_dir={results.parent}",
                "allow_problems=true",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        counts = {
            line.split()[0]: int(line.split()[1])
            for line in done.stdout.splitlines()
            if len(line.split()) == 2 and line.split()[1].isdigit()
        }
        assert counts["extract_responses"] == 1 and counts["check_inputs"] == 1, done.stdout
    finally:
        path.write_bytes(original)
