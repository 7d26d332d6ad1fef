"""Posts imported from blog platforms: the structure their HTML shows in a browser.

The files in imported/ are written as the importers write them (see its README).
"""

from __future__ import annotations

from pathlib import Path

from newspost import Image, Paragraph, load, loads

IMPORTED = Path(__file__).resolve().parent / "imported"


def shown(post: object) -> list[tuple[str, int | None, str]]:
    """Each block as (kind, line, its text or an image's caption)."""
    out = []
    for block in post.blocks():  # type: ignore[attr-defined]
        if isinstance(block, Image):
            out.append(("image", block.line, block.caption or ""))
        else:
            out.append((block.kind, block.line, getattr(block, "text", "")))
    return out


def test_blogger_lines_in_one_div_are_paragraphs_at_blank_lines() -> None:
    post = load(IMPORTED / "blogger-2011-03-04-release-notes.html")
    assert shown(post) == [
        (
            "paragraph",
            16,
            "Today we released version 2.0 of the toolkit. It brings a new editor,"
            " faster builds and a long list of fixes.",
        ),
        ("paragraph", 19, "Thanks to everyone who tested the beta."),
        ("image", 22, ""),
        ("paragraph", 24, "What's new"),
        (
            "paragraph",
            26,
            "The editor now saves drafts every minute. See the editor preview for details.",
        ),
        ("image", 29, "Build times, before and after"),
        ("html", 33, ""),
        ("paragraph", 35, "Known issues Windows XP is no longer supported."),
    ]
    what_is_new = post.lead[3]
    assert isinstance(what_is_new, Paragraph) and what_is_new.html == "<b>What's new</b>"


def test_a_blank_line_of_breaks_splits_loose_text_but_not_a_paragraph_element() -> None:
    body = "<div>One<br />\n<br />\n<br />\nTwo<br />Three</div>\n\n<p>Four<br><br>Five</p>\n"
    post = loads(body, flavor="html")
    assert [(b.kind, b.line, getattr(b, "text", "")) for b in post.lead] == [
        ("paragraph", 1, "One"),
        ("paragraph", 4, "Two Three"),
        ("paragraph", 6, "Four Five"),
    ]
    assert post.lead[1].html == "Two<br>Three"  # type: ignore[union-attr]


def test_an_image_alone_between_blank_lines_is_an_image() -> None:
    # As Drupal and Blogger imports lay a screenshot out between two lines of text.
    body = (
        '<div>Text<br /><br />\n<a href="/big.png"><img src="/a.png" /></a>\n'
        "<br /><br />\nMore</div>\n"
    )
    post = loads(body, flavor="html")
    assert [(b.kind, b.line) for b in post.lead] == [
        ("paragraph", 1),
        ("image", 2),
        ("paragraph", 4),
    ]
    assert post.images[0].link is not None and post.images[0].link.url == "/big.png"


def test_text_alone_before_a_blank_line_has_its_line() -> None:
    post = loads("<div>\nOne\ntwo\n<br />\n<br />\nThree</div>\n", flavor="html")
    assert [(b.line, getattr(b, "text", "")) for b in post.lead] == [(2, "One two"), (6, "Three")]


def test_bloggers_jump_break_between_two_breaks_is_a_blank_line() -> None:
    body = (
        "<div>The teaser.<br />\n<a name='more'></a><br />\nThe rest.<br />\n"
        "<!-- a note --><span></span><br />\nThe end.<br /><input type=checkbox><br />Box</div>\n"
    )
    post = loads(body, flavor="html")
    assert [(b.line, getattr(b, "text", "")) for b in post.lead] == [
        (1, "The teaser."),
        (3, "The rest."),
        (5, "The end. Box"),
    ]


def test_loose_text_has_the_line_it_starts_on() -> None:
    # Imported .html bodies hold text outside any tag: before a heading, after a
    # comment, after a table or a <div> that spans lines.
    body = (
        "\nFirst words\nof the post.\n<h2>Title</h2>\n<!--more\n-->\n\nAfter the marker.\n"
        "<table>\n<tr><td>a</td></tr>\n</table>\nAfter the table,\n<b>bold</b> too.\n"
        "<div>\n<p>In a div.</p>\n</div>\n\nLast.\n"
    )
    post = loads(body, flavor="html")
    assert [(b.line, getattr(b, "text", "")) for b in post.blocks() if b.kind == "paragraph"] == [
        (2, "First words of the post."),
        (8, "After the marker."),
        (12, "After the table, bold too."),
        (15, "In a div."),
        (18, "Last."),
    ]


def test_a_single_break_keeps_one_paragraph() -> None:
    post = loads("<div>One<br />\nTwo</div>\n", flavor="html")
    assert [getattr(b, "text", "") for b in post.lead] == ["One Two"]
    assert post.lead[0].html == "One<br>\nTwo"  # type: ignore[union-attr]


def test_blogger_caption_table_is_a_captioned_image() -> None:
    post = load(IMPORTED / "blogger-2011-03-04-release-notes.html")
    assert not post.tables
    image = post.images[1]
    assert (
        image.src.endswith("/s320/build.png") and image.caption == "Build times, before and after"
    )
    assert image.link is not None and image.link.url.endswith("/s1600/build.png")


def test_a_caption_table_of_two_images_stays_a_table() -> None:
    body = (
        '<table class="tr-caption-container"><tbody><tr><td><img src="a.jpg" /></td>'
        '<td><img src="b.jpg" /></td></tr>'
        '<tr><td class="tr-caption">Two</td></tr></tbody></table>\n'
    )
    post = loads(body, flavor="html")
    assert [b.kind for b in post.lead] == ["table"]


def test_wordpress_caption_shortcode_is_a_captioned_image() -> None:
    post = load(IMPORTED / "wordpress-2012-05-06-hello-world.html")
    image = post.lead[1]
    assert isinstance(image, Image)
    assert (image.caption, image.alt, image.line) == (
        "The kitchen on the first floor",
        "The new office",
        24,
    )
    assert image.link is not None and image.link.url.endswith("/office.jpg")


def test_wordpress_caption_attribute_and_markdown_image() -> None:
    old = (
        '[caption id="attachment_7" align="alignleft" width="150" caption="The old logo"]'
        '<img src="/logo.png" alt="" />[/caption]\n'
    )
    markdown = (
        '[caption id="" align="aligncenter" width="300"]![Team](/team.jpg) The team in 2019'
        "[/caption]\n"
    )
    assert [(i.src, i.caption) for i in loads(old).images] == [("/logo.png", "The old logo")]
    assert [(i.src, i.caption) for i in loads(markdown).images] == [
        ("/team.jpg", "The team in 2019")
    ]
    loose = '<div>[caption id=""]<a href="/a.png"><img src="/a.png"></a>[/caption]</div>\n'
    assert [(b.kind, getattr(b, "caption", "")) for b in loads(loose, flavor="html").lead] == [
        ("image", None)
    ]


def test_text_around_a_caption_shortcode_keeps_the_paragraph() -> None:
    body = 'See [caption id="" width="300"]<img src="/a.png" /> A[/caption] here.\n'
    assert [b.kind for b in loads(body).lead] == ["paragraph"]


def test_naver_blank_lines_are_no_paragraphs_and_its_caption_is_the_images() -> None:
    post = load(IMPORTED / "naver-2022-04-10-spring.md")
    assert shown(post) == [
        ("paragraph", 10, "주말에 한강 공원에 다녀왔어요."),
        ("paragraph", 12, "벚꽃이 한창이었습니다."),
        ("image", 22, "여의도 벚꽃길"),
    ]
    assert post.images[0].shown_src.endswith("type=w966")


def test_rendered_wordpress_captions_are_captioned_images() -> None:
    div = (
        '<div id="attachment_42" style="width: 310px" class="wp-caption aligncenter">'
        '<a href="/big.jpg"><img class="size-medium wp-image-42" src="/office-300x225.jpg"'
        ' alt="Office" /></a><p class="wp-caption-text">The kitchen</p></div>\n'
    )
    dl = (
        '<dl class="wp-caption alignnone"><dt class="wp-caption-dt"><img src="/a.jpg" alt="" />'
        '</dt><dd class="wp-caption-dd">Old caption</dd></dl>\n'
    )
    images = [loads(body, flavor="html").lead for body in (div, dl)]
    assert [[(b.kind, getattr(b, "caption", None)) for b in blocks] for blocks in images] == [
        [("image", "The kitchen")],
        [("image", "Old caption")],
    ]
    assert images[0][0].link is not None  # type: ignore[union-attr]


def test_a_caption_wrapper_with_more_text_or_images_is_read_through() -> None:
    more_text = (
        '<div class="wp-caption"><img src="/a.jpg"><p class="wp-caption-text">Cap</p>'
        "<p>More</p></div>\n"
    )
    two = '<div><img src="/a.jpg"><img src="/b.jpg"><p class="caption">Both</p></div>\n'
    for body in (more_text, two):
        blocks = loads(body, flavor="html").lead
        assert blocks[0].kind == "image" and len(blocks) > 1
        assert all(getattr(b, "caption", None) is None for b in blocks)


def test_a_zero_width_space_is_no_text() -> None:
    post = loads("<p>\u200b</p>\n<p><img src='/a.png'>\u200b</p>\n<p>a\u200bb</p>\n", flavor="html")
    assert [(b.kind, getattr(b, "text", None), getattr(b, "caption", None)) for b in post.lead] == [
        ("image", None, None),
        ("paragraph", "a\u200bb", None),
    ]


def test_tistory_figures_and_link_card() -> None:
    post = load(IMPORTED / "tistory-2023-01-02-winter-trip.md")
    assert shown(post) == [
        ("paragraph", 7, "지난 주말 강릉에 다녀왔습니다."),
        ("image", 9, "경포대 앞바다"),
        (
            "paragraph",
            12,
            "KTX를 타면 서울역에서 두 시간이면 도착합니다. 역에서 바다까지는 버스로 20분입니다.",
        ),
        ("paragraph", 13, "준비물"),
        ("list", 14, "두꺼운 외투\n보조 배터리"),
        ("html", 18, ""),  # the video's <iframe>; its figcaption is empty
        ("paragraph", 21, "강릉 여행 안내 강릉시 관광 정보 www.gn.go.kr"),
        ("paragraph", 29, "자세한 내용은 이전 글을 참고하세요."),
    ]
    card = post.sections[0].blocks[4]
    assert isinstance(card, Paragraph)
    assert [link.url for link in card.links] == ["https://www.gn.go.kr/tour/"]


def test_a_link_around_headings_is_read_through() -> None:
    post = loads('<a href="/x"><h2>Title</h2><p>Text.</p></a>\n', flavor="html")
    assert [s.title for s in post.sections] == ["Title"]
    assert [b.kind for b in post.sections[0].blocks] == ["paragraph"]


def test_gutenberg_blocks_are_read_through_their_comments() -> None:
    post = load(IMPORTED / "gutenberg-2020-05-01-spring-update.md")
    image = post.lead[1]
    assert isinstance(image, Image) and image.line == 23
    assert image.caption == "The new forum's front page"
    assert image.link is not None and image.link.url.endswith("/forum.png")
    assert [(s.title, [b.kind for b in s.blocks][:1]) for s in post.sections] == [
        ("Releases", ["list"])
    ]
