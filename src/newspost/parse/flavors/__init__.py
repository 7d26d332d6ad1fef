"""Markdown flavors: the one seam where a site's renderer is chosen.

Sites render Markdown differently. Jekyll uses kramdown, where Markdown inside
an HTML block stays raw unless the block says ``markdown="1"``, and Liquid runs
first; Hugo uses Goldmark (CommonMark with linkify and typographer on), Zola
pulldown-cmark (CommonMark with tables, footnotes and heading attributes, no
linkify), Astro remark and Hexo marked (both GitHub's Markdown with SmartyPants),
Docusaurus MDX (remark without SmartyPants), Eleventy markdown-it (CommonMark
with tables, after Liquid), MkDocs Python-Markdown (with admonitions and
attribute lists).
Each flavor here is a configured markdown-it-py parser; `detect_flavor` picks
one from what the file says, and every parsing function takes ``flavor=`` to
override it. Add a flavor with `register_flavor`.

This module is the registry, the built-in flavors' parsers and what looks a
flavor up by name (`tokenize`); every public name is imported from here. The
pieces it is built from are private modules, each importing none of this one:
``_extensions`` (markdown-it rules several flavors share), ``_kramdown``
(kramdown's own rules and parser, on ``_extensions``), ``_pipeline`` (tokenizing
without the work a news body does not need, on both), ``_templates`` (Liquid,
Hexo tags and Hugo shortcodes, run before Markdown) and ``_generators`` (which
site a post is for, so which flavor reads it, on ``_templates``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.replacements import RARE_RE as _RARE
from markdown_it.rules_core.replacements import replace_rare
from markdown_it.token import Token

from newspost.model.post import Generator as Generator
from newspost.parse.flavors._extensions import ALERT_CLASS as ALERT_CLASS
from newspost.parse.flavors._extensions import (
    _alerts,
    _block_attribute_lists,
    _gfm_autolinks,
    _heading_attributes,
    _markdown_in_html,
    _span_attribute_lists,
    _task_lists,
    _whole_body_is_html,
    _with_admonitions,
    _with_containers,
    _with_definition_lists,
    _with_footnotes,
)
from newspost.parse.flavors._extensions import hugo_shortcode_call as hugo_shortcode_call
from newspost.parse.flavors._generators import ZOLA_SHORTCODE as ZOLA_SHORTCODE
from newspost.parse.flavors._generators import (
    detect_flavor,
    detect_generator,
    flavor_and_generator,
    generator_of,
)

# The kramdown flavor's factory, renamed: ``_kramdown`` is its module's name here.
from newspost.parse.flavors._kramdown import _kramdown as _kramdown_parser
from newspost.parse.flavors._kramdown import _kramdown_abbreviation, _LiquidMarkdownIt
from newspost.parse.flavors._pipeline import (
    _BEFORE_HTML_BLOCK,
    _BEFORE_HTML_BLOCK_ORDERS,
    _html_block_token,
    _HtmlBlock,
    _leading_html_blocks,
    _parse,
    _parse_rest,
)
from newspost.parse.flavors._templates import SHORTCODE_ARGUMENT as SHORTCODE_ARGUMENT
from newspost.parse.flavors._templates import hugo_shortcodes as hugo_shortcodes
from newspost.parse.flavors._templates import liquid as liquid
from newspost.parse.flavors._templates import zola_shortcodes as zola_shortcodes

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
    "kramdown",
    "goldmark",
    "remark",
    "mdx",
    "marked",
    "markdown-it",
    "pulldown-cmark",
    "python-markdown",
    "commonmark",
    "html",
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


def _pulldown_cmark() -> MarkdownIt:
    """Zola's pulldown-cmark, with the options Zola turns on.

    CommonMark with tables, footnotes, strikethrough, task lists and heading
    attributes (``## Heading {#id .class}``); no linkify, and SmartyPants' quotes
    only where a site sets ``smart_punctuation`` (off by default), so not here.
    """
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.core.ruler.after("block", "heading_attributes", _heading_attributes)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    return _with_footnotes(md)


def _with_github_extensions(md: MarkdownIt) -> None:
    """``md`` (linkify on) reading GitHub's autolinks, task lists and alerts, and ``:::`` boxes.

    What Goldmark, remark and marked add alike to CommonMark's tables and strikethrough.
    """
    md.core.ruler.after("linkify", "gfm_autolinks", _gfm_autolinks)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.core.ruler.after("block", "alerts", _alerts)
    _with_containers(md)


def _typographer_replacements(state: StateCore) -> None:
    """markdown-it's replacements but its symbols: dashes and ellipses, never (c), (r) or (tm).

    Goldmark's typographer, SmartyPants (remark's and marked's) write dashes and
    ellipses but leave "Intel(R)" and "(c)" as written; markdown-it alone makes
    them symbols.
    """
    if not state.md.options.typographer:
        return
    for token in state.tokens:
        if token.type == "inline" and token.children and _RARE.search(token.content):
            replace_rare(token.children)


def _goldmark() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": True})
    md.enable(["table", "strikethrough", "linkify", "replacements", "smartquotes"])
    md.core.ruler.at("replacements", _typographer_replacements)
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
        md.core.ruler.at("replacements", _typographer_replacements)
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
    md.core.ruler.at("replacements", _typographer_replacements)
    _with_github_extensions(md)
    _with_definition_lists(md)
    return md


def _python_markdown() -> MarkdownIt:
    """MkDocs' Python-Markdown, with the extensions MkDocs Material's blog posts are written for.

    Its tables, footnotes, definition lists, abbreviations (``*[HTML]: …``: no
    text), Markdown inside an HTML element that says ``markdown`` (md_in_html's
    ``<figure markdown>``) and attribute lists (``{ width=300 }`` after an image,
    ``{ #id }`` after a heading: not text), the admonitions
    (``!!! note``), collapsible blocks (``??? tip``) and content tabs (``=== "Tab"``)
    of Python-Markdown and PyMdown Extensions, task lists and ``~~strikethrough~~``
    (pymdownx.tasklist, pymdownx.tilde); no linkify or typographer, which MkDocs
    does not turn on.
    """
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.core.ruler.after("block", "block_attribute_lists", _block_attribute_lists)
    md.core.ruler.after("inline", "span_attribute_lists", _span_attribute_lists)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.block.ruler.before("html_block", "markdown_in_html", _markdown_in_html)
    # Python-Markdown's abbreviations ("*[HTML]: Hyper Text Markup Language") are
    # written as kramdown's: the definition shows nothing.
    md.block.ruler.before("lheading", "kramdown_abbreviation", _kramdown_abbreviation)
    _with_admonitions(md)
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


def _html() -> MarkdownIt:
    # .html posts: Jekyll and Hugo run no Markdown on them, so neither do we.
    md = MarkdownIt("zero", {"html": True})
    md.block.ruler.before("table", "whole_body_is_html", _whole_body_is_html)
    return md


register_flavor("commonmark", _commonmark)
register_flavor("pulldown-cmark", _pulldown_cmark, preprocess=zola_shortcodes)
register_flavor("html", _html, preprocess=liquid)
register_flavor("kramdown", _kramdown_parser, preprocess=liquid)
register_flavor("goldmark", _goldmark, preprocess=hugo_shortcodes)
register_flavor("remark", _remark)
register_flavor("mdx", partial(_remark, smartypants=False))
register_flavor("marked", _marked, preprocess=liquid)
register_flavor("markdown-it", _eleventy_markdown_it, preprocess=liquid)
register_flavor("python-markdown", _python_markdown)
