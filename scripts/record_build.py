from pathlib import Path

from policebreaches.buildinfo import write_build_info
from policebreaches.runner import start

start(snakemake)
write_build_info(Path(snakemake.params.root), dict(snakemake.params.config), Path.cwd(), Path(snakemake.output.info))
