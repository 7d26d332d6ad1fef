"""The Markdown (Jekyll) form: the original text, with only changed front matter keys rewritten.

A post keeps its original text (`RawText`). When its
front matter equals what that text says, the text comes back byte for byte.
When fields were changed (`Post.with_front_matter`), only those keys'
lines are rewritten, in the file's own syntax, line endings and order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from newspost.model.front_matter import FrontMatter
from newspost.model.post import Post
from newspost.parse import _pelican
from newspost.parse import front_matter as _fm
from newspost.parse._text import BOM

__all__ = ["dumps_markdown", "render_front_matter"]


def dumps_markdown(post: Post) -> str:
    """The post as Markdown with front matter: the original text, edited where the post was."""
    return render_front_matter(post) + post.raw.body


def render_front_matter(post: Post) -> str:
    """Everything before the body: BOM, delimiters and front matter, with changes applied."""
    raw = post.raw
    head = raw.text[: raw.body_start]
    original = _original_front_matter(post)
    if original == post.front_matter:
        return head
    old = original.to_mapping()
    new = post.front_matter.to_mapping()
    # A field read from inside a table (Zola's taxonomies.categories) is written back
    # there: the table is what changes.
    nested = {name: spelling for name, spelling in raw.key_aliases.items() if "." in spelling}
    if nested:
        old, new = _nested(old, nested), _nested(new, nested)
    if raw.format == "none":
        newline = _newline(raw.text[:4096])
        bom = BOM if raw.text.startswith(BOM) else ""
        block = _yaml_lines(new, newline)
        return f"{bom}---{newline}{block}---{newline}{newline if raw.body.strip() else ''}"
    content = raw.front_matter_text
    # A key is written back as the file spells it: Hugo's "Title" stays "Title".
    spelled = {name: spelling for name, spelling in raw.key_aliases.items() if name not in nested}
    if raw.format == "json":
        updated = {
            **_json_original(content),
            **{spelled.get(k, k): _plain(v) for k, v in new.items()},
        }
        for key in old.keys() - new.keys():
            updated.pop(spelled.get(key, key), None)
        # JSON front matter is one object: write it whole, in the original key order.
        # Newlines in JSON text are its own layout (strings escape theirs): the file's.
        # What follows the object (the line break before ---json's closing line) stays.
        after = content[len(content.rstrip()) :]
        dumped = json.dumps(updated, ensure_ascii=False, indent=2)
        content = dumped.replace("\n", _newline(content)) + after
        return (
            raw.text[: raw.front_matter_start]
            + content
            + raw.text[raw.front_matter_end : raw.body_start]
        )
    if raw.format == "pelican":
        content = _pelican_content(content, old, new, spelled, path=post.path)
        return (
            raw.text[: raw.front_matter_start]
            + content
            + raw.text[raw.front_matter_end : raw.body_start]
        )
    newline = _newline(content)
    spans = _key_spans(content, raw.format)
    lines = content.splitlines(keepends=True)
    # TOML's tables ([params], [[resources]]) follow its top-level keys: a key written
    # after them would land in the last table.
    tables = _toml_tables(lines) if raw.format == "toml" else {}
    top_end = min((start for ranges in tables.values() for start, _ in ranges), default=len(lines))
    replacements: dict[int, tuple[int, str]] = {}
    appended: list[str] = []
    for key, name in _changed_keys(old, new, spelled):
        text = "" if key not in new else _render_key(name, new[key], raw.format, newline)
        if name in spans:
            start, end = spans[name]
            replacements[start] = (end, text)
            continue
        # A table that changed goes, sections and all; it comes back as an inline table
        # among the top-level keys.
        for start, end in tables.get(name, ()):
            replacements[start] = (end, "")
        if text:
            appended.append(text)
    top = _replaced(lines, replacements, 0, top_end)
    if appended:
        if top and not top[-1].endswith(("\n", "\r")):
            top[-1] += newline
        # New keys go after the last key, before any trailing blank lines.
        tail: list[str] = []
        while top and not top[-1].strip():
            tail.insert(0, top.pop())
        top.extend(appended)
        top.extend(tail)
    new_content = "".join(top + _replaced(lines, replacements, top_end, len(lines)))
    return (
        raw.text[: raw.front_matter_start]
        + new_content
        + raw.text[raw.front_matter_end : raw.body_start]
    )


_MISSING = object()


def _changed_keys(
    old: dict[str, Any], new: dict[str, Any], spelled: dict[str, str]
) -> Iterator[tuple[str, str]]:
    """(key, name in the file) of each key changed, removed or added, in the file's order."""
    for key in list(old) + [k for k in new if k not in old]:
        if old.get(key, _MISSING) != new.get(key, _MISSING):
            yield key, spelled.get(key, key)


def _pelican_content(
    content: str,
    old: dict[str, Any],
    new: dict[str, Any],
    spelled: dict[str, str],
    *,
    path: str | None,
) -> str:
    """A Pelican header's lines with the keys that changed rewritten, removed or added.

    Changed keys keep their lines' place and the file's spelling; new ones go
    after the last key, capitalized as the file's first key is.

    Raises:
        FormatError: a value a header cannot hold (see `_pelican.render`).
    """
    newline = _newline(content)
    spans = _pelican.line_spans(content)
    lines = _pelican.lines_of(content)
    capitalized = content.lstrip(" ")[:1].isupper()
    replacements: dict[int, tuple[int, str]] = {}
    appended: list[str] = []
    for key, name in _changed_keys(old, new, spelled):
        if name not in spans:  # a key the file does not have: named as Pelican names it
            name = _pelican.key_for(key, new.get(key), capitalized)
        text = "" if key not in new else _pelican.render(name, new[key], newline, path=path)
        if name in spans:
            start, end = spans[name]
            replacements[start] = (end, text)
        elif text:
            appended.append(text)
    kept = "".join(_replaced(lines, replacements, 0, len(lines)))
    if appended and kept and not kept.endswith(("\n", "\r")):
        kept += newline  # the header was the whole file, without a last line break
    return kept + "".join(appended)


def _nested(mapping: dict[str, Any], nested: dict[str, str]) -> dict[str, Any]:
    """``mapping`` with each field of ``nested`` (field -> "table.key") back inside its table."""
    tables: dict[str, dict[str, Any]] = {}
    for name, spelling in nested.items():
        table, key = spelling.split(".", 1)
        if name in mapping:
            tables.setdefault(table, {})[key] = mapping[name]
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        if key in nested:
            continue
        out[key] = {**value, **tables.pop(key, {})} if isinstance(value, dict) else value
    out.update(tables)  # a table the front matter has no more of
    return out


def _newline(text: str) -> str:
    """The line ending a text uses: CRLF, a lone CR (classic Mac OS) or LF."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def _original_front_matter(post: Post) -> FrontMatter:
    raw = post.raw
    where = _fm.Split(raw.format, raw.front_matter_start, raw.front_matter_end, raw.body_start)
    return _fm.read(raw.text, where, path=post.path, generator=raw.generator)


def _json_original(content: str) -> dict[str, Any]:
    loaded = json.loads(content)
    return loaded if isinstance(loaded, dict) else {}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


_TOP = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s#:\-\[\]{}=][^:=]*?))\s*[:=]""")


def _replaced(
    lines: list[str], replacements: dict[int, tuple[int, str]], start: int, end: int
) -> list[str]:
    """``lines[start:end]`` with each replaced range [from, to) given as its new text."""
    out: list[str] = []
    index = start
    while index < end:
        if index in replacements:
            until, text = replacements[index]
            out.append(text)
            index = until
            continue
        out.append(lines[index])
        index += 1
    return out


# A TOML table header's first key: [params], [params.author], [[resources]], ["a b"].
_TOML_TABLE = re.compile(r"""\[\[?\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))""")


def _toml_tables(lines: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Line ranges [start, end) of the sections of each top-level key that is a TOML table.

    A section runs from its header to the next line opening with "[", as
    `_key_spans` ends the top-level keys there.
    """
    headers = [number for number, line in enumerate(lines) if line.startswith("[")]
    tables: dict[str, list[tuple[int, int]]] = {}
    for index, number in enumerate(headers):
        found = _TOML_TABLE.match(lines[number])
        if found is None:
            continue
        name = next(group for group in found.groups() if group is not None)
        end = headers[index + 1] if index + 1 < len(headers) else len(lines)
        tables.setdefault(name, []).append((number, end))
    return tables


def _key_spans(content: str, fmt: str) -> dict[str, tuple[int, int]]:
    """Line ranges [start, end) of each top-level key: its line and its continuation lines."""
    lines = content.splitlines(keepends=True)
    starts: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        if fmt == "toml" and line.startswith("["):
            break
        if line[:1] in (" ", "\t", "-", "#", "\r", "\n", ""):
            continue
        found = _TOP.match(line)
        if found:
            starts.append((number, found.group(1) or found.group(2) or found.group(3)))
    limit = len(lines)
    if fmt == "toml":
        limit = next((n for n, line in enumerate(lines) if line.startswith("[")), len(lines))
    spans: dict[str, tuple[int, int]] = {}
    for index, (number, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else limit
        # Trailing blank lines and comments belong to the gap, not to the value.
        while end - 1 > number and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        spans[key.strip()] = (number, end)
    return spans


def _render_key(key: str, value: Any, fmt: str, newline: str) -> str:
    if fmt == "toml":
        return f"{_toml_key(key)} = {_toml_value(value)}{newline}"
    return _yaml_lines({key: value}, newline)


def _yaml_lines(mapping: dict[str, Any], newline: str) -> str:
    if not mapping:
        return ""
    text = yaml.safe_dump(
        mapping, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**9
    )
    if _LINE_BREAKS.search(text) and yaml.safe_load(text) != mapping:
        # PyYAML writes NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR raw inside quotes,
        # where YAML reads them back as line breaks: escape everything instead.
        text = yaml.safe_dump(
            mapping, allow_unicode=False, sort_keys=False, default_flow_style=False, width=10**9
        )
    return text.replace("\n", newline)


_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ "
            + ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
            + " }"
        )
    return json.dumps(str(value), ensure_ascii=False)
