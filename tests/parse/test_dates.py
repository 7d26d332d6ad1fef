"""Dates as each site generator writes them: read as the generator reads them.

Each post is written as the generator's own docs or starter templates write it.
"""

from __future__ import annotations

import datetime as dt

from newspost import loads, to_jsonld
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
