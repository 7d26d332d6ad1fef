"""Reading the code blocks of the Markdown pages, and isolating each page's doctests.

tests/test_docs.py checks the blocks; docs/conftest.py uses :func:`doc_page` so that a
page's doctests can import the files the page shows (``<!-- file: NAME -->`` blocks)
and leave no rule or format registered behind them for the tests that run next.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT

__all__ = ["PAGES", "CodeBlock", "code_blocks", "doc_page", "page_files"]

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
"""Every Markdown page whose examples must run: README.md and docs/**/*.md."""

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_MARKER = re.compile(r"^\s*<!--\s*(?P<kind>not-run|file):\s*(?P<value>.*?)\s*-->\s*$")


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block of a page, with the marker comment just above it, if any."""

    path: Path
    line: int  # 1-based line of the opening fence
    language: str  # the first word of the info string, lower case ("" when none)
    text: str  # the content, dedented by the fence's indentation
    marker: tuple[str, str] | None  # ("not-run", reason) or ("file", name)

    @property
    def where(self) -> str:
        """``path:line`` of the opening fence, relative to the repository."""
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.line}"


def code_blocks(path: Path) -> list[CodeBlock]:
    """The fenced code blocks of a Markdown page, in order (indented fences included)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[CodeBlock] = []
    number = 0
    while number < len(lines):
        opening = _FENCE.match(lines[number])
        if opening is None:
            number += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        # CommonMark: the block ends at a fence of the same character, at least as long.
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = number + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = [
            line[len(indent) :] if line.startswith(indent) else line
            for line in lines[number + 1 : end]
        ]
        blocks.append(
            CodeBlock(
                path=path,
                line=number + 1,
                language=(opening["info"].split() or [""])[0].lower(),
                text="\n".join(body) + "\n",
                marker=_marker_above(lines, number),
            )
        )
        number = end + 1
    return blocks


def _marker_above(lines: list[str], fence: int) -> tuple[str, str] | None:
    above = fence - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    found = _MARKER.match(lines[above]) if above >= 0 else None
    return (found["kind"], found["value"]) if found else None


def page_files(path: Path) -> dict[str, str]:
    """The files a page shows, ``<!-- file: NAME -->`` blocks, by name."""
    return {
        block.marker[1]: block.text
        for block in code_blocks(path)
        if block.marker is not None and block.marker[0] == "file"
    }


@pytest.fixture(autouse=True)
def doc_page(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """Run a Markdown page's doctests with its files importable, and undo what they register.

    Pages register rules and formats to show how (``@register``,
    ``register_format``); those registries are process-wide, so a rule left behind
    would run in every later test and change docs/rules.md's rendering.
    """
    from newspost.serialize import _registry
    from newspost.validate import RULES, load_builtin_rules

    load_builtin_rules()  # first, so that the snapshot below holds the built-in rules
    page = Path(str(request.node.path))
    files = page_files(page) if page.suffix == ".md" else {}
    folder = tmp_path / "page"
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    rules, formats, modules = dict(RULES), dict(_registry._FORMATS), set(sys.modules)
    if files:
        sys.path.insert(0, str(folder))
        importlib.invalidate_caches()
    try:
        yield
    finally:
        if files:
            sys.path.remove(str(folder))
            for name in set(sys.modules) - modules:
                origin = getattr(sys.modules[name], "__file__", None) or ""
                if origin.startswith(str(folder)):
                    del sys.modules[name]
        RULES.clear()
        RULES.update(rules)
        _registry._FORMATS.clear()
        _registry._FORMATS.update(formats)
