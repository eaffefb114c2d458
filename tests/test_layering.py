"""Code health: imports only point down the layers, no circles, small modules, light imports.

The table ``MAY_IMPORT`` is the architecture: each unit of the package (a sub-package, or a
top-level module) and the units it may import. A new arrow that runs upward fails here, as
does a circle between modules, whether the import sits at the top of a file or in a function.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parent.parent / "sim"
MAX_LINES = 400

LEAVES = {"sim.errors", "sim.state", "sim.rng", "sim.calendar", "sim._numba_cache", "sim.paths"}
BASE = {"sim.errors", "sim.state", "sim.rng", "sim.calendar", "sim.paths"}
MAY_IMPORT = {
    "sim": {"sim._numba_cache"},
    "sim._numba_cache": set(),
    "sim.errors": set(),
    "sim.state": set(),
    "sim.rng": set(),
    "sim.calendar": set(),
    "sim.paths": set(),
    "sim.kernels": {"sim.state", "sim.rng"},
    "sim.config": BASE,
    "sim.world": BASE | {"sim.config", "sim.kernels"},
    "sim.policies": BASE | {"sim.config", "sim.kernels", "sim.world"},
    "sim.output": BASE | {"sim.config", "sim.kernels"},
    "sim.agents": {"sim.state"},  # handles onto rows: no behaviour, no kernels
    "sim.engines": BASE | {"sim.kernels", "sim.agents"},
    "sim.model": BASE
    | {
        "sim.config",
        "sim.kernels",
        "sim.world",
        "sim.policies",
        "sim.output",
        "sim.agents",
        "sim.engines",
    },
    "sim.analysis": BASE | {"sim.config", "sim.output"},
    "sim.calibration": BASE
    | {"sim.config", "sim.world", "sim.output", "sim.analysis", "sim.model"},
    "sim.cli": BASE
    | {
        "sim._numba_cache",  # where the kernels are cached: the first run says it compiles
        "sim.config",
        "sim.kernels",
        "sim.world",
        "sim.output",
        "sim.analysis",
        "sim.model",
        "sim.calibration",
    },
    "sim.scenarios": BASE | {"sim.config", "sim.output", "sim.analysis", "sim.model"},
    # per-ICS reports: finished runs (analysis) and the packaged geography
    "sim.report": BASE | {"sim.config", "sim.world", "sim.output", "sim.analysis"},
    # the dashboard: reports' geography and formats, live runs of the model
    "sim.dashboard": BASE
    | {"sim.config", "sim.world", "sim.output", "sim.analysis", "sim.model", "sim.report"},
    "sim.__main__": {"sim.cli"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SIM.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in SIM.rglob("*.py")}


def unit(module: str) -> str:
    """The layer a module belongs to: its sub-package, or itself at the top of ``sim``."""
    return ".".join(module.split(".")[:2])


def imports(module: str) -> set[str]:
    """Every ``sim`` module that ``module`` imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "sim":
                found |= {
                    f"sim.{a.name}" if f"sim.{a.name}" in MODULES else "sim" for a in node.names
                }
            else:
                found.add(node.module)
    return {m for m in found if m == "sim" or m.startswith("sim.")}


GRAPH = {m: imports(m) for m in MODULES}


def test_every_unit_of_the_package_has_a_place_in_the_layers():
    units = {unit(m) for m in MODULES}
    assert units <= set(MAY_IMPORT), f"add to MAY_IMPORT: {sorted(units - set(MAY_IMPORT))}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    upward = sorted(
        t
        for t in GRAPH[module]
        if unit(t) != unit(module) and unit(t) not in MAY_IMPORT[unit(module)]
    )
    assert not upward, f"{module} imports {upward}, above its layer {unit(module)}"


def test_no_circle_between_modules():
    state: dict[str, int] = defaultdict(int)  # 0 new, 1 on the path, 2 done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m], path[len(path) :] = 1, [m]
        for t in sorted(GRAPH.get(m, ())):
            target = t if t in MODULES else t.rsplit(".", 1)[0]
            if target == m or target not in MODULES:
                continue
            if state[target] == 1:
                cycle = path[path.index(target) :] + [target]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if state[target] == 0:
                visit(target)
                path.pop()
        state[m] = 2

    for m in sorted(MODULES):
        if state[m] == 0:
            visit(m)
            path.clear()


def test_the_check_sees_an_upward_arrow():
    """The table refuses the arrows it must: kernels reading config, analysis running the model."""
    assert "sim.config" not in MAY_IMPORT["sim.kernels"]
    assert "sim.model" not in MAY_IMPORT["sim.analysis"]
    assert "sim.engines" not in MAY_IMPORT["sim.kernels"]
    assert "sim.kernels" not in MAY_IMPORT["sim.agents"]
    assert all(not MAY_IMPORT[leaf] for leaf in LEAVES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module):
    lines = len(MODULES[module].read_text().splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines (at most {MAX_LINES})"


@pytest.mark.parametrize("target", ["sim", "sim.kernels", "sim.state", "sim.rng"])
def test_light_imports_load_no_hydra_pandas_or_matplotlib(target):
    code = (
        f"import sys, {target}; "
        "heavy = [m for m in ('hydra', 'omegaconf', 'pandas', 'matplotlib') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import {target} loaded {out.stdout.strip()}"
