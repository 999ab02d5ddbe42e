"""Writes of proactive disclosure. Import from the submodules."""
