"""Blocks: the pieces of a post body a reader sees, in a union tagged by ``kind``.

Every block records ``line``, the 1-based line in the original file where it
starts, so findings and fixes can point at the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Literal

from pydantic import Field

from newspost.model._base import Frozen

__all__ = [
    "LAZY_IMAGE_ATTRIBUTES",
    "Block",
    "Cell",
    "Code",
    "Html",
    "Image",
    "Link",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Quote",
    "Rule",
    "Table",
    "lazy_source",
]


class Link(Frozen):
    """A hyperlink (``<a href>`` or a Markdown link) as written in the file."""

    url: str = Field(description="The href exactly as written (not repaired, not resolved).")
    text: str = Field(default="", description="The visible link text.")
    title: str | None = Field(default=None, description="The title attribute, if any.")
    rel: list[str] = Field(default_factory=list, description="rel values, lower-cased, in order.")
    target: str | None = Field(default=None, description="The target attribute, if any.")
    line: int | None = Field(default=None, description="1-based line in the original file.")


# Where lazy-loading scripts (lazysizes, jQuery lazyload, WordPress plugins such as
# a3 Lazy Load and WP Rocket) keep the image they put in src once the page is shown.
_LAZY_SRC = ("data-src", "data-lazy-src", "data-original")
_LAZY_SRCSET = ("data-srcset", "data-lazy-srcset")
LAZY_IMAGE_ATTRIBUTES = frozenset((*_LAZY_SRC, *_LAZY_SRCSET, "srcset"))
"""The attributes `lazy_source` reads: an ``<img>`` with none of them is not lazily loaded."""
# A candidate's one descriptor: a width ("800w") or a pixel density ("2x", "1.5x").
_DESCRIPTOR = re.compile(r"^\s*(\d+(?:\.\d+)?)([wx])\s*$", re.IGNORECASE)


def lazy_source(attributes: Mapping[str, str]) -> tuple[str, int, int] | None:
    """Where an ``<img>``'s lazily loaded image is: (attribute, start, end) in its value.

    A lazy-loading script swaps ``src`` (often a tiny ``data:`` GIF or SVG) for
    the real image as the reader scrolls to it. That image is the first
    non-blank, non-``data:`` value of ``data-src``, ``data-lazy-src`` or
    ``data-original``; else the widest candidate of ``data-srcset`` or
    ``data-lazy-srcset``; else, when ``src`` is missing or a ``data:`` URL, the
    widest candidate of ``srcset``, which browsers show in its place. None when
    the tag has none of them. ``attributes`` maps lower-case names to values, as
    written or decoded: the positions are in the value given.

    Examples:
        >>> tag = {"src": "data:image/gif;base64,R0lGOD", "data-srcset": "a.jpg 300w, b.jpg 800w"}
        >>> name, start, end = lazy_source(tag)
        >>> name, tag[name][start:end]
        ('data-srcset', 'b.jpg')
        >>> lazy_source({"src": "/a.jpg", "srcset": "/a.jpg 1x, /a@2x.jpg 2x"}) is None
        True
    """
    for name in _LAZY_SRC:
        value = attributes.get(name)
        if value and value.strip() and not _is_data_url(value):
            start = len(value) - len(value.lstrip())
            return name, start, len(value.rstrip())
    names: tuple[str, ...] = _LAZY_SRCSET
    src = attributes.get("src")
    if not src or not src.strip() or _is_data_url(src):
        names = (*_LAZY_SRCSET, "srcset")
    for name in names:
        value = attributes.get(name)
        widest = _widest_candidate(value) if value else None
        if widest is not None:
            return name, *widest
    return None


def _is_data_url(value: str) -> bool:
    return value.lstrip()[:5].lower() == "data:"


def _widest_candidate(srcset: str) -> tuple[int, int] | None:
    """(start, end) of the widest candidate's URL: the largest ``w``, else the largest ``x``."""
    best: tuple[int, float, int, int] | None = None  # (1 for w, size, start, end)
    for start, end, descriptor in _candidates(srcset):
        if _is_data_url(srcset[start:end]):
            continue
        found = _DESCRIPTOR.match(descriptor)
        if found is None:
            kind, size = 0, 1.0  # no descriptor (or one not understood): 1x
        else:
            kind, size = (1 if found.group(2).lower() == "w" else 0), float(found.group(1))
        if best is None or (kind, size) > best[:2]:
            best = (kind, size, start, end)
    return (best[2], best[3]) if best is not None else None


def _candidates(srcset: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, descriptors) of each candidate of a ``srcset``, as HTML splits them.

    A URL is a run of non-space characters (commas inside it stay: CDNs write
    ``w_300,h_200``); commas ending it end the candidate, else its descriptors run
    to the next comma.
    """
    pos, size = 0, len(srcset)
    while True:
        while pos < size and (srcset[pos].isspace() or srcset[pos] == ","):
            pos += 1
        if pos >= size:
            return
        start = pos
        while pos < size and not srcset[pos].isspace():
            pos += 1
        end = pos
        if srcset[end - 1] == ",":
            while end > start and srcset[end - 1] == ",":
                end -= 1
            yield start, end, ""
            continue
        comma = srcset.find(",", pos)
        stop = size if comma < 0 else comma
        yield start, end, srcset[pos:stop]
        pos = stop


class Image(Frozen):
    """An image, on its own (a block) or inside other content.

    ``src`` is the ``src`` attribute as written (else ``data-src``). A lazily
    loaded image, ``<img src="data:image/gif;base64,…" data-src="/real.jpg">``,
    keeps its placeholder there and its real address in ``lazy_src`` (see
    `lazy_source`); `shown_src` is the one the reader sees.
    """

    kind: Literal["image"] = "image"
    src: str = Field(description="The src exactly as written (else data-src).")
    lazy_src: str | None = Field(
        default=None,
        description=(
            "The address a lazy-loading script puts in src (data-src, data-lazy-src, "
            "data-original, the widest of data-srcset, or of srcset when src is a data: "
            "placeholder); None when the image is not lazily loaded."
        ),
    )
    alt: str | None = Field(
        default=None, description="The alt text; None when the attribute is missing."
    )
    title: str | None = Field(default=None, description="The title attribute, if any.")
    caption: str | None = Field(
        default=None, description="A <figcaption>, when the image is a figure."
    )
    link: Link | None = Field(default=None, description="The link wrapping the image, if any.")
    line: int | None = Field(default=None, description="1-based line in the original file.")

    @property
    def shown_src(self) -> str:
        """The address the reader sees: ``lazy_src`` for a lazily loaded image, else ``src``.

        Examples:
            >>> Image(src="data:image/gif;base64,R0lGOD", lazy_src="/ferry.jpg").shown_src
            '/ferry.jpg'
            >>> Image(src="/ferry.jpg").shown_src
            '/ferry.jpg'
        """
        return self.lazy_src if self.lazy_src is not None else self.src


class Paragraph(Frozen):
    """A paragraph of running text."""

    kind: Literal["paragraph"] = "paragraph"
    text: str = Field(description="Visible plain text, whitespace collapsed.")
    html: str = Field(description="The paragraph's inner HTML as the site renders it.")
    links: list[Link] = Field(default_factory=list, description="Links inside, in order.")
    images: list[Image] = Field(default_factory=list, description="Inline images inside, in order.")
    line: int | None = Field(default=None, description="1-based line in the original file.")


class Cell(Frozen):
    """One table cell."""

    text: str = Field(description="Visible plain text of the cell.")
    html: str = Field(default="", description="The cell's inner HTML.")
    is_header: bool = Field(
        default=False,
        description="True for <th>, GFM header cells, and cells of a wholly bold first row.",
    )
    colspan: int = Field(default=1, ge=1, description="Columns the cell spans, up to 1000.")
    rowspan: int = Field(
        default=1,
        ge=1,
        description=(
            "Rows the cell spans, as browsers apply rowspan: to the end of its row group "
            '(<thead>, <tbody>, <tfoot>) at most; rowspan="0" spans all the rest of it.'
        ),
    )


class Table(Frozen):
    """A table: an HTML ``<table>`` or a Markdown pipe table (GFM's or kramdown's).

    ``header`` is the ``<th>`` row (or ``<thead>``), a Markdown table's header
    row (the one above its separator line), or an HTML table's first row whose
    every cell is wholly bold, the common editor habit; that row is then not
    repeated in ``rows``. ``header_source`` says which. A header of several rows
    (a ``<thead>`` of two ``<tr>``, ``<th>`` rows under a header cell spanning
    them, a kramdown table's rows above its separator line) has its first in
    ``header`` and the others in ``subheader_rows``. A Markdown table without a
    header row has all its rows in ``rows``; so do a kramdown table's footer
    rows, after its body rows. `all_rows` is every row, as ``row_lines`` counts them.
    """

    kind: Literal["table"] = "table"
    caption: str | None = Field(default=None, description="<caption> or <figcaption> text.")
    header: list[Cell] = Field(
        default_factory=list, description="The header row (its first, if several); empty if none."
    )
    subheader_rows: list[list[Cell]] = Field(
        default_factory=list,
        description="The header's rows after the first, in order; empty for a one-row header.",
    )
    rows: list[list[Cell]] = Field(default_factory=list, description="Body rows, in order.")
    header_source: Literal["th", "gfm", "bold", "none"] = Field(
        default="none", description="How the header row was recognised."
    )
    links: list[Link] = Field(default_factory=list, description="Links in any cell, in order.")
    images: list[Image] = Field(default_factory=list, description="Images in any cell, in order.")
    line: int | None = Field(default=None, description="1-based line in the original file.")
    row_lines: list[int | None] = Field(
        default_factory=list,
        description="1-based line of each row of the table as written (header row first).",
    )

    @property
    def all_rows(self) -> list[list[Cell]]:
        """Every row in order: the header's rows, then the body's (as ``row_lines`` counts them).

        Examples:
            >>> table = Table(header=[Cell(text="Team")], rows=[[Cell(text="Lyon")]])
            >>> [[cell.text for cell in row] for row in table.all_rows]
            [['Team'], ['Lyon']]
        """
        head = [self.header, *self.subheader_rows] if self.header else []
        return head + self.rows

    @property
    def size(self) -> tuple[int, int]:
        """``(rows, columns)`` counting the header's rows and the widest row's spans."""
        all_rows = self.all_rows
        width = max((sum(c.colspan for c in row) for row in all_rows), default=0)
        return len(all_rows), width


class ListItem(Frozen):
    """One item of a list."""

    text: str = Field(description="Visible plain text of the item (nested lists included).")
    html: str = Field(default="", description="The item's inner HTML.")


class ListBlock(Frozen):
    """A bulleted or numbered list."""

    kind: Literal["list"] = "list"
    ordered: bool = False
    items: list[ListItem] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list, description="Links in any item, in order.")
    images: list[Image] = Field(default_factory=list, description="Images in any item, in order.")
    line: int | None = Field(default=None, description="1-based line in the original file.")

    @property
    def text(self) -> str:
        """The items' text, one per line."""
        return "\n".join(item.text for item in self.items)


class Quote(Frozen):
    """A block quotation, or an alert box written as one.

    ``> [!NOTE]`` over quoted lines is GitHub's alert: GitHub, Hugo's blockquote
    render hooks and Jekyll's alert plugins show a "Note" box, not the marker.
    Such a quote's ``alert`` is its kind and its text and HTML leave the marker
    out; a title after it (Obsidian's ``> [!tip] Title``) stays, as the box
    shows it.
    """

    kind: Literal["quote"] = "quote"
    text: str = Field(description="Visible plain text of the quotation.")
    html: str = Field(default="", description="The quotation's inner HTML.")
    alert: str | None = Field(
        default=None,
        description=(
            'The alert\'s kind, lower-cased ("note", "tip", "important", "warning", '
            '"caution", or an Obsidian callout\'s word), when the quote opens with '
            "[!KIND]; None for a plain quote."
        ),
    )
    links: list[Link] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    line: int | None = None


class Rule(Frozen):
    """A thematic break (``<hr>``, ``---`` or ``***`` in Markdown)."""

    kind: Literal["rule"] = "rule"
    line: int | None = None


class Code(Frozen):
    """A code block (fenced, indented or ``<pre>``)."""

    kind: Literal["code"] = "code"
    text: str = Field(description="The code, verbatim.")
    language: str | None = Field(default=None, description="The fence's info word, if any.")
    line: int | None = None


class Html(Frozen):
    """Anything else, kept raw: embeds, scripts, forms, Liquid tags, Hugo shortcodes."""

    kind: Literal["html"] = "html"
    html: str = Field(description="The markup or template tag as it stands.")
    tag: str | None = Field(default=None, description="The element's tag name, if it is one.")
    text: str = Field(default="", description="Visible text inside, if any.")
    links: list[Link] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    line: int | None = None


Block = Annotated[
    Paragraph | Table | Image | ListBlock | Quote | Rule | Code | Html,
    Field(discriminator="kind"),
]
"""Any block; pydantic picks the class from ``kind`` and never guesses."""
