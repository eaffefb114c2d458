"""Checks of the policy levers that no single declaration can express, before any work starts.

Each lever field's own range or choices is declared with it (``sim.config.policies``) and
checked by ``sim.config.validate.check_declared``; here: no setting of a lever that is off,
dates (valid, and before the end of the run), areas (known, one start per area, none for
national levers) and the fair-pay level, whose meaning depends on its basis.
"""

from __future__ import annotations

import csv
import dataclasses
from functools import lru_cache
from pathlib import Path

from sim.calendar import month_index
from sim.config.pay import nlw_per_hour
from sim.config.policies import TECHNOLOGY_KINDS

NATIONAL_ONLY = ("international", "nlw_path")
MAX_FAIR_PAY_MULTIPLE = 5.0


@lru_cache(maxsize=1)
def area_names() -> tuple[frozenset[str], frozenset[str]]:
    """(ICS names, region names) from the local-authority table."""
    path = Path(__file__).resolve().parent.parent / "data" / "local_authorities.csv"
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return frozenset(r["ics"] for r in rows), frozenset(r["region"] for r in rows)


def validate_policies(policies, years: int, pay, check) -> None:
    """Check every lever; ``check(ok, name, value, allowed)`` raises the config error.

    ``pay`` (``PayConfig``) gives the NLW a fair-pay floor must be above to change anything.
    """
    horizon = 12 * years
    ics, regions = area_names()
    for f in dataclasses.fields(policies):
        lever, name = getattr(policies, f.name), f"policies.{f.name}"
        if not lever.enabled:
            _nothing_set_while_off(lever, f.name, check)
        try:
            start = month_index(lever.start)
        except ValueError:
            start = None
        check(start is not None, f"{name}.start", lever.start, "a YYYY-MM date")
        check(
            not lever.enabled or bool(lever.area_starts) or 0 <= start < horizon,
            f"{name}.start",
            lever.start,
            f"a month from 2024-04 to before the end of the run ({years} years from 2024-04)",
        )
        if lever.area_starts:
            check(
                len(lever.area_starts) == len(lever.areas),
                f"{name}.area_starts",
                lever.area_starts,
                f"one YYYY-MM per area in areas ({len(lever.areas)})",
            )
            for when in lever.area_starts:
                try:
                    ok = 0 <= month_index(when) < horizon
                except ValueError:
                    ok = False
                check(
                    ok,
                    f"{name}.area_starts",
                    when,
                    f"YYYY-MM dates from 2024-04 to before the end of the run ({years} years "
                    "from 2024-04)",
                )
        unknown = [a for a in lever.areas if a not in ics and a not in regions]
        check(not unknown, f"{name}.areas", unknown, "names of ICSs or regions")
        check(
            not (lever.areas and f.name in NATIONAL_ONLY),
            f"{name}.areas",
            lever.areas,
            "[] (this lever is national)",
        )
    fair = policies.fair_pay
    check(
        fair.basis == "absolute" or fair.level <= MAX_FAIR_PAY_MULTIPLE,
        "policies.fair_pay.level",
        fair.level,
        f"a multiple of at most {MAX_FAIR_PAY_MULTIPLE:g} with basis={fair.basis} "
        "(GBP per hour only with basis=absolute)",
    )
    if fair.enabled and fair.basis in ("nlw", "absolute"):
        try:
            nlw = nlw_per_hour(pay, max(month_index(fair.start), 0))
        except ValueError:
            nlw = None  # the start itself is refused above
        if nlw is not None:
            floor = fair.level * (nlw if fair.basis == "nlw" else 1.0)
            check(
                floor >= nlw,
                "policies.fair_pay.level",
                fair.level,
                f"a floor at or above the NLW in force at its start ({fair.start}: GBP "
                f"{nlw:.2f} an hour), which is already the legal minimum",
            )
    tech = policies.technology
    for name in ("portfolio", "provider_return_per_gbp", "nhs_return_per_gbp",
                 "qaly_return_per_gbp"):  # fmt: skip
        values = getattr(tech, name)
        check(
            len(values) == len(TECHNOLOGY_KINDS),
            f"policies.technology.{name}",
            values,
            f"{len(TECHNOLOGY_KINDS)} values, one per kind: " + ", ".join(TECHNOLOGY_KINDS),
        )
    check(
        abs(sum(tech.portfolio) - 1.0) < 1e-9,
        "policies.technology.portfolio",
        tech.portfolio,
        "shares summing to 1",
    )
    closed = policies.international.route_closed_from
    if closed:
        try:
            month_index(closed)
            ok = True
        except ValueError:
            ok = False
        check(ok, "policies.international.route_closed_from", closed, "a YYYY-MM date or ''")


def _nothing_set_while_off(lever, lever_name: str, check) -> None:
    """Refuse a setting of a lever that is off.

    It would be ignored, and the run would be a baseline that looks like a policy run.
    """
    for f in dataclasses.fields(lever):
        value = getattr(lever, f.name)
        default = f.default_factory() if f.default is dataclasses.MISSING else f.default
        check(
            f.name == "enabled" or value == default,
            f"policies.{lever_name}.{f.name}",
            value,
            f"its default ({default!r}) while the lever is off: switch it on with "
            f"policy=[{lever_name}] (with any other levers in the same list)",
        )
