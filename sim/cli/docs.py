"""``carework docs``: write docs/parameters.md and docs/policies.md from the declarations.

Both pages are generated from the typed configs (``sim/config/``, ``sim/policies/``), so
they cannot drift from the code; a test checks they are up to date.
"""

from __future__ import annotations

from pathlib import Path

from sim.config import parameter_table

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = DOCS / "parameters.md"
POLICY_DOC = DOCS / "policies.md"


def parameters_markdown() -> str:
    """Every parameter as a markdown table: name, default, unit, allowed values, source."""
    lines = [
        "# Parameters",
        "",
        "Generated from `sim/config/` by `carework docs`; do not edit by hand.",
        "Override any of them on the command line, e.g. `python -m sim behaviour.reach_km=30`.",
        "",
        "| parameter | default | unit | allowed | source or assumption |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in parameter_table():
        cells = [
            f"`{row['name']}`",
            f"`{row['default']}`",
            row["unit"],
            row["allowed"],
            row["source"],
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def policies_markdown() -> str:
    """Each lever: what it does, its fields (default, unit, allowed values, source), a command."""
    import dataclasses
    import importlib

    from sim.config.param import allowed_text
    from sim.config.policies import PoliciesConfig

    lines = [
        "# Policy levers",
        "",
        "Generated from `sim/policies/` by `carework docs`; do not edit by hand.",
        "",
        "A lever is switched on with `policy=[name]` (several: `policy=[a,b]`) and tuned with",
        "`policies.<name>.<field>=...`. Every lever has a start month (`start`, YYYY-MM), an",
        "optional linear phase-in (`phase_in_months`) and an optional list of ICSs or regions it",
        "is limited to (`areas`; empty means England). Kernels see only the numbers a lever sets",
        "(pay floors, supplements, pay steps, fee headroom, posts per unit of need, switching",
        "and entry costs, exit hazards, inflows, licence revocations), never which lever is on.",
        "Costs and returns are reported per financial year and lever in `costs_annual`: each pay",
        "lever's uplift (its stage of the rise of care rates above what employers would pay",
        "without the levers: floor, then parity, then supplements; plus any personal pay steps)",
        "is split between government and employers by the lever's funded share. Delayed",
        "discharges are in `nhs_pressure_monthly`. Compare against a baseline run with the same",
        "`seed` (random numbers are common to both, so differences are paired).",
        "",
        "Levers limited to areas: all but `international` and `nlw_path`, which are national.",
        "",
    ]
    defaults = PoliciesConfig()
    for name in (f.name for f in dataclasses.fields(defaults)):
        module = importlib.import_module(f"sim.policies.{name}")
        lever = getattr(defaults, name)
        doc = " ".join(module.__doc__.split())
        lines += [
            f"## `{name}`",
            "",
            doc,
            "",
            "| field | default | unit | allowed | source or assumption |",
            "| --- | --- | --- | --- | --- |",
        ]
        for f in dataclasses.fields(lever):
            cells = [
                f"`{f.name}`",
                f"`{getattr(lever, f.name)}`",
                f.metadata["unit"],
                allowed_text(f),
                f.metadata["source"],
            ]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        lines += ["", f"Example: `python -m sim policy=[{name}] name={name}`", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Write both pages (``carework docs``; takes no arguments)."""
    if argv:
        raise SystemExit(f"carework docs takes no arguments, got {' '.join(argv)}")
    DOC.write_text(parameters_markdown())
    POLICY_DOC.write_text(policies_markdown())
    print(f"wrote {DOC} and {POLICY_DOC}")
