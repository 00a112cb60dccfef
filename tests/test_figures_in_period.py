"""A body with nothing counted in the period is not a body of 0 (issue 28, item 6): an
answer whose records are all for dates outside the period, or whose files were all set
aside, says so, has no rate a year, and takes no place in a ranking."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from policebreaches.statistics import figures_in_period, top_forces

from editions import build_edition, make_edition

REGISTER = [
    {"force_id": "essex", "name": "Essex Police", "status": "disclosed"},
    {"force_id": "kent", "name": "Kent Police", "status": "disclosed"},
    {"force_id": "surrey", "name": "Surrey Police", "status": "disclosed"},
    {"force_id": "sussex", "name": "Sussex Police", "status": "refused"},
    {"force_id": "dorset", "name": "Dorset Police", "status": "partial"},
    {"force_id": "cumbria", "name": "Cumbria Constabulary", "status": "disclosed"},
    {"force_id": "norfolk", "name": "Norfolk Constabulary", "status": "disclosed"},
]


def frames():
    kept = pd.DataFrame({"force_id": ["essex", "essex"]})
    aggregates = pd.DataFrame(
        {
            "force_id": ["cumbria", "norfolk", "norfolk"],
            "dimension": ["total", "not_counted", "not_counted"],
            "category": ["total", "outside_period", "whole_span"],
        }
    )
    exclusions = pd.DataFrame({"force_id": ["kent", "essex"], "exclusion": ["outside_period", "duplicate_of:ab"]})
    ledger = pd.DataFrame(
        {
            "force_id": ["essex", "kent", "surrey", "dorset", "cumbria", "norfolk"],
            "file_status": ["extracted", "extracted", "needs_transcription", "extracted", "extracted", "extracted"],
        }
    )
    return kept, aggregates, exclusions, ledger


def test_each_body_that_gave_figures_says_what_of_them_is_in_the_period():
    assert figures_in_period(REGISTER, *frames()) == {
        "essex": "counted",  # incident records kept
        "cumbria": "counted",  # a counted total
        "kent": "outside_period",  # every record excluded as outside the period
        "norfolk": "outside_period",  # a count table whose years are all outside it
        "surrey": "set_aside",  # its only file was not used
        "dorset": "none",  # read, and nothing in it
    }


def test_a_ranking_holds_only_bodies_with_breaches_counted_in_the_period():
    states = figures_in_period(REGISTER, *frames())
    numbers = {f"forces.{r['force_id']}.total": {"value": 0} for r in REGISTER}
    numbers["forces.essex.total"] = {"value": 2}
    numbers["forces.cumbria.total"] = {"value": 25}
    numbers |= {f"forces.{f}.figures": {"value": state} for f, state in states.items()}
    assert top_forces(numbers, REGISTER) == ["cumbria", "essex"]  # not Dorset: read, and nothing in it


@pytest.mark.slow
def test_a_build_says_why_a_body_has_no_breaches_and_ranks_it_nowhere(tmp_path):
    inside = "Date,Description,Outcome\n" + "".join(
        f"2013-0{m}-0{m},Accessed a record without a policing purpose,Written warning\n" for m in range(1, 10)
    )
    outside = "Date,Description,Outcome\n" + "".join(
        f"2008-0{m}-0{m},Disclosed an address to a friend,Dismissed\n" for m in range(1, 5)
    )
    rows = [
        {"force": "Essex Police", "status": "disclosed", "files": "essex/a.csv"},
        {"force": "Kent Police", "status": "disclosed", "files": "kent/b.csv"},
        {"force": "Surrey Police", "status": "disclosed", "files": "surrey/c.txt"},
    ]
    files = {"essex/a.csv": inside, "kent/b.csv": outside, "surrey/c.txt": "We are unable to say.\n"}
    root = make_edition(tmp_path / "raw" / "e6", rows, files)
    done, out = build_edition(root, tmp_path / "results", allow_problems=True)
    assert done.returncode == 0, done.stderr[-2000:]
    numbers = json.loads((out / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["forces.kent.figures"]["value"] == "outside_period"
    assert numbers["forces.surrey.figures"]["value"] == "set_aside"
    assert "forces.kent.per_year" not in numbers and "forces.surrey.per_year" not in numbers
    assert list(pd.read_csv(out / "tables" / "top_ten.csv").force_id) == ["essex"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert ">none in the period (every record or figure it gave is for dates outside it)</a>" in html
    assert ">none counted (its files were set aside; see Files excluded in the methodology)</a>" in html
    shutil.rmtree(tmp_path / "results", ignore_errors=True)
