"""One module per Snakemake rule. Each stage is a function on the paths its rule
declares (it opens nothing else: tests/test_declared_reads.py watches every open), called
by `python -m policebreaches stage stages.<stage>` with the rule's files by name
(policebreaches/stage_call.py).

Adding a stage: write policebreaches/stages/<stage>.py with a `run(...)` whose parameters
are the rule's input names and its output names with `_out`, and a rule in
rules/<stage>.smk whose input/output name those files (docs/adding_a_stage.md)."""
