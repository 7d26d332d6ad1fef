"""Typed models of a news post: `Post`, its front matter, sections and blocks."""

from newspost.model.blocks import (
    Block,
    Cell,
    Code,
    Html,
    Image,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from newspost.model.front_matter import FrontMatter, parse_date
from newspost.model.post import Post, RawText, Section, Source

Section.model_rebuild()

__all__ = [
    "Block",
    "Cell",
    "Code",
    "FrontMatter",
    "Html",
    "Image",
    "Link",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Post",
    "Quote",
    "RawText",
    "Rule",
    "Section",
    "Source",
    "Table",
    "parse_date",
]
