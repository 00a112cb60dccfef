"""The synthetic sample edition raw/2016/: a seeded generator, calibrated so that a
correct pipeline reproduces the figures published in July 2016. A tool, not part of the
pipeline (policebreaches/ never imports it): scripts/make_sample_edition.py runs it."""
