rule classify_breaches:
    input:
        code=package_sources,
        records=RES / "clean" / "records.csv",
        counts=extraction_outputs("counts"),
        codebook="policebreaches/resources/codebook.yaml",
        coding=optional_edition_files("overrides/coding.csv"),
    output:
        records=RES / "records.csv",
        review=RES / "review.csv",
        aggregates=RES / "aggregates.csv",
        exclusions=RES / "clean" / "exclusions.csv",
        reclassified=RES / "reclassified.csv",
    log:
        RES / "logs" / "classify_breaches.log",
    params:
        root=RAW,
        previous=RES / "classify" / "previous_labels.csv",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/classify_breaches.py"


rule score_classification:
    input:
        code=package_sources,
        records=RES / "records.csv",
        truth=truth_file_if_any,
    output:
        accuracy=RES / "accuracy.csv",
        confusion=RES / "tables" / "confusion.csv",
    log:
        RES / "logs" / "score_classification.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/score_classification.py"
