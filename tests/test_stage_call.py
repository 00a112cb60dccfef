"""A rule's files reach its stage by name, counted by the stage's annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from policebreaches.stage_call import arguments


def stage(
    table: Path,
    parts: list[Path],
    coding: Path | None,
    limits: dict,
    names: list[str],
    folder: Path,
    flag: bool,
    table_out: Path,
) -> None:
    """A stage in the shape the rules call."""


def test_each_name_becomes_its_argument_in_the_shape_the_stage_takes():
    got = arguments(
        stage,
        ["table=a.csv", "parts=p1.csv", "parts=p2.csv"],
        ["table=out.csv"],
        ['folder="raw/2016"', "flag=true"],
        ['limits=["max_rows", 10]', 'names="x y.xlsx"', 'names="z=1.csv"'],
    )
    assert got == {
        "table": Path("a.csv"),
        "parts": [Path("p1.csv"), Path("p2.csv")],
        "coding": None,  # an optional input Snakemake passed none of
        "limits": {"max_rows": 10},
        "names": ["x y.xlsx", "z=1.csv"],  # a value may hold '=' and spaces
        "folder": Path("raw/2016"),
        "flag": True,
        "table_out": Path("out.csv"),
    }


@pytest.mark.parametrize(
    "inputs, said",
    [
        (["parts=p.csv"], "table: 0 files given, one taken"),
        (["table=a.csv", "table=b.csv"], "table: 2 files given, one taken"),
        (["table=a.csv", "coding=c1.csv", "coding=c2.csv"], "coding: 2 files given, at most one taken"),
        (["table=a.csv", "tabel=b.csv"], "tabel: given by the rule, not taken by the stage"),
    ],
)
def test_a_rule_and_stage_that_disagree_are_told_apart_name_by_name(inputs, said):
    with pytest.raises(TypeError, match="stage and its rule disagree") as raised:
        arguments(stage, inputs, ["table=out.csv"], ['folder="f"', "flag=false"], [])
    assert said in str(raised.value)
