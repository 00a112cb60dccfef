rule check_inputs:
    input:
        raw=all_raw_files,
    output:
        register=OUT / "check" / "register.json",
        problems=OUT / "check" / "problems.csv",
    log:
        OUT / "logs" / "check_inputs.log",
    benchmark:
        OUT / "benchmarks" / "check_inputs.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
        root=raw_folder,
        limits=limits_json,
        allow_problems=config["allow_problems"],
    shell:
        "python -m policebreaches.jobs check_inputs --log {log:q} --root {params.root:q} --limits {params.limits:q}"
        " --allow-problems {params.allow_problems} --register-out {output.register:q} --problems-out {output.problems:q}"
