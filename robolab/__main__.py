"""``python -m robolab`` is the ``robolab`` command."""

import sys

from robolab.cli import main

sys.exit(main())
