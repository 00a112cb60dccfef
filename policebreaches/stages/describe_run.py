"""Rule describe_run: ro-crate-metadata.json, the build's provenance crate (a Workflow Run
RO-Crate, policebreaches/crate.py): the workflow, every input with its sha256, the
configuration and software versions of build_info.json, and each public output with its
sha256 and the numbers.json keys it prints."""

from __future__ import annotations

from pathlib import Path

from ..crate import CRATE_FILE, Output, Run, build_crate, crate_bytes, keys_in_table, keys_printed
from ..edition import parse_manifest, read_checked_edition, sha256_file
from ..personal_data import PersonalData
from ..publication import gate, personal_data
from .io import read_json


def run(
    build_info: Path,
    manifest: Path,
    edition: Path,
    workflow: list[Path],
    numbers: Path,
    public: list[Path],
    out: Path,
    given_names: Path,
) -> None:
    if out.name != CRATE_FILE:
        raise ValueError(f"the crate's metadata file must be named {CRATE_FILE}, not {out.name}")
    checked = read_checked_edition(edition)
    entries, problems = parse_manifest(manifest.read_text(encoding="utf-8"))
    if problems:  # the input check stops the build before this; never describe a broken manifest
        raise ValueError(f"{manifest}: {problems[0].line()}")
    if any(path.is_absolute() for path in workflow):
        raise ValueError("workflow files are named relative to the repository (the rules' working directory)")
    # the crate is sent with the report: what it adds to the public outputs (raw file names)
    # passes the same publication gate
    gate(personal_data(PersonalData.load(given_names), [(f"{CRATE_FILE}: raw file name", n) for n in entries]))
    values = read_json(numbers)
    report_keys: tuple[str, ...] = ()
    outputs = []
    for path in sorted(public, key=lambda p: p.relative_to(out.parent).as_posix()):
        name = path.relative_to(out.parent).as_posix()
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
            workflow={path.as_posix(): sha256_file(path) for path in workflow},
            numbers=values,
            outputs=tuple(outputs),
        )
    )
    out.write_bytes(crate_bytes(crate))
