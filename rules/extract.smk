rule extract_responses:
    input:
        code=package_sources,
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
    params:
        root=raw_folder,
        limits=config["limits"],
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/extract_responses.py"
