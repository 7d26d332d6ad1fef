"""Sanitizing a Markdown body: find its HTML pieces and link targets, rewrite only those.

markdown-it-py tells where everything is: ``html_block`` tokens carry their
line range (``token.map``), and recording wrappers around the inline rules
note the source offsets of inline HTML tags, link and image destinations,
autolinks and stray ``<`` that a browser would read as markup. Only those
spans are replaced; Markdown text, code and whitespace stay byte for byte.

The block structure is read with the post's flavor (kramdown's HTML blocks
run to their balanced closing tag, blank lines included), so a block is
sanitized as the renderer will see it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.common.utils import isStrSpace, normalizeReference, unescapeAll
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from newspost.parse.flavors import get_markdown, hugo_shortcode_call
from newspost.sanitize._api import sanitize_html
from newspost.sanitize._policy import DROP_WITH_CONTENT, Policy, Repairs
from newspost.sanitize._urls import repair_url_scheme, url_scheme

__all__ = ["sanitize_body"]

_KEY = "_newspost_sanitize_spans"
_LINKS = "_newspost_sanitize_links"
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "wbr", "source", "track"})
_BOLD = frozenset({"b", "strong"})
_START = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_END = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)")
# kramdown's markdown="1" (and 0, block, span), and Python-Markdown's md_in_html, which
# reads a bare "markdown" too (MkDocs Material's "<figure markdown>").
_MARKDOWN_ATTR = re.compile(
    r"""\smarkdown(?:\s*=\s*["']?(1|0|block|span)\b|(?=[\s/>]))""", re.IGNORECASE
)
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")

Span = tuple[str, int, int]  # kind, start, end (offsets in the inline source)


# -- the parser ------------------------------------------------------------------


def _record(state: StateInline, kind: str, start: int, end: int) -> None:
    spans: dict[int, list[Span]] = state.env.setdefault(_KEY, {})
    spans.setdefault(id(state.src), []).append((kind, start, end))


def _recording(rule: Callable[[StateInline, bool], bool], kind: str) -> Callable[..., bool]:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        found = rule(state, silent)
        if found and not silent:
            if kind in ("link", "image"):
                _record_link(state, start, kind == "image")
            else:
                _record(state, kind, start, state.pos)
        return found

    return wrapped


class _Link(NamedTuple):
    """Where the parts of one Markdown link or image are, in its inline source."""

    start: int  # the "[" (or the "![" of an image)
    label_start: int
    label_end: int  # the "]" closing the text
    end: int  # just past the ")" or the reference's "]"
    destination: tuple[int, int] | None  # an inline link's target, if written
    reference: str | None  # a reference link's normalized label


def _record_link(state: StateInline, start: int, image: bool) -> None:
    """Note the parts of the link just parsed (markdown-it's link rule, read again)."""
    src, end = state.src, state.pos
    label_start = start + (2 if image else 1)
    label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, True)
    if label_end < 0:  # pragma: no cover - the rule has just parsed this label
        return
    destination = reference = None
    if src[end - 1] == ")":
        # [text](  <dest> "title" ): an inline link (a reference one ends with "]").
        pos = label_end + 2
        while pos < end and (isStrSpace(src[pos]) or src[pos] == "\n"):
            pos += 1
        found = state.md.helpers.parseLinkDestination(src, pos, state.posMax)
        if found.ok and found.pos > pos:
            destination = (pos, found.pos)
    else:
        # [text][label], [label][] or [label]: the label names the definition.
        label = src[label_end + 2 : end - 1] if end - 1 > label_end else ""
        reference = normalizeReference(label or src[label_start:label_end])
    links: dict[int, list[_Link]] = state.env.setdefault(_LINKS, {})
    links.setdefault(id(src), []).append(
        _Link(start, label_start, label_end, end, destination, reference)
    )


def _stray_markup(state: StateInline, silent: bool) -> bool:
    # Runs last: a "<" no rule took is text to Markdown, but a browser given the
    # same bytes raw (kramdown keeps HTML-looking text raw) may read a tag.
    src, pos = state.src, state.pos
    if not silent and src[pos] == "<" and pos + 1 < state.posMax:
        after = src[pos + 1]
        looks_like_markup = (after.isascii() and after.isalpha()) or after in "/!?"
        if looks_like_markup and src.find(">", pos + 1) != -1:
            _record(state, "lt", pos, pos + 1)
    return False


def _accept_all(url: str) -> bool:
    return True


@lru_cache(maxsize=8)
def _markdown(flavor: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    # The flavor's block rules (read-only use): kramdown HTML blocks differ. An
    # unknown flavor keeps CommonMark's.
    with contextlib.suppress(KeyError):
        md.block = get_markdown(flavor).block
    # See every link, whatever its scheme: we judge it against the policy ourselves.
    md.validateLink = _accept_all  # type: ignore[method-assign]
    ruler = md.inline.ruler
    for name, kind in (("html_inline", "html"), ("link", "link"), ("image", "image"),
                       ("autolink", "autolink")):  # fmt: skip
        index = ruler.__find__(name)
        ruler.at(name, _recording(ruler.__rules__[index].fn, kind))
    ruler.push("newspost_stray_markup", _stray_markup)
    if flavor == "goldmark":
        # Hugo replaces shortcode calls before Markdown: "{{<youtube id>}}" holds no tag.
        ruler.before("html_inline", "hugo_shortcode_call", hugo_shortcode_call)
    return md


# -- the rewriting ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _tag_policy(policy: Policy) -> Policy:
    # Single tags are rewritten in place: structural repairs make no sense there.
    keep = policy.repairs
    repairs = Repairs(
        url_schemes=keep.url_schemes,
        rel=keep.rel,
        editor_attributes=keep.editor_attributes,
        empty_paragraphs=False,
        table_headers=False,
        heading_bold=False,
        placeholder_scripts=False,
        nfc=keep.nfc,
        zero_width=keep.zero_width,
    )
    return Policy(**{**policy.model_dump(), "repairs": repairs.model_dump()})


@lru_cache(maxsize=4096)
def _clean_tag(text: str, policy: Policy, engine: str, in_heading: bool) -> str:
    """One HTML tag (start, end, comment...) rewritten to its sanitized form, or ''."""
    end = _END.match(text)
    if end:
        name = end.group(1).lower()
        if name not in policy.tags or (
            in_heading and name in _BOLD and policy.repairs.heading_bold
        ):
            return ""
        return f"</{name}>"
    start = _START.match(text)
    if not start:
        if _MORE.fullmatch(text) or (
            text.startswith("<!--") and not policy.strip_comments and "--" not in text[4:-3]
        ):
            return text
        return ""  # comments, <?...?>, <!DOCTYPE>, CDATA
    name = start.group(1).lower()
    if name not in policy.tags or (in_heading and name in _BOLD and policy.repairs.heading_bold):
        return ""
    closing = "" if name in _VOID else f"</{name}>"
    # Table parts are ignored by HTML parsers outside a table: give them one.
    before, after = _CONTEXT.get(name, ("", ""))
    cleaned = sanitize_html(before + text + closing + after, _tag_policy(policy), engine=engine)
    found = re.search(rf'<{name}(?:\s+[^\s=>]+(?:="[^"]*")?)*\s*/?>', cleaned)
    # Gone though allowed (a <span> left bare is unwrapped): the bare tag, to match its end tag.
    cleaned = found.group() if found else f"<{name}>"
    kramdown = _MARKDOWN_ATTR.search(text)
    if kramdown and closing:
        # kramdown's (and md_in_html's) switch for Markdown inside HTML: not an HTML
        # attribute, keep it, as written bare or with its value.
        value = kramdown.group(1)
        cleaned = cleaned[:-1] + (f' markdown="{value.lower()}">' if value else " markdown>")
    return cleaned


_CONTEXT = {
    "td": ("<table><tr>", "</tr></table>"),
    "th": ("<table><tr>", "</tr></table>"),
    "tr": ("<table>", "</table>"),
    "thead": ("<table>", "</table>"),
    "tbody": ("<table>", "</table>"),
    "tfoot": ("<table>", "</table>"),
    "caption": ("<table>", "</table>"),
    "li": ("<ul>", "</ul>"),
}
# Comments that mean something to the site, kept whatever the policy says of comments:
# the excerpt or summary markers of Jekyll, Hugo, Hexo and MkDocs' blog ("<!--more-->",
# "<!-- more -->"), Docusaurus ("<!-- truncate -->") and WordPress ("<!--nextpage-->",
# "<!--noteaser-->"), and the excerpt_separator values Jekyll posts name
# ("<!--excerpt-->", "<!--break-->", "<!--excerpt_separator-->", "<!-- end excerpt -->",
# "<!-- read more -->"); and where hexo-toc (and markdown-toc) put the table of contents
# ("<!-- toc -->", "<!-- tocstop -->").
_MORE = re.compile(
    r"<!--\s*(?:more|truncate|excerpt(?:[ _-]?separator)?|end[ _-]?excerpt|break"
    r"|read[ _-]?more|nextpage|noteaser|toc(?:stop)?)\s*-->",
    re.IGNORECASE,
)
# What stands for one in a block's HTML while it is sanitized (private-use characters,
# which no policy removes).
_MORE_TEXT = "\ue000newspost-excerpt-separator\ue001"


def _tags_only(content: str) -> list[tuple[int, int]] | None:
    """The spans of the tags if ``content`` is only tags and whitespace, else None."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(content):
        if content[pos].isspace():
            pos += 1
            continue
        found = HTML_TAG_RE.match(content, pos)
        if not found:
            return None
        spans.append((pos, found.end()))
        pos = found.end()
    return spans


def _clean_html_run(
    content: str,
    spans: list[tuple[int, int]],
    policy: Policy,
    engine: str,
    in_heading: bool,
) -> list[tuple[int, int, str]]:
    """Edits for a run of tags inside Markdown text (or a block made only of tags)."""
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(spans):
        start, end = spans[index]
        text = content[start:end]
        opened = _START.match(text)
        name = opened.group(1).lower() if opened else ""
        if name in DROP_WITH_CONTENT:
            # <script>...</script> inside a paragraph: the words between are code, drop them too.
            later = _closing_span(content, spans, index, name)
            edits.append((start, spans[later][1], ""))
            index = later + 1
            continue
        cleaned = _clean_tag(text, policy, engine, in_heading)
        if cleaned != text:
            edits.append((start, end, cleaned))
        index += 1
    return edits


def _self_closed(tag: str, name: str) -> bool:
    # "<svg/>" has no content: a browser honours "/>" on SVG and MathML elements
    # only (on "<script/>" it is ignored, and the script runs to "</script>").
    return name in ("svg", "math") and tag.endswith("/>")


def _closing_span(content: str, spans: list[tuple[int, int]], index: int, name: str) -> int:
    """The span that closes the element ``name`` opened at ``spans[index]``.

    Nested elements of the same name count (``<svg><svg></svg></svg>`` closes at
    the last tag); when none balances it, the last closing tag of that name, so
    what a second pass would find inside is dropped now; with no closing tag at
    all, or when the opening tag closes itself (``<svg/>``), the opening tag alone.
    """
    depth = 0
    last = index
    if _self_closed(content[spans[index][0] : spans[index][1]], name):
        return index
    for later in range(index + 1, len(spans)):
        tag = content[spans[later][0] : spans[later][1]]
        closing = _END.match(tag)
        if closing and closing.group(1).lower() == name:
            last = later
            if depth == 0:
                return later
            depth -= 1
            continue
        opening = _START.match(tag)
        if opening and opening.group(1).lower() == name and not _self_closed(tag, name):
            depth += 1
    return last


def _clean_destination(raw: str, policy: Policy) -> str | None:
    """A link target with its scheme repaired, or None if the policy forbids its scheme."""
    inner = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
    fixed = repair_url_scheme(inner) if policy.repairs.url_schemes else inner
    scheme = url_scheme(unescapeAll(fixed))
    if scheme is not None and scheme not in policy.protocols:
        return None
    if fixed == inner:
        return raw
    return f"<{fixed}>" if raw.startswith("<") else fixed


def _clean_autolink(raw: str, policy: Policy) -> str:
    url = raw[1:-1]
    if "@" in url and ":" not in url:
        return raw  # e-mail autolink: mailto
    fixed = repair_url_scheme(url) if policy.repairs.url_schemes else url
    scheme = url_scheme(fixed)
    if scheme is not None and scheme not in policy.protocols:
        return "\\" + raw  # an escaped "<" leaves the text visible and inert
    return f"<{fixed}>"


# What starts a block when it opens a line: kept text that came to open one is escaped.
_ESCAPE = "\\"
_BLOCK_START = re.compile(r"[#>*+=`~<_-]|\d{1,9}(?=[.)])")


def _unlink(content: str, link: _Link) -> list[tuple[int, int, str]]:
    """Edits that turn a link (or image) into its text: ``[text](dest "title")`` -> ``text``.

    As bleach does with ``<a href="javascript:...">``: a placeholder target
    (``#``) would be a finding of its own (NP302), and the reader keeps the words.
    The text's own spans (tags, images) are edited separately, so the edits leave it.
    """
    edits = [(link.label_end, link.end, "")]
    start = link.label_start
    if link.start == 0 or content[link.start - 1] == "\n":
        # The text now opens a line: "[# 1](x)" must not become a heading, nor "[<div>](x)" HTML.
        while start < link.label_end and content[start] == " ":
            start += 1
        marker = _BLOCK_START.match(content, start, link.label_end)
        if marker:
            # "\#", "\<", but "1\." (no list item): an insertion, which yields to the
            # edit of a tag or "<" there (see _inline_edits).
            at = marker.end() if marker.group()[0].isdigit() else start
            edits.append((at, at, _ESCAPE))
    return [(link.start, start, ""), *edits]


def _inline_edits(
    token: Token,
    spans: list[Span],
    links: list[_Link],
    bad_references: set[str],
    policy: Policy,
    engine: str,
    in_heading: bool,
) -> tuple[list[tuple[int, int, str]], bool]:
    """The token's edits, and whether a link was taken away (its text may make a new one)."""
    content = token.content
    edits: list[tuple[int, int, str]] = []
    unlinked = False
    for link in links:
        if link.reference is not None:
            forbidden = link.reference in bad_references
        elif link.destination is not None:
            start, end = link.destination
            raw = content[start:end]
            cleaned = _clean_destination(raw, policy)
            forbidden = cleaned is None
            if cleaned is not None and cleaned != raw:
                edits.append((start, end, cleaned))
        else:
            continue
        if forbidden:
            edits.extend(_unlink(content, link))
            unlinked = True
    html_spans: list[tuple[int, int]] = []
    seen_lt: set[int] = set()
    for kind, start, end in sorted(spans, key=lambda span: span[1]):
        if kind == "html":
            html_spans.append((start, end))
        elif kind == "autolink":
            raw = content[start:end]
            cleaned = _clean_autolink(raw, policy)
            if cleaned != raw:
                edits.append((start, end, cleaned))
        elif kind == "lt" and start not in seen_lt:
            seen_lt.add(start)
            edits.append((start, end, "&lt;"))
    edits.extend(_clean_html_run(content, html_spans, policy, engine, in_heading))
    if unlinked:
        # A tag removed or a "<" made "&lt;" needs no escape: the escape would show.
        inert = {start for start, end, new in edits if end > start and not new.startswith("<")}
        edits = [edit for edit in edits if edit[2] != _ESCAPE or edit[0] not in inert]
    return edits, unlinked


def _block_html(content: str, policy: Policy, engine: str) -> str:
    tags = _tags_only(content)
    if tags is not None:
        # A lone "<div>" or "</div>" (CommonMark splits HTML at blank lines):
        # rewrite the tags in place instead of closing what the next block closes.
        return _apply(content, _clean_html_run(content, tags, policy, engine, False))
    # The block's final newline ends its last line, outside any element: left in,
    # an element still open would close after it, on a line of its own that the
    # next read takes for another block.
    html = content.rstrip("\n")
    trailing = content[len(html) :]
    markers = _MORE.findall(html) if "<!--" in html and _MORE_TEXT not in html else []
    if markers:
        # An excerpt separator among other HTML ("<!-- truncate --> Hello" is one block)
        # is a comment the site reads, as on a line of its own: kept, as text the
        # sanitizer passes, and put back after. Dropped, it changed which generator the
        # post reads as (Docusaurus's marker), and so how its front matter reads.
        html = _MORE.sub(_MORE_TEXT, html)
    cleaned = sanitize_html(html, policy, engine=engine).rstrip("\n")
    if markers:
        pieces = cleaned.split(_MORE_TEXT)  # one fewer if it was in an element dropped whole
        kept = iter(markers)
        cleaned = pieces[0] + "".join(next(kept, "") + piece for piece in pieces[1:])
    cleaned += trailing
    lead = cleaned.lstrip()
    if lead and not lead.startswith("<") and policy.allows("p"):
        # Text the HTML parser moved out of a table (or found before the first
        # tag) must not open the block: the block would stop being HTML.
        head, marker, rest = lead.partition("<")
        # The new paragraph is sanitized too, for the repairs a paragraph gets: written
        # as it was, "<p>&nbsp;</p>" went on a second pass, as an empty paragraph.
        paragraph = sanitize_html(f"<p>{head.strip()}</p>", policy, engine=engine).strip()
        cleaned = "\n".join(part for part in (paragraph, marker + rest) if part)
    if not _BLANK_LINE.search(content.rstrip("\n")):
        # A blank line would end the HTML block early and turn the rest into Markdown.
        cleaned = _BLANK_LINE.sub("", cleaned)
    return cleaned


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted(edits):
        if start < last:
            continue  # overlapping (never expected): the earlier edit already covers it
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


class _Lines:
    """Line offsets of the body, to turn token positions into body offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        # markdown-it reads a NUL as U+FFFD (its normalize step), so the tokens hold
        # that: so do the lines they are looked up in, or a token holding one could not
        # be placed and its lines were cleaned as HTML (a heading's "<b>" kept, to be
        # dropped by a second pass). One character for one: offsets stay the same.
        self.lines = (text.replace("\0", "\ufffd") if "\0" in text else text).split("\n")
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        self.cursor: dict[int, int] = {}

    def locate(self, token: Token) -> Callable[[int], int] | None:
        """A function from offsets in ``token.content`` to offsets in the body."""
        assert token.map is not None
        first = token.map[0]
        pieces = token.content.split("\n")
        bases: list[tuple[int, int]] = []  # (content offset, body offset) per line
        content_offset = 0
        for number, piece in enumerate(pieces):
            line_number = first + number
            if line_number >= len(self.lines):
                return None
            line = self.lines[line_number]
            if line.endswith(piece):
                column = len(line) - len(piece)
            elif line.rstrip().endswith(piece):
                column = len(line.rstrip()) - len(piece)
            else:
                column = line.find(piece, self.cursor.get(line_number, 0))
                if column < 0:
                    return None
            self.cursor[line_number] = column + len(piece)
            bases.append((content_offset, self.starts[line_number] + column))
            content_offset += len(piece) + 1

        def to_body(offset: int) -> int:
            for content_start, body_start in reversed(bases):
                if offset >= content_start:
                    return body_start + offset - content_start
            return bases[0][1] + offset

        return to_body


def _block_edit(
    token: Token, lines: _Lines, policy: Policy, engine: str, md: MarkdownIt
) -> tuple[int, int, str] | None:
    assert token.map is not None
    first, last = token.map
    last = min(last, len(lines.lines))
    content = token.content
    cleaned = _block_html(content, policy, engine)
    if cleaned == content or last <= first:
        return None
    html = cleaned.rstrip("\n")
    if "\n" in html and not _one_html_block(md, html):
        # A line break the cleaning wrote (after an element it unwrapped) ended the block
        # early: "<pre></pre><ul>:" is a whole <pre> block, its next line another block
        # or Markdown. On one line the cleaned HTML stays the one block it replaces.
        cleaned = html.replace("\n", " ") + cleaned[len(html) :]
    start = lines.starts[first]
    end = lines.starts[last - 1] + len(lines.lines[last - 1])
    pieces = content.rstrip("\n").split("\n")
    prefixes: list[str] = []
    for number, piece in enumerate(pieces):
        line = lines.lines[first + number] if first + number < last else ""
        prefixes.append(line[: len(line) - len(piece)] if line.endswith(piece) else "")
    # Lines beyond the original count continue the container (">" kept, list markers as spaces).
    follow = prefixes[1] if len(prefixes) > 1 else re.sub(r"[^>\s]", " ", prefixes[0])
    new_lines = cleaned.rstrip("\n").split("\n")
    rebuilt = [
        ((prefixes[number] if number < len(prefixes) else follow) + text).rstrip()
        if not text.strip()
        else (prefixes[number] if number < len(prefixes) else follow) + text
        for number, text in enumerate(new_lines)
    ]
    if last < len(lines.lines) and lines.lines[last].strip(" \t>") and _runs_on(md, html):
        # The block ended at its own end ("<!-- a -->x", "<script>…</script>x") right
        # above a line of text; cleaned, it opens with a tag whose block runs on to
        # the next blank line ("<p>x</p>"), and a second pass would read the text
        # below as part of it (and sanitize it as HTML). A blank line keeps it apart,
        # as the block's own end did.
        rebuilt.append(follow.rstrip())
    return (start, end, "\n".join(rebuilt))


def _one_html_block(md: MarkdownIt, html: str) -> bool:
    """Whether ``html`` reads back (with the flavor's block rules) as one HTML block."""
    tokens = md.parse(html, {})
    return len(tokens) == 1 and tokens[0].type == "html_block"


def _runs_on(md: MarkdownIt, html: str) -> bool:
    """Whether an HTML block of ``html`` would take in a line of text right below it."""
    tokens = md.parse(html + "\nx", {})
    lines = html.count("\n") + 2  # the block's lines and the "x" below
    return bool(tokens) and tokens[0].type == "html_block" and tokens[0].map == [0, lines]


def _bad_references(env: dict[str, Any], policy: Policy) -> set[str]:
    """The labels of the reference definitions whose target the policy forbids."""
    references = env.get("references") or {}
    return {
        label
        for label, reference in references.items()
        if _clean_destination(str(reference.get("href", "")), policy) is None
    }


_DEFINITION = re.compile(
    r"^[ >\t]*\[((?:[^\]\\]|\\.)+)\]:[ \t]*\n?[ >\t]*(<[^>\n]*>|\S+)([^\n]*)\n?", re.MULTILINE
)
_TITLE_LINE = re.compile(r"""[ >\t]*(?:"[^"]*"|'[^']*'|\([^()]*\))[ \t]*(?:\n|$)""")


def _reference_edits(
    env: dict[str, Any], lines: _Lines, code: list[tuple[int, int]], policy: Policy
) -> list[tuple[int, int, str]]:
    """Repair the definitions' targets; remove a forbidden one (its uses lose their brackets)."""
    if not env.get("references"):
        return []
    bad = _bad_references(env, policy)
    edits: list[tuple[int, int, str]] = []
    text = lines.text
    for found in _DEFINITION.finditer(text):
        line_number = text.count("\n", 0, found.start())
        if any(begin <= line_number < end for begin, end in code):
            continue
        raw = found.group(2)
        cleaned = _clean_destination(raw, policy)
        if cleaned is None and normalizeReference(found.group(1)) in bad:
            # The whole definition goes, with a title on the next line.
            end = found.end()
            if not found.group(3).strip():
                title = _TITLE_LINE.match(text, end)
                end = title.end() if title else end
            edits.append((found.start(), end, ""))
        elif cleaned is not None and cleaned != raw:
            edits.append((found.start(2), found.end(2), cleaned))
    return edits


def _sanitize_once(text: str, policy: Policy, engine: str, flavor: str) -> tuple[str, bool]:
    """One pass over a body with LF line breaks; and whether it took a link away."""
    md = _markdown(flavor)
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    lines = _Lines(text)
    spans: dict[int, list[Span]] = env.get(_KEY, {})
    links: dict[int, list[_Link]] = env.get(_LINKS, {})
    bad = _bad_references(env, policy) if env.get("references") else set()
    edits: list[tuple[int, int, str]] = []
    code: list[tuple[int, int]] = []
    in_heading = False
    unlinked = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type in ("fence", "code_block") and token.map:
            code.append((token.map[0], token.map[1]))
        elif token.type == "html_block" and token.map:
            edit = _block_edit(token, lines, policy, engine, md)
            if edit is not None:
                edits.append(edit)
        elif (
            token.type == "inline"
            and token.map
            and (id(token.content) in spans or id(token.content) in links)
        ):
            found, took = _inline_edits(
                token,
                spans.get(id(token.content), []),
                links.get(id(token.content), []),
                bad,
                policy,
                engine,
                in_heading,
            )
            if not found:
                continue
            to_body = lines.locate(token)
            if to_body is None:
                # Cannot place the edits: fall back to cleaning the token's whole lines as HTML.
                first, last = token.map
                start = lines.starts[first]
                end = lines.starts[last - 1] + len(lines.lines[last - 1])
                raw = text[start:end]
                edits.append((start, end, sanitize_html(raw, policy, engine=engine)))
                continue
            unlinked = unlinked or took
            edits.extend((to_body(s), to_body(e), r) for s, e, r in found)
    edits.extend(_reference_edits(env, lines, code, policy))
    return _apply(text, edits), unlinked


def sanitize_body(body: str, policy: Policy, engine: str, *, flavor: str = "commonmark") -> str:
    r"""Sanitize the HTML pieces and link targets of a Markdown body; keep the rest verbatim.

    A link (or image) to a scheme the policy forbids becomes its text.

    Example:
        >>> from newspost.sanitize import get_policy
        >>> sanitize_body('## <b>Hi</b>\n\n<p data-ke-size="s">x <script>y</script></p>\n'
        ...               '\n`<script>` [a](javascript:b)\n', get_policy("standard"), "bleach")
        '## Hi\n\n<p>x </p>\n\n`<script>` a\n'
    """
    if not body.strip():
        return body
    crlf = "\r\n" in body and "\r" not in body.replace("\r\n", "")
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if flavor == "html":
        # An .html post has no Markdown at all: the body is one HTML fragment.
        result = sanitize_html(text, policy, engine=engine)
        if crlf:
            result = result.replace("\n", "\r\n")
        return result if result != text or crlf else body
    result, unlinked = _sanitize_once(text, policy, engine, flavor)
    # A link's text, set free, can pair with brackets around it into a new link
    # ("[a [b](javascript:x) c](javascript:y)"): read again until none is left.
    # Each pass takes a "[" away, which bounds the passes.
    passes = result.count("[")
    while unlinked and passes:
        result, unlinked = _sanitize_once(result, policy, engine, flavor)
        passes -= 1
    if crlf:
        result = result.replace("\n", "\r\n")
    return result if result != text or crlf else body
