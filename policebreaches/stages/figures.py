"""Rule draw_figures: the figures report_spec.yaml declares, from numbers.json only."""

from __future__ import annotations

from pathlib import Path

from ..classify import load_codebook
from ..figures import draw_figures
from ..personal_data import PersonalData
from ..report_spec import load_report_spec
from .io import read_json

SOURCE = "police FOI responses; see Appendix 3"


def run(numbers: Path, register: Path, codebook: Path, spec: Path, given_names: Path, folder: Path) -> None:
    """Writes <figure>.svg, .png and .csv for every figure of the spec into `folder`
    (the rule declares each of them)."""
    draw_figures(
        read_json(numbers),
        read_json(register),
        load_codebook(codebook),
        load_report_spec(spec)["figures"],
        folder,
        SOURCE,
        PersonalData.load(given_names),
    )
