"""The back office (Wagtail's admin) reads in Chinese.

Wagtail's own zh_Hans catalogues lack some of its strings; ``gongkai/locale_wagtail``
supplies them. These tests fail when a Wagtail upgrade brings new untranslated strings:
run ``.venv/bin/python tools/wagtail_missing_zh.py --write``, translate the new
entries, then ``make messages`` (see docs/translations.md).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

import wagtail

import pytest

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "wagtail_missing_zh", ROOT / "tools" / "wagtail_missing_zh.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()

PY_FORMAT = re.compile(
    r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([diouxXeEfFgGcrsa%])"
)
BRACE_FORMAT = re.compile(r"\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _tokens(text: str) -> Counter:
    """Placeholders and HTML tags of a message, as a multiset."""
    found = Counter(f"%({name}){conv}" for name, conv in PY_FORMAT.findall(text))
    found.pop("%()%", None)  # a literal "%%"
    found.update(BRACE_FORMAT.findall(text))
    found.update(HTML_TAG.findall(text))
    return found


def _token_problem(entry) -> str | None:
    """Why the translation's placeholders/tags differ from the English, or None.

    Chinese has one plural form, so ``msgstr[0]`` serves every count: it must carry the
    plural's placeholders, or the singular's when the singular already names them all.
    """
    got = _tokens(entry.msgstr[0])
    allowed = [_tokens(entry.msgid)]
    if entry.msgid_plural is not None:
        allowed = [_tokens(entry.msgid_plural)]
        if any(t.startswith("%(") and t != "%()%" for t in _tokens(entry.msgid)):
            allowed.append(_tokens(entry.msgid))
    if got in allowed:
        return None
    return f"{entry.msgid!r}: {entry.msgstr[0]!r} has {dict(got)}, expected {allowed}"


def _untranslated_report(missing) -> str:
    shown = [tool.describe(key, item) for key, item in list(missing.items())[:20]]
    return (
        f"{len(missing)} Wagtail string(s) have no Chinese translation "
        "(run tools/wagtail_missing_zh.py --write, translate, make messages):\n"
        + "\n".join(shown)
    )


@pytest.mark.parametrize("domain", tool.DOMAINS)
def test_every_wagtail_string_has_chinese(domain):
    missing = tool.find_missing(WAGTAIL_DIR, domain, tool.our_catalogs(domain))
    assert not missing, _untranslated_report(missing)


def test_django_merges_the_catalogue_into_the_admin_language():
    """Through Django's own lookup (LOCALE_PATHS included), no msgid of an installed
    Wagtail app stays English."""
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog
    installed = {config.name for config in apps.get_app_configs()}
    checked = 0
    untranslated = []
    for app, en_po, _mo in tool.catalogue_pairs(WAGTAIL_DIR, "django"):
        if app not in installed:
            continue
        for entry in tool.parse_po(en_po):
            checked += 1
            if not tool.is_translated(entry, catalog):
                untranslated.append(entry.msgid)
    assert checked > 1500  # every Wagtail app catalogue was read
    assert not untranslated, untranslated[:20]


@pytest.mark.parametrize("domain", tool.DOMAINS)
def test_po_is_complete_and_compiled(domain):
    header, entries = tool.read_po(tool.our_po(domain))
    assert "Content-Type: text/plain; charset=UTF-8" in header
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    assert "Language: zh_Hans" in header
    assert entries
    assert not [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not [e.msgid for e in entries if len(e.msgstr) != 1 or not e.msgstr[0]]
    compiled = tool.load_mo(tool.our_po(domain).with_suffix(".mo"))
    stale = [
        e.msgid
        for e in entries
        if compiled.get((e.catalog_id, 0) if e.msgid_plural else e.catalog_id)
        != e.msgstr[0]
    ]
    assert not stale, f"django.mo is out of date, run make messages: {stale[:10]}"


@pytest.mark.parametrize("domain", tool.DOMAINS)
def test_placeholders_and_tags_are_kept(domain):
    problems = [
        problem
        for entry in tool.parse_po(tool.our_po(domain))
        if (problem := _token_problem(entry))
    ]
    assert not problems, "\n".join(problems)


def test_token_check_catches_a_dropped_placeholder():
    entry = tool.PoEntry(msgid="%(n)s <b>pages</b>", msgstr=["<b>页面</b>"])
    assert _token_problem(entry)
    entry.msgstr = ["%(n)s <b>个页面</b>"]
    assert _token_problem(entry) is None
    plural = tool.PoEntry(msgid="1 page", msgid_plural="%(n)d pages", msgstr=["1 个"])
    assert _token_problem(plural)


def test_app_catalogues_agree_with_the_wagtail_supplement():
    """LOCALE_PATHS outrank app catalogues, so a gongkai app translating one of these
    msgids differently would be silently overridden: use pgettext there instead."""
    ours = {e.key: e.msgstr[0] for e in tool.parse_po(tool.our_po("django"))}
    clashes = []
    for po in sorted((ROOT / "gongkai").glob("*/locale/zh_Hans/LC_MESSAGES/django.po")):
        for entry in tool.parse_po(po):
            theirs = entry.msgstr[0] if entry.msgstr else ""
            if entry.key in ours and theirs and theirs != ours[entry.key]:
                clashes.append(
                    f"{po}: {entry.msgid!r} {theirs!r} != {ours[entry.key]!r}"
                )
    assert not clashes, "\n".join(clashes)


# --- the tool itself, on a fake Wagtail package --------------------------------------

FAKE_EN_PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: views.py:1
msgid "Hello"
msgstr ""

msgctxt "month"
msgid "May"
msgstr ""

#, python-format
msgid "%(n)s page"
msgid_plural "%(n)s pages"
msgstr[0] ""
msgstr[1] ""

msgid "Bye"
msgstr ""
"""

FAKE_ZH_PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "Hello"
msgstr "你好"

msgctxt "month"
msgid "May"
msgstr "五月"

#, fuzzy
msgid "Bye"
msgstr "再见"
"""


@pytest.fixture
def fake_wagtail(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.fail("gettext's msgfmt is required (Debian package gettext)")
    app = tmp_path / "wagtail" / "fakeapp" / "locale"
    (app / "en" / "LC_MESSAGES").mkdir(parents=True)
    (app / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    (app / "en" / "LC_MESSAGES" / "django.po").write_text(FAKE_EN_PO, encoding="utf-8")
    zh_po = app / "zh_Hans" / "LC_MESSAGES" / "django.po"
    zh_po.write_text(FAKE_ZH_PO, encoding="utf-8")
    subprocess.run(  # noqa: S603
        ["msgfmt", "-o", str(zh_po.with_suffix(".mo")), str(zh_po)],  # noqa: S607
        check=True,
    )
    return tmp_path / "wagtail"


def test_tool_finds_plural_and_fuzzy_gaps_but_not_contexts(fake_wagtail):
    missing = tool.find_missing(fake_wagtail, "django")
    assert set(missing) == {(None, "%(n)s page"), (None, "Bye")}
    assert missing[(None, "Bye")].apps == ["wagtail.fakeapp"]
    extra = {("%(n)s page", 0): "%(n)s 个页面"}
    assert set(tool.find_missing(fake_wagtail, "django", [extra])) == {(None, "Bye")}


def test_tool_refresh_keeps_translations_and_drops_obsolete(fake_wagtail, tmp_path):
    tool_dir = tmp_path / "ours"
    original = tool.OUR_LOCALE_DIR
    tool.OUR_LOCALE_DIR = tool_dir
    try:
        assert tool.refresh_po(fake_wagtail, "django") == (0, 2, 0)
        po = tool.our_po("django")
        text = po.read_text(encoding="utf-8").replace(
            'msgid "Bye"\nmsgstr ""', 'msgid "Bye"\nmsgstr "再见"'
        )
        po.write_text(text + '\nmsgid "Gone"\nmsgstr "已删除"\n', encoding="utf-8")
        assert tool.refresh_po(fake_wagtail, "django") == (1, 1, 1)
        header, entries = tool.read_po(po)
    finally:
        tool.OUR_LOCALE_DIR = original
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    by_id = {e.msgid: e for e in entries}
    assert set(by_id) == {"Bye", "%(n)s page"}
    assert by_id["Bye"].msgstr == ["再见"]
    assert by_id["%(n)s page"].msgid_plural == "%(n)s pages"
    assert by_id["%(n)s page"].flags == ["python-format"]


# --- the back office over HTTP -------------------------------------------------------

# url -> (English Wagtail msgid, its Chinese) pairs that page renders
ADMIN_PAGES = {
    "/admin/": [
        ("Search all pages…", "搜索所有页面…"),
        ("Show keyboard shortcuts", "显示键盘快捷键"),
    ],
    "/admin/pages/": [
        ("The root level is where you can add new sites", "根级别用于向您的 Wagtail"),
        ("Has child pages", "有子页面"),
        ("Date updated", "更新日期"),
    ],
    "/admin/documents/": [("Paste without formatting", "无格式粘贴")],
    "/admin/images/": [
        ("Grid layout", "网格布局"),
        ("List layout", "列表布局"),
        ("Oldest", "最早"),
    ],
    "/admin/users/": [("Close modal dialogs (like this one)", "关闭模态对话框")],
    "/admin/workflows/list/": [("Show disabled", "显示已禁用项")],
    "/admin/account/": [
        ("Enable custom keyboard shortcuts specific to Wagtail.", "启用 Wagtail 专用"),
        ("More contrast", "更高对比度"),
    ],
}


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(("url", "pairs"), ADMIN_PAGES.items())
def test_admin_pages_show_the_added_chinese(superuser_client, url, pairs):
    response = superuser_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for english, chinese in pairs:
        assert chinese in body, (url, chinese)
        assert english not in body, (url, english)


def test_admin_javascript_catalogue_has_the_added_chinese(superuser_client):
    response = superuser_client.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()
    for chinese in ("正在自动保存…", "%(num)s 个错误", "插入区块"):
        assert json.dumps(chinese) in body, chinese
