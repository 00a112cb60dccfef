"""This edition's own accuracy: a seeded, stratified blind sample of the edition's records, a
sheet with their text and nothing of the codebook's decision, and the agreement of a person's
coding with the published labels (kappa, Krippendorff's alpha, with intervals)."""

import datetime as dt
import json
import shutil

import openpyxl
import pandas as pd
import pytest

from policebreaches.classify import default_codebook
from policebreaches.coding import (
    agreement,
    draw_sample,
    krippendorff_alpha,
    read_sheet,
    stratum,
    write_coded,
    write_sheet,
)

from conftest import REPO, read, run_pipeline

PUBLISHED = dt.date(2016, 7, 14)


def sample_records() -> pd.DataFrame:
    """600 invented records in three strata of 300, 200 and 100 (a tenth of them withheld)."""
    types = ["unauthorised_access"] * 300 + ["third_party_disclosure"] * 200 + ["other"] * 100
    types = ["" if i % 10 == 0 else t for i, t in enumerate(types)]
    return pd.DataFrame(
        {
            "record_id": [f"{i:016x}" for i in range(600)],
            "description_raw": [f"text {i}" for i in range(600)],
            "category_raw": "",
            "outcome_raw": "Words of advice",
            "breach_type": types,
            "outcome_group": "no_formal_action",
            "pnc": "False",
        }
    )


def test_the_sample_is_seeded_and_stratified():
    records = sample_records()
    first, again = draw_sample(records, 60), draw_sample(records.sample(frac=1, random_state=1), 60)
    assert first["record_id"].tolist() == again["record_id"].tolist()  # the seed, not the file order, decides
    assert stratum(first).value_counts().to_dict() == {
        "unauthorised_access": 27,
        "third_party_disclosure": 18,
        "other": 9,
        "(needs review)": 6,
    }
    assert first["record_id"].is_unique


def fill(path, answers: dict[int, dict[str, str]]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["coding"]
    header = [c.value for c in sheet[2]]
    for row, values in answers.items():
        for name, value in values.items():
            sheet.cell(row + 2, header.index(name) + 1, value)
    book.save(path)


def test_the_blind_sheet_round_trip_scores_the_published_labels(built, tmp_path):
    records, codebook = read(built / "records.csv"), default_codebook()
    sample = draw_sample(records, 40)
    out = tmp_path / "coding-sample.xlsx"
    assert write_sheet(sample, codebook, out, PUBLISHED) == 40
    header = [c.value for c in openpyxl.load_workbook(out)["coding"][2]]
    assert header == [
        "record_id",
        "description_raw",
        "category_raw",
        "outcome_raw",
        "breach_type",
        "outcome_group",
        "pnc",
        "coder",
    ]
    texts = [str(c.value) for row in openpyxl.load_workbook(out)["coding"].iter_rows(min_row=3) for c in row if c.value]
    assert not {"BT-A01", "BT-D02", "DP-04"} & set(texts)  # no rule, no policy row: blind
    # a person who agrees with the codebook on every record but the first five breach types
    other = {"unauthorised_access": "other", "third_party_disclosure": "other", "other": "unauthorised_access"}
    answers = {}
    for i, r in enumerate(sample.to_dict("records"), start=1):
        answers[i] = {
            "breach_type": other[r["breach_type"]] if i <= 5 else r["breach_type"],
            "outcome_group": r["outcome_group"],
            "pnc": r["pnc"].lower(),
            "coder": "AB",
        }
    fill(out, answers)
    coded, problems = read_sheet(out, codebook, PUBLISHED)
    assert problems == [] and len(coded) == 40
    scores = agreement(coded, records).set_index(["field", "measure"])
    assert scores.at[("breach_type", "right"), "value"] == 35 / 40
    assert scores.at[("breach_type", "wrong"), "value"] == 5 / 40
    assert scores.at[("outcome_group", "right"), "value"] == 1.0
    kappa = scores.loc[("breach_type", "kappa")]
    assert 0 < kappa["value"] < 1 and kappa["low"] <= kappa["value"] <= kappa["high"]
    alpha = scores.loc[("breach_type", "alpha")]
    assert 0 < alpha["value"] < 1 and alpha["low"] <= alpha["value"] <= alpha["high"]


def test_a_value_outside_the_codebook_or_a_missing_coder_is_a_problem(tmp_path):
    codebook = default_codebook()
    out = tmp_path / "sheet.xlsx"
    write_sheet(draw_sample(sample_records(), 3), codebook, out, PUBLISHED)
    fill(
        out,
        {
            1: {"breach_type": "theft", "outcome_group": "no_formal_action", "pnc": "false", "coder": "AB"},
            2: {"breach_type": "other", "outcome_group": "no_formal_action", "pnc": "false"},
        },
    )
    coded, problems = read_sheet(out, codebook, PUBLISHED)
    assert len(coded) == 2 and [p.what for p in problems] == ["breach_type 'theft' is not a codebook value", "no coder"]


def test_alpha_agrees_with_known_values():
    # two coders, nominal: perfect agreement is 1; Krippendorff's (2011) example pattern below
    assert krippendorff_alpha(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    first = ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"]
    second = ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"]
    assert round(krippendorff_alpha(first, second), 3) == 0.692


@pytest.mark.slow
def test_a_coded_edition_prints_its_own_accuracy_in_the_methodology(built, tmp_path):
    """make coding-import's file in raw/<edition>/coding/ reaches numbers.json and the report."""
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "raw" / "2016", raw / "2016")
    records = read(built / "records.csv")
    sample = draw_sample(records, 30)
    coded = pd.DataFrame(
        {
            "record_id": sample["record_id"],
            "breach_type": ["other" if i < 3 else b for i, b in enumerate(sample["breach_type"])],
            "pnc": sample["pnc"].str.lower(),
            "outcome_group": sample["outcome_group"],
            "coder": "AB",
            "date": "2016-07-01",
        }
    )
    write_coded(raw / "2016", coded)  # and re-blessed, as make coding-import does
    run_pipeline(tmp_path / "results", "2016", raw)
    numbers = json.loads((tmp_path / "results" / "2016" / "numbers.json").read_text(encoding="utf-8"))
    wrong = sum(c != b for c, b in zip(coded["breach_type"], sample["breach_type"]))
    assert numbers["coding.breach_type.n"]["value"] == 30
    assert numbers["coding.breach_type.wrong"]["value"] == pytest.approx(wrong / 30)
    # the type counts' intervals now rest on this edition's own coding, not on a corpus set
    assert "coded blind by a person" in numbers["uncertainty.type.other"]["definition"]
    html = (tmp_path / "results" / "2016" / "report.html").read_text(encoding="utf-8")
    section = html.split("own accuracy</h3>")[1].split("</table>")[0]
    assert numbers["coding.breach_type.alpha"]["display"] in section


def test_the_editions_own_coding_weights_each_stratum_by_its_sampling_fraction():
    from policebreaches.misclassification import coding_confusion

    classes = ["unauthorised_access", "third_party_disclosure", "other"]
    records = pd.DataFrame(
        {"record_id": [f"r{i}" for i in range(150)], "breach_type": ["unauthorised_access"] * 100 + ["other"] * 50}
    )
    # 10 coded of 100 published access (2 of them truly other), 10 of 50 published other (all right)
    coded = pd.DataFrame(
        {
            "record_id": [f"r{i}" for i in [*range(10), *range(100, 110)]],
            "breach_type": ["other"] * 2 + ["unauthorised_access"] * 8 + ["other"] * 10,
        }
    )
    counts = coding_confusion(coded, records, classes)
    # true other: 2 records standing for 10 each, 10 standing for 5 each -> shares 20/70 and 50/70 of 12 coded
    assert counts[2].tolist() == pytest.approx([12 * 20 / 70, 0, 12 * 50 / 70])
    assert counts[0].tolist() == pytest.approx([8, 0, 0])
