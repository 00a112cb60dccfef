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
    numbers: Path,
    register: Path,
    codebook: Path,
    spec: Path,
    given_names: Path,
    svg_out: list[Path],
    png_out: list[Path],
    data_out: list[Path],
    readme_out: Path,
) -> None:
    """Writes <figure>.svg, .png and .csv for every figure of the spec beside `readme_out`:
    exactly the files the rule declares."""
    folder = readme_out.parent
    declared = {path.name for path in (*svg_out, *png_out, *data_out)}
    drawn = {f"{name}{suffix}" for name in load_report_spec(spec)["figures"] for suffix in (".svg", ".png", ".csv")}
    if declared != drawn or any(path.parent != folder for path in (*svg_out, *png_out, *data_out)):
        raise ValueError(f"the rule declares {sorted(declared)} in {folder}; report_spec.yaml draws {sorted(drawn)}")
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
    readme_out.write_text(FIGURES_README + (SYNTHETIC_NOTE if synthetic else ""), encoding="utf-8")
