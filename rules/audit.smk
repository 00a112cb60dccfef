rule record_build:
    input:
        manifest=manifest_file,
    output:
        info=OUT / "build_info.json",
    log:
        OUT / "logs" / "record_build.log",
    benchmark:
        OUT / "benchmarks" / "record_build.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.record_build"),
        io=stage_io(edition_id=edition_id, config=config_json),
    shell:
        stage("stages.record_build")


rule describe_run:
    input:
        build_info=OUT / "build_info.json",
        manifest=manifest_file,
        raw=all_raw_files,  # each file's size, given where its bytes are the ones SHA256SUMS pins
        edition=OUT / "check" / "edition.json",
        workflow=WORKFLOW_FILES,
        numbers=OUT / "numbers.json",
        public=public_outputs,
        given_names=GIVEN_NAMES,
    output:
        crate=OUT / "ro-crate-metadata.json",
        workflow=[OUT / WORKFLOW_FOLDER / path for path in WORKFLOW_FILES],
    log:
        OUT / "logs" / "describe_run.log",
    benchmark:
        OUT / "benchmarks" / "describe_run.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.describe_run"),
        io=stage_io(),
    shell:
        stage("stages.describe_run")


rule label_internal_outputs:
    output:
        readmes=[OUT / folder / "README.txt" for folder in INTERNAL_FOLDERS],
        publishing=OUT / "PUBLISHING.txt",
    log:
        OUT / "logs" / "label_internal_outputs.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.label_internal"),
        io=stage_io(edition_id=edition_id),
    shell:
        stage("stages.label_internal")


rule build_audit_page:
    input:
        numbers=OUT / "numbers.json",
        records=OUT / "records.csv",
        ledger=OUT / "ledger.csv",
        review=OUT / "review.csv",
        exclusions=OUT / "clean" / "exclusions.csv",
        codebook=CODEBOOK,
        template="report/audit.html.j2",
    output:
        page=report(OUT / "audit" / "index.html", caption="../report/captions/audit.rst", category="Audit"),
        data=directory(OUT / "audit" / "data"),
    log:
        OUT / "logs" / "build_audit_page.log",
    benchmark:
        OUT / "benchmarks" / "build_audit_page.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.audit_page"),
        io=stage_io(),
    shell:
        stage("stages.audit_page")
