rule classify_breaches:
    input:
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
    benchmark:
        OUT / "benchmarks" / "classify_breaches.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
        root=raw_folder,
        previous=previous_labels_file,
    shell:
        "python -m policebreaches.jobs classify --log {log:q} --root {params.root:q} --cleaned {input.records:q}"
        " --count-files {input.counts:q} --records-out {output.records:q} --review-out {output.review:q}"
        " --aggregates-out {output.aggregates:q} --exclusions-out {output.exclusions:q}"
        " --reclassified-out {output.reclassified:q} --previous {params.previous:q}"


rule score_classification:
    input:
        records=OUT / "records.csv",
        truth=truth_file_if_any,
    output:
        accuracy=OUT / "accuracy.csv",
        confusion=OUT / "tables" / "confusion.csv",
    log:
        OUT / "logs" / "score_classification.log",
    benchmark:
        OUT / "benchmarks" / "score_classification.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
    shell:
        "python -m policebreaches.jobs score --log {log:q} --records-path {input.records:q}"
        " --truth-paths {input.truth:q} --accuracy-out {output.accuracy:q} --confusion-out {output.confusion:q}"
