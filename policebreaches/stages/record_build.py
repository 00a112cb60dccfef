"""Rule record_build: build_info.json, how this edition was built (pipeline version,
configuration, software versions, the input manifest's checksum)."""

from __future__ import annotations

from pathlib import Path

from ..buildinfo import write_build_info
from ..edition import sha256_file


def run(manifest: Path, edition_id: str, config: dict, info_out: Path) -> None:
    write_build_info(edition_id, sha256_file(manifest), config, Path.cwd(), info_out)
