"""Turning Hydra's and OmegaConf's config errors into one line naming field, value and rule.

Hydra reports a wrong type (``scale=abc``), an unknown key or an unparsable override as
several lines ending in a hint about ``HYDRA_FULL_ERROR``. ``one_line_error`` rewrites such
an exception in the form of ``sim.config.ConfigError``:
``<field>=<value> is not allowed: expected <what is allowed>``.
"""

from __future__ import annotations

import re
from typing import Any

from hydra.errors import HydraException, OverrideParseException
from omegaconf import OmegaConf
from omegaconf.errors import OmegaConfBaseException

# First line of OmegaConf's message -> what the field allows.
EXPECTED = (
    ("could not be converted to Float", "a number"),
    ("could not be converted to Integer", "an integer"),
    ("is not a valid bool", "true or false"),
    ("is not a ListConfig, list or tuple", "a list such as [a,b]"),
    ("is not a subclass of", "a group of fields, not a single value"),
    ("not in '", "a key declared in sim/config/ (see docs/parameters.md)"),
    ("Non optional field cannot be assigned None", "a value, not null"),
)


def _omegaconf_cause(err: BaseException) -> OmegaConfBaseException | None:
    while err is not None:
        if isinstance(err, OmegaConfBaseException):
            return err
        err = err.__cause__ or err.__context__
    return None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def one_line_error(err: BaseException, overrides: list[str], data: Any = None) -> str:
    """Describe a Hydra or OmegaConf config error in one line.

    Args:
        err: The exception raised while composing or merging the config.
        overrides: The command-line overrides, used to quote the value the user typed.
        data: The composed config as a dict, to quote a value set in a YAML file.

    Returns:
        ``"<field>=<value> is not allowed: expected <rule>"``, or for an override Hydra
        cannot parse, ``"cannot read override '<text>': <reason>"``.
    """
    if isinstance(err, OverrideParseException):
        bad = next((o for o in overrides if o in str(err)), " ".join(overrides))
        reason = _first_line(str(err))
        return f"cannot read override {bad!r}: {reason}; expected key=value (Hydra grammar)"
    cause = _omegaconf_cause(err)
    if cause is None:
        return _first_line(str(err))
    key = str(cause.full_key or cause.key or "?")
    typed = {o.lstrip("+~").partition("=")[0]: o.partition("=")[2] for o in overrides}
    value = typed.get(key, cause.value)
    if value is None and data is not None:
        value = OmegaConf.select(OmegaConf.create(data), key)
    message = _first_line(getattr(cause, "msg", "") or str(cause))
    expected = next((rule for text, rule in EXPECTED if text in message), None)
    if expected is None:
        expected = re.sub(r"\s+", " ", message)
    return f"{key}={value!r} is not allowed: expected {expected}"


CONFIG_EXCEPTIONS = (HydraException, OmegaConfBaseException)
