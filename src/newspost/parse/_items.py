"""The flat items the walker makes of a body, before sources are lifted and headings nest.

A heading is not a block: it opens a section, which `newspost.parse.body` builds
once sources and the footer (`newspost.parse._sources`) are out of the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newspost.model.blocks import Block, Image, Link
from newspost.model.post import Source

__all__ = ["_Heading", "_Item"]


@dataclass
class _Heading:
    level: int
    title: str
    title_html: str
    line: int | None
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)


_Item = Block | _Heading | Source
