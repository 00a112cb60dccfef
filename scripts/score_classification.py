from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_score

start(snakemake)
stage_score(Path(snakemake.input.records), [Path(p) for p in snakemake.input.truth],
            Path(snakemake.output.accuracy), Path(snakemake.output.confusion))
