"""The codebook is the one source of its categories: adding a breach type (here: theft,
split off "other") is an edit to codebook.yaml and nothing else, and the build counts,
tabulates and prints it."""

import json
import subprocess
import sys

import pytest
import yaml

from conftest import read, sandbox


@pytest.mark.slow
def test_a_new_breach_type_in_codebook_yaml_is_counted_and_printed(tmp_path):
    project = sandbox(tmp_path)
    path = project / "policebreaches" / "resources" / "codebook.yaml"
    codebook = yaml.safe_load(path.read_text(encoding="utf-8"))
    codebook["groups"]["breach_type"]["theft"] = {
        "label": "theft of data or devices",
        "short": "Theft",
        "definition": "Data or devices stolen.",
        "include": ["Laptop stolen from a car"],
        "exclude": [],
    }
    rule = {
        "id": "BT-I99",
        "source": "description",
        "value": "theft",
        "pattern": r"\b(stolen|theft)\b",
        "why": "a test category",
    }
    codebook["rules"]["breach_type"].insert(0, rule)
    path.write_text(yaml.safe_dump(codebook, sort_keys=False, allow_unicode=True), encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--config", "results_dir=results"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = project / "results" / "2016"
    records = read(results / "records.csv")
    counted = int((records.breach_type == "theft").sum())
    assert counted > 0
    numbers = json.loads((results / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["breaches.type.theft"]["value"] == counted
    assert "theft of data or devices" in numbers["breaches.type.theft"]["definition"]
    assert any(key.endswith(".type.theft") for key in numbers if key.startswith("forces."))
    assert "Theft of data or devices" in read(results / "tables" / "table1.csv").label.tolist()
    assert "Theft" in (results / "report.html").read_text(encoding="utf-8")
