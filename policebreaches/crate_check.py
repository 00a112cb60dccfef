"""Validate a build's provenance crate with roc-validator (the rocrate_validator package),
with no network: `make validate-crate`, and the tests.

The validator fetches the crate's JSON-LD context (https://w3id.org/ro/crate/1.1/context)
over HTTP. Here its HTTP session answers that one address from the copy in
policebreaches/contexts/ (the RO-Crate 1.1.3 context as published, CC0) and refuses every
other address, so a validation never reaches the network and never depends on it.

Profile: Workflow Run Crate 0.5 (`workflow-run-crate-0.5`, which includes Process Run
Crate 0.5, Workflow RO-Crate 1.0 and RO-Crate 1.1), at the `required` severity, every check
run (none skipped): the payload checks included, so each file the crate lists, its workflow
(workflow/Snakefile) and the public outputs, must be in the folder. No check is skipped on
purpose; one the validator skips by itself is listed in `skipped`, and `make validate-crate`
then says "NOT valid"."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROFILE = "workflow-run-crate-0.5"
CONTEXTS = {"https://w3id.org/ro/crate/1.1/context": Path(__file__).parent / "contexts" / "ro-crate-1.1.jsonld"}


class NoNetwork(ConnectionError):
    pass


@dataclass
class Validation:
    passed: bool
    issues: list[str] = field(default_factory=list)  # "<check id>: <message>"
    skipped: list[str] = field(default_factory=list)  # "<check id> (<check name>)": should stay empty
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


def validate_crate(folder: Path, metadata_only: bool = False) -> Validation:
    """roc-validator's verdict on the crate in `folder` (results/<edition>/), required severity,
    no check skipped. metadata_only: check the metadata file alone (the validator's
    --metadata-only), not that the files it lists are in the folder."""
    from rocrate_validator import services
    from rocrate_validator.models import ValidationSettings
    from rocrate_validator.utils.http import HttpRequester

    settings = ValidationSettings(
        rocrate_uri=str(Path(folder).resolve()),
        profile_identifier=PROFILE,
        requirement_severity="REQUIRED",
        metadata_only=metadata_only,
        no_cache=True,  # no cache file anywhere: nothing is kept from one validation to the next
        disable_remote_crate_download=True,
    )
    fetched: list[str] = []
    _offline_session(HttpRequester().session, fetched)  # settings above rebuilt the session: mount on the new one
    result = services.validate(settings)
    issues = sorted(f"{issue.check.identifier}: {issue.message}" for issue in result.get_issues())
    # a check the validator skipped by itself (a check that could not run) is named, never hidden
    skipped = sorted(f"{detail.check.identifier} ({detail.check.name})" for detail in result.skipped_check_details)
    return Validation(passed=result.passed(), issues=issues, skipped=skipped, fetched=sorted(set(fetched)))
