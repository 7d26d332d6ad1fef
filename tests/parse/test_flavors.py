"""The flavor seam: `tokenize` gives what the flavor's markdown-it parser gives."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from helpers import CORPUS, corpus_files
from newspost.parse import flavors
from newspost.parse.flavors import _kramdown, _pipeline, get_markdown, liquid, tokenize

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
    "- [ ] task",
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
    st.sampled_from(
        ["kramdown", "goldmark", "remark", "mdx", "marked", "markdown-it", "commonmark"]
    ),
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


# Lines for the one-line fast path of the leading-HTML cut: a tag opening the
# line, closed on it or not, with what may make _html_block_end read on: tags in
# either case, nested, self-closing, markdown attributes, characters whose case
# folding differs between a pattern's literal and a back-reference (the long s,
# the Kelvin sign), and stray "<" before or after the close.
_TAGS = ["p", "section", "table", "hr", "P", "p-x"]
_ATTRIBUTES = ["", ' markdown="1"', "/", ' t="<p>"']
_INNER = ["x", "<b>", "</b>", "<p>", "</p>", "<P >", "<ſection>", "<tabl\u212a>", "<", "<hr>"]
_REST = ["", " y", "<b>", " <"]


def _one_line_candidates() -> Iterator[str]:
    inner = [""] + _INNER + [a + b for a in _INNER for b in _INNER]
    for tag, attributes, bracket, middle, rest in itertools.product(
        _TAGS, _ATTRIBUTES, [">", ""], inner, _REST
    ):
        for close in dict.fromkeys([tag, tag.upper(), "p", ""]):
            yield f"<{tag}{attributes}{bracket}{middle}{f'</{close}>' if close else ''}{rest}"


def test_one_line_blocks_end_where_html_block_end_ends_them() -> None:
    # Every line the pattern takes, _html_block_end ends after that line too, and
    # the next line (which closes what may be open) changes nothing.
    taken = 0
    for line in _one_line_candidates():
        src = f"{line}\nz</p></P></section></table>\n"
        ends = [len(line), len(src) - 1, len(src)]
        match = _pipeline._one_line_block_pattern().match(src, 0, len(line) + 1)
        if match is not None:
            taken += 1
            assert _kramdown._html_block_end(src, 0, ends, 0, 2) == 1, line
            assert match[0] == line + "\n"
    assert taken > 500  # the pattern is tried, not refused everywhere


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(list(itertools.islice(_one_line_candidates(), 0, None, 7))),
            st.sampled_from(_LINES),
        ),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_one_line_blocks_are_cut_as_the_long_way_cuts_them(
    lines: list[str], final_newline: bool
) -> None:
    src = "\n".join(lines) + ("\n" if final_newline else "")
    fast = _pipeline._leading_html_blocks(src, commonmark_html=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_pipeline, "_one_line_block_pattern", lambda: re.compile(r"(?!)"))
        slow = _pipeline._leading_html_blocks(src, commonmark_html=True)
    assert fast == slow


def test_one_line_blocks_take_the_fast_path_only_where_it_is_sure() -> None:
    def fast(line: str) -> bool:
        src = line + "\n"
        return _pipeline._one_line_block_pattern().match(src, 0, len(src)) is not None

    assert fast('<p data-ke-size="size16">text <b>bold</b> <a href="x">a</a></p>')
    assert fast("<h2>Title</h2> trailing text")
    assert fast("<p>a<div>b</div></p>")  # another block tag inside: not this tag's close
    # Left to _html_block_end: each of these needs its nesting, case, lines or attributes read.
    assert not fast("<p>a<p>nested</p></p>")
    assert not fast("<P>upper</P>")
    assert not fast("<p>a</P>")
    assert not fast("<section>a<ſection>b</section>")
    assert not fast('<div markdown="1">x</div>')
    assert not fast("<p/>x</p>")
    assert not fast("<hr>")
    assert not fast("<p>open")
    assert not fast("<p>a</p><p>b")
    assert not fast(" <p>indented</p>")
    assert not fast('<p title="<p>">x</p>')


def test_one_line_blocks_cost_linear_time_on_long_lines() -> None:
    # Each "<" is taken by one alternative only: no line makes the pattern backtrack
    # more than once over a character, so a hostile line is as cheap as its length.
    # The bound catches a quadratic blow-up (hours at this length), not slowness:
    # speed is measured in bench/.
    for line in ("<p>" + "<b>x" * 200_000, "<p " + "arkdow" * 100_000 + ">", "<p>" + "<" * 200_000):
        src = line + "\n"
        started = time.perf_counter()
        assert _pipeline._one_line_block_pattern().match(src, 0, len(src)) is None
        assert time.perf_counter() - started < 30.0


# Lines that open (or nearly open) each rule `_dead_rules` may leave out, at a
# line's start and after block prefixes (indentation, list markers, quotes).
_MARKDOWN_LINES = [
    "plain text with <b>html</b> & entities &amp;",
    "```",
    "~~~ info",
    "`` code ``",
    "a `code` span",
    "~~struck~~ and ~single~",
    "    indented code",
    "\tcode after a tab",
    "  two spaces",
    "> quote",
    ">quote",
    "- > quoted item",
    "1. > quoted item",
    "1) [ref]: /url",
    " - - > deep",
    "[ref]: /url 'title'",
    "[ref]",
    "see [ref] and [x](/y)",
    "  [indented]: /url",
    "> [quoted]: /url",
    "escaped \\* star",
    "line with a break\\",
    "a note[^1] and [^two]",
    "[^1]: the note",
    "[^two]: another",
    "    continued note",
    "> [^1]: quoted note",
    "{::comment}",
    "{:/}",
    "{::options a='b' /} and {::comment}x{:/comment}",
    "*[HTML]: Hyper Text",
    "^",
    "a | b",
    "--|--",
    "---",
    "***",
    "- item",
    "- [ ] task",
    "10. item",
    "# heading",
    "text",
    "===",
    "<div>",
    "<p>html</p>",
    "",
    "   ",
]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(_MARKDOWN_LINES), max_size=10),
    st.sampled_from(["kramdown", "goldmark", "commonmark"]),
)
def test_parsing_without_dead_rules_gives_markdown_it_s_tokens(
    lines: list[str], flavor: str
) -> None:
    text = "\n".join(lines)
    md = get_markdown(flavor)
    expected_env: dict[str, object] = {}
    expected = md.parse(text, expected_env)
    env: dict[str, object] = {}
    assert _pipeline._parse(md, text, env) == expected
    assert env == expected_env


def test_dead_rules_are_those_whose_opening_is_nowhere() -> None:
    dead = _pipeline._dead_rules
    everything = {
        "fence",
        "code",
        "blockquote",
        "reference",
        "backticks",
        "strikethrough",
        "escape",
        "kramdown_extension",
        "kramdown_span_extension",
        "kramdown_abbreviation",
        "kramdown_end_of_block",
        "kramdown_table",
        "kramdown_math",
        "footnote_def",
        "footnote_ref",
        "hugo_shortcode_call",
        "fenced_container",
        "definition_list",
    }
    assert dead("<p>text & more > less</p>\n\n**bold** [link](/x)\n") == everything
    assert "kramdown_math" not in dead("costs $$x$$") and "kramdown_math" in dead("$5")
    assert "hugo_shortcode_call" not in dead("a {{<b>}}")
    assert not {"footnote_def", "footnote_ref"} & dead("a[^1]\n\n[^1]: note\n")
    assert "fence" not in dead("a\n~~~\n")
    assert "code" not in dead("- a\n\n      code\n")
    assert "blockquote" not in dead("> a")
    assert "blockquote" not in dead("a\n 1. > b")
    assert "blockquote" in dead("a > b\n<p>c</p>")
    assert "reference" not in dead("[a]: /b")
    assert "reference" not in dead("x\n- [a]: /b")
    assert "reference" in dead("see [a]: /b")
    assert "kramdown_table" not in dead("a | b")
    assert "fenced_container" not in dead("a\n:::tip\nb\n:::\n")
    assert "definition_list" not in dead("Term\n: definition\n")
    assert "definition_list" not in dead("- Term\n\n  : definition\n")
    assert "definition_list" in dead(": not after a term\nTime: 10:00\n")
    assert dead("a\r> b") == frozenset()  # not normalized: nothing is sure


def test_a_pruned_parser_leaves_its_flavor_alone() -> None:
    md = get_markdown("kramdown")
    before = md.get_active_rules()
    pruned = _pipeline._pruned(md, frozenset({"fence", "backticks", "strikethrough"}))
    assert pruned is not md
    assert md.get_active_rules() == before
    active = pruned.get_active_rules()
    assert "fence" not in active["block"] and "fence" in before["block"]
    assert "strikethrough" not in active["inline"] and "strikethrough" not in active["inline2"]
    assert pruned.options is md.options and pruned.core is md.core
    assert _pipeline._pruned(md, frozenset({"fence", "backticks", "strikethrough"})) is pruned


def test_a_parser_with_rules_of_its_own_is_not_pruned() -> None:
    def custom(state: object, silent: bool) -> bool:
        return False

    md = MarkdownIt("commonmark", {"html": True})
    md.inline.ruler.push("custom", custom)
    assert _pipeline._pruned(md, frozenset({"fence"})) is md
    # markdown-it's own function under another rule's name is not that rule either.
    renamed = MarkdownIt("commonmark", {"html": True})
    renamed.block.ruler.at("fence", renamed.block.ruler.__rules__[1].fn)
    assert _pipeline._pruned(renamed, frozenset({"fence"})) is renamed


@pytest.mark.parametrize(
    ("body", "generator"),
    [
        # Tags shown as examples, in code or Liquid's raw blocks, say nothing.
        ("{% include a.html %}\n\n```\n{{< youtube id >}}\n```\n", "jekyll"),
        ('Write `{{< ref "a.md" >}}` to link.\n', None),
        ("~~~~\n{{< x >}}\n~~~~\n\n    indented\n", None),
        ('{% raw %}\n{{< figure src="a.png" >}}\n{% endraw %}\n', "jekyll"),
        ("```liquid\n{% if x %}\n```\n", None),
        # Tags outside code still count, before or after an example.
        ("```\n{% include a %}\n```\n\n{{< youtube id >}}\n", "hugo"),
        ("`a`\n\n{% include a %}\n", "jekyll"),
        ("a `b\n\n{{< x >}} `\n", "hugo"),  # a code span does not cross a blank line
        ("```\nnever closed {{< x >}}\n", None),
    ],
)
def test_generator_tags_in_code_are_examples(body: str, generator: str | None) -> None:
    assert flavors.detect_generator(body) == generator


@pytest.mark.parametrize(
    ("front_matter", "body", "path", "generator"),
    [
        # Zola's own tables, in TOML or (Zola 0.19) YAML front matter.
        ('title = "T"\n\n[taxonomies]\ntags = ["a"]\n', "", "content/a.md", "zola"),
        ('title = "T"\n[extra]\nauthor = "K"\n', "", None, "zola"),
        ("title: T\ntaxonomies:\n  tags: [a]\n", "", None, "zola"),
        # Its shortcodes, outside code.
        ("", '{{ youtube(id="x") }}\n', None, "zola"),
        ("", "{% note() %}\nA note.\n{% end %}\n", None, "zola"),
        ("", 'Write `{{ youtube(id="x") }}` to embed.\n', "content/a.md", "hugo"),
        # Keys that only sound like the tables, and Liquid, are not Zola's.
        ('title = "T"\nextra = "x"\n[params]\ntaxonomy = 1\n', "", None, "hugo"),
        ("title: T\nextra: x\n", "{% if x %}a{% endif %}\n", None, "jekyll"),
        # A Jekyll folder says more than anything else.
        ("title: T\ntaxonomies:\n  tags: [a]\n", "", "_posts/2024-01-01-a.md", "jekyll"),
    ],
)
def test_zola_posts_are_told_from_hugo_and_jekyll(
    front_matter: str, body: str, path: str | None, generator: str
) -> None:
    fmt = "yaml" if ": " in front_matter and " = " not in front_matter else "toml"
    found = flavors.detect_generator(
        body,
        path=path,
        front_matter_format=fmt if front_matter else "none",
        front_matter=front_matter,
    )
    assert found == generator
    if generator == "zola":
        # Zola renders with pulldown-cmark: CommonMark, tables, heading attributes, no linkify.
        assert (
            flavors.detect_flavor(
                body, path=path, front_matter_format=fmt, front_matter=front_matter
            )
            == "pulldown-cmark"
        )


def test_a_jekyll_post_showing_a_shortcode_is_read_as_kramdown() -> None:
    from newspost import loads, validate

    text = "---\ntitle: T\n---\n{% include note.html %}\n\n```\n{{< youtube id >}}\n```\n"
    post = loads(text, path="posts/a.md")
    assert post.flavor == "kramdown"
    assert [i for i in validate(post).issues if i.code == "NP213"] == []


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("## Install {#install}", "Install"),
        ('## Install {#install .wide data-x="1"}', "Install"),
        ("## Install {: .wide}", "Install"),
        ("Install {#install}\n-------", "Install"),
        ("## Sets {a, b}", "Sets {a, b}"),  # not an attribute list
        ("## `{#id}` in code", "{#id} in code"),
    ],
)
def test_heading_attributes_are_not_in_the_title(flavor: str, heading: str, title: str) -> None:
    from newspost import loads

    post = loads(f"{heading}\n\nText.\n", flavor=flavor)
    assert [section.title for section in post.sections] == [title]


# A Zola research site's content/projects/mimosa.md (cut): Zola's pulldown-cmark reads a
# heading's attribute list, task lists and footnotes, and no bare address as a link.
ZOLA_POST = """+++
title = "MIMOSA: Multi-Modal SLAM for Resilient Autonomy"

[taxonomies]
tags = ["Autonomy", "Publications"]
+++

{{ youtube(id="QDaqS7rL7kA") }}

### Abstract {#abstract}
A framework for Multi-Modal SLAM[^1], see https://doi.org/10.1109/IROS47612.2022.9981108.

- [x] pointcloud registration

#### [Paper Link](https://doi.org/10.1109/IROS47612.2022.9981108) • [Code] {.centered-text}

[Code]: https://github.com/ntnu-arl/mimosa
[^1]: Simultaneous localization and mapping.
"""


def test_a_zola_post_is_read_as_pulldown_cmark_reads_it() -> None:
    from newspost import loads

    post = loads(ZOLA_POST, path="content/projects/mimosa.md")
    assert (post.flavor, post.raw.generator) == ("pulldown-cmark", "zola")
    assert [s.title for s in post.walk_sections()] == ["Abstract", "Paper Link • Code"]
    assert [link.url for link in post.links] == [
        "#fn1",  # the footnote's reference and its way back
        "https://doi.org/10.1109/IROS47612.2022.9981108",
        "https://github.com/ntnu-arl/mimosa",
        "#fnref1",
    ]  # the bare address in the text is no link
    assert "[^1]" not in post.text and "[x]" not in post.text
    assert loads(ZOLA_POST, flavor="pulldown-cmark").raw.generator == "zola"


# A Zola blog's content/posts/baikal-caldav.md (cut): the site's own image shortcodes.
ZOLA_IMAGES = """+++
title = "CalDav/CardDav server with Baïkal"
date = 2021-05-28
+++

There, set a password for the admin account.

{{ resize_image(path="images/db-pic.png", width=800, height=800, op="fit") }}

<center> {{ image(src="images/users.png", alt="The user tab") }} </center>

{{ youtube(id="dQw4w9WgXcQ") }}

```
{{ resize_image(path="shown-in-code.png") }}
```
"""


def test_a_zola_image_shortcode_is_an_image() -> None:
    from newspost import dumps, loads

    post = loads(ZOLA_IMAGES, path="content/posts/baikal-caldav.md")
    assert [(image.src, image.alt) for image in post.images] == [
        ("images/db-pic.png", None),
        ("images/users.png", "The user tab"),
    ]
    assert post.lead[1].kind == "image" and post.lead[1].line == 8
    assert "shown-in-code.png" in post.lead[-1].text  # type: ignore[union-attr]
    assert dumps(post) == ZOLA_IMAGES


# A zh-TW Hugo blog's content/post/aws-lift-and-shift/index.md (cut), and blog.ledez.net's
# 2015 post: lines right under a figure shortcode are Markdown, as Hugo puts the figure in
# only after Goldmark has run.
HUGO_FIGURE_THEN_TEXT = """---
title: "AWS 筆記-專案轉移至雲端"
---

## Original Application Stack
* Tomcat
* Mysql
{{< figure src="images/origin-arch.drawio.png" width="30%" >}}
## 移轉目標
* EC2

{{< figure src="/images/2015/05/Postfix_logo-300x159.png" title="Postfix" >}}
Aujourd'hui, j'ai reçu un **joli** [phishing](https://example.org/phishing).
"""


def test_the_lines_under_a_hugo_figure_are_markdown() -> None:
    from newspost import dumps, loads

    post = loads(HUGO_FIGURE_THEN_TEXT, path="content/post/aws-lift-and-shift/index.md")
    assert [s.title for s in post.sections] == ["Original Application Stack", "移轉目標"]
    blocks = post.sections[1].blocks
    assert [(b.kind, b.line) for b in blocks] == [
        ("list", 10),
        ("image", 12),
        ("paragraph", 13),
    ]
    assert blocks[2].text == "Aujourd’hui, j’ai reçu un joli phishing."  # type: ignore[union-attr]
    assert [link.url for link in post.links] == ["https://example.org/phishing"]
    assert [image.src for image in post.images] == [
        "images/origin-arch.drawio.png",
        "/images/2015/05/Postfix_logo-300x159.png",
    ]
    assert dumps(post) == HUGO_FIGURE_THEN_TEXT


def test_commonmark_keeps_heading_braces_as_text() -> None:
    from newspost import loads

    post = loads("## Install {#install}\n", flavor="commonmark")
    assert post.sections[0].title == "Install {#install}"


def test_kramdown_ials_are_not_text() -> None:
    from newspost import loads

    body = (
        "{:#first}\nA paragraph.\n\nAnother one.\n{: .note #second}\n\n"
        '* a\n* b\n{: .fancy}\n\n![alt](a.png){: .center width="50%"} and text.\n\n'
        "```\n{: .kept-in-code}\n```\n\nText with `{: .code}` span.\n"
    )
    post = loads(body, flavor="kramdown")
    assert [(block.kind, block.line) for block in post.lead] == [
        ("paragraph", 2),
        ("paragraph", 4),
        ("list", 7),
        ("image", 11),  # an image with text beside it: the text is its caption
        ("code", 13),
        ("paragraph", 17),
    ]
    assert post.text.splitlines() == [
        "A paragraph.",
        "Another one.",
        "a",
        "b",
        "and text.",
        "{: .kept-in-code}",
        "Text with {: .code} span.",
    ]
    # Goldmark has no IALs: the same text stays.
    assert "{: .note #second}" in loads(body, flavor="goldmark").text


def test_a_kramdown_span_ial_may_wrap_to_the_next_line() -> None:
    from newspost import loads

    # ruby/www.ruby-lang.org, en/news/_posts/2006-11-03-CVE-2006-5467.md (cut).
    text = (
        '---\nlayout: news_post\ntitle: "DoS Vulnerability in CGI Library"\n---\n\n'
        "### References\n\n"
        "* [ \\[SEC\\] Mongrel Temporary Fix For cgi.rb 99% CPU DoS Attack][3]{:\n"
        '  lang="Mongrel"}\n\n\n\n'
        "[3]: http://rubyforge.org/pipermail/mongrel-users/2006-October/001946.html \n"
    )
    post = loads(text, path="_posts/2006-11-03-CVE-2006-5467.md")
    assert [(s.title, s.publisher) for s in post.sources] == [
        ("[SEC] Mongrel Temporary Fix For cgi.rb 99% CPU DoS Attack", None)
    ]
    assert "lang=" not in post.text


def test_an_octopress_linkable_title_heading_shows_its_words() -> None:
    from newspost import loads

    # home-assistant/home-assistant.io, source/_posts/2015-05-09-utc-time-zone-
    # awareness.markdown (cut).
    text = (
        '---\nlayout: post\ntitle: "UTC & Time zone awareness"\n---\n\n'
        "### {% linkable_title Backwards incompatible stuff %}\n\n"
        "All built-in components have been upgraded.\n"
    )
    post = loads(text, path="source/_posts/2015-05-09-utc-time-zone-awareness.markdown")
    assert [section.title for section in post.sections] == ["Backwards incompatible stuff"]


def test_kramdown_extensions_are_not_ials() -> None:
    from newspost import loads

    post = loads('{::options parse_block_html="true" /}\n\nText {:/} here.\n', flavor="kramdown")
    assert "Text {:/} here." in post.text


_EXTENSIONS = (
    "Intro.\n\n{::comment}\nhidden one\n\nhidden two\n{:/comment}\n\n"
    "After {::comment}inline{:/comment} text, {::nomarkdown}<b>raw</b>{:/} and "
    '{::options auto_ids="false" /}end.\n\n'
    "{::nomarkdown}\n*raw* <i>html</i>\n{:/nomarkdown}\n\n"
    '{::nomarkdown type="latex"}\n\\LaTeX\n{:/}\n\n'
    "{::comment}\nnever closed\n\nEnd.\n"
)


def test_kramdown_extensions_show_what_kramdown_outputs() -> None:
    from newspost import dumps, loads

    post = loads(_EXTENSIONS, flavor="kramdown")
    assert dumps(post) == _EXTENSIONS
    # A comment (block or span) and options show nothing; a nomarkdown body is
    # output unread, for HTML only; an extension never closed is text.
    assert [(block.kind, block.text, block.line) for block in post.lead] == [
        ("paragraph", "Intro.", 1),
        ("paragraph", "After text, raw and end.", 9),
        ("paragraph", "*raw* html", 11),
        ("paragraph", "{::comment} never closed", 19),
        ("paragraph", "End.", 22),
    ]
    assert "<b>raw</b>" in post.lead[1].html  # type: ignore[union-attr]
    # Goldmark has no extensions: they stay text.
    assert "hidden one" in loads(_EXTENSIONS, flavor="goldmark").text


_DEFINITIONS_AND_MARKERS = (
    "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n\n"
    "* one\n* two\n^\n* three\n\nPara one\n^\nPara two\n\n> quote\n^\n\n"
    "   ^\n\nEnd *[x]: y\n"
)


def test_kramdown_abbreviations_and_end_of_block_markers_show_nothing() -> None:
    from newspost import dumps, loads

    post = loads(_DEFINITIONS_AND_MARKERS, flavor="kramdown")
    assert dumps(post) == _DEFINITIONS_AND_MARKERS
    # An abbreviation definition marks the word up where it is used, and shows
    # nothing; "^" ends the block above it, so the lists and paragraphs are two.
    assert [(block.kind, block.text, block.line) for block in post.lead] == [
        ("paragraph", "The HTML spec.", 1),
        ("list", "one\ntwo", 5),
        ("list", "three", 8),
        ("paragraph", "Para one", 10),
        ("paragraph", "Para two", 12),
        ("quote", "quote", 14),
        ("paragraph", "^", 17),  # indented: not a marker
        ("paragraph", "End *[x]: y", 19),
    ]
    goldmark = loads(_DEFINITIONS_AND_MARKERS, flavor="goldmark").text
    assert "*[HTML]: Hyper Text Markup Language" in goldmark
    assert "Para one ^ Para two" in goldmark


_NOTES = (
    "## One\n\nText[^1] and more[^note].\n\n[^1]: First note.\n"
    "[^note]: Second\n    continued.\n\n## Two\n\nLast paragraph.\n"
)


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
def test_footnotes_are_a_list_after_the_last_block(flavor: str) -> None:
    from newspost import dumps, loads

    post = loads(_NOTES, flavor=flavor)
    assert dumps(post) == _NOTES
    first, second = post.sections
    assert [(block.kind, block.text) for block in first.blocks] == [  # type: ignore[union-attr]
        ("paragraph", "Text[1] and more[2].")
    ]
    # As both sites render them: a rule, then the notes, numbered, with a link back.
    kinds = [(block.kind, block.line) for block in second.blocks]
    assert kinds == [("paragraph", 11), ("rule", 5), ("list", 5)]
    notes = second.blocks[-1]
    assert [item.text for item in notes.items] == [  # type: ignore[union-attr]
        "First note. ↩︎",
        "Second continued. ↩︎",
    ]
    assert [link.url for link in first.blocks[0].links] == ["#fn1", "#fn2"]  # type: ignore[union-attr]


def test_commonmark_and_unused_notes_stay_text() -> None:
    from newspost import loads

    assert "Text[^1] and more[^note]." in loads(_NOTES, flavor="commonmark").text
    # A reference without a definition is text in every flavor, as on the sites.
    assert loads("A claim[^9].\n", flavor="kramdown").text == "A claim[^9]."
    # pandoc's inline notes are neither kramdown's nor Goldmark's.
    assert loads("Inline^[note].\n", flavor="goldmark").text == "Inline^[note]."


_TASKS = "Todo:\n\n- [ ] write\n- [x] read\n- plain [ ] box\n\n1. [X] numbered\n"


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
def test_task_list_boxes_are_checkboxes_not_text(flavor: str) -> None:
    from newspost import loads

    post = loads(_TASKS, flavor=flavor)
    tasks, numbered = post.lead[1:]
    # As Hugo (taskList) and Jekyll (kramdown's GFM parser) render them: a disabled
    # checkbox, then the item's text; a box later in an item stays text.
    assert [item.text for item in tasks.items] == ["write", "read", "plain [ ] box"]  # type: ignore[union-attr]
    assert [item.text for item in numbered.items] == ["numbered"]  # type: ignore[union-attr]
    assert 'type="checkbox"' in tasks.items[0].html  # type: ignore[union-attr]
    assert "checked" in tasks.items[1].html  # type: ignore[union-attr]
    assert "checked" not in tasks.items[0].html  # type: ignore[union-attr]


def test_commonmark_task_boxes_stay_text() -> None:
    from newspost import loads

    post = loads(_TASKS, flavor="commonmark")
    assert [item.text for item in post.lead[1].items] == [  # type: ignore[union-attr]
        "[ ] write",
        "[x] read",
        "plain [ ] box",
    ]


_HIGHLIGHT = (
    "Code:\n\n"
    '{{< highlight go "linenos=table" >}}\nfunc main() {\n\n    fmt.Println("*hi*")\n}\n'
    "{{< / highlight >}}\n\n"
    "{{% highlight %}}\n```\nfenced\n```\n{{% /highlight %}}\n\n"
    "Write {{</* highlight go */>}} to start.\n\nEnd.\n"
)


def test_hugo_highlight_shortcode_is_a_code_block() -> None:
    from newspost import dumps, loads

    post = loads(_HIGHLIGHT, flavor="goldmark")
    assert dumps(post) == _HIGHLIGHT
    # Hugo writes the code between the tags as it is, highlighted: one code block,
    # blank lines and Markdown inside it kept; an escaped call is text.
    assert [(block.kind, block.line) for block in post.lead] == [
        ("paragraph", 1),
        ("code", 3),
        ("code", 10),
        ("paragraph", 16),
        ("paragraph", 18),
    ]
    code, fenced = post.lead[1:3]
    assert code.text == 'func main() {\n\n    fmt.Println("*hi*")\n}\n'  # type: ignore[union-attr]
    assert code.language == "go"  # type: ignore[union-attr]
    assert fenced.text == "```\nfenced\n```\n"  # type: ignore[union-attr]
    assert post.lead[3].text == "Write {{< highlight go >}} to start."  # type: ignore[union-attr]


_CALLS = (
    "Watch {{<youtube w7Ft2ymGmfc>}} here, or {{<vimeo 146022717>}}.\n\n"
    "Write {{</* youtube id */>}} to embed one.\n"
)


def test_hugo_shortcode_calls_without_spaces_are_text_not_html() -> None:
    from newspost import dumps, loads

    post = loads(_CALLS, flavor="goldmark")
    assert dumps(post) == _CALLS
    # Hugo replaces the calls before Goldmark reads the post: "<youtube ...>" opens no
    # element. It was inline HTML, which hid the call and never closed.
    assert post.lead[0].text == (  # type: ignore[union-attr]
        "Watch {{<youtube w7Ft2ymGmfc>}} here, or {{<vimeo 146022717>}}."
    )
    assert "<youtube" not in post.lead[0].html  # type: ignore[union-attr]
    assert post.lead[1].text == "Write {{< youtube id >}} to embed one."  # type: ignore[union-attr]


# kramdown's tables (its parser's table.rb), not GFM's: what Jekyll shows.


def _kramdown_table_rows(body: str, flavor: str = "kramdown") -> list[list[list[str]]]:
    """Each table of ``body`` as rows of cell texts, header row first."""
    from newspost import loads

    return [
        [
            [cell.text for cell in row]
            for row in ([table.header] if table.header else []) + table.rows
        ]
        for table in loads(body, flavor=flavor).tables
    ]


def _kramdown_html(body: str) -> str:
    md = get_markdown("kramdown")
    return md.renderer.render(tokenize("kramdown", body, {}), md.options, {})


def test_a_kramdown_table_needs_no_separator_line() -> None:
    # Rows without a separator are all body rows, the header row empty.
    assert _kramdown_table_rows("Text.\n\na | b\n") == [[["a", "b"]]]
    from newspost import loads

    table = loads("| **Name** | **Role** |\n| Kim | editor |\n", flavor="kramdown").tables[0]
    assert table.header == [] and table.header_source == "none"
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["Name", "Role"],
        ["Kim", "editor"],
    ]
    assert "<thead>" not in _kramdown_html("a | b\n")


def test_a_kramdown_table_starts_only_at_a_block_boundary() -> None:
    gfm_under_a_paragraph = "Prices:\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert _kramdown_table_rows(gfm_under_a_paragraph) == []
    assert _kramdown_table_rows(gfm_under_a_paragraph, "goldmark") == [[["a", "b"], ["1", "2"]]]
    assert _kramdown_table_rows("# Title\n| a | b |\n") == []  # right after a heading
    assert _kramdown_table_rows("<div>x</div>\n| a | b |\n") == []  # right after HTML
    # After a blank line, an end-of-block marker or an IAL over one, it starts.
    for before in ("Text.\n\n", "Text.\n^\n", "Text.\n\n{: .prices}\n"):
        assert _kramdown_table_rows(before + "| a | b |\n") == [[["a", "b"]]], before
    assert _kramdown_table_rows("Text.\n{: .note}\n| a | b |\n") == []  # the IAL is the text's


def test_a_kramdown_table_ends_at_a_block_boundary_or_is_none() -> None:
    # A line without a "|" right under the rows: kramdown reads them all as a paragraph.
    body = "| a | b |\n|---|---|\n| 1 | 2 |\n**Bold note.**\n"
    assert _kramdown_table_rows(body) == []
    assert _kramdown_table_rows(body, "goldmark") != []
    for after in ("\nText.\n", "^\n", "{: .prices}\n", ""):
        assert _kramdown_table_rows("| a | b |\n| 1 | 2 |\n" + after) == [[["a", "b"], ["1", "2"]]]


def test_kramdown_table_sections_and_alignment() -> None:
    body = (
        "| h1 | h2 | h3 |\n|:---|:--:|---:|\n| a | b | c |\n"
        "|----|\n| d | e | f |\n"  # a second body
        "|====|\n| x | y | z |\n"  # the footer
    )
    html = _kramdown_html(body)
    assert html.count("<tbody>") == 2 and "<tfoot>" in html
    assert '<th style="text-align:left">h1</th>' in html
    assert '<td style="text-align:center">e</td>' in html
    assert '<td style="text-align:right">z</td>' in html
    from newspost import loads

    table = loads(body, flavor="kramdown").tables[0]
    assert table.header_source == "gfm" and [c.text for c in table.header] == ["h1", "h2", "h3"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["a", "b", "c"],
        ["d", "e", "f"],
        ["x", "y", "z"],
    ]
    assert table.row_lines == [1, 3, 5, 7]


def test_a_kramdown_header_may_be_narrower_than_its_rows() -> None:
    # GFM wants as many header cells as separator columns; kramdown fills short rows.
    body = "| a | b\n---|---|---\n1 | 2 | 3\n4 |\n"
    assert _kramdown_table_rows(body) == [[["a", "b", ""], ["1", "2", "3"], ["4", "", ""]]]
    assert _kramdown_table_rows(body, "goldmark") == []


def test_a_kramdown_table_without_body_rows_is_none() -> None:
    assert _kramdown_table_rows("| a | b |\n|---|---|\n") == []
    assert _kramdown_table_rows("| a | b |\n|---|---|\n", "goldmark") == [[["a", "b"]]]


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("| a \\| b | c |", ["a | b", "c"]),
        ("| `a|b` | c |", ["a|b", "c"]),
        ("| <code>a|b</code> | c |", ["a|b", "c"]),
        ("a | b |", ["a", "b"]),
        ("| a | | b", ["a", "", "b"]),
    ],
)
def test_kramdown_cells_split_at_pipes_outside_code(row: str, cells: list[str]) -> None:
    assert _kramdown_table_rows(row + "\n") == [[cells]]


def test_kramdown_leading_pipe_is_the_first_line_s() -> None:
    # Without one on the first line, a later row's leading "|" opens an empty cell.
    assert _kramdown_table_rows("a | b\n| c | d\n") == [[["a", "b", ""], ["", "c", "d"]]]


@pytest.mark.parametrize(
    "body",
    [
        "`a|b` and `c|d`\n",  # every "|" in a code span
        "<span>a | b</span>\n",  # or in span HTML
        "\\| escaped\n",
        "<div>\n| a | b |\n</div>\n",  # raw inside an HTML block
        "## a | b\n",
        "a | b\n---\n",  # a Setext heading
        "- a | b\n",  # a list item
        "    | a | b |\n",  # indented code
    ],
)
def test_lines_kramdown_reads_otherwise_are_no_table(body: str) -> None:
    assert _kramdown_table_rows(body) == []


def test_a_table_after_leading_html_is_read_as_markdown_it_reads_it() -> None:
    for body in ("<p>a</p>\n| x | y |\n", "<p>a</p>\n\n| x | y |\n", "<p>a</p>\n<p>b</p>\n| x |\n"):
        assert _tokens(tokenize("kramdown", body, {})) == _tokens(
            get_markdown("kramdown").parse(body, {})
        ), body
    assert _kramdown_table_rows("<p>a</p>\n\n| x | y |\n") == [[["x", "y"]]]


def test_liquid_filters_divide_no_kramdown_cells() -> None:
    # Jekyll replaces "{{ x | filter }}" before kramdown reads the line: its "|" is gone.
    from newspost import loads

    for body in (
        "Text.\n\nPublished on {{ page.date | date: '%Y' }}.\n",
        'Text.\n\n![A]({{ "/a.png" | relative_url }}){: .center}\n',
        "Text.\n\n{% if page.tags | size > 0 %}Tagged.{% endif %}\n",
    ):
        assert _kramdown_table_rows(body) == [], body
        assert not loads(body, flavor="kramdown").tables
    rows = "Text.\n\n| {{ page.date | date: '%Y' }} | c |\n| d | e |\n"
    assert _kramdown_table_rows(rows) == [[["{{ page.date | date: '%Y' }}", "c"], ["d", "e"]]]


def test_correct_kramdown_tables_raise_no_table_findings() -> None:
    from newspost import loads
    from rule_support import run

    body = "Prices:\n\n| **Kind** | **Price** |\n| wall | 60,000 |\n| stand |\n"
    codes = {issue.code for issue in run(loads(body, flavor="kramdown"))}
    assert not {"NP206", "NP207"} & codes


_CELL = st.text(alphabet="abc xyz*_", min_size=1, max_size=6).filter(lambda s: s.strip(" "))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=5))
def test_kramdown_table_rows_are_the_written_rows_filled(rows: list[list[str]]) -> None:
    body = "Text.\n\n" + "".join("| " + " | ".join(row) + " |\n" for row in rows)
    html = _kramdown_html(body)
    width = max(map(len, rows))
    assert html.count("<tr>") == len(rows)
    assert html.count("<td>") == width * len(rows)


# Liquid in a Markdown address, which Jekyll replaces before kramdown reads the link.


def test_liquid_in_a_link_address_keeps_the_link() -> None:
    from newspost import loads

    body = (
        "![Shot]({{ site.baseurl }}/assets/shot.png) and [docs]({{ site.baseurl }}"
        '{% link _docs/plugins.md %}).\n\n![A]({{ "/a.png" | relative_url }}){: .center}\n\n'
        '[ref][r] and [page]({{ site.url }}/이미지.html "Title")\n\n'
        "[r]: {{ site.baseurl }}/r.html\n"
    )
    post = loads(body, flavor="kramdown")
    assert [(image.src, image.alt) for image in post.images] == [
        ("{{ site.baseurl }}/assets/shot.png", "Shot"),
        ('{{ "/a.png" | relative_url }}', "A"),
    ]
    assert [(link.url, link.title) for link in post.links] == [
        ("{{ site.baseurl }}{% link _docs/plugins.md %}", None),
        ("{{ site.baseurl }}/r.html", None),
        ("{{ site.url }}/%EC%9D%B4%EB%AF%B8%EC%A7%80.html", "Title"),
    ]
    assert "{{" not in post.text  # the paragraphs' text, not the Markdown written
    # Hugo runs no Liquid: there the spaces end the address, as Goldmark reads it.
    assert loads("[docs]({{ site.baseurl }}/docs/)\n", flavor="goldmark").links == []


def test_an_unclosed_liquid_tag_in_an_address_is_read_in_linear_time() -> None:
    from newspost import loads

    # A hang guard, as in test_limits (no benchmark): quadratic work here takes minutes.
    for unit in ("[a]({{ ", "[a]({{ x }}", "| {{"):
        started = time.perf_counter()
        loads(unit * 20_000 + "\n", flavor="kramdown")
        assert time.perf_counter() - started < 30.0, unit


# kramdown's markdown="1" blocks and its table of contents.


def test_a_kramdown_markdown_block_holds_markdown() -> None:
    from newspost import loads

    body = (
        'Intro.\n\n<div class="notice" markdown="1">\n**Note:** this *is* Markdown.\n\n'
        '- one\n</div>\n\n<div markdown="1">\n![The venue](/venue.jpg)\n</div>\n'
    )
    post = loads(body, flavor="kramdown")
    blocks = [(block.kind, block.line, getattr(block, "text", "")) for block in post.lead]
    assert blocks == [
        ("paragraph", 1, "Intro."),
        ("paragraph", 4, "Note: this is Markdown."),
        ("list", 6, "one"),
        ("image", 10, ""),
    ]
    # A body opening with one is cut as markdown-it cuts it.
    opening = '<div markdown="1">\n**Bold**\n</div>\n<p>x</p>\n'
    assert _tokens(tokenize("kramdown", opening, {})) == _tokens(
        get_markdown("kramdown").parse(opening, {})
    )
    assert loads(opening, flavor="kramdown").lead[0].text == "Bold"  # type: ignore[union-attr]
    # Without the attribute, kramdown keeps the HTML block raw.
    assert loads("<div>\n**Bold**\n</div>\n", flavor="kramdown").lead[0].text == "**Bold**"  # type: ignore[union-attr]


def test_a_kramdown_toc_list_is_no_content() -> None:
    from newspost import loads

    # GitLab's handbook writes classes beside it: "- TOC\n{:toc .toc-list-icons .hidden-md}".
    for toc in ("* TOC\n{:toc}\n", "1. Contents\n{: toc }\n", "- TOC\n{:toc .toc-list-icons}\n"):
        post = loads(toc + "\nText.\n\n## A\n\nMore.\n", flavor="kramdown")
        assert [block.kind for block in post.lead] == ["paragraph"], toc
        assert [section.title for section in post.sections] == ["A"]
    for ial in ("{: .compact}", "{:.no_toc}", "{: .toc-list}"):
        kept = loads(f"- a\n- b\n{ial}\n", flavor="kramdown")
        assert [block.kind for block in kept.lead] == ["list"], ial


def test_a_hugo_shortcode_call_keeps_its_quotes() -> None:
    # Hugo replaces the call before Goldmark's typographer and linkify see the text.
    from newspost import loads

    post = loads(
        '{{< tweet user="SanDiegoZoo" id="1453" >}}\n\nSee "this" -- ok.\n', flavor="goldmark"
    )
    assert post.lead[0].html == '{{< tweet user="SanDiegoZoo" id="1453" >}}'  # type: ignore[union-attr]
    assert post.lead[1].text == "See “this” – ok."  # type: ignore[union-attr]
    inline = loads('Watch {{< youtube id="https://youtu.be/x" >}} now.\n', flavor="goldmark")
    assert inline.lead[0].text == 'Watch {{< youtube id="https://youtu.be/x" >}} now.'  # type: ignore[union-attr]
    assert inline.links == []


# Hexo's tags, which its posts (read as Jekyll's: a _posts folder, Liquid-like tags) use
# for their images and links to other posts.


def test_hexo_image_tags_are_the_images_hexo_writes() -> None:
    from newspost import dumps, loads

    body = (
        'Intro.\n\n{% asset_img scheduler.png "Workers and queues" %}\n\n'
        '{% img right /images/home.png 800 450 "Home page" "The home page" %}\n\n'
        "{% img /images/old.png 400 \"Title text 'Alt text'\" %}\n\n"
        'See {% post_link reading-list-2022 %} and {% post_link deploy "my post" %}.\n\n'
        "```\n{% asset_img example.jpg An example %}\n```\n"
    )
    post = loads(body, path="source/_posts/tokio.md")
    assert [(image.src, image.alt, image.title, image.line) for image in post.images] == [
        ("scheduler.png", None, "Workers and queues", 3),  # a title only: Hexo writes no alt
        ("/images/home.png", "The home page", "Home page", 5),
        ("/images/old.png", "Alt text", "Title text", 7),
    ]
    assert [(link.url, link.text) for link in post.links] == [
        ("reading-list-2022", "reading-list-2022"),
        ("deploy", "my post"),
    ]
    assert post.lead[-1].text == "{% asset_img example.jpg An example %}\n"  # type: ignore[union-attr]
    assert dumps(post) == body
    assert (
        liquid("{% img %} {% asset_img no-file-name %}") == "{% img %} {% asset_img no-file-name %}"
    )


@pytest.mark.parametrize("flavor", ["marked", "goldmark", "remark"])
def test_typographers_leave_registered_and_copyright_signs_as_written(flavor: str) -> None:
    from newspost import loads

    # A Hexo post on NexT (a deepnote introduction): SmartyPants and Goldmark's
    # typographer write dashes and ellipses, but no ® for (R) as markdown-it does.
    post = loads(
        "- CPU: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz -- 2 Cores...\n", flavor=flavor
    )
    assert post.lead[0].items[0].text == (  # type: ignore[union-attr]
        "CPU: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz – 2 Cores…"
    )


def test_hexo_theme_label_and_button_tags_are_their_text() -> None:
    from newspost import dumps, loads

    # Excerpts of Hexo posts on NexT (a deepnote introduction; an SSH note), Fluid (an
    # npm note), Butterfly (a shell note, its label closed without a space) and Volantis.
    body = (
        "点击右侧的{% button #, New project %}后进入项目主页面\n\n"
        "{% label default@SSH %} {% label success@免密码 %}\n\n"
        "## publish {% label warning @注意事项 %}\n\n"
        "脚本以 {% label #!/bin/bash red%} 开头\n\n"
        "{% btn 'https://afdian.net/p/0164',点击前往PCL2原作者页面下载启动器,"
        "far fa-hand-point-right,blue larger %}\n\n"
        "{% btn center large::立即下载::https://cdn.099115.xyz/a.zip::fa-solid fa-download %}\n\n"
        "```\n{% btn #, 文本 %}\n```\n"
    )
    post = loads(body, path="source/_posts/deepnote.md")
    assert post.lead[0].text == "点击右侧的New project后进入项目主页面"  # type: ignore[union-attr]
    assert post.lead[1].text == "SSH 免密码"  # type: ignore[union-attr]
    assert post.sections[0].title == "publish 注意事项"
    assert post.sections[0].blocks[0].text == "脚本以 #!/bin/bash 开头"  # type: ignore[union-attr]
    assert [(link.url, link.text) for link in post.links] == [
        ("#", "New project"),
        ("https://afdian.net/p/0164", "点击前往PCL2原作者页面下载启动器"),
        ("https://cdn.099115.xyz/a.zip", "立即下载"),
    ]
    assert post.sections[0].blocks[-1].text == "{% btn #, 文本 %}\n"  # type: ignore[union-attr]
    assert dumps(post) == body
    # Another theme's block label, with no arguments, stays as written.
    assert liquid("{% label %}Atom{% endlabel %}") == "{% label %}Atom{% endlabel %}"


def test_minimal_mistakes_figure_includes_are_the_figures_it_writes() -> None:
    from newspost import dumps, loads

    # From Jekyll posts on Minimal Mistakes (2019-06-20-mmc-control-panel.md, and one
    # whose caption wraps to the next line); the theme's docs show the include in code.
    body = (
        "---\ntitle: MMC\n---\n"
        "Um sich einen Überblick zu verschaffen, geben Sie compmgmt.msc ein.\n"
        '{% include figure image_path="/assets/images/mmscpl02.png" alt="Konsole" caption="" %}\n'
        "## 2. eventvwr.msc\n\n"
        '{% include figure image_path="/assets/images/tmux.jpg" alt="this is top image"  \n'
        'caption="We discuss tmux features" class="align-center" %}\n\n'
        '```markdown\n{% include figure image_path="/path/to/image.jpg" caption="Caption" %}\n```\n'
        '{% raw %}\n{% include figure image_path="/x.jpg" %}\n{% endraw %}\n'
        '{% include figure image_path=fig_path alt="A dependency graph" %}\n'
    )
    post = loads(body, path="_posts/2019-06-20-mmc-control-panel.md")
    assert [(image.src, image.alt, image.line) for image in post.images] == [
        ("/assets/images/mmscpl02.png", "Konsole", 5),
        ("/assets/images/tmux.jpg", "this is top image", 8),
    ]
    assert [section.title for section in post.sections] == ["2. eventvwr.msc"]
    assert dumps(post) == body


def test_kramdown_reads_block_html_as_markdown_where_its_option_says_so() -> None:
    from newspost import loads

    # From CoFH's Jekyll docs (augment-dynamo-power.md): a kramdown table inside a <div>,
    # read as Markdown because of the option; and a markdown="1" <div> holding one.
    table = (
        "| Installed amount | Max. power output multiplier | Energy decrease |\n|---\n"
        "| 1 | × 2 | - 10% |\n| 2 | × 3 | - 20% |\n{:.uk-table .uk-table-striped}\n"
    )
    body = (
        '{::options parse_block_html="true" /}\n<div class="uk-overflow-container">\n'
        f"{table}</div>\n"
        '{::options parse_block_html="false" /}\n\n'
        f'<div class="raw">\n{table}</div>\n\n'
        f'<div markdown="1">\n{table.replace("{:.uk-table .uk-table-striped}", "")}</div>\n'
    )
    post = loads(body, flavor="kramdown")
    assert [table.line for table in post.tables] == [3, 20]
    assert [len(table.rows) for table in post.tables] == [2, 2]


def test_kramdown_math_is_kept_as_written() -> None:
    from newspost import dumps, loads

    # From a Jekyll post (TeXt theme, 2018-08-31-hashmap-java8.md): the escapes went and
    # "$$2*N$$ ... $$2*N+1$$" became emphasis; and al-folio's display math.
    body = (
        "The bucket at index of $$(n - 1)\\,\\&\\,hash$$. The longest path contains "
        "$$2*N$$ nodes, the shortest $$N+1$$ and the longest $$2*N+1$$. Costs $5, *once*.\n\n"
        "$$\n\\sum_{k=1}^\\infty |\\langle x, e_k \\rangle|^2 \\leq \\|x\\|^2\n$$\n"
    )
    post = loads(body, flavor="kramdown")
    first, second = post.lead
    assert first.text == (  # type: ignore[union-attr]
        "The bucket at index of $$(n - 1)\\,\\&\\,hash$$. The longest path contains "
        "$$2*N$$ nodes, the shortest $$N+1$$ and the longest $$2*N+1$$. Costs $5, once."
    )
    assert "<em>once</em>" in first.html and "<em>N" not in first.html  # type: ignore[union-attr]
    assert second.text == "$$ \\sum_{k=1}^\\infty |\\langle x, e_k \\rangle|^2 \\leq \\|x\\|^2 $$"  # type: ignore[union-attr]
    assert post.tables == [] and dumps(post) == body
    # CommonMark flavors have no such span.
    assert "<em>" in loads("$$2*N$$ and $$2*N+1$$\n", flavor="commonmark").lead[0].html  # type: ignore[union-attr]


@pytest.mark.parametrize("flavor", ["kramdown", "python-markdown"])
def test_a_definition_line_over_an_underline_is_a_heading(flavor: str) -> None:
    # The definition rule runs before the setext heading rule (for speed), and gives
    # way to it: kramdown and Python-Markdown read a setext heading first.
    from newspost import loads

    post = loads("*[A]: x\n---\n\n*[B]: y\n{::comment}\nz\n{:/comment}\n\nText\n", flavor=flavor)
    assert [section.title for section in post.sections] == ["*[A]: x"]
    assert post.sections[0].blocks[-1].text == "Text"
