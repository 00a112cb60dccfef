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
        problems=options("problems", "problems"),
        figures=options("figure", "figures"),
        fonts=options("font", "fonts"),
    shell:
        "python -m policebreaches render --log {log:q} --edition {input.edition:q} --numbers {input.numbers:q}"
        " --register {input.register:q} --cases {input.cases:q} --change {input.change:q}"
        " --accuracy {input.accuracy:q} {params.problems} --ledger {input.ledger:q} {params.figures} --codebook {input.codebook:q}"
        " --spec {input.spec:q} --given-names {input.given_names:q} --template {input.template:q} --css {input.css:q} {params.fonts}"
        " --html-out {output.html:q} --pdf-out {output.pdf:q}"
