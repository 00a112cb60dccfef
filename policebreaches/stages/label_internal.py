"""Rule label_internal_outputs: a README in every internal folder of results/<edition>/
saying that it holds unredacted working data, and PUBLISHING.txt at the top saying which
outputs may be published (they passed the publication gate) and which may not."""

from __future__ import annotations

from pathlib import Path

from ..publication import CODE, INTERNAL_FILES, INTERNAL_FOLDERS, INTERNAL_README, PROVENANCE, PUBLIC

PUBLISHING = """Edition {edition}: what may be published.

May be published (each passed the publication gate: no personal data, no live formulas):
{public}

May be published, provenance (the provenance crate, whose text passed the gate, and the versions
and settings of the build):
{provenance}

May be published, code (the provenance crate's copy of the pipeline's Snakefile and rules/*.smk,
byte for byte from the repository: it holds no data of the edition, so the gate does not scan it):
{code}

Internal working data: DO NOT PUBLISH (the responses' text, unredacted):
{internal}
"""


def run(edition_id: str, readmes_out: list[Path], publishing_out: Path) -> None:
    for path in readmes_out:
        if path.parent.name not in INTERNAL_FOLDERS:
            raise ValueError(f"{path.parent.name}/ is not an internal folder: {INTERNAL_FOLDERS}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(INTERNAL_README.format(edition=edition_id), encoding="utf-8")
    internal = [*(f"{name}/" for name in INTERNAL_FOLDERS), *INTERNAL_FILES]
    publishing_out.write_text(
        PUBLISHING.format(
            edition=edition_id,
            public="\n".join(f"  {name}" for name in PUBLIC),
            provenance="\n".join(f"  {name}" for name in PROVENANCE),
            code="\n".join(f"  {name}" for name in CODE),
            internal="\n".join(f"  {name}" for name in internal),
        ),
        encoding="utf-8",
    )
