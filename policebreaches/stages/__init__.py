"""One module per Snakemake rule. Each stage is a function on the paths its rule
declares (it opens nothing else: tests/test_declared_reads.py watches every open) and a
subcommand of `python -m policebreaches` (see policebreaches/__main__.py).

Adding a stage: write policebreaches/stages/<stage>.py with a `run(...)` taking explicit
paths, a click command in __main__.py naming each option, and a rule in rules/<stage>.smk
whose input/output name the same files (docs/adding_a_stage.md)."""
