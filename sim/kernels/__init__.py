"""Pure numba kernels, one file per phase of the monthly step.

Kernels take arrays and scalars and return or fill arrays; they know nothing of Mesa, Hydra
or files. Random numbers come from ``sim.rng`` keyed on (seed, stream, month, agent, draw).
"""
