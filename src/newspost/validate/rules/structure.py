"""NP2xx: the body's structure: headings, paragraphs, tables, and HTML the parser had to repair.

Headings and tables come from the parsed structure (``post.sections``,
``post.tables``), with their lines; what the parser drops or repairs (empty
paragraphs, unclosed tags, broken attributes) is found in the raw body text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice, pairwise

from newspost.model.blocks import Paragraph, Table
from newspost.model.post import Section
from newspost.parse.flavors import ZOLA_SHORTCODE
from newspost.validate._rule import Context, Edit, Fix, Issue, LintRule, Severity, register
from newspost.validate.rules._util import (
    VOID_ELEMENTS,
    Scan,
    Where,
    delete_line_edit,
    find_on_line,
    fold,
    line_bounds,
    position,
    scan,
    visible_length,
)

__all__ = [
    "BodyTooShort",
    "BoldHeading",
    "DuplicateHeading",
    "EmptyHeading",
    "EmptyParagraph",
    "EmptySection",
    "H1InBody",
    "HeadingEndsWithColon",
    "HeadingLevelSkipped",
    "MalformedAttribute",
    "NoHeadings",
    "RaggedTable",
    "TableHeaderGluedToText",
    "TableHeaderNotTh",
    "UnbalancedHtml",
    "UnrenderedTemplate",
]


def _heading_position(ctx: Context, section: Section) -> Where:
    """Line and column of a heading: its ``<hN`` tag or its ``#`` marker."""
    line = section.line
    if line is None:
        return {"line": ctx.post.raw.body_line, "column": 1}
    found = find_on_line(ctx, line, f"<h{section.level}") or find_on_line(
        ctx, line, f"<H{section.level}"
    )
    if found is None:
        found = find_on_line(ctx, line, "#")
    if found is None:
        return {"line": line, "column": 1}
    return position(ctx, found)


_LONG_WITHOUT_HEADINGS = 1000


@register
class NoHeadings(LintRule):
    """A long post (over 1,000 characters of visible text) has no headings at all.

    Headings let readers scan a story and let screen readers jump through it; they
    also give feeds and search engines the outline. Shorter posts (a news brief, a
    notice) are fine without them, so they are not reported.

    Bad: 3,000 characters of paragraphs, one after the other.
    Good: the same text under ``## Background``, ``## What happens next``.
    """

    code = "NP201"
    name = "no-headings"
    severity = Severity.INFO
    summary = "long post has no headings"

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        if post.sections:
            return
        length = visible_length(ctx, _LONG_WITHOUT_HEADINGS + 1)
        if length > _LONG_WITHOUT_HEADINGS:
            yield self.issue(
                ctx,
                f"post has over {_LONG_WITHOUT_HEADINGS} characters of text and no headings",
                line=post.raw.body_line,
            )


@register
class EmptySection(LintRule):
    """A heading has nothing under it: no paragraph, list, table or image, and no subheading.

    An empty section is usually a generator's leftover (a heading whose content
    was dropped) or a heading used for emphasis; either way the outline promises
    something the page does not have. Source lines and a trailing promo line under
    the heading count as content.

    Bad: ``## 자주 묻는 질문`` followed directly by the next ``##``.
    Good: the heading followed by its questions, or no heading.
    """

    code = "NP202"
    name = "empty-section"
    severity = Severity.WARNING
    summary = "heading has no content under it"

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        sections = list(scan(ctx).sections)
        lifted = [s.line for s in post.sources if s.line is not None]
        lifted += [b.line for b in post.footer if b.line is not None]
        # Sorted, so the first lifted line below each heading is a bisection away: a
        # post of many "## Sources" sections, each emptied by its list of sources,
        # once looked through every source for every section.
        lifted.sort()
        for index, section in enumerate(sections):
            if section.blocks or section.sections:
                continue
            after = sections[index + 1].line if index + 1 < len(sections) else None
            start = section.line or 0
            below = bisect.bisect_right(lifted, start)
            if below < len(lifted) and (after is None or lifted[below] < after):
                continue
            yield self.issue(
                ctx,
                f"heading {section.title!r} has no content under it",
                **_heading_position(ctx, section),
            )


@register
class HeadingLevelSkipped(LintRule):
    """A heading goes more than one level deeper than the one before it (h2 then h4).

    Screen readers and tables of contents read heading levels as an outline; a
    skipped level reads as a missing section. Only increases are checked (going
    back up from h4 to h2 is fine), as markdownlint's MD001 does.

    Bad: ``## Results`` followed by ``#### Details``.
    Good: ``## Results`` followed by ``### Details``.
    """

    code = "NP203"
    name = "heading-level-skipped"
    severity = Severity.WARNING
    summary = "heading level skipped"

    def check(self, ctx: Context) -> Iterator[Issue]:
        previous: Section | None = None
        for section in scan(ctx).sections:
            if previous is not None and section.level > previous.level + 1:
                yield self.issue(
                    ctx,
                    f"h{section.level} {section.title!r} follows h{previous.level} "
                    f"{previous.title!r}: use h{previous.level + 1}",
                    **_heading_position(ctx, section),
                )
            previous = section


@register
class DuplicateHeading(LintRule):
    """Two sibling headings have the same text (after normalising case, spacing and punctuation).

    Identical headings under the same parent make an outline where two entries
    cannot be told apart, and anchors that differ only by a number; in generated
    posts they are the sign of a section written twice. Headings under different
    parents may repeat ("Note" in each part of a weekly digest), as markdownlint's
    MD024 allows with ``siblings_only``.

    Bad: ``## 안전 수칙`` twice in one post.
    Good: ``## 승선 전 안전 수칙`` and ``## 선내 안전 수칙``.
    """

    code = "NP204"
    name = "duplicate-heading"
    severity = Severity.WARNING
    summary = "heading repeats an earlier one"

    def check(self, ctx: Context) -> Iterator[Issue]:
        groups: list[list[Section]] = [ctx.post.sections]
        groups.extend(
            section.sections for section in scan(ctx).sections if len(section.sections) > 1
        )
        for siblings in groups:
            seen: dict[str, Section] = {}
            for section in siblings:
                key = fold(section.title)
                if not key:
                    continue
                first = seen.get(key)
                if first is None:
                    seen[key] = section
                    continue
                yield self.issue(
                    ctx,
                    f"heading {section.title!r} repeats the one on line {first.line}",
                    **_heading_position(ctx, section),
                )


# A <p> start tag, then only blank content, then its end tag. Run over the lower-cased
# body, it starts with the literal "<p", which the engine looks for fast. Editors wrap
# the blank in inline tags (<span style=...>&nbsp;</span>, <b><br></b>) and give <br>
# attributes (TinyMCE's <br data-mce-bogus="1">): still nothing to read.
_EMPTY_P = re.compile(
    r"<p(?=[\s>])[^<>]*>"
    r"(?:\s|&nbsp;|&#160;|&#x0*a0;|\u00a0|[\u200b\u200c\u200d\u2060\ufeff]|<br(?=[\s/>])[^<>]*>"
    r"|</?(?:span|b|strong|em|i|u|font)(?=[\s/>])[^<>]*>)*"
    r"</p\s*>"
)
# A line of only non-breaking spaces, matched with the line break before it (group 1 is
# the line): run over "\n" + the body, so that the engine can look for the literal "\n"
# instead of trying "^" at every character.
_NBSP_LINE = re.compile(
    r"\n([ \t]*(?:&nbsp;|&#160;|\u00a0)(?:[ \t\u00a0]|&nbsp;|&#160;)*)$", re.MULTILINE
)


@register
class EmptyParagraph(LintRule):
    """A paragraph holds nothing but spaces, ``&nbsp;`` or ``<br>``.

    Editors insert ``<p>&nbsp;</p>`` for vertical space; it makes gaps that differ
    from theme to theme, screen readers announce a blank, and the parser drops it
    from the structure, so it is found in the raw text. The blank may sit inside
    inline tags (``<p><span style="...">&nbsp;</span></p>``, ``<p><b><br></b></p>``),
    a paragraph of only zero-width spaces (Naver's editor writes its blank lines as
    ``<p><span>U+200B</span></p>``) is one, and a Markdown paragraph of only
    ``&nbsp;`` counts too. The fix deletes the
    element (its whole line when it is alone on it). A paragraph that holds a
    comment is left alone: WordPress imports wrap the ``<!--more-->`` excerpt
    marker in one (``<p><!--more--></p>``), and deleting it would lose the marker.

    Bad: ``<p data-ke-size="size16">&nbsp;</p>``.
    Good: nothing; space between blocks is the theme's job.
    """

    code = "NP205"
    name = "empty-paragraph"
    severity = Severity.WARNING
    summary = "empty paragraph"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        body = sc.body
        base = sc.body_start
        if sc.has_tag("/p"):
            for found in sc.finditer(_EMPTY_P):
                start, end = base + found.start(), base + found.end()
                if "<!--" in sc.text[start:end]:
                    continue  # a marker's paragraph, "<p><!--more--></p>" (comments are masked)
                fix = Fix(
                    description="delete the empty paragraph",
                    edits=[delete_line_edit(ctx, start, end)],
                )
                yield self.issue_at(ctx, start, fix=fix)
        if ("&" in body and ("&nbsp;" in body or "&#160;" in body)) or "\u00a0" in body:
            for found in _NBSP_LINE.finditer("\n" + body):
                line_start, line_end = found.start(1) - 1, found.end(1) - 1  # offsets in body
                if _line_before(body, line_start).strip() or _line_after(body, line_end).strip():
                    continue  # part of a paragraph with text, or of an HTML block
                start, end = base + line_start, base + line_end
                fix = Fix(
                    description="delete the empty paragraph",
                    edits=[delete_line_edit(ctx, start, end)],
                )
                yield self.issue_at(ctx, start, "paragraph holds only &nbsp;", fix=fix)


def _line_before(text: str, start: int) -> str:
    """The line before the one starting at ``start`` ('' at the start of the text)."""
    if start <= 0:
        return ""
    return text[text.rfind("\n", 0, start - 1) + 1 : start - 1]


def _line_after(text: str, end: int) -> str:
    """The line after the one ending at ``end`` ('' at the end of the text)."""
    if end >= len(text):
        return ""
    stop = text.find("\n", end + 1)
    return text[end + 1 : stop if stop >= 0 else len(text)]


_TABLE_OPEN = re.compile(r"<table(?=[\s>])", re.IGNORECASE)
_ROW = re.compile(
    r"<tr(?=[\s>])[^<>]*>(.*?)(?=</tr\s*>|<tr[\s>]|</table\s*>)", re.IGNORECASE | re.DOTALL
)
_CELL_TAG = re.compile(r"<(/?)(t[dh])(?=[\s/>])", re.IGNORECASE)


def _first_row_cell_tags(ctx: Context, table: Table) -> list[re.Match[str]] | None:
    """The ``<td``/``</td`` tags of an HTML table's first row, as written, or None."""
    if table.line is None:
        return None
    text = ctx.post.raw.text
    line_start, _ = line_bounds(ctx, table.line)
    opened = _TABLE_OPEN.search(text, line_start)
    if opened is None:
        return None
    row = _ROW.search(text, opened.end())
    if row is None or "<table" in row.group(1).lower():
        return None  # no row, or a nested table: leave it alone
    return list(_CELL_TAG.finditer(text, row.start(1), row.end(1)))


@register
class TableHeaderNotTh(LintRule):
    """A table's header row is written as bold ``<td>`` cells instead of ``<th>``.

    Bold text looks like a header but is not one: screen readers do not announce
    the column names, and feeds and reader modes show a plain first row. The fix
    renames the first row's ``<td>`` tags to ``<th>`` (attributes and the bold kept).

    Bad: ``<tr><td><b>계획</b></td><td><b>노력</b></td></tr>`` as the first row.
    Good: ``<tr><th>계획</th><th>노력</th></tr>``.
    """

    code = "NP206"
    name = "table-header-not-th"
    severity = Severity.WARNING
    summary = "table header written as bold <td> cells instead of <th>"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        for table in scan(ctx).tables:
            if table.header_source != "bold":
                continue
            fix = None
            cells = _first_row_cell_tags(ctx, table)
            opening = [m for m in cells or [] if not m.group(1)]
            if (
                cells
                and len(opening) == len(table.header)
                and all(m.group(2).lower() == "td" for m in cells)
            ):
                edits = [Edit(start=m.start(2), end=m.end(2), replacement="th") for m in cells]
                fix = Fix(description="make the header row's cells <th>", edits=edits)
            where: Where = {"line": table.line or ctx.post.raw.body_line, "column": 1}
            found = find_on_line(ctx, table.line, "<table") or find_on_line(
                ctx, table.line, "<TABLE"
            )
            if found is not None:
                where = position(ctx, found)
            yield self.issue(ctx, fix=fix, **where)


def _row_widths(table: Table) -> list[int]:
    """Columns each row fills, counting colspans and the rowspans of rows above."""
    rows = table.all_rows
    pending: list[int] = []
    widths: list[int] = []
    for row in rows:
        carried = sum(1 for n in pending if n > 0)
        widths.append(carried + sum(cell.colspan for cell in row))
        following = [max(0, n - 1) for n in pending]
        column = 0
        for cell in row:
            while column < len(pending) and pending[column] > 0:
                column += 1
            for offset in range(cell.colspan):
                slot = column + offset
                while len(following) <= slot:
                    following.append(0)
                if cell.rowspan > 1:
                    following[slot] = max(following[slot], cell.rowspan - 1)
            column += cell.colspan
        pending = following
    return widths


@register
class RaggedTable(LintRule):
    """A table's rows have different numbers of columns (colspans and rowspans counted).

    Browsers pad short rows with nothing, so cells shift under the wrong column
    header; usually a cell was lost or a ``colspan`` is wrong.

    Bad: a header of three cells over a row of two.
    Good: every row filling the same three columns (``colspan="2"`` where a cell spans two).
    """

    code = "NP207"
    name = "ragged-table"
    severity = Severity.WARNING
    summary = "table rows have different numbers of columns"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for table in scan(ctx).tables:
            widths = _row_widths(table)
            if len(set(widths)) <= 1:
                continue
            expected = Counter(widths).most_common(1)[0][0]
            index = next(i for i, w in enumerate(widths) if w != expected)
            line = table.row_lines[index] if index < len(table.row_lines) else None
            yield self.issue(
                ctx,
                f"table row {index + 1} has {widths[index]} columns "
                f"where the others have {expected}",
                line=line or table.line,
            )


# The bold may sit inside a colour or font span, as editors' colour tools write it:
# <h2><span style="color: #ee2323;"><b>...</b></span></h2>.
_WHOLLY_BOLD = re.compile(
    r"^\s*(?:<(?:span|font)\b[^>]*>\s*)*<(b|strong)\b[^>]*>(.*)</\1>\s*(?:</(?:span|font)\s*>\s*)*$",
    re.DOTALL | re.IGNORECASE,
)
_MD_BOLD_HEADING = re.compile(r"^(#{1,6}[ \t]+)(\*\*|__)(.+)(\2)([ \t]*#*[ \t]*)$")
_HTML_BOLD_HEADING = re.compile(
    r"<h([1-6])\b[^>]*>[ \t]*(?:<(?:span|font)\b[^>]*>[ \t]*)*(<(b|strong)\b[^>]*>)(.*?)(</\3\s*>)"
    r"[ \t]*(?:</(?:span|font)\s*>[ \t]*)*</h\1\s*>",
    re.IGNORECASE,
)


def _wholly_bold(title_html: str) -> bool:
    found = _WHOLLY_BOLD.match(title_html)
    if not found:
        return False
    tag = found.group(1).lower()
    return f"</{tag}" not in found.group(2).lower()


@register
class BoldHeading(LintRule):
    """A heading's whole text is wrapped in ``<b>``/``<strong>`` (or ``**...**``).

    Headings are already bold in every theme; the extra markup only adds weight
    where the theme chose none, and tells screen readers the whole heading is
    stressed. Bold inside a colour span (``<h2><span style="..."><b>...</b></span></h2>``)
    counts too. The fix removes the bold markup when the heading sits on one line.

    Bad: ``<h3><b>Polling 방식 적용</b></h3>`` or ``## **Polling**``.
    Good: ``<h3>Polling 방식 적용</h3>``.
    """

    code = "NP208"
    name = "bold-heading"
    severity = Severity.INFO
    summary = "heading is wholly bold"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        text = ctx.post.raw.text
        for section in scan(ctx).sections:
            if not _wholly_bold(section.title_html):
                continue
            fix = None
            if section.line is not None:
                start, end = line_bounds(ctx, section.line)
                line = text[start:end]
                md = _MD_BOLD_HEADING.match(line)
                tag = _HTML_BOLD_HEADING.search(line)
                if md:
                    fix = Fix(
                        description="remove the bold markup",
                        edits=[
                            Edit(start=start + md.start(2), end=start + md.end(2), replacement=""),
                            Edit(start=start + md.start(4), end=start + md.end(4), replacement=""),
                        ],
                    )
                elif tag and f"<{tag.group(3).lower()}" not in tag.group(4).lower():
                    fix = Fix(
                        description="remove the bold markup",
                        edits=[
                            Edit(
                                start=start + tag.start(2), end=start + tag.end(2), replacement=""
                            ),
                            Edit(
                                start=start + tag.start(5), end=start + tag.end(5), replacement=""
                            ),
                        ],
                    )
            yield self.issue(ctx, fix=fix, **_heading_position(ctx, section))


@register
class BodyTooShort(LintRule):
    """The visible text is shorter than ``options.min_body_length`` characters (default 200).

    A post that is only a title, an image and a source line is a stub: readers get
    nothing, and search engines treat such pages as thin content.

    Bad: a body of one line, "속보입니다."
    Good: a body that says what happened, with at least a few sentences.
    """

    code = "NP209"
    name = "body-too-short"
    severity = Severity.WARNING
    summary = "body is too short"

    def check(self, ctx: Context) -> Iterator[Issue]:
        minimum = ctx.options.min_body_length
        length = visible_length(ctx, minimum)
        if length < minimum:
            message = (
                "body has no visible text"
                if length == 0
                else f"body has {length} characters of text; at least {minimum} are expected"
            )
            yield self.issue(ctx, message, line=ctx.post.raw.body_line)


_OPTIONAL_END = frozenset(
    "p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rb rt rtc rp html head "
    "body".split()
)
_CLOSES_P = frozenset(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
)
_MAX_REPORTS = 10


_TABLE_PARTS = frozenset({"tbody", "thead", "tfoot"})
_CLOSED_BY: dict[str, frozenset[str]] = {
    "p": _CLOSES_P,
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}) | _TABLE_PARTS,
    "th": frozenset({"td", "th", "tr"}) | _TABLE_PARTS,
    "tr": frozenset({"tr"}) | _TABLE_PARTS,
    "thead": _TABLE_PARTS,
    "tbody": _TABLE_PARTS,
    "tfoot": _TABLE_PARTS,
    "option": frozenset({"option", "optgroup"}),
}
"""Open element -> the start tags that end it implicitly, per the HTML spec."""
_NOTHING: frozenset[str] = frozenset()
_CLOSES_SOMETHING = frozenset().union(*_CLOSED_BY.values())
"""Start tags that end some open element implicitly."""


def _implied_end(open_name: str, new: str) -> bool:
    """Whether opening ``new`` ends an open ``open_name`` element, per the HTML spec."""
    return new in _CLOSED_BY.get(open_name, _NOTHING)


# Raw text and foreign content, which only the full pass of `UnbalancedHtml` understands.
_NOT_PLAIN_HTML = re.compile("<(?:script|style|svg|math)")

_LightTag = tuple[int, str, bool, bool]
"""(offset in the body, lower-case name, is an end tag, is written <x/>)."""
# Greedy up to the ">": a lazy "[^<>]*?(/?)>" tried its tail at every character of the
# attributes (long style and href values), for the same match. "<x/>" is told by the
# character before the ">".
_LIGHT_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*(?::[a-z][a-z0-9]*)?)(?=[\s/>])[^<>]*>")
_RAW_TEXT = frozenset({"script", "style", "textarea", "xmp"})


def _light_tags(sc: Scan) -> list[_LightTag]:
    """Every tag of the body, as tuples: no attributes parsed, no objects built."""
    out: list[_LightTag] = []
    skip_to = 0
    lower = sc.lower if len(sc.lower) == len(sc.body) else None
    body = sc.body
    for found in sc.finditer(_LIGHT_TAG):
        at = found.start()
        if at < skip_to or (at >= 2 and body.startswith("](", at - 2)):
            # A Markdown link written [text](<files/a report.pdf>): its <...> is the
            # address, not a tag.
            continue
        name = found.group(2).lower()
        closing = bool(found.group(1))
        out.append((at, name, closing, body[found.end() - 2] == "/"))
        if not closing and name in _RAW_TEXT:
            # Script and style hold text, not markup: "<div>" in a JS string is no tag.
            close = (lower or body.lower()).find(f"</{name}", found.end())
            skip_to = close if close >= 0 else len(body)
    return out


def _balanced(names: list[str]) -> bool:
    """The tag-balance pass of `UnbalancedHtml` on names only: True if nothing is wrong."""
    stack: list[str] = []
    push, pop = stack.append, stack.pop
    closed_by, void, optional = _CLOSED_BY.get, VOID_ELEMENTS, _OPTIONAL_END
    for name in names:
        if name[0] != "/":
            if name in void:
                continue
            if name in _CLOSES_SOMETHING:
                while stack and name in closed_by(stack[-1], _NOTHING):
                    pop()
            push(name)
            continue
        name = name[1:]
        if stack and stack[-1] == name:
            pop()  # the usual case: the end tag of the innermost element (never a void one)
            continue
        if name in void:
            continue
        if name not in stack:
            return False
        while True:
            top = pop()
            if top == name:
                break
            if top not in optional:
                return False
    return all(name in optional for name in stack)


@register
class UnbalancedHtml(LintRule):
    """HTML in the body has unclosed, stray or misnested tags that the parser had to repair.

    Browsers and the parser repair such HTML by guessing, and the guesses differ: a
    missing ``</div>`` swallows the rest of the post into a box, a stray ``</p>``
    becomes an empty paragraph, ``<b><i></b></i>`` bolds the wrong text. Checked
    with a small tag-balance pass over the raw body: void elements (``<br>``,
    ``<img>``...) are ignored, and elements whose end tag HTML lets you omit
    (``<p>``, ``<li>``, ``<td>``...) close where the HTML spec closes them. Each
    finding is at the offending tag; at most ten per post.

    Bad: ``<div><p>Text</p>`` with no ``</div>``; ``<b><i>x</b></i>``.
    Good: ``<div><p>Text</p></div>``; ``<b><i>x</i></b>``.
    """

    code = "NP210"
    name = "unbalanced-html"
    severity = Severity.WARNING
    summary = "HTML tags are unclosed or misnested"

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        if "<" not in sc.body:
            return
        # First pass on names alone (cheap); the full pass only finds where.
        if not _NOT_PLAIN_HTML.search(sc.lower) and _balanced(sc.tag_names):
            return
        for tag, message in islice(self._problems(_light_tags(sc)), _MAX_REPORTS):
            yield self.issue_at(ctx, sc.body_start + tag[0], message)

    @staticmethod
    def _problems(tags: list[_LightTag]) -> Iterator[tuple[_LightTag, str]]:
        stack: list[_LightTag] = []
        foreign = 0  # depth of <svg>/<math> elements open
        for tag in tags:
            _, name, closing, self_closing = tag
            if name in VOID_ELEMENTS:
                continue
            if not closing:
                if self_closing and foreign:
                    continue  # SVG and MathML honour <x/>; HTML does not, <div/> opens a div
                if name in ("svg", "math"):
                    foreign += 1
                while stack and _implied_end(stack[-1][1], name):
                    stack.pop()
                stack.append(tag)
                continue
            index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][1] == name), None)
            if index is None:
                yield tag, f"</{name}> closes no open <{name}>"
                continue
            for inner in stack[index + 1 :]:
                if inner[1] not in _OPTIONAL_END:
                    yield inner, f"<{inner[1]}> is not closed before </{name}>"
            foreign -= sum(1 for t in stack[index:] if t[1] in ("svg", "math"))
            del stack[index:]
        for left in stack:
            if left[1] not in _OPTIONAL_END:
                yield left, f"<{left[1]}> is never closed"


_COLON_END = re.compile(r"[:：]((?:\s*</[A-Za-z][A-Za-z0-9]*\s*>)*\s*#*\s*)$")
# An emoji's shortcode (":mortar_board:", ":+1:"), which GitHub, Hugo, MkDocs and Nuxt
# show as the emoji: its closing colon ends no sentence.
_EMOJI_END = re.compile(r":(?:[a-z0-9_+-]*[a-z][a-z0-9_+-]*|[+-]1):$")


@register
class HeadingEndsWithColon(LintRule):
    """A heading ends with a colon.

    A heading is a title, not the start of a sentence; the colon is a leftover of
    text written as "Solution:" before it was made a heading, and looks odd in the
    outline and in anchors. The fix removes the colon when the heading is on one line.
    An emoji's shortcode at the end (``## Done :tada:``) is no colon.

    Bad: ``<h3>해결 방법:</h3>``.
    Good: ``<h3>해결 방법</h3>``.
    """

    code = "NP211"
    name = "heading-ends-with-colon"
    severity = Severity.INFO
    summary = "heading ends with a colon"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        text = ctx.post.raw.text
        for section in scan(ctx).sections:
            title = section.title.rstrip()
            if not title.endswith((":", "：")) or _EMOJI_END.search(title):
                continue
            fix = None
            if section.line is not None:
                start, end = line_bounds(ctx, section.line)
                found = _COLON_END.search(text, start, end)
                if found:
                    fix = Fix(
                        description="remove the colon",
                        edits=[Edit(start=found.start(), end=found.start() + 1, replacement="")],
                    )
            yield self.issue(ctx, fix=fix, **_heading_position(ctx, section))


@register
class H1InBody(LintRule):
    """The body has a level-1 heading while the front matter gives the title.

    Jekyll and Hugo layouts render ``title`` as the page's ``<h1>``; another h1 in
    the body makes two top-level headings, confusing the outline and search
    engines. Body headings start at h2.

    Bad: ``title: Launch`` and ``# Launch day`` in the body.
    Good: ``## Launch day``.
    """

    code = "NP212"
    name = "h1-in-body"
    severity = Severity.WARNING
    summary = "body has an h1 while the layout shows the title as h1"

    def check(self, ctx: Context) -> Iterator[Issue]:
        if not ctx.post.front_matter.title:
            return
        for section in scan(ctx).sections:
            if section.level == 1:
                yield self.issue(
                    ctx,
                    f"h1 {section.title!r} in the body: use h2",
                    **_heading_position(ctx, section),
                )


# A Liquid tag is "{%" not preceded by "{": in "{{% notice %}}", Hugo's shortcode with
# Markdown inside, the "{% ... %}" is the shortcode's, not Liquid's.
_LIQUID = re.compile(r"(?<!\{)\{%-?\s*[A-Za-z_]\w*.*?%\}|\{\{-?\s*[^<%\s][^{}\n]*?\}\}", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
# WordPress's shortcodes, left by an import: "[caption id=… ]<img …> Text[/caption]",
# "[gallery ids=…]". With attributes, or closed further on the line: "[video](…)" is a
# Markdown link. No look runs past the next "[" (attributes) or the next opening of
# the same shortcode (the closing), so a line of many openings is read in linear time.
# WordPress.com's embeds take an address or an id after "=" or a space:
# "[youtube=http://www.youtube.com/watch?v=x]", "[vimeo 12345]", "[tweet https://…]";
# a Markdown link's text ("[vimeo video](…)", "[youtube]: …") is none.
# What each generator leaves as written, and its posts' name in a message. Pelican
# renders Liquid tags (its liquid_tags plugin: {% img %} & co.), Hexo its own tags,
# written as Liquid's ({% asset_img %}), and Eleventy runs Liquid (or Nunjucks, written
# alike) on Markdown first, and MkDocs' macros plugin Jinja's, written alike; Zola, Astro
# and Docusaurus render neither kind.
_UNRENDERED: dict[str, tuple[str, tuple[re.Pattern[str], ...]]] = {
    "hugo": ("a Hugo", (_LIQUID,)),
    "jekyll": ("a Jekyll", (_SHORTCODE,)),
    "zola": ("a Zola", (_LIQUID, _SHORTCODE)),
    "pelican": ("a Pelican", (_SHORTCODE,)),
    "hexo": ("a Hexo", (_SHORTCODE,)),
    "eleventy": ("an Eleventy", (_SHORTCODE,)),
    "astro": ("an Astro", (_LIQUID, _SHORTCODE)),
    "docusaurus": ("a Docusaurus", (_LIQUID, _SHORTCODE)),
    # MkDocs runs no template language, but its macros plugin writes Jinja's tags,
    # as Liquid's: only Hugo's are surely left as written.
    "mkdocs": ("an MkDocs", (_SHORTCODE,)),
}
_TAG_KINDS = {_LIQUID: "a Liquid tag", _SHORTCODE: "a Hugo shortcode"}
_WORDPRESS = re.compile(
    r"\[(caption|gallery|embed|video|audio|playlist)"
    r"(?:\s+[\w-]+=[^\]\[\n]*\]|\](?=(?:(?!\[\1[\s\]])[^\n])*?\[/\1\]))"
    r"|\[(?:youtube|vimeo|dailymotion|soundcloud|slideshare|googlemaps|wpvideo|tweet|instagram"
    r"|ted|spotify)(?:=\S|\s+(?:https?:|\d+(?=[\s\]])|[\w-]+=))[^\]\[\n]*\](?![(:\[])"
)

# The Tistory editor's macros, which an export to Markdown leaves in and only Tistory
# renders: "[##_Image|kage@pDlQp/…/img.jpg|CDM|1.3|{"alt":"faker로고",…}_##]". No look
# runs past the next "[", so a line of many openings is read in linear time.
_TISTORY_MACRO = re.compile(r"\[##\\?_\w+\|[^\n\[]*?\\?_##\]")


@register
class UnrenderedTemplate(LintRule):
    """A template tag of the wrong generator is in the body, so it shows as text.

    Hugo does not run Liquid: ``{% include %}`` or ``{{ page.title }}`` in a Hugo
    post (TOML front matter, a ``content/`` folder, or shortcodes elsewhere) reach
    the reader as is. Jekyll does not know Hugo shortcodes: ``{{< figure >}}`` in a
    Jekyll post fails the build or shows as text.

    Neither runs WordPress's shortcodes, which an import leaves in (``[caption …]``,
    ``[gallery ids=…]``, WordPress.com's ``[youtube=…]`` and ``[vimeo …]``), nor
    the Tistory editor's macros that a Tistory export keeps (``[##_Image|kage@…_##]``,
    where Tistory shows an image and any other site the macro's text). Code
    blocks are not checked, and neither are Zola's shortcodes
    (``{{ youtube(id="…") }}``, ``{% note() %}…{% end %}``) in a post with Hugo's
    TOML front matter, which Zola writes too. In a Pelican post (a header of
    ``Key: value`` lines), Hugo shortcodes are reported, Liquid tags not:
    Pelican's ``liquid_tags`` plugin renders them; so in a Hexo post, whose
    tags are written as Liquid's (``{% asset_img %}``), and in an Eleventy post,
    which Liquid or Nunjucks renders first, and in an MkDocs post, whose macros
    plugin writes Jinja's tags alike. In an Astro or a Docusaurus post, both are
    reported: neither runs a template language on Markdown.

    Bad: ``{% include figure.html %}`` in a Hugo ``.html`` post.
    Good: ``{{< figure src="..." >}}`` in Hugo, ``{% include figure.html %}`` in Jekyll.
    """

    code = "NP213"
    name = "unrendered-template"
    severity = Severity.ERROR
    summary = "template tag of another generator left in the body"

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        body = sc.body
        if "[" in body:  # a single character: found at C speed, absent from most posts
            for found in _WORDPRESS.finditer(body):
                snippet = " ".join(found.group().split())[:60]
                yield self.issue_at(
                    ctx,
                    sc.body_start + found.start(),
                    f"a WordPress shortcode is not rendered by Jekyll or Hugo: {snippet}",
                )
            if "[##" in body:
                for found in _TISTORY_MACRO.finditer(body):
                    yield self.issue_at(
                        ctx,
                        sc.body_start + found.start(),
                        f"a Tistory macro is rendered only by Tistory: {found.group()[:60]}",
                    )
        if "{" not in body:
            return
        left = _UNRENDERED.get(ctx.post.raw.generator or "")
        if left is None:
            return
        post_name, patterns = left
        found_at: list[tuple[int, str]] = []
        for pattern in patterns:
            what = f"{_TAG_KINDS[pattern]} in {post_name} post is not rendered"
            for found in pattern.finditer(body):
                # Zola's calls look like Liquid; a post taken for Hugo's may be Zola's.
                if pattern is _LIQUID and ZOLA_SHORTCODE.match(found.group()):
                    continue
                snippet = " ".join(found.group().split())[:60]
                found_at.append((found.start(), f"{what}: {snippet}"))
        for start, message in sorted(found_at):
            yield self.issue_at(ctx, sc.body_start + start, message)


_GAP = re.compile(r"[ \t]{2,}")
_SPACES = re.compile(r"[ \t]+")


@register
class TableHeaderGluedToText(LintRule):
    """A Markdown table's header row is written on the same line as the sentence before it.

    Converters that flatten HTML write "...확인해 보세요.  출발 시간 | 도착 시간 |", so the
    sentence becomes the first column's header. The fix puts a blank line between
    the sentence and the header row (only when the line is not indented).

    Bad: ``확인해 보세요.  출발 시간 | 도착 시간`` followed by ``---|---``.
    Good: ``확인해 보세요.``, a blank line, then ``출발 시간 | 도착 시간`` and ``---|---``.
    """

    code = "NP214"
    name = "table-header-glued-to-text"
    severity = Severity.WARNING
    summary = "table header row glued to the sentence before it"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        containers = [post.lead, *(s.blocks for s in scan(ctx).sections)]
        for blocks in containers:
            for before, table in pairwise(blocks):
                if not (
                    isinstance(before, Paragraph)
                    and isinstance(table, Table)
                    and table.header_source == "gfm"
                    and table.line is not None
                    and before.line == table.line
                ):
                    continue
                yield self.issue(ctx, fix=self._fix(ctx, table), line=table.line)

    @staticmethod
    def _fix(ctx: Context, table: Table) -> Fix | None:
        assert table.line is not None
        text = ctx.post.raw.text
        start, end = line_bounds(ctx, table.line)
        line = text[start:end]
        pipe = line.find("|")
        if pipe <= 0 or line[:1] in (" ", "\t"):
            return None
        runs = list(_GAP.finditer(line[:pipe].rstrip()))
        if runs:
            gap = runs[-1].span()
        else:
            cell = table.header[0].text if table.header else ""
            at = line.rfind(" " + cell, 0, pipe) if cell else -1
            single = _SPACES.match(line, at) if at > 0 else None
            if single is None:
                return None
            gap = single.span()
        return Fix(
            description="put the table on its own line after a blank line",
            edits=[Edit(start=start + gap[0], end=start + gap[1], replacement="\n\n")],
        )


# A quoted value, then more characters, then a quote, all before any space: the
# sign of an unbalanced quote (width="640 height="480").
_BROKEN_QUOTES = re.compile(r"""=[ \t]*(?:"[^"<>\n]*"|'[^'<>\n]*')[^\s>"'=<]+["']""")


@register
class MalformedAttribute(LintRule):
    """A tag's attributes have an unbalanced quote.

    ``<img width="640 height="480" src="...">`` gives the image a width of
    ``640 height=`` and an attribute named ``480"``, so the size is lost; one
    quote too few can swallow the rest of the tag, or the next tags, into a value.

    Bad: ``<img width="640 height="480" src="/a.png">``.
    Good: ``<img width="640" height="480" src="/a.png">``.
    """

    code = "NP215"
    name = "malformed-attribute"
    severity = Severity.WARNING
    summary = "tag has an unbalanced quote in its attributes"

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        if '"' not in sc.body and "'" not in sc.body:
            return
        for found in _BROKEN_QUOTES.finditer(sc.body):
            opening = sc.body.rfind("<", 0, found.start())
            if opening < 0 or ">" in sc.body[opening : found.start()]:
                continue  # not inside a tag
            if sc.tag_holding(sc.body_start + found.start()) is None:
                # The "=" is inside a quoted value (src="data:...base64,PHN2Zz4=" alt="x"):
                # the quotes after it close that value and open the next one.
                continue
            # The quotes are unbalanced, so the tag is the "<" before, not `tag_holding`'s.
            name = sc.tag_name_at(opening) or "tag"
            yield self.issue_at(
                ctx, sc.body_start + opening, f"<{name}> has an unbalanced quote in its attributes"
            )


@register
class EmptyHeading(LintRule):
    """A heading has no text: ``###`` alone on a line, ``<h2>&nbsp;</h2>``, or only an image.

    An empty heading still makes an entry in the outline, the table of contents and
    screen readers' list of headings, with nothing to read; it is usually spacing
    done with a heading, or a title lost in conversion.

    Bad: ``### `` followed by a paragraph.
    Good: ``### Highlights``, or no heading.
    """

    code = "NP216"
    name = "empty-heading"
    severity = Severity.WARNING
    summary = "heading has no text"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for section in scan(ctx).sections:
            if not section.title.strip():
                yield self.issue(ctx, **_heading_position(ctx, section))
