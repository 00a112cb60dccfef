"""Count tables by period (issue 28, item 3): a table with years, financial years or
months on one axis and labels on the other is read one figure a cell, with its period;
figures for periods inside the edition's period are counted, those outside it are left
out with their reason, and a figure for a period partly outside it (calendar 2011 against
a period starting in June 2011) is a problem naming it. An answer reaching outside the
period cannot have its whole-span figures (a total over 2010-2014) counted.

The tables paraphrase published police answers: breach types by year with a total row
(a force's disclosure log, 2010-2014), the same turned (years down the side), financial
years as columns, and a letter giving counts per year beside a total over all of them."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from policebreaches.classify import resolve_aggregates

from editions import extract, make_edition

PERIOD = (dt.date(2011, 6, 1), dt.date(2015, 12, 31))
BY_YEAR = [
    ["Breach type", "2010", "2012", "2013", "2014"],
    ["Unauthorised access to police systems", "12", "4", "4", "1"],
    ["Disclosure of information", "3", "2", "-", "2"],
    ["Total", "15", "6", "4", "3"],
]


def csv_text(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


def resolved(tmp_path, files: dict[str, str], name: str):
    root = make_edition(tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": name}], files)
    rows, counts, statuses, problems = extract(root, "kent")
    aggregates, more = resolve_aggregates(pd.DataFrame(counts), period=PERIOD)
    return rows, counts, aggregates, problems + more


def counted(aggregates, dimension: str) -> dict[str, int]:
    part = aggregates[aggregates.dimension == dimension]
    return {c: int(n) for c, n in zip(part.category, part["count"])}


def test_a_table_of_types_by_year_counts_the_years_inside_the_period(tmp_path):
    rows, counts, aggregates, problems = resolved(tmp_path, {"kent/t.csv": csv_text(BY_YEAR)}, "kent/t.csv")
    assert not problems
    assert {c["layout"] for c in counts} == {"counts_by_period"} and len(counts) == 12
    assert counted(aggregates, "total") == {"total": 13}  # 6 + 4 + 3: 2010 is outside
    assert counted(aggregates, "year") == {"2012": 6, "2013": 4, "2014": 3}
    types = counted(aggregates, "breach_type")
    assert types["unauthorised_access"] == 9 and types["third_party_disclosure"] == 4
    left_out = aggregates[aggregates.dimension == "not_counted"]
    assert len(left_out) == 3 and set(left_out.note) == {"for 2010, outside the edition's period"}


def test_each_figure_keeps_its_cell_and_the_words_it_was_read_from(tmp_path):
    rows, counts, aggregates, problems = resolved(tmp_path, {"kent/t.csv": csv_text(BY_YEAR)}, "kent/t.csv")
    cell = next(c for c in counts if c["label"] == "Disclosure of information" and c["period"] == "2013")
    assert cell["count"] == 0 and cell["evidence"] == "Disclosure of information | 2013 = -"
    assert cell["source_locator"] == "line=3 column=4"
    assert len({c["source_locator"] for c in counts}) == len(counts)  # one place a figure
    assert [r["row_kind"] for r in rows] == ["header", "count", "count", "count"]


def test_the_same_table_turned_gives_the_same_numbers(tmp_path):
    turned = [list(column) for column in zip(*BY_YEAR)]
    _, _, upright, _ = resolved(tmp_path / "a", {"kent/t.csv": csv_text(BY_YEAR)}, "kent/t.csv")
    _, counts, aggregates, problems = resolved(tmp_path / "b", {"kent/t.csv": csv_text(turned)}, "kent/t.csv")
    assert not problems and len(counts) == 12
    for dimension in ("total", "year", "breach_type", "not_counted"):
        assert counted(aggregates, dimension) == counted(upright, dimension)


def test_an_html_table_by_year_is_read_like_a_spreadsheet(tmp_path):
    cells = "".join(
        "<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>" for c in row) + "</tr>"
        for i, row in enumerate(BY_YEAR)
    )
    page = f"<html><body><p>Our response is below.</p><table>{cells}</table></body></html>"
    _, _, aggregates, problems = resolved(tmp_path, {"kent/a.html": page}, "kent/a.html")
    assert not problems and counted(aggregates, "total") == {"total": 13}


def test_a_year_partly_outside_the_period_is_a_problem_naming_it(tmp_path):
    table = [["Breach type", "2011", "2012"], ["Unauthorised access", "5", "4"], ["Total", "5", "4"]]
    _, _, aggregates, problems = resolved(tmp_path, {"kent/t.csv": csv_text(table)}, "kent/t.csv")
    (problem,) = problems
    assert "partly outside the edition's period (2011-06-01 to 2015-12-31)" in problem.what
    assert "'Total (2011)' = 5 (2011-01-01 to 2011-12-31)" in problem.what
    assert "total" not in set(aggregates.dimension)  # the answer is left out, not counted in part


def test_financial_years_inside_the_period_are_counted(tmp_path):
    table = [["", "2012/13", "2013/14", "2014/15"], ["Misuse of police systems", "3", "5", "2"]]
    _, _, aggregates, problems = resolved(tmp_path, {"kent/t.csv": csv_text(table)}, "kent/t.csv")
    assert not problems and counted(aggregates, "total") == {"total": 10}


def test_a_month_by_year_table_counts_its_year_totals(tmp_path):
    table = [["Month", "2012", "2013"], ["January", "2", "6"], ["February", "1", "0"], ["Total", "3", "6"]]
    _, _, aggregates, problems = resolved(tmp_path, {"kent/t.csv": csv_text(table)}, "kent/t.csv")
    assert not problems and counted(aggregates, "total") == {"total": 9}
    months = aggregates[aggregates.label.str.startswith("January")]
    assert set(months.dimension) == {"not_counted"}  # a month is no breach type: listed, not added


def test_two_tables_disagreeing_on_a_years_total_are_a_problem(tmp_path):
    """One answer's types by year and ranks by year, whose totals for 2013 differ (13 and
    16, as in a published answer): neither is taken."""
    from editions import xlsx_bytes

    types = [["Type", "2012", "2013"], ["Unauthorised access", 10, 13], ["Total", 10, 13]]
    ranks = [["Rank", "2012", "2013"], ["PC", 8, 12], ["Police staff", 2, 4], ["Total", 10, 16]]
    book = xlsx_bytes(tmp_path, {"Types": types, "Ranks": ranks})
    _, _, aggregates, problems = resolved(tmp_path, {"kent/t.xlsx": book}, "kent/t.xlsx")
    (problem,) = problems
    assert "different totals for 2013" in problem.what and "= 13" in problem.what and "= 16" in problem.what


def test_a_letter_giving_years_beside_a_total_over_all_of_them_counts_the_years_inside(tmp_path):
    letter = "The figures are as follows.\n2010 = 4\n2012 = 6\n2013 = 5\nTotal = 15\n"
    _, _, aggregates, problems = resolved(tmp_path, {"kent/l.txt": letter}, "kent/l.txt")
    assert not problems and counted(aggregates, "total") == {"total": 11}
    left_out = aggregates[aggregates.dimension == "not_counted"]
    notes = dict(zip(left_out.label, left_out.note))
    assert notes["2010"] == "for 2010, outside the edition's period"
    assert notes["Total"] == "given over the answer's whole span, which reaches outside the edition's period"


def test_an_answer_wholly_outside_the_period_counts_nothing(tmp_path):
    table = [["Type", "2004", "2005"], ["Unauthorised access", "3", "1"]]
    _, _, aggregates, problems = resolved(tmp_path, {"kent/t.csv": csv_text(table)}, "kent/t.csv")
    assert not problems and "total" not in set(aggregates.dimension)
    assert set(aggregates.dimension) == {"not_counted"} and len(aggregates) == 2


FLATTENED_PAGE = """Data Protection Breach
Please may I receive the following for each year, broken down by year.

Date that the case was recorded

Month

2012

2013

2014

January

2

6

0

February

1

-

0

Total

3

6

0

In each incident, what was accessed.

Brief Incident Detail

2012

2013

2014

Unauthorised access / inappropriate check

2

4

0

Misuse of police system

1

2

0

Total

3

6

0
"""


def test_tables_pasted_one_cell_per_line_are_rebuilt_and_read_by_year(tmp_path):
    """A disclosure-log page copied as text (its tables flattened one cell per line, blank
    lines between): both tables rebuilt, their year totals agreeing, the text kept as notes."""
    rows, counts, aggregates, problems = resolved(tmp_path, {"kent/page.txt": FLATTENED_PAGE}, "kent/page.txt")
    assert not problems, problems
    assert {c["layout"] for c in counts} == {"counts_by_period"} and len(counts) == 18
    assert counted(aggregates, "total") == {"total": 9} and counted(aggregates, "year") == {
        "2012": 3,
        "2013": 6,
        "2014": 0,
    }
    assert counted(aggregates, "breach_type")["unauthorised_access"] == 9
    kinds = {r["row_kind"] for r in rows if r["layout"] == "counts_lines"}
    assert kinds <= {"note", "blank"}  # the request's words and the questions: read, not counted
    february = next(c for c in counts if c["label"] == "February" and c["period"] == "2013")
    assert february["count"] == 0 and february["evidence"] == "February | 2013 = -"


def test_a_flattened_table_cut_short_is_not_read_as_one(tmp_path):
    """A label whose figures stop before the last period column: the rows before it are the
    table; the rest is read as the letter's other lines are."""
    page = "Rank\n2012\n2013\nPC\n7\n9\nPolice staff\n1\n"
    rows, counts, aggregates, problems = resolved(tmp_path, {"kent/page.txt": page}, "kent/page.txt")
    assert [(c["label"], c["period"], c["count"]) for c in counts if c["layout"] == "counts_by_period"] == [
        ("PC", "2012", 7),
        ("PC", "2013", 9),
    ]
