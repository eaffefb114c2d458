"""A catalogue of bad inputs, on the command line and in YAML, each refused before any work.

Every entry must give one line naming the field and the bad value and saying what is
allowed. The whole catalogue is checked in-process through ``sim.cli.preflight`` (what
``python -m sim`` runs first); a sample goes through the real command for the exit code,
the single stderr line and the absence of any results folder.
"""

import textwrap

import pytest

from sim.cli.preflight import preflight
from sim.config import ConfigError
from tests.conftest import refusal_line, run_cli

# (command-line arguments, field named in the message, bad value quoted in the message)
COMMAND_LINE = [
    (["scale=abc"], "scale", "abc"),
    (["scale=-1"], "scale", "-1"),
    (["scale=0"], "scale", "0"),
    (["scale=2"], "scale", "2"),
    (["years=0"], "years", "0"),
    (["years=1.5"], "years", "1.5"),
    (["years=100"], "years", "100"),
    (["seed=-3"], "seed", "-3"),
    (["seed=7", "replicate=1"], "seed", "7"),  # else silently replaced by the replicate's
    (["-m", "seed=7", "replicate=0,1"], "seed", "7"),  # every job of a sweep, up front
    (["engine=gpu"], "engine", "gpu"),
    (["handles=some"], "handles", "some"),
    (["start=2025-01"], "start", "2025-01"),
    (["progress=maybe"], "progress", "maybe"),
    (["name=../elsewhere"], "name", "../elsewhere"),
    (["name="], "name", "''"),
    (["nosuch=1"], "nosuch", "1"),
    (["+foo=1"], "foo", "1"),
    (["behaviour.no_such_weight=1"], "behaviour.no_such_weight", "1"),
    (["population=3"], "population", "3"),
    (["population.asc_role_shares=[0.5,0.5,0.5,0.5]"], "asc_role_shares", "0.5"),
    (["population.setting_post_shares=[0.5,0.5]"], "setting_post_shares", "0.5"),
    (["population.nhs_role_shares=[1.2,-0.2,0,0]"], "nhs_role_shares", "-0.2"),
    (["population.asc_role_shares=3"], "asc_role_shares", "3"),
    (["population.asc_vacancy_rate=1.5"], "asc_vacancy_rate", "1.5"),
    (["pay.nlw_path=[-11.44]"], "nlw_path", "-11.44"),
    (["pay.nlw_path=[]"], "nlw_path", "[]"),
    (["pay.afc_hourly_2024=[12,13]"], "afc_hourly_2024", "12"),
    (["pay.london_supplement=-0.1"], "london_supplement", "-0.1"),
    (["hours.asc_hours_per_week=200"], "asc_hours_per_week", "200"),
    (["behaviour.offers_sampled=0"], "offers_sampled", "0"),
    (["behaviour.taste_scale=0"], "taste_scale", "0"),
    (["behaviour.reach_km=-5"], "reach_km", "-5"),
    (["behaviour.search_employed_base=1.5"], "search_employed_base", "1.5"),
    (["entry.young_entrant_share_of_cohort=-10"], "young_entrant_share_of_cohort", "-10"),
    (["entry.entrant_age_years=[30,16]"], "entrant_age_years", "30"),
    (["nhs_pressure.share_waiting_home_care=0.9"], "share_waiting", "0.9"),
    (["policy=[pay_parity]", "policies.pay_parity.start=2040-04"], "pay_parity.start", "2040-04"),
    (["policies.pay_parity.start=April"], "pay_parity.start", "April"),
    (["policies.pay_parity.areas=[Atlantis]"], "pay_parity.areas", "Atlantis"),
    (["policies.pay_parity.share=1.5"], "pay_parity.share", "1.5"),
    (["policies.pay_parity.share=half"], "pay_parity.share", "half"),
    (["policies.fair_pay.basis=median"], "fair_pay.basis", "median"),
    (["policies.international.areas=[London]"], "international.areas", "London"),
    (["policies.international.route_closed_from=soon"], "route_closed_from", "soon"),
    (["policy=[pay_parity"], "policy=[pay_parity", "policy=[pay_parity"),
    # issue 21's silent cases and after-work crashes, refused up front
    (["policy=[pay_parity]", "policies.pay_parity.start=2023-04"], "pay_parity.start", "2023-04"),
    (["policy=[fair_pay]", "policies.fair_pay.level=0.5"], "fair_pay.level", "0.5"),
    (
        ["policy=[fair_pay]", "policies.fair_pay.basis=absolute", "policies.fair_pay.level=5"],
        "fair_pay.level",
        "5",
    ),  # fmt: skip
    (["behaviour.switch_cost_sector=nan"], "switch_cost_sector", "nan"),
    (["behaviour.utility_log_earnings=inf"], "utility_log_earnings", "inf"),
    (["separation.exit_to_non_employment=1.5"], "exit_to_non_employment", "1.5"),
    (["separation.max_age_years=10"], "max_age_years", "10"),
    (["scale=1e-9"], "scale", "1e-09"),
    (["population.asc_filled_posts=0"], "asc_filled_posts", "0"),
    (["scale=0.002", "population.asc_filled_posts=5000"], "asc_filled_posts", "5000"),
    (["seed=12345678901234567890"], "seed", "12345678901234567890"),
    (["name=" + "a" * 300], "name", "a" * 300),
]

# (YAML experiment file body, field, bad value): run with --config-dir/--config-name.
YAML = [
    ("scale: -1", "scale", "-1"),
    ("scale: abc", "scale", "abc"),
    ("years: ten", "years", "ten"),
    ("behaviour:\n  offers_sampled: 0", "offers_sampled", "0"),
    ("behavior:\n  offers_sampled: 2", "behavior", "offers_sampled"),
    ("population:\n  asc_role_shares: [0.5, 0.5, 0.5, 0.5]", "asc_role_shares", "0.5"),
    ("pay:\n  nlw_path: [-1.0]", "nlw_path", "-1.0"),
    ("years: 2\npolicies:\n  training:\n    enabled: true\n    start: 2030-04", "start", "2030"),
]


def experiment_file(tmp_path, body):
    folder = tmp_path / "experiments"
    folder.mkdir(exist_ok=True)
    header = "defaults:\n  - config\n  - _self_\n\n"
    (folder / "bad.yaml").write_text(header + textwrap.dedent(body) + "\n")
    return ["--config-dir", str(folder), "--config-name", "bad"]


def refusal(argv):
    with pytest.raises(ConfigError) as caught:
        preflight(argv)
    return str(caught.value)


def assert_names(message, field, value):
    assert "\n" not in message, message
    assert field in message and value in message, message
    assert "expected" in message, message


def test_catalogue_holds_at_least_thirty_bad_inputs():
    assert len(COMMAND_LINE) + len(YAML) >= 30


@pytest.mark.parametrize(("argv", "field", "value"), COMMAND_LINE, ids=lambda a: str(a))
def test_bad_command_line_is_refused_in_one_line(argv, field, value, tmp_path):
    message = refusal([*argv, f"results_dir={tmp_path / 'results'}"])
    assert_names(message, field, value)


@pytest.mark.parametrize(("body", "field", "value"), YAML, ids=[y[0] for y in YAML])
def test_bad_yaml_is_refused_in_one_line(body, field, value, tmp_path):
    message = refusal([*experiment_file(tmp_path, body), f"results_dir={tmp_path / 'r'}"])
    assert_names(message, field, value)


def test_results_dir_under_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    message = refusal([f"results_dir={tmp_path / 'file' / 'results'}"])
    assert_names(message, "results_dir", str(tmp_path / "file"))


def test_an_empty_results_dir_is_refused():
    message = refusal(["results_dir="])
    assert_names(message, "results_dir", "''")


def test_a_sweep_folder_that_is_a_file_is_refused_before_any_job(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    message = refusal(["-m", "seed=1,2", f"hydra.sweep.dir={tmp_path / 'file'}",
                       f"results_dir={tmp_path}"])  # fmt: skip
    assert_names(message, "hydra.sweep.dir", str(tmp_path / "file"))


def test_missing_config_dir_is_refused(tmp_path):
    message = refusal(["--config-dir", str(tmp_path / "nowhere"), "--config-name", "x"])
    assert "nowhere" in message and "\n" not in message


def test_a_good_command_line_passes(tmp_path):
    preflight(["scale=0.01", "policy=[pay_parity]", f"results_dir={tmp_path / 'results'}"])
    preflight([*experiment_file(tmp_path, "scale: 0.01"), f"results_dir={tmp_path}"])
    assert not (tmp_path / "results").exists(), "checking must not create the results folder"


CLI_SAMPLE = [
    ["scale=abc"],
    ["nosuch=1"],
    ["policy=[pay_parity"],
    ["policy=[pay_parity,magic]"],
    ["population.asc_role_shares=[0.5,0.5,0.5,0.5]"],
    ["policies.pay_parity.areas=[Atlantis]"],
]


@pytest.mark.slow
@pytest.mark.parametrize("argv", [*CLI_SAMPLE, "yaml"], ids=str)
def test_the_command_exits_2_with_one_line_and_no_results(argv, tmp_path):
    if argv == "yaml":
        argv = experiment_file(tmp_path, "years: ten")
    out = tmp_path / "results"
    proc = run_cli(*argv, f"results_dir={out}", cwd=tmp_path, timeout=120)
    assert refusal_line(proc).startswith("config error: "), proc.stderr
    assert "Traceback" not in proc.stderr and "HYDRA_FULL_ERROR" not in proc.stderr
    assert not out.exists() and not (tmp_path / "outputs").exists()


def test_a_sweep_is_expanded_like_hydra_and_checked_value_by_value_when_large():
    from sim.cli.preflight import FULL_CHECK_JOBS, sweep_jobs

    jobs = sweep_jobs(["replicate=range(0,3)", "policy=[],[pay_parity]", "years=5"])
    assert len(jobs) == 6 and jobs[1] == ["replicate=0", "policy=[pay_parity]", "years=5"]
    big = sweep_jobs(["replicate=range(0,60)", "seed=1,2,3", "years=5"])
    assert len(big) == 60 <= FULL_CHECK_JOBS, "180 jobs: each value once, not the product"
    assert {j[1] for j in big} == {"seed=1", "seed=2", "seed=3"}
    assert sweep_jobs(["x=interval(0,1)"]) is None, "another sweeper's ranges: left to jobs"


def test_a_bad_value_late_in_a_sweep_is_refused_before_the_first_job(tmp_path):
    message = refusal(["-m", "years=5,2", "policy=[fair_pay]", f"results_dir={tmp_path}"])
    assert message.startswith("job 2 of 2 (years=2): policies.fair_pay.start="), message
