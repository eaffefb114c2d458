"""Checks of the policy levers that types cannot express, before any work starts."""

from __future__ import annotations

import csv
import dataclasses
from functools import lru_cache
from pathlib import Path

from sim.calendar import month_index

NATIONAL_ONLY = ("international", "nlw_path")
CHOICES = {
    ("fair_pay", "basis"): ("nlw", "absolute", "afc_band3"),
    ("registration", "fee_paid_by"): ("workers", "employers", "government"),
}
SHARES = (
    "paid_travel_time",
    "zero_hours_reduction",
    "retention_effect",
    "licence_revocations_per_year",
)


@lru_cache(maxsize=1)
def area_names() -> tuple[frozenset[str], frozenset[str]]:
    """(ICS names, region names) from the local-authority table."""
    path = Path(__file__).resolve().parent.parent / "data" / "local_authorities.csv"
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return frozenset(r["ics"] for r in rows), frozenset(r["region"] for r in rows)


def validate_policies(policies, years: int, check) -> None:
    """Check every lever; ``check(ok, name, value, allowed)`` raises the config error."""
    horizon = 12 * years
    ics, regions = area_names()
    for f in dataclasses.fields(policies):
        lever, name = getattr(policies, f.name), f"policies.{f.name}"
        try:
            start = month_index(lever.start)
        except ValueError:
            start = None
        check(start is not None, f"{name}.start", lever.start, "a YYYY-MM date")
        check(
            not lever.enabled or bool(lever.area_starts) or start < horizon,
            f"{name}.start",
            lever.start,
            f"a month before the end of the run ({years} years from 2024-04)",
        )
        check(
            lever.phase_in_months >= 0,
            f"{name}.phase_in_months",
            lever.phase_in_months,
            ">= 0 months",
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
                    ok = month_index(when) < horizon
                except ValueError:
                    ok = False
                check(
                    ok,
                    f"{name}.area_starts",
                    when,
                    f"YYYY-MM dates before the end of the run ({years} years from 2024-04)",
                )
        unknown = [a for a in lever.areas if a not in ics and a not in regions]
        check(not unknown, f"{name}.areas", unknown, "names of ICSs or regions")
        check(
            not (lever.areas and f.name in NATIONAL_ONLY),
            f"{name}.areas",
            lever.areas,
            "[] (this lever is national)",
        )
        for g in dataclasses.fields(lever):
            value = getattr(lever, g.name)
            if "share" in g.name or g.name in SHARES:
                check(0.0 <= value <= 1.0, f"{name}.{g.name}", value, "a share from 0 to 1")
            elif isinstance(value, float):
                check(value >= 0.0, f"{name}.{g.name}", value, "a non-negative value")
            allowed = CHOICES.get((f.name, g.name))
            if allowed:
                check(value in allowed, f"{name}.{g.name}", value, " | ".join(allowed))
    closed = policies.international.route_closed_from
    if closed:
        try:
            month_index(closed)
            ok = True
        except ValueError:
            ok = False
        check(ok, "policies.international.route_closed_from", closed, "a YYYY-MM date or ''")
