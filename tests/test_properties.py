"""Property tests: round trips hold for any text that parses."""

from __future__ import annotations

import json
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newspost import NewsPostError, Post, dumps, loads

keys = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12)
scalars = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.one_of(scalars, st.lists(st.text(max_size=10), max_size=4))
mappings = st.dictionaries(keys, values, max_size=8)
body_pieces = st.sampled_from(
    [
        "## Heading\n",
        "<h2>Html <b>heading</b></h2>\n",
        "Some *text* with a [link](https://e.example/a).\n",
        "<p>&nbsp;</p>\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "<table><tr><td><b>h</b></td></tr><tr><td>x</td></tr></table>\n",
        '출처: <a href="httpss://n.kr/1" rel="dofollow">기사</a> | 뉴스\n',
        "- item\n- item\n",
        "{% include x.html %}\n",
        "---\n",
        "\n",
        "<div>\n\n**x**\n\n</div>\n",
        "\r\n",
        "<!--more-->\n",
        "![alt](/a.png)\n",
    ]
)
bodies = st.lists(st.one_of(body_pieces, st.text(max_size=30)), max_size=12).map("".join)


def _document(mapping: dict[str, object], body: str) -> str:
    front = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False) if mapping else ""
    return f"---\n{front}---\n{body}"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mappings, bodies)
def test_markdown_round_trip_is_exact(mapping: dict[str, object], body: str) -> None:
    text = _document(mapping, body)
    try:
        post = loads(text)
    except NewsPostError:
        return  # a value newspost rejects (for example a title that is a list) is fine
    assert dumps(post) == text


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mappings, bodies)
def test_json_round_trip_is_exact(mapping: dict[str, object], body: str) -> None:
    try:
        post = loads(_document(mapping, body))
    except NewsPostError:
        return
    assert Post.model_validate_json(post.model_dump_json()) == post


def _refuse(constant: str) -> object:
    raise AssertionError(f"{constant} is not JSON")


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(keys, st.one_of(st.floats(), st.lists(st.floats(), max_size=3))), bodies)
def test_json_is_json_proper_whatever_the_numbers(mapping: dict[str, object], body: str) -> None:
    """YAML's .inf and .nan are no JSON numbers: never null, never bare NaN or Infinity."""
    text = _document(mapping, body)
    try:
        post = loads(text)
    except NewsPostError:
        return
    written = post.model_dump_json()
    json.loads(written, parse_constant=_refuse)
    assert Post.model_validate_json(written) == post
    assert dumps(post) == text


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    mappings,
    bodies,
    st.text(min_size=1, max_size=60).filter(lambda t: t.strip() == t and t.strip()),
)
def test_editing_the_title_changes_only_the_title(
    mapping: dict[str, object], body: str, title: str
) -> None:
    text = _document(mapping, body)
    try:
        post = loads(text)
    except NewsPostError:
        return
    edited = loads(dumps(post.with_front_matter(title=title)))
    assert edited.front_matter.title == title
    assert edited.front_matter.model_dump(exclude={"title"}) == post.front_matter.model_dump(
        exclude={"title"}
    )
    assert edited.body == post.body


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_raises_our_error(text: str) -> None:
    try:
        post = loads(text)
    except NewsPostError:
        return
    assert dumps(post) == text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_raise_our_error(data: bytes) -> None:
    try:
        post = loads(data)
    except NewsPostError:
        return
    assert dumps(post).encode("utf-8") == data
