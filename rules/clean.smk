rule clean_records:
    input:
        register=OUT / "check" / "register.json",
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
        code=CODE_FINGERPRINT,
        root=raw_folder,
        allow_problems=config["allow_problems"],
    shell:
        "python -m policebreaches.jobs clean --log {log:q} --root {params.root:q} --rows-files {input.rows:q}"
        " --status-files {input.status:q} --problem-files {input.problems:q} --allow-problems {params.allow_problems}"
        " --cleaned-out {output.records:q} --ledger-out {output.ledger:q} --repairs-out {output.repairs:q}"
        " --problems-out {output.problems:q}"


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
        code=CODE_FINGERPRINT,
    shell:
        "python -m policebreaches.jobs check_ledger --log {log:q} --ledger-path {input.ledger:q} --ok-out {output.ok:q}"
