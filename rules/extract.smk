rule extract_responses:
    input:
        response_files=force_response_files,
        transcription_files=transcription_files,
        hints=optional_raw_file("overrides/extraction.yaml"),
        # which labels say what a figure counts, and the counts' margins checked at once
        codebook=CODEBOOK,
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
        # the body's SHA256SUMS entries, read when the build is planned: a file is parsed
        # only if it matches them, and only a change to them (or to the files) re-runs it
        io=stage_io(
            force_id=force_id,
            responses_dir=responses_folder,
            names=body_file_names,
            set_aside=body_set_aside,
            answers=body_answers,
            manifest=force_manifest_entries,
            limits=limits,
            period=period,
        ),
    shell:
        stage("stages.extract")
