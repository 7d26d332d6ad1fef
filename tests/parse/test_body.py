"""Body structure: what a reader sees in a browser, with lines into the original file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newspost import Code, Html, Image, ListBlock, Paragraph, Quote, Rule, Table, dumps, loads
from newspost.errors import NewsPostError
from newspost.parse import body
from newspost.parse.flavors import get_markdown, hugo_shortcodes


def fm(body: str, *, flavor: str | None = None) -> object:
    return loads("---\ntitle: t\n---\n" + body, flavor=flavor)


def test_headings_html_and_markdown_nest_by_level() -> None:
    post = loads("---\ntitle: t\n---\n## A\n\ntext\n\n<h3><b>B bold</b></h3>\n<p>x</p>\n\n# C\n")
    assert [(s.level, s.title, s.line) for s in post.sections] == [(2, "A", 4), (1, "C", 11)]
    child = post.sections[0].sections[0]
    assert (child.level, child.title, child.title_html, child.line) == (
        3,
        "B bold",
        "<b>B bold</b>",
        8,
    )


def test_nbsp_paragraphs_are_left_out_but_kept_in_the_text() -> None:
    body = "<p>&nbsp;</p>\n<p> </p>\n<p>real</p>\n"
    post = loads(body)
    assert [b.kind for b in post.lead] == ["paragraph"]
    assert post.body == body


def test_gfm_table_glued_to_a_sentence() -> None:
    body = (
        "## T\n\n확인해 보세요.  출발 시간 | 도착 시간 | 요금  \n---|---|---  \n"
        "**10:45** | **13:22** | **8,000원**  \n"
    )
    post = loads(body)
    blocks = post.sections[0].blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "확인해 보세요."
    table = blocks[1]
    assert isinstance(table, Table)
    assert [c.text for c in table.header] == ["출발 시간", "도착 시간", "요금"]
    assert table.header_source == "gfm"
    assert [c.text for c in table.rows[0]] == ["10:45", "13:22", "8,000원"]


def test_th_header_and_spans() -> None:
    post = loads(
        "<table><caption>Cap</caption><thead><tr><th>a</th><th>b</th></tr></thead>"
        '<tbody><tr><td colspan="2">x</td></tr></tbody></table>\n'
    )
    table = post.lead[0]
    assert isinstance(table, Table)
    assert table.caption == "Cap" and table.header_source == "th"
    assert table.rows[0][0].colspan == 2
    assert table.size == (2, 2)


def test_table_without_header() -> None:
    table = loads(
        "<table><tr><td>a</td><td><b>b</b></td></tr><tr><td>c</td><td>d</td></tr></table>\n"
    ).lead[0]
    assert isinstance(table, Table)
    assert table.header == [] and table.header_source == "none" and len(table.rows) == 2


def test_blocks_of_every_kind() -> None:
    body = (
        'Para with [link](https://a.example/x "T") and ![inline](i.png) image.\n\n'
        "- one\n- two\n\n1. first\n\n> quoted\n\n***\n\n```python\nprint(1)\n```\n\n"
        '<script>alert(1)</script>\n\n<iframe src="https://v"></iframe>\n'
    )
    post = loads(body)
    kinds = [b.kind for b in post.lead]
    assert kinds == ["paragraph", "list", "list", "quote", "rule", "code", "html", "html"]
    para, bullets, numbers, quote, rule, code, script, frame = post.lead
    assert isinstance(para, Paragraph) and para.links[0].url == "https://a.example/x"
    assert para.links[0].title == "T" and para.images[0].alt == "inline"
    assert (
        isinstance(bullets, ListBlock)
        and not bullets.ordered
        and [i.text for i in bullets.items] == ["one", "two"]
    )
    assert isinstance(numbers, ListBlock) and numbers.ordered
    assert isinstance(quote, Quote) and quote.text == "quoted"
    assert isinstance(rule, Rule) and rule.line == 10
    assert isinstance(code, Code) and code.language == "python" and code.text == "print(1)\n"
    assert isinstance(script, Html) and script.tag == "script" and "alert" in script.html
    assert isinstance(frame, Html) and frame.tag == "iframe"
    assert post.images[0].src == "i.png"


def test_a_cell_s_braced_language_is_the_language() -> None:
    # Quarto's and R Markdown's code cells, as a Quarto blog post (AI-Riksarkivet/blog,
    # posts/welcome/index.qmd) and R Markdown posts write them, and pandoc's class.
    text = (
        "---\ntitle: T\n---\n```{python}\n#| echo: false\nimport marimo as mo\n```\n\n"
        "```{r setup, include=FALSE}\nlibrary(x)\n```\n\n```{.python .numberLines}\nz\n```\n"
    )
    post = loads(text, path="posts/welcome/index.qmd")
    assert [getattr(b, "language", None) for b in post.lead] == ["python", "r", "python"]


def test_a_fence_naming_its_file_after_a_colon_has_the_language() -> None:
    # A Zenn article (arm_techblog) and a Zenn book chapter: "lang:file" and "lang: title".
    text = (
        "---\ntitle: T\n---\n```ruby:app/models/user.rb\nclass User\nend\n```\n\n"
        "```python: open, read\nfile1 = open(path)\n```\n\n```:memo\nnote\n```\n"
    )
    post = loads(text, path="articles/rails-namespaced-validator.md")
    assert [getattr(b, "language", None) for b in post.lead] == ["ruby", "python", None]


def test_liquid_and_shortcodes_are_kept_raw() -> None:
    post = loads(
        "---\ntitle: t\n---\n{% include references.md %}\n\n"
        "{{< youtube abc >}}\n\ntext {{ page.title }}\n"
    )
    assert [b.kind for b in post.lead] == ["html", "html", "paragraph"]
    assert isinstance(post.lead[0], Html) and post.lead[0].html == "{% include references.md %}"
    assert "{{ page.title }}" in post.text


def test_more_separator_is_invisible() -> None:
    post = loads("+++\ntitle = 'x'\n+++\nIntro\n\n<!--more-->\n\n<h2>Next</h2>\n")
    assert [b.kind for b in post.lead] == ["paragraph"]
    assert post.sections[0].title == "Next"


def test_image_wrapped_in_link() -> None:
    post = loads('<p><a href="/big.png"><img src="/small.png" alt="A"></a></p>\n')
    image = post.lead[0]
    assert isinstance(image, Image) and image.link is not None and image.link.url == "/big.png"


_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@pytest.mark.parametrize(
    ("tag", "lazy"),
    [
        (f'<img src="{_GIF}" data-src="https://x.kr/a.jpg" alt="A">', "https://x.kr/a.jpg"),
        (
            f'<img src="{_GIF}" data-lazy-src="/a.jpg?w=800&amp;h=600" alt="A">',
            "/a.jpg?w=800&h=600",
        ),
        (f"<img src='{_GIF}' data-original=' /a.jpg ' alt='A'>", "/a.jpg"),
        (
            f'<img src="{_GIF}" data-srcset="/a-300.jpg 300w, /a-900.jpg 900w" alt="A">',
            "/a-900.jpg",
        ),
        (f'<img src="{_GIF}" srcset="/a.jpg 1x, /a@2x.jpg 2x" alt="A">', "/a@2x.jpg"),
        ('<img src="/tiny.jpg" data-src="/a.jpg" alt="A">', "/a.jpg"),  # a blurred preview first
    ],
)
def test_a_lazily_loaded_image_keeps_src_and_gets_its_real_address(tag: str, lazy: str) -> None:
    image = loads(f"<p>{tag}</p>\n").images[0]
    assert image.src == (_GIF if "tiny" not in tag else "/tiny.jpg")
    assert image.lazy_src == lazy and image.shown_src == lazy


def test_an_image_that_is_not_lazily_loaded_has_no_lazy_src() -> None:
    post = loads(
        '<p><img src="/a.jpg" srcset="/a.jpg 1x, /a@2x.jpg 2x" alt="A">'
        '<img src="/b.jpg" data-src="" alt="B"><img data-src="/c.jpg" alt="C"></p>\n'
    )
    assert [(i.src, i.lazy_src, i.shown_src) for i in post.images] == [
        ("/a.jpg", None, "/a.jpg"),  # srcset beside a real src: src is the image
        ("/b.jpg", None, "/b.jpg"),
        ("/c.jpg", "/c.jpg", "/c.jpg"),  # no src: data-src is both, as src always was
    ]
    assert "lazy_src" not in post.images[0].model_fields_set


def test_figure_with_caption() -> None:
    post = loads('<figure><img src="a.jpg" alt="x"><figcaption>Cap</figcaption></figure>\n')
    image = post.lead[0]
    assert isinstance(image, Image) and image.caption == "Cap"


def test_lines_inside_multi_element_html_block() -> None:
    body = '<h2>One</h2>\n<p>first</p>\n<ul>\n<li><a href="x">x</a></li>\n</ul>\n<h2>Two</h2>\n'
    post = loads("---\ntitle: t\n---\n" + body)
    assert [s.line for s in post.sections] == [4, 9]
    assert post.sections[0].blocks[1].line == 6
    assert post.links[0].line == 7


def test_kramdown_keeps_markdown_inside_html_raw() -> None:
    body = "<div>\n\n**not bold**\n\n</div>\n"
    kram = loads(body, flavor="kramdown").lead[0]
    common = loads(body, flavor="commonmark").lead[0]
    assert isinstance(kram, Paragraph) and "**not bold**" in kram.text
    assert isinstance(common, Paragraph) and common.text == "not bold"


def test_kramdown_markdown_attribute_opts_in() -> None:
    post = loads('<div markdown="1">\n\n**bold**\n\n</div>\n', flavor="kramdown")
    assert post.lead[0].text == "bold"  # type: ignore[union-attr]


def test_goldmark_typographer_and_linkify() -> None:
    post = loads("+++\ntitle = 'x'\n+++\n\"Quoted\" -- see https://example.org/x\n")
    paragraph = post.lead[0]
    assert isinstance(paragraph, Paragraph)
    assert "“Quoted”" in paragraph.text and "–" in paragraph.text
    assert paragraph.links[0].url == "https://example.org/x"


def test_goldmark_links_addresses_as_github_does_not_bare_host_names() -> None:
    text = "See example.com, README.md, ASP.NET, www.a.org, ftp://b.org/f, me@c.org and <d.org>.\n"
    paragraph = loads(text, flavor="goldmark").lead[0]
    assert isinstance(paragraph, Paragraph)
    assert [link.url for link in paragraph.links] == [
        "http://www.a.org",
        "ftp://b.org/f",
        "mailto:me@c.org",
    ]
    assert paragraph.text.startswith("See example.com, README.md, ASP.NET, www.a.org")


def test_unknown_flavor_is_our_error() -> None:
    import pytest

    from newspost import NewsPostError

    with pytest.raises(NewsPostError, match="unknown Markdown flavor"):
        loads("x", flavor="nope")


def test_liquid_comments_are_invisible_and_assigns_resolve() -> None:
    body = (
        '{% assign bse = "https://bitcoin.stackexchange.com/a/" %}\n\n'
        "{% comment %}\n  ## Commits\n{% endcomment %}\n\n"
        "## Real\n\n- [Question]({{bse}}125948)\n"
    )
    post = loads("---\ntitle: t\n---\n" + body, flavor="kramdown")
    assert [(s.title, s.line) for s in post.sections] == [("Real", 10)]
    assert post.links[0].url == "https://bitcoin.stackexchange.com/a/125948"
    assert loads("---\ntitle: t\n---\n" + body, flavor="commonmark").sections[0].title == "Commits"


def test_characters_xml_cannot_hold_show_as_replacement_characters() -> None:
    for char in ["\x01", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"]:
        post = loads(f"<p>a{char}b</p>\n\n<p>tab\tand é 한글</p>\n")
        assert [block.text for block in post.lead] == ["a\ufffdb", "tab and é 한글"], repr(char)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.text(
        st.sampled_from(["a", "<", ">", "\n", "\t", "\r", "한", "\x00", "\x01", "\x1f"]),
        max_size=30,
    ),
    st.sampled_from(["", "\x01", "\x1f"]),
)
def test_a_file_s_bytes_and_its_text_load_alike(body: str, in_front_matter: str) -> None:
    # Bytes are checked for C0 controls as they are read; text is checked as a body.
    text = f"---\ntitle: t{in_front_matter}\n---\n<p>{body}</p>\n"
    try:
        expected = loads(text)
    except NewsPostError as error:
        with pytest.raises(type(error)):
            loads(text.encode())
        return
    assert loads(text.encode()) == expected


def test_a_flavor_with_render_rules_of_its_own_reads_its_html_blocks_alike() -> None:
    # The stock renderer's HTML blocks are written without tokens; a flavor whose
    # renderer has a rule of its own is given the tokens, and reads the same.
    from markdown_it.token import Token

    from newspost.parse.flavors import liquid, register_flavor
    from newspost.parse.flavors._kramdown import _kramdown

    def html_block_as_is(self: object, tokens: list[Token], idx: int, *_: object) -> str:
        return tokens[idx].content

    def factory() -> MarkdownIt:
        md = _kramdown()
        md.add_render_rule("html_block", html_block_as_is)
        return md

    register_flavor("kramdown_own_rules", factory, preprocess=liquid)
    body = (
        '<h2 id="a">A</h2>\n\n<p>one <b>bold</b></p>\n<div>\n<p>two</p>\n\n</div>\n\n'
        "<hr>\n\ntext after, [a link](https://example.org)\n\n## B\n\n<p>three</p>\n"
    )
    own = loads("---\ntitle: t\n---\n" + body, flavor="kramdown_own_rules")
    stock = loads("---\ntitle: t\n---\n" + body, flavor="kramdown")
    assert own.model_dump(exclude={"flavor"}) == stock.model_dump(exclude={"flavor"})
    assert [section.line for section in stock.sections] == [4, 16]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("ab한 \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u3000\u200b"))))
def test_collapsed_text_is_its_words_joined_by_one_space(text: str) -> None:
    from newspost.parse._text import _collapse

    assert _collapse(text) == " ".join(text.split())


def test_a_meta_charset_in_the_body_does_not_change_how_it_is_read() -> None:
    post = loads('<meta charset="iso-8859-1">\n<p>한글 é</p>\n<meta charset="euc-kr"><p>끝</p>\n')
    assert [block.text for block in post.lead if block.kind == "paragraph"] == ["한글 é", "끝"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.integers(min_value=0, max_value=4),
    st.sampled_from(
        [
            '생생한 뉴스, <a href="https://example.org" rel="dofollow">example.org</a>',
            "a | b\n--|--\n1 | 2\n\n**Source:** [site](https://example.org/x)",
            "- one\n- two\n\n  loose\n\n## Heading\n\ntext",
            "See [the story][s].\n\n[s]: https://example.org/story",
            "<p>open\n\ntext after\n",
        ]
    ),
)
def test_a_kept_rest_renders_as_a_fresh_one(paragraphs: int, rest: str) -> None:
    # The text after the leading HTML is rendered once and kept: the next body
    # with the same rest, at other lines, reads exactly as if it were rendered anew.
    html = "".join(f"<p>Paragraph {n}.</p>\n\n" for n in range(paragraphs))
    text = f"---\ntitle: t\n---\n\n{html}{rest}\n"
    path = "site/_posts/2024-01-01-a.md"
    body._RENDERED_RESTS.clear()
    fresh = loads(text, path=path)
    assert loads(text, path=path) == fresh
    moved = f"---\ntitle: t\nextra: 1\n---\n\n\n{html}{rest}\n"
    first = loads(moved, path=path)
    body._RENDERED_RESTS.clear()
    assert loads(moved, path=path) == first


def test_a_kept_rest_is_not_used_by_a_flavor_registered_again() -> None:
    rest = '생생한 뉴스, <a href="https://example.org">example.org</a>'
    text = f"<p>Article.</p>\n\n{rest}\n"
    loads(text, flavor="kramdown")
    md = get_markdown("kramdown")
    key = ("kramdown", rest + "\n")
    assert body._RENDERED_RESTS.get(key, md, md.renderer, md.options) is not None
    other = MarkdownIt("commonmark", {"html": True})
    assert body._RENDERED_RESTS.get(key, other, other.renderer, other.options) is None
    # The same parser with other options (or another renderer) made something else.
    assert body._RENDERED_RESTS.get(key, md, md.renderer, dict(md.options)) is None


def test_hugo_figure_shortcode_is_the_image_hugo_shows() -> None:
    text = (
        '+++\ntitle = "T"\n+++\nIntro.\n\n{{< figure src="/a.jpg" caption="Launch day" >}}\n\n'
        '{{< figure\n  src="/b.jpg"\n  alt="A \\"rocket\\""\n  link="/big.jpg"\n>}}\n\n'
        '## Next\n\nSee [the plan]({{< relref "plan.md" >}}); {{</* figure src="c.jpg" */>}}\n'
    )
    post = loads(text, path="content/posts/launch.md")
    images = [(i.src, i.alt, i.caption, i.link and i.link.url, i.line) for i in post.images]
    assert images == [
        ("/a.jpg", "Launch day", "Launch day", None, 6),  # Hugo's alt: the caption
        ("/b.jpg", 'A "rocket"', None, "/big.jpg", 8),
    ]
    paragraph = post.sections[0].blocks[0]
    assert isinstance(paragraph, Paragraph) and paragraph.line == 16
    assert [link.url for link in paragraph.links] == ["plan.md"]
    # Hugo's escape, shown as written: Hugo puts it back after Goldmark's typographer.
    assert paragraph.text.endswith('{{< figure src="c.jpg" >}}')
    assert dumps(post) == text


@given(st.text(alphabet='{}<>%/ "=\nfigurersc', max_size=80))
def test_hugo_shortcodes_keep_the_line_count(text: str) -> None:
    assert hugo_shortcodes(text).count("\n") == text.count("\n")


def test_octopress_and_hexo_codeblock_tags_are_code_blocks() -> None:
    # Octopress's {% codeblock %} tag, which Hexo kept, shows its content as code.
    body = (
        "{% codeblock lang:rust %}\nstatic C: LazyLock<String> = x;\n{% endcodeblock %}\n\n"
        "{% codeblock Time to be awesome - awesome.rb %}\nputs <b>\n{% endcodeblock %}\n\nEnd.\n"
    )
    post = loads("---\ntitle: t\n---\n" + body, flavor="kramdown")
    assert [(type(b).__name__, getattr(b, "language", None), b.line) for b in post.lead] == [
        ("Code", "rust", 4),
        ("Code", None, 8),
        ("Paragraph", None, 12),
    ]
    assert post.lead[0].text == "static C: LazyLock<String> = x;\n"  # type: ignore[union-attr]


# Template tags that open and close a block around a paragraph print nothing themselves.


@pytest.mark.parametrize(
    ("written", "flavor", "text"),
    [
        (
            "{{% notice warning %}}\nShortcodes are **not** converted.\n{{% /notice %}}\n",
            "goldmark",
            "Shortcodes are not converted.",
        ),
        (
            "{{< alert >}}\nReset the counters first.\n{{< /alert >}}\n",
            "goldmark",
            "Reset the counters first.",
        ),
        (
            "{% blockquote Carl Lerche https://tokio.rs/blog %}\nThe queue is fixed-size.\n"
            "{% endblockquote %}\n",
            "kramdown",
            "The queue is fixed-size.",
        ),
        ('{% callout "warning" %}\nNeeds **2.0**.\n{% endcallout %}\n', "kramdown", "Needs 2.0."),
        (
            "{{ page.date | date: '%Y' }} was a good year.\n",
            "kramdown",
            "{{ page.date | date: '%Y' }} was a good year.",
        ),
    ],
)
def test_block_tags_around_a_paragraph_leave_its_text(written: str, flavor: str, text: str) -> None:
    post = loads(written, flavor=flavor)
    paragraph = post.lead[0]
    assert isinstance(paragraph, Paragraph) and paragraph.text == text
    assert "{%" not in paragraph.html and "notice" not in paragraph.html
    assert text in post.text
    assert dumps(post) == written


# A block of several paragraphs: the last one ends with the closing tag, no tag opening
# it (a docsy tutorial's content/en/docs/typescript/variables.md, cut).
DOCSY_ALERT = """---
title: "Variables"
---

{{< alert color="warning" title="Warning: let vs. var" >}} Although TypeScript
allows using `var` to declare variables, **don't use it**.

`var` is available to support legacy behavior from older JavaScript. Read the
[Handbook](https://www.typescriptlang.org/docs/handbook/variable-declarations.html)
to dig deeper. {{< /alert >}}

{{% notice note %}}
Summaries are cut at the divider.

* Set `summaryLength` to change it.
{{% /notice %}}
"""


def test_a_closing_tag_ending_a_blocks_last_paragraph_or_list_is_no_text() -> None:
    post = loads(DOCSY_ALERT, path="content/en/docs/typescript/variables.md")
    texts = [block.text for block in post.lead]  # type: ignore[union-attr]
    assert texts == [
        "Although TypeScript allows using var to declare variables, don’t use it.",
        "var is available to support legacy behavior from older JavaScript. Read the"
        " Handbook to dig deeper.",
        "Summaries are cut at the divider.",
        "Set summaryLength to change it.",
    ]
    assert "alert" not in post.lead[1].html  # type: ignore[union-attr]
    assert "notice" not in post.lead[3].items[0].html  # type: ignore[union-attr]
    assert dumps(post) == DOCSY_ALERT
    # A tag that prints something stays, as written, where it is.
    assert loads("Version {{< param version >}}\n", flavor="goldmark").lead[0].text == (  # type: ignore[union-attr]
        "Version {{< param version >}}"
    )


def test_template_tags_alone_are_still_no_text() -> None:
    for written in (
        "{% include toc %}\n",
        "{{< youtube dQw4w9WgXcQ >}}\n",
        "{% include references.md %}\n{% include linkers/issues.md v=2 %}\n[news]: /ja/news/\n"
        '[bip]: https://github.com/bitcoin/bips "BIP"\n',  # Jekyll's includes end in definitions
    ):
        post = loads("Text.\n\n" + written, flavor="kramdown" if "{%" in written else "goldmark")
        assert [block.kind for block in post.lead] == ["paragraph", "html"], written
        assert post.text == "Text."


def test_a_closing_sentence_pointing_at_pages_is_not_a_promo_footer() -> None:
    for last, text in (
        (
            "Read [the docs](https://a.dev/docs) and see the follow-up about slots.",
            "Read the docs and see the follow-up about slots.",
        ),
        ("Visit [the upgrade guide](https://a.dev/up) first.", "Visit the upgrade guide first."),
    ):
        post = loads(f"## Setup\n\nInstall it.\n\n{last}\n", flavor="commonmark")
        assert post.footer == [], last
        assert post.sections[0].blocks[-1].text == text  # type: ignore[union-attr]
    promo = loads("## Setup\n\nInstall it.\n\nFollow us on [Mastodon](https://m.social/@a)!\n")
    assert [block.kind for block in promo.footer] == ["paragraph"]


def test_tistory_fold_keeps_its_content_but_not_its_toggle_button() -> None:
    # A Tistory editor sample's "접은 글": the button's "더보기" is the page's control.
    text = (
        '<p data-ke-size="size16">아래는 접은 글(더보기)입니다.</p>\n'
        '<div data-ke-type="moreLess" data-text-more="더보기" data-text-less="닫기">'
        '<a class="btn-toggle-moreless">더보기</a>\n'
        '<div class="moreless-content">\n'
        '<p data-ke-size="size16">접은글에 있는 글입니다.</p>\n'
        "</div>\n</div>\n"
        '<p data-ke-size="size16">접은글 아래 있는 글입니다.</p>\n'
    )
    post = loads(text, path="post.html")
    assert [(block.text, block.line) for block in post.lead] == [  # type: ignore[union-attr]
        ("아래는 접은 글(더보기)입니다.", 1),
        ("접은글에 있는 글입니다.", 4),
        ("접은글 아래 있는 글입니다.", 7),
    ]
    assert dumps(post) == text
