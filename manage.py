#!/usr/bin/env python
"""Django's command-line utility; ``gongkai`` (installed with the package) is the same."""

from gongkai.cli import main

if __name__ == "__main__":
    main()
