rule extract_responses:
    input:
        files=force_response_files,
        register=register_file,
        transcriptions=transcription_files,
        hints=extraction_hints,
    output:
        rows=OUT / "extract" / "{force}.rows.csv",
        counts=OUT / "extract" / "{force}.counts.csv",
        status=OUT / "extract" / "{force}.status.csv",
        problems=OUT / "extract" / "{force}.problems.csv",
    log:
        OUT / "logs" / "extract" / "{force}.log",
    benchmark:
        OUT / "benchmarks" / "extract_responses" / "{force}.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
        root=raw_folder,
        limits=limits_json,
    shell:
        "python -m policebreaches.jobs extract --log {log:q} --root {params.root:q} --force-id {wildcards.force}"
        " --limits {params.limits:q} --rows-out {output.rows:q} --counts-out {output.counts:q}"
        " --status-out {output.status:q} --problems-out {output.problems:q}"
