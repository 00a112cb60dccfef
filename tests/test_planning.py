"""What Snakemake plans from an edition's folder (policebreaches.planning, called by
rules/common.smk): the register's answers, the previous edition and the period; never an
exception on bad input (the input check reports it)."""

from __future__ import annotations

from policebreaches.classify import CODEBOOK
from policebreaches.planning import period, planned_answers, previous_edition

from conftest import REPO
from editions import make_edition

FORCES = CODEBOOK.parent / "forces.csv"


def test_the_samples_register_plans_one_answer_a_body():
    answers = planned_answers(REPO / "raw" / "2016", FORCES)
    assert len(answers) == 44 and len({force for force, *_ in answers}) == 44
    kent = next(a for a in answers if a[0] == "kent")
    assert kent[1] == "disclosed" and kent[2] and kent[3] == 0


def test_a_replaced_answer_is_planned_with_the_line_that_replaces_it(tmp_path):
    root = make_edition(
        tmp_path / "ed",
        [
            {"force": "Kent Police", "reference": "K 1", "status": "disclosed", "files": "kent/a.csv"},
            {"force": "Kent", "reference": "K 1 IR", "status": "disclosed", "files": "kent/b.csv", "replaces": "K 1"},
        ],
        {"kent/a.csv": "a\n", "kent/b.csv": "b\n"},
    )
    assert planned_answers(root, FORCES) == (
        ("kent", "disclosed", ["kent/a.csv"], 3),
        ("kent", "disclosed", ["kent/b.csv"], 0),
    )


def test_bad_inputs_plan_nothing_and_raise_nothing(tmp_path):
    root = tmp_path / "ed"
    root.mkdir()
    assert planned_answers(root, FORCES) == () and previous_edition(root) is None and period(root) == []
    (root / "requests.csv").write_bytes(b'force,status\n"Kent\n')  # an unclosed quote
    (root / "edition.yaml").write_text("period_start: [\n", encoding="utf-8")  # a YAML syntax error
    assert planned_answers(root, FORCES) == () and previous_edition(root) is None and period(root) == []


def test_the_period_is_two_days_and_a_date_with_a_time_stands_for_its_day(tmp_path):
    root = tmp_path / "ed"
    root.mkdir()
    (root / "edition.yaml").write_text("period_start: 2011-06-01 08:30:00\nperiod_end: 2015-12-31\n", encoding="utf-8")
    assert period(root) == ["2011-06-01", "2015-12-31"]
    (root / "edition.yaml").write_text("period_start: soon\nperiod_end: 2015-12-31\n", encoding="utf-8")
    assert period(root) == []
