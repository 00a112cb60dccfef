# Loaded first: configuration, each edition's register as Snakemake needs it to plan
# the jobs, wildcard constraints and every input function the rules use (named, no
# lambdas in rules). Every rule works on any edition through the {edition} wildcard, so
# a report can depend on the build of its previous edition. Rules name every file their
# stage reads and writes (tests/test_declared_reads.py watches the stages' opens).
import json
import os
import shlex
import sys
from functools import lru_cache
from pathlib import Path

from snakemake.utils import validate

from policebreaches.checks import inside
from policebreaches.edition import DATA_STATUSES, parse_manifest, regular_files
from policebreaches.fingerprint import fingerprint
from policebreaches.publication import INTERNAL_FOLDERS, WORKFLOW_FOLDER, is_public
from policebreaches.planning import period as planned_period, planned_answers, previous_edition
from policebreaches.settings import CORPUS_FOLDER, check_config
from policebreaches import staleness


def stop_planning(problems):
    """A user's mistake found while planning (configuration, edition folder): the project's
    own message, one line each with its fix, and exit status 2; no traceback, no
    Snakemake wrapper around it (a WorkflowError would print its file and line first)."""
    print("\n".join(["The build cannot start:", *(f"- {p}" for p in problems)]), file=sys.stderr, flush=True)
    sys.exit(2)


# misspelt keys, yes/no and numbers given as words stop here, one line each, before the schema's dump
config_problems = check_config(config)
if config_problems:
    stop_planning(config_problems)
validate(config, "../schemas/config.schema.yaml")


envvars:
    "PATH",


# `python` in shell rules is the interpreter running Snakemake (its venv), unless
# --use-conda activates a rule's env, which then comes first on PATH.
os.environ["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])

EDITION = config["edition"]
RAW_DIR = Path(config["raw_dir"])
OUT = Path(config["results_dir"]) / "{edition}"  # every output of an edition lives under results/<edition>/
# ... but the codebook's second opinion and its scores on the wording corpus depend on no
# edition: built once, shared by every edition, rebuilt only when the corpus, the codebook
# or their code change (an edition's cold build reuses them)
CORPUS_OUT = Path(config["results_dir"]) / CORPUS_FOLDER
RESOURCES = Path("policebreaches/resources")
CODEBOOK, REPORT_SPEC, FORCES = RESOURCES / "codebook.yaml", RESOURCES / "report_spec.yaml", RESOURCES / "forces.csv"
GIVEN_NAMES = RESOURCES / "given_names.txt"  # the publication gate's list of given names
FONTS = sorted(Path("report/fonts").glob("*.ttf"))
WORKFLOW_FILES = [Path("Snakefile"), *sorted(Path("rules").glob("*.smk"))]  # the workflow the run crate carries

# not an edition folder at all (a mistyped edition id); anything wrong inside an edition
# folder (requests.csv missing included) is the input check's to report, in its problem list
if not any((RAW_DIR / EDITION / name).is_file() for name in ("requests.csv", "edition.yaml")):
    editions = sorted(p.name for p in RAW_DIR.glob("*/requests.csv") for p in [p.parent])
    stop_planning(
        [
            f"{RAW_DIR / EDITION}/requests.csv not found: '{EDITION}' is not an edition folder under {RAW_DIR}/ "
            f"(editions here: {', '.join(editions) or 'none'}). Scaffold a new one with "
            f"'make new-edition EDITION={EDITION} FROM=<previous>'."
        ]
    )


wildcard_constraints:
    edition="[A-Za-z0-9_.-]+",
    force="[a-z0-9-]+",


def code(stage):
    """The rule parameter that reruns a rule when its stage's code changes (and only then)."""
    return fingerprint(f"policebreaches.{stage}")


@lru_cache(maxsize=None)
def register_rows(edition):
    """(force_id, status, files, replaced_by) per answer of the register (policebreaches.planning)."""
    return planned_answers(RAW_DIR / edition, FORCES)


@lru_cache(maxsize=None)
def previous_edition_of(edition):
    return previous_edition(RAW_DIR / edition)


@lru_cache(maxsize=None)
def edition_period(edition):
    return planned_period(RAW_DIR / edition)


def period(wildcards):
    return edition_period(wildcards.edition)


def raw_folder(wildcards):
    return RAW_DIR / wildcards.edition


def all_raw_files(wildcards):
    return regular_files(raw_folder(wildcards))  # symbolic links: neither inputs nor followed


def manifest_file(wildcards):
    """SHA256SUMS, when the edition has one; without it the input check stops the build
    (even with allow_problems), so the rules that read it never run, and planning does not fail."""
    path = raw_folder(wildcards) / "SHA256SUMS"
    return [path] if path.is_file() else []


def responses_folder(wildcards):
    return raw_folder(wildcards) / "responses"


def config_json(wildcards):
    return json.loads(json.dumps(config, sort_keys=True, default=str))  # plain JSON values


def limits(wildcards):
    return config["limits"]


def force_id(wildcards):
    return wildcards.force


def edition_id(wildcards):
    return wildcards.edition


def body_file_names(wildcards):
    """The files the register lists for this body (relative to responses/), existing or not:
    those of its answers that gave figures, except answers another replaces."""
    rows = register_rows(wildcards.edition)
    names = [
        name
        for force_id, status, files, replaced_by in rows
        if force_id == wildcards.force and status in DATA_STATUSES and not replaced_by
        for name in files
    ]
    return list(dict.fromkeys(names))


def body_answers(wildcards):
    """The files of each answer of this body that gave figures (replaced answers left out):
    counts beside incident rows are the same breaches counted twice only within one answer."""
    return [
        files
        for force_id, status, files, replaced_by in register_rows(wildcards.edition)
        if force_id == wildcards.force and status in DATA_STATUSES and not replaced_by
    ]


def body_set_aside(wildcards):
    """The files of this body's answers that a later answer replaces (and no standing answer
    names): set aside, never read; the ledger lists them as set aside."""
    used = set(body_file_names(wildcards))
    names = [
        name
        for force_id, status, files, replaced_by in register_rows(wildcards.edition)
        if force_id == wildcards.force and status in DATA_STATUSES and replaced_by
        for name in files
        if name not in used
    ]
    return list(dict.fromkeys(names))


def force_response_files(wildcards):
    """The raw files one body's extraction reads (only inside the edition folder): a
    change re-runs that body's extraction only."""
    named = (inside(responses_folder(wildcards), name) for name in body_file_names(wildcards))
    return [path for path in named if path is not None and path.is_file()]


@lru_cache(maxsize=None)
def manifest_entries(edition):
    """SHA256SUMS as {name: sha256}; malformed lines are the input check's to report."""
    path = RAW_DIR / edition / "SHA256SUMS"
    return parse_manifest(path.read_text(encoding="utf-8", errors="replace"))[0] if path.is_file() else {}


def force_manifest_entries(wildcards):
    """{responses/<name>: sha256} per file of the body (its SHA256SUMS entry, "" if none)."""
    entries = manifest_entries(wildcards.edition)
    names = [
        f"responses/{p.relative_to(responses_folder(wildcards)).as_posix()}" for p in force_response_files(wildcards)
    ]
    return {name: entries.get(name) or "" for name in sorted(names)}


def transcription_files(wildcards):
    folder = raw_folder(wildcards) / "transcribed"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def optional_raw_file(name):
    def existing(wildcards):
        path = raw_folder(wildcards) / name
        return [path] if path.is_file() else []

    existing.__name__ = "optional_" + "".join(c if c.isalnum() else "_" for c in name)
    return existing


def extraction_outputs(kind):
    def outputs(wildcards):
        # only bodies that sent figures (disclosed, partial) have responses to extract
        rows = register_rows(wildcards.edition)
        forces = sorted({force_id for force_id, status, *_ in rows if status in DATA_STATUSES})
        return [str(OUT / "extract" / f"{force}.{kind}.csv").format(edition=wildcards.edition) for force in forces]

    outputs.__name__ = f"extraction_{kind}_outputs"
    return outputs


def corpus_incident_files(wildcards):
    """The corpus's incident files (incidents.csv, and further dev batches incidents_*.csv)."""
    return sorted(Path(config["corpus_dir"]).glob("incidents*.csv"))


def truth_file_if_any(wildcards):
    path = Path(config["truth_dir"]) / wildcards.edition / "incidents.csv"
    return [path] if path.is_file() else []


def previous_numbers(wildcards):
    """numbers.json of the previous edition, built by these same rules, when edition.yaml names one."""
    previous = previous_edition_of(wildcards.edition)
    return [str(OUT / "numbers.json").format(edition=previous)] if previous else []


def public_outputs(wildcards):
    """Every file a rule writes that publication.PUBLIC names (report.pdf, report.html,
    numbers.json, each file of tables/ and figures/): the outputs the run crate describes."""
    folder = Path(config["results_dir"]) / wildcards.edition
    paths = sorted(
        Path(pattern.apply_wildcards({"edition": wildcards.edition}))
        for rule in workflow.rules
        for pattern in rule.output
        if pattern.get_wildcard_names() == {"edition"}
    )
    return [str(p) for p in paths if p.is_relative_to(folder) and is_public(p.relative_to(folder).as_posix())]


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
        "ro-crate-metadata.json",
        "audit/index.html",
        "PUBLISHING.txt",
    ]
    return [str(OUT / name).format(edition=EDITION) for name in names]


def set_aside_stale_outputs():
    """After a failed build nothing from older inputs may look current: every output of the
    previous build moves to results/<edition>/stale/ together (policebreaches.staleness)."""
    said = staleness.set_aside(Path(config["results_dir"]) / EDITION)
    if said:
        print(said, file=sys.stderr)


def clear_stale_outputs():
    staleness.clear(Path(config["results_dir"]) / EDITION)


def stage(target):
    """A stage rule's shell command: `python -m policebreaches stage <target>` with the rule's
    log and params.io. `target` names the function (policebreaches.<module>[:function], run()
    by default); it receives the rule's inputs and outputs by name, so a rule names each file
    once (policebreaches/stage_call.py)."""
    return f"python -m policebreaches stage {target} --log {{log:q}} {{params.io}}"


def stage_io(**values):
    """A stage rule's params.io: `--input NAME=PATH` per file of each named input, `--output
    NAME=PATH` per output file, and each of `values` (a function of the wildcards, or a
    constant) as `--value NAME=JSON`, a list or mapping one `--item` per element: short
    arguments each, so thousands of files stay within the system's limit on one argument."""

    def arguments(wildcards, input, output):
        words = [f"--input {shlex.quote(f'{name}={path}')}" for name in input.keys() for path in paths(input[name])]
        words += [f"--output {shlex.quote(f'{name}={path}')}" for name in output.keys() for path in paths(output[name])]
        for name, value in values.items():
            value = value(wildcards) if callable(value) else value
            if isinstance(value, list | dict):
                items = value.items() if isinstance(value, dict) else value
                words += [f"--item {shlex.quote(f'{name}={json.dumps(item, default=str)}')}" for item in items]
            else:
                words.append(f"--value {shlex.quote(f'{name}={json.dumps(value, default=str)}')}")
        return " ".join(words)

    return arguments


def paths(files):
    return [files] if isinstance(files, str) else list(files)
