"""``python -m newspost``."""

import sys

from newspost.cli import main

sys.exit(main())
