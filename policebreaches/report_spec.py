"""The declared report content (resources/report_spec.yaml): numbers, figures and
tables with their captions. Stages load it from the path their rule declares."""

from __future__ import annotations

from pathlib import Path

import yaml

REPORT_SPEC = Path(__file__).resolve().parent / "resources" / "report_spec.yaml"


def load_report_spec(path: Path = REPORT_SPEC) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))
