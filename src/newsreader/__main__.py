"""`python -m newsreader` runs the same entry point as the console script."""

import sys

from newsreader.cli import main

sys.exit(main())
