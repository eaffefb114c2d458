"""The command a user types: results written with provenance; bad input refused cleanly."""

import json
import shlex

import pandas as pd
import pytest

from sim.config import ConfigError, load_config, parameter_table
from sim.output.results import read_provenance
from tests.conftest import run_cli


@pytest.mark.slow
def test_cli_writes_tables_figure_and_provenance(tmp_path):
    out = tmp_path / "results"
    areas = "policies.pay_parity.areas=[North East]"  # a space: the shell must quote it
    proc = run_cli(
        "scale=0.002", "years=1", "progress=false", f"results_dir={out}", "name=smoke",
        "policy=[pay_parity]", "policies.pay_parity.start=2024-06", areas, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (folder,) = list(out.iterdir())
    assert folder.name.startswith("smoke_") and str(folder) in proc.stdout
    for name in ("national_monthly", "flows_monthly", "turnover_by_group", "cells_monthly"):
        assert (folder / f"{name}.parquet").exists()
    assert (folder / "summary.png").stat().st_size > 10_000
    prov = json.loads((folder / "provenance.json").read_text())
    assert prov["seed"] == 20240401 and prov["config"]["scale"] == 0.002
    assert prov["packages"]["mesa"].startswith("3.3")
    assert shlex.split(prov["command"])[-1] == areas, "the command pastes back into a shell"
    pressure = pd.read_parquet(folder / "nhs_pressure_monthly.parquet")
    assert "England" not in set(pressure["ics"]), "ICS rows only: a sum over ICSs is England"
    assert pressure["ics"].nunique() == 42
    assert (
        read_provenance(folder / "national_monthly.parquet")["config_hash"] == prov["config_hash"]
    )
    national = pd.read_parquet(folder / "national_monthly.parquet")
    assert set(national["sector"]) == {"asc", "nhs", "outside"}
    assert len(national) == 12 * 3
    assert not list(tmp_path.glob("outputs")), "Hydra must not leave an outputs folder"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("override", "field"),
    [
        ("scale=-1", "scale"),
        ("years=0", "years"),
        ("engine=gpu", "engine"),
        ("population.asc_role_shares=[0.5,0.5,0.5,0.5]", "asc_role_shares"),
        ("behaviour.offers_sampled=0", "offers_sampled"),
    ],
)
def test_bad_values_are_refused_before_any_work(tmp_path, override, field):
    out = tmp_path / "results"
    proc = run_cli(override, f"results_dir={out}", cwd=tmp_path)
    assert proc.returncode == 2
    assert field in proc.stderr and "expected" in proc.stderr
    assert not out.exists()


@pytest.mark.slow
def test_unknown_key_is_refused(tmp_path):
    proc = run_cli("behaviour.no_such_weight=1", f"results_dir={tmp_path / 'r'}", cwd=tmp_path)
    assert proc.returncode != 0
    assert "no_such_weight" in proc.stderr
    assert not (tmp_path / "r").exists()


def test_validation_in_the_python_api():
    with pytest.raises(ConfigError, match="scale"):
        load_config(["scale=2"])


def test_every_parameter_has_unit_and_source():
    rows = parameter_table()
    assert len(rows) > 60
    for row in rows:
        assert row["unit"] and row["source"], row["name"]


def test_parameter_doc_is_up_to_date():
    from sim.cli.docs import DOC, parameters_markdown

    assert DOC.read_text() == parameters_markdown(), "run `carework docs`"


def test_policy_doc_is_up_to_date():
    from sim.cli.docs import POLICY_DOC, policies_markdown

    assert POLICY_DOC.read_text() == policies_markdown(), "run `carework docs`"


@pytest.mark.slow
def test_unknown_lever_is_refused_with_the_list_of_levers(tmp_path):
    proc = run_cli("policy=[pay_parity,magic]", f"results_dir={tmp_path / 'r'}", cwd=tmp_path)
    assert proc.returncode == 2
    assert "magic" in proc.stderr and "pay_parity" in proc.stderr and "fair_pay" in proc.stderr
    assert not (tmp_path / "r").exists()


@pytest.mark.slow
def test_the_first_run_says_it_is_compiling_and_later_runs_do_not(tmp_path):
    env = {"NUMBA_CACHE_DIR": str(tmp_path / "cache")}
    args = ("scale=0.001", "years=1", "progress=false", "figure=false")
    first = run_cli(*args, f"results_dir={tmp_path / 'a'}", cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    assert "compiling the numba kernels" in first.stdout
    again = run_cli(*args, f"results_dir={tmp_path / 'b'}", cwd=tmp_path, env=env)
    assert again.returncode == 0 and "compiling" not in again.stdout
