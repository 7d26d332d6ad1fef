"""Hostile input: every case ends fast, in a NewsPostError or a post, never a foreign exception."""

from __future__ import annotations

import time

import pytest

from newspost import (
    EncodingError,
    FrontMatterError,
    LimitError,
    Limits,
    NewsPostError,
    dumps,
    loads,
)
from newspost.validate import validate

BOMB = (
    "---\n"
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
    "---\nbody\n"
)


def _bounded(text: str | bytes, *, seconds: float = 60.0, **kwargs: object) -> NewsPostError | None:
    # The bound catches hangs (quadratic blow-ups), not slowness: speed is measured in bench/.
    started = time.perf_counter()
    try:
        post = loads(text, **kwargs)  # type: ignore[arg-type]
    except NewsPostError as error:
        result: NewsPostError | None = error
    else:
        result = None
        assert dumps(post) == (text if isinstance(text, str) else text.decode())
    assert time.perf_counter() - started < seconds
    return result


@pytest.mark.parametrize(
    ("name", "text", "limit"),
    [
        ("20 MB post", "a" * (20 * 2**20), "max_bytes"),
        ("100,000 nested divs", "<div>" * 100_000 + "x" + "</div>" * 100_000, "max_depth"),
        (
            "100,000-row table",
            "<table>" + "<tr><td>a</td><td>b</td></tr>" * 100_000 + "</table>",
            "max_elements",
        ),
        ("100,000 headings", "".join(f"## h{i}\n\n" for i in range(100_000)), "max_lines"),
        (
            "100,000 HTML headings on a line",
            "".join(f"<h2>h{i}</h2>" for i in range(100_000)),
            "max_elements",
        ),
        ("YAML billion laughs", BOMB, "max_yaml_nodes"),
    ],
)
def test_limits_name_themselves(name: str, text: str, limit: str) -> None:
    error = _bounded(text)
    assert isinstance(error, LimitError), name
    assert error.limit == limit and limit in error.message
    assert error.hint is not None and f"Limits({limit}=" in error.hint


def test_bytes_are_checked_before_decoding() -> None:
    error = _bounded(b"a" * 2_000, limits=Limits(max_bytes=1_000))
    assert isinstance(error, LimitError) and error.limit == "max_bytes"


def test_raising_a_limit_lets_a_trusted_file_through() -> None:
    text = "<table>" + "<tr><td>a</td></tr>" * 1_000 + "</table>"
    assert isinstance(_bounded(text, limits=Limits(max_elements=100)), LimitError)
    post = loads(text, limits=Limits(max_elements=10_000))
    assert len(post.tables[0].rows) == 1_000


def test_front_matter_size_limit() -> None:
    text = "---\ntitle: " + "x" * 5_000 + "\n---\n"
    error = _bounded(text, limits=Limits(max_front_matter_bytes=1_000))
    assert isinstance(error, LimitError) and error.line == 2


@pytest.mark.parametrize(
    "text",
    [
        "a" * 5_000_000,  # a 5 MB single line
        "<p>" + "<b>" * 100_000 + "x" + "</b>" * 100_000 + "</p>",
        "---\ntitle: a\x00b\n---\n",  # NUL in front matter
        "body with \x00 NUL bytes\x00",
        "text with bidi \u202e override \u2066 isolate",
        ">" * 100_000 + " quote",
        "---\na: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
        "".join("  " * i + "- x\n" for i in range(300)),
        "<" * 100_000,
        "&" * 100_000 + ";",
        "[" * 20_000 + "x" + "](" * 20_000,
    ],
)
def test_hostile_text_ends_in_a_post_or_our_error(text: str) -> None:
    _bounded(text)


@pytest.mark.parametrize(
    ("flavor", "text"),
    [
        # Openings that never close, each once looked for its end to the end of the text.
        ("kramdown", "{::comment}\n" * 45_000),  # under max_lines
        ("kramdown", "x " + "{::comment} " * 70_000),
        ("goldmark", "{{< figure src=x " * 50_000),
        ("goldmark", "{{< highlight go >}}\n" * 40_000),
        ("goldmark", "{{</* " * 40_000),
        ("commonmark", "[caption]" * 40_000),
        ("commonmark", "[gallery a=" * 20_000),
    ],
    ids=["kramdown-block", "kramdown-span", "figure", "highlight", "escape", "wp-close", "wp-attr"],
)
def test_unclosed_template_syntax_is_read_in_linear_time(flavor: str, text: str) -> None:
    _bounded(text, flavor=flavor)
    started = time.perf_counter()
    validate(loads(text, flavor=flavor))  # NP213 looks for WordPress's shortcodes
    assert time.perf_counter() - started < 30.0


@pytest.mark.parametrize(
    ("flavor", "text"),
    [
        # Runs of blocks each taking a line or three: CommonMark's setext heading rule,
        # tried first at each, read on to the end of the run for an underline.
        ("python-markdown", "*[HTML]: Hyper Text Markup Language\n" * 20_000),
        ("kramdown", "*[HTML]: Hyper Text Markup Language\n" * 20_000),
        ("kramdown", "{::comment}\nx\n{:/comment}\n" * 15_000),
        ("kramdown", "{::nomarkdown /}\n" * 40_000),
        # Each task found its list by walking back through every token before it.
        ("pulldown-cmark", "- [ ] task\n" * 40_000),
        ("goldmark", "- [x] done\n" * 40_000),
    ],
    ids=["abbreviations", "kramdown-abbreviations", "comments", "nomarkdown", "tasks", "done"],
)
def test_runs_of_short_blocks_are_read_in_linear_time(flavor: str, text: str) -> None:
    started = time.perf_counter()
    _bounded(text, flavor=flavor)
    assert time.perf_counter() - started < 20.0


def test_invalid_utf8_and_lone_surrogates_are_encoding_errors() -> None:
    assert isinstance(_bounded(b"ok \xc3\x28"), EncodingError)
    assert isinstance(_bounded("text \ud800 more"), EncodingError)


def test_deeply_nested_yaml_is_a_limit_error_not_a_crash() -> None:
    # libyaml builds without a nesting limit of their own overflow the C stack here.
    text = "---\na: " + "[" * 50_000 + "]" * 50_000 + "\n---\n"
    error = _bounded(text)
    assert isinstance(error, LimitError) and error.limit == "max_depth" and error.line == 2


def test_many_brackets_that_do_not_nest_deep_load() -> None:
    nested = loads("---\na: " + "[" * 20 + "]" * 20 + "\n---\n").front_matter.extra["a"]
    assert isinstance(nested, list) and len(nested) == 1
    flat = loads("---\ntitle: '" + "[x] " * 500 + "'\n---\n").front_matter.title
    assert flat is not None and flat.count("[") == 500


@pytest.mark.parametrize(
    "text",
    [
        "{\n" + '"a": ' + "[" * 5_000 + "]" * 5_000 + "\n}\nbody\n",  # past Python's recursion
        "{\n" + '"a": ' + "[" * 200 + "]" * 200 + "\n}\nbody\n",
        "---json\n{\n" + '"a": ' + "[" * 5_000 + "]" * 5_000 + "\n}\n---\nbody\n",
        "+++\na = " + "[" * 500 + "]" * 500 + "\n+++\nbody\n",  # tomllib recurses per bracket
        "+++\n[" + ".".join(["k"] * 3_000) + "]\n+++\nbody\n",  # dotted tables: no brackets
        "---\na:\n" + "".join(" " * i + "k:\n" for i in range(1, 300)) + "---\nbody\n",
        "---\na: &a [*a]\n---\nbody\n",  # an alias inside its own anchor: no end at all
    ],
    ids=["json", "json-200", "json-dashes", "toml", "toml-tables", "yaml-blocks", "yaml-cycle"],
)
def test_front_matter_nested_too_deep_is_a_limit_error_in_every_format(text: str) -> None:
    # These ended in RecursionError from json, tomllib or the model's copy of the
    # values, or loaded and then failed in the JSON writer.
    error = _bounded(text)
    assert isinstance(error, LimitError) and error.limit == "max_depth", error


def test_front_matter_nesting_up_to_the_limit_loads_in_every_format() -> None:
    brackets = "[" * 99 + "]" * 99
    for text in (
        f'{{\n"a": {brackets}\n}}\nbody\n',
        f"+++\na = {brackets}\n+++\nbody\n",
        "---\na:\n" + "".join(" " * i + "k:\n" for i in range(1, 100)) + "---\nbody\n",
    ):
        assert _bounded(text) is None


def test_json_front_matter_with_a_number_python_cannot_read_is_a_front_matter_error() -> None:
    error = _bounded('{\n"title": "Hi", "n": ' + "9" * 5_000 + "\n}\nbody\n")
    assert isinstance(error, FrontMatterError) and error.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "a | b\n" * 20_000,  # 20,000 rows
        "|" * 200_000,  # a row of 200,000 cells
        "| " + "x |" * 10_000 + "\n" + "|\n" * 20_000,  # short rows filled up to the widest
        # What kramdown looks through a table for: code spans whose closing run of
        # backticks is nowhere (long to short), span HTML never closed, quotes never
        # closed, IAL lines above rows that are not at a block boundary.
        "x |" + "".join("`" * n + " " for n in range(2_000, 0, -1)),
        "x | " + "<span>|" * 100_000,
        "x | " + '<a title="|' * 100_000,
        "x | " + "<!--|" * 100_000,
        "p\n" + "{: .x}\n| a |\n" * 20_000,
    ],
    ids=["rows", "cells", "filling", "backticks", "span-html", "quotes", "comments", "ials"],
)
def test_kramdown_tables_are_read_in_linear_time(text: str) -> None:
    _bounded(text, flavor="kramdown")


def test_a_date_mapping_of_many_keys_is_read_in_linear_time() -> None:
    # Each key's line was looked for in a pass of its own over the mapping.
    text = "---\ndate:\n  created: 2024-01-01\n" + "".join(f"  k{i}: 1\n" for i in range(20_000))
    started = time.perf_counter()
    post = loads(text + "---\nBody\n", path="docs/blog/posts/a.md")
    assert time.perf_counter() - started < 10.0
    assert (post.raw.key_lines["date"], post.raw.key_lines["date.k19999"]) == (3, 20_003)
