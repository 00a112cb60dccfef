"""Issue 28 item 2: several answers per body. requests.csv takes one row per answer (a reply,
an internal review, a follow-up); the body is counted once, with a status derived from its
answers by one rule, dates of its first answer, the period its answers with figures cover
together, and two answers with figures for the same months named as a problem unless one
replaces the other (whose files are then set aside, never read)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policebreaches.checks import check_inputs
from policebreaches.classify import resolve_counts
from policebreaches.edition import read_checked_edition, write_checked_edition, write_manifest
from policebreaches.forces import FORCES_CSV
from policebreaches.rates import covered_days
from policebreaches.report_context import set_aside_files
from policebreaches.report_spec import load_report_spec
from policebreaches.statistics import _coverage, _derived_values

from conftest import REPO
from editions import LIMITS, build_edition, extract, make_edition

PERIOD_DAYS = 1675  # 1 June 2011 to 31 December 2015 (editions.py's period), both ends counted


def letter(**counts: int) -> str:
    """A counts-only letter as forces write them: 'label = N' lines and a total."""
    lines = [f"{label.replace('_', ' ').capitalize()} = {n}" for label, n in counts.items()]
    return "Dear requester,\n" + "\n".join(lines) + f"\nTotal = {sum(counts.values())}\n"


def checked(root: Path):
    problems, register, edition = check_inputs(root, LIMITS, FORCES_CSV)
    return problems, {r["force_id"]: r for r in register}, edition


def stated_total(root: Path, force_id: str) -> int:
    """The body's breaches as the statistics count a counts-only answer: the total of each file."""
    rows, counts, statuses, problems = extract(root, force_id)
    assert problems == []
    margins, problems = resolve_counts(counts)
    assert problems == []
    return sum(m["count"] for m in margins if m["dimension"] == "total")


def test_a_partial_reply_and_a_follow_up_with_the_rest_are_one_body_that_disclosed(tmp_path):
    """The real case: an s12 answer for the first years, then the rest when the request was narrowed."""
    root = make_edition(
        tmp_path / "ed",
        [
            {
                "force": "Kent Police",
                "reference": "FOI 101",
                "status": "partial",
                "exemption": "s12",
                "files": "kent/reply.txt",
                "covers_from": "2011-06-01",
                "covers_to": "2013-12-31",
            },
            {
                "force": "Kent Police",
                "reference": "FOI 101/2",
                "status": "disclosed",
                "answer": "follow_up",
                "files": "kent/follow-up.txt",
                "covers_from": "2014-01-01",
                "covers_to": "2015-12-31",
                "responded": "2016-04-11",
            },
            {"force": "Surrey Police", "reference": "S 7", "status": "refused", "exemption": "s12"},
        ],  # fmt: skip
        {
            "kent/reply.txt": letter(unauthorised_access=4, disclosure_to_third_parties=3),
            "kent/follow-up.txt": letter(unauthorised_access=5),
        },
    )
    problems, bodies, edition = checked(root)
    assert problems == []
    assert list(bodies) == ["kent", "surrey"]  # two bodies asked, not three rows
    kent = bodies["kent"]
    assert kent["status"] == "disclosed"
    assert [a["line"] for a in kent["answers"]] == [2, 3]
    assert [a["answer"] for a in kent["answers"]] == ["reply", "follow_up"]
    assert kent["files"] == ["kent/reply.txt", "kent/follow-up.txt"]  # one extraction job reads both
    assert (kent["covers_from"], kent["covers_to"]) == ("2011-06-01", "2015-12-31")  # together: the whole period
    assert "covered_parts" not in kent and covered_days(kent, PERIOD_DAYS) == PERIOD_DAYS
    assert (kent["requested"], kent["responded"]) == ("2016-01-04", "2016-02-01")  # the first answer's
    assert stated_total(root, "kent") == 7 + 5


def test_an_internal_review_that_replaces_the_reply_sets_its_files_aside(tmp_path):
    root = make_edition(
        tmp_path / "ed",
        [
            {"force": "Kent Police", "reference": "FOI 101", "status": "partial", "files": "kent/reply.txt"},
            {
                "force": "Kent Police",
                "reference": "FOI 101 IR",
                "status": "disclosed",
                "answer": "internal_review",
                "replaces": "FOI 101",
                "files": "kent/review.txt",
                "responded": "2016-03-14",
            },
        ],  # fmt: skip
        {
            "kent/reply.txt": letter(unauthorised_access=4),
            "kent/review.txt": letter(unauthorised_access=4, disclosure_to_third_parties=2),
        },
    )
    problems, bodies, _ = checked(root)
    assert problems == []  # the review's figures replace the reply's: the same months, counted once
    kent = bodies["kent"]
    assert kent["status"] == "disclosed" and kent["files"] == ["kent/review.txt"]
    assert kent["set_aside"] == [
        {
            "file": "kent/reply.txt",
            "line": 2,
            "answer": "reply",
            "replaced_by": 3,
            "replaced_by_answer": "internal_review",
        }
    ]
    assert stated_total(root, "kent") == 6  # only the review's letter is read
    # the methodology lists the file set aside, by checksum, with why
    listed = set_aside_files(list(bodies.values()), [], load_report_spec()["answers"])
    assert listed == [
        {
            "body": "Kent Police",
            "file": kent["file_sha256"]["kent/reply.txt"][:12],
            "why": "replaced by a later answer of the body (internal review, requests.csv line 3)",
        }
    ]
    # the extraction stage never opens it, and the ledger lists it as set aside
    from policebreaches.classify import CODEBOOK
    from policebreaches.stages.extract import run
    from policebreaches.stages.io import read_csv

    out = tmp_path / "extract"
    responses = root / "responses"
    run(
        force_id="kent", responses_dir=responses, names=["kent/review.txt"],
        response_files=[responses / "kent/review.txt"], manifest={}, limits=LIMITS, period=[],
        transcription_files=[], hints=None, codebook=CODEBOOK, rows_out=out / "rows.csv",
        counts_out=out / "counts.csv", status_out=out / "status.csv", problems_out=out / "problems.csv",
        set_aside=["kent/reply.txt"],
    )  # fmt: skip
    statuses = read_csv(out / "status.csv").to_dict("records")
    assert {s["source_file"]: s["status"] for s in statuses}["responses/kent/reply.txt"] == (
        "set aside: replaced by a later answer"
    )
    assert "responses/kent/reply.txt" not in set(read_csv(out / "rows.csv")["source_file"])


def test_replaces_must_name_one_other_answer_of_the_body(tmp_path):
    root = make_edition(
        tmp_path / "ed",
        [
            {"force": "Kent Police", "reference": "FOI 101", "status": "refused", "exemption": "s12"},
            {
                "force": "Kent Police",
                "reference": "FOI 101",
                "status": "refused",
                "answer": "internal_review",
                "exemption": "s12",
                "replaces": "FOI 99",
            },
        ],  # fmt: skip
        {},
    )
    problems, bodies, _ = checked(root)
    assert [(p.file, p.what) for p in problems] == [
        ("requests.csv line 3 ('Kent Police')", "replaces 'FOI 99', the reference of no other answer of the body")
    ]
    assert bodies["kent"]["status"] == "refused" and bodies["kent"]["set_aside"] == []


def test_two_overlapping_answers_without_a_replacement_are_one_problem_naming_both(tmp_path):
    root = make_edition(
        tmp_path / "ed",
        [
            {"force": "Kent Police", "reference": "FOI 101", "status": "disclosed", "files": "kent/reply.txt"},
            {
                "force": "Kent Police",
                "reference": "FOI 230",
                "status": "disclosed",
                "answer": "follow_up",
                "files": "kent/second.txt",
                "covers_from": "2014-01-01",
                "covers_to": "2015-12-31",
            },
        ],  # fmt: skip
        {"kent/reply.txt": letter(unauthorised_access=9), "kent/second.txt": letter(unauthorised_access=4)},
    )
    problems, _, _ = checked(root)
    assert len(problems) == 1
    assert problems[0].file == "requests.csv lines 2, 3 ('Kent Police')"
    assert problems[0].what == (
        "two answers gave figures for overlapping periods (2014-01-01 to 2015-12-31), which would be counted "
        "twice: line 2 (reference FOI 101, reply, 2011-06-01 to 2015-12-31) and "
        "line 3 (reference FOI 230, follow-up, 2014-01-01 to 2015-12-31)"
    )
    assert "replaces" in problems[0].fix and "covers_from" in problems[0].fix


def test_two_half_period_answers_are_added_and_cover_the_whole_period(tmp_path):
    halves = [("2011-06-01", "2013-09-30"), ("2013-10-01", "2015-12-31")]
    root = make_edition(
        tmp_path / "ed",
        [
            {
                "force": "Kent Police",
                "reference": f"FOI {i}",
                "status": "disclosed",
                "files": f"kent/{i}.txt",
                "covers_from": start,
                "covers_to": end,
                "answer": "reply" if i == 1 else "follow_up",
            }
            for i, (start, end) in enumerate(halves, start=1)
        ],  # fmt: skip
        {"kent/1.txt": letter(unauthorised_access=8), "kent/2.txt": letter(unauthorised_access=11)},
    )
    problems, bodies, edition = checked(root)
    assert problems == []
    kent = bodies["kent"]
    assert (kent["covers_from"], kent["covers_to"]) == ("2011-06-01", "2015-12-31")
    assert _coverage(kent, edition, covered_days(kent, PERIOD_DAYS))[:2] == (
        "2011-06-01/2015-12-31",
        "Jun 2011–Dec 2015",
    )
    assert stated_total(root, "kent") == 19


def test_answers_that_leave_a_gap_cover_only_their_parts(tmp_path):
    root = make_edition(
        tmp_path / "ed",
        [
            {
                "force": "Kent Police",
                "reference": "A",
                "status": "disclosed",
                "files": "kent/a.txt",
                "covers_from": "2011-06-01",
                "covers_to": "2012-12-31",
            },
            {
                "force": "Kent Police",
                "reference": "B",
                "status": "disclosed",
                "files": "kent/b.txt",
                "covers_from": "2014-01-01",
                "covers_to": "2015-12-31",
                "answer": "follow_up",
            },
        ],  # fmt: skip
        {"kent/a.txt": letter(unauthorised_access=3), "kent/b.txt": letter(unauthorised_access=2)},
    )
    problems, bodies, edition = checked(root)
    assert problems == []
    kent = bodies["kent"]
    assert kent["covered_parts"] == [["2011-06-01", "2012-12-31"], ["2014-01-01", "2015-12-31"]]
    days = covered_days(kent, PERIOD_DAYS)
    assert days == 214 + 366 + 365 + 365  # June-December 2011, 2012 (a leap year), 2014, 2015
    assert _coverage(kent, edition, days)[:2] == (
        "2011-06-01/2012-12-31;2014-01-01/2015-12-31",
        "Jun 2011–Dec 2012 and Jan 2014–Dec 2015 only (43 of 55 months)",
    )


def test_counts_beside_incidents_are_counted_twice_only_within_one_answer(tmp_path):
    """A covering letter's total beside its own table is the same breaches twice; a reply's counts
    for 2011-2013 beside a follow-up's incident rows for 2014-2015 are not."""
    from policebreaches.stages.extract import counted_twice_by_answer

    incidents = "Date,Rank,Details,Outcome\n03/03/2014,PC,Searched the PNC for a neighbour,Written warning\n"
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/letter.txt;kent/table.csv"}],
        {"kent/letter.txt": letter(unauthorised_access=1), "kent/table.csv": incidents},
    )
    rows, counts, _, problems = extract(root, "kent")
    assert [p.file for p in problems] == ["responses/kent/letter.txt"]  # one answer: counted twice
    assert counted_twice_by_answer(rows, counts, problems, [["kent/letter.txt", "kent/table.csv"]]) == problems
    assert counted_twice_by_answer(rows, counts, problems, [["kent/letter.txt"], ["kent/table.csv"]]) == []


@pytest.mark.parametrize(
    "first, then, status",
    [
        (("refused", "s40(2)"), ("disclosed", ""), "disclosed"),  # a refusal, then a disclosure: gave figures
        (("disclosed", ""), ("refused", "s12"), "disclosed"),  # figures given are not taken back by a refusal
        (("refused", "s12"), ("refused", "s12"), "refused"),  # a refusal upheld on review
        (("refused", "s12"), ("nil_return", ""), "nil_return"),  # the latest answer without figures
        (("nil_return", ""), ("refused", "s30"), "refused"),
        (("refused", "s12"), ("no_response", ""), "refused"),  # a follow-up not answered yet
        (("partial", "s12"), ("refused", "s12"), "partial"),
    ],
)
def test_a_body_status_follows_the_rule(tmp_path, first, then, status):
    files = {}
    rows = []
    for i, ((answer_status, exemption), kind, responded) in enumerate(
        [(first, "reply", "2016-02-01"), (then, "internal_review", "2016-03-14")], start=1
    ):
        row = {"force": "Kent Police", "reference": f"R{i}", "status": answer_status, "exemption": exemption,
               "answer": kind, "responded": "" if answer_status == "no_response" else responded}  # fmt: skip
        if answer_status in ("disclosed", "partial"):
            row["files"] = files_name = f"kent/{i}.txt"
            row["covers_from"], row["covers_to"] = ("2011-06-01", "2015-12-31")
            files[files_name] = letter(unauthorised_access=2)
        rows.append(row)
    problems, bodies, edition = checked(make_edition(tmp_path / "ed", rows, files))
    assert problems == []
    assert bodies["kent"]["status"] == status
    # timeliness is judged on the first answer: 2016-01-04 to 2016-02-01 is 20 working days
    assert bodies["kent"]["responded"] == "2016-02-01"


def test_response_accounting_counts_bodies_not_answers(tmp_path):
    """The sample's 44 bodies, three of them with a second answer: still 44 asked, and the same
    count of each answer but for the body whose refusal a review turned into a disclosure."""
    sample = REPO / "raw" / "2016"
    _, before, edition = checked(sample)
    root = tmp_path / "2016"
    shutil.copytree(sample, root)
    text = (root / "requests.csv").read_text(encoding="utf-8")
    head = text.splitlines()[0] + ",answer,replaces"
    lines = [line + ",," for line in text.splitlines()[1:]]
    lines += [
        "Essex Police,FOI/IR/1,2016-02-20,2016-03-20,refused,s12,,,,,,internal_review,",  # upheld
        "Suffolk Constabulary,FOI/2/1,2016-03-01,,no_response,,,,,,,follow_up,",  # not answered yet
        "Sussex Police,FOI/IR/2,2016-02-20,2016-03-21,disclosed,,sussex/review.txt,,,,,internal_review,",
    ]
    (root / "requests.csv").write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    (root / "responses" / "sussex").mkdir(exist_ok=True)
    (root / "responses" / "sussex" / "review.txt").write_text(letter(unauthorised_access=3), encoding="utf-8")
    write_manifest(root)
    problems, after, edition = checked(root)
    assert problems == []
    assert len(before) == len(after) == 44
    assert after["essex"]["status"] == "refused" and after["suffolk"]["status"] == "nil_return"
    assert before["sussex"]["status"] == "refused" and after["sussex"]["status"] == "disclosed"
    # the first answer's dates: timeliness is the reply's, not the review's
    assert (after["sussex"]["requested"], after["sussex"]["responded"]) == (
        before["sussex"]["requested"],
        before["sussex"]["responded"],
    )
    path = tmp_path / "edition.json"
    write_checked_edition(edition, path)
    edition = read_checked_edition(path)

    def accounting(register: dict) -> dict:
        values = _derived_values(list(register.values()), edition, 0)
        counted = {"sent": values["requests_sent"](None)[0], "gave": values["requests_gave_figures"](None)[0]}
        return counted | {s: values["requests_with_status"](s)[0] for s in ("refused", "nil_return", "disclosed")}

    was, now = accounting(before), accounting(after)
    assert now["sent"] == was["sent"] == 44
    assert (now["refused"], now["disclosed"], now["gave"]) == (
        was["refused"] - 1,
        was["disclosed"] + 1,
        was["gave"] + 1,
    )
    assert now["nil_return"] == was["nil_return"]


@pytest.mark.slow
def test_a_body_of_two_answers_is_built_into_its_numbers(tmp_path):
    """End to end with Snakemake: Kent's s12 reply (counts for June 2011 to 2013) and its
    follow-up (incident rows for 2014-2015) make one body of 7 + 3 breaches over the whole
    period; Surrey's reply is replaced by its internal review, whose figures alone count."""
    incidents = (
        "Date,Rank,Details,Outcome\n"
        "03/03/2014,PC,Searched the PNC for a neighbour,Written warning\n"
        "11/07/2014,Staff,Gave a victim's address to her ex-partner,Dismissed\n"
        "14/10/2015,PC,Viewed records of a former partner,No case to answer\n"
    )
    root = make_edition(
        tmp_path / "raw" / "2099",
        [
            {
                "force": "Kent Police",
                "reference": "FOI 101",
                "status": "partial",
                "exemption": "s12",
                "files": "kent/reply.txt",
                "covers_from": "2011-06-01",
                "covers_to": "2013-12-31",
            },
            {"force": "Surrey Police", "reference": "S 7", "status": "disclosed", "files": "surrey/reply.txt"},
            {
                "force": "Kent Police",
                "reference": "FOI 101/2",
                "status": "disclosed",
                "answer": "follow_up",
                "files": "kent/follow-up.csv",
                "covers_from": "2014-01-01",
                "covers_to": "2015-12-31",
                "responded": "2016-04-11",
            },
            {
                "force": "Surrey Police",
                "reference": "S 7 IR",
                "status": "disclosed",
                "answer": "internal_review",
                "files": "surrey/review.txt",
                "replaces": "S 7",
                "responded": "2016-03-14",
            },
            {"force": "Essex Police", "reference": "E 1", "status": "refused", "exemption": "s12"},
        ],  # fmt: skip
        {
            "kent/reply.txt": letter(unauthorised_access=4, disclosure_to_third_parties=3),
            "kent/follow-up.csv": incidents,
            "surrey/reply.txt": letter(unauthorised_access=50),
            "surrey/review.txt": letter(unauthorised_access=6, disclosure_to_third_parties=2),
        },
    )
    done, out = build_edition(root, tmp_path / "results", "numbers.json")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    import json

    numbers = json.loads((out / "numbers.json").read_text(encoding="utf-8"))
    value = {key: entry["value"] for key, entry in numbers.items()}
    assert (value["forces.kent.total"], value["forces.kent.status"]) == (10, "disclosed")
    assert value["forces.kent.covers"] == "2011-06-01/2015-12-31"
    assert value["forces.kent.answered_on"] == "2016-02-01"  # its first answer
    assert (value["forces.surrey.total"], value["forces.surrey.status"]) == (8, "disclosed")  # not 50 + 8
    assert value["breaches.total"] == 18
    assert (value["requests.sent"], value["requests.gave_figures"], value["requests.status.refused"]) == (3, 2, 1)
    assert "derived from its answers" in numbers["forces.kent.status"]["definition"]
    ledger = {row["source_file"]: row for row in __import__("csv").DictReader(open(out / "ledger.csv"))}
    assert ledger["responses/surrey/reply.txt"]["file_status"] == "set aside: replaced by a later answer"
    assert ledger["responses/surrey/reply.txt"]["rows_read"] == "0"
    assert {name for name, row in ledger.items() if row["force_id"] == "kent"} == {
        "responses/kent/reply.txt",
        "responses/kent/follow-up.csv",
    }
