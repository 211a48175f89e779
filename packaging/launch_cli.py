"""PyInstaller entry script for the console tool (``crisis-binder-cli``): ``binder.cli:main``."""

import sys

from binder.cli import main

if __name__ == "__main__":
    sys.exit(main())
