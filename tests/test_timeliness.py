"""Working days as the FOI Act counts them (s.10): weekends and bank holidays in any part of
the UK do not count; the answer is due on the twentieth working day after receipt. The
expected dates were counted by hand on a 2016 calendar."""

import datetime as dt
import json

import pytest

from policebreaches.edition import register_date_problems
from policebreaches.timeliness import body_timeliness, deadline, is_working_day, summary, working_days

D = dt.date


@pytest.mark.parametrize(
    "day, why",
    [
        (D(2016, 3, 17), "St Patrick's Day: Northern Ireland only, yet it stops the clock everywhere"),
        (D(2016, 3, 25), "Good Friday"),
        (D(2016, 3, 28), "Easter Monday (England, Wales, Northern Ireland)"),
        (D(2016, 7, 12), "Battle of the Boyne: Northern Ireland"),
        (D(2016, 8, 1), "summer bank holiday: Scotland"),
        (D(2016, 11, 30), "St Andrew's Day: Scotland"),
        (D(2016, 12, 27), "Christmas Day falls on a Sunday: substitute day"),
        (D(2017, 1, 2), "New Year's Day substitute; 2 January in Scotland"),
        (D(2016, 3, 19), "a Saturday"),
    ],
)
def test_days_that_do_not_count(day, why):
    assert not is_working_day(day), why


def test_an_answer_on_the_twentieth_working_day_is_in_time():
    # received Monday 29 February 2016: March's working days are 1-4, 7-11, 14-16, 18, 21-24,
    # 29-31 (17th St Patrick's Day, 25th Good Friday, 28th Easter Monday): the 20th is 31 March
    assert deadline(D(2016, 2, 29)) == D(2016, 3, 31)
    assert body_timeliness(row("2016-02-29", "2016-03-31")) == {"days": 20, "standing": "in_time", "why": ""}
    assert body_timeliness(row("2016-02-29", "2016-04-01"))["standing"] == "late"
    assert working_days(D(2016, 2, 29), D(2016, 2, 29)) == 0  # answered the day it arrived


def test_bodies_without_an_answer_or_a_date_are_not_given_a_number():
    assert body_timeliness(row("2016-01-04", "", status="no_response"))["standing"] == "unanswered"
    assert body_timeliness(row("", "2016-02-01"))["standing"] == "not_known"
    assert body_timeliness(row("2016-01-04", ""))["standing"] == "not_known"  # disclosed, date not recorded
    found = summary(
        [
            {**row("2016-02-29", "2016-03-31"), "force_id": "a"},
            {**row("2016-02-29", "2016-04-05"), "force_id": "b"},
            {**row("2016-02-29", "", status="no_response"), "force_id": "c"},
            {**row("", "2016-03-01"), "force_id": "d"},
        ]
    )
    assert (found["known"], found["in_time"], found["late"], found["unanswered"]) == (3, 1, ["b"], ["c"])
    assert found["median"] == 21.5  # 20 and 23 working days


@pytest.mark.parametrize(
    "requested, responded, status, problem",
    [
        ("04/01/2016", "", "no_response", "requested '04/01/2016' is not a date"),
        ("2016-02-01", "2016-01-31", "disclosed", "responded 2016-01-31 is before requested 2016-02-01"),
        ("2016-02-01", "2016-02-03", "no_response", "status no_response but a responded date is given"),
    ],
)
def test_register_dates_are_checked(requested, responded, status, problem):
    found = register_date_problems(row(requested, responded, status=status), "requests.csv line 2")
    assert [p.what for p in found] == [problem]
    assert register_date_problems(row("2016-02-01", "", status="disclosed"), "here") == []


def test_the_sample_report_names_late_and_unanswered_bodies(built):
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    register = json.loads((built / "check" / "register.json").read_text(encoding="utf-8"))
    unanswered = sorted(r["name"] for r in register if r["status"] == "no_response")
    assert numbers["timeliness.unanswered"]["display"] == ", ".join(unanswered)
    late = numbers["timeliness.late"]["value"].split(";")
    assert all(numbers[f"forces.{f}.working_days"]["value"] > 20 for f in late)
    judged = numbers["timeliness.in_time"]["value"] + len(late) + len(unanswered)
    assert judged == numbers["timeliness.known"]["value"] == len(register)
    html = " ".join((built / "report.html").read_text(encoding="utf-8").split())
    assert "How quickly forces answered" in html and unanswered[0] in html


def row(requested: str, responded: str, status: str = "disclosed") -> dict:
    return {"requested": requested, "responded": responded, "status": status}
