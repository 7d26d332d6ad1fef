"""The shared scan's shortcuts find what the plain way of finding it finds.

Each test builds the plain version (as the scan computed it before the shortcut) and
compares it with the scan's own, on generated bodies full of the things that make
shortcuts go wrong: repeated and upper-case attributes, bare and unquoted values,
character references, stray quotes and angle brackets.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import replace

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newspost import loads
from newspost.model.blocks import lazy_source
from newspost.validate import Context, Options
from newspost.validate.rules._util import (
    _IMG,
    _NOT_WORD,
    _URL_ATTR,
    _URL_ATTR_NAMES,
    BodyImage,
    Scan,
    Tag,
    fold,
)
from newspost.validate.rules.structure import _LIGHT_TAG

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

_LAZY_NAMES = ["data-lazy-src", "data-original", "srcset", "DATA-SRCSET", "data-lazy-srcset"]
_NAMES = st.sampled_from(
    ["src", "SRC", "data-src", "Data-Src", "alt", "ALT", "width", "srcx", "x", *_LAZY_NAMES]
)
_LAZY_VALUES = ['="data:image/gif;base64,R0lGOD"', "='a.png 1x, b&amp;.png 2x'", '=" c 9w,d 1w"']
_PLAIN_VALUES = ["", '="a.png"', "='b.png'", "=c.png", '=""', "= 'x y'", '="a&amp;b"', "=&lt;"]
_VALUES = st.sampled_from([*_PLAIN_VALUES, '="', "='", *_LAZY_VALUES])
_attribute = st.tuples(st.sampled_from([" ", "  ", "\n", "/", " /"]), _NAMES, _VALUES).map("".join)
_img = st.tuples(
    st.sampled_from(["<img", "<IMG", "<Img"]),
    st.lists(_attribute, max_size=5).map("".join),
    st.sampled_from([">", "/>", " >", "\n>"]),
).map("".join)
_markdown_image = st.sampled_from(["![alt](/a.png)", "![](b.png)", "[text](c.png)", "![x]("])
_filler = st.sampled_from(["", " ", "\n", "텍스트", "<p>", "</p>", "<", ">", '"', "&amp;", "`"])
bodies = st.lists(st.one_of(_img, _markdown_image, _filler), max_size=12).map("".join)


def _scan(body: str) -> tuple[Context, Scan]:
    """A fresh scan of a post with this body, and its context (the scan keeps a weak proxy)."""
    ctx = Context(loads(f"---\ntitle: T\n---\n{body}\n", path="post.md"), Options())
    return ctx, Scan(ctx)


def _images_the_plain_way(sc: Scan) -> list[BodyImage]:
    """`Scan.images` as it was written before it read the attributes in one pass."""
    found: list[BodyImage] = []
    if sc.has_tag("img"):
        base = sc.body_start
        for match in sc.finditer(_IMG):
            tag = Tag(
                start=base + match.start(),
                end=base + match.end(),
                name="img",
                closing=False,
                attrs_text=sc.body[match.start() + 4 : match.end() - 1],
                attrs_start=base + match.start() + 4,
            )
            src = tag.get("src") or tag.get("data-src")
            alt = tag.get("alt")
            image = BodyImage(
                src=(src.value or "") if src else "",
                alt=(alt.value or "") if alt is not None else None,
                offset=tag.start,
                src_offset=src.value_start if src else tag.start,
            )
            attrs = {attr.name: attr for attr in tag.attrs[::-1]}  # the first of each name
            lazy = lazy_source(
                {name: attr.raw_value for name, attr in attrs.items() if attr.raw_value is not None}
            )
            if lazy is not None:
                name, start, end = lazy
                raw = attrs[name].raw_value or ""
                image = replace(
                    image,
                    lazy_src=html.unescape(raw[start:end]),
                    lazy_offset=attrs[name].value_start + start,
                )
            found.append(image)
    for link in sc.md_links:
        if link.image:
            found.append(BodyImage(link.url.value, link.text, link.start, link.url.start))
    found.sort(key=lambda image: image.offset)
    return found


@SETTINGS
@given(bodies)
@example('<img src="a.png" SRC="b.png" alt alt="x">')
@example("<img data-src='d&amp;.png' src= >")
@example('<img alt="" src="">')
@example('<img src="data:image/gif;base64,R0lGOD" data-src="/a&amp;b.jpg" data-src="/c.jpg">')
@example("<img srcset='/a.jpg 1x, /b.jpg 2x' data-srcset=\"/c.jpg 300w, /d.jpg 900w\">")
def test_images_are_the_tags_first_attributes(body: str) -> None:
    (_ctx, sc), (_plain_ctx, plain) = _scan(body), _scan(body)
    assert sc.images == _images_the_plain_way(plain)


_url_names = st.sampled_from(
    [*_URL_ATTR_NAMES, "HREF", "Src", "xsrc", "srcset", "data-srcx", "xlink:", "link:href", "on"]
)
_url_values = st.sampled_from(
    ["", "=", '="a"', "='b c'", "=d", '="e=src=f"', "='g href=h'", '= "i"', "\t=\n'j'", '="', "=<"]
)
_url_piece = st.one_of(
    st.tuples(
        st.sampled_from(["", " ", "\n", '"', "'", "/", "<a ", "x", "="]), _url_names, _url_values
    ).map("".join),
    st.sampled_from(["", " ", "=", "<", ">", "&amp;", "텍스트", "İ", "`code`"]),
)
url_bodies = st.lists(_url_piece, max_size=10).map("".join)


@SETTINGS
@given(url_bodies)
@example("xlink:href=a src= 'b' data-src=\"c\"")
@example('xsrc="a href=b" href=c')
@example("data-src=a=src=b lowsrc =c")
@example("İ href=a")
@example("no attributes here")
def test_url_attributes_are_what_finditer_finds(body: str) -> None:
    _ctx, sc = _scan(body)
    spans = [(m.span(), m.groups()) for m in sc._url_attributes()]
    assert spans == [(m.span(), m.groups()) for m in sc.finditer(_URL_ATTR)]


@SETTINGS
@given(st.text(max_size=40) | st.text(alphabet="가 나\t-_‘’…·|\u3000\u00a0\u1680a1", max_size=20))
@example("한-영 ‘디지털정부’ 체결… - 행정안전부")
@example("")
@example(" _ ")
def test_fold_is_the_pattern_over_the_whole_text(text: str) -> None:
    assert fold(text) == _NOT_WORD.sub("", unicodedata.normalize("NFC", text).casefold())


def test_whitespace_is_never_a_word_character() -> None:
    # What lets fold() split whitespace off before the pattern, and take a text that
    # is all alphanumeric as it is: the pattern's [\W_] is exactly "not isalnum()".
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (_NOT_WORD.fullmatch(char) is None) == char.isalnum(), hex(code)
        assert not (char.isspace() and char.isalnum()), hex(code)


def test_a_template_tag_in_a_markdown_address_is_part_of_it() -> None:
    # As the parser reads the post: Jekyll replaces Liquid (and Hugo a ref call) first.
    body = (
        '![Shot]({{ site.baseurl }}/a.png) [docs]({{ "/docs/" | relative_url }}) '
        "![b](http://{{ site.host }}/b.png) ![c](c.png)"
    )
    _, sc = _scan(body)
    assert [image.src for image in sc.images] == [
        "{{ site.baseurl }}/a.png",
        "http://{{ site.host }}/b.png",
        "c.png",
    ]
    assert [link.url.value for link in sc.md_links if not link.image] == [
        '{{ "/docs/" | relative_url }}'
    ]
    post = loads(f"---\ntitle: T\n---\n{body}\n", path="_posts/2024-01-01-a.md")
    assert [image.src for image in sc.images] == [image.src for image in post.images]


# `_LIGHT_TAG` as first written: lazy up to an optional "/" and the ">".
_LAZY_LIGHT_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*(?::[a-z][a-z0-9]*)?)(?=[\s/>])[^<>]*?(/?)>")
_tag_piece = st.sampled_from(
    [
        "<br/>",
        "<br />",
        "<p/>",
        "</p/>",
        "<a/ >",
        "<img src=a/>",
        "<x:y/>",
        "<svg>",
        "</svg>",
        "<rect/>",
        "<div",
        "/",
        ">",
        "<",
        " ",
        "İ",
        '"/>"',
        "<script>",
        "</script>",
        "텍스트",
    ]
)


@SETTINGS
@given(st.lists(_tag_piece, max_size=12).map("".join))
@example("<svg><rect/></svg><p>a<br  / ></p>")
@example("<İ/><br/>")
def test_light_tags_are_what_the_lazy_pattern_finds(body: str) -> None:
    _ctx, sc = _scan(body)
    lazy = [
        (m.start(), m.group(2), bool(m.group(1)), bool(m.group(3)))
        for m in sc.finditer(_LAZY_LIGHT_TAG)
    ]
    greedy = [
        (m.start(), m.group(2), bool(m.group(1)), sc.body[m.end() - 2] == "/")
        for m in sc.finditer(_LIGHT_TAG)
    ]
    assert greedy == lazy
