"""Replicate seeds, run folders and the resume contract of ``find_complete_run``."""

import dataclasses
import json

import numpy as np

from sim.config import load_config
from sim.config.replicates import replicate_seed, replicate_seeds
from sim.output.results import find_complete_run, run_folder_name, write_run


def test_replicate_seeds_are_spawned_from_the_root_seed():
    seeds = replicate_seeds(7, 4)
    assert len(set(seeds)) == 4 and all(0 <= s < 2**63 for s in seeds)
    child = np.random.SeedSequence(7).spawn(4)[2]
    low, high = child.generate_state(2, dtype=np.uint32)
    assert seeds[2] == ((int(high) << 32) | int(low)) & (2**63 - 1)
    assert replicate_seed(7, 2) == seeds[2], "one replicate can be re-derived alone"
    assert replicate_seeds(8, 4) != seeds


def test_replicate_sets_the_seed_and_plain_seed_still_works():
    cfg = load_config(["replicate=3", "root_seed=11"])
    assert cfg.seed == replicate_seed(11, 3)
    assert load_config(["seed=7"]).seed == 7
    base = load_config(["replicate=1", "years=3"])
    policy = load_config(["replicate=1", "years=3", "policy=[pay_parity]"])
    assert base.seed == policy.seed, "a baseline and a policy replicate share their draws"


def test_find_complete_run_resumes_only_finished_runs(tiny_run, tmp_path):
    model, tables = tiny_run
    cfg = dataclasses.replace(model.cfg, results_dir=str(tmp_path))
    assert find_complete_run(cfg) is None
    stale = tmp_path / f".tmp-{run_folder_name(cfg)}-99999"
    stale.mkdir()
    (stale / "national_monthly.parquet").write_bytes(b"half written")
    assert find_complete_run(cfg) is None
    assert not stale.exists(), "an unfinished folder of this run is removed so it is redone"
    folder = write_run({"status_monthly": tables["status_monthly"]}, cfg)
    assert folder.parent == tmp_path and folder.name == run_folder_name(cfg)
    assert find_complete_run(cfg) == folder
    prov = json.loads((folder / "provenance.json").read_text())
    assert prov["replicate"] is None and prov["root_seed"] == cfg.root_seed
    assert find_complete_run(dataclasses.replace(cfg, seed=cfg.seed + 1)) is None
    other = dataclasses.replace(cfg, years=cfg.years + 1)
    assert run_folder_name(other) != run_folder_name(cfg)
    assert find_complete_run(other) is None


def test_a_table_changed_after_the_run_is_found_and_the_run_redone(tiny_run, tmp_path):
    model, tables = tiny_run
    cfg = dataclasses.replace(model.cfg, results_dir=str(tmp_path))
    folder = write_run({"status_monthly": tables["status_monthly"]}, cfg)
    prov = json.loads((folder / "provenance.json").read_text())
    assert set(prov["digests"]) == {"status_monthly.parquet", "config.yaml"}
    table = folder / "status_monthly.parquet"
    table.write_bytes(table.read_bytes()[:-100])  # truncated after the run
    lines = []
    assert find_complete_run(cfg, report=lines.append) is None
    assert not folder.exists(), "moved aside, so the run can be written again"
    (aside,) = tmp_path.glob(f".invalid-{folder.name}-*")
    assert "status_monthly.parquet" in lines[0] and str(aside) in lines[0]
    again = write_run({"status_monthly": tables["status_monthly"]}, cfg)
    assert find_complete_run(cfg) == again


def test_a_folder_without_digests_is_not_trusted(tiny_run, tmp_path):
    model, tables = tiny_run
    cfg = dataclasses.replace(model.cfg, results_dir=str(tmp_path))
    folder = write_run({"status_monthly": tables["status_monthly"]}, cfg)
    prov = json.loads((folder / "provenance.json").read_text())
    del prov["digests"]  # as an older version wrote it
    (folder / "provenance.json").write_text(json.dumps(prov))
    assert find_complete_run(cfg) is None and not folder.exists()


def test_an_empty_folder_at_the_runs_name_is_moved_aside_not_written_over(tiny_run, tmp_path):
    """Before, the run computed everything and then failed to write, at every retry."""
    model, tables = tiny_run
    cfg = dataclasses.replace(model.cfg, results_dir=str(tmp_path))
    (tmp_path / run_folder_name(cfg)).mkdir()
    lines = []
    assert find_complete_run(cfg, report=lines.append) is None
    assert "is not a complete run" in lines[0]
    folder = write_run({"status_monthly": tables["status_monthly"]}, cfg)
    assert find_complete_run(cfg) == folder
