from pathlib import Path

from policebreaches.runner import start
from policebreaches.stages import stage_check_ledger

start(snakemake)
stage_check_ledger(Path(snakemake.input.ledger), Path(snakemake.output.ok))
