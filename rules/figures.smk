FIGURES = ["top_ten", "breach_types", "outcomes", "by_year", "roles", "funnel"]


rule draw_figures:
    input:
        numbers=OUT / "numbers.json",
        register=OUT / "check" / "register.json",
        codebook=CODEBOOK,
        spec=REPORT_SPEC,
        given_names=GIVEN_NAMES,
    output:
        svg=report(
            expand(OUT / "figures" / "{figure}.svg", figure=FIGURES, allow_missing=True),
            caption="../report/captions/figures.rst",
            category="Figures",
        ),
        png=expand(OUT / "figures" / "{figure}.png", figure=FIGURES, allow_missing=True),
        data=expand(OUT / "figures" / "{figure}.csv", figure=FIGURES, allow_missing=True),
        readme=OUT / "figures" / "README.txt",
    log:
        OUT / "logs" / "draw_figures.log",
    benchmark:
        OUT / "benchmarks" / "draw_figures.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=code("stages.figures"),
        io=stage_io(),
    shell:
        stage("stages.figures")
