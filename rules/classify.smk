rule train_second_opinion:
    input:
        corpus=corpus_incident_files,
        codebook=CODEBOOK,
    output:
        model=OUT / "model" / "second_opinion.pkl",
    log:
        OUT / "logs" / "train_second_opinion.log",
    benchmark:
        OUT / "benchmarks" / "train_second_opinion.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.train_model"),
        corpus=options("corpus", "corpus"),
    shell:
        "python -m policebreaches train-model --log {log:q} {params.corpus} --codebook {input.codebook:q}"
        " --model-out {output.model:q}"


rule classify_breaches:
    input:
        records=OUT / "clean" / "records.csv",
        counts=extraction_outputs("counts"),
        codebook=CODEBOOK,
        model=OUT / "model" / "second_opinion.pkl",
        coding=optional_raw_file("overrides/coding.csv"),
        baseline=optional_raw_file("baseline/labels.csv"),
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
        code=code("stages.classify"),
        counts=options("counts", "counts"),
        coding=options("coding", "coding"),
        baseline=options("baseline", "baseline"),
    shell:
        "python -m policebreaches classify --log {log:q} --cleaned {input.records:q} {params.counts}"
        " --codebook {input.codebook:q} --model {input.model:q} {params.coding} {params.baseline}"
        " --records-out {output.records:q}"
        " --review-out {output.review:q} --aggregates-out {output.aggregates:q}"
        " --exclusions-out {output.exclusions:q} --reclassified-out {output.reclassified:q}"


rule score_corpus:
    input:
        incidents=Path(config["corpus_dir"]) / "incidents.csv",
        outcomes=Path(config["corpus_dir"]) / "outcomes.csv",
        # the later frozen test sets (test2_incidents.csv, test2_outcomes.csv ...)
        test_sets=sorted(Path(config["corpus_dir"]).glob("test*_*.csv")),
        # the second opinion: the test sets are scored with the decision policy, as records are
        model=OUT / "model" / "second_opinion.pkl",
        codebook=CODEBOOK,
    output:
        scores=OUT / "corpus_accuracy.csv",
    log:
        OUT / "logs" / "score_corpus.log",
    benchmark:
        OUT / "benchmarks" / "score_corpus.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.score_corpus"),
        test_sets=options("test-set", "test_sets"),
    shell:
        "python -m policebreaches score-corpus --log {log:q} --incidents {input.incidents:q}"
        " --outcomes {input.outcomes:q} {params.test_sets} --model {input.model:q} --codebook {input.codebook:q}"
        " --out {output.scores:q}"


rule score_classification:
    input:
        records=OUT / "records.csv",
        truth=truth_file_if_any,
        codebook=CODEBOOK,
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
        code=code("stages.score"),
        truth=options("truth", "truth"),
    shell:
        "python -m policebreaches score --log {log:q} --records {input.records:q} {params.truth}"
        " --codebook {input.codebook:q} --accuracy-out {output.accuracy:q} --confusion-out {output.confusion:q}"
