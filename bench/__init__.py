"""Benchmark of the analysis pipeline on synthetic corpora: python -m bench.bench --help."""
