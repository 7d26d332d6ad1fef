r"""The ``html`` format: the article as clean, safe HTML, a fragment or a whole HTML5 document.

What is written:

- **fragment** (the default): the article's blocks in document order (the
  lead, then each section as a ``<section>`` opening with its ``<h2>``...
  heading, subsections nested inside), then the sources, one ``<p>`` per
  attribution line (``출처: <a href=…>title</a> | publisher``).
- **standalone** (``standalone=True``): a complete document, ``<!DOCTYPE
  html>``, ``<html lang>``, ``<meta charset>``, ``<title>``, and an
  ``<article>`` whose ``<header>`` holds the ``<h1>`` title, the ``<time
  datetime>`` and the front matter image as a ``<figure>`` (left out when the
  body opens with that same image); then the body as in a fragment; the
  sources in a ``<footer>``, each title in a ``<cite>``.

The promo footer (``post.footer``, "subscribe to our news...") is left out of
both: it belongs to the site, not to the article. Liquid and Hugo template
tags alone on their line are left out too: only the site generator can
expand them.

Tables are written from the model: ``<caption>``, a ``<thead>`` whose cells
are ``<th scope="col">``, a ``<tbody>``. Code blocks are escaped text in
``<pre><code>``.

Safety: newspost writes the structure itself, from the typed model, escaping
every text and attribute. Everything that came from the post as HTML (the
inside of paragraphs, headings, list items, quotes and cells, raw HTML
blocks) and every element carrying a URL (images, source links) goes through
`newspost.sanitize.sanitize_html` with the ``policy`` (``"standard"``
by default), all of it in one call per post. ``safe=False`` skips the
sanitizer and writes that HTML as the post has it.

>>> from newspost import dumps, load
>>> html = dumps(load("examples/seed.md"), format="html")
>>> print("\n".join(html.splitlines()[:3]))
<figure><img src="/assets/img/newsdao_breakingnews.jpg" alt="뉴스다오 속보"></figure>
<section>
<h2>한-영 ‘디지털정부 협력에 관한 양해각서’ 체결... 서명 즉시 발효</h2>
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from newspost.model.blocks import (
    Block,
    Cell,
    Code,
    Html,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from newspost.model.post import Post, Section, Source
from newspost.parse.flavors import ALERT_CLASS  # the classes the parser gives an alert
from newspost.serialize._common import (
    check_site_url,
    collapse,
    page_url,
    post_description,
    post_language,
)

if TYPE_CHECKING:
    from newspost.sanitize import Policy

__all__ = ["dumps_html"]


def dumps_html(
    post: Post,
    *,
    standalone: bool = False,
    policy: str | Policy = "standard",
    safe: bool = True,
    site_url: str | None = None,
    language: str | None = None,
    engine: str = "bleach",
) -> str:
    r"""The post as HTML: the article's body as a fragment, or a whole document.

    Args:
        post: A parsed post.
        standalone: Write a complete HTML5 document (``<!DOCTYPE html>``,
            ``<head>``, ``<article>`` with a ``<header>`` and a ``<footer>``).
        policy: The sanitizing policy for the post's own HTML: a registered
            name (``"strict"``, ``"standard"``, ``"permissive"``) or a
            `Policy`.
        safe: Sanitize (the default). ``False`` writes the post's HTML as it is:
            only for posts you trust.
        site_url: With ``standalone``, the document's ``<base href>``, so the
            post's relative URLs (``/assets/img/x.jpg``) still work when the
            file is opened elsewhere, and a ``<link rel="canonical">`` when the
            permalink is concrete.
        language: The ``<html lang>`` of a standalone document; else the front
            matter's ``lang``/``language``, else detected from the text.
        engine: The sanitizer engine, ``"bleach"`` or ``"nh3"``.

    Raises:
        PolicyError: an unknown policy or engine.
        FormatError: ``site_url`` is not an absolute http(s) URL.

    Examples:
        >>> from newspost import loads
        >>> post = loads('---\ntitle: T\n---\n## Hi\n\nOK <b onclick="x()">bold</b>'
        ...              '<script>alert(1)</script>\n')
        >>> print(dumps_html(post), end="")
        <section>
        <h2>Hi</h2>
        <p>OK <b>bold</b></p>
        </section>
    """
    site_url = check_site_url(site_url)
    out = _Writer()
    if standalone:
        _open_document(out, post, site_url=site_url, language=language)
    _blocks(out, post.lead)
    for section in post.sections:
        _section(out, section)
    if post.sources:
        if standalone:
            out.raw("<footer>\n")
        for line in _source_lines(post.sources):
            _source(out, line, cite=standalone)
        if standalone:
            out.raw("</footer>\n")
    if standalone:
        out.raw("</article>\n</body>\n</html>\n")
    return out.render(_sanitizer(policy, engine) if safe else None)


# -- the writer: structure as text, the post's own HTML as slots sanitized in one go --------


@dataclass
class _Slot:
    """A piece of the post's own HTML, written between ``before`` and ``after`` once sanitized.

    ``mode`` says what may wrap it: ``"inline"`` (inside a heading, a cell, an
    item: written as it is), ``"paragraph"`` (``<p>``, or ``<div>`` when the
    post put block content in it) or ``"block"`` (raw HTML: as it is when it
    opens with a block element, else wrapped like a paragraph).
    """

    index: int
    before: str = ""
    after: str = ""
    fallback: str | None = None  # escaped text written instead when the piece sanitizes to nothing
    mode: str = "inline"


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str | _Slot] = []
        self.pieces: list[str] = []

    def raw(self, text: str) -> None:
        self.parts.append(text)

    def slot(
        self,
        html: str,
        before: str = "",
        after: str = "",
        *,
        fallback: str | None = None,
        mode: str = "inline",
    ) -> None:
        self.parts.append(_Slot(len(self.pieces), before, after, fallback, mode))
        self.pieces.append(html)

    def render(self, clean: Callable[[list[str]], list[str]] | None) -> str:
        pieces = clean(self.pieces) if clean is not None else self.pieces
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            piece = pieces[part.index].strip()
            if not piece:
                if part.fallback is None:
                    continue  # the sanitizer removed it all: drop its wrapper too
                piece = part.fallback
            before, after = part.before, part.after
            if part.mode != "inline":
                has_blocks = _BLOCK_TAG.search(piece) is not None
                if part.mode == "block" and _BLOCK_TAG.match(piece):
                    pass
                elif has_blocks:
                    before, after = "<div>", "</div>\n"
                else:
                    before, after = "<p>", "</p>\n"
            out.append(before + piece + after)
        return _no_blank_lines("".join(out))


_BLOCK_NAMES = (
    "address|article|aside|blockquote|caption|dd|details|dialog|div|dl|dt|fieldset|figcaption|"
    "figure|footer|form|h[1-6]|header|hgroup|hr|li|main|menu|nav|ol|p|pre|section|summary|"
    "table|tbody|td|tfoot|th|thead|tr|ul"
)
_BLOCK_TAG = re.compile(rf"<(?:{_BLOCK_NAMES})[\s/>]", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.IGNORECASE | re.DOTALL)
_BLANK_IN_PRE = re.compile(r"(?<=\n)([ \t]*)\n")


def _no_blank_lines(html: str) -> str:
    """The HTML without blank lines, so it stays one block for Markdown readers too.

    A blank line ends a CommonMark HTML block: whatever follows would be read
    as Markdown (``####`` a heading, four spaces a code block) by Jekyll, Hugo
    or newspost itself. Outside ``<pre>``, blank lines are only whitespace;
    inside, the newline of a blank line is written as ``&#10;``, the same
    text to an HTML parser.
    """
    if "\n" not in html:
        return html
    parts = _PRE.split(html)
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = _BLANK_IN_PRE.sub(r"\1&#10;", part)
        else:
            parts[index] = _BLANK_LINES.sub("\n", part)
    return "".join(parts)


# A character that cannot occur in a post (private use, checked) between the
# pieces: the sanitizer sees one document, and the pieces come back apart.
_SEPARATOR = "\ue000\ue001\ue000"


def _sanitizer(policy: str | Policy, engine: str) -> Callable[[list[str]], list[str]]:
    from newspost.sanitize import get_engine, get_policy, sanitize_html

    chosen = get_policy(policy)
    get_engine(engine)  # an unknown engine fails here, even for a post with no HTML

    def clean(pieces: list[str]) -> list[str]:
        if not pieces:
            return []
        if not any(_SEPARATOR in piece for piece in pieces):
            # One call per post: the sanitizer's fixed cost (~0.2 ms) dominates
            # small pieces, and a table can have hundreds of cells.
            joined = sanitize_html(_SEPARATOR.join(pieces), chosen, engine=engine)
            parts = joined.split(_SEPARATOR)
            if len(parts) == len(pieces):
                return parts
        # Pieces are balanced serializations, so the split above holds; if one
        # ever is not, sanitize the pieces one by one rather than guess.
        return [sanitize_html(piece, chosen, engine=engine) for piece in pieces]

    return clean


# -- the document ------------------------------------------------------------------------


def _open_document(out: _Writer, post: Post, *, site_url: str | None, language: str | None) -> None:
    fm = post.front_matter
    title = collapse(post.title)
    lang = post_language(post, language)
    out.raw(f'<!DOCTYPE html>\n<html lang="{_attr(lang)}">\n<head>\n<meta charset="utf-8">\n')
    out.raw('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.raw(f"<title>{escape(title, quote=False)}</title>\n")
    description = post_description(post)
    if description:
        out.raw(f'<meta name="description" content="{_attr(description)}">\n')
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        out.raw(f'<base href="{_attr(base)}">\n')
        canonical = page_url(post, site_url)
        if canonical:
            out.raw(f'<link rel="canonical" href="{_attr(canonical)}">\n')
    out.raw("</head>\n<body>\n<article>\n<header>\n")
    out.raw(f"<h1>{escape(title, quote=False)}</h1>\n")
    if post.date is not None:
        stamp = _attr(post.date.isoformat())
        out.raw(f'<p><time datetime="{stamp}">{_display_date(post.date)}</time></p>\n')
    image = fm.image or fm.feature_image
    if image and not _opens_with_image(post, image):
        out.slot(_img(Image(src=image, alt="")), before="<figure>", after="</figure>\n")
    out.raw("</header>\n")


def _display_date(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        shown = value.strftime("%Y-%m-%d %H:%M")
        offset = value.strftime("%z")
        return f"{shown} {offset[:3]}:{offset[3:]}" if offset else shown
    return value.isoformat()


def _opens_with_image(post: Post, src: str) -> bool:
    # The seed's habit: the front matter image repeated as the body's first block.
    for block in post.blocks():
        return isinstance(block, Image) and block.shown_src.strip() == src.strip()
    return False


# -- blocks ------------------------------------------------------------------------------


def _section(out: _Writer, section: Section) -> None:
    level = section.level
    out.raw("<section>\n")
    # The heading is always written, even empty: the outline is the structure.
    out.slot(
        section.title_html,
        before=f"<h{level}>",
        after=f"</h{level}>\n",
        fallback=escape(section.title, quote=False),
    )
    _blocks(out, section.blocks)
    for sub in section.sections:
        _section(out, sub)
    out.raw("</section>\n")


def _blocks(out: _Writer, blocks: list[Block]) -> None:
    for block in blocks:
        _block(out, block)


def _block(out: _Writer, block: Block) -> None:
    if isinstance(block, Paragraph):
        out.slot(block.html, mode="paragraph")
    elif isinstance(block, Table):
        _table(out, block)
    elif isinstance(block, Image):
        after = "</figure>\n"
        if block.caption:
            after = f"<figcaption>{escape(block.caption, quote=False)}</figcaption></figure>\n"
        out.slot(_img(block), before="<figure>", after=after)
    elif isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        out.raw(f"<{tag}>\n")
        for item in block.items:
            out.slot(item.html or escape(item.text, quote=False), "<li>", "</li>\n", fallback="")
        out.raw(f"</{tag}>\n")
    elif isinstance(block, Quote):
        opening = "<blockquote>\n"
        if block.alert:
            # GitHub's classes for an alert box, which its stylesheets (and themes') style.
            kind = escape(block.alert)
            opening = f'<blockquote class="{ALERT_CLASS} {ALERT_CLASS}-{kind}">\n'
        out.slot(block.html or escape(block.text, quote=False), opening, "\n</blockquote>\n")
    elif isinstance(block, Rule):
        out.raw("<hr>\n")
    elif isinstance(block, Code):
        language = _code_language(block.language)
        attribute = f' class="language-{language}"' if language else ""
        out.raw(f"<pre><code{attribute}>{escape(block.text, quote=False)}</code></pre>\n")
    elif isinstance(block, Html):
        if block.tag is None and not block.text:
            return  # a template tag ({% include %}, {{< x >}}): only the generator expands it
        out.slot(block.html, after="\n", mode="block")


def _code_language(language: str | None) -> str | None:
    if not language:
        return None
    cleaned = re.sub(r"[^\w+#.-]", "", language)
    return cleaned or None


def _img(image: Image) -> str:
    # The page written has no lazy-loading script: a lazily loaded image's real address.
    attributes = f' src="{_attr(image.shown_src)}"'
    if image.alt is not None:
        attributes += f' alt="{_attr(image.alt)}"'
    if image.title:
        attributes += f' title="{_attr(image.title)}"'
    tag = f"<img{attributes}>"
    if image.link is not None:
        return f'<a href="{_attr(image.link.url)}">{tag}</a>'
    return tag


def _table(out: _Writer, table: Table) -> None:
    if not table.header and not any(table.rows):
        return
    out.raw("<table>\n")
    if table.caption:
        out.raw(f"<caption>{escape(table.caption, quote=False)}</caption>\n")
    if table.header:
        out.raw("<thead>\n")
        for row in (table.header, *table.subheader_rows):
            out.raw("<tr>")
            for cell in row:
                _cell(out, cell, "th", ' scope="col"')
            out.raw("</tr>\n")
        out.raw("</thead>\n")
    if table.rows:
        out.raw("<tbody>\n")
        for row in table.rows:
            out.raw("<tr>")
            for cell in row:
                if cell.is_header:
                    _cell(out, cell, "th", ' scope="row"')
                else:
                    _cell(out, cell, "td", "")
            out.raw("</tr>\n")
        out.raw("</tbody>\n")
    out.raw("</table>\n")


def _cell(out: _Writer, cell: Cell, tag: str, scope: str) -> None:
    spans = ""
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    out.slot(
        cell.html or escape(cell.text, quote=False),
        before=f"<{tag}{scope}{spans}>",
        after=f"</{tag}>",
        fallback="",
    )


# -- sources -----------------------------------------------------------------------------


@dataclass
class _SourceLine:
    label: str
    publisher: str | None
    links: list[Source]


def _source_lines(sources: list[Source]) -> list[_SourceLine]:
    """Sources read from one line (several links, one publisher) are written on one line again."""
    lines: list[_SourceLine] = []
    previous: Source | None = None
    for source in sources:
        same_line = (
            previous is not None
            and lines
            and source.url is not None
            and previous.url is not None
            and source.text == previous.text
            and source.label == previous.label
            and source.publisher == previous.publisher
        )
        if same_line:
            lines[-1].links.append(source)
        else:
            lines.append(_SourceLine(source.label, source.publisher, [source]))
        previous = source
    return lines


def _source(out: _Writer, line: _SourceLine, *, cite: bool) -> None:
    out.raw(f"<p>{escape(line.label, quote=False)}: ")
    linked = [source for source in line.links if source.url is not None]
    for number, source in enumerate(linked):
        if number:
            out.raw(", ")
        title = source.title or source.url or ""
        anchor = f'<a href="{_attr(source.url or "")}">{escape(title, quote=False)}</a>'
        if cite:
            out.slot(anchor, before="<cite>", after="</cite>", fallback=escape(title, quote=False))
        else:
            out.slot(anchor, fallback=escape(title, quote=False))
    if line.publisher:
        out.raw(f"{' | ' if linked else ''}{escape(line.publisher, quote=False)}")
    out.raw("</p>\n")


def _attr(value: str) -> str:
    return escape(value, quote=True)
