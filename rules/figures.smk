FIGURES = ["top_ten", "breach_types", "outcomes", "by_year"]


rule draw_figures:
    input:
        numbers=OUT / "numbers.json",
        register=OUT / "check" / "register.json",
    output:
        svg=report(
            expand(OUT / "figures" / "{figure}.svg", figure=FIGURES, allow_missing=True),
            caption="../report/captions/figures.rst",
            category="Figures",
        ),
        png=expand(OUT / "figures" / "{figure}.png", figure=FIGURES, allow_missing=True),
        data=expand(OUT / "figures" / "{figure}.csv", figure=FIGURES, allow_missing=True),
    log:
        OUT / "logs" / "draw_figures.log",
    benchmark:
        OUT / "benchmarks" / "draw_figures.tsv"
    conda:
        "../envs/pipeline.yaml"
    params:
        code=CODE_FINGERPRINT,
        root=raw_folder,
        folder=results_figures_folder,
    shell:
        "python -m policebreaches.jobs figures --log {log:q} --root {params.root:q} --numbers-path {input.numbers:q}"
        " --register-json {input.register:q} --folder {params.folder:q}"
