rule record_build:
    input:
        manifest=all_raw_files,
    output:
        info=OUT / "build_info.json",
    log:
        OUT / "logs" / "record_build.log",
    benchmark:
        OUT / "benchmarks" / "record_build.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
        root=raw_folder,
        config=config_json,
    shell:
        "python -m policebreaches.jobs record_build --log {log:q} --root {params.root:q}"
        " --config-json {params.config:q} --out {output.info:q}"


rule build_audit_page:
    input:
        numbers=OUT / "numbers.json",
        records=OUT / "records.csv",
        ledger=OUT / "ledger.csv",
        review=OUT / "review.csv",
        exclusions=OUT / "clean" / "exclusions.csv",
        template="report/audit.html.j2",
    output:
        page=report(OUT / "audit" / "index.html", caption="../report/captions/audit.rst", category="Audit"),
    log:
        OUT / "logs" / "build_audit_page.log",
    benchmark:
        OUT / "benchmarks" / "build_audit_page.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
    shell:
        "python -m policebreaches.jobs audit_page --log {log:q} --numbers-path {input.numbers:q}"
        " --records-path {input.records:q} --ledger-path {input.ledger:q} --review-path {input.review:q}"
        " --exclusions-path {input.exclusions:q} --template {input.template:q} --out {output.page:q}"
