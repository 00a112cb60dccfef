rule compute_statistics:
    input:
        edition=OUT / "check" / "edition.json",
        register=OUT / "check" / "register.json",
        records=OUT / "records.csv",
        aggregates=OUT / "aggregates.csv",
        ledger=OUT / "ledger.csv",
        exclusions=OUT / "clean" / "exclusions.csv",
        accuracy=OUT / "accuracy.csv",
        confusion=OUT / "tables" / "confusion.csv",  # the self-test's true labels: type counts known exactly
        corpus_accuracy=CORPUS_OUT / "corpus_accuracy.csv",
        codebook=CODEBOOK,
        spec=REPORT_SPEC,
        given_names=GIVEN_NAMES,
        previous=previous_numbers,
        coded=optional_raw_file("coding/coded.csv"),  # this edition coded blind by a person (make coding-import)
    output:
        numbers=OUT / "numbers.json",
        cases=OUT / "statistics" / "case_studies.json",
        change=OUT / "statistics" / "change.json",
        table1=report(OUT / "tables" / "table1.csv", caption="../report/captions/table1.rst", category="Tables"),
        top_ten=report(OUT / "tables" / "top_ten.csv", caption="../report/captions/top_ten.rst", category="Tables"),
        force_breakdown=report(
            OUT / "tables" / "force_breakdown.csv",
            caption="../report/captions/force_breakdown.rst",
            category="Tables",
        ),
        top_ten_by_rate=OUT / "tables" / "top_ten_by_rate.csv",
        xlsx=OUT / "tables" / "report_tables.xlsx",
        tables_readme=OUT / "tables" / "README.txt",
        change_table=OUT / "tables" / "change.csv",
    log:
        OUT / "logs" / "compute_statistics.log",
    benchmark:
        OUT / "benchmarks" / "compute_statistics.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.statistics"),
        io=stage_io(),
    shell:
        stage("stages.statistics")
