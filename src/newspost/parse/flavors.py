"""Markdown flavors: the one seam where a site's renderer is chosen.

Sites render Markdown differently. Jekyll uses kramdown, where Markdown inside
an HTML block stays raw unless the block says ``markdown="1"``, and Liquid runs
first; Hugo uses Goldmark (CommonMark with linkify and typographer on), Astro
remark and Hexo marked (both GitHub's Markdown with SmartyPants), Docusaurus MDX
(remark without SmartyPants), Eleventy markdown-it (CommonMark with tables,
after Liquid). Each
flavor here is a configured markdown-it-py parser; `detect_flavor` picks
one from what the file says, and every parsing function takes ``flavor=`` to
override it. Add a flavor with `register_flavor`.
"""

from __future__ import annotations

import copy
import html
import os
import re
import types
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import accumulate, pairwise
from typing import Any, Literal

import mdurl
from markdown_it import MarkdownIt, helpers
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import unescapeAll
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_core import ParserCore
from markdown_it.parser_inline import ParserInline
from markdown_it.renderer import RendererHTML, RendererProtocol
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_def, footnote_ref, footnote_tail
from mdit_py_plugins.tasklists import tasklists_plugin

from newspost.model.post import Generator
from newspost.parse._kept import Kept

__all__ = [
    "FlavorName",
    "detect_flavor",
    "detect_generator",
    "flavor_and_generator",
    "flavor_names",
    "generator_of",
    "get_markdown",
    "get_preprocessor",
    "reads_footnotes",
    "register_flavor",
    "tokenize",
]

FlavorName = Literal[
    "kramdown", "goldmark", "remark", "mdx", "marked", "markdown-it", "commonmark", "html"
]

_FACTORIES: dict[str, Callable[[], MarkdownIt]] = {}
_PREPROCESSORS: dict[str, Callable[[str], str]] = {}


def register_flavor(
    name: str,
    factory: Callable[[], MarkdownIt],
    *,
    preprocess: Callable[[str], str] | None = None,
) -> None:
    """Register a Markdown flavor: a name and a function building its markdown-it parser.

    The parser must keep raw HTML (``html=True``): newspost reads the HTML it renders.
    ``preprocess`` runs on the body first, as a site's template language does
    (Jekyll's Liquid); it must keep the number of lines, so lines still point
    into the file.

    Examples:
        >>> from markdown_it import MarkdownIt
        >>> register_flavor("plain", lambda: MarkdownIt("commonmark", {"html": True}))
        >>> "plain" in flavor_names()
        True
    """
    _FACTORIES[name] = factory
    if preprocess is not None:
        _PREPROCESSORS[name] = preprocess
    else:
        _PREPROCESSORS.pop(name, None)
    get_markdown.cache_clear()
    reads_footnotes.cache_clear()


def get_preprocessor(name: str) -> Callable[[str], str] | None:
    """The body preprocessor of a flavor, if it has one."""
    return _PREPROCESSORS.get(name)


def flavor_names() -> list[str]:
    """The registered flavor names."""
    return sorted(_FACTORIES)


@lru_cache(maxsize=16)
def get_markdown(name: str) -> MarkdownIt:
    """The (shared, cached) markdown-it parser of a flavor.

    Raises:
        KeyError: no flavor of that name is registered.
    """
    return _FACTORIES[name]()


@lru_cache(maxsize=16)
def reads_footnotes(name: str) -> bool:
    """Whether a flavor reads ``[^1]: note`` as a footnote, not as a link reference definition.

    kramdown and Goldmark do; in plain CommonMark the line defines a link labelled
    ``^1``.

    Examples:
        >>> reads_footnotes("kramdown"), reads_footnotes("commonmark")
        (True, False)
    """
    if name not in _FACTORIES:
        return False
    return "footnote_def" in get_markdown(name).block.ruler.get_active_rules()


def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _with_github_extensions(md: MarkdownIt) -> None:
    """``md`` (linkify on) reading GitHub's autolinks, task lists and alerts, and ``:::`` boxes.

    What Goldmark, remark and marked add alike to CommonMark's tables and strikethrough.
    """
    md.core.ruler.after("linkify", "gfm_autolinks", _gfm_autolinks)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.core.ruler.after("block", "alerts", _alerts)
    _with_containers(md)


def _goldmark() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": True})
    md.enable(["table", "strikethrough", "linkify", "replacements", "smartquotes"])
    md.core.ruler.after("block", "heading_attributes", _heading_attributes)
    _with_github_extensions(md)
    _with_definition_lists(md)
    md.inline.ruler.before("html_inline", "hugo_shortcode_call", hugo_shortcode_call)
    return _with_footnotes(md)


def _remark(*, smartypants: bool = True) -> MarkdownIt:
    """Astro's remark: CommonMark with GitHub's extensions and SmartyPants, both on by default.

    remark-gfm's tables, strikethrough, task lists, footnotes and autolinks (an
    address with its scheme or "www.", never a bare host name); SmartyPants'
    curly quotes, dashes and ellipses. No heading attributes, definition lists or
    shortcodes, which Goldmark and Hugo add. Without ``smartypants``, Docusaurus's
    MDX (remark with remark-gfm, its admonitions the ``:::`` containers).
    """
    md = MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": smartypants})
    md.enable(["table", "strikethrough", "linkify"])
    if smartypants:
        md.enable(["replacements", "smartquotes"])
    _with_github_extensions(md)
    return _with_footnotes(md)


def _eleventy_markdown_it() -> MarkdownIt:
    """Eleventy's markdown-it: its default preset with ``html: true``, as Eleventy sets it.

    CommonMark with GitHub's tables and strikethrough; no linkify, typographer or
    footnotes, and (Eleventy 2.0 and later) no indented code blocks: an indented
    line is text. Eleventy runs Liquid on Markdown first (its
    ``markdownTemplateEngine``), as Jekyll does (`liquid`).
    """
    md = _LiquidMarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.disable("code")


def _marked() -> MarkdownIt:
    """Hexo's marked (hexo-renderer-marked), with the options Hexo turns on by default.

    GitHub's Markdown (tables, strikethrough, task lists, autolinks), a line break
    where the text breaks a line (``breaks``), SmartyPants' quotes and dashes and
    PHP Markdown Extra's definition lists (``descriptionLists``); no footnotes, so
    ``[^1]: note`` defines a link, as in CommonMark. Hexo's tags run first, as
    Jekyll's Liquid does (`liquid`).
    """
    md = _LiquidMarkdownIt(
        "commonmark", {"html": True, "linkify": True, "typographer": True, "breaks": True}
    )
    md.enable(["table", "strikethrough", "linkify", "replacements", "smartquotes"])
    _with_github_extensions(md)
    _with_definition_lists(md)
    return md


# A shortcode call's tag, "{{< name args >}}" or "{{% name args %}}", the spaces
# optional; not past the next "{{", so many unclosed calls are read in linear time.
_SHORTCODE_TAG = re.compile(r"\{\{(?:<(?:(?!\{\{).)*?>|%(?:(?!\{\{).)*?%)\}\}", re.DOTALL)


def hugo_shortcode_call(state: StateInline, silent: bool) -> bool:
    """Inline rule: a Hugo shortcode call is text, never HTML.

    Hugo replaces the call before Goldmark reads the post, so the ``<`` of
    ``{{<youtube id>}}`` (written without spaces) opens no tag; read as inline
    HTML, it hid the call and left an element that never closes. Nor do the
    typographer's curly quotes or linkify's links reach into its arguments.
    """
    if not state.src.startswith("{{", state.pos):
        return False
    found = _SHORTCODE_TAG.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    if not silent:
        # Text that the typographer and linkify leave alone (as they do an escape):
        # Hugo reads the call's quotes and addresses before Goldmark sees the text.
        token = state.push("text_special", "", 0)
        token.content = found.group()
    state.pos = found.end()
    return True


def _plugin_task_lists() -> Callable[[StateCore], None]:
    """The task-list plugin's core rule (a closure the plugin makes for each parser)."""
    md = MarkdownIt("zero").use(tasklists_plugin)
    return md.core.ruler.__rules__[md.core.ruler.__find__("github-tasklists")].fn


_PLUGIN_TASK_LISTS = _plugin_task_lists()
# An item's text opening with a box: "[ ]", "[x]" or "[X]", then a space.
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]")


def _task_lists(state: StateCore) -> None:
    """Core rule: a list item opening with ``[ ]`` or ``[x]`` is a task, its box a checkbox.

    Goldmark (Hugo's ``taskList``, on by default) and kramdown's GFM parser
    (Jekyll's default input) both render the box as a disabled checkbox before
    the item's text, which no longer holds the brackets.
    """
    if _TASK_BOX.search(state.src) is not None:
        _PLUGIN_TASK_LISTS(state)


# The marker opening an alert's first line: GitHub's "[!NOTE]" (and TIP, IMPORTANT,
# WARNING, CAUTION), or Obsidian's callouts, any word and a fold sign ("[!faq]-"),
# which Hugo's blockquote render hooks read as well (its resolveBlockQuoteAlert).
_ALERT_MARKER = re.compile(r"\[!([A-Za-z]+)\][-+]?")
ALERT_CLASS = "markdown-alert"
"""The class of an alert's quote; ``markdown-alert-KIND`` beside it names its kind (GitHub's)."""


def _alerts(state: StateCore) -> None:
    """Core rule: a quote opening with ``[!NOTE]`` is a "Note" box; the marker is not its text.

    GitHub shows such a quote as an alert, and so do Hugo's blockquote render hooks
    (0.132 and later, which many themes ship) and Jekyll's alert plugins. The quote
    gets GitHub's classes, ``markdown-alert markdown-alert-note``; what follows the
    marker on its line (Obsidian's title) stays, and a paragraph left empty goes.
    """
    if "[!" not in state.src:
        return  # most texts: no marker anywhere
    tokens = state.tokens
    index = 0
    while index + 2 < len(tokens):
        quote, paragraph, inline = tokens[index : index + 3]
        index += 1
        if quote.type != "blockquote_open" or paragraph.type != "paragraph_open":
            continue
        found = _ALERT_MARKER.match(inline.content)
        if found is None:
            continue
        quote.attrSet("class", f"{ALERT_CLASS} {ALERT_CLASS}-{found.group(1).lower()}")
        inline.content = inline.content[found.end() :].lstrip()
        if not inline.content:
            del tokens[index : index + 3]  # the marker's paragraph: open, inline, close


# A container's opening fence: three colons or more, then a name (Docusaurus's
# ":::tip[Title]", VitePress's "::: warning Title", markdown-it-container's) or
# pandoc's attributes in braces ("::: {.note}"); a fence of colons alone closes one.
_CONTAINER_OPEN = re.compile(
    r"(?P<fence>:{3,})[ \t]*(?:\{(?P<attributes>[^{}\n]*)\}|(?P<name>[^\W\d][\w-]*))"
    r"(?:\[(?P<label>[^\]\n]*)\])?(?:\{[^{}\n]*\})?(?P<title>[^\n]*)"
)
_CONTAINER_CLOSE = re.compile(r":{3,}[ \t]*$")
_CODE_FENCE = re.compile(r"(`{3,}|~{3,})")
_PANDOC_CLASS = re.compile(r"(?:^|\s)\.([\w-]+)")


def _fenced_container(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: ``:::name`` … ``:::`` is a box around Markdown, its fences shown nowhere.

    Docusaurus's admonitions (``:::tip[Title]``), VitePress's custom containers
    (``::: warning Title``), markdown-it-container's (Hexo's markdown-it renderer)
    and pandoc's fenced divs (``::: {.note}``) write a ``<div>`` around what is
    between the fences; a title after the name is shown as the box's first line.
    Such posts, with YAML front matter, are read as Jekyll's, whose kramdown, as
    Hugo's Goldmark, has no such boxes and would show the fences as text: the
    box's contents are what the site shows of it. A fence with a name inside opens
    a nested box, as in pandoc; one without closes the innermost, whatever its
    length; an unclosed box ends with its parent, as markdown-it-container's.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    eol = state.eMarks[start_line]
    if not state.src.startswith(":::", first):
        return False
    opening = _CONTAINER_OPEN.match(state.src, first, eol)
    if opening is None:
        return False
    if silent:
        return True
    close_line, closed = _container_end(state, start_line, end_line)
    name = opening.group("name")
    if name is None:
        found = _PANDOC_CLASS.search(opening.group("attributes"))
        name = found.group(1) if found else None
    title = (opening.group("label") or opening.group("title")).strip().rstrip(":").strip()
    old_parent, old_line_max = state.parentType, state.lineMax
    state.parentType = "container"
    state.lineMax = close_line  # no lazy line runs on past the closing fence
    token = state.push("container_open", "div", 1)
    token.markup, token.info = opening.group("fence"), state.src[first:eol]
    token.map = [start_line, close_line]
    if name:
        token.attrSet("class", name)
    if title:
        token = state.push("paragraph_open", "p", 1)
        token.map = [start_line, start_line + 1]
        token = state.push("inline", "", 0)
        token.content, token.map, token.children = title, [start_line, start_line + 1], []
        state.push("paragraph_close", "p", -1)
    state.md.block.tokenize(state, start_line + 1, close_line)
    token = state.push("container_close", "div", -1)
    token.markup = opening.group("fence")
    state.parentType, state.lineMax = old_parent, old_line_max
    state.line = close_line + 1 if closed else close_line
    return True


def _container_end(state: StateBlock, start_line: int, end_line: int) -> tuple[int, bool]:
    """The line of a container's closing fence, and whether there is one (else its end)."""
    depth = 1
    code_fence = ""  # the fence of a code block inside, whose lines close nothing
    line = start_line
    while True:
        line += 1
        if line >= end_line:
            return line, False
        first = state.bMarks[line] + state.tShift[line]
        eol = state.eMarks[line]
        if first < eol and state.sCount[line] < state.blkIndent:
            return line, False  # a line less indented ends the list item holding it
        if state.sCount[line] - state.blkIndent >= 4:
            continue
        text = state.src[first:eol]
        if code_fence:
            if text.startswith(code_fence) and not text.strip(code_fence[0] + " \t"):
                code_fence = ""
            continue
        fence = _CODE_FENCE.match(text)
        if fence is not None:
            code_fence = fence.group()
        elif not text.startswith(":::"):
            continue
        elif _CONTAINER_CLOSE.match(text):
            depth -= 1
            if not depth:
                return line, True
        elif _CONTAINER_OPEN.match(text):
            depth += 1


# What Goldmark's Linkify (GitHub's autolink extension) links: an address with its
# scheme, one starting "www.", or an email. linkify-it also links bare host names
# ("example.com", "README.md", "ASP.NET"), which Hugo shows as text.
_AUTOLINK_START = re.compile(r"(?:https?://|ftp://|mailto:|www\.)|[^@\s]+@", re.IGNORECASE)


def _gfm_autolinks(state: StateCore) -> None:
    """Core rule: undo linkify's links that Goldmark would not make (bare host names)."""
    for token in state.tokens:
        children = token.children
        if token.type != "inline" or not children:
            continue
        if not any(child.markup == "linkify" for child in children):
            continue
        kept: list[Token] = []
        index = 0
        while index < len(children):
            child = children[index]
            if (
                child.type == "link_open"
                and child.markup == "linkify"
                and index + 2 < len(children)
                and not _AUTOLINK_START.match(children[index + 1].content)
            ):
                kept.append(children[index + 1])  # the text, without link_open/link_close
                index += 3
                continue
            kept.append(child)
            index += 1
        token.children = kept


def _with_containers(md: MarkdownIt) -> None:
    """``md`` reading ``:::`` containers (see `_fenced_container`), which end a paragraph."""
    md.block.ruler.before(
        "paragraph",
        "fenced_container",
        _fenced_container,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )


def _with_definition_lists(md: MarkdownIt) -> None:
    """``md`` reading definition lists (``term``, then ``: definition`` lines).

    kramdown has them, and so has Goldmark (Hugo turns its ``definitionList`` on):
    a ``<dl>``, each term a ``<dt>``, each definition a ``<dd>``.
    """
    md.block.ruler.before(
        "paragraph",
        "definition_list",
        _definition_list,
        {"alt": ["paragraph", "reference", "blockquote"]},
    )


def _plugin_definition_list() -> Callable[[StateBlock, int, int, bool], bool]:
    """The definition-list plugin's block rule (a closure the plugin makes for each parser)."""
    md = MarkdownIt("zero").use(deflist_plugin)
    return md.block.ruler.__rules__[md.block.ruler.__find__("deflist")].fn


_PLUGIN_DEFINITION_LIST = _plugin_definition_list()


def _definition_list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: markdown-it-deflist's, with kramdown's and Goldmark's marker only.

    The plugin reads pandoc's lists, where ``~`` marks a definition too; kramdown
    and Goldmark take only ``:``, and "10 a.m." over "~ 6 p.m." is a sentence.
    """
    line = start_line
    if not silent:
        # The plugin's rule starts at the term: its definition is on the next line,
        # or the one after a blank line.
        line += 1
        if line < end_line and state.isEmpty(line):
            line += 1
        if line >= end_line:
            return False
    if state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]][:1] != ":":
        return False
    return _PLUGIN_DEFINITION_LIST(state, start_line, end_line, silent)


def _with_footnotes(md: MarkdownIt) -> MarkdownIt:
    """``md`` reading footnotes (``text[^1]`` and ``[^1]: note``), as kramdown and Goldmark do.

    Both render the notes as a numbered list after the post's last block, behind
    a rule; references become superscript links to them. Neither has pandoc's
    inline notes (``^[note]``), so those stay text.
    """
    md.use(footnote_plugin, inline=False)
    md.core.ruler.after("footnote_tail", "footnote_lines", _footnote_lines)
    md.add_render_rule("footnote_block_open", _render_footnote_block_open)
    md.add_render_rule("footnote_caption", _render_footnote_caption)
    return md


def _render_footnote_caption(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    # The note's number, every time it is referred to: kramdown and Goldmark show a
    # second reference to note 1 as "1" again, where the plugin writes "[1:1]".
    return f"[{tokens[idx].meta['id'] + 1}]"


def _render_footnote_block_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    # The plugin's opening tags, on one line: a rendered line maps to one line of
    # the file, and the rule, the notes' section and their list all start at the
    # first note (see _footnote_lines).
    hr = '<hr class="footnotes-sep" />' if options.xhtmlOut else '<hr class="footnotes-sep">'
    return f'{hr}<section class="footnotes"><ol class="footnotes-list">\n'


def _footnote_lines(state: StateCore) -> None:
    """Core rule: the notes' list starts at the first note's line in the file.

    The footnote plugin gathers the notes after the last block with no source
    line of their own, so their rule and list would take the line of the block
    before them. A text without notes keeps no footnote record in ``env``.
    """
    notes = state.env.get("footnotes")
    if notes is None:
        return  # no note was looked for (the plugin's own test, in footnote_tail)
    if not any(notes.values()):
        # The plugin's reference rule leaves an empty record wherever it looked and
        # found nothing: drop it, so that a text without notes leaves ``env`` as it
        # was, whichever rules were tried (see _dead_rules).
        del state.env["footnotes"]
        return
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "footnote_block_open" and token.map is None:
            first = next((t.map for t in tokens[index + 1 :] if t.map is not None), None)
            if first is not None:
                token.map = [first[0], first[0]]
            return


# Attributes at the end of a heading: kramdown's header ID "## Title {#id}", Goldmark's
# (Hugo's) "## Title {#id .class key=value}", and an IAL "{: .class}". Neither renders
# them as text, so they are not part of the title.
_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{[ \t]*[#.:][^{}\n]*\}[ \t]*$")


def _heading_attributes(state: StateCore) -> None:
    """Core rule: drop the attribute list that ends a heading's text."""
    if "{" not in state.src:
        return  # most texts: no attribute list anywhere, no token to look at
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            inline = tokens[index + 1]
            if "{" in inline.content:
                inline.content = _HEADING_ATTRIBUTES.sub("", inline.content)


# A kramdown block IAL or attribute list definition alone on its line ("{: .note}",
# "{:#id}", "{:ref: .class}"); not an extension ("{::comment}") nor its end ("{:/}").
_BLOCK_IAL = re.compile(r"\{:(?![:/])[^{}\n]*\}[ \t]*$")
# A span IAL, right after the element it applies to ("![a](b.png){: .center}").
_SPAN_IAL = re.compile(r"\{:(?![:/])[^{}\n]*\}")


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


# The IAL that makes the list above it the place of the table of contents.
_TOC_IAL = re.compile(r"\{:\s*toc\s*\}")


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
    Markdown unread (an HTML block).
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line]
    if not state.src.startswith("{::", start + state.tShift[start_line]):
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
    """Block rule: a kramdown abbreviation definition line, taken without a token."""
    return _take_line(state, start_line, silent, "*[", _ABBREVIATION, match_from_line_start=True)


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

    That is first in its container, or after a blank line, an end-of-block
    marker (``^``), or block IALs that follow one of those. Not after a
    paragraph's line, nor right after another block (a heading, a list, an HTML
    block), nor after a definition of a link, an abbreviation or an ALD.
    """
    previous = line - 1
    while True:
        if previous < 0 or _first_in_container(state, previous + 1) or state.isEmpty(previous):
            return True
        text = state.src[state.bMarks[previous] + state.tShift[previous] : state.eMarks[previous]]
        if text.rstrip(" \t") == "^" and state.sCount[previous] == state.blkIndent:
            return True
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
    """Whether ``line`` lets a table end above it: the end, a blank line, ``^`` or an IAL."""
    if line >= end_line or state.sCount[line] < state.blkIndent or state.isEmpty(line):
        return True
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    indent = state.sCount[line] - state.blkIndent
    if text.rstrip(" \t") == "^" and indent == 0:
        return True
    return indent < 4 and text.startswith("{:") and _BLOCK_IAL.match(text) is not None


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
    if src.find("arkdown", pos, eol) < 0:
        return None
    opening = _OPENING_TAG.match(src, pos, eol)
    if (
        opening is None
        or opening.group(1).lower() not in _KRAMDOWN_BLOCK_SET
        or _MARKDOWN_BLOCK_ATTR.search(opening.group(2)) is None
        or src[opening.end() : eol].strip(" \t")
    ):
        return None
    return line + 1


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
    if attributes.endswith("/") or ("arkdown" in attributes and _MARKDOWN_ATTR.search(attributes)):
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
    md.block.ruler.before(
        "paragraph",
        "kramdown_extension",
        _kramdown_extension,
    )
    # kramdown's tables, not GFM's: tried where kramdown tries them, after lists
    # and before definitions, and never ending a paragraph.
    md.disable("table")
    md.block.ruler.after("list", "kramdown_table", _kramdown_table)
    md.block.ruler.before("paragraph", "kramdown_abbreviation", _kramdown_abbreviation)
    md.block.ruler.before(
        "paragraph",
        "kramdown_end_of_block",
        _kramdown_end_of_block,
        {"alt": ["paragraph", "blockquote"]},
    )
    md.inline.ruler.after("text", "kramdown_span_ial", _kramdown_span_ial)
    md.inline.ruler.after("kramdown_span_ial", "kramdown_span_extension", _kramdown_span_extension)
    md.core.ruler.after("block", "heading_attributes", _heading_attributes)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.core.ruler.after("block", "alerts", _alerts)
    _with_containers(md)
    _with_definition_lists(md)
    return _with_footnotes(md)


def tokenize(name: str, text: str, env: dict[str, Any]) -> list[Token]:
    """The block tokens of a (preprocessed) body in a flavor: what ``md.parse`` gives.

    A news body written as HTML is mostly kramdown HTML blocks, and markdown-it
    would walk each of its lines through its block loop only for the kramdown
    rule to take them whole. So when that rule is a flavor's first, the run of
    HTML blocks at the start of the body is cut here, line by line, by the same
    function the rule uses, and markdown-it parses only the rest (from a block
    boundary, where its state is what a fresh parse starts with). A short rest
    that comes back (a site's promo line, in every post) is parsed once per
    flavor's parser and handed out as fresh copies of its tokens; to change a
    flavor, register it again rather than editing its parser in place.
    """
    blocks, line, rest = _cut_leading_html(name, text)
    if rest is None:
        return _parse(get_markdown(name), text, env)
    tokens = [_html_block_token(block) for block in blocks]
    tokens.extend(_rest_tokens(name, rest, line, env))
    return tokens


_HtmlBlock = tuple[int, int, str]
"""A leading HTML block: its first line, the line after it (0-based), and its text."""


def _cut_leading_html(name: str, text: str) -> tuple[list[_HtmlBlock], int, str | None]:
    """The leading HTML blocks of a (preprocessed) body, the line after them, and the rest.

    The rest is the text after the blocks, normalized as markdown-it would; it
    is None when the flavor's first block rule is not the kramdown one, which
    leaves the whole text to ``md.parse``.
    """
    md = get_markdown(name)
    rules = md.block.ruler.get_active_rules()
    if not rules or rules[0] != "kramdown_html_block":
        return [], 0, None
    # Lines such as "<hr>" that the kramdown rule leaves to CommonMark's HTML-block
    # rule can be cut here too, as long as no other rule can come first (a footnote
    # definition cannot: it opens its line with "[^").
    before = [rule for rule in rules[1:] if rule != "footnote_def"][: len(_BEFORE_HTML_BLOCK)]
    commonmark_html = md.options.get("html") is True and before in _BEFORE_HTML_BLOCK_ORDERS
    if "\r" in text or "\0" in text:
        # What markdown-it's own first step (normalize) does before it cuts lines.
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    blocks, line, offset = _leading_html_blocks(text, commonmark_html=commonmark_html)
    if blocks and blocks[-1][1] == line and "|" in text[offset : _line_end(text, offset)]:
        # A kramdown table starts only at a block boundary, which the line right
        # after an HTML block is not: the parser sees that block, to tell.
        line, _, content = blocks.pop()
        offset -= len(content)
    return blocks, line, text[offset:]


def _line_end(text: str, start: int) -> int:
    """Where the line starting at ``start`` ends (its newline, or the text's end)."""
    end = text.find("\n", start)
    return end if end >= 0 else len(text)


def _rest_tokens(name: str, rest: str, line: int, env: dict[str, Any]) -> list[Token]:
    """The tokens of what follows a body's leading HTML blocks (from `_cut_leading_html`).

    ``line`` is the rest's first line in the body: the tokens' lines count from
    the body's start.
    """
    if not rest:
        return []
    tokens = _parse_rest(name, get_markdown(name), rest, env)
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + line, token.map[1] + line]
    return tokens


def _html_block_token(block: _HtmlBlock) -> Token:
    """The token markdown-it's kramdown rule makes of a leading HTML block."""
    line, after, content = block
    token = Token("html_block", "", 0, map=[line, after], block=True)
    token.content = content
    return token


# What is left after a news body's HTML is most often the site's promo line, the
# same in hundreds of posts ("생생한 뉴스, <a …>"): its tokens are kept, by flavor
# and text, and handed out as copies. Only short texts that leave ``env`` alone
# (no reference definitions) are kept, so a cached parse is the parse.
_REST_TOKENS: Kept[tuple[str, str], list[Token]] = Kept(256)
_REST_CACHE_LENGTH = 1000


def _parse_rest(name: str, md: MarkdownIt, text: str, env: dict[str, Any]) -> list[Token]:
    if len(text) > _REST_CACHE_LENGTH or env:
        return _parse(md, text, env)
    key = (name, text)
    kept = _REST_TOKENS.get(key, md)
    if kept is not None:
        return [_copy_token(token) for token in kept]
    tokens = _parse(md, text, env)
    if not env:
        _REST_TOKENS.put(key, [_copy_token(token) for token in tokens], md)
    return tokens


def _parse(md: MarkdownIt, text: str, env: dict[str, Any]) -> list[Token]:
    """``md.parse(text, env)``, without trying the rules that cannot match in ``text``.

    Every block rule is tried at every line (and again as a terminator of the
    paragraph before it), every inline rule at every character that stops plain
    text: on a Markdown body, rules it gives no chance still cost a good part of
    the parse. The tokens are the same, rule by rule (see `_dead_rules`).
    """
    return _pruned(md, _dead_rules(text)).parse(text, env)


# Where a block starts, only indentation, list markers and ">" precede it on its
# line: a line holding none of a rule's opening characters after such a prefix
# cannot open that rule's block (nor end a paragraph with it). The first line,
# then every other.
_QUOTE_FIRST = re.compile(r"[ \t>*+\-.)0-9]*>")
_QUOTE_NEXT = re.compile(r"\n[ \t>*+\-.)0-9]*>")
_REFERENCE_FIRST = re.compile(r"[ \t>*+\-.)0-9]*\[")
_REFERENCE_NEXT = re.compile(r"\n[ \t>*+\-.)0-9]*\[")
# A definition's marker, ":" then a space, after only a block prefix on a line
# after the first (a term comes first).
_DEFINITION_NEXT = re.compile(r"\n[ \t>*+\-.)0-9]*:[ \t]")
# A line holding only "^" (after indentation).
_END_OF_BLOCK = re.compile(r"^[ \t]*\^[ \t]*$", re.MULTILINE)


def _dead_rules(text: str) -> frozenset[str]:
    r"""Names of markdown-it's stock rules that cannot match anywhere in ``text``.

    Each test is looser than its rule: a fence needs three backticks or tildes
    in a row; indented code four columns of spaces or a tab; a blockquote a ">",
    a reference definition a "[", each after only a block prefix on its line;
    the inline rules their own character; footnotes a "[^"; kramdown's extensions
    a "{::", its abbreviations a "*[", its end-of-block marker a line of "^", its
    tables a "|"; Hugo's shortcode calls a "{{".
    ``text`` must be normalized as ``md.parse`` would (lines end at "\n" alone):
    with any "\r" left, no rule is called dead.
    """
    if "\r" in text:
        return frozenset()
    dead = []
    # One character is looked for much faster than several: test it before its sequences.
    backtick, tilde, brace, bracket = "`" in text, "~" in text, "{" in text, "[" in text
    if not ((backtick and "```" in text) or (tilde and "~~~" in text)):
        dead.append("fence")
    if "    " not in text and "\t" not in text:
        dead.append("code")
    if _QUOTE_FIRST.match(text) is None and _QUOTE_NEXT.search(text) is None:
        dead.append("blockquote")
    if _REFERENCE_FIRST.match(text) is None and _REFERENCE_NEXT.search(text) is None:
        dead.append("reference")
    if not backtick:
        dead.append("backticks")
    if not tilde:
        dead.append("strikethrough")
    if "\\" not in text:
        dead.append("escape")
    if not (bracket and "[^" in text):
        dead.extend(("footnote_def", "footnote_ref"))
    if not (brace and "{::" in text):
        dead.extend(("kramdown_extension", "kramdown_span_extension"))
    if not (bracket and "*[" in text):
        dead.append("kramdown_abbreviation")
    if _END_OF_BLOCK.search(text) is None:
        dead.append("kramdown_end_of_block")
    if not (brace and "{{" in text):
        dead.append("hugo_shortcode_call")
    if "|" not in text:
        dead.append("kramdown_table")
    if ":::" not in text:
        dead.append("fenced_container")
    if _DEFINITION_NEXT.search(text) is None:
        dead.append("definition_list")
    return frozenset(dead)


def _stock_rules() -> frozenset[tuple[str, object]]:
    """Every (name, function) of markdown-it's own rules, and of the flavors' here."""
    rulers: list[Ruler[Any]] = [ParserCore().ruler, ParserBlock().ruler]
    inline = ParserInline()
    rulers += [inline.ruler, inline.ruler2]
    rules = {(rule.name, rule.fn) for ruler in rulers for rule in ruler.__rules__}
    rules |= {
        ("kramdown_html_block", _kramdown_html_block),
        ("whole_body_is_html", _whole_body_is_html),
        ("kramdown_ial", _kramdown_ial),
        ("kramdown_span_ial", _kramdown_span_ial),
        ("kramdown_extension", _kramdown_extension),
        ("kramdown_span_extension", _kramdown_span_extension),
        ("kramdown_abbreviation", _kramdown_abbreviation),
        ("kramdown_end_of_block", _kramdown_end_of_block),
        ("kramdown_table", _kramdown_table),
        ("heading_attributes", _heading_attributes),
        ("gfm_autolinks", _gfm_autolinks),
        ("task_lists", _task_lists),
        ("alerts", _alerts),
        ("fenced_container", _fenced_container),
        ("definition_list", _definition_list),
        ("hugo_shortcode_call", hugo_shortcode_call),
        ("footnote_def", footnote_def),
        ("footnote_ref", footnote_ref),
        ("footnote_tail", footnote_tail),
        ("footnote_lines", _footnote_lines),
    }
    return frozenset(rules)


def _rule_function(fn: object) -> object:
    """The function a rule runs: a ``partial`` (the footnote plugin binds an option) unwrapped."""
    return fn.func if isinstance(fn, partial) else fn


_PRUNED: Kept[tuple[int, frozenset[str]], MarkdownIt] = Kept(256)


def _pruned(md: MarkdownIt, dead: frozenset[str]) -> MarkdownIt:
    """``md`` with the ``dead`` rules off (made once, then kept), or ``md`` itself.

    Only a parser whose every rule is markdown-it's own (or a flavor's here) is
    pruned: the tests of `_dead_rules` know what those rules match, and no other
    rule can parse text they have not seen. The copy shares all but the rule
    lists it changes; like the tokens of `_parse_rest`, it follows a flavor
    registered again, not one edited in place.
    """
    if not dead:
        return md
    key = (id(md), dead)
    kept = _PRUNED.get(key, md)
    if kept is not None:
        return kept
    rulers = (md.core.ruler, md.block.ruler, md.inline.ruler, md.inline.ruler2)
    if not all(
        (rule.name, _rule_function(rule.fn)) in _STOCK
        for ruler in rulers
        for rule in ruler.__rules__
    ):
        pruned = md
    else:
        pruned = copy.copy(md)
        pruned.block = copy.copy(md.block)
        pruned.inline = copy.copy(md.inline)
        pruned.block.ruler = _without(md.block.ruler, dead)
        pruned.inline.ruler = _without(md.inline.ruler, dead)
        pruned.inline.ruler2 = _without(md.inline.ruler2, dead)
    _PRUNED.put(key, pruned, md)
    return pruned


def _without(ruler: Ruler[Any], names: frozenset[str]) -> Ruler[Any]:
    """A copy of ``ruler`` with the rules of those names off (the original untouched)."""
    copied = copy.copy(ruler)
    copied.__rules__ = [copy.copy(rule) for rule in ruler.__rules__]
    copied.__cache__ = None
    copied.disable([rule.name for rule in copied.__rules__ if rule.name in names])
    return copied


def _copy_token(token: Token) -> Token:
    """A copy sharing nothing mutable with ``token`` (its children copied too)."""
    children = token.children
    return Token(
        token.type,
        token.tag,
        token.nesting,
        dict(token.attrs),
        list(token.map) if token.map is not None else None,
        token.level,
        [_copy_token(child) for child in children] if children is not None else None,
        token.content,
        token.markup,
        token.info,
        dict(token.meta),
        token.block,
        token.hidden,
    )


_BEFORE_HTML_BLOCK = [
    "table",
    "code",
    "fence",
    "blockquote",
    "hr",
    "list",
    "reference",
    "html_block",
]
# The rules tried before CommonMark's HTML-block rule: with GFM's table rule, or
# with kramdown's (after lists), which takes no line a block-level tag opens.
_BEFORE_HTML_BLOCK_ORDERS = [
    _BEFORE_HTML_BLOCK,
    [*_BEFORE_HTML_BLOCK[1:6], "kramdown_table", *_BEFORE_HTML_BLOCK[6:]],
]
# CommonMark HTML blocks of kinds 6 and 7 (a block-level tag, or any tag alone on
# its line) end at the next blank line; kinds 1 to 5 run to a closing string.
_TO_BLANK_LINE = [start for start, _, _ in HTML_SEQUENCES[5:7]]
_TO_CLOSING = [start for start, _, _ in HTML_SEQUENCES[:5]]


_PLUS_ONE = (1).__add__


@cache
def _one_line_block_pattern() -> re.Pattern[str]:
    r"""A line that is one whole kramdown HTML block, as `_html_block_end` cuts it.

    It matches only where `_html_block_end` gives the next line, so a line it
    refuses just goes the long way: a lower-case block-level tag opening the line
    (not ``<hr>``, not self-closing, no ``markdown`` in its attributes and no
    ``<`` either); then text and other tags, where no ``<`` starts an opening or
    closing tag of the same name as the close search sees it (any case, followed
    by a space, ``/`` or ``>``), up to ``</tag>``; then text without ``<`` to the
    end of the line. One branch a tag: the name is spelt out in the branch, so
    the inner test is the very pattern `_html_block_end` searches with, and no
    back-reference (whose case folding is not the pattern's) is needed.

    Match it with ``endpos`` just after the line's newline: ``\Z`` is then the
    line's end, and nothing is read past it. No branch backtracks more than once
    over a character (each "<" is taken by one alternative only), so a long line
    costs linear time.

    Compiled on first use (once a process, cached): its fifty branches take the
    regex compiler as long as parsing a few posts, which a process that reads no
    kramdown post need not pay.
    """
    branches = [
        rf"{tag}(?=[ \t/>])(?![^<>]*arkdown)[^<>]*(?<!/)>"
        rf"[^<]*(?:<(?!(?i:/?{tag})[\s/>])[^<]*)*</{tag}>"
        for tag in sorted(_KRAMDOWN_BLOCK_SET - {"hr"})
    ]
    return re.compile(rf"<(?:{'|'.join(branches)})[^<]*\Z")


def _leading_html_blocks(
    src: str, *, commonmark_html: bool = False
) -> tuple[list[_HtmlBlock], int, int]:
    """The HTML blocks opening ``src``; the line and offset after them.

    Blocks are the kramdown rule's, and with ``commonmark_html`` also those
    CommonMark's HTML-block rule would cut for a line the kramdown rule leaves
    (such as "<hr>"): no rule before it but the table rule can take a line
    opening with "<", and that one needs a delimiter row on the next line.

    Lines are markdown-it's: split at newlines, a blank line holds only spaces
    and tabs, tabs indent to the next multiple of four.
    """
    lines = src.split("\n")
    if lines[-1] == "":
        lines.pop()  # a final newline ends the last line; it opens no other
    total = len(lines)
    length = len(src)
    # ends[n]: where line n ends, its newline's offset: the running sum of the
    # lines' lengths plus one, from -1 (all in C).
    ends = list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=-1))
    del ends[0]
    ends.append(length)  # the lookahead may ask one line past the end, as eMarks allows
    blocks: list[_HtmlBlock] = []
    line = 0
    one_line_block = _one_line_block_pattern().match
    while line < total:
        text = lines[line]
        if not text:
            line += 1  # blank, as most lines between blocks are: nothing to strip
            continue
        start = ends[line] - len(text)
        whole = one_line_block(src, start, ends[line] + 1)
        if whole is not None:
            # Most lines of an HTML body: what _html_block_end finds, found in one match.
            blocks.append((line, line + 1, whole[0]))
            line += 1
            continue
        lead = text.lstrip(" \t")
        if not lead:
            line += 1  # blank
            continue
        indent = len(text) - len(lead)
        if indent and _columns(text[:indent]) >= 4:
            break
        text_at = start + indent
        after = _html_block_end(src, text_at, ends, line, total)
        if after is None:
            after = _markdown_block_open(src, text_at, ends[line], line)
        if after is None and commonmark_html:
            after = _commonmark_html_end(src, text_at, ends, line, total)
        if after is None:
            break
        blocks.append((line, after, src[start : ends[after - 1] + 1]))
        line = after
    return blocks, line, ends[line] - len(lines[line]) if line < total else length


def _commonmark_html_end(
    src: str, text_at: int, ends: list[int], line: int, total: int
) -> int | None:
    """The line after a CommonMark HTML block of kind 6 or 7 opening ``line``, or None.

    Such a block runs to the next blank line. It is None for any other line, and
    where the table rule (tried before the HTML-block rule) might take the line
    as a table header: when the next line could be a delimiter row.
    """
    text = src[text_at : ends[line]]
    if not text.startswith("<") or any(start.search(text) for start in _TO_CLOSING):
        return None
    if "|" in text:
        return None  # a kramdown table's line, maybe (one a span-level tag opens)
    if not any(start.search(text) for start in _TO_BLANK_LINE):
        return None
    following = line + 1
    if following < total:
        row = src[ends[line] + 1 : ends[following]]
        lead = row.lstrip(" \t")
        if lead[:1] in ("|", "-", ":") and _columns(row[: len(row) - len(lead)]) < 4:
            return None
    while following < total and src[ends[following - 1] + 1 : ends[following]].strip(" \t"):
        following += 1
    return following


def _columns(indent: str) -> int:
    """Width of leading spaces and tabs, a tab to the next multiple of four (as ``sCount``)."""
    width = 0
    for char in indent:
        width += 4 - width % 4 if char == "\t" else 1
    return width


_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)
_LIQUID_ASSIGN = re.compile(r"""\{%-?\s*assign\s+(\w+)\s*=\s*(["'])(.*?)\2\s*-?%\}""")
_LIQUID_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_LIQUID_HIGHLIGHT = re.compile(r"^\{%-?\s*highlight\s+(\w+)[^%]*%\}[ \t]*$", re.MULTILINE)
_LIQUID_END_HIGHLIGHT = re.compile(r"^\{%-?\s*endhighlight\s*-?%\}[ \t]*$", re.MULTILINE)
# Octopress's code block tag, which Hexo kept: {% codeblock [title] [lang:name] [url] %}.
_LIQUID_CODEBLOCK = re.compile(r"^\{%-?\s*codeblock\b([^%\n]*)%\}[ \t]*$", re.MULTILINE)
_CODEBLOCK_LANG = re.compile(r"\blang:([\w+#.-]+)")
_LIQUID_END_CODEBLOCK = re.compile(r"^\{%-?\s*endcodeblock\s*-?%\}[ \t]*$", re.MULTILINE)


def liquid(text: str) -> str:
    r"""What Jekyll's Liquid pass leaves for kramdown, as far as a post alone can say.

    Comments disappear, ``{% highlight %}`` blocks (and Octopress's and Hexo's
    ``{% codeblock %}``) become code fences, Hexo's ``{% asset_img %}``, ``{% img %}``
    and ``{% post_link %}`` the image or link Hexo writes, string
    ``{% assign %}`` variables are substituted into ``{{ name }}``; includes and
    everything else stay as written. Line count is kept.

    Examples:
        >>> liquid('{% assign u = "https://x.org/" %}[a]({{u}}1)')
        '[a](https://x.org/1)'
        >>> liquid("text{% comment %}\n## gone\n{% endcomment %}")
        'text\n\n'
    """
    if "{" not in text or "{%" not in text:  # one character first: much faster to find
        return text
    text = _LIQUID_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _LIQUID_HIGHLIGHT.sub(lambda m: f"```{m.group(1)}", text)
    text = _LIQUID_END_HIGHLIGHT.sub("```", text)
    if "codeblock" in text:
        text = _LIQUID_CODEBLOCK.sub(_codeblock_fence, text)
        text = _LIQUID_END_CODEBLOCK.sub("```", text)
    if ("img" in text or "post_link" in text) and _HEXO_TAG.search(text) is not None:
        text = _HEXO_TAG_OR_CODE.sub(_hexo_tag_html, text)
    text = _LIQUID_RAW.sub("", text)
    variables = {name: value for name, _, value in _LIQUID_ASSIGN.findall(text)}
    if variables:
        text = _LIQUID_ASSIGN.sub("", text)
        names = "|".join(re.escape(name) for name in variables)
        text = re.sub(r"\{\{\s*(" + names + r")\s*\}\}", lambda m: variables[m.group(1)], text)
    return text


# Hexo's image and link tags (Octopress's img too), one line each:
# {% asset_img [class] slug [width] [height] [title [alt]] %}, {% img ... %} with a path,
# {% post_link slug [text] %}.
_HEXO_TAG = re.compile(
    r"\{%-?[ \t]*(?P<tag>asset_img|img|post_link)[ \t]+(?P<arguments>[^%\n]*?)[ \t]*-?%\}"
)
_HEXO_ARGUMENT = re.compile(r"\"([^\"]*)\"|'([^']*)'|(\S+)")
_HEXO_META = re.compile(r"""["']?([^"']+)?["']?\s*["']?([^"']+)?["']?""")


def _hexo_tag_html(tag: re.Match[str]) -> str:
    """A Hexo image or post link tag as the HTML Hexo writes for it (the address as written).

    As Hexo's ``img`` tag reads its arguments: class names up to the image, a width
    and a height if they are numbers, then the title and the alt text, each quoted
    ("title 'alt'" too); an image with a title only has no alt text. A post link's
    text is the one given, else (Hexo writes the linked post's title) its slug.
    """
    if tag.group("tag") is None:
        return tag.group()  # code, or a raw block: shown as written
    name = tag.group("tag")
    # Each argument, and whether it was quoted.
    words = [
        (argument.group(argument.lastindex or 0), argument.lastindex != 3)
        for argument in _HEXO_ARGUMENT.finditer(tag.group("arguments"))
    ]
    if not words:
        return tag.group()
    if name == "post_link":
        slug = words[0][0]
        text = " ".join(word for word, _ in words[1:] if word.lower() not in ("true", "false"))
        return f'<a href="{html.escape(slug)}">{html.escape(text or slug)}</a>'
    index = next(
        (i for i, (word, _) in enumerate(words) if "." in word or "/" in word or ":" in word),
        None,
    )
    if index is None:
        return tag.group()
    attributes = f' src="{html.escape(words[index][0])}"'
    rest = words[index + 1 :]
    while rest and rest[0][0].isdigit() and len(attributes) < 200:
        rest = rest[1:]  # the width and the height
    if len(rest) >= 2 and rest[0][1] and rest[1][1]:
        title, alt = rest[0][0], rest[1][0]  # "title" "alt", as hexo-tag-img writes them
    else:
        meta = _HEXO_META.match(" ".join(word for word, _ in rest))
        title, alt = (meta.group(1), meta.group(2)) if meta else (None, None)
    if title and title.strip():
        attributes += f' title="{html.escape(title.strip())}"'
    if alt and alt.strip():
        attributes += f' alt="{html.escape(alt.strip())}"'
    return f"<img{attributes}>"


def _codeblock_fence(tag: re.Match[str]) -> str:
    """A ``{% codeblock … lang:rust %}`` tag as the opening fence of the same code."""
    language = _CODEBLOCK_LANG.search(tag.group(1))
    return "```" + (language.group(1) if language else "")


# Hugo's built-in shortcodes that shape what a post shows: a figure (its image and
# caption), and ref/relref (a link's address). Hugo runs shortcodes before Goldmark,
# also inside code; "{{</* figure */>}}" is the escape that shows one as text.
# A call's arguments never hold "{{": a call that does not close stops being looked at
# where the next one opens, so a text of many open calls is read in linear time.
_HUGO_SHORTCODE_CALL = re.compile(
    r"(?P<escaped>\{\{[<%]/\*(?:(?!\{\{).)*?\*/[>%]\}\})"
    r"|\{\{(?:<\s*(?P<angle>figure|ref|relref)\b(?P<angle_args>(?:(?!\{\{).)*?)/?>\}\}"
    r"|%\s*(?P<percent>figure|ref|relref)\b(?P<percent_args>(?:(?!\{\{).)*?)/?%\}\})",
    re.DOTALL,
)
# One argument of a shortcode call, named (src="a.jpg") or not; the image rules read
# figure calls with it too, so that they see the image this parser reads.
SHORTCODE_ARGUMENT = re.compile(
    r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|`(?P<raw>[^`]*)`|(?P<bare>[^\s"`]+))"""
)


def hugo_shortcodes(text: str) -> str:
    r"""What Hugo's ``figure``, ``ref`` and ``relref`` shortcodes put into a post, for Goldmark.

    A figure becomes its ``<figure>`` (the image, with the caption as its alt text
    when it has none, as Hugo writes it); ``ref`` and ``relref`` become the page
    they name, so ``[text]({{< ref "a.md" >}})`` is a link. An escaped call,
    ``{{</* name */>}}``, shows as the call. Other shortcodes stay as written. Line
    count is kept.

    Examples:
        >>> hugo_shortcodes('{{< figure src="/a.jpg" caption="Launch" >}}')
        '<figure><img src="/a.jpg" alt="Launch"><figcaption><p>Launch</p></figcaption></figure>'
        >>> hugo_shortcodes('[next]({{< relref "b.md" >}})')
        '[next](b.md)'
    """
    if "{" not in text or ("{{<" not in text and "{{%" not in text):  # one character first
        return text
    if "highlight" in text:
        text = _HUGO_HIGHLIGHT.sub(_highlight_fence, text)
    return _HUGO_SHORTCODE_CALL.sub(_expand_shortcode, text)


# Hugo's highlight shortcode, its tags each alone on a line: the code between them,
# highlighted as the language says (Hugo writes a <pre> with the code as it is).
_HUGO_HIGHLIGHT = re.compile(
    r"^(?P<indent>[ \t]*)\{\{([<%])\s*highlight\b[ \t]*"
    r"(?P<language>[^\s\"`>%]*)[^\n]*?[>%]\}\}[ \t]*\n"
    # Not past the next opening tag: many unclosed ones are read in linear time.
    r"(?P<code>(?:(?![ \t]*\{\{[<%]\s*highlight\b).*\n)*?)"
    r"[ \t]*\{\{\2\s*/\s*highlight\s*[>%]\}\}[ \t]*$",
    re.MULTILINE,
)


def _highlight_fence(call: re.Match[str]) -> str:
    """A highlight shortcode as the code fence Goldmark reads as the same code block."""
    code = call.group("code")
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
    indent = call.group("indent")
    return f"{indent}{fence}{call.group('language')}\n{code}{indent}{fence}"


def _expand_shortcode(call: re.Match[str]) -> str:
    escaped = call.group("escaped")
    if escaped:
        return escaped[:3] + escaped[5:-5] + escaped[-3:]  # "{{</* x */>}}": "{{< x >}}"
    name = call.group("angle") or call.group("percent")
    arguments = call.group("angle_args") or call.group("percent_args") or ""
    named: dict[str, str] = {}
    positional: list[str] = []
    for found in SHORTCODE_ARGUMENT.finditer(arguments):
        value = found.group("raw")
        if value is None:
            quoted = found.group("quoted")
            value = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else found.group("bare")
        if found.group("key"):
            named[found.group("key").lower()] = value
        else:
            positional.append(value)
    lines = "\n" * call.group(0).count("\n")
    if name != "figure":
        return (positional[0] if positional else named.get("path", "")) + lines
    return _figure_html(named) + lines


def _figure_html(named: dict[str, str]) -> str:
    """Hugo's figure shortcode, as its template writes it (on one line)."""
    alt = named.get("alt") or named.get("caption", "")
    image = f'<img src="{html.escape(named.get("src", ""))}"'
    image += f' alt="{html.escape(alt)}">' if alt else ">"
    if named.get("link"):
        image = f'<a href="{html.escape(named["link"])}">{image}</a>'
    caption = ""
    if named.get("title"):
        caption += f"<h4>{html.escape(named['title'])}</h4>"  # the caption is Markdown
    if named.get("caption") or named.get("attr"):
        caption += f"<p>{named.get('caption', '')}{named.get('attr', '')}</p>"
    if caption:
        caption = f"<figcaption>{caption}</figcaption>"
    css = f' class="{html.escape(named["class"])}"' if named.get("class") else ""
    return f"<figure{css}>{image}{caption}</figure>"


def _whole_body_is_html(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if silent:
        return False
    token = state.push("html_block", "", 0)
    token.map = [start_line, end_line]
    token.content = state.getLines(start_line, end_line, 0, True)
    state.line = end_line
    return True


def _html() -> MarkdownIt:
    # .html posts: Jekyll and Hugo run no Markdown on them, so neither do we.
    md = MarkdownIt("zero", {"html": True})
    md.block.ruler.before("table", "whole_body_is_html", _whole_body_is_html)
    return md


def _stock_render_rules() -> dict[str, object]:
    """Every rendering rule's function by name: markdown-it's own and the footnotes'.

    The footnote plugin's rules write only footnote tokens, so a renderer with them
    still writes an HTML block as it is.
    """
    renderer = _with_footnotes(MarkdownIt()).renderer
    assert isinstance(renderer, RendererHTML)
    return {name: rule.__func__ for name, rule in renderer.rules.items()}


def _renders_with_stock_rules(renderer: object) -> bool:
    """Whether every rendering rule is markdown-it's own or the footnotes' (none replaced)."""
    if type(renderer) is not RendererHTML:
        return False
    return all(
        getattr(rule, "__func__", None) is _STOCK_RENDER.get(name)
        for name, rule in renderer.rules.items()
    )


_STOCK = _stock_rules()
_STOCK_RENDER = _stock_render_rules()

register_flavor("commonmark", _commonmark)
register_flavor("html", _html, preprocess=liquid)
register_flavor("kramdown", _kramdown, preprocess=liquid)
register_flavor("goldmark", _goldmark, preprocess=hugo_shortcodes)
register_flavor("remark", _remark)
register_flavor("mdx", partial(_remark, smartypants=False))
register_flavor("marked", _marked, preprocess=liquid)
register_flavor("markdown-it", _eleventy_markdown_it, preprocess=liquid)

_HUGO_SHORTCODE = re.compile(r"\{\{[<%]")
_LIQUID = re.compile(r"\{%-?\s*\w+")
# Zola's shortcode calls, "{{ youtube(id=…) }}" and "{% note() %}…{% end %}": Liquid
# and Hugo call nothing with "name(", and Liquid closes its blocks with "end" and
# the tag's name.
ZOLA_SHORTCODE = re.compile(r"\{[{%]-?\s*(?:[A-Za-z_]\w*\(|end\s*-?%\})")
# Zola's front matter tables, which neither Hugo nor Jekyll has: taxonomies (its
# categories and tags) and extra (its free-form keys).
_ZOLA_TABLE = re.compile(r"^(?:\[(?:taxonomies|extra)\][ \t]*$|taxonomies:)", re.MULTILINE)


# Astro's front matter keys, which its blog template (pubDate, updatedDate, heroImage)
# and AstroPaper (pubDatetime, modDatetime) name in their schemas; Hugo reads pubDate
# as its publishDate, so a key alone tells nothing outside Astro's src/content/ folder.
_ASTRO_KEY = re.compile(
    r"^(?:pubDate|pubDatetime|updatedDate|modDatetime|heroImage)[ \t]*[:=]", re.MULTILINE
)
# A layout that is an Astro component ("layout: ../../layouts/Post.astro"): Astro's
# Markdown pages name theirs so, in whatever folder.
_ASTRO_LAYOUT = re.compile(r"^layout[ \t]*:[ \t]*['\"]?[^\n]*\.astro['\"]?[ \t]*$", re.MULTILINE)
# A front matter "layout:" key: Octopress's posts (Jekyll's, in source/_posts as
# Hexo's) have "layout: post"; Hexo's scaffolds write none.
_LAYOUT_KEY = re.compile(r"^layout[ \t]*:", re.MULTILINE)
# Eleventy's own keys (eleventyNavigation, eleventyExcludeFromCollections,
# eleventyComputed...), a layout in one of its template languages ("layout:
# layouts/post.njk"; Jekyll names its layouts without an extension), or a date that is
# one of its words for a date it takes at build time ("date: Last Modified").
_ELEVENTY_KEY = re.compile(
    r"^(?:[ \t]*\"?eleventy[A-Z]\w*\"?[ \t]*:"
    r"|layout[ \t]*:[^\n]*\.(?:njk|liquid|11ty\.js|11ty\.cjs|webc)['\"]?[ \t]*$"
    r"|date[ \t]*:[ \t]*['\"]?(?i:git[ \t]+)?(?i:last[ \t]+modified|created)['\"]?[ \t]*$)",
    re.MULTILINE,
)
# What each of Eleventy's signs holds: a front matter without any (nearly every post's)
# is spared the pattern, whose "^" (in MULTILINE mode) is tried at every character.
_ELEVENTY_HINTS = (
    "eleventy",
    ".njk",
    ".liquid",
    ".11ty",
    ".webc",
    # The date words, as written in any of their cases: (Last) Modified, LAST MODIFIED,
    # Created, created...
    "odified",
    "ODIFIED",
    "reated",
    "REATED",
)


def _is_eleventy(front_matter: str) -> bool:
    """Whether a YAML or JSON front matter names one of Eleventy's keys, layouts or date words."""
    return any(hint in front_matter for hint in _ELEVENTY_HINTS) and (
        _ELEVENTY_KEY.search(front_matter) is not None
    )


# Docusaurus's blog keys (its authors, from authors.yml or written out, and its page
# options), and the marker ending a post's summary in the blog's list.
_DOCUSAURUS_KEY = re.compile(r"^(?:authors|hide_table_of_contents|unlisted)[ \t]*:", re.MULTILINE)
_DOCUSAURUS_TRUNCATE = re.compile(
    r"^[ \t]*(?:<!--\s*truncate\s*-->|\{/\*\s*truncate\s*\*/\})", re.MULTILINE
)


def _is_docusaurus(parts: Sequence[str], front_matter: str, text: str) -> bool:
    """Whether a post is Docusaurus's: in its ``blog/`` folder, with one of its signs.

    An ``.mdx`` file, one of its keys or its summary marker; not in Hugo's
    ``content/blog/``, where Hugo's ``authors`` taxonomy is written alike.
    """
    if "blog" not in parts or "content" in parts:
        return False
    return (
        parts[-1].lower().endswith(".mdx")
        or _DOCUSAURUS_KEY.search(front_matter) is not None
        or ("truncate" in text and _DOCUSAURUS_TRUNCATE.search(text) is not None)
    )


# Hexo's asset and post tags, which no other generator has (Jekyll's is post_url).
_HEXO_ONLY_TAG = re.compile(r"\{%-?[ \t]*(?:asset_img|asset_link|asset_path|post_link|post_path)\b")


def _is_astro(parts: Sequence[str], front_matter: str) -> bool:
    """Whether a post is Astro's: in its ``src/content/`` with one of its keys, or its layout."""
    if ".astro" in front_matter and _ASTRO_LAYOUT.search(front_matter) is not None:
        return True
    in_content = any(
        part == "src" and following == "content" for part, following in pairwise(parts)
    )
    return in_content and _ASTRO_KEY.search(front_matter) is not None


def _is_hexo(parts: Sequence[str], front_matter: str, text: str) -> bool:
    """Whether a post is Hexo's: in its ``source/_posts`` without a layout, or with its tags."""
    in_source = any(
        part == "source" and following in ("_posts", "_drafts")
        for part, following in pairwise(parts)
    )
    if in_source and _LAYOUT_KEY.search(front_matter) is None:
        return True
    return "{%" in text and _outside_code(_HEXO_ONLY_TAG, text)


def detect_generator(
    text: str,
    *,
    path: str | None = None,
    front_matter_format: str = "none",
    front_matter: str = "",
) -> Generator | None:
    r"""Which site generator a post is written for, when the file says.

    Jekyll, Hugo, Zola, Pelican, Astro, Hexo, Eleventy or Docusaurus; None when it
    does not say.

    ``text`` is the body; ``front_matter``, the text between the delimiters,
    tells Zola (its ``[taxonomies]`` and ``[extra]`` tables) from Hugo, whose
    posts share its TOML front matter and ``content/`` folder. A header of
    ``Key: value`` lines (``front_matter_format="pelican"``) is Pelican's, in
    whatever folder (Pelican's is ``content/`` too). A post in Astro's
    ``src/content/`` naming one of its keys (``pubDate``, ``pubDatetime``,
    ``updatedDate``, ``modDatetime``, ``heroImage``), or whose layout is an Astro
    component (``layout: ../../layouts/Post.astro``), is Astro's. A post in Hexo's
    ``source/_posts`` (or ``_drafts``) without a ``layout`` key (Octopress's
    Jekyll posts, in the same folder, name theirs), or one using Hexo's own tags
    (``{% asset_img %}``, ``{% post_link %}`` and the like) where Jekyll would be
    the answer, is Hexo's. A post with YAML or JSON front matter naming one of
    Eleventy's keys (``eleventyNavigation``...), a layout in one of its template
    languages (``layout: layouts/post.njk``) or a date that is one of its words
    (``date: Last Modified``) is Eleventy's, in whatever folder but Jekyll's. A
    post in a ``blog/`` folder (not in ``content/``) that is an ``.mdx`` file,
    names ``authors``, ``hide_table_of_contents`` or ``unlisted``, or ends its
    summary with ``<!-- truncate -->`` is Docusaurus's.

    Examples:
        >>> detect_generator("", path="site/content/news/a.html")
        'hugo'
        >>> detect_generator("{% include x.html %}")
        'jekyll'
        >>> detect_generator("", front_matter_format="toml", front_matter="[taxonomies]\ntags = []")
        'zola'
        >>> detect_generator("", path="content/a.md", front_matter_format="pelican")
        'pelican'
        >>> detect_generator("", path="src/content/blog/a.md", front_matter="pubDate: 2024-06-19")
        'astro'
        >>> detect_generator("", path="source/_posts/a.md", front_matter="title: Launch")
        'hexo'
    """
    if front_matter_format == "pelican":
        return "pelican"  # a header of "Key: value" lines, which only Pelican reads
    # Folder names from either separator; not PurePath, whose cost shows on every post.
    parts = path.replace("\\", "/").split("/") if path else ()
    if "_posts" in parts or "_drafts" in parts:
        return "hexo" if _is_hexo(parts, front_matter, text) else "jekyll"
    if _is_astro(parts, front_matter):
        return "astro"
    if front_matter_format in ("yaml", "json") and _is_eleventy(front_matter):
        return "eleventy"
    if front_matter_format in ("yaml", "none") and _is_docusaurus(parts, front_matter, text):
        return "docusaurus"
    # Every tag below opens with "{": one fast look spares most news bodies the searches.
    tags = "{" in text
    if (
        ("taxonomies" in front_matter or "[extra]" in front_matter)
        and _ZOLA_TABLE.search(front_matter) is not None
    ) or (tags and _outside_code(ZOLA_SHORTCODE, text)):
        return "zola"
    if (
        front_matter_format == "toml"
        or "content" in parts
        or (tags and _outside_code(_HUGO_SHORTCODE, text))
    ):
        return "hugo"
    if front_matter_format == "yaml" or (tags and _outside_code(_LIQUID, text)):
        return "hexo" if tags and _is_hexo(parts, front_matter, text) else "jekyll"
    return None


def generator_of(
    flavor: str,
    text: str,
    *,
    path: str | None = None,
    front_matter_format: str = "none",
    front_matter: str = "",
) -> Generator | None:
    """The site generator a post read in ``flavor`` is written for.

    The generator whose renderer the flavor is (Goldmark is Hugo's, kramdown
    Jekyll's); for another flavor (``html``, ``commonmark``), what the file says
    (`detect_generator`).

    Examples:
        >>> generator_of("goldmark", "")
        'hugo'
        >>> generator_of("html", "", path="_posts/2024-01-01-a.html")
        'jekyll'
    """
    return _RENDERED_BY.get(flavor) or detect_generator(
        text, path=path, front_matter_format=front_matter_format, front_matter=front_matter
    )


# The generators whose renderer a flavor is: Goldmark is Hugo's, kramdown Jekyll's.
_RENDERED_BY: dict[str, Generator] = {"goldmark": "hugo", "kramdown": "jekyll"}


def flavor_and_generator(
    text: str,
    *,
    flavor: str | None = None,
    path: str | None = None,
    front_matter_format: str = "none",
    front_matter: str = "",
) -> tuple[str, Generator | None]:
    """A post's flavor (``flavor``, or `detect_flavor`'s) and `generator_of` it, the file read once.

    Examples:
        >>> flavor_and_generator("{% include x.html %}")
        ('kramdown', 'jekyll')
        >>> flavor_and_generator("", front_matter_format="json")
        ('goldmark', 'hugo')
    """
    if not flavor and _is_html_file(path):
        flavor = "html"  # no Markdown, as Jekyll and Hugo read it
    if flavor:
        return flavor, generator_of(
            flavor,
            text,
            path=path,
            front_matter_format=front_matter_format,
            front_matter=front_matter,
        )
    generator = detect_generator(
        text, path=path, front_matter_format=front_matter_format, front_matter=front_matter
    )
    chosen = _flavor_for(generator, front_matter_format)
    return chosen, _RENDERED_BY.get(chosen, generator)


# Code fences and inline code (not across a blank line): where a post about another
# generator shows its tags ("```\n{{< youtube id >}}\n```") without using them.
_CODE = re.compile(
    r"^[ ]{0,3}(?P<fence>`{3,}|~{3,}).*?(?:^[ ]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)"
    r"|(?P<ticks>`+)[^`](?:(?!\n[ \t]*\n).)*?(?P=ticks)",
    re.DOTALL | re.MULTILINE,
)
# Liquid's raw blocks, where a Jekyll post shows shortcodes (the tags are Liquid's own).
_LIQUID_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?(?:\{%-?\s*endraw\s*-?%\}|\Z)", re.DOTALL)


# A Hexo tag, or code or a raw block where one is shown as written (Hexo, as Jekyll,
# leaves its Markdown code blocks alone): one pass, code taken first.
_HEXO_TAG_OR_CODE = re.compile(
    f"(?:{_CODE.pattern}|{_LIQUID_RAW_BLOCK.pattern})|{_HEXO_TAG.pattern}", re.DOTALL | re.MULTILINE
)


def _outside_code(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches ``text`` outside code (and, for shortcodes, raw blocks)."""
    if pattern.search(text) is None:
        return False  # the usual answer, without looking for code
    text = _CODE.sub("", text)
    if pattern is _HUGO_SHORTCODE or pattern is _HEXO_ONLY_TAG:
        text = _LIQUID_RAW_BLOCK.sub("", text)
    return pattern.search(text) is not None


def detect_flavor(
    text: str, *, path: str | None = None, front_matter_format: str = "none", front_matter: str = ""
) -> str:
    r"""Guess a file's Markdown flavor from what it says; ``commonmark`` when it says nothing.

    An ``.html`` post is ``html`` (no Markdown, as Jekyll and Hugo read it); otherwise
    a Hugo post (TOML front matter, a ``content/`` folder, shortcodes) is ``goldmark``,
    a Jekyll post (a ``_posts`` folder, Liquid tags, YAML front matter) ``kramdown``,
    a Zola post (see `detect_generator`) ``commonmark``, as its renderer,
    pulldown-cmark, reads CommonMark with tables and no linkify; an Astro post
    ``remark`` (GitHub's Markdown and SmartyPants, Astro's defaults); a Hexo post
    ``marked`` (hexo-renderer-marked's defaults: GitHub's Markdown, line breaks,
    SmartyPants, definition lists, no footnotes); an Eleventy post ``markdown-it``
    (CommonMark with tables, Liquid first); a Docusaurus post ``mdx`` (remark
    with GitHub's Markdown, no SmartyPants; its JSX is not read).

    Examples:
        >>> detect_flavor("+++\ntitle = 'x'\n+++\n", front_matter_format="toml")
        'goldmark'
        >>> detect_flavor("---\n---\n", path="_posts/2024-01-01-x.md", front_matter_format="yaml")
        'kramdown'
    """
    return flavor_and_generator(
        text, path=path, front_matter_format=front_matter_format, front_matter=front_matter
    )[0]


def _is_html_file(path: str | None) -> bool:
    return bool(path) and os.path.splitext(os.path.basename(path or ""))[1].lower() in (
        ".html",
        ".htm",
    )


def _flavor_for(generator: Generator | None, front_matter_format: str) -> str:
    """The flavor of a Markdown post written for ``generator`` (see `detect_flavor`)."""
    if generator == "hugo" or (generator is None and front_matter_format == "json"):
        return "goldmark"
    if generator == "jekyll":
        return "kramdown"
    return _FLAVOR_OF.get(generator or "", "commonmark")


# The flavor of the other generators' posts: Astro renders with remark, Hexo with marked,
# Eleventy with markdown-it, Docusaurus with MDX.
_FLAVOR_OF: dict[str, str] = {
    "astro": "remark",
    "hexo": "marked",
    "eleventy": "markdown-it",
    "docusaurus": "mdx",
}
