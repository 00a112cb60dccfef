# Safe in Police Hands? -- rebuild the report from raw FOI responses.
# This file is the table of contents; each stage lives in rules/<stage>.smk.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config.yaml"


include: "rules/common.smk"
include: "rules/check.smk"
include: "rules/extract.smk"
include: "rules/clean.smk"
include: "rules/classify.smk"
include: "rules/statistics.smk"
include: "rules/figures.smk"
include: "rules/report.smk"
include: "rules/audit.smk"


onerror:
    set_aside_stale_outputs()


onsuccess:
    clear_stale_outputs()


rule all:
    default_target: True
    input:
        final_outputs(),
