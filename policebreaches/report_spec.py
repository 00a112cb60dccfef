"""The declared report content (resources/report_spec.yaml): figures and tables with captions."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def report_spec() -> dict:
    return yaml.safe_load(
        resources.files("policebreaches.resources").joinpath("report_spec.yaml").read_text(encoding="utf-8")
    )
