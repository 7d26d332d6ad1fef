"""The faster ways of reading front matter find what the plain ways find."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newspost import loads
from newspost.errors import FrontMatterError
from newspost.parse.front_matter import composed_yaml, split
from newspost.validate import Context, Options
from newspost.validate._engine import BATCH_SIZE

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


# The loader the parser and the rules compose with (libyaml's, when PyYAML has it).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _node_shape(node: yaml.Node) -> object:
    """What a rule reads of a YAML node tree: kinds, tags, values, styles and marks."""
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.MappingNode):
        pairs = [(_node_shape(key), _node_shape(value)) for key, value in node.value]
        return ("mapping", node.tag, pairs, marks)
    return ("sequence", node.tag, [_node_shape(item) for item in node.value], marks)


@pytest.mark.parametrize(
    "front",
    [
        "title: 제목\ncategories:\n  - News\nimage: https://a.kr/x.png?w=1\n",
        "title: T\ndate: 2024-06-12 10:00:00\ntags: [a, b]\ncount: 3\nmeta:\n  x: y\n",
    ],
)
def test_a_loaded_posts_yaml_tree_is_reused_as_compose_makes_it(front: str) -> None:
    post = loads(f"---\n{front}---\nText.\n", path="post.md")
    kept = composed_yaml(post.raw.front_matter_text)
    assert kept is not None
    fresh = yaml.compose(post.raw.front_matter_text, Loader=_SAFE_LOADER)
    assert _node_shape(kept) == _node_shape(fresh)
    assert Context(post, Options()).yaml_root is kept  # composed once, by the parser


@pytest.mark.parametrize("front", ["base: &b {x: 1}\nmerged:\n  <<: *b\n", "=: value\nt: x\n"])
def test_a_tree_the_constructor_rewrote_is_not_reused(front: str) -> None:
    # PyYAML's constructor rewrites merge ("<<") and value ("=") keys in their nodes.
    post = loads(f"---\n{front}---\nText.\n", path="post.md")
    assert composed_yaml(post.raw.front_matter_text) is None
    root = Context(post, Options()).yaml_root
    assert root is not None
    fresh = yaml.compose(post.raw.front_matter_text, Loader=_SAFE_LOADER)
    assert _node_shape(root) == _node_shape(fresh)


def test_the_trees_of_a_whole_checking_batch_are_kept() -> None:
    # The checker loads BATCH_SIZE posts, then validates them: none of their trees is gone.
    texts = [f"---\ntitle: Post {number}\n---\nText.\n" for number in range(BATCH_SIZE)]
    posts = [loads(text, path=f"{number}.md") for number, text in enumerate(texts)]
    assert all(composed_yaml(post.raw.front_matter_text) is not None for post in posts)
