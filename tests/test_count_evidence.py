"""Counts only from what says it counts (issue 28, items 1 and 5): a figure read from a
letter or a label-and-number table is a count only when its label names what is counted
(a counting word, or one of the codebook's labels) and the figure is not part of a
reference, a date, a month, a financial year, a telephone or a section number. Every
figure read is kept with the words it was read from (counts.csv `evidence`, shown by the
trace); every figure refused is a row of kind `not_a_count` saying why.

The letters paraphrase forms of published police FOI answers (disclosure logs): a
reference block at the top ("Reference Number: ...", "Our Ref - ..."), a web page's
table flattened one cell per line with month-year cells ("Apr-19"), a financial year on
a line of its own, a signature block's telephone number."""

from __future__ import annotations

import json

import pandas as pd

from policebreaches.classify import resolve_aggregates, resolve_counts
from policebreaches.clean import build_ledger
from policebreaches.stages import extract as extract_stage

from editions import LIMITS, extract, make_edition

HEAD = "Freedom of Information Request\nReference Number: 2184\nOur Ref - 2184\nDate received: 12\n\nDear Sir,\n\n"
SIGNATURE = "\nYours faithfully,\nInformation Compliance Unit\nTel: 101\nSection: 40\n"


def letter(tmp_path, body: str, name: str = "kent/letter.txt"):
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": name}],
        {name: HEAD + body + SIGNATURE},
    )
    return extract(root, "kent")


def totals(counts: list[dict]) -> list[int]:
    aggregates, _ = resolve_aggregates(pd.DataFrame(counts))
    return [int(n) for n in aggregates[aggregates.dimension == "total"]["count"]]


def refused(rows: list[dict]) -> dict[str, str]:
    """{the line as written: why it is not a count}."""
    return {json.loads(r["cells"])[0]: json.loads(r["cells"])[-1] for r in rows if r["row_kind"] == "not_a_count"}


def test_a_reference_number_is_not_read_as_breaches(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "The number of breaches recorded is as follows.\nTotal = 12\n")
    assert [c["label"] for c in counts] == ["Total"] and totals(counts) == [12]
    assert not problems
    why = refused(rows)
    assert set(why) == {"Reference Number: 2184", "Our Ref - 2184", "Date received: 12", "Tel: 101", "Section: 40"}
    assert "reference" in why["Reference Number: 2184"] and "date" in why["Date received: 12"]


def test_a_letter_of_only_a_reference_and_a_date_asks_for_transcription_not_2184_breaches(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "We hold the information but it is not held centrally.\n")
    assert counts == []
    assert statuses[0]["status"] == "needs_transcription"
    assert any("no incident rows or counts" in p.what for p in problems)


def test_month_year_cells_of_a_flattened_table_are_dates_not_three_counts_of_19(tmp_path):
    body = "Month of report\nApr-19\nJul-19\nOct-19\nTotal breaches recorded: 3\n"
    rows, counts, statuses, problems = letter(tmp_path, body)
    assert totals(counts) == [3], counts
    assert {"Apr-19", "Jul-19", "Oct-19"} <= set(refused(rows))
    assert all("date" in refused(rows)[cell] for cell in ("Apr-19", "Jul-19", "Oct-19"))


def test_a_financial_year_on_its_own_line_is_not_a_count(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "Financial year\n2018-19\nNumber of breaches: 7\n")
    assert totals(counts) == [7]
    assert "financial year" in refused(rows)["2018-19"]
    assert not any(c["count"] == 19 for c in counts)


def test_a_year_given_with_its_count_is_still_a_year_margin(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "2013 = 5\n2014 = 4\nFY 2015/16 = 2\n")
    aggregates, more = resolve_aggregates(pd.DataFrame(counts))
    years = aggregates[aggregates.dimension == "year"]
    assert dict(zip(years.category, years["count"].astype(int))) == {"2013": 5, "2014": 4, "2015/16": 2}
    assert totals(counts) == [11] and not more


def test_a_label_that_names_nothing_counted_is_not_a_count(tmp_path):
    rows, counts, statuses, problems = letter(
        tmp_path, "Pages enclosed: 4\nAppendix - 2\nTotal number of breaches = 9\n"
    )
    assert totals(counts) == [9] and [c["label"] for c in counts] == ["Total number of breaches"]
    assert {"Pages enclosed: 4", "Appendix - 2"} <= set(refused(rows))


def test_number_of_breaches_is_the_answers_total(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "Number of breaches: 14\n")
    assert totals(counts) == [14] and not problems


def test_every_figure_kept_carries_the_words_it_was_read_from(tmp_path):
    body = (
        "Unauthorised access to police systems = 13\nTotal number of breaches recorded by police staff\n= 7\n"
        "Total: 20 breaches\n"
    )
    rows, counts, statuses, problems = letter(tmp_path, body)
    evidence = {c["label"]: c["evidence"] for c in counts}
    assert evidence["Unauthorised access to police systems"] == "Unauthorised access to police systems = 13"
    assert evidence["Total number of breaches recorded by police staff"] == (
        "Total number of breaches recorded by police staff / = 7"
    )
    aggregates, more = resolve_aggregates(pd.DataFrame(counts))
    evidence = dict(zip(aggregates.category, aggregates.evidence))
    assert not more and evidence["unauthorised_access"] == "Unauthorised access to police systems = 13"
    assert evidence["total"] == "Total: 20 breaches" and evidence["police_staff"].endswith("= 7")


def test_a_letter_of_counts_is_read_line_by_line_in_the_ledger(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "Total = 12\n")
    kinds = pd.Series([r["row_kind"] for r in rows]).value_counts().to_dict()
    lines = (HEAD + "Total = 12\n" + SIGNATURE).splitlines()
    assert sum(kinds.values()) == sum(1 for line in lines if line.strip())
    assert kinds["count"] == 1 and kinds["not_a_count"] == 5
    records = pd.DataFrame(columns=["source_file", "exclusion"])
    ledger = build_ledger(pd.DataFrame(rows), records, pd.DataFrame(statuses))
    (entry,) = ledger.to_dict("records")
    assert entry["rows_read"] == len(rows) and entry["nondata_not_a_count"] == 5 and entry["balanced"]


def test_a_counts_table_row_holding_a_reference_is_not_a_count(tmp_path):
    table = "Request reference,2184\nUnauthorised access,6\nDisclosure to third parties,3\nTotal,9\n"
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": "kent/t.csv"}], {"kent/t.csv": table}
    )
    rows, counts, statuses, problems = extract(root, "kent")
    assert [c["label"] for c in counts] == ["Unauthorised access", "Disclosure to third parties", "Total"]
    (row,) = [r for r in rows if r["row_kind"] == "not_a_count"]
    assert json.loads(row["cells"])[:2] == ["Request reference", "2184"]
    assert totals(counts) == [9] and not problems


def run_extract_stage(tmp_path, body: str) -> list[dict]:
    """The problems the extract stage writes for Kent's letter (rule extract_responses)."""
    from policebreaches.classify import CODEBOOK
    from policebreaches.edition import sha256_file

    name = "kent/letter.txt"
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": name}], {name: HEAD + body}
    )
    path = root / "responses" / name
    out = tmp_path / "out"
    extract_stage.run(
        force_id="kent",
        responses_dir=root / "responses",
        names=[name],
        response_files=[path],
        manifest={f"responses/{name}": sha256_file(path)},
        limits=LIMITS,
        period=["2011-06-01", "2015-12-31"],
        transcription_files=[],
        hints=None,
        codebook=CODEBOOK,
        rows_out=out / "rows.csv",
        counts_out=out / "counts.csv",
        status_out=out / "status.csv",
        problems_out=out / "problems.csv",
    )
    return pd.read_csv(out / "problems.csv", dtype=str, keep_default_na=False).to_dict("records")


def test_counts_without_a_total_are_in_the_first_problem_list_naming_what_was_read(tmp_path):
    """Before, this problem came from the classify stage, after the extraction's problems
    had been fixed: a second round. Now the extract stage resolves the counts too."""
    problems = run_extract_stage(tmp_path, "Matters referred to professional standards = 4\nMatters closed = 3\n")
    (problem,) = [p for p in problems if "neither a total" in p["what"]]
    assert "'Matters referred to professional standards' = 4" in problem["what"]
    assert "'Matters closed' = 3" in problem["what"]


def test_counts_that_resolve_leave_the_extract_stage_without_problems(tmp_path):
    assert run_extract_stage(tmp_path, "Unauthorised access = 3\nTotal = 3\n") == []


def test_resolve_counts_needs_no_pandas_and_gives_the_frames_rows(tmp_path):
    rows, counts, statuses, problems = letter(tmp_path, "Unauthorised access = 2\nTotal = 5\n")
    plain, _ = resolve_counts(counts)
    frame, _ = resolve_aggregates(pd.DataFrame(counts))
    assert [(r["dimension"], r["category"], r["count"]) for r in plain] == list(
        zip(frame.dimension, frame.category, frame["count"])
    )


def test_a_file_partly_read_says_what_was_read_and_which_table_was_not(tmp_path):
    from editions import xlsx_bytes

    book = xlsx_bytes(
        tmp_path,
        {
            "Incidents": [
                ["Date", "Description", "Outcome"],
                ["2013-04-02", "Accessed a neighbour's record", "Dismissed"],
                ["2014-05-06", "Disclosed an address to a friend", "Written warning"],
            ],
            "Key": [["Code", "Meaning", "Used since"], ["WW", "Written warning", "2010"], ["D", "Dismissed", "2009"]],
        },
    )
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/b.xlsx"}],
        {"kent/b.xlsx": book},
    )
    rows, counts, statuses, problems = extract(root, "kent")
    assert statuses[0]["status"] == "partly_unrecognised"
    (problem,) = problems
    assert problem.what.startswith("read 2 incident rows and 0 counts, but 3 rows of sheet=Key")
    assert "no incident rows" not in problem.what
