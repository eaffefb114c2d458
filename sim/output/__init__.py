"""One run's outputs: tidy tables, headline figures, run folders with provenance, the run figure.

``tables`` (monthly tallies to tidy tables), ``reward_gap`` (care pay against NHS Band 3),
``headline`` (yearly headline outputs), ``results`` (atomic run folders, Parquet with
provenance), ``plots`` (the run figure and the provenance stamp), ``fingerprint`` (digests
of tables for determinism checks).
"""
