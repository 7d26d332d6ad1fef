"""Sources (attributions) and the promo footer, in Korean and English."""

from __future__ import annotations

import pytest

from newspost import dumps, loads


@pytest.mark.parametrize(
    ("line", "label", "url", "title", "publisher"),
    [
        (
            '<p>출처: <a href="https://n.kr/1">기사 제목</a> | 뉴스다오</p>',
            "출처",
            "https://n.kr/1",
            "기사 제목",
            "뉴스다오",
        ),
        ('<p>출처 : <a href="https://n.kr/1">기사</a></p>', "출처", "https://n.kr/1", "기사", None),
        (
            "Source: [Reuters story](https://reuters.example/x) - Reuters",
            "Source",
            "https://reuters.example/x",
            "Reuters story",
            "Reuters",
        ),
        (
            "via [TechCrunch](https://tc.example/a)",
            "via",
            "https://tc.example/a",
            "TechCrunch",
            None,
        ),
        ("출처: 연합뉴스", "출처", None, None, "연합뉴스"),
    ],
)
def test_source_lines(
    line: str, label: str, url: str | None, title: str | None, publisher: str | None
) -> None:
    post = loads(f"---\ntitle: t\n---\n## A\n\nBody text here.\n\n{line}\n\n## B\n\nMore.\n")
    assert len(post.sources) == 1
    source = post.sources[0]
    assert (source.label, source.url, source.title, source.publisher) == (
        label,
        url,
        title,
        publisher,
    )
    assert source.line == 8
    assert all("출처" not in b.text for b in post.sections[0].blocks if b.kind == "paragraph")  # type: ignore[union-attr]


def test_prose_starting_with_source_is_not_a_source() -> None:
    post = loads("Source code of the kernel is on GitHub.\n")
    assert post.sources == []


def test_a_marked_note_is_not_a_source() -> None:
    # A mark before a label other than 출처 makes a note or a list written as text.
    post = loads("## A\n\nBody.\n\n<p>※ 참고: 자세한 내용은 홈페이지를 확인하세요.</p>\n")
    assert post.sources == []


def test_source_table() -> None:
    body = (
        "## A\n\ntext\n\n<table><tr><th>출처</th></tr>"
        '<tr><td><a href="https://a.kr">A 기사</a> | A신문</td></tr>'
        '<tr><td><a href="https://b.kr">B 기사</a></td></tr></table>\n'
    )
    post = loads(body)
    assert [(s.url, s.title, s.publisher) for s in post.sources] == [
        ("https://a.kr", "A 기사", "A신문"),
        ("https://b.kr", "B 기사", None),
    ]
    assert post.tables == []


def test_footer_promo_line() -> None:
    post = loads(
        '## A\n\nBody.\n\n빠르고 정확한 뉴스를 원한다면? 바로, <a href="https://n.kr">https://n.kr</a>\n'
    )
    assert len(post.footer) == 1 and post.footer[0].links[0].url == "https://n.kr"  # type: ignore[union-attr]
    assert [b.kind for b in post.sections[0].blocks] == ["paragraph"]


def test_last_paragraph_with_ordinary_link_is_not_a_footer() -> None:
    post = loads(
        "## A\n\nBody.\n\nThe [report](https://r.example/full) has the details of the study.\n"
    )
    assert post.footer == []


@pytest.mark.parametrize(
    ("last", "is_footer"),
    [
        ('생생한 뉴스, <a href="https://opensis.kr">opensis.kr</a>', True),
        ('Daily news: <a href="https://n.example.org">n.example.org</a>', True),
        # A sentence that ends on an address, and a lone link, are the article's.
        ('More details are at <a href="https://ev.example.org">ev.example.org</a>.', False),
        ('<a href="https://tv.example.org/ep1/">https://tv.example.org/ep1/</a>', False),
    ],
)
def test_a_footer_signs_off_with_an_address_after_a_lead_in(last: str, is_footer: bool) -> None:
    post = loads(f"## A\n\nBody.\n\n{last}\n", flavor="commonmark")
    assert bool(post.footer) is is_footer
    assert len(post.sections[0].blocks) == (1 if is_footer else 2)


@pytest.mark.parametrize(
    ("line", "label", "url", "publisher"),
    [
        ("자료 출처: 통계청", "자료 출처", None, "통계청"),  # one label, not "자료" and a space
        ("（来源：新华社）", "来源", None, "新华社"),
        ("(Source: Reuters (UK))", "Source", None, "Reuters (UK)"),
        ("資料來源：中央社", "資料來源", None, "中央社"),
        ('参考：<a href="https://a.jp/n">記事</a>', "参考", "https://a.jp/n", None),
        ('引用元：<a href="https://b.jp/n">NHK</a>', "引用元", "https://b.jp/n", None),
        ('原文链接：<a href="https://c.cn/n">c</a>', "原文链接", "https://c.cn/n", None),
        # After a reference mark or a bullet, and "기사 출처" as one label.
        ("<p>※ 출처: 연합뉴스</p>", "출처", None, "연합뉴스"),
        ('<p>▶ 기사 출처: <a href="https://a.kr/1">a</a></p>', "기사 출처", "https://a.kr/1", None),
        ("<p>- 뉴스 출처: 뉴스1</p>", "뉴스 출처", None, "뉴스1"),
    ],
)
def test_source_labels_in_korean_chinese_and_japanese(
    line: str, label: str, url: str | None, publisher: str | None
) -> None:
    (source,) = loads(f"## A\n\nBody text.\n\n{line}\n", flavor="commonmark").sources
    assert (source.label, source.url, source.publisher) == (label, url, publisher)


def test_a_kramdown_source_line_read_as_a_one_row_table_is_a_source() -> None:
    # kramdown (Jekyll) shows "출처: <a …>title</a> | publisher" as a one-row table.
    post = loads(
        "Text.\n\n출처: <a href='https://a.kr/1'>Story</a> | 연합뉴스\n", flavor="kramdown"
    )
    assert post.tables == []
    [source] = post.sources
    assert (source.label, source.url, source.title, source.publisher, source.line) == (
        "출처",
        "https://a.kr/1",
        "Story",
        "연합뉴스",
        3,
    )


# A list of sources under a heading, as generated posts and blogs end: "## 참고 자료"
# (excerpt of a real post, its addresses shortened).
REFERENCES = """\
## 개요

본문입니다.

## 참고 자료

- [Service Mesh vs API Gateway](https://www.solo.io/topics/istio/service-mesh-vs-api-gateway)
- [Istio Documentation](https://istio.io/latest/docs/) - 공식 문서

---

**마이크로서비스 아키텍처** 시리즈의 끝.
"""


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark", "commonmark"])
def test_a_list_under_a_sources_heading_is_the_sources(flavor: str) -> None:
    post = loads(REFERENCES, flavor=flavor)
    assert [(s.label, s.url, s.title, s.publisher, s.line) for s in post.sources] == [
        (
            "참고 자료",
            "https://www.solo.io/topics/istio/service-mesh-vs-api-gateway",
            "Service Mesh vs API Gateway",
            None,
            7,
        ),
        ("참고 자료", "https://istio.io/latest/docs/", "Istio Documentation", "공식 문서", 8),
    ]
    # The heading stays in the outline, with what else is under it; the list is gone.
    section = post.sections[1]
    assert section.title == "참고 자료"
    assert [block.kind for block in section.blocks] == ["rule", "paragraph"]


@pytest.mark.parametrize(
    "lead_in", ["Sources:", "**출처:**", "References (참고):", "参考文献：", "📚 Sources:"]
)
def test_a_list_after_a_sources_line_is_the_sources(lead_in: str) -> None:
    post = loads(
        f"Body text.\n\n{lead_in}\n\n- [A](https://a.example.org/x)\n"
        "- <a href='https://b.example.org/y'>B</a>, Reuters\n"
    )
    assert [(s.url, s.title, s.publisher) for s in post.sources] == [
        ("https://a.example.org/x", "A", None),
        ("https://b.example.org/y", "B", "Reuters"),
    ]
    assert [block.kind for block in post.lead] == ["paragraph"]  # the lead-in went with them


@pytest.mark.parametrize(
    "body",
    [
        # An item that links nowhere: a book, a phone number.
        "## 참고 자료\n\n- [A](https://a.example.org/)\n- 뿌리오 고객센터: 1588-5412\n",
        # What the reader may read next was not drawn on.
        "## Further reading\n\n- [A](https://a.example.org/)\n",
        "## See also\n\n- [A](https://a.example.org/)\n",
        # A heading that only starts with a label, and a label line without its colon.
        "## Sources of funding\n\n- [A](https://a.example.org/)\n",
        "Sources\n\n- [A](https://a.example.org/)\n",
        # Something between the heading and the list.
        "## References\n\nThese helped:\n\n- [A](https://a.example.org/)\n",
        # A subheading between them.
        "## 참고 자료\n\n### 공식 문서\n\n- [A](https://a.example.org/)\n",
    ],
)
def test_lists_that_are_not_sources(body: str) -> None:
    post = loads(body, flavor="commonmark")
    assert post.sources == []
    assert any(block.kind == "list" for block in post.blocks())


# Real closing lines of posts copied from feeds: WordPress's (Yoast's) on a Microsoft
# devblogs post, the same line without its spaces in a company-news archive (Eltek), and
# a Microsoft Tech Community aggregator's.
@pytest.mark.parametrize(
    ("line", "label", "url", "title", "publisher"),
    [
        (
            '<p>The post <a href="https://devblogs.microsoft.com/microsoft365dev/updates/">Updates'
            " on deprecating legacy Exchange Online tokens</a> appeared first on"
            ' <a href="https://devblogs.microsoft.com/microsoft365dev">Microsoft 365 Developer'
            " Blog</a>.</p>",
            "appeared first on",
            "https://devblogs.microsoft.com/microsoft365dev/updates/",
            "Updates on deprecating legacy Exchange Online tokens",
            "Microsoft 365 Developer Blog",
        ),
        (
            "The post[Eltek Ltd. Reports Full year Results](https://www.nisteceltek.com/eltek-results/)"
            " first appeared on[Eltek Ltd.](https://www.nisteceltek.com/) .",
            "first appeared on",
            "https://www.nisteceltek.com/eltek-results/",
            "Eltek Ltd. Reports Full year Results",
            "Eltek Ltd.",
        ),
        (
            'This post appeared first on "Microsoft Tech Community". [Read the entire article'
            " here](https://techcommunity.microsoft.com/t5/apps-on-azure-blog/ba-p/4487103)",
            "appeared first on",
            "https://techcommunity.microsoft.com/t5/apps-on-azure-blog/ba-p/4487103",
            None,
            "Microsoft Tech Community",
        ),
    ],
)
def test_a_feeds_syndication_line_is_the_source(
    line: str, label: str, url: str, title: str | None, publisher: str
) -> None:
    post = loads(f"---\ntitle: t\n---\n## A\n\nBody text here.\n\n{line}\n")
    assert [(s.label, s.url, s.title, s.publisher) for s in post.sources] == [
        (label, url, title, publisher)
    ]
    assert [b.kind for b in post.sections[0].blocks] == ["paragraph"]  # lifted out of the body


@pytest.mark.parametrize(
    "line",
    [
        "The post office first appeared on the square in 1902.",  # no link
        "Reagan first appeared on [album covers](https://e.org/a) in the 1960s.",
    ],
)
def test_prose_about_first_appearances_is_not_a_source(line: str) -> None:
    assert loads(f"Body.\n\n{line}\n").sources == []


def test_a_quote_box_holding_only_an_attribution_is_the_source() -> None:
    # A Korean AWS news blog on Jekyll's Chirpy theme: the source in an info box, its
    # publisher in brackets after the link.
    post = loads(
        "---\ntitle: t\n---\n\n> 출처: [Amazon S3 annotations: attach rich, queryable context]"
        "(https://aws.amazon.com/ko/blogs/aws/amazon-s3-annotations/) (AWS Blog)\n"
        "{: .prompt-info }\n\n---\n\n## 개요\n\nAmazon S3에 **Annotations** 기능이 추가됐습니다.\n",
        path="_posts/2026-07-16-s3-annotations-ko.md",
    )
    assert [(s.label, s.url, s.publisher) for s in post.sources] == [
        ("출처", "https://aws.amazon.com/ko/blogs/aws/amazon-s3-annotations/", "AWS Blog")
    ]
    assert all(block.kind != "quote" for block in post.blocks())


def test_a_quote_of_several_paragraphs_stays_a_quote() -> None:
    post = loads("> 출처: [연합뉴스](https://yna.example/1)\n>\n> 기사 본문을 인용한 문단.\n")
    assert post.sources == []


def test_paragraphs_under_a_sources_heading_are_the_sources() -> None:
    # A Korean LLM-written AI daily report: one numbered source a paragraph.
    post = loads(
        "## 조사 한계\n\n- 최근 24시간의 새 변화를 우선했다.\n\n## Sources\n\n"
        '[1] <span id="source-1"></span> [Anthropic · Claude Code v2.1.295]'
        "(https://github.com/anthropics/claude-code/releases/tag/v2.1.295)\n\n"
        '[2] <span id="source-2"></span> [OpenAI · Codex CLI 0.162.0]'
        "(https://github.com/openai/codex/releases/tag/rust-v0.162.0)\n"
    )
    assert [(s.label, s.title) for s in post.sources] == [
        ("Sources", "Anthropic · Claude Code v2.1.295"),
        ("Sources", "OpenAI · Codex CLI 0.162.0"),
    ]
    assert post.sections[1].title == "Sources" and post.sections[1].blocks == []


@pytest.mark.parametrize(
    "after",
    [
        "[1] [Docs](https://e.org/docs)\n\nThe docs say more than this.\n",  # one links nowhere
        "[1] [Docs](https://e.org/docs)\n\n```\ncode\n```\n",  # leads on to another block
    ],
)
def test_paragraphs_under_a_sources_heading_that_break_the_run_stay(after: str) -> None:
    assert loads(f"## Sources\n\n{after}").sources == []


@pytest.mark.parametrize(
    ("line", "label"),
    [
        # An LLM-written Spanish robotics news post's closing line, once taken for a promo footer.
        (
            "**Fuente original:** [Scan detection fusion](https://discourse.openrobotics.org/t/56944)",
            "Fuente original",
        ),
        ("Nguồn: [VnExpress](https://vnexpress.net/gia-vang-4512345.html)", "Nguồn"),
        ("Original source: [Reuters](https://reuters.example/a)", "Original source"),
    ],
)
def test_more_languages_source_labels(line: str, label: str) -> None:
    post = loads(f"## A\n\nBody text here.\n\n{line}\n")
    assert [s.label for s in post.sources] == [label]
    assert post.footer == []


def test_a_source_whose_link_text_is_its_address_has_no_title() -> None:
    # A Japanese Hacker News digest: 引用元：[https://news.ycombinator.com/...](same)
    url = "https://news.ycombinator.com/item?id=44142761"
    post = loads(f"> ボットを徹底拒否！\n\n引用元：[{url}]({url})\n\n本文。\n")
    assert [(s.label, s.url, s.title) for s in post.sources] == [("引用元", url, None)]


@pytest.mark.parametrize(
    ("text", "url", "publisher"),
    [
        # A republished article (a Jekyll blog): the site's link is the original's.
        (
            "> This article was originally published on [DanSvetlov.me]"
            "(https://dansvetlov.me/sidekiq-internals/) and is republished here with permission"
            " of the author.\n\nBody.\n",
            "https://dansvetlov.me/sidekiq-internals/",
            "DanSvetlov.me",
        ),
        # A Medium cross-post: an address names no publisher.
        (
            "Body.\n\n*This article was originally published at"
            " <https://medium.com/@aradsouza/data-contracts-7dbc1e95e208>*\n",
            "https://medium.com/@aradsouza/data-contracts-7dbc1e95e208",
            None,
        ),
    ],
)
def test_an_originally_published_line_with_one_link(
    text: str, url: str, publisher: str | None
) -> None:
    assert [(s.url, s.title, s.publisher) for s in loads(text).sources] == [(url, None, publisher)]


def test_a_full_stop_or_an_empty_link_names_no_publisher() -> None:
    # An Eleventy post's MLA "Works Cited", and a Medium export's link card, which ends
    # on an empty link to the same page.
    post = loads(
        "## Works Cited\n\nIglesia, Daniel. _Monkeyswarm/MobMuPlat_. GitHub,"
        " <https://github.com/monkeyswarm/MobMuPlat>.\n\n"
        "## reference\n\n[**什麼是 Git？**  \n_gitbook.tw_](https://gitbook.tw/what-is-git.html)"
        "[](https://gitbook.tw/what-is-git.html)\n"
    )
    assert [(s.url, s.publisher) for s in post.sources] == [
        ("https://github.com/monkeyswarm/MobMuPlat", None),
        ("https://gitbook.tw/what-is-git.html", None),
    ]


@pytest.mark.parametrize(
    ("line", "label", "url", "publisher"),
    [
        # Press releases kept by a company-news archive: PR Newswire's and ACCESS
        # Newswire's closing lines.
        (
            "View original content to download multimedia:[https://www.prnewswire.com/"
            "news-releases/frt-302728947.html](https://www.prnewswire.com/news-releases/"
            "frt-302728947.html)",
            "View original content",
            "https://www.prnewswire.com/news-releases/frt-302728947.html",
            None,
        ),
        (
            "View the original[press release](https://www.accessnewswire.com/newsroom/en/"
            "glad-1164400) on ACCESS Newswire",
            "View the original",
            "https://www.accessnewswire.com/newsroom/en/glad-1164400",
            "ACCESS Newswire",
        ),
    ],
)
def test_a_newswires_original_content_line_is_the_source(
    line: str, label: str, url: str, publisher: str | None
) -> None:
    post = loads(f"Body text here.\n\n{line}\n")
    assert [(s.label, s.url, s.title, s.publisher) for s in post.sources] == [
        (label, url, None, publisher)
    ]


@pytest.mark.parametrize(
    ("line", "label", "url"),
    [
        # Viblo (Vietnamese) posts translated from softwaretestinghelp.com: no linkify, so
        # the address after the label is plain text.
        (
            "Nguồn bài viết: https://www.softwaretestinghelp.com/css-selector-selenium-locator/",
            "Nguồn bài viết",
            "https://www.softwaretestinghelp.com/css-selector-selenium-locator/",
        ),
        (
            "출처 : https://www.acmicpc.net/problem/2268.",
            "출처",
            "https://www.acmicpc.net/problem/2268",
        ),
    ],
)
def test_a_plain_address_after_a_label_is_the_sources_address(
    line: str, label: str, url: str
) -> None:
    post = loads(f"## A\n\nBody text here.\n\n{line}\n")
    assert [(s.label, s.url, s.publisher) for s in post.sources] == [(label, url, None)]


def test_a_link_alone_whose_text_is_a_label_is_the_source() -> None:
    # Newsworthyai/press-release-archive,
    # 247PressRelease/2024/0319/hiber-acquires-srett-industrie.md (cut).
    text = (
        "# Hiber Acquires Srett Industrie\n\nAMSTERDAM and PARIS, March 19, 2024 "
        "/24-7PressRelease/ -- Today marks a pivotal moment as Hiber acquires Srett.\n\n---\n\n"
        "[Original/Source Press Release](https://www.24-7pressrelease.com/press-release/"
        "509340/hiber-acquires-srett-industrie)\n                    \n\n"
        "Pickup - [citybuzz.co](https://citybuzz.co/2024/03/19/hiber-acquires)\n"
    )
    post = loads(text)
    assert [(s.label, s.url, s.title) for s in post.sources] == [
        (
            "Original/Source Press Release",
            "https://www.24-7pressrelease.com/press-release/509340/hiber-acquires-srett-industrie",
            None,
        )
    ]
    for label in ("Source", "Read the original article", "원문 보기", "原文链接"):
        assert loads(f"## A\n\nBody.\n\n[{label}](https://a.example/x)\n").sources
    # A link to code is no attribution.
    for label in ("View source", "Source code"):
        assert not loads(f"## A\n\nBody.\n\n[{label}](https://github.com/x)\n").sources


@pytest.mark.parametrize(
    ("lines", "url", "publisher"),
    [
        # A Chinese notes repository's copy of a vendor's guide: the attribution's first
        # line names the source, the hard-broken lines after it say other things.
        (
            "来源：https://dev.mi.com/console/doc/detail?pId=33  \n"
            "原文标题：应用自动发布接口操作指南  \n整理时间：2026-05-15",
            "https://dev.mi.com/console/doc/detail?pId=33",
            None,
        ),
        ("출처: 연합뉴스\n원문 제목: 한미 정상회담", None, "연합뉴스"),
        # 743v45/daynews, content/news/2026/05/25/10.md: a feed archive's item header.
        (
            "**来源**: [36氪](https://36kr.com/newsflashes/3824259717566848?f=rss)  \n"
            "**日期**: 2026年5月25日  \n**分类**: 科技",
            "https://36kr.com/newsflashes/3824259717566848?f=rss",
            None,
        ),
        # A publisher on the line after the link is still the publisher.
        ("출처: [회담](https://a.example/x)  \n연합뉴스", "https://a.example/x", "연합뉴스"),
        # A line wrapped in the file is one line on the page.
        (
            "Source: The National Oceanic and Atmospheric\nAdministration",
            None,
            "The National Oceanic and Atmospheric Administration",
        ),
    ],
)
def test_an_attributions_first_line_names_its_source(
    lines: str, url: str | None, publisher: str | None
) -> None:
    post = loads(f"## A\n\nBody text here.\n\n{lines}\n")
    assert [(s.url, s.publisher) for s in post.sources] == [(url, publisher)]


@pytest.mark.parametrize(
    "credit",
    [
        "출처: [JVM 위키백과](https://ko.wikipedia.org/wiki/JVM)",  # a Korean Java study blog
        "出典：[3D 都市モデルの特徴と活用法](https://www.mlit.go.jp/plateau/learning/tpc01-2/)",
    ],
)
def test_a_linked_credit_under_an_image_keeps_the_image(credit: str) -> None:
    text = f"## A\n\n본문.\n\n![JvmSpec7](/assets/images/JvmSpec7.png)\n{credit}\n"
    post = loads(text)
    assert len(post.sources) == 1
    assert [image.src for image in post.images] == ["/assets/images/JvmSpec7.png"]
    assert dumps(post) == text


@pytest.mark.parametrize(
    ("last", "footer"),
    [
        # Substack's sign-off, kept by a Markdown export without its button.
        ("Thanks for reading! Subscribe for free to receive new posts and support my work.", True),
        ("도움이 되셨다면 구독해 주세요!", True),
        ("We subscribe to the view that tests matter.", False),  # the article's own sentence
    ],
)
def test_a_subscribe_sign_off_without_a_link_is_the_footer(last: str, footer: bool) -> None:
    post = loads(f"## A\n\nBody text of the post.\n\n{last}\n")
    assert [block.text for block in post.footer] == ([last] if footer else [])  # type: ignore[union-attr]


# The disclosure Korean affiliate posts end on (the wording of sancho216.tistory.com's
# generator and of the Coupang Partners API's sample): neither the article nor a source.
_COUPANG = "※ 이 포스팅은 쿠팡 파트너스 활동의 일환으로, 이에 따른 일정액의 수수료를 제공받습니다."


def test_an_affiliate_disclosure_is_the_footer_with_its_promo_link() -> None:
    text = (
        f"## 특징\n\n흡입력이 좋습니다.\n\n"
        f"[👉 쿠팡에서 최저가 보기](https://link.coupang.com/a/abc)\n\n{_COUPANG}\n"
    )
    post = loads(text)
    assert [block.text for block in post.footer] == ["👉 쿠팡에서 최저가 보기", _COUPANG]  # type: ignore[union-attr]
    assert [block.text for block in post.sections[0].blocks] == ["흡입력이 좋습니다."]  # type: ignore[union-attr]
    assert dumps(post) == text


def test_an_affiliate_disclosure_under_a_source_is_not_its_publisher() -> None:
    post = loads(
        f"## 특징\n\n흡입력이 좋습니다.\n\n"
        f"출처: [다이슨 공식](https://www.dyson.co.kr/) | 다이슨  \n{_COUPANG}\n"
    )
    assert [(s.title, s.publisher) for s in post.sources] == [("다이슨 공식", "다이슨")]


def test_a_sentence_about_fees_is_not_a_disclosure() -> None:
    post = loads("## A\n\n본문입니다.\n\n카드 해외 결제 수수료는 1%입니다.\n")
    assert post.footer == []


@pytest.mark.parametrize(
    ("line", "publisher", "url"),
    [
        # lee-kwang-jae.github.io/news_letter's cards end on one of these.
        ("📌 출처: 연합뉴스 (이우성 기자)", "연합뉴스 (이우성 기자)", None),
        (
            "📰 출처: [정책브리핑](https://www.korea.kr/news/1) | 문화체육관광부",
            "문화체육관광부",
            "https://www.korea.kr/news/1",
        ),
    ],
)
def test_an_attribution_marked_with_an_emoji(line: str, publisher: str, url: str | None) -> None:
    post = loads(f"## A\n\n하남시가 홍보대사를 위촉했습니다.\n\n{line}\n")
    assert [(s.label, s.publisher, s.url) for s in post.sources] == [("출처", publisher, url)]


def test_a_note_marked_with_an_emoji_is_not_a_source() -> None:
    post = loads(
        "## A\n\n본문입니다.\n\n📌 참고: [공식 문서](https://docs.example/a)를 먼저 보세요.\n"
    )
    assert post.sources == []


@pytest.mark.parametrize(
    ("line", "url", "title", "publisher"),
    [
        # Naver's scrap line, as pasted into a GitHub note and a page's markup.
        ("[출처] 리눅스 getch|작성자 IceStove", None, "리눅스 getch", "IceStove"),
        (
            "[출처] [2026 기초연금](https://blog.naver.com/abc/223070750906)|작성자 행복한하루",
            "https://blog.naver.com/abc/223070750906",
            "2026 기초연금",
            "행복한하루",
        ),
        ("[출처] https://tisdev.tistory.com/2", "https://tisdev.tistory.com/2", None, None),
        ("【출처】Yahoo Finance", None, None, "Yahoo Finance"),
        ("【출처】 서울시 공지사항", None, None, "서울시 공지사항"),
    ],
)
def test_a_bracketed_label_needs_no_colon(
    line: str, url: str | None, title: str | None, publisher: str | None
) -> None:
    post = loads(f"## A\n\n기초연금 수령액이 올해 다시 올랐습니다.\n\n{line}\n")
    assert [(s.label, s.url, s.title, s.publisher) for s in post.sources] == [
        ("출처", url, title, publisher)
    ]


@pytest.mark.parametrize(
    "line", ["[참고] 이 기능은 베타입니다.", "출처] 연합뉴스", "[출처 연합뉴스"]
)
def test_a_bracketed_note_or_a_stray_bracket_is_not_a_source(line: str) -> None:
    assert loads(f"## A\n\n본문입니다.\n\n{line}\n").sources == []
