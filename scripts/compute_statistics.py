from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_statistics

start(snakemake)
i, out = snakemake.input, snakemake.output
stage_statistics(Path(snakemake.params.root), Path(i.register), Path(i.records), Path(i.aggregates), Path(i.ledger),
                 Path(i.exclusions), Path(i.accuracy), Path(out.numbers), Path(out.cases), Path(out.table1).parent,
                 [Path(p) for p in i.previous])
