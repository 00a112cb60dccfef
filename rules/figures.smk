FIGURES = ["top_ten", "breach_types", "outcomes", "by_year"]


rule draw_figures:
    input:
        code=package_sources,
        numbers=RES / "numbers.json",
        register=RES / "check" / "register.json",
        records=RES / "records.csv",
    output:
        svg=report(expand(RES / "figures" / "{figure}.svg", figure=FIGURES), caption="../report/captions/figures.rst", category="Figures"),
        png=expand(RES / "figures" / "{figure}.png", figure=FIGURES),
        data=expand(RES / "figures" / "{figure}.csv", figure=FIGURES),
    log:
        RES / "logs" / "draw_figures.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/draw_figures.py"
