"""Incident tables pasted one cell per line (issue 28, item 4): a PDF or web page copied as
text puts each cell on a line of its own. Heading lines that name fields, then rows of as
many lines whose date cell is a date (the regular cycle of cells), are rebuilt as a table and
read as incidents; lines whose cycle breaks are not. Count tables by period pasted the same
way: tests/test_counts_by_period.py."""

from __future__ import annotations

from editions import extract, make_edition

FLAT_INCIDENTS = """Dear Requester,

Please find below the details of breaches recorded.

Details of breaches
Date
Description
Outcome
14/03/2012
Accessed a relative's record without a policing purpose
Written warning
02/07/2013
Checked a neighbour on police systems
No further action
19/11/2014
Disclosed an address to a friend
Dismissed

Yours sincerely
"""


def test_an_incident_table_pasted_one_cell_per_line_is_read_as_incidents(tmp_path):
    """A PDF's incident table copied as text: heading lines, then rows of as many lines, each
    row's date a date (the cycle that shows the lines are cells). A cell that reads like a
    heading ('No further action') stays a cell."""
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/letter.txt"}],
        {"kent/letter.txt": FLAT_INCIDENTS},
    )
    rows, counts, statuses, problems = extract(root, "kent")
    data = [r for r in rows if r["row_kind"] == "data"]
    assert [(r["date_raw"], r["outcome_raw"]) for r in data] == [
        ("14/03/2012", "Written warning"),
        ("02/07/2013", "No further action"),
        ("19/11/2014", "Dismissed"),
    ]
    assert data[1]["description_raw"] == "Checked a neighbour on police systems"
    assert counts == [] and not problems and statuses[0]["status"] == "extracted"


def test_lines_whose_cycle_breaks_are_not_read_as_a_table(tmp_path):
    """Heading-like lines followed by prose: no date where the cycle puts one, no table."""
    letter = "Date\nDescription\nOutcome\nWe do not hold this information in a retrievable form.\nThank you.\nRegards\n"
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/letter.txt"}],
        {"kent/letter.txt": letter},
    )
    rows, counts, statuses, problems = extract(root, "kent")
    assert not [r for r in rows if r["row_kind"] == "data"] and statuses[0]["status"] == "needs_transcription"


def test_a_letter_that_needs_a_transcription_is_told_the_file_its_header_and_its_source(tmp_path):
    """The fix names a transcription for this file, the header to write and the source_file
    its rows give; a transcription written as told is then read."""
    name = "kent/Reply letter.txt"
    letter = "Dear Requester,\n\nIn 2013 an officer looked at a neighbour's record and was dismissed.\n"
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": name}], {name: letter}
    )
    _, _, statuses, problems = extract(root, "kent")
    (problem,) = problems
    assert statuses[0]["status"] == "needs_transcription"
    assert "transcribed/kent_Reply_letter.csv" in problem.fix
    assert "header source_file,source_page,date,role,force_category,description,outcome" in problem.fix
    assert "source_file is kent/Reply letter.txt" in problem.fix
    (root / "transcribed").mkdir()
    (root / "transcribed" / "kent_Reply_letter.csv").write_text(
        "source_file,source_page,date,role,force_category,description,outcome\n"
        "kent/Reply letter.txt,,2013,officer,,Looked at a neighbour's record,Dismissed\n",
        encoding="utf-8",
    )
    rows, _, statuses, problems = extract(root, "kent")
    assert statuses[0]["status"] == "transcribed" and not problems
    assert [r["description_raw"] for r in rows if r["row_kind"] == "data"] == ["Looked at a neighbour's record"]
