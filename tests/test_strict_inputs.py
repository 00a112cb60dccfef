"""Strict inputs (issue 24, item 7): the edition's YAML and CSV files load with a repeated
key as an error and every syntax error in the problem list with its file and line; a
register may name folders, patterns and thousands of files."""

from __future__ import annotations

import pytest

from policebreaches.checks import check_inputs
from policebreaches.edition import write_manifest
from policebreaches.forces import FORCES_CSV

from editions import LIMITS, make_edition

GOOD = "Date,Details,Outcome\n2013-01-01,Viewed a record without a policing purpose,NFA\n"
KENT = {"force": "Kent", "status": "disclosed", "files": "kent/r.csv"}


def edition(tmp_path, rows=None, files=None, extra=None):
    return make_edition(tmp_path / "raw" / "ed", rows or [KENT], files or {"kent/r.csv": GOOD}, extra=extra)


def problems_of(root):
    write_manifest(root)
    problems, register, checked = check_inputs(root, LIMITS, FORCES_CSV)
    return [(p.file, p.what) for p in problems], register, checked


def test_a_repeated_key_in_edition_yaml_is_a_problem_never_the_last_value(tmp_path):
    root = edition(tmp_path)
    (root / "edition.yaml").write_text(
        (root / "edition.yaml").read_text(encoding="utf-8") + "synthetic: false\n", encoding="utf-8"
    )
    found, _, checked = problems_of(root)
    assert found == [("edition.yaml line 8", "not valid YAML: the key 'synthetic' is given twice (first on line 6)")]
    assert checked is None  # never an edition whose SYNTHETIC mark came from the second key


@pytest.mark.parametrize(
    "text, line, what",
    [  # appended to the 7 lines of a good edition.yaml
        ("case_studies: [unclosed\n", 9, "expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)"),
        ("case_studies: !!python/object:os.system x\n", 8, "could not determine a constructor for the tag"),
        ("case_studies: !secret x\n", 8, "could not determine a constructor for the tag '!secret'"),
        ("  bad: indentation\n", 8, "mapping values are not allowed here"),
    ],
)
def test_a_yaml_error_or_an_unknown_tag_names_the_file_and_line(tmp_path, text, line, what):
    root = edition(tmp_path)
    (root / "edition.yaml").write_text((root / "edition.yaml").read_text(encoding="utf-8") + text, encoding="utf-8")
    found, _, checked = problems_of(root)
    assert found == [(f"edition.yaml line {line}", f"not valid YAML: {what}")] or (
        len(found) == 1 and found[0][0] == f"edition.yaml line {line}" and what in found[0][1]
    ), found
    assert checked is None


def test_a_repeated_key_in_the_extraction_overrides_is_a_problem(tmp_path):
    hints = "kent/r.csv:\n  header_row: 1\nkent/r.csv:\n  layout: ignore\n"
    root = edition(tmp_path, extra={"overrides/extraction.yaml": hints})
    found, _, _ = problems_of(root)
    assert found == [
        ("overrides/extraction.yaml line 3", "not valid YAML: the key 'kent/r.csv' is given twice (first on line 1)")
    ]


def test_a_repeated_column_in_requests_csv_is_a_problem(tmp_path):
    root = edition(tmp_path)
    (root / "requests.csv").write_text(
        "force,reference,requested,responded,status,exemption,files,notes,status\n"
        "Kent,R1,2016-01-04,2016-02-01,disclosed,,kent/r.csv,,refused\n",
        encoding="utf-8",
    )
    found, register, _ = problems_of(root)
    assert ("requests.csv", "column(s) ['status'] appear more than once") in found and register == []


def test_a_register_line_with_more_cells_than_columns_is_a_problem(tmp_path):
    root = edition(tmp_path)
    text = (root / "requests.csv").read_text(encoding="utf-8").rstrip("\n")
    (root / "requests.csv").write_text(text + ",an unquoted, comma\n", encoding="utf-8")
    found, _, _ = problems_of(root)
    assert ("requests.csv line 2", "10 cells for 8 columns") in found


def test_a_repeated_column_in_denominators_and_bodies_is_a_problem(tmp_path):
    root = edition(
        tmp_path,
        extra={
            "denominators.csv": "force_id,officers,staff,as_of,source,staff\nkent,3000,2000,2015-03-31,Home Office,1\n",
            "bodies.csv": "force_id,name,name\nleeds-council,Leeds City Council,Leeds\n",
        },
    )
    found, _, _ = problems_of(root)
    assert ("denominators.csv", "column(s) ['staff'] appear more than once") in found
    assert ("bodies.csv", "column(s) ['name'] appear more than once") in found


def test_a_transcription_that_is_not_csv_is_a_problem_with_its_line(tmp_path):
    root = edition(tmp_path, extra={"transcribed/letter.csv": 'source_file,date\n"unclosed,2013-01-01\n'})
    found, _, _ = problems_of(root)
    assert found == [("transcribed/letter.csv line 2", "not a readable CSV line (unexpected end of data)")]


def test_a_register_names_a_folder_or_a_pattern(tmp_path):
    files = {f"kent/part {i}.csv": GOOD for i in range(3)} | {"durham/a.csv": GOOD, "durham/b.txt": "Dear requester"}
    rows = [
        {"force": "Kent", "status": "disclosed", "files": "kent/"},
        {"force": "Durham", "status": "disclosed", "files": "durham/*.csv;durham/*.txt"},
    ]
    found, register, _ = problems_of(edition(tmp_path, rows, files))
    assert found == []
    assert [r["files"] for r in register] == [
        ["kent/part 0.csv", "kent/part 1.csv", "kent/part 2.csv"],
        ["durham/a.csv", "durham/b.txt"],
    ]


def test_a_pattern_that_matches_nothing_is_a_problem(tmp_path):
    rows = [KENT, {"force": "Durham", "status": "disclosed", "files": "durham/*.pdf"}]
    found, _, _ = problems_of(edition(tmp_path, rows))
    assert ("requests.csv line 3 ('Durham')", "files entry 'durham/*.pdf' matches no file under responses/") in found


def test_a_pattern_never_reaches_outside_responses(tmp_path):
    (tmp_path / "raw" / "secret.csv").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "raw" / "secret.csv").write_text(GOOD, encoding="utf-8")
    rows = [KENT, {"force": "Durham", "status": "disclosed", "files": "../../*.csv"}]
    found, register, _ = problems_of(edition(tmp_path, rows))
    assert ("requests.csv line 3 ('Durham')", "files entry '../../*.csv' matches no file under responses/") in found
    assert all("secret" not in name for row in register for name in row["files"])


def test_thousands_of_files_in_one_cell_are_read(tmp_path):
    """Over the csv module's default field limit (128 KB), which stopped planning before."""
    names = [f"kent/response part {i:05d} of the force's disclosure.csv" for i in range(3000)]
    root = edition(tmp_path, [{**KENT, "files": ";".join(names)}], {name: GOOD for name in names})
    assert len((root / "requests.csv").read_text(encoding="utf-8")) > 131_072
    found, register, _ = problems_of(root)
    assert found == [] and register[0]["files"] == names
