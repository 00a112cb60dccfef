"""Rule describe_run: ro-crate-metadata.json, the build's provenance crate (a Workflow Run
RO-Crate, policebreaches/crate.py): the workflow, every input with its sha256 and size (a
response file by its checksum, never its name), the configuration and software versions of
build_info.json, and each public output with its sha256 and the numbers.json keys it prints.
The crate carries its workflow: the stage copies the Snakefile and rules/*.smk, byte for
byte, to workflow/ beside the metadata file. The crate is sent with the report: its text
passes the publication gate before it is written."""

from __future__ import annotations

from pathlib import Path

from ..checks import inside
from ..crate import (
    CRATE_FILE,
    Output,
    Run,
    build_crate,
    crate_bytes,
    crate_texts,
    keys_in_table,
    keys_printed,
    workflow_id,
)
from ..edition import parse_manifest, read_checked_edition, sha256_file
from ..personal_data import PersonalData
from ..publication import WORKFLOW_FOLDER, gate, personal_data
from .io import read_json


def pinned_sizes(root: Path, entries: dict[str, str], declared: list[Path]) -> dict[str, int]:
    """The size of each file of the manifest whose bytes in raw/<edition>/ are the ones it
    pins (a file missing, changed, not declared by the rule, or a link is given none: a build
    with allow_problems can reach here with one)."""
    sizes, tracked = {}, {path.resolve() for path in declared}
    for name, digest in entries.items():
        path = inside(root, name)
        if path is None or path.resolve() not in tracked:
            continue
        if path.is_file() and not path.is_symlink() and sha256_file(path) == digest:
            sizes[name] = path.stat().st_size
    return sizes


def run(
    build_info: Path,
    manifest: Path,
    edition: Path,
    raw: list[Path],
    workflow: list[Path],
    workflow_out: list[Path],
    numbers: Path,
    public: list[Path],
    crate_out: Path,
    given_names: Path,
) -> None:
    """`raw`: every file of raw/<edition>/ (sizes are given for those whose bytes SHA256SUMS
    pins); `workflow_out`: the crate's copy of each `workflow` file, in the same order."""
    if crate_out.name != CRATE_FILE:
        raise ValueError(f"the crate's metadata file must be named {CRATE_FILE}, not {crate_out.name}")
    checked = read_checked_edition(edition)
    # a malformed line reaches here only when the build allows problems (check_inputs listed it,
    # the report's methodology names it): the crate lists the files the manifest does pin
    entries, _ = parse_manifest(manifest.read_text(encoding="utf-8"))
    if any(path.is_absolute() for path in workflow):
        raise ValueError("workflow files are named relative to the repository (the rules' working directory)")
    expected = [crate_out.parent / workflow_id(path.as_posix()) for path in workflow]
    if list(workflow_out) != expected:
        raise ValueError(f"the workflow's copies must be {[str(p) for p in expected]}, not {workflow_out}")
    for path, copy in zip(workflow, workflow_out):  # the crate carries the workflow it describes
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    folder = crate_out.parent / WORKFLOW_FOLDER
    for left in sorted(set(folder.rglob("*")) - set(workflow_out)):  # a rule file since removed or renamed
        if left.is_file() or left.is_symlink():
            left.unlink()
    values = read_json(numbers)
    report_keys: tuple[str, ...] = ()
    outputs = []
    for path in sorted(public, key=lambda p: p.relative_to(crate_out.parent).as_posix()):
        name = path.relative_to(crate_out.parent).as_posix()
        keys: tuple[str, ...] = ()
        if name == "report.html":
            keys = report_keys = keys_printed(path.read_text(encoding="utf-8"), values)
        elif path.suffix == ".csv":
            keys = keys_in_table(path.read_text(encoding="utf-8"), values)
        outputs.append(Output(name, sha256_file(path), path.stat().st_size, keys))
    # report.pdf is report.html printed: it carries the same numbers
    outputs = [Output(o.name, o.sha256, o.size, report_keys) if o.name == "report.pdf" else o for o in outputs]
    crate = build_crate(
        Run(
            edition_id=checked.edition_id,
            title=checked.title,
            published=checked.published.isoformat(),
            synthetic=checked.synthetic,
            build_info=read_json(build_info),
            manifest=entries,
            manifest_sha256=sha256_file(manifest),
            manifest_size=manifest.stat().st_size,
            sizes=pinned_sizes(manifest.parent, entries, raw),
            request_file=checked.request_file,
            workflow={path.as_posix(): sha256_file(copy) for path, copy in zip(workflow, workflow_out)},
            numbers=values,
            outputs=tuple(outputs),
        )
    )
    data = crate_bytes(crate)
    # the crate is sent with the report: it holds no response text by design (raw files by
    # checksum), and, as the rendered page is, its text is scanned before it is written
    gate(personal_data(PersonalData.load(given_names), crate_texts(data)))
    crate_out.write_bytes(data)
