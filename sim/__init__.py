"""England adult social care and NHS workforce simulator.

Build a model from a config, step it month by month, and read tidy tables::

    from sim import load_config, CareWorkforceModel
    model = CareWorkforceModel(load_config(["scale=0.005", "years=2"]))
    model.run()
    tables = model.tables()

Many runs, paired against a baseline: ``sim.Scenarios`` (``sim.scenarios``). Importing
``sim`` is light: the config, the model and its compiled kernels load on first
use, and Hydra only when a config is composed.
"""

from sim import _numba_cache

_numba_cache.configure()

_LAZY = {
    "CareWorkforceModel": "sim.model",
    "SimConfig": "sim.config",
    "load_config": "sim.config",
    "Scenarios": "sim.scenarios",
}


def __getattr__(name: str):
    """Import the model, the config and the kernels only when first used."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


__all__ = ["CareWorkforceModel", "Scenarios", "SimConfig", "load_config"]
__version__ = "0.1.0"
