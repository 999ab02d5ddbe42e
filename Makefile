# One command surface: make demo, make test, make lint, make bench.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongkai_ci_$(shell echo $$$$)

.PHONY: help install demo serve test test-pg lint format bench messages clean

help: ## 列出目标 / list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## 创建虚拟环境并安装（幂等）/ create the virtualenv and install (idempotent)

demo: install ## 安装、迁移、载入演示数据并启动 / install, migrate, load demo data and serve on 127.0.0.1:8000
	$(BIN)/gongkai migrate --noinput
	$(BIN)/gongkai demo load
	@echo ""
	@echo "门户 / portal:        http://$(HOST):$(PORT)/"
	@echo "后台 / back office:   http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(BIN)/gongkai runserver $(HOST):$(PORT)

test: install ## 运行全部测试（SQLite）/ run the whole suite (SQLite)
	$(BIN)/pytest

test-pg: install ## 在本机 PostgreSQL 上运行全部测试 / run the suite against the local PostgreSQL
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

lint: install ## ruff、mypy 与迁移检查 / ruff, mypy and the missing-migration check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy gongkai config
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/gongkai makemigrations --check --dry-run

format: install ## 自动格式化 / format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## 运行基准测试 / run the benchmarks (figures go to docs/benchmarks.md)
	@set -e; for b in benchmarks/bench_*.py; do [ -e "$$b" ] || continue; echo "== $$b"; $(BIN)/python "$$b"; done

messages: install ## 编译翻译文件（需要 gettext）/ compile the translation catalogues (needs gettext)
	cd gongkai && ../$(BIN)/gongkai compilemessages --ignore=.venv

clean: ## 删除虚拟环境和本地数据 / remove the virtualenv and local data
	rm -rf $(VENV) var
