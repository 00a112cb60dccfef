rule render_report:
    input:
        edition=OUT / "check" / "edition.json",
        numbers=OUT / "numbers.json",
        register=OUT / "check" / "register.json",
        problems=[OUT / "check" / "problems.csv", OUT / "clean" / "extraction_problems.csv"],
        ledger=OUT / "ledger.csv",
        cases=OUT / "statistics" / "case_studies.json",
        change=OUT / "statistics" / "change.json",
        accuracy=OUT / "accuracy.csv",
        figures=rules.draw_figures.output.svg,
        codebook=CODEBOOK,
        spec=REPORT_SPEC,
        given_names=GIVEN_NAMES,
        template="report/report.html.j2",
        css="report/report.css",
        fonts=FONTS,
    output:
        html=OUT / "report.html",
        pdf=report(OUT / "report.pdf", caption="../report/captions/report.rst", category="Report"),
    log:
        OUT / "logs" / "render_report.log",
    benchmark:
        OUT / "benchmarks" / "render_report.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.render"),
        io=stage_io(),
    shell:
        stage("stages.render")
