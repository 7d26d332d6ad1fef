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
from newspost.model.front_matter import IMAGE_KEYS, FrontMatter, image_addresses, parse_date
from newspost.model.post import Post, RawText, Section, Source

__all__ = [
    "IMAGE_KEYS",
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
    "image_addresses",
    "parse_date",
]
