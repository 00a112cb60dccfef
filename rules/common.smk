# Loaded first: config validation, each edition's register, wildcard constraints and
# every input function the rules use (named, no lambdas in rules). Every rule works on
# any edition through the {edition} wildcard, so a report can depend on the build of
# its previous edition.
import csv
import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

import yaml
from snakemake.utils import validate

from policebreaches.edition import DATA_STATUSES
from policebreaches.forces import resolve_force, use_bodies
from policebreaches.settings import check_config

# misspelt keys and booleans such as 'ture' stop here, one line each, before the schema's dump
config_problems = check_config(config)
if config_problems:
    raise WorkflowError("\n".join(config_problems))
validate(config, "../schemas/config.schema.yaml")


envvars:
    "PATH",


# `python` in shell rules is the interpreter running Snakemake (its venv), unless
# --use-conda activates a rule's env, which then comes first on PATH.
os.environ["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])

EDITION = config["edition"]
RAW_DIR = Path(config["raw_dir"])
OUT = Path(config["results_dir"]) / "{edition}"  # every output lives under results/<edition>/

if not (RAW_DIR / EDITION / "requests.csv").is_file():
    raise WorkflowError(
        f"{RAW_DIR / EDITION}/requests.csv not found: is '{EDITION}' an edition folder under {RAW_DIR}/? "
        f"Scaffold a new one with 'make new-edition EDITION={EDITION} FROM=<previous>'."
    )


wildcard_constraints:
    edition="[A-Za-z0-9_.-]+",
    force="[a-z0-9-]+",


@lru_cache(maxsize=None)
def register_rows(edition):
    """(force_id, status, files) per register row whose force resolves; the check
    rule reports rows that do not, with the whole list of problems."""
    use_bodies(RAW_DIR / edition)  # an edition's own bodies (bodies.csv); the check rule reports its problems
    with open(RAW_DIR / edition / "requests.csv", encoding="utf-8-sig", newline="") as fh:
        rows = []
        for row in csv.DictReader(fh):
            force_id = resolve_force(row.get("force") or "")
            if force_id:
                files = [f.strip() for f in (row.get("files") or "").split(";") if f.strip()]
                rows.append((force_id, (row.get("status") or "").strip(), files))
        return tuple(rows)


@lru_cache(maxsize=None)
def previous_edition_of(edition):
    meta = yaml.safe_load((RAW_DIR / edition / "edition.yaml").read_text(encoding="utf-8")) or {}
    return str(meta["previous_edition"]) if meta.get("previous_edition") else None


def raw_folder(wildcards):
    return RAW_DIR / wildcards.edition


def results_folder(wildcards):
    return Path(config["results_dir"]) / wildcards.edition


def all_raw_files(wildcards):
    return sorted(p for p in raw_folder(wildcards).rglob("*") if p.is_file())


def results_tables_folder(wildcards):
    return results_folder(wildcards) / "tables"


def results_figures_folder(wildcards):
    return results_folder(wildcards) / "figures"


def template_folder(wildcards):
    return Path("report")


def config_json(wildcards):
    return json.dumps(config, sort_keys=True, default=str)


def limits_json(wildcards):
    return json.dumps(config["limits"], sort_keys=True)


def register_file(wildcards):
    return raw_folder(wildcards) / "requests.csv"


def force_response_files(wildcards):
    """The raw files one force's extraction reads: a change re-runs that force only."""
    responses = raw_folder(wildcards) / "responses"
    return [
        responses / name
        for force_id, status, names in register_rows(wildcards.edition)
        if force_id == wildcards.force and status in DATA_STATUSES
        for name in names
        if (responses / name).is_file()
    ]


def transcription_files(wildcards):
    folder = raw_folder(wildcards) / "transcribed"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def extraction_hints(wildcards):
    path = raw_folder(wildcards) / "overrides" / "extraction.yaml"
    return [path] if path.is_file() else []


def manual_coding(wildcards):
    path = raw_folder(wildcards) / "overrides" / "coding.csv"
    return [path] if path.is_file() else []


def extraction_outputs(kind):
    def outputs(wildcards):
        # only bodies that sent figures (disclosed, partial) have responses to extract
        rows = register_rows(wildcards.edition)
        forces = sorted({force_id for force_id, status, _ in rows if status in DATA_STATUSES})
        return [str(OUT / "extract" / f"{force}.{kind}.csv").format(edition=wildcards.edition) for force in forces]

    outputs.__name__ = f"extraction_{kind}_outputs"
    return outputs


def truth_file_if_any(wildcards):
    path = Path(config["truth_dir"]) / wildcards.edition / "incidents.csv"
    return [path] if path.is_file() else []


def previous_numbers(wildcards):
    """numbers.json of the previous edition, built by these same rules, when edition.yaml names one."""
    previous = previous_edition_of(wildcards.edition)
    return [str(OUT / "numbers.json").format(edition=previous)] if previous else []


def previous_labels_file(wildcards):
    """Labels of the last build, kept beside the outputs so a rebuild can list reclassified records."""
    return results_folder(wildcards) / "classify" / "previous_labels.csv"


def code_fingerprint():
    """sha256 over the pipeline's own code, a parameter of every rule: Snakemake reruns a
    job whose parameters changed, so editing policebreaches/ reruns the rules. A parameter
    rather than 32 input files per job: Snakemake checksums every input of every job."""
    digest = hashlib.sha256()
    for path in sorted(Path("policebreaches").rglob("*.py")):  # data files are inputs of the rules that read them
        if "sample" not in path.parts:
            for part in (path.as_posix().encode(), path.read_bytes()):
                digest.update(len(part).to_bytes(8, "big"))
                digest.update(part)
    return digest.hexdigest()


CODE_FINGERPRINT = code_fingerprint()


def final_outputs():
    names = [
        "report.pdf",
        "report.html",
        "numbers.json",
        "records.csv",
        "aggregates.csv",
        "ledger.csv",
        "review.csv",
        "reclassified.csv",
        "accuracy.csv",
        "tables/report_tables.xlsx",
        "tables/change.csv",
        "clean/ledger.ok",
        "build_info.json",
        "audit/index.html",
    ]
    return [str(OUT / name).format(edition=EDITION) for name in names]


def set_aside_stale_report():
    """After a failed build, no report from older inputs may look current: move it aside."""
    results = Path(config["results_dir"]) / EDITION
    for name in ("report.pdf", "report.html"):
        current = results / name
        if current.is_file():
            stale = current.with_name(f"{current.stem}.stale{current.suffix}")
            current.replace(stale)
            print(f"The build failed: the previous {name} (built from older inputs) is now {stale}", file=sys.stderr)
