"""Totals in letters follow what the text says: a total per role, year or type is a margin
of its own; several total lines make the whole only where they partition it and agree with
any total stated; otherwise a problem naming the lines. One test per letter form of
/work/shared/FOI-FORMATS.md ("label = N" / "label - N" lines, totals per role, per year,
per type, with or without a grand total) and forms seen in published disclosure logs
(a count after its label on the next line when a web page flattens a table, "Total: 413
incidents", totals said in a sentence)."""

from __future__ import annotations

import pandas as pd
import pytest

from policebreaches.classify import resolve_aggregates

from editions import extract, make_edition

OPENING = (
    "Dear Requester,\n\nThank you for your request for the number of breaches of the Data Protection Act "
    "by police officers and staff, and the outcome (for example written warning, sacked etc.).\n\n"
)


def read_letter(tmp_path, body: str, name: str = "kent/letter.txt"):
    """(aggregates of the letter as classify resolves them, every problem on the way)."""
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": name}], {name: OPENING + body}
    )
    rows, counts, statuses, problems = extract(root, "kent")
    assert statuses[0]["status"] == "extracted", (statuses, problems)
    aggregates, more = resolve_aggregates(pd.DataFrame(counts))
    return aggregates, problems + more


def margin(aggregates, dimension: str) -> dict[str, int]:
    rows = aggregates[aggregates.dimension == dimension]
    return {c: int(n) for c, n in zip(rows.category, rows["count"])}


def total(aggregates) -> int:
    (value,) = aggregates[aggregates.dimension == "total"]["count"]
    return int(value)


@pytest.mark.parametrize("dash", ["=", "\u2013", "-", ":"])
def test_type_lines_and_a_total(tmp_path, dash):
    body = f"Unauthorised access to police systems {dash} 13\nDisclosure to third parties {dash} 9\nTotal {dash} 22\n"
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 22
    assert margin(aggs, "breach_type") == {"unauthorised_access": 13, "third_party_disclosure": 9}


def test_totals_per_role_without_a_grand_total_add_up_to_the_whole(tmp_path):
    body = "Total number of breaches by police officers = 18\nTotal number of breaches by police staff = 7\n"
    aggs, problems = read_letter(tmp_path, body)
    assert not problems
    assert total(aggs) == 25  # not 7: the last total line does not win
    assert margin(aggs, "role") == {"officer": 18, "police_staff": 7}
    assert margin(aggs, "breach_type") == {"other": 25}  # what the letter does not say stays unexplained


def test_totals_per_role_consistent_with_the_grand_total(tmp_path):
    body = "Police officers \u2013 18\nPolice staff \u2013 5\nPCSOs \u2013 2\nTotal number of breaches = 25\n"
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 25
    assert margin(aggs, "role") == {"officer": 18, "police_staff": 5, "pcso": 2}


def test_roles_short_of_the_grand_total_leave_the_rest_unknown(tmp_path):
    aggs, problems = read_letter(tmp_path, "Officers = 18\nTotal = 25\n")
    assert not problems and total(aggs) == 25 and margin(aggs, "role") == {"officer": 18, "unknown": 7}


def test_roles_over_the_grand_total_are_a_problem_naming_the_lines(tmp_path):
    body = (
        "Total number of breaches by police officers = 18\nTotal number of breaches by police staff = 9\nTotal = 25\n"
    )
    _, problems = read_letter(tmp_path, body)
    assert len(problems) == 1 and problems[0].file == "responses/kent/letter.txt"
    what = problems[0].what
    assert what.startswith("role counts sum to 27, more than the total 25")
    assert "(line=5, line=6)" in what  # the two role lines of the letter (its lines 5 and 6)


def test_totals_per_year_make_the_whole_and_are_year_margins(tmp_path):
    body = "Total 2012 = 4\nTotal 2013 = 6\nTotal for 2014/15 = 3\n"
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 13
    assert margin(aggs, "year") == {"2012": 4, "2013": 6, "2014/15": 3}


def test_bare_years_as_labels(tmp_path):
    aggs, problems = read_letter(tmp_path, "2012 = 4\n2013 = 6\n2014/15 = 1\nTotal = 11\n")
    assert not problems and total(aggs) == 11 and margin(aggs, "year") == {"2012": 4, "2013": 6, "2014/15": 1}


def test_the_same_year_total_in_two_tables_counts_once(tmp_path):
    body = "By type:\nUnauthorised access = 6\nTotal 2013 = 6\n\nBy rank:\nPC = 6\nTotal 2013 = 6\n"
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 6 and margin(aggs, "year") == {"2013": 6}


def test_two_tables_disagreeing_on_a_year_total_is_a_problem(tmp_path):
    body = "By type:\nUnauthorised access = 13\nTotal 2013 = 13\n\nBy rank:\nPC = 16\nTotal 2013 = 16\n"
    _, problems = read_letter(tmp_path, body)
    assert len(problems) == 1
    assert "different totals for 2013" in problems[0].what and "'Total 2013' = 13" in problems[0].what
    assert "'Total 2013' = 16" in problems[0].what


def test_totals_per_type_are_type_margins(tmp_path):
    body = (
        "Total number of unauthorised access breaches = 12\n"
        "Total number of breaches involving disclosure to third parties = 5\n"
    )
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 17
    assert margin(aggs, "breach_type") == {"unauthorised_access": 12, "third_party_disclosure": 5}


def test_margins_that_disagree_without_a_grand_total_are_a_problem(tmp_path):
    body = "Unauthorised access = 12\nDisclosure to third parties = 5\nPolice officers = 15\nPolice staff = 4\n"
    _, problems = read_letter(tmp_path, body)
    assert len(problems) == 1 and problems[0].what.startswith("no total is stated and the margins disagree")
    assert "breach_type lines sum to 17" in problems[0].what and "role lines sum to 19" in problems[0].what


def test_two_different_grand_totals_are_a_problem_naming_both(tmp_path):
    _, problems = read_letter(tmp_path, "Unauthorised access = 12\nTotal = 12\n\nGrand total = 14\n")
    assert len(problems) == 1 and problems[0].what.startswith("the response states different totals")
    assert "'Total' = 12" in problems[0].what and "'Grand total' = 14" in problems[0].what


def test_the_same_grand_total_twice_is_one_total(tmp_path):
    aggs, problems = read_letter(tmp_path, "Unauthorised access = 12\nTotal = 12\n\nOverall total - 12\n")
    assert not problems and total(aggs) == 12


def test_officers_and_staff_together_are_the_whole(tmp_path):
    aggs, problems = read_letter(tmp_path, "Officers and staff = 25\nUnauthorised access = 20\n")
    assert not problems and total(aggs) == 25 and margin(aggs, "breach_type")["other"] == 5


@pytest.mark.parametrize(
    "body",
    [
        "Total number of breaches recorded by police officers\n= 18\nTotal number of breaches by police staff = 7\n",
        "Total number of breaches recorded by police officers\n18\nTotal number of breaches by police staff\n7\n",
    ],
    ids=["equals-on-next-line", "figure-on-next-line"],
)
def test_a_total_split_over_two_lines_is_read(tmp_path, body):
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 25 and margin(aggs, "role") == {"officer": 18, "police_staff": 7}
    officer = aggs[(aggs.dimension == "role") & (aggs.category == "officer")].iloc[0]
    assert officer.source_locator == "line=5+line=6"  # both lines named


def test_a_web_page_table_flattened_one_cell_per_line(tmp_path):
    """A disclosure-log page whose table lost its cells: label, blank line, figure."""
    body = "Rank\n\nPC\n\n15\n\nPolice Staff\n\n2\n\nTotal\n\n17\n"
    aggs, problems = read_letter(tmp_path, body)
    assert not problems and total(aggs) == 17 and margin(aggs, "role") == {"officer": 15, "police_staff": 2}


def test_a_total_with_its_unit_after_the_figure(tmp_path):
    aggs, problems = read_letter(tmp_path, "1. Total: 413 incidents\n")
    assert not problems and total(aggs) == 413


@pytest.mark.parametrize(
    "sentence, expected_total, roles",
    [
        ("In total, there were 12 breaches recorded during the period.", 12, {}),
        ("A total of 25 breaches were recorded between June 2011 and December 2015.", 25, {}),
        (
            "The total number of breaches by police officers was 18. The total number of breaches by police staff "
            "was 7.",
            25,
            {"officer": 18, "police_staff": 7},
        ),
    ],
    ids=["in-total", "a-total-of", "two-role-totals-in-sentences"],
)
def test_totals_said_in_a_sentence(tmp_path, sentence, expected_total, roles):
    aggs, problems = read_letter(tmp_path, sentence + "\n")
    assert not problems and total(aggs) == expected_total
    assert margin(aggs, "role") == roles


def test_a_total_of_people_in_a_sentence_is_not_a_total_of_breaches(tmp_path):
    """'a total of 3 officers were dismissed' counts an outcome of people: not read as the
    body's breaches (the letter asks for transcription instead)."""
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/letter.txt"}],
        {"kent/letter.txt": OPENING + "Since 2011 a total of 3 officers were dismissed for misusing systems.\n"},
    )
    _, counts, statuses, _ = extract(root, "kent")
    assert not counts and statuses[0]["status"] == "needs_transcription"


def test_the_request_quoted_back_is_not_a_figure(tmp_path):
    """The opening quotes the request ('the number of breaches ... sacked etc.'): no figure in it."""
    aggs, problems = read_letter(tmp_path, "Total = 3\n")
    assert not problems and list(aggs[aggs.dimension != "not_counted"].dimension.unique()) == [
        "total",
        "breach_type",
        "outcome_group",
        "pnc",
    ]


def test_a_letter_total_disagreeing_with_its_own_table_is_a_problem(tmp_path):
    from editions import docx_bytes

    table = [["Date", "Rank", "Nature of breach", "Outcome"], ["Jan-13", "PC", "Viewed a crime report", "NFA"]]
    for stated, expected in (
        (1, []),
        (3, ["paragraph=2: the text says 'Total' = 3 but its tables list 1 incident rows"]),
    ):
        document = docx_bytes(tmp_path, [table], paragraphs=["Dear Requester,", f"Total = {stated}"])
        root = make_edition(
            tmp_path / f"ed{stated}",
            [{"force": "Kent Police", "status": "disclosed", "files": "kent/r.docx"}],
            {"kent/r.docx": document},
        )
        _, counts, _, problems = extract(root, "kent")
        assert [p.what for p in problems] == expected and not counts


def test_a_covering_letter_total_beside_an_incident_table_is_named_not_added(tmp_path):
    """'Total = 2' in the letter and the two incidents in the attached CSV: added up they would
    make 4. A problem names the letter; marked layout: ignore, the table alone counts."""
    files = {
        "kent/letter.txt": OPENING + "Please find attached the breaches recorded.\nTotal = 2\n",
        "kent/breaches.csv": "Date,Rank,Nature of breach,Outcome\n"
        "Jan-13,PC,Viewed a crime report,NFA\nFeb-13,Police Staff,Disclosed an address,Dismissed\n",
    }
    register = [{"force": "Kent Police", "status": "disclosed", "files": "kent/letter.txt;kent/breaches.csv"}]
    _, counts, _, problems = extract(make_edition(tmp_path / "ed", register, files), "kent")
    assert len(counts) == 1 and [p.file for p in problems] == ["responses/kent/letter.txt"]
    assert "responses/kent/breaches.csv lists 2 incident rows" in problems[0].what
    assert "layout: ignore" in problems[0].fix
    hint = {"overrides/extraction.yaml": "kent/letter.txt:\n  layout: ignore\n"}
    rows, counts, _, problems = extract(make_edition(tmp_path / "ed2", register, files, extra=hint), "kent")
    assert not problems and not counts and sum(r["row_kind"] == "data" for r in rows) == 2


def test_a_flattened_table_with_several_year_columns_is_read_by_year(tmp_path):
    """West Midlands' disclosure log 4658_14: a year-by-rank table flattened one cell per line;
    'Total' is followed by one figure per year, none of them the total of the period: the
    table is rebuilt and read a figure per year (tests/test_counts_by_period.py), never
    label-to-first-figure."""
    body = "Rank\n\n2012\n\n2013\n\nPC\n\n7\n\n9\n\nPolice Staff\n\n1\n\n6\n\nTotal\n\n8\n\n15\n"
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/page.txt"}],
        {"kent/page.txt": OPENING + body},
    )
    _, counts, statuses, problems = extract(root, "kent")
    assert {c["layout"] for c in counts} == {"counts_by_period"} and statuses[0]["status"] == "extracted"
    aggregates, more = resolve_aggregates(pd.DataFrame(counts))
    assert not problems + more
    assert total(aggregates) == 23 and margin(aggregates, "year") == {"2012": 8, "2013": 15}
    assert margin(aggregates, "role") == {"officer": 16, "police_staff": 7}
