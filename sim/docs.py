"""``python -m sim.docs``: write docs/parameters.md from the declarations in ``sim/config.py``."""

from __future__ import annotations

from pathlib import Path

from sim.config import parameter_table

DOC = Path(__file__).resolve().parent.parent / "docs" / "parameters.md"


def parameters_markdown() -> str:
    """Every parameter as a markdown table: name, default, unit, source."""
    lines = [
        "# Parameters",
        "",
        "Generated from `sim/config.py` by `python -m sim.docs`; do not edit by hand.",
        "Override any of them on the command line, e.g. `python -m sim behaviour.reach_km=30`.",
        "",
        "| parameter | default | unit | source or assumption |",
        "| --- | --- | --- | --- |",
    ]
    for row in parameter_table():
        cells = [f"`{row['name']}`", f"`{row['default']}`", row["unit"], row["source"]]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(parameters_markdown())
    print(f"wrote {DOC}")
