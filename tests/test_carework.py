"""The ``carework`` command: one name for every entry point, with plain-text help."""

import importlib

import pytest

from sim.cli.main import COMMANDS, main


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: carework <command>")
    for name in COMMANDS:
        assert f"  {name} " in out


def test_an_unknown_command_is_refused_in_one_line_naming_the_choices(capsys):
    assert main(["simulate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'simulate'" in err[0] and "run | experiment" in err[0]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_leads_to_a_module_with_an_entry_point(name):
    module = importlib.import_module(COMMANDS[name][0])
    assert callable(getattr(module, "cli" if name == "run" else "main"))


def test_a_subcommand_gets_its_own_arguments(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["catalogue", "--help"])
    assert stop.value.code == 0
    assert "usage: carework catalogue" in capsys.readouterr().out
