import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import project_help

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_project_commands_bilingually():
    text = project_help()
    for name in ("demo", "report", "workdays", "portal_snapshots"):
        assert f"  {name} " in text
    assert "演示数据" in text and "demo data" in text


def _run(args, env_extra, settings="config.settings.production"):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings, **env_extra})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gongkai.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    full = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "gongkai.example.org",
        "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    }
    del full[missing]
    result = _run(["check"], full)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "生产环境缺少必需的环境变量" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_check_deploy_is_clean():
    env = {
        "SECRET_KEY": "k8#Yq2!vN7mZp4@Lr6$Tw9^Hx3&Jc5*Bd1(Fs0)Gu8-Ea2+Ki4=Mo6~Pq7",
        "ALLOWED_HOSTS": "gongkai.example.org",
        "DATABASE_URL": "sqlite:////tmp/gongkai-deploy-check.sqlite3",
    }
    result = _run(["check", "--deploy", "--fail-level", "INFO"], env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_unmigrated_database_gets_a_clear_message(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    result = _run(
        ["workdays", "add", "2024-09-27", "20"],
        {"DATABASE_URL": f"sqlite:///{empty}"},
        settings="config.settings.dev",
    )
    assert result.returncode == 1
    assert "数据库尚未建立或尚未迁移" in result.stderr
    assert "gongkai migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_cache_is_redis_when_configured():
    """REDIS_URL selects Django's Redis cache (its client library is installed);
    with Redis answering on 127.0.0.1 a value goes round trip."""
    code = (
        "from django.conf import settings; from django.core.cache import cache;"
        "print(settings.CACHES['default']['BACKEND']);"
        "import socket; s = socket.socket(); s.settimeout(1);"
        "up = s.connect_ex(('127.0.0.1', 6379)) == 0; s.close();"
        "up and cache.set('gk-settings-test', 'ok', 5);"
        "print(cache.get('gk-settings-test') if up else 'redis-down')"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    backend, value = result.stdout.split()
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert value in {"ok", "redis-down"}
