rule compute_statistics:
    input:
        code=package_sources,
        register=RES / "check" / "register.json",
        records=RES / "records.csv",
        aggregates=RES / "aggregates.csv",
        ledger=RES / "ledger.csv",
        exclusions=RES / "clean" / "exclusions.csv",
        accuracy=RES / "accuracy.csv",
    output:
        numbers=RES / "numbers.json",
        cases=RES / "statistics" / "case_studies.json",
        table1=report(RES / "tables" / "table1.csv", caption="../report/captions/table1.rst", category="Tables"),
        top_ten=report(RES / "tables" / "top_ten.csv", caption="../report/captions/top_ten.rst", category="Tables"),
        breakdown=report(RES / "tables" / "force_breakdown.csv", caption="../report/captions/force_breakdown.rst", category="Tables"),
        xlsx=RES / "tables" / "report_tables.xlsx",
    log:
        RES / "logs" / "compute_statistics.log",
    params:
        root=RAW,
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/compute_statistics.py"
