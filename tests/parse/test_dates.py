"""Dates as each site generator writes them: read as the generator reads them.

Each post is written as the generator's own docs or starter templates write it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newspost import FrontMatterError, dumps, loads, to_jsonld
from rule_support import run_rule

# Astro's blog template (src/content/blog/first-post.md): its schema reads pubDate
# with z.coerce.date(), that is JavaScript's new Date().
ASTRO_BLOG_POST = """\
---
title: 'First post'
description: 'Lorem ipsum dolor sit amet'
pubDate: 'Jul 08 2022'
heroImage: '/blog-placeholder-3.jpg'
---

Lorem ipsum dolor sit amet, consectetur adipiscing elit.
"""


def test_astros_month_name_date_is_the_date() -> None:
    post = loads(ASTRO_BLOG_POST, path="src/content/blog/first-post.md")
    assert post.date == dt.date(2022, 7, 8)
    assert run_rule("NP109", post) == []
    assert run_rule("NP703", post) == []
    assert to_jsonld(post)["datePublished"] == "2022-07-08"


def test_a_month_name_date_ruby_reads_dates_a_jekyll_post() -> None:
    post = loads("---\ntitle: T\ndate: July 8, 2022 10:00\n---\nText.\n", path="_posts/x.md")
    assert post.date == dt.datetime(2022, 7, 8, 10)


def test_a_month_name_date_that_is_no_day_is_still_reported() -> None:
    post = loads("---\ntitle: T\nlastmod: Jun 31 2024\n---\nText.\n")
    assert [issue.line for issue in run_rule("NP109", post)] == [3]


# AstroPaper's (Astro) front matter: pubDatetime and modDatetime in its schema.
ASTRO_PAPER_POST = """\
---
author: Sat Naing
pubDatetime: 2022-09-23T15:22:00Z
modDatetime: 2023-12-21T09:12:47.400Z
title: Adding new posts in AstroPaper theme
tags:
  - docs
description: Some rules & recommendations for creating or adding new posts.
---

Here are some rules and recommendations.
"""

# Fuwari's (Astro) front matter: published and updated, dates.
FUWARI_POST = """\
---
title: Simple Guides for Fuwari
published: 2024-04-01
updated: 2024-04-13
description: "How to use this blog template."
tags: ["Fuwari", "Blogging"]
category: Guides
draft: false
---

This blog template is built with Astro.
"""


@pytest.mark.parametrize("path", ["src/content/blog/first-post.md", "blog/first-post.md"])
@pytest.mark.parametrize(
    ("text", "key", "published", "modified"),
    [
        (ASTRO_BLOG_POST + "", "pubDate", "2022-07-08", "2022-07-08"),
        (
            ASTRO_BLOG_POST.replace("heroImage", "updatedDate: 'Jul 10 2022'\nheroImage"),
            "pubDate",
            "2022-07-08",
            "2022-07-10",
        ),
        (
            ASTRO_PAPER_POST,
            "pubDatetime",
            "2022-09-23T15:22:00+00:00",
            "2023-12-21T09:12:47.400000+00:00",
        ),
        (FUWARI_POST, "published", "2024-04-01", "2024-04-13"),
    ],
    ids=["Astro's blog", "Astro's blog, updated", "AstroPaper", "Fuwari"],
)
def test_astro_posts_are_dated_by_their_schemas_keys(
    path: str, text: str, key: str, published: str, modified: str
) -> None:
    post = loads(text, path=path)
    assert post.date is not None and post.date.isoformat() == published
    assert post.raw.key_aliases["date"] == key
    assert (
        post.raw.key_lines["date"]
        == text.splitlines().index(
            next(line for line in text.splitlines() if line.startswith(f"{key}:"))
        )
        + 1
    )
    article = to_jsonld(post)
    assert (article["datePublished"], article["dateModified"]) == (published, modified)
    found = [
        issue.code
        for code in ("NP100", "NP103", "NP109", "NP113", "NP703")
        for issue in run_rule(code, post)
    ]
    assert found == []
    # A changed date is written back under the key the file has.
    changed = dumps(post.with_front_matter(date=dt.date(2025, 1, 2)))
    assert f"{key}: 2025-01-02\n" in changed
    assert loads(changed, path=path).date == dt.date(2025, 1, 2)


def test_jekylls_published_flag_is_no_date() -> None:
    post = loads("---\ntitle: T\npublished: false\n---\nText.\n", path="_posts/x.md")
    assert (post.date, post.front_matter.published) == (None, False)
    post = loads("---\ntitle: T\npublished: true\npubDate: 2024-06-19\n---\nText.\n")
    assert (post.date, post.front_matter.published) == (dt.date(2024, 6, 19), True)


def test_a_date_key_wins_over_astros_keys() -> None:
    post = loads("---\ntitle: T\ndate: 2024-06-19\npubDate: 2024-06-01\n---\nText.\n")
    assert post.date == dt.date(2024, 6, 19)
    assert post.front_matter.extra == {"pubDate": "2024-06-01"}


# Eleventy's words for a date it takes at build time (any case), from its docs' examples.
@pytest.mark.parametrize(
    "written", ["Last Modified", '"git Last Modified"', "Created", "git Created", "last modified"]
)
def test_eleventys_date_words_are_no_date_and_no_fault(written: str) -> None:
    text = f"---\ntitle: How to handle dates in Eleventy\ndate: {written}\ntags: post\n---\nText.\n"
    # The file name's date does not count either: Eleventy takes the word's.
    post = loads(text, path="src/posts/2024-06-01-dates.md")
    # Eleventy's starter blog keeps its posts in content/, as Hugo does.
    assert loads(text, path="content/blog/firstpost.md").raw.date_keyword == written.strip('"')
    assert (post.date, post.raw.date_keyword) == (None, written.strip('"'))
    assert "date" not in post.front_matter.extra
    found = [
        issue.code
        for code in ("NP103", "NP109", "NP110", "NP113", "NP114", "NP703", "NP704")
        for issue in run_rule(code, post)
    ]
    assert found == []
    assert "datePublished" not in to_jsonld(post)
    assert dumps(post.with_front_matter(title="T")) == text.replace(
        "How to handle dates in Eleventy", "T"
    )
    assert "\ndate: 2024-06-19\n" in dumps(post.with_front_matter(date=dt.date(2024, 6, 19)))


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\ndate: Last Tuesday\n---\nText.\n",  # no word of Eleventy's
        '+++\ntitle = "T"\ndate = "Last Modified"\n+++\nText.\n',  # Hugo refuses it
    ],
)
def test_other_words_are_still_no_date(text: str) -> None:
    with pytest.raises(FrontMatterError, match="is not a date"):
        loads(text)


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("_posts/2024-6-9-launch.md", dt.date(2024, 6, 9)),  # Jekyll
        ("content/blog/2024-06-19_launch.md", dt.date(2024, 6, 19)),  # Hugo's :filename, Zola
        ("content/blog/2024-06-19-launch/index.md", dt.date(2024, 6, 19)),  # page bundle
        ("blog/2024-06-19-launch/index.mdx", dt.date(2024, 6, 19)),  # Docusaurus's folder
        ("content/posts/2024-06-19-launch/index.en.md", dt.date(2024, 6, 19)),  # translated
        ("blog/2024/06/19/launch.md", dt.date(2024, 6, 19)),  # Docusaurus's folders
        ("blog/2024-06-19/launch.md", dt.date(2024, 6, 19)),
        # Docusaurus's own blog: website/blog/2022/09-01-docusaurus-2.1/index.mdx.
        ("website/blog/2022/09-01-docusaurus-2.1/index.mdx", dt.date(2022, 9, 1)),
        ("blog/2019/05-28-first-blog-post.md", dt.date(2019, 5, 28)),
        ("blog/2022/09-01-docusaurus-2.1/other.md", None),
        ("blog/2024/06/launch.md", None),
        ("blog/2024-06-19-launch/other.md", None),  # the folder names an index only
        ("blog/launch/index.md", None),
        ("_posts/2024-13-45-launch.md", None),  # no day: the post loads, undated
        ("blog/2024-06-190-launch.md", None),
    ],
)
def test_the_file_name_dates_a_post_without_date(path: str, date: dt.date | None) -> None:
    text = "---\ntitle: Launch\n---\nText.\n"
    post = loads(text, path=path)
    assert post.date == date
    assert dumps(post) == text  # nothing is written for it


def test_the_file_name_dates_a_post_whose_date_is_blank() -> None:
    # A post skeleton (marcanuy/simpleit.rocks): "date:" followed by a YAML comment is
    # null, and Jekyll dates the post by its file name (data["date"] ||= ...).
    text = (
        "---\ntitle: Launch\n"
        "date: #A date here overrides the date from the name of the post.\n---\nText.\n"
    )
    post = loads(text, path="_posts/2016-06-12-understanding-jekyll-posts.md")
    assert post.date == dt.date(2016, 6, 12)
    assert dumps(post) == text


def test_a_date_that_differs_from_the_folders_is_reported() -> None:
    text = "---\ntitle: Launch\ndate: 2024-06-20\n---\nText.\n"
    post = loads(text, path="blog/2024-06-19-launch/index.md")
    assert [(issue.line, issue.message) for issue in run_rule("NP110", post)] == [
        (3, "date 2024-06-20 differs from the file name's 2024-06-19")
    ]
    assert run_rule("NP110", loads(text, path="blog/2024-06-20-launch/index.md")) == []


# Each generator's post with a publication and a modification date, as its docs write
# them, and the NewsArticle dates they give.
GENERATOR_DATES = {
    "Jekyll": (
        "_posts/2024-06-19-launch.md",
        "---\ntitle: Launch\ndate: 2024-06-19 10:00:00 +0900\n"
        "last_modified_at: 2024-06-20 09:30:00 +0900\n---\nText.\n",
        ("2024-06-19T10:00:00+09:00", "2024-06-20T09:30:00+09:00"),
    ),
    "Hugo, TOML datetimes": (
        "content/posts/launch.md",
        "+++\ntitle = 'Launch'\ndate = 2024-06-19T10:00:00+09:00\n"
        "lastmod = 2024-06-20T09:30:00+09:00\nexpiryDate = 2025-01-01\n+++\nText.\n",
        ("2024-06-19T10:00:00+09:00", "2024-06-20T09:30:00+09:00"),
    ),
    "Hugo, publishDate and lastMod in another case": (
        "content/posts/launch.md",
        "---\ntitle: Launch\npublishDate: 2024-06-19\nlastMod: 2024-06-20\n---\nText.\n",
        ("2024-06-19", "2024-06-20"),
    ),
    "Hexo": (
        "source/_posts/launch.md",
        "---\ntitle: Launch\ndate: 2024-06-19 10:00:00\nupdated: 2024-06-20 09:30:00\n---\nText.\n",
        ("2024-06-19T10:00:00", "2024-06-20T09:30:00"),
    ),
    "Zola": (
        "content/blog/launch.md",
        "+++\ntitle = 'Launch'\ndate = 2024-06-19\nupdated = 2024-06-20\n\n"
        "[taxonomies]\ntags = ['news']\n+++\nText.\n",
        ("2024-06-19", "2024-06-20"),
    ),
    "Pelican": (
        "content/launch.md",
        "Title: Launch\nDate: 2024-06-19 10:20\nModified: 2024-06-20 19:30\n\nText.\n",
        ("2024-06-19T10:20:00", "2024-06-20T19:30:00"),
    ),
    "Astro": (
        "src/content/blog/launch.md",
        "---\ntitle: Launch\npubDate: 'Jun 19 2024'\nupdatedDate: 'Jun 20 2024'\n---\nText.\n",
        ("2024-06-19", "2024-06-20"),
    ),
}


@pytest.mark.parametrize(("path", "text", "dates"), GENERATOR_DATES.values(), ids=GENERATOR_DATES)
def test_the_newsarticle_dates_come_from_each_generators_keys(
    path: str, text: str, dates: tuple[str, str]
) -> None:
    post = loads(text, path=path)
    article = to_jsonld(post)
    assert (article["datePublished"], article["dateModified"]) == dates
    found = [
        issue.code
        for code in ("NP103", "NP109", "NP110", "NP113", "NP114", "NP703", "NP705")
        for issue in run_rule(code, post)
    ]
    assert found == []


@pytest.mark.parametrize(
    "written", ['"Jun 19 2024"', '"2024/06/19"', '"2024-06-19 10:00:00 +0900"']
)
def test_a_zola_post_dated_as_zola_cannot_read_is_refused(written: str) -> None:
    text = f"+++\ntitle = 'Launch'\ndate = {written}\n\n[taxonomies]\ntags = ['news']\n+++\nx\n"
    with pytest.raises(FrontMatterError, match="Zola cannot read") as caught:
        loads(text, path="content/blog/launch.md")
    assert caught.value.line == 3
    # Read as another generator's post, the same date is one.
    assert loads(text.replace("[taxonomies]\ntags = ['news']\n", "")).date is not None
