"""Working-day arithmetic over an explicit holiday calendar (Art. 33 of the 条例).

Pure Python: no Django import, no clock reads.
"""
