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
        rows=options("rows", "rows"),
        status=options("status", "status"),
        problems=options("problems", "problems"),
        allow_problems=config["allow_problems"],
    shell:
        "python -m policebreaches clean --log {log:q} --edition {input.edition:q} {params.rows} {params.status}"
        " {params.problems} --allow-problems {params.allow_problems} --cleaned-out {output.records:q}"
        " --ledger-out {output.ledger:q} --repairs-out {output.repairs:q} --problems-out {output.problems:q}"


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
    shell:
        "python -m policebreaches check-ledger --log {log:q} --ledger {input.ledger:q} --ok-out {output.ok:q}"
