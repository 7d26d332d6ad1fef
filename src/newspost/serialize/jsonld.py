"""The ``jsonld`` format: the post as a schema.org ``NewsArticle`` (JSON-LD), for search engines.

`to_jsonld` returns the object as a dict; `dumps_jsonld` (the
registered writer) returns it as JSON text, ready for a
``<script type="application/ld+json">`` element. What each property is made
from is in docs/formats/jsonld.md; the NP7xx lint rules report which of the
properties Google recommends are missing or weak.

>>> from newspost import load
>>> from newspost.serialize import to_jsonld
>>> article = to_jsonld(load("examples/seed.md"), site_url="https://newsdao.kr")
>>> article["@type"], article["inLanguage"], article["image"]
('NewsArticle', 'ko', ['https://newsdao.kr/assets/img/newsdao_breakingnews.jpg'])
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newspost.model.front_matter import SOURCE_URL_KEYS
from newspost.model.post import Post, Source
from newspost.parse._sources import CITATION_LABEL
from newspost.serialize._common import (
    author_link,
    author_name,
    body_texts,
    check_site_url,
    collapse,
    count_words,
    iso_date,
    linked_authors,
    modified_date,
    page_url,
    post_author,
    post_description,
    post_language,
    web_url,
)

__all__ = ["dumps_jsonld", "to_jsonld"]

Thing = dict[str, Any]

_PERSON_KEYS = ("name", "url", "email", "sameAs", "jobTitle", "image", "description")


def to_jsonld(
    post: Post,
    *,
    site_url: str | None = None,
    publisher: str | Mapping[str, Any] | None = None,
    author: str | Mapping[str, Any] | list[Any] | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    r"""The post as a schema.org ``NewsArticle``: a dict ready for `json.dumps`.

    Args:
        post: A parsed post.
        site_url: The site's URL (``https://example.org``): relative image URLs
            and the permalink are resolved against it; it is the publisher's url.
        publisher: The publisher's name, or a mapping (``name``, ``url``,
            ``logo``); else the front matter's ``publisher``.
        author: The author's name, a mapping (``name``, ``url``, ``@type``:
            ``Person`` or ``Organization``) or a list of those; else the front
            matter's ``author``.
        language: A BCP 47 tag; else the front matter's ``lang``/``language``,
            else detected from the text's script.

    Raises:
        FormatError: ``site_url`` is not an absolute http(s) URL.

    Properties with nothing to say are left out rather than written empty.

    Examples:
        >>> from newspost import loads
        >>> post = loads("---\ntitle: Rates rise\ndate: 2024-06-12 10:00:00 +0900\n"
        ...              "author: Kim\ntags: [economy]\n---\nThe bank raised rates.\n")
        >>> article = to_jsonld(post, publisher="Daily")
        >>> article["datePublished"], article["dateModified"]
        ('2024-06-12T10:00:00+09:00', '2024-06-12T10:00:00+09:00')
        >>> article["author"]
        {'@type': 'Person', 'name': 'Kim'}
        >>> article["keywords"], article["wordCount"], article["publisher"]["name"]
        (['economy'], 4, 'Daily')
    """
    site_url = check_site_url(site_url)
    fm = post.front_matter
    article: Thing = {"@context": "https://schema.org", "@type": "NewsArticle"}
    url = page_url(post, site_url)
    if url:
        article["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
        article["url"] = url
    headline = collapse(post.title)
    if headline:
        # The whole title: Google dropped its 110-character headline limit in 2023.
        article["headline"] = headline
    description = post_description(post)
    if description:
        article["description"] = description
    images = image_urls(post, site_url)
    if images:
        article["image"] = images
    if post.date is not None:
        published = iso_date(post.date)
        article["datePublished"] = published
        modified, _ = modified_date(post)
        article["dateModified"] = iso_date(modified) if modified is not None else published
    authors = _people(author if author is not None else post_author(post))
    if author is None and len(authors) == 1 and "url" not in authors[0]:
        link = author_link(post)  # the theme's authorLink beside a named author
        if link:
            authors[0]["url"] = link
    if authors:
        article["author"] = authors[0] if len(authors) == 1 else authors
    organization = _publisher(
        publisher if publisher is not None else fm.extra.get("publisher"), site_url
    )
    if organization:
        article["publisher"] = organization
    if fm.categories:
        sections = list(fm.categories)
        article["articleSection"] = sections[0] if len(sections) == 1 else sections
    if fm.tags:
        article["keywords"] = list(fm.tags)
    based_on, citations = _based_on_and_citations(post, site_url, url)
    if based_on:
        article["isBasedOn"] = based_on[0] if len(based_on) == 1 else based_on
    if citations:
        article["citation"] = citations
    article["inLanguage"] = post_language(post, language)
    article["wordCount"] = sum(count_words(text) for text in body_texts(post))
    return article


def dumps_jsonld(
    post: Post,
    *,
    site_url: str | None = None,
    publisher: str | Mapping[str, Any] | None = None,
    author: str | Mapping[str, Any] | list[Any] | None = None,
    language: str | None = None,
    indent: int | None = 2,
) -> str:
    r"""The post's ``NewsArticle`` as JSON text (UTF-8 characters kept, not ``\u`` escaped).

    Options are those of `to_jsonld`, and ``indent`` (None for one line).
    ``</`` is written ``<\/`` so the text can go inside a ``<script>`` element as it is.

    Examples:
        >>> from newspost import dumps, load
        >>> print(dumps(load("examples/seed.md"), format="jsonld", indent=None)[:60])
        {"@context": "https://schema.org", "@type": "NewsArticle", "
    """
    article = to_jsonld(
        post, site_url=site_url, publisher=publisher, author=author, language=language
    )
    text = json.dumps(article, ensure_ascii=False, indent=indent)
    return text.replace("</", "<\\/") + "\n"


def image_urls(post: Post, site_url: str | None) -> list[str]:
    """The front matter's images (`Post.front_matter_images`), then the body's: URLs once each.

    The front matter's are those of `newspost.model.IMAGE_KEYS` (``image``,
    ``feature_image``, ``featured_image``, PaperMod's ``cover.image``, Hugo's
    ``images`` list, Minimal Mistakes' ``header.image``, a Zola post's
    ``extra.image``...), which themes write
    into their own Open Graph and schema tags. A lazily loaded body image gives
    its real address (`newspost.model.Image.shown_src`). Relative URLs are resolved
    against ``site_url`` when it is given; a mistyped scheme (``httpss://``) is
    fixed; ``data:`` URLs, other schemes and empty ones are left out. In a Jekyll
    post, a path that is neither absolute nor rooted is under the post's
    ``media_subpath`` (Chirpy's key; ``img_path`` before Chirpy 7), as Chirpy writes it.
    """
    found: list[str] = []
    candidates = [address for _, address in post.front_matter_images]
    # A lazily loaded image's real address, not its data: placeholder.
    candidates += [image.shown_src for image in post.images]
    subpath = _media_subpath(post)
    for src in candidates:
        if subpath and src and not src.startswith("/") and ":" not in src:
            src = f"{subpath}/{src}"
        url = web_url(src, site_url) if src and src.strip() else None
        if url and url not in found:
            found.append(url)
    return found


def _media_subpath(post: Post) -> str:
    """The folder a Chirpy (Jekyll) post's relative image paths are under, or ''."""
    if post.raw.generator != "jekyll":
        return ""
    extra = post.front_matter.extra
    for key in ("media_subpath", "img_path"):
        value = extra.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().rstrip("/")
    return ""


def _people(value: object) -> list[Thing]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [person for item in value for person in _people(item)]
    if isinstance(value, Mapping):
        kind = value.get("@type") or value.get("type") or "Person"
        is_organization = str(kind).lower() == "organization"
        person: Thing = {"@type": "Organization" if is_organization else "Person"}
        for key in _PERSON_KEYS:
            if value.get(key):
                person[key] = value[key]
        if "name" not in person and author_name(value):
            person["name"] = author_name(value)  # an importer's keys (display_name...)
        if "url" not in person and value.get("uri"):
            person["url"] = value["uri"]
        return [person] if person.get("name") else []
    linked = linked_authors(str(value))
    if linked is not None:  # "[Name](https://...) (Company), [Other](...)"
        return [
            {"@type": "Person", "name": name, "url": url}
            if url
            else {"@type": "Person", "name": name}
            for name, url in linked
        ]
    name = collapse(str(value))
    return [{"@type": "Person", "name": name}] if name else []


def _publisher(value: object, site_url: str | None) -> Thing | None:
    organization: Thing = {"@type": "Organization"}
    if isinstance(value, Mapping):
        if value.get("name"):
            organization["name"] = collapse(str(value["name"]))
        url = web_url(str(value["url"]), None) if value.get("url") else None
        if url:
            organization["url"] = url
        logo = value.get("logo")
        logo_url = web_url(logo, site_url) if isinstance(logo, str) and logo else None
        if logo_url:
            organization["logo"] = {"@type": "ImageObject", "url": logo_url}
        elif isinstance(logo, Mapping) and logo.get("url"):
            organization["logo"] = {"@type": "ImageObject", **dict(logo)}
    elif isinstance(value, str) and value.strip():
        organization["name"] = collapse(value)
    if site_url and "url" not in organization:
        organization["url"] = site_url
    return organization if "name" in organization or "url" in organization else None


def _based_on_and_citations(
    post: Post, site_url: str | None, own_url: str | None
) -> tuple[list[Thing], list[Thing]]:
    """The stories a post retells (``isBasedOn``) and the works it cites (``citation``).

    The body's sources (`_sources`), then the front matter's: its ``source_url`` story
    first, unless a body link points at it, and then that link gains what the front
    matter names of it; then each story of a ``sources`` list no link points at.
    """
    based_on, citations = _sources(post.sources, site_url)
    story = _front_matter_source(post, own_url)
    if story:
        same = [work for work in based_on + citations if work.get("url") == story["url"]]
        if not same:
            based_on.insert(0, story)
        for work in same:
            # "[阅读原文 →](…)" in the body, `source: "BBC News"` beside the same
            # `sourceUrl`: the front matter names what the link does not.
            if "name" in story and "name" not in work:
                work["name"] = story["name"]
            publisher = story.get("publisher")
            if publisher and "publisher" not in work and publisher["name"] != work.get("name"):
                work["publisher"] = publisher
    for work in _front_matter_sources(post):
        if all(seen.get("url") != work["url"] for seen in based_on + citations):
            based_on.append(work)
    return based_on, citations


def _front_matter_source(post: Post, own_url: str | None) -> Thing | None:
    """The story the front matter names: ``source_url``, named ``source_title``, by ``source``.

    Only an absolute web address counts: a relative ``source_url`` of a post's own
    path ("/automotive/...") names the post, not its source, and so does its own URL.
    A ``source`` that is an address is the source's address.
    """
    extra = post.front_matter.extra
    name = extra.get("source")
    address = next((extra[key] for key in SOURCE_URL_KEYS if isinstance(extra.get(key), str)), None)
    if address is None and isinstance(name, str) and "://" in name:
        address, name = name, None
    if not isinstance(address, str) or "://" not in address:
        return None
    url = web_url(address.strip(), None)
    if not url or url == own_url:
        return None
    work: Thing = {"@type": "CreativeWork", "url": url}
    title = extra.get("source_title", extra.get("sourceTitle"))
    if isinstance(title, str) and collapse(title):
        work["name"] = collapse(title)
    if isinstance(name, str) and collapse(name):
        work["publisher"] = {"@type": "Organization", "name": collapse(name)}
    return work


def _front_matter_sources(post: Post) -> list[Thing]:
    """The stories a front matter ``sources`` list names, as LLM-written news sites keep them.

    Each item is an address, or a mapping with its ``url`` (``link``, ``href``) and
    ``title`` or ``name``, and its ``publisher``: ``sources: [{name: "Dispatch
    (디스패치)", url: "https://www.dispatch.co.kr/2345359"}]``. Only absolute web
    addresses count.
    """
    listed = post.front_matter.extra.get("sources")
    if not isinstance(listed, list):
        return []
    works: list[Thing] = []
    for item in listed:
        name = publisher = None
        if isinstance(item, Mapping):
            address = item.get("url") or item.get("link") or item.get("href")
            name = item.get("title") or item.get("name")
            publisher = item.get("publisher")
        else:
            address = item
        if not isinstance(address, str) or "://" not in address:
            continue
        url = web_url(address.strip(), None)
        if not url or any(work["url"] == url for work in works):
            continue
        work: Thing = {"@type": "CreativeWork", "url": url}
        if isinstance(name, str) and collapse(name):
            work["name"] = collapse(name)
        if isinstance(publisher, str) and collapse(publisher):
            work["publisher"] = {"@type": "Organization", "name": collapse(publisher)}
        works.append(work)
    return works


def _sources(sources: list[Source], site_url: str | None) -> tuple[list[Thing], list[Thing]]:
    based_on: list[Thing] = []
    citations: list[Thing] = []
    for source in sources:
        work: Thing = {"@type": "CreativeWork"}
        url = web_url(source.url, site_url) if source.url else None
        if url:
            work["url"] = url
        if source.title:
            work["name"] = collapse(source.title)
        if source.publisher:
            work["publisher"] = {"@type": "Organization", "name": collapse(source.publisher)}
        if len(work) == 1:
            continue
        works = citations if CITATION_LABEL.match(source.label.strip()) else based_on
        same = next((seen for seen in works if url and seen.get("url") == url), None)
        if same is None:
            works.append(work)
        else:
            # "**来源**: [36氪](…)" at the top, "[阅读原文 →](…)" at the end: one story.
            for key, value in work.items():
                same.setdefault(key, value)
    return based_on, citations
