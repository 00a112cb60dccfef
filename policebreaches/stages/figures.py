"""Rule draw_figures: the figures report_spec.yaml declares, from numbers.json only."""

from __future__ import annotations

from pathlib import Path

from ..classify import load_codebook
from ..figures import draw_figures
from ..personal_data import PersonalData
from ..report_spec import load_report_spec
from .io import read_json

SOURCE = "police FOI responses; see Appendix 3"
FIGURES_README = """The report's figures: <name>.svg (in the PDF), <name>.png, and <name>.csv (the data drawn).
Every value is a number from numbers.json; Appendix 3 of the report says how each was derived.
"""
SYNTHETIC_NOTE = "SYNTHETIC SAMPLE: invented data, not findings about any force.\n"


def run(
    numbers: Path, register: Path, codebook: Path, spec: Path, given_names: Path, folder: Path, readme: Path
) -> None:
    """Writes <figure>.svg, .png and .csv for every figure of the spec into `folder`
    (the rule declares each of them)."""
    values = read_json(numbers)
    synthetic = bool(values["edition.synthetic"]["value"])
    draw_figures(
        values,
        read_json(register),
        load_codebook(codebook),
        load_report_spec(spec)["figures"],
        folder,
        f"{SOURCE} · SYNTHETIC SAMPLE: invented data" if synthetic else SOURCE,
        PersonalData.load(given_names),
    )
    readme.write_text(FIGURES_README + (SYNTHETIC_NOTE if synthetic else ""), encoding="utf-8")
