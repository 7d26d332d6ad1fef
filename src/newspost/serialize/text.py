"""The ``text`` format: the post as readable plain text, for search indexes and summarisers.

The layout, chosen to survive any tool that reads lines:

- the title first, as ``# title``; each section's title prefixed by as many
  ``#`` as its level (``## 양해각서 내용``), so the outline survives without
  underlines that would have to be measured in display columns;
- one paragraph per line (never wrapped), blocks separated by a blank line;
- list items as ``- item`` (numbered lists as ``1. item``), quotes as ``> text``;
- tables as aligned columns, measured in display columns
  (`unicodedata.east_asian_width`), so Korean and Japanese cells line up
  in a monospaced font;
- code as it is, images as their caption (if any), raw HTML as its visible text;
- the sources last, ``출처: title — publisher <url>``, with the label as written.

The promo footer is left out: it is the site's, not the article's.

>>> from newspost import dumps, load
>>> print(dumps(load("examples/seed.md"), format="text").splitlines()[0])
# 디지털정부협력에 관한 양해각서 체결 서명 즉시 발효  행정안전부
"""

from __future__ import annotations

import unicodedata

from newspost.model.blocks import Block, Cell, Code, Html, Image, ListBlock, Paragraph, Quote, Table
from newspost.model.post import Post, Section, Source

__all__ = ["display_width", "dumps_text", "render_table"]


def dumps_text(post: Post) -> str:
    r"""The post as plain text: title, sections, paragraphs, lists, aligned tables, sources.

    Examples:
        >>> from newspost import loads
        >>> post = loads("---\ntitle: Ferries\n---\nTimes below.\n\n## Times\n\n"
        ...              "| 출발 | 도착 |\n|---|---|\n| 10:45 | 13:22 |\n\n- book early\n")
        >>> print(dumps_text(post), end="")
        # Ferries
        <BLANKLINE>
        Times below.
        <BLANKLINE>
        ## Times
        <BLANKLINE>
        출발   도착
        -----  -----
        10:45  13:22
        <BLANKLINE>
        - book early
    """
    chunks: list[str] = []
    if post.title.strip():
        chunks.append("# " + " ".join(post.title.strip().splitlines()))
    chunks.extend(_blocks(post.lead))
    for section in post.sections:
        _section(section, chunks)
    sources = [_source_line(source) for source in post.sources]
    if sources:
        chunks.append("\n".join(line for line in sources if line))
    kept = [chunk for chunk in chunks if chunk.strip()]
    return "\n\n".join(kept) + "\n" if kept else ""


def _section(section: Section, chunks: list[str]) -> None:
    chunks.append(f"{'#' * section.level} {section.title}".rstrip())
    chunks.extend(_blocks(section.blocks))
    for sub in section.sections:
        _section(sub, chunks)


def _blocks(blocks: list[Block]) -> list[str]:
    return [text for text in (_block(block) for block in blocks) if text.strip()]


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return "\n".join(
            f"{f'{number}.' if block.ordered else '-'} {item.text}"
            for number, item in enumerate(block.items, start=1)
        )
    if isinstance(block, Quote):
        return f"> {block.text}" if block.text else ""
    if isinstance(block, Table):
        return render_table(block)
    if isinstance(block, Code):
        return block.text.rstrip("\n")
    if isinstance(block, Image):
        return block.caption or ""
    if isinstance(block, Html):
        return block.text
    return ""  # a rule: the blank line between blocks already separates


def _source_line(source: Source) -> str:
    parts = []
    if source.title:
        parts.append(source.title)
    if source.publisher:
        parts.append(source.publisher)
    line = " — ".join(parts)
    if source.url:
        line = f"{line} <{source.url}>" if line else f"<{source.url}>"
    return f"{source.label}: {line}" if line else ""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced terminal: wide (W, F) characters two, marks none.

    Examples:
        >>> display_width("출발 시간"), display_width("abc"), display_width("ｱ")
        (9, 3, 1)
    """
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(table: Table, *, gap: str = "  ") -> str:
    """A table as aligned text columns: header, a rule of dashes, rows; a caption above.

    Cells are placed one per column (a cell spanning columns takes the first);
    short rows are padded. Trailing spaces are trimmed from each line.

    Examples:
        >>> from newspost import Cell, Table
        >>> table = Table(header=[Cell(text="선박명"), Cell(text="요금")],
        ...               rows=[[Cell(text="한림페리11호"), Cell(text="8,000원")]])
        >>> print(render_table(table))
        선박명        요금
        ------------  -------
        한림페리11호  8,000원
    """
    rows: list[list[Cell]] = table.all_rows
    header_rows = 1 + len(table.subheader_rows) if table.header else 0
    if not rows:
        return table.caption or ""
    columns = max(len(row) for row in rows)
    texts = [[cell.text for cell in row] + [""] * (columns - len(row)) for row in rows]
    widths = [max(display_width(row[index]) for row in texts) for index in range(columns)]
    lines = []
    if table.caption:
        lines.append(table.caption)
    for number, row in enumerate(texts):
        lines.append(gap.join(_pad(text, widths[i]) for i, text in enumerate(row)).rstrip())
        if number + 1 == header_rows:
            lines.append(gap.join("-" * max(width, 1) for width in widths))
    return "\n".join(lines)
