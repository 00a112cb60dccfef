"""Rates per 1,000 workforce and the funnel plot: exact Poisson limits, the optional
denominators.csv checked like every input, and the report without it."""

import csv
import json
from pathlib import Path

import pytest
from test_report import render_with

from policebreaches.edition import read_denominators
from policebreaches.forces import Bodies
from policebreaches.rates import funnel, limit_count, rate_entries, standing

FORCES = Path(__file__).resolve().parents[1] / "policebreaches" / "resources" / "forces.csv"


def test_the_limit_lies_between_the_whole_counts_of_the_tables():
    # Poisson(10): the 97.5% point is 17 (tables), P(X <= 16) = 0.9730, P(X <= 17) = 0.9857:
    # interpolated (Spiegelhalter 2005), 17 - (0.9857 - 0.975) / (0.9857 - 0.9730) = 16.16
    assert limit_count(0.975, 10) == pytest.approx(16.16, abs=0.005)
    assert limit_count(0.001, 0) == 0.0


@pytest.mark.parametrize(
    "mean, lower, upper",
    [  # the 0.1% and 99.9% points (tables and scipy.stats.poisson.ppf): each limit lies within a count below them
        (2, 0, 8),
        (800, 714, 889),  # exp(-800) underflows: a running product went wrong here
        (5800, 5566, 6037),  # and never reached 99.9% at x100: the build hung
        (20000, 19564, 20438),
    ],
)
def test_limits_for_large_means(mean, lower, upper):
    assert lower - 1 <= limit_count(0.001, mean) <= lower
    assert upper - 1 < limit_count(0.999, mean) <= upper


def test_a_large_force_at_three_times_the_rate_stands_out_a_small_one_need_not():
    assert standing(300, 100.0) == "above_99.8"
    assert standing(100, 100.0) == "within"
    # a small force expecting 1: 3 breaches are within chance (P(X >= 3) = 0.080), 4 are not (0.019)
    assert standing(3, 1.0) == "within" and standing(4, 1.0) == "above_95"
    assert standing(60, 100.0) == "below_99.8"


def test_funnel_centre_is_the_pooled_rate():
    rows = [{"force_id": "a", "total": 10, "workforce": 1000}, {"force_id": "b", "total": 30, "workforce": 1000}]
    result = funnel(rows, days=365)
    assert result["national"] == pytest.approx(40 / (2000 * 365 / 365.25) * 1000)
    upper = result["lines"]["upper_99.8"]
    assert upper[0][1] > upper[-1][1] > result["national"]  # the funnel narrows as forces grow


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "denominators.csv").write_text(text, encoding="utf-8")
    return tmp_path


def test_denominators_are_checked_row_by_row(tmp_path):
    root = write(
        tmp_path,
        "force_id,officers,staff,as_of,source\n"
        "kent,3200,1900,2015-03-31,Home Office Police workforce\n"
        "Kent Police,3200,1900,2015-03-31,again\n"
        "atlantis,100,50,2015-03-31,x\n"
        "surrey,about 2000,900,31/03/2015,\n"
        "essex,0,0,2015-03-31,x\n"
        "sussex,2700,5000000,2015-03-31,x\n"
        'dorset,1200,600,2015-03-31,=HYPERLINK("http://evil.example")\n'
        "durham,1100,600,2015-03-31,<script>alert(1)</script>\n",
    )
    problems = []
    bodies, _ = Bodies.load(FORCES, tmp_path / "bodies.csv")
    found = read_denominators(root, problems, bodies)
    assert found == {
        "kent": {
            "officers": 3200,
            "staff": 1900,
            "workforce": 5100,
            "as_of": "2015-03-31",
            "source": "Home Office Police workforce",
        }
    }
    whats = [(p.file.split(" (")[0], p.what) for p in problems]
    assert whats == [
        ("denominators.csv line 3", "the body is listed twice"),
        ("denominators.csv line 4", "unknown body"),
        ("denominators.csv line 5", "officers 'about 2000' is not a whole number"),
        ("denominators.csv line 5", "as_of '31/03/2015' is not a date"),
        ("denominators.csv line 5", "no source"),
        ("denominators.csv line 6", "officers and staff are both 0"),
        ("denominators.csv line 7", "staff 5,000,000 is more than any UK police workforce"),
        ("denominators.csv line 8", "source '=HYPERLINK(\"http://evil.example\")' is not plain text"),
        ("denominators.csv line 9", "source '<script>alert(1)</script>' is not plain text"),
    ]
    problems = []
    assert read_denominators(write(tmp_path, "force,officers\nkent,1\n"), problems, bodies) == {}
    assert problems[0].what == "columns are ['force', 'officers']"


def test_the_sample_rates_come_from_its_denominators(built):
    """The national rate recomputed from raw/2016/denominators.csv and the published totals."""
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    raw = Path(__file__).resolve().parents[1] / "raw" / "2016" / "denominators.csv"
    workforce = {r["force_id"]: int(r["officers"]) + int(r["staff"]) for r in csv.DictReader(raw.open())}
    rated = [f for f in workforce if f"forces.{f}.per_year" in numbers]
    total = sum(numbers[f"forces.{f}.total"]["value"] for f in rated)
    years = (1675) / 365.25  # 1 June 2011 to 31 December 2015
    assert numbers["rates.national_per_1000"]["value"] == pytest.approx(
        total / (sum(workforce[f] for f in rated) * years) * 1000
    )
    assert numbers["forces.west-midlands.workforce"]["value"] == workforce["west-midlands"]
    assert "SYNTHETIC" in raw.read_text(encoding="utf-8")  # invented like the rest of the sample
    assert numbers["rates.bodies"]["value"] == len(rated) == 36  # 37 gave figures; Norfolk's part is not stated


def test_without_denominators_the_report_says_rates_are_not_shown(built):
    register = json.loads((built / "check" / "register.json").read_text(encoding="utf-8"))
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    entries, _ = rate_entries(numbers, [{**r, "workforce": None} for r in register], 1675)
    assert entries["rates.available"][0] is False and entries["rates.bodies"][0] == 0
    assert not any(k.startswith("forces.") for k in entries)

    def without_rates(values):
        values["rates.available"]["value"] = False

    html = " ".join(render_with(built, without_rates).split())
    assert "Rates are not shown: no workforce figures were supplied with this edition (denominators.csv)" in html
