from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_render

start(snakemake)
i, out, p = snakemake.input, snakemake.output, snakemake.params
stage_render(Path(p.root), Path(p.results), Path(i.template).parent, Path(i.numbers), Path(i.register), Path(i.cases),
             Path(i.accuracy), [Path(x) for x in i.problems], Path(out.html), Path(out.pdf),
             Path(i.change))
