"""One run's outputs: tidy tables, headline figures, run folders with provenance, the run figure.

``tables`` (monthly tallies to tidy tables), ``headline`` (yearly headline outputs),
``results`` (atomic run folders, Parquet with provenance), ``plots`` (the run figure and the
provenance stamp), ``fingerprint`` (digests of tables for determinism checks).
"""
