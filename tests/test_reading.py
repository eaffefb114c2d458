"""Damaged run folders are refused by every analysis command in one line naming the file."""

import json
import shutil

import pandas as pd
import pytest

from sim.cli.main import main
from sim.errors import UnreadableResults
from sim.output.integrity import folder_digests
from sim.output.reading import read_table, verified_provenance


@pytest.fixture
def sweep(tmp_path):
    """A folder holding one run folder with two small tables and their recorded digests."""
    run = tmp_path / "runs" / "baseline_0_s1"
    run.mkdir(parents=True)
    for table in ("national_monthly", "national_annual"):
        pd.DataFrame({"month": [0, 1], "filled": [10.0, 11.0]}).to_parquet(run / f"{table}.parquet")
    prov = {"config": {"seed": 1}, "seed": 1, "digests": folder_digests(run)}
    (run / "provenance.json").write_text(json.dumps(prov))
    return tmp_path / "runs"


def _damaged(sweep, tmp_path, file: str, text: str):
    copy = tmp_path / "damaged"
    shutil.copytree(sweep, copy)
    (run,) = [p for p in copy.iterdir() if p.is_dir()]
    (run / file).write_text(text)
    return copy, run


def _refusal(capsys, *argv) -> str:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse-style commands exit themselves
        code = exit_.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("config error: ") and err.count("\n") == 1, err
    return err


def test_an_intact_folder_reads(sweep):
    (run,) = [p for p in sweep.iterdir() if p.is_dir()]
    assert "digests" in verified_provenance(run)
    assert len(read_table(run, "national_annual")) > 0


@pytest.mark.parametrize("command", ["analyse", "catalogue"])
def test_a_truncated_table_is_named(sweep, tmp_path, capsys, command):
    copy, _ = _damaged(sweep, tmp_path, "national_monthly.parquet", "not parquet")
    err = _refusal(capsys, command, str(copy))
    assert "national_monthly.parquet" in err and "digests" in err


def test_a_damaged_provenance_is_named(sweep, tmp_path, capsys):
    copy, run = _damaged(sweep, tmp_path, "provenance.json", "{not json")
    assert str(run / "provenance.json") in _refusal(capsys, "analyse", str(copy))
    with pytest.raises(UnreadableResults, match="provenance.json cannot be read"):
        verified_provenance(run)


def test_compare_names_the_damaged_run(sweep, tmp_path, capsys):
    copy, run = _damaged(sweep, tmp_path, "national_annual.parquet", "x")
    (good,) = [p for p in sweep.iterdir() if p.is_dir()]
    assert "national_annual.parquet" in _refusal(capsys, "compare", str(run), str(good))


def test_a_file_given_for_a_folder_is_one_line(sweep, capsys):
    (run,) = [p for p in sweep.iterdir() if p.is_dir()]
    assert "expected a folder of run folders" in _refusal(
        capsys, "analyse", str(run / "provenance.json")
    )
