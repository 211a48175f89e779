"""PyInstaller entry script for the windowed app (``crisis-binder``): ``ui.app:main``."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
