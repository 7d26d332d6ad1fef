"""Front matter recovery: repair YAML that does not parse, when the repair is unambiguous.

Scripts and language models write front matter that YAML refuses: a title over
several lines, a title starting with ``[`` ("[탁구] …"), a value holding
``": "``. Each top-level entry is tried on its own; an entry that YAML refuses,
or that swallowed stray lines, is rewritten as one double-quoted value holding
every word of the original, and the repair is kept only if the whole front
matter then parses and every other entry reads as before. Anything else is
left to the user, with its location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from newspost.errors import NewsPostError
from newspost.parse import front_matter as _fm
from newspost.parse._text import LineIndex

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["Repair", "recover_front_matter", "repair_front_matter"]

_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")


@dataclass(frozen=True)
class Repair:
    """One rewritten front matter entry: replace ``text[start:end]`` with ``replacement``."""

    key: str
    line: int
    start: int
    end: int
    replacement: str
    description: str


def recover_front_matter(text: str) -> list[Repair] | None:
    r"""The repairs that make a post's YAML front matter parse, or None if there is no safe one.

    Returns an empty list when the front matter already parses (or is not YAML).

    Examples:
        >>> text = "---\ntitle: [탁구] 장우진 16강 진출!\ncategories:\n  - 스포츠\n---\nbody\n"
        >>> [(r.key, r.replacement) for r in recover_front_matter(text)]
        [('title', 'title: "[탁구] 장우진 16강 진출!"\n')]
    """
    try:
        where = _fm.split(text)
    except NewsPostError:
        return None
    if where.format != "yaml":
        return []
    content = text[where.content_start : where.content_end]
    if _parses(content):
        return []
    first_line = LineIndex(text).position(where.content_start)[0]
    repairs: list[Repair] = []
    pieces: list[str] = []
    for entry in _entries(content):
        fixed = _repair_entry(entry.text)
        if fixed is None:
            pieces.append(entry.text)
            continue
        replacement, description = fixed
        pieces.append(replacement)
        repairs.append(
            Repair(
                key=entry.key,
                line=first_line + entry.line,
                start=where.content_start + entry.start,
                end=where.content_start + entry.start + len(entry.text),
                replacement=replacement,
                description=description,
            )
        )
    repaired = "".join(pieces)
    if not repairs or not _parses(repaired):
        return None
    return repairs


def repair_front_matter(text: str) -> str | None:
    r"""The whole text with its front matter repaired; None when no safe repair exists.

    Examples:
        >>> print(repair_front_matter("---\ntitle: a: b\n---\nbody\n"), end="")
        ---
        title: "a: b"
        ---
        body
    """
    repairs = recover_front_matter(text)
    if repairs is None:
        return None
    for repair in sorted(repairs, key=lambda r: r.start, reverse=True):
        text = text[: repair.start] + repair.replacement + text[repair.end :]
    return text


@dataclass(frozen=True)
class _Entry:
    key: str
    line: int  # 0-based, within the front matter
    start: int  # offset within the front matter
    text: str  # the key line and the lines that belong to it, line endings kept


def _entries(content: str) -> list[_Entry]:
    """Split front matter into top-level entries: a key line and the lines under it."""
    entries: list[_Entry] = []
    offset = 0
    current: list[str] = []
    key, line, start = "", 0, 0
    for number, raw in enumerate(content.splitlines(keepends=True)):
        bare = raw.rstrip("\r\n")
        found = (
            _KEY.match(bare) or _fm.UNSPACED_KEY.match(bare)
            if bare[:1] not in (" ", "\t", "-", "#", "")
            else None
        )
        if found:
            if current:
                entries.append(_Entry(key, line, start, "".join(current)))
            key, line, start, current = found.group("key"), number, offset, [raw]
        elif current:
            current.append(raw)
        else:
            entries.append(_Entry("", number, offset, raw))
        offset += len(raw)
    if current:
        entries.append(_Entry(key, line, start, "".join(current)))
    return entries


def _repair_entry(entry: str) -> tuple[str, str] | None:
    lines = entry.splitlines(keepends=True)
    head = lines[0].rstrip("\r\n")
    # The entry's own line ending (LF, CRLF or a lone CR), so the file keeps one kind.
    newline = lines[0][len(head) :] or "\n"
    found = _KEY.match(head)
    if not found:
        unspaced = _fm.UNSPACED_KEY.match(head)
        if not unspaced:
            return None
        # "categories:News": YAML reads the line as text; with the space it is the key.
        key = unspaced.group("key")
        spaced = f"{key}: {unspaced.group('value')}" + entry[len(head) :]
        more = _repair_entry(spaced)
        if more is not None:
            return more[0], f"add a space after {key}: and {more[1]}"
        return (spaced, f"add a space after {key}:") if _parses(spaced) else None
    key, value = found.group("key"), (found.group("value") or "")
    rest = [line.rstrip("\r\n") for line in lines[1:]]
    trailing_blank = 0
    while rest and not rest[-1].strip():
        rest.pop()
        trailing_blank += 1
    stray = [line for line in rest if line.strip()]
    if _parses(entry) and not any(line[:1] not in (" ", "\t") for line in stray):
        return None  # this entry is fine as it is
    requoted = _requote(value) if not stray else None
    if requoted is not None:
        replacement = f"{key}: {requoted}{newline}" + newline * trailing_blank
        return replacement, f"escape the quotes inside the value of {key}"
    if value[:1] in ("'", '"', "|", ">") or (
        not value and stray and stray[0][:1] in (" ", "\t", "-")
    ):
        return None  # quoted, block or nested values: no single obvious repair
    if any(line[:1] in (" ", "\t") and _KEY.match(line.strip()) for line in stray):
        return None  # an indented "key:" may be a mapping gone wrong, or text: ambiguous
    words = " ".join(part.strip() for part in [value, *stray] if part.strip())
    if not words:
        return None
    quoted = '"' + words.replace("\\", "\\\\").replace('"', '\\"') + '"'
    replacement = f"{key}: {quoted}{newline}" + newline * trailing_blank
    if len(stray):
        description = f"join the {len(stray) + 1} lines of {key} into one quoted value"
    else:
        description = f"quote the value of {key}"
    return replacement, description


def _requote(value: str) -> str | None:
    """A one-line value quoted at both ends with the same quotes inside it, quoted again.

    ``"대통령 "중대" 결정"`` is what a generator writes for the text between the
    outer quotes; YAML ends the string at the second quote. The text is clear, so
    it is written as one double-quoted string, its inner quotes escaped. A
    backslash makes the intent unclear (an escape, or a backslash?): none then.
    """
    quote = value[:1]
    if quote not in ('"', "'") or len(value) < 2 or value[-1] != quote or "\\" in value:
        return None
    inner = value[1:-1]
    if quote not in inner:
        return None  # something else is wrong with it
    return '"' + inner.replace('"', '\\"') + '"'


def _parses(content: str) -> bool:
    try:
        data = yaml.load(content, Loader=_Loader)  # a safe loader: CSafeLoader or SafeLoader
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        # Constructors raise the others for impossible values such as 2021-02-30,
        # which no quoting repair here makes possible: the caller reports them.
        return False
    return data is None or isinstance(data, dict)
