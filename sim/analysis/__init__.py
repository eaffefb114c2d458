"""Analysis of finished runs: reads Parquet, never imports the model or kernels.

``catalogue`` (DuckDB over a sweep), ``paired`` (paired effects and intervals), ``did``
(one run's staggered difference-in-differences with pyfixest), ``rollout`` (a roll-out over
replicates, against the paired truth) and ``rollout_figures``, ``figures`` (figures of many
runs), ``experiment`` and ``summary`` (named experiments end to end), ``analyse`` (the
``carework analyse`` command), ``sensitivity`` (Morris screening).
"""
