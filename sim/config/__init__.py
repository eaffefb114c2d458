"""Configuration: every parameter declared once, with unit, allowed values and source.

``schema`` (the run) gathers the groups declared in ``stocks``, ``pay``, ``behaviour`` and
``policies``; ``param`` is how a field is declared; ``validate`` checks a config against
the declarations; ``load`` composes ``configs/`` with overrides (Hydra, imported only then);
``memory`` refuses a scale the machine cannot hold; ``replicates`` spawns replicate seeds.
"""

from sim.config.behaviour import BehaviourConfig, EntryConfig, SeparationConfig, TrainingConfig
from sim.config.load import load_config, register_configs, to_sim_config
from sim.config.pay import PayConfig
from sim.config.schema import SimConfig, parameter_table
from sim.config.stocks import DemandConfig, HoursConfig, NHSPressureConfig, PopulationConfig
from sim.config.validate import validate
from sim.errors import ConfigError

__all__ = [
    "BehaviourConfig",
    "ConfigError",
    "DemandConfig",
    "EntryConfig",
    "HoursConfig",
    "NHSPressureConfig",
    "PayConfig",
    "PopulationConfig",
    "SeparationConfig",
    "SimConfig",
    "TrainingConfig",
    "load_config",
    "parameter_table",
    "register_configs",
    "to_sim_config",
    "validate",
]
