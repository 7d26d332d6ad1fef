"""The post: front matter, body structure, sources and footer, over the original text."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from newspost.model._base import Frozen
from newspost.model.blocks import Block, Html, Image, Link, ListBlock, Paragraph, Quote, Table
from newspost.model.front_matter import FrontMatter, image_addresses

if TYPE_CHECKING:
    from newspost.parse.flavors import FlavorName

__all__ = ["Generator", "Post", "RawText", "Section", "Source"]

Generator = Literal[
    "jekyll", "hugo", "zola", "pelican", "astro", "hexo", "eleventy", "mkdocs", "docusaurus"
]
"""A site generator whose reading of a post newspost follows (its front matter keys, its tags)."""


# Section names itself (``sections: list[Section]``): pydantic resolves that when a
# Section is first validated (defer_build), so nothing is rebuilt at import, which
# would build the validators of every block type that the parser never runs.
class Section(Frozen):
    """A heading and everything under it up to the next heading of the same or a higher level."""

    title: str = Field(description="The heading's visible plain text.")
    title_html: str = Field(description="The heading's inner HTML (bold, links... as written).")
    level: int = Field(ge=1, le=6, description="1 for <h1> / #, up to 6.")
    blocks: list[Block] = Field(
        default_factory=list, description="Blocks before the first subsection."
    )
    sections: list[Section] = Field(
        default_factory=list, description="Subsections, nested by level."
    )
    links: list[Link] = Field(default_factory=list, description="Links inside the heading itself.")
    images: list[Image] = Field(
        default_factory=list, description="Images inside the heading itself."
    )
    line: int | None = Field(default=None, description="1-based line of the heading in the file.")

    def walk(self) -> Iterator[Section]:
        """This section and all its subsections, depth first in document order."""
        yield self
        for sub in self.sections:
            yield from sub.walk()

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this section and of its subsections, in document order."""
        yield from self.blocks
        for sub in self.sections:
            yield from sub.all_blocks()


class Source(Frozen):
    """An attribution: where the story comes from (``출처: <a href=…>title</a> | publisher``)."""

    label: str = Field(description='The label as written: "출처", "Source", "via", ...')
    url: str | None = Field(
        default=None, description="The link's href as written; None if unlinked."
    )
    title: str | None = Field(default=None, description="The linked title (the link text).")
    publisher: str | None = Field(default=None, description="The publisher named after the link.")
    rel: list[str] = Field(default_factory=list, description="rel values of the source link.")
    text: str = Field(default="", description="The whole attribution line as plain text.")
    line: int | None = Field(default=None, description="1-based line in the file.")


ELEVENTY_DATE_WORDS = frozenset({"last modified", "created", "git last modified", "git created"})
"""Eleventy's words for a date it takes at build time (``date: Last Modified``), in lower case.

The file's last change or creation, or its last or first git commit. Jekyll would
refuse them: the parser keeps one written as the date in `RawText.date_keyword` and
leaves the post undated, and generator detection takes one for a sign of Eleventy.
"""


class RawText(Frozen):
    """The original text and where its parts are: what makes the round trip lossless."""

    text: str = Field(description="The whole file as decoded: BOM, line endings and all.")
    format: Literal["yaml", "toml", "json", "pelican", "none"] = Field(
        description=(
            "The front matter syntax: YAML (---), TOML (+++), JSON, Pelican's (MultiMarkdown's) "
            "'Key: value' lines up to the first blank line, or none."
        )
    )
    front_matter_start: int = Field(
        0, description="Offset where the front matter's content starts."
    )
    front_matter_end: int = Field(
        0, description="Offset where its content ends (closing delimiter)."
    )
    body_start: int = Field(0, description="Offset where the body starts.")
    body_line: int = Field(1, description="1-based line where the body starts.")
    key_lines: dict[str, int] = Field(
        default_factory=dict, description="1-based line of each top-level front matter key."
    )
    key_aliases: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Front matter keys read under a field's name, as the generator reads them "
            "(Hugo's in any case, and publishDate or lastmod as the date; Astro's pubDate "
            "as the date; Jekyll's category "
            "and tag; Pelican's keys in lower case, Summary as the excerpt): the field's "
            "(or extra key's) name to the key as the file spells it ({'title': 'Title'})."
        ),
    )
    generator: Generator | None = Field(
        default=None,
        description=(
            "The site generator the post is written for (Jekyll, Hugo, Zola, Pelican, Astro, "
            "Hexo, Eleventy, MkDocs or Docusaurus), as its flavor, folder, front matter and "
            "tags tell (None when they do not): its front matter keys are read as that "
            "generator reads them."
        ),
    )

    date_keyword: str | None = Field(
        default=None,
        description=(
            "Eleventy's word for a date it takes at build time (Last Modified, Created, "
            "git Last Modified, git Created, as written), when the front matter's date is "
            "one: the post's date is then None, as the file gives none."
        ),
    )

    @property
    def front_matter_text(self) -> str:
        """The front matter between its delimiters."""
        return self.text[self.front_matter_start : self.front_matter_end]

    @property
    def body(self) -> str:
        """Everything after the front matter."""
        return self.text[self.body_start :]


_FILENAME_TITLE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[-_]")
# The generators that title a post without a front matter title by the "# heading"
# opening its body (MkDocs' page title, Docusaurus's contentTitle).
_HEADING_TITLED: frozenset[str | None] = frozenset({"mkdocs", "docusaurus"})


class Post(Frozen):
    r"""A parsed news post.

    Posts are immutable values. The structure (``lead``, ``sections``,
    ``sources``, ``footer``) is a view of the body: to change the body, make a
    new post with `with_body`; to change metadata, use
    `with_front_matter`. `newspost.dumps` gives the original text
    back byte for byte, except for what was changed that way.

    Examples:
        >>> from newspost import loads
        >>> post = loads("---\ntitle: Hi\n---\n## One\n\nText.\n")
        >>> post.title, [s.title for s in post.sections]
        ('Hi', ['One'])
    """

    path: str | None = Field(default=None, description="Where the post was read from, if a file.")
    front_matter: FrontMatter = Field(default_factory=FrontMatter)
    lead: list[Block] = Field(default_factory=list, description="Blocks before the first heading.")
    sections: list[Section] = Field(default_factory=list, description="Top-level sections.")
    sources: list[Source] = Field(default_factory=list, description="Attributions, in order.")
    footer: list[Block] = Field(
        default_factory=list, description="A trailing promo line, apart from the article."
    )
    flavor: str = Field(
        default="commonmark", description="The Markdown flavor the body was read with."
    )
    raw: RawText = Field(description="The original text, for the lossless round trip.")

    # -- views ---------------------------------------------------------------

    @property
    def body(self) -> str:
        """The body text as written (everything after the front matter)."""
        return self.raw.body

    @property
    def title(self) -> str:
        """The front matter title, else the first heading, else one made from the file name."""
        if self.front_matter.title:
            return self.front_matter.title
        for section in self.walk_sections():
            if section.title.strip():
                return section.title.strip()
        if self.path:
            stem = _FILENAME_TITLE.sub("", PurePath(self.path).stem)
            return re.sub(r"[-_]+", " ", stem).strip()
        return ""

    @property
    def title_heading(self) -> Section | None:
        r"""The ``# heading`` opening the body, where the post's generator titles the post by it.

        MkDocs and Docusaurus title a post without a front matter ``title`` by the
        level-1 heading its body opens with. None for another generator, or a body that
        opens with something else.

        Examples:
            >>> from newspost import loads
            >>> post = loads("---\nauthors: [kim]\n---\n# Launch\n\nText.\n",
            ...              path="blog/2024-06-12-launch.md")
            >>> post.title_heading.title, post.front_matter.title
            ('Launch', None)
        """
        if self.raw.generator not in _HEADING_TITLED or self.lead or not self.sections:
            return None
        first = self.sections[0]
        return first if first.level == 1 else None

    @property
    def date(self) -> dt.datetime | dt.date | None:
        """The publication date (front matter, else the file's name: see ``FrontMatter.date``)."""
        return self.front_matter.date

    @functools.cached_property  # pydantic leaves these out of equality and copies
    def front_matter_images(self) -> tuple[tuple[str, str], ...]:
        r"""The images the front matter names as the post's own: (key, address) pairs.

        Read with `newspost.model.image_addresses` for the post's generator: the keys of
        `newspost.model.IMAGE_KEYS` at the top level, under ``header`` and Hugo's
        ``params``, and under ``extra`` in a Zola post.

        Examples:
            >>> from newspost import loads
            >>> post = loads("---\nfeatured_image: /a.jpg\nheader:\n  teaser: /b.jpg\n---\nText.\n")
            >>> post.front_matter_images
            (('featured_image', '/a.jpg'), ('header.teaser', '/b.jpg'))
        """
        # Three rules and the JSON-LD writer ask for it: read the keys once.
        return tuple(image_addresses(self.front_matter, self.raw.generator))

    def walk_sections(self) -> Iterator[Section]:
        """Every section at every depth, in document order."""
        for section in self.sections:
            yield from section.walk()

    def blocks(self) -> Iterator[Block]:
        """All blocks in document order: lead, sections (depth first), footer."""
        yield from self.lead
        for section in self.sections:
            yield from section.all_blocks()
        yield from self.footer

    @property
    def tables(self) -> list[Table]:
        """Every table, in order."""
        return [b for b in self.blocks() if isinstance(b, Table)]

    @property
    def images(self) -> list[Image]:
        """Every image, block or inline, in order."""
        out: list[Image] = []

        def add(blocks: list[Block]) -> None:
            for block in blocks:
                if isinstance(block, Image):
                    out.append(block)
                elif isinstance(block, Paragraph | Table | ListBlock | Quote | Html):
                    out.extend(block.images)

        add(self.lead)
        for section in self.walk_sections():
            out.extend(section.images)
            add(section.blocks)
        add(self.footer)
        return out

    @property
    def links(self) -> list[Link]:
        """Every link (sources' links included), in document order."""
        found: list[Link] = [link for section in self.walk_sections() for link in section.links]
        for block in self.blocks():
            if isinstance(block, Paragraph | ListBlock | Quote | Table | Html):
                found.extend(block.links)
            elif isinstance(block, Image) and block.link is not None:
                found.append(block.link)
        for source in self.sources:
            if source.url is not None:
                found.append(
                    Link(url=source.url, text=source.title or "", rel=source.rel, line=source.line)
                )
        # Sources were lifted out of the block flow: put everything back in file order.
        return sorted(found, key=lambda link: link.line if link.line is not None else 0)

    @property
    def text(self) -> str:
        """The visible plain text: headings, blocks, sources and footer, one per line."""
        parts: list[tuple[int, int, str]] = []
        order = 0

        def add(line: int | None, text: str) -> None:
            nonlocal order
            if text.strip():
                parts.append((line or 0, order, text.strip()))
            order += 1

        for block in self.lead:
            add(block.line, _block_text(block))
        for section in self.walk_sections():
            add(section.line, section.title)
            for block in section.blocks:
                add(block.line, _block_text(block))
        for source in self.sources:
            add(source.line, source.text)
        for block in self.footer:
            add(block.line, _block_text(block))
        return "\n".join(text for _, _, text in sorted(parts))

    # -- changed copies ------------------------------------------------------

    def with_front_matter(self, front_matter: FrontMatter | None = None, **changes: object) -> Post:
        r"""A copy with new front matter (whole, or some fields changed).

        Only the changed keys' lines differ in `newspost.dumps`'s output.

        Examples:
            >>> from newspost import dumps, loads
            >>> post = loads("---\ntitle: Old\ntags: [a]\n---\nBody\n")
            >>> print(dumps(post.with_front_matter(title="New")), end="")
            ---
            title: New
            tags: [a]
            ---
            Body
        """
        new = front_matter if front_matter is not None else self.front_matter
        if changes:
            new = new.replace(**changes)
        return self.model_copy(update={"front_matter": new})

    def with_body(self, body: str, *, flavor: FlavorName | None = None) -> Post:
        """A new post with the same front matter text and a new body, parsed afresh.

        The post stays its generator's (``raw.generator``), whatever the new body
        says: a sanitized body that lost the comment or the tag that told it is
        still the same site's post, and its front matter reads as before.
        """
        from newspost.parse import _loads
        from newspost.serialize.markdown import render_front_matter

        head = render_front_matter(self)
        return _loads(
            head + body,
            path=self.path,
            flavor=flavor or self.flavor,
            limits=None,
            generator=self.raw.generator,
        )


def _block_text(block: Block) -> str:
    if isinstance(block, Table):
        return "\n".join(" | ".join(cell.text for cell in row) for row in block.all_rows)
    if isinstance(block, Image):
        return block.caption or ""
    text = getattr(block, "text", "")
    return text if isinstance(text, str) else ""
