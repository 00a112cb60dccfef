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
        config=config_json,
    shell:
        "python -m policebreaches record-build --log {log:q} --manifest {input.manifest:q}"
        " --edition-id {wildcards.edition} --config-json {params.config:q} --out {output.info:q}"


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
        workflow=options("workflow-file", "workflow"),
        workflow_copies=options("workflow-copy", "workflow", source="output"),
        public=options("public", "public"),
    shell:
        "python -m policebreaches describe-run --log {log:q} --build-info {input.build_info:q} --manifest {input.manifest:q}"
        " --edition {input.edition:q} {params.workflow} {params.workflow_copies} --numbers {input.numbers:q} {params.public}"
        " --given-names {input.given_names:q} --out {output.crate:q}"


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
        readmes=options("readme", "readmes", source="output"),
    shell:
        "python -m policebreaches label-internal --log {log:q} --edition-id {wildcards.edition}"
        " {params.readmes} --publishing-out {output.publishing:q}"


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
        code=code("audit"),
    shell:
        "python -m policebreaches audit-page --log {log:q} --numbers {input.numbers:q} --records {input.records:q}"
        " --ledger {input.ledger:q} --review {input.review:q} --exclusions {input.exclusions:q}"
        " --codebook {input.codebook:q} --template {input.template:q} --out {output.page:q} --data-dir {output.data:q}"
