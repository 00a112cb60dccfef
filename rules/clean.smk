rule clean_records:
    input:
        code=package_sources,
        register=RES / "check" / "register.json",
        rows=extraction_outputs("rows"),
        status=extraction_outputs("status"),
        problems=extraction_outputs("problems"),
    output:
        records=RES / "clean" / "records.csv",
        ledger=RES / "ledger.csv",
        repairs=RES / "clean" / "text_repairs.csv",
        problems=RES / "clean" / "extraction_problems.csv",
    log:
        RES / "logs" / "clean_records.log",
    params:
        root=RAW,
        allow_problems=config["allow_problems"],
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/clean_records.py"


rule check_ledger:
    input:
        code=package_sources,
        ledger=RES / "ledger.csv",
    output:
        ok=RES / "clean" / "ledger.ok",
    log:
        RES / "logs" / "check_ledger.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/check_ledger.py"
