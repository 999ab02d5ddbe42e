"""Gongkai (公开): government information disclosure work and its annual report.

This package root imports nothing, so that the pure packages ``gongkai.report``
and ``gongkai.workdays`` stay importable without Django.
"""

__version__ = "0.1.0"
