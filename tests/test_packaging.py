"""The installed package: every subpackage listed, and a plain install runs from any folder."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_the_build():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "sim").rglob("__init__.py")
    }
    assert found | {"sim.configs", "sim.experiments"} == listed


@pytest.mark.slow
def test_a_plain_install_runs_from_another_folder(tmp_path):
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "notebook"
    elsewhere.mkdir()
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(wheels)]
    assert subprocess.run(build, capture_output=True, text=True).returncode == 0
    (wheel,) = wheels.glob("*.whl")
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target)]
    assert subprocess.run([*install, str(wheel)], capture_output=True, text=True).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = (
        "import sim; from sim import CareWorkforceModel, load_config; "
        "from sim.analysis.experiment import scenarios; "
        f"assert sim.__file__.startswith({str(target)!r}), sim.__file__; "
        "m = CareWorkforceModel(load_config(['scale=0.001', 'years=1', 'progress=false'])); "
        "print(len(m.run().tables()['national_annual']), len(scenarios('fair_pay')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["3", "4"]
    cli = [sys.executable, "-m", "sim", "scale=0.001", "years=1", "progress=false", "figure=false"]
    proc = subprocess.run(cli, cwd=elsewhere, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert list((elsewhere / "results").iterdir()), "results are written where the user is"
