"""The synthetic sample edition raw/2016/: a seeded generator, calibrated so that a
correct pipeline reproduces the figures published in July 2016."""
