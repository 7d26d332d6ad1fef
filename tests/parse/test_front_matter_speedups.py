"""The faster ways of reading front matter find what the plain ways find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newspost.errors import FrontMatterError
from newspost.parse.front_matter import split

# The closing lines as first written: "^" tried at every position.
_PLAIN_CLOSE = {
    "yaml": re.compile(r"^(?:-{3}|\.{3})[ \t]*\r?$", re.MULTILINE),
    "toml": re.compile(r"^\+{3}[ \t]*\r?$", re.MULTILINE),
}
_PLAIN_OPEN = {"yaml": re.compile(r"-{3}[ \t]*\r?\n"), "toml": re.compile(r"\+{3}[ \t]*\r?\n")}

_PIECES = [
    "---",
    "+++",
    "...",
    "a: b",
    "한",
    "\ufeff",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "-",
    "+",
    ".",
]


def _plain_content_end(text: str) -> tuple[str, int] | None:
    start = 1 if text.startswith("\ufeff") else 0
    for fmt in ("yaml", "toml"):
        opened = _PLAIN_OPEN[fmt].match(text, start)
        if opened:
            closed = _PLAIN_CLOSE[fmt].search(text, opened.end())
            return (fmt, closed.start()) if closed else (fmt, -1)
    return None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_split_finds_the_closing_line_the_plain_pattern_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = _plain_content_end(text)
    try:
        where = split(text)
    except FrontMatterError:
        assert expected is not None and expected[1] == -1
        return
    if expected is None:
        assert where.format in ("json", "none")
    else:
        assert (where.format, where.content_end) == expected
