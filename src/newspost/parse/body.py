"""Body text to structure: Markdown -> HTML (with source lines) -> blocks -> sections.

markdown-it-py renders the body token by token, noting on which rendered line
each block with a source position starts. lxml (the parser BeautifulSoup would
use) reads the result once; those anchors map any element's line in the tree
back to its line in the original file, and one walk turns the top-level
elements into blocks, descending through wrappers such as ``<div>``. Sources
and the promo footer are then lifted out of the flow (`newspost.parse._sources`),
and headings nest the rest into sections.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from lxml import etree
from markdown_it.renderer import RendererHTML

from newspost.errors import NewsPostError
from newspost.model._base import trusted
from newspost.model.blocks import (
    LAZY_IMAGE_ATTRIBUTES,
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
    lazy_source,
)
from newspost.model.post import Section, Source
from newspost.parse._items import _Heading, _Item
from newspost.parse._kept import Kept
from newspost.parse._limits import DEFAULT_LIMITS, Limits, exceeded
from newspost.parse._sources import _lift_sources, _take_footer
from newspost.parse._text import _collapse, holds_c0_controls
from newspost.parse.flavors import (
    ALERT_CLASS,
    _cut_leading_html,
    _rest_tokens,
    get_markdown,
    get_preprocessor,
)
from newspost.parse.flavors._pipeline import (
    _REST_CACHE_LENGTH,
    _html_block_token,
    _parse,
    _renders_with_stock_rules,
)

__all__ = ["Body", "parse_body"]

Element = etree._Element

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CONTAINERS = frozenset(
    "div section article main header footer aside center nav body html details span font "
    "figure dl dd dt form fieldset address hgroup".split()
)
_BLOCK_TAGS = frozenset(
    "p table ul ol blockquote hr pre figure div section article main header footer aside "
    "center nav h1 h2 h3 h4 h5 h6 img iframe object embed script style video audio form "
    "noscript template svg math dl details canvas address hgroup fieldset".split()
)
_RAW_TAGS = frozenset(
    "script style iframe object embed video audio noscript template svg math canvas form "
    "input button select textarea link meta base".split()
)
_RAW_TEXT = frozenset(["script", "style"])  # serialised without escaping
_INVISIBLE = frozenset(["script", "style", "template", "noscript", "head", "title", "meta", "link"])
_STRAY_BLOCKS = frozenset(["li", "tr", "dd", "dt"])
_DEFINITION_ITEMS = frozenset(["dt", "dd"])
_SPACED_EXTRA = frozenset(["li", "tr", "td", "th", "dt", "dd"])
_SPACED_TAGS = _BLOCK_TAGS | _INVISIBLE | _STRAY_BLOCKS | {"br", "td", "th"}
_CREDIT_LENGTH = 120
# A template tag: a Liquid tag or output, a Hugo shortcode call, a kramdown IAL. Not
# past the next tag's opening, so the text between two tags is never taken for one.
_TEMPLATE_TAG = r"\{%(?:(?!\{%).)*?%\}|\{\{(?:(?!\{\{).)*?\}\}|\{:[^{}]*\}"
_TEMPLATE_ONLY = re.compile(rf"(?:\s*(?:{_TEMPLATE_TAG}))+\s*$", re.DOTALL)
# The tags that open and close a block around a paragraph's text, which they print
# nothing of themselves: Liquid's ("{% blockquote %}", "{% note info %}", Hexo's and
# Eleventy's paired shortcodes) and Hugo's ("{{% notice %}}", "{{< alert >}}"), as
# text or as escaped HTML ("{{&lt; alert &gt;}}"). A "{{ value }}" prints its value.
_BLOCK_TAG = r"\{%(?:(?!\{%).)*?%\}|\{\{(?:<|&lt;|%)(?:(?!\{\{).)*?(?:>|&gt;|%)\}\}"
_BLOCK_TAGS_BEFORE = re.compile(rf"(?:\s*(?:{_BLOCK_TAG}))+\s*", re.DOTALL)
_BLOCK_TAGS_AFTER = re.compile(rf"(?:\s*(?:{_BLOCK_TAG}))+\s*$", re.DOTALL)
# The tags that close such a block ("{{% /notice %}}", "{{< /alert >}}", "{% endnote %}"),
# ending the last paragraph of a block of several, which no tag opens.
_CLOSING_TAG = r"\{\{(?:<|&lt;|%)\s*/(?:(?!\{\{).)*?(?:>|&gt;|%)\}\}|\{%-?\s*end(?:(?!\{%).)*?%\}"
_CLOSING_TAGS_AFTER = re.compile(rf"(?:\s*(?:{_CLOSING_TAG}))+\s*$", re.DOTALL)
# Link definitions ("[label]: /url"), as collapsed text: under a Liquid tag they are
# the paragraph's lines to markdown-it, but Jekyll's include above them ends in
# definitions of its own, and kramdown reads them all as definitions (shown nowhere).
_DEFINITIONS_ONLY = re.compile(
    r"(?:\s*\[[^\[\]]+\]:\s*\S+(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?)+\s*$"
)
_SPACE = re.compile(r"\s+")


@dataclass
class Body:
    """What a body parses to."""

    lead: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    footer: list[Block] = field(default_factory=list)


_LINKABLE_TITLE = re.compile(r"\{%-?\s*linkable_title\s+(.*?)\s*-?%\}")


def parse_body(
    body: str,
    *,
    flavor: str,
    first_line: int = 1,
    limits: Limits = DEFAULT_LIMITS,
    path: str | None = None,
    c0_controls: bool = True,
) -> Body:
    """Parse a body (the text after the front matter) into lead, sections, sources and footer.

    ``first_line`` is the 1-based line of the body's first line in the file, so
    every line recorded points into the original file. ``c0_controls=False``
    says the body surely holds no C0 control character but tab and line breaks
    (the caller read the file's bytes), which spares looking for them.

    Raises:
        LimitError: too many lines or elements, or elements nested too deep.
    """
    if not body.strip():
        return Body()
    # No more lines than characters: a short body is not counted (a pass over every one).
    if len(body) > limits.max_lines and (lines := body.count("\n")) > limits.max_lines:
        raise exceeded("the body's line count", lines, "max_lines", limits.max_lines, path=path)
    rendered = _render(body, flavor=flavor, first_line=first_line, c0_controls=c0_controls)
    root = rendered.root
    elements = int(cast(float, _COUNT_ELEMENTS(root)))
    if elements > limits.max_elements:
        raise exceeded(
            "the body's HTML element count",
            elements,
            "max_elements",
            limits.max_elements,
            path=path,
        )
    walker = _Walker(rendered, max_depth=limits.max_depth, path=path)
    items = walker.blocks(root)
    items = _lift_sources(items)
    footer = _take_footer(items)
    lead, sections = _nest(items)
    sources = [item for item in items if type(item) is Source]  # why type(): see _lift_sources
    return Body(lead=lead, sections=sections, sources=sources, footer=footer)


# -- Markdown to an lxml tree with lines -------------------------------------------------


@dataclass
class _Rendered:
    """A body rendered to an lxml tree, with what maps the tree's lines back to the file.

    ``rendered[i]`` is the line (in the rendered HTML) where the output of a block
    token with a source position starts, ``source[i]`` that token's line in the
    file; both rise together. Lines inside raw HTML map one to one, so any
    element's file line is its nearest anchor's plus its distance from it.
    """

    root: Element
    rendered: list[int]
    source: list[int]
    markdown_tables: frozenset[int]
    """Rendered lines where a Markdown pipe table (GFM's or kramdown's) starts."""
    may_hold_captions: bool = True
    """False when the HTML surely names no caption (see `_Walker._captioned_image`)."""


def _render(body: str, *, flavor: str, first_line: int, c0_controls: bool = True) -> _Rendered:
    md = get_markdown(flavor)
    renderer = md.renderer
    if not isinstance(renderer, RendererHTML):
        raise NewsPostError(
            f"flavor {flavor!r} renders with {type(renderer).__name__}, not an HTML renderer",
            hint="build the flavor's parser with markdown-it's RendererHTML (or a subclass)",
        )
    text = body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body
    # Characters XML cannot hold (C0 controls, U+FFFE/U+FFFF) show as U+FFFD, as
    # in a browser; the original text keeps them for the round trip.
    if _may_hold_non_xml(text, c0_controls=c0_controls):
        text = _NOT_XML.sub("\ufffd", text)
    preprocess = get_preprocessor(flavor)
    if preprocess is not None:
        text = preprocess(text)
    env: dict[str, object] = {}
    blocks, line, rest = _cut_leading_html(flavor, text)
    stock = _renders_with_stock_rules(renderer)
    made_with = (md, renderer, md.options)
    reused = _RENDERED_RESTS.get((flavor, rest), *made_with) if stock and rest else None
    if rest is None:
        tokens = _parse(md, text, env)
    elif reused is not None:
        tokens = []
    else:
        tokens = _rest_tokens(flavor, rest, line, env)
    options, rules = md.options, renderer.rules
    if blocks and not stock:
        # A rule of a flavor's own may look at the blocks' tokens: give it them.
        tokens = [_html_block_token(block) for block in blocks] + tokens
        blocks = []
    out: list[str] = []
    rendered: list[int] = []
    source: list[int] = []
    tables: list[int] = []
    at = 1  # "<html><body>" opens line 1 of what lxml reads
    for block_line, _, content in blocks:
        # The stock renderer writes an HTML block as it is (RendererHTML.html_block).
        rendered.append(at)
        source.append(block_line + first_line)
        out.append(content)
        at += content.count("\n")
    rest_at, rest_anchors, rest_tables, rest_out = at, len(rendered), len(tables), len(out)
    rest_first_line = line + first_line  # the rest's first line in the file
    if reused is not None:
        # The rest's HTML and line anchors as rendered before, moved to this body's lines.
        for offset, rest_line in reused.anchors:
            rendered.append(at + offset)
            source.append(rest_first_line + rest_line)
        tables.extend(at + offset for offset in reused.tables)
        out.append(reused.html)
        at += reused.lines
    # RendererHTML.render's own loop, counting the lines each token's output
    # takes: that count is the line map, so nothing has to be written into the
    # HTML to be read back out of the tree.
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            piece = renderer.renderInline(token.children, options, env) if token.children else ""
        elif kind in rules:
            piece = rules[kind](tokens, index, options, env)
        else:
            piece = renderer.renderToken(tokens, index, options, env)
        if token.map is not None and token.nesting >= 0:
            # A tag after a hidden paragraph is written on a fresh line ("\n<ul>").
            starts = at + len(piece) - len(piece.lstrip("\n")) if piece[:1] == "\n" else at
            rendered.append(starts)
            source.append(token.map[0] + first_line)
            if kind == "table_open":
                tables.append(starts)
        out.append(piece)
        at += piece.count("\n")
    if reused is None and stock and rest and not env and len(rest) <= _REST_CACHE_LENGTH:
        _RENDERED_RESTS.put(
            (flavor, rest),
            _RenderedRest(
                html="".join(out[rest_out:]),
                lines=at - rest_at,
                anchors=tuple(
                    (starts - rest_at, file_line - rest_first_line)
                    for starts, file_line in zip(
                        rendered[rest_anchors:], source[rest_anchors:], strict=True
                    )
                ),
                tables=tuple(starts - rest_at for starts in tables[rest_tables:]),
            ),
            *made_with,
        )
    html = "".join(out)
    return _Rendered(
        _parse_html(html),
        rendered,
        source,
        frozenset(tables),
        # A substring test in C spares nearly every post the XPath search for captions.
        may_hold_captions="aption" in html,
    )


@dataclass(frozen=True)
class _RenderedRest:
    """What the stock renderer made of the text after a body's leading HTML blocks.

    Lines count from the rest's start: ``anchors`` pairs each anchor's rendered
    line with its token's line in the rest, ``tables`` holds the rendered lines
    where Markdown tables start, and ``lines`` is how many line breaks ``html``
    holds.
    """

    html: str
    lines: int
    anchors: tuple[tuple[int, int], ...]
    tables: tuple[int, ...]


# What follows a news body's HTML is most often the site's promo line, the same in
# hundreds of posts: its rendering is kept, by flavor and text, as its tokens are
# (flavors._pipeline._parse_rest). Only a short rest that leaves ``env`` alone (no
# reference definitions) rendered by the stock rules is kept, so a kept rendering is
# the rendering; it is tied to the parser, its renderer and options as they were.
_RENDERED_RESTS: Kept[tuple[str, str], _RenderedRest] = Kept(256)


def _parse_html(html: str) -> Element:
    # Naming <html><body> first keeps libxml2 from moving early <meta>/<style> into a <head>.
    page = f"<html><body>{html}</body></html>"
    try:
        # As UTF-8 libxml2 reads it as it is; a str reaches it as UTF-16, to convert.
        document = etree.fromstring(page.encode("utf-8"), _UTF8_PARSER)
    except UnicodeEncodeError:  # a lone surrogate: as before, libxml2 says what it makes of it
        document = etree.fromstring(page, _PARSER)
    found = document.find("body")
    return found if found is not None else document


# lxml's plain HTML parser (libxml2, the parser BeautifulSoup's "lxml" builder
# drives): lxml.html's element classes would cost a Python call per node.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COUNT_ELEMENTS = etree.XPath("count(.//*)")
_TABLE_ROWS = etree.XPath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
_PARSER = etree.HTMLParser(remove_blank_text=False, remove_comments=False, huge_tree=True)
# The same for UTF-8 bytes: told their encoding, libxml2 ignores any <meta charset>.
_UTF8_PARSER = etree.HTMLParser(
    remove_blank_text=False, remove_comments=False, huge_tree=True, encoding="utf-8"
)


def _may_hold_non_xml(text: str, *, c0_controls: bool = True) -> bool:
    """False when ``text`` surely holds no character `_NOT_XML` replaces.

    The pattern's character class costs a test per character; encoding and
    deleting bytes, all in C, is several times cheaper, and a body has none.
    With ``c0_controls=False`` (the caller found none in the file's bytes with
    `holds_c0_controls`) only U+FFFE and U+FFFF are looked for.
    """
    if "\ufffe" in text or "\uffff" in text:
        return True
    if not c0_controls:
        return False
    return holds_c0_controls(text.encode("utf-8", "surrogatepass"))


# -- tree to blocks ----------------------------------------------------------------------


def _template_only(text: str) -> bool:
    """Whether collapsed text is only Liquid tags or shortcodes (``{% include x %}``)."""
    # Collapsed text starts with its first visible character: only "{" can open a tag,
    # and testing it spares nearly every paragraph the pattern.
    return text[:1] == "{" and _TEMPLATE_ONLY.match(text) is not None


def _inside_block_tags(text: str, html: str) -> tuple[str, str]:
    """A paragraph's text and HTML without the block tags around them, if it opens with one.

    ``{{% notice warning %}}``, the notice, ``{{% /notice %}}`` on three lines is one
    paragraph; the site shows the notice (in its box), the tags being replaced. Empty
    when what the tags leave is link definitions.
    """
    before = _BLOCK_TAGS_BEFORE.match(text)
    if before is None:
        return text, html
    after = _BLOCK_TAGS_AFTER.search(text, before.end())
    text = text[before.end() : after.start() if after else len(text)]
    if text[:1] == "[" and _DEFINITIONS_ONLY.match(text):
        return "", ""
    before = _BLOCK_TAGS_BEFORE.match(html)
    if before is not None:
        after = _BLOCK_TAGS_AFTER.search(html, before.end())
        html = html[before.end() : after.start() if after else len(html)]
    return text, html


def _before_closing_tags(text: str, html: str) -> tuple[str, str]:
    """A paragraph's text and HTML without the tags that close a block, if it ends with them.

    In ``{{% notice %}}``, two paragraphs, ``{{% /notice %}}``, the second paragraph
    ends with the closing tag, which the site replaces as it does the opening one.
    """
    after = _CLOSING_TAGS_AFTER.search(text)
    if after is None:
        return text, html
    found = _CLOSING_TAGS_AFTER.search(html)
    return text[: after.start()], html[: found.start()] if found is not None else html


def _through_template_tags(
    text: str, html: str, line: int | None, out: list[_Item]
) -> tuple[str, str] | None:
    """A paragraph's text and HTML as the site shows them once its template tags have run.

    A paragraph of only Liquid tags or shortcodes (``{% include x %}``), or of block
    tags around nothing shown, is appended to ``out`` as an `Html` block of its tags,
    and None is returned; between block tags, the text and HTML inside them
    (`_inside_block_tags`); any other paragraph as it is.
    """
    if text[:1] != "{":  # only "{" opens a tag: nearly every paragraph is done here
        if text[-1:] == "}":
            return _before_closing_tags(text, html)
        return text, html
    if not _template_only(text):
        shown, shown_html = _inside_block_tags(text, html)
        if shown:
            return shown, shown_html
    out.append(trusted(Html, html=text, text="", line=line))  # the tags, as written
    return None


# Characters that take no room: a paragraph of only these (Naver's editor writes its
# blank lines as <p><span>U+200B</span></p>) shows nothing, as a &nbsp; one.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _shown(text: str) -> str:
    """Collapsed text, or '' when it is only zero-width characters and spaces."""
    if text and not text.strip(_ZERO_WIDTH + " "):
        return ""
    return text


def _inner_html(element: Element) -> str:
    if not len(element) and element.tag not in _RAW_TEXT:
        return _escape(element.text or "").strip()  # what libxml2 writes for text alone
    # One serialisation of the element, then cut its own tags off: much
    # cheaper than serialising each child.
    outer = etree.tostring(element, method="html", encoding="unicode", with_tail=False)
    start = outer.find(">") + 1
    end = outer.rfind("</")
    if end < start:
        return ""
    return outer[start:end].strip()


def _outer_html(element: Element) -> str:
    return etree.tostring(element, method="html", encoding="unicode", with_tail=False).strip()


class _Walker:
    """Walks the rendered tree once, knowing each element's line in the original file."""

    def __init__(
        self,
        rendered: _Rendered,
        *,
        max_depth: int = DEFAULT_LIMITS.max_depth,
        path: str | None = None,
    ) -> None:
        self.max_depth = max_depth
        self.path = path
        self.depth = 0
        self._rendered = rendered.rendered
        self._source = rendered.source
        self._markdown_tables = rendered.markdown_tables
        self._may_hold_captions = rendered.may_hold_captions
        self.glued: list[Paragraph] = []
        self._caption_holders: set[Element] = set()

    # Lines ----------------------------------------------------------------

    def line(self, element: Element, *, below: int = 0) -> int | None:
        """The element's 1-based line in the original file (or ``below`` lines under it).

        Its nearest anchor's line plus its distance from it in the rendered HTML,
        found by bisection when asked, not computed for every node. ``below``
        counts rendered lines, so a line further on maps through its own anchor.
        """
        at = cast(int | None, element.sourceline)
        if at is None:
            # Only elements libxml2 made up have no line: take their nearest ancestor's.
            # (Asking for the parent costs a new proxy object, so only then.)
            node = element.getparent()
            while node is not None and at is None:
                at = cast(int | None, node.sourceline)
                node = node.getparent()
        rendered = self._rendered
        if at is None or not rendered:
            return None
        at += below
        index = bisect.bisect_right(rendered, at) - 1
        if index < 0:
            return self._source[0]
        return self._source[index] + at - rendered[index]

    # Text -----------------------------------------------------------------

    def text(self, element: Element) -> str:
        """Visible text, whitespace collapsed: <br> and block edges count as spaces."""
        if not len(element):
            return _collapse(element.text or "")
        # libxml2's own text serialisation, all in C: every text node inside.
        every_text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
        if not every_text or every_text.isspace():
            return ""  # none to see, whatever the tags (<p><img …></p>)
        spaced = _SPACED_TAGS
        if not any(node.tag in spaced for node in element.iterdescendants()):
            return _collapse(every_text)  # the common case: no tags that make spaces
        parts: list[str] = []
        self._gather(element, parts)
        if element.tail:
            parts.pop()  # _gather took the element's own tail, which is not inside it
        return _collapse("".join(parts))

    def _gather(self, element: Element, parts: list[str]) -> None:
        """Append the visible text of ``element`` and its tail (iterative: no recursion limit)."""
        walker = etree.iterwalk(element, events=("start", "end"))
        for event, node in walker:
            tag = node.tag if isinstance(node.tag, str) else None
            if event == "start":
                if tag is None or tag in _INVISIBLE:
                    walker.skip_subtree()
                    continue
                if tag == "br":
                    parts.append(" ")
                if node.text:
                    parts.append(node.text)
                continue
            if (
                tag is not None
                and tag not in _INVISIBLE
                and (tag in _BLOCK_TAGS or tag in _SPACED_EXTRA)
            ):
                parts.append(" ")
            if node.tail and node is not element:
                parts.append(node.tail)
        if element.tail:
            parts.append(element.tail)

    def links(self, element: Element) -> list[Link]:
        found = []
        for anchor in element.iter("a"):
            href = anchor.get("href")
            if href is None:
                continue
            rel = anchor.get("rel")
            found.append(
                trusted(
                    Link,
                    url=href,
                    text=self.text(anchor) if len(anchor) else _collapse(anchor.text or ""),
                    title=anchor.get("title"),
                    rel=rel.lower().split() if rel else [],
                    target=anchor.get("target"),
                    line=self.line(anchor),
                )
            )
        return found

    def images(self, element: Element) -> list[Image]:
        return [self.image(img) for img in element.iter("img")]

    def image(self, img: Element, *, caption: str | None = None) -> Image:
        link = None
        parent = img.getparent()
        if parent is not None and parent.tag == "a" and parent.get("href") is not None:
            links = self.links(parent)
            link = links[0] if links else None
        values: dict[str, Any] = {
            "src": img.get("src") or img.get("data-src") or "",
            "alt": img.get("alt"),
            "title": img.get("title"),
            "caption": caption,
            "link": link,
            "line": self.line(img),
        }
        if not LAZY_IMAGE_ATTRIBUTES.isdisjoint(img.keys()):  # most images have none
            attributes: dict[str, str] = {str(k): str(v) for k, v in img.attrib.items()}
            lazy = lazy_source(attributes)
            if lazy is not None:  # set only when there is one, as a validated Image has it
                name, start, end = lazy
                values["lazy_src"] = attributes[name][start:end]
        return trusted(Image, **values)

    # Blocks ---------------------------------------------------------------

    def blocks(self, root: Element) -> list[_Item]:
        # Each method appends what it finds to ``out``: nested generators would
        # hand every block up through each level of the walk.
        out: list[_Item] = []
        # The wrappers that hold an element whose class names a caption: only they can
        # be a captioned image (`_captioned_image`), and most posts have none.
        if self._may_hold_captions:
            self._caption_holders = {
                ancestor
                for node in cast(list[Element], _CAPTION_CLASS(root))
                for ancestor in node.iterancestors()
            }
        self._children(root, out)
        return out

    def _children(self, parent: Element, out: list[_Item]) -> None:
        """Blocks from a container's children; loose text and inline tags become paragraphs."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise exceeded(
                "the HTML nesting depth",
                self.depth,
                "max_depth",
                self.max_depth,
                path=self.path,
                line=self.line(parent),
            )
        try:
            self._children_of(parent, out)
        finally:
            self.depth -= 1

    def _children_of(self, parent: Element, out: list[_Item]) -> None:
        # lxml makes a new Python string on every read of .tag, .text or .tail: read each once.
        run: list[Element | str] = []
        run_line: int | None = None  # the run's line, when it opens with text
        text = parent.text
        if text and not text.isspace():
            run.append(text)
            run_line = self._text_line(parent, text, inside=True)
        in_lines = False  # the parent lays paragraphs out as lines, "<br><br>" between
        in_blank_line = False  # after such a "<br><br>", before the next text
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):  # a comment: invisible, but its tail text is not
                tail = child.tail
                if tail and not tail.isspace():
                    if not run:
                        run_line = self._text_line(child, tail)
                    run.append(tail)
                    in_blank_line = False
                continue
            if tag == "br" and (in_blank_line or _opens_blank_line(child)):
                # Blogger's editor (and others that lay text out in lines) writes
                # paragraphs as lines in one <div>, a blank line ("<br />\n<br />")
                # between two: the browser shows two paragraphs, and so does the model.
                in_lines = True
                if run:
                    self._loose(_without_edge_breaks(run), out, line=run_line)
                    run, run_line = [], None
                tail = child.tail
                in_blank_line = not tail or tail.isspace()
                if tail and not in_blank_line:
                    run.append(tail)
                    run_line = self._text_line(child, tail)
                continue
            if in_blank_line and _shows_nothing(child) and not (child.tail or "").strip():
                continue  # inside the blank line: <a name='more'></a> between its breaks
            in_blank_line = False
            if tag not in _BLOCK_TAGS and tag not in _HEADINGS and tag not in _STRAY_BLOCKS:
                if tag == "a" and child.get("class") == "btn-toggle-moreless":
                    # Tistory's fold (<div data-ke-type="moreLess">) opens with its
                    # toggle button, "더보기": the page's control, not the article's text.
                    tail = child.tail
                    if tail and not tail.isspace():
                        if not run:
                            run_line = self._text_line(child, tail)
                        run.append(tail)
                    continue
                if not len(child) or not _holds_blocks(child):
                    run.append(child)  # inline: _loose takes its tail with it
                    continue
                if run:
                    self._loose(_without_edge_breaks(run) if in_lines else run, out, line=run_line)
                    run, run_line = [], None
                if tag == "a" and child.get("href") is not None and not _holds_headings(child):
                    # A link around blocks is one block the reader clicks: the link
                    # cards of Tistory (an "opengraph" figure), WordPress and Medium.
                    self._link_card(child, out)
                else:
                    # Broken HTML put blocks inside an inline tag (<code><h2>…): browsers
                    # still show the blocks, so read through the inline wrapper.
                    self._children(child, out)
            else:
                if run:
                    self._loose(_without_edge_breaks(run) if in_lines else run, out, line=run_line)
                    run, run_line = [], None
                self._element(child, out)
            tail = child.tail
            if tail and not tail.isspace():
                run.append(tail)
                run_line = self._text_line(child, tail)
        if run:
            self._loose(_without_edge_breaks(run) if in_lines else run, out, line=run_line)

    def _link_card(self, anchor: Element, out: list[_Item]) -> None:
        """A link around blocks, as one paragraph of its text (or its images) holding it."""
        text = _shown(self.text(anchor))
        images = self.images(anchor)
        if not text and not images:
            return
        out.append(
            trusted(
                Paragraph,
                text=text,
                html=_outer_html(anchor),
                links=self.links(anchor),
                images=images,
                line=self.line(anchor),
            )
        )

    def _text_line(self, node: Element, text: str, *, inside: bool = False) -> int | None:
        """The line where ``text``, a node's tail (or with ``inside``, its text), starts.

        Text has no line of its own in the tree. libxml2 gives an element the line
        where its start tag ends, and a comment the line where it ends: a node's
        text starts there, and its tail after the line breaks of the element's
        content (libxml2 writes text back with the line breaks it had). Then come
        those before the text's first visible character.
        """
        below = text[: len(text) - len(text.lstrip())].count("\n")
        if not inside and isinstance(node.tag, str):
            if node.text:
                below += node.text.count("\n")
            for child in node:
                written = etree.tostring(child, method="html", encoding="unicode", with_tail=True)
                below += written.count("\n")
        return self.line(node, below=below)

    def _loose(
        self, run: list[Element | str], out: list[_Item], *, line: int | None = None
    ) -> None:
        """Inline content outside any block: a paragraph as the browser shows it.

        ``line`` is the run's line when it opens with text whose line is known;
        else it is its first element's.
        """
        html_parts: list[str] = []
        text_parts: list[str] = []
        links: list[Link] = []
        images: list[Image] = []
        for piece in run:
            if isinstance(piece, str):
                html_parts.append(_escape(piece))
                text_parts.append(piece)
                continue
            if line is None:
                line = self.line(piece)
            html_parts.append(
                etree.tostring(piece, method="html", encoding="unicode", with_tail=True)
            )
            parts: list[str] = []
            self._gather(piece, parts)
            text_parts.append("".join(parts))
            links.extend(self.links(piece))
            images.extend(self.image(img) for img in piece.iter("img"))
        text = _shown(_collapse("".join(text_parts)))
        if not text:
            # Images alone (in their links), as in a <p> of only an image: image blocks.
            out.extend(images)
            return
        if len(images) == 1 and text[:9] == "[caption ":
            caption = _wordpress_caption(text)
            if caption is not None:
                out.append(images[0].model_copy(update={"caption": caption or None}))
                return
        html = "".join(html_parts).strip()
        shown = _through_template_tags(text, html, line, out)
        if shown is None:
            return
        text, html = shown
        out.append(trusted(Paragraph, text=text, html=html, links=links, images=images, line=line))

    def _element(self, element: Element, out: list[_Item]) -> None:
        tag = element.tag
        line = self.line(element)
        if tag in _HEADINGS:
            title, title_html = self.text(element), _inner_html(element)
            if "linkable_title" in title:
                # Octopress's (home-assistant.io's) "### {% linkable_title Compatibility %}"
                # shows its words as the heading, with an anchor.
                title = _LINKABLE_TITLE.sub(r"\1", title)
                title_html = _LINKABLE_TITLE.sub(r"\1", title_html)
            out.append(
                _Heading(
                    _HEADINGS[tag],
                    title,
                    title_html,
                    line,
                    self.links(element),
                    self.images(element),
                )
            )
        elif tag == "p":
            self._paragraph(element, out, line)
        elif tag == "table":
            if "tr-caption-container" in (element.get("class") or "").split():
                captioned = self._blogger_caption_table(element)
                if captioned is not None:
                    out.append(captioned)
                    return
            table = self._table(element)
            out.extend(self.glued)
            self.glued.clear()
            out.append(table)
        elif tag in ("ul", "ol"):
            items = [
                trusted(ListItem, text=self.text(li), html=_inner_html(li))
                for li in element
                if li.tag == "li"
            ]
            if not items:
                # <ul>text</ul> without <li>: browsers show the text, indented.
                self._paragraph(element, out, line)
                return
            last = items[-1]
            if last.text[-1:] == "}":  # a list ending a block: "* item\n{{< /alert >}}"
                text, html = _before_closing_tags(last.text, last.html)
                items[-1] = trusted(ListItem, text=text, html=html)
            out.append(
                trusted(
                    ListBlock,
                    ordered=tag == "ol",
                    items=items,
                    links=self.links(element),
                    images=self.images(element),
                    line=line,
                )
            )
        elif tag == "blockquote":
            if any(isinstance(c.tag, str) and c.tag in _HEADINGS for c in element.iter()):
                # An FAQ in a quote box: its headings are part of the outline.
                self._children(element, out)
            else:
                out.append(
                    trusted(
                        Quote,
                        text=self.text(element),
                        html=_inner_html(element),
                        alert=_alert_kind(element.get("class")),
                        links=self.links(element),
                        images=self.images(element),
                        line=line,
                    )
                )
        elif tag == "hr":
            out.append(trusted(Rule, line=line))
        elif tag == "pre" and any(
            isinstance(c.tag, str) and c.tag in _HEADINGS for c in element.iterdescendants()
        ):
            # An unclosed <pre> swallowed the rest of the post; browsers still show
            # its headings as headings, so the outline keeps them.
            self._children(element, out)
        elif tag == "pre":
            code = element.find("code")
            language = None
            if code is not None:
                for name in (code.get("class") or "").split():
                    if name.startswith("language-"):
                        language = name[len("language-") :]
                        if language.startswith("{"):
                            language = _cell_language(language)
                        elif ":" in language:
                            # Qiita's and Zenn's "```ruby:app/models/user.rb": the
                            # language, then the file's name shown above the code.
                            language = language.partition(":")[0] or None
            out.append(
                trusted(
                    Code,
                    text="".join(cast(Iterator[str], element.itertext())),
                    language=language,
                    line=line,
                )
            )
        elif tag == "img":
            out.append(self.image(element))
        elif tag == "figure":
            self._figure(element, out)
        elif tag in _RAW_TAGS:
            out.append(
                trusted(
                    Html,
                    html=_outer_html(element),
                    tag=tag,
                    text=self.text(element) if tag not in _INVISIBLE else "",
                    links=self.links(element),
                    images=self.images(element),
                    line=line,
                )
            )
        elif tag in _CONTAINERS or tag in ("li", "tr", "dd", "dt"):
            captioned = self._captioned_image(element)
            if captioned is not None:
                out.append(captioned)
                return
            # A definition list's terms and definitions show as blocks of their own.
            if any(
                isinstance(c.tag, str)
                and (
                    c.tag in _BLOCK_TAGS
                    or c.tag in _HEADINGS
                    or (tag == "dl" and c.tag in _DEFINITION_ITEMS)
                    or (c.tag == "br" and _opens_blank_line(c))
                )
                for c in element
            ):
                self._children(element, out)
            else:
                self._paragraph(element, out, line)
        else:
            out.append(
                trusted(
                    Html,
                    html=_outer_html(element),
                    tag=str(tag),
                    text=self.text(element),
                    links=self.links(element),
                    images=self.images(element),
                    line=line,
                )
            )

    def _paragraph(self, element: Element, out: list[_Item], line: int | None) -> None:
        # A <p> can hold block content when the HTML is broken; lxml closes the
        # paragraph then, so only inline content is left here. ``line`` is the
        # element's, which _element has found already.
        if not len(element):
            # Text alone, most paragraphs of a news post: no links, images or markup.
            self._plain_paragraph(element, out, line)
            return
        images = list(element.iter("img"))
        text = _shown(self.text(element))
        if len(images) == 1 and text[:9] == "[caption ":
            caption = _wordpress_caption(text)
            if caption is not None:
                out.append(self.image(images[0], caption=caption or None))
                return
        if images and not text:
            # An image alone in a paragraph (Markdown's ![alt](src)) is an image block.
            for img in images:
                out.append(self.image(img))
            return
        if (
            images
            and len(text) <= _CREDIT_LENGTH
            and not any(a.find(".//img") is None for a in element.iter("a"))
            and not self._text_before(element, images[0])
        ):
            # An image with a short line under it ("*출처: 온라인 커뮤니티*"): a captioned
            # image, and the line is the photo's credit, not the article's source.
            out.append(self.image(images[0], caption=text))
            for img in images[1:]:
                out.append(self.image(img))
            return
        if not text:
            return  # &nbsp;-only or empty: nothing a reader sees
        html = _inner_html(element)
        shown = _through_template_tags(text, html, line, out)
        if shown is None:
            return
        text, html = shown
        out.append(
            trusted(
                Paragraph,
                text=text,
                html=html,
                links=self.links(element),
                images=[self.image(img) for img in images],
                line=line,
            )
        )

    def _plain_paragraph(self, element: Element, out: list[_Item], line: int | None) -> None:
        raw = element.text or ""
        text = _shown(_collapse(raw))
        if not text:
            return
        html = _escape(raw).strip()
        shown = _through_template_tags(text, html, line, out)
        if shown is None:
            return
        text, html = shown
        out.append(
            trusted(
                Paragraph,
                text=text,
                html=html,
                links=[],
                images=[],
                line=line,
            )
        )

    def _text_before(self, element: Element, target: Element) -> bool:
        """Whether visible text comes before ``target`` inside ``element``."""
        if (element.text or "").strip():
            return True
        for node in element.iterdescendants():
            if node is target:
                return False
            if (node.text or "").strip() and node.tag not in _INVISIBLE:
                return True
            if (node.tail or "").strip() and target not in node.iterdescendants():
                return True
        return False

    def _figure(self, element: Element, out: list[_Item]) -> None:
        caption_el = element.find("figcaption")
        caption = self.text(caption_el) if caption_el is not None else None
        table = element.find(".//table")
        if table is not None:
            out.append(self._table(table, caption=caption))
            return
        images = list(element.iter("img"))
        if len(images) == 1:
            out.append(self.image(images[0], caption=caption or None))
            return
        self._children(element, out)

    def _captioned_image(self, element: Element) -> Image | None:
        """The one image of a wrapper whose only other text is its caption, or None.

        Editors and platforms set a caption under an image in a wrapper, the caption
        marked by its class: WordPress's rendered ``[caption]`` (``<div
        class="wp-caption"><img><p class="wp-caption-text">``, or ``<dl>`` with a
        ``wp-caption-dd``), Naver's ``se-caption``, Medium's ``imageCaption``. The
        browser shows a figure.
        """
        if element not in self._caption_holders:
            return None
        captions = [
            node
            for node in cast(list[Element], _CAPTION_CLASS(element))
            if any("caption" in name.lower() for name in (node.get("class") or "").split())
        ]
        if not captions:
            return None
        images = list(element.iter("img"))
        if len(images) != 1:
            return None
        image = images[0]
        captions = [node for node in captions if image not in node.iterdescendants()]
        # The outermost caption elements only (a caption's own inner <p class="…caption">).
        captions = [
            node
            for node in captions
            if not any(other in node.iterancestors() for other in captions if other is not node)
        ]
        if not captions:
            return None
        caption = " ".join(text for text in (self.text(node) for node in captions) if text)
        if _collapse(caption) != self.text(element):
            return None  # text beside the image and its caption: not a figure alone
        return self.image(image, caption=caption or None)

    def _blogger_caption_table(self, table: Element) -> Image | None:
        """The captioned image Blogger's editor writes as a table, or None if it holds more.

        Blogger lays a caption under an image with a table of class
        ``tr-caption-container``: the image (in its link) in the first row, the
        caption in a ``tr-caption`` cell of the second. It shows as a figure.
        """
        images = list(table.iter("img"))
        if len(images) != 1:
            return None
        captions = [
            self.text(cell)
            for cell in table.iter("td", "th")
            if "tr-caption" in (cell.get("class") or "").split()
        ]
        return self.image(images[0], caption=" ".join(c for c in captions if c) or None)

    def _table(self, table: Element, *, caption: str | None = None) -> Table:
        caption_el = table.find("caption")
        if caption_el is not None:
            caption = self.text(caption_el)
        rows: list[list[Cell]] = []
        row_lines: list[int | None] = []
        in_head: list[bool] = []
        for tr in cast(list[Element], _TABLE_ROWS(table)):
            cells = [self._cell(cell) for cell in tr if cell.tag in ("td", "th")]
            if not cells:
                continue
            rows.append(cells)
            row_lines.append(self.line(tr))
            parent = tr.getparent()
            in_head.append(parent is not None and parent.tag == "thead")
        from_markdown = cast(int | None, table.sourceline) in self._markdown_tables
        header: list[Cell] = []
        subheader_rows: list[list[Cell]] = []
        source: Literal["th", "gfm", "bold", "none"] = "none"
        if rows and (in_head[0] or all(cell.is_header for cell in rows[0])):
            header, rows = rows[0], rows[1:]
            source = "gfm" if from_markdown else "th"
            while rows and _in_header(rows[0], in_head[len(subheader_rows) + 1], header):
                subheader_rows.append(rows.pop(0))
        elif rows and not from_markdown and all(self._wholly_bold(cell) for cell in rows[0]):
            # Only an HTML table: a Markdown table without a separator line (kramdown's)
            # is all body rows, which is how it shows.
            header = [cell.model_copy(update={"is_header": True}) for cell in rows[0]]
            rows = rows[1:]
            source = "bold"
        if source == "gfm" and header:
            header, glued = _unglue_header(header)
            if glued:
                # A table's header glued to the end of a sentence ("...보세요.  출발 시간 | ...").
                self.glued.append(
                    trusted(
                        Paragraph,
                        text=glued,
                        html=_escape(glued),
                        links=[],
                        images=[],
                        line=self.line(table),
                    )
                )
        return trusted(
            Table,
            caption=caption,
            header=header,
            subheader_rows=subheader_rows,
            rows=rows,
            header_source=source,
            links=self.links(table),
            images=self.images(table),
            line=self.line(table),
            row_lines=row_lines,
        )

    def _cell(self, cell: Element) -> Cell:
        return trusted(
            Cell,
            text=self.text(cell),
            html=_inner_html(cell),
            is_header=cell.tag == "th",
            colspan=_span(cell.get("colspan")),
            rowspan=_rowspan(cell),
        )

    def _wholly_bold(self, cell: Cell) -> bool:
        if not cell.text:
            return False
        html = cell.html.strip()
        match = _BOLD_CELL.match(html)
        return match is not None and _collapse(re.sub(r"<[^>]+>", "", match.group(2))) == cell.text


def _in_header(row: list[Cell], in_head: bool, header: list[Cell]) -> bool:
    """Whether a row under a table's header row is the header's too.

    A row of a ``<thead>`` is; so is a row of ``<th>`` cells under a header cell
    that spans rows or columns (``<th colspan="2">Goals</th>`` over "For" and
    "Against"), which is how a header of two rows is written without ``<thead>``.
    """
    if in_head:
        return True
    return all(cell.is_header for cell in row) and any(
        cell.rowspan > 1 or cell.colspan > 1 for cell in header
    )


_BOLD_CELL = re.compile(
    r"^(?:<(?:span|p|font)[^>]*>\s*)*<(b|strong)\b[^>]*>(.*)</\1>\s*(?:</(?:span|p|font)>\s*)*$",
    re.DOTALL | re.IGNORECASE,
)


_GLUE = re.compile(
    r"^(?P<lead>.*?[.!?。…:)\]])(?:\s{2,}|\s+(?=\S{1,30}$))(?P<cell>\S.*)$", re.DOTALL
)


def _unglue_header(header: list[Cell]) -> tuple[list[Cell], str | None]:
    """Split a sentence off a GFM header row written on the same line as it."""
    first = header[0]
    others = [len(cell.text) for cell in header[1:]] or [0]
    raw = first.html
    split = re.search(r"^(.*\S)\s{2,}(\S[^<>]*)$", raw, re.DOTALL)
    lead: str | None = None
    cell_text: str | None = None
    if split and len(split.group(1)) > len(split.group(2)):
        lead, cell_text = split.group(1), split.group(2)
    elif len(first.text) > 3 * max(others) + 20:
        found = _GLUE.match(first.text)
        if found:
            lead, cell_text = found.group("lead"), found.group("cell")
    if lead is None or cell_text is None:
        return header, None
    lead_text = " ".join(re.sub(r"<[^>]+>", "", lead).split())
    cell = first.model_copy(update={"text": " ".join(cell_text.split()), "html": cell_text.strip()})
    return [cell, *header[1:]], lead_text


def _alert_kind(classes: str | None) -> str | None:
    """The kind an alert's classes name (``markdown-alert markdown-alert-note``: "note")."""
    if not classes or ALERT_CLASS not in classes:
        return None
    names = classes.split()
    if ALERT_CLASS not in names:
        return None
    prefix = ALERT_CLASS + "-"
    return next((name[len(prefix) :] for name in names if name.startswith(prefix)), None)


# A paragraph that is all one WordPress [caption] shortcode: its attributes, then
# the image (which leaves no text) and the caption text. WordPress 2.x wrote the
# caption as an attribute (caption="..."), later versions after the image.
_WORDPRESS_CAPTION = re.compile(r"\[caption\s(?P<attributes>[^\]]*)\](?P<text>.*)\[/caption\]$")
_CAPTION_ATTRIBUTE = re.compile(r"""\bcaption=(?:"([^"]*)"|'([^']*)')""")


def _wordpress_caption(text: str) -> str | None:
    """The caption of a paragraph that is one ``[caption …]<img …> Text[/caption]``.

    None when the paragraph is not one such shortcode; '' when it has no caption.
    WordPress shows the shortcode as a figure with the caption under the image.
    """
    found = _WORDPRESS_CAPTION.match(text)
    if found is None:
        return None
    caption = found.group("text").strip()
    if not caption:
        attribute = _CAPTION_ATTRIBUTE.search(found.group("attributes"))
        if attribute is not None:
            caption = (attribute.group(1) or attribute.group(2) or "").strip()
    return caption


def _opens_blank_line(br: Element) -> bool:
    r"""Whether a ``<br>`` is followed by another, with nothing visible between.

    Between them may be spaces, comments and empty inline elements: Blogger's jump
    break, ``<br />\n<a name='more'></a><br />``, is a blank line too.
    """
    node: Element | None = br
    while node is not None:
        tail = node.tail
        if tail and not tail.isspace():
            return False
        node = node.getnext()
        if node is not None and node.tag == "br":
            return True
        if node is not None and not _shows_nothing(node):
            return False
    return False


def _shows_nothing(node: Element) -> bool:
    """Whether a node (tail aside) is a comment or an empty inline element (``<a name>``)."""
    tag = node.tag
    if not isinstance(tag, str):
        return True  # a comment
    text = node.text
    return (
        not len(node)
        and not (text and not text.isspace())
        and tag not in _BLOCK_TAGS
        and tag not in _RAW_TAGS  # <input>, <button>: boxes the reader sees
    )


def _without_edge_breaks(run: list[Element | str]) -> list[Element | str]:
    """A run of inline content without the line breaks that open or end it.

    A ``<br>`` in a run carries its tail text, so only one with no text after it
    is dropped: at the edges of a paragraph it adds an empty line, no text.
    """
    start, end = 0, len(run)
    while start < end and _bare_break(run[start]):
        start += 1
    while end > start and _bare_break(run[end - 1]):
        end -= 1
    return run[start:end]


def _bare_break(piece: Element | str) -> bool:
    if isinstance(piece, str) or piece.tag != "br":
        return False
    tail = piece.tail
    return not tail or tail.isspace()


def _holds_headings(element: Element) -> bool:
    return any(
        isinstance(node.tag, str) and node.tag in _HEADINGS for node in element.iterdescendants()
    )


def _holds_blocks(element: Element) -> bool:
    return any(
        isinstance(node.tag, str) and (node.tag in _HEADINGS or node.tag in _OUTLINE_BLOCKS)
        for node in element.iterdescendants()
    )


# Elements whose class names a caption ("wp-caption-text", "se-caption"...), found in C.
_CAPTION_CLASS = etree.XPath(".//*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]")
_OUTLINE_BLOCKS = frozenset(["p", "table", "ul", "ol", "blockquote", "pre", "div", "section", "hr"])


def _span(value: str | None) -> int:
    """A ``colspan`` as browsers read it: its leading digits ("2px" is 2), from 1 to 1000."""
    number = _span_number(value)
    return 1 if number is None else min(max(number, 1), 1000)


def _span_number(value: str | None) -> int | None:
    """The number HTML's rules for non-negative integers read at the start of ``value``."""
    found = _LEADING_NUMBER.match(value) if value else None
    return int(found.group(1)) if found else None


# Seven digits are past any span's limit, and int() of them costs nothing.
_LEADING_NUMBER = re.compile(r"[ \t\n\f\r]*\+?0*(\d{1,7})")


def _rowspan(cell: Element) -> int:
    """A cell's ``rowspan`` as browsers apply it: no further than its row group's last row.

    A row group is a ``<thead>``, ``<tbody>`` or ``<tfoot>`` (or the table's rows
    outside them): a cell of the head spans no row of the body, and ``rowspan="0"``
    spans the rest of its group.
    """
    number = _span_number(cell.get("rowspan"))
    if number is None or number == 1:
        return 1
    row = cell.getparent()
    left = 1 if row is None else 1 + sum(1 for _ in row.itersiblings("tr"))
    return left if number == 0 else min(number, left)


def _cell_language(info: str) -> str | None:
    """The language of a fence's braced info word: ``{python}``, ``{r,`` or ``{.python``.

    Quarto and R Markdown run such a block (a "cell") in that language, and pandoc
    names a class so: the braces and the dot are how the language is written, not
    part of its name.
    """
    return info.strip("{},").lstrip(".=") or None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- sections ----------------------------------------------------------------------------


@dataclass
class _Open:
    heading: _Heading
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def close(self) -> Section:
        return trusted(
            Section,
            title=self.heading.title,
            title_html=self.heading.title_html,
            level=self.heading.level,
            blocks=self.blocks,
            sections=self.children,
            links=self.heading.links,
            images=self.heading.images,
            line=self.heading.line,
        )


def _nest(items: list[_Item]) -> tuple[list[Block], list[Section]]:
    lead: list[Block] = []
    top: list[Section] = []
    stack: list[_Open] = []

    def close_to(level: int) -> None:
        while stack and stack[-1].heading.level >= level:
            section = stack.pop().close()
            (stack[-1].children if stack else top).append(section)

    for item in items:
        if isinstance(item, Source):
            continue
        if isinstance(item, _Heading):
            close_to(item.level)
            stack.append(_Open(item))
        elif stack:
            stack[-1].blocks.append(item)
        else:
            lead.append(item)
    close_to(0)
    return lead, top
