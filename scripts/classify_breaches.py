from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_classify

start(snakemake)
i, out = snakemake.input, snakemake.output
stage_classify(Path(snakemake.params.root), Path(i.records), [Path(p) for p in i.counts], Path(out.records),
               Path(out.review), Path(out.aggregates), Path(out.exclusions), Path(out.reclassified),
               Path(snakemake.params.previous))
