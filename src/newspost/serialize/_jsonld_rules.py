"""NP7xx, structured data: what the post's schema.org ``NewsArticle`` lacks for search engines.

Google's Article structured data has no required properties, only recommended
ones: ``author`` (a Person or Organization with a ``name`` and a ``url``),
``datePublished`` and ``dateModified`` (with a time zone), ``headline`` and
``image``. These rules read the post the way `newspost.serialize.to_jsonld`
does, so each finding names a property the ``jsonld`` format would leave out
or write weakly. Importing `newspost.serialize` registers them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from urllib.parse import urlsplit

from newspost.model.front_matter import IMAGE_KEYS
from newspost.model.post import Post
from newspost.parse.front_matter import nested_key_line
from newspost.serialize._common import (
    author_link,
    author_name,
    author_source,
    linked_authors,
    modified_date,
    web_url,
)
from newspost.serialize.jsonld import image_urls
from newspost.validate._rule import RULES, Context, Issue, LintRule, Severity, register

__all__ = [
    "ArticleAuthorMissing",
    "ArticleAuthorUrlMissing",
    "ArticleDateMissing",
    "ArticleDateWithoutTime",
    "ArticleHeadlineMissing",
    "ArticleImageMissing",
    "ArticleImageNotAbsolute",
    "ArticleModifiedBeforePublished",
]


# NP707 and NP708 both read the front matter's image and feature_image (often the same
# URL): resolve each one once per post. web_url is a pure function of its arguments.
_web_url = functools.lru_cache(maxsize=4)(web_url)


def _register_once(cls: type[LintRule]) -> type[LintRule]:
    # pytest's importlib mode (with --doctest-modules) may run this module a second
    # time after the package imported it: the same class again is not a clash.
    existing = RULES.get(cls.code)
    if existing is not None and type(existing).__qualname__ == cls.__qualname__:
        return cls
    return register(cls)


def _key_line(ctx: Context, *keys: str) -> int | None:
    for key in keys:
        line = ctx.post.raw.key_lines.get(key)
        if line is not None:
            return line
    return None


def _top_line(ctx: Context) -> int:
    """Where a missing front matter key is reported: the opening delimiter's line, or line 1."""
    if ctx.post.raw.format == "none":
        return 1
    return max(1, ctx.front_matter_first_line - 1)


def _authors(ctx: Context) -> list[object]:
    author = author_source(ctx.post)[0]
    if author is None or author == "" or author == []:
        return []
    return list(author) if isinstance(author, list) else [author]


@_register_once
class ArticleAuthorMissing(LintRule):
    """The post names no author, so its NewsArticle has no ``author``.

    Google recommends an author (a Person or an Organization with a name) on
    every article, and shows it in results; search engines weigh articles
    whose author they can identify. A site-wide author set only in the site's
    configuration is invisible in the post's own structured data. A list under
    ``authors``, as Hugo, Pelican and Zola (since 0.19) sites write it, counts, and
    so does an author under Hugo's ``params``, a Zola post's ``extra`` or its
    ``author`` (or ``authors``) taxonomy. An
    author mapping is named by its ``name``, else by what jekyll-import keeps of a
    WordPress author (``display_name``, else ``first_name`` and ``last_name``,
    else ``login``).

    Bad: front matter without ``author``.

    Good: ``author: Kim Min-ji`` (or ``author: {name: Kim Min-ji, url: https://example.org/kim}``).
    """

    code = "NP701"
    name = "article-author-missing"
    severity = Severity.WARNING
    summary = "no author: the NewsArticle's author is missing"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report a post whose front matter has no author with a name."""
        if not any(author_name(author) for author in _authors(ctx)):
            yield self.issue(ctx, line=_key_line(ctx, "author", "authors") or _top_line(ctx))


@_register_once
class ArticleAuthorUrlMissing(LintRule):
    """The author has a name but no URL, a weak ``author`` for search engines.

    Google recommends ``author.url``: a page that identifies the author (a
    profile on the site, a social profile), so that people with the same name
    are told apart. A plain name in the front matter gives none.

    An author line of Markdown links, as sites whose themes render it write it
    (``[Kim Min-ji](https://github.com/kim) (Acme)``), gives each linked name its
    link's address; only its unlinked names are reported.

    A theme's ``authorLink`` (or ``author_link``, ``author_url``) beside one
    named author, as Hugo's LoveIt, DoIt and FixIt write it, is that author's page.

    Bad: ``author: Kim Min-ji``.

    Good: ``author: {name: Kim Min-ji, url: https://example.org/authors/kim}``.
    """

    code = "NP702"
    name = "article-author-url-missing"
    severity = Severity.INFO
    summary = "the author has no url"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report named authors without a ``url`` (or ``uri``)."""
        # Where the author was read from: author, authors, or params.author (Hugo) and
        # extra.author (Zola) inside their tables.
        key = author_source(ctx.post)[1]
        line = (_nested_key_line(ctx, key) if key else None) or _top_line(ctx)
        authors = _authors(ctx)
        if len(authors) == 1 and isinstance(authors[0], str) and author_link(ctx.post):
            return  # the theme's authorLink (LoveIt, DoIt, FixIt) is the author's page
        for author in authors:
            linked = linked_authors(author) if isinstance(author, str) else None
            if linked is not None:  # "[Name](https://...) (Company)": the link is the url
                for name, url in linked:
                    if not url:
                        yield self.issue(ctx, f"author {name!r} has no url", line=line)
                continue
            name = author_name(author)
            has_url = isinstance(author, dict) and (author.get("url") or author.get("uri"))
            if name and not has_url:
                yield self.issue(ctx, f"author {name!r} has no url", line=line)


@_register_once
class ArticleDateMissing(LintRule):
    """Neither the front matter nor the file name gives a date, so there is no ``datePublished``.

    Search engines show and rank news by its publication date; Google
    recommends ``datePublished`` on every article. Jekyll takes it from the
    file name (``2024-06-12-title.md``) or the ``date`` key. Eleventy's words
    for a date it takes at build time (``date: Last Modified``, ``Created``,
    ``git Last Modified``, ``git Created``) are not reported: the site's
    pages have that date, though the file cannot give it to newspost. A Hugo
    site whose ``[frontmatter]`` settings date posts by their git commit or file
    time (``:git``, ``:fileModTime``) has dates no post shows: turn NP703 off there.

    Bad: ``news.md`` with no ``date`` key.

    Good: ``2024-06-12-news.md``, or ``date: 2024-06-12 10:00:00 +0900``.
    """

    code = "NP703"
    name = "article-date-missing"
    severity = Severity.WARNING
    summary = "no publication date: the NewsArticle's datePublished is missing"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report a post without a date (but one that Eleventy dates at build time)."""
        if ctx.post.date is None and ctx.post.raw.date_keyword is None:
            yield self.issue(ctx, line=_top_line(ctx))


@_register_once
class ArticleDateWithoutTime(LintRule):
    """The publication or modification date is a bare day, with no time and no time zone.

    Google recommends ``datePublished`` and ``dateModified`` as ISO 8601 instants
    with a time zone; a bare date (from the file name, or ``date: 2024-06-12``)
    is read at midnight in the crawler's own zone, so a Seoul post can show as
    published the day before, and two updates on one day look the same. A time
    written without a zone is reported by NP114 (date-without-time-zone).

    Bad: ``2024-06-12-news.md`` with no ``date`` key, or ``date: 2024-06-12``.

    Good: ``date: 2024-06-12 10:00:00 +0900``.
    """

    code = "NP704"
    name = "article-date-without-time"
    severity = Severity.INFO
    summary = "the date is a bare day, without a time and a time zone"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report ``datePublished`` and a front matter ``dateModified`` that are bare dates."""
        published = ctx.post.date
        if published is not None and not isinstance(published, dt.datetime):
            line = _key_line(ctx, "date") or _top_line(ctx)
            field = (
                "datePublished"
                if "date" in ctx.post.raw.key_lines
                else ("datePublished (from the file name)")
            )
            yield self.issue(ctx, _bare_day(field), line=line)
        modified, key = modified_date(ctx.post)
        if modified is not None and key is not None and not isinstance(modified, dt.datetime):
            yield self.issue(ctx, _bare_day(f"dateModified ({key})"), line=_key_line(ctx, key))


def _bare_day(field: str) -> str:
    return f"{field} is a bare date: add a time and its time zone, as in 2024-06-12 10:00:00 +0900"


@_register_once
class ArticleModifiedBeforePublished(LintRule):
    """The modification date is before the publication date: one of the two is wrong.

    Search engines distrust such dates and may show neither; a stale
    ``last_modified_at`` copied from another post is the usual cause.

    Bad: ``date: 2024-06-12`` with ``last_modified_at: 2023-01-01``.

    Good: ``last_modified_at: 2024-06-13 09:00:00 +0900``, or no modification date.
    """

    code = "NP705"
    name = "article-modified-before-published"
    severity = Severity.WARNING
    summary = "dateModified is before datePublished"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Compare the two dates, as dates when either has no time, else as instants."""
        published = ctx.post.date
        modified, key = modified_date(ctx.post)
        if published is None or modified is None or key is None:
            return
        if isinstance(published, dt.datetime) and isinstance(modified, dt.datetime):
            if (published.utcoffset() is None) != (modified.utcoffset() is None):
                earlier = modified.replace(tzinfo=None) < published.replace(tzinfo=None)
            else:
                earlier = modified < published
        else:
            earlier = _day(modified) < _day(published)
        if earlier:
            yield self.issue(
                ctx,
                f"dateModified ({modified.isoformat()}, from {key}) is before "
                f"datePublished ({published.isoformat()})",
                line=_key_line(ctx, key),
            )


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@_register_once
class ArticleHeadlineMissing(LintRule):
    """The front matter has no title, so the headline comes from a heading or the file name.

    ``headline`` is the one property every article should have; newspost
    falls back to the first heading, then to the file name, which is rarely
    the headline a reader should see. An MkDocs or a Docusaurus post's ``# heading``
    opening its body is its title (`Post.title_heading`), the headline it shows.

    Bad: front matter without ``title`` (headline "2024 06 12 news").

    Good: ``title: 한-영 디지털정부 양해각서 체결``.
    """

    code = "NP706"
    name = "article-headline-missing"
    severity = Severity.WARNING
    summary = "no title: the headline falls back to a heading or the file name"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report a post without a non-blank front matter title."""
        title = ctx.post.front_matter.title
        if not (title and title.strip()) and ctx.post.title_heading is None:
            fallback = " ".join(ctx.post.title.split())
            line = _key_line(ctx, "title") or _top_line(ctx)
            if fallback:
                yield self.issue(
                    ctx, f"no title: the headline falls back to {fallback!r}", line=line
                )
            else:
                yield self.issue(ctx, "no title: the NewsArticle has no headline", line=line)


@_register_once
class ArticleImageMissing(LintRule):
    """The post has no image at all, so its NewsArticle has no ``image``.

    Google recommends at least one image per article and shows articles
    without one smaller, or not at all, in Top stories and Discover. Every
    front matter key themes name the post's image by counts (``image``,
    ``feature_image``, ``featured_image``, ``cover``, ``thumbnail``,
    ``og_image``, Hugo's ``images`` list, Minimal Mistakes' ``header.image``, a
    Zola post's ``extra.image``...: `newspost.model.IMAGE_KEYS`), and so does any
    image in the body.

    Bad: a post without ``image:`` and with no image in its body.

    Good: ``image: /assets/img/2024/06/ferry.jpg`` (at least 1200 pixels wide).
    """

    code = "NP707"
    name = "article-image-missing"
    severity = Severity.WARNING
    summary = "no image: the NewsArticle's image is missing"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report a post with no front matter image and no body image."""
        if not _has_image(ctx.post):
            yield self.issue(ctx, line=_key_line(ctx, *IMAGE_KEYS) or _top_line(ctx))


def _has_image(post: Post) -> bool:
    """Whether ``image_urls(post, None)`` would list anything, asked image by image.

    The front matter's image, the usual case, answers before the body's images are collected.
    """
    if any(_web_url(src, None) for _, src in post.front_matter_images):
        return True
    return bool(image_urls(post, None))


@_register_once
class ArticleImageNotAbsolute(LintRule):
    """A front matter image is site-relative and no site URL is configured to resolve it.

    Structured data is read apart from the page, so its image URLs must be
    absolute (``https://…``). newspost resolves relative ones against
    ``site_url`` (``[tool.newspost] site-url``, or ``--site-url`` for
    ``newspost convert``); without it they stay relative and search engines
    ignore them. The front matter's images are those NP707 (article-image-missing)
    reads, each address reported once; body images are NP403's (site-relative-image).

    Bad: ``image: /assets/img/x.jpg`` with no ``site-url`` configured.

    Good: ``site-url = "https://newsdao.kr"`` in ``[tool.newspost]``, or
    ``image: https://newsdao.kr/assets/img/x.jpg``.
    """

    code = "NP708"
    name = "article-image-not-absolute"
    severity = Severity.INFO
    summary = "the front matter image is relative and no site URL is configured"

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Report the front matter's image addresses that stay relative, once each."""
        if ctx.options.site_url:
            return
        seen: set[str] = set()
        for key, value in ctx.post.front_matter_images:
            url = _web_url(value, None)
            if not url or url in seen or urlsplit(url).scheme or url.startswith("//"):
                continue
            seen.add(url)
            message = f"{key} {url!r} is relative and no site-url is configured to resolve it"
            yield self.issue(ctx, message, line=_nested_key_line(ctx, key))


def _nested_key_line(ctx: Context, key: str) -> int | None:
    """The line of a front matter key, dotted when under a table (``extra.image``).

    A top-level key's line, else the key's own line inside its table, else the
    table's line (a TOML table has none: then None, and the issue goes to line 1).
    """
    line = ctx.post.raw.key_lines.get(key)
    if line is not None or "." not in key:
        return line
    table, name = key.split(".", 1)
    raw = ctx.post.raw
    inner = nested_key_line(raw.front_matter_text, table, name)
    if inner is not None:
        return ctx.front_matter_first_line + inner
    return raw.key_lines.get(table)
