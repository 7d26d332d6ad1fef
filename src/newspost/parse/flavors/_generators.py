"""Which site generator a post is written for, and so which flavor reads it.

Hugo, Jekyll, Zola, Pelican, Astro, Hexo, Eleventy and Docusaurus, told from a
post's path, front matter and tags (`detect_generator`), and the flavor each one
renders with (`detect_flavor`, `flavor_and_generator`). Only names and text are
read here, no parser is built: it is apart from the registry, and depends on
`_templates` alone (for where code and raw blocks hide a tag).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from itertools import pairwise

from newspost.model.post import ELEVENTY_DATE_WORDS, Generator
from newspost.parse.flavors._templates import _CODE, _LIQUID_RAW_BLOCK

_HUGO_SHORTCODE = re.compile(r"\{\{[<%]")
_LIQUID = re.compile(r"\{%-?\s*\w+")
# Zola's shortcode calls, "{{ youtube(id=…) }}" and "{% note() %}…{% end %}": Liquid
# and Hugo call nothing with "name(", and Liquid closes its blocks with "end" and
# the tag's name.
ZOLA_SHORTCODE = re.compile(r"\{[{%]-?\s*(?:[A-Za-z_]\w*\(|end\s*-?%\})")
# Zola's front matter tables, which neither Hugo nor Jekyll has: taxonomies (its
# categories and tags) and extra (its free-form keys). Here and in the patterns below, a
# line may end with "\r\n": "$" and "\n" alone missed every sign in a CRLF file, which
# was then read as Hugo's or Jekyll's.
_ZOLA_TABLE = re.compile(r"^(?:\[(?:taxonomies|extra)\][ \t]*\r?$|taxonomies:)", re.MULTILINE)


# Astro's front matter keys, which its blog template (pubDate, updatedDate, heroImage)
# and AstroPaper (pubDatetime, modDatetime) name in their schemas; Hugo reads pubDate
# as its publishDate, so a key alone tells nothing outside Astro's src/content/ folder.
_ASTRO_KEY = re.compile(
    r"^(?:pubDate|pubDatetime|updatedDate|modDatetime|heroImage)[ \t]*[:=]", re.MULTILINE
)
# A layout that is an Astro component ("layout: ../../layouts/Post.astro"): Astro's
# Markdown pages name theirs so, in whatever folder.
_ASTRO_LAYOUT = re.compile(r"^layout[ \t]*:[ \t]*['\"]?[^\n]*\.astro['\"]?[ \t]*\r?$", re.MULTILINE)
# A front matter "layout:" key: Octopress's posts (Jekyll's, in source/_posts as
# Hexo's) have "layout: post"; Hexo's scaffolds write none.
_LAYOUT_KEY = re.compile(r"^layout[ \t]*:", re.MULTILINE)
# Eleventy's own keys (eleventyNavigation, eleventyExcludeFromCollections,
# eleventyComputed...), a layout in one of its template languages ("layout:
# layouts/post.njk"; Jekyll names its layouts without an extension), or a date that is
# one of its words for a date it takes at build time ("date: Last Modified").
_ELEVENTY_DATE_WORD = "|".join(
    re.escape(word).replace(r"\ ", r"[ \t]+")
    for word in sorted(ELEVENTY_DATE_WORDS, key=len, reverse=True)
)
_ELEVENTY_KEY = re.compile(
    r"^(?:[ \t]*\"?eleventy[A-Z]\w*\"?[ \t]*:"
    r"|layout[ \t]*:[^\n]*\.(?:njk|liquid|11ty\.js|11ty\.cjs|webc)['\"]?[ \t]*\r?$"
    rf"|date[ \t]*:[ \t]*['\"]?(?i:{_ELEVENTY_DATE_WORD})['\"]?[ \t]*\r?$)",
    re.MULTILINE,
)
# What each of Eleventy's signs holds: a front matter without any (nearly every post's)
# is spared the pattern, whose "^" (in MULTILINE mode) is tried at every character.
_ELEVENTY_HINTS = (
    "eleventy",
    ".njk",
    ".liquid",
    ".11ty",
    ".webc",
    # The date words' last words but for the first letter, which is written in either
    # case: (Last) Modified, LAST MODIFIED, Created, created...
    *sorted(
        {
            spelling
            for word in ELEVENTY_DATE_WORDS
            for spelling in (word.split()[-1][1:], word.split()[-1][1:].upper())
        }
    ),
)


def _is_eleventy(front_matter: str) -> bool:
    """Whether a YAML or JSON front matter names one of Eleventy's keys, layouts or date words."""
    return any(hint in front_matter for hint in _ELEVENTY_HINTS) and (
        _ELEVENTY_KEY.search(front_matter) is not None
    )


# Docusaurus's blog keys (its authors, from authors.yml or written out, and its page
# options), and the marker ending a post's summary in the blog's list.
_DOCUSAURUS_KEY = re.compile(r"^(?:authors|hide_table_of_contents|unlisted)[ \t]*:", re.MULTILINE)
_DOCUSAURUS_TRUNCATE = re.compile(
    r"^[ \t]*(?:<!--\s*truncate\s*-->|\{/\*\s*truncate\s*\*/\})", re.MULTILINE
)


def _is_docusaurus(parts: Sequence[str], front_matter: str, text: str) -> bool:
    """Whether a post is Docusaurus's: in its ``blog/`` folder, with one of its signs.

    An ``.mdx`` file, one of its keys or its summary marker; not in Hugo's
    ``content/blog/``, where Hugo's ``authors`` taxonomy is written alike.
    """
    if "blog" not in parts or "content" in parts:
        return False
    return (
        parts[-1].lower().endswith(".mdx")
        or _DOCUSAURUS_KEY.search(front_matter) is not None
        or ("truncate" in text and _DOCUSAURUS_TRUNCATE.search(text) is not None)
    )


# MkDocs Material's blog post date: a mapping with its publication date under created.
_MKDOCS_DATE = re.compile(r"^date[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n[ \t]+created[ \t]*:", re.MULTILINE)
# An admonition of Python-Markdown ("!!! note", '!!! tip "Title"') or pymdownx.details
# ("??? note", "???+ note") over the lines it holds, indented four columns: a news
# line that opens with "!!!" is followed by no such block.
_MKDOCS_ADMONITION = re.compile(
    r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[A-Za-z][\w-]*(?:[ \t]+[\w-]+)*"
    r'(?:[ \t]+"[^"\n]*")?[ \t]*\r?\n(?:[ \t]*\r?\n)*(?: {4}|\t)[ \t]*\S',
    re.MULTILINE,
)


def _is_mkdocs(parts: Sequence[str], front_matter: str, text: str) -> bool:
    """Whether a post is MkDocs': in ``blog/posts/``, dated by ``created``, or with admonitions.

    MkDocs Material's blog plugin keeps posts in ``docs/blog/posts/`` and dates them
    with ``date:`` over ``created:``; Python-Markdown's ``!!! note`` admonitions
    (and pymdownx's ``??? note``) are MkDocs' alone. Not an ``.mdx`` file, one in
    Hugo's ``content/`` or one using Hexo's own tags.
    """
    if "content" in parts or (parts and parts[-1].lower().endswith(".mdx")):
        return False
    # "{" first: one character is looked for much faster than a sequence.
    if "{" in text and "{%" in text and _outside_code(_HEXO_ONLY_TAG, text):
        return False  # Hexo's own tags ({% asset_img %}), which MkDocs has not
    if "posts" in parts and any(
        part == "blog" and following == "posts" for part, following in pairwise(parts)
    ):
        return True
    if "created" in front_matter and _MKDOCS_DATE.search(front_matter) is not None:
        return True
    # One character is looked for much faster than a sequence: test it first.
    if not (("!" in text and "!!!" in text) or ("?" in text and "???" in text)):
        return False
    return _admonition_outside_code(text)


def _admonition_outside_code(text: str) -> bool:
    """Whether ``text`` holds an admonition (`_MKDOCS_ADMONITION`) that is not shown as code.

    The block is matched in the text as written: what it holds is often a fenced code
    block, indented under it, which removing the code first (`_outside_code`) would take.
    """
    if _MKDOCS_ADMONITION.search(text) is None:
        return False
    if "`" not in text and "~" not in text:
        return True  # no code anywhere
    code = [(span.start(), span.end()) for span in _CODE.finditer(text)]
    return any(
        not any(start <= block.start() < end for start, end in code)
        for block in _MKDOCS_ADMONITION.finditer(text)
    )


# Hexo's asset and post tags, which no other generator has (Jekyll's is post_url).
_HEXO_ONLY_TAG = re.compile(r"\{%-?[ \t]*(?:asset_img|asset_link|asset_path|post_link|post_path)\b")


def _is_astro(parts: Sequence[str], front_matter: str) -> bool:
    """Whether a post is Astro's: in its ``src/content/`` with one of its keys, or its layout."""
    if ".astro" in front_matter and _ASTRO_LAYOUT.search(front_matter) is not None:
        return True
    in_content = any(
        part == "src" and following == "content" for part, following in pairwise(parts)
    )
    return in_content and _ASTRO_KEY.search(front_matter) is not None


def _is_hexo(parts: Sequence[str], front_matter: str, text: str) -> bool:
    """Whether a post is Hexo's: in its ``source/_posts`` without a layout, or with its tags."""
    in_source = any(
        part == "source" and following in ("_posts", "_drafts")
        for part, following in pairwise(parts)
    )
    if in_source and _LAYOUT_KEY.search(front_matter) is None:
        return True
    return "{%" in text and _outside_code(_HEXO_ONLY_TAG, text)


def detect_generator(
    text: str,
    *,
    path: str | None = None,
    front_matter_format: str = "none",
    front_matter: str = "",
) -> Generator | None:
    r"""Which site generator a post is written for, when the file says.

    Jekyll, Hugo, Zola, Pelican, Astro, Hexo, Eleventy, MkDocs or Docusaurus; None
    when it does not say.

    ``text`` is the body; ``front_matter``, the text between the delimiters,
    tells Zola (its ``[taxonomies]`` and ``[extra]`` tables) from Hugo, whose
    posts share its TOML front matter and ``content/`` folder. A header of
    ``Key: value`` lines (``front_matter_format="pelican"``) is Pelican's, in
    whatever folder (Pelican's is ``content/`` too). A post in Astro's
    ``src/content/`` naming one of its keys (``pubDate``, ``pubDatetime``,
    ``updatedDate``, ``modDatetime``, ``heroImage``), or whose layout is an Astro
    component (``layout: ../../layouts/Post.astro``), is Astro's. A post in Hexo's
    ``source/_posts`` (or ``_drafts``) without a ``layout`` key (Octopress's
    Jekyll posts, in the same folder, name theirs), or one using Hexo's own tags
    (``{% asset_img %}``, ``{% post_link %}`` and the like) where Jekyll would be
    the answer, is Hexo's. A post with YAML or JSON front matter naming one of
    Eleventy's keys (``eleventyNavigation``...), a layout in one of its template
    languages (``layout: layouts/post.njk``) or a date that is one of its words
    (``date: Last Modified``) is Eleventy's, in whatever folder but Jekyll's. A
    post with YAML front matter (or none) in MkDocs Material's ``blog/posts/``,
    dated by a mapping with ``created:``, or holding Python-Markdown's admonitions
    (``!!! note`` over indented lines) is MkDocs', but in ``content/`` or as an
    ``.mdx`` file. A post in a ``blog/`` folder (not in ``content/``) that is an ``.mdx`` file,
    names ``authors``, ``hide_table_of_contents`` or ``unlisted``, or ends its
    summary with ``<!-- truncate -->`` is Docusaurus's. A ``_posts`` folder under
    ``content/`` (kubernetes.io's ``content/en/blog/_posts/``) is a Hugo section's.

    Examples:
        >>> detect_generator("", path="site/content/news/a.html")
        'hugo'
        >>> detect_generator("{% include x.html %}")
        'jekyll'
        >>> detect_generator("", front_matter_format="toml", front_matter="[taxonomies]\ntags = []")
        'zola'
        >>> detect_generator("", path="content/a.md", front_matter_format="pelican")
        'pelican'
        >>> detect_generator("", path="src/content/blog/a.md", front_matter="pubDate: 2024-06-19")
        'astro'
        >>> detect_generator("", path="source/_posts/a.md", front_matter="title: Launch")
        'hexo'
    """
    if front_matter_format == "pelican":
        return "pelican"  # a header of "Key: value" lines, which only Pelican reads
    # Folder names from either separator; not PurePath, whose cost shows on every post.
    parts = path.replace("\\", "/").split("/") if path else ()
    if ("_posts" in parts or "_drafts" in parts) and not _hugo_posts_folder(parts):
        return "hexo" if _is_hexo(parts, front_matter, text) else "jekyll"
    if _is_astro(parts, front_matter):
        return "astro"
    if front_matter_format in ("yaml", "json") and _is_eleventy(front_matter):
        return "eleventy"
    if front_matter_format in ("yaml", "none") and _is_mkdocs(parts, front_matter, text):
        return "mkdocs"
    if front_matter_format in ("yaml", "none") and _is_docusaurus(parts, front_matter, text):
        return "docusaurus"
    # Every tag below opens with "{": one fast look spares most news bodies the searches.
    tags = "{" in text
    if (
        ("taxonomies" in front_matter or "[extra]" in front_matter)
        and _ZOLA_TABLE.search(front_matter) is not None
    ) or (tags and _outside_code(ZOLA_SHORTCODE, text)):
        return "zola"
    if (
        front_matter_format == "toml"
        or "content" in parts
        or (tags and _outside_code(_HUGO_SHORTCODE, text))
    ):
        return "hugo"
    if front_matter_format == "yaml" or (tags and _outside_code(_LIQUID, text)):
        return "hexo" if tags and _is_hexo(parts, front_matter, text) else "jekyll"
    return None


def generator_of(
    flavor: str,
    text: str,
    *,
    path: str | None = None,
    front_matter_format: str = "none",
    front_matter: str = "",
) -> Generator | None:
    """The site generator a post read in ``flavor`` is written for.

    The generator whose renderer the flavor is (Goldmark is Hugo's, kramdown
    Jekyll's); for another flavor (``html``, ``commonmark``), what the file says
    (`detect_generator`).

    Examples:
        >>> generator_of("goldmark", "")
        'hugo'
        >>> generator_of("html", "", path="_posts/2024-01-01-a.html")
        'jekyll'
    """
    return _RENDERED_BY.get(flavor) or detect_generator(
        text, path=path, front_matter_format=front_matter_format, front_matter=front_matter
    )


# The generators whose renderer a flavor is: Goldmark is Hugo's, kramdown Jekyll's,
# pulldown-cmark Zola's.
_RENDERED_BY: dict[str, Generator] = {
    "goldmark": "hugo",
    "kramdown": "jekyll",
    "pulldown-cmark": "zola",
}


def flavor_and_generator(
    text: str,
    *,
    flavor: str | None = None,
    path: str | None = None,
    front_matter_format: str = "none",
    front_matter: str = "",
) -> tuple[str, Generator | None]:
    """A post's flavor (``flavor``, or `detect_flavor`'s) and `generator_of` it, the file read once.

    Examples:
        >>> flavor_and_generator("{% include x.html %}")
        ('kramdown', 'jekyll')
        >>> flavor_and_generator("", front_matter_format="json")
        ('goldmark', 'hugo')
    """
    if not flavor and _is_html_file(path):
        flavor = "html"  # no Markdown, as Jekyll and Hugo read it
    if flavor:
        return flavor, generator_of(
            flavor,
            text,
            path=path,
            front_matter_format=front_matter_format,
            front_matter=front_matter,
        )
    generator = detect_generator(
        text, path=path, front_matter_format=front_matter_format, front_matter=front_matter
    )
    chosen = _flavor_for(generator, front_matter_format)
    return chosen, _RENDERED_BY.get(chosen, generator)


def _outside_code(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches ``text`` outside code (and, for shortcodes, raw blocks)."""
    if pattern.search(text) is None:
        return False  # the usual answer, without looking for code
    text = _CODE.sub("", text)
    if pattern is _HUGO_SHORTCODE or pattern is _HEXO_ONLY_TAG:
        text = _LIQUID_RAW_BLOCK.sub("", text)
    return pattern.search(text) is not None


def detect_flavor(
    text: str, *, path: str | None = None, front_matter_format: str = "none", front_matter: str = ""
) -> str:
    r"""Guess a file's Markdown flavor from what it says; ``commonmark`` when it says nothing.

    An ``.html`` post is ``html`` (no Markdown, as Jekyll and Hugo read it); otherwise
    a Hugo post (TOML front matter, a ``content/`` folder, shortcodes) is ``goldmark``,
    a Jekyll post (a ``_posts`` folder, Liquid tags, YAML front matter) ``kramdown``,
    a Zola post (see `detect_generator`) ``pulldown-cmark``, its renderer (CommonMark
    with tables, footnotes, task lists and heading attributes, no linkify); an Astro post
    ``remark`` (GitHub's Markdown and SmartyPants, Astro's defaults); a Hexo post
    ``marked`` (hexo-renderer-marked's defaults: GitHub's Markdown, line breaks,
    SmartyPants, definition lists, no footnotes); an Eleventy post ``markdown-it``
    (CommonMark with tables, Liquid first); an MkDocs post ``python-markdown``
    (its admonitions, tabs and attribute lists); a Docusaurus post ``mdx`` (remark
    with GitHub's Markdown, no SmartyPants; its JSX is not read).

    Examples:
        >>> detect_flavor("+++\ntitle = 'x'\n+++\n", front_matter_format="toml")
        'goldmark'
        >>> detect_flavor("---\n---\n", path="_posts/2024-01-01-x.md", front_matter_format="yaml")
        'kramdown'
    """
    return flavor_and_generator(
        text, path=path, front_matter_format=front_matter_format, front_matter=front_matter
    )[0]


def _is_html_file(path: str | None) -> bool:
    return bool(path) and os.path.splitext(os.path.basename(path or ""))[1].lower() in (
        ".html",
        ".htm",
    )


def _hugo_posts_folder(parts: Sequence[str]) -> bool:
    """Whether a ``_posts`` folder is a Hugo section's, under its ``content/<language>/``.

    kubernetes.io keeps its blog in ``content/en/blog/_posts/`` (and ``content/ko/``...):
    a Hugo site. Jekyll's ``_posts`` is at its site's root (or in its collections
    folder), Hexo's in ``source/``.
    """
    if "content" not in parts:
        return False
    posts = parts.index("_posts") if "_posts" in parts else parts.index("_drafts")
    return parts.index("content") < posts


def _flavor_for(generator: Generator | None, front_matter_format: str) -> str:
    """The flavor of a Markdown post written for ``generator`` (see `detect_flavor`)."""
    if generator == "hugo" or (generator is None and front_matter_format == "json"):
        return "goldmark"
    if generator == "jekyll":
        return "kramdown"
    return _FLAVOR_OF.get(generator or "", "commonmark")


# The flavor of the other generators' posts: Zola renders with pulldown-cmark, Astro with
# remark, Hexo with marked, Eleventy with markdown-it, MkDocs with Python-Markdown,
# Docusaurus with MDX.
_FLAVOR_OF: dict[str, str] = {
    "zola": "pulldown-cmark",
    "astro": "remark",
    "hexo": "marked",
    "eleventy": "markdown-it",
    "mkdocs": "python-markdown",
    "docusaurus": "mdx",
}
