from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_check_inputs

start(snakemake)
stage_check_inputs(Path(snakemake.params.root), dict(snakemake.params.limits), snakemake.params.allow_problems,
                   Path(snakemake.output.register), Path(snakemake.output.problems))
