"""Change since the previous edition, on the sample's real numbers.json: rates a year,
like for like over bodies that answered both, no comparable answer instead of 0, and top
ten moves that ties cannot decide. (The README's annual rerun, end to end, is
tests/test_annual_rerun.py.)"""

import copy
import json
import re

import pytest

from policebreaches.classify import load_codebook
from policebreaches.compare import change_entries, definite_top


@pytest.fixture(scope="module")
def sample(built) -> dict:
    return json.loads((built / "numbers.json").read_text(encoding="utf-8"))


def next_year(sample: dict, totals: dict[str, int], statuses: dict[str, str]) -> dict:
    """The sample as a one-year edition (366 days) with some bodies' totals and answers changed."""
    numbers = copy.deepcopy(sample)
    numbers["period.days"]["value"] = 366
    for force, total in totals.items():
        numbers[f"forces.{force}.total"]["value"] = total
    for force, status in statuses.items():
        numbers[f"forces.{force}.status"]["value"] = status
    return numbers


def compare(current: dict, previous: dict) -> tuple[dict, dict, list]:
    return change_entries(current, previous, "2017", "2016", {}, load_codebook())


def test_a_tie_at_the_boundary_decides_nothing():
    totals = {f"body{i:02d}": v for i, v in enumerate([90, 80, 70, 60, 50, 40, 30, 20, 10, 5, 5, 1])}
    inside, outside = definite_top(totals)
    assert {"body09", "body10"}.isdisjoint(inside | outside)  # tied tenth and eleventh
    assert "body08" in inside and "body11" in outside
    assert definite_top({"a": 1, "b": 2}) == ({"a", "b"}, set())  # ten or fewer: all in, none out


def test_rates_a_year_of_each_period(sample):
    current = next_year(sample, {}, {})
    entries, _, _ = compare(current, sample)
    west_midlands = 488  # published 2016 figure: over 1,675 days, then the same count over 366 days
    assert entries["change.forces.west-midlands.previous_per_year"][0] == pytest.approx(west_midlands * 365.25 / 1675)
    assert entries["change.forces.west-midlands.per_year"][0] == pytest.approx(west_midlands * 365.25 / 366)
    assert entries["change.previous.period.months"][0] == 55


def test_bodies_without_figures_in_both_editions_are_listed_never_zero(sample):
    current = next_year(sample, {"west-midlands": 0}, {"west-midlands": "no_response", "essex": "disclosed"})
    entries, summary, table = compare(current, sample)
    assert entries["change.forces.west-midlands.comparison"][0] == "no response in 2017"
    assert entries["change.forces.essex.comparison"][0] == "refused in 2016"
    assert "change.forces.west-midlands.change" not in entries and "change.forces.essex.change" not in entries
    answered_both = sum(1 for k in sample if k.endswith(".status") and sample[k]["value"] in ("disclosed", "partial"))
    # West Midlands, and Norfolk, whose partial answer does not say which part it covers (in both)
    assert entries["change.bodies.compared"][0] == answered_both - 2
    assert entries["change.forces.norfolk.comparison"][0].startswith("partial answer; the part not given is not stated")
    groups = {group["reason"]: group["names"] for group in summary["not_comparable"]}
    assert groups["no response in 2017"] == ["west-midlands"]
    row = next(r for r in table if r["key"] == "forces.west-midlands.total")
    assert "previous" not in row and row["basis"] == "no comparable answer: no response in 2017"


def test_top_ten_moves_only_between_bodies_that_answered_both(sample):
    # West Midlands (488, first) falls to 1; Cleveland (17) rises to 600; Essex refused in
    # 2016 and answers 900 now: it is not a top-ten entry, since nothing compares it
    current = next_year(sample, {"west-midlands": 1, "cleveland": 600, "essex": 900}, {"essex": "disclosed"})
    entries, _, _ = compare(current, sample)
    assert entries["change.top_ten.possible"][0] is True
    assert entries["change.top_ten.entered"][0] == "cleveland"
    assert entries["change.top_ten.left"][0] == "west-midlands"


def test_a_body_tied_into_the_top_ten_does_not_enter(sample):
    compared = [
        k.split(".")[1]
        for k in sample
        if k.endswith(".status") and sample[k]["value"] in ("disclosed", "partial") and k != "forces.essex.status"
    ]
    ranked = sorted(compared, key=lambda f: -sample[f"forces.{f}.total"]["value"])
    tenth, eleventh = ranked[9], ranked[10]
    # the eleventh body now ties with the tenth: it neither enters nor pushes the tenth out
    tie = {eleventh: sample[f"forces.{tenth}.total"]["value"]}
    entries, _, _ = compare(next_year(sample, tie, {}), sample)
    assert entries["change.top_ten.entered"][0] == "" and entries["change.top_ten.left"][0] == ""
    assert entries["change.top_ten.entered"][1] == "none"


def test_a_percentage_change_needs_enough_breaches_in_both_editions(sample):
    # Cleveland: 17 breaches in 2016; 9 now is too few for a percentage, 12 is enough
    few = compare(next_year(sample, {"cleveland": 9}, {}), sample)[0]["change.forces.cleveland.change"]
    enough = compare(next_year(sample, {"cleveland": 12}, {}), sample)[0]["change.forces.cleveland.change"]
    assert few[:2] == (None, "too few") and enough[0] == pytest.approx(12 / 366 / (17 / 1675) - 1)


def provisional_next_year(sample: dict) -> dict:
    """The sample as a provisional one-year edition: 7 of its 44 bodies gave figures, one more refused."""
    gave = [k.split(".")[1] for k in sample if k.endswith(".status") and sample[k]["value"] in ("disclosed", "partial")]
    statuses = {force: "no_response" for force in gave[7:]} | {gave[7]: "refused"}
    current = next_year(sample, {force: 0 for force in gave[7:]}, statuses)
    current["requests.figures_rate"] |= {"value": 7 / 44, "display": "16%"}
    current["requests.response_rate"] |= {"value": 8 / 44, "display": "18%"}
    current["requests.gave_figures"] |= {"value": 7, "display": "7"}
    current["requests.responded"] |= {"value": 8, "display": "8"}
    return current


def test_the_change_sets_gave_figures_beside_gave_figures_and_answered_beside_answered(sample):
    entries, _, _ = compare(provisional_next_year(sample), sample)
    # 2016: 44 asked, 42 answered (95%), 37 of them gave figures (84%); now 8 answered, 7 gave figures
    assert entries["change.previous.requests.gave_figures"][:2] == (37, "37")
    assert entries["change.previous.requests.figures_rate"][1] == "84%"
    assert entries["change.previous.requests.responded"][1] == "42"
    assert entries["change.requests.figures_rate.delta"][1] == "−68 points"  # 16% against 84%, not against 95%
    assert entries["change.requests.response_rate.delta"][1] == "−77 points"  # 18% against 95%
    assert "gave figures" in entries["change.previous.breaches.per_year"][2]


def test_the_change_section_says_which_base_each_number_is_on(sample, built):
    from test_report import render_with

    entries, summary, _ = compare(provisional_next_year(sample), sample)

    def with_change(numbers):
        numbers |= {k: {**numbers["breaches.total"], "value": v[0], "display": v[1]} for k, v in entries.items()}
        numbers |= {
            k: {**numbers[k], "display": d} for k, d in (("requests.gave_figures", "7"), ("requests.responded", "8"))
        }
        numbers |= {
            k: {**numbers[k], "display": d}
            for k, d in (("requests.figures_rate", "16%"), ("requests.response_rate", "18%"))
        }

    html = render_with(built, with_change, change=summary)
    text = " ".join(re.sub(r"<[^>]+>", "", html.split('<section id="change">')[1].split("</section>")[0]).split())
    assert (
        "edition 2016 counted 2,315 breaches from the 37 bodies that gave figures (501 a year from those that gave "
        "figures for its whole period);" in text
    )  # Norfolk's partial answer, its part not stated, is out of the rate a year (505 with it)
    assert "answers" not in text.split("These totals")[0]  # not "from 42 answers" beside "7 that gave figures"
    assert "Bodies that gave figures, of those asked: 37 of 44 (84%) in 2016, 7 of 44 (16%) now (−68 points)." in text
    assert (
        "Bodies that answered, refusals and “no information held” included: 42 (95%) in 2016, 8 (18%) now (−77 points)."
        in text
    )
