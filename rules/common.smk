# Loaded first: config validation, the edition's register, wildcard constraints and
# every input function the rules use (named, no lambdas in rules).
import csv
from pathlib import Path

from snakemake.utils import validate

from policebreaches.edition import DATA_STATUSES
from policebreaches.forces import resolve_force

# --config edition=2016 arrives as a number; an edition is a folder name
config["edition"] = str(config.get("edition", "2016"))
# and --config allow_problems=true as the text "true"
if isinstance(config.get("allow_problems"), str):
    config["allow_problems"] = config["allow_problems"].strip().lower() in ("true", "yes", "1")
validate(config, "../schemas/config.schema.yaml")

EDITION = str(config["edition"])
RAW = Path(config["raw_dir"]) / EDITION
RES = Path(config["results_dir"]) / EDITION
TRUTH = Path(config["truth_dir"]) / EDITION / "incidents.csv"

if not (RAW / "requests.csv").is_file():
    raise WorkflowError(
        f"{RAW}/requests.csv not found: is '{EDITION}' an edition folder under {config['raw_dir']}/? "
        f"Scaffold a new one with 'make new-edition EDITION={EDITION} FROM=<previous>'."
    )


def read_register_rows():
    """(force_id, status, files) per register row whose force resolves; the check
    rule reports rows that do not, with the whole list of problems."""
    with open(RAW / "requests.csv", encoding="utf-8-sig", newline="") as fh:
        rows = []
        for row in csv.DictReader(fh):
            force_id = resolve_force(row.get("force") or "")
            if force_id:
                files = [f.strip() for f in (row.get("files") or "").split(";") if f.strip()]
                rows.append((force_id, (row.get("status") or "").strip(), files))
        return rows


REGISTER = read_register_rows()
FORCES = sorted({force_id for force_id, _, _ in REGISTER})


wildcard_constraints:
    force="[a-z0-9-]+",


def force_response_files(wildcards):
    """The raw files one force's extraction reads: a change re-runs that force only."""
    files = []
    for force_id, status, names in REGISTER:
        if force_id == wildcards.force and status in DATA_STATUSES:
            files += [RAW / "responses" / name for name in names if (RAW / "responses" / name).is_file()]
    return files


def optional_edition_files(*names):
    return [RAW / name for name in names if (RAW / name).exists()]


def transcription_files(wildcards):
    folder = RAW / "transcribed"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def extraction_outputs(kind):
    return [RES / "extract" / f"{force}.{kind}.csv" for force in FORCES]


def all_raw_files(wildcards):
    return sorted(p for p in RAW.rglob("*") if p.is_file())


def truth_file_if_any(wildcards):
    return [TRUTH] if TRUTH.is_file() else []


def package_sources(wildcards):
    """The pipeline's own code: a change to it reruns the rules (scripts are tracked by Snakemake itself)."""
    return sorted(p for p in Path("policebreaches").rglob("*.py") if "sample" not in p.parts)


def final_outputs():
    names = ["report.pdf", "report.html", "numbers.json", "records.csv", "aggregates.csv", "ledger.csv",
             "review.csv", "reclassified.csv", "accuracy.csv", "tables/report_tables.xlsx",
             "clean/ledger.ok"]
    return [RES / name for name in names]
