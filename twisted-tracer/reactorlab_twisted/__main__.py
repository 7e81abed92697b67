"""`python3 -m reactorlab_twisted run ...`: see cli.py."""

import sys

from .cli import main

sys.exit(main())
