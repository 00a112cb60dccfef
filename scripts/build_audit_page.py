from pathlib import Path

from policebreaches.audit import write_audit_page
from policebreaches.runner import start

start(snakemake)
i = snakemake.input
write_audit_page(Path(i.numbers), Path(i.records), Path(i.ledger), Path(i.review), Path(i.exclusions),
                 Path(i.template), Path(snakemake.output.page))
