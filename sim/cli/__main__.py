"""``python -m sim.cli <command>``: the same as ``carework <command>``."""

import sys

from sim.cli.main import main

sys.exit(main())
