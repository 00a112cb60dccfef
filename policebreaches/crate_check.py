"""Validate a build's provenance crate with roc-validator (the rocrate_validator package),
with no network: `make validate-crate`, and the tests.

The validator fetches the crate's JSON-LD context (https://w3id.org/ro/crate/1.1/context)
over HTTP. Here its HTTP session answers that one address from the copy in
policebreaches/contexts/ (the RO-Crate 1.1.3 context as published, CC0) and refuses every
other address, so a validation never reaches the network and never depends on it.

Profile: Workflow Run Crate 0.5 (`workflow-run-crate-0.5`, which includes Process Run
Crate 0.5, Workflow RO-Crate 1.0 and RO-Crate 1.1), at the `required` severity. One check
cannot pass for a crate that describes a workflow it does not carry: Workflow RO-Crate's
"Main Workflow file must exist" wants the Snakefile inside results/<edition>/, and it lives
in the repository (the crate names it #Snakefile, with its sha256). `validate_crate` skips
that check by default and reports that it did; every other required check runs, the
payload checks included (each output the crate lists must be in the folder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROFILE = "workflow-run-crate-0.5"
CONTEXTS = {"https://w3id.org/ro/crate/1.1/context": Path(__file__).parent / "contexts" / "ro-crate-1.1.jsonld"}
MAIN_WORKFLOW_IN_FOLDER = "workflow-ro-crate-1.0_4.1"
SKIPPABLE = {  # check id -> (its name in roc-validator, why it is skipped)
    MAIN_WORKFLOW_IN_FOLDER: (
        "Main Workflow file must exist",
        "the workflow (Snakefile, rules/*.smk) is in the repository, outside results/<edition>/; "
        "the crate names it #Snakefile with its sha256",
    ),
}


class NoNetwork(ConnectionError):
    pass


@dataclass
class Validation:
    passed: bool
    issues: list[str] = field(default_factory=list)  # "<check id>: <message>"
    skipped: list[str] = field(default_factory=list)  # "<check id> (<check name>): why"
    fetched: list[str] = field(default_factory=list)  # addresses served from CONTEXTS


def _offline_session(session, fetched: list[str]) -> None:
    """Mount on the validator's requests session a transport that serves CONTEXTS from disk
    and refuses everything else."""
    import requests
    from requests.adapters import BaseAdapter

    class LocalContexts(BaseAdapter):
        def send(self, request, **kwargs):
            url = request.url.split("#")[0]
            if url not in CONTEXTS:
                raise NoNetwork(f"no network during validation: refused {request.url}")
            fetched.append(url)
            response = requests.Response()
            response.status_code = 200
            response.url = url
            response.request = request
            response.encoding = "utf-8"
            response.headers["Content-Type"] = "application/ld+json"
            response._content = CONTEXTS[url].read_bytes()
            return response

        def close(self):
            pass

    for prefix in ("http://", "https://"):
        session.mount(prefix, LocalContexts())


def validate_crate(
    folder: Path, metadata_only: bool = False, skip: tuple[str, ...] = (MAIN_WORKFLOW_IN_FOLDER,)
) -> Validation:
    """roc-validator's verdict on the crate in `folder` (results/<edition>/), required severity.
    metadata_only: check the metadata file alone (the validator's --metadata-only), not that
    the files it lists are in the folder."""
    from rocrate_validator import services
    from rocrate_validator.models import ValidationSettings
    from rocrate_validator.utils.http import HttpRequester

    settings = ValidationSettings(
        rocrate_uri=str(Path(folder).resolve()),
        profile_identifier=PROFILE,
        requirement_severity="REQUIRED",
        metadata_only=metadata_only,
        skip_checks=list(skip) or None,
        no_cache=True,  # no cache file anywhere: nothing is kept from one validation to the next
        disable_remote_crate_download=True,
    )
    fetched: list[str] = []
    _offline_session(HttpRequester().session, fetched)  # settings above rebuilt the session: mount on the new one
    result = services.validate(settings)
    issues = sorted(f"{issue.check.identifier}: {issue.message}" for issue in result.get_issues())
    skipped = {detail.check.identifier: detail.check.name for detail in result.skipped_check_details}
    for check in skip:  # check ids are positions in a profile: make sure each still names the check meant
        if skipped.get(check) != SKIPPABLE[check][0]:
            raise RuntimeError(
                f"roc-validator's check {check} is {skipped.get(check)!r}, not {SKIPPABLE[check][0]!r}: "
                "update SKIPPABLE in policebreaches/crate_check.py for this validator version"
            )
    reasons = [f"{check} ({SKIPPABLE[check][0]}): {SKIPPABLE[check][1]}" for check in skip]
    return Validation(passed=result.passed(), issues=issues, skipped=reasons, fetched=sorted(set(fetched)))
