rule check_inputs:
    input:
        code=package_sources,
        raw=all_raw_files,
    output:
        register=OUT / "check" / "register.json",
        problems=OUT / "check" / "problems.csv",
    log:
        OUT / "logs" / "check_inputs.log",
    params:
        root=raw_folder,
        limits=config["limits"],
        allow_problems=config["allow_problems"],
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/check_inputs.py"
