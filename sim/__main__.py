"""``python -m sim [overrides]``: the same as ``carework run [overrides]``."""

import sys

from sim.cli.run import cli

cli(sys.argv[1:])
