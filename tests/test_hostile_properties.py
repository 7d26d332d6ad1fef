"""Property tests over generated posts: any YAML shape, nested HTML, Markdown and tables.

The properties of the whole pipeline: ``load`` raises nothing but NewsPostError, the
Markdown round trip is exact, ``validate`` never raises, ``sanitize`` is idempotent and
leaves nothing executable.
"""

from __future__ import annotations

import html as html_module
import re
import string
from pathlib import Path

import lxml.html
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newspost import NewsPostError, dumps, loads, sanitize, validate

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))

words = st.text(alphabet=string.ascii_letters + "가나다 :-[]{}#&*!|>'\"%@`", max_size=20)
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), words),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)
front_matters = st.one_of(
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "date",
                "categories",
                "tags",
                "excerpt",
                "image",
                "layout",
                "author",
                "published",
                "slug",
                "x",
                "y",
            ]
        ),
        yaml_values,
        max_size=8,
    ).map(lambda d: "---\n" + yaml.safe_dump(d, allow_unicode=True, sort_keys=False) + "---\n"),
    words.map(lambda w: f"---\ntitle: {w}\n---\n"),  # hand-written, often broken, YAML
    st.just(""),
    st.just("+++\ntitle = 'x'\n+++\n"),
)
tags = st.sampled_from(
    [
        "p",
        "div",
        "b",
        "span",
        "h2",
        "h3",
        "table",
        "tr",
        "td",
        "th",
        "ul",
        "li",
        "a",
        "img",
        "script",
        "iframe",
        "blockquote",
        "pre",
        "code",
        "svg",
        "math",
        "style",
        "figure",
    ]
)
attributes = st.sampled_from(
    [
        "",
        ' href="javascript:alert(1)"',
        ' onclick="x()"',
        ' src="httpss://e.kr/a.png"',
        ' rel="dofollow"',
        ' style="color:red"',
        ' href="https://example.com"',
        ' alt=""',
        ' data-ke-size="size16"',
    ]
)


@st.composite
def html(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.booleans()):
        return draw(words)
    tag = draw(tags)
    inner = "".join(draw(st.lists(html(depth + 1), max_size=3)))
    closed = draw(st.booleans()) or depth == 0
    return f"<{tag}{draw(attributes)}>{inner}" + (f"</{tag}>" if closed else "")


markdown = st.sampled_from(
    [
        "## Heading\n",
        "# Title\n",
        "- item\n- item\n",
        "1. one\n",
        "> quote\n",
        "```\ncode\n```\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "[x](javascript:alert(1))\n",
        "<javascript:alert(1)>\n",
        "![img](/a.png)\n",
        '출처: <a href="httpss://n.kr" rel="dofollow">기사</a> | 뉴스\n',
        "&nbsp;\n",
        "{% include x.html %}\n",
        "{{< shortcode >}}\n",
        "\n",
        "***\n",
        "\r\n",
    ]
)
bodies = st.lists(st.one_of(markdown, html().map(lambda h: h + "\n\n")), max_size=10).map("".join)

_DANGEROUS_URL = re.compile(r"^(?:javascript|vbscript|data:text/html)", re.IGNORECASE)
_EXECUTABLE_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "base",
    "meta",
    "form",
}


def _executable(fragment: str) -> list[str]:
    """What in an HTML fragment could run: elements, handlers, URLs (text is inert)."""
    if not fragment.strip():
        return []
    found = []
    for element in lxml.html.fragment_fromstring(fragment, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _EXECUTABLE_TAGS:
            found.append(element.tag)
        for name, value in element.attrib.items():
            url = re.sub(r"[\s\x00-\x1f]", "", html_module.unescape(value))
            if name.lower().startswith("on") or _DANGEROUS_URL.match(url):
                found.append(f"{element.tag}[{name}={value!r}]")
    return found


@SETTINGS
@given(front_matters, bodies)
# Found by this test: a block inside a phrase, and an element left open at the
# end of an HTML block, each sanitized differently on a second pass.
@example(front="", body="<p><b><div><p>:</p>:</p>\n\n")
@example(front="", body="<p><b><div><p>:</p>:<p>:</p>\n\n")
@example(front="", body="<p>:<pre><p><div><ul></p>\n\n")  # a block inside <pre>
@example(front="", body="<ul><span><pre></pre></span></ul>\n\n")  # a block in a list
# An element dropped with its content, nested in itself and left open: its content once
# stayed and was sanitized again on a second pass.
@example(front="", body="<svg><svg><svg></svg><p>:</svg>\n\n")
# A line break the sanitizer wrote after a <pre> line ended that HTML block early: a
# second pass read the rest as another block and closed its list twice.
@example(front="---\n{}\n---\n", body="<pre><ul>:<div></pre>\n\n")
def test_the_pipeline_on_generated_posts(front: str, body: str) -> None:
    text = front + body
    try:
        post = loads(text, path="_posts/2024-01-02-post.md")
    except NewsPostError:
        return
    assert dumps(post) == text
    report = validate(post)  # never raises
    assert all(issue.line is None or issue.line >= 1 for issue in report.issues)
    clean = sanitize(post)
    assert sanitize(clean) == clean
    assert not _executable(dumps(clean, format="html"))
    assert not _executable(dumps(post, format="html"))  # html output is sanitized by default


def test_inputs_the_fuzzer_found() -> None:
    """Regression: each file here once made load/validate/sanitize raise a foreign error."""
    for path in sorted((Path(__file__).parent / "fuzz_findings").iterdir()):
        try:
            post = loads(path.read_bytes(), path=path.name)
        except NewsPostError:
            continue
        validate(post)
        clean = sanitize(post)
        assert sanitize(clean) == clean, path.name
