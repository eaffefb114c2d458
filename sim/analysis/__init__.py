"""Analysis of finished runs: reads Parquet, never imports the model or kernels.

``catalogue`` (DuckDB over a sweep), ``paired`` (paired effects and intervals), ``did``
(difference-in-differences), ``figures`` (figures of many runs), ``experiment`` and
``summary`` (named experiments end to end), ``sensitivity`` (Morris screening).
"""
