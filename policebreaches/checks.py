"""check_inputs: everything that can be known about raw/<edition>/ before parsing.
Collects every problem so one message lists them all."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from .containers import check_content
from .edition import (
    Edition,
    body_register,
    edition_bodies,
    edition_files,
    load_edition,
    read_answers,
    read_denominators,
    read_manifest,
    regular_files,
    resolve_case_studies,
    resolve_coverage,
    sha256_file,
)
from .problems import Problem
from .quotes import excerpt_problem
from .strict import load_yaml, read_csv


def check_no_links(root: Path, problems: list[Problem]) -> None:
    """A symbolic link in an edition points at files the manifest cannot pin (they can change
    behind it, or lie outside the folder): every link is a problem, and none is followed."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.append(
                    Problem(
                        path.relative_to(root).as_posix(),
                        "a symbolic link (its target is not pinned by SHA256SUMS, and may lie outside the edition)",
                        "replace the link with a copy of the file or folder, then run 'make bless'",
                    )
                )


def check_manifest(root: Path, problems: list[Problem]) -> None:
    manifest = read_manifest(root, problems)
    if not manifest:
        return
    bless = f"if the change was deliberate, run 'make bless EDITION={root.name}'"
    present = set(edition_files(root))
    for name in sorted(set(manifest) - present):
        problems.append(Problem(name, "listed in SHA256SUMS but missing", "restore the file, or " + bless))
    for name in sorted(present - set(manifest)):
        problems.append(Problem(name, "not listed in SHA256SUMS (an extra file)", "remove it, or " + bless))
    for name in sorted(present & set(manifest)):
        if sha256_file(root / name) != manifest[name]:
            problems.append(
                Problem(
                    name, "checksum differs from SHA256SUMS (the file changed)", "restore the original, or " + bless
                )
            )


def check_body_files(
    responses_dir: Path, names: list[str], declared: list[Path], manifest: dict[str, str], limits: dict
) -> tuple[list[dict], list[dict]]:
    """A body's response files before any parser opens them: present among the files the
    rule declares, checksum as SHA256SUMS pins it, and within the limits. Returns
    (accepted: name, sha256; rejected: name, status). The input check reports why."""
    present = {path.resolve() for path in declared}
    accepted, rejected = [], []
    for name in names:
        path = responses_dir / name
        if path.resolve() not in present:
            rejected.append({"name": name, "status": "missing"})
            continue
        if path.stat().st_size > limits["max_file_mb"] * 1024 * 1024:  # never read into memory
            rejected.append({"name": name, "status": "failed_input_checks"})
            continue
        data = path.read_bytes()  # once: for its checksum and its content checks
        digest = hashlib.sha256(data).hexdigest()
        problems = check_content(data, path.suffix.lower(), f"responses/{name}", limits)
        if problems or manifest.get(f"responses/{name}") != digest:
            rejected.append({"name": name, "status": "failed_input_checks"})
        else:
            accepted.append({"name": name, "sha256": digest})
    return accepted, rejected


def check_own_files(root: Path, problems: list[Problem]) -> None:
    """The edition's overrides (YAML and CSV) and transcriptions, loaded strictly: a
    repeated key or column, a syntax error or an unknown tag is a problem with its line,
    found here rather than by the stage that reads the file."""
    for folder in ("overrides", "transcribed"):
        for path in regular_files(root / folder) if (root / folder).is_dir() else []:
            where = path.relative_to(root).as_posix()
            if path.suffix.lower() in (".yaml", ".yml"):
                content = load_yaml(path, where, problems)
                if content is not None and not isinstance(content, dict):
                    problems.append(Problem(where, "not a mapping of 'key: value' entries", "see README, 'Overrides'"))
            elif path.suffix.lower() == ".csv":
                read_csv(path, where, problems)


def check_file(path: Path, name: str, limits: dict, problems: list[Problem]) -> None:
    """Size, format and container checks that need no parser (zip bombs included). An
    oversized file is judged by its size alone, never read into memory."""
    if path.stat().st_size > limits["max_file_mb"] * 1024 * 1024:
        problems += check_content(b"", path.suffix.lower(), name, limits, size=path.stat().st_size)
    else:
        problems += check_content(path.read_bytes(), path.suffix.lower(), name, limits)


def inside(root: Path, name: str) -> Path | None:
    """root/name when it stays inside the edition folder (no absolute path, no '..', no
    symlink leading out), else None."""
    path = root / name
    if Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    return path if path.resolve().is_relative_to(root.resolve()) else None


def _request_text(request: Path, edition: Edition, problems: list[Problem]) -> str | None:
    if not request.is_file():
        return None
    try:
        return request.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(edition.request_file, f"not UTF-8 text (byte {exc.start})", "save it as UTF-8"))
        return None


def check_inputs(root: Path, limits: dict, forces_csv: Path) -> tuple[list[Problem], list[dict], Edition | None]:
    """All problems of an edition folder, its register (usable where valid) and the
    edition as checked (edition.yaml with the request's text, the manifest's checksum and
    the case studies' forces resolved)."""
    problems: list[Problem] = []
    edition = load_edition(root, problems)
    bodies = edition_bodies(root, forces_csv, problems)
    request = inside(root, edition.request_file) if edition else None
    if edition and (request is None or not request.is_file()):
        problems.append(
            Problem(
                f"edition.yaml request_file {edition.request_file!r}",
                "missing, or outside the edition folder",
                "save the FOI request as sent in the edition folder (e.g. request.txt) and name it there",
            )
        )
    answers = read_answers(root, problems, bodies)
    pinned = read_manifest(root, [])  # its problems are check_manifest's to report
    for row in answers:  # a public citation names a file by its checksum, never by its name
        row["file_sha256"] = {name: pinned.get(f"responses/{name}", "") for name in row["files"]}
    if edition:
        resolve_coverage(answers, edition, problems)
    register = body_register(answers, problems, edition)  # one row per body, from its answers
    workforce = read_denominators(root, problems, bodies)
    for row in register:
        row["workforce"] = workforce.pop(row["force_id"], None)
    for force_id in workforce:
        problems.append(
            Problem(f"denominators.csv ({force_id!r})", "a body requests.csv does not list", "remove the row")
        )
    check_no_links(root, problems)
    check_manifest(root, problems)
    check_own_files(root, problems)
    responses = root / "responses"
    named: set[str] = set()
    for row in answers:
        for name in row["files"]:
            named.add(name)
            path = inside(responses, name)
            if path is None:
                problems.append(
                    Problem(
                        f"requests.csv line {row['line']} ({row['force']})",
                        f"names {name!r}, which is outside the edition's responses/ folder (never read)",
                        "save the file under responses/ and name it relative to that folder",
                    )
                )
            elif not path.is_file():
                problems.append(
                    Problem(
                        f"responses/{name}",
                        f"named by requests.csv line {row['line']} ({row['force']}) but missing",
                        "add the file, or correct the 'files' cell",
                    )
                )
            else:
                check_file(path, f"responses/{name}", limits, problems)
    if responses.is_dir():
        for path in regular_files(responses):  # links are reported by check_no_links, never followed
            rel = path.relative_to(responses).as_posix()
            if rel not in named:
                problems.append(
                    Problem(
                        f"responses/{rel}",
                        "no register row names this response file",
                        "add it to the 'files' cell of its force in requests.csv, or remove it",
                    )
                )
    request_text = _request_text(request, edition, problems) if edition and request is not None else None
    if edition and request_text is not None:
        check_public_request(edition.request_public, request_text, problems)
        edition = replace(
            edition,
            request_text=request_text,
            manifest_sha256=sha256_file(root / "SHA256SUMS") if (root / "SHA256SUMS").is_file() else "",
            case_studies=resolve_case_studies(edition, bodies, problems),
        )
    return problems, register, edition


def check_public_request(public: str, request_text: str, problems: list[Problem]) -> None:
    """The public request must be the request as sent, in excerpt: whole paragraphs left out,
    personal data replaced by [name] or [redacted], nothing added (policebreaches/quotes.py)."""
    why = excerpt_problem(public, request_text) if public else None
    if why:
        problems.append(
            Problem(
                "edition.yaml request_public",
                f"not an excerpt of the request as sent: {why}",
                "copy the request's paragraphs as sent, leave out the greeting and the signature block, and "
                "replace any personal data with [name] or [redacted]",
            )
        )
