"""The sanitizing functions: :func:`sanitize_html` for HTML, :func:`sanitize` for posts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newspost.sanitize._engines import get_engine
from newspost.sanitize._policy import Policy, get_policy
from newspost.sanitize._repairs import prepare

if TYPE_CHECKING:
    from newspost.model import Post

__all__ = ["collapse_spaces", "sanitize", "sanitize_html"]


# A paragraph the engine's parser left with nothing but whitespace in it.
_EMPTY_PARAGRAPH = re.compile(r"<p>[ \t\r\n]*</p>")


def sanitize_html(html: str, policy: str | Policy = "standard", *, engine: str = "bleach") -> str:
    """Sanitize an HTML fragment: run the policy's repairs, then its allowlist engine.

    The repairs run first so that the engine, the safety boundary, has the
    last word: nothing a repair does can survive unless the policy allows it.
    The result is stable: sanitizing it again gives it back unchanged.

    Args:
        html: An HTML fragment (a post body, a block, an inline snippet).
        policy: A registered policy name (``"strict"``, ``"standard"``,
            ``"permissive"`` or your own) or a :class:`Policy`.
        engine: ``"bleach"`` (default) or ``"nh3"`` (``pip install newspost[fast]``).

    Raises:
        PolicyError: unknown policy or engine, or nh3 missing.

    Example:
        >>> from newspost.sanitize import sanitize_html
        >>> sanitize_html('<p data-ke-size="size16">Hi <a href="httpss://a.kr" '
        ...               'rel="dofollow" onclick="steal()">there</a></p><p>&nbsp;</p>')
        '<p>Hi <a href="https://a.kr">there</a></p>'
    """
    chosen = get_policy(policy)
    cleaner = get_engine(engine)
    if not html:
        return ""
    cleaned = cleaner.clean(prepare(html, chosen), chosen)
    if "></" in cleaned:
        # The engine's parser reopens formatting elements around leftover
        # whitespace ("<b>\n</b>"); dropped now, they cannot pile up pass after pass.
        cleaned = _drop_empty_formatting(cleaned)
    if chosen.repairs.empty_paragraphs and "</p>" in cleaned:
        # HTML5 parsing closes a <p> before a block inside it and turns the stray
        # </p> into an empty paragraph: remove those too, or a second pass would;
        # with the line break it held too ("<p>\n<figure>" leaves "<p>\n</p>").
        cleaned = _EMPTY_PARAGRAPH.sub("", cleaned)
    for _ in range(3):
        if not (_BLOCK_IN_PHRASING.search(cleaned) or _BLOCK_IN_LIST.search(cleaned)):
            break
        # The engine's parser (html5lib) keeps a block inside a heading, a
        # paragraph, a <pre>, a phrase ("<b>…<p>") or a list outside its items
        # ("<ul><pre>") that the repairs' parser (libxml2) would move out; another
        # pass settles it where a second sanitize would, so the result is stable.
        again = cleaner.clean(prepare(cleaned, chosen), chosen)
        if chosen.repairs.empty_paragraphs:
            again = _EMPTY_PARAGRAPH.sub("", again)
        if again == cleaned:
            break
        cleaned = again
    return _kept_as_written(html, cleaned)


def _kept_as_written(html: str, cleaned: str) -> str:
    """``cleaned`` with what the engines rewrite for no visible change put back as in ``html``."""
    if "<pre" in html or "<PRE" in html:
        cleaned = _keep_pre_newlines(html, cleaned)
    if "/>" in html:
        cleaned = _keep_void_slashes(html, cleaned)
    return cleaned


# An HTML void element's tag (attribute values may hold ">"), and its closing slash.
_VOID_TAG = re.compile(
    r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b"
    r"""(?:[^<>"']|"[^"]*"|'[^']*')*?(\s*/)?>""",
    re.IGNORECASE,
)


def _keep_void_slashes(html: str, cleaned: str) -> str:
    """Put back the slash of ``<br />``, ``<img ... />`` and ``<hr/>`` that the engine dropped.

    The engines write void elements the HTML way (``<br>``); XHTML's ``<br />`` means
    the same, and WordPress and Blogger exports, and many hand-written posts, write
    every one so: `fix_text` would rewrite each such line for nothing. The tags are
    paired in order, as written; when the engine removed or added one, the result is
    left as it is.
    """
    wanted = [(found.group(1).lower(), found.group(2)) for found in _VOID_TAG.finditer(html)]
    if not any(slash for _, slash in wanted):
        return cleaned
    found = list(_VOID_TAG.finditer(cleaned))
    if [name for name, _ in wanted] != [match.group(1).lower() for match in found]:
        return cleaned
    pieces: list[str] = []
    start = 0
    for match, (_, slash) in zip(found, wanted, strict=True):
        if slash and not match.group(2):
            pieces.extend((cleaned[start : match.end() - 1], slash))
            start = match.end() - 1
    return "".join(pieces) + cleaned[start:] if pieces else cleaned


# An opening <pre> tag and the line break right after it, if any.
_PRE_OPEN = re.compile(r"<pre\b[^<>]*>(\r?\n)?", re.IGNORECASE)


def _keep_pre_newlines(html: str, cleaned: str) -> str:
    r"""Put back the line break the engine dropped after each ``<pre>`` that had one.

    HTML parsers ignore a line break right after ``<pre>``, and the engines'
    serializers do not write it again: ``<pre>\ncode`` comes out ``<pre>code``.
    It renders the same, but it is the author's layout (WordPress and Blogger
    exports write every ``<pre>`` so), and `fix_text` would rewrite it in every
    such post. The tags are paired in order; when the engine removed one, the
    result is left as it is.
    """
    wanted = [match.group(1) for match in _PRE_OPEN.finditer(html)]
    if not any(wanted):
        return cleaned
    found = list(_PRE_OPEN.finditer(cleaned))
    if len(found) != len(wanted):
        return cleaned
    pieces: list[str] = []
    start = 0
    for match, newline in zip(found, wanted, strict=True):
        if newline and not match.group(1):
            pieces.extend((cleaned[start : match.end()], newline))
            start = match.end()
    return "".join(pieces) + cleaned[start:] if pieces else cleaned


_EMPTY_FORMATTING = re.compile(
    r"<(b|strong|i|em|u|s|del|ins|mark|small|sub|sup|span|code|abbr|q|cite)>(\s*)</\1>"
)


def _drop_empty_formatting(html: str) -> str:
    while True:
        shorter = _EMPTY_FORMATTING.sub(r"\2", html)
        if shorter == html:
            return html
        html = shorter


_BLOCK_IN_PHRASING = re.compile(
    r"<(h[1-6]|p|pre|b|strong|i|em|u|s|a|span|font|small|code|mark|sub|sup|q|cite|abbr|del|ins)"
    r"\b[^>]*>(?:(?!</\1>).)*?"
    r"<(?:p|div|ul|ol|li|dl|dt|dd|table|tr|td|th|caption|blockquote|pre|h[1-6]|figure|"
    r"figcaption|hr|section|article|aside|header|footer|nav|main|details|summary|address)\b",
    re.IGNORECASE | re.DOTALL,
)


# A block straight inside a list, not in an item: what is left of "<ul><span><pre>" once
# the <span> is gone.
_BLOCK_IN_LIST = re.compile(
    r"<(?:ul|ol)\b[^<>]*>\s*<(?:p|div|pre|table|blockquote|h[1-6]|figure|hr|section|article)\b",
    re.IGNORECASE,
)


_SPACES = re.compile(r"\s+")


def collapse_spaces(text: str) -> str:
    r"""Collapse runs of whitespace (``&nbsp;``, tabs, newlines included) into one space, trimmed.

    The front matter repair for titles such as ``"체결 서명 즉시 발효  행정안전부"``.

    Example:
        >>> collapse_spaces("  Seoul\u00a0 news \n today ")
        'Seoul news today'
    """
    return _SPACES.sub(" ", text).strip()


def sanitize(post: Post, policy: str | Policy = "standard", *, engine: str = "bleach") -> Post:
    r"""Sanitize a post's body: its HTML pieces, and dangerous Markdown link targets.

    Raw HTML blocks and inline HTML tags are sanitized with :func:`sanitize_html`;
    Markdown text is left as written, so the visible text, sections, tables and
    sources keep their count. Markdown links and images whose URL scheme the
    policy does not allow (``[x](javascript:...)``, or a reference to such a
    definition) become their text, and the definition goes, as an HTML sanitizer
    unwraps ``<a href="javascript:...">``; mistyped ``httpss://`` targets are
    fixed. The front matter text is kept verbatim. An HTML post (``.html``/``.htm``)
    is sanitized as one fragment.

    Args:
        post: A parsed post (:func:`newspost.loads`).
        policy: A policy name or :class:`Policy`.
        engine: ``"bleach"`` or ``"nh3"``.

    Returns:
        A new post; the same post when nothing changed.

    Example:
        >>> from newspost import loads, dumps
        >>> from newspost.sanitize import sanitize
        >>> post = loads('---\ntitle: T\n---\nHi [x](javascript:alert(1)) and '
        ...              '<b onclick="x()">bold</b>\n')
        >>> print(dumps(sanitize(post)), end="")
        ---
        title: T
        ---
        Hi x and <b>bold</b>
    """
    from newspost.sanitize._markdown import sanitize_body

    chosen = get_policy(policy)
    body = post.body
    path = (post.path or "").lower()
    if path.endswith((".html", ".htm")):
        # The whole of sanitize_html, not the engine alone: its passes settle what
        # the engine's parser leaves (an empty <p> around a block it moved out of
        # one), which a second sanitize removed.
        new_body = sanitize_html(body, chosen, engine=engine) if body else body
        if body.endswith("\n") and not new_body.endswith("\n"):
            new_body += "\n"
    else:
        new_body = sanitize_body(body, chosen, engine, flavor=post.flavor)
    if new_body == body:
        return post
    return post.with_body(new_body)
