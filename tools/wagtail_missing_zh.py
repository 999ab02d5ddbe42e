"""List (and refresh) the Wagtail strings that have no Simplified Chinese translation.

Wagtail ships, for every app, ``locale/en/LC_MESSAGES/<domain>.po`` holding every
message id and ``locale/zh_Hans/LC_MESSAGES/<domain>.mo`` holding the Chinese it has.
Strings added in newer Wagtail releases are often missing from the Chinese catalogue,
so the back office shows them in English. The project fills the gap with its own
catalogue in ``gongkai/locale_wagtail/zh_Hans/LC_MESSAGES/`` (listed in
``LOCALE_PATHS``), which Django merges over the app catalogues.

Usage (with the project's virtualenv)::

    .venv/bin/python tools/wagtail_missing_zh.py              # gaps in Wagtail itself
    .venv/bin/python tools/wagtail_missing_zh.py --check      # gaps left after ours
    .venv/bin/python tools/wagtail_missing_zh.py --write      # refresh our .po files

``--check`` exits with status 1 while any string is still untranslated. ``--write``
rewrites ``gongkai/locale_wagtail/zh_Hans/LC_MESSAGES/<domain>.po``: translations
already there are kept, newly missing strings are added with an empty ``msgstr`` (to
be translated), and strings Wagtail now translates itself (or no longer has) are
dropped. Afterwards translate the empty entries and compile with ``make messages``.

Only the standard library is used, so the script runs before Django is configured.
"""

from __future__ import annotations

import argparse
import gettext
import importlib.util
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUR_LOCALE_DIR = ROOT / "gongkai" / "locale_wagtail"
LANGUAGE = "zh_Hans"
DOMAINS = ("django", "djangojs")
CONTEXT_SEPARATOR = "\x04"

HEADER = (
    "Project-Id-Version: Gongkai (Wagtail zh_Hans supplement)\n"
    "Report-Msgid-Bugs-To: \n"
    "PO-Revision-Date: {date}\n"
    "Last-Translator: Gongkai project\n"
    "Language-Team: Chinese (Simplified)\n"
    "Language: zh_Hans\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a"}


@dataclass
class PoEntry:
    """One message of a .po file (obsolete ``#~`` entries are never produced)."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def catalog_id(self) -> str:
        """The id gettext uses in ``_catalog``: ``ctx\\x04msgid`` when there is a context."""
        if self.msgctxt is None:
            return self.msgid
        return f"{self.msgctxt}{CONTEXT_SEPARATOR}{self.msgid}"


def _unquote(text: str) -> str:
    """Decode one C-style quoted PO string (``"..."``)."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted PO string: {text!r}")
    out: list[str] = []
    chars = iter(text[1:-1])
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
        else:
            out.append(char)
    return "".join(out)


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]]
    if lines[-1]:
        parts.append(lines[-1])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


class _PoParser:
    """Small state machine reading the .po subset that xgettext and msgmerge write."""

    def __init__(self) -> None:
        self.entries: list[PoEntry] = []
        self.entry = PoEntry()
        self.target: tuple[str, int] = ("", 0)
        self.started = False

    def finish_entry(self) -> None:
        if self.started:
            self.entries.append(self.entry)
        self.entry = PoEntry()
        self.target = ("", 0)
        self.started = False

    def comment(self, line: str) -> None:
        if self.started and self.target[0] in ("msgstr", "msgstr[]"):
            self.finish_entry()
        if line.startswith("#,"):
            self.entry.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("#:"):
            self.entry.references += line[2:].split()
        elif line.startswith("#."):
            self.entry.comments.append(line[2:].strip())
        elif line == "#" or line.startswith("# "):
            self.entry.translator_comments.append(line[2:])

    def keyword(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word in ("msgctxt", "msgid") and self.target[0] in ("msgstr", "msgstr[]"):
            self.finish_entry()
        self.started = True
        if word.startswith("msgstr["):
            index = int(word[len("msgstr[") : -1])
            self.target = ("msgstr[]", index)
        else:
            self.target = (word, 0)
        self.append(_unquote(rest))

    def append(self, text: str) -> None:
        name, index = self.target
        if name in ("msgstr", "msgstr[]"):
            while len(self.entry.msgstr) <= index:
                self.entry.msgstr.append("")
            self.entry.msgstr[index] += text
        elif name == "msgid":
            self.entry.msgid += text
        elif name == "msgctxt":
            self.entry.msgctxt = (self.entry.msgctxt or "") + text
        elif name == "msgid_plural":
            self.entry.msgid_plural = (self.entry.msgid_plural or "") + text
        else:
            raise ValueError(f"unexpected PO keyword {name!r}")

    def feed(self, line: str) -> None:
        line = line.strip()
        if not line or line.startswith("#~"):
            return
        if line.startswith("#"):
            self.comment(line)
        elif line.startswith('"'):
            self.append(_unquote(line))
        else:
            self.keyword(line)


def read_po(path: Path) -> tuple[str | None, list[PoEntry]]:
    """Read a .po file: its header text (``None`` if absent) and its messages."""
    parser = _PoParser()
    for line in path.read_text(encoding="utf-8").splitlines():
        parser.feed(line)
    parser.finish_entry()
    headers = [e.msgstr[0] for e in parser.entries if not e.msgid and e.msgstr]
    return (headers[0] if headers else None), [e for e in parser.entries if e.msgid]


def parse_po(path: Path) -> list[PoEntry]:
    """The messages of a .po file (the header entry is left out)."""
    return read_po(path)[1]


def load_mo(path: Path) -> dict[object, str]:
    """The compiled catalogue as gettext sees it (``{}`` when the file is absent)."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def is_translated(entry: PoEntry, catalog: dict[object, str]) -> bool:
    """True when the compiled catalogue has a non-empty Chinese text for the entry.

    Chinese has one plural form, so for plural entries ``(id, 0)`` must be present.
    """
    if entry.msgid_plural is not None:
        return bool(catalog.get((entry.catalog_id, 0)))
    return bool(catalog.get(entry.catalog_id))


def wagtail_dir() -> Path:
    """The installed wagtail package directory (located, not imported)."""
    spec = importlib.util.find_spec("wagtail")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("wagtail is not installed in this Python environment")
    return Path(next(iter(spec.submodule_search_locations)))


def catalogue_pairs(root: Path, domain: str) -> Iterator[tuple[str, Path, Path]]:
    """Yield ``(app, en .po, zh_Hans .mo)`` for every Wagtail app catalogue of a domain."""
    for en_po in sorted(root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        locale_dir = en_po.parents[2]
        app = locale_dir.parent.relative_to(root.parent).as_posix().replace("/", ".")
        yield app, en_po, locale_dir / LANGUAGE / "LC_MESSAGES" / f"{domain}.mo"


@dataclass
class Missing:
    """A Wagtail message without Chinese, with every app it was found missing in."""

    entry: PoEntry
    apps: list[str] = field(default_factory=list)


def find_missing(
    root: Path, domain: str, extra: Iterable[dict[object, str]] = ()
) -> dict[tuple[str | None, str], Missing]:
    """Messages of ``domain`` that neither the app's zh_Hans .mo nor ``extra`` translate."""
    extra = list(extra)
    missing: dict[tuple[str | None, str], Missing] = {}
    for app, en_po, zh_mo in catalogue_pairs(root, domain):
        catalogs = [load_mo(zh_mo), *extra]
        for entry in parse_po(en_po):
            prefix = app.replace(".", "/")
            entry.references = [f"{prefix}/{ref}" for ref in entry.references]
            if any(is_translated(entry, catalog) for catalog in catalogs):
                continue
            item = missing.setdefault(entry.key, Missing(entry=entry))
            if app not in item.apps:
                item.apps.append(app)
                if item.entry is not entry:
                    item.entry.references += entry.references
    return missing


def our_po(domain: str) -> Path:
    return OUR_LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def format_entry(entry: PoEntry, apps: list[str]) -> str:
    lines = [f"# {comment}".rstrip() for comment in entry.translator_comments]
    lines += [f"#. {comment}" for comment in entry.comments if comment]
    lines.append(f"#. wagtail apps: {', '.join(apps)}")
    lines += [f"#: {ref}" for ref in entry.references]
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if flags:
        lines.append("#, " + ", ".join(flags))
    if entry.msgctxt is not None:
        lines.append(f"msgctxt {_quote(entry.msgctxt)}")
    lines.append(f"msgid {_quote(entry.msgid)}")
    text = entry.msgstr[0] if entry.msgstr else ""
    if entry.msgid_plural is not None:
        lines.append(f"msgid_plural {_quote(entry.msgid_plural)}")
        lines.append(f"msgstr[0] {_quote(text)}")
    else:
        lines.append(f"msgstr {_quote(text)}")
    return "\n".join(lines)


def render_po(items: Iterable[Missing], header_text: str | None = None) -> str:
    if header_text is None:
        header_text = HEADER.format(date=time.strftime("%Y-%m-%d %H:%M%z"))
    header = f'msgid ""\nmsgstr {_quote(header_text)}'
    blocks = [format_entry(item.entry, item.apps) for item in items]
    return "\n\n".join([header, *blocks]) + "\n"


def _carry_over(item: Missing, old: PoEntry | None) -> bool:
    """Copy an earlier translation (and its translator comments); True if there was one."""
    if old is None or not old.msgstr or not old.msgstr[0]:
        item.entry.msgstr = [""]
        return False
    item.entry.msgstr = [old.msgstr[0]]
    item.entry.translator_comments = old.translator_comments
    return True


def refresh_po(root: Path, domain: str) -> tuple[int, int, int]:
    """Rewrite our .po for ``domain``; return (kept, added untranslated, dropped)."""
    path = our_po(domain)
    header, entries = read_po(path) if path.exists() else (None, [])
    existing = {entry.key: entry for entry in entries}
    missing = find_missing(root, domain)
    kept = sum(_carry_over(item, existing.get(key)) for key, item in missing.items())
    dropped = len(set(existing) - set(missing))
    if missing or path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        ordered = sorted(
            missing.values(), key=lambda m: (m.entry.msgid, m.entry.msgctxt or "")
        )
        path.write_text(render_po(ordered, header), encoding="utf-8")
    return kept, len(missing) - kept, dropped


def describe(key: tuple[str | None, str], item: Missing) -> str:
    ctx, msgid = key
    text = f"[{', '.join(item.apps)}] "
    if ctx is not None:
        text += f"msgctxt={ctx!r} "
    text += f"msgid={msgid!r}"
    if item.entry.msgid_plural is not None:
        text += f" msgid_plural={item.entry.msgid_plural!r}"
    return text


def our_catalogs(domain: str) -> list[dict[object, str]]:
    return [load_mo(our_po(domain).with_suffix(".mo"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="count the project's compiled catalogue too; exit 1 if anything is left",
    )
    mode.add_argument(
        "--write", action="store_true", help="refresh gongkai/locale_wagtail .po files"
    )
    parser.add_argument("--wagtail-dir", type=Path, help="wagtail package directory")
    args = parser.parse_args(argv)
    root = args.wagtail_dir or wagtail_dir()
    total = 0
    for domain in DOMAINS:
        if args.write:
            kept, added, dropped = refresh_po(root, domain)
            print(
                f"{domain}: kept {kept}, added {added} to translate, dropped {dropped}"
            )
            total += added
            continue
        extra = our_catalogs(domain) if args.check else []
        missing = find_missing(root, domain, extra)
        for key, item in missing.items():
            print(f"{domain}: {describe(key, item)}")
        print(f"{domain}: {len(missing)} untranslated")
        total += len(missing)
    return 1 if args.check and total else 0


if __name__ == "__main__":
    raise SystemExit(main())
