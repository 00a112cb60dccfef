rule compute_statistics:
    input:
        register=OUT / "check" / "register.json",
        records=OUT / "records.csv",
        aggregates=OUT / "aggregates.csv",
        ledger=OUT / "ledger.csv",
        exclusions=OUT / "clean" / "exclusions.csv",
        accuracy=OUT / "accuracy.csv",
        previous=previous_numbers,
    output:
        numbers=OUT / "numbers.json",
        cases=OUT / "statistics" / "case_studies.json",
        change=OUT / "statistics" / "change.json",
        table1=report(OUT / "tables" / "table1.csv", caption="../report/captions/table1.rst", category="Tables"),
        top_ten=report(OUT / "tables" / "top_ten.csv", caption="../report/captions/top_ten.rst", category="Tables"),
        breakdown=report(
            OUT / "tables" / "force_breakdown.csv", caption="../report/captions/force_breakdown.rst", category="Tables"
        ),
        xlsx=OUT / "tables" / "report_tables.xlsx",
        change_table=OUT / "tables" / "change.csv",
    log:
        OUT / "logs" / "compute_statistics.log",
    benchmark:
        OUT / "benchmarks" / "compute_statistics.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
        root=raw_folder,
        tables=results_tables_folder,
    shell:
        "python -m policebreaches.jobs statistics --log {log:q} --root {params.root:q} --register-json {input.register:q}"
        " --records-path {input.records:q} --aggregates-path {input.aggregates:q} --ledger-path {input.ledger:q}"
        " --exclusions-path {input.exclusions:q} --accuracy-path {input.accuracy:q} --numbers-out {output.numbers:q}"
        " --cases-out {output.cases:q} --tables-dir {params.tables:q} --previous-numbers {input.previous:q}"
