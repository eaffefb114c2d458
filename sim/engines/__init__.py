"""The two engines that run the monthly phases over the model's arrays.

``numba_engine`` calls the compiled kernels (``sim.kernels``); ``reference`` activates Mesa
agents one by one through plain-Python rules and is the oracle the kernels are tested
against; ``invariants`` checks conservation and bounds each month in checked mode.
"""
