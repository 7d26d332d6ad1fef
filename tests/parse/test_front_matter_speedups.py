"""The faster ways of reading front matter find what the plain ways find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newspost.errors import FrontMatterError
from newspost.parse.front_matter import split

# The closing lines as first written: "^" tried at every position.
_PLAIN_CLOSE = {
    "yaml": re.compile(r"^(?:-{3}|\.{3})[ \t]*\r?$", re.MULTILINE),
    "toml": re.compile(r"^\+{3}[ \t]*\r?$", re.MULTILINE),
}
_PLAIN_OPEN = {
    "yaml": re.compile(r"-{3}[ \t]*(?:\r?\n|\r)"),
    "toml": re.compile(r"\+{3}[ \t]*(?:\r?\n|\r)"),
}
# After an opening line ending in a lone CR (classic Mac OS), lines end in CR.
_PLAIN_CLOSE_CR = {
    "yaml": re.compile(r"(?<=\r)(?:-{3}|\.{3})[ \t]*(?=[\r\n]|\Z)"),
    "toml": re.compile(r"(?<=\r)\+{3}[ \t]*(?=[\r\n]|\Z)"),
}

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
            lone_cr = text[opened.end() - 1] == "\r"
            closed = (_PLAIN_CLOSE_CR if lone_cr else _PLAIN_CLOSE)[fmt].search(text, opened.end())
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


# -- the loader's quicker tags ------------------------------------------------------------

_SCALARS = [
    "text",
    "한글 제목",
    "",
    "~",
    "null",
    "Null",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "y",
    "n",
    "10:00",
    "190:20:30",
    "1_000",
    "0x1F",
    "0o17",
    "017",
    "0b101",
    "-1",
    "+1",
    "1.5e3",
    ".inf",
    "-.Inf",
    ".NaN",
    "2024-07-01",
    "2024-07-01 09:00:00 +0900",
    "2024-07-01T09:00:00Z",
    "2024-7-1 9:00:00.5 -05:00",
    "<<",
    "=",
    "title",
    "News",
]
_STYLES = ["{}", "'{}'", '"{}"', "!!str {}", "! {}", ">-\n  {}", "|\n  {}"]


def _tree(loader_class: type, text: str) -> object:
    import yaml

    def walk(node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.style)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, [walk(item) for item in node.value])
        return (node.tag, [(walk(k), walk(v)) for k, v in node.value])

    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return None if node is None else walk(node)
    except yaml.YAMLError as exc:
        return type(exc).__name__
    finally:
        loader.dispose()


def _document(entries: list[tuple[str, str, str]]) -> str:
    lines = []
    for index, (scalar, style, where) in enumerate(entries):
        value = style.format(scalar)
        if where == "value":
            lines.append(f"key{index}: {value}")
        elif where == "item":
            lines.append(f"list{index}:\n  - {value.replace(chr(10), chr(10) + '  ')}")
        elif "\n" not in value:
            lines.append(f"{value}: v{index}")
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_SCALARS),
            st.sampled_from(_STYLES),
            st.sampled_from(["value", "item", "key"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_front_matter_loader_tags_what_the_safe_loader_tags(
    entries: list[tuple[str, str, str]],
) -> None:
    from newspost.parse.front_matter import _FrontMatterLoader, _SafeLoader

    text = _document(entries)
    expected = _tree(_SafeLoader, text)
    assert _tree(_FrontMatterLoader, text) == expected
    assert _tree(_FrontMatterLoader, text) == expected  # again, with the tags remembered


def test_front_matter_loader_tags_every_scalar_as_the_safe_loader_does() -> None:
    from newspost.parse.front_matter import _FrontMatterLoader, _SafeLoader

    for scalar in _SCALARS:
        for style in _STYLES:
            for where in ("value", "item", "key"):
                text = _document([(scalar, style, where)])
                expected = _tree(_SafeLoader, text)
                for _ in range(2):
                    assert _tree(_FrontMatterLoader, text) == expected, text


def test_path_resolvers_get_pyyamls_own_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from newspost import loads
    from newspost.parse.front_matter import _new_loader, _SafeLoader

    assert type(_new_loader("title: x")) is not _SafeLoader
    monkeypatch.setattr(_SafeLoader, "yaml_path_resolvers", {})  # undone after the test
    yaml.add_path_resolver("!custom", ["title"], yaml.ScalarNode, Loader=_SafeLoader)
    assert type(_new_loader("title: x")) is _SafeLoader
    with pytest.raises(FrontMatterError, match="custom"):
        loads("---\ntitle: x\n---\nBody\n")


def test_front_matter_loader_agrees_on_the_corpus() -> None:
    from helpers import corpus_yaml_front_matter
    from newspost.parse.front_matter import _FrontMatterLoader, _SafeLoader

    found = corpus_yaml_front_matter()
    for path, content in found:
        assert _tree(_FrontMatterLoader, content) == _tree(_SafeLoader, content), path
    assert len(found) > 300
