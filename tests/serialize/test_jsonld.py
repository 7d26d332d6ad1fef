"""The jsonld format: a schema.org NewsArticle built from the post."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newspost import FormatError, Post, dumps, load, loads
from newspost.serialize import to_jsonld
from newspost.serialize._common import count_words, detect_language


def article(front_matter: str, body: str = "Body text.\n", **options: object) -> dict[str, object]:
    return to_jsonld(loads(f"---\n{front_matter}---\n{body}"), **options)  # type: ignore[arg-type]


def test_seed(seed_path: Path) -> None:
    data = to_jsonld(load(seed_path), site_url="https://newsdao.kr/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    # The whole title, whitespace normalised: nothing is cut (no 110-character limit).
    assert data["headline"] == "디지털정부협력에 관한 양해각서 체결 서명 즉시 발효 행정안전부"
    assert data["description"].startswith("행정안전부는 22일(현지시간) 영국 내각부와")
    assert "\n" not in data["description"]
    assert data["image"] == ["https://newsdao.kr/assets/img/newsdao_breakingnews.jpg"]
    assert data["articleSection"] == "News"
    assert data["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": "https://newsdao.kr/2624",  # httpss:// repaired, as the sanitizer does
        "name": "한-영 ‘디지털정부협력에 관한 양해각서’ 체결…서명 즉시 발효 - 행정안전부",
        "publisher": {"@type": "Organization", "name": "뉴스다오"},
    }
    assert data["publisher"] == {"@type": "Organization", "url": "https://newsdao.kr/"}
    assert data["inLanguage"] == "ko" and data["wordCount"] == 228
    assert "datePublished" not in data and "author" not in data and "mainEntityOfPage" not in data


def test_long_headline_is_not_cut() -> None:
    title = "가" * 150
    assert article(f"title: {title}\n")["headline"] == title


def test_dates() -> None:
    aware = article("title: t\ndate: 2024-06-12 10:00:00 +0900\n")
    assert aware["datePublished"] == aware["dateModified"] == "2024-06-12T10:00:00+09:00"
    bare = article("title: t\ndate: 2024-06-12\n")
    assert bare["datePublished"] == bare["dateModified"] == "2024-06-12"  # a date stays a date
    for key in ("last_modified_at", "lastmod", "updated", "modified"):
        data = article(f"title: t\ndate: 2024-06-12\n{key}: 2024-06-13 09:30:00 +0900\n")
        assert data["dateModified"] == "2024-06-13T09:30:00+09:00", key
    from_name = to_jsonld(loads("---\ntitle: t\n---\nx\n", path="_posts/2024-01-02-x.md"))
    assert from_name["datePublished"] == "2024-01-02"
    utc = article("title: t\ndate: 2024-06-12T01:00:00Z\n")
    assert utc["datePublished"] == "2024-06-12T01:00:00+00:00"


def test_people_and_publisher() -> None:
    assert article("author: Kim\n")["author"] == {"@type": "Person", "name": "Kim"}
    assert article("author: [Kim, Lee]\n")["author"] == [
        {"@type": "Person", "name": "Kim"},
        {"@type": "Person", "name": "Lee"},
    ]
    mapped = article("author: {name: Kim, url: 'https://x.kr/kim', twitter: '@k'}\n")
    assert mapped["author"] == {"@type": "Person", "name": "Kim", "url": "https://x.kr/kim"}
    desk = article("author: {name: News desk, type: Organization}\n")["author"]
    assert desk == {"@type": "Organization", "name": "News desk"}
    override = article("author: Kim\n", author={"name": "Park", "url": "https://x.kr/p"})
    assert override["author"] == {"@type": "Person", "name": "Park", "url": "https://x.kr/p"}
    publisher = article(
        "title: t\n",
        site_url="https://x.kr",
        publisher={"name": "X News", "logo": "/logo.png"},
    )["publisher"]
    assert publisher == {
        "@type": "Organization",
        "name": "X News",
        "logo": {"@type": "ImageObject", "url": "https://x.kr/logo.png"},
        "url": "https://x.kr",
    }
    from_front_matter = article("publisher: 뉴스다오\n")["publisher"]
    assert from_front_matter == {"@type": "Organization", "name": "뉴스다오"}
    assert "publisher" not in article("title: t\n")


def test_sections_keywords_and_sources() -> None:
    data = article(
        "categories: [Economy, Asia]\ntags: rates bank\n",
        "Text.\n\n출처: <a href='https://a.kr/1'>Story</a> | 연합뉴스\n\n"
        "참고: <a href='/docs/faq'>FAQ</a>\n",
        site_url="https://x.kr",
    )
    assert data["articleSection"] == ["Economy", "Asia"]
    assert data["keywords"] == ["rates", "bank"]
    assert data["isBasedOn"] == {
        "@type": "CreativeWork", "url": "https://a.kr/1", "name": "Story",
        "publisher": {"@type": "Organization", "name": "연합뉴스"},
    }  # fmt: skip
    assert data["citation"] == [
        {"@type": "CreativeWork", "url": "https://x.kr/docs/faq", "name": "FAQ"}
    ]


@pytest.mark.parametrize("heading", ["Bibliography", "Références", "参考文献"])
def test_a_references_list_is_cited(heading: str) -> None:
    data = article(
        "title: t\n",
        f"Text.\n\n## {heading}\n\n- [Paper](https://a.org/p), ACM\n- [Docs](https://b.org/d)\n",
    )
    assert "isBasedOn" not in data
    assert data["citation"] == [
        {"@type": "CreativeWork", "url": "https://a.org/p", "name": "Paper",
         "publisher": {"@type": "Organization", "name": "ACM"}},
        {"@type": "CreativeWork", "url": "https://b.org/d", "name": "Docs"},
    ]  # fmt: skip


def test_images_are_absolute_and_deduplicated() -> None:
    data = article(
        "image: /img/a.jpg\nfeature_image: https://cdn.x.kr/b.jpg\n",
        "![a](/img/a.jpg)\n\n<img src='c.png'>\n\n<img src='data:image/png;base64,AAA'>\n\n"
        "<img src='javascript:alert(1)'>\n",
        site_url="https://x.kr/blog/",
    )
    assert data["image"] == [
        "https://x.kr/blog/img/a.jpg",  # site-relative to the site, which lives under /blog/
        "https://cdn.x.kr/b.jpg",
        "https://x.kr/blog/c.png",
    ]
    relative = article("image: /img/a.jpg\n")["image"]
    assert relative == ["/img/a.jpg"]  # no site URL: left as written (NP708 reports it)


def test_a_lazily_loaded_image_gives_its_real_address() -> None:
    gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    data = article(
        "title: t\n",
        f'<img src="{gif}" data-src="/img/ferry.jpg" alt="A ferry">\n\n'
        f'<p>A pier: <img src="{gif}" alt="P"\n'
        'data-srcset="/p-400.jpg 400w, /p-1200.jpg 1200w"></p>\n',
        site_url="https://x.kr",
    )
    assert data["image"] == ["https://x.kr/img/ferry.jpg", "https://x.kr/p-1200.jpg"]


def test_authors_list_when_there_is_no_author() -> None:
    assert article("authors: [Lee, Kim]\n")["author"] == [
        {"@type": "Person", "name": "Lee"},
        {"@type": "Person", "name": "Kim"},
    ]
    assert article("author: Park\nauthors: [Lee]\n")["author"] == {
        "@type": "Person",
        "name": "Park",
    }


def test_hugo_images_list_follows_image() -> None:
    data = article('image: /img/a.jpg\nimages: ["/img/a.jpg", "https://cdn.x.kr/wide.jpg"]\n')
    assert data["image"] == ["/img/a.jpg", "https://cdn.x.kr/wide.jpg"]
    assert article("images: https://cdn.x.kr/one.jpg\n")["image"] == ["https://cdn.x.kr/one.jpg"]


def test_site_url_must_be_absolute() -> None:
    for bad in ("newsdao.kr", "/blog", "ftp://x.kr"):
        with pytest.raises(FormatError, match="not an absolute http"):
            article("title: t\n", site_url=bad)
        with pytest.raises(FormatError):
            dumps(loads("x\n"), format="html", standalone=True, site_url=bad)


def test_page_url_from_permalink() -> None:
    data = article("permalink: /news/2024/ferries/\n", site_url="https://x.kr")
    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "https://x.kr/news/2024/ferries/",
    }
    assert data["url"] == "https://x.kr/news/2024/ferries/"
    assert "url" not in article("permalink: /:categories/:title/\n", site_url="https://x.kr")
    assert "url" not in article("permalink: /news/x/\n")  # no site URL


def test_language() -> None:
    assert article("lang: ja\n")["inLanguage"] == "ja"
    assert article("language: zh_TW\n")["inLanguage"] == "zh-TW"
    assert article("title: t\n", "한국어 본문입니다.\n")["inLanguage"] == "ko"
    assert article("title: t\n", "日本語の本文です。\n")["inLanguage"] == "ja"
    assert article("title: t\n", "中文正文。\n")["inLanguage"] == "zh"
    assert article("title: t\n", "English body with one 한국 name.\n")["inLanguage"] == "en"
    assert article("lang: ja\n", language="ko")["inLanguage"] == "ko"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("행정안전부는 22일 영국 내각부와 양해각서를 체결했다", "ko"),
        ("今週のニュースレターでは、LNの提案を掲載しています", "ja"),  # Kana with Han
        ("本周新闻简报总结了一项提案", "zh"),
        ("Bitcoin Optech Newsletter", "en"),
        ("", "en"),
        (
            "OpenAI의 image edit API 요청이 504 Gateway Timeout 에러를 반환",
            "ko",
        ),  # mixed, mostly Latin letters
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The bank raised rates.", 4),
        ("행정안전부는 22일 양해각서를 체결했다.", 4),  # Hangul: by spaces
        ("今週のニュース", 7),  # Han and Kana: one each
        ("本周新闻", 4),
        ("Bitcoin取引 を", 4),  # "Bitcoin" + 取 引 + を
        ("— , . !", 0),
        ("", 0),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def test_word_count_is_the_article_body() -> None:
    data = article(
        "title: Many title words here\n", "## Head\n\nOne two three.\n\n출처: 연합뉴스\n"
    )
    assert data["wordCount"] == 4  # "Head" and three words; not the title nor the source


def test_dumps_jsonld_is_json_safe_for_script_elements(seed_path: Path) -> None:
    post = loads("---\ntitle: '</script><script>alert(1)</script>'\n---\nx\n")
    text = dumps(post, format="jsonld")
    assert (
        "</script>" not in text
        and json.loads(text)["headline"] == "</script><script>alert(1)</script>"
    )
    seed = dumps(load(seed_path), format="jsonld", indent=None)
    assert seed.count("\n") == 1 and "디지털정부" in seed  # one line, UTF-8 kept


def test_examples_give_valid_articles(example_posts: list[Post]) -> None:
    for post in example_posts:
        data = json.loads(dumps(post, format="jsonld", site_url="https://example.org"))
        assert data["@type"] == "NewsArticle" and data["headline"], post.path
        assert all(url.startswith("https://") for url in data.get("image", [])), post.path
        assert isinstance(data["wordCount"], int) and data["wordCount"] > 0


def test_description_is_the_excerpt_else_the_description_else_the_summary() -> None:
    # Jekyll posts (a Korean and a Chinese blog) keep their summary under description
    # (jekyll-seo-tag's key) or summary; an excerpt, when there is one, wins.
    aws = loads(
        "---\nlayout: post\ntitle: AWS fundamentals IAM + EC2\ndescription: >\n"
        "  AWS CDA 재빠르게 따보기 시작!\nexcerpt_separator: <!--more-->\n---\nText.\n"
    )
    demo = loads("---\ntitle: 第二篇\nsummary: 本文演示更多的 front-matter 字段用法。\n---\nx\n")
    both = loads("---\ntitle: t\nexcerpt: The excerpt.\ndescription: Not this.\n---\nText.\n")
    blank = loads('---\ntitle: t\ndescription: ""\n---\nText.\n')
    assert to_jsonld(aws)["description"] == "AWS CDA 재빠르게 따보기 시작!"
    assert to_jsonld(demo)["description"] == "本文演示更多的 front-matter 字段用法。"
    assert to_jsonld(both)["description"] == "The excerpt."
    assert "description" not in to_jsonld(blank)
    assert '<meta name="description" content="AWS CDA 재빠르게 따보기 시작!">' in dumps(
        aws, format="html", standalone=True
    )


def test_a_chirpy_posts_relative_images_are_under_its_media_subpath() -> None:
    # From a Jekyll post on Chirpy (2023-08-15-spacemesh-smeshing-with-friends.md).
    text = (
        '---\ntitle: "Spacemesh: Smeshing with Friends"\ndate: 2023-08-15 09:29:53 +0200\n'
        "img_path: /assets/img/posts/2023/\n---\n"
        "![SMAPP: run](smesh-8-run.png){: .shadow w='399' h='206' }\n"
        '_Type "%AppData/Spacemesh%" in the "Run" prompt._\n\n'
        "![Logo](/assets/logo.png) ![Remote](https://x.org/a.png)\n"
    )
    post = loads(text, path="_posts/2023-08-15-spacemesh-smeshing-with-friends.md")
    assert to_jsonld(post, site_url="https://blog.example")["image"] == [
        "https://blog.example/assets/img/posts/2023/smesh-8-run.png",
        "https://blog.example/assets/logo.png",
        "https://x.org/a.png",
    ]
    renamed = loads(text.replace("img_path", "media_subpath"), path=post.path)
    assert to_jsonld(renamed)["image"][0] == "/assets/img/posts/2023/smesh-8-run.png"


def test_jekylls_site_root_liquid_in_an_image_address_is_the_sites_root() -> None:
    # home-assistant/home-assistant.io, source/_posts/2015-03-08-new-logo.markdown (cut):
    # Liquid runs first, so the page shows /images/blog/ha-logo-history.png.
    text = (
        '---\nlayout: post\ntitle: "New logo for Home Assistant"\n'
        "date: 2015-03-08 22:16:10 -0800\n---\n\nA brand new logo for Home Assistant.\n\n"
        "<p class='img'>\n<img src='{{site_root}}/images/blog/ha-logo-history.png' />\n"
        "The old logo, the new detailed logo and the new simple logo.\n</p>\n\n"
        '![a]({{ site.baseurl }}/assets/a.png) ![b]({{ "/assets/b.png" | relative_url }})\n'
        "![c]({{ page.cover }}) ![d]({% link assets/d.png %})\n"
    )
    post = loads(text, path="source/_posts/2015-03-08-new-logo.markdown")
    # The model keeps each address as written; the JSON-LD needs a URL.
    assert post.images[0].src == "{{site_root}}/images/blog/ha-logo-history.png"
    assert to_jsonld(post, site_url="https://home-assistant.io")["image"] == [
        "https://home-assistant.io/images/blog/ha-logo-history.png",
        "https://home-assistant.io/assets/a.png",
        "https://home-assistant.io/assets/b.png",
    ]
    assert to_jsonld(post)["image"][0] == "/images/blog/ha-logo-history.png"


# gohugoio/hugoDocs, content/en/news/0.62.2-relnotes/index.md (cut): Hugo themes write
# the front matter's description into the page's meta description.
HUGO_RELNOTES = """---
date: 2020-01-05
title: "Hugo 0.62.2: A couple of Bug Fixes"
description: "This version fixes a couple of bugs introduced in 0.62.1."
categories: ["Releases"]
---

The main driving force behind these patch releases in the new year has been portable links.
"""


def test_a_hugo_posts_description_or_summary_is_the_articles_description() -> None:
    post = loads(HUGO_RELNOTES, path="content/en/news/0.62.2-relnotes/index.md")
    wanted = "This version fixes a couple of bugs introduced in 0.62.1."
    assert to_jsonld(post)["description"] == wanted
    assert f'<meta name="description" content="{wanted}">' in dumps(
        post, format="html", standalone=True
    )
    summary = HUGO_RELNOTES.replace("description:", "Summary:")
    assert to_jsonld(loads(summary, path="content/a.md"))["description"] == wanted
    # An excerpt, Jekyll's key, comes first.
    both = HUGO_RELNOTES.replace("categories:", "excerpt: Two fixes.\ncategories:")
    assert to_jsonld(loads(both, path="content/a.md"))["description"] == "Two fixes."


def test_the_front_matters_source_url_is_what_the_article_is_based_on() -> None:
    # zuhd.news (an LLM-written news site): the story's source is only in the front matter.
    data = article(
        'title: "Publishers Block Internet Archive Crawlers"\nsource: "Hacker News"\n'
        'sourceUrl: "https://www.eff.org/deeplinks/2026/03/blocking-internet-archive"\n',
        "San Francisco — The New York Times blocked the Internet Archive's crawlers.\n",
    )
    assert data["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": "https://www.eff.org/deeplinks/2026/03/blocking-internet-archive",
        "publisher": {"@type": "Organization", "name": "Hacker News"},
    }


def test_a_front_matter_source_the_body_names_too_is_named_once() -> None:
    url = "https://www.aljazeera.com/news/2026/2/14/bnp-wins"
    data = article(
        f'source: "Al Jazeera"\nsourceUrl: "{url}"\n',
        f"Bangladesh's BNP won 212 of 299 seats.\n\n*Sources: [Al Jazeera]({url})*\n",
    )
    assert data["isBasedOn"] == {"@type": "CreativeWork", "url": url, "name": "Al Jazeera"}


def test_the_front_matter_names_the_publisher_of_the_bodys_source_link() -> None:
    # 743v45/daynews, content/news/2026/05/25/delivery-hero33.md (cut): a feed
    # archive closes each item with "[阅读原文 →](…)" to the front matter's sourceUrl.
    url = "https://36kr.com/newsflashes/3824059279495555?f=rss"
    data = article(
        f'title: "Delivery Hero确认收到优步每股33欧元收购要约"\nsource: "36氪"\n'
        f'sourceUrl: "{url}"\n',
        f"当地时间5月23日，德国外卖巨头Delivery Hero发布公告。\n\n<!--more-->\n\n---\n\n"
        f"[阅读原文 →]({url})\n",
    )
    assert data["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": url,
        "publisher": {"@type": "Organization", "name": "36氪"},
    }


def test_two_body_links_to_one_story_are_one_source() -> None:
    # 743v45/daynews, content/news/2026/05/25/10.md (cut): the item's header and its
    # closing line link to the same story.
    url = "https://36kr.com/newsflashes/3824259717566848?f=rss"
    data = article(
        'title: "“天机智能”完成10亿元融资"\n',
        f"**来源**: [36氪]({url})  \n**日期**: 2026年5月25日\n\n36氪获悉，天机智能完成融资。\n\n"
        f"---\n\n[阅读原文 →]({url})\n",
    )
    assert data["isBasedOn"] == {"@type": "CreativeWork", "url": url, "name": "36氪"}


def test_a_front_matter_sources_list_names_the_stories() -> None:
    # Banhang-Chogao/koreawiki, content/news/hope-vuot-qua-1-trieu-khan-gia-ban-phat-
    # hanh-ngan-nhat.md (cut): an LLM-written news site lists its sources by name and url.
    data = article(
        "title: \"'Hope' vượt 1 triệu khán giả\"\nsources:\n"
        '  - name: "Dispatch (디스패치)"\n    url: "https://www.dispatch.co.kr/2345359"\n'
        '  - "https://www.kobis.or.kr/"\n  - {title: "No address"}\n  - "/relative/path"\n',
    )
    assert data["isBasedOn"] == [
        {
            "@type": "CreativeWork",
            "url": "https://www.dispatch.co.kr/2345359",
            "name": "Dispatch (디스패치)",
        },
        {"@type": "CreativeWork", "url": "https://www.kobis.or.kr/"},
    ]


def test_the_go_blogs_by_list_names_the_authors() -> None:
    # golang/website, _content/blog/go1.21.md (cut).
    data = article(
        "title: Go 1.21 is released!\ndate: 2023-08-08\nby:\n"
        "- Eli Bendersky, on behalf of the Go team\n",
        "Today the Go team is thrilled to release Go 1.21.\n",
    )
    assert data["author"] == {"@type": "Person", "name": "Eli Bendersky, on behalf of the Go team"}
    assert "author" not in article("title: t\nby: 3\n")


def test_a_relative_source_url_names_the_post_not_its_source() -> None:
    # qqq-news: a source_url that is the post's own path.
    data = article('source_url: "/automotive/carari-yeoncehaesseumyeon-20250821-05/"\n')
    assert "isBasedOn" not in data


@pytest.mark.parametrize(
    ("body", "language"),
    [
        # An LLM-written Spanish robotics news post.
        (
            "Un estudiante de secundaria ha lanzado un paquete de software que fusiona datos de"
            " LiDAR y cámaras para mejorar la navegación de robots. El paquete puede ayudar a los"
            " robots a detectar obstáculos y a navegar de manera más segura.\n",
            "es",
        ),
        ("Giá vàng hôm nay tăng mạnh theo đà của thị trường thế giới.\n", "vi"),
        # Domain names are no Portuguese words ("com").
        ("Verify example.com and mail.example.com, then www.example.com.\n", "en"),
        # BlueChili/LigaKarateBogota, content/news/resultados-campeonato-distrital-
        # septiembre-2018.md: a club's short notice holds few words.
        (
            "Encuentra los resultados del Campeonato Distrital celebrado en la liga de karate"
            " de Bogotá, con ranking valido para nacionales.\n",
            "es",
        ),
        # A longer Indonesian post holds "di" and "per" by chance: not Italian.
        (
            "Kecepatan dan nilai model lokal sangat bergantung pada perangkat keras yang ada. " * 6
            + "Model di laptop per hari, di kantor per minggu.\n",
            "en",
        ),
    ],
)
def test_the_language_of_a_latin_script_post(body: str, language: str) -> None:
    assert article("title: t\n", body)["inLanguage"] == language


def test_the_front_matters_source_title_names_the_story() -> None:
    # ukiuni/news, an LLM-written Japanese tech news site on Jekyll.
    data = article(
        'source_url: "https://www.schneier.com/blog/archives/2025/12/killing-rc4.html"\n'
        'source_title: "Microsoft Is Finally Killing RC4"\n',
        "# ついに終焉へ：MicrosoftがRC4を廃止\n",
    )
    assert data["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": "https://www.schneier.com/blog/archives/2025/12/killing-rc4.html",
        "name": "Microsoft Is Finally Killing RC4",
    }
