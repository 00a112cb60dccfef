rule classify_breaches:
    input:
        code=package_sources,
        records=OUT / "clean" / "records.csv",
        counts=extraction_outputs("counts"),
        codebook="policebreaches/resources/codebook.yaml",
        coding=manual_coding,
    output:
        records=OUT / "records.csv",
        review=OUT / "review.csv",
        aggregates=OUT / "aggregates.csv",
        exclusions=OUT / "clean" / "exclusions.csv",
        reclassified=OUT / "reclassified.csv",
    log:
        OUT / "logs" / "classify_breaches.log",
    params:
        root=raw_folder,
        previous=previous_labels_file,
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/classify_breaches.py"


rule score_classification:
    input:
        code=package_sources,
        records=OUT / "records.csv",
        truth=truth_file_if_any,
    output:
        accuracy=OUT / "accuracy.csv",
        confusion=OUT / "tables" / "confusion.csv",
    log:
        OUT / "logs" / "score_classification.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/score_classification.py"
