"""Tokenizing fast: what ``md.parse`` gives, with less work on a news body.

The leading run of HTML blocks is cut off line by line (by the kramdown rule's own
functions), the rules that cannot match in a text are pruned from a kept copy of
the parser, and the tokens of a short rest that repeats are kept and copied out.
None of this changes a token: it is apart so that the flavors' rules stay readable
without it. It knows every rule of `_extensions` and `_kramdown` (a parser made of
other rules is never pruned) and nothing of the registry: the functions that look
a flavor up by name (``tokenize``) live in the package's ``__init__``.
"""

from __future__ import annotations

import copy
import re
from functools import cache, partial
from itertools import accumulate
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_core import ParserCore
from markdown_it.parser_inline import ParserInline
from markdown_it.renderer import RendererHTML
from markdown_it.ruler import Ruler
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_def, footnote_ref, footnote_tail

from newspost.parse._kept import Kept
from newspost.parse.flavors._extensions import (
    _alerts,
    _definition_list,
    _fenced_container,
    _footnote_lines,
    _gfm_autolinks,
    _heading_attributes,
    _task_lists,
    _whole_body_is_html,
    _with_footnotes,
    hugo_shortcode_call,
)
from newspost.parse.flavors._kramdown import (
    _KRAMDOWN_BLOCK_SET,
    _html_block_end,
    _kramdown_abbreviation,
    _kramdown_end_of_block,
    _kramdown_extension,
    _kramdown_html_block,
    _kramdown_ial,
    _kramdown_math,
    _kramdown_span_extension,
    _kramdown_span_ial,
    _kramdown_table,
    _markdown_block_open,
)

_HtmlBlock = tuple[int, int, str]
"""A leading HTML block: its first line, the line after it (0-based), and its text."""


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
    tables a "|", its math a "$$"; Hugo's shortcode calls a "{{".
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
    if "$" not in text or "$$" not in text:
        dead.append("kramdown_math")
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
        ("kramdown_math", _kramdown_math),
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
