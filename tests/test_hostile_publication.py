"""Issue 23's attack classes, one hostile edition each (built by the workflow, tests/editions.py):
what a careful researcher or an attacker tried with ordinary variations of real answers.
Where text a person signed off carries personal data, the strict build stops naming the case
and the allow_problems build publishes none of it; where the text is the response's own (raw
cells, file and sheet names, the request's signature, a formula after a separator), the
build needs no stop: the public outputs never carry it (the allow-list, item 1)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pytest

from policebreaches.crate import CRATE_FILE
from policebreaches.publication import is_public

from editions import build_edition, make_edition, xlsx_bytes

pytestmark = pytest.mark.slow  # a build or two per class (Snakemake)

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
QUOTED = "Passed details of a victim to a relative of the suspect"
OTHER = [
    ["2013-05-01", "PC", "Viewed a crime report without a policing purpose", "No further action"],
    ["2014-01-09", "Staff", "Sent a letter to the wrong address in error", "Management advice"],
]


def edition(tmp: Path, quoted_rows: list[list[str]], quotes: list[str] | None = None, **changes) -> Path:
    """Kent's spreadsheet with `quoted_rows` (each a case study's record, quoted as `quotes` say,
    QUOTED by default) and two others; `changes`: file, sheet, request (request.txt),
    request_public, essex_rows (a second body's CSV)."""
    file, sheet = changes.get("file", "kent/response.xlsx"), changes.get("sheet", "Data")
    essex = io.StringIO()
    csv.writer(essex, lineterminator="\n").writerows([HEADER, *changes.get("essex_rows", OTHER)])
    root = make_edition(
        tmp / "raw" / "2099",
        [
            {"force": "Kent", "status": "disclosed", "files": file},
            {"force": "Essex", "status": "disclosed", "files": "essex/r.csv"},
        ],
        {file: xlsx_bytes(tmp, {sheet: [HEADER, *quoted_rows, *OTHER]}), "essex/r.csv": essex.getvalue()},
        bless=False,
    )
    if "request" in changes:
        (root / "request.txt").write_text(changes["request"], encoding="utf-8")
    with open(root / "edition.yaml", "a", encoding="utf-8") as fh:
        if "request_public" in changes:
            fh.write("request_public: |\n" + "".join(f"  {line}\n" for line in changes["request_public"].splitlines()))
        fh.write("case_studies:\n")
        for row, quote in zip(quoted_rows, quotes or [QUOTED] * len(quoted_rows)):
            contains = row[2][-25:].replace('"', "")  # the end: records here may share a beginning
            fh.write(f'  - {{force: Kent, contains: "{contains}", quote: "{quote}", approved_by: "a test"}}\n')
    from policebreaches.edition import write_manifest

    write_manifest(root)
    return root


def sent(name: str) -> bool:
    """A public output, or the provenance crate's metadata file (sent with the report)."""
    return is_public(name) or name == CRATE_FILE


def public_text(out: Path) -> str:
    """The text of the public outputs and the crate, those a stopped build set aside in stale/ included."""
    files = [
        p
        for p in sorted(out.rglob("*"))
        if p.is_file() and sent(p.relative_to(out).as_posix().removeprefix("stale/")) and p.suffix != ".png"
    ]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def stops(root: Path, results: Path, allow: bool, target: str = "") -> str:
    """The console of a build that must stop (strict, or allow_problems: the gate is no input check)."""
    done, _ = build_edition(root, results, target, allow_problems=allow)
    assert done.returncode != 0, done.stdout[-2000:]
    return done.stdout + done.stderr


# -- text a person signed off: the strict build stops naming the case; allow mode publishes none


NAMES_IN_QUOTE = (
    "Siân Llewelyn-Jones passed the address of Łukasz WIŚNIEWSKI, 14 Heol y Bont, to Officer Kowalczyk "
    "and to zoe dot obrien at example dot com"
)


def test_personal_data_in_an_approved_quote_stops_the_build_naming_the_case(tmp_path):
    root = edition(tmp_path, [["2013-04-02", "PC", NAMES_IN_QUOTE, "Dismissed"]], [NAMES_IN_QUOTE])
    console = stops(root, tmp_path / "strict", allow=False, target="numbers.json")
    assert "case study, record" in console
    for item in ("Siân Llewelyn-Jones", "WIŚNIEWSKI", "14 Heol y Bont", "Officer Kowalczyk", "zoe dot obrien"):
        assert item in console, item
    stops(root, tmp_path / "allowed", allow=True, target="numbers.json")
    assert not (tmp_path / "allowed" / "2099" / "numbers.json").exists()
    assert "Heol" not in public_text(tmp_path / "allowed" / "2099")


CLEARED = "The officer was cleared of any allegation that he passed details of a victim"
CHANGED = {  # record's last words: (quote, why it is refused)
    "to the press": (f"[redacted: a journalist] was cleared{CLEARED.split('cleared')[1]} to the press", "of its own"),
    "to a friend": ("… passed details of a victim to a friend", "drops words inside a sentence"),
    "to a cousin": ("[redacted] passed details of a victim to a cousin", "a word that turns the meaning"),
}


def test_quotes_that_change_the_record_stop_the_build_naming_each_case(tmp_path):
    """A free-text mark, an ellipsis dropping 'cleared of any allegation', a mark hiding it."""
    rows = [["2013-04-02", "PC", f"{CLEARED} {end}", "No case to answer"] for end in CHANGED]
    root = edition(tmp_path, rows, [quote for quote, _ in CHANGED.values()])
    console = stops(root, tmp_path / "strict", allow=False, target="numbers.json")
    cases = re.findall(
        r"edition.yaml case_studies \(Kent Police\): the approved quote is not a redaction of record", console
    )
    assert len(cases) == 3, console[-3000:]
    for _, why in CHANGED.values():
        assert why in console, why
    stops(root, tmp_path / "allowed", allow=True, target="numbers.json")
    assert "passed details of a victim" not in public_text(tmp_path / "allowed" / "2099")


SIGNED = (
    "Please send the number of data protection breaches.\n\nYours faithfully,\nSiân Llewelyn-Jones\n14 Heol y Bont\n"
)


def test_a_public_request_with_the_signature_stops_the_build(tmp_path):
    root = edition(tmp_path, [["2013-04-02", "PC", QUOTED, "Dismissed"]], request=SIGNED, request_public=SIGNED)
    console = stops(root, tmp_path / "strict", allow=False)
    assert "report.html" in console and "14 Heol y Bont" in console
    stops(root, tmp_path / "allowed", allow=True)
    assert not (tmp_path / "allowed" / "2099" / "report.html").exists()
    assert "Heol" not in public_text(tmp_path / "allowed" / "2099")


# -- the response's own text: never published, so nothing to stop


NAMED_FILE = "kent/PC Gwenllian Pugh misconduct.xlsx"


@pytest.fixture(scope="module")
def by_design(tmp_path_factory) -> tuple[Path, Path]:
    """Raw cells naming people beside the approved quote, a file and a sheet named after
    officers, a signed request, and a formula after a semicolon: one strict build that must succeed."""
    tmp = tmp_path_factory.mktemp("by-design")
    root = edition(
        tmp,
        [["2013-04-02", "PC Łukasz Wiśniewski", QUOTED, "Dismissed by Supt Siobhán Ó Briain"]],
        file=NAMED_FILE,
        sheet="Sgt Aoife Ní Bhriain",
        request=SIGNED,
        request_public="Please send the number of data protection breaches.",
        essex_rows=[*OTHER, ["2014-03-01", "PC", "Viewed a log;=cmd|' /C calc'!A0", "NFA"]],
    )
    done, out = build_edition(root, tmp / "results")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root, out


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


def test_a_file_name_is_not_published_not_even_in_the_crate(by_design):
    """The report cites the file by checksum, and so does the provenance crate: the name (a
    responder's text) is in no public output, so it needs no stop; the build succeeded."""
    root, out = by_design
    published = public_text(out)
    assert QUOTED in published
    for part in ("Gwenllian", "Pugh", "misconduct.xlsx"):
        assert part not in published, part
    digest = hashlib.sha256((root / "responses" / NAMED_FILE).read_bytes()).hexdigest()
    crate = (out / CRATE_FILE).read_text(encoding="utf-8")
    assert f'"@id": "#raw/2099/responses/sha256-{digest[:16]}"' in crate  # in the crate, by its checksum
    assert f"responses/{NAMED_FILE}" in (out / "records.csv").read_text(encoding="utf-8")  # internal: its name


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
