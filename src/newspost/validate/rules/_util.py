"""Shared, private helpers for the built-in rules: one scan of the raw text per post.

Most rules look at the same things: the HTML tags written in the body, the
URLs in them, the front matter's YAML nodes. `scan` computes each of
those at most once per post (lazily, on the first rule that asks) and keeps
them beside the rule `Context`, so the whole rule set
reads the raw text a handful of times however many rules run.

Every offset here is an offset into ``post.raw.text``, the original file, so a
finding's line and column, and a fix's edits, point at the bytes as written.
"""

from __future__ import annotations

import html
import re
import unicodedata
import weakref
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypedDict, cast

import yaml

from newspost._compat import cached_property
from newspost.model.blocks import Block, Code, Image, Table, lazy_source
from newspost.model.front_matter import IMAGE_KEYS, FrontMatter
from newspost.model.post import Section
from newspost.parse.flavors import (
    SHORTCODE_ARGUMENT,  # calls read as the parser reads them
    reads_footnotes,
)
from newspost.validate._rule import Context, Edit

__all__ = [
    "AUTOLINK",
    "VOID_ELEMENTS",
    "Attr",
    "BodyImage",
    "MdLink",
    "Scan",
    "Tag",
    "UrlRef",
    "Where",
    "delete_line_edit",
    "field_value",
    "find_on_line",
    "fold",
    "front_matter_image_places",
    "front_matter_strings",
    "host_of",
    "key_position",
    "line_bounds",
    "node_offset",
    "on_hosts",
    "position",
    "scan",
    "value_span",
    "visible_length",
]

# -- masking: parts of the body where "<tag>" is not markup ------------------------------

# Fenced code (``` or ~~~, up to three spaces in), to its closing fence or the end.
_FENCE = re.compile(
    r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*(?:\n.*?)??"
    r"(?:\n[ \t]{0,3}(?P=fence)[`~]*[ \t]*(?=\n|\Z)|\Z)",
    re.MULTILINE | re.DOTALL,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Single-line code spans; a code span over several lines is rare enough in posts,
# and a stray backtick must not blank out half a file.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
# Liquid blocks whose content is not the page's markup: raw text, code (Jekyll's
# highlight, Octopress's and Hexo's codeblock) and comments.
_LIQUID_RAW = re.compile(
    r"\{%-?\s*(raw|highlight|codeblock|comment)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}", re.DOTALL
)
# Hugo's highlight shortcode, to its closing tag (not past the next opening one).
_HUGO_HIGHLIGHT = re.compile(
    r"\{\{[<%]\s*highlight\b(?:(?!\{\{[<%]\s*/?\s*highlight\b).)*"
    r"\{\{[<%]\s*/\s*highlight\s*[>%]\}\}",
    re.DOTALL,
)
_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(match: re.Match[str]) -> str:
    # Same length and same line breaks, so offsets and line numbers survive.
    return _NOT_NEWLINE.sub(" ", match.group())


def _mask(body: str) -> str:
    """The body with code, comments and Liquid raw blocks blanked out (offsets kept)."""
    # One character is looked for much faster than several: test it before its sequence.
    backtick = "`" in body
    if (backtick and "```" in body) or ("~" in body and "~~~" in body):
        body = _FENCE.sub(_blank, body)
    if "<!--" in body:
        body = _COMMENT.sub(_blank, body)
    if "{" in body and "{%" in body:
        body = _LIQUID_RAW.sub(_blank, body)
    if backtick:
        body = _CODE_SPAN.sub(_blank, body)
    return body


# -- tags and attributes -----------------------------------------------------------------

# Tags are matched as "<name" then anything but angle brackets up to ">": a quoted
# ">" inside an attribute value ends the match early, which is rare in posts and
# keeps every pattern linear on broken input.
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont bgsound frame "
    "keygen command isindex nextid spacer image".split()
)
"""Elements that never have content or an end tag."""


@dataclass(frozen=True, slots=True)
class Attr:
    """One attribute of a tag, with its offsets in the original text."""

    name: str
    """Lower-cased name."""
    value: str | None
    """The value with character references decoded; None for a bare attribute."""
    raw_value: str | None
    """The value as written."""
    start: int
    """Offset of the attribute's first character (its name)."""
    end: int
    """Offset just past the attribute (past the closing quote, if any)."""
    value_start: int
    """Offset of the value's first character (inside the quotes); ``end`` when there is none."""
    quote: str
    """The quote character around the value, or ''."""


@dataclass(slots=True)
class Tag:
    """An HTML start or end tag as written in the body."""

    start: int
    end: int
    name: str
    """Lower-cased tag name."""
    closing: bool
    attrs_text: str
    attrs_start: int
    _attrs: list[Attr] | None = field(default=None, repr=False)

    @property
    def attrs(self) -> list[Attr]:
        """The attributes in order (parsed on first use)."""
        if self._attrs is None:
            self._attrs = list(_parse_attrs(self.attrs_text, self.attrs_start))
        return self._attrs

    def get(self, name: str) -> Attr | None:
        """The first attribute of that (lower-case) name, as browsers keep the first."""
        if self._attrs is not None:
            return next((attr for attr in self._attrs if attr.name == name), None)
        # Finding one attribute need not build them all (tags pasted from editors have many).
        for found in _ATTR.finditer(self.attrs_text):
            if found.group(1).lower() == name:
                return _attr(found, self.attrs_start)
        return None


def _parse_attrs(text: str, base: int) -> Iterator[Attr]:
    if not text.strip() or text.strip() == "/":
        return
    for found in _ATTR.finditer(text):
        yield _attr(found, base)


_IMAGE_ATTRS = frozenset(
    {
        "src",
        "alt",
        # where lazy_source looks for a lazily loaded image
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-srcset",
        "data-lazy-srcset",
        "srcset",
    }
)


_PLAIN_IMAGE_ATTRS = frozenset({"src", "alt"})  # an <img> with only these is not lazy


def _first_attrs(text: str, names: frozenset[str]) -> dict[str, re.Match[str]]:
    """The `_ATTR` match of the first attribute of each of ``names`` in a tag's attribute text.

    What `Tag.get` finds for each name (browsers keep the first), in one pass over
    the attributes and without building an `Attr` for each.
    """
    found: dict[str, re.Match[str]] = {}
    for match in _ATTR.finditer(text):
        name = match.group(1).lower()
        if name in names and name not in found:
            found[name] = match
    return found


def _value_of(found: re.Match[str]) -> tuple[str | None, int, str]:
    """The value of the attribute an `_ATTR` match found, as written (None if bare).

    With where it starts in the matched text (past the match when bare) and its quote.
    """
    for group, quote in _VALUE_GROUPS:
        raw = found.group(group)
        if raw is not None:
            return raw, found.start(group), quote
    return None, found.end(), ""


_VALUE_GROUPS = ((2, '"'), (3, "'"), (4, ""))


def _attr(found: re.Match[str], base: int) -> Attr:
    """The attribute an `_ATTR` match found, with offsets from ``base``."""
    raw, value_start, quote = _value_of(found)
    return Attr(
        name=found.group(1).lower(),
        value=html.unescape(raw) if raw is not None else None,
        raw_value=raw,
        start=base + found.start(),
        end=base + found.end(),
        value_start=base + value_start,
        quote=quote,
    )


@dataclass(frozen=True, slots=True)
class UrlRef:
    """A URL written in the body: an attribute value, or a Markdown destination."""

    value: str
    """The URL with character references decoded."""
    raw: str
    """The URL as written."""
    start: int
    """Offset of the URL's first character in the original text."""
    kind: str
    """``"href"``, ``"src"`` or another attribute name; ``"md"`` for a Markdown link,
    ``"md-image"`` for a Markdown image, ``"ref"`` for a reference definition,
    ``"autolink"`` for a Markdown autolink ``<https://...>``."""

    @property
    def in_html(self) -> bool:
        """Whether the URL is an HTML attribute's value (then ``Scan.tag_before`` names the tag)."""
        return self.kind not in ("md", "md-image", "ref", "autolink")


# Markdown: [text](dest (an image when "!" comes just before), and [label]: dest reference
# definitions. The pattern starts with its literal "[", which the regex engine looks for
# many times faster than an optional "!" first; a "!" before a link's "[" is never part of
# the previous match, so looking back for it finds the same images.
_MD_LINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\([ \t]*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
)
# The same destination, with template tags in it taken whole (as parse.flavors reads a
# Jekyll post's Liquid, and Hugo its shortcode calls); not past the next tag's opening.
_MD_TEMPLATED_DESTINATION = re.compile(
    r"(?:\{\{(?:(?!\{\{)[^\n])*?\}\}|\{%(?:(?!\{%)[^\n])*?%\}|[^\s()])*"
    r"(?:\([^\s()]*\)[^\s()]*)*"
)
_MD_REF = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^<>\n]*>|\S+)", re.MULTILINE)
# A footnote's label, "^" and no space: "[^1]: note" is no link where footnotes are read.
_FOOTNOTE_LABEL = re.compile(r"\^[^\s\]]+")
# A CommonMark autolink, <scheme:...>: Goldmark and markdown-it link any scheme this way.
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_URL_ATTR_NAMES = (
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "lowsrc",
    "dynsrc",
    "xlink:href",
    "longdesc",
    "data-src",
    "srcdoc",
)
# Run over the lower-cased body, case-sensitive: several times faster than
# IGNORECASE over the body, and the offsets are the same (see Scan.finditer).
_URL_ATTR = re.compile(
    "(" + "|".join(map(re.escape, _URL_ATTR_NAMES)) + ")"
    r"""[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
)
# An "=" with a URL attribute's name before it (spaces between), run over the reversed
# text: it starts with a literal, which the engine finds fast, where `_URL_ATTR` has to
# try its names at every one of their first letters. The longest name comes first, so
# group 2 is the longest that ends there (group 1 ends where it ends).
_URL_ATTR_REVERSED = re.compile(
    r"=([ \t\r\n]*)("
    + "|".join(re.escape(name[::-1]) for name in sorted(_URL_ATTR_NAMES, key=len, reverse=True))
    + ")"
)
# The names that end where each (reversed) name ends: the name itself and its suffixes
# ("src" in "data-src"), longest first.
_URL_ATTR_ENDINGS = {
    name[::-1]: tuple(
        len(other)
        for other in sorted(_URL_ATTR_NAMES, key=len, reverse=True)
        if name.endswith(other)
    )
    for name in _URL_ATTR_NAMES
}
# A tag's name, "/" first for an end tag: "<p>" gives "p", "</a >" "/a", "<svg:rect/>" "svg:rect".
_TAG_NAME = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9]*(?::[a-zA-Z][a-zA-Z0-9]*)?)(?=[\s/>])")
_ANCHOR = re.compile(r"<a(?=[\s>])([^<>]*)>(.*?)</a\s*>", re.DOTALL)
_NAME_AT = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
_IMG = re.compile(r"<img(?=[\s/>])[^<>]*>")
# Hugo's figure shortcode, as the masked body has it ("{{<" is "{{%" there): an image
# in the page as surely as an <img>. Arguments never hold "{{" (as in parse.flavors).
_HUGO_FIGURE = re.compile(r"\{\{%\s*figure\b((?:(?!\{\{).)*?)/?[>%]\}\}", re.DOTALL)
# A start tag's name and attributes, up to an offset: quoted values are taken whole
# (a ">" or "<" inside one is text), so the match reaches the offset only when it is
# among the tag's attributes. Matched with an end position, it never runs past it.
_TAG_HEAD = re.compile(r"""<([A-Za-z][A-Za-z0-9:-]*)(?=[\s/])(?:[^"'>]|"[^"]*"|'[^']*')*""")
# What stands before an attribute's name inside a tag: a space, the quote closing the
# value before it, or the "/" of "<img/src=…>". After anything else, "src=" is the tail
# of another name ("datasrc=", "font-style=").
BEFORE_ATTRIBUTE = " \t\r\n\"'/"
# How far back `Scan.tag_holding` looks for the tag: attributes longer than this are
# not written by hand.
_TAG_REACH = 4000
# Characters that only the character-level rules (NP602-NP604, NP608) care about:
# C0/C1 controls, the lead characters of mojibake, invisible and bidi controls, U+FFFD.
_ODD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00c2-\u00c5\u00e0-\u00f0\u061c\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2069\ufeff\ufffd]"
)


@dataclass(frozen=True, slots=True)
class MdLink:
    """A Markdown inline link or image, ``[text](dest)``."""

    image: bool
    text: str
    start: int
    """Offset of the ``[`` (or the ``!`` of an image)."""
    url: UrlRef


@dataclass(frozen=True, slots=True)
class BodyImage:
    """An image written in the body: an ``<img>`` tag or a Markdown image."""

    src: str
    alt: str | None
    """None when an ``<img>`` has no alt attribute."""
    offset: int
    """Where the image starts (``<img`` or ``![``)."""
    src_offset: int
    """Where its address starts."""
    lazy_src: str | None = None
    """The real image of a lazily loaded ``<img>`` (`newspost.model.Image.lazy_src`)."""
    lazy_offset: int = -1
    """Where ``lazy_src`` starts (-1 when there is none)."""

    @property
    def shown_src(self) -> str:
        """The address the reader sees: ``lazy_src`` when there is one, else ``src``."""
        return self.lazy_src if self.lazy_src is not None else self.src

    @property
    def shown_offset(self) -> int:
        """Where `shown_src` starts."""
        return self.lazy_offset if self.lazy_src is not None else self.src_offset


# -- the per-post scan -------------------------------------------------------------------


class Scan:
    """Views of one post's raw text, each computed once, on first use.

    Cheap views (the masked body, its lower-case copy) let a rule rule itself out
    with a substring test before it runs any pattern; the costlier ones (the YAML
    node tree above all) are built only for the posts that need them.
    """

    def __init__(self, ctx: Context) -> None:
        # A proxy, not the context: the scan is cached in a weak-keyed dictionary
        # under that very context, and a strong reference would keep every
        # validated post alive for the life of the process.
        self.ctx = cast(Context, weakref.proxy(ctx))
        raw = ctx.post.raw
        self.text = raw.text
        self.body_start = raw.body_start

    @cached_property
    def body(self) -> str:
        """The body with code, comments and Liquid raw blocks blanked.

        Offset 0 is ``body_start`` in the original text; lengths and line breaks are kept.
        Indented Markdown code blocks are found through the parsed ``Code`` blocks,
        since no pattern can tell them from indented HTML.
        """
        body = _mask(self.text[self.body_start :])
        if self.html_file:
            return body  # Hugo and Jekyll pass .html content through as HTML, not Markdown
        if self.ctx.post.flavor == "goldmark" and "highlight" in body and "{{" in body:
            # Hugo's highlight shortcode holds code, as Jekyll's {% highlight %} does.
            body = _HUGO_HIGHLIGHT.sub(_blank, body)
        if self.ctx.post.flavor == "goldmark" and "{{<" in body:
            # Hugo replaces a shortcode call before Markdown: the "<" of "{{<youtube id>}}"
            # opens no tag. It is masked as the other call's "{{%", which no rule takes
            # for a tag or for Liquid; the arguments stay, for the rules that read them.
            body = body.replace("{{<", "{{%")
        for block in self.blocks:
            if isinstance(block, Code) and block.line is not None:
                body = self._blank_indented_code(body, block)
        return body

    @cached_property
    def html_file(self) -> bool:
        """Whether the post is an ``.html`` file, whose body is HTML, not Markdown."""
        return (self.ctx.post.path or "").lower().endswith((".html", ".htm"))

    def _blank_indented_code(self, body: str, block: Code) -> str:
        assert block.line is not None
        index = self.ctx.index
        start = index.offset(block.line) - self.body_start
        stop = body.find("\n", start)
        first = body[start : stop if stop >= 0 else len(body)]
        html_pre = first.lstrip()[:4].lower() == "<pre"
        if start < 0 or not first.startswith(("    ", "\t")) or html_pre:
            return body  # fenced (already blank), or an HTML <pre>, whose tags are live
        lines = block.text.rstrip("\n").count("\n") + 1
        end = index.offset(block.line + lines) - self.body_start
        if end <= start:
            end = len(body)
        return body[:start] + _NOT_NEWLINE.sub(" ", body[start:end]) + body[end:]

    @cached_property
    def lower(self) -> str:
        """``body.lower()``: for ``in`` tests, and for patterns through `finditer`."""
        return self.body.lower()

    @cached_property
    def masked_text(self) -> str:
        """The whole text with the body masked: front matter as written, then `body`."""
        return self.text[: self.body_start] + self.body

    @cached_property
    def masked_lower(self) -> str:
        """`masked_text` lower-cased, for quick ``in`` tests only."""
        return self.text[: self.body_start].lower() + self.lower

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of a lower-case, case-sensitive ``pattern`` over the body, ignoring case.

        The pattern runs over `lower`, whose offsets are the body's whenever
        lower-casing kept the length (it does but for a few letters such as "İ");
        otherwise it runs over the body with IGNORECASE. Read the matched text from
        `body` at the match's offsets, not from the match.
        """
        lower = self.lower
        # Lower-casing never shortens a letter, so an equal length means nothing moved.
        if len(lower) == len(self.body):
            return pattern.finditer(lower)
        return _caseless(pattern).finditer(self.body)

    @cached_property
    def odd_chars(self) -> bool:
        """Whether the whole text holds any character the character-level rules look for."""
        return _ODD_CHARS.search(self.text) is not None

    @cached_property
    def sections(self) -> list[Section]:
        """``post.walk_sections()`` as a list: every heading, in document order."""
        return list(self.ctx.post.walk_sections())

    @cached_property
    def blocks(self) -> list[Block]:
        """``post.blocks()`` as a list: every block, in document order."""
        return list(self.ctx.post.blocks())

    @cached_property
    def tables(self) -> list[Table]:
        """``post.tables``, from the one walk of `blocks`."""
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def yaml_root(self) -> yaml.Node | None:
        """The YAML front matter's node tree (``Context.yaml_root``, composed once with libyaml).

        Rules ask for it only after a cheap test on the front matter text says it may matter.
        """
        return self.ctx.yaml_root

    @cached_property
    def top_pairs(self) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Top-level YAML key -> (key node, value node); the last one wins, as in YAML."""
        root = self.yaml_root
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if isinstance(key, yaml.ScalarNode):
                    out[str(key.value)] = (key, value)
        return out

    @cached_property
    def tag_names(self) -> list[str]:
        """Lower-cased names of the body's tags in order, an end tag's with its "/" ("/p")."""
        if len(self.lower) == len(self.body):
            return _TAG_NAME.findall(self.lower)
        return [name.lower() for name in _TAG_NAME.findall(self.body)]

    @cached_property
    def _tag_name_set(self) -> frozenset[str] | None:
        # None when `finditer` will not run on `lower` (see `has_tag`).
        return frozenset(self.tag_names) if len(self.lower) == len(self.body) else None

    def has_tag(self, name: str) -> bool:
        """Whether the body may hold a tag of that name (``"/p"`` for an end tag).

        False only when no tag pattern here can match one: they all end a name at a
        space, "/" or ">", as `tag_names` does, so this is a set lookup (a substring
        test when the patterns run on the body itself).
        """
        present = self._tag_name_set
        if present is None:  # patterns run on the body itself: test the text as written
            return "<" + name in self.lower
        return name in present

    def start_tags(self, *names: str) -> Iterator[Tag]:
        """Start tags of the given (lower-case) names, found without scanning every tag."""
        wanted = [name for name in names if self.has_tag(name)]
        if not wanted:
            return
        pattern = _start_tag_pattern(tuple(wanted))
        base = self.body_start
        for found in self.finditer(pattern):
            yield Tag(
                start=base + found.start(),
                end=base + found.end(),
                name=found.group(1).lower(),
                closing=False,
                attrs_text=self.body[found.start(2) : found.end(2)],
                attrs_start=base + found.start(2),
            )

    def tag_before(self, offset: int) -> str | None:
        """Lower-cased name of the start tag of the attribute value starting at ``offset``.

        ``offset`` (absolute) is where a value starts (`UrlRef.start`), inside its
        quotes if it has them. The tag is found by `tag_holding`, from the opening
        quote, so a ``<`` or ``>`` in an earlier quoted value (``alt="a>b"``) is text.
        """
        at = offset - self.body_start
        if at > 0 and self.body[at - 1] in "\"'":
            offset -= 1  # from inside the quotes to the quote, among the attributes
        return self.tag_holding(offset)

    def tag_holding(self, offset: int) -> str | None:
        """Lower-cased name of the start tag whose attributes reach ``offset`` (absolute), or None.

        Quoted values are read whole, as browsers read them: in
        ``<img alt="a>b" onerror=...>`` and ``<img alt="<" onerror=...>`` the handler is
        still inside the ``<img>`` tag. An offset inside a quoted value is not. Tags
        are looked for at most `_TAG_REACH` characters back.
        """
        body = self.body
        at = offset - self.body_start
        floor = max(0, at - _TAG_REACH)
        opening = body.rfind("<", floor, at)
        while opening >= 0:
            found = _TAG_HEAD.match(body, opening, at)
            if found is not None and found.end() == at:
                return found.group(1).lower()
            opening = body.rfind("<", floor, opening)
        return None

    def tag_name_at(self, at: int) -> str | None:
        """Lower-cased name of the tag whose ``<`` is at ``at`` in `body` (-1: none), or None."""
        found = _NAME_AT.match(self.body, at) if at >= 0 else None
        return found.group(1).lower() if found else None

    @cached_property
    def anchors(self) -> list[tuple[int, str, str]]:
        """(offset, attributes, inner HTML) of each ``<a>`` element in the body."""
        if not (self.has_tag("a") and self.has_tag("/a")):
            return []
        body = self.body
        return [
            (self.body_start + m.start(), body[m.start(1) : m.end(1)], body[m.start(2) : m.end(2)])
            for m in self.finditer(_ANCHOR)
        ]

    @cached_property
    def md_links(self) -> list[MdLink]:
        """Markdown inline links and images in the body (none inside code)."""
        body = self.body
        if "]" not in body or "](" not in body:  # one character first: much faster to find
            return []
        base = self.body_start
        out: list[MdLink] = []
        for found in _MD_LINK.finditer(body):
            raw = found.group(2)
            start = found.start(2)
            if "{" in raw:
                # A template tag in the address ("{{ site.baseurl }}/a.png", a Hugo
                # ref call): the generator replaces it first, spaces and all.
                templated = _MD_TEMPLATED_DESTINATION.match(body, start)
                assert templated is not None  # it matches the empty string at worst
                raw = templated.group()
            if raw.startswith("<"):
                raw, start = raw[1:-1], start + 1
            opening = found.start()
            image = opening > 0 and body[opening - 1] == "!"
            if image:
                opening -= 1
            out.append(
                MdLink(
                    image=image,
                    text=found.group(1),
                    start=base + opening,
                    url=UrlRef(
                        html.unescape(raw), raw, base + start, "md-image" if image else "md"
                    ),
                )
            )
        return out

    @cached_property
    def urls(self) -> list[UrlRef]:
        """Every URL in the body: attributes, Markdown links and images, autolinks, references."""
        body = self.body
        base = self.body_start
        out: list[UrlRef] = []
        if "=" in body:
            for found in self._url_attributes():
                if found.start() and body[found.start() - 1] not in BEFORE_ATTRIBUTE:
                    continue  # "datasrc=", "mysrc=": another attribute's tail
                index = next(i for i in (2, 3, 4) if found.group(i) is not None)
                raw = body[found.start(index) : found.end(index)]
                start = base + found.start(index)
                value = html.unescape(raw) if "&" in raw else raw
                out.append(UrlRef(value, raw, start, found.group(1)))
        out.extend(link.url for link in self.md_links)
        if ":" in body and not self.html_file:
            for found in AUTOLINK.finditer(body):
                raw = found.group(1)
                out.append(UrlRef(html.unescape(raw), raw, base + found.start(1), "autolink"))
        if "]" in body and "]:" in body:
            footnotes = "[^" in body and reads_footnotes(self.ctx.post.flavor)
            for found in _MD_REF.finditer(body):
                if footnotes and _FOOTNOTE_LABEL.fullmatch(found.group(1)):
                    continue
                raw, start = found.group(2), found.start(2)
                if raw.startswith("<"):
                    raw, start = raw[1:-1], start + 1
                out.append(UrlRef(html.unescape(raw), raw, base + start, "ref"))
        out.sort(key=lambda ref: ref.start)
        return out

    def _url_attributes(self) -> Iterator[re.Match[str]]:
        """``self.finditer(_URL_ATTR)``: the same matches, trying only where one can start.

        A match starts with a name that ends at the spaces before an "=", and only those
        offsets are tried. `_URL_ATTR_REVERSED` finds each "=" with a name before it;
        that name and each of its suffixes that is a name too give an offset, and the
        offsets are tried in order, each one not inside the match before it, as
        ``finditer`` would try them.
        """
        lower = self.lower
        if len(lower) != len(self.body) or "=" not in lower:
            yield from self.finditer(_URL_ATTR)  # no "=", or lower-casing moved offsets
            return
        size = len(lower)
        starts: list[int] = []
        for equals in _URL_ATTR_REVERSED.finditer(lower[::-1]):
            end = size - equals.end(1)  # where the names end in the text
            starts.extend(end - length for length in _URL_ATTR_ENDINGS[equals.group(2)])
        starts.sort()
        taken = 0
        for start in starts:
            if start < taken:
                continue  # inside the last match (its value), where finditer does not look
            attribute = _URL_ATTR.match(lower, start)
            if attribute is not None:
                taken = attribute.end()
                yield attribute

    @cached_property
    def images(self) -> list[BodyImage]:
        """Every image written in the body, in order: ``<img>``, Markdown and Hugo figures."""
        found: list[BodyImage] = []
        if self.has_tag("img"):
            base = self.body_start
            body = self.body
            for match in self.finditer(_IMG):
                offset = base + match.start()
                attrs = _first_attrs(body[match.start() + 4 : match.end() - 1], _IMAGE_ATTRS)
                src = attrs.get("src") or attrs.get("data-src")
                alt = attrs.get("alt")
                src_value, src_offset = "", offset
                if src:
                    raw, at, _ = _value_of(src)
                    src_value = html.unescape(raw) if raw else ""
                    src_offset = offset + 4 + at
                alt_value = None
                if alt:
                    raw = _value_of(alt)[0]
                    alt_value = html.unescape(raw) if raw else ""
                image = BodyImage(src_value, alt_value, offset, src_offset)
                if attrs.keys() - _PLAIN_IMAGE_ATTRS:
                    image = self._lazy(image, attrs)
                found.append(image)
        for link in self.md_links:
            if link.image:
                found.append(BodyImage(link.url.value, link.text, link.start, link.url.start))
        if self.ctx.post.flavor == "goldmark" and "figure" in self.body:
            found.extend(self._hugo_figures())
        found.sort(key=lambda image: image.offset)
        return found

    @staticmethod
    def _lazy(image: BodyImage, attrs: dict[str, re.Match[str]]) -> BodyImage:
        """``image`` with its lazily loaded address, when the ``<img>`` has one."""
        values: dict[str, str] = {}
        starts: dict[str, int] = {}
        for name, found in attrs.items():
            raw, at, _ = _value_of(found)
            if raw is not None:
                values[name], starts[name] = raw, at
        lazy = lazy_source(values)
        if lazy is None:
            return image
        name, start, end = lazy
        return replace(
            image,
            lazy_src=html.unescape(values[name][start:end]),
            lazy_offset=image.offset + 4 + starts[name] + start,
        )

    def _hugo_figures(self) -> Iterator[BodyImage]:
        """Hugo's ``{{< figure src=… >}}`` calls, as the images they write.

        Hugo's template takes the caption for the alt text when ``alt`` is not given,
        and writes no ``alt`` at all when neither is: such a figure has alt None.
        """
        base = self.body_start
        body = self.body
        for call in _HUGO_FIGURE.finditer(body):
            src, src_offset, alt = "", base + call.start(), None
            for argument in SHORTCODE_ARGUMENT.finditer(body, call.start(1), call.end(1)):
                key = (argument.group("key") or "").lower()
                index = next(i for i in ("quoted", "raw", "bare") if argument.group(i) is not None)
                value = argument.group(index)
                if index == "quoted" and "\\" in value:
                    value = re.sub(r"\\(.)", r"\1", value)
                if key == "src":
                    src, src_offset = value, base + argument.start(index)
                elif key == "alt" or (key == "caption" and alt is None):
                    alt = value
            yield BodyImage(src, alt, base + call.start(), src_offset)


_CASELESS: dict[re.Pattern[str], re.Pattern[str]] = {}


def _caseless(pattern: re.Pattern[str]) -> re.Pattern[str]:
    found = _CASELESS.get(pattern)
    if found is None:
        found = _CASELESS[pattern] = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)
    return found


_START_TAGS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _start_tag_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _START_TAGS.get(names)
    if pattern is None:
        alternatives = "|".join(re.escape(name) for name in names)
        pattern = _START_TAGS[names] = re.compile(rf"<({alternatives})(?=[\s/>])([^<>]*)>")
    return pattern


def visible_length(ctx: Context, enough: int) -> int:
    """Characters of visible text (as ``post.text`` counts them), counting only up to ``enough``.

    Much cheaper than ``len(post.text)``: no sorting, no joining, and it stops early.
    """
    post = ctx.post
    total = 0
    groups: list[list[Block]] = [
        post.lead,
        *(section.blocks for section in scan(ctx).sections),
        post.footer,
    ]
    for blocks in groups:
        for block in blocks:
            total += _block_length(block)
        if total >= enough:
            return total
    total += sum(len(section.title.strip()) for section in scan(ctx).sections)
    total += sum(len(source.text.strip()) for source in post.sources)
    return total


def _block_length(block: Block) -> int:
    if isinstance(block, Table):
        return sum(len(cell.text) for row in block.all_rows for cell in row)
    if isinstance(block, Image):
        return len(block.caption or "")
    text = getattr(block, "text", "")
    return len(text.strip()) if isinstance(text, str) else 0


_SCANS: weakref.WeakKeyDictionary[Context, Scan] = weakref.WeakKeyDictionary()


_last: tuple[Context | None, Scan | None] = (None, None)


def scan(ctx: Context) -> Scan:
    """The shared `Scan` of a rule context (made on first use, dropped with the context)."""
    global _last
    # Rules run one post at a time, so the last context is nearly always the one asked
    # for: an identity test is far cheaper than the weak dictionary's lookup.
    last_ctx, last_scan = _last
    if last_ctx is ctx and last_scan is not None:
        return last_scan
    found = _SCANS.get(ctx)
    if found is None:
        found = _SCANS[ctx] = Scan(ctx)
    _last = (ctx, found)
    return found


class Where(TypedDict):
    """Keyword arguments ``line=`` and ``column=`` for ``LintRule.issue``, both 1-based."""

    line: int
    column: int


# -- positions -----------------------------------------------------------------------------


def position(ctx: Context, offset: int) -> Where:
    """``line=`` and ``column=`` (1-based) of an offset in the original text, for ``issue()``."""
    line, column = ctx.index.position(offset)
    return {"line": line, "column": column}


def line_bounds(ctx: Context, line: int) -> tuple[int, int]:
    """Offsets of the start and end (before the line break) of a 1-based line."""
    text = ctx.post.raw.text
    start = ctx.index.offset(line)
    end = text.find("\n", start)
    if end < 0:
        end = len(text)
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def find_on_line(ctx: Context, line: int | None, needle: str, *, nth: int = 0) -> int | None:
    """Offset of the ``nth`` occurrence of ``needle`` on a 1-based line, or None."""
    if line is None or line < 1 or not needle:
        return None
    text = ctx.post.raw.text
    start, end = line_bounds(ctx, line)
    found = text.find(needle, start, end)
    while found >= 0 and nth > 0:
        found = text.find(needle, found + 1, end)
        nth -= 1
    return found if found >= 0 else None


def node_offset(ctx: Context, mark: yaml.Mark) -> int:
    """Offset in the original text of a YAML mark of the front matter."""
    return ctx.post.raw.front_matter_start + mark.index


def key_position(ctx: Context, key: str) -> Where:
    """Where a top-level front matter key is: its line (column 1), else the front matter's start."""
    line = ctx.post.raw.key_lines.get(key)
    if line is None:
        line = ctx.front_matter_first_line if ctx.post.raw.format != "none" else 1
    return {"line": line, "column": 1}


def delete_line_edit(ctx: Context, start: int, end: int) -> Edit:
    """An edit deleting ``text[start:end]``, and its whole line when nothing else is on it."""
    text = ctx.post.raw.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        if line_end < len(text):
            return Edit(start=line_start, end=line_end + 1, replacement="")
        return Edit(start=line_start, end=line_end, replacement="")
    return Edit(start=start, end=end, replacement="")


# -- text ----------------------------------------------------------------------------------

# Punctuation that never changes what a title says: ASCII and Unicode punctuation,
# symbols like | and ·, and every dash and quote.
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """For comparing wording: NFC, casefolded, without punctuation or whitespace.

    Examples:
        >>> fold("한-영 ‘디지털정부’ 체결… - 행정안전부")
        '한영디지털정부체결행정안전부'
    """
    # Whitespace is never a word character: splitting it off is cheaper than the pattern,
    # which is left only the punctuation between words, when there is any.
    words = "".join(unicodedata.normalize("NFC", text).casefold().split())
    return words if words.isalnum() else _NOT_WORD.sub("", words)


_HOST = re.compile(r"^[a-z][a-z0-9+.-]*:(?://)?(?:[^@/?#]*@)?([^/:?#]*)", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The lower-cased host of an absolute or protocol-relative URL, or None."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    found = _HOST.match(url)
    return found.group(1).lower().rstrip(".") if found and found.group(1) else None


def on_hosts(url: str, hosts: list[str]) -> bool:
    """Whether the URL's host is one of ``hosts`` or a subdomain of one."""
    host = host_of(url)
    if not host:
        return False
    names, subdomains = _host_tests(tuple(hosts))
    return host in names or host.endswith(subdomains)


@lru_cache(maxsize=16)
def _host_tests(hosts: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The hosts lower-cased, and the endings of their subdomains ("." + host)."""
    lowered = [host.lower() for host in hosts]
    return frozenset(lowered), tuple("." + host for host in lowered)


# -- front matter values -------------------------------------------------------------------

_INLINE_STRING = re.compile(r"""[:=][ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')""")


def value_span(ctx: Context, key: str) -> tuple[int, int] | None:
    """Offsets of a top-level key's value when it is written on one line, else None.

    YAML: the scalar's span (quotes included). TOML and JSON: the quoted string on
    the key's line (quotes excluded). Pelican: the text after the key, stripped.
    """
    raw = ctx.post.raw
    if raw.format == "yaml":
        pair = scan(ctx).top_pairs.get(key)
        if pair is None or not isinstance(pair[1], yaml.ScalarNode):
            return None
        node = pair[1]
        if node.start_mark.line != node.end_mark.line or node.style in ("|", ">"):
            return None
        return node_offset(ctx, node.start_mark), node_offset(ctx, node.end_mark)
    line = raw.key_lines.get(key)
    if line is None or raw.format == "none":
        return None
    start, end = line_bounds(ctx, line)
    if raw.format == "pelican":
        return _pelican_value_span(ctx, line, start, end)
    found = _INLINE_STRING.search(raw.text, start, end)
    if not found:
        return None
    group = 1 if found.group(1) is not None else 2
    return found.start(group), found.end(group)


_PELICAN_KEY = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:\s*")


def _pelican_value_span(ctx: Context, line: int, start: int, end: int) -> tuple[int, int] | None:
    """The value on a Pelican key's line (stripped), unless it goes on over the next lines."""
    raw = ctx.post.raw
    lone_cr = raw.text.find("\r", start, end)
    if lone_cr >= 0:  # lines ending in a lone CR, which `line_bounds` does not end at
        end = lone_cr
    if line < len(ctx.lines):
        following, _ = line_bounds(ctx, line + 1)
        if following < raw.front_matter_end and raw.text.startswith("    ", following):
            return None  # a continuation line: the value is more than this line
    found = _PELICAN_KEY.match(raw.text, start, end)
    if found is None:
        return None
    value_end = end
    while value_end > found.end() and raw.text[value_end - 1].isspace():
        value_end -= 1
    return found.end(), value_end


def front_matter_strings(ctx: Context, keys: frozenset[str]) -> Iterator[tuple[str, str, int, int]]:
    """(key, value, offset, length) of every string under one of ``keys``, at any depth.

    Values in lists count (``images: [a, b]``), so do nested keys (``header.image``).
    YAML gives each value's own offset; TOML and JSON give the key's line start.
    """
    raw = ctx.post.raw
    if raw.format == "yaml":
        root = scan(ctx).yaml_root
        if root is not None:
            yield from _yaml_strings(ctx, root, keys, None)
        return
    yield from _mapping_strings(ctx, ctx.post.front_matter.to_mapping(), keys, None)


# The post's image keys, at any depth (a list's items, PaperMod's cover.image,
# header.teaser, Zola's extra.banner).
_IMAGE_KEY_NAMES = frozenset(IMAGE_KEYS)


def front_matter_image_places(
    ctx: Context, urls: Collection[str]
) -> Iterator[tuple[str, str, int]]:
    """(key, value, offset) of each front matter image (``Post.front_matter_images``) in ``urls``.

    For a rule that found some of the post's images at fault and now reports each
    where the file names it.
    """
    # A Hugo post's keys are written in any case ("featuredImage"): look under those too.
    keys = _IMAGE_KEY_NAMES | {key.rsplit(".", 1)[-1] for key, _ in ctx.post.front_matter_images}
    for key, value, start, _ in front_matter_strings(ctx, keys):
        if value in urls:
            yield key, value, start


def _yaml_strings(
    ctx: Context, node: yaml.Node, keys: frozenset[str], under: str | None
) -> Iterator[tuple[str, str, int, int]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else None
            yield from _yaml_strings(ctx, value, keys, name if name in keys else under)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _yaml_strings(ctx, item, keys, under)
    elif isinstance(node, yaml.ScalarNode) and under is not None:
        start = node_offset(ctx, node.start_mark)
        end = node_offset(ctx, node.end_mark)
        # Point inside the quotes: the value itself starts there.
        if node.style in ('"', "'"):
            start += 1
        yield under, str(node.value), start, max(0, end - start)


def _mapping_strings(
    ctx: Context, data: object, keys: frozenset[str], under: str | None, top: str | None = None
) -> Iterator[tuple[str, str, int, int]]:
    if isinstance(data, dict):
        for key, value in data.items():
            name = str(key)
            yield from _mapping_strings(
                ctx, value, keys, name if name in keys else under, top if top is not None else name
            )
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _mapping_strings(ctx, item, keys, under, top)
    elif isinstance(data, str) and under is not None:
        line = ctx.post.raw.key_lines.get(top or under)
        offset = ctx.index.offset(line) if line is not None else ctx.post.raw.front_matter_start
        found = ctx.post.raw.text.find(data, offset, ctx.post.raw.front_matter_end) if data else -1
        yield under, data, found if found >= 0 else offset, len(data) if found >= 0 else 0


_KNOWN_FIELDS = frozenset(FrontMatter.known_fields())


def field_value(ctx: Context, key: str) -> object:
    """A front matter value by key: a typed field, else from ``extra``."""
    fm = ctx.post.front_matter
    if key in _KNOWN_FIELDS:
        return getattr(fm, key)
    return fm.extra.get(key)
