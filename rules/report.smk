rule render_report:
    input:
        code=package_sources,
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
    params:
        root=raw_folder,
        results=results_folder,
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/render_report.py"
