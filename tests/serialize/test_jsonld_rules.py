"""NP7xx, structured data: a failing and a passing case for every rule, kept as data."""

from __future__ import annotations

import re
from typing import Any

import pytest

import newspost.serialize  # noqa: F401 - importing it registers the rules
from newspost import loads
from newspost.serialize import to_jsonld
from newspost.validate import RULES, Config, Context, Issue, Options, validate

GOOD = (
    "---\ntitle: Rates rise\ndate: 2024-06-12 10:00:00 +0900\n"
    "author: {name: Kim, url: 'https://x.kr/kim'}\nimage: https://x.kr/a.jpg\n---\nText.\n"
)

# code -> (failing post, passing post, options, expected message fragment, expected line)
CASES: dict[str, tuple[str, str, dict[str, Any], str, int | None]] = {
    "NP701": (
        "---\ntitle: t\n---\nText.\n",
        GOOD,
        {},
        "no author",
        1,
    ),
    "NP702": (
        "---\ntitle: t\nauthor: Kim\n---\nText.\n",
        GOOD,
        {},
        "author 'Kim' has no url",
        3,
    ),
    "NP703": (
        "---\ntitle: t\n---\nText.\n",
        GOOD,
        {},
        "no publication date",
        1,
    ),
    "NP704": (
        "---\ntitle: t\ndate: 2024-06-12\nlastmod: 2024-06-13\n---\nText.\n",
        GOOD,
        {},
        "datePublished is a bare date",
        3,
    ),
    "NP705": (
        "---\ntitle: t\ndate: 2024-06-12 10:00:00 +0900\n"
        "last_modified_at: 2023-01-01 09:00:00 +0900\n---\nText.\n",
        "---\ntitle: t\ndate: 2024-06-12 10:00:00 +0900\n"
        "last_modified_at: 2024-06-12 11:00:00 +0200\n---\nText.\n",
        {},
        "dateModified (2023-01-01T09:00:00+09:00, from last_modified_at) is before datePublished",
        4,
    ),
    "NP706": (
        "---\ndate: 2024-06-12\n---\n## First heading\n\nText.\n",
        GOOD,
        {},
        "the headline falls back to 'First heading'",
        1,
    ),
    "NP707": (
        "---\ntitle: t\n---\nText only.\n",
        "---\ntitle: t\n---\n![ferry](/img/ferry.jpg)\n",
        {},
        "no image",
        1,
    ),
    "NP708": (
        "---\ntitle: t\nimage: /img/a.jpg\n---\nText.\n",
        "---\ntitle: t\nimage: /img/a.jpg\n---\nText.\n",
        {"site_url": "https://x.kr"},
        "image '/img/a.jpg' is relative",
        3,
    ),
}


def _issues(code: str, text: str, options: dict[str, Any] | None = None) -> list[Issue]:
    rule = RULES[code]
    return list(rule.check(Context(loads(text, path="post.md"), Options(**options or {}))))


def test_the_group_is_complete_and_registered() -> None:
    codes = sorted(code for code in RULES if code.startswith("NP7"))
    assert codes == sorted(CASES)
    for code in codes:
        rule = RULES[code]
        assert type(rule).__module__ == "newspost.serialize._jsonld_rules"
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name) and rule.summary
        doc = rule.documentation()
        assert "\nBad: " in doc and "\nGood: " in doc, code
        assert len(doc.split("\n\n")[0]) > 20  # the why, before the examples


@pytest.mark.parametrize("code", sorted(CASES))
def test_fails_on_the_bad_example(code: str) -> None:
    bad, _, options, message, line = CASES[code]
    # The options that make the good case pass are the bad case's missing piece (NP708).
    found = _issues(code, bad, {} if code == "NP708" else options)
    assert found, code
    first = found[0]
    assert message in first.message, first.message
    assert first.line == line and first.code == code and first.path == "post.md"


@pytest.mark.parametrize("code", sorted(CASES))
def test_passes_on_the_good_example(code: str) -> None:
    _, good, options, _, _ = CASES[code]
    assert _issues(code, good, options) == []


def test_an_authors_list_is_the_author() -> None:
    post = "---\ntitle: t\nauthors:\n  - Maria Lopez\n  - Tom Becker\n---\nText.\n"
    assert _issues("NP701", post) == []
    assert [issue.line for issue in _issues("NP702", post)] == [3, 3]


def test_jekyll_imports_wordpress_author_is_named_by_its_display_name() -> None:
    # jekyll-import's WordPress importers write the author as WordPress exported it.
    post = (
        "---\ntitle: t\nauthor:\n  login: admin\n  email: admin@example.com\n"
        "  display_name: Jane Smith\n  first_name: Jane\n  last_name: Smith\n---\nText.\n"
    )
    assert _issues("NP701", post) == []
    assert [(i.message, i.line) for i in _issues("NP702", post)] == [
        ("author 'Jane Smith' has no url", 3)
    ]
    assert to_jsonld(loads(post))["author"] == {
        "@type": "Person",
        "name": "Jane Smith",
        "email": "admin@example.com",
    }
    login_only = "---\ntitle: t\nauthor: {login: jsmith, display_name: ''}\n---\nText.\n"
    assert to_jsonld(loads(login_only))["author"] == {"@type": "Person", "name": "jsmith"}


def test_an_author_under_hugo_params_is_the_author() -> None:
    # Hugo keeps a page's own keys under params; themes read .Params.author.
    toml = '+++\ntitle = "t"\n\n[params]\nauthor = "Marta Nowak"\n+++\nText.\n'
    assert _issues("NP701", toml) == []
    assert [(i.message, i.line) for i in _issues("NP702", toml)] == [
        ("author 'Marta Nowak' has no url", 5)  # its line inside [params]
    ]
    yaml_list = "---\ntitle: t\nparams:\n  authors: [Kim, Lee]\n---\nText.\n"
    assert _issues("NP701", yaml_list) == []
    assert to_jsonld(loads(toml))["author"] == {"@type": "Person", "name": "Marta Nowak"}


ZOLA_019 = """+++
title = "Ferry timetable changes"
date = 2024-06-12T10:00:00+09:00
authors = ["Kim Min-ji"]

[taxonomies]
tags = ["ferry"]

[extra]
cover_image = "https://x.kr/ferry.jpg"
+++
The ferry runs twice a day.
"""
ZOLA_EXTRA = """+++
title = "Ferry timetable changes"
date = 2024-06-12T10:00:00+09:00

[taxonomies]
tags = ["ferry"]

[extra]
author = { name = "Kim Min-ji", url = "https://x.kr/kim" }
banner = "https://x.kr/ferry.jpg"
+++
The ferry runs twice a day.
"""
ZOLA_YAML = """---
title: Ferry timetable changes
taxonomies:
  tags: [ferry]
extra:
  authors: [Kim Min-ji, Lee Jun]
  image: https://x.kr/ferry.jpg
---
The ferry runs twice a day.
"""


@pytest.mark.parametrize("text", [ZOLA_019, ZOLA_EXTRA, ZOLA_YAML], ids=["0.19", "extra", "yaml"])
def test_a_zola_posts_author_and_image(text: str) -> None:
    post = loads(text)
    assert post.raw.generator == "zola"
    assert _issues("NP701", text) == [] and _issues("NP707", text) == []
    article = to_jsonld(post)
    assert article["image"] == ["https://x.kr/ferry.jpg"]
    assert "Kim Min-ji" in str(article["author"])


def test_a_zola_posts_faults_are_reported_where_they_are() -> None:
    assert [(i.message, i.line) for i in _issues("NP702", ZOLA_019)] == [
        ("author 'Kim Min-ji' has no url", 4)
    ]
    assert [i.line for i in _issues("NP702", ZOLA_YAML)] == [6, 6]
    no_author = "\n".join(
        line for line in ZOLA_EXTRA.split("\n") if not line.startswith("author = ")
    )
    assert [i.message for i in _issues("NP701", no_author)] == [
        "no author: the NewsArticle's author is missing"
    ]
    relative = ZOLA_EXTRA.replace("https://x.kr/ferry.jpg", "/ferry.jpg")
    assert [(i.message, i.line) for i in _issues("NP708", relative)] == [
        ("extra.banner '/ferry.jpg' is relative and no site-url is configured to resolve it", 10)
    ]


# matrix-org/matrix.org, content/blog/2024/02/2024-02-20-website-office-hours.md (cut):
# the site lists each author's posts through an "author" taxonomy.
ZOLA_TAXONOMY = """+++
date = "2024-02-20T16:00:00Z"
title = "Launching the Matrix.org Website Office Hours"

[taxonomies]
author = ["Thib"]
category = ["Foundation"]

[extra]
image = "https://matrix.org/blog/img/matrix-website-opengraph.avif"
+++

The Matrix.org website is the public face of the Foundation.
"""


def test_a_zola_posts_author_taxonomy_names_its_author() -> None:
    assert _issues("NP701", ZOLA_TAXONOMY) == []
    assert [(i.message, i.line) for i in _issues("NP702", ZOLA_TAXONOMY)] == [
        ("author 'Thib' has no url", 6)
    ]
    assert to_jsonld(loads(ZOLA_TAXONOMY))["author"] == {"@type": "Person", "name": "Thib"}


# open-telemetry/opentelemetry.io, content/en/blog/2024/cve-2024-36129.md (cut): the
# theme renders the author line as Markdown, each name linked to its owner's page.
OTEL_AUTHORS = """---
title: Security vulnerability in OTel Collector confighttp and configgrpc
date: 2024-06-05
author:
  '[Juraci Paixão Kröhling](https://github.com/jpkrohling) (OpenTelemetry,
  Grafana Labs), [Pablo Baeyens](https://github.com/mx-psi) (OpenTelemetry,
  Datadog)'
---

On our path toward graduation, the OpenTelemetry project is currently undergoing
a security audit.
"""


def test_markdown_links_in_an_author_line_are_its_authors_and_their_pages() -> None:
    post = loads(OTEL_AUTHORS, path="content/en/blog/2024/cve-2024-36129.md")
    assert to_jsonld(post)["author"] == [
        {
            "@type": "Person",
            "name": "Juraci Paixão Kröhling",
            "url": "https://github.com/jpkrohling",
        },
        {"@type": "Person", "name": "Pablo Baeyens", "url": "https://github.com/mx-psi"},
    ]
    assert _issues("NP701", OTEL_AUTHORS) == [] and _issues("NP702", OTEL_AUTHORS) == []
    # kubernetes/website, a translator line: only the unlinked names have no page.
    mixed = OTEL_AUTHORS.replace("'[Juraci", "'Taisuke Okamoto (IDCフロンティア), [Juraci")
    assert [i.message for i in _issues("NP702", mixed)] == [
        "author 'Taisuke Okamoto (IDCフロンティア)' has no url"
    ]


# dillonzq/LoveIt, exampleSite/content/posts/theme-documentation-built-in-shortcodes (cut):
# the theme keeps the author's page beside the name, as DoIt and FixIt do.
LOVEIT_AUTHOR = """---
title: "Theme Documentation - Built-in Shortcodes"
date: 2020-03-04T16:29:41+08:00
author: "Dillon"
authorLink: "https://dillonzq.com"
---

**Hugo** provides multiple built-in shortcodes for author convenience.
"""


def test_a_themes_author_link_is_the_authors_url() -> None:
    post = loads(LOVEIT_AUTHOR, path="exampleSite/content/posts/shortcodes/index.en.md")
    assert to_jsonld(post)["author"] == {
        "@type": "Person",
        "name": "Dillon",
        "url": "https://dillonzq.com",
    }
    assert _issues("NP702", LOVEIT_AUTHOR) == []
    # helm.sh writes it in lower case; without one the author has no page.
    assert _issues("NP702", LOVEIT_AUTHOR.replace("authorLink", "authorlink")) == []
    no_link = LOVEIT_AUTHOR.replace('authorLink: "https://dillonzq.com"\n', "")
    assert [i.message for i in _issues("NP702", no_link)] == ["author 'Dillon' has no url"]


def test_extra_is_zolas_table_only_in_zola_posts() -> None:
    # A Jekyll post's "extra" key is the site's own: no author or image is read there.
    jekyll = "---\ntitle: t\nextra:\n  author: Kim\n  image: https://x.kr/a.jpg\n---\nText.\n"
    assert loads(jekyll).raw.generator == "jekyll"
    assert len(_issues("NP701", jekyll)) == 1 and len(_issues("NP707", jekyll)) == 1


def test_a_lazily_loaded_body_image_is_an_image() -> None:
    gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    lazy = f'---\ntitle: t\n---\n<img src="{gif}" data-lazy-src="https://x.kr/a.jpg" alt="A">\n'
    assert _issues("NP707", lazy) == []
    placeholder_only = f'---\ntitle: t\n---\n<img src="{gif}" alt="A">\n'
    assert len(_issues("NP707", placeholder_only)) == 1


def test_a_hugo_images_list_is_an_image() -> None:
    toml = '+++\ntitle = "t"\nimages = ["https://x.kr/a.jpg"]\n+++\nText.\n'
    assert _issues("NP707", toml) == []


# Real themes' names for the post's image, each the only image of a correct post.
THEME_IMAGES = {
    "featured_image": "---\ntitle: t\nfeatured_image: https://x.kr/a.jpg\n---\nText.\n",
    "Ghost's feature_image": "---\ntitle: t\nfeature_image: https://x.kr/a.jpg\n---\nText.\n",
    "PaperMod's cover.image": (
        '+++\ntitle = "t"\n[cover]\nimage = "https://x.kr/a.jpg"\nalt = "A ferry"\n+++\nText.\n'
    ),
    "thumbnail": "---\ntitle: t\nthumbnail: https://x.kr/a.jpg\n---\nText.\n",
    "og_image": "---\ntitle: t\nog_image: https://x.kr/a.jpg\n---\nText.\n",
    "Minimal Mistakes' header.teaser": (
        "---\ntitle: t\nheader:\n  overlay_color: '#333'\n  teaser: https://x.kr/a.jpg\n---\nText.\n"
    ),
    "Minimal Mistakes' header.image": (
        "---\ntitle: t\nheader:\n  image: https://x.kr/a.jpg\n---\nText.\n"
    ),
    "LoveIt's featuredImage, in Hugo's any case": (
        '+++\ntitle = "t"\nfeaturedImage = "https://x.kr/a.jpg"\n+++\nText.\n'
    ),
    "Hugo's params.images": '+++\ntitle = "t"\n[params]\nimages = ["https://x.kr/a.jpg"]\n+++\nx\n',
    "Astro's heroImage": "---\ntitle: t\nheroImage: https://x.kr/a.jpg\n---\nText.\n",
    "wordpress-export-to-markdown's coverImage": (
        '---\ntitle: "t"\ncoverImage: "https://x.kr/a.jpg"\n---\nText.\n'
    ),
    "Hexo's photos": "---\ntitle: t\nphotos:\n  - https://x.kr/a.jpg\n---\nText.\n",
    # Hexo Fluid's listing picture (Judera9's "Image Interpolation" post) and Butterfly's
    # header picture.
    "Hexo Fluid's index_img": (
        "---\ntitle: Image Interpolation\ndate: 2022-03-04 19:51:57\nmath: true\n"
        "categories:\n- [课程相关, DIP]\nindex_img: https://x.kr/a.jpg\n---\nText.\n"
    ),
    "Hexo Butterfly's top_img": "---\ntitle: t\ntop_img: https://x.kr/a.jpg\n---\nText.\n",
}


@pytest.mark.parametrize("name", sorted(THEME_IMAGES))
def test_a_themes_image_key_is_the_image(name: str) -> None:
    post = THEME_IMAGES[name]
    assert _issues("NP707", post) == []
    assert to_jsonld(loads(post))["image"] == ["https://x.kr/a.jpg"]


def test_an_image_key_without_an_address_is_no_image() -> None:
    # cover: true (a flag), an empty thumbnail, a mapping with no address: reported on
    # the first image key's line.
    post = "---\ntitle: t\ncover: true\nthumbnail: ''\nhero: {title: x}\n---\nText.\n"
    assert [issue.line for issue in _issues("NP707", post)] == [3]
    assert "image" not in to_jsonld(loads(post))


def test_front_matter_images_come_first_in_key_order() -> None:
    post = loads(
        "---\nimages: [/c.jpg]\nthumbnail: /b.jpg\nimage: /a.jpg\nfeatured_image: /a.jpg\n"
        "---\n![d](/d.jpg)\n"
    )
    assert to_jsonld(post)["image"] == ["/a.jpg", "/b.jpg", "/c.jpg", "/d.jpg"]


def test_every_relative_front_matter_image_is_reported_once() -> None:
    post = (
        "---\ntitle: t\nimage: /a.jpg\nfeatured_image: /a.jpg\nheader:\n  teaser: /t.jpg\n"
        "images: [/a.jpg, https://x.kr/b.jpg]\n---\nText.\n"
    )
    assert [(i.line, i.message.split(" is ")[0]) for i in _issues("NP708", post)] == [
        (3, "image '/a.jpg'"),
        (6, "header.teaser '/t.jpg'"),
    ]
    assert _issues("NP708", post, {"site_url": "https://x.kr"}) == []
    toml = '+++\ntitle = "t"\n[params]\nfeatured_image = "/a.jpg"\n+++\nText.\n'
    assert [i.line for i in _issues("NP708", toml)] == [4]


def test_modified_dates_compare_as_days_when_either_is_a_day() -> None:
    same_day = "---\ntitle: t\ndate: 2024-06-12 23:00:00 +0900\nupdated: 2024-06-12\n---\nx\n"
    assert _issues("NP705", same_day) == []
    earlier = "---\ntitle: t\ndate: 2024-06-12\nupdated: 2024-06-11 23:00:00 +0900\n---\nx\n"
    assert len(_issues("NP705", earlier)) == 1


def test_bloggers_modified_time_is_the_modification_date() -> None:
    # jekyll-import's Blogger importer writes Blogger's <updated> as modified_time.
    post = (
        "---\ntitle: t\ndate: '2011-03-04T10:15:00.000-08:00'\n"
        "modified_time: '2011-03-03T02:00:00.000-08:00'\n---\nx\n"
    )
    assert [i.line for i in _issues("NP705", post)] == [4]
    later = post.replace("2011-03-03T02", "2011-03-05T02")
    assert to_jsonld(loads(later))["dateModified"] == "2011-03-05T02:00:00-08:00"


def test_bare_date_from_the_file_name_is_reported_on_line_1() -> None:
    post = loads("---\ntitle: t\n---\nx\n", path="_posts/2024-06-12-x.md")
    (found,) = RULES["NP704"].check(Context(post, Options()))
    assert "from the file name" in found.message and found.line == 1


def test_author_lists_are_checked_one_by_one() -> None:
    found = _issues("NP702", "---\nauthor: [Kim, Lee]\n---\nx\n")
    assert [issue.message for issue in found] == [
        "author 'Kim' has no url",
        "author 'Lee' has no url",
    ]
    assert _issues("NP701", "---\nauthor: {url: 'https://x.kr'}\n---\nx\n")  # no name: no author


def test_the_engine_runs_them() -> None:
    report = validate(loads("---\ntitle: t\n---\nText.\n", path="p.md"), Config(select=["NP7"]))
    assert {issue.code for issue in report.issues} == {"NP701", "NP703", "NP707"}
    clean = validate(loads(GOOD, path="p.md"), Config(select=["NP7"]))
    assert clean.issues == []


def test_a_docusaurus_posts_opening_heading_is_its_headline() -> None:
    # cachix/devenv's blog post (docs/blog/posts/hello-world.md), in Docusaurus's blog/.
    text = "---\ndate: 2022-11-11\nauthors:\n  - domenkozar\n---\n\n# Hello world: devenv 0.1\n"
    post = loads(text, path="blog/2022-11-11-hello-world.md")
    assert post.raw.generator == "docusaurus" and post.title == "Hello world: devenv 0.1"
    assert list(RULES["NP706"].check(Context(post, Options()))) == []
    jekyll = loads(text, path="_posts/2022-11-11-hello-world.md")
    assert [i.code for i in RULES["NP706"].check(Context(jekyll, Options()))] == ["NP706"]
