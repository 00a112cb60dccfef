rule render_report:
    input:
        numbers=OUT / "numbers.json",
        register=OUT / "check" / "register.json",
        problems=[OUT / "check" / "problems.csv", OUT / "clean" / "extraction_problems.csv"],
        cases=OUT / "statistics" / "case_studies.json",
        change=OUT / "statistics" / "change.json",
        accuracy=OUT / "accuracy.csv",
        figures=rules.draw_figures.output.svg,
        template="report/report.html.j2",
        css="report/report.css",
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
        code=CODE_FINGERPRINT,
        root=raw_folder,
        results=results_folder,
        report_dir=template_folder,
    shell:
        "python -m policebreaches.jobs render --log {log:q} --root {params.root:q} --results {params.results:q}"
        " --report-dir {params.report_dir:q} --numbers-path {input.numbers:q} --register-json {input.register:q}"
        " --cases-path {input.cases:q} --accuracy-path {input.accuracy:q} --problems-paths {input.problems:q}"
        " --html-out {output.html:q} --pdf-out {output.pdf:q} --change-path {input.change:q}"
