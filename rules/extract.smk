rule extract_responses:
    input:
        files=force_response_files,
        transcriptions=transcription_files,
        hints=optional_raw_file("overrides/extraction.yaml"),
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
        code=code("stages.extract"),
        responses=responses_folder,
        names=force_file_names,
        files=options("response", "files"),
        # the body's SHA256SUMS entries, read when the build is planned: a file is parsed
        # only if it matches them, and only a change to them (or to the files) re-runs it
        manifest=force_manifest_entries,
        limits=limits_json,
        transcriptions=options("transcription", "transcriptions"),
        hints=options("hints", "hints"),
    shell:
        "python -m policebreaches extract --log {log:q} --force-id {wildcards.force}"
        " --responses-dir {params.responses:q} {params.names} {params.files} {params.manifest}"
        " --limits {params.limits:q} {params.transcriptions} {params.hints} --rows-out {output.rows:q}"
        " --counts-out {output.counts:q} --status-out {output.status:q} --problems-out {output.problems:q}"
