"""A record of how an edition was built: pipeline version (git describe), config, and
the versions of the software used. Kept beside the outputs for reviewers."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from . import __version__
from .edition import sha256_file

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
]


def git_describe(repo: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"], cwd=repo, capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip() or "unknown (not a git checkout)"
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"


def build_info(raw_root: Path, config: dict, repo: Path) -> dict:
    return {
        "pipeline_version": __version__,
        "git_describe": git_describe(repo),
        "edition": raw_root.name,
        "inputs_manifest_sha256": sha256_file(raw_root / "SHA256SUMS"),
        "config": config,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: metadata.version(name) for name in KEY_PACKAGES},
    }


def write_build_info(raw_root: Path, config: dict, repo: Path, out: Path) -> None:
    out.write_text(
        json.dumps(build_info(raw_root, config, repo), indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )


def stage_record_build(root: Path, config_json: dict, out: Path) -> None:
    write_build_info(root, config_json, Path.cwd(), out)
