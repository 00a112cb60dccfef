"""Rebuild "Safe in Police Hands?" from raw FOI responses.

Every stage is a plain function here; scripts/ holds thin Snakemake adapters.
"""

__version__ = "0.1.0"
