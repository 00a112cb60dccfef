rule clean_records:
    input:
        edition=OUT / "check" / "edition.json",
        rows=extraction_outputs("rows"),
        status=extraction_outputs("status"),
        problems=extraction_outputs("problems"),
    output:
        records=OUT / "clean" / "records.csv",
        ledger=OUT / "ledger.csv",
        repairs=OUT / "clean" / "text_repairs.csv",
        problems=OUT / "clean" / "extraction_problems.csv",
    log:
        OUT / "logs" / "clean_records.log",
    benchmark:
        OUT / "benchmarks" / "clean_records.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.clean"),
        io=stage_io(allow_problems=config["allow_problems"]),
    shell:
        stage("stages.clean")


rule check_ledger:
    input:
        ledger=OUT / "ledger.csv",
    output:
        ok=OUT / "clean" / "ledger.ok",
    log:
        OUT / "logs" / "check_ledger.log",
    benchmark:
        OUT / "benchmarks" / "check_ledger.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.clean"),
        io=stage_io(),
    shell:
        stage("stages.clean:check_ledger")
