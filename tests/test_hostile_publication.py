"""Issue 23's attack classes, one hostile edition each (built in one process, tests/editions.py):
what a careful researcher or an attacker tried with ordinary variations of real answers.
Where text a person signed off carries personal data, the strict build stops naming the case
and the allow_problems build publishes none of it; where the text is the response's own (raw
cells, file and sheet names, the request's signature, a formula after a separator), the
build needs no stop: the public outputs never carry it (the allow-list, item 1)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from policebreaches.problems import InputError
from policebreaches.publication import is_public

from editions import build_in_process, make_edition, xlsx_bytes

pytestmark = pytest.mark.slow  # a build per class (about 30 s each, in process)

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
QUOTED = "Passed details of a victim to a relative of the suspect"
OTHER = [
    ["2013-05-01", "PC", "Viewed a crime report without a policing purpose", "No further action"],
    ["2014-01-09", "Staff", "Sent a letter to the wrong address in error", "Management advice"],
]


def edition(tmp: Path, quoted_row: list[str], quote: str = QUOTED, **changes) -> Path:
    """Kent's spreadsheet with `quoted_row` (the case study's record) and two others; `changes`:
    file, sheet, request (request.txt), request_public, essex_rows (a second body's CSV)."""
    file, sheet = changes.get("file", "kent/response.xlsx"), changes.get("sheet", "Data")
    essex = io.StringIO()
    csv.writer(essex, lineterminator="\n").writerows([HEADER, *changes.get("essex_rows", OTHER)])
    root = make_edition(
        tmp / "raw" / "2099",
        [
            {"force": "Kent", "status": "disclosed", "files": file},
            {"force": "Essex", "status": "disclosed", "files": "essex/r.csv"},
        ],
        {file: xlsx_bytes(tmp, {sheet: [HEADER, quoted_row, *OTHER]}), "essex/r.csv": essex.getvalue()},
        bless=False,
    )
    if "request" in changes:
        (root / "request.txt").write_text(changes["request"], encoding="utf-8")
    with open(root / "edition.yaml", "a", encoding="utf-8") as fh:
        if "request_public" in changes:
            fh.write("request_public: |\n" + "".join(f"  {line}\n" for line in changes["request_public"].splitlines()))
        contains = quoted_row[2][:30].replace('"', "")
        fh.write(
            f'case_studies:\n  - {{force: Kent, contains: "{contains}", quote: "{quote}", approved_by: "a test"}}\n'
        )
    from policebreaches.edition import write_manifest

    write_manifest(root)
    return root


def public_text(out: Path) -> str:
    files = [p for p in sorted(out.rglob("*")) if p.is_file() and is_public(p.relative_to(out).as_posix())]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files if p.suffix != ".png")


def stops(root: Path, out: Path, allow: bool) -> str:
    with pytest.raises(InputError) as stopped:
        build_in_process(root, out, allow_problems=allow)
    return str(stopped.value)


# -- text a person signed off: the strict build stops naming the case; allow mode publishes none


NAMES_IN_QUOTE = (
    "Siân Llewelyn-Jones passed the address of Łukasz WIŚNIEWSKI, 14 Heol y Bont, to Officer Kowalczyk "
    "and to zoe dot obrien at example dot com"
)


def test_personal_data_in_an_approved_quote_stops_the_build_naming_the_case(tmp_path):
    root = edition(tmp_path, ["2013-04-02", "PC", NAMES_IN_QUOTE, "Dismissed"], quote=NAMES_IN_QUOTE)
    message = stops(root, tmp_path / "strict", allow=False)
    assert "case study, record" in message
    for item in ("Siân Llewelyn-Jones", "WIŚNIEWSKI", "14 Heol y Bont", "Officer Kowalczyk", "zoe dot obrien"):
        assert item in message, item
    stops(root, tmp_path / "allowed", allow=True)  # the gate is no input check: allow mode stops too
    assert not (tmp_path / "allowed" / "report.html").exists() and "Heol" not in public_text(tmp_path / "allowed")


@pytest.mark.parametrize(
    "quote, why",
    [
        ("[redacted: and the press] was cleared of any allegation that he passed details of a victim", "of its own"),
        ("… passed details of a victim", "drops words inside a sentence"),
        ("[redacted] passed details of a victim", "a word that turns the meaning"),
    ],
    ids=["free-text mark", "ellipsis drops a negation", "mark hides a negation"],
)
def test_a_quote_that_changes_the_record_stops_the_build_naming_the_case(tmp_path, quote, why):
    record = "The officer was cleared of any allegation that he passed details of a victim"
    root = edition(tmp_path, ["2013-04-02", "PC", record, "No case to answer"], quote=quote)
    message = stops(root, tmp_path / "strict", allow=False)
    assert "edition.yaml case_studies (Kent Police): the approved quote is not a redaction of record" in message
    assert why in message
    stops(root, tmp_path / "allowed", allow=True)
    assert "passed details of a victim" not in public_text(tmp_path / "allowed")


SIGNED = (
    "Please send the number of data protection breaches.\n\nYours faithfully,\nSiân Llewelyn-Jones\n14 Heol y Bont\n"
)


def test_a_public_request_with_the_signature_stops_the_build(tmp_path):
    root = edition(tmp_path, ["2013-04-02", "PC", QUOTED, "Dismissed"], request=SIGNED, request_public=SIGNED)
    message = stops(root, tmp_path / "strict", allow=False)
    assert "report.html" in message and "14 Heol y Bont" in message
    stops(root, tmp_path / "allowed", allow=True)
    assert "Heol" not in public_text(tmp_path / "allowed")


# -- the response's own text: never published, so nothing to stop


@pytest.fixture(scope="module")
def by_design(tmp_path_factory) -> tuple[Path, Path]:
    """Raw cells naming people beside the approved quote, a sheet named after an officer, a
    signed request, and a formula after a semicolon: one strict build that must succeed."""
    tmp = tmp_path_factory.mktemp("by-design")
    root = edition(
        tmp,
        ["2013-04-02", "PC Łukasz Wiśniewski", QUOTED, "Dismissed by Supt Siobhán Ó Briain"],
        sheet="Sgt Aoife Ní Bhriain",
        request=SIGNED,
        request_public="Please send the number of data protection breaches.",
        essex_rows=[*OTHER, ["2014-03-01", "PC", "Viewed a log;=cmd|' /C calc'!A0", "NFA"]],
    )
    return root, build_in_process(root, tmp / "out")


def test_raw_cells_beside_a_quote_are_not_published(by_design):
    _, out = by_design
    published = public_text(out)
    assert QUOTED in published  # the approved quote is
    for name in ("Wiśniewski", "Ó Briain", "Siobhán"):
        assert name not in published, name


def test_a_sheet_name_is_not_published(by_design):
    _, out = by_design
    assert "Aoife" not in public_text(out) and "Bhriain" not in public_text(out)
    assert "Aoife Ní Bhriain" in (out / "records.csv").read_text(encoding="utf-8")  # internal: the full locator


def test_a_file_name_is_not_published_and_the_crate_stops_the_build_naming_it(tmp_path):
    """The report cites the file by checksum; the provenance crate (not published, but gated:
    it names every raw file) stops the build naming the file, after the report was written."""
    root = edition(tmp_path, ["2013-04-02", "PC", QUOTED, "Dismissed"], file="kent/PC Gwenllian Pugh misconduct.xlsx")
    message = stops(root, tmp_path / "out", allow=False)
    assert "ro-crate-metadata.json: raw file name: name after title 'PC Gwenllian Pugh'" in message
    published = public_text(tmp_path / "out")
    assert QUOTED in published and "Gwenllian" not in published and "misconduct.xlsx" not in published


def test_the_request_signature_is_not_published(by_design):
    _, out = by_design
    published = public_text(out)
    assert "Please send the number of data protection breaches." in published
    for line in ("Yours faithfully", "Siân", "Heol y Bont"):
        assert line not in published, line


def test_a_formula_after_a_separator_is_inert_everywhere(by_design):
    _, out = by_design
    records = (out / "records.csv").read_text(encoding="utf-8")
    assert "Viewed a log;'=cmd" in records and ";=cmd" not in records
    assert "cmd|" not in public_text(out)
