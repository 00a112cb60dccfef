from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_extract

start(snakemake)
out = snakemake.output
stage_extract(Path(snakemake.params.root), snakemake.wildcards.force, dict(snakemake.params.limits),
              Path(out.rows), Path(out.counts), Path(out.status), Path(out.problems))
