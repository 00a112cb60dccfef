"""The README's annual rerun, step by step: scaffold 2017 from 2016, drop in two
responses, fill their register rows, bless, build, and read the change section."""

import csv
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, read, run_pipeline

# two builds (2016 is shared, 2017 is its own); README's commands test builds the same steps
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rerun(tmp_path_factory, built):
    tmp = tmp_path_factory.mktemp("rerun")
    raw = tmp / "raw"
    shutil.copytree(REPO / "raw" / "2016", raw / "2016")
    cli = [sys.executable, "-m", "policebreaches.cli"]
    subprocess.run(cli + ["new-edition", "2017", "--from", "2016", "--raw", str(raw)], check=True, cwd=REPO)
    responses = raw / "2017" / "responses"
    (responses / "kent").mkdir(parents=True)
    (responses / "kent" / "FOI 2017-0042.csv").write_text(
        "Date,Rank,Details,Outcome\n03/03/2016,PC,Searched the PNC for a neighbour,Written warning\n"
        "11/07/2016,Staff,Gave a victim's address to her ex-partner,Dismissed\n",
        encoding="utf-8",
    )
    (responses / "surrey").mkdir()
    (responses / "surrey" / "letter.txt").write_text(
        "Dear requester,\nUnauthorised access = 4\nDisclosure to third parties = 2\nTotal = 6\n", encoding="utf-8"
    )
    register = raw / "2017" / "requests.csv"
    rows = list(csv.DictReader(register.open(encoding="utf-8")))
    for row in rows:
        if row["force"] == "Kent Police":
            row.update(status="disclosed", files="kent/FOI 2017-0042.csv", responded="2017-02-01")
        if row["force"] == "Surrey Police":
            row.update(status="disclosed", files="surrey/letter.txt", responded="2017-02-03")
    with register.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    subprocess.run(cli + ["bless", "2017", "--raw", str(raw)], check=True, cwd=REPO)
    results = tmp / "results"
    # the previous edition's build is the shared one (copied with its times: not rebuilt)
    shutil.copytree(built, results / "2016")
    run_pipeline(results, "2017", raw)
    return results


def test_new_edition_builds_and_counts_its_two_responses(rerun):
    numbers = json.loads((rerun / "2017" / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["breaches.total"]["value"] == 8
    assert numbers["requests.responded"]["value"] == 2 and numbers["requests.sent"]["value"] == 44


def test_change_compares_rates_a_year_over_bodies_that_answered_both(rerun):
    """2016 covers 55 months (1,675 days), 2017 one year (366 days): raw counts are never
    set side by side; only Kent and Surrey gave figures in both editions."""
    numbers = json.loads((rerun / "2017" / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["period.months"]["value"] == 12 and numbers["change.previous.period.months"]["value"] == 55
    assert numbers["change.bodies.compared"]["value"] == 2
    assert numbers["change.bodies.not_comparable"]["value"] == 42
    # Kent: 130 breaches in 1,675 days, then 2 in 366 days
    assert numbers["change.forces.kent.previous_per_year"]["value"] == pytest.approx(130 * 365.25 / 1675)
    assert numbers["change.forces.kent.per_year"]["display"] == "2.0"
    # 2 breaches are too few for a percentage change (fewer than change.min_count)
    assert numbers["change.forces.kent.change"]["display"] == "too few"
    assert numbers["change.forces.kent.change"]["value"] is None
    # like for like: Kent and Surrey together, 130 + 202 then 2 + 6
    assert numbers["change.like.breaches.total.previous"]["value"] == 332
    assert numbers["change.like.breaches.total.current"]["value"] == 8
    assert numbers["change.like.breaches.total.change"]["display"] == "too few"
    assert numbers["change.previous.edition.synthetic"]["value"] is True  # and the section says so
    assert numbers["change.requests.response_rate.delta"]["display"] == "−90 points"  # 95% then 5%
    # a body without figures in one edition is never a 0 or a delta
    assert numbers["change.forces.west-midlands.comparison"]["value"] == "no response in 2017"
    assert "change.forces.west-midlands.per_year" not in numbers
    assert "forces.west-midlands.per_year" not in numbers
    assert not any(k.startswith("change.forces.") and k.endswith(".delta") for k in numbers)
    # two bodies cannot enter or leave a top ten
    assert numbers["change.top_ten.possible"]["value"] is False
    assert numbers["change.top_ten.entered"]["display"] == "none"
    change = read(rerun / "2017" / "tables" / "change.csv").set_index("label")
    assert change.loc["Kent Police", "basis"] == "like for like"
    assert change.loc["West Midlands Police", "basis"] == "no comparable answer: no response in 2017"
    assert change.loc["West Midlands Police", "delta"] == ""
    html = (rerun / "2017" / "report.html").read_text(encoding="utf-8")
    text = " ".join(html.split())
    assert "Change since 2016" in html and "These totals are not comparable with each other" in text
    # 2 of 44 gave figures: a provisional edition ranks nobody, so no one enters or leaves a top ten
    assert "No body is said to enter or leave the top ten: this edition is provisional and ranks no force" in text
    assert "Edition 2016 is a synthetic sample" in text
    no_answer = re.search(r"<li>No response in 2017: ([^<]*)</li>", text).group(1)
    assert "West Midlands Police" in no_answer and "Kent Police" not in no_answer
    assert (rerun / "2016" / "numbers.json").is_file()  # the previous edition was built by the same rules


def test_verify_recomputes_the_previous_edition_from_its_raw_folder(rerun, tmp_path):
    """make verify on 2017: its change.* numbers need 2016's numbers, which are recomputed
    from raw/2016 too (the results folder checked holds 2017's two files only)."""
    results = tmp_path / "results"
    (results / "2017").mkdir(parents=True)
    for name in ("numbers.json", "records.csv"):
        shutil.copy2(rerun / "2017" / name, results / "2017" / name)
    raw, record = rerun.parent / "raw", tmp_path / "verification.json"
    done = subprocess.run(
        [sys.executable, "-m", "policebreaches.cli", "verify", "--edition", "2017", "--raw", str(raw)]
        + ["--results", str(results), "--out", str(record)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"SHA256SUMS of {raw}/2016/ and {raw}/2017/: present and unchanged" in done.stdout
    checked = json.loads(record.read_text(encoding="utf-8"))
    assert checked["result"] == "agrees" and checked["numbers_checked"] > 0
    listed = sum(len((raw / e / "SHA256SUMS").read_text().splitlines()) for e in ("2016", "2017"))
    assert checked["raw_files_checked"] == listed
