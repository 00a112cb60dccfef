rule train_second_opinion:
    input:
        corpus=corpus_incident_files,
        codebook=CODEBOOK,
    output:
        model=CORPUS_OUT / "second_opinion.pkl",
    log:
        CORPUS_OUT / "logs" / "train_second_opinion.log",
    benchmark:
        CORPUS_OUT / "benchmarks" / "train_second_opinion.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.train_model"),
        io=stage_io(),
    shell:
        stage("stages.train_model")


rule classify_breaches:
    input:
        records=OUT / "clean" / "records.csv",
        counts=extraction_outputs("counts"),
        codebook=CODEBOOK,
        model=CORPUS_OUT / "second_opinion.pkl",
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
        io=stage_io(period=period),
    shell:
        stage("stages.classify")


rule score_corpus:
    input:
        incidents=Path(config["corpus_dir"]) / "incidents.csv",
        outcomes=Path(config["corpus_dir"]) / "outcomes.csv",
        # the later frozen test sets (test2_incidents.csv, test2_outcomes.csv ...)
        test_sets=sorted(Path(config["corpus_dir"]).glob("test*_*.csv")),
        # the second opinion: the test sets are scored with the decision policy, as records are
        model=CORPUS_OUT / "second_opinion.pkl",
        codebook=CODEBOOK,
    output:
        scores=CORPUS_OUT / "corpus_accuracy.csv",
    log:
        CORPUS_OUT / "logs" / "score_corpus.log",
    benchmark:
        CORPUS_OUT / "benchmarks" / "score_corpus.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.score_corpus"),
        io=stage_io(),
    shell:
        stage("stages.score_corpus")


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
        io=stage_io(),
    shell:
        stage("stages.score")
