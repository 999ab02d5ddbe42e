"""The statutory annual report as data (国办公开办函〔2021〕30号 format).

Pure Python: no Django import anywhere in this package. Keys and rule IDs follow
``docs/annual-report-spec.md``.
"""
