"""A record of how an edition was built: pipeline version (git describe), config, and
the versions of the software used. Kept beside the outputs for reviewers."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from . import __version__

KEY_PACKAGES = [
    "snakemake",
    "pandas",
    "matplotlib",
    "jinja2",
    "weasyprint",
    "openpyxl",
    "pdfplumber",
    "python-docx",
    "ftfy",
    "xlrd",
    "odfpy",
    "defusedxml",
    "rocrate",
]


def git_describe(repo: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"], cwd=repo, capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip() or "unknown (not a git checkout)"
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"


def build_info(edition_id: str, manifest_sha256: str, config: dict, repo: Path) -> dict:
    return {
        "pipeline_version": __version__,
        "git_describe": git_describe(repo),
        "edition": edition_id,
        "inputs_manifest_sha256": manifest_sha256,
        "config": config,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: metadata.version(name) for name in KEY_PACKAGES},
    }


def write_build_info(edition_id: str, manifest_sha256: str, config: dict, repo: Path, out: Path) -> None:
    record = build_info(edition_id, manifest_sha256, config, repo)
    out.write_text(json.dumps(record, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
