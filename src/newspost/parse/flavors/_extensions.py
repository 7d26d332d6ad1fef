"""markdown-it rules that several flavors add to CommonMark, each a plain function.

GitHub's alerts, task lists and autolinks, ``:::`` containers, definition lists,
footnotes (with their source lines), ``{#id .class}`` heading attributes, Hugo's
shortcode calls kept as text (never inline HTML), and the ``html`` flavor's one
rule (the whole body is one HTML block). They are apart from the registry because
more than one flavor's parser is built from them (Goldmark, remark, marked and
kramdown alike), and apart from `_kramdown` because none of them is kramdown's
alone. This module imports nothing else of the package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

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


# An item's text opening with a box: "[ ]", "[x]" or "[X]", then a space.
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]")
# What mdit_py_plugins' tasklists plugin takes for a box at the start of an item's text.
_TASK_ITEM = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")
_CHECKBOX = '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'
_CHECKED_BOX = (
    '<input class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox">'
)
_LIST_OPEN = frozenset(["bullet_list_open", "ordered_list_open"])
_LIST_CLOSE = frozenset(["bullet_list_close", "ordered_list_close"])


def _task_lists(state: StateCore) -> None:
    """Core rule: a list item opening with ``[ ]`` or ``[x]`` is a task, its box a checkbox.

    Goldmark (Hugo's ``taskList``, on by default) and kramdown's GFM parser
    (Jekyll's default input) both render the box as a disabled checkbox before
    the item's text, which no longer holds the brackets. The tokens are those of
    mdit_py_plugins' tasklists plugin, which looked for each task's list by walking
    back through every token before it: a list of n tasks took n² steps (a minute
    for 30,000 "- [ ]" lines). The open lists are kept on a stack instead.
    """
    if _TASK_BOX.search(state.src) is None:
        return
    tokens = state.tokens
    lists: list[Token] = []  # the lists open at this token, innermost last
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in _LIST_OPEN:
            lists.append(token)
        elif kind in _LIST_CLOSE:
            if lists:
                lists.pop()
        elif (
            kind == "inline"
            and index >= 2
            and index + 1 < len(tokens)
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index - 2].type == "list_item_open"
            and _TASK_ITEM.match(token.content) is not None
        ):
            _check_box(token)
            tokens[index - 2].attrSet("class", "task-list-item")
            if lists:
                lists[-1].attrSet("class", "contains-task-list")


def _check_box(token: Token) -> None:
    """The plugin's ``todoify``: a checkbox before the item's text, the box's brackets gone."""
    assert token.children is not None
    checkbox = Token("html_inline", "", 0)
    if token.content.startswith("[ ] "):
        checkbox.content = _CHECKBOX
    elif token.content.startswith(("[x] ", "[X] ")):
        checkbox.content = _CHECKED_BOX
    token.children.insert(0, checkbox)
    token.children[1].content = token.children[1].content[3:]
    token.content = token.content[3:]


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


# Python-Markdown's admonition ("!!! note" or '!!! warning "Title"'), pymdownx.details'
# collapsible one ("??? tip", "???+ tip", open) and pymdownx.tabbed's tab ('=== "Tab"'):
# the kinds (one or more words), then the title in double quotes.
_ADMONITION = re.compile(
    r"(?:(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<kinds>[\w-]+(?:[ \t]+[\w-]+)*)?"
    r"|(?P<tab>===[+!]{0,2}))"
    r'(?:[ \t]+"(?P<title>[^"\n]*)")?[ \t]*$'
)


def _admonition(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: an MkDocs admonition, collapsible block or content tab is a box.

    ``!!! note "Title"`` (Python-Markdown's admonition), ``??? tip`` and ``???+ tip``
    (pymdownx.details) and ``=== "Tab"`` (pymdownx.tabbed), which MkDocs Material's
    posts use, hold the lines indented four columns under them: a ``<div>`` around
    their Markdown, its title (the quoted one, else the kind capitalized, as
    Python-Markdown writes it; a tab's label) shown as its first line. Other
    flavors show the marker as text and the lines under it as indented code.
    """
    indent = state.sCount[start_line]
    if indent - state.blkIndent >= 4:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    eol = state.eMarks[start_line]
    if state.src[first : first + 3] not in ("!!!", "???", "==="):
        return False
    opening = _ADMONITION.match(state.src, first, eol)
    if opening is None or (opening.group("tab") and opening.group("title") is None):
        return False  # a tab has a quoted label
    if opening.group("marker") and not (opening.group("kinds") or opening.group("title")):
        return False
    if silent:
        return True
    content = indent + 4
    line = end = start_line + 1
    while line < end_line:
        if state.isEmpty(line):
            line += 1
            continue
        if state.sCount[line] < content:
            break
        line += 1
        end = line
    kinds = (opening.group("kinds") or "").split()
    title = opening.group("title")
    if title is None:
        title = kinds[0].capitalize() if kinds else ""
    old_parent, old_line_max, old_indent = state.parentType, state.lineMax, state.blkIndent
    token = state.push("container_open", "div", 1)
    token.markup, token.info = opening.group("marker") or "===", state.src[first:eol]
    token.map = [start_line, end]
    token.attrSet("class", " ".join(["admonition", *kinds]) if kinds else "tabbed-block")
    if title.strip():
        token = state.push("paragraph_open", "p", 1)
        token.map = [start_line, start_line + 1]
        token = state.push("inline", "", 0)
        token.content, token.map, token.children = title.strip(), [start_line, start_line + 1], []
        state.push("paragraph_close", "p", -1)
    state.parentType, state.lineMax, state.blkIndent = "container", end, content
    state.md.block.tokenize(state, start_line + 1, end)
    state.parentType, state.lineMax, state.blkIndent = old_parent, old_line_max, old_indent
    token = state.push("container_close", "div", -1)
    token.markup = opening.group("marker") or "==="
    state.line = end
    return True


# An HTML tag alone on its line whose "markdown" attribute (bare, "1", "block" or
# "span") asks Python-Markdown's md_in_html to read what the element holds as Markdown:
# MkDocs Material's '<figure markdown>' around an image and its caption.
_MARKDOWN_IN_HTML = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)(?=[\s>])[^>\n]*?\smarkdown"
    r"""(?:\s*=\s*(?:"(?:1|block|span)"|'(?:1|block|span)'|1|block|span))?(?=[\s/>])"""
    r"[^>\n]*>[ \t]*$",
    re.IGNORECASE,
)


def _markdown_in_html(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: an element saying ``markdown`` holds Markdown, up to its closing tag.

    Its opening tag's line is an HTML block, and so is the line of the tag closing it
    (when it is alone on its line): the lines between are read as Markdown, as
    md_in_html reads them. CommonMark's rule took them raw up to the next blank line
    (an image was text), and a block there (``<figcaption>``) took the closing tag in.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    eol = state.eMarks[start_line]
    if not state.src.startswith("<", first) or state.src.find("arkdown", first, eol) < 0:
        return False
    opening = _MARKDOWN_IN_HTML.match(state.src, first, eol)
    if opening is None or state.level >= state.md.options["maxNesting"]:
        return False
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start_line, start_line + 1]
    token.content = state.getLines(start_line, start_line + 1, state.blkIndent, True)
    # Unclosed elements are looked for so far, and only so often: a body of many of
    # them stays linear.
    misses = state.env.get(_MARKDOWN_IN_HTML_MISSES, 0)
    close_line = None
    if misses < _MAX_MARKDOWN_IN_HTML_MISSES:
        last = min(end_line, start_line + _MARKDOWN_IN_HTML_LOOKAHEAD)
        close_line = _closing_tag_line(state, opening.group(1), start_line + 1, last)
    if close_line is None:
        state.env[_MARKDOWN_IN_HTML_MISSES] = misses + 1
        state.line = start_line + 1  # unclosed: what follows is read as it comes
        return True
    old_line_max = state.lineMax
    state.lineMax = close_line
    state.level += 1  # nested elements count toward maxNesting, as containers do
    state.md.block.tokenize(state, start_line + 1, close_line)
    state.level -= 1
    state.lineMax = old_line_max
    token = state.push("html_block", "", 0)
    token.map = [close_line, close_line + 1]
    token.content = state.getLines(close_line, close_line + 1, state.blkIndent, True)
    state.line = close_line + 1
    return True


_MARKDOWN_IN_HTML_MISSES = "_newspost_markdown_in_html_misses"
_MAX_MARKDOWN_IN_HTML_MISSES = 32
_MARKDOWN_IN_HTML_LOOKAHEAD = 400


def _closing_tag_line(state: StateBlock, name: str, start_line: int, end_line: int) -> int | None:
    """The line holding only the tag that closes a ``name`` element opened before ``start_line``."""
    tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])", re.IGNORECASE)
    depth = 1
    for line in range(start_line, end_line):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if "<" not in text:
            continue
        for found in tags.finditer(text):
            depth += -1 if found.group(1) else 1
            if not depth:
                alone = text.strip().lower() in (f"</{name.lower()}>",)
                return line if alone else None
    return None


def _with_admonitions(md: MarkdownIt) -> None:
    """``md`` reading MkDocs' admonitions, collapsible blocks and tabs (see `_admonition`)."""
    md.block.ruler.before(
        "code",
        "admonition",
        _admonition,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )


# Python-Markdown's attribute lists (attr_list): "{ #id .class key=value }", its colon
# optional, after a heading's text (past a space), on a paragraph's last line, or right
# after an image or a link. MkDocs shows none of it.
_HEADING_ATTRIBUTE_LIST = re.compile(r"[ \t]+\{:?[ \t]*[^}\n \t][^}\n]*\}[ \t]*$")
_BLOCK_ATTRIBUTE_LIST = re.compile(r"\n[ \t]*\{:?[ \t]*[^}\n \t][^}\n]*\}[ \t]*$")
_SPAN_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[^}\n \t][^}\n]*\}")


def _block_attribute_lists(state: StateCore) -> None:
    """Core rule: drop the attribute list ending a heading, or a paragraph's last line."""
    if "{" not in state.src:
        return
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if "{" not in inline.content or inline.type != "inline":
            continue
        if token.type == "heading_open":
            inline.content = _HEADING_ATTRIBUTE_LIST.sub("", inline.content)
        elif token.type == "paragraph_open":
            inline.content = _BLOCK_ATTRIBUTE_LIST.sub("", inline.content)


def _span_attribute_lists(state: StateCore) -> None:
    """Core rule: drop the attribute list right after an image or a link (``){ width=300 }``)."""
    if "{" not in state.src:
        return
    for token in state.tokens:
        children = token.children
        if token.type != "inline" or not children or "{" not in token.content:
            continue
        for before, child in pairwise(children):
            if child.type != "text" or before.type not in ("image", "link_close"):
                continue
            found = _SPAN_ATTRIBUTE_LIST.match(child.content)
            if found is not None:
                child.content = child.content[found.end() :]


def _whole_body_is_html(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if silent:
        return False
    token = state.push("html_block", "", 0)
    token.map = [start_line, end_line]
    token.content = state.getLines(start_line, end_line, 0, True)
    state.line = end_line
    return True
