"""Composing ``configs/config.yaml`` with overrides into a validated ``SimConfig``.

Hydra and OmegaConf are imported only when a config is loaded, so importing the schema (and
``sim`` itself) stays light.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sim.config.ensemble import apply_member, load_ensemble
from sim.config.replicates import replicate_seed
from sim.config.schema import SimConfig
from sim.config.validate import validate
from sim.errors import ConfigError
from sim.paths import CONFIG_DIR


def register_configs() -> None:
    """Register the schema so ``configs/config.yaml`` is validated against it."""
    from hydra.core.config_store import ConfigStore

    ConfigStore.instance().store(name="sim_schema", node=SimConfig)


def load_config(overrides: list[str] | None = None, **settings: Any) -> SimConfig:
    """Compose ``configs/config.yaml`` with Hydra-style overrides, as the command line does.

    Args:
        overrides: e.g. ``["scale=0.01", "behaviour.switch_cost_sector=1.2"]``.
        **settings: The same as keywords, after the overrides: ``scale=0.01``,
            ``policy=["pay_parity"]``; a dotted path goes through a dict,
            ``**{"policies.pay_parity.share": 0.5}``.

    Returns:
        The validated config as a ``SimConfig`` object.
    """
    from hydra import compose, initialize_config_dir

    register_configs()
    words = [*(overrides or []), *(f"{k}={override_value(v)}" for k, v in settings.items())]
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        raw = compose(config_name="config", overrides=words)
    return to_sim_config(raw)


def override_value(value: Any) -> str:
    """A Python value as Hydra override text: lists in brackets, None as null, bools lower."""
    if isinstance(value, list | tuple):
        return "[" + ",".join(override_value(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def to_sim_config(raw: Any) -> SimConfig:
    """Turn a composed DictConfig into a validated ``SimConfig``."""
    from omegaconf import OmegaConf

    from sim.config.errors import CONFIG_EXCEPTIONS, one_line_error

    data = OmegaConf.to_container(raw, resolve=True)
    data.pop("hydra", None)
    try:
        cfg = OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(SimConfig), data))
    except CONFIG_EXCEPTIONS as err:
        raise ConfigError(one_line_error(err, [], data)) from None
    validate(cfg)
    if cfg.ensemble is not None:
        cfg = apply_member(cfg, cfg.ensemble, load_ensemble())
        validate(cfg)
    if cfg.replicate is not None:
        if cfg.seed != DEFAULT_SEED:  # it would be replaced without a word
            raise ConfigError(
                f"seed={cfg.seed} is not allowed with replicate={cfg.replicate}: expected seed "
                "left at its default, since a replicate's seed is spawned from root_seed "
                "(set root_seed instead)"
            )
        cfg.seed = replicate_seed(cfg.root_seed, cfg.replicate)
    cfg.name = run_name(cfg)
    return cfg


_DEFAULTS = {f.name: f.default for f in dataclasses.fields(SimConfig)}
DEFAULT_NAME, DEFAULT_SEED = _DEFAULTS["name"], _DEFAULTS["seed"]


def run_name(cfg: SimConfig) -> str:
    """The run's name, so that no policy run is filed as a baseline.

    As given, except that a run left named ``baseline`` with levers on is named after them
    (``pay_parity``, ``fair_pay-pay_parity``).
    """
    on = sorted(name for name, lever in vars(cfg.policies).items() if lever.enabled)
    return "-".join(on) if cfg.name == DEFAULT_NAME and on else cfg.name
