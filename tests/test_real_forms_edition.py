"""An edition of answers written in the forms real police FOI answers take (issue 28, item
7), paraphrased from published disclosure logs, no real names: a letter headed by its
reference number, a disclosure-log page whose tables were flattened one cell per line, a
count table by financial year, a letter giving counts per year beside a total over all of
them, an incident list with a row before the period, totals per role, an HTML count table by
year, a body that answered twice (an s12 partial reply, then the rest), and a refusal. Built
strictly (no allow_problems) by Snakemake; every expected number below was worked out by hand
from the files written here, not by the pipeline.

    Kent       letter: 13 + 9 types, 'Total = 22'; reference 2184, date 12, tel 101 not counts  22
    Essex      flattened page: year totals 3 (2012), 6 (2013), 0 (2014)                           9
    Surrey     workbook, types by financial year 2012/13-2014/15: 3+5+2 and 1+0+4                15
    Sussex     letter: 2010 = 4 (outside), 2012 = 6, 2013 = 5, 'Total = 15' over all three      11
    Hampshire  incident list of 5 rows, one dated 2009 (outside)                                  4
    Cumbria    letter: officers 18, staff 7, no grand total                                       25
    Norfolk    HTML table by year 2012-2015: 2, 3, 1, 0                                            6
    Thames V.  two answers: an s12 partial reply 'Total = 7' for Jun 2011-Dec 2013, then a
               follow-up listing 3 incidents of 2014-2015 (the rest of the period)               10
    Dorset     refused (section 12): no figures                                                   -
    all                                                                                          102
"""

from __future__ import annotations

import json

import pytest
from test_counts_by_period import FLATTENED_PAGE

from editions import build_edition, make_edition, xlsx_bytes

pytestmark = pytest.mark.slow

KENT = """Freedom of Information Request
Reference Number: 2184
Our Ref - 2184
Date received: 12

Dear Requester,

Thank you for your request for the number of breaches of the Data Protection Act by police
officers and staff. The force holds the following information:

Unauthorised access to police systems = 13
Disclosure of information to third parties = 9
Total = 22

Yours sincerely,
Information Compliance Unit
Tel: 101
"""

ESSEX = FLATTENED_PAGE  # a disclosure-log page, its two tables flattened one cell per line

SUSSEX = """Dear Requester,

The number of breaches recorded each year is as follows.

2010 = 4
2012 = 6
2013 = 5
Total = 15

We hope this helps.
"""

HAMPSHIRE = """Date,Description,Outcome
14/03/2009,Accessed a relative's record without a policing purpose,Written warning
02/07/2012,Checked a neighbour on police systems,Management advice
19/11/2013,Disclosed an address to a friend,Dismissed
05/05/2014,Searched a former partner on the Police National Computer,Final written warning
23/09/2015,Shared a crime report on social media,No further action
"""

CUMBRIA = """Dear Requester,

Total number of breaches by police officers = 18
Total number of breaches by police staff = 7

Yours sincerely
"""

NORFOLK = """<html><body><p>Response to your request.</p>
<table>
<tr><th>Breach</th><th>2012</th><th>2013</th><th>2014</th><th>2015</th></tr>
<tr><td>Misuse of police systems</td><td>2</td><td>3</td><td>1</td><td>0</td></tr>
<tr><td>Total</td><td>2</td><td>3</td><td>1</td><td>0</td></tr>
</table></body></html>
"""

THAMES_REPLY = """Dear Requester,

Locating every record for the whole period would exceed the cost limit (section 12). For June 2011
to December 2013 we can tell you:

Total = 7
"""

THAMES_FOLLOW_UP = """Date,Description,Outcome
03/02/2014,Looked up a celebrity on police systems,Written warning
17/08/2014,Passed a vehicle owner's details to a friend,Dismissed
09/06/2015,Searched an ex-partner's address,Final written warning
"""

EXPECTED = {
    "kent": 22,
    "essex": 9,
    "surrey": 15,
    "sussex": 11,
    "hampshire": 4,
    "cumbria": 25,
    "norfolk": 6,
    "thames-valley": 10,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("realforms")
    surrey = xlsx_bytes(
        tmp,
        {
            "Breaches": [
                ["Breach type", "2012/13", "2013/14", "2014/15"],
                ["Unauthorised access to police systems", 3, 5, 2],
                ["Disclosure of information to third parties", 1, 0, 4],
            ]
        },
    )
    rows = [
        {"force": "Kent Police", "status": "disclosed", "files": "kent/reply.txt"},
        {"force": "Essex Police", "status": "disclosed", "files": "essex/page.txt"},
        {"force": "Surrey Police", "status": "disclosed", "files": "surrey/breaches.xlsx"},
        {"force": "Sussex Police", "status": "disclosed", "files": "sussex/letter.txt"},
        {"force": "Hampshire Constabulary", "status": "disclosed", "files": "hampshire/list.csv"},
        {"force": "Cumbria Constabulary", "status": "disclosed", "files": "cumbria/letter.txt"},
        {"force": "Norfolk Constabulary", "status": "disclosed", "files": "norfolk/answer.html"},
        {
            "force": "Thames Valley Police",
            "reference": "TV 1",
            "status": "partial",
            "exemption": "s12",
            "files": "thames-valley/reply.txt",
            "covers_from": "2011-06-01",
            "covers_to": "2013-12-31",
        },
        {
            "force": "Thames Valley Police",
            "reference": "TV 1/2",
            "status": "disclosed",
            "answer": "follow_up",
            "files": "thames-valley/follow-up.csv",
            "covers_from": "2014-01-01",
            "covers_to": "2015-12-31",
        },
        {"force": "Dorset Police", "status": "refused", "exemption": "s12"},
    ]
    files = {
        "kent/reply.txt": KENT,
        "essex/page.txt": ESSEX,
        "surrey/breaches.xlsx": surrey,
        "sussex/letter.txt": SUSSEX,
        "hampshire/list.csv": HAMPSHIRE,
        "cumbria/letter.txt": CUMBRIA,
        "norfolk/answer.html": NORFOLK,
        "thames-valley/reply.txt": THAMES_REPLY,
        "thames-valley/follow-up.csv": THAMES_FOLLOW_UP,
    }
    root = make_edition(tmp / "raw" / "realforms", rows, files)
    done, out = build_edition(root, tmp / "results")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def test_the_real_forms_edition_builds_strictly_with_the_hand_derived_totals(built):
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    assert {force: numbers[f"forces.{force}.total"]["value"] for force in EXPECTED} == EXPECTED
    assert numbers["breaches.total"]["value"] == sum(EXPECTED.values()) == 102
    assert numbers["forces.dorset.status"]["value"] == "refused"
    assert numbers["forces.thames-valley.status"]["value"] == "disclosed"  # a follow-up gave the rest
    assert numbers["requests.sent"]["value"] == 9  # bodies asked, not answers


def test_no_figure_of_the_real_forms_is_read_from_a_reference_date_or_telephone(built):
    counts = (built / "extract" / "kent.counts.csv").read_text(encoding="utf-8")
    assert "2184" not in counts and ",101," not in counts
    rows = (built / "extract" / "kent.rows.csv").read_text(encoding="utf-8")
    assert rows.count("not_a_count") == 4  # reference (twice), date received, telephone


def test_the_years_outside_the_period_are_listed_not_counted(built):
    aggregates = (built / "aggregates.csv").read_text(encoding="utf-8")
    sussex = [line for line in aggregates.splitlines() if line.startswith("sussex,not_counted")]
    assert len(sussex) == 2 and all("outside_period" in s or "whole_span" in s for s in sussex)
    exclusions = (built / "clean" / "exclusions.csv").read_text(encoding="utf-8")
    assert exclusions.count("outside_period") == 1  # Hampshire's 2009 row
