"""Each parameter is declared once, with its allowed range, and validation reads only that.

Every leaf field of ``SimConfig`` declares ``low``/``high``/``above`` or ``choices``
(``sim.config.param``), except the free-text fields listed in ``FREE_TEXT``; every default lies
inside its declaration; a value just outside a declared bound, NaN or infinity is refused in
one line naming the field and what is allowed, when the config is loaded (before any work);
and no validation code infers a bound from a field's name.
"""

import dataclasses
import math
import re
from pathlib import Path

import pytest

from sim.config import ConfigError, SimConfig, load_config, parameter_table, validate
from sim.config.param import allowed_text, declares_range, within
from sim.config.policies import PoliciesConfig

# Free text, checked by the relations in sim/config (run name regex, dates before the end of
# the run, known areas, one start per area), not by a range of their own.
LEVER_TEXT = ("start", "areas", "area_starts")
FREE_TEXT = {
    "name",
    "results_dir",
    "policies.international.route_closed_from",
    *(f"policies.{f.name}.{g}" for f in dataclasses.fields(PoliciesConfig) for g in LEVER_TEXT),
}
CONFIG_DIR = Path(__file__).resolve().parents[1] / "sim" / "config"
VALIDATION_MODULES = ("validate.py", "run_checks.py", "policy_checks.py")


def leaves(node=None, prefix=""):
    """(dotted name, field, value) of every leaf field of a config."""
    node = SimConfig() if node is None else node
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if dataclasses.is_dataclass(value):
            yield from leaves(value, f"{prefix}{f.name}.")
        else:
            yield prefix + f.name, f, value


FIELDS = {name: f for name, f, _ in leaves()}


def test_every_parameter_declares_a_range_or_choices_but_free_text():
    undeclared = {name for name, f, _ in leaves() if not declares_range(f)}
    assert undeclared == FREE_TEXT
    assert len(FIELDS) - len(FREE_TEXT) >= 150


@pytest.mark.parametrize("name", sorted(FREE_TEXT))
def test_free_text_fields_are_text(name):
    f = FIELDS[name]
    assert str(f.type) in ("str", "list[str]"), (name, f.type)


@pytest.mark.parametrize(("name", "field", "value"), list(leaves()), ids=lambda x: str(x)[:60])
def test_every_default_lies_within_its_declaration(name, field, value):
    assert within(field, value), f"{name}={value!r}: expected {allowed_text(field)}"


def test_defaults_pass_validation():
    validate(SimConfig())
    load_config([])


def test_the_parameter_table_and_doc_show_what_is_allowed():
    from sim.cli.docs import parameters_markdown, policies_markdown

    rows = {row["name"]: row for row in parameter_table()}
    assert rows["years"]["allowed"] == "an integer from 1 to 50"
    assert rows["behaviour.search_outside"]["allowed"] == "a number from 0 to 1"
    assert rows["engine"]["allowed"] == "one of numba | mesa"
    assert rows["pay.nlw_path"]["allowed"] == "a list of numbers, each from 1 to 200"
    assert "| parameter | default | unit | allowed | source or assumption |" in (
        parameters_markdown()
    )
    assert "| field | default | unit | allowed | source or assumption |" in policies_markdown()


# (override just outside a declared bound, field named in the message)
JUST_OUTSIDE = [
    ("scale=1.001", "scale"),
    ("years=51", "years"),
    ("years=0", "years"),
    (f"seed={2**63}", "seed"),
    ("root_seed=-1", "root_seed"),
    ("replicate=-1", "replicate"),
    ("engine=gpu", "engine"),
    ("start=2024-05", "start"),
    ("population.asc_vacancy_rate=0.91", "population.asc_vacancy_rate"),
    ("population.mean_age_years=18", "population.mean_age_years"),
    ("population.setting_post_shares=[0.5,0.6,-0.1,0]", "population.setting_post_shares"),
    ("pay.nlw_path=[11.44,200.5]", "pay.nlw_path"),
    ("hours.nhs_hours_per_week=168.5", "hours.nhs_hours_per_week"),
    ("behaviour.search_outside=1.01", "behaviour.search_outside"),
    ("behaviour.offers_sampled=51", "behaviour.offers_sampled"),
    ("separation.max_age_years=100.5", "separation.max_age_years"),
    ("separation.sponsored_job_search_months=0", "separation.sponsored_job_search_months"),
    ("entry.sponsorship_months=0", "entry.sponsorship_months"),
    ("demand.pop65_growth_per_year=-0.51", "demand.pop65_growth_per_year"),
    ("training.nhs_support_min_qual=4", "training.nhs_support_min_qual"),
    ("policies.pay_parity.government_funded_share=-0.01", "pay_parity.government_funded_share"),
    ("policies.conditions.zero_hours_reduction=1.01", "conditions.zero_hours_reduction"),
    ("policies.technology.cost_per_hour_released=0", "technology.cost_per_hour_released"),
    ("policies.training.completion_multiplier=0.99", "training.completion_multiplier"),
    ("policies.registration.fee_paid_by=nobody", "registration.fee_paid_by"),
    ("policies.nlw_path.phase_in_months=-1", "nlw_path.phase_in_months"),
]


@pytest.mark.parametrize(("override", "name"), JUST_OUTSIDE, ids=str)
def test_a_value_just_outside_its_declaration_is_refused_in_one_line(override, name):
    name = name if name in FIELDS else f"policies.{name}"
    with pytest.raises(ConfigError) as caught:
        load_config([override])
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{name}="), message
    assert message.endswith(f"is not allowed: expected {allowed_text(FIELDS[name])}"), message


def test_refusals_read_plainly():
    cases = {
        "years=51": "years=51 is not allowed: expected an integer from 1 to 50",
        "engine=gpu": "engine='gpu' is not allowed: expected one of numba | mesa",
        "behaviour.search_outside=1.01": (
            "behaviour.search_outside=1.01 is not allowed: expected a number from 0 to 1"
        ),
        "policies.technology.cost_per_hour_released=0": (
            "policies.technology.cost_per_hour_released=0.0 is not allowed: "
            "expected a number above 0 and at most 1,000"
        ),
    }
    for override, text in cases.items():
        with pytest.raises(ConfigError) as caught:
            load_config([override])
        assert str(caught.value) == text


# The bounds are inclusive (``above`` exclusive): values on them are accepted.
ON_THE_BOUND = [
    "scale=1",
    "years=1",
    "years=50",
    f"seed={2**63 - 1}",
    "seed=0",
    "behaviour.search_outside=1",
    "behaviour.search_outside=0",
    "population.asc_vacancy_rate=0.9",
    "policies.training.completion_multiplier=1",
    "policies.pay_parity.share=0",
]


@pytest.mark.parametrize("override", ON_THE_BOUND)
def test_a_value_on_a_bound_is_accepted(override):
    switch_on = []  # a lever's settings count only with the lever on
    if override.startswith("policies."):
        switch_on = [f"policies.{override.split('.')[1]}.enabled=true"]
    load_config([*switch_on, override])


def test_the_largest_seed_runs_in_the_compiled_kernels():
    from sim.rng import uniform

    top = FIELDS["seed"].metadata["high"]
    assert 0.0 < uniform(top, 1, 0, 0, 0) < 1.0
    assert FIELDS["root_seed"].metadata["high"] == top


@pytest.mark.parametrize(
    "override",
    [
        "scale=nan",
        "behaviour.reach_km=inf",
        "pay.london_supplement=-inf",
        "pay.nlw_path=[11.44,nan]",
        "separation.exit_to_non_employment=nan",
        "policies.pay_parity.share=nan",
        "policies.technology.investment_per_year=inf",
    ],
)
def test_nan_and_inf_are_refused(override):
    name = override.partition("=")[0]
    with pytest.raises(ConfigError, match=f"^{re.escape(name)}=.* is not allowed"):
        load_config([override])


@pytest.mark.parametrize("name", [n for n, f, v in leaves() if isinstance(v, float)])
def test_nan_is_refused_in_every_float_field(name):
    cfg = SimConfig()
    *groups, last = name.split(".")
    node = cfg
    for g in groups:
        node = getattr(node, g)
    setattr(node, last, math.nan)
    with pytest.raises(ConfigError, match=f"^{re.escape(name)}=nan is not allowed"):
        validate(cfg)


@pytest.mark.parametrize("module", VALIDATION_MODULES)
def test_no_validation_infers_a_bound_from_a_field_name(module):
    source = (CONFIG_DIR / module).read_text()
    for pattern in ('"share" in', "in g.name", "in f.name", "SHARES", "CHOICES", "below 1"):
        assert pattern not in source, f"{module}: {pattern}"
    if module != "validate.py":
        assert "dataclasses.fields(cfg" not in source and "dataclasses.fields(group" not in source
