"""Pelican's (MultiMarkdown's) metadata header: ``Key: value`` lines at the top of a Markdown file.

Pelican reads Markdown with Python-Markdown's ``meta`` extension, whose rules are
followed here: the lines before the first blank line are metadata when every one
of them is ``Key: value`` (up to three spaces before the key, which is letters,
digits, ``_`` and ``-``) or continues the value above it (indented four spaces or
more). Keys are read in lower case, values stripped, continued values joined with
a line break::

    Title: My super title
    Date: 2010-12-03 10:20
    Tags: pelican, publishing

    This is the content of my super blog post.

A file is taken to open with such a header only when it is a Markdown file, its
first line's key is one Pelican or MultiMarkdown documents (``Title``, ``Date``,
``Tags``...) and every line up to the blank line is a key or a continuation: a
post that merely opens with ``Note: ...`` in prose has no header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from newspost.errors import FormatError

__all__ = ["Entry", "entries", "header", "key_for", "line_spans", "lines_of", "read", "render"]

# Python-Markdown's META_RE and META_MORE_RE (markdown/extensions/meta.py).
_KEY = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):")
_KEY_NAME = re.compile(r"[A-Za-z0-9_-]+")
_MORE = re.compile(r"[ ]{4,}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

# Keys a header may open with: Pelican's own (docs "File metadata") and the common
# ones of MultiMarkdown and MkDocs. Prose opening with "Note:" or "Update:" is no header.
_OPENING_KEYS = frozenset(
    {
        "title",
        "date",
        "modified",
        "tags",
        "keywords",
        "category",
        "slug",
        "author",
        "authors",
        "summary",
        "lang",
        "status",
        "subtitle",
        "description",
        "template",
    }
)
# Pelican's keys read as lists (its ensure_metadata_list): split on ";" when there is
# one, else on ",". "categories" is no Pelican key, but one written so lists several.
_LIST_KEYS = frozenset({"tags", "authors", "categories"})
# Keys read under a model field's name when the field's own key is not there.
_RENAMED = {"category": "categories", "summary": "excerpt", "authors": "author"}
# The other way, for keys a changed post adds: the field's name -> Pelican's key.
_PELICAN_NAMES = {"excerpt": "summary"}
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_JEKYLL_FOLDERS = frozenset({"_posts", "_drafts"})
# A value written as YAML writes one: quoted, a flow list or mapping, or a block scalar.
_YAML_VALUE = re.compile(r"""[ \t]*(?:"[^"]*"|'[^']*'|\[.*\]|\{.*\}|[|>][-+]?)[ \t]*$""")


def _folders(path: str) -> set[str]:
    return set(path.replace("\\", "/").split("/")[:-1])


def header(text: str, start: int, path: str | None, limit: int) -> tuple[int, int] | None:
    """Where a header opening ``text`` at ``start`` ends: (its content's end, the body's start).

    None when there is none: ``path`` is not a Markdown file (a text without a
    path may be one), the first line's key is not a known one, or a line before
    the first blank line is neither a key nor a continuation. The content ends
    where the blank line starts; the body starts after it. A header is not
    looked at past ``limit`` characters: it ends there, for the size limit to
    refuse it.
    """
    opening = _KEY.match(text, start)
    if opening is None or opening.group(1).lower() not in _OPENING_KEYS:
        return None
    if path is not None and (
        not path.lower().endswith(_MARKDOWN_SUFFIXES) or _JEKYLL_FOLDERS & _folders(path)
    ):
        return None  # not Markdown, or a Jekyll post: Jekyll reads only "---" front matter
    at = start
    end = len(text)
    while at < end:
        if at - start > limit:
            return at, at
        found = _LINE_BREAK.search(text, at)
        line_end, following = (found.start(), found.end()) if found else (end, end)
        line = text[at:line_end]
        if not line.strip():  # Python-Markdown's end of the metadata: a blank line
            return at, following
        key = _KEY.match(line)
        if key is None and _MORE.match(line) is None:
            return None  # a line of prose: the first paragraph is no header
        if key is not None and _YAML_VALUE.match(line, key.end()):
            # Quotes and brackets are YAML's: Pelican would keep them in the value. These
            # are YAML front matter without its "---" lines, which no generator reads.
            return None
        at = following
    return end, end


@dataclass(frozen=True)
class Entry:
    """One key of a header: its spelling, its lines [line, end) (0-based) and its value."""

    key: str
    line: int
    end: int
    value: str


def entries(content: str) -> list[Entry]:
    """The keys of a header's content, in file order (repeated keys too)."""
    lines = _LINE_BREAK.split(content)
    if lines and lines[-1] == "":
        lines.pop()  # the content's last line break ends no line
    out: list[Entry] = []
    key: str | None = None
    first = 0
    values: list[str] = []
    for number, line in enumerate(lines):
        found = _KEY.match(line)
        if found is None and key is not None:
            values.append(line.strip())  # a continuation (`header` let nothing else in)
            continue
        if key is not None:
            out.append(Entry(key, first, number, "\n".join(values)))
        if found is None:  # pragma: no cover - `header` let no such content through
            key = None
            continue
        key, first, values = found.group(1), number, [line[found.end() :].strip()]
    if key is not None:
        out.append(Entry(key, first, len(lines), "\n".join(values)))
    return out


def read(content: str, first_line: int) -> tuple[dict[str, Any], dict[str, int], dict[str, str]]:
    """A header's keys as the model's fields read them: (data, key lines, key aliases).

    Keys are lower-cased, as Pelican reads them, and the first of a repeated key
    wins (Pelican keeps the first of its own keys). ``category`` is the one
    category (spaces and commas kept), ``summary`` the excerpt and ``authors``
    the author, when the field's own key is not there; ``tags`` and ``authors``
    are lists split on ``;`` if there is one, else on ``,``. The lines are
    1-based from ``first_line``; the aliases map each name whose key is spelt
    otherwise to the spelling (``{"excerpt": "Summary"}``).
    """
    found: dict[str, tuple[str, str, int]] = {}
    for entry in entries(content):
        found.setdefault(entry.key.lower(), (entry.key, entry.value, first_line + entry.line))
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    aliases: dict[str, str] = {}
    for lower, (spelling, value, line) in found.items():
        name = _RENAMED.get(lower, lower)
        if name != lower and name in found:
            name = lower  # "summary" beside "excerpt" stays an extra key
        if lower in _LIST_KEYS:
            data[name] = _metadata_list(value)
        elif lower == "category":
            data[name] = [value] if value else []
        else:
            data[name] = value
        lines[name] = line
        if spelling != name:
            aliases[name] = spelling
    return data, lines, aliases


def _metadata_list(value: str) -> list[str]:
    """Pelican's ensure_metadata_list: split on ";" if there is one, else ","; no repeats."""
    parts = value.split(";" if ";" in value else ",")
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))


def line_spans(content: str) -> dict[str, tuple[int, int]]:
    """Lines [start, end) (0-based) of each key as spelt, its first occurrence."""
    spans: dict[str, tuple[int, int]] = {}
    for entry in entries(content):
        spans.setdefault(entry.key, (entry.line, entry.end))
    return spans


def lines_of(content: str) -> list[str]:
    r"""``content``'s lines with their endings (\r\n, \r or \n only, as the header reads them)."""
    return _LINES.findall(content)


def key_for(name: str, value: object, capitalized: bool) -> str:
    """The key a changed post adds for the field or extra key ``name``.

    Pelican's name for it (``Summary`` for the excerpt; ``Category`` for one
    category, ``Authors`` for a list of authors), capitalized as the file's
    other keys are.
    """
    key = _PELICAN_NAMES.get(name, name)
    if name == "categories" and isinstance(value, list) and len(value) == 1:
        key = "category"
    elif name == "author" and isinstance(value, list):
        key = "authors"
    return key[:1].upper() + key[1:] if capitalized else key


class _Unwritable(ValueError):
    """A value a header cannot hold: the message and the hint of the `FormatError` to raise."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def render(key: str, value: object, newline: str, *, path: str | None = None) -> str:
    """``Key: value`` lines for a header.

    A header holds text: lists are written as Pelican splits them (``a, b``, or
    ``a; b`` when an item has a comma), dates in ISO 8601, a value over several
    lines as continuation lines indented four spaces. Values are stripped, as
    Pelican reads them.

    Raises:
        FormatError: a value a header cannot hold (a mapping, a blank line, several
            categories, text that reads as YAML's quoting or brackets), or a key that
            is not letters, digits, ``_`` and ``-``.
    """
    try:
        return _render(key, value, newline)
    except _Unwritable as exc:
        raise FormatError(str(exc), path=path, hint=exc.hint) from None


def _render(key: str, value: object, newline: str) -> str:
    if not _KEY_NAME.fullmatch(key):
        raise _Unwritable(
            f"cannot write the key {key!r} in a Pelican header",
            "a Pelican key is letters, digits, _ and - only",
        )
    lower = key.lower()
    if lower in ("category", "author") and isinstance(value, list | tuple):
        if len(value) > 1:
            raise _Unwritable(
                f"cannot write {len(value)} values under {key!r}: Pelican reads it as one",
                "Pelican reads one category a post: give one"
                if lower == "category"
                else f"give one name, or write the list under {key}s",
            )
        value = value[0] if value else ""
    text = _text(key, value)
    first, *more = [line.strip() for line in _LINE_BREAK.split(text)]
    if any(not line for line in more):
        raise _Unwritable(
            f"cannot write the value of {key!r} in a Pelican header: it holds a blank line",
            "a blank line ends the header; join the paragraphs",
        )
    if _YAML_VALUE.match(first):
        # "Tags: 'a, b'" reads as YAML's quoting, and `header` then takes the whole header
        # for YAML without its "---" lines: the post would lose every key.
        raise _Unwritable(
            f"cannot write the value of {key!r} in a Pelican header: {first!r} reads as YAML",
            "a value that opens and closes with quotes or brackets is YAML's; "
            "reword it, or convert the header to --- front matter",
        )
    out = f"{key}: {first}".rstrip() + newline
    return out + "".join(f"    {line}{newline}" for line in more)


def _text(key: str, value: object) -> str:
    if isinstance(value, list | tuple):
        items = [_scalar(key, item) for item in value]
        if any("," in item for item in items):
            if any(";" in item for item in items):
                raise _Unwritable(
                    f"cannot write the list of {key!r} in a Pelican header",
                    "Pelican splits lists on ';' or ','; no item can hold both",
                )
            return "; ".join(items)
        return ", ".join(items)
    return _scalar(key, value)


def _scalar(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    raise _Unwritable(
        f"cannot write a {type(value).__name__} under {key!r} in a Pelican header",
        "a Pelican header holds text and lists of text only",
    )
