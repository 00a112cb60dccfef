rule check_inputs:
    input:
        raw=all_raw_files,
        forces=FORCES,
    output:
        register=OUT / "check" / "register.json",
        edition=OUT / "check" / "edition.json",
        problems=OUT / "check" / "problems.csv",
    log:
        OUT / "logs" / "check_inputs.log",
    benchmark:
        OUT / "benchmarks" / "check_inputs.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.check_inputs"),
        io=stage_io(edition_dir=raw_folder, limits=limits, allow_problems=config["allow_problems"]),
    shell:
        stage("stages.check_inputs")
