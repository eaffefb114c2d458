"""England adult social care and NHS workforce simulator.

Build a model from a config, step it month by month, and read tidy tables::

    from sim import load_config, CareWorkforceModel
    model = CareWorkforceModel(load_config(["scale=0.005", "years=2"]))
    model.run()
    tables = model.tables()
"""

from sim import _numba_cache

_numba_cache.configure()

from sim.config import SimConfig, load_config  # noqa: E402


def __getattr__(name: str):
    """Import the model (and its compiled kernels) only when it is first used."""
    if name == "CareWorkforceModel":
        from sim.model import CareWorkforceModel

        return CareWorkforceModel
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


__all__ = ["CareWorkforceModel", "SimConfig", "load_config"]
__version__ = "0.1.0"
