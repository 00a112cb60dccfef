rule extract_responses:
    input:
        code=package_sources,
        files=force_response_files,
        register=RAW / "requests.csv",
        transcriptions=transcription_files,
        hints=optional_edition_files("overrides/extraction.yaml"),
    output:
        rows=RES / "extract" / "{force}.rows.csv",
        counts=RES / "extract" / "{force}.counts.csv",
        status=RES / "extract" / "{force}.status.csv",
        problems=RES / "extract" / "{force}.problems.csv",
    log:
        RES / "logs" / "extract" / "{force}.log",
    params:
        root=RAW,
        limits=config["limits"],
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/extract_responses.py"
