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
        folder=raw_folder,
        limits=limits_json,
        allow_problems=config["allow_problems"],
    shell:
        "python -m policebreaches check-inputs --log {log:q} --edition-dir {params.folder:q} --forces {input.forces:q}"
        " --limits {params.limits:q} --allow-problems {params.allow_problems} --register-out {output.register:q}"
        " --edition-out {output.edition:q} --problems-out {output.problems:q}"
