"""Production: everything comes from the environment, and nothing is guessed.

The process refuses to start without ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DATABASE_URL``: a production instance that silently fell back to a SQLite file
or a known key would be worse than one that does not start.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

_missing = [
    name
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    if not os.environ.get(name)
]
if _missing:
    raise ImproperlyConfigured(
        "生产环境缺少必需的环境变量 / missing required environment variables: "
        + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The public page cache is invalidated through the shared cache; with a per-process
# memory cache (no REDIS_URL) one worker would not see another's invalidation.
PORTAL_PAGE_CACHE = env_bool("PORTAL_PAGE_CACHE", bool(os.environ.get("REDIS_URL")))
