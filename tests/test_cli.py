"""trace, new-edition and reclassification on real builds."""

import pandas as pd

from policebreaches.stages.classify import reclassified
from policebreaches.trace import trace_key, trace_record_id

from conftest import REPO, read


def test_trace_a_number_to_raw_rows(built):
    text = trace_key("breaches.pnc", built, REPO / "raw" / "2016", limit=20)
    assert text.startswith("breaches.pnc = 25")
    assert text.count("  record ") == 20 and "5 more" in text  # first 20 listed
    assert "by rule PNC-01" in text and "[sha256 matches]" in text and "cells as read" in text


def test_trace_shows_the_words_a_count_was_read_from(built):
    """A counts-only answer's figure, traced, shows its line as the letter wrote it."""
    text = trace_key("forces.cumbria.total", built, REPO / "raw" / "2016")
    assert "responses/cumbria/response_letter.txt line=15  read from: 'Total = 25'" in text


def test_trace_a_record_and_an_excluded_one(built):
    record = read(built / "records.csv").iloc[0]
    text = trace_record_id(record.record_id, built, REPO / "raw" / "2016")
    assert record.source_locator in text and "counted in: breaches.total" in text
    excluded = read(built / "clean" / "exclusions.csv").iloc[0]
    assert "was EXCLUDED: " + excluded.exclusion in trace_record_id(excluded.record_id, built, REPO / "raw" / "2016")


def test_trace_notices_a_changed_raw_file(built, tmp_path):
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(REPO / "raw" / "2016", raw)
    target = raw / "responses" / "humberside" / "response.xlsx"
    target.write_bytes(target.read_bytes() + b"\0")
    text = trace_key("forces.humberside.outcome.resignation_or_dismissal", built, raw)
    assert "[CHANGED since the build]" in text


def test_reclassified_lists_changed_labels():
    before = pd.DataFrame(
        [
            {"record_id": "a", "breach_type": "other", "pnc": "False", "outcome_group": "x", "role": "officer"},
            {"record_id": "b", "breach_type": "other", "pnc": "False", "outcome_group": "x", "role": "officer"},
        ]
    )
    after = before.copy()
    after.loc[0, "breach_type"] = "unauthorised_access"
    changes = reclassified(before, after)
    assert changes.to_dict("records") == [
        {"record_id": "a", "field": "breach_type", "before": "other", "after": "unauthorised_access"}
    ]
    assert reclassified(None, after).empty


def test_new_edition_scaffold(tmp_path):
    import shutil

    from policebreaches.edition import load_edition
    from policebreaches.scaffold import scaffold_edition

    shutil.copytree(REPO / "raw" / "2016", tmp_path / "2016")
    target = scaffold_edition(tmp_path, "2016", "2017")
    edition = load_edition(target, [])
    assert (str(edition.period_start), str(edition.period_end)) == ("2016-01-01", "2016-12-31")
    assert edition.previous_edition == "2016" and not edition.synthetic
    request = (target / "request.txt").read_text(encoding="utf-8")
    assert "1 January 2016 to 31 December 2016" in request
    register = read(target / "requests.csv")
    assert len(register) == 44 and set(register.status) == {"no_response"} and set(register.files) == {""}
    # from the synthetic sample, the new edition is for real answers, and new-edition says so
    from policebreaches.scaffold import scaffold_summary

    said = scaffold_summary(tmp_path, "2016", target)
    assert "Edition 2016 is a synthetic sample (invented data); 2017 is set synthetic: false" in said
    assert "the 44 bodies of edition 2016" in said and "1 January 2016 to 31 December 2016" in said
    assert "synthetic sample: this one is not (synthetic: false)" in (target / "edition.yaml").read_text(
        encoding="utf-8"
    )


def test_new_edition_keeps_the_registers_optional_columns(tmp_path):
    """The sample's requests.csv has covers_from, covers_to and counts after the required
    columns; new-edition wrote only the required ones, so a half-year answer could not be
    recorded without adding them back by hand."""
    import csv
    import shutil

    from policebreaches.edition import REGISTER_COLUMNS, read_register
    from policebreaches.forces import Bodies
    from policebreaches.scaffold import scaffold_edition

    shutil.copytree(REPO / "raw" / "2016", tmp_path / "2016")
    with open(tmp_path / "2016" / "requests.csv", encoding="utf-8", newline="") as fh:
        previous = csv.DictReader(fh).fieldnames
    optional = previous[len(REGISTER_COLUMNS) :]
    assert optional == ["covers_from", "covers_to", "counts"]  # the sample states these three
    target = scaffold_edition(tmp_path, "2016", "2017")
    with open(target / "requests.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == previous
    assert all(row[c] == "" for row in rows for c in optional)  # nothing carried over
    rows[0].update({"status": "disclosed", "covers_from": "2016-01-01", "covers_to": "2016-06-30", "counts": "people"})
    with open(target / "requests.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    problems = []
    register = read_register(target, problems, Bodies.load()[0])
    assert not [p for p in problems if "column" in p.what]
    assert (register[0]["covers_to"], register[0]["counts"]) == ("2016-06-30", "people")


def test_a_stage_out_of_memory_says_which_files_it_was_working_on(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from policebreaches.__main__ import main
    from policebreaches.stages import figures

    def exhausted(**files):
        raise MemoryError

    monkeypatch.setattr(figures, "run", exhausted)
    numbers = tmp_path / "numbers.json"
    numbers.write_text("{}", encoding="utf-8")
    log = tmp_path / "figures.log"
    done = CliRunner().invoke(
        main,
        ["stage", "stages.figures", "--log", str(log), "--input", f"numbers={numbers}"]
        + ["--output", f"readme={tmp_path / 'figures' / 'README.txt'}"],
    )
    assert done.exit_code == 1 and "Traceback" not in done.output
    message = log.read_text(encoding="utf-8")
    assert "stage stages.figures ran out of memory working on" in message and str(numbers) in message


def test_a_rule_and_its_stage_that_disagree_on_a_name_fail_before_the_stage_runs(tmp_path):
    from click.testing import CliRunner

    from policebreaches.__main__ import main

    log = tmp_path / "ledger.log"
    done = CliRunner().invoke(
        main,
        ["stage", "stages.clean:check_ledger", "--log", str(log), "--input", f"legder={tmp_path / 'ledger.csv'}"]
        + ["--output", f"ok={tmp_path / 'ledger.ok'}"],
    )
    assert done.exit_code == 1 and "Traceback" not in done.output
    message = log.read_text(encoding="utf-8")
    assert "check_ledger and its rule disagree: ledger: 0 files given, one taken" in message
    assert "legder: given by the rule, not taken by the stage" in message
    assert not (tmp_path / "ledger.ok").exists()
