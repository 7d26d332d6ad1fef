"""Blocks: the pieces of a post body a reader sees, in a union tagged by ``kind``.

Every block records ``line``, the 1-based line in the original file where it
starts, so findings and fixes can point at the source.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from newspost.model._base import Frozen

__all__ = [
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
]


class Link(Frozen):
    """A hyperlink (``<a href>`` or a Markdown link) as written in the file."""

    url: str = Field(description="The href exactly as written (not repaired, not resolved).")
    text: str = Field(default="", description="The visible link text.")
    title: str | None = Field(default=None, description="The title attribute, if any.")
    rel: list[str] = Field(default_factory=list, description="rel values, lower-cased, in order.")
    target: str | None = Field(default=None, description="The target attribute, if any.")
    line: int | None = Field(default=None, description="1-based line in the original file.")


class Image(Frozen):
    """An image, on its own (a block) or inside other content."""

    kind: Literal["image"] = "image"
    src: str = Field(description="The src exactly as written.")
    alt: str | None = Field(
        default=None, description="The alt text; None when the attribute is missing."
    )
    title: str | None = Field(default=None, description="The title attribute, if any.")
    caption: str | None = Field(
        default=None, description="A <figcaption>, when the image is a figure."
    )
    link: Link | None = Field(default=None, description="The link wrapping the image, if any.")
    line: int | None = Field(default=None, description="1-based line in the original file.")


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
    colspan: int = Field(default=1, ge=1)
    rowspan: int = Field(default=1, ge=1)


class Table(Frozen):
    """A table: an HTML ``<table>`` or a Markdown pipe table (GFM's or kramdown's).

    ``header`` is the ``<th>`` row (or ``<thead>``), a Markdown table's header
    row (the one above its separator line), or an HTML table's first row whose
    every cell is wholly bold, the common editor habit; that row is then not
    repeated in ``rows``. ``header_source`` says which. A Markdown table without
    a header row has all its rows in ``rows``; so do a kramdown table's footer
    rows, after its body rows.
    """

    kind: Literal["table"] = "table"
    caption: str | None = Field(default=None, description="<caption> or <figcaption> text.")
    header: list[Cell] = Field(default_factory=list, description="The header row; empty if none.")
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
    def size(self) -> tuple[int, int]:
        """``(rows, columns)`` counting the header row and the widest row's spans."""
        all_rows = ([self.header] if self.header else []) + self.rows
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
    """A block quotation."""

    kind: Literal["quote"] = "quote"
    text: str = Field(description="Visible plain text of the quotation.")
    html: str = Field(default="", description="The quotation's inner HTML.")
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
