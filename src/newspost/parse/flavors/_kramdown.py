"""kramdown's (Jekyll's) own block and span rules, and the kramdown flavor's parser.

IALs (``{: .class}``), extensions (``{::comment}``, ``{::nomarkdown}``),
abbreviations, the end-of-block marker, kramdown's tables (not GFM's), its HTML
blocks (raw unless ``markdown="1"``), link destinations holding Liquid tags
(`_LiquidMarkdownIt`, which marked and Eleventy's markdown-it share), and
`_kramdown`, which builds the parser from them and from `_extensions`. Most of the
package's code is here, and only the kramdown flavor needs it whole; it depends
on `_extensions` alone.
"""

from __future__ import annotations

import re
import types
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import mdurl
from markdown_it import MarkdownIt, helpers
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from newspost.parse.flavors._extensions import (
    _alerts,
    _heading_attributes,
    _task_lists,
    _with_containers,
    _with_definition_lists,
    _with_footnotes,
)

# A kramdown block IAL or attribute list definition alone on its line ("{: .note}",
# "{:#id}", "{:ref: .class}"); not an extension ("{::comment}") nor its end ("{:/}").
_BLOCK_IAL = re.compile(r"\{:(?![:/])[^{}\n]*\}[ \t]*$")
# A span IAL, right after the element it applies to ("![a](b.png){: .center}"). kramdown
# reads one across a line break too ("[title][3]{:⏎  lang="en"}", as ruby-lang.org's
# news posts wrap theirs).
_SPAN_IAL = re.compile(r"\{:(?![:/])[^{}\n]*(?:\n[^{}\n]*)?\}")


def _kramdown_ial(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: a kramdown IAL line sets attributes of the block before or after it.

    kramdown renders nothing for it, and it ends the paragraph above it, so the
    line is taken here without a token.
    """
    if not _take_line(state, start_line, silent, "{:", _BLOCK_IAL, match_from_line_start=False):
        return False
    if not silent:
        _drop_toc_list(state, start_line)
    return True


# The IAL that makes the list above it the place of the table of contents: "toc" among
# its references, beside classes or ids ("{:toc .toc-list-icons}"), not a name's part.
_TOC_IAL = re.compile(r"\{:(?:[^{}\n]*\s)?toc(?=[\s}])[^{}\n]*\}")


def _drop_toc_list(state: StateBlock, line: int) -> None:
    """``* TOC`` over ``{:toc}``: the list is where kramdown writes the table of contents.

    The contents are the post's headings, which its sections hold already; the
    list's own words ("TOC", "Table of contents") are shown nowhere, so it goes.
    """
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    tokens = state.tokens
    if (
        "toc" not in text
        or _TOC_IAL.match(text) is None
        or not tokens
        or tokens[-1].type not in ("bullet_list_close", "ordered_list_close")
    ):
        return
    close = tokens[-1]
    opening = close.type[: -len("close")] + "open"
    for index in range(len(tokens) - 2, -1, -1):
        if tokens[index].type == opening and tokens[index].level == close.level:
            del tokens[index:]
            return


def _take_line(
    state: StateBlock,
    start_line: int,
    silent: bool,
    opener: str,
    pattern: re.Pattern[str],
    *,
    match_from_line_start: bool,
) -> bool:
    """Take a line that shows nothing, without a token: ``opener``, then ``pattern``.

    ``opener`` follows the line's indentation, which must not make it code.
    ``pattern`` is matched from the line's start (when it allows indentation of
    its own) or from its first character.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith(opener, first):
        return False
    start = state.bMarks[start_line] if match_from_line_start else first
    if pattern.match(state.src, start, state.eMarks[start_line]) is None:
        return False
    if not silent:
        state.line = start_line + 1
    return True


def _kramdown_span_ial(state: StateInline, silent: bool) -> bool:
    """Inline rule: a kramdown span IAL sets attributes; it is not text."""
    if not state.src.startswith("{:", state.pos):
        return False
    found = _SPAN_IAL.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    state.pos = found.end()
    return True


# kramdown's extensions: "{::name attributes}" alone on its line up to "{:/name}" (or
# "{:/}") alone on a later one, or "{::name attributes /}" with no body. Only comment,
# nomarkdown and options exist; any other name is text (kramdown warns).
_EXTENSION_START = re.compile(r" {0,3}\{::(\w+)(?:\s((?:\\\}|[^}])*?)|)(/)?\}[ \t]*$")
_EXTENSION_NAMES = frozenset(["comment", "nomarkdown", "options"])
_EXTENSION_TYPE = re.compile(r"""\btype=(["'])(.*?)\1""")
_SPAN_EXTENSION = re.compile(r"\{::(\w+)(?:\s((?:\\\}|[^}])*?)|)(/)?\}")


def _shows_raw(name: str, attributes: str | None) -> bool:
    """Whether an extension's body is output to HTML: a ``nomarkdown`` one for HTML."""
    if name != "nomarkdown":
        return False  # a comment is an HTML comment; options set options
    found = _EXTENSION_TYPE.search(attributes or "")
    return found is None or not found.group(2).split() or "html" in found.group(2).split()


def _kramdown_extension(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: kramdown's ``{::comment}``, ``{::nomarkdown}`` and ``{::options /}``.

    A comment and options show nothing; a nomarkdown body is output as it is,
    Markdown unread (an HTML block). The rule runs before the setext heading rule,
    as `_kramdown_abbreviation` does and for the same reason: a run of n
    extensions took n² steps (twenty seconds for 2,000 comments).
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line]
    if not state.src.startswith("{::", start + state.tShift[start_line]):
        return False
    if start_line + 1 < end_line and _setext_underline(state, start_line + 1):
        return False
    opening = _EXTENSION_START.match(state.src, start, state.eMarks[start_line])
    if opening is None or opening.group(1) not in _EXTENSION_NAMES:
        return False
    name, attributes, closed = opening.groups()
    after = start_line + 1
    if not closed:
        after = _extension_block_end(state, name, start_line, end_line)
        if after < 0:
            return False  # never closed: kramdown reads the line as text
    if silent:
        return True
    if not closed and _shows_raw(name, attributes):
        token = state.push("html_block", "", 0)
        token.map = [start_line, after]
        token.content = state.getLines(start_line + 1, after - 1, state.blkIndent, True)
    state.line = after
    return True


_EXTENSION_ENDS = "_newspost_kramdown_extension_ends"
_SPAN_EXTENSION_STOPS = "_newspost_kramdown_span_extension_stops"


def _span_extension_stop(state: StateInline, name: str, start: int) -> re.Match[str] | None:
    """The first ``{:/name}`` (or ``{:/}``) at or after ``start`` in the inline text.

    The last search is remembered: while ``start`` has not passed what it found
    (nothing, or a closing further on), it is the answer again, so many unclosed
    openings in one paragraph are read in linear time.
    """
    kept: dict[str, tuple[int, re.Match[str] | None]] = state.__dict__.setdefault(
        _SPAN_EXTENSION_STOPS, {}
    )  # one inline state a paragraph: its text is the one searched
    searched = kept.get(name)
    if searched is not None:
        since, found = searched
        if since <= start and (found is None or found.start() >= start):
            return found
    found = re.compile(rf"\{{:/(?:{name})?\}}").search(state.src, start, state.posMax)
    kept[name] = (start, found)
    return found


def _extension_block_end(state: StateBlock, name: str, start_line: int, end_line: int) -> int:
    """The line after the one closing the ``name`` extension opened at ``start_line``; -1: none.

    The openings of the same extension passed on the way share its end (kramdown
    reads them as its body) and are remembered, so that a post of many unclosed
    openings is read in linear time, not in a scan to the end from each.
    """
    # Kept on the parser's state, not in ``env``: the caller's env holds the document's
    # own results (references, footnotes) and is compared and cached with its tokens.
    known: dict[tuple[str, int, int], int] = state.__dict__.setdefault(_EXTENSION_ENDS, {})
    end = known.get((name, end_line, start_line))
    if end is not None:
        return end
    stop = re.compile(rf" {{0,3}}\{{:/(?:{name})?\}}[ \t]*$")
    passed = [start_line]
    line = start_line + 1
    while line < end_line:
        start, finish = state.bMarks[line], state.eMarks[line]
        if stop.match(state.src, start, finish):
            break
        opening = _EXTENSION_START.match(state.src, start, finish)
        if opening is not None and opening.group(1) == name and not opening.group(3):
            passed.append(line)
        line += 1
    end = line + 1 if line < end_line else -1
    for opened in passed:
        known[(name, end_line, opened)] = end
    return end


def _kramdown_span_extension(state: StateInline, silent: bool) -> bool:
    """Inline rule: a kramdown extension in a paragraph (``{::comment}x{:/comment}``)."""
    if not state.src.startswith("{::", state.pos):
        return False
    opening = _SPAN_EXTENSION.match(state.src, state.pos, state.posMax)
    if opening is None or opening.group(1) not in _EXTENSION_NAMES:
        return False
    name, attributes, closed = opening.groups()
    end = opening.end()
    body = ""
    if not closed:
        stop = _span_extension_stop(state, name, end)
        if stop is None:
            return False
        body, end = state.src[end : stop.start()], stop.end()
    if not silent and body and _shows_raw(name, attributes):
        token = state.push("html_inline", "", 0)
        token.content = body
    state.pos = end
    return True


# A kramdown abbreviation definition, "*[HTML]: Hyper Text Markup Language": it marks
# the word up where it is used, and shows nothing where it is.
_ABBREVIATION = re.compile(r" {0,3}\*\[.+?\]:")


def _kramdown_abbreviation(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: a kramdown abbreviation definition line, taken without a token.

    It runs before CommonMark's setext heading rule, which reads on through every
    line that does not end a paragraph to look for an underline: tried first at
    each of n definition lines, it took n² steps (seconds for a thousand). A line
    over an underline is still the heading's, as kramdown and Python-Markdown read
    their setext headings first.
    """
    if start_line + 1 < end_line and _setext_underline(state, start_line + 1):
        return False
    return _take_line(state, start_line, silent, "*[", _ABBREVIATION, match_from_line_start=True)


def _setext_underline(state: StateBlock, line: int) -> bool:
    """Whether ``line`` is a run of ``=`` or ``-`` that would underline the line above."""
    if state.sCount[line] - state.blkIndent >= 4 or state.sCount[line] < state.blkIndent:
        return False
    first = state.bMarks[line] + state.tShift[line]
    return _SETEXT_UNDERLINE.match(state.src, first, state.eMarks[line]) is not None


def _kramdown_end_of_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: kramdown's end-of-block marker, ``^`` alone on its line, not indented.

    It ends the paragraph above it and shows nothing, so two lists or
    paragraphs it separates stay two.
    """
    if state.sCount[start_line] > state.blkIndent:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("^", pos) or state.src[pos + 1 : state.eMarks[start_line]].strip(
        " \t"
    ):
        return False
    if not silent:
        state.line = start_line + 1
    return True


# kramdown's tables (its parser's table.rb). A line holding a "|" that no "\" escapes
# opens one, at a block boundary only; rows go on while lines hold such a "|".
_TABLE_PIPE = re.compile(r"^\||[^\\]\|")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR_CHARS = "+|: \t-"
_FOOTER_SEPARATOR_CHARS = "+|: \t="
_ALIGNMENT = re.compile(r"(:?)-+(:?)")
_BACKTICKS = re.compile(r"`+")
# A "<code>" element on a row keeps its "|"s, as a code span does.
_CODE_ELEMENT = re.compile(r"(<code.*?>.*?</code>)")
# What Ruby's strip takes off a cell (not the Unicode spaces Python's would).
_RUBY_SPACE = " \t\n\v\f\r\0"
# Blocks kramdown tries before a table on the same line: a GFM ATX heading, the
# underline of a Setext heading, a block-level HTML tag or comment, an ALD line.
_ATX_HEADING = re.compile(r"#{1,6}[ \t]")
_SETEXT_UNDERLINE = re.compile(r"[-=]+[ \t]*$")
_HTML_TAG_NAME = re.compile(r"<([A-Za-z_][\w.:-]*)(?=[\s/>])[^>]*>")
_ATTRIBUTE_LIST_DEFINITION = re.compile(r"\{:\w[\w-]*:")
# kramdown's span-level HTML elements, those without a body, and those it reads
# as block-level (a span parser leaves those as text).
_SPAN_HTML = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label "
    "mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split()
)
_HTML_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)
_BLOCK_HTML = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split()
)
# A span HTML tag as kramdown reads one: a name, attributes with or without values.
_SPAN_TAG = re.compile(
    r"<([A-Za-z_][\w.:-]*)(?:\s+[A-Za-z_][\w.:-]*(?:\s*=\s*(?:\w+|\"[^\"]*\"|'[^']*'))?)*\s*(/)?>"
)
# A Liquid output or tag on one line ("{{ page.date | date: '%Y' }}", "{% link a.md %}"):
# Jekyll has replaced it before kramdown reads the line, so its filters' "|"s divide
# no cells and open no table. They are hidden as this character while the rows are
# cut, then given back to the cells. Not past the next opening: many unclosed ones are
# read in linear time.
_LIQUID_ON_LINE = re.compile(r"\{\{(?:(?!\{\{).)*?\}\}|\{%(?:(?!\{%).)*?%\}")
_HIDDEN_PIPE = "\ue000"
# How many IAL lines above a table line are looked through for a block boundary.
_IAL_LOOKBACK = 8
# Cells added to fill short rows, at most (markdown-it's own bound for its tables):
# past it, rows are left as written.
_MAX_FILLED_CELLS = 0x10000


def _kramdown_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: a kramdown table, rows of cells between "|"s, after a block boundary.

    Rows above the first separator line ("|---|:-:|") are the header, whose colons
    align the columns; a later separator starts another body, a "|===" line the
    footer. A table without a separator is all body; one without body rows is
    no table. Short rows are filled with empty cells, as kramdown does.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    src = state.src
    start = state.bMarks[start_line] + state.tShift[start_line]
    if src.find("|", start, state.eMarks[start_line]) < 0:
        return False  # most lines: no pipe, no table
    first = src[start : state.eMarks[start_line]]
    if "{" in first:
        first = _hide_liquid_pipes(first)
    if _TABLE_PIPE.search(first) is None:
        return False
    if not _after_block_boundary(state, start_line) or _taken_before_tables(
        state, start_line, end_line, first
    ):
        return False
    lines: list[str] = []
    line = start_line
    while line < end_line and state.sCount[line] >= state.blkIndent:
        text = src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if "{" in text:
            text = _hide_liquid_pipes(text)
        if "|" not in text or _TABLE_PIPE.search(text) is None:
            break
        lines.append(text.rstrip(" \t"))
        line += 1
    if not _before_block_boundary(state, line, end_line):
        return False  # kramdown reads the lines as a paragraph
    if not _pipe_on_every_line("\n".join(lines)):
        return False
    sections = _table_sections(lines, start_line, leading_pipe=first.lstrip().startswith("|"))
    if sections is None:
        return False
    if silent:
        return True
    _push_table(state, sections, start_line, line)
    state.line = line
    return True


def _hide_liquid_pipes(line: str) -> str:
    """``line`` with the "|"s inside Liquid outputs and tags hidden (see `_HIDDEN_PIPE`)."""
    if "|" not in line or _HIDDEN_PIPE in line:
        return line
    return _LIQUID_ON_LINE.sub(lambda tag: tag.group().replace("|", _HIDDEN_PIPE), line)


_Row = tuple[int, list[str]]
"""A table row: its line and its cells' Markdown."""


@dataclass
class _TableSections:
    """A kramdown table's rows by section (thead, tbody, tfoot), and its columns' alignment."""

    sections: list[tuple[str, list[_Row]]]
    alignment: list[str]


def _table_sections(
    lines: list[str], first_line: int, *, leading_pipe: bool
) -> _TableSections | None:
    """The sections of the table written on ``lines``, or None where it has no body."""
    sections: list[tuple[str, list[_Row]]] = []
    rows: list[_Row] = []
    alignment: list[str] | None = None
    has_footer = False
    for line, text in enumerate(lines, first_line):
        if "-" in text and not text.strip(_SEPARATOR_CHARS):
            if not rows:
                continue  # kramdown ignores separators before any row
            if alignment is None and not has_footer:
                sections.append(("thead", rows))
                alignment = [_column_alignment(*found) for found in _ALIGNMENT.findall(text)]
            elif has_footer:
                continue  # footer rows run on over separator lines
            else:
                sections.append(("tbody", rows))
            rows = []
        elif "=" in text and not text.strip(_FOOTER_SEPARATOR_CHARS):
            if rows:
                sections.append(("tbody", rows))
                rows = []
            has_footer = True
        else:
            cells = _kramdown_cells(text, leading_pipe=leading_pipe)
            if _HIDDEN_PIPE in text:
                cells = [cell.replace(_HIDDEN_PIPE, "|") for cell in cells]
            rows.append((line, cells))
    if rows:
        sections.append(("tfoot" if has_footer else "tbody", rows))
    if not any(kind == "tbody" for kind, _ in sections):
        return None
    return _TableSections(sections, alignment or [])


def _column_alignment(left: str, right: str) -> str:
    if left and right:
        return "center"
    return "left" if left else "right" if right else ""


def _push_table(state: StateBlock, table: _TableSections, start_line: int, end_line: int) -> None:
    """The table's tokens, as markdown-it's GFM table rule writes them."""
    rows = [row for _, section in table.sections for row in section]
    columns = max(len(cells) for _, cells in rows)
    fill = sum(columns - len(cells) for _, cells in rows) <= _MAX_FILLED_CELLS
    alignment = (table.alignment + [""] * columns)[:columns]
    token = state.push("table_open", "table", 1)
    token.map = [start_line, end_line]
    for kind, section in table.sections:
        token = state.push(f"{kind}_open", kind, 1)
        token.map = [section[0][0], section[-1][0] + 1] if section else None
        tag = "th" if kind == "thead" else "td"
        for line, cells in section:
            token = state.push("tr_open", "tr", 1)
            token.map = [line, line + 1]
            for index in range(columns if fill else len(cells)):
                token = state.push(f"{tag}_open", tag, 1)
                if alignment[index]:
                    token.attrs = {"style": "text-align:" + alignment[index]}
                token = state.push("inline", "", 0)
                token.map = [line, line + 1]
                token.content = cells[index] if index < len(cells) else ""
                token.children = []
                state.push(f"{tag}_close", tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)


def _after_block_boundary(state: StateBlock, line: int) -> bool:
    """Whether kramdown may start a table at ``line`` (its block boundary).

    That is first in its container (an element that says ``markdown="1"`` is
    one), or after a blank line, an end-of-block marker (``^``), or block IALs
    that follow one of those. Not after a
    paragraph's line, nor right after another block (a heading, a list, an HTML
    block), nor after a definition of a link, an abbreviation or an ALD.
    """
    previous = line - 1
    while True:
        if previous < 0 or _first_in_container(state, previous + 1) or state.isEmpty(previous):
            return True
        start = state.bMarks[previous] + state.tShift[previous]
        text = state.src[start : state.eMarks[previous]]
        if text.rstrip(" \t") == "^" and state.sCount[previous] == state.blkIndent:
            return True
        if _markdown_block_open(state.src, start, state.eMarks[previous], previous) is not None:
            return True  # "<div markdown="1">": the table is the first block inside it
        if (
            line - previous > _IAL_LOOKBACK
            or not text.startswith("{:")
            or _BLOCK_IAL.match(text) is None
            or _ATTRIBUTE_LIST_DEFINITION.match(text) is not None
        ):
            return False
        previous -= 1  # an IAL over a block: the boundary is what is above it


def _first_in_container(state: StateBlock, line: int) -> bool:
    """Whether ``line`` opens the content of a list item, a quote or a footnote."""
    if not state.tokens:
        return False
    last = state.tokens[-1]
    return last.nesting == 1 and (last.map is None or last.map[0] == line)


def _before_block_boundary(state: StateBlock, line: int, end_line: int) -> bool:
    """Whether ``line`` lets a table end above it: the end, a blank line, ``^`` or an IAL.

    Or the closing tag of a block element (``</div>``): the end of what an element
    that says ``markdown="1"`` holds, where kramdown's reading of its content stops.
    """
    if line >= end_line or state.sCount[line] < state.blkIndent or state.isEmpty(line):
        return True
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    indent = state.sCount[line] - state.blkIndent
    if text.rstrip(" \t") == "^" and indent == 0:
        return True
    if indent < 4 and text.startswith("</"):
        closing = _CLOSING_TAG_LINE.match(text)
        if closing is not None and closing.group(1).lower() in _KRAMDOWN_BLOCK_SET:
            return True
    return indent < 4 and text.startswith("{:") and _BLOCK_IAL.match(text) is not None


# A line holding only a closing tag: "</div>".
_CLOSING_TAG_LINE = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>[ \t]*$")


def _taken_before_tables(state: StateBlock, line: int, end_line: int, text: str) -> bool:
    """Whether a block kramdown tries before tables takes ``line`` (a heading, block HTML)."""
    flush = state.sCount[line] == state.blkIndent
    if flush and text.startswith("#") and _ATX_HEADING.match(text) is not None:
        return True
    after = line + 1
    if (
        after < end_line
        and state.sCount[after] == state.blkIndent
        and _SETEXT_UNDERLINE.match(
            state.src, state.bMarks[after] + state.tShift[after], state.eMarks[after]
        )
        is not None
    ):
        return True
    if text.startswith("<"):
        if text.startswith("<!--"):
            return True
        tag = _HTML_TAG_NAME.match(text)
        return tag is not None and tag.group(1).lower() not in _SPAN_HTML
    return False


def _kramdown_cells(row: str, *, leading_pipe: bool) -> list[str]:
    r"""A row's cells, split at "|"s outside code spans and ``<code>`` elements.

    "\\|" is a "|" in its cell. A leading pipe (if the table's first line has one)
    and a trailing one open and close no cell.
    """
    cells: list[str] = []
    last_close = row.rfind("</code>")
    # Only up to the last "</code>": an unclosed "<code" past it is text, and no
    # search for a close it lacks is made.
    pieces = _CODE_ELEMENT.split(row[: last_close + 7]) if last_close >= 0 else [row]
    if last_close >= 0:
        pieces[-1] += row[last_close + 7 :]
    for index, piece in enumerate(pieces):
        if index % 2:
            _add_to_cell(cells, piece)
            continue
        spans = _CodeSpans(piece)
        text_from = 0
        for span_start, span_end in spans:
            _split_into_cells(cells, piece[text_from:span_start])
            _add_to_cell(cells, piece[span_start:span_end])
            text_from = span_end
        _split_into_cells(cells, piece[text_from:])
    if leading_pipe and cells and not cells[0].strip(_RUBY_SPACE):
        del cells[0]
    if cells and not cells[-1].strip(_RUBY_SPACE):
        cells.pop()
    return [cell.strip(_RUBY_SPACE) for cell in cells]


def _add_to_cell(cells: list[str], text: str) -> None:
    if cells:
        cells[-1] += text
    else:
        cells.append(text)


def _split_into_cells(cells: list[str], text: str) -> None:
    if not text:
        return
    first, *others = (part.replace("\\|", "|") for part in _UNESCAPED_PIPE.split(text))
    _add_to_cell(cells, first)
    cells.extend(others)


class _CodeSpans:
    """kramdown's code spans in a text: from a run of backticks to the next as long.

    A lone backtick between spaces is text, and the closing run is looked for as a
    string (``"``"`` closes at the start of ``"```"``). Iterating gives each span's
    start and end, in order. The longest run after each is known beforehand, so a
    run that is never closed costs no search: linear time on any text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        runs = [found.span() for found in _BACKTICKS.finditer(text)] if "`" in text else []
        self.starts = [start for start, _ in runs]
        self.ends = [end for _, end in runs]
        longest = [0] * (len(runs) + 1)
        for index in range(len(runs) - 1, -1, -1):
            longest[index] = max(longest[index + 1], runs[index][1] - runs[index][0])
        self.longest_from = longest

    def close(self, at: int) -> int | None:
        """The end of the code span opening at ``at`` (a backtick), or None: text."""
        text = self.text
        index = bisect_right(self.starts, at) - 1
        run_end = self.ends[index]
        length = run_end - at
        if (
            length == 1
            and (at == 0 or text[at - 1] in _RUBY_SPACE[:-1])
            and run_end < len(text)
            and text[run_end] in _RUBY_SPACE[:-1]
        ):
            return None
        if self.longest_from[index + 1] < length:
            return None
        return text.index("`" * length, run_end) + length

    def __iter__(self) -> Iterator[tuple[int, int]]:
        at = self.text.find("`")
        while at >= 0:
            end = self.close(at)
            if end is None:
                at = self.ends[bisect_right(self.starts, at) - 1]
            else:
                yield at, end
                at = end
            at = self.text.find("`", at)


def _pipe_on_every_line(text: str) -> bool:
    """Whether each line of a table holds a "|" outside code spans and span HTML.

    kramdown's own check, which reads the spans of the whole table at once (a
    code span may run over two lines), and gives up on the table otherwise.
    """
    pipe_on_line = False
    for kind, value in _table_spans(text):
        lines = value.split("\n")
        while lines and not lines[-1]:
            lines.pop()  # as Ruby's split drops trailing empty strings
        if kind == "code":
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2:
                pipe_on_line = False
        else:  # text, or an element (its name) or a comment kramdown reads as text
            if len(lines) > 1 and not pipe_on_line and _TABLE_PIPE.search(lines[0]) is None:
                break
            if len(lines) > 1:
                pipe_on_line = False
            pipe_on_line = pipe_on_line or (
                bool(lines) and _TABLE_PIPE.search(lines[-1]) is not None
            )
    return pipe_on_line


def _table_spans(text: str) -> Iterator[tuple[str, str]]:
    """A table's text as kramdown's code span and span HTML parsers cut it.

    Each piece is ``("text", text)``, ``("code", content)`` or ``("html", name)``
    (an element, its content hidden); text runs are whole, as kramdown merges
    them. An element never closed hides the rest of the text.
    """
    spans = _CodeSpans(text)
    # Past the last "-->", no comment closes: no search for one (linear time).
    last_comment_close = text.rfind("-->")
    text_from = 0
    at = 0
    while True:
        found = _SPAN_START.search(text, at)
        if found is None:
            break
        at = found.start()
        if text[at] == "`":
            end = spans.close(at)
            if end is None:
                at = spans.ends[bisect_right(spans.starts, at) - 1]
                continue
            if text_from < at:
                yield "text", text[text_from:at]
            yield "code", text[at:end]
            text_from = at = end
            continue
        piece, end = _span_html(text, at, last_comment_close)
        if piece is None:
            at = end
            continue
        if text_from < at:
            yield "text", text[text_from:at]
        yield piece
        text_from = at = end
    if text_from < len(text):
        yield "text", text[text_from:]


_SPAN_START = re.compile(r"[`<]")


def _span_html(text: str, at: int, last_comment_close: int) -> tuple[tuple[str, str] | None, int]:
    """The span HTML at ``at`` (a "<") and where it ends; None where it is text."""
    if text.startswith("<!--", at):
        close = text.find("-->", at + 4) if at + 4 <= last_comment_close else -1
        if close >= 0:
            return ("comment", text[at : close + 3]), close + 3
        return None, at + 1
    tag = _SPAN_TAG.match(text, at)
    if tag is None:
        return None, at + 1
    name = tag.group(1).lower()
    if name in _BLOCK_HTML:
        return None, tag.end()
    if tag.group(2) or name in _HTML_WITHOUT_BODY:
        return ("html", name), tag.end()
    # The body runs to the matching close (same-name elements nest); unclosed, to the end.
    pattern = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])", re.IGNORECASE)
    depth = 1
    search_from = tag.end()
    while depth:
        found = pattern.search(text, search_from)
        if found is None:
            return ("html", name), len(text)
        search_from = text.find(">", found.end()) + 1 or len(text)
        depth += -1 if found.group(1) else 1
    return ("html", name), search_from


# kramdown's block-level HTML elements: one of these opening a line starts an
# HTML block that runs to its matching closing tag, blank lines included.
_KRAMDOWN_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|dd|details|div|dl|dt|fieldset|figcaption|figure|"
    "footer|form|h1|h2|h3|h4|h5|h6|header|hr|iframe|li|main|nav|noscript|ol|p|pre|script|"
    "section|style|table|tbody|td|tfoot|th|thead|tr|ul|video|audio|object|math|svg|center"
)
_KRAMDOWN_BLOCK_SET = frozenset(_KRAMDOWN_BLOCK_TAGS.split("|"))
# An opening tag on one line: its name (followed by what may end a name: not
# "<p-x>") and its attributes, up to the line's first ">".
_OPENING_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?=[ \t/>\n\r])([^>\n]*)>")
_MARKDOWN_ATTR = re.compile(r"""\bmarkdown\s*=\s*["']?(?:1|block|span)""", re.IGNORECASE)
_MARKDOWN_BLOCK_ATTR = re.compile(r"""\bmarkdown\s*=\s*["']?(?:1|block)\b""", re.IGNORECASE)
_TAG_PATTERNS: dict[str, re.Pattern[str]] = {}


def _kramdown_html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """The kramdown HTML block: from a block-level tag to its balanced close, raw inside."""
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = _html_block_end(state.src, pos, state.eMarks, start_line, end_line)
    if line is None:
        line = _markdown_block_open(state.src, pos, state.eMarks[start_line], start_line)
        if line is None:
            return False
    if silent:
        return True
    state.line = line
    token = state.push("html_block", "", 0)
    token.map = [start_line, line]
    token.content = state.getLines(start_line, line, state.blkIndent, True)
    return True


def _markdown_block_open(src: str, pos: int, eol: int, line: int) -> int | None:
    """The line after a block-level tag alone on ``line`` that says ``markdown="1"``; or None.

    kramdown reads what such an element holds as Markdown blocks: the tag's line is an
    HTML block of its own, and the lines after it are Markdown again (the closing tag
    is an HTML block of CommonMark's). Without this, CommonMark's rule took them raw
    up to the next blank line.
    """
    marked = src.find("arkdown", pos, eol) >= 0
    if not marked and not _parses_block_html(src, pos):
        return None
    opening = _OPENING_TAG.match(src, pos, eol)
    if opening is None or src[opening.end() : eol].strip(" \t"):
        return None
    name, attributes = opening.group(1).lower(), opening.group(2)
    if marked and _MARKDOWN_SWITCH.search(attributes) is not None:
        if _MARKDOWN_BLOCK_ATTR.search(attributes) is None or name not in _KRAMDOWN_BLOCK_SET:
            return None  # markdown="0" or "span": the element's own say
    elif name not in _PARSED_BY_OPTION or not _parses_block_html(src, pos):
        return None
    return line + 1


# The elements whose content kramdown reads as Markdown blocks when the option
# parse_block_html is on (their content model is "block"; pre, script, tables... keep
# theirs).
_PARSED_BY_OPTION = frozenset(
    "address article aside blockquote center dd details div fieldset figure footer form "
    "header li main nav section".split()
)
_MARKDOWN_SWITCH = re.compile(r"\bmarkdown\s*=", re.IGNORECASE)
# kramdown's "{::options parse_block_html="true" /}", which turns the option on or off
# for the rest of the post.
_BLOCK_HTML_OPTION = re.compile(
    r"\{::options\b[^}\n]*?\bparse_block_html\s*=\s*[\"']?(true|false)", re.IGNORECASE
)


# The last text asked about and its switches. Kept by identity, not in an lru_cache: a
# cache key is hashed, and hashing a whole body costs more than the option's search.
_last_switches: tuple[str, tuple[tuple[int, bool], ...]] = ("", ())


def _block_html_switches(src: str) -> tuple[tuple[int, bool], ...]:
    """Where a post turns kramdown's parse_block_html option on or off, in order."""
    global _last_switches
    seen, switches = _last_switches
    if src is seen:  # asked again for each HTML block of the same text
        return switches
    switches = ()
    if "{" in src and "parse_block_html" in src:  # "{::options": one character first
        switches = tuple(
            (found.start(), found.group(1).lower() == "true")
            for found in _BLOCK_HTML_OPTION.finditer(src)
        )
    _last_switches = (src, switches)  # one assignment: a thread sees either pair whole
    return switches


def _parses_block_html(src: str, pos: int) -> bool:
    """Whether parse_block_html is on at ``pos``: kramdown reads block HTML as Markdown."""
    switches = _block_html_switches(src)
    if not switches:
        return False
    index = bisect_left(switches, (pos, False)) - 1
    return index >= 0 and switches[index][1]


def _html_block_end(
    src: str, pos: int, ends: Sequence[int], start_line: int, end_line: int
) -> int | None:
    """The line after a kramdown HTML block opening at ``pos`` on ``start_line``, or None.

    ``ends[n]`` is where line ``n`` ends (markdown-it's ``eMarks``). Shared by the
    markdown-it rule and `tokenize`'s run of leading HTML blocks, so the two cut alike.
    """
    if src.startswith("<", pos) is False:
        return None
    # Most lines of an HTML-heavy post come here first: one small regex for the
    # whole opening tag, and the tag set looked up by hash.
    opening = _OPENING_TAG.match(src, pos)
    if opening is None:
        return None
    name, attributes = opening.groups()
    tag = name.lower()
    if tag not in _KRAMDOWN_BLOCK_SET or tag == "hr":
        return None
    if (
        attributes.endswith("/")
        or ("arkdown" in attributes and _MARKDOWN_ATTR.search(attributes))
        or (tag in _PARSED_BY_OPTION and _parses_block_html(src, pos))
    ):
        return None
    pattern = _TAG_PATTERNS.get(tag)
    if pattern is None:
        pattern = _TAG_PATTERNS[tag] = re.compile(rf"<(/?){tag}(?=[\s/>])", re.IGNORECASE)
    # Find the balanced closing tag; an unclosed tag is looked for only so far,
    # so a post full of unclosed <p>s stays linear.
    last = start_line + _LOOKAHEAD_LINES
    limit = ends[(last if last < end_line else end_line) - 1]
    eol = ends[start_line]
    after = pos + 1 + len(name)
    # The tag at pos is the first the pattern finds; the search goes on after it
    # (a search per tag: mostly one, the closing tag, on the same line).
    depth = 1
    close_at = after
    while depth:
        found = pattern.search(src, close_at, limit)
        if found is None:
            return None  # never closed: leave the block to the CommonMark rule
        depth += -1 if found.group(1) else 1
        close_at = found.end()
    line_end = eol if close_at <= eol else src.find("\n", close_at)
    rest = src[close_at : line_end if line_end >= 0 else len(src)]
    if "<" in rest and _opens_a_block(rest):
        # A block opened after the close on the same line ("</h2><p>…" with the
        # </p> further down): the block goes on, so CommonMark's rule (to a blank
        # line) decides where it ends.
        return None
    if close_at <= eol:
        return start_line + 1
    # The first line ending at or after the close (ends rise with the line number).
    return bisect_left(ends, close_at, start_line, end_line) + 1


_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")


def _opens_a_block(html: str) -> bool:
    """Whether a snippet leaves a block-level element open."""
    depth: dict[str, int] = {}
    for closing, name in _ANY_TAG.findall(html):
        tag = name.lower()
        if tag in _KRAMDOWN_BLOCK_SET and tag != "hr":
            depth[tag] = depth.get(tag, 0) + (-1 if closing else 1)
    return any(count > 0 for count in depth.values())


_LOOKAHEAD_LINES = 400


def _liquid_link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it's ``parseLinkDestination``, a Liquid output or tag taken whole.

    Jekyll runs Liquid before kramdown: ``![a]({{ site.baseurl }}/a.png)`` reaches
    kramdown as ``![a](/blog/a.png)``, an image, where the spaces of the written tag
    end a CommonMark destination and leave the line as text.
    """
    result = helpers.parseLinkDestination(string, pos, maximum)
    if not result.ok or string.find("{", pos, result.pos) < 0 or string.startswith("<", pos):
        return result
    start = pos
    level = 0
    while pos < maximum:
        char = string[pos]
        if char == "{" and string.startswith(("{{", "{%"), pos):
            tag = _LIQUID_ON_LINE.match(string, pos, maximum)
            if tag is not None:
                pos = tag.end()
                continue
        if char <= " " or char == "\x7f":
            break
        if char == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return result  # as markdown-it gives up
        elif char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if level == 0:
        result.str = unescapeAll(string[start:pos])
        result.pos = pos
    return result


# The link helpers of a flavor whose body Liquid runs on first (see `_LiquidMarkdownIt`).
_LIQUID_HELPERS = types.ModuleType("newspost_liquid_link_helpers")
_LIQUID_HELPERS.parseLinkLabel = helpers.parseLinkLabel  # type: ignore[attr-defined]
_LIQUID_HELPERS.parseLinkTitle = helpers.parseLinkTitle  # type: ignore[attr-defined]
_LIQUID_HELPERS.parseLinkDestination = _liquid_link_destination  # type: ignore[attr-defined]


class _LiquidMarkdownIt(MarkdownIt):
    """A parser for a body Liquid runs on first: a link's address may hold Liquid.

    ``[docs]({{ site.baseurl }}/docs/)`` and ``![a]({{ "/a.png" | relative_url }})``
    are a link and an image, their addresses kept as written (the site's
    ``baseurl`` is in its configuration, not in the post), as an ``<img src>``
    holding Liquid keeps it.
    """

    def __init__(self, config: str, options_update: dict[str, Any] | None = None) -> None:
        super().__init__(config, options_update)
        self.helpers = _LIQUID_HELPERS

    def normalizeLink(self, url: str) -> str:
        """markdown-it's, the Liquid in the address left as written."""
        if "{" not in url or _LIQUID_ON_LINE.search(url) is None:
            return normalizeLink(url)
        parts: list[str] = []
        written = 0
        for tag in _LIQUID_ON_LINE.finditer(url):
            parts.append(mdurl.encode(url[written : tag.start()]))
            parts.append(tag.group())
            written = tag.end()
        parts.append(mdurl.encode(url[written:]))
        return "".join(parts)


def _kramdown_math(state: StateInline, silent: bool) -> bool:
    r"""Inline rule: kramdown's math, ``$$...$$``, kept as written.

    kramdown takes what is between the two ``$$`` as the math engine's (MathJax's)
    input before any other span: no escapes (``\,`` stays), no emphasis
    (``$$2*N$$ ... $$2*N+1$$`` is no ``<em>``), no HTML. A block of math is the
    same span alone in its paragraph.
    """
    pos = state.pos
    src = state.src
    if not src.startswith("$$", pos):
        return False
    end = src.find("$$", pos + 2, state.posMax)
    if end < 0:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = src[pos : end + 2]
    state.pos = end + 2
    return True


def _kramdown() -> MarkdownIt:
    md = _LiquidMarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # First in line: it only takes lines opening with a block-level tag, and
    # sparing those lines the other rules' checks is most of a news body.
    md.block.ruler.before(
        "table",
        "kramdown_html_block",
        _kramdown_html_block,
        {"alt": ["paragraph", "reference", "blockquote"]},
    )
    md.block.ruler.before(
        "paragraph",
        "kramdown_ial",
        _kramdown_ial,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.block.ruler.before("lheading", "kramdown_extension", _kramdown_extension)
    # kramdown's tables, not GFM's: tried where kramdown tries them, after lists
    # and before definitions, and never ending a paragraph.
    md.disable("table")
    md.block.ruler.after("list", "kramdown_table", _kramdown_table)
    md.block.ruler.before("lheading", "kramdown_abbreviation", _kramdown_abbreviation)
    md.block.ruler.before(
        "paragraph",
        "kramdown_end_of_block",
        _kramdown_end_of_block,
        {"alt": ["paragraph", "blockquote"]},
    )
    md.inline.ruler.after("text", "kramdown_math", _kramdown_math)
    md.inline.ruler.after("kramdown_math", "kramdown_span_ial", _kramdown_span_ial)
    md.inline.ruler.after("kramdown_span_ial", "kramdown_span_extension", _kramdown_span_extension)
    md.core.ruler.after("block", "heading_attributes", _heading_attributes)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.core.ruler.after("block", "alerts", _alerts)
    _with_containers(md)
    _with_definition_lists(md)
    return _with_footnotes(md)
