rule check_inputs:
    input:
        code=package_sources,
        raw=all_raw_files,
    output:
        register=RES / "check" / "register.json",
        problems=RES / "check" / "problems.csv",
    log:
        RES / "logs" / "check_inputs.log",
    params:
        root=RAW,
        limits=config["limits"],
        allow_problems=config["allow_problems"],
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/check_inputs.py"
