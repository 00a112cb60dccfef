from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_clean

start(snakemake)
i, out = snakemake.input, snakemake.output
stage_clean(Path(snakemake.params.root), [Path(p) for p in i.rows], [Path(p) for p in i.status],
            [Path(p) for p in i.problems], snakemake.params.allow_problems,
            Path(out.records), Path(out.ledger), Path(out.repairs), Path(out.problems))
