"""The provenance crate of a build: results/<edition>/ro-crate-metadata.json, a Workflow Run
RO-Crate (https://w3id.org/ro/wfrun/workflow/0.5), built with the `rocrate` library from
metadata only (the library copies and opens none of our files).

What it says, and how it names things (relative names only: no path of the build machine):

- the workflow (the crate's main entity): the Snakefile and rules/*.smk the build ran, each
  with its sha256, at the version `git describe` gave (build_info.json). The crate carries
  them: rule describe_run copies them byte for byte into results/<edition>/workflow/
  (workflow/Snakefile, workflow/rules/audit.smk), as a Workflow Run Crate ships its workflow;
- the run (a CreateAction): its inputs, each file of raw/<edition>/ with the sha256 that
  SHA256SUMS pins (checked against the files before the build read them) and its size,
  SHA256SUMS itself, and the configuration (one PropertyValue per key; an absolute path is
  not recorded); its results, the public outputs (publication.PUBLIC) with sha256 and size.
  The crate is sent with the report, so it names a raw file only by an allow-list: the
  edition's own files whose names the input contract fixes (CONTRACT_FILES: edition.yaml,
  request.txt, requests.csv, ...) are #raw/<edition>/<name>; every other file (responses/,
  transcribed/, a request file of another name: names a responder or a person chose, which
  can carry an officer's name) is #raw/<edition>/<folder>/sha256-<16 hex>, named by a
  neutral word ("response file"), its media type from the extension (MEDIA_TYPES), sha256
  and size. What links a checksum to a file name stays internal: raw/<edition>/SHA256SUMS
  (every file), records.csv and the audit page (source_file, source_sha256), register.json
  (file_sha256);
- the software: Python and the key packages of build_info.json, and the Snakemake version;
- from each output to the numbers it carries: report.pdf and report.html mention every
  numbers.json key the report prints (Appendix 3 has an entry for each), a table with a
  `key` column the keys it names; each such number is a PropertyValue `numbers.json#<key>`.

Times follow build_info.json, which records no clock time: the crate's datePublished is the
edition's publication date (the date the PDF and the xlsx carry) and the run has no start or
end time, so two builds of one checkout on one machine write the same bytes."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from .publication import WORKFLOW_FOLDER
from .render import anchor

CRATE_FILE = "ro-crate-metadata.json"
RO_CRATE_VERSION = "1.1"  # Workflow Run Crate 0.5 is a profile of RO-Crate 1.1
PROFILES = {  # the root's conformsTo: id -> (name, version)
    "https://w3id.org/ro/wfrun/process/0.5": ("Process Run Crate", "0.5"),
    "https://w3id.org/ro/wfrun/workflow/0.5": ("Workflow Run Crate", "0.5"),
    "https://w3id.org/workflowhub/workflow-ro-crate/1.0": ("Workflow RO-Crate", "1.0"),
}
EXTRA_TERMS = {"sha256": "http://schema.org/sha256"}  # schema.org's, not in the RO-Crate 1.1 context
LICENSE = (
    "No licence has been stated for these outputs: ask the publisher of the report before reusing them. "
    "The fonts embedded in report.pdf keep their own licence (report/fonts/ in the repository)."
)
NOT_RECORDED = "(an absolute path on the build machine: not recorded)"
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".eml": "message/rfc822",
    ".htm": "text/html",
    ".html": "text/html",
    ".json": "application/json",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".yaml": "application/yaml",
    ".zip": "application/zip",
}
# the edition's own files whose names the input contract fixes (README, "Adding an edition"):
# the crate names them; any other raw file it identifies by its checksum (raw_files)
CONTRACT_FILES = (
    "edition.yaml",
    "request.txt",
    "requests.csv",
    "bodies.csv",
    "denominators.csv",
    "overrides/extraction.yaml",
    "overrides/coding.csv",
    "baseline/labels.csv",
    "coding/coded.csv",
)
# the edition's folders (their names are the contract's too) -> what the crate calls a file in
# it whose name it does not print; a file elsewhere is an "edition file"
FOLDER_WORDS = {
    "responses": "response file",
    "transcribed": "transcription",
    "overrides": "override file",
    "baseline": "baseline file",
    "coding": "coding file",
}
ID_HEX = 16  # hex digits of the sha256 in a raw file's identifier
DATA_TYPES = ((bool, "Boolean"), (int, "Integer"), (float, "Float"))  # bool first: a bool is an int


@dataclass(frozen=True)
class Output:
    """A public output: its name under results/<edition>/, sha256 and size, and the
    numbers.json keys it names (empty: it names none)."""

    name: str
    sha256: str
    size: int
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    """What the crate describes, as plain values."""

    edition_id: str
    title: str
    published: str  # ISO date: the edition's publication date
    synthetic: bool
    build_info: dict  # build_info.json
    manifest: dict[str, str]  # SHA256SUMS: name (relative to raw/<edition>/) -> sha256
    manifest_sha256: str
    manifest_size: int
    sizes: dict[str, int]  # name -> size, for each file of the manifest whose bytes are the ones it pins
    workflow: dict[str, str]  # Snakefile first, then the rule files: name -> sha256
    numbers: dict  # numbers.json
    outputs: tuple[Output, ...]
    request_file: str = "request.txt"  # edition.yaml request_file


def local_id(name: str) -> str:
    """The identifier of a file described but not carried by the crate."""
    return "#" + quote(name)


def raw_files(
    edition_id: str, manifest: dict[str, str], request_file: str = "request.txt"
) -> list[tuple[str, str, str]]:
    """(identifier, name, file name) of each raw file of the manifest, by identifier. A file of
    CONTRACT_FILES is named: #raw/<edition>/<name>, name raw/<edition>/<name>. Any other is
    identified by its checksum, #raw/<edition>/<folder>/sha256-<16 hex> (folder: the
    contract's folder it is in, none for another place), named by a word (FOLDER_WORDS; the
    request file, when edition.yaml names another one); files with the same 16 hex digits in
    one folder (the same bytes sent twice) get -2, -3, ... in order of digest and media type."""
    raw = f"raw/{edition_id}"
    named, by_checksum = [], {}
    for file, digest in manifest.items():
        if file in CONTRACT_FILES:
            named.append((local_id(f"{raw}/{file}"), f"{raw}/{file}", file))
            continue
        folder = file.split("/")[0] if "/" in file and file.split("/")[0] in FOLDER_WORDS else ""
        word = "request file" if file == request_file else FOLDER_WORDS.get(folder, "edition file")
        prefix = "/".join(part for part in (raw, folder, f"sha256-{digest[:ID_HEX]}") if part)
        by_checksum.setdefault(prefix, []).append((digest, media_type(file).get("encodingFormat", ""), word, file))
    for prefix, files in by_checksum.items():
        for n, (_, _, word, file) in enumerate(sorted(files), start=1):
            named.append((local_id(prefix if n == 1 else f"{prefix}-{n}"), word, file))
    return sorted(named)


def workflow_id(name: str) -> str:
    """Where the crate carries a workflow file (named relative to the repository: Snakefile,
    rules/audit.smk): under workflow/ of results/<edition>/."""
    return f"{WORKFLOW_FOLDER}/{name}"


def number_id(key: str) -> str:
    return "numbers.json#" + quote(key)


def keys_printed(html: str, numbers: dict) -> tuple[str, ...]:
    """The numbers.json keys a report prints: Appendix 3 has an entry (id=anchor(key)) for
    every number the template printed through n(), and for each cell of its per-force table."""
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    return tuple(key for key in numbers if anchor(key) in ids)


def keys_in_table(text: str, numbers: dict) -> tuple[str, ...]:
    """The numbers.json keys a CSV table names in its `key` column (none without one)."""
    rows = csv.DictReader(io.StringIO(text))
    if "key" not in (rows.fieldnames or []):
        return ()
    return tuple(dict.fromkeys(row["key"] for row in rows if row["key"] in numbers))


def config_values(config: dict, prefix: str = "") -> list[tuple[str, object]]:
    """The configuration as (key, value) pairs, nested keys joined by dots; a value that is
    an absolute path (results_dir of a test build, say) says so instead of naming it."""
    pairs: list[tuple[str, object]] = []
    for key in sorted(config):
        value = config[key]
        if isinstance(value, dict):
            pairs += config_values(value, f"{prefix}{key}.")
        elif isinstance(value, str) and (PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()):
            pairs.append((f"{prefix}{key}", NOT_RECORDED))
        else:
            pairs.append((f"{prefix}{key}", value))
    return pairs


def data_type(value: object) -> str:
    return next((name for kind, name in DATA_TYPES if isinstance(value, kind)), "Text")


def media_type(name: str) -> dict:
    kind = MEDIA_TYPES.get(PurePosixPath(name).suffix.lower())
    return {"encodingFormat": kind} if kind else {}


def build_crate(run: Run):
    """The crate as a rocrate.ROCrate, in memory (crate_bytes gives its metadata file)."""
    from rocrate.model.computerlanguage import get_lang
    from rocrate.rocrate import ROCrate

    info = run.build_info
    crate = ROCrate(version=RO_CRATE_VERSION)

    def add(identifier: str, kind: str | list[str], **properties):
        return crate.add_jsonld({"@id": identifier, "@type": kind, **properties})

    crate.metadata.extra_terms.update(EXTRA_TERMS)
    crate.metadata["conformsTo"] = [
        {"@id": f"https://w3id.org/ro/crate/{RO_CRATE_VERSION}"},
        {"@id": "https://w3id.org/workflowhub/workflow-ro-crate/1.0"},
    ]
    mark = " (SYNTHETIC SAMPLE: invented data)" if run.synthetic else ""
    crate.name = f"{run.title}: build of edition {run.edition_id}{mark}"
    crate.description = (
        f"How results/{run.edition_id}/ was built: the workflow, every input with its sha256, the configuration, "
        "the software versions, and each public output with its sha256 and the numbers.json keys it prints. "
        "A response file (and any raw file whose name the input contract does not fix) is identified by its "
        "sha256, never by its name."
        + (" The edition is a synthetic sample: a generator wrote its responses." if run.synthetic else "")
    )
    crate.datePublished = run.published
    crate.license = LICENSE
    crate.root_dataset["conformsTo"] = [
        add(uri, "CreativeWork", name=name, version=version) for uri, (name, version) in PROFILES.items()
    ]

    software = [add("#software/python", "SoftwareApplication", name="Python", version=info["python"])]
    software += [
        add(f"#software/{name}", "SoftwareApplication", name=name, version=version)
        for name, version in sorted(info["packages"].items())
    ]
    software.append(
        add(
            "#software/policebreaches",
            "SoftwareApplication",
            name="policebreaches",
            description="The pipeline's Python package: the code every rule runs (python -m policebreaches).",
            version=info["pipeline_version"],
        )
    )

    parameters, settings = [], []
    for key, value in config_values(info["config"]):
        parameter = crate.add_formal_parameter(
            name=key,
            additionalType=data_type(value),
            identifier=f"#param/{key}",
            description=f"Configuration key {key} (config.yaml, or --config on the command line).",
        )
        setting = add(f"#config/{key}", "PropertyValue", name=key, value=value)
        setting["exampleOfWork"] = parameter
        parameter["workExample"] = setting
        parameters.append(parameter)
        settings.append(setting)

    snakefile, *rule_files = run.workflow
    language = crate.add(get_lang(crate, "snakemake", version=info["packages"].get("snakemake")))

    def workflow_file(file: str, kind: list[str], **properties):
        return crate.add_file(
            dest_path=workflow_id(file),
            properties={
                "@type": kind,
                "name": file,
                "version": info["git_describe"],
                "sha256": run.workflow[file],
                "encodingFormat": "text/plain",
                **properties,
            },
        )

    workflow = workflow_file(
        snakefile,
        ["File", "SoftwareSourceCode", "ComputationalWorkflow"],
        name=f"{snakefile} of the policebreaches pipeline",
        description=(
            f"The pipeline's {snakefile} and the rule files it includes (hasPart), as the build ran them: "
            f"byte-identical copies of the repository's {snakefile} and rules/*.smk at the version git describe "
            "gave. The rules run the policebreaches package of the same version."
        ),
    )
    workflow["programmingLanguage"] = language
    workflow["hasPart"] = [workflow_file(name, ["File", "SoftwareSourceCode"]) for name in rule_files]
    workflow["input"] = parameters
    workflow["softwareRequirements"] = software
    crate.mainEntity = workflow

    raw = f"raw/{run.edition_id}"
    inputs = []
    for identifier, name, file in raw_files(run.edition_id, run.manifest, run.request_file):
        size = {"contentSize": str(run.sizes[file])} if file in run.sizes else {}
        inputs.append(add(identifier, "File", name=name, sha256=run.manifest[file], **size, **media_type(file)))
    inputs.append(
        add(
            local_id(f"{raw}/SHA256SUMS"),
            "File",
            name=f"{raw}/SHA256SUMS",
            description="The edition's manifest: the sha256 of each of its other files, checked before the build "
            "read them.",
            sha256=run.manifest_sha256,
            contentSize=str(run.manifest_size),
            encodingFormat="text/plain",
        )
    )

    mentioned = {key for output in run.outputs for key in output.keys}
    numbers = {
        key: add(number_id(key), "PropertyValue", name=key, **value_of(run.numbers[key])) for key in sorted(mentioned)
    }
    results = []
    for output in run.outputs:
        properties = {"name": output.name, "sha256": output.sha256, "contentSize": str(output.size)}
        if output.name == "numbers.json":
            properties["description"] = (
                "Every number the report prints: value, display, definition, filter, inputs and record ids."
            )
        entity = crate.add_file(dest_path=output.name, properties=properties | media_type(output.name))
        if output.keys:
            entity["isBasedOn"] = {"@id": "numbers.json"}
            entity["mentions"] = [numbers[key] for key in output.keys]
        results.append(entity)

    build_record = crate.add_file(
        dest_path="build_info.json",
        properties={
            "name": "build_info.json",
            "description": "How this edition was built: pipeline version, configuration and package versions, "
            "as written by the build. Its bytes name the results folder, so no checksum is given here.",
            "encodingFormat": "application/json",
        },
    )
    action = add(
        "#run",
        "CreateAction",
        name=f"Build of edition {run.edition_id}",
        description=(
            f"A run of the workflow on raw/{run.edition_id}/ (object: its files, SHA256SUMS and the configuration) "
            "that wrote the public outputs (result). It has no start or end time: a build records no clock time "
            "(nor does build_info.json), so that two builds write the same bytes."
        ),
    )
    action["instrument"] = workflow
    action["object"] = inputs + settings
    action["result"] = results
    action["actionStatus"] = "http://schema.org/CompletedActionStatus"  # the rule runs only after a build succeeded
    build_record["about"] = action
    crate.root_dataset["mentions"] = action
    return crate


def value_of(entry: dict) -> dict:
    """A number's value for its PropertyValue (none when numbers.json has none)."""
    return {} if entry.get("value") is None else {"value": entry["value"]}


# properties whose values the build writes from git, hashlib and the installed packages,
# never from an edition's input: a short commit id such as 'af07ebd' is no vehicle registration
MACHINE_PROPERTIES = frozenset({"version", "sha256"})


def crate_texts(data: bytes) -> list[tuple[str, str]]:
    """(where, text) for each string value of the metadata file, but MACHINE_PROPERTIES:
    where is 'ro-crate-metadata.json <@id> <property>' (the publication gate's scan)."""

    def walk(value, where: str):
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, where)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in MACHINE_PROPERTIES:
                    yield from walk(item, f"{where} {key}")

    graph = json.loads(data)["@graph"]
    return [pair for entity in graph for pair in walk(entity, f"{CRATE_FILE} {entity['@id']}")]


def crate_bytes(crate) -> bytes:
    """The metadata file as the rocrate library writes it (sorted keys, UTF-8)."""
    return b"".join(chunk for _, chunk in crate.metadata.stream()) + b"\n"
