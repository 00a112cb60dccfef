rule render_report:
    input:
        code=package_sources,
        numbers=RES / "numbers.json",
        register=RES / "check" / "register.json",
        problems=[RES / "check" / "problems.csv", RES / "clean" / "extraction_problems.csv"],
        cases=RES / "statistics" / "case_studies.json",
        accuracy=RES / "accuracy.csv",
        figures=rules.draw_figures.output.svg,
        template="report/report.html.j2",
        css="report/report.css",
    output:
        html=RES / "report.html",
        pdf=report(RES / "report.pdf", caption="../report/captions/report.rst", category="Report"),
    log:
        RES / "logs" / "render_report.log",
    params:
        root=RAW,
        results=RES,
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/render_report.py"
