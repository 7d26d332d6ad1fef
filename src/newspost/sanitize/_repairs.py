"""The repairs, and the single tree pass that runs them before the allowlist engine.

Each repair is a small function on an lxml element (or a string), documented
on its own; :func:`prepare` parses the HTML once, walks the tree once for the
attribute repairs, runs the structural repairs on what the walk collected,
applies the policy's allowlist as a first filter and serializes once.

The engine (bleach or nh3) runs *after* this pass on its output, so a repair
can never bring back anything the allowlist refuses: the engine is the
safety boundary, this pass only makes the HTML better and the engine's work
smaller (dropping editor attributes and unwrapping unknown tags here is what
makes the bleach engine faster than ``bleach.clean`` on the raw post).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from fnmatch import translate
from functools import lru_cache
from typing import Any

from lxml import etree

from newspost.model.blocks import LAZY_IMAGE_ATTRIBUTES, lazy_source
from newspost.sanitize._policy import DROP_WITH_CONTENT, Policy, Repairs
from newspost.sanitize._urls import URL_ATTRIBUTES, is_external, repair_url_scheme, url_scheme

__all__ = [
    "is_empty_paragraph",
    "prepare",
    "promote_table_header",
    "remove_zero_width",
    "rewrite_rel",
    "show_lazy_image",
    "unwrap_heading_bold",
]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD = frozenset({"b", "strong"})
# Elements that only style text: a <p> holding nothing else (and no text) is empty.
_TEXT_STYLE = frozenset(
    {"span", "b", "strong", "i", "em", "u", "s", "small", "font", "br", "mark", "sub", "sup"}
)
_PLACEHOLDER_WRAPPERS = frozenset({"p", "div", "span", "figure", "center", "section"})
_SCRIPTISH = frozenset({"script", "noscript", "template"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip

# Characters that cannot reach lxml (XML-incompatible) or should never reach a
# page: C0 controls other than tab/newline/form feed/CR, DEL, lone surrogates,
# and the noncharacters U+FFFE and U+FFFF.
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


class _Local(threading.local):
    # lxml parsers must not be shared between threads.
    def __init__(self) -> None:
        self.parser = etree.HTMLParser(
            recover=True, no_network=True, remove_blank_text=False, remove_comments=False
        )


_LOCAL = _Local()


# -- the repairs ---------------------------------------------------------------


def remove_zero_width(text: str) -> str:
    r"""Remove zero-width characters (U+200B..U+200D, U+2060, U+FEFF).

    A ZERO WIDTH JOINER between two symbols is kept: it builds emoji sequences
    such as the family emoji, and removing it would split them.

    Example:
        >>> remove_zero_width("news\u200b\ufeffday"), len(remove_zero_width("👩\u200d💻"))
        ('newsday', 3)
    """
    if not _ZERO_WIDTH.search(text):
        return text

    def keep(found: re.Match[str]) -> str:
        if found.group() != "\u200d":
            return ""
        start, end = found.start(), found.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before and after and _is_symbol(before) and _is_symbol(after):
            return "\u200d"
        return ""

    return _ZERO_WIDTH.sub(keep, text)


def _is_symbol(char: str) -> bool:
    # Emoji are "So"; U+FE0F (emoji presentation) and skin tones are "Mn"/"Sk".
    return unicodedata.category(char) in ("So", "Sk", "Mn") and ord(char) > 0x2000


def show_lazy_image(img: etree._Element) -> None:
    """Give a lazily loaded ``<img>`` its real image as ``src``.

    A lazy-loading script swaps the real image (``data-src``, ``data-lazy-src``,
    ``data-srcset``...: `newspost.model.blocks.lazy_source`) into ``src`` as the
    reader scrolls; sanitized HTML runs no script and drops ``data-*``, so
    without this the reader sees the placeholder, often a blank ``data:`` GIF.

    Example:
        >>> from lxml import html
        >>> img = html.fragment_fromstring(
        ...     '<img src="data:image/gif;base64,R0lGOD" data-src="/photo.jpg" alt="A">')
        >>> show_lazy_image(img); img.get("src")
        '/photo.jpg'
    """
    attrib = img.attrib
    if LAZY_IMAGE_ATTRIBUTES.isdisjoint(attrib.keys()):
        return  # most images
    found = lazy_source({str(name).lower(): str(value) for name, value in attrib.items()})
    if found is None:
        return
    name, start, end = found
    attrib["src"] = str(attrib[name])[start:end]
    if name != "srcset" and "srcset" in attrib:
        del attrib["srcset"]  # a srcset of placeholders would win over the src


def rewrite_rel(element: etree._Element, policy: Policy) -> None:
    """Rewrite an ``<a>``'s ``rel`` attribute.

    Drop ``dofollow``, add ``noopener noreferrer`` when it opens a new window,
    and the policy's external values (``nofollow``, ``ugc``) when it points to
    another site. Existing values keep their order.

    Example:
        >>> from lxml import html
        >>> from newspost.sanitize import get_policy
        >>> a = html.fragment_fromstring(
        ...     '<a href="https://x.org" rel="dofollow" target="_blank">x</a>')
        >>> rewrite_rel(a, get_policy("standard")); a.get("rel")
        'noopener noreferrer'
    """
    rel = policy.rel
    values = [v for v in (element.get("rel") or "").lower().split() if v not in rel.drop]
    wanted: list[str] = []
    if (element.get("target") or "").strip().lower() == "_blank":
        wanted.extend(sorted(rel.target_blank))
    href = element.get("href")
    if rel.external and href and is_external(href, rel.internal_hosts):
        wanted.extend(sorted(rel.external))
    for value in wanted:
        if value not in values:
            values.append(value)
    if values:
        element.set("rel", " ".join(dict.fromkeys(values)))
    elif "rel" in element.attrib:
        del element.attrib["rel"]


def unwrap_heading_bold(heading: etree._Element) -> None:
    """Unwrap every ``<b>``/``<strong>`` inside a heading (headings are bold already).

    Example:
        >>> from lxml import html
        >>> h = html.fragment_fromstring("<h3>1. <b>Polling</b></h3>")
        >>> unwrap_heading_bold(h); html.tostring(h, encoding="unicode")
        '<h3>1. Polling</h3>'
    """
    for bold in [el for el in heading.iter("b", "strong") if el is not heading]:
        _unwrap(bold)


def _cell_is_bold(cell: etree._Element) -> bool | None:
    """True: wholly bold; None: empty; False: anything else."""
    if (cell.text or "").strip():
        return False
    children = [child for child in cell if isinstance(child.tag, str)]
    if not children:
        return None
    for child in children:
        if child.tag not in _BOLD or (child.tail or "").strip():
            return False
    return any("".join(map(str, child.itertext())).strip() for child in children) or None


def promote_table_header(table: etree._Element) -> bool:
    r"""Turn a first row of wholly bold cells into a ``<thead>`` of ``<th scope="col">``.

    Only tables without a ``<thead>`` or ``<th>`` in their first row are
    touched; empty cells (a corner cell) are allowed if at least one is bold.
    The ``<b>``/``<strong>`` is unwrapped (``<th>`` is bold already), and the
    remaining rows are put in a ``<tbody>`` as HTML parsers would.

    Returns:
        Whether the table was changed.

    Example:
        >>> from lxml import html
        >>> t = html.fragment_fromstring(
        ...     "<table><tr><td><b>A</b></td></tr><tr><td>1</td></tr></table>")
        >>> promote_table_header(t)
        True
        >>> print(html.tostring(t, encoding="unicode").replace("<tbody>", "\n<tbody>"))
        <table><thead><tr><th scope="col">A</th></tr></thead>
        <tbody><tr><td>1</td></tr></tbody></table>
    """
    if table.find("thead") is not None:
        return False
    rows = [child for child in table if child.tag == "tr"]
    first_body = next((child for child in table if child.tag == "tbody"), None)
    if rows:
        first = rows[0]
        if first_body is not None and table.index(first_body) < table.index(first):
            first = next((row for row in first_body if row.tag == "tr"), first)
    elif first_body is not None:
        found = next((row for row in first_body if row.tag == "tr"), None)
        if found is None:
            return False
        first = found
    else:
        return False
    cells = [cell for cell in first if isinstance(cell.tag, str)]
    if not cells or any(cell.tag != "td" for cell in cells) or (first.text or "").strip():
        return False
    verdicts = [_cell_is_bold(cell) for cell in cells]
    if False in verdicts or True not in verdicts or len(rows) + len(table) < 2:
        return False
    parent = first.getparent()
    assert parent is not None
    if parent is not table and len([r for r in parent if r.tag == "tr"]) == 1:
        return False  # a table of one bold row is not a header over anything
    for cell in cells:
        cell.tag = "th"
        cell.set("scope", "col")
        for bold in [el for el in cell if el.tag in _BOLD]:
            _unwrap(bold)
    thead = etree.Element("thead")
    position = table.index(parent) if parent is not table else table.index(first)
    tail = first.tail
    parent.remove(first)
    first.tail = tail
    thead.append(first)
    table.insert(position, thead)
    if parent is table:
        # The other rows go into a <tbody>, as the HTML parsers of both engines would put them.
        loose = [child for child in table if child.tag == "tr"]
        if loose:
            tbody = etree.Element("tbody")
            table.insert(table.index(loose[0]), tbody)
            for row in loose:
                tbody.append(row)
    return True


def is_empty_paragraph(paragraph: etree._Element) -> bool:
    """Whether a ``<p>`` shows nothing.

    Nothing means only spaces, ``&nbsp;``, zero-width characters, ``<br>`` or
    empty formatting elements.

    Example:
        >>> from lxml import html
        >>> is_empty_paragraph(html.fragment_fromstring('<p data-ke-size="size16">&nbsp;</p>'))
        True
        >>> is_empty_paragraph(html.fragment_fromstring("<p><img src=x.png></p>"))
        False
    """
    for element in paragraph.iter():
        if element is not paragraph:
            if isinstance(element.tag, str) and element.tag not in _TEXT_STYLE:
                return False
            if not _blank(element.tail):
                return False
            if not isinstance(element.tag, str):
                continue  # a comment: its text is not shown
        if not _blank(element.text):
            return False
    return True


def _blank(text: str | None) -> bool:
    return not text or not _ZERO_WIDTH.sub("", text).strip()


# -- tree helpers ----------------------------------------------------------------


def _join_text(before: str, after: str) -> str:
    # Removing a block that sat on its own line must not leave a blank line
    # behind: inside a Markdown HTML block a blank line ends the block.
    if after and re.search(r"\n[ \t]*$", before) and re.match(r"[ \t]*\n", after):
        after = after.lstrip(" \t")[1:]
    return before + after


def _remove(element: etree._Element) -> None:
    """Remove an element and its content, keeping its tail text."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = _join_text(previous.tail or "", tail) or None
    else:
        parent.text = _join_text(parent.text or "", tail) or None
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    """Replace an element by its content (text, children, tail).

    A block element (paragraph, heading, cell...) keeps its words apart from
    its neighbours' with a newline, so "<p>a</p><p>b</p>" does not become "ab".
    """
    parent = element.getparent()
    if parent is None:
        return
    if element.tag in _BLOCKS:
        _separate(element)
    index = parent.index(element)
    text = element.text or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text or None
    else:
        parent.text = (parent.text or "") + text or None
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail = element.tail or ""
    if children:
        last = children[-1]
        last.tail = (last.tail or "") + tail or None
    elif previous is not None:
        previous.tail = (previous.tail or "") + tail or None
    else:
        parent.text = (parent.text or "") + tail or None
    parent.remove(element)


_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
     "tr", "td", "th", "table", "caption", "thead", "tbody", "tfoot", "blockquote", "pre",
     "figure", "figcaption", "section", "article", "header", "footer", "aside", "nav",
     "main", "address", "details", "summary", "hr", "br", "center", "form", "fieldset",
     "legend", "textarea", "xmp", "listing", "plaintext", "option"}
)  # fmt: skip


def _separate(element: etree._Element) -> None:
    """Put a newline inside the element's edges where text would otherwise touch."""
    parent = element.getparent()
    assert parent is not None
    previous = element.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    if before and not before[-1].isspace():
        element.text = "\n" + (element.text or "")
    after = element.tail or ""
    if after and not after[0].isspace():
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + "\n"
        else:
            element.text = (element.text or "") + "\n"


# What HTML5 lets stand directly inside table parts; anything else is "foster
# parented": moved to just before the table.
_TABLE_CHILDREN = {
    "table": frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"}),
    "thead": frozenset({"tr", "td", "th"}),
    "tbody": frozenset({"tr", "td", "th"}),
    "tfoot": frozenset({"tr", "td", "th"}),
    "tr": frozenset({"td", "th"}),
}


def _foster(table: etree._Element) -> None:
    """Move what is misplaced inside a table (text, elements) to just before it.

    HTML5 parsers do the same ("foster parenting").

    bleach's tree builder drops misplaced elements with their text, and a
    table unwrapped by a policy would keep them in the wrong order: doing it
    here keeps the words, in the order a browser shows them.
    """
    items: list[etree._Element | str] = []

    def lift_text(text: str | None) -> str | None:
        if text and text.strip():
            items.append(text)
            return None
        return text

    def scan(part: etree._Element) -> None:
        allowed = _TABLE_CHILDREN[str(part.tag)]
        part.text = lift_text(part.text)
        for child in list(part):
            if isinstance(child.tag, str) and child.tag not in allowed:
                items.append(child)
            elif isinstance(child.tag, str) and child.tag in _TABLE_CHILDREN:
                scan(child)
            child.tail = lift_text(child.tail)

    scan(table)
    if not items:
        return
    parent = table.getparent()
    assert parent is not None
    for item in items:
        if isinstance(item, str):
            before = table.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + item
            else:
                parent.text = (parent.text or "") + item
        else:
            tail, item.tail = item.tail, None
            if tail:  # whitespace only (non-blank tails were lifted): keep it in place
                holder = item.getprevious()
                if holder is not None:
                    holder.tail = (holder.tail or "") + tail
                else:
                    owner = item.getparent()
                    assert owner is not None
                    owner.text = (owner.text or "") + tail
            table.addprevious(item)


def _in_pre(element: etree._Element) -> bool:
    return any(ancestor.tag == "pre" for ancestor in element.iterancestors())


# -- the pass --------------------------------------------------------------------


class _Plan:
    """What a policy means for the tree pass, computed once per policy."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.repairs = policy.repairs
        self.tags = policy.tags
        generic = policy.attributes.get("*", frozenset())
        self.attributes = {
            tag: policy.attributes.get(tag, frozenset()) | generic for tag in self.tags
        }
        self.protocols = policy.protocols
        patterns = "|".join(translate(p) for p in sorted(policy.drop_attributes))
        self.editor: Callable[[str], object] | None = (
            re.compile(patterns).match if policy.repairs.editor_attributes and patterns else None
        )


@lru_cache(maxsize=64)
def _plan(policy: Policy) -> _Plan:
    return _Plan(policy)


def prepare(html: str, policy: Policy) -> str:
    """Run the repairs the policy enables and its allowlist, in one parse and one walk.

    Always (whatever the repairs say): elements in ``DROP_WITH_CONTENT``
    (script, style, svg, math, iframe...) go with their content, processing
    instructions go, comments go if ``strip_comments``, tags outside the
    allowlist are unwrapped, attributes outside it are dropped, and URL
    attributes whose scheme is not allowed are dropped. The result still goes
    through the engine.

    Example:
        >>> from newspost.sanitize import get_policy
        >>> prepare('<p data-ke-size="size16"><a href="httpss://a.kr" rel="dofollow">A</a></p>'
        ...         '<p>&nbsp;</p><script>x()</script>', get_policy("standard"))
        '<p><a href="https://a.kr">A</a></p>'
    """
    # Form feed is HTML whitespace but lxml refuses it in text: a space says the same.
    text = _UNSAFE_CHARS.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\x0c", " ")
    if not text.strip():
        return text
    plan = _plan(policy)
    # Naming <html><body> first keeps libxml2 from moving leading <meta>/<title> into <head>.
    root = etree.fromstring("<html><body>" + text, _LOCAL.parser)
    if root is None:  # pragma: no cover - libxml2 always builds <html> here
        return ""
    _clean(root, plan, text)
    return _serialize(root)


def _clean(root: etree._Element, plan: _Plan, source: str) -> None:
    repairs = plan.repairs
    policy = plan.policy
    # 1. Whole subtrees out: scripts and friends, comments, processing instructions.
    emptied: list[etree._Element] = []
    # lxml filters by tag in C: much cheaper than testing every node in Python.
    kinds: list[Any] = [*DROP_WITH_CONTENT, etree.ProcessingInstruction, etree.Entity]
    if policy.strip_comments:
        kinds.append(etree.Comment)
    doomed = list(root.iter(*kinds))
    for element in doomed:
        parent = element.getparent()
        if parent is not None and isinstance(element.tag, str) and element.tag in _SCRIPTISH:
            emptied.append(parent)
        _remove(element)

    # 2. One walk: attributes and URLs; collect what the structural repairs need.
    unwrap: list[etree._Element] = []
    late: list[etree._Element] = []  # disallowed <p>: unwrapped after the empty-paragraph repair
    headings: list[etree._Element] = []
    tables: list[etree._Element] = []
    paragraphs: list[etree._Element] = []
    for element in root.iter(tag=etree.Element):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == "p":
            paragraphs.append(element)
        if tag not in plan.tags:
            (late if tag == "p" else unwrap).append(element)
            if element.attrib:
                element.attrib.clear()
            continue
        if tag == "img" and repairs.lazy_images:
            show_lazy_image(element)
        _clean_attributes(element, tag, plan)
        if tag == "span" and not element.attrib and repairs.editor_attributes:
            # A span that only carried editor styling means nothing once that is gone.
            unwrap.append(element)
        elif tag in _HEADINGS:
            headings.append(element)
        elif tag == "table":
            tables.append(element)

    # 3. Structure: misplaced table content out first, as a browser would move it;
    # then unknown tags unwrapped, so what they wrapped is judged bare.
    for table in reversed(list(root.iter("table"))):
        _foster(table)
    for element in reversed(unwrap):
        _unwrap(element)
    if repairs.heading_bold:
        for heading in headings:
            unwrap_heading_bold(heading)
    if repairs.table_headers and "thead" in plan.tags and "th" in plan.tags:
        for table in tables:
            promote_table_header(table)
    if repairs.placeholder_scripts:
        for wrapper in emptied:
            if (
                wrapper.tag in _PLACEHOLDER_WRAPPERS
                and wrapper.getparent() is not None
                and len(wrapper) == 0
                and _blank(wrapper.text)
            ):
                _remove(wrapper)
    if repairs.empty_paragraphs:
        for paragraph in reversed(paragraphs):
            if paragraph.getparent() is not None and is_empty_paragraph(paragraph):
                _remove(paragraph)
    for element in reversed(late):
        if element.getparent() is not None:
            _unwrap(element)

    # 4. Text: NFC and zero-width characters, on the final tree. Skipped when the
    # source shows there is nothing to do: the loop is a Python call per node.
    normalize = _text_normalizer(repairs.nfc, repairs.zero_width)
    if normalize is not None and _may_need_normalizing(source, repairs):
        for element in root.iter():
            if element.text and isinstance(element.tag, str):
                element.text = normalize(element.text)
            if element.tail:
                element.tail = normalize(element.tail)
            if repairs.nfc and isinstance(element.tag, str):
                for name, value in element.attrib.items():
                    text = str(value)
                    if not text.isascii():
                        element.set(name, unicodedata.normalize("NFC", text))
    if not policy.strip_comments:
        for comment in root.iter(etree.Comment):
            comment.text = _comment_text(comment.text or "")


# Character references that can decode into anything (a combining mark, a zero-width space).
_UNUSUAL_REFERENCE = re.compile(r"&(?!(?:nbsp|amp|lt|gt|quot|apos|#39);)")


def _may_need_normalizing(source: str, repairs: Repairs) -> bool:
    if _UNUSUAL_REFERENCE.search(source):
        return True
    if repairs.zero_width and _ZERO_WIDTH.search(source):
        return True
    return repairs.nfc and not source.isascii() and not unicodedata.is_normalized("NFC", source)


_ATTRIBUTE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _clean_attributes(element: etree._Element, tag: str, plan: _Plan) -> None:
    attrib = element.attrib
    if not attrib:
        return
    allowed = plan.attributes.get(tag, frozenset())
    repairs = plan.repairs
    if any(not _ATTRIBUTE_NAME.match(str(name)) for name in attrib):
        # libxml2 keeps attribute names lxml will not address ("a{b", "x:"): keep
        # only the well-formed ones, by clearing all and setting those back.
        kept = [(name, value) for name, value in attrib.items() if _ATTRIBUTE_NAME.match(str(name))]
        attrib.clear()
        for name, value in kept:
            attrib[name] = value
    for name in list(attrib):
        # Editor attributes go by pattern even when a custom policy allows data-*/style.
        if name not in allowed or (plan.editor is not None and plan.editor(name)):
            del attrib[name]
            continue
        if name in URL_ATTRIBUTES:
            value = str(attrib[name])
            if repairs.url_schemes:
                value = repair_url_scheme(value)
                attrib[name] = value
            scheme = url_scheme(value)
            if scheme is not None and scheme not in plan.protocols:
                del attrib[name]
    if tag == "a":
        if repairs.rel:
            rewrite_rel(element, plan.policy)
        elif "target" in attrib:
            # Without the rel repair nothing adds noopener: no new windows at all then.
            del attrib["target"]


def _text_normalizer(nfc: bool, zero_width: bool) -> Callable[[str], str] | None:
    if not (nfc or zero_width):
        return None

    def normalize(text: str) -> str:
        if zero_width:
            text = remove_zero_width(text)
        if nfc and not text.isascii():
            text = unicodedata.normalize("NFC", text)
        return text

    return normalize


# -- serialization -----------------------------------------------------------------
# lxml's XML serializer, not its HTML one: libxml2's HTML output percent-encodes
# non-ASCII href/src values, which would change every Korean URL for nothing.
# The XML form is read the same by HTML parsers once no non-void element is
# self-closed (see step 4 of _clean) and is written in C.


def _serialize(root: etree._Element) -> str:
    if root.text is None:
        root.text = ""
    out = etree.tostring(root, encoding="unicode", method="xml")
    # <html> and <body> (several, with stray text, in broken input) were unwrapped.
    if out.startswith("<html>") and out.endswith("</html>"):
        out = out[6:-7]
    if "/>" in out:
        # To HTML "<p/>" opens a <p> that never closes: write empty elements in full.
        # (libxml2 escapes "<" and ">" in attribute values, so the pattern is exact.)
        out = _SELF_CLOSED.sub(_open_close, out)
    return out.replace("\xa0", "&nbsp;")


_SELF_CLOSED = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)/>")


def _open_close(found: re.Match[str]) -> str:
    tag = found.group(1)
    if tag in _VOID:
        return found.group()
    return f"<{tag}{found.group(2)}></{tag}>"


_COMMENT_BREAKERS = re.compile(r"--|<!|^-?>|-$")


def _comment_text(text: str) -> str:
    # A comment that could end early or nest in some parser is made plain.
    return _COMMENT_BREAKERS.sub(" ", text)
