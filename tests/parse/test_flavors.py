"""The flavor seam: `tokenize` gives what the flavor's markdown-it parser gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from helpers import CORPUS, corpus_files
from newspost.parse.flavors import get_markdown, liquid, tokenize

# Lines that make the kramdown HTML-block rule take, refuse or stop: block and
# inline tags, closes on the same or later lines, Markdown that may swallow what
# follows (fences, lists, quotes, indented code), blank and whitespace-only lines.
_LINES = [
    "<p>text</p>",
    "<p data-ke-size='size16'>one <b>two</b></p>",
    "<p>open",
    "</p>",
    "<div>",
    "</div>",
    '<div markdown="1">',
    "<table>",
    "<tr><td>a</td></tr>",
    "</table>",
    "<h2>Title</h2><p>after",
    "<hr>",
    "<hr />",
    '<img src="a.png">',
    "<custom-tag>",
    "<div",
    "<?php ?>",
    "<![CDATA[ x ]]>",
    "<textarea>",
    "<br/>",
    "<span>inline</span>",
    "<pre>",
    "</pre>",
    "<script>x()</script>",
    "<!-- comment -->",
    "<p/>",
    "<P>upper</P>",
    "<p-x>dashed name</p-x>",
    "<div\tclass='a'>",
    "<p>a<p>nested</p></p>",
    "<ul><li>item",
    "</li></ul>",
    "## heading",
    "- item",
    "  - nested",
    "> quote",
    "```",
    "    indented <p>code</p>",
    "\t<p>tab</p>",
    "   <p>three</p>",
    "a | b",
    "---|---",
    "[ref]: https://example.org",
    "plain text",
    "<p>carriage\rreturn</p>",
    "<p>nul\0</p>",
    "",
    "   ",
    " \t",
]


def _tokens(tokens: list[Token]) -> list[tuple[object, ...]]:
    return [
        (t.type, t.map, t.content, t.level, t.block, t.nesting, t.hidden, t.markup) for t in tokens
    ]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(_LINES), max_size=14),
    st.sampled_from(["\n", "", "\r\n", "\r"]),
    st.sampled_from(["kramdown", "goldmark", "commonmark"]),
)
def test_tokenize_is_markdown_it(lines: list[str], end: str, flavor: str) -> None:
    text = end.join(lines) + end if end else "\n".join(lines)
    expected = get_markdown(flavor).parse(text, {})
    got = tokenize(flavor, text, {})
    assert _tokens(got) == _tokens(expected)
    renderer = get_markdown(flavor).renderer
    options = get_markdown(flavor).options
    assert renderer.render(got, options, {}) == renderer.render(expected, options, {})


def test_tokenize_is_markdown_it_on_the_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip(f"the corpus is not at {CORPUS}")
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
        body = liquid(text)
        assert _tokens(tokenize("kramdown", body, {})) == _tokens(
            get_markdown("kramdown").parse(body, {})
        ), path


def test_tokenize_keeps_a_repeated_tail_but_hands_out_copies() -> None:
    # The promo line after a body's HTML repeats from post to post: its parse is kept.
    text = '<p>Article.</p>\n\n생생한 뉴스, <a href="https://example.org">example.org</a>\n'
    expected = _tokens(get_markdown("kramdown").parse(text, {}))
    first = tokenize("kramdown", text, {})
    assert _tokens(first) == expected
    inline = first[-2]
    assert inline.type == "inline" and inline.children and inline.map
    inline.children[0].content = "changed"
    inline.map[0] = 99
    second = tokenize("kramdown", text, {})
    assert _tokens(second) == expected
    assert second[-2].children is not None
    assert second[-2].children[0].content == "생생한 뉴스, "


def test_tokenize_fills_env_with_references_every_time() -> None:
    text = "<p>Article.</p>\n\nSee [the story][s].\n\n[s]: https://example.org/story\n"
    md = get_markdown("kramdown")
    for _ in range(2):
        env: dict[str, object] = {}
        tokens = tokenize("kramdown", text, env)
        assert "references" in env
        assert 'href="https://example.org/story"' in md.renderer.render(tokens, md.options, env)
