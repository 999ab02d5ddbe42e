"""Back-office screens for applications and appeals (Wagtail admin).

Every view names the permission it needs in its docstring and reads through the
gatekeeper selectors; refused actions answer 403 (``forbidden_as_403``), refused
steps (``CaseActionRefused``) show their Chinese message and change nothing.
"""
