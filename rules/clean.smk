rule clean_records:
    input:
        code=package_sources,
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
    params:
        root=raw_folder,
        allow_problems=config["allow_problems"],
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/clean_records.py"


rule check_ledger:
    input:
        code=package_sources,
        ledger=OUT / "ledger.csv",
    output:
        ok=OUT / "clean" / "ledger.ok",
    log:
        OUT / "logs" / "check_ledger.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/check_ledger.py"
