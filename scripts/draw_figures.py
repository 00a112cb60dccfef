from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_figures

start(snakemake)
i = snakemake.input
stage_figures(Path(i.numbers), Path(i.register), Path(i.records), Path(snakemake.output.svg[0]).parent)
