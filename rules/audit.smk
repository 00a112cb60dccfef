rule record_build:
    input:
        code=package_sources,
        manifest=all_raw_files,
    output:
        info=OUT / "build_info.json",
    log:
        OUT / "logs" / "record_build.log",
    params:
        root=raw_folder,
        config=config,
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/record_build.py"


rule build_audit_page:
    input:
        code=package_sources,
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
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/build_audit_page.py"
