"""What every Snakemake script does first: log to the rule's log file, record the
rule's parameters and input checksums, then call one stage function."""
from __future__ import annotations

import logging
from pathlib import Path

from .edition import sha256_file


def start(snakemake) -> logging.Logger:
    log_path = Path(snakemake.log[0])
    log_path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=log_path, filemode="w", level=logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s", force=True)
    log = logging.getLogger("policebreaches")
    log.info("rule %s, params %s", snakemake.rule, dict(snakemake.params.items()))
    for path in snakemake.input:
        if Path(path).is_file():
            log.info("input %s sha256=%s", path, sha256_file(Path(path)))
    return log
